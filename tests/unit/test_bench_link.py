"""The pieces of ``scripts/bench.py``'s real link: the certificate it makes and the delaying
TLS proxy. Only lower bounds on time are checked: a delay can be longer on a busy machine,
never shorter."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from _bench_link import LinkThread, make_self_signed_cert

DELAY = 0.05


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b"hello " + self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def allowed_hosts() -> list[str]:
    """Let pytest-recording's ``--block-network`` through to loopback, and nowhere else."""
    return [r"127\.0\.0\.1$"]


@pytest.fixture
def plain_server() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_certificate_is_valid_for_127_0_0_1(tmp_path: Path) -> None:
    cert, key = make_self_signed_cert(tmp_path / "tls")
    assert key.stat().st_mode & 0o777 == 0o600
    context = ssl.create_default_context(cafile=str(cert))
    assert context.cert_store_stats()["x509_ca"] == 1
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)  # the key matches the certificate


def test_the_link_serves_verified_tls_and_delays_each_way(
    tmp_path: Path, plain_server: int
) -> None:
    cert, key = make_self_signed_cert(tmp_path / "tls")
    with LinkThread(plain_server, cert, key, delay=DELAY) as port:
        verify = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(base_url=f"https://127.0.0.1:{port}", verify=verify) as client:
            started = time.perf_counter()
            first = client.get("/one")
            first_seconds = time.perf_counter() - started
            started = time.perf_counter()
            second = client.get("/two")
            second_seconds = time.perf_counter() - started
        with (
            httpx.Client(base_url=f"https://127.0.0.1:{port}") as unverified,
            pytest.raises(httpx.ConnectError),
        ):
            unverified.get("/three")  # a self-signed certificate: refused without its CA
    assert (first.text, second.text) == ("hello /one", "hello /two")
    # A new connection: TCP handshake (held back a round trip), TLS, then the request.
    assert first_seconds >= 5 * DELAY
    # The same connection again: one round trip.
    assert second_seconds >= 2 * DELAY
