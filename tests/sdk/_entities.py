"""Answers a real controller could give: the spec's own examples, with fields overridden.

The SDK checks every answer against the spec (required fields, JSON types, null only where
allowed), so scripted answers are built from the examples in ``openapi/controller.yaml``
rather than from partial dicts no server sends.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "controller.yaml"

#: The entity each collection path holds.
COLLECTIONS = {
    "attributes": "Attribute",
    "clients": "Client",
    "combiners": "Combiner",
    "commands": "Command",
    "metrics": "Metric",
    "models": "Model",
    "packages": "Package",
    "predictions": "Prediction",
    "rounds": "Round",
    "sessions": "Session",
    "statuses": "Status",
    "validations": "Validation",
}


@functools.cache
def _schemas() -> dict[str, Any]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return dict(spec["components"]["schemas"])


def example(schema: str, **fields: Any) -> dict[str, Any]:
    """The spec's example of ``schema``, with ``fields`` replacing or adding fields."""
    found = copy.deepcopy(_schemas()[schema]["example"])
    found.update(fields)
    return dict(found)


def entity_for(path: str, **fields: Any) -> dict[str, Any]:
    """An example entity of the collection that ``path`` (``/api/v1/<collection>/...``) names."""
    collection = path.split("/")[3]
    return example(COLLECTIONS[collection], **fields)


def page_for(path: str, count: int = 9, size: int = 2) -> dict[str, Any]:
    """A ``{count, result}`` page of example entities of the collection at ``path``."""
    schema = COLLECTIONS[path.split("/")[3]]
    id_field = {"Session": "session_id", "Command": "correlation_id"}.get(
        schema, f"{schema.lower()}_id"
    )
    items = [example(schema) for _ in range(size)]
    for index, item in enumerate(items):
        if id_field in item or id_field in _schemas()[schema].get("required", []):
            item[id_field] = f"x{index + 1}"
    return {"count": count, "result": items}
