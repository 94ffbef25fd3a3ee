"""When a wait for a session is over (``verdict``) and when it looks again (``PollSchedule``).

The schedule is driven by a simulated session on a made-up clock: rounds end at known times,
each look costs a fixed time, and the wait sleeps exactly what the schedule says. So the
promises are checked as numbers of the simulation (how late the end is noticed, how many looks
per second), never by measuring time.
"""

from __future__ import annotations

import random

import pytest

from scaleout._waiting import (
    FASTEST_POLL,
    Look,
    PollSchedule,
    SessionLedger,
    SessionRequest,
    verdict,
)

CONTINUED = SessionRequest(rounds_done_before=2, rounds_asked=3, status_before="Finished")


@pytest.mark.parametrize(
    ("look", "request_", "seen_running", "expected"),
    [
        # No request known: a terminal status with no pending round is the end.
        (Look("Finished", 2, False), None, False, "over"),
        (Look("Terminated", 0, False), None, False, "over"),
        (Look("Failed", 1, False), None, False, "failed"),
        (Look("Started", 2, False), None, False, "wait"),
        (Look("Created", 0, False), None, False, "wait"),
        (Look("Finished", 2, True), None, False, "wait"),  # a round still pending
        # Continued: the old status with the old rounds is not the end...
        (Look("Finished", 2, False), CONTINUED, False, "wait"),
        (Look("finished", 4, False), CONTINUED, False, "wait"),
        # ... all the rounds asked for are...
        (Look("Finished", 5, False), CONTINUED, False, "over"),
        (Look("Finished", 6, False), CONTINUED, False, "over"),
        # ... and so is an early end once the server visibly took the request up.
        (Look("Finished", 3, False), CONTINUED, True, "over"),
        (Look("Terminated", 3, False), CONTINUED, False, "over"),  # status changed
        (Look("Failed", 2, False), CONTINUED, False, "failed"),
        (Look("Started", 5, False), CONTINUED, True, "wait"),
    ],
)
def test_verdict(
    look: Look, request_: SessionRequest | None, seen_running: bool, expected: str
) -> None:
    assert verdict(look, request_, seen_running=seen_running) == expected


def test_a_session_stopped_before_continuing_waits_for_the_new_run() -> None:
    stopped = SessionRequest(rounds_done_before=1, rounds_asked=2, status_before="Terminated")
    assert verdict(Look("Terminated", 1, False), stopped, seen_running=False) == "wait"
    assert verdict(Look("Terminated", 2, False), stopped, seen_running=True) == "over"


def test_the_ledger_keeps_the_last_request_per_session() -> None:
    ledger = SessionLedger()
    assert ledger.get("s1") is None
    ledger.record("s1", CONTINUED)
    again = SessionRequest(rounds_done_before=5, rounds_asked=1, status_before="Finished")
    ledger.record("s1", again)
    assert ledger.get("s1") == again
    assert again.rounds_expected == 6
    for index in range(600):
        ledger.record(f"other-{index}", CONTINUED)
    assert ledger.get("s1") is None  # bounded: the oldest went first


def simulate(
    rounds: int,
    seconds_per_round: float,
    *,
    jitter: float = 0.0,
    poll_interval: float = 2.0,
    look_cost: float = 0.02,
    seed: int = 0,
) -> tuple[float, int, float]:
    """A wait for a continued session on the made-up clock: (how late it noticed the end, how
    many looks, the session's length)."""
    rng = random.Random(seed)
    pickup = 0.05  # the server takes the request up after answering it
    ends: list[float] = []
    moment = pickup
    for _ in range(rounds):
        moment += seconds_per_round * (1 + rng.uniform(-jitter, jitter))
        ends.append(moment)
    end = ends[-1]
    asked = SessionRequest(rounds_done_before=0, rounds_asked=rounds, status_before="Finished")
    schedule = PollSchedule(longest=poll_interval, target=rounds)
    now, looks, seen_running = 0.0, 0, False
    while True:
        looks += 1
        now += look_cost
        done = sum(1 for e in ends if e <= now)
        running = pickup <= now < end
        look = Look("Started" if running else "Finished", done, running and done < rounds)
        if verdict(look, asked, seen_running=seen_running) != "wait":
            return now - end, looks, end
        seen_running = seen_running or running
        schedule.observe(now, done)
        pause = schedule.pause(now)
        assert min(FASTEST_POLL, poll_interval) <= pause <= poll_interval
        now += pause


@pytest.mark.parametrize(
    ("rounds", "seconds_per_round"), [(5, 0.2), (20, 0.8), (20, 5.0), (200, 1.0), (50, 30.0)]
)
def test_the_end_is_noticed_within_one_short_pause(rounds: int, seconds_per_round: float) -> None:
    late, _, _ = simulate(rounds, seconds_per_round)
    assert 0 <= late <= FASTEST_POLL + 0.02  # the shortest pause and one look


@pytest.mark.parametrize(
    ("rounds", "seconds_per_round", "jitter"),
    [(20, 0.8, 0.0), (20, 5.0, 0.2), (200, 1.0, 0.3), (50, 30.0, 0.1), (1000, 0.5, 0.5)],
)
def test_a_long_session_is_polled_at_most_four_times_a_second(
    rounds: int, seconds_per_round: float, jitter: float
) -> None:
    for seed in range(5):
        _, looks, length = simulate(rounds, seconds_per_round, jitter=jitter, seed=seed)
        assert looks / length <= 4
        # ... and about once per poll_interval while the end is far off.
        if length > 60:
            assert looks / length <= 1


def test_irregular_rounds_are_noticed_soon() -> None:
    lateness = [simulate(20, 5.0, jitter=0.2, seed=seed)[0] for seed in range(20)]
    assert max(lateness) <= 0.5


def test_without_rounds_it_backs_off_to_poll_interval() -> None:
    schedule = PollSchedule(longest=2.0, target=None)
    pauses = []
    now = 0.0
    for _ in range(12):
        schedule.observe(now, 0)
        pauses.append(schedule.pause(now))
        now += pauses[-1]
    assert pauses[0] == FASTEST_POLL
    assert pauses == sorted(pauses)
    assert pauses[-3:] == [2.0, 2.0, 2.0]


def test_a_short_poll_interval_is_kept() -> None:
    schedule = PollSchedule(longest=0.05, target=3)
    schedule.observe(0.0, 0)
    assert schedule.pause(0.0) == 0.05
