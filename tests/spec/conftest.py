"""Shared fixtures for the spec / generated-client acceptance tests.

Everything here is generic over openapi/controller.yaml: no test names a path,
tag or schema of the spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "openapi" / "controller.yaml"
REQUIRED_ENDPOINTS = Path(__file__).resolve().parent / "required_endpoints.txt"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    path: str
    op: dict[str, Any] = field(repr=False)
    path_item: dict[str, Any] = field(repr=False)

    @property
    def operation_id(self) -> str | None:
        return self.op.get("operationId")

    @property
    def tags(self) -> list[str]:
        return list(self.op.get("tags") or [])

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id or 'no operationId'})"


@cache
def load_spec() -> dict[str, Any]:
    """The parsed spec, or {} when it is missing or unparsable (tests then fail)."""
    try:
        data = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s ("#/a/b") until a non-reference node."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise ValueError(f"unsupported or cyclic $ref: {ref!r}")
        seen.add(ref)
        target: Any = spec
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target[part]
        node = target
    return node


def list_operations(spec: dict[str, Any]) -> list[Operation]:
    ops = []
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        item = resolve(spec, item)
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                ops.append(Operation(method.upper(), path, item[method], item))
    return ops


def tag_names(spec: dict[str, Any]) -> list[str]:
    used = {tag for op in list_operations(spec) for tag in op.tags}
    return sorted(used)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # One test case per tag used in the spec, computed at collection time.
    if "spec_tag" in metafunc.fixturenames:
        metafunc.parametrize("spec_tag", tag_names(load_spec()))
    # One test case per operationId.
    if "spec_operation_id" in metafunc.fixturenames:
        ids = sorted({op.operation_id for op in list_operations(load_spec()) if op.operation_id})
        metafunc.parametrize("spec_operation_id", ids)


@pytest.fixture(scope="session")
def spec_path() -> Path:
    return SPEC_PATH


@pytest.fixture(scope="session")
def required_endpoints_path() -> Path:
    return REQUIRED_ENDPOINTS


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    data = load_spec()
    if not data:
        pytest.fail(f"{SPEC_PATH} is missing or is not a YAML mapping")
    return data


@pytest.fixture(scope="session")
def operations(spec: dict[str, Any]) -> list[Operation]:
    return list_operations(spec)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def resolver(spec: dict[str, Any]) -> Callable[[Any], Any]:
    return lambda node: resolve(spec, node)
