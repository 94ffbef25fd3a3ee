"""One client shared by 16 threads, against the local controller with short-lived tokens.

Mixed load (reads, pages, creates, uploads, downloads, counts) while access tokens expire
every second: every call must succeed, nothing written may be lost, every file must arrive
whole, and the threads must not stampede the token endpoint.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")
pytest.importorskip("numpy", reason="needs the [local] extra")

from scaleout import Scaleout  # noqa: E402
from scaleout.local import LocalController  # noqa: E402

pytestmark = [pytest.mark.local, pytest.mark.timeout(120)]

THREADS = 16
ROUNDS_PER_THREAD = 6


@pytest.fixture(scope="module")
def controller() -> Iterator[LocalController]:
    with LocalController(clients=2, auth=True, access_token_ttl=1) as ctl:
        yield ctl


class TokenCounter:
    """Counts the token exchanges the shared client makes (an httpx event hook)."""

    def __init__(self) -> None:
        self.refreshes = 0
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> None:
        if request.url.path.endswith("/api/auth/refresh"):
            with self._lock:
                self.refreshes += 1


def test_one_client_shared_by_sixteen_threads(controller: LocalController, tmp_path: Path) -> None:
    client = Scaleout(controller.url, token=controller.refresh_token, token_cache=False, timeout=30)
    counter = TokenCounter()
    client._core.httpx_client.event_hooks["request"].append(counter)
    seed = controller.write_seed_model(tmp_path / "seed.npz")
    seed_id = client.set_active_model(seed)["model_id"]
    seed_digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    models_before = client.get_models_count()

    def work(worker: int) -> list[str]:
        done: list[str] = []
        for step in range(ROUNDS_PER_THREAD):
            kind = (worker + step) % 6
            if kind == 0:
                assert client.get_model(seed_id)["model_id"] == seed_id
            elif kind == 1:
                assert len(list(client.iter_clients(page_size=1))) == 2
            elif kind == 2:
                added = client.add_attributes(
                    {
                        "key": "load",
                        "value": f"{worker}-{step}",
                        "sender": {"client_id": f"worker-{worker}"},
                    }
                )
                done.append(added["value"])
            elif kind == 3:
                target = tmp_path / f"download-{worker}-{step}.npz"
                client.download_model(seed_id, target)
                assert hashlib.sha256(target.read_bytes()).hexdigest() == seed_digest
            elif kind == 4:
                assert client.get_controller_status()
                assert client.get_clients_count() == 2
            else:
                copy = tmp_path / f"upload-{worker}-{step}.npz"
                copy.write_bytes(seed.read_bytes())
                assert client.set_active_model(copy)["model_id"]
        return done

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))

    written = {value for values in results for value in values}
    listed = {
        attribute["value"]
        for attribute in client.iter_attributes(filters={"key": "load"}, page_size=50)
    }
    assert listed == written and len(written) == THREADS * ROUNDS_PER_THREAD // 6
    uploads = sum(
        1
        for worker in range(THREADS)
        for step in range(ROUNDS_PER_THREAD)
        if (worker + step) % 6 == 5
    )
    assert client.get_models_count() == models_before + uploads
    assert not list(tmp_path.glob(".*.part"))
    # Tokens last a second: a refresh per expiry is expected, one per thread per call is not.
    calls = THREADS * ROUNDS_PER_THREAD
    assert counter.refreshes < calls / 2, f"{counter.refreshes} refreshes for {calls} calls"
    client.close()
