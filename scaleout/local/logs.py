"""Keep the local controller's libraries out of an application's DEBUG log.

With ``logging.basicConfig(level=logging.DEBUG)`` the web stack under the controller
(connexion, uvicorn, starlette, the JSON-schema validators) logs about a thousand lines when a
controller starts and several per request, burying the application's own lines and the
controller's (``scaleout.local``). A controller therefore sets those libraries' loggers to
WARNING, but only loggers whose level nobody has set: setting one yourself
(``logging.getLogger("connexion").setLevel(logging.DEBUG)``), or
``LocalController(library_logs=True)``, keeps its lines.
"""

from __future__ import annotations

import logging
from typing import Final

__all__ = ["LIBRARY_LOGGERS", "quiet_library_loggers"]

#: The loggers of the libraries the controller runs on (not its own, ``scaleout.local``).
LIBRARY_LOGGERS: Final = (
    "connexion",
    "uvicorn",
    "starlette",
    "jsonschema",
    "openapi_spec_validator",
    "python_multipart",
    "multipart",
)


def quiet_library_loggers() -> list[str]:
    """Set each library logger whose level is unset to WARNING; the names it set."""
    quieted = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)
            quieted.append(name)
    return quieted
