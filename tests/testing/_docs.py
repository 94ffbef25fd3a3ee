"""The code examples of docs/testing.md, as the files they name."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
_EXAMPLE = re.compile(
    r"<!-- example: (?P<path>[\w./-]+) -->\n```python\n(?P<code>.*?)^```", re.S | re.M
)


def examples() -> dict[str, str]:
    """File path to code, for every Python block the docs mark as an example file."""
    text = DOCS.read_text(encoding="utf-8")
    found = {m["path"]: m["code"] for m in _EXAMPLE.finditer(text)}
    # Every Python block in the page is one of them, so every one is run.
    assert len(found) == text.count("```python"), "a Python block in docs/testing.md is not run"
    return found
