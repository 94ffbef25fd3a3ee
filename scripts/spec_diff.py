#!/usr/bin/env python3
"""List the changes between two versions of the spec that can break a client.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/spec_diff.py                # last release -> working spec
    .venv/bin/python scripts/spec_diff.py OLD.yaml NEW.yaml

Reported, one line each: removed operations, parameters, fields, schemas, success answers and
media types; new required parameters, fields and request bodies; changed types; narrowed enums.
Direction matters: a schema that requests carry breaks clients when it takes less (a narrowed
enum, a type that no longer admits null, a field that became required), a schema that answers
carry breaks them when it gives more (a type that now admits null, a field no longer
required). The last release is the newest ``openapi/released/controller-<version>.yaml``;
``tests/spec/test_spec_changes.py`` requires each line of this report in ``openapi/CHANGELOG.md``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
RELEASED = ROOT / "openapi" / "released"
RELEASE_NAME = re.compile(r"^controller-(\d+)\.(\d+)\.(\d+)\.yaml$")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SUCCESS = re.compile(r"^2\d\d$")
REQUEST, RESPONSE = "request", "response"
#: Deeper than any schema of the spec nests; a guard against reference cycles.
_MAX_DEPTH = 12


@dataclass(frozen=True, order=True)
class Change:
    kind: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}" + (f" ({self.detail})" if self.detail else "")


class _Spec:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.schemas: dict[str, Any] = data.get("components", {}).get("schemas", {})
        self.operations = {
            op["operationId"]: (method.upper(), path, item, op)
            for path, item in data.get("paths", {}).items()
            for method in METHODS
            if isinstance(op := item.get(method), dict) and "operationId" in op
        }
        self.directions = self._directions()

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.data
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    def parameters(self, op_id: str) -> dict[tuple[str, str], dict[str, Any]]:
        _, _, item, op = self.operations[op_id]
        found = {}
        for param in [*item.get("parameters", []), *op.get("parameters", [])]:
            param = self.resolve(param)
            found[(param["in"], param["name"])] = param
        return found

    def _directions(self) -> dict[str, set[str]]:
        """Component schema -> whether requests, answers or both carry it."""
        found: dict[str, set[str]] = {}

        def mark(node: Any, direction: str) -> None:
            if isinstance(node, dict):
                ref = node.get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    name = ref.rsplit("/", 1)[1]
                    if direction not in found.setdefault(name, set()):
                        found[name].add(direction)
                        mark(self.schemas.get(name), direction)
                elif ref:
                    mark(self.resolve(node), direction)
                for value in node.values():
                    mark(value, direction)
            elif isinstance(node, list):
                for value in node:
                    mark(value, direction)

        for op_id, (_, _, _, op) in self.operations.items():
            mark(list(self.parameters(op_id).values()), REQUEST)
            mark(op.get("requestBody"), REQUEST)
            mark(op.get("responses"), RESPONSE)
        return found


def _kinds(spec: _Spec, schema: Any, depth: int = 0) -> set[str]:
    """The JSON types a schema admits: ``{"object", "null"}``, ``{"array<string>"}``...

    Named schemas count by their content, not their name, so naming an inline object or
    giving a string a named schema changes nothing here.
    """
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return {"any"}
    if "$ref" in schema:
        return _kinds(spec, spec.resolve(schema), depth + 1)
    found: set[str] = set()
    for keyword in ("anyOf", "oneOf"):
        for branch in schema.get(keyword, []):
            found |= {"null"} if _only_null(branch) else _kinds(spec, branch, depth + 1)
    if len(schema.get("allOf", [])) == 1:
        found |= _kinds(spec, schema["allOf"][0], depth + 1)
    kind = schema.get("type", "object" if "properties" in schema else None)
    if kind == "array":
        items = " | ".join(sorted(_kinds(spec, schema.get("items", {}), depth + 1)))
        found.add(f"array<{items}>")
    elif kind is not None:
        found.add(kind)
    if not found:
        found.add("any")
    if schema.get("nullable"):
        found.add("null")
    return found


def _only_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("enum") == [None]


def _named(schema: Any) -> str | None:
    """The component a schema refers to, also through a nullable reference."""
    if not isinstance(schema, dict):
        return None
    branches = [b for b in schema.get("anyOf", schema.get("oneOf", [])) if not _only_null(b)]
    if len(branches) == 1:
        schema = branches[0]
    elif len(schema.get("allOf", [])) == 1:
        schema = schema["allOf"][0]
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    return ref.rsplit("/", 1)[1] if ref.startswith("#/components/schemas/") else None


def _content(spec: _Spec, schema: Any) -> Any:
    """The schema behind references, single-item allOf and the null branch of a nullable one."""
    for _ in range(_MAX_DEPTH):
        schema = spec.resolve(schema)
        if not isinstance(schema, dict):
            return schema
        branches = [b for b in schema.get("anyOf", schema.get("oneOf", [])) if not _only_null(b)]
        if len(branches) == 1 and "properties" not in schema:
            schema = branches[0]
        elif len(schema.get("allOf", [])) == 1 and "properties" not in schema:
            schema = schema["allOf"][0]
        else:
            return schema
    return schema


def _type_change(
    where: str, old: set[str], new: set[str], directions: set[str]
) -> Iterator[Change]:
    broken = (REQUEST in directions and old - new) or (RESPONSE in directions and new - old)
    if broken:
        yield Change(
            "changed type", where, f"{' | '.join(sorted(old))} -> {' | '.join(sorted(new))}"
        )


def _enum_change(where: str, old: Any, new: Any, directions: set[str]) -> Iterator[Change]:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return
    if "enum" not in old or "enum" not in new or REQUEST not in directions:
        return
    removed = [value for value in old["enum"] if value not in new["enum"]]
    if removed:
        yield Change("narrowed enum", where, "removed " + ", ".join(map(str, removed)))


def _compare(
    old_spec: _Spec,
    new_spec: _Spec,
    where: str,
    old: Any,
    new: Any,
    directions: set[str],
    depth: int = 0,
) -> Iterator[Change]:
    """The changes between two schemas at ``where`` (a field, a parameter, a body)."""
    yield from _type_change(where, _kinds(old_spec, old), _kinds(new_spec, new), directions)
    name = _named(old)
    if name is not None and name == _named(new):
        return  # one named schema on both sides: compared once, under its own name
    yield from _structure(
        old_spec,
        new_spec,
        where,
        _content(old_spec, old),
        _content(new_spec, new),
        directions,
        depth,
    )


def _structure(
    old_spec: _Spec,
    new_spec: _Spec,
    where: str,
    old: Any,
    new: Any,
    directions: set[str],
    depth: int = 0,
) -> Iterator[Change]:
    """Enum values, fields and array items of two schemas already resolved."""
    if not (isinstance(old, dict) and isinstance(new, dict)) or depth > _MAX_DEPTH:
        return
    yield from _enum_change(where, old, new, directions)
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name, old_prop in old_props.items():
        field = f"{where}.{name}"
        if name not in new_props:
            yield Change("removed field", field)
            continue
        if REQUEST in directions and name in new_required - old_required:
            yield Change("field became required", field)
        if RESPONSE in directions and name in old_required - new_required:
            yield Change("field no longer required", field)
        yield from _compare(
            old_spec, new_spec, field, old_prop, new_props[name], directions, depth + 1
        )
    if REQUEST in directions:
        for name in sorted(new_required - set(old_props)):
            yield Change("new required field", f"{where}.{name}")
    if old.get("type") == "array" and new.get("type") == "array":
        yield from _compare(
            old_spec,
            new_spec,
            f"{where}[]",
            old.get("items", {}),
            new.get("items", {}),
            directions,
            depth + 1,
        )


def _schema_changes(old_spec: _Spec, new_spec: _Spec) -> Iterator[Change]:
    for name, old in old_spec.schemas.items():
        if name not in new_spec.schemas:
            yield Change("removed schema", name)
            continue
        directions = old_spec.directions.get(name, set()) | new_spec.directions.get(name, set())
        new = new_spec.schemas[name]
        yield from _type_change(name, _kinds(old_spec, old), _kinds(new_spec, new), directions)
        yield from _structure(old_spec, new_spec, name, old, new, directions)


def _parameter_changes(old_spec: _Spec, new_spec: _Spec, op_id: str) -> Iterator[Change]:
    old_params, new_params = old_spec.parameters(op_id), new_spec.parameters(op_id)
    for (location, name), old in old_params.items():
        where = f"{op_id} {location} {name}"
        new = new_params.get((location, name))
        if new is None:
            yield Change("removed parameter", where)
            continue
        if new.get("required") and not old.get("required"):
            yield Change("parameter became required", where)
        yield from _compare(
            old_spec, new_spec, where, old.get("schema", {}), new.get("schema", {}), {REQUEST}
        )
    for (location, name), new in new_params.items():
        if (location, name) not in old_params and new.get("required"):
            yield Change("new required parameter", f"{op_id} {location} {name}")


def _content_changes(
    old_spec: _Spec, new_spec: _Spec, where: str, old: Any, new: Any, direction: str
) -> Iterator[Change]:
    old_content = old_spec.resolve(old).get("content") or {}
    new_content = new_spec.resolve(new).get("content") or {}
    for media_type, old_media in old_content.items():
        if media_type not in new_content:
            yield Change("removed media type", where, media_type)
            continue
        yield from _compare(
            old_spec,
            new_spec,
            f"{where} {media_type}",
            old_media.get("schema", {}),
            new_content[media_type].get("schema", {}),
            {direction},
        )


def _operation_changes(old_spec: _Spec, new_spec: _Spec) -> Iterator[Change]:
    for op_id, (method, path, _, old_op) in old_spec.operations.items():
        if op_id not in new_spec.operations:
            yield Change("removed operation", op_id, f"{method} {path}")
            continue
        new_method, new_path, _, new_op = new_spec.operations[op_id]
        if (new_method, new_path) != (method, path):
            yield Change("moved operation", op_id, f"{method} {path} -> {new_method} {new_path}")
        yield from _parameter_changes(old_spec, new_spec, op_id)
        old_body = old_spec.resolve(old_op.get("requestBody") or {})
        new_body = new_spec.resolve(new_op.get("requestBody") or {})
        if new_body.get("required") and not old_body.get("required"):
            yield Change("new required request body", op_id)
        if old_body:
            yield from _content_changes(
                old_spec, new_spec, f"{op_id} request", old_body, new_body, REQUEST
            )
        old_responses, new_responses = old_op.get("responses", {}), new_op.get("responses", {})
        for status, old_response in old_responses.items():
            if not SUCCESS.match(str(status)):
                continue
            if status not in new_responses:
                yield Change("removed success answer", op_id, str(status))
                continue
            yield from _content_changes(
                old_spec,
                new_spec,
                f"{op_id} {status}",
                old_response,
                new_responses[status],
                RESPONSE,
            )


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new`` that can break a client, sorted, without repeats."""
    old_spec, new_spec = _Spec(old), _Spec(new)
    found = {*_operation_changes(old_spec, new_spec), *_schema_changes(old_spec, new_spec)}
    return sorted(found)


def last_release(folder: Path = RELEASED) -> Path:
    releases = [
        (tuple(int(part) for part in match.groups()), path)
        for path in folder.glob("controller-*.yaml")
        if (match := RELEASE_NAME.match(path.name))
    ]
    if not releases:
        raise FileNotFoundError(f"no released spec (controller-<version>.yaml) in {folder}")
    return max(releases)[1]


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (0, 2):
        print("usage: spec_diff.py [OLD.yaml NEW.yaml]", file=sys.stderr)
        return 2
    old_path, new_path = (Path(args[0]), Path(args[1])) if args else (last_release(), SPEC)
    changes = breaking_changes(load(old_path), load(new_path))
    for change in changes:
        print(f"- {change}")
    print(f"{len(changes)} breaking changes from {old_path.name} to {new_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
