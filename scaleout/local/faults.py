"""Faults injected on demand, for tests of code that drives a controller.

:class:`Faults` (``LocalController.faults``) holds two kinds:

* request faults: the next requests to an operation, named by the spec's operationId
  (``get_session``, ``list_models``...), are answered with an error status and the spec's
  error body ``{"message": ...}`` instead of being handled: what an overloaded controller or
  the proxy in front of it answers (503, 429 with ``Retry-After``, 401 ``Token expired``).
  :class:`FaultInjection`, an ASGI middleware placed after routing (so it knows the
  operation) and before security and validation, answers them;
* federation faults: a simulated client drops out during a given round of the next session
  run, or that run fails when it reaches a given round. The round runner asks
  :meth:`Faults.at_round_start` at the start of every round.

Each fault fires as often as asked and then is spent; :meth:`Faults.clear` withdraws those
not yet spent. Request faults also count what they see (:meth:`Faults.calls`), so a test can
check that the code under test retried.
"""

from __future__ import annotations

import difflib
import http
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from .errors import error_body
from .limits import ASGIApp, Receive, Scope, Send, operation_of

__all__ = [
    "ANY_OPERATION",
    "ClientDrop",
    "FaultInjection",
    "Faults",
    "RequestFault",
    "SessionFailure",
]

#: Stands for every operation in :meth:`Faults.fail` and its shorthands.
ANY_OPERATION = "*"

