"""Errors in the spec's shape, ``{"message": ...}``, whatever raised them.

Handlers raise :class:`ApiError`; connexion raises its problem exceptions for validation and
auth failures and Starlette its HTTP exceptions for unknown routes and methods. All of them
are answered here as JSON with one of the status codes the spec documents, never as HTML or
``application/problem+json``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import Response

__all__ = ["ApiError", "error_body", "error_response", "install_error_handlers"]

logger = logging.getLogger(__name__)

_MISSING_TOKEN_DETAILS = {"No authorization token provided", "Missing authorization header"}
_MAX_MESSAGE = 500


class ApiError(Exception):
    """An error answer: ``status`` with ``{"message": message, **extra}``."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def error_body(message: str, **extra: Any) -> bytes:
    return json.dumps({"message": message, **extra}).encode()


def error_response(
    status: int, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    return Response(
        error_body(message, **extra),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def _first_line(text: Any) -> str:
    message = str(text or "").strip().splitlines()
    return (message[0] if message else "")[:_MAX_MESSAGE]


def _status_for(status: int) -> int:
    # Only codes the spec documents: 415 and friends become 400, anything 5xx becomes 500.
    if status in (400, 401, 404, 405, 413):
        return status
    if 400 <= status < 500:
        return 400
    return 500


def _answer(status: int, message: str, headers: dict[str, str] | None = None, **extra: Any) -> Any:
    # Connexion's exception middleware wants its own response type from error handlers.
    from connexion.lifecycle import (  # type: ignore[import-untyped, unused-ignore]
        ConnexionResponse,
    )

    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        body=error_body(message, **extra),
        headers=headers or {},
    )


def _api_error(_request: Any, exc: Exception) -> Any:
    assert isinstance(exc, ApiError)
    return _answer(exc.status, exc.message, **exc.extra)


def _problem(_request: Any, exc: Exception) -> Any:
    status = int(getattr(exc, "status", 500) or 500)
    detail = _first_line(getattr(exc, "detail", None) or getattr(exc, "title", None))
    if status == 401:
        message = "Missing token" if detail in _MISSING_TOKEN_DETAILS else detail
        return _answer(401, message or "Invalid token")
    if status >= 500:
        # A response that does not match the spec is a bug here: say so loudly.
        logger.error("controller error %s: %s", status, detail)
        return _answer(500, detail or "An unexpected error occurred")
    return _answer(_status_for(status), detail or "Bad request")


def _http_exception(_request: Any, exc: Exception) -> Any:
    assert isinstance(exc, HTTPException)
    status = _status_for(exc.status_code)
    message = {404: "Not found", 405: "Method not allowed"}.get(status, _first_line(exc.detail))
    headers = dict(exc.headers or {})
    return _answer(status, message, headers=headers or None)


def _out_of_range(_request: Any, exc: Exception) -> Any:
    # A value the request carried that no computation here can take (a number beyond a
    # float, a structure beyond the recursion limit) is the caller's mistake, not a 500.
    logger.info("refused a request with a value out of range: %s", type(exc).__name__)
    return _answer(400, "A value in the request is out of range")


def _unreadable_form(_request: Any, exc: Exception) -> Any:
    # Starlette's form parser refuses too many fields or a malformed multipart body with its
    # own exception, which no handler of connexion's takes.
    return _answer(400, f"The form body cannot be read: {_first_line(exc)}")


def _unexpected(_request: Any, exc: Exception) -> Any:
    logger.error("unexpected error in the local controller", exc_info=exc)
    return _answer(500, "An unexpected error occurred")


def install_error_handlers(app: Any) -> None:
    """Register the handlers on a connexion app (its ExceptionMiddleware)."""
    from connexion.exceptions import (  # type: ignore[import-untyped, unused-ignore]
        ProblemException,
    )
    from starlette.formparsers import MultiPartException

    app.add_error_handler(ApiError, _api_error)
    app.add_error_handler(ProblemException, _problem)
    app.add_error_handler(HTTPException, _http_exception)
    app.add_error_handler(MultiPartException, _unreadable_form)
    app.add_error_handler(OverflowError, _out_of_range)
    app.add_error_handler(RecursionError, _out_of_range)
    app.add_error_handler(Exception, _unexpected)
