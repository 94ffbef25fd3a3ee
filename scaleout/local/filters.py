"""List and count semantics shared by every collection (§1.3 of the API fact sheet).

Every query parameter is a filter on a (dotted) entity field. A suffix ``__gt``, ``__lt``,
``__gte``, ``__lte``, ``__ne`` or ``__eq`` picks the operator and the literal ``null`` matches
null. Query values are strings, so they are compared with the type of the stored value: the
filter ``port=12080`` matches the number 12080 and ``active=true`` the boolean true. A list
value matches when one of its items (at any depth of nested lists) does; ``__ne`` when none
does. A missing field is null.

Filters and sort keys are compiled to SQL over the JSON documents of the store (``json_type``
and ``json_extract`` per field), so that a page of a large collection costs a page, not the
collection. The query values are coerced here, once, into each type a stored value might have;
the SQL picks the one that fits the stored value's type. Dates are compared as instants, via
``ts()``, a function the store registers on its connections.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .timefmt import parse_timestamp

__all__ = [
    "DATETIME_FIELDS",
    "ONE_OF",
    "AnyOf",
    "Clause",
    "Condition",
    "canonical_json",
    "field_sql",
    "lookup",
    "order_sql",
    "Params",
    "parse_conditions",
    "pick_json",
    "where_sql",
]

DATETIME_FIELDS = frozenset({"committed_at", "updated_at", "last_seen", "completed_at"})
# Internal keys the store adds to each loaded document: insertion time and order.
TS_KEY = "_ts"
SEQ_KEY = "_seq"

_OPERATORS: dict[str, str] = {
    "eq": "=",
    "ne": "!=",
    "gt": ">",
    "gte": ">=",
    "lt": "<",
    "lte": "<=",
}
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_\-]+")
# Not a query-string operator: the field is a string equal to one of the values, untyped.
ONE_OF = "one_of"


@dataclass(frozen=True)
class Condition:
    """``field <op> value``; several values mean "any of" with ``eq`` and "all of" else."""

    field: str
    op: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class AnyOf:
    """True when at least one of ``conditions`` is."""

    conditions: tuple[Condition, ...]


Clause = Condition | AnyOf


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


def _is_datetime(field: str) -> bool:
    return field.rsplit(".", 1)[-1] in DATETIME_FIELDS


# -- functions the store registers on its SQLite connections -----------------------------------


def pick_json(doc: str, dotted: str) -> str | None:
    """``lookup`` as SQL: the JSON of the value at ``dotted`` in the JSON ``doc``, or NULL."""
    value = lookup(json.loads(doc), dotted)
    return None if value is None else json.dumps(value)


def canonical_json(text: str) -> str:
    """The JSON text lists and objects sort by: keys sorted, Python's default spacing."""
    return json.dumps(json.loads(text), sort_keys=True, default=str)


def sql_timestamp(text: Any) -> float | None:
    return parse_timestamp(text) if isinstance(text, str) else None


# -- SQL -------------------------------------------------------------------------------------


class Params:
    """Named parameters of one statement, so that an expression may use one more than once."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"


@dataclass(frozen=True)
class FieldSql:
    """SQL for a field of the row ``documents``: its JSON type (NULL when absent) and value."""

    type: str
    value: str


def field_sql(field: str, params: Params) -> FieldSql:
    parts = field.split(".")
    # The store gives each loaded document these two keys from its columns.
    if parts == [TS_KEY]:
        return FieldSql("'real'", "documents.committed_at")
    if parts == [SEQ_KEY]:
        return FieldSql("'integer'", "documents.seq")
    if parts[0] in (TS_KEY, SEQ_KEY):
        return FieldSql("NULL", "NULL")
    if not all(_PLAIN_KEY.fullmatch(part) for part in parts):
        # SQLite matches a path's keys to the JSON text of the document, where json.dumps
        # escapes non-ASCII characters, and cannot quote a '"': pick_json walks these keys
        # in Python instead (real entity fields are plain).
        picked = f"pick_json(documents.doc, {params.add(field)})"
        return FieldSql(f"json_type({picked})", f"json_extract({picked}, '$')")
    # Plain keys make the path a safe SQL literal, written into the statement.
    path = "$" + "".join(f".{part}" for part in parts)
    return FieldSql(f"json_type(documents.doc, '{path}')", f"json_extract(documents.doc, '{path}')")


def _constant(value: bool) -> str:
    return "1" if value else "0"


def _scalar(kind: str, value: str, op: str, raw: Any, is_datetime: bool, params: Params) -> str:
    """``<value> <op> raw`` for a stored scalar of JSON type ``kind``, with ``raw`` coerced to
    that type; a value of another type (null, object, absent), or a ``raw`` that does not
    coerce to the value's type, matches only ``ne``."""
    sign = _OPERATORS[op]
    otherwise = _constant(op == "ne")
    wanted = _as_bool(raw)
    number = _as_number(raw)
    text = raw if isinstance(raw, str) else json.dumps(raw)
    boolean = otherwise if wanted is None else f"({value} {sign} {params.add(int(wanted))})"
    numeric = otherwise if number is None else f"({value} {sign} {params.add(number)})"
    if not is_datetime:
        textual = f"({value} {sign} {params.add(text)})"
    else:
        instant = parse_timestamp(text)
        # ts() is NULL for a string that is not a date: then only ne matches.
        textual = (
            otherwise
            if instant is None
            else f"coalesce(ts({value}) {sign} {params.add(instant)}, {otherwise})"
        )
    return (
        f"(CASE {kind} WHEN 'true' THEN {boolean} WHEN 'false' THEN {boolean} "
        f"WHEN 'integer' THEN {numeric} WHEN 'real' THEN {numeric} "
        f"WHEN 'text' THEN {textual} ELSE {otherwise} END)"
    )


