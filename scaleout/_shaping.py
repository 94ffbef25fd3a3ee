"""Request shaping: how every request goes on the wire, whoever built it.

The HTTP core passes every request through :func:`shape` once (a ``build_request`` of the
generated client, a generated function called through ``client.api``, or the core's own
``request()``), so these rules hold everywhere:

* the query: ``None`` means "not set" and is left out, :data:`NULL` is the server's ``null``
  literal, booleans are ``true``/``false``, a list repeats its key;
* a body-less request carries no ``Content-Type`` (the generator declares one even when an
  optional body is left out, and strict servers refuse an empty body labelled JSON);
* a path segment ``.`` or ``..`` (only an id can produce one) is percent-escaped, or URL
  normalisation would drop it and the request would reach another route;
* a multipart body (``files``) carries no ``Content-Type`` of the operation's: the generator
  declares one with a fixed boundary, which a binary file could contain, so httpx picks a
  random one;
* a ``stream`` (a body of the SDK's own making, with its headers) is passed on as it is;
* the per-call ``extra_headers`` are added last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["BODY_KEYS", "NULL", "encode_query", "escape_dot_segments", "shape"]

#: The request body keywords of ``httpx.Client.build_request`` (one at most per request).
BODY_KEYS: Final = ("json", "data", "content", "files")

_DOT_SEGMENTS: Final = {".": "%2E", "..": "%2E%2E"}


class _Null:
    """The query value ``null``, which the server's filters read as "the field is null"."""

    def __repr__(self) -> str:
        return "NULL"


NULL: Final = _Null()


def encode_query(params: Mapping[str, Any] | None) -> list[tuple[str, str]] | None:
    """The query pairs of ``params``, in order; None when there are none."""
    if not params:
        return None
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            pairs.append((key, _scalar(value)))
        else:
            pairs.extend((key, _scalar(item)) for item in value if item is not None)
    return pairs or None


def _scalar(value: object) -> str:
    if value is NULL:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def escape_dot_segments(path: str) -> str:
    return "/".join(_DOT_SEGMENTS.get(segment, segment) for segment in path.split("/"))


def shape(
    kwargs: Mapping[str, Any],
    *,
    extra_params: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Keyword arguments for ``httpx.Client.build_request`` from an operation's ``kwargs``
    (``method``, ``url`` and optionally ``params``, ``headers`` and one body keyword)."""
    unknown = set(kwargs) - {"method", "url", "params", "headers", "cookies", "stream", *BODY_KEYS}
    if unknown:
        raise TypeError(f"unexpected request arguments: {', '.join(sorted(unknown))}")
    headers = {str(k): str(v) for k, v in (kwargs.get("headers") or {}).items()}
    has_body = any(kwargs.get(key) is not None for key in (*BODY_KEYS, "stream"))
    if not has_body or kwargs.get("files") is not None or kwargs.get("stream") is not None:
        for name in [name for name in headers if name.lower() == "content-type"]:
            del headers[name]
    if extra_headers:
        headers.update(extra_headers)
    params = dict(kwargs.get("params") or {})
    if extra_params:
        params.update(extra_params)
    shaped: dict[str, Any] = {
        "method": str(kwargs["method"]).upper(),
        "url": escape_dot_segments(str(kwargs["url"])),
        "params": encode_query(params),
        "headers": headers or None,
    }
    if kwargs.get("cookies"):
        shaped["cookies"] = kwargs["cookies"]
    for key in (*BODY_KEYS, "stream"):
        if kwargs.get(key) is not None:
            shaped[key] = kwargs[key]
    return shaped
