"""The connexion application that serves ``openapi/controller.yaml``.

Every operationId of the spec resolves to exactly one handler (and nothing else is served:
no Swagger UI, no spec endpoint). Requests and responses are both validated against the spec;
a handler answering in a shape the spec does not allow produces a 500, never a silent lie.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from connexion import AsyncApp  # type: ignore[import-untyped, unused-ignore]
from connexion.middleware import (  # type: ignore[import-untyped, unused-ignore]
    MiddlewarePosition,
)
from connexion.options import SwaggerUIOptions  # type: ignore[import-untyped, unused-ignore]
from connexion.resolver import Resolver  # type: ignore[import-untyped, unused-ignore]
from starlette.datastructures import UploadFile
from starlette.responses import Response

from .auth import bearer_security_map
from .errors import install_error_handlers
from .faults import FaultInjection
from .handlers import REGISTRY
from .http import Call, Handler
from .limits import BodySizeLimit, HeaderSizeLimit, NoChunkedUploads, ResponseDelay
from .services import Services
from .spec import operation_ids, serving_spec
from .validation import validator_map

__all__ = ["build_app"]


class _UndeclaredFilterNoise(logging.Filter):
    """Drops connexion's ERROR for a query parameter the operation does not list.

    Every entity field is a filter on list and count endpoints (the spec lists the documented
    ones), so an unlisted one is normal use here, not an error worth a line on stderr.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "not defined in specification" not in record.getMessage()


_PARAMETER_LOGGER = logging.getLogger("connexion.decorators.parameter")


def build_app(services: Services, *, overrides: Mapping[str, Handler] | None = None) -> Any:
    """The ASGI app of one controller; ``overrides`` replaces handlers (for tests)."""
    if not any(isinstance(f, _UndeclaredFilterNoise) for f in _PARAMETER_LOGGER.filters):
        _PARAMETER_LOGGER.addFilter(_UndeclaredFilterNoise())
    spec = serving_spec(services.spec, auth=services.options.auth)
    handlers: dict[str, Handler] = {**REGISTRY, **(overrides or {})}
    wanted = operation_ids(spec)
    missing = wanted - handlers.keys()
    if missing:
        raise RuntimeError(f"no handler for operation(s): {', '.join(sorted(missing))}")

    def resolve(operation_id: str) -> Any:
        return _endpoint(services, operation_id, handlers[operation_id])

    app = AsyncApp(
        __name__,
        swagger_ui_options=SwaggerUIOptions(serve_spec=False, swagger_ui=False),
    )
    app.add_api(
        spec,
        base_path="",
        resolver=Resolver(resolve),
        validate_responses=True,
        strict_validation=False,
        validator_map=validator_map(),
        security_map=bearer_security_map(services.tokens) if services.options.auth else None,
    )
    app.add_middleware(HeaderSizeLimit, position=MiddlewarePosition.BEFORE_ROUTING)
    # After routing, to know the operation; before security and validation, like a proxy's
    # or an overloaded server's answer, which neither checks a token nor reads the request.
    app.add_middleware(
        FaultInjection, position=MiddlewarePosition.BEFORE_SECURITY, faults=services.faults
    )
    app.add_middleware(
        BodySizeLimit,
        position=MiddlewarePosition.BEFORE_VALIDATION,
        max_chunk_size=services.options.max_chunk_size,
        max_file_size=services.options.max_file_size,
    )
    if not services.options.chunked_uploads:
        app.add_middleware(NoChunkedUploads, position=MiddlewarePosition.BEFORE_EXCEPTION)
    if services.options.response_delay > 0:
        app.add_middleware(
            ResponseDelay,
            position=MiddlewarePosition.BEFORE_EXCEPTION,
            seconds=services.options.response_delay,
        )
    install_error_handlers(app)
    return app


def _endpoint(services: Services, operation_id: str, handler: Handler) -> Any:
    # Connexion passes path/query values and the file parts of a multipart body as keyword
    # arguments; handlers read the request themselves (every query parameter is a filter), so
    # only the parsed body and the files are kept.
    def endpoint(body: Any = None, **params: Any) -> Response:
        files = {name: value for name, value in params.items() if isinstance(value, UploadFile)}
        return handler(Call.current(services, body, files))

    endpoint.__name__ = operation_id
    endpoint.__qualname__ = operation_id
    return endpoint
