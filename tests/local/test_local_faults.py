"""Fault injection: slow, dropped, failing and offline clients."""

from __future__ import annotations

import time

import pytest

from ._helpers import LocalApi

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def _aggregated(round_: dict[str, object]) -> int:
    combiners = round_["combiners"]
    assert isinstance(combiners, list)
    return int(combiners[0]["data"]["aggregation_time"]["nr_aggregated_models"])


def test_a_slow_client_is_left_out_by_round_timeout(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-2", delay=5.0)
    session_id = api.create_session(model_id, rounds=2, round_timeout=0.5)
    started = time.monotonic()
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert time.monotonic() - started < 4
    rounds = api.rounds(session_id)
    assert [r["status"] for r in rounds] == ["Success", "Success"]
    assert [_aggregated(r) for r in rounds] == [2, 2]
    slow_id = api.ctl.clients["client-2"]
    warnings = api.ok(
        api.http.get(
            "/api/v1/statuses/",
            params={"session_id": session_id, "log_level": "WARNING", "sender.client_id": slow_id},
        )
    )
    assert warnings["count"] == 2
    # The slow client validated nothing: it sent no update.
    validators = {v["sender"]["client_id"] for v in api.validations(session_id)}
    assert slow_id not in validators and len(validators) == 2


def test_a_dropped_client_never_answers(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-1", drop=True)
    session_id = api.create_session(model_id, rounds=1, round_timeout=0.5)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    (round_,) = api.rounds(session_id)
    assert _aggregated(round_) == 2
    children = api.ok(
        api.http.get(
            "/api/v1/commands/",
            params={"command_type": "Scaleout_ModelUpdate", "status": "TIMEOUT"},
        )
    )
    assert children["count"] == 1
    assert children["result"][0]["client_ids"] == [api.ctl.clients["client-1"]]


def test_a_failing_client_is_reported_and_left_out(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-3", fail=True)
    session_id = api.create_session(model_id, rounds=1)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    (round_,) = api.rounds(session_id)
    assert round_["status"] == "Success" and _aggregated(round_) == 2
    errors = api.ok(
        api.http.get("/api/v1/statuses/", params={"session_id": session_id, "log_level": "ERROR"})
    )
    assert errors["count"] == 1
    assert "client-3" in errors["result"][0]["status"]


def test_too_few_updates_fail_the_round(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-1", fail=True)
    api.ctl.set_client_behaviour("client-2", fail=True)
    session_id = api.create_session(model_id, rounds=2, clients_required=2)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert [r["status"] for r in api.rounds(session_id)] == ["Failed", "Failed"]
    assert api.ok(api.http.get("/api/v1/models/count", params={"session_id": session_id})) == 0
    assert api.validations(session_id) == []
    # Once the clients recover, continuing the session trains again from the seed model.
    api.ctl.reset_client_behaviour()
    api.ok(api.start_session(session_id, rounds=1))
    assert api.wait_session(session_id) == "Finished"
    assert api.rounds(session_id)[-1]["status"] == "Success"


def test_offline_clients_are_not_available(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.set_client_behaviour("client-1", online=False)
    api.ctl.set_client_behaviour("client-2", online=False)
    assert api.ok(api.http.get("/api/v1/clients/count", params={"status": "online"})) == 1
    session_id = api.create_session(model_id, clients_required=2)
    response = api.start_session(session_id)
    assert response.status_code == 400
    assert response.json() == {
        "message": "Number of available clients is lower than the required minimum of 2"
    }
    with pytest.raises(TypeError):
        api.ctl.set_client_behaviour("client-1", slow=True)
    with pytest.raises(KeyError):
        api.ctl.set_client_behaviour("client-9", fail=True)