_MESSAGES = {
    401: "Token expired",
    429: "Too many requests",
    500: "An unexpected error occurred",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


@dataclass
class RequestFault:
    """Answer requests to ``operations`` with ``status``: ``times`` of them (every one while
    ``times`` is None), after letting the first ``after`` through."""

    operations: frozenset[str]
    status: int
    message: str
    headers: tuple[tuple[str, str], ...] = ()
    times: int | None = 1
    after: int = 0
    #: Requests answered with this fault so far.
    hits: int = 0
    #: Requests to its operations seen so far, answered by it or let through.
    seen: int = 0

    @property
    def spent(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, operation: str) -> bool:
        return ANY_OPERATION in self.operations or operation in self.operations


@dataclass
class ClientDrop:
    """``client`` (a name or client id) drops out once round ``at_round`` of a session run
    has started: it never sends that round's update and is offline from then on."""

    client: str
    at_round: int
    fired: bool = False


@dataclass
class SessionFailure:
    """The next session run fails when it reaches its round ``at_round``."""

    at_round: int
    message: str
    fired: bool = False


@dataclass
class RoundFaults:
    """What happens to a round that starts: clients that drop out, and a session failure."""

    drops: list[str] = field(default_factory=list)
    failure: str | None = None


class Faults:
    """The faults of one controller; every method is safe to call from any thread."""

    def __init__(
        self, operations: Collection[str], clients: Mapping[str, str] | None = None
    ) -> None:
        self._operations = frozenset(operations)
        self._clients = dict(clients or {})  # name -> client id
        self._lock = threading.Lock()
        self._requests: list[RequestFault] = []
        self._drops: list[ClientDrop] = []
        self._failures: list[SessionFailure] = []
        self._calls: Counter[str] = Counter()

    # -- request faults -------------------------------------------------------------------------

    def fail(
        self,
        operation: str | Iterable[str],
        *,
        status: int = 503,
        times: int | None = 1,
        after: int = 0,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> RequestFault:
        """Answer the next ``times`` requests to ``operation`` (an operationId, several, or
        ``"*"`` for all) with ``status`` and ``{"message": message}``, after letting ``after``
        of them through. ``times=None`` fails every request until :meth:`clear`."""
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), not {status!r}")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int)):
            raise TypeError("times must be an int or None")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for every request)")
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise ValueError("after must be an int >= 0")
        fault = RequestFault(
            operations=self._check_operations(operation),
            status=status,
            message=message if message is not None else _default_message(status),
            headers=tuple((str(k), str(v)) for k, v in (headers or {}).items()),
            times=times,
            after=after,
        )
        with self._lock:
            self._requests.append(fault)
        return fault

    def unavailable(
        self,
        operation: str | Iterable[str],
        *,
        times: int | None = 1,
        after: int = 0,
        retry_after: int | None = None,
    ) -> RequestFault:
        """503 Service unavailable, with ``Retry-After`` seconds if given."""
        return self.fail(
            operation, status=503, times=times, after=after, headers=_retry_after(retry_after)
        )

    def rate_limit(
        self,
        operation: str | Iterable[str],
        *,
        times: int | None = 1,
        after: int = 0,
        retry_after: int = 1,
    ) -> RequestFault:
        """429 Too many requests with ``Retry-After: <retry_after>`` (seconds)."""
        return self.fail(
            operation, status=429, times=times, after=after, headers=_retry_after(retry_after)
        )

    def expire_token(
        self, operation: str | Iterable[str], *, times: int | None = 1, after: int = 0
    ) -> RequestFault:
        """401 ``Token expired``, as if the access token ran out just before the request."""
        return self.fail(operation, status=401, times=times, after=after)

    def calls(self, operation: str) -> int:
        """How many requests to ``operation`` arrived (failed by a fault or not)."""
        self._check_operations(operation)
        with self._lock:
            return self._calls[operation]

    def take(self, operation: str) -> RequestFault | None:
        """Count a request to ``operation``; the fault that answers it, if any (middleware)."""
        with self._lock:
            self._calls[operation] += 1
            for fault in self._requests:
                if fault.spent or not fault.matches(operation):
                    continue
                fault.seen += 1
                if fault.seen > fault.after:
                    fault.hits += 1
                    return fault
            return None

    # -- federation faults ----------------------------------------------------------------------

    def drop_client(self, client: str, *, at_round: int = 1) -> ClientDrop:
        """``client`` (name or id) drops out in the middle of round ``at_round`` (counted in
        the session, from 1) of the next session run: it was selected, never sends an update
        (the round waits its ``round_timeout`` for it, as a combiner does) and is offline from
        then on. ``LocalController.reset_client_behaviour`` brings it back."""
        if client not in self._clients and client not in self._clients.values():
            known = ", ".join(self._clients) or "none"
            raise ValueError(f"no simulated client {client!r} (clients: {known})")
        drop = ClientDrop(client=client, at_round=_check_round(at_round))
        with self._lock:
            self._drops.append(drop)
        return drop

    def fail_session(
        self, *, at_round: int = 1, message: str = "simulated session failure"
    ) -> SessionFailure:
        """The next session run fails when it reaches its round ``at_round``: that round is
        ``Failed``, the session ``Failed``, with an ERROR status carrying ``message``."""
        failure = SessionFailure(at_round=_check_round(at_round), message=str(message))
        with self._lock:
            self._failures.append(failure)
        return failure

    def at_round_start(self, session_round: int) -> RoundFaults:
        """The faults that fire as a session's round ``session_round`` starts (round runner)."""
        found = RoundFaults()
        with self._lock:
            for drop in self._drops:
                if not drop.fired and drop.at_round == session_round:
                    drop.fired = True
                    found.drops.append(drop.client)
            for failure in self._failures:
                if not failure.fired and failure.at_round == session_round:
                    failure.fired = True
                    found.failure = failure.message
                    break
            self._drops = [d for d in self._drops if not d.fired]
            self._failures = [f for f in self._failures if not f.fired]
        return found

    # -- all ------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Withdraw every fault not yet spent (call counts are kept)."""
        with self._lock:
            self._requests.clear()
            self._drops.clear()
            self._failures.clear()

    @property
    def pending(self) -> list[RequestFault | ClientDrop | SessionFailure]:
        """The faults that have yet to fire (fully)."""
        with self._lock:
            requests: list[RequestFault | ClientDrop | SessionFailure] = [
                f for f in self._requests if not f.spent
            ]
            return requests + [*self._drops, *self._failures]

    def _check_operations(self, operation: str | Iterable[str]) -> frozenset[str]:
        names = frozenset([operation] if isinstance(operation, str) else operation)
        if not names:
            raise ValueError("name at least one operation")
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"operations are operationId strings, not {name!r}")
            if name != ANY_OPERATION and name not in self._operations:
                close = difflib.get_close_matches(name, sorted(self._operations), n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise ValueError(f"the spec has no operation {name!r}{hint}")
        return names


def _default_message(status: int) -> str:
    if status in _MESSAGES:
        return _MESSAGES[status]
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _retry_after(seconds: int | None) -> dict[str, str]:
    if seconds is None:
        return {}
    # HTTP's Retry-After in seconds is a whole number.
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
        raise ValueError("retry_after must be a whole number of seconds >= 0")
    return {"Retry-After": str(seconds)}


def _check_round(at_round: int) -> int:
    if isinstance(at_round, bool) or not isinstance(at_round, int) or at_round < 1:
        raise ValueError("at_round must be an int >= 1 (the session's first round is 1)")
    return at_round


class FaultInjection:
    """Answers a request with the fault :meth:`Faults.take` gives for its operation."""

    def __init__(self, app: ASGIApp, *, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        operation = operation_of(scope) if scope.get("type") == "http" else None
        fault = self.faults.take(operation) if operation is not None else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        body = error_body(fault.message)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *(
                (name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in fault.headers
            ),
        ]
        await send({"type": "http.response.start", "status": fault.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