def _compare(target: FieldSql, op: str, raw: Any, is_datetime: bool, params: Params) -> str:
    if raw is None or raw == "null":
        absent = f"({target.type} IS NULL OR {target.type} = 'null')"
        if op == "eq":
            return absent
        if op == "ne":
            return f"(NOT {absent})"
        return "0"
    # A list matches when an item does, at any depth of nested lists but not inside objects;
    # ne when no item is equal.
    item = _scalar("items.type", "items.atom", "eq" if op == "ne" else op, raw, is_datetime, params)
    any_item = (
        "EXISTS (WITH RECURSIVE items(type, atom, value) AS ("
        f"SELECT type, atom, value FROM json_each({target.value}) "
        "UNION ALL SELECT e.type, e.atom, e.value FROM items, json_each(items.value) AS e "
        "WHERE items.type = 'array') "
        f"SELECT 1 FROM items WHERE items.type NOT IN ('array', 'object') AND {item})"
    )
    if op == "ne":
        any_item = f"(NOT {any_item})"
    scalar = _scalar(target.type, target.value, op, raw, is_datetime, params)
    return f"(CASE WHEN {target.type} = 'array' THEN {any_item} ELSE {scalar} END)"


def _condition(condition: Condition, params: Params) -> str:
    target = field_sql(condition.field, params)
    if condition.op == ONE_OF:
        names = ", ".join(params.add(str(v)) for v in condition.values)
        return f"({target.type} = 'text' AND {target.value} IN ({names}))" if names else "0"
    is_datetime = _is_datetime(condition.field)
    tests = [_compare(target, condition.op, raw, is_datetime, params) for raw in condition.values]
    if not tests:
        return _constant(condition.op != "eq")
    return "(" + (" OR " if condition.op == "eq" else " AND ").join(tests) + ")"


def where_sql(clauses: Sequence[Clause], params: Params) -> str:
    """The SQL condition of ``clauses`` (all of them) on the row ``documents``."""
    parts: list[str] = []
    for clause in clauses:
        if isinstance(clause, AnyOf):
            inner = [_condition(c, params) for c in clause.conditions]
            parts.append("(" + " OR ".join(inner) + ")" if inner else "0")
        else:
            parts.append(_condition(clause, params))
    return " AND ".join(parts) if parts else "1"


def order_sql(key: str | None, *, ascending: bool, params: Params) -> str:
    """ORDER BY terms: ``key``, then the commit time and the insertion order, one direction.

    Values of different kinds sort in groups: absent and null, booleans, numbers and dates
    (as instants), strings, then lists and objects by their canonical JSON."""
    direction = "ASC" if ascending else "DESC"
    tail = f"documents.committed_at {direction}, documents.seq {direction}"
    if not key or key == "committed_at":
        return tail
    target = field_sql(key, params)
    if _is_datetime(key):
        text_group = f"CASE WHEN ts({target.value}) IS NULL THEN 3 ELSE 2 END"
        text_value = f"coalesce(ts({target.value}), {target.value})"
    else:
        text_group, text_value = "3", target.value
    group = (
        f"CASE {target.type} WHEN 'true' THEN 1 WHEN 'false' THEN 1 WHEN 'integer' THEN 2 "
        f"WHEN 'real' THEN 2 WHEN 'text' THEN {text_group} WHEN 'array' THEN 4 "
        "WHEN 'object' THEN 4 ELSE 0 END"
    )
    # Numbers compare as floats, as two integers too large for one compare equal.
    value = (
        f"CASE {target.type} WHEN 'true' THEN 1 WHEN 'false' THEN 0 "
        f"WHEN 'integer' THEN CAST({target.value} AS REAL) WHEN 'real' THEN {target.value} "
        f"WHEN 'text' THEN {text_value} WHEN 'array' THEN canonical_json({target.value}) "
        f"WHEN 'object' THEN canonical_json({target.value}) ELSE 0 END"
    )
    return f"{group} {direction}, {value} {direction}, {tail}"
