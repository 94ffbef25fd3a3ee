"""A retrying httpx transport.

Retrying at the transport layer (below auth and redirects) means each individual HTTP
exchange is retried, including the token-refresh request an auth flow yields.

Assumption: request bodies are replayable. The SDK only sends ``bytes`` bodies (JSON, form data,
upload chunks), which httpx wraps in :class:`httpx.ByteStream` and can send again. A request
with any other stream (e.g. a generator) is only retried on errors that prove nothing was sent.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import random as _random
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Final

import httpx

from . import _extensions
from ._exceptions import ArgumentTypeError, InvalidArgumentError
from ._steps import Close, Read, Send, Sleep, Step, Steps, drive, drive_async

__all__ = [
    "AsyncRetryTransport",
    "DEFAULT_MAX_RETRIES",
    "IDEMPOTENT_METHODS",
    "MAX_RETRIES_EXTENSION",
    "RETRY_STATUS_CODES",
    "RetryTransport",
    "parse_retry_after",
]

logger = logging.getLogger("scaleout.http")

DEFAULT_MAX_RETRIES: Final = 2
MAX_RETRIES_EXTENSION: Final = _extensions.MAX_RETRIES
IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUS_CODES: Final = frozenset({429, 502, 503, 504})

# The connection was never established (or never obtained from the pool), so the server cannot
# have seen the request and even a POST is safe to send again.
_NOT_SENT_ERRORS: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The request may have reached the server; only safe when repeating it changes nothing.
_MAYBE_SENT_ERRORS: Final = (
    httpx.ReadTimeout,
    httpx.ReadError,
    httpx.RemoteProtocolError,
    httpx.WriteError,
)


class _RetryPolicy:
    """When and after how long to resend a request: the one retry policy of the SDK.

    * connect errors, connect timeouts and pool timeouts: any method;
    * read/write errors, read timeouts, protocol errors: idempotent methods only;
    * status 429/502/503/504: idempotent methods only, honouring ``Retry-After``.

    Idempotent means GET, HEAD, OPTIONS, PUT, DELETE, or any request marked
    ``request.extensions["scaleout_idempotent"]`` (an upload chunk: resending an index is
    harmless). ``request.extensions["scaleout_max_retries"]`` overrides ``max_retries``.
    This is the SDK's only retry loop, written once as steps (:meth:`attempts`) for the sync
    and the async transport: no caller retries on top of it.

    The body of an answer is read here, inside the loop (unless the caller streams it, see
    ``scaleout_stream``), so an answer cut off in the middle of its body is retried like any
    other failure that may have reached the server. ``request.extensions["scaleout_deadline"]``
    is the ``time.monotonic()`` by which the whole call must be over: every attempt's
    timeouts are capped by the time left, the body is read only until then, and no retry
    waits past it (a ``Retry-After`` beyond it ends the call with the answer at hand).
    """

    # How each flavour sends through the wrapped transport, reads and closes a response, and
    # sleeps.
    _send: Callable[[httpx.Request], Any]
    _read: Callable[[httpx.Response], Any]
    _close: Callable[[httpx.Response], Any]
    _sleep: Callable[[float], Any]

    def __init__(
        self,
        *,
        max_retries: int = DEFAULT_MAX_RETRIES,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_max: float = 60.0,
        random: Callable[[], float] = _random.random,
    ) -> None:
        _check_max_retries(max_retries)
        self._max_retries = max_retries
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._retry_after_max = retry_after_max
        self._random = random

    @property
    def max_retries(self) -> int:
        return self._max_retries

    def attempts(self, request: httpx.Request) -> Steps[httpx.Response]:
        """Send ``request`` (a :class:`Send` step), resending it while the policy allows."""
        max_retries = self._max_retries_for(request)
        idempotent = request.method.upper() in IDEMPOTENT_METHODS or bool(
            request.extensions.get(_extensions.IDEMPOTENT)
        )
        replayable = isinstance(request.stream, httpx.ByteStream)
        streamed = bool(request.extensions.get(_extensions.STREAM))
        deadline: float | None = request.extensions.get(_extensions.DEADLINE)
        retries = 0
        while True:
            _cap_timeouts(request, deadline)
            try:
                response: httpx.Response = yield Send(request)
                if not streamed:
                    try:
                        _hold_to(response, deadline, request)
                        yield Read(response)
                    except BaseException:
                        yield Close(response)
                        raise
            except httpx.TransportError as exc:
                if retries >= max_retries or not self._may_retry_error(exc, idempotent, replayable):
                    raise
                delay = self._backoff(retries)
                if not _time_left_for(delay, deadline):
                    raise
                reason = type(exc).__name__
            else:
                if (
                    retries >= max_retries
                    or response.status_code not in RETRY_STATUS_CODES
                    or not (idempotent and replayable)
                ):
                    return response
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                if retry_after is not None:
                    delay = min(retry_after, self._retry_after_max)
                else:
                    delay = self._backoff(retries)
                if not _time_left_for(delay, deadline):
                    return response  # waiting would overrun the call's deadline
                reason = f"status {response.status_code}"
                # Free the pooled connection before waiting.
                yield Close(response)
            retries += 1
            logger.debug(
                "Retrying %s %s (attempt %d/%d) after %s in %.2fs",
                request.method,
                request.url.path,
                retries,
                max_retries,
                reason,
                delay,
            )
            yield Sleep(delay)

    def _max_retries_for(self, request: httpx.Request) -> int:
        override = request.extensions.get(MAX_RETRIES_EXTENSION)
        if override is None:
            return self._max_retries
        _check_max_retries(override)
        return int(override)

    @staticmethod
    def _may_retry_error(exc: httpx.TransportError, idempotent: bool, replayable: bool) -> bool:
        if isinstance(exc, _NOT_SENT_ERRORS):
            return True
        return isinstance(exc, _MAYBE_SENT_ERRORS) and idempotent and replayable

    def _backoff(self, retries_done: int) -> float:
        ceiling = min(self._backoff_max, self._backoff_base * 2.0**retries_done)
        return self._random() * ceiling

    def _perform(self, step: Step) -> Any:
        if isinstance(step, Send):
            return self._send(step.request)
        if isinstance(step, Read):
            return self._read(step.response)
        if isinstance(step, Close):
            return self._close(step.response)
        if isinstance(step, Sleep):
            return self._sleep(step.seconds)
        raise TypeError(f"unexpected step {step!r}")


class RetryTransport(_RetryPolicy, httpx.BaseTransport):
    """Wraps ``transport`` and retries transient failures with capped, fully jittered backoff
    (see :class:`_RetryPolicy`, which takes the other keyword arguments). ``sleep`` and
    ``random`` exist so tests neither wait nor depend on chance."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        verify: ssl.SSLContext | bool = True,
        sleep: Callable[[float], None] = time.sleep,
        **policy: Any,
    ) -> None:
        super().__init__(**policy)
        # httpx's own retries only cover connect failures and would multiply with ours.
        self._transport = transport or httpx.HTTPTransport(verify=verify, retries=0)
        self._send, self._sleep = self._transport.handle_request, sleep
        self._read, self._close = _read, _close

    @property
    def wrapped(self) -> httpx.BaseTransport:
        return self._transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return drive(self.attempts(request), self._perform)

    def close(self) -> None:
        self._transport.close()


