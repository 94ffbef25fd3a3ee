"""Token text: the checks a credential passes before use, and the JWT claims the SDK reads.

No function here puts a token's value into an error message.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any, Final

from ._exceptions import ArgumentTypeError, InvalidArgumentError

__all__ = [
    "check_scheme",
    "check_token",
    "first_str",
    "header_value",
    "jwt_claims",
    "jwt_expiry",
    "seconds",
    "strip_scheme_word",
]

# Scheme words users paste in front of tokens ("Bearer abc").
_SCHEME_WORDS: Final = frozenset({"bearer", "token", "jwt"})


def jwt_claims(token: str) -> dict[str, Any] | None:
    """The payload of a JWT, decoded WITHOUT verifying the signature; None if not a JWT.

    Only used to read hints (``exp``, ``token_type``) that the server verifies anyway.
    """
    parts = token.split(".")
    if len(parts) != 3 or not parts[1]:
        return None
    segment = parts[1]
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def jwt_expiry(token: str) -> float | None:
    claims = jwt_claims(token)
    if claims is None:
        return None
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return None
    return float(exp)


def seconds(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return seconds if 0 < seconds < float("inf") else None


def first_str(data: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def check_scheme(scheme: str, *, name: str = "scheme") -> str:
    if not isinstance(scheme, str) or not scheme.strip() or len(scheme.split()) != 1:
        raise InvalidArgumentError(f"{name} must be a single word such as 'Bearer'")
    if not scheme.strip().isprintable():
        raise InvalidArgumentError(f"{name} contains control characters")
    return scheme.strip()


def check_token(token: str, name: str) -> str:
    # Messages name the argument but never echo its value.
    if not isinstance(token, str):
        raise ArgumentTypeError(f"{name} must be a string")
    value = token.strip()
    if not value:
        raise InvalidArgumentError(f"{name} must not be empty")
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise InvalidArgumentError(f"{name} must not contain whitespace or control characters")
    return value


def strip_scheme_word(token: str, scheme: str, name: str) -> str:
    """Accept ``"Bearer abc"`` for ``"abc"``; reject a bare scheme word or an empty token."""
    if not isinstance(token, str):
        raise ArgumentTypeError(f"{name} must be a string")
    words = token.split()
    known = _SCHEME_WORDS | {scheme.lower()}
    if not words:
        raise InvalidArgumentError(f"{name} must not be empty")
    if len(words) == 1 and words[0].lower() in known:
        raise InvalidArgumentError(
            f"{name} contains only the scheme word {words[0]!r}, not a token"
        )
    if len(words) == 2 and words[0].lower() in known:
        return check_token(words[1], name)
    if len(words) > 1:
        raise InvalidArgumentError(
            f"{name} must be a single token, optionally prefixed by {scheme!r}"
        )
    return check_token(words[0], name)


def header_value(scheme: str, token: str) -> str:
    return f"{scheme} {token}"
