"""Training sessions, their rounds, and control of the running session."""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

from .. import _validation as check
from .._exceptions import (
    APITimeoutError,
    InvalidArgumentError,
    NotFoundError,
    ScaleoutError,
    SessionStateError,
    WaitTimeoutError,
)
from .._methods import Listing, listing, operation
from .._paging import DEFAULT_PAGE_SIZE
from .._steps import Steps, invoke, sleep
from .._waiting import (
    DONE_ROUND_STATES,
    FAILED_STATES,
    FINISHED_STATES,
    Look,
    PollSchedule,
    SessionRequest,
    verdict,
)
from ._base import Resource, given, optional_text

if TYPE_CHECKING:
    from scaleout_api.schemas import (
        Aggregator,
        AggregatorKwargs,
        Helper,
        Message,
        Round,
        RoundList,
        Session,
        SessionList,
        SessionStatus,
    )

    from ..types import SessionStarted

logger = logging.getLogger("scaleout")


#: Called with each round that is over; ``AsyncScaleout`` also awaits what it returns.
RoundCallback = Callable[["Round"], object]


def server_functions_source(server_functions: object) -> str | None:
    """The Python source the server runs for ``server_functions``.

    Takes a class, an instance of one (its class is used), or source text.
    """
    if server_functions is None:
        return None
    if isinstance(server_functions, str):
        return check.require_str("server_functions", server_functions)
    cls = server_functions if inspect.isclass(server_functions) else type(server_functions)
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError) as exc:
        raise InvalidArgumentError(
            f"server_functions: cannot read the source of {cls.__qualname__} ({exc}); classes "
            "defined in a REPL or notebook have no source file. Define it in a .py module, or "
            "pass its source as a str."
        ) from exc


