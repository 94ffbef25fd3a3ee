"""Every public method of ``Scaleout`` is pinned by a recorded success and a recorded error."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import yaml

from scaleout import Scaleout

from .conftest import REDACTED
from .test_auth import CALLS

HERE = Path(__file__).parent
CASSETTES = HERE / "cassettes"
#: Not HTTP calls: they configure or release the client.
NOT_HTTP = {"close", "with_options"}


def _public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(Scaleout, inspect.isfunction)
        if not name.startswith("_") and name not in NOT_HTTP
    }


@pytest.fixture
def replaying(recording: bool) -> None:
    if recording:
        pytest.skip("checks the cassettes of a finished recording")


def test_every_method_has_a_recorded_error_path(replaying: None) -> None:
    assert sorted(_public_methods() - set(CALLS)) == []
    assert (CASSETTES / "test_auth" / "test_every_method_raises_on_a_rejected_token.yaml").is_file()


def test_every_method_has_a_recorded_success() -> None:
    sources = "\n".join(
        path.read_text()
        for path in HERE.glob("test_*.py")
        if path.name not in ("test_coverage.py", "test_auth.py")
    )
    missing = [m for m in sorted(_public_methods()) if not re.search(rf"\.{m}\(", sources)]
    assert missing == []


def test_every_test_has_its_cassette(replaying: None) -> None:
    for path in HERE.glob("test_*.py"):
        for name in re.findall(r"@pytest\.mark\.vcr\s+def (test_\w+)", path.read_text()):
            assert (CASSETTES / path.stem / f"{name}.yaml").is_file(), f"{path.stem}::{name}"


def test_cassettes_hold_no_secret_port_or_date(replaying: None) -> None:
    texts = [path.read_text() for path in CASSETTES.rglob("*.yaml")]
    assert texts
    for text in texts:
        lowered = text.lower()
        assert "authorization" not in lowered
        assert not re.search(r"^\s+date:", text, re.MULTILINE | re.IGNORECASE)
        assert not re.search(r"127\.0\.0\.1:(?!8092)\d+", text)
        for token in re.findall(r"eyJ[\w-]+\.eyJ[\w-]+\.([\w-]*)", text):
            assert token == REDACTED, "a signed token was recorded"
        for cassette in yaml.safe_load_all(text):
            for interaction in cassette["interactions"]:
                assert interaction["request"]["uri"].startswith("http://127.0.0.1:8092/")
