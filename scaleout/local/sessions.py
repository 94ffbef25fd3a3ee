"""Running training sessions on the simulated federation, one at a time.

A session runs in a background thread, round after round (see ``rounds``). As on a FEDn
controller, the start is taken up after it has been answered: the thread marks the session
``Started`` only ``start_delay`` seconds later, and until then it keeps the status it had
(``Created``, or ``Finished`` for a session being continued), so clients meet the same race
here as there. ``/control/stop``
ends it after the current round (``Terminated``); stopping the controller ends it at once (also
``Terminated``). A session left ``Started`` by a process that died is marked ``Failed`` at the
next start on the same data dir. Starting a session that already ran (``Finished``,
``Terminated`` or ``Failed``) continues it from the newest model it produced.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from .aggregators import AggregatorError, make_aggregator
from .commands import CommandService
from .errors import ApiError
from .events import EventLog
from .faults import Faults
from .federation import Federation
from .modelstore import ModelRepository
from .rounds import RoundRunner, RunSignals, SessionPlan, SimulatedSessionFailure, eligible_clients
from .store import DocumentStore

__all__ = ["SessionRunner", "StartRequest"]

logger = logging.getLogger(__name__)

DEFAULT_ROUNDS = 5
SUPPORTED_HELPER = "numpyhelper"


@dataclass(frozen=True)
class StartRequest:
    session_id: str
    rounds: int | None = None
    round_timeout: float | None = None
    model_name_prefix: str | None = None
    client_ids: str | None = None


class SessionRunner:
    def __init__(
        self,
        *,
        store: DocumentStore,
        federation: Federation,
        commands: CommandService,
        models: ModelRepository,
        events: EventLog,
        faults: Faults | None = None,
        start_delay: float = 0.0,
    ) -> None:
        self._start_delay = start_delay
        self._store = store
        self._federation = federation
        self._commands = commands
        self._models = models
        self._events = events
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._session_id: str | None = None
        self._signals = RunSignals()
        self._rounds = RoundRunner(
            store=store,
            federation=federation,
            commands=commands,
            models=models,
            events=events,
            signals=self._signals,
            faults=faults,
        )

    # -- public API -----------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._signals.state

    @property
    def running_session_id(self) -> str | None:
        with self._lock:
            return self._session_id if self._is_running() else None

    def _is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def recover(self) -> None:
        """Mark what a dead process left running as ended (called before serving)."""
        failed = self._store.update_where(
            "sessions", lambda d: d.get("status") == "Started", {"status": "Failed"}
        )
        self._store.update_where(
            "rounds", lambda d: d.get("status") == "Pending", {"status": "Failed"}
        )
        self._commands.interrupt_unfinished()
        if failed:
            self._events.status(
                f"{failed} session(s) were running when the controller stopped; marked Failed",
                log_level="WARNING",
            )

    def start(self, request: StartRequest) -> None:
        """Validate and start a session run; ApiError(400) with the SE5 messages."""
        with self._lock:
            if not request.session_id:
                raise ApiError(400, "Session ID is required")
            session = self._store.get("sessions", request.session_id)
            if session is None:
                raise ApiError(400, "Session with specified ID does not exist")
            if self._is_running():
                raise ApiError(400, "A session is already running!")
            plan = self._plan(session, request)
            self._signals.stop.clear()
            self._signals.proceed.clear()
            self._signals.abort.clear()
            self._session_id = plan.session_id
            self._signals.state = "instructing"
            self._thread = threading.Thread(
                target=self._run, args=(plan,), name=f"session-{plan.session_id[:8]}", daemon=True
            )
            self._thread.start()

    def request_stop(self) -> None:
        with self._lock:
            if not self._is_running():
                raise ApiError(400, "No session is running")
            self._signals.stop.set()

    def request_continue(self) -> None:
        with self._lock:
            if not self._is_running():
                raise ApiError(400, "No session is running")
            self._signals.proceed.set()

    def shutdown(self, timeout: float) -> None:
        self._signals.stop.set()
        self._signals.abort.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def wait(self, timeout: float) -> bool:
        """Wait for the running session to end (for callers and tests); True if it did."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    # -- planning -------------------------------------------------------------------------------

    def _plan(self, session: dict[str, Any], request: StartRequest) -> SessionPlan:
        config: dict[str, Any] = dict(session.get("session_config") or {})
        helper = config.get("helper_type")
        if helper != SUPPORTED_HELPER:
            raise ApiError(
                400,
                f"Helper type '{helper}' is not supported by the local controller; "
                f"use '{SUPPORTED_HELPER}'",
            )
        try:
            aggregator = make_aggregator(
                str(config.get("aggregator")), config.get("aggregator_kwargs")
            )
        except AggregatorError as exc:
            raise ApiError(400, str(exc)) from exc
        rounds = request.rounds or config.get("rounds") or DEFAULT_ROUNDS
        round_timeout = float(request.round_timeout or config.get("round_timeout") or 0)
        if round_timeout <= 0:
            raise ApiError(400, "round_timeout must be positive")
        model = self._start_model(session, config)
        try:
            weights = self._models.load_weights(model)
        except (OSError, ValueError) as exc:
            raise ApiError(
                400, f"Session seed model cannot be used by the simulated clients: {exc}"
            ) from exc
        client_ids = self._parse_client_ids(request.client_ids)
        available = eligible_clients(self._federation, client_ids)
        required = int(config.get("clients_required") or 1)
        if len(available) < required:
            raise ApiError(
                400,
                f"Number of available clients is lower than the required minimum of {required}",
            )
        return SessionPlan(
            session_id=str(session["session_id"]),
            config=config,
            rounds=int(rounds),
            round_timeout=round_timeout,
            model_name_prefix=request.model_name_prefix,
            client_ids=client_ids,
            model=model,
            weights=weights,
            aggregator=aggregator,
        )

    def _start_model(self, session: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
        model: dict[str, Any] | None = None
        if session.get("status") != "Created":
            # Continuing: go on from the newest model the session produced.
            model = self._models.newest(str(session["session_id"]))
        if model is None:
            seed_id = config.get("model_id") or session.get("seed_model_id")
            model = self._models.get(str(seed_id)) if seed_id else None
        if model is None or self._models.path(model) is None:
            raise ApiError(400, "Session seed model not found")
        return model

    def _parse_client_ids(self, text: str | None) -> list[str] | None:
        if text is None:
            return None
        ids = [part.strip() for part in text.split(",") if part.strip()]
        if not ids:
            return None
        unknown = [i for i in ids if i not in self._federation.clients]
        if unknown:
            raise ApiError(400, f"Unknown client id(s): {', '.join(unknown)}")
        return ids

    # -- the session thread --------------------------------------------------------------------

    def _run(self, plan: SessionPlan) -> None:
        final = "Finished"
        model, weights = plan.model, plan.weights
        try:
            # Taken up after the answer went out (as FEDn does): the abort signal of a
            # shutdown cuts the wait short.
            self._signals.abort.wait(self._start_delay)
            self._store.update("sessions", plan.session_id, {"status": "Started"})
            self._events.status(
                f"Session {plan.session_id} started: {plan.rounds} round(s) from model "
                f"{model['model_id']}",
                session_id=plan.session_id,
            )
            for _ in range(plan.rounds):
                if self._signals.stop.is_set():
                    final = "Terminated"
                    break
                outcome = self._rounds.run(plan, model, weights)
                if outcome is None:
                    final = "Terminated"
                    break
                model, weights = outcome
        except SimulatedSessionFailure as exc:
            # Asked for by a test (Faults.fail_session): no traceback in the log.
            logger.info("session %s failed on purpose: %s", plan.session_id, exc)
            final = "Failed"
            self._events.status(
                f"Session {plan.session_id} failed: {exc}",
                log_level="ERROR",
                session_id=plan.session_id,
            )
        except Exception as exc:
            logger.exception("session %s failed", plan.session_id)
            final = "Failed"
            self._events.status(
                f"Session {plan.session_id} failed: {exc}",
                log_level="ERROR",
                session_id=plan.session_id,
            )
        finally:
            self._store.update("sessions", plan.session_id, {"status": final})
            self._events.status(
                f"Session {plan.session_id} {final.lower()}", session_id=plan.session_id
            )
            with self._lock:
                self._signals.state = "idle"
