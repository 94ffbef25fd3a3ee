"""The API reference page: rendered from the spec, opened in headless chromium, complete.

``scripts/build_api_reference.py`` renders ``build/api-reference/index.html`` with Redoc;
``scripts/browse_api_reference.mjs`` opens it in Debian's chromium from the file system (no
network), visits every tag and reports the operations shown. Every operation of the spec must
be there, in its tag, with its summary in the sidebar and its method and path in the content.
The screenshots land beside the page, to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import build_api_reference
import pytest

pytestmark = [pytest.mark.spec, pytest.mark.node]

BROWSE = Path(__file__).resolve().parents[2] / "scripts" / "browse_api_reference.mjs"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "chromium not found: run bash scripts/test.sh (it installs Debian's chromium)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="module")
def shown() -> dict[str, Any]:
    """What the browser shows of the freshly built page."""
    chromium = _chromium()
    try:
        page = build_api_reference.build()
    except build_api_reference.BuildError as exc:
        pytest.fail(str(exc), pytrace=False)
    result = subprocess.run(
        ["node", str(BROWSE), str(page), str(page.parent)],
        env=dict(os.environ, CHROMIUM=chromium),
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_every_operation_is_on_the_page(shown: dict[str, Any], operations: list[Any]) -> None:
    links = {
        (tag, link["id"], link["text"]) for tag, found in shown["tags"].items() for link in found
    }
    on_page = {(tag, op_id) for tag, op_id, _ in links}
    expected = {(op.tags[0], op.operation_id) for op in operations}
    assert len(expected) == len(operations)
    assert on_page == expected, (
        f"missing: {sorted(expected - on_page)}; unexpected: {sorted(on_page - expected)}"
    )
    for op in operations:
        key = (op.tags[0], op.operation_id)
        method = op.method.lower()
        # The sidebar entry (summary, method) and the content's heading (method, path).
        assert (*key, f"{op.op['summary']}{method}") in links, f"{op}: no sidebar entry"
        assert (*key, f"{method}{op.path}") in links, f"{op}: no method and path shown"


def test_the_page_runs_without_errors(shown: dict[str, Any]) -> None:
    assert shown["errors"] == []


def test_screenshots_were_taken(shown: dict[str, Any]) -> None:
    assert len(shown["screenshots"]) == 2
    for path in shown["screenshots"]:
        assert Path(path).read_bytes()[:8] == PNG_SIGNATURE, path
