from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from scaleout._auth import RefreshTokenAuth, StaticTokenAuth
from scaleout._base_client import DEFAULT_TIMEOUT, NOT_GIVEN, USER_AGENT, HTTPCore
from scaleout._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    NotFoundError,
)
from scaleout._retry import RetryTransport
from scaleout._url import resolve_base_url
from scaleout._version import __version__

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    def __init__(self, handler: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.handler = handler or (lambda request: httpx.Response(200, json={"ok": True}))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


def make_core(
    handler: Handler | None = None, *, max_retries: int = 2, **kwargs: Any
) -> tuple[HTTPCore, Recorder, list[float]]:
    recorder = Recorder(handler)
    sleeps: list[float] = []
    transport = RetryTransport(
        httpx.MockTransport(recorder), max_retries=max_retries, sleep=sleeps.append
    )
    core = HTTPCore("https://ctl.example.com", transport=transport, **kwargs)
    return core, recorder, sleeps


def raising(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def test_default_timeout_reaches_transport() -> None:
    core, rec, _ = make_core()
    with core:
        core.request("GET", "/api/v1/models/")
    # Each phase is also capped by the time left before the call's deadline (RELIABILITY.md).
    assert rec.requests[0].extensions["timeout"] == pytest.approx(
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}, abs=0.5
    )
    assert core.timeout == DEFAULT_TIMEOUT


def test_per_call_timeout_override() -> None:
    core, rec, _ = make_core(timeout=12.5)
    with core:
        core.request("GET", "/a")
        core.request("GET", "/a", timeout=3)
        core.request("GET", "/a", timeout=httpx.Timeout(9.0, connect=1.0))
        core.request("GET", "/a", timeout=None)
        core.request("GET", "/a", timeout=NOT_GIVEN)
    timeouts = [r.extensions["timeout"] for r in rec.requests]
    phases = ("connect", "read", "write", "pool")
    assert timeouts[0] == pytest.approx(dict.fromkeys(phases, 12.5), abs=0.5)
    assert timeouts[1] == pytest.approx(dict.fromkeys(phases, 3), abs=0.5)
    assert timeouts[2] == pytest.approx(
        {"connect": 1.0, "read": 9.0, "write": 9.0, "pool": 9.0}, abs=0.5
    )
    assert timeouts[3] == dict.fromkeys(phases)
    assert timeouts[4] == pytest.approx(timeouts[0], abs=0.5)


def test_timeout_raises_api_timeout_error() -> None:
    core, rec, sleeps = make_core(raising(httpx.ReadTimeout("timed out")))
    with core, pytest.raises(APITimeoutError) as info:
        core.request("GET", "/api/v1/models/")
    err = info.value
    assert isinstance(err, TimeoutError)
    assert isinstance(err, APIConnectionError)
    assert isinstance(err.__cause__, httpx.ReadTimeout)
    assert str(err) == (
        "GET https://ctl.example.com/api/v1/models/ timed out: ReadTimeout: timed out"
    )
    assert len(rec.requests) == 3  # GET is retried twice first
    assert len(sleeps) == 2


def test_connect_error_raises_api_connection_error() -> None:
    core, rec, _ = make_core(raising(httpx.ConnectError("[Errno 111] Connection refused")))
    with core, pytest.raises(APIConnectionError) as info:
        core.request("POST", "/api/v1/sessions/", json={})
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert "POST https://ctl.example.com/api/v1/sessions/ failed" in str(info.value)
    assert "Connection refused" in str(info.value)
    assert info.value.method == "POST"
    assert len(rec.requests) == 3  # connect errors are retried even for POST


def test_status_errors_are_raised_with_body() -> None:
    core, _, _ = make_core(
        lambda r: httpx.Response(404, json={"message": "Entity with id: x not found"})
    )
    with core, pytest.raises(NotFoundError) as info:
        core.request("GET", "/api/v1/models/x")
    expected = "404 Not Found for GET https://ctl.example.com/api/v1/models/x: Entity with id: x"
    assert str(info.value) == f"{expected} not found"
    assert info.value.response is not None
    assert info.value.response.is_closed


def test_html_502_is_readable() -> None:
    page = (
        "<html><head><title>502 Bad Gateway</title></head>"
        "<body><h1>502 Bad Gateway</h1></body></html>"
    )
    core, rec, _ = make_core(
        lambda r: httpx.Response(502, text=page, headers={"content-type": "text/html"})
    )
    with core, pytest.raises(InternalServerError) as info:
        core.request("POST", "/api/v1/models/", json={})
    assert info.value.message == "502 Bad Gateway (non-JSON response, text/html)"
    assert len(rec.requests) == 1


def test_success_returns_read_response() -> None:
    core, _, _ = make_core(lambda r: httpx.Response(200, json={"count": 1, "result": [{}]}))
    with core:
        response = core.request("GET", "/api/v1/models/")
    assert response.json() == {"count": 1, "result": [{}]}
    assert response.is_closed


def test_params_are_normalised() -> None:
    core, rec, _ = make_core()
    with core:
        core.request(
            "GET",
            "/api/v1/rounds/",
            params={"active": True, "done": False, "skip": None, "n": 5, "ids": ["a", "b"]},
        )
    assert rec.requests[0].url.params.multi_items() == [
        ("active", "true"),
        ("done", "false"),
        ("n", "5"),
        ("ids", "a"),
        ("ids", "b"),
    ]


def test_bodies_and_headers_pass_through() -> None:
    core, rec, _ = make_core()
    with core:
        core.request("POST", "/j", json={"a": 1}, headers={"X-Limit": "10"})
        core.request("POST", "/d", data={"f": "v"})
        core.request("PUT", "/c", content=b"\x00\x01")
    assert json.loads(rec.requests[0].content) == {"a": 1}
    assert rec.requests[0].headers["x-limit"] == "10"
    assert rec.requests[1].content == b"f=v"
    assert rec.requests[2].content == b"\x00\x01"


def test_user_agent_and_version() -> None:
    core, rec, _ = make_core()
    with core:
        core.request("GET", "/")
    assert USER_AGENT == f"scaleout-python/{__version__}"
    assert __version__ == "0.1.0"
    assert rec.requests[0].headers["user-agent"] == USER_AGENT


def test_path_prefix_is_kept() -> None:
    recorder = Recorder()
    core = HTTPCore(
        resolve_base_url("https://h.example.com/edge/"),
        transport=httpx.MockTransport(recorder),
    )
    with core:
        core.request("GET", "/api/v1/models/")
        core.request("GET", "api/v1/clients/")
    assert [str(r.url) for r in recorder.requests] == [
        "https://h.example.com/edge/api/v1/models/",
        "https://h.example.com/edge/api/v1/clients/",
    ]
    assert core.base_url.path_prefix == "/edge"


def test_per_call_max_retries() -> None:
    core, rec, _ = make_core(lambda r: httpx.Response(503), max_retries=0)
    with core:
        with pytest.raises(InternalServerError):
            core.request("GET", "/", max_retries=3)
        assert len(rec.requests) == 4
        with pytest.raises(InternalServerError):
            core.request("GET", "/", extensions={"scaleout_max_retries": 1})
        assert len(rec.requests) == 6


class TrackedStream(httpx.SyncByteStream):
    def __init__(self, chunks: list[bytes], fail_after: int | None = None) -> None:
        self.chunks = chunks
        self.fail_after = fail_after
        self.read_chunks = 0
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for index, chunk in enumerate(self.chunks):
            if self.fail_after is not None and index >= self.fail_after:
                raise httpx.ReadError("connection reset")
            self.read_chunks += 1
            yield chunk

    def close(self) -> None:
        self.closed = True


def test_stream_does_not_read_success_body() -> None:
    body = TrackedStream([b"a" * 10, b"b" * 10])
    core, _, _ = make_core(lambda r: httpx.Response(200, stream=body))
    with core:
        with core.stream("GET", "/api/v1/models/x/download") as response:
            assert body.read_chunks == 0
            assert response.status_code == 200
            assert b"".join(response.iter_bytes()) == b"a" * 10 + b"b" * 10
        assert body.closed


def test_stream_with_refresh_auth_is_not_buffered() -> None:
    body = TrackedStream([b"x"])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/refresh":
            return httpx.Response(200, json={"access_token": "acc"})
        return httpx.Response(200, stream=body)

    auth = RefreshTokenAuth(
        refresh_token="r", token_endpoint="https://ctl.example.com/api/auth/refresh"
    )
    core, _, _ = make_core(handler, auth=auth)
    with core, core.stream("GET", "/download") as response:
        assert body.read_chunks == 0
        assert response.read() == b"x"


def test_stream_error_status_reads_error_body() -> None:
    body = TrackedStream([b'{"message": "No such model"}'])
    core, _, _ = make_core(
        lambda r: httpx.Response(404, stream=body, headers={"content-type": "application/json"})
    )
    with core, pytest.raises(NotFoundError) as info:
        with core.stream("GET", "/api/v1/models/x/download"):
            pytest.fail("the body of the with block must not run")
    assert info.value.message == "No such model"
    assert body.closed


def test_stream_read_error_is_mapped() -> None:
    body = TrackedStream([b"a", b"b"], fail_after=1)
    core, _, _ = make_core(lambda r: httpx.Response(200, stream=body))
    with core, pytest.raises(APIConnectionError) as info:
        with core.stream("GET", "/download") as response:
            for _ in response.iter_bytes():
                pass
    assert "GET https://ctl.example.com/download failed: ReadError" in str(info.value)
    assert isinstance(info.value.__cause__, httpx.ReadError)


def test_stream_unrelated_errors_pass_through() -> None:
    core, _, _ = make_core()
    with core, pytest.raises(KeyError), core.stream("GET", "/"):
        raise KeyError("mine")


def test_debug_log_per_request_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    core, _, _ = make_core(auth=StaticTokenAuth("tok-SECRET-123"))
    with core:
        core.request("GET", "/api/v1/models/", params={"name": "q-value"})
    records = [r for r in caplog.records if r.name.startswith("scaleout")]
    assert any(
        r.levelno == logging.DEBUG and r.getMessage().startswith("GET /api/v1/models/ -> 200 (")
        for r in records
    )
    assert "SECRET" not in caplog.text
    assert "authorization" not in caplog.text.lower()
    assert "q-value" not in caplog.text


def test_auth_401_maps_to_authentication_error() -> None:
    core, _, _ = make_core(
        lambda r: httpx.Response(401, json={"message": "Invalid token"}),
        auth=StaticTokenAuth("tok-SECRET"),
    )
    with core, pytest.raises(AuthenticationError) as info:
        core.request("GET", "/api/v1/models/")
    assert "SECRET" not in str(info.value)
    assert "SECRET" not in repr(info.value)


def test_repr_and_properties() -> None:
    auth = StaticTokenAuth("tok-SECRET")
    core, _, _ = make_core(auth=auth, max_retries=1)
    with core:
        assert "SECRET" not in repr(core)
        assert repr(core).startswith("HTTPCore(base_url='https://ctl.example.com:443'")
        assert "StaticTokenAuth" in repr(core)
        assert isinstance(core.httpx_client, httpx.Client)
        assert core.auth is auth
        assert core.base_url.host == "ctl.example.com"
    assert core.httpx_client.is_closed


def test_plain_transport_is_wrapped_in_retries() -> None:
    attempts: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        raise httpx.ConnectError("refused")

    core = HTTPCore("https://h.example.com", transport=httpx.MockTransport(handler), max_retries=0)
    with core, pytest.raises(APIConnectionError):
        core.request("GET", "/")
    assert len(attempts) == 1


def test_default_transports_are_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    # Relies on httpx internals (see HTTPCore._wrap_default_transports): fail loudly if they move.
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example.com")
    core = HTTPCore("https://h.example.com", max_retries=4)
    with core:
        client: Any = core.httpx_client
        assert isinstance(client._transport, RetryTransport)
        assert client._transport.max_retries == 4
        mounted = [t for t in client._mounts.values() if t is not None]
        assert mounted, "the environment proxy should be mounted"
        assert all(isinstance(t, RetryTransport) for t in mounted)
        assert isinstance(mounted[0].wrapped, httpx.HTTPTransport)


def test_bad_timeout_type() -> None:
    with pytest.raises(TypeError):
        HTTPCore("https://h.example.com", timeout=True)


def test_status_error_base_class_for_unmapped_status() -> None:
    core, _, _ = make_core(lambda r: httpx.Response(410, json={"error": "gone"}))
    with core, pytest.raises(APIStatusError) as info:
        core.request("GET", "/api/v1/models/active")
    assert type(info.value) is APIStatusError
    assert info.value.message == "gone"


def test_redirect_followed_with_auth_on_same_origin() -> None:
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, request.headers.get("authorization")))
        if request.url.path == "/api/v1/models":
            return httpx.Response(308, headers={"location": "/api/v1/models/"})
        return httpx.Response(200, json={})

    core, _, _ = make_core(handler, auth=StaticTokenAuth("tok"))
    with core:
        assert core.request("GET", "/api/v1/models").status_code == 200
    assert seen == [("/api/v1/models", "Bearer tok"), ("/api/v1/models/", "Bearer tok")]
