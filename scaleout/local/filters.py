"""List and count semantics shared by every collection (§1.3 of the API fact sheet).

Every query parameter is a filter on a (dotted) entity field. A suffix ``__gt``, ``__lt``,
``__gte``, ``__lte``, ``__ne`` or ``__eq`` picks the operator and the literal ``null`` matches
null. Query values are strings, so they are compared with the type of the stored value: the
filter ``port=12080`` matches the number 12080 and ``active=true`` the boolean true.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .timefmt import parse_timestamp

__all__ = [
    "DATETIME_FIELDS",
    "Condition",
    "filter_documents",
    "lookup",
    "matches",
    "parse_conditions",
    "sort_documents",
]

DATETIME_FIELDS = frozenset({"committed_at", "updated_at", "last_seen", "completed_at"})
# Internal keys the store adds to each loaded document: insertion time and order.
TS_KEY = "_ts"
SEQ_KEY = "_seq"

_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


@dataclass(frozen=True)
class Condition:
    """``field <op> value``; several values mean "any of" (only with ``eq``)."""

    field: str
    op: str
    values: tuple[Any, ...]


def parse_conditions(
    params: Iterable[tuple[str, Any]], *, split_commas: bool = False
) -> list[Condition]:
    conditions: list[Condition] = []
    for key, value in params:
        field, op = _split_operator(key)
        if not field:
            continue
        values: tuple[Any, ...] = (value,)
        if split_commas and op == "eq" and isinstance(value, str) and "," in value:
            values = tuple(part.strip() for part in value.split(","))
        conditions.append(Condition(field, op, values))
    return conditions


def _split_operator(key: str) -> tuple[str, str]:
    field, sep, suffix = key.rpartition("__")
    if sep and suffix in _OPERATORS:
        return field, suffix
    return key, "eq"


def lookup(doc: Any, dotted: str) -> Any:
    """The value at a dotted path; None when any part of the path is absent."""
    value = doc
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def matches(doc: dict[str, Any], condition: Condition) -> bool:
    field_value = lookup(doc, condition.field)
    is_datetime = condition.field.rsplit(".", 1)[-1] in DATETIME_FIELDS
    if condition.op == "eq":
        return any(_compare(field_value, "eq", raw, is_datetime) for raw in condition.values)
    return all(_compare(field_value, condition.op, raw, is_datetime) for raw in condition.values)


def filter_documents(
    docs: Iterable[dict[str, Any]], conditions: Sequence[Condition]
) -> list[dict[str, Any]]:
    return [doc for doc in docs if all(matches(doc, c) for c in conditions)]


def _compare(field_value: Any, op: str, raw: Any, is_datetime: bool) -> bool:
    if raw is None or raw == "null":
        if op == "eq":
            return field_value is None
        if op == "ne":
            return field_value is not None
        return False
    if isinstance(field_value, list):
        hits = any(
            _compare(item, "eq" if op == "ne" else op, raw, is_datetime) for item in field_value
        )
        return not hits if op == "ne" else hits
    pair = _coerce(field_value, raw, is_datetime)
    if pair is None:
        return op == "ne"
    left, right = pair
    try:
        return _OPERATORS[op](left, right)
    except TypeError:
        return op == "ne"


def _coerce(field_value: Any, raw: Any, is_datetime: bool) -> tuple[Any, Any] | None:
    if field_value is None or isinstance(field_value, dict):
        return None
    if isinstance(field_value, bool):
        wanted = _as_bool(raw)
        return None if wanted is None else (field_value, wanted)
    if isinstance(field_value, int | float):
        number = _as_number(raw)
        return None if number is None else (field_value, number)
    if isinstance(field_value, str):
        text = raw if isinstance(raw, str) else json.dumps(raw)
        if is_datetime:
            left, right = parse_timestamp(field_value), parse_timestamp(text)
            if left is None or right is None:
                return None
            return left, right
        return field_value, text
    return None


def _as_bool(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        lowered = raw.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
    return None


def _as_number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        try:
            number = float(raw)
        except ValueError:
            return None
        return None if math.isnan(number) else number
    return None


def _sort_value(doc: dict[str, Any], key: str) -> tuple[int, Any]:
    if key == "committed_at":
        return 2, doc.get(TS_KEY, 0.0)
    value = lookup(doc, key)
    if value is None:
        return 0, 0
    if isinstance(value, bool):
        return 1, int(value)
    if isinstance(value, int | float):
        return 2, float(value)
    if isinstance(value, str):
        if key.rsplit(".", 1)[-1] in DATETIME_FIELDS:
            stamp = parse_timestamp(value)
            if stamp is not None:
                return 2, stamp
        return 3, value
    return 4, json.dumps(value, sort_keys=True, default=str)


def sort_documents(
    docs: list[dict[str, Any]], key: str | None, *, ascending: bool
) -> list[dict[str, Any]]:
    """Sort on ``key`` with the insertion time as the secondary key, in the same direction."""
    primary = key or "committed_at"
    return sorted(
        docs,
        key=lambda d: (_sort_value(d, primary), d.get(TS_KEY, 0.0), d.get(SEQ_KEY, 0)),
        reverse=not ascending,
    )
