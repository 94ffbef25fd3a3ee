"""ASGI middleware of the local controller: size limits on requests, an optional delay, and
the absence of the chunked-upload routes (a controller like FEDn 0.33).

``BodySizeLimit`` answers 413 before a body is read: an upload chunk may be
``max_chunk_size`` bytes, a multipart form carrying a whole model or package ``max_file_size``
plus room for its other fields, any other body ``MAX_BODY_SIZE`` (every JSON or form body of the API
is a few KB; without a bound, one request could make the store keep megabytes per entity).
It sits after routing and security (so it knows the operation and never helps an
unauthenticated caller) and before validation. A declared ``Content-Length`` above the limit
is refused at once; a body without one is read only until it passes the limit.

``HeaderSizeLimit`` answers 400 to a request whose header block is larger than
``MAX_HEADER_SIZE``, the same bound the HTTP parser applies to a block that arrives in pieces
(see ``server``), so the answer does not depend on how the bytes were split.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .errors import error_body

__all__ = [
    "MAX_BODY_SIZE",
    "MAX_HEADER_SIZE",
    "BodySizeLimit",
    "HeaderSizeLimit",
    "NoChunkedUploads",
    "ResponseDelay",
    "operation_of",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_CHUNK_OPERATIONS = frozenset({"upload_chunk"})
#: Operations whose multipart form carries a whole file (the FEDn form of an upload).
_FILE_FORM_OPERATIONS = frozenset({"add_model", "add_package"})
#: Room in a file form for its other fields and the parts' headers.
_FORM_OVERHEAD = 64 * 1024
#: The largest body of any request but an upload chunk.
MAX_BODY_SIZE = 1024 * 1024
#: The largest header block (request line and headers) of a request.
MAX_HEADER_SIZE = 64 * 1024


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


class HeaderSizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_HEADER_SIZE) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http":
            size = len(scope.get("raw_path", b"")) + len(scope.get("query_string", b""))
            size += sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
            if size > self.max_bytes:
                # 400 rather than 431: the spec's error statuses are what clients expect.
                await _refuse(send, 400, f"Request headers larger than {self.max_bytes} bytes")
                return
        await self.app(scope, receive, send)


class BodySizeLimit:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_chunk_size: int,
        max_file_size: int,
        max_body_size: int = MAX_BODY_SIZE,
    ) -> None:
        self.app = app
        self.max_chunk_size = max_chunk_size
        self.max_file_size = max_file_size
        self.max_body_size = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        operation = operation_of(scope) if scope.get("type") == "http" else None
        if operation is None:
            # Not an operation of the spec: answered 404/405 without reading the body.
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if operation in _FILE_FORM_OPERATIONS and _is_multipart(scope):
            limit = self.max_file_size + _FORM_OVERHEAD
            if declared is not None and declared > limit:
                refusal = f"File larger than the maximum of {self.max_file_size} bytes"
                await _refuse(send, 413, refusal)
                return
            # Not buffered here: the form parser spools the file to disk, and the upload
            # store stops copying it once it passes the file size limit.
            await self.app(scope, receive, send)
            return
        chunk = operation in _CHUNK_OPERATIONS
        limit = self.max_chunk_size if chunk else self.max_body_size
        refusal = f"{'Chunk' if chunk else 'Request body'} larger than {limit} bytes"
        if declared is not None and declared > limit:
            await _refuse(send, 413, refusal)
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
            if size > limit:
                await _refuse(send, 413, refusal)
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


async def _refuse(send: Send, status: int, message: str) -> None:
    body = error_body(message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _is_multipart(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-type":
            return bytes(value).split(b";")[0].strip().lower() == b"multipart/form-data"
    return False


def operation_of(scope: Scope) -> str | None:
    """The operationId connexion's routing found for the request, if it found one."""
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
