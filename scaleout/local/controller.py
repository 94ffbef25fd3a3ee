"""``LocalController``: an embedded Scaleout Edge controller for local runs and tests."""

from __future__ import annotations

import gzip
import http.client
import io
import ipaddress
import logging
import shutil
import tarfile
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from . import task
from .app import build_app
from .datadir import DataDirLock
from .faults import Faults
from .federation import ClientBehaviour, Federation
from .http import Handler
from .logs import quiet_library_loggers
from .server import ServerThread, bind
from .services import Options, Services
from .spec import load_spec
from .uploads import DEFAULT_MAX_CHUNK_SIZE, DEFAULT_MAX_FILE_SIZE

__all__ = ["LocalController", "write_compute_package", "write_seed_model"]

logger = logging.getLogger(__name__)


def write_seed_model(path: str | Path, *, random: bool = False, seed: int = 0) -> Path:
    """Write an ``.npz`` seed model that fits the simulated task (zeros unless ``random``)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    task.write_weights(task.seed_weights(seed=seed, random=random), target)
    return target


def write_compute_package(path: str | Path) -> Path:
    """Write a minimal compute package archive (``.tgz``); the simulated clients run their own
    training code, so any archive will do. Its bytes are the same on every call."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for name, text in _PACKAGE_FILES:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0  # fixed, so uploads of it can be recorded and replayed
            tar.addfile(info, io.BytesIO(data))
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(archive.getvalue())
    return target


_PACKAGE_FILES = (
    ("package/scaleout.yaml", "entry_points:\n  train:\n    command: python train.py\n"),
    ("package/train.py", "# Training runs in the local controller's simulated clients.\n"),
)


def _check_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"the local controller only listens on loopback addresses, not {host!r}")


