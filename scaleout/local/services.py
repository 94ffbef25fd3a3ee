"""Everything one running local controller holds, wired together."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .auth import TokenAuthority
from .commands import CommandService
from .entities import EntityShaper
from .events import EventLog
from .faults import Faults
from .federation import Federation
from .modelstore import ModelRepository
from .sessions import SessionRunner
from .spec import operation_ids
from .store import DocumentStore
from .uploads import UploadManager

__all__ = ["Options", "Services"]

logger = logging.getLogger(__name__)

DATABASE_FILE = "controller.sqlite3"


@dataclass(frozen=True)
class Options:
    clients: int
    seed: int
    auth: bool
    access_token_ttl: float
    max_chunk_size: int
    max_file_size: int
    network_id: str = "scaleout-local"
    #: Seconds every request is held before it is handled (latency, for benchmarks).
    response_delay: float = 0.0
    #: Seconds between answering a session start and taking it up (see ``sessions``).
    session_start_delay: float = 0.05
    #: Whether the chunked-upload routes exist (without them: FEDn's HTML 404, see ``app``).
    chunked_uploads: bool = True


class Services:
    def __init__(self, data_dir: Path, spec: dict[str, Any], options: Options) -> None:
        self.data_dir = data_dir
        self.spec = spec
        self.options = options
        self.shaper = EntityShaper(spec)
        self.store = DocumentStore(data_dir / DATABASE_FILE)
        try:
            self.uploads = UploadManager(
                data_dir / "uploads",
                max_chunk_size=options.max_chunk_size,
                max_file_size=options.max_file_size,
            )
            self.models = ModelRepository(self.store, data_dir / "models")
            self.packages_dir = data_dir / "packages"
            self.packages_dir.mkdir(parents=True, exist_ok=True)
            self.federation = Federation(
                store=self.store, n_clients=options.clients, seed=options.seed
            )
            self.faults = Faults(
                operation_ids(spec),
                clients={c.name: c.client_id for c in self.federation.clients.values()},
            )
            self.events = EventLog(self.store, self.federation.combiner)
            self.commands = CommandService(self.store, self.federation)
            self.sessions = SessionRunner(
                store=self.store,
                federation=self.federation,
                commands=self.commands,
                models=self.models,
                events=self.events,
                faults=self.faults,
                start_delay=options.session_start_delay,
            )
            self.sessions.recover()
            self.tokens = TokenAuthority(access_token_ttl=options.access_token_ttl)
        except BaseException:
            self.store.close()
            raise
        # Where clients are told to find the controller; set once the server is bound.
        self.host = "127.0.0.1"
        self.port = 0

    def close(self, timeout: float = 5.0) -> None:
        """Stop the session and client threads, then close the store."""
        self.sessions.shutdown(timeout)
        self.federation.shutdown()
        self.commands.join(timeout)
        self.store.close()
