"""The simulated federation: one combiner and N edge clients that really compute.

Each client owns a slice of the synthetic task (see ``task``) and answers training,
validation, prediction and custom-command requests in a worker thread. Tests steer clients
through :class:`ClientBehaviour`: slow them down, drop them (they never answer), make them
fail, or take them offline.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np

from . import task
from .store import DocumentStore, WriteBatch
from .timefmt import http_date

__all__ = [
    "COMBINER_NAME",
    "Cancelled",
    "ClientBehaviour",
    "ClientFailure",
    "Federation",
    "SimulatedClient",
]

COMBINER_NAME = "combiner-0"
COMBINER_PORT = 12080
_POLL = 0.02
T = TypeVar("T")


@dataclass(frozen=True)
class ClientBehaviour:
    """How a simulated client misbehaves: ``delay`` seconds before each answer, ``drop``
    (never answers), ``fail`` (answers with an error), ``online=False`` (not selectable)."""

    delay: float = 0.0
    drop: bool = False
    fail: bool = False
    online: bool = True


class ClientFailure(Exception):
    """A simulated client answered with an error."""


class Cancelled(Exception):
    """The request to a client was withdrawn (timeout, stop, shutdown) before it answered."""


@dataclass
class SimulatedClient:
    client_id: str
    name: str
    index: int
    data: task.ClientData
    behaviour: ClientBehaviour

    def node(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": "CLIENT",
            "client_id": self.client_id,
            "combiner_id": None,
        }


class Federation:
    def __init__(self, *, store: DocumentStore, n_clients: int, seed: int) -> None:
        if n_clients < 0:
            raise ValueError("clients must not be negative")
        self.seed = seed
        self._store = store
        self._lock = threading.Lock()
        self._shutdown = threading.Event()
        self.combiner = self._register_combiner()
        self.clients: dict[str, SimulatedClient] = {}
        self._register_clients(n_clients)
        # Clients that answer at once share a few threads: their work holds the GIL, so a
        # thread each (a thousand, for a thousand clients) only added contention. Clients that
        # wait before answering (delay, drop) get a thread of their own, so that waiting never
        # holds up the others.
        self._executor = ThreadPoolExecutor(
            max_workers=max(2, min(8, os.cpu_count() or 2)), thread_name_prefix="sim-client"
        )
        self._waiting_executor = ThreadPoolExecutor(
            max_workers=max(8, 4 * max(n_clients, 1)), thread_name_prefix="sim-client-waiting"
        )

    # -- network registration ------------------------------------------------------------------

    def _register_combiner(self) -> dict[str, Any]:
        existing = self._store.find_one("combiners", newest=False)
        if existing is not None:
            return existing
        combiner_id = str(uuid.uuid4())
        doc = {
            "combiner_id": combiner_id,
            "name": COMBINER_NAME,
            "address": "127.0.0.1",
            "fqdn": None,
            "ip": "127.0.0.1",
            "parent": {"name": "localhost", "type": "REDUCER"},
            "port": COMBINER_PORT,
            "public_hostname": None,
            "internal_hostname": COMBINER_NAME,
            "grpc_secure": False,
        }
        return self._store.insert("combiners", combiner_id, doc)

    def _register_clients(self, n_clients: int) -> None:
        # A restart on the same data dir keeps the client ids: the clients are the same.
        by_name = {doc["name"]: doc for doc in self._store.all("clients")}
        now = http_date(time.time())
        new: list[tuple[str, dict[str, Any]]] = []
        for index in range(1, n_clients + 1):
            name = f"client-{index}"
            existing = by_name.pop(name, None)
            client_id = existing["client_id"] if existing else str(uuid.uuid4())
            if existing is None:
                new.append((client_id, self._client_doc(client_id, name, now)))
            else:
                self._store.update("clients", client_id, {"status": "online", "last_seen": now})
            self.clients[client_id] = SimulatedClient(
                client_id=client_id,
                name=name,
                index=index,
                data=task.make_client_data(self.seed, index),
                behaviour=ClientBehaviour(),
            )
        if new:
            self._store.insert_many("clients", new)
        for leftover in by_name.values():
            self._store.update("clients", leftover["client_id"], {"status": "offline"})

    def _client_doc(self, client_id: str, name: str, now: str) -> dict[str, Any]:
        return {
            "client_id": client_id,
            "name": name,
            "combiner": self.combiner["name"],
            "combiner_preferred": None,
            "ip": "127.0.0.1",
            "status": "online",
            "last_seen": now,
            "package": "remote",
        }

    # -- lookup and behaviour -------------------------------------------------------------------

    def client(self, ref: str) -> SimulatedClient:
        """A client by its client_id or name; KeyError if there is none."""
        with self._lock:
            if ref in self.clients:
                return self.clients[ref]
            for client in self.clients.values():
                if client.name == ref:
                    return client
        raise KeyError(ref)

    def set_behaviour(self, ref: str, **changes: Any) -> ClientBehaviour:
        client = self.client(ref)
        with self._lock:
            client.behaviour = replace(client.behaviour, **changes)
            behaviour = client.behaviour
        status = "online" if behaviour.online else "offline"
        self._store.update("clients", client.client_id, {"status": status})
        return behaviour

    def online_clients(self) -> list[SimulatedClient]:
        with self._lock:
            return [c for c in self.clients.values() if c.behaviour.online]

    def touch(self, client: SimulatedClient, into: WriteBatch | None = None) -> None:
        (into or self._store).update(
            "clients", client.client_id, {"last_seen": http_date(time.time())}
        )

    # -- running requests on clients ----------------------------------------------------------

    def submit(
        self, client: SimulatedClient, work: Callable[[], T], cancel: threading.Event
    ) -> Future[T]:
        """Run ``work`` as ``client`` would: after its delay, unless dropped or failing."""

        def run() -> T:
            if cancel.is_set():
                # Withdrawn while it waited for a thread: the answer would be thrown away.
                raise Cancelled("request withdrawn before it started")
            self._behave(client, cancel)
            return work()

        with self._lock:
            behaviour = client.behaviour
        waits = behaviour.drop or behaviour.delay > 0
        return (self._waiting_executor if waits else self._executor).submit(run)

    def _behave(self, client: SimulatedClient, cancel: threading.Event) -> None:
        with self._lock:
            behaviour = client.behaviour
        if behaviour.drop:
            self._sleep(None, cancel)
        if behaviour.delay > 0:
            self._sleep(behaviour.delay, cancel)
        if behaviour.fail:
            raise ClientFailure(f"{client.name} failed (simulated failure)")

    def _sleep(self, seconds: float | None, cancel: threading.Event) -> None:
        deadline = None if seconds is None else time.monotonic() + seconds
        while True:
            if cancel.is_set() or self._shutdown.is_set():
                raise Cancelled(f"request withdrawn after {seconds}s")
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                cancel.wait(min(_POLL, left))
            else:
                cancel.wait(_POLL)

    def training_rng(self, client: SimulatedClient, round_number: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, client.index, round_number, 7])

    @property
    def shutting_down(self) -> bool:
        return self._shutdown.is_set()

    def shutdown(self) -> None:
        self._shutdown.set()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._waiting_executor.shutdown(wait=True, cancel_futures=True)
