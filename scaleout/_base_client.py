"""The HTTP core: one object owning the connection pool, auth, timeouts, retries and errors.

Every request the SDK makes goes through :meth:`HTTPCore.send`: JSON calls, upload chunks,
streamed downloads, and the generated functions called through ``client.api``. So there is
one place that shapes requests (:func:`shape`), applies the per-call :class:`RequestOptions`,
logs, and maps failures: httpx exceptions become :class:`~scaleout.APIConnectionError`, error
statuses :class:`~scaleout.APIStatusError` subclasses, and a success answer that is not the
promised JSON :class:`~scaleout.APIResponseValidationError`. Retries happen below it, in the
:class:`RetryTransport`, and auth beside it, in the httpx client's auth flow.

A :class:`Caller` is the core with one set of per-call options: what a ``Scaleout`` client (or
a ``with_options`` view of it) sends its operations through.

Request shaping, the same for every request whoever built it:

* the query: ``None`` means "not set" and is left out, :data:`NULL` is the server's ``null``
  literal, booleans are ``true``/``false``, a list repeats its key;
* a body-less request carries no ``Content-Type`` (the generator declares one even when an
  optional body is left out, and strict servers refuse an empty body labelled JSON);
* a path segment ``.`` or ``..`` (only an id can produce one) is percent-escaped, or URL
  normalisation would drop it and the request would reach another route;
* the per-call ``extra_headers`` are added last.
"""

from __future__ import annotations

import contextlib
import json
import logging
import ssl
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar, cast

import httpx

from . import _extensions
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    DownloadError,
    make_status_error,
    safe_url,
)
from ._options import (
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    TimeoutSetting,
    as_timeout,
)
from ._retry import DEFAULT_MAX_RETRIES, RetryTransport
from ._url import BaseURL, resolve_base_url
from ._version import __version__

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "NULL",
    "Caller",
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

T = TypeVar("T")


# --- request shaping ---------------------------------------------------------------------

#: The request body keywords of ``httpx.Client.build_request`` (one at most per request).
BODY_KEYS: Final = ("json", "data", "content", "files")

_DOT_SEGMENTS: Final = {".": "%2E", "..": "%2E%2E"}


class _Null:
    """The query value ``null``, which the server's filters read as "the field is null"."""

    def __repr__(self) -> str:
        return "NULL"


NULL: Final = _Null()


def encode_query(params: Mapping[str, Any] | None) -> list[tuple[str, str]] | None:
    """The query pairs of ``params``, in order; None when there are none."""
    if not params:
        return None
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            pairs.append((key, _scalar(value)))
        else:
            pairs.extend((key, _scalar(item)) for item in value if item is not None)
    return pairs or None


def _scalar(value: object) -> str:
    if value is NULL:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def escape_dot_segments(path: str) -> str:
    return "/".join(_DOT_SEGMENTS.get(segment, segment) for segment in path.split("/"))


