"""What the cassettes prove: every public method of ``Scaleout`` has a recorded success and a
recorded error, read from the recordings themselves.

Each interaction names the call that recorded it (``x-recorded-call: 7 get_model``, see
``_calls``) and its operation is found by matching its method and path against the spec. Replay
keeps this honest: an interaction is only played to the same call of the same method, every
interaction of a cassette must be played, and every cassette must belong to a recorded test.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scaleout import Scaleout

from ._calls import HEADER, UNLABELLED, method_of
from ._operations import Operation, operation_of
from .conftest import REDACTED

HERE = Path(__file__).parent
CASSETTES = HERE / "cassettes"

#: Methods whose error cannot be recorded, with the reason. Empty: every method has one (at
#: least the 401 of ``test_auth``), and an entry here must say why it cannot.
NO_RECORDED_ERROR: dict[str, str] = {}


@dataclass(frozen=True)
class Interaction:
    cassette: str
    index: int
    call: str | None
    method: str
    path: str
    operation: Operation | None
    status: int
    headers: dict[str, list[str]]


@cache
def interactions() -> tuple[Interaction, ...]:
    found = []
    for path in sorted(CASSETTES.rglob("*.yaml")):
        name = str(path.relative_to(CASSETTES))
        for index, item in enumerate(yaml.safe_load(path.read_text())["interactions"]):
            request = item["request"]
            headers = {k.lower(): v for k, v in request["headers"].items()}
            url_path = urlsplit(request["uri"]).path
            found.append(
                Interaction(
                    cassette=name,
                    index=index,
                    call=headers.get(HEADER, [None])[0],
                    method=request["method"],
                    path=url_path,
                    operation=operation_of(request["method"], url_path),
                    status=item["response"]["status"]["code"],
                    headers=headers,
                )
            )
    return tuple(found)


def calls() -> dict[tuple[str, str], list[Interaction]]:
    """The interactions of each recorded call, keyed by cassette and call label."""
    grouped: dict[tuple[str, str], list[Interaction]] = defaultdict(list)
    for interaction in interactions():
        if interaction.call is None:
            continue  # reported by test_every_interaction_is_a_labelled_call_of_a_spec_operation
        grouped[(interaction.cassette, interaction.call)].append(interaction)
    return grouped


def public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(Scaleout, inspect.isfunction)
        if not name.startswith("_") and name not in UNLABELLED
    }


@pytest.fixture
def replaying(recording: bool) -> None:
    if recording:
        pytest.skip("checks the cassettes of a finished recording")


def test_every_interaction_is_a_labelled_call_of_a_spec_operation(replaying: None) -> None:
    assert interactions()
    strays = [
        f"{i.cassette}#{i.index} {i.method} {i.path}"
        for i in interactions()
        if i.call is None or i.operation is None or method_of(i.call) not in public_methods()
    ]
    assert strays == []


def test_every_method_has_a_recorded_success(replaying: None) -> None:
    # A call succeeded when every answer it got was a success.
    succeeded = {
        method_of(call)
        for (_, call), answers in calls().items()
        if all(a.status < 400 for a in answers)
    }
    assert sorted(public_methods() - succeeded) == []


def test_every_method_has_a_recorded_error(replaying: None) -> None:
    # A call failed on an error answer when its last answer was an error status.
    failed = {
        method_of(call) for (_, call), answers in calls().items() if answers[-1].status >= 400
    }
    assert sorted(public_methods() - failed - set(NO_RECORDED_ERROR)) == []
    assert sorted(set(NO_RECORDED_ERROR) - public_methods()) == [], "stale allow-list entries"
    assert sorted(set(NO_RECORDED_ERROR) & failed) == [], "allow-listed, yet recorded"


def _recorded_tests() -> set[str]:
    """``module/test`` of every test function marked ``vcr`` in this package."""
    found = set()
    for path in HERE.glob("test_*.py"):
        module = importlib.import_module(f"{__package__}.{path.stem}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            marks = getattr(function, "pytestmark", [])
            if name.startswith("test_") and any(mark.name == "vcr" for mark in marks):
                found.add(f"{path.stem}/{name}")
    return found


def test_every_cassette_belongs_to_a_recorded_test(replaying: None) -> None:
    # Coverage is read from the cassettes, so a cassette no test replays must not count.
    cassettes = {str(p.relative_to(CASSETTES).with_suffix("")) for p in CASSETTES.rglob("*.yaml")}
    tests = _recorded_tests()
    assert tests
    assert sorted(cassettes - tests) == [], "cassettes without a test"
    assert sorted(tests - cassettes) == [], "recorded tests without a cassette"


def test_cassettes_hold_no_secret_port_or_date(replaying: None) -> None:
    texts = [path.read_text() for path in CASSETTES.rglob("*.yaml")]
    assert texts
    for text in texts:
        assert not re.search(r"^\s+date:", text, re.MULTILINE | re.IGNORECASE)
        assert not re.search(r"127\.0\.0\.1:(?!8092)\d+", text)
        for token in re.findall(r"eyJ[\w-]+\.eyJ[\w-]+\.([\w-]*)", text):
            assert token == REDACTED, "a signed token was recorded"
        for cassette in yaml.safe_load_all(text):
            for interaction in cassette["interactions"]:
                assert interaction["request"]["uri"].startswith("http://127.0.0.1:8092/")
    credentials = [
        value
        for i in interactions()
        for name, values in i.headers.items()
        if name == "authorization"
        for value in values
    ]
    assert credentials, "no recorded request carries a credential"
    assert {re.sub(r"^\w+ ", "", value) for value in credentials} == {REDACTED}
