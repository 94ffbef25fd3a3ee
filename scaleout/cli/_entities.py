"""``scaleout <things> list|get``: the controller's entities as tables (or JSON)."""

from __future__ import annotations

import argparse
import collections
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from .._client import Scaleout
from .._exceptions import InvalidArgumentError
from ..results import decode_metrics
from ._app import Commands, Context
from ._output import Column

__all__ = ["ENTITIES", "Entity", "register"]

Walk = Callable[[Scaleout, dict[str, object], "str | None"], Iterator[Any]]


@attrs.frozen
class Entity:
    """One kind of entity: how to list it, get one, and show it."""

    group: str
    noun: str
    help: str
    get: Callable[[Scaleout, str], Mapping[str, Any]]
    walk: Walk
    columns: Sequence[Column]
    #: Whether ``list --session`` narrows the list to one session.
    by_session: bool = False


def _with_session(
    iterate: Callable[..., Iterator[Any]],
) -> Walk:
    def walk(client: Scaleout, filters: dict[str, object], session: str | None) -> Iterator[Any]:
        if session is not None:
            filters = {**filters, "session_id": session}
        return iterate(client, filters=filters)

    return walk


def _metrics(validation: Mapping[str, Any]) -> str:
    found = decode_metrics(validation.get("data"))
    return "  ".join(f"{name}={value:.4g}" for name, value in found.items())


def _produced_model(round_: Mapping[str, Any]) -> object:
    return next((c.get("model_id") for c in round_.get("combiners") or []), None)


ENTITIES = (
    Entity(
        "clients",
        "client",
        "edge clients: list and show",
        lambda c, id: c.get_client(id),
        lambda c, filters, _: c.iter_clients(filters=filters),
        (
            Column("NAME", "name"),
            Column("CLIENT_ID", "client_id"),
            Column("STATUS", "status"),
            Column("COMBINER", "combiner"),
            Column("LAST_SEEN", "last_seen"),
        ),
    ),
    Entity(
        "combiners",
        "combiner",
        "combiners: list and show",
        lambda c, id: c.get_combiner(id),
        lambda c, filters, _: c.iter_combiners(filters=filters),
        (
            Column("NAME", "name"),
            Column("COMBINER_ID", "combiner_id"),
            Column("ADDRESS", "address"),
            Column("PORT", "port"),
            Column("COMMITTED_AT", "committed_at"),
        ),
    ),
    Entity(
        "models",
        "model",
        "models: list, show, upload and download",
        lambda c, id: c.get_model(id),
        _with_session(Scaleout.iter_models),
        (
            Column("MODEL_ID", "model_id"),
            Column("NAME", "name"),
            Column("SESSION_ID", "session_id"),
            Column("PARENT_MODEL", "parent_model"),
            Column("COMMITTED_AT", "committed_at"),
        ),
        by_session=True,
    ),
    Entity(
        "packages",
        "package",
        "compute packages: list, show, upload, activate and download",
        lambda c, id: c.get_package(id),
        lambda c, filters, _: c.iter_packages(filters=filters),
        (
            Column("PACKAGE_ID", "package_id"),
            Column("NAME", "name"),
            Column("HELPER", "helper"),
            Column("FILE_NAME", "file_name"),
            Column("ACTIVE", "active"),
            Column("COMMITTED_AT", "committed_at"),
        ),
    ),
    Entity(
        "sessions",
        "session",
        "training sessions: list, show, start, continue, stop, wait, results and plot",
        lambda c, id: c.get_session(id),
        lambda c, filters, _: c.iter_sessions(filters=filters),
        (
            Column("SESSION_ID", "session_id"),
            Column("NAME", "name"),
            Column("STATUS", "status"),
            Column("ROUNDS", "session_config.rounds"),
            Column("AGGREGATOR", "session_config.aggregator"),
            Column("COMMITTED_AT", "committed_at"),
        ),
    ),
    Entity(
        "rounds",
        "round",
        "training rounds: list and show",
        lambda c, id: c.get_round(id),
        lambda c, filters, session: c.iter_rounds(session, filters=filters),
        (
            Column("ROUND_ID", "round_id"),
            Column("STATUS", "status"),
            Column("SESSION_ID", "round_config.session_id"),
            Column("MODEL_ID", _produced_model),
            Column("COMMITTED_AT", "committed_at"),
        ),
        by_session=True,
    ),
    Entity(
        "validations",
        "validation",
        "the clients' validations of models: list and show",
        lambda c, id: c.get_validation(id),
        _with_session(Scaleout.iter_validations),
        (
            Column("VALIDATION_ID", "validation_id"),
            Column("CLIENT", "sender.name"),
            Column("MODEL_ID", "model_id"),
            Column("METRICS", _metrics, width=100),
            Column("TIMESTAMP", "timestamp"),
        ),
        by_session=True,
    ),
    Entity(
        "statuses",
        "status",
        "status events: list and show",
        lambda c, id: c.get_status(id),
        _with_session(Scaleout.iter_statuses),
        (
            Column("TIMESTAMP", "timestamp"),
            Column("LEVEL", "log_level"),
            Column("TYPE", "type"),
            Column("SENDER", "sender.name"),
            Column("STATUS", "status", width=80),
        ),
        by_session=True,
    ),
    Entity(
        "predictions",
        "prediction",
        "prediction results: list and show",
        lambda c, id: c.get_prediction(id),
        lambda c, filters, _: c.iter_predictions(filters=filters),
        (
            Column("PREDICTION_ID", "prediction_id"),
            Column("CLIENT", "sender.name"),
            Column("MODEL_ID", "model_id"),
            Column("CORRELATION_ID", "correlation_id"),
            Column("TIMESTAMP", "timestamp"),
        ),
    ),
)


