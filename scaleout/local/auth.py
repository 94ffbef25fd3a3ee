"""Bearer authentication: a refresh token issued at start and short-lived HS256 access tokens.

The tokens are JSON Web Tokens signed with a random per-process key, built with the standard
library only. The refresh token is a JWT as well (``token_type: refresh``), so clients that
read a credential's claims to tell its kind (the 1.1.0 client does) see a plain refresh token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import time
import uuid
from collections.abc import Callable
from typing import Any

from .errors import ApiError

__all__ = [
    "ACCESS_ROLES",
    "TokenAuthority",
    "TokenError",
    "bearer_security_map",
    "decode_jwt",
    "encode_jwt",
]

ACCESS_ROLES = frozenset({"admin", "client"})
_HEADER = {"alg": "HS256", "typ": "JWT"}


class TokenError(Exception):
    """A token that cannot be used; the message is the API's 401 message."""


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def _sign(signing_input: bytes, secret: bytes) -> str:
    return _b64encode(hmac.new(secret, signing_input, hashlib.sha256).digest())


def encode_jwt(claims: dict[str, Any], secret: bytes) -> str:
    head = _b64encode(json.dumps(_HEADER, separators=(",", ":")).encode())
    body = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{head}.{body}".encode("ascii")
    return f"{head}.{body}.{_sign(signing_input, secret)}"


def decode_jwt(token: str, secret: bytes, *, now: float | None = None) -> dict[str, Any]:
    """Verified claims; raises TokenError("Invalid token" | "Token expired")."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("Invalid token")
    head, body, signature = parts
    try:
        header = json.loads(_b64decode(head))
        claims = json.loads(_b64decode(body))
        expected = _sign(f"{head}.{body}".encode("ascii"), secret)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise TokenError("Invalid token") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise TokenError("Invalid token")
    if not hmac.compare_digest(expected, signature) or not isinstance(claims, dict):
        raise TokenError("Invalid token")
    exp = claims.get("exp")
    if exp is not None:
        if not isinstance(exp, int | float) or isinstance(exp, bool) or not math.isfinite(exp):
            raise TokenError("Invalid token")
        if (time.time() if now is None else now) >= exp:
            raise TokenError("Token expired")
    return claims


class TokenAuthority:
    """Issues and checks the tokens of one controller run."""

    def __init__(
        self,
        *,
        access_token_ttl: float = 300.0,
        secret: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if access_token_ttl <= 0:
            raise ValueError("access_token_ttl must be positive")
        self.access_token_ttl = access_token_ttl
        self._secret = secret or os.urandom(32)
        self._clock = clock
        self.refresh_token = encode_jwt(
            {
                "token_type": "refresh",
                "role": "admin",
                "iat": int(clock()),
                "jti": uuid.uuid4().hex,
            },
            self._secret,
        )

    def refresh(self, refresh_token: str, role: str | None) -> dict[str, Any]:
        """The body of a successful ``POST /api/auth/refresh``; ApiError on failure."""
        wanted = role or "admin"
        if wanted not in ACCESS_ROLES:
            raise ApiError(400, f"Unknown role '{wanted}': use 'admin' or 'client'")
        try:
            claims = decode_jwt(refresh_token, self._secret, now=self._clock())
        except TokenError as exc:
            raise ApiError(401, str(exc)) from exc
        if claims.get("token_type") != "refresh":
            raise ApiError(401, "Invalid token")
        return {
            "access_token": self.issue_access_token(wanted),
            "expires_in": max(1, math.ceil(self.access_token_ttl)),
            "token_type": "Bearer",
        }

    def issue_access_token(self, role: str = "admin") -> str:
        now = self._clock()
        claims = {
            "token_type": "access",
            "role": role,
            "sub": "local-admin" if role == "admin" else "local-client",
            "iat": int(now),
            "exp": math.ceil(now + self.access_token_ttl),
            "jti": uuid.uuid4().hex,
        }
        return encode_jwt(claims, self._secret)

    def verify_access_token(self, token: str) -> dict[str, Any]:
        claims = decode_jwt(token, self._secret, now=self._clock())
        if claims.get("token_type") != "access" or claims.get("role") not in ACCESS_ROLES:
            raise TokenError("Invalid token")
        # Every access token issued here expires; one that does not was not issued here.
        if "exp" not in claims:
            raise TokenError("Invalid token")
        return claims

    def check_authorization(self, header: str | None) -> dict[str, Any]:
        """Claims of a valid ``Authorization: Bearer <token>``; TokenError otherwise."""
        if not header or not header.strip():
            raise TokenError("Missing token")
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise TokenError("Invalid token scheme, expected Bearer")
        if not token.strip():
            raise TokenError("Missing token")
        return self.verify_access_token(token.strip())


def bearer_security_map(authority: TokenAuthority) -> dict[str, Any]:
    """A connexion ``security_map`` whose bearer handler checks tokens of ``authority``."""
    from connexion.exceptions import (  # type: ignore[import-untyped, unused-ignore]
        OAuthProblem,
    )
    from connexion.security import (  # type: ignore[import-untyped, unused-ignore]
        BearerSecurityHandler,
    )

    def verify(request: Any) -> dict[str, Any]:
        try:
            return authority.check_authorization(request.headers.get("Authorization"))
        except TokenError as exc:
            raise OAuthProblem(detail=str(exc)) from exc

    class LocalBearerHandler(BearerSecurityHandler):  # type: ignore[misc]
        def get_fn(self, security_scheme: Any, required_scopes: Any) -> Callable[[Any], Any]:
            return verify

    return {"bearer": LocalBearerHandler}
