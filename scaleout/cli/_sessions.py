"""``scaleout sessions start|continue|stop|wait|results|plot``: training sessions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, get_args

from .._exceptions import InvalidArgumentError
from ..results import ClientValidation, RoundResult, SessionResults
from ._app import Commands, Context
from ._output import Column

__all__ = ["register"]

#: The metric ``sessions wait`` shows after each round, the first of these that is reported.
PREFERRED_METRICS = ("test_accuracy", "accuracy", "test_loss", "loss")


def start(ctx: Context, args: argparse.Namespace) -> None:
    answer = ctx.client.start_session(
        name=args.name,
        aggregator=args.aggregator,
        model_id=args.model,
        round_timeout=args.round_timeout,
        rounds=args.rounds,
        validate=not args.no_validate,
        helper=args.helper,
        min_clients=args.min_clients,
        requested_clients=args.requested_clients,
    )
    _started(ctx, args, answer, f"Session {answer['session_id']} started: {args.rounds} rounds")


def continue_(ctx: Context, args: argparse.Namespace) -> None:
    session_id = _session_id(ctx, args)
    answer = ctx.client.continue_session(
        session_id, rounds=args.rounds, round_timeout=args.round_timeout
    )
    _started(ctx, args, answer, f"Session {session_id} continues: {args.rounds} more rounds")


def _started(ctx: Context, args: argparse.Namespace, answer: Any, text: str) -> None:
    if not args.wait:
        if ctx.output.json:
            ctx.output.data(answer)
        else:
            ctx.output.out.write(text + "\n")
        return
    ctx.output.note(text)
    _wait(ctx, answer["session_id"], args)


def stop(ctx: Context, args: argparse.Namespace) -> None:
    answer = ctx.client.stop_current_session()
    if ctx.output.json:
        ctx.output.data(answer)
    else:
        ctx.output.out.write(f"{answer.get('message') or 'Stopping the running session'}\n")


def wait(ctx: Context, args: argparse.Namespace) -> None:
    _wait(ctx, _session_id(ctx, args), args)


def _wait(ctx: Context, session_id: str, args: argparse.Namespace) -> None:
    client = ctx.client
    session = client.get_session(session_id)
    planned = (session.get("session_config") or {}).get("rounds") or 0
    done = 0
    with ctx.progress(f"session {session.get('name') or session_id[:8]}") as bar:

        def on_round(round_: object) -> None:
            nonlocal done
            done += 1
            bar.steps(done, max(planned, done), _latest(ctx, session_id, done, args.metric))

        bar.steps(0, planned or None, "waiting for the first round")
        finished = client.wait_for_session(
            session_id,
            timeout=args.wait_timeout,
            poll_interval=args.poll,
            on_round=on_round if bar.enabled else None,
        )
    if ctx.output.json:
        ctx.output.data(finished)
        return
    ctx.output.note(f"Session {session_id} is {str(finished.get('status')).lower()}")
    _round_table(ctx, client.get_session_results(session_id))


def _latest(ctx: Context, session_id: str, number: int, wanted: str | None) -> str:
    """The chosen metric of round ``number``, averaged over the clients."""
    means = ctx.client.get_session_results(session_id).round(number).metrics
    name = wanted or next((m for m in PREFERRED_METRICS if m in means), next(iter(means), None))
    if name is None or name not in means:
        return ""
    return f"{name} {means[name]:.4g}"


def results(ctx: Context, args: argparse.Namespace) -> None:
    found = ctx.client.get_session_results(_session_id(ctx, args))
    if args.round is None:
        if ctx.output.json:
            ctx.output.data(found.as_dict())
        else:
            _round_table(ctx, found)
        return
    validations = found.round(args.round).validations
    if ctx.output.json:
        ctx.output.data([v.as_dict() for v in validations])
        return
    names = found.metric_names
    columns = [
        Column("CLIENT", lambda v: v.client),
        Column("CLIENT_ID", lambda v: v.client_id),
        *(_metric_column(name) for name in names),
        Column("TIMESTAMP", lambda v: v.timestamp),
    ]
    ctx.output.table(validations, columns)
    if len(validations) > 1:
        means = found.round(args.round).metrics
        ctx.output.note(
            "mean over clients: "
            + "  ".join(f"{name}={means[name]:.4g}" for name in names if name in means)
        )


def _metric_column(name: str) -> Column:
    def read(item: RoundResult | ClientValidation) -> object:
        return item.metrics.get(name)

    return Column(name, read)


def _round_table(ctx: Context, found: SessionResults) -> None:
    columns = [
        Column("ROUND", lambda r: r.round),
        Column("ROUND_ID", lambda r: r.round_id),
        Column("STATUS", lambda r: r.status),
        Column("CLIENTS", lambda r: len(r.validations)),
        *(_metric_column(name) for name in found.metric_names),
        Column("FINISHED_AT", lambda r: r.finished_at),
    ]
    ctx.output.table(found.rounds, columns)


def plot(ctx: Context, args: argparse.Namespace) -> None:
    written = ctx.client.plot_session(_session_id(ctx, args), metrics=args.metric, path=args.output)
    if ctx.output.json:
        ctx.output.data({"path": str(written)})
    else:
        ctx.output.out.write(f"Plot written to {written}\n")


def _session_id(ctx: Context, args: argparse.Namespace) -> str:
    """The session the command is about: its id, or the one named ``--name``."""
    if (args.session_id is None) == (args.name is None):
        raise InvalidArgumentError("give the session's id or --name NAME (one of them)")
    if args.session_id is not None:
        return str(args.session_id)
    return ctx.client.get_session(name=args.name)["session_id"]


def _which_session(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session_id", nargs="?", metavar="SESSION_ID", help="the session id")
    parser.add_argument("--name", help="the session's name, instead of its id")


def _wait_options(parser: argparse.ArgumentParser, *, optional: bool) -> None:
    if optional:
        parser.add_argument(
            "--wait", action="store_true", help="wait for the session to end, then show results"
        )
    parser.add_argument(
        "--wait-timeout",
        type=float,
        default=3600.0,
        metavar="SECONDS",
        help="how long to wait for the session at most (default 3600)",
    )
    parser.add_argument(
        "--poll",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="seconds between looks at the session (default 2)",
    )
    parser.add_argument(
        "--metric",
        metavar="NAME",
        help="the metric the progress bar shows (default: test_accuracy, or the first)",
    )


def register(commands: Commands) -> None:
    from scaleout_api.schemas import Aggregator, Helper

    sessions = commands.existing("sessions")
    starting = commands.command(sessions, "start", start, "start a training session")
    starting.add_argument("--name", help="the session's name")
    starting.add_argument("--rounds", type=int, default=5, help="training rounds (default 5)")
    starting.add_argument(
        "--round-timeout", type=float, default=180, metavar="SECONDS", help="seconds per round"
    )
    starting.add_argument("--aggregator", choices=get_args(Aggregator), default="fedavg")
    starting.add_argument("--model", metavar="MODEL_ID", help="start from this model (newest)")
    starting.add_argument("--helper", choices=get_args(Helper), help="the model helper")
    starting.add_argument("--min-clients", type=int, default=1, metavar="N")
    starting.add_argument("--requested-clients", type=int, default=8, metavar="N")
    starting.add_argument(
        "--no-validate", action="store_true", help="do not validate the model after each round"
    )
    _wait_options(starting, optional=True)

    going_on = commands.command(
        sessions, "continue", continue_, "run more rounds of a session that is not running"
    )
    _which_session(going_on)
    going_on.add_argument("--rounds", type=int, default=5, help="rounds to add (default 5)")
    going_on.add_argument("--round-timeout", type=float, default=180, metavar="SECONDS")
    _wait_options(going_on, optional=True)

    commands.command(sessions, "stop", stop, "stop the running session after its current round")

    waiting = commands.command(
        sessions, "wait", wait, "wait for a session to end (a progress bar on a terminal)"
    )
    _which_session(waiting)
    _wait_options(waiting, optional=False)

    showing = commands.command(
        sessions, "results", results, "validation metrics per round (or per client of a round)"
    )
    _which_session(showing)
    showing.add_argument(
        "--round", type=int, metavar="N", help="each client's metrics in round N (1 is the first)"
    )

    drawing = commands.command(
        sessions, "plot", plot, "plot the metrics per round into a PNG (needs the [plot] extra)"
    )
    _which_session(drawing)
    drawing.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="the PNG to write (default: session-<SESSION_ID>.png)",
    )
    drawing.add_argument(
        "--metric",
        action="append",
        metavar="NAME",
        help="a metric (test_loss) or family (loss) to plot; repeat for more (default: all)",
    )
