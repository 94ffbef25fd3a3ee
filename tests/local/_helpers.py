"""Raw-HTTP helpers for the local controller tests (no SDK involved)."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import httpx

from scaleout.local import LocalController

CHUNK = 256


def session_config(model_id: str, **overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "aggregator": "fedavg",
        "aggregator_kwargs": None,
        "round_timeout": 10,
        "buffer_size": -1,
        "rounds": 5,
        "delete_models_storage": True,
        "clients_required": 1,
        "requested_clients": None,
        "validate": True,
        "helper_type": "numpyhelper",
        "model_id": model_id,
        "server_functions": None,
    }
    config.update(overrides)
    return config


class LocalApi:
    def __init__(self, ctl: LocalController, http: httpx.Client, tmp_path: Path) -> None:
        self.ctl = ctl
        self.http = http
        self.tmp_path = tmp_path

    def ok(self, response: httpx.Response, status: int = 200) -> Any:
        assert response.status_code == status, (response.status_code, response.text)
        return response.json()

    def upload(self, data: bytes, *, name: str = "file.bin", chunk_size: int = CHUNK) -> str:
        init = self.ok(
            self.http.post(
                "/api/v1/file-upload/init",
                json={"file_name": name, "file_size": len(data), "chunk_size": chunk_size},
            )
        )
        upload_id = init["upload_id"]
        for index, start in enumerate(range(0, len(data), chunk_size)):
            self.ok(
                self.http.post(
                    f"/api/v1/file-upload/{upload_id}/chunk",
                    content=data[start : start + chunk_size],
                    headers={"X-Chunk-Index": str(index)},
                )
            )
        done = self.ok(
            self.http.post(
                f"/api/v1/file-upload/{upload_id}/complete",
                json={"sha256": hashlib.sha256(data).hexdigest()},
            )
        )
        return str(done["file_token"])

    def add_seed_model(self) -> str:
        path = self.ctl.write_seed_model(self.tmp_path / "seed.npz")
        token = self.upload(path.read_bytes(), name="seed.npz")
        body = self.ok(
            self.http.post("/api/v1/models/", data={"helper": "numpyhelper", "file_token": token})
        )
        return str(body["model_id"])

    def add_package(self, data: bytes = b"package bytes", name: str = "pkg") -> str:
        token = self.upload(data, name="package.tgz")
        body = self.ok(
            self.http.post(
                "/api/v1/packages/",
                data={
                    "file_token": token,
                    "helper": "numpyhelper",
                    "name": name,
                    "description": "a package",
                    "file_name": "package.tgz",
                },
            )
        )
        return str(body["package_id"])

    def create_session(self, model_id: str, **overrides: Any) -> str:
        body = self.ok(
            self.http.post(
                "/api/v1/sessions/",
                json={
                    "name": f"s-{time.monotonic_ns()}",
                    "session_config": session_config(model_id, **overrides),
                },
            ),
            201,
        )
        return str(body["session_id"])

    def start_session(self, session_id: str, **body: Any) -> httpx.Response:
        return self.http.post("/api/v1/sessions/start", json={"session_id": session_id, **body})

    def session_status(self, session_id: str) -> str:
        return str(self.ok(self.http.get(f"/api/v1/sessions/{session_id}"))["status"])

    def wait_session(self, session_id: str, timeout: float = 30.0) -> str:
        """The session's status once its run is over. The controller takes a start up after
        answering it (the session keeps its old status for a moment), but it is busy from the
        start on: the run is over when it is idle again."""
        deadline = time.monotonic() + timeout
        while True:
            busy = self.ok(self.http.get("/get_controller_status"))["state"] != "idle"
            status = self.session_status(session_id)
            if not busy and status != "Started":
                return status
            assert time.monotonic() < deadline, f"session {session_id} still running"
            time.sleep(0.02)

    def wait_until(self, check: Any, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            assert time.monotonic() < deadline, "condition not reached in time"
            time.sleep(0.02)

    def rounds(self, session_id: str) -> list[dict[str, Any]]:
        body = self.ok(
            self.http.get(
                "/api/v1/rounds/",
                params={"round_config.session_id": session_id},
                headers={"X-Sort-Order": "asc"},
            )
        )
        return list(body["result"])

    def validations(self, session_id: str) -> list[dict[str, Any]]:
        body = self.ok(
            self.http.get(
                "/api/v1/validations/",
                params={"session_id": session_id},
                headers={"X-Sort-Order": "asc"},
            )
        )
        return list(body["result"])


def metrics_of(validation: dict[str, Any]) -> dict[str, float]:
    data: dict[str, float] = json.loads(validation["data"])
    return data
