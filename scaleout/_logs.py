"""``SCALEOUT_LOG``: switch on the SDK's logging from the environment, without code.

Everything logs under the ``scaleout`` logger (``scaleout.http``, ``scaleout.auth``...), which
stays silent as libraries should unless the application configures logging. Setting
``SCALEOUT_LOG=debug`` (requests, retries, token refreshes) or ``SCALEOUT_LOG=info`` before
the import attaches one stderr handler to that logger, for a quick look at what a script does.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Mapping
from typing import Final

__all__ = ["LEVELS", "VARIABLE", "setup_from_env"]

VARIABLE: Final = "SCALEOUT_LOG"
LEVELS: Final = {"debug": logging.DEBUG, "info": logging.INFO}
FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``SCALEOUT_LOG`` added (told apart so it is added once)."""


def setup_from_env(env: Mapping[str, str] | None = None) -> logging.Handler | None:
    """Attach a stderr handler to the ``scaleout`` logger at the level ``SCALEOUT_LOG`` names;
    the handler, or None when the variable is unset or empty."""
    env = os.environ if env is None else env
    value = env.get(VARIABLE, "").strip().lower()
    if not value:
        return None
    level = LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"{VARIABLE}={value!r} is not one of {', '.join(LEVELS)}; logging left as it is",
            stacklevel=2,
        )
        return None
    logger = logging.getLogger("scaleout")
    logger.setLevel(level)
    handler = next((h for h in logger.handlers if isinstance(h, _EnvHandler)), None)
    if handler is None:
        handler = _EnvHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    handler.setLevel(level)
    return handler
