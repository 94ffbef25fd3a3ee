"""Steps: how one definition of each operation serves both the sync and the async client.

A method of the SDK (and the HTTP core beneath it, and the retry loop beneath that) is written
once, as a generator that ``yield``\\s the I/O it needs as a :class:`Step` and receives the
result: "send this request", "read the next chunk of this body", "sleep", "run this blocking
function"... It holds every decision (arguments, shaping, retries, error mapping, protocol
logic) and performs no I/O itself.

:func:`drive` performs the steps with blocking calls; :func:`drive_async` awaits them (and runs
blocking functions in a worker thread, off the event loop). These two loops are the only code
that differs between ``Scaleout`` and ``AsyncScaleout``. An exception raised by a step (a
network error, a cancellation) is thrown into the generator at its ``yield``, so its own
``except``/``finally`` blocks clean up (abort an upload, remove a partial file) either way.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from typing import Any, TypeAlias, TypeVar

import attrs
import httpx

__all__ = [
    "Blocking",
    "Chunks",
    "Close",
    "Invoke",
    "NextChunk",
    "Read",
    "Send",
    "Sleep",
    "Step",
    "Steps",
    "blocking",
    "drive",
    "drive_async",
    "invoke",
    "sleep",
]

R = TypeVar("R")


@attrs.frozen
class Send:
    """Send ``request`` through the client (pool, auth, transport); answers the response, with
    its body read unless ``stream``."""

    request: httpx.Request
    stream: bool = False


@attrs.frozen
class Read:
    """Read the rest of a streamed ``response``'s body; answers ``None``."""

    response: httpx.Response


@attrs.frozen
class Chunks:
    """Start reading a streamed ``response``'s decoded body in ``size``-byte chunks; answers a
    handle for :class:`NextChunk`."""

    response: httpx.Response
    size: int


@attrs.frozen
class NextChunk:
    """The next chunk of a :class:`Chunks` handle; ``b""`` at the end of the body."""

    chunks: Any


@attrs.frozen
class Close:
    """Close ``response`` (release its connection); answers ``None``."""

    response: httpx.Response


@attrs.frozen
class Sleep:
    seconds: float


@attrs.frozen
class Blocking:
    """Call ``function(*args)``, which blocks (file I/O): in a worker thread when async."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()


@attrs.frozen
class Invoke:
    """Call a user callback; the async client also awaits what it returns, if awaitable."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()


Step: TypeAlias = Send | Read | Chunks | NextChunk | Close | Sleep | Blocking | Invoke
#: An operation written as steps, whose result is ``R``.
Steps: TypeAlias = Generator[Step, Any, R]


def blocking(function: Callable[..., R], *args: Any) -> Steps[R]:
    """``function(*args)`` as a step, typed."""
    result: R = yield Blocking(function, args)
    return result


def sleep(seconds: float) -> Steps[None]:
    yield Sleep(seconds)


def invoke(function: Callable[..., Any], *args: Any) -> Steps[Any]:
    return (yield Invoke(function, args))


async def drive_async(steps: Steps[R], handle: Callable[[Step], Any]) -> R:
    """Run ``steps`` to the end, performing each with ``handle`` and awaiting what it returns
    when that is awaitable. The one loop behind both clients: :func:`drive` runs it without
    an event loop, for handlers that never return an awaitable."""
    answer: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = steps.send(answer) if error is None else steps.throw(error)
        except StopIteration as stop:
            result: R = stop.value
            return result
        finally:
            error = None  # no reference cycle through the traceback
        try:
            answer = handle(step)
            if inspect.isawaitable(answer):
                answer = await answer
        except BaseException as exc:
            answer, error = None, exc


def drive(steps: Steps[R], handle: Callable[[Step], Any]) -> R:
    """Run ``steps`` to the end with blocking ``handle``: :func:`drive_async`, which never
    suspends when nothing is awaitable, run to its end in one go."""
    run = drive_async(steps, handle)
    try:
        run.send(None)
    except StopIteration as done:
        result: R = done.value
        return result
    run.close()
    raise RuntimeError("a blocking step handler returned an awaitable")
