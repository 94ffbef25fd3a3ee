#!/usr/bin/env python3
"""Which operations and parameters of the spec the SDK uses, read from its source.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/sdk_coverage.py    # per operation: who uses it, what it leaves out

Every SDK method builds its request with a generated ``build_request``, imported inside the
method (``from scaleout_api.api.models import list_models``). This reads ``scaleout/`` (not the
local controller) with ``ast`` and finds, per operation, every function that builds it and the
keywords it passes: in the call itself, through ``functools.partial``, or through a helper that
receives the builder and calls it (``Resource._walk`` passes the paging headers). A required
parameter is always passed (mypy checks the calls against the spec); an optional one counts as
exposed when some function passes it. ``tests/spec/test_sdk_coverage.py`` holds the decisions
(an unused operation, a parameter left to ``filters=``) with their reasons.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client.strings import PythonIdentifier

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
PACKAGE = ROOT / "scaleout"
#: The server side lives in the package too; it builds no requests.
SKIPPED = ("local",)
API_MODULE = "scaleout_api.api."
BUILDER = "build_request"
#: openapi-python-client's default ``field_prefix``.
FIELD_PREFIX = "field_"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool

    @property
    def keyword(self) -> str:
        """The generated builder's keyword for it (``X-Limit`` -> ``x_limit``)."""
        return str(PythonIdentifier(self.name, prefix=FIELD_PREFIX))


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True)
class Use:
    """A function that builds an operation's request, and the keywords it gives."""

    operation_id: str
    function: str
    keywords: frozenset[str]
    where: str


@dataclass
class _Function:
    qualname: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    module: Path
    #: Local name -> operation id, from ``from scaleout_api.api.<tag> import <op>``.
    operations: dict[str, str] = field(default_factory=dict)


