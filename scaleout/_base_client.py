"""The HTTP core: one object owning the connection pool, auth, timeouts, retries and errors.

Every request the SDK makes goes through the core's one send path (:meth:`_Core.sending`):
JSON calls, upload chunks, streamed downloads, and the generated functions called through
``client.api``. It shapes the request (``_shaping``), applies the per-call
:class:`RequestOptions`, logs, and maps failures (``_exceptions``): httpx errors become
:class:`~scaleout.APIConnectionError`, error statuses :class:`~scaleout.APIStatusError`
subclasses. Retries happen below it, in the retry transport, and auth beside it, in the httpx
client's auth flow.

The send path is written once, as steps (``_steps``). :class:`HTTPCore` performs them with an
``httpx.Client``, :class:`AsyncHTTPCore` awaits them with an ``httpx.AsyncClient``; nothing
else differs. A :class:`Caller` is a core with one set of per-call options: what a client (or
a ``with_options`` view of it) sends its operations through.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import ssl
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Generic, Self, TypeAlias, TypeVar, cast

import attrs
import httpx

from . import _extensions
from ._auth import async_refuse_refresh_redirect, refuse_refresh_redirect
from ._exceptions import (
    ArgumentTypeError,
    ClientClosedError,
    UnsupportedFilterError,
    body_error,
    check_answer,
    connection_error,
    credentials_of,
    failed_request,
    make_status_error,
    safe_url,
)
from ._filters import equality_filters, matches, strays
from ._options import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    TimeoutSetting,
    as_timeout,
)
from ._retry import DEFAULT_MAX_RETRIES, AsyncRetryTransport, RetryTransport
from ._shaping import shape
from ._steps import (
    Blocking,
    Chunks,
    Close,
    Invoke,
    NextChunk,
    Read,
    Send,
    Sleep,
    Step,
    Steps,
    drive,
    drive_async,
)
from ._url import BaseURL, resolve_base_url
from ._version import __version__

if TYPE_CHECKING:
    import asyncio

    from scaleout_api.operation import OperationRequest

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "AsyncHTTPCore",
    "Caller",
    "CoreSettings",
    "HTTPCore",
    "NotGiven",
    "ParamValue",
    "USER_AGENT",
]

logger = logging.getLogger("scaleout.http")

USER_AGENT: Final = f"scaleout-python/{__version__}"

_Scalar: TypeAlias = str | int | float | bool
ParamValue: TypeAlias = _Scalar | Sequence[_Scalar] | None

_NO_OPTIONS: Final = RequestOptions()
#: The message of the cancellation with which closing an async client stops calls in flight.
_CLOSING: Final = "scaleout: client closed"
#: How long closing waits for those calls to clean up (e.g. abort their uploads).
_CLOSE_GRACE_SECONDS: Final = 10.0

T = TypeVar("T")
ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)


@attrs.frozen(kw_only=True)
class CoreSettings:
    """What a core is made from, so the other flavour's core can be made alike (``client.api``
    of a sync client serves the generated asyncio functions too, and vice versa)."""

    base_url: BaseURL
    auth: httpx.Auth | None = None
    timeout: httpx.Timeout = DEFAULT_TIMEOUT
    verify: ssl.SSLContext | bool = True
    max_retries: int = DEFAULT_MAX_RETRIES
    headers: Mapping[str, str] = attrs.field(factory=dict)
    follow_redirects: bool = True
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None
    trust_env: bool = True


@attrs.frozen
class _IO:
    """How a flavour performs each kind of step (see ``_steps``)."""

    send: Callable[[Any, httpx.Request, bool], Any]
    read: Callable[[httpx.Response], Any]
    chunks: Callable[[httpx.Response, int], Any]
    next_chunk: Callable[[Any], Any]
    close: Callable[[httpx.Response], Any]
    sleep: Callable[[float], Any]
    blocking: Callable[..., Any]
    invoke: Callable[..., Any]


def _asyncio() -> Any:
    """asyncio, imported on first use: only the async client needs it, and importing it would
    add about a fifth to the time of ``import scaleout``."""
    import asyncio

    return asyncio


def _invoke_blocking(function: Callable[..., Any], *args: Any) -> Any:
    result = function(*args)
    if inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()
        raise ArgumentTypeError(
            f"{getattr(function, '__qualname__', 'the callback')} returned an awaitable: the "
            "sync client cannot await it (use AsyncScaleout)"
        )
    return result


_BLOCKING: Final = _IO(
    send=lambda client, request, stream: client.send(request, stream=stream),
    read=lambda response: response.read(),
    chunks=lambda response, size: response.iter_bytes(size),
    next_chunk=lambda chunks: next(chunks, b""),
    close=lambda response: response.close(),
    sleep=lambda seconds: time.sleep(seconds),  # looked up at call time (tests replace it)
    blocking=lambda function, *args: function(*args),
    invoke=_invoke_blocking,
)
#: The async flavour returns awaitables, which the driver awaits; file I/O goes to a thread,
#: and a callback's result is awaited when it is awaitable.
_AWAITED: Final = _IO(
    send=lambda client, request, stream: client.send(request, stream=stream),
    read=lambda response: response.aread(),
    chunks=lambda response, size: response.aiter_bytes(size),
    next_chunk=lambda chunks: anext(chunks, b""),
    close=lambda response: response.aclose(),
    sleep=lambda seconds: _asyncio().sleep(seconds),
    blocking=lambda function, *args: _asyncio().to_thread(function, *args),
    invoke=lambda function, *args: function(*args),
)


class _Core(Generic[ClientT]):
    """What both flavours share: construction, the request shaping and the send path.

    ``timeout`` is a total in seconds or an :class:`httpx.Timeout`; ``None`` disables it.
    ``transport`` replaces the network (e.g. :class:`httpx.MockTransport` in tests); it is
    wrapped in the flavour's retrying transport unless it already is one.
    """

    _client: ClientT
    _client_class: Any
    _transport_class: Any
    _retry_class: Any
    _refresh_redirect_hook: Callable[[httpx.Response], Any]
    _io: _IO

    def __init__(
        self,
        base_url: BaseURL | str,
        *,
        auth: httpx.Auth | None = None,
        timeout: TimeoutSetting = DEFAULT_TIMEOUT,
        verify: ssl.SSLContext | bool = True,
        max_retries: int = DEFAULT_MAX_RETRIES,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = True,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
    ) -> None:
        settings = CoreSettings(
            base_url=base_url if isinstance(base_url, BaseURL) else resolve_base_url(base_url),
            auth=auth,
            timeout=as_timeout(timeout),
            verify=verify,
            max_retries=max_retries,
            headers={"User-Agent": USER_AGENT, **(headers or {})},
            follow_redirects=follow_redirects,
            transport=transport,
            trust_env=trust_env,
        )
        self._init(settings)

    @classmethod
    def from_settings(cls, settings: CoreSettings) -> Self:
        core = cls.__new__(cls)
        core._init(settings)
        return core

    def _init(self, settings: CoreSettings) -> None:
        from ._waiting import SessionLedger

        self._settings = settings
        #: How the controller takes files (``_uploads.CHUNKED`` or ``MULTIPART``), once known.
        self.upload_form: str | None = None
        #: What this client asked of each session it started or continued (``_waiting``).
        self.session_requests = SessionLedger()
        self._setup()
        transport = settings.transport
        if transport is not None and not isinstance(transport, self._transport_class):
            kind = self._transport_class.__name__
            raise ArgumentTypeError(f"{type(self).__name__} needs an httpx.{kind} as transport")
        max_retries = settings.max_retries

        def retrying(wrapped: Any) -> Any:
            return self._retry_class(wrapped, max_retries=max_retries)

        if transport is not None and not isinstance(transport, self._retry_class):
            transport = retrying(transport)
        self._client = self._client_class(
            transport=transport,
            event_hooks={"response": [self._refresh_redirect_hook]},
            base_url=settings.base_url.url,
            auth=settings.auth,
            timeout=settings.timeout,
            verify=_tls_context(settings.verify, settings.trust_env),
            headers=dict(settings.headers),
            follow_redirects=settings.follow_redirects,
            trust_env=settings.trust_env,
        )
        if transport is None:
            _wrap_default_transports(self._client, retrying)

    def _setup(self) -> None:
        """The flavour's own state, before its client is made."""

    @property
    def settings(self) -> CoreSettings:
        return self._settings

    @property
    def base_url(self) -> BaseURL:
        return self._settings.base_url

    @property
    def httpx_client(self) -> ClientT:
        """The underlying client (its pool, auth and retrying transports)."""
        return self._client

    @property
    def auth(self) -> httpx.Auth | None:
        return self._settings.auth

    @property
    def timeout(self) -> httpx.Timeout:
        return self._client.timeout

    @property
    def headers(self) -> httpx.Headers:
        """The headers sent with every request (User-Agent and httpx's defaults)."""
        return self._client.headers

    @property
    def is_closed(self) -> bool:
        return self._client.is_closed

    def build(
        self,
        kwargs: Mapping[str, Any],
        options: RequestOptions = _NO_OPTIONS,
        *,
        extra_params: Mapping[str, Any] | None = None,
        idempotent: bool = False,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Request:
        """The request described by ``kwargs`` (an operation's request arguments: ``method``,
        ``url``, ``params``, ``headers``, a body keyword), shaped, with ``options`` applied.
        ``idempotent`` lets the transport resend it whatever its method."""
        if options.extra_query:
            extra_params = {**(extra_params or {}), **options.extra_query}
        shaped = shape(kwargs, extra_params=extra_params, extra_headers=options.extra_headers)
        ext = dict(extensions or {})
        body_stream = shaped.pop("stream", None)
        if not isinstance(options.max_retries, NotGiven):
            ext[_extensions.MAX_RETRIES] = options.max_retries
        if idempotent:
            ext[_extensions.IDEMPOTENT] = True
        if options.deadline is not None:
            ext[_extensions.DEADLINE] = options.deadline
        timeout = options.timeout
        request = self._client.build_request(
            **shaped,
            timeout=httpx.USE_CLIENT_DEFAULT if isinstance(timeout, NotGiven) else timeout,
            extensions=ext,
        )
        if body_stream is not None:
            # A body httpx cannot build itself (a file streamed from disk, in both flavours):
            # it brings its own headers (Content-Type with its boundary, Content-Length).
            headers = httpx.Headers(request.headers)
            headers.update(body_stream.headers)
            request = httpx.Request(
                request.method,
                request.url,
                headers=headers,
                stream=body_stream,
                extensions=request.extensions,
            )
        return request

    def sending(
        self, request: httpx.Request, *, stream: bool = False, check_status: bool = True
    ) -> Steps[httpx.Response]:
        """Send ``request``: the one send path of the SDK, as steps.

        Unless ``stream``, the body is read. Raises :class:`APIConnectionError` (or
        :class:`APITimeoutError`) when no response arrives and, with ``check_status``, the
        :class:`APIStatusError` subclass of a status >= 400.
        """
        started = time.monotonic()
        _set_deadline(request, started)
        if stream:
            request.extensions[_extensions.STREAM] = True
        try:
            response: httpx.Response = yield Send(request, stream)
        except httpx.RequestError as exc:
            logger.debug(
                "%s %s failed after %.3fs: %s",
                request.method,
                request.url.path,
                time.monotonic() - started,
                type(exc).__name__,
            )
            raise connection_error(exc, request) from exc
        logger.debug(
            "%s %s -> %d (%.3fs)",
            request.method,
            request.url.path,
            response.status_code,
            time.monotonic() - started,
        )
        if check_status and response.status_code >= 400:
            try:
                with contextlib.suppress(httpx.HTTPError, httpx.StreamError):
                    yield Read(response)  # make_status_error falls back if this failed
                error = make_status_error(
                    response,
                    secrets=self._secrets(request),
                    operation=request.extensions.get(_extensions.OPERATION),
                    controller=self.base_url.url,
                )
            finally:
                yield Close(response)
            raise error
        if not stream:
            # httpx binds a response's stream back to the response, a reference cycle that
            # keeps the request (and its body: an upload chunk) alive until the cyclic GC runs.
            # The body is read, so the stream is spent; dropping it frees both at once and keeps
            # chunked uploads at one chunk of memory.
            response.stream = httpx.ByteStream(b"")
        return response

    def sending_kwargs(
        self,
        kwargs: Mapping[str, Any],
        options: RequestOptions = _NO_OPTIONS,
        *,
        extra_params: Mapping[str, Any] | None = None,
        idempotent: bool = False,
        stream: bool = False,
        check_status: bool = True,
        extensions: Mapping[str, Any] | None = None,
    ) -> Steps[httpx.Response]:
        """:meth:`build` the request of ``kwargs`` and send it (:meth:`sending`)."""
        request = self.build(
            kwargs, options, extra_params=extra_params, idempotent=idempotent, extensions=extensions
        )
        return (yield from self.sending(request, stream=stream, check_status=check_status))

    def _perform(self, step: Step) -> Any:
        """Perform ``step`` the flavour's way (what it returns is awaited if awaitable)."""
        io = self._io
        if isinstance(step, Send):
            return io.send(self._client, step.request, step.stream)
        if isinstance(step, Read):
            return io.read(step.response)
        if isinstance(step, Chunks):
            return io.chunks(step.response, step.size)
        if isinstance(step, NextChunk):
            return io.next_chunk(step.chunks)
        if isinstance(step, Close):
            return io.close(step.response)
        if isinstance(step, Sleep):
            return io.sleep(step.seconds)
        if isinstance(step, Blocking):
            return io.blocking(step.function, *step.args)
        if isinstance(step, Invoke):
            return io.invoke(step.function, *step.args)
        raise TypeError(f"unexpected step {step!r}")

    def _secrets(self, request: httpx.Request) -> list[str]:
        """The credentials ``request`` carried, and those its auth holds, for redaction."""
        holder = getattr(self.auth, "secrets", None)
        return credentials_of(request) + (list(holder()) if callable(holder) else [])

    def body_chunk(self, response: httpx.Response, chunks: object) -> Steps[bytes]:
        """The next chunk of a streamed body (``b""`` at its end); a failure while reading it
        raises :class:`DownloadError`."""
        try:
            chunk: bytes = yield NextChunk(chunks)
        except httpx.RequestError as exc:
            raise body_error(exc, response) from exc
        return chunk

    def __repr__(self) -> str:
        auth = type(self.auth).__name__ if self.auth is not None else None
        return (
            f"{type(self).__name__}(base_url={self.base_url.url!r}, auth={auth}, "
            f"timeout={self._client.timeout!r}, max_retries={self._settings.max_retries})"
        )


def _tls_context(verify: ssl.SSLContext | bool, trust_env: bool) -> ssl.SSLContext | bool:
    """What to verify servers with: clients that verify the default way share one context,
    as loading the CA bundle into a new one costs about 0.1 s per client."""
    if verify is not True:
        return verify
    return _default_tls_context(
        trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    )


@functools.lru_cache(maxsize=4)
def _default_tls_context(
    trust_env: bool, cert_file: str | None, cert_dir: str | None
) -> ssl.SSLContext:
    # Keyed on the variables httpx reads, so a changed environment gets its own context.
    return httpx.create_ssl_context(verify=True, trust_env=trust_env)


def total_time(timeout: Mapping[str, float | None] | None) -> float | None:
    """The time limit of a whole call with these phase timeouts: the longest of them, or
    None (no limit) when reading, writing or waiting for a connection is unlimited."""
    if not timeout or any(timeout.get(phase) is None for phase in ("read", "write", "pool")):
        return None
    return max(limit for limit in timeout.values() if limit is not None)


def _set_deadline(request: httpx.Request, started: float) -> None:
    """The call's deadline: its total time from now, or an earlier one it already carries
    (a wait's, or the call that made this request, e.g. for a token refresh)."""
    total = total_time(request.extensions.get("timeout"))
    if request.extensions.get(_extensions.UNBOUNDED):
        total = None
    own = None if total is None else started + total
    given: float | None = request.extensions.get(_extensions.DEADLINE)
    limits = [limit for limit in (own, given) if limit is not None]
    if limits:
        request.extensions[_extensions.DEADLINE] = min(limits)


def _for_other_flavour(settings: CoreSettings) -> CoreSettings:
    """``settings`` for a core of the other flavour: a transport given for tests is kept only
    if it serves both (``httpx.MockTransport`` does)."""
    transport = settings.transport
    both = isinstance(transport, httpx.BaseTransport) and isinstance(
        transport, httpx.AsyncBaseTransport
    )
    if transport is not None and not both:
        raise ArgumentTypeError(
            f"the transport {type(transport).__name__} serves one kind of client only; "
            "client.api cannot call the generated functions of the other kind through it"
        )
    return settings


def _close_on_its_loop(core: AsyncHTTPCore, loop: asyncio.AbstractEventLoop) -> None:
    """Close an async core from sync code, on the loop its connections belong to."""
    import asyncio

    if loop.is_closed():
        return  # its connections went with the loop
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        _pending_closes.add(task := loop.create_task(core.aclose()))
        task.add_done_callback(_pending_closes.discard)
    elif loop.is_running():
        asyncio.run_coroutine_threadsafe(core.aclose(), loop)
    else:
        loop.run_until_complete(core.aclose())


#: Close tasks scheduled from sync code, kept alive until they are done.
_pending_closes: set[asyncio.Task[None]] = set()


def _wrap_default_transports(client: Any, wrap: Any) -> None:
    # httpx builds the default transport and one proxy transport per proxy found in the
    # environment (HTTPS_PROXY, NO_PROXY...) only when no transport is passed. Passing a
    # retrying transport would silently disable env proxies, so the transports httpx built are
    # wrapped afterwards instead. These attributes are private to httpx (checked against 0.28);
    # test_base_client covers this so an httpx upgrade that changes them fails loudly.
    client._transport = wrap(client._transport)
    client._mounts = {
        pattern: None if mounted is None else wrap(mounted)
        for pattern, mounted in client._mounts.items()
    }


class HTTPCore(_Core[httpx.Client]):
    """Sends requests to one controller with an ``httpx.Client``; thread-safe.

    ``timeout`` is a total in seconds or an :class:`httpx.Timeout`; ``None`` disables it.
    ``transport`` replaces the network (e.g. :class:`httpx.MockTransport` in tests); it is
    wrapped in a :class:`RetryTransport` unless it already is one.
    """

    _client_class = httpx.Client
    _transport_class = httpx.BaseTransport
    _retry_class = RetryTransport
    _refresh_redirect_hook = staticmethod(refuse_refresh_redirect)
    _io = _BLOCKING

    def _setup(self) -> None:
        self._async_siblings: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, AsyncHTTPCore
        ] = weakref.WeakKeyDictionary()
        self._siblings_lock = threading.Lock()

    def run(self, steps: Steps[T]) -> T:
        """Perform ``steps`` with blocking I/O."""
        if self._client.is_closed:
            steps.close()
            raise ClientClosedError("the Scaleout client is closed")
        return drive(steps, self._perform)

    def sibling(self) -> AsyncHTTPCore:
        """An async core made like this one, for ``client.api``'s asyncio functions: one per
        event loop (an async pool cannot outlive its loop), sharing this core's auth and so its
        tokens, and closed with it."""
        import asyncio

        loop = asyncio.get_running_loop()
        with self._siblings_lock:
            core = self._async_siblings.get(loop)
            if core is None:
                core = AsyncHTTPCore.from_settings(_for_other_flavour(self._settings))
                self._async_siblings[loop] = core
        return core

    def send(
        self, kwargs: Mapping[str, Any], options: RequestOptions = _NO_OPTIONS, **flags: Any
    ) -> httpx.Response:
        """Send the request described by ``kwargs`` (see :meth:`sending_kwargs`)."""
        return self.run(self.sending_kwargs(kwargs, options, **flags))

    def send_request(self, request: httpx.Request, **flags: Any) -> httpx.Response:
        """Send an already built request through the send path."""
        return self.run(self.sending(request, **flags))

    @contextlib.contextmanager
    def streaming(
        self, kwargs: Mapping[str, Any], options: RequestOptions = _NO_OPTIONS
    ) -> Iterator[httpx.Response]:
        """:meth:`send` with the body unread: the response is yielded, then closed.

        A failure while the body is read inside the ``with`` block (a reset, a read timeout,
        an answer shorter than announced) raises :class:`DownloadError`.
        """
        response = self.send(kwargs, options, stream=True)
        try:
            yield response
        except httpx.RequestError as exc:
            if failed_request(exc) is not response.request:
                raise
            raise body_error(exc, response) from exc
        finally:
            response.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, ParamValue] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        timeout: TimeoutSetting | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """:meth:`send` for a request given by its parts (read body, errors raised)."""
        kwargs = _kwargs(method, path, params, headers, json, data, content)
        options = _NO_OPTIONS.merge(timeout=timeout, max_retries=max_retries)
        return self.send(kwargs, options, extensions=extensions)

    @contextlib.contextmanager
    def stream(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, ParamValue] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutSetting | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Iterator[httpx.Response]:
        """:meth:`streaming` for a request given by its parts."""
        kwargs = _kwargs(method, path, params, headers, None, None, None)
        options = _NO_OPTIONS.merge(timeout=timeout, max_retries=max_retries)
        with self.streaming(kwargs, options) as response:
            yield response

    def close(self) -> None:
        self._client.close()
        with self._siblings_lock:
            siblings = list(self._async_siblings.items())
            self._async_siblings.clear()
        for loop, core in siblings:
            _close_on_its_loop(core, loop)

    def __enter__(self) -> HTTPCore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncHTTPCore(_Core[httpx.AsyncClient]):
    """:class:`HTTPCore` for asyncio: the same send path, awaited on an ``httpx.AsyncClient``.

    Blocking steps (file I/O) run in a worker thread, so the event loop never waits on disk.
    """

    _client_class = httpx.AsyncClient
    _transport_class = httpx.AsyncBaseTransport
    _retry_class = AsyncRetryTransport
    _refresh_redirect_hook = staticmethod(async_refuse_refresh_redirect)
    _io = _AWAITED

    def _setup(self) -> None:
        self._closing = False
        self._in_flight: dict[asyncio.Task[Any], int] = {}
        self._sync_sibling: HTTPCore | None = None

    async def run(self, steps: Steps[T]) -> T:
        """Await ``steps``; a call in flight when the core is closed raises
        :class:`ClientClosedError`."""
        import asyncio

        if self._closing or self._client.is_closed:
            steps.close()
            raise ClientClosedError("the AsyncScaleout client is closed")
        task = asyncio.current_task()
        if task is not None:
            self._in_flight[task] = self._in_flight.get(task, 0) + 1
        try:
            return await drive_async(steps, self._perform)
        except asyncio.CancelledError as exc:
            if task is None or exc.args[:1] != (_CLOSING,):
                raise
            task.uncancel()  # this cancellation was the close's, not the caller's
            raise ClientClosedError(
                "the AsyncScaleout client was closed while this call was in flight"
            ) from None
        finally:
            if task is not None:
                left = self._in_flight.pop(task) - 1
                if left:
                    self._in_flight[task] = left

    def sibling(self) -> HTTPCore:
        """A sync core made like this one and closed with it (for ``client.api``'s sync
        functions), sharing its auth and so its tokens."""
        if self._sync_sibling is None:
            self._sync_sibling = HTTPCore.from_settings(_for_other_flavour(self._settings))
        return self._sync_sibling

    async def send(
        self, kwargs: Mapping[str, Any], options: RequestOptions = _NO_OPTIONS, **flags: Any
    ) -> httpx.Response:
        """Send the request described by ``kwargs`` (see :meth:`sending_kwargs`)."""
        return await self.run(self.sending_kwargs(kwargs, options, **flags))

    async def send_request(self, request: httpx.Request, **flags: Any) -> httpx.Response:
        """Send an already built request through the send path."""
        return await self.run(self.sending(request, **flags))

    async def aclose(self) -> None:
        """Close the pool. Calls in flight on other tasks are cancelled first, so their own
        cleanup (aborting an upload, removing a partial download) runs, and then raise
        :class:`ClientClosedError`."""
        import asyncio

        self._closing = True
        current = asyncio.current_task()
        others = [task for task in self._in_flight if task is not current and not task.done()]
        for task in others:
            task.cancel(_CLOSING)
        if others:
            await asyncio.wait(others, timeout=_CLOSE_GRACE_SECONDS)
        await self._client.aclose()
        if self._sync_sibling is not None:
            self._sync_sibling.close()

    async def __aenter__(self) -> AsyncHTTPCore:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class Caller:
    """A core with one set of per-call options, sending operation requests, as steps.

    ``call`` sends an operation's request (a generated ``build_request``'s result) and returns
    its JSON answer, checked to be of the type the spec promises; ``open`` sends a download's
    request and returns the response with its body unread. Neither performs I/O: the client
    that owns the core runs the steps (blocking or awaited).
    """

    __slots__ = ("core", "options")

    def __init__(
        self, core: HTTPCore | AsyncHTTPCore, options: RequestOptions = _NO_OPTIONS
    ) -> None:
        self.core = core
        self.options = options

    def call(
        self,
        request: OperationRequest[T],
        /,
        *,
        extra_params: Mapping[str, object] | None = None,
        idempotent: bool = False,
        extensions: Mapping[str, Any] | None = None,
        check_filters: bool = True,
    ) -> Steps[T]:
        """Send ``request`` and return its JSON answer.

        ``extra_params`` are query filters the spec accepts without listing them one by one
        (any entity field is a filter on list and count endpoints); ``idempotent`` lets the
        transport resend a request whose method alone would not allow it; ``extensions`` are
        added to the request's (see ``_extensions``). A page answer to a GET with filters is
        checked against them (``_filters``) unless ``check_filters`` is false (a listing that
        filters its items itself).
        """
        built = self.core.build(
            request.kwargs,
            self.options,
            extra_params=extra_params,
            idempotent=idempotent,
            extensions={_extensions.OPERATION: _operation_id(request), **(extensions or {})},
        )
        response = yield from self.core.sending(built)
        secrets = self.core._secrets(built)
        answer = check_answer(response, request.expect, request.result, secrets=secrets)
        if check_filters and built.method == "GET" and built.url.params:
            answer = self._filtered(built, answer)
        return cast(T, answer)

    def _filtered(self, built: httpx.Request, answer: Any) -> Any:
        """``answer`` if it is not a page or its items match the filters ``built`` sent; the
        matching items (and their count) when the page holds all of them; otherwise
        :class:`UnsupportedFilterError`."""
        if not isinstance(answer, dict) or not isinstance(answer.get("result"), list):
            return answer
        wanted = equality_filters(built.url.params.multi_items())
        if not wanted:
            return answer
        ignored = strays(answer["result"], wanted)
        limit = built.headers.get("X-Limit", "0").strip()
        skip = built.headers.get("X-Skip", "0").strip()
        whole = limit in ("", "0") and skip in ("", "0")
        if not ignored:
            if whole and answer.get("count") != len(answer["result"]):
                # FEDn 0.33 on SQL applies a nested filter to the items but counts every item:
                # the whole list is its own count.
                return {**answer, "count": len(answer["result"])}
            return answer
        if whole:
            kept = {key: wanted[key] for key in ignored}
            result = [item for item in answer["result"] if matches(item, kept)]
            logger.debug(
                "%s %s: the controller ignored the filter(s) %s; filtered on the client",
                built.method,
                built.url.path,
                ", ".join(ignored),
            )
            return {**answer, "count": len(result), "result": result}
        names = ", ".join(repr(key) for key in ignored)
        error = UnsupportedFilterError(
            f"the controller at {self.core.base_url.url} does not support the filter(s) "
            f"{names} of {built.method} {built.url.path}: its answer holds items that do not "
            "match them (ask for every item, or use the iter_* method, which filters on the "
            "client)",
            status_code=200,
            method=built.method,
            url=safe_url(built.url.copy_with(query=None)),
            body=None,
        )
        error.filters = tuple(ignored)
        raise error

    def open(self, request: OperationRequest[Any], /) -> Steps[httpx.Response]:
        """Send ``request`` and return its response with the body unread (close it)."""
        built = self.core.build(
            request.kwargs, self.options, extensions={_extensions.OPERATION: _operation_id(request)}
        )
        return (yield from self.core.sending(built, stream=True))

    def body_chunk(self, response: httpx.Response, chunks: object) -> Steps[bytes]:
        return (yield from self.core.body_chunk(response, chunks))

    @property
    def max_retries(self) -> int:
        """How often a failed request of this call may be sent again."""
        given = self.options.max_retries
        return self.core.settings.max_retries if isinstance(given, NotGiven) else given

    def with_options(self, options: RequestOptions) -> Caller:
        return Caller(self.core, options)


def _operation_id(request: OperationRequest[Any]) -> str:
    """The operationId of ``request`` (its name is ``<tag>.<operationId>``)."""
    return request.name.rpartition(".")[2]


def _kwargs(
    method: str,
    path: str,
    params: Mapping[str, ParamValue] | None,
    headers: Mapping[str, str] | None,
    json: Any,
    data: Mapping[str, Any] | None,
    content: bytes | None,
) -> dict[str, Any]:
    return {
        "method": method,
        "url": path,
        "params": params,
        "headers": headers,
        "json": json,
        "data": data,
        "content": content,
    }
