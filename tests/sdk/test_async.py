"""``AsyncScaleout``: the same methods as coroutines, with real concurrency.

On mock transports; the recorded tests replay every cassette with both clients, and
``tests/local/test_local_async.py`` runs them against a real controller.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    AsyncScaleout,
    ClientClosedError,
    InvalidArgumentError,
    NotFoundError,
    Scaleout,
    ScaleoutError,
    WaitTimeoutError,
    _uploads,
)

from ._entities import example
from ._support import FakeServer, TokenGate, respond

BASE = "https://ctl.example.com"
NOT_HTTP = {"close", "with_options"}


def public_methods(cls: type) -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def async_client(handler: Callable[[httpx.Request], Any], **options: Any) -> AsyncScaleout:
    settings: dict[str, Any] = {"max_retries": 0, "token_cache": False}
    settings.update(options)
    return AsyncScaleout(BASE, transport=httpx.MockTransport(handler), **settings)


def run(coroutine: Awaitable[Any]) -> Any:
    return asyncio.run(coroutine)  # type: ignore[arg-type]


# --- one definition, two clients --------------------------------------------------------


def test_every_method_of_scaleout_is_on_async_scaleout_with_the_same_signature() -> None:
    sync_methods = public_methods(Scaleout)
    async_methods = public_methods(AsyncScaleout)
    assert set(sync_methods) <= set(async_methods)
    for name, method in sync_methods.items():
        sync_params = inspect.signature(method).parameters
        async_params = inspect.signature(async_methods[name]).parameters
        assert [(p.name, p.kind, p.default) for p in sync_params.values()] == [
            (p.name, p.kind, p.default) for p in async_params.values()
        ], name
        if name.startswith("iter_") or name in NOT_HTTP:
            continue
        assert inspect.iscoroutinefunction(async_methods[name]), name
        assert not inspect.iscoroutinefunction(method), name
    assert inspect.signature(Scaleout.__init__) == inspect.signature(AsyncScaleout.__init__)
    assert inspect.iscoroutinefunction(AsyncScaleout.close)


def test_results_are_documented_per_client() -> None:
    assert inspect.signature(Scaleout.get_model).return_annotation == "Model"
    assert inspect.signature(AsyncScaleout.get_model).return_annotation == "Model"
    assert inspect.signature(Scaleout.iter_models).return_annotation == "Iterator[Model]"
    assert inspect.signature(AsyncScaleout.iter_models).return_annotation == "AsyncIterator[Model]"
    assert AsyncScaleout.get_model.__doc__ == Scaleout.get_model.__doc__


def test_the_same_requests_and_answers_as_the_sync_client(tmp_path: Path) -> None:
    """A handful of methods of every kind, through both clients, against one scripted server."""

    def script() -> FakeServer:
        server = FakeServer()
        server.on("GET", "/api/v1/models/count", 3)
        server.on("GET", "/api/v1/models/m%2F1", {"model_id": "m/1"})
        server.on("GET", "/api/v1/models/nope", {"message": "Entity not found"}, status=404)
        server.on("GET", "/api/v1/models/", {"count": 1, "result": [{"model_id": "m"}]})
        server.on("GET", "/api/v1/models/m/download", respond(200, content=b"weights"))
        return server

    async def use_async(server: FakeServer) -> list[Any]:
        async with async_client(server) as client:
            found: list[Any] = [await client.get_models_count(), await client.get_model("m/1")]
            with pytest.raises(NotFoundError):
                await client.get_model("nope")
            found.append([m async for m in client.iter_models(page_size=5)])
            download = await client.download_model("m", tmp_path / "async.npz")
            found.append(download["size"])
            return found

    sync_server, async_server = script(), script()
    with Scaleout(
        BASE, transport=httpx.MockTransport(sync_server), max_retries=0, token_cache=False
    ) as sync:
        expected = [sync.get_models_count(), sync.get_model("m/1")]
        with pytest.raises(NotFoundError):
            sync.get_model("nope")
        expected.append(list(sync.iter_models(page_size=5)))
        expected.append(sync.download_model("m", tmp_path / "sync.npz")["size"])
    assert run(use_async(async_server)) == expected
    assert (tmp_path / "async.npz").read_bytes() == b"weights"
    sync_requests = [(r.method, str(r.url), r.content) for r in sync_server.requests]
    async_requests = [(r.method, str(r.url), r.content) for r in async_server.requests]
    assert async_requests == sync_requests


def test_bad_arguments_fail_before_anything_is_sent() -> None:
    server = FakeServer()

    async def main() -> None:
        async with async_client(server) as client:
            with pytest.raises(InvalidArgumentError, match="aggregator"):
                await client.start_session(aggregator="fedavgg")  # type: ignore[arg-type]
            with pytest.raises(InvalidArgumentError, match="page_size"):
                client.iter_models(page_size=0)  # checked at the call, not when iterated

    run(main())
    assert server.requests == []


def test_iterators_fetch_pages_lazily() -> None:
    server = FakeServer()
    page = {"count": 4, "result": [{"model_id": "a"}, {"model_id": "b"}]}
    server.on("GET", "/api/v1/models/", page, {"count": 4, "result": [{"model_id": "c"}]})

    async def main() -> list[str]:
        async with async_client(server) as client:
            models = client.iter_models(page_size=2)
            assert server.requests == []
            first = await anext(models)
            assert len(server.requests) == 1
            rest = [m["model_id"] async for m in models]
            return [first["model_id"], *rest]

    assert run(main()) == ["a", "b", "c"]
    assert [r.headers["x-skip"] for r in server.requests] == ["0", "2"]


# --- concurrency ------------------------------------------------------------------------


def slow(server: Callable[[httpx.Request], httpx.Response], delay: float = 0.01) -> Any:
    """An async handler: each request takes ``delay`` seconds, so calls overlap."""

    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(delay)
        return server(request)

    return handle


def test_a_hundred_concurrent_calls() -> None:
    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 7)
    in_flight = peak = 0

    async def handle(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)
        in_flight -= 1
        return server(request)

    async def main() -> list[int]:
        async with async_client(handle) as client:
            return await asyncio.gather(*(client.get_models_count() for _ in range(100)))

    assert run(main()) == [7] * 100
    assert len(server.requests) == 100
    assert peak > 50  # they really were in flight together


def test_fifty_callers_share_one_refresh_per_token() -> None:
    """50 concurrent calls with no token: one refresh. The token is then rejected as expired:
    50 concurrent calls get a 401 and share one more refresh."""
    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 1)
    gate = TokenGate(server)

    async def main() -> None:
        async with async_client(slow(gate), token="rt-1") as client:
            assert await asyncio.gather(*(client.get_models_count() for _ in range(50))) == [1] * 50
            assert len(gate.refreshes) == 1
            gate.issued.append("acc-revoked")  # the server no longer takes acc-1
            assert await asyncio.gather(*(client.get_models_count() for _ in range(50))) == [1] * 50
            assert len(gate.refreshes) == 2

    run(main())
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer acc-1", "Bearer acc-3"}


def test_sync_and_async_callbacks_of_wait_for_session() -> None:
    server = FakeServer()
    session = example("Session", session_id="s1")
    server.on(
        "GET",
        "/api/v1/sessions/s1",
        {**session, "status": "Started"},
        {**session, "status": "Finished"},
    )
    rounds = {"count": 1, "result": [{"round_id": "1", "status": "Success"}]}
    server.on("GET", "/api/v1/rounds/", rounds)
    seen: list[tuple[str, str]] = []

    async def on_round_async(round_: Any) -> None:
        await asyncio.sleep(0)
        seen.append(("async", round_["round_id"]))

    async def main() -> None:
        async with async_client(server) as client:
            done = await client.wait_for_session("s1", poll_interval=0.01, on_round=on_round_async)
            assert done["status"] == "Finished"
            await client.wait_for_session(
                "s1", poll_interval=0.01, on_round=lambda r: seen.append(("sync", r["round_id"]))
            )

    run(main())
    assert seen == [("async", "1"), ("sync", "1")]


def test_the_sync_client_refuses_an_async_callback() -> None:
    server = FakeServer()
    server.on("GET", "/api/v1/sessions/s1", example("Session", session_id="s1", status="Finished"))
    server.on(
        "GET", "/api/v1/rounds/", {"count": 1, "result": [{"round_id": "1", "status": "Success"}]}
    )

    async def on_round(round_: Any) -> None:
        pass

    with Scaleout(BASE, transport=httpx.MockTransport(server), token_cache=False) as client:
        with pytest.raises(TypeError, match="AsyncScaleout"):
            client.wait_for_session("s1", on_round=on_round)


def test_wait_timeout_without_blocking_the_loop() -> None:
    server = FakeServer()
    server.on("GET", "/api/v1/sessions/s1", example("Session", session_id="s1", status="Started"))
    server.on("GET", "/api/v1/rounds/", {"count": 0, "result": []})
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def main() -> None:
        task = asyncio.create_task(ticker())
        async with async_client(server) as client:
            with pytest.raises(WaitTimeoutError):
                await client.wait_for_session("s1", timeout=0.3, poll_interval=0.05)
        task.cancel()

    run(main())
    assert ticks >= 10  # the loop kept running while the wait slept


# --- cancellation and closing -------------------------------------------------------------


def upload_routes(server: FakeServer) -> None:
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/complete", {"file_token": "t"})
    server.on("POST", "/api/v1/file-upload/u1/abort", {"message": "aborted"})
    server.on("PUT", "/api/v1/helpers/active", {"message": "ok"})
    server.on("POST", "/api/v1/models/", {"message": "added"})


def test_a_cancelled_upload_aborts_its_server_side_upload(tmp_path: Path) -> None:
    server = FakeServer()
    upload_routes(server)
    server.on("POST", "/api/v1/file-upload/u1/chunk", {})
    seed = tmp_path / "seed.npz"
    seed.write_bytes(b"x" * (3 * 900 * 1024))
    release = asyncio.Event()

    async def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/chunk") and request.headers["x-chunk-index"] == "1":
            await release.wait()  # the second chunk hangs until the test is done
        return server(request)

    async def main() -> None:
        async with async_client(handle) as client:
            task = asyncio.create_task(client.set_active_model(seed))
            while len(server.matching("POST", "/api/v1/file-upload/u1/chunk")) < 1:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.02)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    run(main())
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")
    assert server.matching("POST", "/api/v1/models/") == []


def test_a_cancelled_download_leaves_no_partial_file(tmp_path: Path) -> None:
    release = asyncio.Event()

    class Dripping(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"x" * 65536  # one whole chunk of the download's reads
            await release.wait()
            yield b"y"

    async def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Dripping(), headers={"Content-Length": "65537"})

    progress: list[int] = []

    async def main() -> None:
        async with async_client(handle) as client:
            task = asyncio.create_task(
                client.download_model(
                    "m1", tmp_path / "m.npz", progress=lambda d, t: progress.append(d)
                )
            )
            while not progress:
                await asyncio.sleep(0.005)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    run(main())
    assert progress == [65536]
    assert list(tmp_path.iterdir()) == []


def test_closing_the_client_stops_calls_in_flight_with_a_clear_error(tmp_path: Path) -> None:
    server = FakeServer()
    upload_routes(server)
    server.on("POST", "/api/v1/file-upload/u1/chunk", {})
    server.on("GET", "/api/v1/models/count", 1)
    hang = asyncio.Event()
    seed = tmp_path / "seed.npz"
    seed.write_bytes(b"x" * 10)

    arrived: list[str] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        arrived.append(request.url.path)
        if request.url.path.endswith(("/count", "/chunk")):
            await hang.wait()  # never answered
        return server(request)

    async def main() -> None:
        client = async_client(handle)
        calls = [
            asyncio.create_task(client.get_models_count()),
            asyncio.create_task(client.set_active_model(seed)),
        ]
        while len(arrived) < 3:  # the count, the upload's init and its first chunk
            await asyncio.sleep(0.005)
        await asyncio.wait_for(client.close(), timeout=5)
        for call in calls:
            with pytest.raises(ClientClosedError, match="closed while this call was in flight"):
                await call
        with pytest.raises(ClientClosedError, match="is closed"):
            await client.get_models_count()

    run(main())
    assert ("POST", "/api/v1/file-upload/u1/abort") in server.calls()


def test_file_io_runs_off_the_event_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeServer()
    upload_routes(server)
    server.on("POST", "/api/v1/file-upload/u1/chunk", {})
    seed = tmp_path / "seed.npz"
    seed.write_bytes(b"x" * 2000)
    threads: list[int] = []
    read = _uploads._read_hashed

    def recording_read(*args: Any) -> bytes:
        threads.append(threading.get_ident())
        return read(*args)

    monkeypatch.setattr(_uploads, "_read_hashed", recording_read)

    async def main() -> int:
        async with async_client(server) as client:
            await client.set_active_model(seed)
        return threading.get_ident()

    loop_thread = run(main())
    assert threads and loop_thread not in threads


# --- api: the generated functions of both kinds ------------------------------------------


def test_api_of_the_async_client_carries_auth_for_both_kinds_of_function() -> None:
    from scaleout_api.api.models import count_models

    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 4)
    gate = TokenGate(server)

    async def main() -> None:
        async with async_client(gate, token="rt-1") as client:
            assert await count_models.asyncio(client=client.api) == 4
            # The sync functions go through a sync core made like the client's.
            assert await asyncio.to_thread(count_models.sync, client=client.api) == 4

    run(main())
    assert len(gate.refreshes) == 1
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer acc-1"] * 2


def test_with_options_reaches_async_calls_and_api() -> None:
    from scaleout_api.api.models import count_models

    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 2)

    async def main() -> None:
        async with async_client(server) as client:
            view = client.with_options(timeout=9, extra_headers={"X-Trace": "a"})
            assert isinstance(view, AsyncScaleout)
            assert await view.get_models_count() == 2
            assert await count_models.asyncio(client=view.api) == 2

    run(main())
    for request in server.requests:
        assert request.extensions["timeout"]["read"] == pytest.approx(9, abs=0.5)
        assert request.headers["x-trace"] == "a"


def test_errors_are_the_same_types() -> None:
    async def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async def main() -> None:
        async with async_client(refuse) as client:
            with pytest.raises(ScaleoutError, match="refused"):
                await client.get_models_count()

    run(main())


def test_readme_async_example_runs(tmp_path: Path) -> None:
    """The README's async section, as it is written, against a scripted controller."""
    readme = Path(__file__).parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index("```python\nimport asyncio")
    code = text[start + len("```python\n") : text.index("```", start + 10)]
    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 1)
    server.on("GET", "/api/v1/sessions/count", 2)
    server.on("GET", "/api/v1/clients/count", 3)
    server.on("GET", "/api/v1/models/", {"count": 1, "result": [{"model_id": "m1"}]})
    transport = httpx.MockTransport(server)
    original = AsyncScaleout.__init__

    def with_transport(self: AsyncScaleout, *args: Any, **kwargs: Any) -> None:
        original(self, *args, transport=transport, token_cache=False, **kwargs)

    namespace: dict[str, Any] = {"__name__": "readme_example"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AsyncScaleout, "__init__", with_transport)
        exec(compile(code, str(readme), "exec"), namespace)  # noqa: S102
        run(namespace["main"]())
    assert [r.url.path for r in server.requests] == [
        "/api/v1/models/count",
        "/api/v1/sessions/count",
        "/api/v1/clients/count",
        "/api/v1/models/",
    ]


