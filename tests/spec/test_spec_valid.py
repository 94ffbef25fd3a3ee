"""Acceptance checks on openapi/controller.yaml (generic over its content)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV30SpecValidator

pytestmark = pytest.mark.spec

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
SUCCESS = re.compile(r"^2(?:\d\d|XX)$")


def _fail_listing(problems: list[str], what: str) -> None:
    if problems:
        listing = "\n  ".join(problems)
        pytest.fail(f"{len(problems)} {what}:\n  {listing}", pytrace=False)


def _responses(resolver: Callable[[Any], Any], op: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for status, response in (op.op.get("responses") or {}).items():
        yield str(status), resolver(response) or {}


def test_spec_validates_as_openapi_30(spec: dict[str, Any], spec_path: Path) -> None:
    validator = OpenAPIV30SpecValidator(spec, base_uri=spec_path.as_uri())
    errors = [
        f"{'/'.join(str(p) for p in getattr(err, 'absolute_path', [])) or '(root)'}: "
        f"{getattr(err, 'message', err)}"[:300]
        for err in validator.iter_errors()
    ]
    _fail_listing(errors, "OpenAPI 3.0 validation errors")


def test_openapi_version_is_3_0_3(spec: dict[str, Any]) -> None:
    assert spec.get("openapi") == "3.0.3", f"openapi field is {spec.get('openapi')!r}"


def test_spec_has_operations(operations: list[Any]) -> None:
    assert operations, "the spec defines no operations"


def test_operation_ids_are_unique_snake_case(operations: list[Any]) -> None:
    problems = [
        f"{op}: operationId is not snake_case"
        for op in operations
        if not (isinstance(op.operation_id, str) and SNAKE_CASE.match(op.operation_id))
    ]
    counts = Counter(op.operation_id for op in operations if op.operation_id)
    problems += [f"operationId {oid!r} is used {n} times" for oid, n in counts.items() if n > 1]
    _fail_listing(problems, "operationId problems")


def test_operations_have_one_tag_summary_and_description(operations: list[Any]) -> None:
    problems = []
    for op in operations:
        if len(op.tags) != 1:
            problems.append(f"{op}: has {len(op.tags)} tags {op.tags}, expected exactly one")
        for key in ("summary", "description"):
            value = op.op.get(key)
            if not (isinstance(value, str) and value.strip()):
                problems.append(f"{op}: missing {key}")
    _fail_listing(problems, "operation metadata problems")


def test_operations_have_a_2xx_response_with_a_schema(
    operations: list[Any], resolver: Callable[[Any], Any]
) -> None:
    problems = []
    for op in operations:
        ok = any(
            isinstance(media, dict) and media.get("schema")
            for status, response in _responses(resolver, op)
            if SUCCESS.match(status)
            for media in (response.get("content") or {}).values()
        )
        if not ok:
            problems.append(f"{op}: no 2xx response with a content schema")
    _fail_listing(problems, "operations without a typed success response")


def test_required_endpoints_are_in_the_spec(
    operations: list[Any], required_endpoints_path: Path
) -> None:
    assert required_endpoints_path.is_file(), f"{required_endpoints_path.resolve()} not found"
    have = {(op.method, op.path) for op in operations}
    missing = []
    for line in required_endpoints_path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        method, path = line.split(maxsplit=1)
        if (method.upper(), path.strip()) not in have:
            missing.append(line)
    _fail_listing(missing, f"endpoints of {required_endpoints_path.name} missing from the spec")


def test_used_tags_are_declared(spec: dict[str, Any], operations: list[Any]) -> None:
    declared = {tag.get("name") for tag in spec.get("tags") or [] if isinstance(tag, dict)}
    problems = sorted(
        {
            f"tag {tag!r} (used by {op})"
            for op in operations
            for tag in op.tags
            if tag not in declared
        }
    )
    _fail_listing(problems, "tags used but not declared in the top-level `tags`")


def test_object_response_schemas_have_examples(
    spec: dict[str, Any], operations: list[Any], resolver: Callable[[Any], Any]
) -> None:
    """Each object schema returned by a response (directly or as array items) has an example.

    A media-level `example`/`examples` also satisfies the rule.
    """
    problems: set[str] = set()
    for op in operations:
        for status, response in _responses(resolver, op):
            for media_type, media in (response.get("content") or {}).items():
                if not isinstance(media, dict) or "example" in media or "examples" in media:
                    continue
                schema = media.get("schema") or {}
                candidates = [schema]
                resolved = resolver(schema)
                if isinstance(resolved, dict) and resolved.get("type") == "array":
                    candidates.append(resolved.get("items") or {})
                for candidate in candidates:
                    target = resolver(candidate)
                    if not isinstance(target, dict) or target.get("type") != "object":
                        continue
                    if "example" in target:
                        continue
                    name = candidate.get("$ref", "inline schema")
                    problems.add(f"{name} ({op} {status} {media_type})")
    _fail_listing(sorted(problems), "object response schemas without an example")


def test_bearer_auth_scheme(spec: dict[str, Any]) -> None:
    schemes = (spec.get("components") or {}).get("securitySchemes") or {}
    bearer = schemes.get("bearerAuth")
    assert isinstance(bearer, dict), "components.securitySchemes.bearerAuth is missing"
    assert bearer.get("type") == "http", bearer
    assert str(bearer.get("scheme", "")).lower() == "bearer", bearer


def test_servers_have_a_templated_url(spec: dict[str, Any]) -> None:
    servers = spec.get("servers") or []
    templated = []
    for server in servers:
        url = server.get("url", "")
        names = re.findall(r"\{([^}]+)\}", url)
        variables = server.get("variables") or {}
        if names and all(name in variables and "default" in variables[name] for name in names):
            templated.append(url)
    assert templated, f"no server URL with {{variables}} that all have defaults: {servers}"
