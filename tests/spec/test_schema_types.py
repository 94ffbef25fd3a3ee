"""``scaleout_api.schemas`` says what the spec says: the typed results are checked against it.

Every enum schema is a ``Literal`` of its values, every object schema a ``TypedDict`` whose
required keys are exactly the spec's required properties and whose nullable fields admit
``None``, and every operation has a ``<OperationId>Result`` alias.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.spec

SPEC = yaml.safe_load((Path(__file__).parents[2] / "openapi" / "controller.yaml").read_text())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def _module() -> Any:
    import scaleout_api.schemas

    return scaleout_api.schemas


def _members(annotation: Any) -> set[Any]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return set(typing.get_args(annotation))
    return {annotation}


def _nullable(schema: dict[str, Any]) -> bool:
    if schema.get("nullable"):
        return True
    members = schema.get("oneOf", []) + schema.get("anyOf", [])
    return any(member.get("enum") == [None] or member.get("nullable") for member in members)


@pytest.mark.parametrize("name", sorted(n for n, s in SCHEMAS.items() if "enum" in s))
def test_enums_are_literals(name: str) -> None:
    alias = getattr(_module(), name)
    assert typing.get_origin(alias) is typing.Literal
    assert list(typing.get_args(alias)) == [v for v in SCHEMAS[name]["enum"] if v is not None]


@pytest.mark.parametrize("name", sorted(n for n, s in SCHEMAS.items() if s.get("properties")))
def test_objects_are_typed_dicts_with_the_spec_keys(name: str) -> None:
    schema = SCHEMAS[name]
    typed = getattr(_module(), name)
    assert typing.is_typeddict(typed)
    required = set(schema.get("required") or [])
    assert typed.__required_keys__ == required
    assert typed.__optional_keys__ == set(schema["properties"]) - required
    hints = typing.get_type_hints(typed)
    for key, prop in schema["properties"].items():
        admits_none = type(None) in _members(hints[key])
        assert admits_none == _nullable(prop), f"{name}.{key}: nullable is {_nullable(prop)}"


def test_every_field_with_an_enum_schema_is_typed_by_it() -> None:
    """A field that references an enum gets its Literal, not a plain str."""
    module = _module()
    checked = 0
    for name, schema in SCHEMAS.items():
        for key, prop in (schema.get("properties") or {}).items():
            members = prop.get("allOf", []) + prop.get("anyOf", []) + prop.get("oneOf", [])
            refs = [prop.get("$ref")] + [m.get("$ref") for m in members]
            targets = [r.rsplit("/", 1)[1] for r in refs if r]
            if targets and "enum" in SCHEMAS[targets[0]]:
                hint = typing.get_type_hints(getattr(module, name))[key]
                assert getattr(module, targets[0]) in _members(hint) or hint == getattr(
                    module, targets[0]
                ), f"{name}.{key}"
                checked += 1
    assert checked >= 15


def test_every_operation_has_a_result_type(operations: list[Any]) -> None:
    module = _module()
    assert operations
    for op in operations:
        words = str(op.operation_id).split("_")
        alias = "".join(w[:1].upper() + w[1:] for w in words) + "Result"
        assert hasattr(module, alias), f"{op}: no {alias}"


def test_list_answers_are_count_and_result() -> None:
    module = _module()
    hints = typing.get_type_hints(module.SessionList)
    assert hints == {"count": int, "result": list[module.Session]}
