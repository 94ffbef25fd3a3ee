#!/usr/bin/env python3
"""Check the recorded answers in ``tests/recorded/cassettes`` against the working spec.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/cassette_check.py [CASSETTE ...]   # default: every cassette

Each recorded exchange is matched to its operation by method and path; its status must be one
the operation documents, and a JSON body must validate against that response's schema under
OpenAPI 3.0 rules (``nullable``, formats such as ``date-time``) with openapi-schema-validator,
independently of the local controller's own validation, and a field the spec does not declare
is a problem too. A cassette recorded before a spec change that alters a shape, removes or
renames a field fails here until it is re-recorded (``scripts/record_cassettes.sh``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jsonschema.exceptions import ValidationError, best_match
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
CASSETTES = ROOT / "tests" / "recorded" / "cassettes"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json$")


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    operation: dict[str, Any]

    @property
    def literal_segments(self) -> int:
        return sum(1 for part in self.template.split("/") if part and "{" not in part)


class SpecIndex:
    """The operations of a spec, found by method and concrete path."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        routes = []
        for template, item in spec["paths"].items():
            regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            for method in METHODS:
                if method in item:
                    routes.append(
                        Route(method.upper(), template, re.compile(f"^{regex}$"), item[method])
                    )
        # A literal segment beats a parameter: /models/count is count_models, not get_model.
        self.routes = sorted(routes, key=lambda route: -route.literal_segments)

    def route(self, method: str, path: str) -> Route | None:
        return next((r for r in self.routes if r.method == method and r.pattern.match(path)), None)

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    @cached_property
    def components(self) -> dict[str, Any]:
        components: dict[str, Any] = _closed(self.spec.get("components", {}))
        return components

    def validator(self, schema: dict[str, Any]) -> Any:
        # The components travel with the schema so its "#/components/..." references resolve.
        document = {**_closed(schema), "components": self.components}
        return OAS30ReadValidator(document, format_checker=oas30_format_checker)


def _closed(node: Any) -> Any:
    """``node`` with every object schema that lists its properties, and says nothing about
    others, closed to others (``additionalProperties: false``).

    Clients must tolerate fields they do not know, so the spec leaves its objects open; but a
    recorded field the spec does not declare means the spec dropped or renamed it since the
    recording (or never had it), and either way the cassette no longer shows what the spec
    says. Objects that declare ``additionalProperties`` (free-form maps) stay as they are.
    """
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _closed(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
        copy["additionalProperties"] = False
    return copy


@dataclass(frozen=True)
class Problem:
    cassette: str
    index: int
    exchange: str
    message: str

    def __str__(self) -> str:
        return f"{self.cassette} #{self.index} {self.exchange}: {self.message}"


def _header(headers: dict[str, Any], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value[0] if isinstance(value, list) else value)
    return ""


def _body_text(body: Any) -> str | bytes:
    value = body.get("string", "") if isinstance(body, dict) else body
    return value if isinstance(value, str | bytes) else ""


def check_interaction(index: SpecIndex, interaction: dict[str, Any]) -> Iterator[str]:
    """The problems of one recorded exchange (none when it matches the spec)."""
    request, response = interaction["request"], interaction["response"]
    method = request["method"].upper()
    path = urlsplit(request["uri"]).path
    route = index.route(method, path)
    if route is None:
        yield "no operation of the spec has this method and path"
        return
    op_id = route.operation.get("operationId", route.template)
    status = str(response["status"]["code"])
    responses = route.operation.get("responses", {})
    documented = responses.get(status, responses.get("default"))
    if documented is None:
        yield f"{op_id} documents no {status} answer (it has {', '.join(map(str, responses))})"
        return
    content = index.resolve(documented).get("content") or {}
    media_type = _header(response.get("headers", {}), "content-type").split(";")[0].strip()
    if not JSON_MEDIA.match(media_type):
        if content and media_type not in content:
            kind = media_type or "typeless"
            yield f"{op_id} {status}: a {kind} body, the spec has {sorted(content)}"
        return
    schema = next(
        (media.get("schema") for name, media in content.items() if JSON_MEDIA.match(name)), None
    )
    if schema is None:
        yield f"{op_id} {status}: a JSON body, but the spec gives this answer no JSON schema"
        return
    try:
        body = json.loads(_body_text(response.get("body")))
    except ValueError as exc:
        yield f"{op_id} {status}: the body is not JSON ({exc})"
        return
    for error in sorted(index.validator(schema).iter_errors(body), key=lambda e: list(e.path)):
        error = _innermost(error)
        where = "/".join(str(part) for part in error.absolute_path) or "(body)"
        yield f"{op_id} {status} at {where}: {error.message}"


def _innermost(error: ValidationError) -> ValidationError:
    """For a nullable reference and a value that is not null, the error inside its schema."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    branches = error.validator_value
    relevant = [
        inner
        for inner in error.context
        if branches[inner.schema_path[0]].get("enum") != [None]  # not the null-only branch
    ]
    inner = best_match(relevant)
    return error if inner is None else _innermost(inner)


def check_cassette(index: SpecIndex, cassette: Path, root: Path = ROOT) -> list[Problem]:
    data = yaml.safe_load(cassette.read_text(encoding="utf-8")) or {}
    name = cassette.relative_to(root).as_posix() if cassette.is_relative_to(root) else str(cassette)
    problems = []
    for number, interaction in enumerate(data.get("interactions", []), start=1):
        request = interaction["request"]
        exchange = f"{request['method'].upper()} {urlsplit(request['uri']).path}"
        problems += [
            Problem(name, number, exchange, message)
            for message in check_interaction(index, interaction)
        ]
    return problems


def load_index(spec: Path = SPEC) -> SpecIndex:
    return SpecIndex(yaml.safe_load(spec.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(arg in ("-h", "--help") for arg in args):
        print("usage: cassette_check.py [CASSETTE.yaml ...]  (default: every recorded cassette)")
        return 0
    cassettes = [Path(arg).resolve() for arg in args] or sorted(CASSETTES.rglob("*.yaml"))
    index = load_index()
    problems = [problem for cassette in cassettes for problem in check_cassette(index, cassette)]
    for problem in problems:
        print(problem)
    print(f"{len(cassettes)} cassettes, {len(problems)} answers that do not match the spec")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
