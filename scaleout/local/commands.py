"""Commands sent to simulated clients and their records (``/commands``).

A command is a root record (its ``correlation_id`` is what callers see) with one child record
per target client. Children are answered in worker threads; the root collects the answers in
``result`` (per client id) and ends ``COMPLETED``, ``FAILED`` (a client errored), ``TIMEOUT``
(a client did not answer in time) or ``INTERRUPTED`` (stopped). Skipping a running command
ends its wait early with the answers it has.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError
from .federation import Cancelled, ClientFailure, Federation, SimulatedClient
from .store import DocumentStore, WriteBatch

__all__ = ["CommandOutcome", "CommandService", "LiveCommand"]

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
MAX_BLOCKING_WAIT = 300.0
_POLL = 0.02
FINAL_STATUSES = frozenset({"COMPLETED", "FAILED", "TIMEOUT", "INTERRUPTED"})


@dataclass
class LiveCommand:
    """A running command: skip and stop requests reach it through these hooks."""

    correlation_id: str
    on_skip: Callable[[], None]
    on_stop: Callable[[], None]


@dataclass
class CommandOutcome:
    correlation_id: str
    status: str
    result: dict[str, Any]
    done: bool


@dataclass
class _Run:
    correlation_id: str
    children: dict[str, str]
    skip: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    cancel: threading.Event = field(default_factory=threading.Event)
    result: dict[str, Any] = field(default_factory=dict)
    status: str = "RUNNING"


class CommandService:
    def __init__(self, store: DocumentStore, federation: Federation) -> None:
        self._store = store
        self._federation = federation
        self._lock = threading.Lock()
        self._live: dict[str, LiveCommand] = {}
        self._threads: list[threading.Thread] = []

    # -- records --------------------------------------------------------------------------------

    def create_record(
        self,
        command_type: str,
        *,
        parameters: dict[str, Any] | None,
        client_ids: list[str] | None,
        parent: str | None = None,
        status: str = "RUNNING",
        correlation_id: str | None = None,
        into: WriteBatch | None = None,
    ) -> str:
        cid = correlation_id or str(uuid.uuid4())
        (into or self._store).insert(
            "commands",
            cid,
            {
                "correlation_id": cid,
                "parent_correlation_id": parent,
                "command_type": command_type,
                "status": status,
                "parameters": parameters,
                "client_ids": client_ids,
                "result": None,
            },
        )
        return cid

    def finish_record(
        self,
        correlation_id: str,
        status: str,
        result: dict[str, Any] | None,
        into: WriteBatch | None = None,
    ) -> None:
        def change(doc: dict[str, Any]) -> dict[str, Any]:
            if doc.get("status") not in FINAL_STATUSES:
                doc["status"] = status
                doc["result"] = result
            return doc

        (into or self._store).update("commands", correlation_id, change)

    def interrupt_unfinished(self) -> int:
        """Mark commands left running by an earlier process as interrupted."""
        return self._store.update_where(
            "commands",
            lambda doc: doc.get("status") not in FINAL_STATUSES,
            {"status": "INTERRUPTED"},
        )

    # -- live commands --------------------------------------------------------------------------

    def register(self, live: LiveCommand) -> None:
        with self._lock:
            self._live[live.correlation_id] = live

    def unregister(self, correlation_id: str) -> None:
        with self._lock:
            self._live.pop(correlation_id, None)

    def _live_or_error(self, correlation_id: str, body_id: str) -> LiveCommand:
        if self._store.get("commands", correlation_id) is None:
            raise ApiError(404, f"Entity with id: {correlation_id} not found")
        if body_id != correlation_id:
            raise ApiError(400, "correlation_id in the body does not match the path")
        with self._lock:
            live = self._live.get(correlation_id)
        if live is None:
            raise ApiError(400, f"Command {correlation_id} is not running")
        return live

    def skip(self, correlation_id: str, body_id: str) -> None:
        self._live_or_error(correlation_id, body_id).on_skip()

    def stop(self, correlation_id: str, body_id: str) -> None:
        self._live_or_error(correlation_id, body_id).on_stop()

    # -- running commands on clients ----------------------------------------------------------

    def run(
        self,
        command_type: str,
        clients: list[SimulatedClient],
        work: Callable[[SimulatedClient, str], dict[str, Any]],
        *,
        parameters: dict[str, Any] | None,
        timeout: float | None,
        wait: bool,
    ) -> CommandOutcome:
        """Send a command to ``clients``; with ``wait`` block until it ends (bounded)."""
        limit = _effective_timeout(timeout)
        root = self.create_record(
            command_type, parameters=parameters, client_ids=[c.client_id for c in clients]
        )
        children = {
            c.client_id: self.create_record(
                command_type, parameters=parameters, client_ids=[c.client_id], parent=root
            )
            for c in clients
        }
        run = _Run(root, children)
        self.register(LiveCommand(root, on_skip=run.skip.set, on_stop=run.stop.set))
        futures = {
            c.client_id: self._federation.submit(c, _bound(work, c, root), run.cancel)
            for c in clients
        }
        thread = threading.Thread(
            target=self._collect,
            args=(run, futures, limit),
            name=f"command-{root[:8]}",
            daemon=True,
        )
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()
        if wait:
            cap = MAX_BLOCKING_WAIT if limit is None else min(limit + 5.0, MAX_BLOCKING_WAIT)
            run.done.wait(cap)
        return CommandOutcome(root, run.status, dict(run.result), run.done.is_set())

    def _collect(
        self, run: _Run, futures: dict[str, Future[dict[str, Any]]], limit: float | None
    ) -> None:
        deadline = None if limit is None else time.monotonic() + limit
        pending = dict(futures)
        statuses: dict[str, str] = {}
        try:
            while pending:
                for client_id, future in list(pending.items()):
                    if future.done():
                        pending.pop(client_id)
                        statuses[client_id] = self._record_answer(run, client_id, future)
                if not pending:
                    break
                if run.stop.is_set() or run.skip.is_set() or self._federation.shutting_down:
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    break
                time.sleep(_POLL)
            run.cancel.set()
            if run.stop.is_set() or self._federation.shutting_down:
                leftover, final = "INTERRUPTED", "INTERRUPTED"
            elif run.skip.is_set():
                leftover, final = "INTERRUPTED", None
            else:
                leftover, final = "TIMEOUT", None
            for client_id in pending:
                statuses[client_id] = leftover
                self.finish_record(run.children[client_id], leftover, None)
            if final is None:
                values = set(statuses.values())
                if "FAILED" in values:
                    final = "FAILED"
                elif "TIMEOUT" in values:
                    final = "TIMEOUT"
                else:
                    final = "COMPLETED"
            run.status = final
            self.finish_record(run.correlation_id, final, dict(run.result))
        except Exception:
            logger.exception("command %s failed", run.correlation_id)
            run.status = "FAILED"
            self.finish_record(run.correlation_id, "FAILED", dict(run.result))
        finally:
            self.unregister(run.correlation_id)
            run.done.set()

    def _record_answer(self, run: _Run, client_id: str, future: Future[dict[str, Any]]) -> str:
        try:
            answer = future.result()
        except Cancelled:
            self.finish_record(run.children[client_id], "INTERRUPTED", None)
            return "INTERRUPTED"
        except ClientFailure as exc:
            run.result[client_id] = {"error": str(exc)}
            self.finish_record(run.children[client_id], "FAILED", {client_id: {"error": str(exc)}})
            return "FAILED"
        run.result[client_id] = answer
        self.finish_record(run.children[client_id], "COMPLETED", {client_id: answer})
        return "COMPLETED"

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


def _bound(
    work: Callable[[SimulatedClient, str], dict[str, Any]], client: SimulatedClient, root: str
) -> Callable[[], dict[str, Any]]:
    return lambda: work(client, root)


def _effective_timeout(timeout: float | None) -> float | None:
    """Seconds to wait for answers; None means no limit (``-1`` in the API)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if timeout == -1:
        return None
    return max(0.0, float(timeout))
