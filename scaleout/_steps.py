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


class _Step:
    """A step: a small immutable record. Plain ``__slots__`` classes rather than attrs ones,
    as every request makes several of them and the module is on the import path of
    ``import scaleout``."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Step)
            and type(other) is type(self)
            and (other._values() == self._values())
        )

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


def _set(step: _Step, **values: Any) -> None:
    for name, value in values.items():
        object.__setattr__(step, name, value)


class Send(_Step):
    """Send ``request`` through the client (pool, auth, transport); answers the response, with
    its body read unless ``stream``."""

    __slots__ = ("request", "stream")
    request: httpx.Request
    stream: bool

    def __init__(self, request: httpx.Request, stream: bool = False) -> None:
        _set(self, request=request, stream=stream)


class Read(_Step):
    """Read the rest of a streamed ``response``'s body; answers ``None``."""

    __slots__ = ("response",)
    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        _set(self, response=response)


class Chunks(_Step):
    """Start reading a streamed ``response``'s decoded body in ``size``-byte chunks; answers a
    handle for :class:`NextChunk`."""

    __slots__ = ("response", "size")
    response: httpx.Response
    size: int

    def __init__(self, response: httpx.Response, size: int) -> None:
        _set(self, response=response, size=size)


class NextChunk(_Step):
    """The next chunk of a :class:`Chunks` handle; ``b""`` at the end of the body."""

    __slots__ = ("chunks",)
    chunks: Any

    def __init__(self, chunks: Any) -> None:
        _set(self, chunks=chunks)


class Close(_Step):
    """Close ``response`` (release its connection); answers ``None``."""

    __slots__ = ("response",)
    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        _set(self, response=response)


class Sleep(_Step):
    """Wait ``seconds``; answers ``None``."""

    __slots__ = ("seconds",)
    seconds: float

    def __init__(self, seconds: float) -> None:
        _set(self, seconds=seconds)


class Blocking(_Step):
    """Call ``function(*args)``, which blocks (file I/O): in a worker thread when async."""

    __slots__ = ("function", "args")
    function: Callable[..., Any]
    args: tuple[Any, ...]

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...] = ()) -> None:
        _set(self, function=function, args=args)


class Invoke(_Step):
    """Call a user callback; the async client also awaits what it returns, if awaitable."""

    __slots__ = ("function", "args")
    function: Callable[..., Any]
    args: tuple[Any, ...]

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...] = ()) -> None:
        _set(self, function=function, args=args)


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
