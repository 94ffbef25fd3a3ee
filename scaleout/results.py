"""The results of a training session, per round and per client, as a person reads them.

The API answers in pieces: rounds (with the model each produced), the session's models, and
validations whose metrics are a JSON string in ``data``, whose round hides in ``meta`` (when at
all) and whose times come in two formats. :meth:`Scaleout.get_session_results` puts them
together as a :class:`SessionResults`: one :class:`RoundResult` per round, in order, with each
client's :class:`ClientValidation` and the metrics averaged over the clients.

``to_pandas()`` turns them into DataFrames (the ``pandas`` extra) and
:func:`scaleout.plotting.plot_results` into a picture (the ``plot`` extra).

Importing this module loads neither, nor any generated module.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ._exceptions import InvalidArgumentError
from ._timestamps import parse_timestamp

if TYPE_CHECKING:
    import pandas
    from scaleout_api.schemas import Model, Round, Session, Validation

__all__ = [
    "ClientValidation",
    "RoundResult",
    "SessionResults",
    "decode_metrics",
    "parse_timestamp",
    "session_results",
]


def _frozen_metrics(value: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(value))


def _plain_repr(value: Mapping[str, float]) -> str:
    return repr(dict(value))


@attrs.frozen(kw_only=True)
class ClientValidation:
    """One client's validation of the model a round produced."""

    validation_id: str
    #: The round's number in its session (1 for the first), or None when the validation
    #: belongs to no round of the session (e.g. one started by hand).
    round: int | None
    round_id: str | None
    #: The model that was validated.
    model_id: str | None
    #: The client's name and id, as the validation's sender names it.
    client: str | None
    client_id: str | None
    #: The numeric metrics decoded from the validation's ``data``.
    metrics: Mapping[str, float] = attrs.field(converter=_frozen_metrics, repr=_plain_repr)
    timestamp: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (times as RFC 3339 text)."""
        return {
            "validation_id": self.validation_id,
            "round": self.round,
            "round_id": self.round_id,
            "model_id": self.model_id,
            "client": self.client,
            "client_id": self.client_id,
            "metrics": dict(self.metrics),
            "timestamp": _iso(self.timestamp),
        }


@attrs.frozen(kw_only=True)
class RoundResult:
    """One round of a session: its model and the clients' validations of it."""

    #: The round's number in its session: 1, 2, ... (``round_id`` is the server's id, unique
    #: over all sessions).
    round: int
    round_id: str
    #: ``Pending``, ``Success``, ``Failed``...
    status: str | None
    #: The model the round produced (None while it runs, or if it failed).
    model_id: str | None
    started_at: dt.datetime | None
    #: When the round's record was last updated: its end, once it is over.
    finished_at: dt.datetime | None
    validations: tuple[ClientValidation, ...]

    @property
    def clients(self) -> tuple[str, ...]:
        """The names (or ids) of the clients that validated the round's model."""
        return tuple(v.client or v.client_id or "?" for v in self.validations)

    @property
    def metrics(self) -> Mapping[str, float]:
        """Each metric averaged over the clients that reported it (unweighted mean)."""
        values: dict[str, list[float]] = {}
        for validation in self.validations:
            for name, value in validation.metrics.items():
                values.setdefault(name, []).append(value)
        return MappingProxyType({name: math.fsum(v) / len(v) for name, v in values.items()})

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (times as RFC 3339 text)."""
        return {
            "round": self.round,
            "round_id": self.round_id,
            "status": self.status,
            "model_id": self.model_id,
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "clients": list(self.clients),
            "metrics": dict(self.metrics),
            "validations": [v.as_dict() for v in self.validations],
        }


@attrs.frozen(kw_only=True)
class SessionResults:
    """Every round of a session, in order, with its validations and mean metrics."""

    session_id: str
    name: str | None
    status: str | None
    #: The model the session produced: its newest model (None before its first round ends).
    model_id: str | None
    rounds: tuple[RoundResult, ...]

    @property
    def metric_names(self) -> tuple[str, ...]:
        """Every metric some client reported, in the order they first appear."""
        names: dict[str, None] = {}
        for round_ in self.rounds:
            for validation in round_.validations:
                names.update(dict.fromkeys(validation.metrics))
        return tuple(names)

    @property
    def validations(self) -> tuple[ClientValidation, ...]:
        """Every client validation of every round, in round order."""
        return tuple(v for round_ in self.rounds for v in round_.validations)

    def round(self, number: int) -> RoundResult:
        """The round numbered ``number`` (1 for the first) in this session."""
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidArgumentError(f"round must be an int, not {type(number).__name__}")
        for round_ in self.rounds:
            if round_.round == number:
                return round_
        raise InvalidArgumentError(
            f"round: session {self.session_id} has no round {number} "
            f"(it has {len(self.rounds)} round(s))"
        )

    def series(self, metric: str) -> list[tuple[int, float]]:
        """``(round, mean value)`` of ``metric`` for each round that has it."""
        return [(r.round, r.metrics[metric]) for r in self.rounds if metric in r.metrics]

    def to_pandas(self, *, per_client: bool = False) -> pandas.DataFrame:
        """A DataFrame: one row per round (``round``, ``round_id``, ``status``, ``clients``
        (how many), ``model_id``, ``started_at``, ``finished_at``, then each mean metric), or
        with ``per_client`` one row per client validation (``round``, ``round_id``,
        ``client``, ``client_id``, ``timestamp``, then each metric). Needs the ``pandas``
        extra."""
        from ._frames import results_frame, validations_frame

        return validations_frame(self) if per_client else results_frame(self)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (times as RFC 3339 text)."""
        return {
            "session_id": self.session_id,
            "name": self.name,
            "status": self.status,
            "model_id": self.model_id,
            "metric_names": list(self.metric_names),
            "rounds": [r.as_dict() for r in self.rounds],
        }


