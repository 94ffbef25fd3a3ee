"""Every breaking change since the last release is in ``openapi/CHANGELOG.md``.

``scripts/spec_diff.py`` compares the newest ``openapi/released/controller-<version>.yaml``
with the working spec. Each change it reports must be a list item (starting with the report's
exact line) above the released version's heading, and any such change needs a new major
version.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import spec_diff
import yaml

pytestmark = pytest.mark.spec

CHANGELOG = Path(__file__).resolve().parents[2] / "openapi" / "CHANGELOG.md"
HEADING = re.compile(r"^## (\d+\.\d+\.\d+)\b", re.MULTILINE)


def _version(text: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in text.split("."))
    return major, minor, patch


def _released() -> tuple[Path, dict[str, Any]]:
    path = spec_diff.last_release()
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _unreleased_notes(released_version: str) -> list[str]:
    """The list items above the heading of ``released_version``."""
    text = CHANGELOG.read_text(encoding="utf-8")
    heading = re.search(rf"^## {re.escape(released_version)}\b", text, re.MULTILINE)
    assert heading, f"{CHANGELOG.name} has no '## {released_version}' heading"
    return [line.strip() for line in text[: heading.start()].splitlines() if line.startswith("- ")]


def test_breaking_changes_since_the_release_are_in_the_changelog(spec: dict[str, Any]) -> None:
    path, released = _released()
    changes = spec_diff.breaking_changes(released, spec)
    notes = _unreleased_notes(released["info"]["version"])
    missing = [str(c) for c in changes if not any(n.startswith(f"- {c}") for n in notes)]
    if missing:
        pytest.fail(
            f"breaking changes since {path.name} that openapi/CHANGELOG.md does not record "
            "(add each as a list item under Unreleased, with the reason):\n"
            + "\n".join(f"- {line}" for line in missing),
            pytrace=False,
        )


def test_a_breaking_change_raises_the_major_version(spec: dict[str, Any]) -> None:
    path, released = _released()
    old, new = _version(released["info"]["version"]), _version(spec["info"]["version"])
    assert new >= old, f"info.version {new} is older than the release {path.name}"
    if spec_diff.breaking_changes(released, spec):
        assert new[0] > old[0], (
            f"{path.name} to the working spec breaks clients: info.version must raise the major "
            f"version (it is {spec['info']['version']})"
        )


def test_every_release_is_named_by_its_version_and_in_the_changelog() -> None:
    headings = set(HEADING.findall(CHANGELOG.read_text(encoding="utf-8")))
    releases = sorted(spec_diff.RELEASED.glob("controller-*.yaml"))
    assert releases
    for path in releases:
        version = yaml.safe_load(path.read_text(encoding="utf-8"))["info"]["version"]
        assert path.name == f"controller-{version}.yaml"
        assert version in headings, f"{CHANGELOG.name} has no '## {version}' heading"