def test_api_asyncio_functions_of_a_sync_client_work_on_every_event_loop() -> None:
    """An async pool cannot outlive its event loop: each loop gets its own, and closing the
    sync client closes them (or leaves those of loops already closed)."""
    from scaleout_api.api.models import count_models

    server = FakeServer()
    server.on("GET", "/api/v1/models/count", 5)
    with Scaleout(BASE, transport=httpx.MockTransport(server), token_cache=False) as client:
        for _ in range(3):
            assert asyncio.run(count_models.asyncio(client=client.api)) == 5

        async def inside_a_loop() -> None:
            assert await count_models.asyncio(client=client.api) == 5
            client.close()  # from async code: the pool of this loop closes on this loop
            await asyncio.sleep(0)

        asyncio.run(inside_a_loop())
    assert len(server.requests) == 4


def test_wait_after_continue_ignores_the_old_status() -> None:
    """The async client remembers what it asked, as the sync one does."""
    server = FakeServer()
    old = example("Session", session_id="s1", status="Finished")
    server.on("GET", "/api/v1/sessions/s1", old, old, old, {**old, "status": "Started"}, old)

    def rounds(*statuses: str) -> dict[str, Any]:
        items = [{"round_id": str(i), "status": s} for i, s in enumerate(statuses, 1)]
        return {"count": len(items), "result": items}

    server.on(
        "GET",
        "/api/v1/rounds/",
        rounds("Finished"),
        rounds("Finished"),
        rounds("Finished"),
        rounds("Finished", "Pending"),
        rounds("Finished", "Finished"),
    )
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})

    async def main() -> None:
        async with async_client(server) as client:
            await client.continue_session("s1", rounds=1)
            await client.wait_for_session("s1", poll_interval=0.01)

    run(main())
    assert len(server.matching("GET", "/api/v1/sessions/s1")) == 5