class AsyncRetryTransport(_RetryPolicy, httpx.AsyncBaseTransport):
    """:class:`RetryTransport` for ``httpx.AsyncClient``: the same policy, awaited."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        verify: ssl.SSLContext | bool = True,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        **policy: Any,
    ) -> None:
        super().__init__(**policy)
        self._transport = transport or httpx.AsyncHTTPTransport(verify=verify, retries=0)
        self._send, self._sleep = self._transport.handle_async_request, sleep or _asyncio_sleep
        self._read, self._close = _aread, _aclose

    @property
    def wrapped(self) -> httpx.AsyncBaseTransport:
        return self._transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await drive_async(self.attempts(request), self._perform)

    async def aclose(self) -> None:
        await self._transport.aclose()


def _read(response: httpx.Response) -> None:
    response.read()


async def _aread(response: httpx.Response) -> None:
    await response.aread()


def _close(response: httpx.Response) -> None:
    response.close()


async def _aclose(response: httpx.Response) -> None:
    await response.aclose()


class DeadlineExceeded(httpx.TimeoutException):
    """The call's deadline passed (its ``timeout``, counted from the call's start)."""


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - time.monotonic()


def _time_left_for(delay: float, deadline: float | None) -> bool:
    left = _left(deadline)
    return left is None or delay < left


def _cap_timeouts(request: httpx.Request, deadline: float | None) -> None:
    """Cap every phase timeout of the next attempt by the time left before the deadline."""
    left = _left(deadline)
    if left is None:
        return
    if left <= 0:
        raise DeadlineExceeded("the call's time limit has passed", request=request)
    phases: dict[str, float | None] = dict(request.extensions.get("timeout") or {})
    request.extensions["timeout"] = {
        phase: left if limit is None else min(limit, left)
        for phase, limit in (phases or dict.fromkeys(("connect", "read", "write", "pool"))).items()
    }


def _hold_to(response: httpx.Response, deadline: float | None, request: httpx.Request) -> None:
    """Make reading ``response``'s body fail once the deadline has passed, however slowly
    the server drips it (each read alone stays within the read timeout)."""
    if deadline is not None:
        response.stream = _DeadlineStream(response.stream, deadline, request)


class _DeadlineStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that stops with :class:`DeadlineExceeded` at the deadline."""

    def __init__(self, stream: Any, deadline: float, request: httpx.Request) -> None:
        self._stream = stream
        self._deadline = deadline
        self._request = request

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise DeadlineExceeded(
                "the call's time limit passed while its answer arrived", request=self._request
            )

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            self._check()
            yield chunk

    def close(self) -> None:
        self._stream.close()

    async def aclose(self) -> None:
        await self._stream.aclose()


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here, not at the top: only the async client needs it (import time)

    await asyncio.sleep(seconds)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), else None."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        # float() also accepts "nan"/"inf"; neither is a usable delay.
        return seconds if 0 <= seconds < float("inf") else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" gives a naive datetime; RFC 9110 dates are GMT anyway
        when = when.replace(tzinfo=datetime.UTC)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def _check_max_retries(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"max_retries must be an int, not {type(value).__name__}")
    if value < 0:
        raise InvalidArgumentError(f"max_retries must be >= 0, got {value}")