def shape(
    kwargs: Mapping[str, Any],
    *,
    extra_params: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Keyword arguments for ``httpx.Client.build_request`` from an operation's ``kwargs``
    (``method``, ``url`` and optionally ``params``, ``headers`` and one body keyword)."""
    unknown = set(kwargs) - {"method", "url", "params", "headers", "cookies", *BODY_KEYS}
    if unknown:
        raise TypeError(f"unexpected request arguments: {', '.join(sorted(unknown))}")
    headers = {str(k): str(v) for k, v in (kwargs.get("headers") or {}).items()}
    has_body = any(kwargs.get(key) is not None for key in BODY_KEYS)
    if not has_body:
        for name in [name for name in headers if name.lower() == "content-type"]:
            del headers[name]
    if extra_headers:
        headers.update(extra_headers)
    params = dict(kwargs.get("params") or {})
    if extra_params:
        params.update(extra_params)
    shaped: dict[str, Any] = {
        "method": str(kwargs["method"]).upper(),
        "url": escape_dot_segments(str(kwargs["url"])),
        "params": encode_query(params),
        "headers": headers or None,
    }
    if kwargs.get("cookies"):
        shaped["cookies"] = kwargs["cookies"]
    for key in BODY_KEYS:
        if kwargs.get(key) is not None:
            shaped[key] = kwargs[key]
    return shaped


# --- sending ------------------------------------------------------------------------------


class HTTPCore:
    """Sends requests to one controller and turns failures into SDK exceptions.

    ``timeout`` is a total in seconds or an :class:`httpx.Timeout`; ``None`` disables it.
    ``transport`` replaces the network (e.g. :class:`httpx.MockTransport` in tests); it is
    wrapped in a :class:`RetryTransport` unless it already is one. Thread-safe.
    """

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
        transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
    ) -> None:
        self._base_url = base_url if isinstance(base_url, BaseURL) else resolve_base_url(base_url)
        self._auth = auth
        self._max_retries = max_retries
        default_headers = {"User-Agent": USER_AGENT}
        default_headers.update(headers or {})

        if transport is not None and not isinstance(transport, RetryTransport):
            transport = RetryTransport(transport, max_retries=max_retries)
        self._client = httpx.Client(
            base_url=self._base_url.url,
            auth=auth,
            timeout=as_timeout(timeout),
            verify=verify,
            headers=default_headers,
            follow_redirects=follow_redirects,
            transport=transport,
            trust_env=trust_env,
        )
        if transport is None:
            self._wrap_default_transports(max_retries)

    @property
    def base_url(self) -> BaseURL:
        return self._base_url

    @property
    def httpx_client(self) -> httpx.Client:
        """The underlying client (its pool, auth and retrying transports)."""
        return self._client

    @property
    def auth(self) -> httpx.Auth | None:
        return self._auth

    @property
    def timeout(self) -> httpx.Timeout:
        return self._client.timeout

    @property
    def headers(self) -> httpx.Headers:
        """The headers sent with every request (User-Agent and httpx's defaults)."""
        return self._client.headers

    def send(
        self,
        kwargs: Mapping[str, Any],
        options: RequestOptions = _NO_OPTIONS,
        *,
        extra_params: Mapping[str, Any] | None = None,
        idempotent: bool = False,
        stream: bool = False,
        check_status: bool = True,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """Send the request described by ``kwargs`` and return its response.

        ``kwargs`` are an operation's request arguments (``method``, ``url``, ``params``,
        ``headers``, a body keyword), as a generated ``build_request`` gives them. ``idempotent``
        lets the transport resend the request whatever its method. Unless ``stream``, the body
        is read before this returns. Raises :class:`APIConnectionError`/:class:`APITimeoutError`
        when no response arrives and, with ``check_status``, an :class:`APIStatusError`
        subclass for status >= 400.
        """
        shaped = shape(kwargs, extra_params=extra_params, extra_headers=options.extra_headers)
        ext = dict(extensions or {})
        if not isinstance(options.max_retries, NotGiven):
            ext[_extensions.MAX_RETRIES] = options.max_retries
        if idempotent:
            ext[_extensions.IDEMPOTENT] = True
        request = self._client.build_request(
            **shaped,
            timeout=(
                httpx.USE_CLIENT_DEFAULT
                if isinstance(options.timeout, NotGiven)
                else options.timeout
            ),
            extensions=ext,
        )
        return self.send_request(request, stream=stream, check_status=check_status)

    def send_request(
        self, request: httpx.Request, *, stream: bool = False, check_status: bool = True
    ) -> httpx.Response:
        """Send an already built request through the pool, auth and retries (see :meth:`send`)."""
        started = time.monotonic()
        try:
            response = self._client.send(request, stream=stream)
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
                error = make_status_error(response)  # reads the (possibly streamed) body
            finally:
                response.close()
            raise error
        if not stream:
            # httpx binds a response's stream back to the response, a reference cycle that
            # keeps the request (and its body: an upload chunk) alive until the cyclic GC runs.
            # The body is read, so the stream is spent; dropping it frees both at once and keeps
            # chunked uploads at one chunk of memory.
            response.stream = httpx.ByteStream(b"")
        return response

    @contextlib.contextmanager
    def streaming(
        self,
        kwargs: Mapping[str, Any],
        options: RequestOptions = _NO_OPTIONS,
    ) -> Iterator[httpx.Response]:
        """:meth:`send` with the body unread: the response is yielded, then closed.

        A failure while the body is read inside the ``with`` block (a reset, a read timeout,
        an answer shorter than announced) raises :class:`DownloadError`, with the number of
        body bytes that had arrived.
        """
        response = self.send(kwargs, options, stream=True)
        try:
            yield response
        except httpx.RequestError as exc:
            if _failed_request(exc) is not response.request:
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

    def __enter__(self) -> HTTPCore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        auth = type(self._auth).__name__ if self._auth is not None else None
        return (
            f"HTTPCore(base_url={self._base_url.url!r}, auth={auth}, "
            f"timeout={self._client.timeout!r}, max_retries={self._max_retries})"
        )

    def _wrap_default_transports(self, max_retries: int) -> None:
        # httpx builds the default transport and one proxy transport per proxy found in the
        # environment (HTTPS_PROXY, NO_PROXY...) only when no transport is passed. Passing a
        # RetryTransport would silently disable env proxies, so the transports httpx built are
        # wrapped afterwards instead. These attributes are private to httpx (checked against
        # 0.28); test_base_client covers this so an httpx upgrade that changes them fails loudly.
        client: Any = self._client
        client._transport = RetryTransport(client._transport, max_retries=max_retries)
        client._mounts = {
            pattern: None if mounted is None else RetryTransport(mounted, max_retries=max_retries)
            for pattern, mounted in client._mounts.items()
        }


class Caller:
    """An :class:`HTTPCore` with one set of per-call options, sending operation requests.

    ``call`` sends an operation's request (a generated ``build_request``'s result) and returns
    its JSON answer, checked to be of the type the spec promises; ``stream`` yields the
    response of a download with its body unread.
    """

    __slots__ = ("core", "options")

    def __init__(self, core: HTTPCore, options: RequestOptions = _NO_OPTIONS) -> None:
        self.core = core
        self.options = options

    def call(
        self,
        request: OperationRequest[T],
        /,
        *,
        extra_params: Mapping[str, object] | None = None,
        idempotent: bool = False,
    ) -> T:
        """Send ``request`` and return its JSON answer.

        ``extra_params`` are query filters the spec accepts without listing them one by one
        (any entity field is a filter on list and count endpoints); ``idempotent`` lets the
        transport resend a request whose method alone would not allow it.
        """
        response = self.core.send(
            request.kwargs, self.options, extra_params=extra_params, idempotent=idempotent
        )
        return cast(T, check_answer(response, request.expect))

    def stream(self, request: OperationRequest[Any], /) -> AbstractContextManager[httpx.Response]:
        """Send ``request`` and yield its response with the body unread (see
        :meth:`HTTPCore.streaming`)."""
        return self.core.streaming(request.kwargs, self.options)


def iter_body(response: httpx.Response, chunk_size: int) -> Iterator[bytes]:
    """The decoded body of a streamed ``response``; a failure while reading raises
    :class:`DownloadError`."""
    try:
        yield from response.iter_bytes(chunk_size)
    except httpx.RequestError as exc:
        raise body_error(exc, response) from exc


def body_error(exc: httpx.RequestError, response: httpx.Response) -> DownloadError:
    """The SDK error for ``response``'s body breaking off with ``exc``."""
    request = response.request
    received = response.num_bytes_downloaded
    return DownloadError(
        method=request.method,
        url=safe_url(request.url),
        received=received,
        expected=content_length(response),
        cause=exc,
        message=f"{request.method} {safe_url(request.url)} failed: {_describe(exc)} "
        f"(after {received} bytes of the body)",
    )


def content_length(response: httpx.Response) -> int | None:
    """The announced length of the decoded body, or None when it is unknown."""
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        # A compressed body's length says nothing about the decoded bytes.
        return None
    try:
        return int(value)
    except ValueError:
        return None


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


def _failed_request(exc: httpx.RequestError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # raised by httpx when the exception carries no request
        return None


def _describe(exc: BaseException) -> str:
    cause = str(exc).strip()
    return f"{type(exc).__name__}: {cause}" if cause else type(exc).__name__


def connection_error(exc: httpx.RequestError, fallback: httpx.Request) -> APIConnectionError:
    """The SDK error for an httpx failure to get a response to ``fallback``."""
    # During a token refresh the failing request is the refresh, not the caller's request.
    request = _failed_request(exc) or fallback
    during = " during token refresh" if request.extensions.get(_extensions.TOKEN_REFRESH) else ""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if cls is APITimeoutError else "failed"
    return cls(
        method=request.method,
        url=safe_url(request.url),
        cause=exc,
        message=f"{request.method} {safe_url(request.url)} {what}{during}: {_describe(exc)}",
    )


def check_answer(response: httpx.Response, expect: type | None) -> Any:
    """The parsed JSON of a successful ``response``.

    ``expect`` is the Python type of the promised JSON (``dict``, ``list``, ``int``...), or
    None to accept any. An empty body is ``None``. Raises :class:`APIResponseValidationError`
    for a body that is not JSON or not of that type, so a proxy's HTML page or a wrong route
    never reaches the caller as if it were data.
    """
    request = response.request
    where = f"{request.method} {request.url.path} answered {response.status_code}"
    result: Any = None
    if response.content:
        try:
            result = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            content_type = response.headers.get("content-type", "unknown content type")
            raise _invalid(
                response, f"{where} with a body that is not JSON ({content_type})"
            ) from exc
    if expect is not None and not _is_a(result, expect):
        raise _invalid(
            response,
            f"{where} with {type(result).__name__} JSON where the API promises {expect.__name__}",
        )
    return result


def _is_a(value: object, expect: type) -> bool:
    if isinstance(value, bool) and expect is not bool:
        return False  # JSON true is not a count
    if expect is float:
        return isinstance(value, (int, float))
    return isinstance(value, expect)


def _invalid(response: httpx.Response, message: str) -> APIResponseValidationError:
    request = response.request
    return APIResponseValidationError(
        message, status_code=response.status_code, method=request.method, url=safe_url(request.url)
    )