def decode_metrics(data: object) -> dict[str, float]:
    """The numeric metrics of a validation's ``data`` (a JSON object, as text or parsed).

    Other values (text, lists, nested objects, booleans, NaN) are left out; text that is not a
    JSON object gives no metrics.
    """
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except ValueError:
            return {}
    if not isinstance(data, Mapping):
        return {}
    return {
        str(name): float(value)
        for name, value in data.items()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    }


def session_results(
    session: Session,
    rounds: Iterable[Round],
    models: Sequence[Model],
    validations: Iterable[Validation],
) -> SessionResults:
    """Put a session's answers together (what ``get_session_results`` returns).

    ``rounds`` and ``models`` are the session's (any order; rounds are numbered by start time,
    then id), ``validations`` its validations. A validation belongs to the round its ``meta``
    names, else to the round that produced the model it validated.
    """
    session_id = str(session.get("session_id"))
    ordered = sorted(enumerate(rounds), key=lambda item: _round_order(item[1], item[0]))
    produced = _models_by_round([r for _, r in ordered], models)
    numbers = {str(r.get("round_id")): n for n, (_, r) in enumerate(ordered, 1)}
    by_model = {model_id: round_id for round_id, model_id in produced.items() if model_id}

    per_round: dict[str, list[ClientValidation]] = {round_id: [] for round_id in numbers}
    for validation in validations:
        round_id = _meta_round(validation.get("meta"))
        if round_id not in numbers:
            round_id = by_model.get(str(validation.get("model_id")))
        client = _client_validation(validation, round_id, numbers.get(round_id or ""))
        if round_id is not None:
            per_round[round_id].append(client)

    results = []
    for number, (_, round_) in enumerate(ordered, 1):
        round_id = str(round_.get("round_id"))
        found = sorted(per_round[round_id], key=lambda v: (v.client or "", v.client_id or ""))
        results.append(
            RoundResult(
                round=number,
                round_id=round_id,
                status=_text(round_.get("status")),
                model_id=produced.get(round_id),
                started_at=parse_timestamp(round_.get("committed_at")),
                finished_at=parse_timestamp(round_.get("updated_at")),
                validations=tuple(found),
            )
        )
    newest = max(
        enumerate(models),
        key=lambda item: (_sortable_time(item[1].get("committed_at")), item[0]),
        default=None,
    )
    return SessionResults(
        session_id=session_id,
        name=_text(session.get("name")),
        status=_text(session.get("status")),
        model_id=_text(newest[1].get("model_id")) if newest is not None else None,
        rounds=tuple(results),
    )


def _round_order(round_: Round, index: int) -> tuple[float, float, int]:
    round_id = str(round_.get("round_id"))
    numeric = float(round_id) if round_id.isdigit() else math.inf
    return (_sortable_time(round_.get("committed_at")), numeric, index)


def _sortable_time(value: object) -> float:
    moment = parse_timestamp(value)
    return moment.timestamp() if moment is not None else math.inf


def _models_by_round(rounds: Sequence[Round], models: Sequence[Model]) -> dict[str, str | None]:
    """The model each round produced: the one its combiners name, else the session's model
    whose parent is the model the round started from.

    A combiner's ``model_id`` counts only if it is one of the session's models: FEDn 0.33
    names an id there that is not in its model trail (the trail's model, which validations
    name, is the child of the round's starting model)."""
    children: dict[str, str] = {}
    known = {str(model.get("model_id")) for model in models if model.get("model_id")}
    for model in models:
        parent = model.get("parent_model")
        if parent:
            children.setdefault(str(parent), str(model.get("model_id")))
    produced: dict[str, str | None] = {}
    for round_ in rounds:
        named = [
            str(c["model_id"])
            for c in round_.get("combiners") or []
            if c.get("model_id") and (not known or str(c["model_id"]) in known)
        ]
        started_from = (round_.get("round_config") or {}).get("model_id")
        fallback = children.get(str(started_from)) if started_from else None
        produced[str(round_.get("round_id"))] = str(named[0]) if named else fallback
    return produced


def _meta_round(meta: object) -> str | None:
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError:
            return None
    if isinstance(meta, Mapping) and meta.get("round_id") is not None:
        return str(meta["round_id"])
    return None


def _client_validation(
    validation: Validation, round_id: str | None, number: int | None
) -> ClientValidation:
    sender = validation.get("sender") or {}
    return ClientValidation(
        validation_id=str(validation.get("validation_id")),
        round=number,
        round_id=round_id,
        model_id=_text(validation.get("model_id")),
        client=_text(sender.get("name")),
        client_id=_text(sender.get("client_id")),
        metrics=decode_metrics(validation.get("data")),
        timestamp=parse_timestamp(validation.get("timestamp") or validation.get("committed_at")),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
