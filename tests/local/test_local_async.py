"""``AsyncScaleout`` against real local controllers, over real sockets on 127.0.0.1.

Concurrency, one token refresh shared by concurrent callers, cancellation of an upload and of
a download, and the generated functions of both kinds through ``api`` on an auth-enabled
controller. (Every method, once, runs with both clients in ``tests/recorded``.)
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaleout import AsyncScaleout, Scaleout
from scaleout._auth import RefreshTokenAuth
from scaleout.local import LocalController, write_compute_package, write_seed_model
from scaleout.local.handlers import REGISTRY

CHUNK = 900 * 1024


class Counting:
    """Wraps a controller handler and counts the requests it answers (seen by the server)."""

    def __init__(self, name: str, delay: float = 0.0) -> None:
        self.name = name
        self.delay = delay
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, call: Any) -> Any:
        with self._lock:
            self.count += 1
        if self.delay:
            time.sleep(self.delay)
        return REGISTRY[self.name](call)


def client(ctl: LocalController, **options: Any) -> AsyncScaleout:
    return AsyncScaleout(ctl.url, token_cache=False, **options)


@pytest.fixture(scope="module")
def open_controller() -> Iterator[LocalController]:
    with LocalController(clients=2) as ctl:
        yield ctl


def test_a_hundred_concurrent_calls_without_errors(open_controller: LocalController) -> None:
    async def main() -> list[Any]:
        async with client(open_controller) as sdk:
            calls: list[Any] = []
            for index in range(100):
                calls.append(sdk.get_models_count() if index % 2 else sdk.get_clients(n_max=1))
            return await asyncio.gather(*calls)

    results = asyncio.run(main())
    assert all(r == 0 for r in results[1::2])
    assert all(r["count"] == 2 for r in results[0::2])


def test_fifty_callers_across_a_token_expiry_make_one_refresh_each_time() -> None:
    """Once the access token is within its renewal margin (its last quarter), 50 concurrent
    calls find it expiring and share one refresh, as the server counts."""
    refreshes = Counting("refresh_token")
    with LocalController(
        clients=1, auth=True, access_token_ttl=4, handler_overrides={"refresh_token": refreshes}
    ) as ctl:

        async def main() -> None:
            async with client(ctl, token=ctl.refresh_token) as sdk:
                first = await asyncio.gather(*(sdk.get_clients_count() for _ in range(50)))
                assert first == [1] * 50
                assert refreshes.count == 1
                auth = sdk._core.auth
                assert isinstance(auth, RefreshTokenAuth) and auth.expires_at is not None
                renew_from = auth.expires_at.timestamp() - auth._margin
                await asyncio.sleep(max(0.0, renew_from - time.time()) + 0.1)
                second = await asyncio.gather(*(sdk.get_models_count() for _ in range(50)))
                assert second == [0] * 50
                assert refreshes.count == 2

        asyncio.run(main())


def test_a_cancelled_upload_is_aborted_on_the_server(tmp_path: Path) -> None:
    chunks = Counting("upload_chunk", delay=0.2)
    aborts = Counting("abort_upload")
    seed = tmp_path / "seed.bin"
    seed.write_bytes(b"\x01" * (4 * CHUNK))
    overrides = {"upload_chunk": chunks, "abort_upload": aborts}
    with LocalController(clients=1, handler_overrides=overrides) as ctl:

        async def main() -> None:
            async with client(ctl) as sdk:
                sent: list[int] = []
                upload = asyncio.create_task(
                    sdk.set_active_model(seed, progress=lambda done, total: sent.append(done))
                )
                while not sent:
                    await asyncio.sleep(0.01)
                upload.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await upload
                assert await sdk.get_models_count() == 0

        asyncio.run(main())
        assert aborts.count == 1
        assert chunks.count < 4


def test_a_cancelled_download_leaves_no_file(tmp_path: Path) -> None:
    from starlette.responses import StreamingResponse

    def slow_download(call: Any) -> Any:
        def body() -> Iterator[bytes]:
            yield b"\x02" * 65536
            time.sleep(1.0)
            yield b"\x03" * 65536

        return StreamingResponse(
            body(), media_type="application/octet-stream", headers={"Content-Length": "131072"}
        )

    with LocalController(clients=1, handler_overrides={"download_model": slow_download}) as ctl:
        target = tmp_path / "out"
        target.mkdir()

        async def main() -> None:
            async with client(ctl) as sdk:
                got: list[int] = []
                download = asyncio.create_task(
                    sdk.download_model("m1", target / "m.bin", progress=lambda d, t: got.append(d))
                )
                while not got:
                    await asyncio.sleep(0.01)
                download.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await download

        asyncio.run(main())
        assert list(target.iterdir()) == []


def test_api_of_both_clients_on_an_auth_controller() -> None:
    """The generated functions of both kinds carry the client's auth, through either client."""
    from scaleout_api.api.clients import count_clients

    refreshes = Counting("refresh_token")
    with LocalController(
        clients=2, auth=True, handler_overrides={"refresh_token": refreshes}
    ) as ctl:
        with Scaleout(ctl.url, token=ctl.refresh_token, token_cache=False) as sync_sdk:
            assert count_clients.sync(client=sync_sdk.api) == 2
            assert asyncio.run(count_clients.asyncio(client=sync_sdk.api)) == 2

        async def main() -> None:
            async with client(ctl, token=ctl.refresh_token) as async_sdk:
                assert await count_clients.asyncio(client=async_sdk.api) == 2
                assert await asyncio.to_thread(count_clients.sync, client=async_sdk.api) == 2

        asyncio.run(main())
        assert refreshes.count == 2  # one per client: each kind shares its client's tokens


def test_a_whole_session_with_the_async_client(tmp_path: Path) -> None:
    """The quickstart's flow: package, seed model, session, rounds as they end, validations."""
    with LocalController(clients=3) as ctl:

        async def main() -> tuple[list[str], list[dict[str, Any]], str]:
            rounds: list[str] = []

            async def on_round(round_: dict[str, Any]) -> None:
                await asyncio.sleep(0)
                rounds.append(round_["round_id"])

            async with client(ctl) as sdk:
                package = write_compute_package(tmp_path / "package.tgz")
                seed = write_seed_model(tmp_path / "seed.npz")
                await sdk.set_active_package(package, "numpyhelper", "local")
                await sdk.set_active_model(seed)
                started = await sdk.start_session(name="async", rounds=3)
                session = await sdk.wait_for_session(
                    started["session_id"], timeout=120, poll_interval=0.1, on_round=on_round
                )
                validations = [
                    json.loads(v.get("data") or "{}")
                    async for v in sdk.iter_validations(
                        filters={"session_id": started["session_id"]}
                    )
                ]
                return rounds, validations, str(session.get("status"))

        rounds, validations, status = asyncio.run(main())
        assert status == "Finished"
        assert rounds == ["1", "2", "3"]
        assert len(validations) == 9 and all("test_accuracy" in v for v in validations)
