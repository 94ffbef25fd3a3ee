"""SIGKILL of a real ``scaleout-local serve`` process, and a restart on the same data dir.

One crash, with everything in flight at once: a session in its rounds, a model upload through
the SDK paused between two chunks, a package upload begun over raw HTTP, a large model
download through the SDK in mid-stream, and an attribute whose 201 has just arrived. The
server is killed (no shutdown code runs) and started again on the same data dir; each test
below checks one of those stories on the restarted server.

A controller started only once per module keeps the module fast: starting one costs seconds.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")

import httpx  # noqa: E402
import numpy as np  # noqa: E402

from scaleout import APIConnectionError, DownloadError, Scaleout  # noqa: E402
from scaleout.local import write_seed_model  # noqa: E402

pytestmark = [pytest.mark.local, pytest.mark.timeout(120)]

ROOT = Path(__file__).resolve().parents[2]
#: Larger than every socket buffer between the server and the client on loopback, so that a
#: download cannot have arrived whole when the server dies.
DOWNLOAD_SIZE = 24 * 1024 * 1024
UPLOAD_SIZE = 3 * 1024 * 1024
#: Only a guard against a hang: every wait below ends as soon as its condition holds.
DEADLINE = 60.0


@pytest.fixture
def allowed_hosts() -> list[str]:
    """The server listens on loopback; ``--block-network`` must let the tests reach it."""
    return [r"127\.0\.0\.1$"]


# -- the server process ----------------------------------------------------------------------


class Servers:
    """``scaleout-local serve`` processes on one data dir; every one is killed at the end."""

    def __init__(self, data_dir: Path, logs: Path) -> None:
        self.data_dir = data_dir
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, *options: str) -> str:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT), str(ROOT / "generated"), env.get("PYTHONPATH", "")]
        )
        out = self.logs / f"serve-{len(self.processes)}.out"
        with open(out, "wb") as stdout, open(out.with_suffix(".err"), "wb") as stderr:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "scaleout.local",
                    "serve",
                    "--port",
                    "0",
                    "--clients",
                    "2",
                    "--data-dir",
                    str(self.data_dir),
                    *options,
                ],
                stdout=stdout,
                stderr=stderr,
                env=env,
            )
        self.processes.append(process)
        url = self._announced_url(process, out)
        _until(lambda: _answers(url), "the restarted server never answered")
        return url

    def _announced_url(self, process: subprocess.Popen[bytes], out: Path) -> str:
        found: list[str] = []

        def announced() -> bool:
            assert process.poll() is None, out.with_suffix(".err").read_text()
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", out.read_text())
            if match:
                found.append(match.group(1))
            return bool(match)

        _until(announced, "the server never said where it listens")
        return found[0]

    def kill(self) -> None:
        """SIGKILL the running server and wait until it is gone."""
        process = self.processes[-1]
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=DEADLINE) == -signal.SIGKILL

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=DEADLINE)


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/get_controller_status", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def _until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


# -- what was in flight when the server died ---------------------------------------------------


@dataclass
class Paused:
    """An SDK transfer in a worker thread, held in its progress callback until the kill."""

    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None
    result: Any = None

    def progress(self, done: int, total: int | None) -> None:
        self.reached.set()
        self.release.wait(DEADLINE)

    def run(self, work: Callable[[], Any]) -> threading.Thread:
        def target() -> None:
            try:
                self.result = work()
            except BaseException as exc:
                self.error = exc

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        assert self.reached.wait(DEADLINE), "the transfer never got under way"
        return thread


@dataclass
class Crash:
    url: str
    data_dir: Path
    files: dict[str, Path]
    seed_id: str
    big_id: str
    package_id: str
    created_session: dict[str, Any]
    running_session: str
    rounds_before: list[dict[str, Any]]
    acknowledged: list[dict[str, Any]]
    upload: Paused
    download: Paused
    download_target: Path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _package(path: Path, size: int) -> Path:
    """A real compute package archive of about ``size`` bytes (it spans several chunks)."""
    payload = np.random.default_rng(7).bytes(size)
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("package/data.bin")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
    return path


def _live_rounds(http: httpx.Client, session_id: str) -> list[dict[str, Any]]:
    response = http.get(
        "/api/v1/rounds/",
        params={"round_config.session_id": session_id},
        headers={"X-Sort-Order": "asc"},
    )
    assert response.status_code == 200, response.text
    return list(response.json()["result"])


def _produced(rounds: list[dict[str, Any]]) -> set[str]:
    return {r["combiners"][0]["model_id"] for r in rounds if r["status"] == "Success"}


def _until_a_round_is_validating(
    http: httpx.Client, session_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Wait until the session's third round is between training and its end: the acknowledged
    writes and the rounds seen last.

    Then the round's update is aggregated and its clients validate the new model, slowly
    (``--client-delay``), so the kill lands there: the moment a round's model exists but the
    round has not succeeded. Each turn first gets an attribute acknowledged, so the kill also
    comes right after a 201.
    """
    acknowledged: list[dict[str, Any]] = []
    deadline = time.monotonic() + DEADLINE
    while True:
        created = http.post(
            "/api/v1/attributes/",
            json={
                "key": "acknowledged",
                "value": f"write {len(acknowledged)}",
                "sender": {"name": "client-1", "role": "CLIENT"},
            },
        )
        assert created.status_code == 201, created.text
        acknowledged.append(created.json())
        rounds = _live_rounds(http, session_id)
        if len(rounds) >= 3 and rounds[-1]["status"] == "Pending":
            trained = http.get("/api/v1/metrics/count", params={"round_id": rounds[-1]["round_id"]})
            if trained.json():
                return acknowledged, rounds
        assert time.monotonic() < deadline, "the session never got to its third round"


