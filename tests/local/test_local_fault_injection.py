"""Injected faults (``LocalController.faults``): error answers by operationId, a client that
drops out during a round, a session run that fails."""

from __future__ import annotations

import http.client

import pytest

from scaleout.local import LocalController

from ._helpers import LocalApi

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_the_next_requests_to_an_operation_get_the_status_and_the_spec_error_body(
    shared_api: LocalApi,
) -> None:
    faults = shared_api.ctl.faults
    faults.clear()
    before = faults.calls("count_models")
    fault = faults.unavailable("count_models", times=2, after=1)
    answers = [shared_api.http.get("/api/v1/models/count") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 503, 503, 200]
    assert answers[1].json() == {"message": "Service unavailable"}
    assert answers[1].headers["content-type"] == "application/json"
    assert "retry-after" not in answers[1].headers
    assert (fault.hits, fault.seen, fault.spent) == (2, 3, True)
    assert faults.calls("count_models") == before + 4
    # Other operations are untouched.
    assert shared_api.http.get("/api/v1/sessions/count").status_code == 200


def test_rate_limits_expired_tokens_and_custom_answers(shared_api: LocalApi) -> None:
    faults = shared_api.ctl.faults
    faults.clear()
    faults.rate_limit("list_models", retry_after=7)
    faults.expire_token(["count_sessions", "count_models"], times=None)
    faults.fail("get_controller_status", status=502, message="upstream gone", headers={"X-A": "1"})
    limited = shared_api.http.get("/api/v1/models/")
    assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
    assert limited.json() == {"message": "Too many requests"}
    # 401 without auth switched on: the fault comes before any token check.
    for _ in range(3):
        expired = shared_api.http.get("/api/v1/sessions/count")
        assert expired.status_code == 401 and expired.json() == {"message": "Token expired"}
    custom = shared_api.http.get("/get_controller_status")
    assert custom.status_code == 502 and custom.headers["x-a"] == "1"
    assert custom.json() == {"message": "upstream gone"}
    assert len(faults.pending) == 1  # the unlimited one
    faults.clear()
    assert shared_api.http.get("/api/v1/sessions/count").status_code == 200
    assert faults.pending == []


def test_a_faulted_upload_chunk_keeps_the_connection_for_the_resend(shared_api: LocalApi) -> None:
    faults = shared_api.ctl.faults
    faults.clear()
    init = shared_api.ok(
        shared_api.http.post(
            "/api/v1/file-upload/init",
            json={"file_name": "m.bin", "file_size": 200_000, "chunk_size": 200_000},
        )
    )
    fault = faults.unavailable("upload_chunk")
    conn = http.client.HTTPConnection(shared_api.ctl.host, shared_api.ctl.port, timeout=10)
    try:
        statuses = []
        for _ in range(2):
            conn.request(
                "POST",
                f"/api/v1/file-upload/{init['upload_id']}/chunk",
                body=b"x" * 200_000,
                headers={"X-Chunk-Index": "0", "Content-Type": "application/octet-stream"},
            )
            answer = conn.getresponse()
            answer.read()
            statuses.append(answer.status)
            if len(statuses) == 1:
                # Like a proxy's 503, not like a refusal that closes the connection.
                assert not answer.will_close
                sock = conn.sock
        assert conn.sock is sock
    finally:
        conn.close()
    assert statuses == [503, 200] and fault.hits == 1


def test_faults_are_checked_when_asked_for(shared_controller: LocalController) -> None:
    faults = shared_controller.faults
    with pytest.raises(ValueError, match="did you mean get_session"):
        faults.fail("get_sesion")
    with pytest.raises(ValueError, match="400-599"):
        faults.fail("get_session", status=302)
    with pytest.raises(ValueError, match="at least 1"):
        faults.unavailable("get_session", times=0)
    with pytest.raises(ValueError, match="whole number"):
        faults.rate_limit("get_session", retry_after=-1)
    with pytest.raises(ValueError, match=r"client-1, client-2, client-3"):
        faults.drop_client("client-9")
    with pytest.raises(ValueError, match="at_round"):
        faults.fail_session(at_round=0)
    assert faults.pending == []


def test_a_client_drops_out_in_the_middle_of_a_round(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    drop = api.ctl.faults.drop_client("client-2", at_round=2)
    session_id = api.create_session(model_id, rounds=3, round_timeout=0.5)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Finished"
    assert drop.fired and api.ctl.faults.pending == []
    dropped = api.ctl.clients["client-2"]
    rounds = api.rounds(session_id)
    assert [r["status"] for r in rounds] == ["Success"] * 3
    # Selected for round 2, yet sent nothing; not selected any more for round 3.
    selected = [r["round_config"]["selected_clients"] for r in rounds]
    assert [dropped in s for s in selected] == [True, True, False]
    aggregated = [
        r["combiners"][0]["data"]["aggregation_time"]["nr_aggregated_models"] for r in rounds
    ]
    assert aggregated == [3, 2, 2]
    client = api.ok(api.http.get(f"/api/v1/clients/{dropped}"))
    assert client["status"] == "offline"
    warnings = api.ok(
        api.http.get("/api/v1/statuses/", params={"session_id": session_id, "log_level": "WARNING"})
    )
    assert [w["status"] for w in warnings["result"]] == [
        f"client-2 sent no update in round {rounds[1]['round_id']}; left out"
    ]


def test_a_session_run_fails_at_the_asked_round(api: LocalApi) -> None:
    model_id = api.add_seed_model()
    api.ctl.faults.fail_session(at_round=2, message="combiner crashed")
    session_id = api.create_session(model_id, rounds=3)
    api.ok(api.start_session(session_id))
    assert api.wait_session(session_id) == "Failed"
    assert [r["status"] for r in api.rounds(session_id)] == ["Success", "Failed"]
    errors = api.ok(
        api.http.get("/api/v1/statuses/", params={"session_id": session_id, "log_level": "ERROR"})
    )
    assert any(e["status"].endswith("failed: combiner crashed") for e in errors["result"])
    # Spent: continuing the session runs normally.
    api.ok(api.start_session(session_id, rounds=1))
    assert api.wait_session(session_id) == "Finished"


def test_request_faults_hit_every_kind_of_call_through_the_sdk() -> None:
    from scaleout import AuthenticationError, InternalServerError, Scaleout

    with (
        LocalController(clients=0, auth=True) as ctl,
        Scaleout(ctl.url, token=ctl.refresh_token, token_cache=False, max_retries=1) as client,
    ):
        faults = ctl.faults
        # The SDK refreshes on a 401 and sends again: one expiry is invisible to callers.
        assert client.get_models_count() == 0
        faults.expire_token("count_models")
        assert client.get_models_count() == 0
        assert faults.calls("refresh_token") == 2
        faults.expire_token("count_models", times=2)
        with pytest.raises(AuthenticationError):
            client.get_models_count()
        # Two 503s are more than one retry.
        faults.unavailable("count_models", times=2, retry_after=0)
        with pytest.raises(InternalServerError) as raised:
            client.get_models_count()
        assert raised.value.status_code == 503 and faults.calls("count_models") == 7