def parse_filters(given: Sequence[str] | None) -> dict[str, object]:
    """``KEY=VALUE`` options as list filters."""
    filters: dict[str, object] = {}
    for item in given or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidArgumentError(f"--filter needs KEY=VALUE, got {item!r}")
        filters[key.strip()] = value
    return filters


def _list(entity: Entity) -> Callable[[Context, argparse.Namespace], None]:
    def run(ctx: Context, args: argparse.Namespace) -> None:
        items = entity.walk(ctx.client, parse_filters(args.filter), getattr(args, "session", None))
        rows = list(collections.deque(items, maxlen=args.limit) if args.limit else items)
        if ctx.output.json:
            ctx.output.data(rows)
        else:
            ctx.output.table(rows, entity.columns)

    return run


def _get(entity: Entity) -> Callable[[Context, argparse.Namespace], None]:
    def run(ctx: Context, args: argparse.Namespace) -> None:
        name = getattr(args, "name", None)
        if entity.group == "sessions" and name is not None:
            if args.id is not None:
                raise InvalidArgumentError("sessions get: give an ID or --name, not both")
            item: Mapping[str, Any] = ctx.client.get_session(name=name)
        elif args.id is None:
            raise InvalidArgumentError(f"{entity.group} get: give the {entity.noun}'s id")
        else:
            item = entity.get(ctx.client, args.id)
        if ctx.output.json:
            ctx.output.data(item)
        else:
            ctx.output.record(item)

    return run


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def register(commands: Commands) -> None:
    for entity in ENTITIES:
        group = commands.group(entity.group, entity.help)
        listing = commands.command(
            group, "list", _list(entity), f"list {entity.group}, oldest first"
        )
        listing.add_argument(
            "--limit",
            type=_positive_int,
            metavar="N",
            help=f"only the newest N {entity.group}",
        )
        listing.add_argument(
            "--filter",
            action="append",
            metavar="KEY=VALUE",
            help="only those whose field KEY is VALUE (repeat for more)",
        )
        if entity.by_session:
            listing.add_argument("--session", metavar="SESSION_ID", help="only of this session")
        getting = commands.command(group, "get", _get(entity), f"show one {entity.noun}")
        if entity.group == "sessions":
            getting.add_argument("id", nargs="?", metavar="ID", help="the session id")
            getting.add_argument("--name", help="find the session by its name instead")
        else:
            getting.add_argument("id", metavar="ID", help=f"the {entity.noun} id")
