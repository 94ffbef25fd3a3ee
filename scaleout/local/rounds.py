"""One training round of a session on the simulated federation.

A Round record (``Pending``) and a ``Scaleout_ModelUpdate`` command are created and clients
are selected (online ones, limited to ``client_ids`` and ``requested_clients``). Each selected
client trains locally in a worker thread; the round waits for all of them, for
``round_timeout`` seconds, or until ``/control/continue``, and late clients are left out. With
at least ``clients_required`` updates the aggregator makes the next model, whose
``parent_model`` is the previous one, and (with ``validate``) every client that sent an update
validates it. With fewer updates the round ``Failed`` and the model stays as it was.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ALL_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from . import task
from .aggregators import Aggregator
from .commands import CommandService, LiveCommand
from .events import EventLog
from .faults import Faults
from .federation import Cancelled, ClientFailure, Federation, SimulatedClient
from .filters import Condition
from .modelstore import ModelRepository
from .store import DocumentStore, WriteBatch
from .timefmt import rfc3339

__all__ = [
    "LOCAL_STEPS",
    "RoundRunner",
    "RunSignals",
    "SessionPlan",
    "SimulatedSessionFailure",
    "eligible_clients",
]

LOCAL_STEPS = 10
_POLL = 0.01
T = TypeVar("T")


class SimulatedSessionFailure(Exception):
    """A session run ends Failed because a test asked for it (``Faults.fail_session``)."""


@dataclass
class SessionPlan:
    """A validated session run: what to train, from which model, and how."""

    session_id: str
    config: dict[str, Any]
    rounds: int
    round_timeout: float
    model_name_prefix: str | None
    client_ids: list[str] | None
    model: dict[str, Any]
    weights: task.Weights
    aggregator: Aggregator


@dataclass
class RunSignals:
    """Shared by the session runner and the round in progress."""

    stop: threading.Event = field(default_factory=threading.Event)
    proceed: threading.Event = field(default_factory=threading.Event)  # /control/continue
    abort: threading.Event = field(default_factory=threading.Event)  # controller shutdown
    state: str = "idle"


@dataclass
class _Wait:
    """Collected answers of one phase of a round."""

    answers: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    aborted: bool = False


@dataclass
class _Round:
    """One round in progress."""

    plan: SessionPlan
    model: dict[str, Any]
    weights: task.Weights
    number: int
    session_round: int
    selected: list[SimulatedClient]
    required: int
    config: dict[str, Any]
    command: str
    children: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def round_id(self) -> str:
        return str(self.number)

    @property
    def session_id(self) -> str:
        return self.plan.session_id


def eligible_clients(federation: Federation, client_ids: list[str] | None) -> list[SimulatedClient]:
    online = federation.online_clients()
    if client_ids is None:
        return online
    wanted = set(client_ids)
    return [c for c in online if c.client_id in wanted]


class RoundRunner:
    def __init__(
        self,
        *,
        store: DocumentStore,
        federation: Federation,
        commands: CommandService,
        models: ModelRepository,
        events: EventLog,
        signals: RunSignals,
        faults: Faults | None = None,
    ) -> None:
        self._store = store
        self._federation = federation
        self._commands = commands
        self._models = models
        self._events = events
        self._signals = signals
        self._faults = faults

    def run(
        self, plan: SessionPlan, model: dict[str, Any], weights: task.Weights
    ) -> tuple[dict[str, Any], task.Weights] | None:
        """Run one round: the new (or, if it failed, the unchanged) model; None if aborted."""
        current = self._open(plan, model, weights)
        if self._faults is not None:
            injected = self._faults.at_round_start(current.session_round)
            for ref in injected.drops:
                # After selection: the client is part of this round, then goes away.
                self._federation.set_behaviour(ref, drop=True, online=False)
            if injected.failure is not None:
                self._fail(current, injected.failure)
                raise SimulatedSessionFailure(injected.failure)
        self._commands.register(
            LiveCommand(
                current.command, on_skip=self._signals.proceed.set, on_stop=self._signals.stop.set
            )
        )
        try:
            return self._train_and_aggregate(current)
        finally:
            self._commands.unregister(current.command)

    # -- opening a round -------------------------------------------------------------------

    def _next_round_number(self) -> int:
        # Round ids are global (not per session): they are the primary key of rounds.
        highest = 0
        for round_id in self._store.values("rounds", "round_id"):
            try:
                highest = max(highest, int(str(round_id)))
            except ValueError:
                continue
        return highest + 1

    def _select(self, plan: SessionPlan, number: int) -> list[SimulatedClient]:
        clients = eligible_clients(self._federation, plan.client_ids)
        requested = plan.config.get("requested_clients")
        if isinstance(requested, int) and 0 < requested < len(clients):
            rng = np.random.default_rng([self._federation.seed, number, 11])
            picked = sorted(rng.choice(len(clients), size=requested, replace=False).tolist())
            clients = [clients[i] for i in picked]
        return clients

    def _open(self, plan: SessionPlan, model: dict[str, Any], weights: task.Weights) -> _Round:
        number = self._next_round_number()
        earlier = self._store.count(
            "rounds", [Condition("round_config.session_id", "eq", (plan.session_id,))]
        )
        selected = self._select(plan, number)
        config = {
            **plan.config,
            "session_id": plan.session_id,
            "task": "training",
            "rounds": plan.rounds,
            "round_id": str(number),
            "round_timeout": plan.round_timeout,
            "client_settings": {},
            "is_sl_inference": False,
            "selected_clients": [c.client_id for c in selected],
            "model_id": model["model_id"],
        }
        self._store.insert(
            "rounds",
            str(number),
            {
                "round_id": str(number),
                "status": "Pending",
                "round_config": config,
                "round_data": None,
                "combiners": [],
            },
        )
        command = self._commands.create_record(
            "Scaleout_ModelUpdate",
            parameters={
                "session_id": plan.session_id,
                "round_id": str(number),
                "model_id": model["model_id"],
            },
            client_ids=[c.client_id for c in selected],
        )
        return _Round(
            plan=plan,
            model=model,
            weights=weights,
            number=number,
            session_round=earlier + 1,
            selected=selected,
            required=int(plan.config.get("clients_required") or 1),
            config=config,
            command=command,
        )

    # -- the round ------------------------------------------------------------------------

    def _train_and_aggregate(self, current: _Round) -> tuple[dict[str, Any], task.Weights] | None:
        self._events.status(
            f"Round {current.round_id} started with {len(current.selected)} client(s)",
            session_id=current.session_id,
            correlation_id=current.command,
        )
        if len(current.selected) < current.required:
            return self._fail(
                current,
                f"only {len(current.selected)} client(s) available, {current.required} required",
            )
        # One transaction for the records of all clients, not one each: with hundreds of
        # clients, per-record commits were most of a round's time.
        with self._store.batch() as batch:
            current.children = {
                c.client_id: self._commands.create_record(
                    "Scaleout_ModelUpdate",
                    parameters=None,
                    client_ids=[c.client_id],
                    parent=current.command,
                    into=batch,
                )
                for c in current.selected
            }

        def train(client: SimulatedClient) -> task.LocalTraining:
            return task.train_locally(
                current.weights,
                client.data,
                rng=self._federation.training_rng(client, current.number),
                steps=LOCAL_STEPS,
            )

        self._signals.state = "instructing"
        training = self._gather(current.selected, train, current.plan.round_timeout)
        self._signals.state = "monitoring"
        time_training = time.monotonic() - current.started
        if training.aborted:
            self._store.update("rounds", current.round_id, {"status": "Terminated"})
            for command in (current.command, *current.children.values()):
                self._commands.finish_record(command, "INTERRUPTED", None)
            return None
        updates = self._record_training(current, training)
        if len(updates) < current.required:
            return self._fail(
                current, f"{len(updates)} update(s) received, {current.required} required"
            )
        aggregate_start = time.monotonic()
        new_weights = current.plan.aggregator.aggregate(
            current.weights, [(u.weights, u.num_examples) for u in updates.values()]
        )
        if not all(np.all(np.isfinite(v)) for v in new_weights.values()):
            return self._fail(current, "aggregation produced non-finite weights")
        time_aggregate = time.monotonic() - aggregate_start
        model_id, file_name = self._models.save_weights(new_weights)
        validations: list[tuple[str, dict[str, Any]]] = []
        if current.plan.config.get("validate"):
            contributors = [c for c in current.selected if c.client_id in updates]
            validations = self._validate(current, model_id, new_weights, contributors)
        # The new model, its validations and the round's success are listed together: a
        # process killed before the commit leaves a round that recovery marks Failed and
        # nothing of it, never a model (or validations) of a round that did not succeed.
        prefix = current.plan.model_name_prefix or "round"
        with self._store.batch() as batch:
            new_model = self._models.record(
                model_id,
                file_name,
                name=f"{prefix}-{current.round_id}",
                parent_model=str(current.model["model_id"]),
                session_id=current.session_id,
                into=batch,
            )
            if validations:
                batch.insert_many("validations", validations)
            batch.update(
                "rounds",
                current.round_id,
                self._success(current, model_id, updates, time_training, time_aggregate),
            )
        result = {
            cid: {"num_examples": u.num_examples, "training_loss": u.step_losses[-1]}
            for cid, u in updates.items()
        }
        self._commands.finish_record(current.command, "COMPLETED", result)
        self._events.status(
            f"Round {current.round_id} finished: model {model_id} from {len(updates)} update(s)",
            session_id=current.session_id,
            correlation_id=current.command,
        )
        return new_model, new_weights

    def _success(
        self,
        current: _Round,
        model_id: str,
        updates: dict[str, task.LocalTraining],
        time_training: float,
        time_aggregate: float,
    ) -> dict[str, Any]:
        """The changes that make ``current`` a successful round."""
        elapsed = time.monotonic() - current.started
        combiner = {
            "round_id": current.round_id,
            "model_id": model_id,
            "name": self._federation.combiner["name"],
            "status": "Success",
            "time_exec_training": time_training,
            "config": {**current.config, "_job_id": current.command},
            "data": {
                "aggregation_time": {
                    "nr_aggregated_models": len(updates),
                    "time_model_aggregation": time_aggregate,
                    "time_model_load": 0.0,
                },
                "nr_expected_updates": len(current.selected),
                "nr_required_updates": current.required,
                "time_combination": elapsed,
                "timeout": current.plan.round_timeout,
            },
        }
        return {
            "status": "Success",
            "round_data": {
                "time_commit": elapsed,
                "reduce": {
                    "time_aggregate_model": time_aggregate,
                    "time_fetch_model": 0.0,
                    "time_load_model": 0.0,
                },
            },
            "combiners": [combiner],
        }

    def _fail(self, current: _Round, reason: str) -> tuple[dict[str, Any], task.Weights]:
        self._store.update("rounds", current.round_id, {"status": "Failed"})
        self._commands.finish_record(current.command, "FAILED", None)
        self._events.status(
            f"Round {current.round_id} failed: {reason}",
            log_level="ERROR",
            session_id=current.session_id,
            correlation_id=current.command,
        )
        return current.model, current.weights

    def _gather(
        self,
        clients: list[SimulatedClient],
        work: Callable[[SimulatedClient], T],
        timeout: float,
    ) -> _Wait:
        """Ask ``clients`` to do ``work``; wait until all answered, timeout or continue."""
        self._signals.proceed.clear()
        cancel = threading.Event()
        futures: dict[str, Future[T]] = {
            c.client_id: self._federation.submit(c, _bound(work, c), cancel) for c in clients
        }
        deadline = time.monotonic() + timeout
        outcome = _Wait()
        pending = dict(futures)
        while pending:
            for client_id, future in list(pending.items()):
                if not future.done():
                    continue
                pending.pop(client_id)
                try:
                    outcome.answers[client_id] = future.result()
                except ClientFailure as exc:
                    outcome.failures[client_id] = str(exc)
                except Cancelled:
                    outcome.missing.append(client_id)
                except Exception as exc:  # a bug in the simulation counts as a client error
                    outcome.failures[client_id] = f"{type(exc).__name__}: {exc}"
            if not pending:
                break
            if self._signals.abort.is_set() or self._federation.shutting_down:
                outcome.aborted = True
                break
            if self._signals.proceed.is_set() or time.monotonic() >= deadline:
                break
            # Back as soon as the last answer is in, not up to a poll interval later.
            wait(list(pending.values()), timeout=_POLL, return_when=ALL_COMPLETED)
        cancel.set()
        outcome.missing.extend(pending)
        return outcome

    # -- records ----------------------------------------------------------------------------

    def _record_training(self, current: _Round, training: _Wait) -> dict[str, task.LocalTraining]:
        with self._store.batch() as batch:
            return self._record_training_in(current, training, batch)

    def _record_training_in(
        self, current: _Round, training: _Wait, batch: WriteBatch
    ) -> dict[str, task.LocalTraining]:
        updates: dict[str, task.LocalTraining] = {}
        metrics: list[tuple[str, dict[str, Any]]] = []
        by_id = {c.client_id: c for c in current.selected}
        for client_id, answer in training.answers.items():
            assert isinstance(answer, task.LocalTraining)
            client = by_id[client_id]
            updates[client_id] = answer
            self._federation.touch(client, into=batch)
            metrics.extend(self._step_metrics(current, client, answer))
            summary = {
                "num_examples": answer.num_examples,
                "training_loss": answer.step_losses[-1],
            }
            self._commands.finish_record(
                current.children[client_id], "COMPLETED", {client_id: summary}, into=batch
            )
            self._events.status(
                f"Model update from {client.name}",
                type="MODEL_UPDATE",
                session_id=current.session_id,
                correlation_id=current.children[client_id],
                sender=client.node(),
                data={"round_id": current.round_id, **summary},
                into=batch,
            )
        if metrics:
            batch.insert_many("metrics", metrics)
        for client_id, error in training.failures.items():
            self._commands.finish_record(
                current.children[client_id], "FAILED", {client_id: {"error": error}}, into=batch
            )
            self._events.status(
                f"{by_id[client_id].name} failed to train in round {current.round_id}: {error}",
                log_level="ERROR",
                session_id=current.session_id,
                correlation_id=current.children[client_id],
                sender=by_id[client_id].node(),
                into=batch,
            )
        for client_id in training.missing:
            self._commands.finish_record(current.children[client_id], "TIMEOUT", None, into=batch)
            self._events.status(
                f"{by_id[client_id].name} sent no update in round {current.round_id}; left out",
                log_level="WARNING",
                session_id=current.session_id,
                correlation_id=current.children[client_id],
                sender=by_id[client_id].node(),
                into=batch,
            )
        return updates

    def _step_metrics(
        self, current: _Round, client: SimulatedClient, training: task.LocalTraining
    ) -> list[tuple[str, dict[str, Any]]]:
        now = rfc3339(time.time())
        first_step = (current.session_round - 1) * LOCAL_STEPS
        records: list[tuple[str, dict[str, Any]]] = []
        for step, loss in enumerate(training.step_losses, start=first_step + 1):
            metric_id = str(uuid.uuid4())
            records.append(
                (
                    metric_id,
                    {
                        "metric_id": metric_id,
                        "key": "training_loss",
                        "value": float(loss),
                        "timestamp": now,
                        "sender": client.node(),
                        "model_id": current.model["model_id"],
                        "step": step,
                        "round_id": current.round_id,
                        "session_id": current.session_id,
                    },
                )
            )
        return records

    def _validate(
        self,
        current: _Round,
        model_id: str,
        weights: task.Weights,
        clients: list[SimulatedClient],
    ) -> list[tuple[str, dict[str, Any]]]:
        """The validations of the new model by ``clients``, to be stored with the round."""

        def run(client: SimulatedClient) -> task.Evaluation:
            return task.evaluate(weights, client.data)

        outcome = self._gather(clients, run, current.plan.round_timeout)
        with self._store.batch() as batch:
            return self._validation_records(current, model_id, clients, outcome, batch)

    def _validation_records(
        self,
        current: _Round,
        model_id: str,
        clients: list[SimulatedClient],
        outcome: _Wait,
        batch: WriteBatch,
    ) -> list[tuple[str, dict[str, Any]]]:
        by_id = {c.client_id: c for c in clients}
        records: list[tuple[str, dict[str, Any]]] = []
        for client_id, answer in outcome.answers.items():
            assert isinstance(answer, task.Evaluation)
            client = by_id[client_id]
            validation_id = str(uuid.uuid4())
            records.append(
                (
                    validation_id,
                    {
                        "validation_id": validation_id,
                        "model_id": model_id,
                        "data": json.dumps(answer.as_dict()),
                        "correlation_id": current.command,
                        "timestamp": rfc3339(time.time()),
                        "session_id": current.session_id,
                        "meta": json.dumps({"round_id": current.round_id}),
                        "sender": client.node(),
                        "receiver": self._events.combiner_node,
                    },
                )
            )
            self._events.status(
                f"Model validation from {client.name}",
                type="MODEL_VALIDATION",
                session_id=current.session_id,
                correlation_id=current.command,
                sender=client.node(),
                data=answer.as_dict(),
                into=batch,
            )
        return records


def _bound(work: Callable[[SimulatedClient], T], client: SimulatedClient) -> Callable[[], T]:
    return lambda: work(client)
