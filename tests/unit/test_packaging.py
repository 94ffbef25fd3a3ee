"""The published metadata: a license, Python versions that agree with what is tested, no dev
extra, a small core; and the console scripts."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
METADATA = importlib.metadata.metadata("scaleout-sdk")


def test_license_is_apache_2_and_shipped() -> None:
    assert METADATA["License-Expression"] == "Apache-2.0"
    assert METADATA.get_all("License-File") == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text


def _claimed_minor_versions() -> set[str]:
    return {
        match.group(1)
        for classifier in METADATA.get_all("Classifier") or []
        if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))
    }


def test_classifiers_and_requires_python_agree() -> None:
    allowed = SpecifierSet(METADATA["Requires-Python"])
    claimed = _claimed_minor_versions()
    assert claimed == {f"3.{minor}" for minor in range(8, 20) if f"3.{minor}" in allowed}


def test_every_claimed_version_is_tested() -> None:
    script = (ROOT / "scripts" / "test_pythons.sh").read_text(encoding="utf-8")
    default = re.search(r"VERSIONS=\((3[\d. ]+)\)", script)
    assert default is not None
    main = re.search(
        r"sys\.version_info\[:2\] != \((3), (\d+)\)", (ROOT / "scripts/_venv.sh").read_text()
    )
    assert main is not None
    tested = {f"{main.group(1)}.{main.group(2)}", *default.group(1).split()}
    assert tested == _claimed_minor_versions()


def test_no_dev_extra_is_published() -> None:
    assert "dev" not in (METADATA.get_all("Provides-Extra") or [])
    assert set(METADATA.get_all("Provides-Extra") or []) == {"local", "plot", "pandas"}
    assert "dev" in PYPROJECT["dependency-groups"]
    assert "dev" not in PYPROJECT["project"]["optional-dependencies"]


def test_the_core_install_is_httpx_attrs_and_dateutil() -> None:
    core = [
        Requirement(text)
        for text in METADATA.get_all("Requires-Dist") or []
        if Requirement(text).marker is None
    ]
    assert sorted(r.name for r in core) == ["attrs", "httpx", "python-dateutil"]


def test_console_scripts() -> None:
    scripts = {
        entry.name: entry.value
        for entry in importlib.metadata.distribution("scaleout-sdk").entry_points
        if entry.group == "console_scripts"
    }
    assert scripts == {
        "scaleout": "scaleout.cli:main",
        "scaleout-local": "scaleout._local_entry:main",
    }