@pytest.fixture(scope="module")
def crash(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crash]:
    root = tmp_path_factory.mktemp("crash")
    files = {
        "seed": write_seed_model(root / "seed.npz", random=True),
        "big": root / "big.bin",
        "upload": root / "interrupted.bin",
        "package": _package(root / "package.tgz", 64 * 1024),
        "raw-package": _package(root / "raw-package.tgz", UPLOAD_SIZE),
    }
    rng = np.random.default_rng(11)
    files["big"].write_bytes(rng.bytes(DOWNLOAD_SIZE))
    files["upload"].write_bytes(rng.bytes(UPLOAD_SIZE))
    downloads = root / "downloads"
    downloads.mkdir()
    servers = Servers(root / "state", root)
    try:
        # Slow clients make each phase of a round last long enough to kill the server in it.
        url = servers.start("--client-delay", "0.3")
        # Retrying a dead server only makes the SDK wait longer before it says so. The paused
        # transfers run in threads, each with a client of its own.
        with (
            Scaleout(url, max_retries=0) as sdk,
            Scaleout(url, max_retries=0) as downloader,
            Scaleout(url, max_retries=0) as uploader,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            big_id = sdk.set_active_model(files["big"])["model_id"]
            seed_id = sdk.set_active_model(files["seed"])["model_id"]
            package_id = sdk.set_active_package(files["package"], "numpyhelper", "pkg")[
                "package_id"
            ]
            created = http.post(
                "/api/v1/sessions/",
                json={
                    "name": "created-before-the-kill",
                    "session_config": {
                        "aggregator": "fedavg",
                        "round_timeout": 30,
                        "buffer_size": -1,
                        "rounds": 3,
                        "delete_models_storage": True,
                        "clients_required": 1,
                        "validate": True,
                        "helper_type": "numpyhelper",
                        "model_id": seed_id,
                    },
                },
            )
            assert created.status_code == 201, created.text
            running = sdk.start_session(
                name="running",
                model_id=seed_id,
                rounds=100_000,
                round_timeout=30,
                helper="numpyhelper",
            )["session_id"]

            # A package upload over raw HTTP: begun, one chunk of three sent.
            raw = files["raw-package"].read_bytes()
            init = http.post(
                "/api/v1/file-upload/init",
                json={"file_name": "raw-package.tgz", "file_size": len(raw), "chunk_size": 2**20},
            )
            assert init.status_code == 200, init.text
            first = http.post(
                f"/api/v1/file-upload/{init.json()['upload_id']}/chunk",
                content=raw[: 2**20],
                headers={"X-Chunk-Index": "0"},
            )
            assert first.status_code == 200, first.text

            download, upload = Paused(), Paused()
            download_target = downloads / "big.bin"
            threads = [
                download.run(
                    lambda: downloader.download_model(
                        big_id, download_target, progress=download.progress
                    )
                ),
                upload.run(
                    lambda: uploader.set_active_model(files["upload"], progress=upload.progress)
                ),
            ]
            acknowledged, rounds_before = _until_a_round_is_validating(http, running)
            servers.kill()
            for paused in (download, upload):
                paused.release.set()
            for thread in threads:
                thread.join(DEADLINE)
                assert not thread.is_alive()
        yield Crash(
            url=servers.start(),
            data_dir=servers.data_dir,
            files=files,
            seed_id=seed_id,
            big_id=big_id,
            package_id=package_id,
            created_session=created.json(),
            running_session=running,
            rounds_before=rounds_before,
            acknowledged=acknowledged,
            upload=upload,
            download=download,
            download_target=download_target,
        )
    finally:
        servers.close()


# -- the stories ------------------------------------------------------------------------------


def test_an_upload_cut_between_chunks_leaves_nothing_half_written(crash: Crash) -> None:
    assert isinstance(crash.upload.error, APIConnectionError), repr(crash.upload.error)
    with Scaleout(crash.url) as sdk:
        # Every model is one committed before the kill or one the session made.
        unsessioned = {m["model_id"] for m in sdk.iter_models() if not m.get("session_id")}
        assert unsessioned == {crash.seed_id, crash.big_id}
        assert sdk.get_packages_count() == 1
        assert sdk.get_active_package()["package_id"] == crash.package_id
        assert sdk.get_package_checksum()["checksum"] == _sha(crash.files["package"].read_bytes())
        assert not list((crash.data_dir / "uploads").iterdir()), "part files survived"
        # The same files upload again, whole, and come back byte for byte.
        for name in ("upload", "seed"):
            model_id = sdk.set_active_model(crash.files[name])["model_id"]
            copy = crash.files[name].with_suffix(".again")
            sdk.download_model(model_id, copy)
            assert copy.read_bytes() == crash.files[name].read_bytes()
        for name in ("raw-package", "package"):
            sdk.set_active_package(crash.files[name], "numpyhelper", name)
            copy = crash.files[name].with_suffix(".again")
            sdk.download_package(copy)
            assert copy.read_bytes() == crash.files[name].read_bytes()


def test_a_download_cut_mid_stream_raises_and_leaves_no_file(crash: Crash) -> None:
    error = crash.download.error
    assert isinstance(error, DownloadError) and isinstance(error, APIConnectionError), repr(error)
    assert 0 < error.received < DOWNLOAD_SIZE
    assert list(crash.download_target.parent.iterdir()) == [], "a partial or temporary file"
    with Scaleout(crash.url) as sdk:
        sdk.download_model(crash.big_id, crash.download_target)
    assert _sha(crash.download_target.read_bytes()) == _sha(crash.files["big"].read_bytes())


def test_a_session_cut_mid_run_keeps_its_rounds_and_ends_failed(crash: Crash) -> None:
    with Scaleout(crash.url) as sdk, httpx.Client(base_url=crash.url, timeout=30) as http:
        assert sdk.get_session_status(crash.running_session) == "Failed"
        rounds = {r["round_id"]: r for r in _live_rounds(http, crash.running_session)}
        for before in crash.rounds_before:
            if before["status"] == "Success":
                after = rounds[before["round_id"]]
                assert after["status"] == "Success"
                assert after["combiners"] == before["combiners"]
        assert {r["status"] for r in rounds.values()} <= {"Success", "Failed"}
        assert rounds[crash.rounds_before[-1]["round_id"]]["status"] == "Failed"  # the cut one
        for round_ in rounds.values():
            models = [round_["round_config"]["model_id"]]
            if round_["status"] == "Success":
                models.append(round_["combiners"][0]["model_id"])
            for model_id in models:
                weights = http.get(f"/api/v1/models/{model_id}/download")
                assert weights.status_code == 200, (round_["round_id"], weights.text)
                with np.load(io.BytesIO(weights.content)) as archive:
                    assert set(archive.files) == {"w", "b"}
        # Nothing of a round cut short is left: every model and validation of the session
        # belongs to a round that succeeded, and every model's parent is there.
        produced = _produced(list(rounds.values()))
        session_models = list(sdk.iter_models(filters={"session_id": crash.running_session}))
        assert {m["model_id"] for m in session_models} == produced
        known = {m["model_id"] for m in sdk.iter_models()}
        assert all(m["parent_model"] in known for m in session_models)
        for validation in sdk.iter_validations(filters={"session_id": crash.running_session}):
            assert validation["model_id"] in produced
        # The controller is idle again and a new session runs to its end.
        assert sdk.get_controller_status()["state"] == "idle"
        started = sdk.start_session(
            name="after-the-crash",
            model_id=crash.seed_id,
            rounds=2,
            round_timeout=30,
            helper="numpyhelper",
        )
        done = sdk.wait_for_session(started["session_id"], timeout=DEADLINE, poll_interval=0.1)
        assert done["status"] == "Finished"


def test_writes_acknowledged_before_the_kill_are_kept(crash: Crash) -> None:
    with httpx.Client(base_url=crash.url, timeout=30) as http:
        for written in crash.acknowledged:  # the last one right before the kill
            attribute = http.get(f"/api/v1/attributes/{written['attribute_id']}")
            assert attribute.status_code == 200 and attribute.json() == written
        session = http.get(f"/api/v1/sessions/{crash.created_session['session_id']}")
        assert session.status_code == 200 and session.json() == crash.created_session
    with Scaleout(crash.url) as sdk:
        assert sdk.get_model(crash.seed_id)["model_id"] == crash.seed_id


def test_the_crash_was_a_real_kill(crash: Crash) -> None:
    """The stories above mean something only if the first server died without cleaning up."""
    log = (crash.data_dir.parent / "serve-0.out").read_text()
    assert "Stopping" not in log  # what a graceful stop prints
