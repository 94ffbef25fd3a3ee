"""State survives a restart on the same data dir; a running session does not."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from scaleout.local import LocalController

from ._helpers import LocalApi, session_config

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_restart_keeps_entities_files_and_active_package(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    package_bytes = b"\x1f\x8b not really a tarball" * 100
    with (
        LocalController(clients=3, data_dir=data_dir) as ctl,
        httpx.Client(base_url=ctl.url) as http,
    ):
        api = LocalApi(ctl, http, tmp_path)
        clients_before = dict(ctl.clients)
        model_id = api.add_seed_model()
        package_id = api.add_package(package_bytes)
        api.ok(api.http.put("/api/v1/helpers/active", json={"helper": "numpyhelper"}))
        session_id = api.create_session(model_id, rounds=2)
        api.ok(api.start_session(session_id))
        assert api.wait_session(session_id) == "Finished"
        attribute = api.ok(
            api.http.post(
                "/api/v1/attributes/",
                json={"key": "charging", "value": "true", "sender": {"client_id": "abc"}},
            ),
            201,
        )
        seed_bytes = api.http.get(f"/api/v1/models/{model_id}/download").content
        counts = {
            name: api.ok(api.http.get(f"/api/v1/{name}/count"))
            for name in ("models", "sessions", "rounds", "validations", "metrics", "statuses")
        }

    with (
        LocalController(clients=3, data_dir=data_dir) as ctl,
        httpx.Client(base_url=ctl.url) as http,
    ):
        api = LocalApi(ctl, http, tmp_path)
        assert ctl.clients == clients_before
        assert api.ok(api.http.get("/api/v1/clients/count")) == 3
        for name, count in counts.items():
            after = api.ok(api.http.get(f"/api/v1/{name}/count"))
            # A restart adds no entities except status events.
            assert after == count if name != "statuses" else after >= count, name
        assert api.session_status(session_id) == "Finished"
        assert api.ok(api.http.get("/api/v1/packages/active"))["package_id"] == package_id
        checksum = api.ok(api.http.get("/api/v1/packages/checksum"))["checksum"]
        assert checksum == hashlib.sha256(package_bytes).hexdigest()
        assert api.http.get("/api/v1/packages/download").content == package_bytes
        assert api.http.get(f"/api/v1/models/{model_id}/download").content == seed_bytes
        assert api.ok(api.http.get("/api/v1/helpers/active")) == "numpyhelper"
        fetched = api.ok(api.http.get(f"/api/v1/attributes/{attribute['attribute_id']}"))
        assert fetched == attribute
        # The restarted controller can continue the session from its newest model.
        api.ok(api.start_session(session_id, rounds=1))
        assert api.wait_session(session_id) == "Finished"
        assert len(api.rounds(session_id)) == 3


def test_a_session_running_at_stop_is_terminated_and_stays_ended(tmp_path: Path) -> None:
    data_dir = tmp_path / "state"
    with (
        LocalController(clients=2, data_dir=data_dir) as ctl,
        httpx.Client(base_url=ctl.url) as http,
    ):
        api = LocalApi(ctl, http, tmp_path)
        ctl.set_client_behaviour("client-1", drop=True)
        model_id = api.add_seed_model()
        session_id = api.create_session(model_id, rounds=3, round_timeout=60)
        api.ok(api.start_session(session_id))
        # Taken up a moment after the answer: wait for its first round.
        api.wait_until(lambda: api.rounds(session_id))
        assert api.session_status(session_id) == "Started"
    # Stopping the controller ended the session at once.
    with (
        LocalController(clients=2, data_dir=data_dir) as ctl,
        httpx.Client(base_url=ctl.url) as http,
    ):
        api = LocalApi(ctl, http, tmp_path)
        assert api.session_status(session_id) == "Terminated"
        assert {r["status"] for r in api.rounds(session_id)} == {"Terminated"}
        assert api.ok(api.http.get("/get_controller_status")) == {"state": "idle"}


def test_a_session_left_started_by_a_dead_process_is_marked_failed(tmp_path: Path) -> None:
    from scaleout.local.store import DocumentStore

    data_dir = tmp_path / "state"
    with LocalController(clients=1, data_dir=data_dir):
        pass
    # Simulate a crash: a Started session and a Pending round, as a killed process leaves them.
    store = DocumentStore(data_dir / "controller.sqlite3")
    store.insert(
        "sessions",
        "crashed",
        {"session_id": "crashed", "status": "Started", "session_config": session_config("m")},
    )
    store.insert("rounds", "99", {"round_id": "99", "status": "Pending"})
    store.close()
    with (
        LocalController(clients=1, data_dir=data_dir) as ctl,
        httpx.Client(base_url=ctl.url) as http,
    ):
        assert http.get("/api/v1/sessions/crashed").json()["status"] == "Failed"
        assert http.get("/api/v1/rounds/99").json()["status"] == "Failed"


def test_temporary_data_dir_is_removed() -> None:
    ctl = LocalController(clients=1).start()
    data_dir = ctl.data_dir
    assert data_dir is not None and data_dir.is_dir()
    ctl.stop()
    assert not data_dir.exists()
    ctl.stop()  # idempotent


def test_a_data_dir_serves_one_controller_at_a_time(tmp_path: Path) -> None:
    from scaleout.local.datadir import DataDirInUse

    with LocalController(clients=1, data_dir=tmp_path):
        with pytest.raises(DataDirInUse):
            LocalController(clients=1, data_dir=tmp_path).start()
    with LocalController(clients=1, data_dir=tmp_path):
        pass