def spec_operations(spec: dict[str, Any]) -> list[Operation]:
    def resolve(node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = spec
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    found = []
    for path, item in spec["paths"].items():
        shared = [resolve(p) for p in item.get("parameters", [])]
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            params = shared + [resolve(p) for p in op.get("parameters", [])]
            found.append(
                Operation(
                    op["operationId"],
                    method.upper(),
                    path,
                    tuple(Parameter(p["name"], p["in"], bool(p.get("required"))) for p in params),
                )
            )
    return found


def _functions(root: Path) -> Iterator[_Function]:
    for module in sorted(root.rglob("*.py")):
        if any(part in SKIPPED for part in module.relative_to(root).parts):
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        module_ops = _imported_operations(tree.body)
        yield from _walk_functions(tree, module, module.stem, module_ops)


def _walk_functions(
    node: ast.AST, module: Path, prefix: str, inherited: dict[str, str]
) -> Iterator[_Function]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            yield from _walk_functions(child, module, child.name, inherited)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            qualname = f"{prefix}.{child.name}"
            ops = {**inherited, **_imported_operations(ast.walk(child))}
            yield _Function(qualname, child, module, ops)
            yield from _walk_functions(child, module, qualname, ops)


def _imported_operations(nodes: Any) -> dict[str, str]:
    found = {}
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(API_MODULE):
            for alias in node.names:
                found[alias.asname or alias.name] = alias.name
    return found


def _builder_of(node: ast.AST, fn: _Function) -> str | None:
    """The operation id when ``node`` is ``<op>.build_request``."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr == BUILDER
        and isinstance(node.value, ast.Name)
        and node.value.id in fn.operations
    ):
        return fn.operations[node.value.id]
    return None


def _keywords(call: ast.Call) -> set[str]:
    return {kw.arg for kw in call.keywords if kw.arg is not None}


def _callee_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _partial_of(node: ast.AST, fn: _Function) -> tuple[str, set[str]] | None:
    """``(operation id, keywords)`` when ``node`` is ``partial(<op>.build_request, ...)``."""
    if (
        isinstance(node, ast.Call)
        and _callee_name(node) == "partial"
        and node.args
        and (op := _builder_of(node.args[0], fn))
    ):
        return op, _keywords(node)
    return None


def _partials(fn: _Function) -> dict[str, tuple[str, set[str]]]:
    """``name = functools.partial(<op>.build_request, kw=...)`` in ``fn``."""
    found = {}
    for node in ast.walk(fn.node):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and (partial := _partial_of(node.value, fn))
        ):
            found[node.targets[0].id] = partial
    return found


def _handed_over(
    arg: ast.AST, fn: _Function, partials: dict[str, tuple[str, set[str]]]
) -> tuple[str, set[str]] | None:
    """``(operation id, keywords already bound)`` when ``arg`` is a builder given to a call."""
    if op := _builder_of(arg, fn):
        return op, set()
    if isinstance(arg, ast.Name) and arg.id in partials:
        op, bound = partials[arg.id]
        return op, set(bound)
    return _partial_of(arg, fn)


def _keywords_of_calls_to(helper: ast.FunctionDef | ast.AsyncFunctionDef, index: int) -> set[str]:
    """Keywords with which ``helper`` calls its positional parameter number ``index``."""
    params = [*helper.args.posonlyargs, *helper.args.args]
    if params and params[0].arg in ("self", "cls"):
        params = params[1:]
    if index >= len(params):
        return set()
    name = params[index].arg
    return {
        kw
        for node in ast.walk(helper)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        for kw in _keywords(node)
    }


def find_uses(root: Path = PACKAGE) -> list[Use]:
    functions = list(_functions(root))
    by_name: dict[str, list[_Function]] = {}
    for fn in functions:
        by_name.setdefault(fn.node.name, []).append(fn)
    uses = []
    for fn in functions:
        partials = _partials(fn)
        for node in ast.walk(fn.node):
            if not isinstance(node, ast.Call):
                continue
            where = f"{fn.module.relative_to(root.parent)}:{node.lineno}"
            if op := _builder_of(node.func, fn):
                uses.append(Use(op, fn.qualname, frozenset(_keywords(node)), where))
                continue
            if _callee_name(node) == "partial":
                continue  # bound here, used where the partial is called or handed over
            # A builder handed to a helper that calls it (e.g. self._walk(op.build_request)).
            for index, arg in enumerate(node.args):
                if (handed := _handed_over(arg, fn, partials)) is None:
                    continue
                op, given = handed
                for helper in by_name.get(_callee_name(node) or "", []):
                    given |= _keywords_of_calls_to(helper.node, index)
                uses.append(Use(op, fn.qualname, frozenset(given), where))
    return uses


def callers(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Function name -> qualified names of the functions that call it by that name."""
    found: dict[str, set[str]] = {}
    for fn in _functions(root):
        for node in ast.walk(fn.node):
            if isinstance(node, ast.Call) and (name := _callee_name(node)):
                found.setdefault(name, set()).add(fn.qualname)
    return found


def public_users(function: str, calls: dict[str, set[str]]) -> list[str]:
    """``function`` if it is a public method, else the public methods that reach it."""
    seen: set[str] = set()
    todo = [function]
    public: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        short = name.rsplit(".", 1)[-1]
        if not short.startswith("_") and "." in name and name.split(".")[0][:1].isupper():
            public.add(name)
            continue
        todo.extend(calls.get(short, ()))
    return sorted(public) or [function]


def load_spec() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return data


def main() -> int:
    uses = find_uses()
    calls = callers()
    for op in spec_operations(load_spec()):
        mine = [use for use in uses if use.operation_id == op.operation_id]
        passed = set().union(*(use.keywords for use in mine)) if mine else set()
        users = sorted({u for use in mine for u in public_users(use.function, calls)})
        left = [p.name for p in op.parameters if not p.required and p.keyword not in passed]
        print(f"{op.operation_id}: {', '.join(users) or 'unused'}")
        if mine and left:
            print(f"    not passed: {', '.join(left)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
