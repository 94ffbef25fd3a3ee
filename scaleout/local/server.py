"""Serving the app with uvicorn on a socket bound by us (so port 0 works), in a thread.

Requests the HTTP parser itself refuses (a broken request line, a bad byte in the target, a
header block beyond the limit arriving in pieces) are answered with the API's JSON error, as
every other error is, not with uvicorn's plain text.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import error_body
from .limits import MAX_HEADER_SIZE

__all__ = ["ServerThread", "bind"]

logger = logging.getLogger(__name__)


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # says TCP, and without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class JsonErrorH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering a request it cannot parse in the API's error shape."""

    def send_400_response(self, msg: str) -> None:
        body = error_body(msg)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            data = self.conn.send(event)
            if data:
                self.transport.write(data)
        self.transport.close()


class ServerThread:
    """uvicorn in a background thread, started and stopped synchronously."""

    def __init__(self, app: Any, sock: socket.socket, *, log_level: str = "warning") -> None:
        self._sock = sock
        config = uvicorn.Config(
            app,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            loop="asyncio",
            http=JsonErrorH11Protocol,
            h11_max_incomplete_event_size=MAX_HEADER_SIZE,
            ws="none",
            timeout_graceful_shutdown=2,
            timeout_keep_alive=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, name="scaleout-local-http", daemon=True)
        self._error: BaseException | None = None

    def _serve(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            logger.exception("the local controller's HTTP server stopped")

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError("the HTTP server failed to start") from self._error
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError("the HTTP server did not start in time")
            time.sleep(0.01)

    def stop(self, timeout: float = 5.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)
        self._sock.close()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()
