"""The optional extras of the distribution, and one clear error when a feature needs a missing one.

The core install is httpx, attrs and python-dateutil; ``pandas``, ``plot``, ``local`` and
``cli`` add what their features import. Each feature checks for its modules before it does
anything (before a request is sent), so a missing extra is one line naming the ``pip install``
that adds it, never an ``ImportError`` from deep inside a call.
"""

from __future__ import annotations

import sys
from typing import Final

from ._exceptions import MissingExtraError

__all__ = ["DISTRIBUTION", "EXTRA_MODULES", "install_hint", "missing_modules", "require_extra"]

#: The name this package is installed by.
DISTRIBUTION: Final = "scaleout-sdk"

#: The top-level modules each extra provides (what its features import).
EXTRA_MODULES: Final[dict[str, tuple[str, ...]]] = {
    "pandas": ("pandas",),
    "plot": ("matplotlib",),
    "local": ("connexion", "uvicorn", "numpy", "starlette", "yaml", "jsonschema"),
}


def install_hint(extra: str) -> str:
    return f'pip install "{DISTRIBUTION}[{extra}]"'


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [name for name in EXTRA_MODULES[extra] if not _importable(name)]


def _importable(name: str) -> bool:
    if name in sys.modules:
        return sys.modules[name] is not None  # None: imports of it are blocked
    import importlib.util  # here, not at the top: `import scaleout` is kept lean

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def require_extra(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtraError` if ``extra`` is not installed; ``feature`` says what
    needs it (e.g. ``"plot_session"``)."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtraError(
            f"{feature} needs the [{extra}] extra ({', '.join(missing)} not installed): "
            f"{install_hint(extra)}",
            extra=extra,
        )
