"""``scaleout local ...``: the embedded local controller (the ``local`` extra).

Everything after ``local`` goes to the ``scaleout-local`` command line, the same code:
``serve``, ``seed-model`` and ``compute-package``.
"""

from __future__ import annotations

import argparse

from .._local_entry import main as local_main
from ._app import Commands, Context

__all__ = ["register"]

HELP = (
    "the local controller with simulated clients, for trying things out (needs the [local] "
    "extra): 'serve' runs one, 'seed-model' and 'compute-package' write files for it"
)


def local(ctx: Context, args: argparse.Namespace) -> int:
    try:
        return local_main(args.arguments or ["--help"], prog="scaleout local")
    except SystemExit as exc:  # its --help, or a mistake argparse has already reported
        return exc.code if isinstance(exc.code, int) else 0


def register(commands: Commands) -> None:
    parser = commands.passthrough("local", HELP)
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(run=local)
