"""End to end: a training session on the simulated federation, through raw HTTP."""

from __future__ import annotations

import statistics
import threading
import time
from collections import defaultdict
from concurrent import futures
from concurrent.futures import Future
from typing import Any

import pytest

from ._helpers import LocalApi, metrics_of, session_config

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_five_round_session_with_three_clients(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, rounds=5)
    assert api.session_status(session_id) == "Created"

    started = time.monotonic()
    assert api.ok(api.start_session(session_id, rounds=5, round_timeout=10)) == {
        "message": "Session started",
        "success": True,
    }
    assert api.wait_session(session_id) == "Finished"
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"a 5-round session took {elapsed:.1f}s"

    rounds = api.rounds(session_id)
    assert [r["status"] for r in rounds] == ["Success"] * 5
    assert all(len(r["round_config"]["selected_clients"]) == 3 for r in rounds)
    assert all(
        r["combiners"][0]["data"]["aggregation_time"]["nr_aggregated_models"] == 3 for r in rounds
    )

    # Five new models, chained by parent_model back to the seed model.
    models = api.ok(
        api.http.get(
            "/api/v1/models/", params={"session_id": session_id}, headers={"X-Sort-Order": "asc"}
        )
    )
    assert models["count"] == 5
    parents = [m["parent_model"] for m in models["result"]]
    ids = [m["model_id"] for m in models["result"]]
    assert parents == [model_id, *ids[:-1]]
    newest = api.ok(api.http.get("/api/v1/models/", headers={"X-Limit": "1"}))["result"][0]
    assert newest["model_id"] == ids[-1]
    trail = api.ok(
        api.http.get(
            f"/api/v1/models/{ids[-1]}/ancestors",
            params={"include_self": "true"},
            headers={"X-Reverse": "true"},
        )
    )
    assert [m["model_id"] for m in trail] == [model_id, *ids]

    # One validation per client and round, with the test loss going down.
    validations = api.validations(session_id)
    assert len(validations) == 15
    by_model: dict[str, list[float]] = defaultdict(list)
    for validation in validations:
        by_model[validation["model_id"]].append(metrics_of(validation)["test_loss"])
        assert set(metrics_of(validation)) == {
            "training_loss",
            "training_accuracy",
            "test_loss",
            "test_accuracy",
        }
    losses = [statistics.mean(by_model[m]) for m in ids]
    assert losses[-1] < losses[0]
    assert all(later <= earlier + 1e-9 for earlier, later in zip(losses, losses[1:], strict=False))

    # Metrics per local step, statuses per update, one command per round.
    metrics = api.ok(api.http.get("/api/v1/metrics/count", params={"session_id": session_id}))
    assert metrics == 5 * 3 * 10
    updates = api.ok(
        api.http.get(
            "/api/v1/statuses/count", params={"session_id": session_id, "type": "MODEL_UPDATE"}
        )
    )
    assert updates == 15
    roots = api.ok(api.http.get("/api/v1/commands/roots"))
    assert roots["count"] == 5
    assert {c["status"] for c in roots["result"]} == {"COMPLETED"}
    assert api.ok(api.http.get("/get_controller_status")) == {"state": "idle"}


def test_session_downloaded_model_is_the_trained_one(api: LocalApi) -> None:
    import io

    import numpy as np

    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, rounds=2)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    newest = api.ok(api.http.get("/api/v1/models/", headers={"X-Limit": "1"}))["result"][0]
    response = api.http.get(f"/api/v1/models/{newest['model_id']}/download")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert newest["model_id"] in response.headers["content-disposition"]
    with np.load(io.BytesIO(response.content)) as archive:
        assert archive["w"].shape == (10,) and np.any(archive["w"] != 0)


def test_continue_a_finished_session(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, rounds=2)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    first_newest = api.ok(
        api.http.get("/api/v1/models/", params={"session_id": session_id}, headers={"X-Limit": "1"})
    )["result"][0]

    api.ok(api.start_session(session_id, rounds=3, model_name_prefix="more"))
    assert api.wait_session(session_id) == "Finished"
    models = api.ok(
        api.http.get(
            "/api/v1/models/", params={"session_id": session_id}, headers={"X-Sort-Order": "asc"}
        )
    )["result"]
    assert len(models) == 5
    assert models[2]["parent_model"] == first_newest["model_id"]
    assert models[-1]["name"].startswith("more-")
    assert len(api.rounds(session_id)) == 5


