"""Derive the controller base URL from the ``host``/``port``/``secure`` triple users pass.

The rules follow the documented behaviour of the reference client (a scheme in ``host`` decides
``secure``; an explicit ``port`` beats one in ``host``; with no scheme, port 443 means HTTPS;
otherwise 443/80 by ``secure``) so existing configurations keep resolving to the same URL.
Deliberate differences: a path in ``host`` is kept as a prefix, IPv6 literals keep their
brackets, ``"443"`` behaves like ``443``, and bad input fails with a ``ValueError``.
"""

from __future__ import annotations

import ipaddress
import logging
import urllib.parse

import attrs

from ._exceptions import ArgumentTypeError, InvalidArgumentError

__all__ = ["BaseURL", "is_loopback_host", "resolve_base_url"]

logger = logging.getLogger("scaleout")

_DEFAULT_PORTS = {"http": 80, "https": 443}


@attrs.frozen
class BaseURL:
    """A resolved controller address. ``host`` is lowercase and has no IPv6 brackets."""

    scheme: str
    host: str
    port: int
    path_prefix: str = ""

    @property
    def secure(self) -> bool:
        return self.scheme == "https"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def url(self) -> str:
        """Always with an explicit port and never with a trailing slash."""
        return f"{self.scheme}://{self.netloc}{self.path_prefix}"

    def join(self, path: str) -> str:
        """Absolute URL for ``path`` (e.g. ``/api/auth/refresh``) under the prefix."""
        return f"{self.url}/{path.lstrip('/')}"

    def __str__(self) -> str:
        return self.url


def resolve_base_url(
    host: str,
    port: int | str | None = None,
    secure: bool | None = None,
) -> BaseURL:
    """Resolve ``host`` (``"example.com"``, ``"https://h:8443/edge"``...) into a :class:`BaseURL`.

    Raises :class:`InvalidArgumentError` for an empty host, control characters, a scheme
    other than http/https, or a bad port, and :class:`ArgumentTypeError` for a host that is
    not a string. Userinfo, query and fragment in ``host`` are dropped.
    """
    if host is not None and not isinstance(host, str):
        raise ArgumentTypeError(f"host must be a str, not {type(host).__name__}")
    if not host or not host.strip():
        raise InvalidArgumentError("host must be a non-empty string such as 'https://example.com'")
    text = host.strip()
    # urlsplit silently drops tabs and newlines (and so would join the parts around them).
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise InvalidArgumentError("host must not contain control characters")

    scheme_given = "://" in text
    if not scheme_given:
        text = f"http://{_bracket_bare_ipv6(text)}"
    parts = urllib.parse.urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidArgumentError(
            f"host has an unsupported URL scheme {scheme!r} (use 'http' or 'https')"
        )

    hostname = parts.hostname  # lowercased, brackets and userinfo removed
    if not hostname:
        raise InvalidArgumentError("host has no hostname; expected e.g. 'https://example.com'")
    if any(ch.isspace() for ch in hostname):
        raise InvalidArgumentError("host must not contain whitespace")

    try:
        host_port = parts.port
    except ValueError:
        raise InvalidArgumentError(
            "host contains an invalid port; expected an integer 1-65535"
        ) from None
    if host_port == 0:
        raise InvalidArgumentError("host contains an invalid port 0; expected an integer 1-65535")

    arg_port = _parse_port(port)

    resolved_secure: bool | None = secure
    if scheme_given:
        resolved_secure = scheme == "https"
        if secure is not None and secure != resolved_secure:
            logger.warning(
                "The %r scheme in host overrides secure=%s; using %s",
                scheme,
                secure,
                scheme.upper(),
            )

    final_port: int | None = host_port
    if arg_port is not None:
        if host_port is not None and host_port != arg_port:
            logger.warning(
                "port=%d overrides port %d given in host; using %d", arg_port, host_port, arg_port
            )
        final_port = arg_port

    if resolved_secure is None:
        resolved_secure = final_port == 443
    if final_port is None:
        final_port = 443 if resolved_secure else 80

    if not resolved_secure and final_port == 443:
        logger.warning("Using plain HTTP to port 443, which is normally HTTPS; pass secure=True")

    return BaseURL(
        scheme="https" if resolved_secure else "http",
        host=hostname,
        port=final_port,
        path_prefix=parts.path.rstrip("/"),
    )


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``/``*.localhost`` and loopback IP literals (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parse_port(port: int | str | None) -> int | None:
    if port is None or port == "":
        return None
    if isinstance(port, bool):
        raise ArgumentTypeError("port must be an integer 1-65535, not a bool")
    if isinstance(port, str):
        text = port.strip()
        if not text.isdigit():
            raise InvalidArgumentError(f"port must be an integer 1-65535, got {port!r}")
        value = int(text)
    elif isinstance(port, int):
        value = port
    else:
        raise ArgumentTypeError(f"port must be an integer 1-65535, not {type(port).__name__}")
    if not 1 <= value <= 65535:
        raise InvalidArgumentError(f"port must be an integer 1-65535, got {value}")
    return value


def _bracket_bare_ipv6(text: str) -> str:
    """Wrap an unbracketed IPv6 literal (``::1``) so urlsplit does not read it as host:port."""
    authority = text.split("/", 1)[0]
    if authority.count(":") < 2 or authority.startswith("["):
        return text
    try:
        ipaddress.IPv6Address(authority)
    except ValueError:
        return text
    return f"[{authority}]{text[len(authority) :]}"
