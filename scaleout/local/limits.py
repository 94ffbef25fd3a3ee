"""ASGI middleware of the local controller: a chunk size limit, an optional delay, and the
absence of the chunked-upload routes (a controller like FEDn 0.33).

A size limit on upload chunks that answers 413 before the body is read.

It sits after routing and security (so it knows the operation and never helps an
unauthenticated caller) and before validation. A declared ``Content-Length`` above the limit
is refused at once; a body without one is read only until it passes the limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .errors import error_body

__all__ = ["ChunkSizeLimit", "NoChunkedUploads", "ResponseDelay"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_LIMITED_OPERATIONS = frozenset({"upload_chunk"})


class ResponseDelay:
    """Holds every HTTP request ``seconds`` before handling it, without blocking a thread:
    the latency of a distant controller, for benchmarks of concurrent clients."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http":
            await asyncio.sleep(self.seconds)
        await self.app(scope, receive, send)


#: What FEDn 0.33 (Flask) answers for a route it does not have.
_FLASK_NOT_FOUND = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server. If you entered the URL manually "
    b"please check your spelling and try again.</p>\n"
)
_UPLOAD_ROUTES = "/api/v1/file-upload/"


class NoChunkedUploads:
    """Answers every request under ``/api/v1/file-upload/`` as a server without those routes
    does (Flask's HTML 404 page, before auth), so clients must use the multipart form."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not str(scope.get("path", "")).startswith(_UPLOAD_ROUTES):
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 404,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(_FLASK_NOT_FOUND)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": _FLASK_NOT_FOUND})


class ChunkSizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or _operation_id(scope) not in _LIMITED_OPERATIONS:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # No Content-Length (chunked transfer): buffer up to the limit, then replay.
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message.get("type") != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        replay = iter(messages)

        async def replayed() -> Message:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, send: Send) -> None:
        body = error_body(f"Chunk larger than {self.max_bytes} bytes")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _operation_id(scope: Scope) -> str | None:
    routing = scope.get("extensions", {}).get("connexion_routing", {})
    op = routing.get("operation_id")
    return op if isinstance(op, str) else None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
