"""Request handlers, one module per tag of the spec; each function is named by operationId."""

from __future__ import annotations

from . import (  # noqa: F401  (importing registers the handlers)
    attributes,
    auth,
    clients,
    combiners,
    commands,
    controller,
    helpers,
    metrics,
    models,
    packages,
    predictions,
    rounds,
    sessions,
    statuses,
    uploads,
    validations,
)
from ._registry import REGISTRY

__all__ = ["REGISTRY"]
