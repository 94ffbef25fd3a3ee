"""``scaleout status``, ``scaleout attributes get|add`` and ``scaleout command run``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._exceptions import InvalidArgumentError
from ._app import Commands, Context
from ._output import Column

if TYPE_CHECKING:
    from scaleout_api.schemas import Node

__all__ = ["register", "register_status"]


def status(ctx: Context, args: argparse.Namespace) -> None:
    client = ctx.client
    state = client.get_controller_status()
    summary: dict[str, Any] = {
        "controller": client.url,
        "state": state.get("state"),
        "clients": client.get_clients_count(),
        "clients_online": client.get_clients_count(only_active=True),
        "models": client.get_models_count(),
        "sessions": client.get_sessions_count(),
    }
    newest = client.get_active_model()
    summary["newest_model"] = newest["model_id"] if newest is not None else None
    if ctx.output.json:
        ctx.output.data(summary)
    else:
        ctx.output.record(summary)


def get_attributes(ctx: Context, args: argparse.Namespace) -> None:
    found = ctx.client.get_current_attributes(args.node_ids)
    if ctx.output.json:
        ctx.output.data(found)
        return
    rows: list[dict[str, str]] = []
    for node, attributes in found.items():
        if isinstance(attributes, dict):
            rows.extend({"node": node, "key": k, "value": v} for k, v in attributes.items())
        else:
            rows.append({"node": node, "key": "", "value": attributes})
    ctx.output.table(rows, [Column("NODE", "node"), Column("KEY", "key"), Column("VALUE", "value")])


def add_attribute(ctx: Context, args: argparse.Namespace) -> None:
    sender: Node = {"client_id": args.node_id, "name": args.name or "", "role": args.role}
    stored = ctx.client.add_attributes({"key": args.key, "value": args.value, "sender": sender})
    if ctx.output.json:
        ctx.output.data(stored)
    else:
        ctx.output.out.write(f"{args.node_id}: {args.key} = {args.value}\n")


def run_command(ctx: Context, args: argparse.Namespace) -> None:
    parameters: dict[str, str] = {}
    for item in args.param or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InvalidArgumentError(f"--param needs KEY=VALUE, got {item!r}")
        parameters[key] = value
    answer = ctx.client.run_custom_command(
        args.command_type,
        blocking=args.blocking,
        timeout=args.command_timeout,
        client_ids=args.client,
        parameters=parameters or None,
    )
    if ctx.output.json:
        ctx.output.data(answer)
    else:
        ctx.output.record(answer)


def register_status(commands: Commands) -> None:
    commands.top("status", status, "the controller's state and what it holds")


def register(commands: Commands) -> None:
    attributes = commands.group("attributes", "node attributes (key/value pairs of clients)")
    getting = commands.command(attributes, "get", get_attributes, "the current attributes of nodes")
    getting.add_argument("node_ids", nargs="+", metavar="NODE_ID", help="client or combiner ids")
    adding = commands.command(attributes, "add", add_attribute, "add or update an attribute")
    adding.add_argument("node_id", metavar="NODE_ID", help="the client id")
    adding.add_argument("key", metavar="KEY")
    adding.add_argument("value", metavar="VALUE")
    adding.add_argument("--name", help="the node's name")
    adding.add_argument("--role", default="client", help="the node's role (default client)")

    command = commands.group("command", "custom commands on edge clients")
    running = commands.command(command, "run", run_command, "run a custom command on clients")
    running.add_argument("command_type", metavar="TYPE", help="the command (Custom_ is added)")
    running.add_argument(
        "--client", action="append", metavar="CLIENT_ID", help="run on this client (repeat)"
    )
    running.add_argument(
        "--param", action="append", metavar="KEY=VALUE", help="a parameter (repeat)"
    )
    running.add_argument("--blocking", action="store_true", help="wait for the clients' answers")
    running.add_argument(
        "--command-timeout",
        type=int,
        metavar="SECONDS",
        help="how long a blocking command waits for the clients",
    )
