"""Progress bars on the terminal: for uploads, downloads and waiting for a session.

A bar is drawn on stderr, redrawn in place, only when stderr is a terminal and ``--quiet`` is
not given; anywhere else (a pipe, a log file, CI) nothing is drawn, so output stays clean.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

__all__ = ["Progress", "human_bytes"]

_FILLED, _EMPTY = "█", "░"
#: Redraws closer together than this are skipped (the last one is always drawn).
_MIN_INTERVAL = 0.05


def human_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


class Progress:
    """One bar, labelled ``label``; :meth:`bytes` and :meth:`steps` redraw it, :meth:`close`
    ends its line."""

    def __init__(self, stream: TextIO, label: str, *, enabled: bool) -> None:
        self._stream = stream
        self._label = label
        self.enabled = enabled
        self._drawn = False
        self._last = 0.0

    @classmethod
    def for_terminal(cls, stream: TextIO, label: str, *, quiet: bool) -> Progress:
        """A bar that draws only when ``stream`` is a terminal and not ``quiet``."""
        return cls(stream, label, enabled=not quiet and _is_terminal(stream))

    def bytes(self, done: int, total: int | None) -> None:
        """Bytes moved so far of ``total`` (None: unknown); an upload or download callback."""
        if total:
            self._draw(done / total, f"{human_bytes(done)} / {human_bytes(total)}", done >= total)
        else:
            self._draw(None, human_bytes(done), False)

    def steps(self, done: int, total: int | None, detail: str = "") -> None:
        """Step ``done`` of ``total`` (e.g. rounds), with a ``detail`` after it."""
        of = f"{done}/{total}" if total else str(done)
        text = f"round {of}" + (f"  {detail}" if detail else "")
        fraction = min(done / total, 1.0) if total else None
        self._draw(fraction, text, bool(total) and done >= (total or 0))

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False

    def _draw(self, fraction: float | None, text: str, final: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and self._drawn and now - self._last < _MIN_INTERVAL:
            return
        self._last = now
        columns = shutil.get_terminal_size((80, 24)).columns
        if fraction is None:
            line = f"{self._label}  {text}"
        else:
            # A fixed width, so the bar does not jump as the text after it changes.
            width = max(10, min(30, columns - len(self._label) - 48))
            filled = round(fraction * width)
            bar = _FILLED * filled + _EMPTY * (width - filled)
            line = f"{self._label}  {bar} {fraction:>4.0%}  {text}"
        self._stream.write("\r" + line[: columns - 1].ljust(columns - 1))
        self._stream.flush()
        self._drawn = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
