"""Auto-paging (``iter_*``) and ``wait_for_session`` with a fake clock."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from scaleout import APIResponseValidationError, Scaleout, SessionStateError, WaitTimeoutError
from scaleout._resources import sessions as sessions_module

from ._entities import example
from ._support import FakeServer, make_client, page, query_of, x_headers

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


NO_ROUNDS = page([])


@pytest.mark.parametrize("final", ["Finished", "finished", "Terminated"])
def test_wait_returns_when_over(
    final: str, server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Created"), session("Started"), session(final))
    server.on("GET", "/api/v1/rounds/", NO_ROUNDS)
    assert client.wait_for_session("s1", poll_interval=3) == session(final)
    # Nothing known of the rounds' pace: polls soon, then less and less often.
    assert clock.sleeps == pytest.approx([0.15, 0.225])
    assert len(server.matching("GET", SESSION_PATH)) == 3


def test_wait_times_out(server: FakeServer, client: Scaleout, clock: FakeTime) -> None:
    server.on("GET", SESSION_PATH, session("Started"))
    server.on("GET", "/api/v1/rounds/", NO_ROUNDS)
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_session("s1", timeout=10, poll_interval=2)
    assert isinstance(info.value, TimeoutError)
    assert str(info.value) == "session s1 is still Started after waiting 10 s (0 rounds done)"
    assert max(clock.sleeps) == 2  # poll_interval is the longest pause
    assert clock.sleeps[-2:-1] == [2]
    assert clock.now == 1010.0  # never sleeps past the deadline
    polls = len(server.matching("GET", SESSION_PATH))
    assert polls == len(clock.sleeps) + 1  # a last look at the deadline


def test_wait_raises_on_failed_session(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Started"), session("Failed"))
    server.on("GET", "/api/v1/rounds/", NO_ROUNDS)
    with pytest.raises(SessionStateError) as info:
        client.wait_for_session("s1")
    assert info.value.status == "Failed"
    assert "s1" in str(info.value)
    assert clock.sleeps == [0.15]


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


def test_each_poll_reads_the_session_and_its_rounds(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Finished"))
    server.on("GET", "/api/v1/rounds/", NO_ROUNDS)
    client.wait_for_session("s1")
    assert server.calls() == [("GET", SESSION_PATH), ("GET", "/api/v1/rounds/")]


def test_a_pending_round_is_not_the_end(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    """A terminal status while a round of the session still runs is not the end."""
    server.on("GET", SESSION_PATH, session("Finished"))
    server.on(
        "GET",
        "/api/v1/rounds/",
        page([rnd("1", "Success"), rnd("2", "Pending")]),
        page([rnd("1", "Success"), rnd("2", "Success")]),
    )
    client.wait_for_session("s1")
    assert len(server.matching("GET", SESSION_PATH)) == 2


# --- a wait right after start or continue (the server takes the request up later) -----------


def rounds_of(*statuses: str) -> dict[str, Any]:
    return page([rnd(str(i), status) for i, status in enumerate(statuses, 1)])


TWO_DONE = rounds_of("Finished", "Finished")


def continue_then_wait(server: FakeServer, client: Scaleout, **wait: Any) -> dict[str, Any]:
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    client.continue_session("s1", rounds=2)
    return client.wait_for_session("s1", **wait)


def test_the_old_status_after_continue_is_not_the_end(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    """FEDn answers a continue and takes it up a moment later: until then the session still
    says Finished, with the rounds of before. The wait goes on until the new rounds are over."""
    old = session("Finished")
    server.on("GET", SESSION_PATH, old, old, old, session("Started"), session("Finished"))
    server.on(
        "GET",
        "/api/v1/rounds/",
        TWO_DONE,  # counted by continue_session
        TWO_DONE,
        TWO_DONE,
        rounds_of("Finished", "Finished", "Finished", "Pending"),
        rounds_of("Finished", "Finished", "Finished", "Finished"),
    )
    assert continue_then_wait(server, client) == session("Finished")
    assert len(server.matching("GET", SESSION_PATH)) == 5  # 1 by continue, 4 by the wait


def test_all_the_rounds_asked_for_end_the_wait_even_unseen(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    """Rounds so short that no poll saw the session running: the count tells it is over."""
    server.on("GET", SESSION_PATH, session("Finished"))
    server.on(
        "GET",
        "/api/v1/rounds/",
        TWO_DONE,
        TWO_DONE,
        rounds_of("Finished", "Finished", "Finished", "Finished"),
    )
    continue_then_wait(server, client)
    assert len(server.matching("GET", SESSION_PATH)) == 3


def test_a_session_stopped_early_ends_the_wait_once_seen_running(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Finished"), session("Started"), session("Terminated"))
    server.on(
        "GET",
        "/api/v1/rounds/",
        TWO_DONE,
        rounds_of("Finished", "Finished", "Pending"),
        rounds_of("Finished", "Finished", "Terminated"),
    )
    assert continue_then_wait(server, client) == session("Terminated")


def test_a_continue_never_taken_up_times_out_saying_so(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    server.on("GET", SESSION_PATH, session("Finished"))
    server.on("GET", "/api/v1/rounds/", TWO_DONE)
    done = r"still Finished after waiting 30 s \(2 of 4 rounds done\)"
    with pytest.raises(WaitTimeoutError, match=done):
        continue_then_wait(server, client, timeout=30)
    assert clock.now == 1030.0


def test_a_wait_by_another_client_takes_the_terminal_status(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    """A client that did not continue the session knows of no request (the documented rule)."""
    server.on("GET", SESSION_PATH, session("Finished"))
    server.on("GET", "/api/v1/rounds/", TWO_DONE)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    client.continue_session("s1", rounds=2)
    other = make_client(server)
    assert other.wait_for_session("s1") == session("Finished")


def test_continue_right_after_start_is_refused_as_still_running(
    server: FakeServer, client: Scaleout, clock: FakeTime
) -> None:
    """The controller has not taken the start up yet (the session still says Created): the
    client knows the rounds it asked for are not over."""
    server.on("GET", "/api/v1/models/", page([example("Model", model_id="m1")]))
    server.on("GET", "/api/v1/helpers/active", "numpyhelper")
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    server.on("GET", SESSION_PATH, session("Created"))
    server.on("GET", "/api/v1/rounds/", NO_ROUNDS)
    client.start_session(rounds=2)
    with pytest.raises(SessionStateError, match=r"0 of the 2 round\(s\) asked for are over"):
        client.continue_session("s1", rounds=1)
    assert len(server.matching("POST", "/api/v1/sessions/start")) == 1
