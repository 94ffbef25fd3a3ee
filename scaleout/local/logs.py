"""Keep the local controller's libraries out of an application's DEBUG log.

With ``logging.basicConfig(level=logging.DEBUG)`` the web stack under the controller
(connexion, uvicorn, starlette, the JSON-schema validators) logs about a thousand lines when a
controller starts and several per request, burying the application's own lines and the
controller's (``scaleout.local``). A controller therefore sets those libraries' loggers to
WARNING, but only loggers whose level nobody has set: setting one yourself
(``logging.getLogger("connexion").setLevel(logging.DEBUG)``), or
``LocalController(library_logs=True)``, keeps its lines.

One warning is dropped outright: connexion warns "this operation accepts multiple content
types" on every request to an operation with two request bodies (``add_model`` and
``add_package`` take a form-encoded ``file_token`` or the multipart file). Serving both is
the point, and each handler reads the request's own content type, so the warning says nothing
and would otherwise be printed for every upload.
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


#: The connexion logger that warns about operations with several request bodies.
_BODY_CHOICE_LOGGER: Final = "connexion.operations.openapi3"


class _DropBodyChoiceWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("this operation accepts multiple content types")


def quiet_library_loggers() -> list[str]:
    """Set each library logger whose level is unset to WARNING, and drop connexion's warning
    about operations with two request bodies; the names of the loggers it set."""
    choice = logging.getLogger(_BODY_CHOICE_LOGGER)
    if not any(isinstance(f, _DropBodyChoiceWarning) for f in choice.filters):
        choice.addFilter(_DropBodyChoiceWarning())
    quieted = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)
            quieted.append(name)
    return quieted
