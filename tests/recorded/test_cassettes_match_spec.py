"""Every recorded answer still matches the working spec (``scripts/cassette_check.py``).

A cassette replays whatever the controller answered when it was recorded. After a spec change
that alters a shape (a new required field, a changed type, a status no longer documented), the
old answers fail here, naming the cassette, the exchange and the field, until the cassettes are
re-recorded with ``bash scripts/record_cassettes.sh``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import cassette_check
import pytest
import yaml

CASSETTES = sorted((Path(__file__).parent / "cassettes").rglob("*.yaml"))


@pytest.fixture(scope="module")
def index() -> cassette_check.SpecIndex:
    return cassette_check.load_index()


def test_there_are_cassettes() -> None:
    assert len(CASSETTES) >= 10


@pytest.mark.parametrize("cassette", CASSETTES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_recorded_answers_match_the_spec(index: cassette_check.SpecIndex, cassette: Path) -> None:
    problems = cassette_check.check_cassette(index, cassette)
    if problems:
        pytest.fail(
            "\n".join(map(str, problems))
            + "\nre-record the cassettes with: bash scripts/record_cassettes.sh",
            pytrace=False,
        )


def _model_answer() -> dict[str, object]:
    """A recorded exchange answering one Model (GET /api/v1/models/{id})."""
    for cassette in CASSETTES:
        for interaction in yaml.safe_load(cassette.read_text())["interactions"]:
            body = interaction["response"]["body"].get("string")
            if (
                interaction["request"]["method"] == "GET"
                and "/api/v1/models/" in interaction["request"]["uri"]
                and interaction["response"]["status"]["code"] == 200
                and isinstance(body, str)
                and '"model_id"' in body
                and body.startswith("{")
                and '"result"' not in body
            ):
                return dict(interaction)
    pytest.fail("no recorded answer of get_model")


def test_an_answer_without_a_required_field_fails(index: cassette_check.SpecIndex) -> None:
    """Guards the check itself: the same answer minus ``model_id`` is reported."""
    interaction = _model_answer()
    assert list(cassette_check.check_interaction(index, interaction)) == []
    broken = copy.deepcopy(interaction)
    body = json.loads(broken["response"]["body"]["string"])
    del body["model_id"]
    broken["response"]["body"]["string"] = json.dumps(body)
    assert list(cassette_check.check_interaction(index, broken)) == [
        "get_model 200 at (body): 'model_id' is a required property"
    ]


def test_a_field_the_spec_no_longer_declares_fails(index: cassette_check.SpecIndex) -> None:
    """A cassette recorded before a field was removed from (or renamed in) the spec."""
    interaction = _model_answer()
    assert "parent_model" in json.loads(interaction["response"]["body"]["string"])
    spec = copy.deepcopy(index.spec)
    del spec["components"]["schemas"]["Model"]["properties"]["parent_model"]
    problems = list(cassette_check.check_interaction(cassette_check.SpecIndex(spec), interaction))
    assert problems == [
        "get_model 200 at (body): Additional properties are not allowed "
        "('parent_model' was unexpected)"
    ]


def test_free_form_maps_stay_open(index: cassette_check.SpecIndex) -> None:
    """Objects that declare ``additionalProperties`` (metadata, kwargs) are not closed."""
    closed = cassette_check._closed(
        {"properties": {"a": {"type": "object", "additionalProperties": True}}}
    )
    assert closed == {
        "properties": {"a": {"type": "object", "additionalProperties": True}},
        "additionalProperties": False,
    }
