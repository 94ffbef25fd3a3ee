"""Auto-paging (``iter_*``) and ``wait_for_session`` with a fake clock."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from scaleout import APIResponseValidationError, Scaleout, SessionStateError, WaitTimeoutError
from scaleout._resources import sessions as sessions_module

from ._entities import example
from ._support import FakeServer, page, query_of, x_headers

ITEMS = [{"model_id": f"m{i}"} for i in range(5)]


def paged(items: list[dict[str, Any]], *, with_count: bool = True) -> Any:
    """A list endpoint honouring X-Limit/X-Skip, like the server."""

    def answer(request: httpx.Request) -> httpx.Response:
        limit = int(request.headers["x-limit"])
        skip = int(request.headers.get("x-skip", "0"))
        body: dict[str, Any] = {"result": items[skip : skip + limit]}
        if with_count:
            body["count"] = len(items)
        return httpx.Response(200, json=body)

    return answer


def skips(server: FakeServer) -> list[str]:
    return [r.headers["x-skip"] for r in server.requests]


def test_walks_every_page(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", paged(ITEMS))
    assert list(client.iter_models(page_size=2)) == ITEMS
    assert skips(server) == ["0", "2", "4"]  # the short last page ends the walk
    for request in server.requests:
        assert x_headers(request) == {
            "x-limit": "2",
            "x-skip": request.headers["x-skip"],
            "x-sort-key": "committed_at",
            "x-sort-order": "asc",
        }


def test_stops_when_count_is_reached(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", paged(ITEMS[:4]))
    assert list(client.iter_models(page_size=2)) == ITEMS[:4]
    assert skips(server) == ["0", "2"]  # no third request for an empty page


def test_a_page_without_count_is_not_what_the_api_promises(
    server: FakeServer, client: Scaleout
) -> None:
    """Every list answer carries ``count``; one without it is refused, not guessed around."""
    server.on("GET", "/api/v1/models/", paged(ITEMS[:4], with_count=False))
    with pytest.raises(APIResponseValidationError, match="lacks count") as info:
        list(client.iter_models(page_size=2))
    assert info.value.status_code == 200 and "result" in info.value.body  # type: ignore[operator]
    assert skips(server) == ["0"]


def test_empty_collection(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/", page([]))
    assert list(client.iter_sessions()) == []
    assert skips(server) == ["0"]
    assert server.requests[0].headers["x-limit"] == "100"  # the default page size


def test_inconsistent_count_cannot_loop_forever(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", page([], count=1000))
    assert list(client.iter_models(page_size=10)) == []
    assert len(server.requests) == 1


def test_walk_is_lazy_and_filters_every_page(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", paged(ITEMS))
    walker = client.iter_models(filters={"session_id": "s 1"}, page_size=3)
    assert server.requests == []
    assert next(walker) == ITEMS[0]
    assert len(server.requests) == 1
    assert list(walker) == ITEMS[1:]
    assert [query_of(r) for r in server.requests] == [[("session_id", "s 1")]] * 2


@pytest.mark.parametrize(
    ("size", "error"),
    [
        (0, ValueError),
        (-5, ValueError),
        (True, TypeError),
        ("10", TypeError),
        (2.5, TypeError),
        (None, ValueError),
    ],
)
def test_page_size_is_checked_at_the_call(
    size: Any, error: type[Exception], server: FakeServer, client: Scaleout
) -> None:
    for name in ("iter_models", "iter_clients", "iter_rounds", "iter_metrics"):
        with pytest.raises(error, match="page_size"):
            getattr(client, name)(page_size=size)  # no next(): fails at the call site
    assert server.requests == []


@pytest.mark.parametrize("filters", [{"a": [1]}, {"a": object()}, [("a", "b")], "a=b"])
def test_filters_are_checked_at_the_call(
    filters: Any, server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises(TypeError):
        client.iter_statuses(filters=filters)
    assert server.requests == []


# --- wait_for_session -------------------------------------------------------------------------


class FakeTime:
    """Stands in for the ``time`` module of the sessions resource: sleeping advances the clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(sessions_module, "time", fake)
    # The wait's sleep is a step that the client performs (time.sleep for Scaleout).
    monkeypatch.setattr(time, "sleep", fake.sleep)
    return fake


def session(status: str | None) -> dict[str, Any]:
    return example("Session", session_id="s1", status=status)


SESSION_PATH = "/api/v1/sessions/s1"


@pytest.mark.parametrize("final", ["Finished", "finished", "Terminated"])
def test_wait_returns_when_over(
    final: str, server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Created"), session("Started"), session(final))
    assert client.wait_for_session("s1", poll_interval=3) == session(final)
    assert clock.sleeps == [3, 3]
    assert len(server.requests) == 3


def test_wait_times_out(server: FakeServer, client: Scaleout, clock: FakeTime) -> None:
    server.on("GET", SESSION_PATH, session("Started"))
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_session("s1", timeout=5, poll_interval=2)
    assert isinstance(info.value, TimeoutError)
    assert "Started" in str(info.value) and "5" in str(info.value)
    assert clock.sleeps == [2, 2, 1]  # never sleeps past the deadline
    assert clock.now == 1005.0
    assert len(server.requests) == 4  # a last look at the deadline


def test_wait_raises_on_failed_session(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Started"), session("Failed"))
    with pytest.raises(SessionStateError) as info:
        client.wait_for_session("s1")
    assert info.value.status == "Failed"
    assert "s1" in str(info.value)
    assert clock.sleeps == [2.0]


def rnd(round_id: str, status: str) -> dict[str, Any]:
    return {"round_id": round_id, "status": status}


def test_on_round_once_per_finished_round_in_order(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Started"), session("Started"), session("Finished"))
    server.on(
        "GET",
        "/api/v1/rounds/",
        page([rnd("1", "Success"), rnd("2", "Pending")]),
        page([rnd("1", "Success"), rnd("2", "Success"), rnd("3", "Pending")]),
        page([rnd("1", "Success"), rnd("2", "Success"), rnd("3", "Failed")]),
    )
    reported: list[str] = []
    result = client.wait_for_session("s1", on_round=lambda r: reported.append(r["round_id"]))
    assert result == session("Finished")
    assert reported == ["1", "2", "3"]
    rounds = server.matching("GET", "/api/v1/rounds/")
    assert len(rounds) == 3
    for request in rounds:
        assert query_of(request) == [("round_config.session_id", "s1")]
        assert request.headers["x-sort-order"] == "asc"


def test_on_round_reports_rounds_of_a_failed_session_first(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Failed"))
    server.on("GET", "/api/v1/rounds/", page([rnd("1", "Success"), rnd("2", "Failed")]))
    reported: list[str] = []
    with pytest.raises(SessionStateError):
        client.wait_for_session("s1", on_round=lambda r: reported.append(r["round_id"]))
    assert reported == ["1", "2"]


def test_wait_without_on_round_does_not_list_rounds(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Finished"))
    client.wait_for_session("s1")
    assert server.calls() == [("GET", SESSION_PATH)]