def test_fedopt_session(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(
        model_id,
        rounds=3,
        aggregator="fedopt",
        aggregator_kwargs={"serveropt": "adam", "learning_rate": 0.05},
    )
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert [r["status"] for r in api.rounds(session_id)] == ["Success"] * 3


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"helper_type": "binaryhelper"}, "not supported"),
        ({"clients_required": 4}, "lower than the required minimum of 4"),
    ],
)
def test_start_rejects_unusable_sessions(
    api: LocalApi, overrides: dict[str, object], message: str
) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, **overrides)
    response = api.start_session(session_id)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert api.session_status(session_id) == "Created"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"aggregator": "fedmagic"}, "session_config.aggregator"),
        (
            {"aggregator": "fedopt", "aggregator_kwargs": {"serveropt": "sgd"}},
            "session_config.aggregator_kwargs.serveropt",
        ),
    ],
)
def test_create_rejects_values_outside_the_spec_enums(
    api: LocalApi, overrides: dict[str, object], field: str
) -> None:
    """Aggregator and server optimizer are enums of the spec: refused before a session exists."""
    model_id = api.add_seed_model()
    body = {"name": "s", "session_config": session_config(model_id, **overrides)}
    response = api.http.post("/api/v1/sessions/", json=body)
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert api.http.get("/api/v1/sessions/count").json() == 0


def test_start_messages(api: LocalApi) -> None:
    response = api.start_session("no-such-session")
    assert response.json() == {"message": "Session with specified ID does not exist"}
    session_id = api.create_session("no-such-model")
    assert api.start_session(session_id).json() == {"message": "Session seed model not found"}
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id)
    response = api.start_session(session_id, client_ids="nobody")
    assert response.status_code == 400 and "nobody" in response.json()["message"]


def test_only_one_session_runs_and_stop_terminates(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-1", delay=0.3)
    first = api.create_session(model_id, rounds=50)
    second = api.create_session(model_id)
    api.ok(api.start_session(first))
    assert api.ok(api.http.get("/get_controller_status"))["state"] in ("instructing", "monitoring")
    assert api.start_session(second).json() == {"message": "A session is already running!"}
    # A stop before the first round would leave none: wait until one runs.
    api.wait_until(lambda: api.rounds(first))
    assert api.ok(api.http.post("/api/v1/control/stop")) == {"message": "Sent stop signal"}
    assert api.wait_session(first) == "Terminated"
    assert 1 <= len(api.rounds(first)) < 50
    assert api.http.post("/api/v1/control/stop").status_code == 400
    assert api.http.post("/api/v1/control/continue").status_code == 400


def test_continue_signal_ends_the_wait_early(
    api: LocalApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-3", delay=20)
    # A round clears the continue signal when it starts waiting for its clients, so the signal
    # is sent once the round waits on the slow client alone: the others have answered.
    federation = api.ctl.federation
    asked: dict[str, Future[Any]] = {}
    all_asked = threading.Event()
    submit = federation.submit

    def recording_submit(client: Any, work: Any, cancel: threading.Event) -> Future[Any]:
        future = submit(client, work, cancel)
        asked.setdefault(client.name, future)
        if len(asked) == 3:
            all_asked.set()
        return future

    monkeypatch.setattr(federation, "submit", recording_submit)
    session_id = api.create_session(model_id, rounds=1, round_timeout=30)
    api.ok(api.start_session(session_id))
    assert all_asked.wait(30)
    answered, _ = futures.wait([asked["client-1"], asked["client-2"]], timeout=30)
    assert len(answered) == 2
    assert not asked["client-3"].done()
    assert api.ok(api.http.post("/api/v1/control/continue")) == {"message": "Sent continue signal"}
    assert api.wait_session(session_id) == "Finished"
    # Without the signal the round would have waited for client-3 (20 s, within its 30 s
    # timeout) and aggregated three models.
    (round_,) = api.rounds(session_id)
    assert round_["status"] == "Success"
    assert round_["combiners"][0]["data"]["aggregation_time"]["nr_aggregated_models"] == 2


def test_requested_clients_and_client_ids(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, rounds=2, requested_clients=2)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert all(len(r["round_config"]["selected_clients"]) == 2 for r in api.rounds(session_id))

    ids = api.ctl.clients
    chosen = f"{ids['client-1']}, {ids['client-3']}"
    session_id = api.create_session(model_id, rounds=1)
    api.ok(api.start_session(session_id, client_ids=chosen))
    assert api.wait_session(session_id) == "Finished"
    (round_,) = api.rounds(session_id)
    assert sorted(round_["round_config"]["selected_clients"]) == sorted(
        [ids["client-1"], ids["client-3"]]
    )


def test_session_without_validation(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    session_id = api.create_session(model_id, rounds=2, validate=False)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert len(api.rounds(session_id)) == 2
    assert api.validations(session_id) == []


def test_create_session_validates_its_config(api: LocalApi) -> None:
    for overrides in ({"round_timeout": 0}, {"buffer_size": 0}, {"clients_required": 0}):
        response = api.http.post(
            "/api/v1/sessions/",
            json={"session_config": {**session_config("m"), **overrides}},
        )
        assert response.status_code == 400, overrides
    created = api.ok(
        api.http.post(
            "/api/v1/sessions/", json={"session_id": "mine", "session_config": session_config("m")}
        ),
        201,
    )
    assert created["session_id"] != "mine"
    assert created["status"] == "Created" and created["seed_model_id"] == "m"
    assert created["name"] is None
