"""Checking list answers against the filters that were sent, on the client.

The spec makes every query parameter of a list endpoint an equality filter on an entity field,
nested fields included (``sender.client_id``, ``round_config.session_id``). Not every
controller applies them all: FEDn 0.33 on SQL storage silently ignores a filter on a field it
has no column for, every dotted one among them, and answers *every* item. So the SDK checks
what it gets: an ``iter_*`` listing keeps only the items that match (it walks every page
anyway, so the answer is right whatever the server did), and a ``get_*`` list call either
drops the strays (when it asked for everything, so the count can be made right too) or raises
:class:`UnsupportedFilterError` (when it asked for a limited page, which the strays have
already filled).

Only plain equality filters on nested fields are checked (``a.b=value``): those are the ones a
server may lack, as FEDn does; a top-level field is a column every server filters on, and a
key with an operator suffix such as ``__gt`` is the server's alone. Only fields the answer
carries are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

__all__ = ["OPERATOR_SUFFIXES", "equality_filters", "matches", "strays"]

OPERATOR_SUFFIXES: Final = ("__gt", "__lt", "__gte", "__lte", "__ne", "__eq")

_MISSING: Final = object()


def equality_filters(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The equality filters on nested fields among query ``pairs`` (as sent: strings); a key
    that repeats (an "in" filter on some servers) or carries an operator suffix is left to the
    server, and so is a top-level field."""
    found: dict[str, str] = {}
    repeated: set[str] = set()
    for key, value in pairs:
        if "." not in key or key.endswith(OPERATOR_SUFFIXES):
            continue
        if key in found:
            repeated.add(key)
        found[key] = value
    return {key: value for key, value in found.items() if key not in repeated}


def matches(item: object, filters: Mapping[str, str]) -> bool:
    """Whether ``item`` (an entity's JSON) agrees with every filter on the fields it has."""
    if not isinstance(item, Mapping):
        return True
    for key, wanted in filters.items():
        value = _lookup(item, key)
        if value is not _MISSING and not _equal(value, wanted):
            return False
    return True


def strays(items: Iterable[object], filters: Mapping[str, str]) -> list[str]:
    """The filters (keys) that some of ``items`` do not match: the ones the server ignored."""
    ignored: list[str] = []
    listed = list(items)
    for key, wanted in filters.items():
        if any(not matches(item, {key: wanted}) for item in listed):
            ignored.append(key)
    return ignored


def _lookup(item: Mapping[str, Any], key: str) -> object:
    """The value at the dotted path ``key``; ``_MISSING`` when the answer lacks the field
    (a server may filter on a field it does not show)."""
    if key in item:
        return item[key]
    current: object = item
    for part in key.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return _MISSING
        current = current[part]
    return current


def _equal(value: object, wanted: str) -> bool:
    if value is None:
        return wanted.strip().lower() == "null"
    if isinstance(value, bool):
        return wanted.strip().lower() == ("true" if value else "false")
    if isinstance(value, int | float):
        try:
            return float(wanted) == float(value)
        except ValueError:
            return str(value) == wanted
    if isinstance(value, str):
        return value == wanted
    return True  # an object or a list: not something an equality filter names
