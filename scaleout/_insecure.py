"""Warnings about credentials that could be intercepted: plain HTTP, or TLS without verification.

Each is logged once per origin and process (on the ``scaleout.auth`` logger), whichever client
or auth object notices it first.
"""

from __future__ import annotations

import logging
import ssl
import threading

import httpx

from ._url import is_loopback_host

__all__ = ["warn_if_insecure"]

logger = logging.getLogger("scaleout.auth")

_warned: set[str] = set()
_warned_lock = threading.Lock()


def warn_if_insecure(url: str, verify: ssl.SSLContext | bool) -> None:
    parsed = httpx.URL(url)
    origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii', 'replace')}"
    if parsed.scheme == "http" and not is_loopback_host(parsed.host):
        _warn_once(
            f"http:{origin}",
            "Credentials for %s will be sent over plain HTTP and can be intercepted; "
            "use an https:// host or secure=True",
            origin,
        )
    if verify is False and parsed.scheme == "https":
        _warn_once(
            f"verify:{origin}",
            "TLS certificate verification is disabled for %s; credentials can be intercepted",
            origin,
        )


def _warn_once(key: str, message: str, *args: object) -> None:
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.warning(message, *args)
