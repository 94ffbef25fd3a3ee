from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from scaleout._retry import RetryTransport, parse_retry_after

URL = "http://h:8092/api/v1/models/?secret_filter=1"

Step = httpx.Response | Exception


class Script:
    """A MockTransport handler answering (or raising) from a fixed list of steps."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        return step


def make(
    *steps: Step, max_retries: int = 2, random: Callable[[], float] = lambda: 1.0
) -> tuple[RetryTransport, Script, list[float]]:
    script = Script(*steps)
    sleeps: list[float] = []
    transport = RetryTransport(
        httpx.MockTransport(script), max_retries=max_retries, sleep=sleeps.append, random=random
    )
    return transport, script, sleeps


def send(transport: RetryTransport, method: str = "GET", **kwargs: object) -> httpx.Response:
    with httpx.Client(transport=transport) as client:
        return client.request(method, URL, **kwargs)  # type: ignore[arg-type]


OK = httpx.Response(200, json={"ok": True})


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "PUT", "DELETE"])
@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ConnectTimeout("t"), httpx.PoolTimeout("t")]
)
def test_unsent_errors_retried_for_any_method(method: str, error: Exception) -> None:
    transport, script, sleeps = make(error, error, OK)
    assert send(transport, method, content=b"payload").status_code == 200
    assert len(script.requests) == 3
    assert all(r.content == b"payload" for r in script.requests)
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])
@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("t"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("eof"),
        httpx.WriteError("pipe"),
    ],
)
def test_maybe_sent_errors_retried_for_idempotent(method: str, error: Exception) -> None:
    transport, script, _ = make(error, OK)
    assert send(transport, method).status_code == 200
    assert len(script.requests) == 2


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize(
    "error",
    [
        httpx.ReadTimeout("t"),
        httpx.ReadError("r"),
        httpx.RemoteProtocolError("e"),
        httpx.WriteError("w"),
    ],
)
def test_maybe_sent_errors_not_retried_for_post(method: str, error: Exception) -> None:
    transport, script, sleeps = make(error, OK)
    with pytest.raises(type(error)):
        send(transport, method, json={"a": 1})
    assert len(script.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retry_statuses_for_idempotent(status: int) -> None:
    transport, script, sleeps = make(httpx.Response(status), httpx.Response(status), OK)
    assert send(transport, "GET").status_code == 200
    assert len(script.requests) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retry_statuses_not_for_post(status: int) -> None:
    transport, script, sleeps = make(httpx.Response(status), OK)
    assert send(transport, "POST", json={}).status_code == status
    assert len(script.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [400, 401, 404, 409, 413, 500, 501])
def test_other_statuses_not_retried(status: int) -> None:
    transport, script, _ = make(httpx.Response(status), OK)
    assert send(transport, "GET").status_code == status
    assert len(script.requests) == 1


def test_other_transport_errors_not_retried() -> None:
    transport, script, _ = make(httpx.UnsupportedProtocol("nope"), OK)
    with pytest.raises(httpx.UnsupportedProtocol):
        send(transport)
    assert len(script.requests) == 1


def test_max_retries_honoured_and_last_error_raised() -> None:
    transport, script, sleeps = make(*[httpx.ConnectError("refused")] * 5, max_retries=3)
    with pytest.raises(httpx.ConnectError):
        send(transport)
    assert len(script.requests) == 4
    assert len(sleeps) == 3


def test_max_retries_exhausted_returns_last_response() -> None:
    transport, script, _ = make(*[httpx.Response(503)] * 3, max_retries=2)
    assert send(transport).status_code == 503
    assert len(script.requests) == 3


def test_zero_retries() -> None:
    transport, script, sleeps = make(httpx.ConnectError("refused"), OK, max_retries=0)
    with pytest.raises(httpx.ConnectError):
        send(transport)
    assert len(script.requests) == 1
    assert sleeps == []


def test_per_request_override() -> None:
    transport, script, _ = make(*[httpx.Response(503)] * 6, max_retries=0)
    with httpx.Client(transport=transport) as client:
        request = client.build_request("GET", URL, extensions={"scaleout_max_retries": 4})
        assert client.send(request).status_code == 503
    assert len(script.requests) == 5


def test_invalid_max_retries() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryTransport(httpx.MockTransport(Script()), max_retries=-1)
    transport, _, _ = make(OK)
    with httpx.Client(transport=transport) as client:
        request = client.build_request("GET", URL, extensions={"scaleout_max_retries": "x"})
        with pytest.raises(TypeError, match="max_retries"):
            client.send(request)


def test_backoff_is_exponential_capped_and_jittered() -> None:
    transport, _, sleeps = make(*[httpx.ConnectError("x")] * 8, OK, max_retries=8)
    send(transport)
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]

    values = iter([0.0, 0.25, 0.5])
    transport, _, sleeps = make(*[httpx.ConnectError("x")] * 3, OK, random=lambda: next(values))
    with pytest.raises(httpx.ConnectError):
        send(transport)
    assert sleeps == [0.0, 0.25]  # full jitter: random() * min(cap, base * 2**n)


def test_retry_after_seconds() -> None:
    transport, _, sleeps = make(httpx.Response(429, headers={"Retry-After": "7"}), OK)
    assert send(transport).status_code == 200
    assert sleeps == [7.0]


def test_retry_after_is_capped() -> None:
    transport, _, sleeps = make(httpx.Response(503, headers={"Retry-After": "3600"}), OK)
    send(transport)
    assert sleeps == [60.0]


def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    transport, _, sleeps = make(httpx.Response(503, headers={"Retry-After": when}), OK)
    send(transport)
    assert 28.0 <= sleeps[0] <= 30.0


def test_retry_after_invalid_falls_back_to_backoff() -> None:
    transport, _, sleeps = make(httpx.Response(503, headers={"Retry-After": "soon"}), OK)
    send(transport)
    assert sleeps == [0.5]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("12", 12.0),
        ("1.5", 1.5),
        ("-3", None),
        ("nan", None),
        ("inf", None),
        ("garbage", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2015 07:28:30 -0000", 30.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = email.utils.parsedate_to_datetime("Wed, 21 Oct 2015 07:28:00 GMT").timestamp()
    assert parse_retry_after(value, now=now) == expected


def test_response_closed_before_retry() -> None:
    closed: list[bool] = []

    class TrackingStream(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"busy"

        def close(self) -> None:
            closed.append(True)

    transport, _, _ = make(httpx.Response(503, stream=TrackingStream()), OK)
    send(transport)
    assert closed == [True]


def test_retry_logged_at_debug_without_query(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    transport, _, _ = make(httpx.ConnectError("refused"), httpx.Response(503), OK)
    send(transport)
    records = [r for r in caplog.records if r.getMessage().startswith("Retrying")]
    assert [r.levelno for r in records] == [logging.DEBUG, logging.DEBUG]
    assert all(r.name.startswith("scaleout") for r in records)
    first, second = (r.getMessage() for r in records)
    assert first == "Retrying GET /api/v1/models/ (attempt 1/2) after ConnectError in 0.50s"
    assert second == "Retrying GET /api/v1/models/ (attempt 2/2) after status 503 in 1.00s"
    assert "secret_filter" not in caplog.text


def test_streaming_body_not_replayed_after_send() -> None:
    def body() -> Iterator[bytes]:
        yield b"chunk"

    transport, script, _ = make(httpx.ReadError("reset"), OK)
    with pytest.raises(httpx.ReadError):
        send(transport, "PUT", content=body())
    assert len(script.requests) == 1


def test_default_inner_transport_and_close() -> None:
    transport = RetryTransport(verify=False)
    assert isinstance(transport.wrapped, httpx.HTTPTransport)
    assert transport.max_retries == 2
    transport.close()
