"""What a session came to, recorded: its results per round and per client, its model, a plot;
and one prediction by its id."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scaleout import InvalidArgumentError, NotFoundError, Scaleout

from ._files import compute_package, seed_model


@pytest.mark.vcr
def test_session_results(client: Scaleout, tmp_path: Path) -> None:
    client.set_active_package(compute_package(tmp_path), "numpyhelper", "pkg")
    client.set_active_model(seed_model(tmp_path))
    with pytest.raises(NotFoundError):
        client.get_session_results("no-such-session")
    with pytest.raises(NotFoundError):
        client.get_session_model("no-such-session")
    started = client.start_session(name="results", rounds=3, round_timeout=30, min_clients=3)
    session_id = started["session_id"]
    client.wait_for_session(session_id, timeout=120, poll_interval=0.2)

    results = client.get_session_results(session_id)
    assert (results.name, results.status) == ("results", "Finished")
    assert [r.round for r in results.rounds] == [1, 2, 3]
    assert all(r.status == "Success" and len(r.clients) == 3 for r in results.rounds)
    assert results.metric_names == (
        "training_loss",
        "training_accuracy",
        "test_loss",
        "test_accuracy",
    )
    losses = [loss for _, loss in results.series("test_loss")]
    assert losses == sorted(losses, reverse=True)
    assert all(r.started_at is not None and r.finished_at is not None for r in results.rounds)

    model = client.get_session_model(session_id)
    assert (
        model is not None and model["model_id"] == results.model_id == results.rounds[-1].model_id
    )

    validations = client.get_round_validations(session_id, 2)
    assert [v.client for v in validations] == ["client-1", "client-2", "client-3"]
    assert all(v.round == 2 and v.model_id == results.rounds[1].model_id for v in validations)
    with pytest.raises(InvalidArgumentError):
        client.get_round_validations(session_id, 4)

    written = client.plot_session(session_id, metrics=["loss"], path=tmp_path / "loss.png")
    assert written.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.vcr
def test_one_prediction(client: Scaleout, tmp_path: Path, recording: bool) -> None:
    client.set_active_model(seed_model(tmp_path))
    client.start_predictions(prediction_id="p-1")
    page = client.get_predictions(correlation_id="p-1")
    while page["count"] < 3:
        if recording:
            time.sleep(0.1)
        page = client.get_predictions(correlation_id="p-1")
    first = page["result"][0]
    assert client.get_prediction(first["prediction_id"]) == first
    with pytest.raises(NotFoundError):
        client.get_prediction("no-such-prediction")
