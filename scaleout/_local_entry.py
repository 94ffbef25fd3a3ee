"""The ``scaleout-local`` console script, installed with every install of the package.

The controller itself needs the ``local`` extra (connexion, uvicorn, numpy...). Without it the
command says so in one line and exits 1, instead of a ``ModuleNotFoundError`` traceback from
deep inside the import of :mod:`scaleout.local`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ._extras import install_hint, missing_modules

__all__ = ["main"]


def main(argv: Sequence[str] | None = None, *, prog: str = "scaleout-local") -> int:
    missing = missing_modules("local")
    if missing:
        print(
            f"{prog}: the local controller needs the [local] extra "
            f"({', '.join(missing)} not installed): {install_hint('local')}",
            file=sys.stderr,
        )
        return 1
    from .local.cli import main as local_main

    return local_main(argv, prog=prog)
