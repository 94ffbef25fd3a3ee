"""Does an answer's JSON have the shape the spec promises? Checked before a method returns it.

The spec's shapes are the ``scaleout_api.schemas`` types (TypedDicts, lists, Literals...). A
checker is compiled once per type into plain closures and then costs a few microseconds per
value. It checks what a caller relies on: JSON types, required keys, ``null`` only where the
spec allows it, recursively. It deliberately does not check a ``Literal``'s value (a newer
server may add a status; code comparing against the known ones keeps working) or keys the
spec does not name (servers add fields).
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from typing import Any

__all__ = ["problem_with"]

#: A compiled check: ``None`` when the value conforms, else what is wrong and where.
Check = Callable[[Any, str], str | None]

_JSON_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def problem_with(value: Any, annotation: object) -> str | None:
    """What does not conform in ``value`` (a parsed JSON answer) to ``annotation``, or None."""
    return _checker(annotation)(value, "the answer")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    return _JSON_NAMES.get(type(value), type(value).__name__)


@functools.cache
def _checker(annotation: object) -> Check:
    origin = typing.get_origin(annotation)
    if annotation is Any or annotation is object:
        return lambda value, where: None
    if annotation is type(None) or annotation is None:
        return _kind(type(None))
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(annotation))
    if origin is typing.Literal:
        kinds = tuple({type(choice) for choice in typing.get_args(annotation)})
        return _kind(*kinds)
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return _typed_dict(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return _list(item)
    if origin is dict:
        _, value_type = typing.get_args(annotation) or (str, Any)
        return _mapping(value_type)
    if annotation is float:
        return _kind(int, float)
    if annotation in (str, int, bool, bytes, dict, list):
        return _kind(annotation)
    raise TypeError(f"no answer check for {annotation!r}")


def _kind(*kinds: type) -> Check:
    expected = " or ".join(_JSON_NAMES.get(kind, kind.__name__) for kind in kinds)
    numeric = int in kinds or float in kinds

    def check(value: Any, where: str) -> str | None:
        # JSON true is not a number, even though Python's bool is an int.
        if isinstance(value, bool) and bool not in kinds and numeric:
            return f"{where} is a boolean where the API promises {expected}"
        if isinstance(value, kinds):
            return None
        return f"{where} is {_describe(value)} where the API promises {expected}"

    return check


def _union(members: tuple[Any, ...]) -> Check:
    checks = [_checker(member) for member in members]

    def check(value: Any, where: str) -> str | None:
        problems = [each(value, where) for each in checks]
        if any(problem is None for problem in problems):
            return None
        return problems[-1] if len(problems) == 1 else _first_specific(problems, where, value)

    return check


def _first_specific(problems: list[str | None], where: str, value: Any) -> str:
    # A problem inside a member (a missing key deeper down) says more than "is an object".
    deeper = [p for p in problems if p and not p.startswith(f"{where} is ")]
    return deeper[0] if deeper else f"{where} is {_describe(value)}, which the API does not allow"


def _typed_dict(annotation: type) -> Check:
    name = annotation.__name__
    required = frozenset(getattr(annotation, "__required_keys__", frozenset()))
    # Resolved lazily: a TypedDict may name types defined after it (none here, but cheap).
    fields: dict[str, Check] | None = None

    def check(value: Any, where: str) -> str | None:
        nonlocal fields
        if not isinstance(value, dict):
            return f"{where} is {_describe(value)} where the API promises a {name} object"
        missing = required - value.keys()
        if missing:
            return f"{where} ({name}) lacks {', '.join(sorted(missing))}"
        if fields is None:
            fields = {
                key: _checker(hint) for key, hint in typing.get_type_hints(annotation).items()
            }
        for key, field in fields.items():
            if key in value:
                problem = field(value[key], f"{where}.{key}")
                if problem is not None:
                    return problem
        return None

    return check


def _list(item: object) -> Check:
    item_check = _checker(item)

    def check(value: Any, where: str) -> str | None:
        if not isinstance(value, list):
            return f"{where} is {_describe(value)} where the API promises an array"
        for index, element in enumerate(value):
            problem = item_check(element, f"{where}[{index}]")
            if problem is not None:
                return problem
        return None

    return check


def _mapping(value_type: object) -> Check:
    value_check = _checker(value_type)

    def check(value: Any, where: str) -> str | None:
        if not isinstance(value, dict):
            return f"{where} is {_describe(value)} where the API promises an object"
        for key, element in value.items():
            problem = value_check(element, f"{where}[{key!r}]")
            if problem is not None:
                return problem
        return None

    return check
