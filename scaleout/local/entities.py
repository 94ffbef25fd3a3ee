"""The stored collections and how their documents are shaped for the wire.

Entity JSON always carries every field of its schema in ``openapi/controller.yaml`` (``null``
when unset) and nothing else at the top level; the field lists are read from the spec rather
than repeated here, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["COLLECTIONS", "Collection", "EntityShaper"]


@dataclass(frozen=True)
class Collection:
    name: str
    schema: str
    id_field: str


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("clients", "Client", "client_id"),
        Collection("combiners", "Combiner", "combiner_id"),
        Collection("models", "Model", "model_id"),
        Collection("packages", "Package", "package_id"),
        Collection("sessions", "Session", "session_id"),
        Collection("rounds", "Round", "round_id"),
        Collection("statuses", "Status", "status_id"),
        Collection("validations", "Validation", "validation_id"),
        Collection("predictions", "Prediction", "prediction_id"),
        Collection("metrics", "Metric", "metric_id"),
        Collection("attributes", "Attribute", "attribute_id"),
        Collection("commands", "Command", "correlation_id"),
    )
}

_MAX_DEPTH = 4
_LEAVE_OUT: Any = object()


class EntityShaper:
    """Fills in and trims documents according to the component schemas of the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._schemas: dict[str, Any] = spec["components"]["schemas"]

    def shape(self, collection: str, doc: dict[str, Any]) -> dict[str, Any]:
        schema = self._schemas[COLLECTIONS[collection].schema]
        shaped = self._fill(schema, doc, depth=0, keep_extra=False)
        return shaped

    def _resolve(self, schema: Any) -> dict[str, Any]:
        # Follow $ref, single-item allOf wrappers, and the spec's nullable reference
        # (anyOf: a schema and a branch that admits only null) to the schema itself.
        for _ in range(_MAX_DEPTH):
            if not isinstance(schema, dict):
                return {}
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                schema = self._schemas.get(ref.rsplit("/", 1)[1], {})
                continue
            all_of = schema.get("allOf")
            if isinstance(all_of, list) and len(all_of) == 1 and "properties" not in schema:
                schema = all_of[0]
                continue
            branches = [b for b in schema.get("anyOf") or [] if not _only_null(b)]
            if len(branches) == 1 and "properties" not in schema:
                schema = branches[0]
                continue
            return schema
        return {}

    def _fill(
        self, schema: Any, doc: dict[str, Any], *, depth: int, keep_extra: bool
    ) -> dict[str, Any]:
        resolved = self._resolve(schema)
        properties: dict[str, Any] = resolved.get("properties", {})
        shaped: dict[str, Any] = {}
        if keep_extra:
            shaped.update(doc)
        for name, prop_schema in properties.items():
            if name in doc:
                shaped[name] = self._value(prop_schema, doc[name], depth=depth + 1)
            elif (missing := self._missing(prop_schema)) is not _LEAVE_OUT:
                shaped[name] = missing
        return shaped

    def _value(self, schema: Any, value: Any, *, depth: int) -> Any:
        if isinstance(value, dict) and depth < _MAX_DEPTH:
            resolved = self._resolve(schema)
            if resolved.get("properties"):
                return self._fill(resolved, value, depth=depth, keep_extra=True)
        return value

    def _missing(self, schema: Any) -> Any:
        """What stands for an unset field: null where the spec allows it, else nothing."""
        if isinstance(schema, dict) and schema.get("nullable"):
            return None
        if isinstance(schema, dict) and any(
            _only_null(b) or (isinstance(b, dict) and b.get("nullable"))
            for b in schema.get("anyOf") or []
        ):
            return None
        resolved = self._resolve(schema)
        if resolved.get("nullable"):
            return None
        if resolved.get("type") == "array":
            return []
        # A field that may not be null (e.g. an option inside aggregator_kwargs) is left out.
        return _LEAVE_OUT


def _only_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("enum") == [None]
