"""Node attributes, status events, custom commands and predictions."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from scaleout import BadRequestError, NotFoundError, Scaleout

from ._files import seed_model


def _client_ids(client: Scaleout) -> list[str]:
    return sorted(c["client_id"] for c in client.get_clients()["result"])


@pytest.mark.vcr
def test_attributes_and_statuses(client: Scaleout) -> None:
    first, second, _ = _client_ids(client)
    assert client.get_attribute_trail(first)["count"] == 0
    stored = client.add_attributes(
        {"key": "charging", "value": "true", "sender": {"name": "", "role": "", "client_id": first}}
    )
    assert stored["key"] == "charging" and stored["attribute_id"]
    client.add_attributes({"key": "charging", "value": "false", "sender": {"client_id": first}})
    client.add_attributes({"key": "battery", "value": "80", "sender": {"client_id": second}})

    current = client.get_current_attributes([first, second])
    assert current[first] == {"charging": "false"}
    assert current[second] == {"battery": "80"}
    assert client.get_current_attributes(second) == {second: {"battery": "80"}}

    trail = client.get_attribute_trail(first)
    assert trail["count"] == 2
    assert {a["value"] for a in trail["result"]} == {"true", "false"}
    assert len(list(client.iter_attributes(filters={"key": "charging"}))) == 2
    assert len(list(client.iter_attributes(page_size=1))) == 3
    with pytest.raises(BadRequestError):
        client.add_attributes({"key": "k", "value": "v", "sender": {"client_id": 5}})

    status = client.add_status(
        {
            "type": "MODEL_UPDATE",
            "log_level": "INFO",
            "status": "Training complete",
            "sender": {"client_id": first},
        }
    )
    assert status["status_id"]
    assert client.get_status(status["status_id"])["status"] == "Training complete"
    with pytest.raises(BadRequestError):
        client.add_status({"status": 5, "sender": {"client_id": first}})


@pytest.mark.vcr
def test_custom_commands(client: Scaleout) -> None:
    ids = _client_ids(client)
    answer = client.run_custom_command(
        "echo", blocking=True, timeout=10, client_ids=ids[:2], parameters={"payload": "hello"}
    )
    results = answer["result"]
    assert sorted(results) == ids[:2]
    assert all(r["parameters"] == {"payload": "hello"} for r in results.values())
    queued = client.run_custom_command("Custom_echo")
    assert queued["correlation_id"]
    with pytest.raises(BadRequestError):
        client.run_custom_command("echo", client_ids=["no-such-client"])


@pytest.mark.vcr
def test_predictions(client: Scaleout, tmp_path: Path, recording: bool) -> None:
    with pytest.raises(BadRequestError):
        client.start_predictions(prediction_id="before-any-model")
    client.set_active_model(seed_model(tmp_path))
    model = client.get_active_model()
    assert model is not None
    with pytest.raises(NotFoundError):
        client.start_predictions(prediction_id="p-0", model_id="no-such-model")

    started = client.start_predictions(prediction_id="p-1")
    assert started["prediction_id"] == "p-1"
    page = client.get_predictions(correlation_id="p-1")
    while page["count"] < 3:
        if recording:
            time.sleep(0.1)
        page = client.get_predictions(correlation_id="p-1")
    prediction = page["result"][0]
    assert prediction["model_id"] == model["model_id"]
    assert json.loads(prediction["data"])
    client_id = prediction["sender"]["client_id"]
    assert client.get_predictions(client_id=client_id)["count"] == 1
    assert client.get_predictions(model_id=model["model_id"], n_max=2)["count"] == 3
    assert len(list(client.iter_predictions(filters={"correlation_id": "p-1"}))) == 3


@pytest.mark.vcr
def test_staging_inference_and_commands(client: Scaleout, controller: Any, tmp_path: Path) -> None:
    ids = _client_ids(client)
    with pytest.raises(NotFoundError):
        client.stage_model("no-such-model")
    client.set_active_model(seed_model(tmp_path))
    model = client.get_active_model()
    assert model is not None

    staged = client.stage_model(model["model_id"], client_ids=ids[:1])
    assert staged["correlation_id"]
    inference = client.start_inference(model["model_id"], timeout=30, parameters={"n": 2})
    assert sorted(inference["result"]) == ids
    with pytest.raises(NotFoundError):
        client.start_inference("no-such-model")

    echo = client.run_custom_command("echo", blocking=True, parameters={"payload": "x"})
    command = client.get_command(echo["correlation_id"])
    assert command["command_type"] == "Custom_echo"
    assert client.get_commands_count() == client.get_commands()["count"] >= 3
    assert client.get_commands(n_max=1)["count"] >= 3
    roots = client.get_commands_roots()
    assert echo["correlation_id"] in [c["correlation_id"] for c in roots["result"]]
    # The blocking echo to every client is one root command with a child per client.
    children = client.get_commands(parent_correlation_id=echo["correlation_id"])
    assert children["count"] == 3
    assert sorted(c["client_ids"][0] for c in children["result"]) == ids
    assert {c["parent_correlation_id"] for c in children["result"]} == {echo["correlation_id"]}
    with pytest.raises(NotFoundError):
        client.get_command("no-such-command")
    with pytest.raises(NotFoundError):
        client.step_command("no-such-command")
    with pytest.raises(NotFoundError):
        client.stop_command("no-such-command")

    # A client that never answers keeps its commands running until they are skipped or stopped.
    if controller is not None:
        controller.set_client_behaviour("client-1", drop=True)
    silent = [c["client_id"] for c in client.get_clients()["result"] if c["name"] == "client-1"]
    skipped = client.run_custom_command("echo", timeout=30, client_ids=silent)
    assert "message" in client.step_command(skipped["correlation_id"])
    stopped = client.run_custom_command("echo", timeout=30, client_ids=silent)
    assert "message" in client.stop_command(stopped["correlation_id"])
