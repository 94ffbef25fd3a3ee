"""The generated models accept ``None`` exactly where the spec allows ``null``.

The spec writes a nullable reference as ``anyOf`` the schema and a null-only branch; the
generated attrs models must still type such a field ``X | None | Unset`` (and a field that may
not be null without ``None``), whatever form the spec uses.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from openapi_python_client.strings import PythonIdentifier

pytestmark = pytest.mark.spec

#: Schemas whose model class the generator config renames.
CLASS_NAMES = {"Client": "EdgeClient"}


def _nullable(prop: dict[str, Any]) -> bool:
    branches = prop.get("anyOf", []) + prop.get("oneOf", [])
    return bool(prop.get("nullable")) or any(
        b.get("enum") == [None] or b.get("nullable") for b in branches
    )


def _object_schemas(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    schemas = spec["components"]["schemas"]
    return [(name, s) for name, s in schemas.items() if s.get("properties")]


def test_nullable_fields_admit_none_in_the_generated_models(spec: dict[str, Any]) -> None:
    import scaleout_api.models as models

    problems = []
    checked = 0
    for name, schema in _object_schemas(spec):
        model = getattr(models, CLASS_NAMES.get(name, name))
        for key, prop in schema["properties"].items():
            field = str(PythonIdentifier(key, prefix="field_"))
            annotation = model.__annotations__[field]
            admits_none = "None" in re.split(r"[\s|\[\],]+", str(annotation))
            if admits_none != _nullable(prop):
                problems.append(f"{name}.{key}: {annotation!r}, nullable is {_nullable(prop)}")
            checked += 1
    assert checked > 100
    assert not problems, "\n".join(problems)
