"""The map from operationId to handler, filled by the handler modules as they load."""

from __future__ import annotations

from ..http import Handler

__all__ = ["REGISTRY", "operation"]

REGISTRY: dict[str, Handler] = {}


def operation(handler: Handler) -> Handler:
    """Register ``handler`` for the operationId equal to its function name."""
    name = handler.__name__
    if name in REGISTRY:
        raise RuntimeError(f"two handlers for operation {name}")
    REGISTRY[name] = handler
    return handler
