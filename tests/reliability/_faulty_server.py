"""A scripted HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, over a real socket.

Each route answers from a queue of :class:`Fault` actions (the last one repeats): a normal
JSON answer, or a stall, a drip, a connection reset before or in the middle of the body, a
body shorter than its ``Content-Length``, a redirect, an HTML page... Every request is
recorded, so a test can assert what the SDK sent (and how often).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FaultyServer", "Received"]

#: How long any fault may hold a connection; keeps a broken test from hanging the suite.
MAX_HOLD_SECONDS = 5.0


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"


@dataclass
class Fault:
    """What the server does with one request (see the constructors below)."""

    kind: str
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    upto: int = 0


def answer(status: int = 200, body: Any = None, **headers: str) -> Fault:
    """A normal answer: ``body`` as JSON (bytes and str as they are)."""
    if isinstance(body, bytes):
        raw = body
    elif isinstance(body, str):
        raw = body.encode()
    else:
        raw = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    return Fault("answer", status, raw, {k.replace("_", "-"): v for k, v in headers.items()})


def stall(seconds: float) -> Fault:
    """Read the request, then say nothing for ``seconds`` and close."""
    return Fault("stall", seconds=seconds)


def drip(body: Any, every: float) -> Fault:
    """Headers at once, then the JSON body one byte every ``every`` seconds."""
    raw = json.dumps(body).encode()
    return Fault("drip", 200, raw, {"Content-Type": "application/json"}, seconds=every)


def reset_before_headers() -> Fault:
    return Fault("reset")


def reset_mid_body(body: Any, after: int) -> Fault:
    raw = json.dumps(body).encode()
    return Fault("reset_mid_body", 200, raw, {"Content-Type": "application/json"}, upto=after)


def short_body(body: Any, missing: int) -> Fault:
    """The full ``Content-Length`` announced, ``missing`` bytes fewer sent, then a clean close."""
    raw = json.dumps(body).encode()
    return Fault("short", 200, raw, {"Content-Type": "application/json"}, upto=len(raw) - missing)


def html(status: int, title: str) -> Fault:
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
    return answer(status, page, Content_Type="text/html")


def redirect(location: str, status: int = 307) -> Fault:
    return answer(status, b"", Location=location)


Plan = dict[tuple[str, str], list[Fault | Callable[[Received], Fault]]]


class FaultyServer:
    """Serves a :data:`Plan` on a free port of 127.0.0.1 until :meth:`close`."""

    def __init__(self, fallback: Callable[[Received], Fault] | None = None) -> None:
        self.plan: Plan = {}
        #: How a request no route of the plan names is answered (default: a JSON 404).
        self.fallback = fallback
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def on(self, method: str, path: str, *faults: Fault | Callable[[Received], Fault]) -> None:
        self.plan[(method.upper(), path)] = list(faults)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.received if (r.method, r.path) == (method.upper(), path))

    def close(self) -> None:
        self._closed.set()
        self._sock.close()

    def __enter__(self) -> FaultyServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- serving ---------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(MAX_HOLD_SECONDS)
        reader = conn.makefile("rb")
        try:
            while not self._closed.is_set():
                request = self._read_request(reader)
                if request is None:
                    return
                with self._lock:
                    self.received.append(request)
                    queue = self.plan.get((request.method, request.path.split("?")[0]))
                    step: Fault | Callable[[Received], Fault]
                    if queue:
                        step = queue.pop(0) if len(queue) > 1 else queue[0]
                    elif self.fallback is not None:
                        step = self.fallback
                    else:
                        step = answer(404, {"message": f"no route {request.method} {request.path}"})
                fault = step(request) if callable(step) else step
                if not self._act(conn, fault):
                    return
        except OSError:
            return
        finally:
            try:
                reader.close()
                conn.close()
            except OSError:
                pass

    @staticmethod
    def _read_request(reader: Any) -> Received | None:
        line = reader.readline()
        if not line:
            return None
        method, target, _ = line.decode("latin-1").split(" ", 2)
        headers: dict[str, str] = {}
        while (header := reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = header.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        body = reader.read(length) if length else b""
        return Received(method, target, headers, body)

    def _act(self, conn: socket.socket, fault: Fault) -> bool:
        """Carry out ``fault``; whether the connection stays open for another request."""
        if fault.kind == "reset":
            _reset(conn)
            return False
        if fault.kind == "stall":
            self._closed.wait(min(fault.seconds, MAX_HOLD_SECONDS))
            return False
        head = [f"HTTP/1.1 {fault.status} {_reason(fault.status)}"]
        headers = {"Content-Length": str(len(fault.body)), **fault.headers}
        head += [f"{name}: {value}" for name, value in headers.items()]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        if fault.kind == "answer":
            conn.sendall(fault.body)
            return True
        if fault.kind == "drip":
            deadline = time.monotonic() + MAX_HOLD_SECONDS
            for index in range(len(fault.body)):
                if self._closed.wait(fault.seconds) or time.monotonic() > deadline:
                    return False
                conn.sendall(fault.body[index : index + 1])
            return True
        conn.sendall(fault.body[: fault.upto])
        if fault.kind == "reset_mid_body":
            time.sleep(0.05)  # let the partial body arrive before the reset
            _reset(conn)
        return False


def _reset(conn: socket.socket) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a crashed server or a proxy would."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
