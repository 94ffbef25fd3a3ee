"""What the ``scaleout`` command prints: tables for people, JSON for scripts.

Tables go to stdout with a header row; long cells are cut with ``…``; timestamps (both of the
API's formats) are shown in local time; validation metrics are decoded from their JSON.
``--json`` prints the API's own answers instead, unchanged, as one JSON document.
Messages for people (what was done, where a file went) go to stderr, so stdout stays data.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

import attrs

from .._timestamps import parse_timestamp

__all__ = ["Column", "Output", "format_time", "format_value"]

#: Cells longer than this are cut (ids are 36 characters and stay whole).
MAX_CELL = 48
#: Fields shown as times.
TIME_FIELDS = frozenset(
    {"committed_at", "updated_at", "last_seen", "timestamp", "started_at", "finished_at"}
)


def format_time(value: object) -> str:
    moment = parse_timestamp(value)
    if moment is None:
        return "" if value is None else str(value)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def format_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Metrics side by side read best with the same number of decimals.
        return f"{value:.4f}" if value == 0 or 1e-3 <= abs(value) < 1e6 else f"{value:.4g}"
    if isinstance(value, dt.datetime):
        return format_time(value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, separators=(",", ":"), default=str)
    return str(value)


@attrs.frozen
class Column:
    """A table column: its header and how a row's cell is read (a dotted path, or a function)."""

    header: str
    read: str | Callable[[Any], object]
    #: Longer cells are cut.
    width: int = MAX_CELL

    def cell(self, row: Any) -> str:
        return _cut(self._text(row), self.width)

    def _text(self, row: Any) -> str:
        if callable(self.read):
            return format_value(self.read(row))
        value: Any = row
        for part in self.read.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if self.read.rsplit(".", 1)[-1] in TIME_FIELDS:
            return format_time(value)
        return format_value(value)


@attrs.define
class Output:
    json: bool = False
    quiet: bool = False
    out: TextIO = attrs.field(factory=lambda: sys.stdout)
    err: TextIO = attrs.field(factory=lambda: sys.stderr)

    def data(self, value: object) -> None:
        """``value`` as JSON (for ``--json``)."""
        json.dump(value, self.out, indent=2, default=_json_default)
        self.out.write("\n")

    def table(self, rows: Iterable[Any], columns: Sequence[Column]) -> None:
        """``rows`` as a table with a header; "(none)" when there are none."""
        cells = [[column.cell(row) for column in columns] for row in rows]
        if not cells:
            self.note("(none)")
            return
        headers = [column.header for column in columns]
        widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
        numeric = [all(_is_number(row[i]) for row in cells) for i in range(len(headers))]
        for row in [headers, *cells]:
            line = "  ".join(
                cell.rjust(width) if right and row is not headers else cell.ljust(width)
                for cell, width, right in zip(row, widths, numeric, strict=True)
            )
            self.out.write(line.rstrip() + "\n")

    def record(self, item: Mapping[str, Any]) -> None:
        """One entity as ``key  value`` lines, nested fields as dotted keys."""
        pairs = list(_flatten(item))
        if not pairs:
            self.note("(empty)")
            return
        width = max(len(key) for key, _ in pairs)
        for key, value in pairs:
            shown = format_time(value) if key.rsplit(".", 1)[-1] in TIME_FIELDS else value
            self.out.write(f"{key.ljust(width)}  {format_value(shown)}".rstrip() + "\n")

    def note(self, text: str) -> None:
        """A message for people (stderr); ``--quiet`` silences it."""
        if not self.quiet:
            self.err.write(text + "\n")
            self.err.flush()


def _flatten(item: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text == ""
    return True


def _json_default(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    as_dict = getattr(value, "as_dict", None)
    if callable(as_dict):
        return as_dict()
    return str(value)
