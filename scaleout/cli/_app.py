"""The ``scaleout`` command: its parser, its client, and how a failure becomes an exit code.

Each command is a function ``run(ctx, args)`` registered by a module of this package
(``_entities``, ``_files``, ``_sessions``, ``_nodes``, ``_local``); every one of them does its
work through a :class:`~scaleout.Scaleout` client, the same methods a script calls. The
options every command takes (``--host``, ``--token``, ``--json``, ``--quiet``...) are accepted
before or after the command's name.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

import attrs

from .._client import Scaleout
from .._config import HOST_VARIABLE
from .._exceptions import InvalidArgumentError, ScaleoutError
from .._url import resolve_base_url
from .._version import __version__
from ._exit import ExitCode, exit_code_for, one_line
from ._output import Output
from ._progress import Progress

__all__ = ["Commands", "Context", "Parser", "UsageError", "build_parser", "main"]

PROG = "scaleout"
#: A command's function: the code it exits with (None: success).
Command = Callable[["Context", argparse.Namespace], "int | None"]


class UsageError(Exception):
    """The command line is wrong (argparse's errors are raised as this, not printed)."""


class Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line naming the command and how to get help."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


@attrs.define
class Context:
    """What a command runs with: the options every command takes, its output, its client."""

    args: argparse.Namespace
    output: Output
    _client: Scaleout | None = None

    @property
    def client(self) -> Scaleout:
        """The client, made on first use (so ``--help`` and ``local serve`` need no host)."""
        if self._client is None:
            host = self.args.host or os.environ.get(HOST_VARIABLE, "").strip() or None
            if host is None:
                raise InvalidArgumentError(
                    f"no controller given: pass --host URL or set {HOST_VARIABLE}"
                )
            try:
                resolve_base_url(host)
            except ValueError as exc:  # an address the URL rules refuse, e.g. ftp://...
                raise InvalidArgumentError(f"--host {host!r}: {exc}") from None
            self._client = Scaleout(
                host,
                token=self.args.token,
                verify=not self.args.insecure,
                **({"timeout": self.args.timeout} if self.args.timeout is not None else {}),
            )
        return self._client

    def progress(self, label: str) -> Progress:
        """A progress bar on stderr, drawn only on a terminal and without ``--quiet``."""
        return Progress.for_terminal(self.output.err, label, quiet=self.output.quiet)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _common_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """The options of every command. On the top parser they have defaults; on each command's
    parser they default to nothing, so one given before the command name is kept."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    group = parser.add_argument_group("connection and output")
    group.add_argument(
        "--host",
        metavar="URL",
        default=default(None),
        help=f"the controller, e.g. http://localhost:8092 (default: ${HOST_VARIABLE})",
    )
    group.add_argument(
        "--token",
        metavar="TOKEN",
        default=default(None),
        help="refresh token or API key (default: $SCALEOUT_AUTH_TOKEN, then the token cache)",
    )
    group.add_argument(
        "--insecure",
        action="store_true",
        default=default(False),
        help="do not verify the server's TLS certificate",
    )
    group.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_float,
        default=default(None),
        help="seconds a request may take (default: connect 5, read 60)",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help="print the answer as JSON, for scripts",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="no progress bars or messages, only the answer",
    )


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
    return value


class Commands:
    """Adds commands to the tree: ``group("models", ...)`` then ``command(...)`` in it."""

    def __init__(self, parser: Parser) -> None:
        self._subparsers = parser.add_subparsers(dest="group", metavar="COMMAND", required=True)
        self._groups: dict[str, argparse._SubParsersAction[Parser]] = {}

    def group(self, name: str, help: str) -> argparse._SubParsersAction[Parser]:
        parser = self._subparsers.add_parser(name, help=help, description=help)
        self._groups[name] = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
        return self._groups[name]

    def existing(self, name: str) -> argparse._SubParsersAction[Parser]:
        """A group made earlier, to add more commands to it."""
        return self._groups[name]

    @staticmethod
    def command(
        group: argparse._SubParsersAction[Parser], name: str, run: Command, help: str
    ) -> Parser:
        parser = group.add_parser(name, help=help, description=help)
        _common_options(parser, defaults=False)
        parser.set_defaults(run=run)
        return parser

    def passthrough(self, name: str, help: str) -> Parser:
        """A command whose arguments, options and ``--help`` included, go to another
        command line unparsed."""
        return self._subparsers.add_parser(
            name,
            help=help,
            description=help,
            add_help=False,
            prefix_chars="\0",  # no option of its own: "--port" is an argument here
        )

    def top(self, name: str, run: Command, help: str) -> Parser:
        """A command without a group (``scaleout status``)."""
        parser = self._subparsers.add_parser(name, help=help, description=help)
        _common_options(parser, defaults=False)
        parser.set_defaults(run=run)
        return parser


def build_parser() -> Parser:
    from . import _entities, _files, _local, _nodes, _sessions

    parser = Parser(
        prog=PROG,
        description="Work with a Scaleout Edge controller from the shell: clients, models, "
        "compute packages, training sessions and their results.",
        epilog="Exit codes: 0 ok, 1 other error, 2 usage error, 3 HTTP error status, "
        "4 connection error, 5 timeout. Run 'scaleout COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common_options(parser, defaults=True)
    commands = Commands(parser)
    _nodes.register_status(commands)
    _entities.register(commands)
    _files.register(commands)
    _sessions.register(commands)
    _nodes.register(commands)
    _local.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run ``scaleout`` with ``argv`` (default: the process's arguments); the exit code."""
    err = sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(one_line(exc), file=err)
        return ExitCode.USAGE
    except SystemExit as exc:  # --help and --version: printed, and done
        return exc.code if isinstance(exc.code, int) else ExitCode.OK
    output = Output(json=args.json, quiet=args.quiet, out=out or sys.stdout, err=err)
    context = Context(args, output)
    try:
        code = args.run(context, args)
    except (ScaleoutError, OSError, UsageError, KeyboardInterrupt) as exc:
        return _failed(exc, err)
    finally:
        try:
            context.close()
        except ScaleoutError:
            pass
    return int(code or ExitCode.OK)


def _failed(error: BaseException, err: TextIO) -> int:
    if isinstance(error, BrokenPipeError):
        # The reader went away (| head): nothing more to say, and nowhere to say it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.ERROR
    code = ExitCode.USAGE if isinstance(error, UsageError) else exit_code_for(error)
    if code is ExitCode.INTERRUPTED:
        print(f"{PROG}: interrupted", file=err)
    elif isinstance(error, UsageError):
        print(one_line(error), file=err)
    else:
        print(f"{PROG}: error: {one_line(error)}", file=err)
    return code
