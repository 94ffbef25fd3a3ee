"""A warning when the vendor's ``scaleout`` distribution is installed beside this one.

This package (distribution ``scaleout-sdk``) provides the top-level module ``scaleout``, and so
does the vendor's client (distribution ``scaleout``). pip does not stop two distributions from
writing the same files: the one installed last overwrites ``scaleout/__init__.py`` (breaking
``from scaleout import EdgeClient``, or this package), and uninstalling either removes files
the other needs. Nothing else would tell; this warns once, at import.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Final

__all__ = [
    "VENDOR_DISTRIBUTION",
    "VendorClashWarning",
    "vendor_version",
    "warn_if_vendor_installed",
]

VENDOR_DISTRIBUTION: Final = "scaleout"


class VendorClashWarning(UserWarning):
    """The vendor's ``scaleout`` distribution is installed in the same environment."""


def vendor_version(paths: list[str] | None = None) -> str | None:
    """The version of the vendor's distribution installed on ``paths`` (default
    ``sys.path``), or None.

    Reads the names of the installed distributions' metadata folders
    (``scaleout-1.0.1.dist-info``) instead of using ``importlib.metadata``, whose import alone
    would add a noticeable share to the time of every ``import scaleout``.
    """
    prefix = f"{VENDOR_DISTRIBUTION}-"
    for entry in sys.path if paths is None else paths:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            lowered = name.lower()
            if lowered.startswith(prefix) and lowered.endswith((".dist-info", ".egg-info")):
                stem = name[len(prefix) :].rsplit(".", 1)[0]
                return stem.split("-")[0] or "unknown"
    return None


def warn_if_vendor_installed() -> bool:
    """Warn (:class:`VendorClashWarning`) if the vendor's distribution is installed; whether
    it is."""
    version = vendor_version()
    if version is None:
        return False
    warnings.warn(
        f"The vendor's '{VENDOR_DISTRIBUTION}' distribution ({version}) is installed in this "
        "environment as well as scaleout-sdk. Both provide the Python package 'scaleout', so "
        "the one installed last has overwritten the other's files, and uninstalling either "
        "breaks the other. Keep them apart: use scaleout-sdk in its own virtual environment "
        "(or `pip uninstall scaleout scaleout-sdk` and reinstall the one you want).",
        VendorClashWarning,
        stacklevel=3,
    )
    return True
