"""Finding, loading and adapting ``openapi/controller.yaml``, the single source of truth.

The local controller serves exactly the operations of that file. The only adaptation is for
running without authentication: the ``security`` requirements are dropped, so that requests
need no token (a stray ``Authorization`` header is then simply ignored).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "SPEC_FILE_NAME",
    "component_schema",
    "find_spec_path",
    "load_spec",
    "operation_ids",
    "serving_spec",
]

SPEC_FILE_NAME = "controller.yaml"
_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})


def find_spec_path() -> Path:
    """The spec shipped next to this package (wheels), else the one in the source tree."""
    here = Path(__file__).resolve().parent
    candidates = [
        here / "openapi" / SPEC_FILE_NAME,
        here.parents[1] / "openapi" / SPEC_FILE_NAME,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"OpenAPI spec {SPEC_FILE_NAME} not found (tried {tried})")


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        loaded = yaml.load(handle, Loader=loader)
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} does not hold an OpenAPI document")
    return loaded


def load_spec(path: Path | None = None) -> dict[str, Any]:
    """A private deep copy of the spec, so callers may adapt it freely."""
    resolved = (path or find_spec_path()).resolve()
    return copy.deepcopy(_load_cached(str(resolved), resolved.stat().st_mtime_ns))


def serving_spec(spec: dict[str, Any], *, auth: bool) -> dict[str, Any]:
    """The spec as the app serves it: with ``auth`` off every security requirement is gone."""
    served = copy.deepcopy(spec)
    if not auth:
        served.pop("security", None)
        for operation in _operations(served):
            operation.pop("security", None)
    return served


def operation_ids(spec: dict[str, Any]) -> set[str]:
    return {str(op["operationId"]) for op in _operations(spec) if "operationId" in op}


def component_schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schema = spec["components"]["schemas"][name]
    if not isinstance(schema, dict):
        raise KeyError(name)
    return schema


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path_item in spec.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in _HTTP_METHODS and isinstance(operation, dict):
                found.append(operation)
    return found
