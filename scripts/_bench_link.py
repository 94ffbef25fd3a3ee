"""A "real link" on 127.0.0.1 for ``scripts/bench.py``: TLS in front of a controller, behind a
TCP proxy that delays every byte.

    client --TCP--> delay proxy (+delay each way) --TCP--> TLS front --plain HTTP--> controller

The TLS front terminates TLS with a self-signed certificate (:func:`make_self_signed_cert`),
as a reverse proxy in front of a real controller does; the delay proxy sits before it, so TCP
and TLS handshakes pay the round trip as they would on a network. Both run on one asyncio
loop, in a process of their own when the benchmark starts them (``python _bench_link.py``
prints the proxy's port and serves until killed or ``--max-seconds`` have passed), or in a
thread (:class:`LinkThread`, for the tests).

Only the standard library is needed; the certificate is made with the ``cryptography``
package when it is installed, otherwise with the ``openssl`` command.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as _dt
import ipaddress
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

__all__ = ["LinkThread", "make_self_signed_cert", "serve_link", "start_link"]

_READ = 256 * 1024


def make_self_signed_cert(directory: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """Write ``cert.pem`` and ``key.pem`` (ECDSA P-256, valid for ``host`` and localhost,
    two days) into ``directory``; the certificate is its own CA."""
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        _with_cryptography(cert, key, host)
    except ImportError:
        _with_openssl(cert, key, host)
    key.chmod(0o600)
    return cert, key


def _with_cryptography(cert: Path, key: Path, host: str) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = _dt.datetime.now(_dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _with_openssl(cert: Path, key: Path, host: str) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("making a certificate needs the cryptography package or openssl")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=IP:{host},DNS:localhost",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _delayed_pump(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    delay: float,
    not_before: float = 0.0,
) -> None:
    """Copy ``reader`` to ``writer``, each piece ``delay`` seconds after it arrived (and not
    before the loop time ``not_before``): latency, not a bandwidth limit (pieces in flight
    overlap)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(_READ)
            queue.put_nowait((max(loop.time(), not_before) + delay, data))
            if not data:
                break
        await sender
    except (ConnectionError, OSError):
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(BaseException):
            await sender
        with contextlib.suppress(Exception):
            if writer.can_write_eof():
                writer.write_eof()


def _forwarder(host: str, port: int, delay: float) -> Handler:
    """Forward connections to ``host:port``, delaying both ways.

    The kernel completes the TCP handshake with this proxy at once, where a real link takes a
    round trip: so what the client sends first is held back one round trip more, as if its
    ``connect()`` had taken that long.
    """

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handshake_done = asyncio.get_running_loop().time() + 2 * delay
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        except OSError:
            writer.close()
            return
        try:
            await asyncio.gather(
                _delayed_pump(reader, upstream_writer, delay, handshake_done),
                _delayed_pump(upstream_reader, writer, delay),
            )
        finally:
            for closing in (writer, upstream_writer):
                closing.close()
                with contextlib.suppress(Exception):
                    await closing.wait_closed()

    return handle


async def start_link(
    controller_port: int, cert: Path, key: Path, delay: float
) -> tuple[asyncio.Server, asyncio.Server]:
    """Start the TLS front (to the controller) and the delay proxy (to the front) on
    127.0.0.1; the proxy's port is where clients connect (``https://127.0.0.1:PORT``)."""
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    front = await asyncio.start_server(
        _forwarder("127.0.0.1", controller_port, 0.0), "127.0.0.1", 0, ssl=tls
    )
    front_port = front.sockets[0].getsockname()[1]
    proxy = await asyncio.start_server(_forwarder("127.0.0.1", front_port, delay), "127.0.0.1", 0)
    return front, proxy


async def serve_link(
    controller_port: int, cert: Path, key: Path, delay: float, max_seconds: float
) -> None:
    front, proxy = await start_link(controller_port, cert, key, delay)
    print(f"link listening on {proxy.sockets[0].getsockname()[1]}", flush=True)
    async with front, proxy:
        await asyncio.sleep(max_seconds)


class LinkThread:
    """The link served by a thread of this process (for tests): ``with LinkThread(...) as
    port``."""

    def __init__(self, controller_port: int, cert: Path, key: Path, delay: float = 0.01) -> None:
        self._args = (controller_port, cert, key, delay)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: tuple[asyncio.Server, asyncio.Server] | None = None

    def __enter__(self) -> int:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(start_link(*self._args), self._loop)
        self._servers = future.result(timeout=10)
        return int(self._servers[1].sockets[0].getsockname()[1])

    def __exit__(self, *exc_info: object) -> None:
        async def stop() -> None:
            assert self._servers is not None
            for server in self._servers:
                server.close()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--controller-port", type=int, required=True)
    parser.add_argument("--cert", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--delay", type=float, default=0.01, help="seconds added each way")
    parser.add_argument("--max-seconds", type=float, default=1800.0)
    args = parser.parse_args(argv)
    asyncio.run(serve_link(args.controller_port, args.cert, args.key, args.delay, args.max_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
