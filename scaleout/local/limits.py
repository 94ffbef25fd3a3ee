"""ASGI middleware of the local controller: a chunk size limit, and an optional delay.

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

__all__ = ["ChunkSizeLimit", "ResponseDelay", "operation_of"]

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


class ChunkSizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or operation_of(scope) not in _LIMITED_OPERATIONS:
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
