"""Concurrent writes are never lost, and the controller stops cleanly."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from scaleout.local import LocalController

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_fifty_concurrent_attribute_posts(shared_controller: LocalController) -> None:
    url = shared_controller.url
    key = f"concurrent-{time.monotonic_ns()}"

    def post(index: int) -> int:
        with httpx.Client(base_url=url, timeout=30) as http:
            response = http.post(
                "/api/v1/attributes/",
                json={"key": key, "value": str(index), "sender": {"client_id": f"node-{index}"}},
            )
            return response.status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(post, range(50)))
    assert statuses == [201] * 50
    with httpx.Client(base_url=url) as http:
        assert http.get("/api/v1/attributes/count", params={"key": key}).json() == 50
        values = {
            a["value"]
            for a in http.get("/api/v1/attributes/", params={"key": key}).json()["result"]
        }
    assert values == {str(i) for i in range(50)}


def test_concurrent_reads_during_a_session(controller: LocalController, tmp_path) -> None:
    from ._helpers import LocalApi

    with httpx.Client(base_url=controller.url, timeout=30) as http:
        api = LocalApi(controller, http, tmp_path)
        model_id = api.add_seed_model()
        session_id = api.create_session(model_id, rounds=5)
        api.ok(api.start_session(session_id))

        def read(_: int) -> int:
            with httpx.Client(base_url=controller.url, timeout=30) as reader:
                return reader.get("/api/v1/statuses/", headers={"X-Limit": "5"}).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(read, range(40))) == {200}
        assert api.wait_session(session_id) == "Finished"


def test_stop_is_quick_and_leaves_no_threads() -> None:
    before = {t.ident for t in threading.enumerate()}
    ctl = LocalController(clients=3).start()
    with httpx.Client(base_url=ctl.url) as http:
        http.get("/api/v1/clients/")
    started = time.monotonic()
    ctl.stop()
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while True:
        leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
        if not leftover or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert leftover == [], leftover
