"""Which operation of ``openapi/controller.yaml`` a recorded request exercised."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "controller.yaml"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    operation_id: str

    def __str__(self) -> str:
        return f"{self.method} {self.template}"


@cache
def _operations() -> tuple[tuple[re.Pattern[str], Operation], ...]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    found = []
    for template, item in spec["paths"].items():
        pattern = re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)))
        for method in _METHODS:
            if method in item:
                found.append(
                    (pattern, Operation(method.upper(), template, item[method]["operationId"]))
                )
    return tuple(found)


def operation_of(method: str, path: str) -> Operation | None:
    """The spec's operation for a request (``None`` when the spec has none).

    A literal segment wins over a parameter, as in a router: ``/models/count`` is not
    ``/models/{id}``.
    """
    candidates = [
        operation
        for pattern, operation in _operations()
        if operation.method == method.upper() and pattern.fullmatch(path)
    ]
    return min(candidates, key=lambda op: op.template.count("{"), default=None)
