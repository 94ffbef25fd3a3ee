"""``scaleout``: the command line of the SDK (``python -m scaleout.cli`` works too).

Every command calls the same :class:`~scaleout.Scaleout` methods a script does; this package
only parses the command line and prints the answers (tables, or JSON with ``--json``).
Run ``scaleout --help`` for the commands.
"""

from __future__ import annotations

from ._app import main
from ._exit import ExitCode

__all__ = ["ExitCode", "main"]