class SessionsResource(Resource):
    @operation
    def get_session(self, id: str | None = None, name: str | None = None) -> Steps[Session]:
        """Get a session by id or by name.

        :param id: The session id.
        :param name: The session name (used when ``id`` is not given).
        :return: The session.
        :raises NotFoundError: If there is no such session.
        :raises ValueError: If neither ``id`` nor ``name`` is given.
        """
        from scaleout_api.api.sessions import get_session, list_sessions

        session_id = check.optional_id("id", id)
        session_name = check.optional_str("name", name)
        if session_id is not None:
            return (yield from self._call(get_session.build_request(session_id)))
        if session_name is None:
            raise InvalidArgumentError("get_session needs id or name")
        request = list_sessions.build_request(name=session_name, x_limit=1)
        found = (yield from self._call(request)).get("result") or []
        if not found:
            raise NotFoundError(
                f"no session named {session_name!r}",
                status_code=404,
                method=request.method,
                url=self._caller.core.base_url.join(request.url),
            )
        return found[0]

    @operation
    def get_sessions(self, n_max: int | None = None, name: str | None = None) -> Steps[SessionList]:
        """Get sessions, newest first.

        :param n_max: The maximum number of sessions to get (``None`` or 0: all).
        :param name: Only sessions with this name.
        :return: ``{"count": <total>, "result": [session, ...]}``.
        """
        from scaleout_api.api.sessions import list_sessions

        session_name = check.optional_str("name", name)
        request = list_sessions.build_request(
            name=given(session_name), x_limit=given(check.n_max(n_max))
        )
        return (yield from self._call(request))

    @operation
    def get_sessions_count(self) -> Steps[int]:
        """Get the number of sessions.

        :return: The number of sessions.
        """
        from scaleout_api.api.sessions import count_sessions

        return (yield from self._call(count_sessions.build_request()))

    @operation
    def get_session_status(self, id: str) -> Steps[SessionStatus]:
        """Get the status of a session (``Created``, ``Started``, ``Finished``, ...).

        :param id: The session id.
        :return: The status.
        :raises NotFoundError: If there is no such session.
        """
        status = (yield from self.get_session(id)).get("status")
        return cast("SessionStatus", str(status)) if status is not None else "Created"

    @operation
    def session_is_finished(self, id: str) -> Steps[bool]:
        """Whether a session has finished.

        :param id: The session id.
        :return: ``True`` if its status is ``Finished``.
        """
        return (yield from self.get_session_status(id)).lower() == "finished"

    @operation
    def start_session(
        self,
        name: str | None = None,
        aggregator: Aggregator = "fedavg",
        aggregator_kwargs: AggregatorKwargs | None = None,
        model_id: str | None = None,
        round_timeout: float = 180,
        rounds: int = 5,
        round_buffer_size: int = -1,
        delete_models: bool = True,
        validate: bool = True,
        helper: Helper | None = None,
        min_clients: int = 1,
        requested_clients: int = 8,
        server_functions: object = None,
    ) -> Steps[SessionStarted]:
        """Create a session and start it.

        :param name: The name of the session.
        :param aggregator: The aggregator (``fedavg`` or ``fedopt``).
        :param aggregator_kwargs: Options of the aggregator, e.g. ``{"serveropt": "adam"}``.
        :param model_id: The model to start from; the newest model when ``None``.
        :param round_timeout: Seconds a round may take.
        :param rounds: The number of rounds.
        :param round_buffer_size: The round buffer size (-1: none).
        :param delete_models: Delete the combiners' intermediate models (saves storage).
        :param validate: Validate the model after each round.
        :param helper: The model helper; the server's active helper when ``None``, or
            ``numpyhelper`` if none is set.
        :param min_clients: The minimum number of clients a round needs.
        :param requested_clients: How many clients a round asks for.
        :param server_functions: A ServerFunctionsBase subclass (or its source) to run on the
            server.
        :return: The server's answer plus ``session_id``.
        :raises ScaleoutError: If there is no model to start from.
        """
        from scaleout_api.api.sessions import create_session
        from scaleout_api.models import AggregatorKwargs as KwargsModel
        from scaleout_api.models import SessionConfig, SessionCreate
        from scaleout_api.schemas import Aggregator, Helper, ServerOptimizer

        session_name = check.optional_str("name", name)
        check.require_choice("aggregator", aggregator, Aggregator)
        kwargs = check.require_mapping("aggregator_kwargs", aggregator_kwargs, allow_none=True)
        if kwargs is not None and "serveropt" in kwargs:
            check.require_choice(
                "aggregator_kwargs['serveropt']", kwargs["serveropt"], ServerOptimizer
            )
        start_model = check.optional_str("model_id", model_id)
        check.require_positive_number("round_timeout", round_timeout)
        check.require_int("rounds", rounds, minimum=1)
        check.require_int("round_buffer_size", round_buffer_size)
        if round_buffer_size == 0 or round_buffer_size < -1:
            raise InvalidArgumentError(
                f"round_buffer_size must be >= 1, or -1 for no buffer; got {round_buffer_size}"
            )
        check.require_bool("delete_models", delete_models)
        check.require_bool("validate", validate)
        check.require_choice("helper", helper, Helper, allow_none=True)
        check.require_int("min_clients", min_clients, minimum=1)
        check.require_int("requested_clients", requested_clients, minimum=1)
        source = server_functions_source(server_functions)

        if start_model is None:
            newest = yield from self._newest_model()
            if newest is None:
                raise ScaleoutError(
                    "start_session: there is no model to start from; upload a seed model with "
                    "set_active_model() or pass model_id"
                )
            start_model = str(newest["model_id"])
        chosen_helper = helper if helper is not None else (yield from self._active_helper())

        config = SessionConfig(
            aggregator=aggregator,
            aggregator_kwargs=None if kwargs is None else KwargsModel.from_dict(kwargs),
            rounds=rounds,
            round_timeout=round_timeout,
            buffer_size=round_buffer_size,
            model_id=start_model,
            delete_models_storage=delete_models,
            clients_required=min_clients,
            requested_clients=requested_clients,
            validate=validate,
            helper_type=chosen_helper,
            server_functions=source,
        )
        body = SessionCreate(name=session_name, seed_model_id=start_model, session_config=config)
        created = yield from self._call(create_session.build_request(body=body))
        session_id = created.get("session_id") if isinstance(created, dict) else None
        if not isinstance(session_id, str) or not session_id:
            raise ScaleoutError("start_session: the server created a session without a session_id")
        started = yield from self._start(session_id, rounds, round_timeout)
        self._caller.core.session_requests.record(
            session_id,
            SessionRequest(rounds_done_before=0, rounds_asked=rounds, status_before="Created"),
        )
        return {**started, "session_id": session_id}

    @operation
    def continue_session(
        self, session_id: str, rounds: int = 5, round_timeout: float = 180
    ) -> Steps[SessionStarted]:
        """Run more rounds of a session that is not running, from its newest model.

        :param session_id: The session id.
        :param rounds: The number of rounds to add.
        :param round_timeout: Seconds a round may take.
        :return: The server's answer plus ``session_id``.
        :raises NotFoundError: If there is no such session.
        :raises SessionStateError: If the session is running, or this client started or
            continued it and the rounds it asked for are not over yet (the controller may not
            have taken that request up: the session still shows its old status).
        """
        sid = check.require_id("session_id", session_id)
        check.require_int("rounds", rounds, minimum=1)
        check.require_positive_number("round_timeout", round_timeout)
        status = yield from self.get_session_status(sid)
        if status.lower() == "started":
            raise SessionStateError(
                f"session {sid} is still running (status {status}); wait for it to finish",
                status=status,
            )
        rounds_now = yield from self._session_rounds(sid)
        done_before = _rounds_over(rounds_now)
        asked = self._caller.core.session_requests.get(sid)
        look = Look(status=status, done=done_before, pending=_any_pending(rounds_now))
        if asked is not None and verdict(look, asked, seen_running=False) == "wait":
            raise SessionStateError(
                f"session {sid} is still running: {done_before} of the "
                f"{asked.rounds_expected} round(s) asked for are over (status {status}); "
                "wait for it to finish (wait_for_session)",
                status=status,
            )
        started = yield from self._start(sid, rounds, round_timeout)
        self._caller.core.session_requests.record(
            sid,
            SessionRequest(
                rounds_done_before=done_before, rounds_asked=rounds, status_before=status
            ),
        )
        return {**started, "session_id": sid}

    @operation
    def step_current_session(self) -> Steps[Message]:
        """Tell the running session to go on to its next step without waiting any longer.

        :return: The server's answer.
        """
        from scaleout_api.api.controller import continue_current_session

        return (yield from self._call(continue_current_session.build_request()))

    @operation
    def stop_current_session(self) -> Steps[Message]:
        """Tell the running session to stop after the current round.

        :return: The server's answer.
        """
        from scaleout_api.api.controller import stop_current_session

        return (yield from self._call(stop_current_session.build_request()))

    @operation
    def wait_for_session(
        self,
        session_id: str,
        *,
        timeout: float = 3600.0,
        poll_interval: float = 2.0,
        on_round: RoundCallback | None = None,
    ) -> Steps[Session]:
        """Wait until a session is over and return it.

        What "over" means: the session's status is ``Finished`` or ``Terminated`` (or
        ``Failed``: then :class:`SessionStateError`), no round of it is still pending, and,
        if this client started or continued it, the rounds it asked for are over: as many of
        the session's rounds as were over when it asked, plus the rounds it asked for. A
        controller takes up a start or continue after answering it and reports the status
        from before for a while; the wait does not take that old status for the end. Only
        when the session was visibly taken up (the wait saw it running, or its status changed)
        does it accept an end with fewer rounds (a session stopped or failed early). A client
        that neither started nor continued the session knows of no request: it takes the
        first terminal status with no pending round as the end (so right after another
        client continued the session, it may see the old one).

        Polling (each poll reads the session and its rounds): soon after the wait starts,
        then less and less often, up to ``poll_interval`` apart; once rounds finish, at their
        pace, more often as the expected end of the last round nears (down to 0.15 s apart),
        so the end is noticed within about 0.15 s plus one poll, while a long session is
        polled about once per ``poll_interval``.

        :param session_id: The session id.
        :param timeout: Seconds to wait at most, all polls included: each poll is also held
            to what is left of them.
        :param poll_interval: The longest pause between two polls, in seconds (polls come
            sooner near the expected end, and never closer than 0.15 s unless
            ``poll_interval`` is shorter).
        :param on_round: Called once with each round of the session that is over, in order.
        :return: The session, once it is over (status ``Finished`` or ``Terminated``).
        :raises WaitTimeoutError: If it is not over after ``timeout`` seconds (also when
            the time runs out during a poll).
        :raises SessionStateError: If the session failed.
        """
        sid = check.require_id("session_id", session_id)
        check.require_positive_number("timeout", timeout)
        check.require_positive_number("poll_interval", poll_interval)
        if on_round is not None and not callable(on_round):
            raise check.ArgumentTypeError("on_round must be callable")
        deadline = time.monotonic() + timeout
        polling = self._within(timeout)
        asked = self._caller.core.session_requests.get(sid)
        schedule: PollSchedule | None = None
        reported: set[str] = set()
        seen_running = False
        look = Look(status="Created", done=0, pending=False)
        while True:
            try:
                session = yield from polling.get_session(sid)
                rounds = yield from polling._session_rounds(sid)
            except APITimeoutError as exc:
                if time.monotonic() < deadline:
                    raise  # the poll itself timed out, before the wait's time was up
                raise WaitTimeoutError(_still(sid, look, asked, timeout)) from exc
            look = Look(
                status=str(session.get("status") or "Created"),
                done=_rounds_over(rounds),
                pending=_any_pending(rounds),
            )
            if on_round is not None:
                yield from _report_rounds(rounds, reported, on_round)
            over = verdict(look, asked, seen_running=seen_running)
            if over == "over":
                return session
            if over == "failed":
                raise SessionStateError(f"session {sid} failed", status=look.status)
            status = look.status.lower()
            if status not in FINISHED_STATES | FAILED_STATES or (
                asked is not None and status != asked.status_before.lower()
            ):
                seen_running = True
            now = time.monotonic()
            if schedule is None:
                schedule = PollSchedule(longest=poll_interval, target=_target(session, look, asked))
            schedule.observe(now, look.done)
            remaining = deadline - now
            if remaining <= 0:
                raise WaitTimeoutError(_still(sid, look, asked, timeout))
            yield from sleep(min(schedule.pause(now), remaining))

    @listing
    def iter_sessions(
        self, *, filters: Mapping[str, object] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Listing[Session]:
        """Every session matching ``filters`` (e.g. ``{"status": "Finished"}``), oldest first."""
        from scaleout_api.api.sessions import list_sessions

        return self._walk(list_sessions.build_request, page_size, filters)

    @operation
    def get_round(self, id: str) -> Steps[Round]:
        """Get a round by its id.

        :param id: The round id.
        :return: The round.
        :raises NotFoundError: If there is no such round.
        """
        from scaleout_api.api.rounds import get_round

        return (yield from self._call(get_round.build_request(check.require_id("id", id))))

    @operation
    def get_rounds(
        self, n_max: int | None = None, filter: Mapping[str, object] | None = None
    ) -> Steps[RoundList]:
        """Get rounds, newest first.

        :param n_max: The maximum number of rounds to get (``None`` or 0: all).
        :param filter: Field filters, e.g. ``{"status": "Success"}``; ``None`` values match null
            and booleans are sent as ``true``/``false``.
        :return: ``{"count": <total>, "result": [round, ...]}``.
        """
        from scaleout_api.api.rounds import list_rounds

        extra = check.filters("filter", filter)
        request = list_rounds.build_request(x_limit=given(check.n_max(n_max)))
        return (yield from self._call(request, extra_params=extra))

    @operation
    def get_rounds_count(self) -> Steps[int]:
        """Get the number of rounds.

        :return: The number of rounds.
        """
        from scaleout_api.api.rounds import count_rounds

        return (yield from self._call(count_rounds.build_request()))

    @listing
    def iter_rounds(
        self,
        session_id: str | None = None,
        *,
        filters: Mapping[str, object] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Listing[Round]:
        """Every round (of one session, if given) matching ``filters``, oldest first.

        A round belongs to the session named in its ``round_config.session_id``; rounds of
        other sessions are left out even from a controller that ignores the filter.
        """
        from scaleout_api.api.rounds import list_rounds

        sid = optional_text("session_id", session_id)
        build = functools.partial(list_rounds.build_request, round_config_session_id=sid)
        return self._walk(build, page_size, filters)

    def _start(self, session_id: str, rounds: int, round_timeout: float) -> Steps[Message]:
        from scaleout_api.api.sessions import start_session
        from scaleout_api.models import SessionStartRequest

        body = SessionStartRequest(
            session_id=session_id, rounds=rounds, round_timeout=round_timeout
        )
        return (yield from self._call(start_session.build_request(body=body)))

    def _active_helper(self) -> Steps[Helper]:
        """The server's active helper; ``numpyhelper`` when none is set (404, or 400 on Edge)."""
        return (yield from self._current_helper()) or "numpyhelper"

    def _session_rounds(self, session_id: str) -> Steps[list[Round]]:
        """The rounds of a session, oldest first."""
        return (yield from self.iter_rounds(session_id).everything())


def _round_status(round_: Round) -> str:
    return str(round_.get("status") or "").lower()


def _any_pending(rounds: list[Round]) -> bool:
    return any(_round_status(r) not in DONE_ROUND_STATES for r in rounds)


def _rounds_over(rounds: list[Round]) -> int:
    return sum(1 for r in rounds if _round_status(r) in DONE_ROUND_STATES)


def _target(session: Session, look: Look, asked: SessionRequest | None) -> int | None:
    """How many of the session's rounds will be over at its end, for the poll schedule: what
    this client asked for, else the session's configured rounds if not yet reached."""
    if asked is not None:
        return asked.rounds_expected
    config = session.get("session_config")
    configured = config.get("rounds") if isinstance(config, dict) else None
    if isinstance(configured, int) and configured > look.done:
        return configured
    return None


def _still(session_id: str, look: Look, asked: SessionRequest | None, timeout: float) -> str:
    """The message of a wait that timed out."""
    done = f"{look.done} of {asked.rounds_expected}" if asked is not None else str(look.done)
    plural = "round" if done == "1" else "rounds"
    return (
        f"session {session_id} is still {look.status} after waiting {timeout:g} s "
        f"({done} {plural} done)"
    )


def _report_rounds(rounds: list[Round], reported: set[str], on_round: RoundCallback) -> Steps[None]:
    for round_ in rounds:
        round_id = str(round_.get("round_id"))
        if round_id not in reported and _round_status(round_) in DONE_ROUND_STATES:
            reported.add(round_id)
            yield from invoke(on_round, round_)
