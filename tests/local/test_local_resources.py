"""Packages, helpers, combiners, commands, predictions, validations, inference, staging."""

from __future__ import annotations

import hashlib
import json

import pytest

from ._helpers import LocalApi

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_packages_active_checksum_download(api: LocalApi) -> None:
    assert api.http.get("/api/v1/packages/active").status_code == 404
    missing = api.http.get("/api/v1/packages/checksum")
    assert missing.status_code == 404
    assert missing.json() == {"message": "No compute package uploaded", "checksum": None}
    assert api.http.get("/api/v1/packages/download").json() == {"message": "No active package"}
    config = api.ok(api.http.get("/api/v1/clients/config"))
    assert "checksum" not in config and config["discover_port"] == api.ctl.port

    first = api.add_package(b"first", name="one")
    second = api.add_package(b"second package", name="two")
    active = api.ok(api.http.get("/api/v1/packages/active"))
    assert active["package_id"] == second and active["active"] is True
    assert active["storage_file_name"] == f"{second}.tgz"
    assert api.ok(api.http.get(f"/api/v1/packages/{first}"))["active"] is False
    assert api.ok(api.http.get("/api/v1/packages/count", params={"active": "true"})) == 1

    digest = hashlib.sha256(b"second package").hexdigest()
    assert api.ok(api.http.get("/api/v1/packages/checksum")) == {
        "message": "Checksum created.",
        "checksum": digest,
    }
    assert api.ok(api.http.get("/api/v1/clients/config"))["checksum"] == digest
    no_checksum = api.ok(api.http.get("/api/v1/clients/config", params={"checksum": "false"}))
    assert "checksum" not in no_checksum

    download = api.http.get("/api/v1/packages/download")
    assert download.content == b"second package"
    assert "package.tgz" in download.headers["content-disposition"]
    by_name = api.http.get("/api/v1/packages/download", params={"name": f"{first}.tgz"})
    assert by_name.content == b"first"
    older = api.ok(api.http.get("/api/v1/packages/checksum", params={"name": f"{first}.tgz"}))
    assert older["checksum"] == hashlib.sha256(b"first").hexdigest()
    unknown = api.http.get("/api/v1/packages/checksum", params={"name": "../controller.sqlite3"})
    assert unknown.status_code == 404 and unknown.json()["checksum"] is None
    assert api.http.get("/api/v1/packages/download", params={"name": "x"}).status_code == 404


def test_active_helper(api: LocalApi) -> None:
    assert api.http.get("/api/v1/helpers/active").json() == {"message": "No active helper"}
    assert api.ok(api.http.put("/api/v1/helpers/active", json={"helper": "binaryhelper"})) == {
        "message": "Active helper set"
    }
    assert api.ok(api.http.get("/api/v1/helpers/active")) == "binaryhelper"


def test_combiner_public_hostname(api: LocalApi) -> None:
    combiner = api.ok(api.http.get("/api/v1/combiners/"))["result"][0]
    path = f"/api/v1/combiners/{combiner['combiner_id']}"
    assert (
        api.ok(api.http.patch(path, json={"public_hostname": "edge.example.com:443"}))["message"]
        == "Public hostname updated"
    )
    assert api.ok(api.http.get(path))["public_hostname"] == "edge.example.com:443"
    assert (
        api.http.patch("/api/v1/combiners/nope", json={"public_hostname": "h"}).status_code == 404
    )


def test_run_command_blocking_1_0_1_and_1_1_0_bodies(api: LocalApi) -> None:
    merged = api.ok(
        api.http.post(
            "/api/v1/control/run_command",
            json={
                "command_type": "Custom_ping",
                "blocking": True,
                "timeout": 5,
                "client_ids": None,
                "payload": "hello",
            },
        )
    )
    assert merged["success"] is True and merged["message"] == "Command completed"
    assert set(merged["result"]) == set(api.ctl.clients.values())
    answer = next(iter(merged["result"].values()))
    assert answer["parameters"] == {"payload": "hello"}

    one = api.ctl.clients["client-2"]
    nested = api.ok(
        api.http.post(
            "/api/v1/control/run_command",
            json={
                "command_type": "Custom_echo",
                "synchronous": True,
                "parameters": {"x": 1},
                "client_ids": [one],
            },
        )
    )
    assert list(nested["result"]) == [one]
    assert nested["result"][one]["parameters"] == {"x": 1}

    command = api.ok(api.http.get(f"/api/v1/commands/{nested['correlation_id']}"))
    assert command["status"] == "COMPLETED" and command["command_type"] == "Custom_echo"
    children = api.ok(
        api.http.get(
            "/api/v1/commands/", params={"parent_correlation_id": nested["correlation_id"]}
        )
    )
    assert children["count"] == 1 and children["result"][0]["client_ids"] == [one]
    unknown = api.http.post(
        "/api/v1/control/run_command",
        json={"command_type": "Custom_x", "client_ids": ["ghost"]},
    )
    assert unknown.status_code == 400


def test_run_command_async_records_answers_later(api: LocalApi) -> None:
    api.ctl.set_client_behaviour("client-1", delay=0.3)
    sent = api.ok(
        api.http.post("/api/v1/control/run_command", json={"command_type": "Custom_slow"})
    )
    assert sent["message"] == "Command sent" and sent["result"] is None
    path = f"/api/v1/commands/{sent['correlation_id']}"
    assert api.ok(api.http.get(path))["status"] == "RUNNING"
    done = api.wait_until(lambda: (c := api.ok(api.http.get(path)))["status"] == "COMPLETED" and c)
    assert len(done["result"]) == 3


