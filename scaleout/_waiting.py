"""Waiting for a session: when it is over, and when to look again.

Two parts, both free of I/O so they can be tested with a made-up clock:

* :func:`verdict` decides from one look at a session (its status and its rounds) whether a
  wait is over. A controller takes up a start or continue request *after* answering it (FEDn
  starts a thread; so does the local controller), so for a while it still reports the status
  from before: a session continued after it ``Finished`` still says ``Finished``. What the
  client asked is therefore remembered per session (:class:`SessionLedger`, on the client's
  core): the rounds that were over before, and how many more were asked for. A wait is over
  when the status is terminal (``Finished``, ``Terminated``, ``Failed``), no round of the
  session is pending, and either that many rounds are over or the server has visibly taken
  the request up (the wait saw the session running, or its status changed) and then ended it
  early (stopped, failed).
* :class:`PollSchedule` decides when to look next: soon after the wait starts, backing off
  towards ``poll_interval`` while nothing is known; once rounds finish, at the pace of the
  rounds, aiming half-way to the expected end of the last one again and again, so polls
  gather around the end (at most ``FASTEST_POLL`` apart) and are ``poll_interval`` apart while
  it is far off. Past the expected end it backs off again, an eighth of the overrun at a time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Final, Literal

import attrs

__all__ = [
    "DONE_ROUND_STATES",
    "FAILED_STATES",
    "FASTEST_POLL",
    "FINISHED_STATES",
    "Look",
    "PollSchedule",
    "SessionLedger",
    "SessionRequest",
    "verdict",
]

#: Session states after which nothing more happens.
FINISHED_STATES: Final = frozenset({"finished", "terminated"})
FAILED_STATES: Final = frozenset({"failed"})
#: Round states of a round that is over (``Pending`` is the only other one).
DONE_ROUND_STATES: Final = frozenset({"success", "failed", "terminated", "finished"})
#: The shortest pause between polls (unless ``poll_interval`` is shorter): near the end of a
#: session a wait notices it within this and one poll's time.
FASTEST_POLL: Final = 0.15
#: How much longer each pause is while nothing is known yet.
_BACKOFF: Final = 1.5
#: Past the expected end, the pause is this fraction of the overrun.
_OVERRUN: Final = 8
#: How many requests a ledger remembers (the oldest go first).
_LEDGER_SIZE: Final = 512


@attrs.frozen
class SessionRequest:
    """What a client asked of a session: ``rounds_asked`` more rounds when
    ``rounds_done_before`` of its rounds were over and its status was ``status_before``."""

    rounds_done_before: int
    rounds_asked: int
    status_before: str

    @property
    def rounds_expected(self) -> int:
        """How many rounds of the session are over once the request is done."""
        return self.rounds_done_before + self.rounds_asked


class SessionLedger:
    """The last request per session id of one client (thread-safe, bounded)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: OrderedDict[str, SessionRequest] = OrderedDict()

    def record(self, session_id: str, request: SessionRequest) -> None:
        with self._lock:
            self._requests.pop(session_id, None)
            self._requests[session_id] = request
            while len(self._requests) > _LEDGER_SIZE:
                self._requests.popitem(last=False)

    def get(self, session_id: str) -> SessionRequest | None:
        with self._lock:
            return self._requests.get(session_id)


@attrs.frozen
class Look:
    """One look at a session: its ``status`` and its rounds (``done`` are over, ``pending``
    whether one still runs)."""

    status: str
    done: int
    pending: bool


def verdict(
    look: Look, request: SessionRequest | None, *, seen_running: bool
) -> Literal["wait", "over", "failed"]:
    """Whether a wait is over (``over`` or ``failed``) after ``look``.

    ``request`` is what this client asked of the session (None if it asked nothing: then a
    terminal status with no pending round is taken as the end); ``seen_running`` whether an
    earlier look of this wait found the session neither terminal nor unchanged.
    """
    status = look.status.lower()
    if status not in FINISHED_STATES | FAILED_STATES or look.pending:
        return "wait"
    if request is not None and look.done < request.rounds_expected:
        taken_up = seen_running or status != request.status_before.lower()
        if not taken_up:
            return "wait"  # still the status from before the request
    return "failed" if status in FAILED_STATES else "over"


class PollSchedule:
    """When to poll a session next (see the module docstring).

    ``longest`` is the longest pause (``poll_interval``); ``target`` the number of the
    session's rounds that will be over at its end, when known. Feed every look to
    :meth:`observe` and ask :meth:`pause` for the time to the next one; times are
    ``time.monotonic()`` values.
    """

    def __init__(self, *, longest: float, target: int | None, shortest: float = FASTEST_POLL):
        self.longest = longest
        self.shortest = min(shortest, longest)
        self.target = target
        self._backoff = self.shortest
        self._last_look: tuple[float, int] | None = None
        # Where more rounds were found over: (the look before, the look that found it, done).
        # The rounds ended somewhere between the two looks.
        self._changes: list[tuple[float, float, int]] = []
        self._first: tuple[float, int] | None = None

    def observe(self, now: float, done: int) -> None:
        """A look at ``now`` found ``done`` rounds of the session over."""
        if self._last_look is None:
            self._first = (now, done)
        elif done > self._last_look[1]:
            self._changes.append((self._last_look[0], now, done))
        self._last_look = (now, done)

    def expected_end(self) -> float | None:
        """The earliest time the last round is likely over, from the pace of the rounds seen
        so far (a change is placed half-way between the looks around it for the pace, and at
        the look before it for the start of the rest, so the estimate errs early)."""
        if self.target is None or self._first is None or not self._changes:
            return None
        before, after, done = self._changes[-1]
        if len(self._changes) >= 2:
            # From the first change on, so the time before the first round (the server taking
            # up the request) does not count as a round.
            since_before, since_after, since_done = self._changes[0]
            since = (since_before + since_after) / 2
        else:
            since, since_done = self._first
        per_round = ((before + after) / 2 - since) / max(done - since_done, 1)
        return before + max(self.target - done, 0) * per_round

    def pause(self, now: float) -> float:
        """Seconds to wait before the next look."""
        end = self.expected_end()
        if end is None:
            pause = self._backoff
            self._backoff = min(self._backoff * _BACKOFF, self.longest)
        elif end > now:
            pause = (end - now) / 2
        else:
            pause = (now - end) / _OVERRUN
        return min(max(pause, self.shortest), self.longest)
