"""A training session end to end: start, watch, read its rounds, results and model trail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scaleout import (
    BadRequestError,
    NotFoundError,
    Scaleout,
    ScaleoutError,
    SessionStateError,
)

from ._files import compute_package, seed_model

# Replayed polls need no real waiting; recorded ones wait on a session that takes seconds.
POLL = 0.2


def _prepare(client: Scaleout, folder: Path) -> None:
    client.set_active_package(compute_package(folder), "numpyhelper", "pkg")
    client.set_active_model(seed_model(folder))


@pytest.mark.vcr
def test_session_lifecycle(client: Scaleout, tmp_path: Path) -> None:
    with pytest.raises(ScaleoutError, match="no model to start from"):
        client.start_session(name="too-early")
    _prepare(client, tmp_path)
    seed = client.get_active_model()
    assert seed is not None
    with pytest.raises(NotFoundError):
        client.get_session("no-such-session")
    with pytest.raises(NotFoundError):
        client.get_session(name="no such session")
    with pytest.raises(BadRequestError):
        client.start_session(name="bad-model", model_id="no-such-model", helper="numpyhelper")

    started = client.start_session(
        name="experiment 1/a&b", rounds=3, round_timeout=30, min_clients=2, requested_clients=3
    )
    session_id = started["session_id"]
    with pytest.raises(SessionStateError):
        client.continue_session(session_id, rounds=1)

    rounds: list[dict[str, Any]] = []
    session = client.wait_for_session(
        session_id, timeout=120, poll_interval=POLL, on_round=rounds.append
    )
    assert session["status"] == "Finished"
    assert len(rounds) == 3
    assert all(r["status"] in ("Success", "Finished") for r in rounds)

    assert client.get_session(session_id) == session
    assert client.get_session(name="experiment 1/a&b")["session_id"] == session_id
    assert client.get_session_status(session_id) == "Finished"
    assert client.session_is_finished(session_id) is True
    assert client.get_sessions_count() == 2  # the failed "bad-model" one was created too
    assert client.get_sessions(name="experiment 1/a&b")["count"] == 1
    assert client.get_sessions(n_max=1)["result"][0]["session_id"] == session_id
    assert session_id in [s["session_id"] for s in client.iter_sessions()]

    assert client.get_rounds_count() == 3
    assert client.get_rounds()["count"] == 3
    assert client.get_rounds(n_max=1, filter={"status": rounds[-1]["status"]})["count"] >= 1
    assert client.get_round(rounds[0]["round_id"])["round_id"] == rounds[0]["round_id"]
    with pytest.raises(NotFoundError):
        client.get_round("no-such-round")
    assert [r["round_id"] for r in client.iter_rounds(session_id)] == [
        r["round_id"] for r in rounds
    ]

    models = client.get_models(session_id=session_id)
    assert models["count"] == 3
    trail = client.get_model_trail()
    assert trail[0]["model_id"] == seed["model_id"]
    assert len(trail) == 4
    assert [m["parent_model"] for m in trail[1:]] == [m["model_id"] for m in trail[:-1]]
    newest_first = client.get_model_trail(reverse=False, n_max=2)
    assert [m["model_id"] for m in newest_first] == [trail[-1]["model_id"], trail[-2]["model_id"]]

    validations = client.get_validations(session_id=session_id)
    assert validations["count"] == client.get_validations_count(session_id=session_id) >= 6
    first = validations["result"][-1]
    assert client.get_validation(first["validation_id"]) == first
    metrics = json.loads(first["data"])
    assert {"test_loss", "test_accuracy"} <= set(metrics)
    sender = first["sender"]
    assert client.get_validations(sender_client_id=sender["client_id"], n_max=1)["count"] >= 3
    assert client.get_validations(model_id=first["model_id"])["count"] >= 2
    assert (
        client.get_validations(sender_name=sender["name"], sender_role=sender["role"])["count"] >= 3
    )
    assert (
        len(list(client.iter_validations(filters={"session_id": session_id})))
        == (validations["count"])
    )
    with pytest.raises(NotFoundError):
        client.get_validation("no-such-validation")

    statuses = client.get_statuses(session_id=session_id, n_max=5)
    assert len(statuses["result"]) == 5
    assert client.get_statuses_count() >= statuses["count"]
    one = statuses["result"][0]
    assert client.get_status(one["status_id"]) == one
    assert client.get_statuses(event_type="MODEL_UPDATE", session_id=session_id)["count"] >= 3
    assert (
        len(list(client.iter_statuses(filters={"session_id": session_id}))) == (statuses["count"])
    )
    with pytest.raises(NotFoundError):
        client.get_status("no-such-status")

    metrics = list(client.iter_metrics(filters={"session_id": session_id}))
    assert metrics and all(isinstance(m["value"], float) for m in metrics)
    assert client.get_metrics_count(session_id=session_id) == len(metrics)
    losses = client.get_metrics(session_id=session_id, key=metrics[0]["key"], n_max=2)
    assert losses["count"] >= 3 and len(losses["result"]) == 2

    validated = client.start_validation(session_id, trail[-1]["model_id"])
    assert "message" in validated
    with pytest.raises(NotFoundError):
        client.start_validation(session_id, "no-such-model")

    continued = client.continue_session(session_id, rounds=1, round_timeout=30)
    assert continued["session_id"] == session_id
    client.wait_for_session(session_id, timeout=120, poll_interval=POLL)
    assert client.get_models(session_id=session_id)["count"] == 4
    with pytest.raises(NotFoundError):
        client.continue_session("no-such-session")


@pytest.mark.vcr
def test_step_and_stop(client: Scaleout, tmp_path: Path) -> None:
    with pytest.raises(BadRequestError):
        client.stop_current_session()
    with pytest.raises(BadRequestError):
        client.step_current_session()
    _prepare(client, tmp_path)
    started = client.start_session(name="long", rounds=500, round_timeout=30, helper="numpyhelper")
    assert "message" in client.step_current_session()
    assert "message" in client.stop_current_session()
    session = client.wait_for_session(started["session_id"], timeout=60, poll_interval=POLL)
    assert session["status"] == "Terminated"
    assert client.get_rounds_count() < 500