def test_commands_time_out_skip_and_stop(api: LocalApi) -> None:
    api.ctl.set_client_behaviour("client-1", drop=True)
    timed = api.ok(
        api.http.post(
            "/api/v1/control/run_command",
            json={"command_type": "Custom_t", "blocking": True, "timeout": 0},
        )
    )
    assert timed["success"] is False and timed["message"] == "Command timeout"
    assert api.ctl.clients["client-1"] not in timed["result"]

    for action, status in (("skip", "COMPLETED"), ("stop", "INTERRUPTED")):
        sent = api.ok(
            api.http.post(
                "/api/v1/control/run_command",
                json={"command_type": f"Custom_{action}", "timeout": -1},
            )
        )
        cid = sent["correlation_id"]
        api.wait_until(
            lambda cid=cid: (
                len(
                    api.ok(
                        api.http.get(
                            "/api/v1/commands/",
                            params={"parent_correlation_id": cid, "status": "COMPLETED"},
                        )
                    )["result"]
                )
                == 2
            )
        )
        mismatch = api.http.post(
            f"/api/v1/commands/{cid}/{action}", json={"correlation_id": "other"}
        )
        assert mismatch.status_code == 400
        assert api.ok(
            api.http.post(f"/api/v1/commands/{cid}/{action}", json={"correlation_id": cid})
        ) == {"message": f"Sent {action} signal"}
        final = api.wait_until(
            lambda cid=cid: (
                (c := api.ok(api.http.get(f"/api/v1/commands/{cid}")))["status"] != "RUNNING" and c
            )
        )
        assert final["status"] == status
        again = api.http.post(f"/api/v1/commands/{cid}/{action}", json={"correlation_id": cid})
        assert again.status_code == 400
    missing = api.http.post("/api/v1/commands/nope/stop", json={"correlation_id": "nope"})
    assert missing.status_code == 404
    roots = api.ok(api.http.get("/api/v1/commands/roots"))
    assert all(c["parent_correlation_id"] is None for c in roots["result"])
    assert api.ok(api.http.get("/api/v1/commands/count")) > roots["count"]


def test_predictions(api: LocalApi) -> None:
    none = api.http.post("/api/v1/predictions/start", json={"prediction_id": "p0"})
    assert none.status_code == 400 and none.json()["message"] == "No models available"
    model_id = api.add_seed_model()
    missing = api.http.post(
        "/api/v1/predictions/start", json={"prediction_id": "p0", "model_id": "ghost"}
    )
    assert missing.status_code == 404
    assert (
        api.ok(
            api.http.post(
                "/api/v1/predictions/start", json={"prediction_id": "p1", "model_id": None}
            )
        )["message"]
        == "Prediction session started"
    )
    api.wait_until(
        lambda: (
            api.ok(api.http.get("/api/v1/predictions/count", params={"correlation_id": "p1"})) == 3
        )
    )
    listed = api.ok(api.http.get("/api/v1/predictions/", params={"correlation_id": "p1"}))
    record = listed["result"][0]
    assert record["model_id"] == model_id
    assert json.loads(record["data"])["n_samples"] > 0
    fetched = api.ok(api.http.get(f"/api/v1/predictions/{record['prediction_id']}"))
    assert fetched == record


def test_start_validation(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id)
    missing = api.http.post(
        "/api/v1/validations/start", json={"session_id": "ghost", "model_id": model_id}
    )
    assert missing.status_code == 404
    started = api.ok(
        api.http.post(
            "/api/v1/validations/start", json={"session_id": session_id, "model_id": model_id}
        )
    )
    assert started["message"] == "Validation started"
    api.wait_until(lambda: len(api.validations(session_id)) == 3)
    metrics = json.loads(api.validations(session_id)[0]["data"])
    assert 0.69 < metrics["test_loss"] < 0.7  # log(2): the zero seed model predicts 0.5


def test_inference_and_staging(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    inferred = api.ok(api.http.post("/api/v1/control/start_inference", json={"model_id": model_id}))
    assert inferred["success"] is True and len(inferred["result"]) == 3
    assert (
        api.http.post("/api/v1/control/start_inference", json={"model_id": "ghost"}).status_code
        == 404
    )
    background = api.ok(
        api.http.post(
            "/api/v1/control/start_inference",
            json={"model_id": model_id, "synchronous": False},
        )
    )
    assert background["result"] is None

    one = api.ctl.clients["client-1"]
    staged = api.ok(api.http.post(f"/api/v1/models/{model_id}/stage", json={"client_ids": [one]}))
    assert staged["result"] == {one: {"staged": True, "model_id": model_id, "name": "client-1"}}
    assert api.http.post("/api/v1/models/ghost/stage", json={}).status_code == 404
    assert api.ok(api.http.get(f"/api/v1/models/{model_id}/ancestors")) == []
    assert api.http.get("/api/v1/models/ghost/ancestors").status_code == 404


def test_statuses_round_trip(api: LocalApi) -> None:
    posted = api.ok(
        api.http.post(
            "/api/v1/statuses/",
            json={
                "status": "Training complete",
                "type": "MODEL_UPDATE",
                "log_level": "INFO",
                "sender": {"client_id": "abc-123"},
            },
        ),
        201,
    )
    assert api.ok(api.http.get(f"/api/v1/statuses/{posted['status_id']}")) == posted
    found = api.ok(api.http.get("/api/v1/statuses/", params={"sender.client_id": "abc-123"}))
    assert found["count"] == 1
    assert api.http.get("/api/v1/statuses/nope").json() == {
        "message": "Entity with id: nope not found"
    }
