"""``scripts/spec_diff.py`` reports what breaks clients, and only that, on a small spec."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import spec_diff
import yaml

pytestmark = pytest.mark.spec

BASE = yaml.safe_load(
    """
openapi: 3.0.3
info: {title: t, version: 1.0.0}
paths:
  /things/:
    get:
      operationId: list_things
      parameters:
        - {name: color, in: query, schema: {type: string, enum: [red, blue]}}
        - {name: X-Limit, in: header, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}
    post:
      operationId: add_thing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingInput'}
      responses:
        '201':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /things/{id}:
    get:
      operationId: get_thing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Color: {type: string, enum: [red, blue]}
    Thing:
      type: object
      required: [thing_id]
      properties:
        thing_id: {type: string}
        name: {type: string}
        size:
          type: object
          properties:
            width: {type: number}
    ThingInput:
      type: object
      properties:
        color: {$ref: '#/components/schemas/Color'}
        note: {type: string, nullable: true}
"""
)

Edit = Callable[[dict[str, Any]], None]


def _get(spec: dict[str, Any], *keys: str | int) -> Any:
    node: Any = spec
    for key in keys:
        node = node[key]
    return node


LIST_PARAMS = ("paths", "/things/", "get", "parameters")
THING = ("components", "schemas", "Thing")
THING_INPUT = ("components", "schemas", "ThingInput")

BREAKING: list[tuple[str, Edit, str]] = [
    (
        "removed operation",
        lambda s: s["paths"].pop("/things/{id}"),
        "removed operation: get_thing (GET /things/{id})",
    ),
    (
        "removed parameter",
        lambda s: _get(s, *LIST_PARAMS).pop(0),
        "removed parameter: list_things query color",
    ),
    (
        "new required parameter",
        lambda s: _get(s, *LIST_PARAMS).append(
            {"name": "size", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        "new required parameter: list_things query size",
    ),
    (
        "parameter type",
        lambda s: _get(s, *LIST_PARAMS)[1].update(schema={"type": "string"}),
        "changed type: list_things header X-Limit (integer -> string)",
    ),
    (
        "parameter enum",
        lambda s: _get(s, *LIST_PARAMS)[0]["schema"].update(enum=["red"]),
        "narrowed enum: list_things query color (removed blue)",
    ),
    (
        "removed field",
        lambda s: _get(s, *THING, "properties").pop("name"),
        "removed field: Thing.name",
    ),
    (
        "removed nested field",
        lambda s: _get(s, *THING, "properties", "size", "properties").pop("width"),
        "removed field: Thing.size.width",
    ),
    (
        "answer field may be null",
        lambda s: _get(s, *THING, "properties", "name").update(nullable=True),
        "changed type: Thing.name (string -> null | string)",
    ),
    (
        "answer field no longer required",
        lambda s: _get(s, *THING).update(required=[]),
        "field no longer required: Thing.thing_id",
    ),
    (
        "new required request field",
        lambda s: (
            _get(s, *THING_INPUT).update(required=["owner"])
            or _get(s, *THING_INPUT, "properties").update(owner={"type": "string"})
        ),
        "new required field: ThingInput.owner",
    ),
    (
        "request field no longer nullable",
        lambda s: _get(s, *THING_INPUT, "properties", "note").pop("nullable"),
        "changed type: ThingInput.note (null | string -> string)",
    ),
    (
        "narrowed request enum",
        lambda s: _get(s, "components", "schemas", "Color").update(enum=["red"]),
        "narrowed enum: Color (removed blue)",
    ),
    (
        "removed success answer",
        lambda s: _get(s, "paths", "/things/", "post", "responses").update(
            {"200": _get(s, "paths", "/things/", "post", "responses").pop("201")}
        ),
        "removed success answer: add_thing (201)",
    ),
]

HARMLESS: list[tuple[str, Edit]] = [
    (
        "optional parameter",
        lambda s: _get(s, *LIST_PARAMS).append(
            {"name": "size", "in": "query", "schema": {"type": "string"}}
        ),
    ),
    ("optional field", lambda s: _get(s, *THING, "properties").update(extra={"type": "string"})),
    (
        "wider request enum",
        lambda s: _get(s, "components", "schemas", "Color").update(enum=["red", "blue", "green"]),
    ),
    (
        "request field may be null",
        lambda s: _get(s, *THING_INPUT, "properties", "color").update(nullable=True),
    ),
    ("answer field now required", lambda s: _get(s, *THING).update(required=["thing_id", "name"])),
    (
        "inline object named",
        lambda s: (
            _get(s, "components", "schemas").update(Size=_get(s, *THING, "properties").pop("size"))
            or _get(s, *THING, "properties").update(size={"$ref": "#/components/schemas/Size"})
        ),
    ),
    (
        "nullable reference form",
        lambda s: _get(s, *THING_INPUT, "properties").update(
            color={
                "anyOf": [
                    {"$ref": "#/components/schemas/Color"},
                    {"type": "string", "nullable": True, "enum": [None]},
                ]
            }
        ),
    ),
    ("descriptions", lambda s: _get(s, *THING).update(description="A thing.")),
]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [(edit, expected) for _, edit, expected in BREAKING],
    ids=[name for name, _, _ in BREAKING],
)
def test_a_breaking_change_is_reported(edit: Edit, expected: str) -> None:
    new = copy.deepcopy(BASE)
    edit(new)
    assert [str(change) for change in spec_diff.breaking_changes(BASE, new)] == [expected]


def test_a_removed_schema_is_reported() -> None:
    old = copy.deepcopy(BASE)
    old["components"]["schemas"]["Unused"] = {"type": "string"}
    assert [str(c) for c in spec_diff.breaking_changes(old, BASE)] == ["removed schema: Unused"]


@pytest.mark.parametrize("edit", [edit for _, edit in HARMLESS], ids=[n for n, _ in HARMLESS])
def test_a_compatible_change_is_not_reported(edit: Edit) -> None:
    new = copy.deepcopy(BASE)
    edit(new)
    assert spec_diff.breaking_changes(BASE, new) == []