class LocalController:
    """A controller with real state and a simulated federation, served on 127.0.0.1.

    Use it as a context manager (or call :meth:`start` and :meth:`stop`)::

        with LocalController(clients=3) as ctl:
            client = Scaleout(host=ctl.url)

    ``data_dir=None`` keeps the state in a temporary directory removed on stop; with a
    directory, a later controller on the same directory finds everything again.
    ``response_delay`` holds every request that many seconds before handling it, without
    blocking a thread: the latency of a distant controller, for benchmarks of concurrency.
    ``library_logs=True`` keeps the DEBUG lines of the web stack beneath it (connexion,
    uvicorn...), which are otherwise kept out of the application's log (see ``logs``).

    Like a FEDn controller, it takes up a session start after answering it:
    ``session_start_delay`` seconds later the session turns ``Started`` (until then it keeps
    its status, e.g. ``Finished`` for a session being continued). ``chunked_uploads=False``
    removes the chunked-upload routes (they answer an HTML 404, as on FEDn 0.33), leaving the
    multipart form of ``POST /models/`` and ``/packages/``.
    """

    def __init__(
        self,
        clients: int = 3,
        data_dir: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        auth: bool = False,
        max_chunk_size: int = DEFAULT_MAX_CHUNK_SIZE,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        seed: int = 0,
        access_token_ttl: float = 300.0,
        spec_path: str | Path | None = None,
        log_level: str = "warning",
        handler_overrides: dict[str, Handler] | None = None,
        response_delay: float = 0.0,
        library_logs: bool = False,
        session_start_delay: float = 0.05,
        chunked_uploads: bool = True,
    ) -> None:
        _check_loopback(host)
        if clients < 0:
            raise ValueError("clients must not be negative")
        if max_chunk_size < 1:
            raise ValueError("max_chunk_size must be at least 1 byte")
        if not 0 <= port <= 65535:
            raise ValueError(f"port {port} is out of range")
        if access_token_ttl <= 0:
            raise ValueError("access_token_ttl must be positive")
        if not 0 <= response_delay < 60:
            raise ValueError("response_delay must be between 0 and 60 seconds")
        if not 0 <= session_start_delay < 60:
            raise ValueError("session_start_delay must be between 0 and 60 seconds")
        self.host = host
        self._requested_port = port
        self._given_dir = Path(data_dir) if data_dir is not None else None
        self._options = Options(
            clients=clients,
            seed=seed,
            auth=auth,
            access_token_ttl=access_token_ttl,
            max_chunk_size=max_chunk_size,
            max_file_size=max_file_size,
            response_delay=response_delay,
            session_start_delay=session_start_delay,
            chunked_uploads=chunked_uploads,
        )
        self._spec_path = Path(spec_path) if spec_path is not None else None
        self._log_level = log_level
        self._library_logs = library_logs
        self._overrides = handler_overrides
        self._services: Services | None = None
        self._server: ServerThread | None = None
        self._temp_dir: Path | None = None
        self._lock: DataDirLock | None = None
        self.data_dir: Path | None = None
        self.port = 0

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> LocalController:
        if self._services is not None:
            raise RuntimeError("the controller is already running")
        if not self._library_logs:
            quiet_library_loggers()
        if self._given_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="scaleout-local-"))
            self.data_dir = self._temp_dir
        else:
            self.data_dir = self._given_dir
            self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock = DataDirLock(self.data_dir)
            self._lock.acquire()
            spec = load_spec(self._spec_path)
            sock = bind(self.host, self._requested_port)
            self.port = int(sock.getsockname()[1])
            services = Services(self.data_dir, spec, self._options)
            self._services = services
            services.host, services.port = self.host, self.port
            app = build_app(services, overrides=self._overrides)
            self._server = ServerThread(app, sock, log_level=self._log_level)
            self._server.start()
            self._wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_answering(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=2.0)
            try:
                conn.request("GET", "/get_controller_status")
                conn.getresponse().read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
            finally:
                conn.close()

    def stop(self) -> None:
        """Stop serving, end the running session and the client threads; idempotent."""
        server, self._server = self._server, None
        services, self._services = self._services, None
        if server is not None:
            server.stop()
        if services is not None:
            services.close()
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def __enter__(self) -> LocalController:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- information ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._services is not None

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the controller is not running")
        return self._services

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def auth(self) -> bool:
        return self._options.auth

    @property
    def refresh_token(self) -> str | None:
        """The refresh token to give clients when auth is on (None when it is off)."""
        return self.services.tokens.refresh_token if self._options.auth else None

    def access_token(self, role: str = "admin") -> str:
        """A fresh access token, e.g. for a test's ``Authorization`` header."""
        return self.services.tokens.issue_access_token(role)

    @property
    def faults(self) -> Faults:
        """Faults to inject: error answers to chosen operations, a client dropping out during
        a round, a failing session run (see :class:`~scaleout.local.faults.Faults`)."""
        return self.services.faults

    @property
    def federation(self) -> Federation:
        return self.services.federation

    @property
    def clients(self) -> dict[str, str]:
        """Client name to client id, e.g. ``{"client-1": "0b6c..."}``."""
        return {c.name: c.client_id for c in self.federation.clients.values()}

    # -- steering ------------------------------------------------------------------------------

    def write_seed_model(self, path: str | Path, *, random: bool = False) -> Path:
        return write_seed_model(path, random=random, seed=self._options.seed)

    def set_client_behaviour(self, client: str, **behaviour: Any) -> ClientBehaviour:
        """Change how a client (name or id) behaves: ``delay=2.0``, ``drop=True`` (never
        answers), ``fail=True`` (answers with an error), ``online=False``."""
        unknown = set(behaviour) - set(ClientBehaviour.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown behaviour(s): {', '.join(sorted(unknown))}")
        return self.federation.set_behaviour(client, **behaviour)

    def reset_client_behaviour(self, client: str | None = None) -> None:
        names = [client] if client is not None else list(self.clients)
        for name in names:
            self.federation.set_behaviour(name, **vars(ClientBehaviour()))

    def wait_for_session(self, timeout: float = 30.0) -> bool:
        """Wait until no session runs; True if none is running any more."""
        return self.services.sessions.wait(timeout)
