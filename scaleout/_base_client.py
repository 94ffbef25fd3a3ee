"""The HTTP core: one object owning the connection pool, auth, timeouts, retries and errors.

Every call the SDK makes goes through :class:`HTTPCore`, so there is exactly one place where
httpx exceptions become :class:`~scaleout.APIConnectionError` and error statuses become
:class:`~scaleout.APIStatusError` subclasses.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, TypeAlias

import httpx

from ._auth import TOKEN_REFRESH_EXTENSION
from ._exceptions import APIConnectionError, APITimeoutError, make_status_error, safe_url
from ._retry import DEFAULT_MAX_RETRIES, MAX_RETRIES_EXTENSION, RetryTransport
from ._url import BaseURL, resolve_base_url
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "HTTPCore",
    "NotGiven",
    "ParamValue",
    "USER_AGENT",
]

logger = logging.getLogger("scaleout.http")

DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=5.0)
USER_AGENT: Final = f"scaleout-python/{__version__}"

_Scalar: TypeAlias = str | int | float | bool
ParamValue: TypeAlias = _Scalar | Sequence[_Scalar] | None


class NotGiven:
    """Sentinel type for "use the client's default", distinct from an explicit ``None``."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


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
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
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
            timeout=_as_timeout(timeout),
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
        """The underlying client, for sharing the pool, auth and retries with other layers."""
        return self._client

    @property
    def auth(self) -> httpx.Auth | None:
        return self._auth

    @property
    def timeout(self) -> httpx.Timeout:
        return self._client.timeout

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
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """Send a request and return the response with its body read.

        Raises :class:`APIConnectionError`/:class:`APITimeoutError` when no response arrives
        and an :class:`APIStatusError` subclass for status >= 400.
        """
        request = self._build_request(
            method, path, params, headers, json, data, content, timeout, max_retries, extensions
        )
        response = self._send(request, stream=False)
        return response

    @contextlib.contextmanager
    def stream(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, ParamValue] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extensions: Mapping[str, Any] | None = None,
    ) -> Iterator[httpx.Response]:
        """Like :meth:`request`, but yields the response with its body unread.

        Network errors while reading the body inside the ``with`` block are raised as
        :class:`APIConnectionError` too. The response is closed on exit.
        """
        request = self._build_request(
            method, path, params, headers, json, data, content, timeout, max_retries, extensions
        )
        response = self._send(request, stream=True)
        try:
            yield response
        except httpx.RequestError as exc:
            if _failed_request(exc) is not response.request:
                raise
            raise _connection_error(exc, response.request) from exc
        finally:
            response.close()

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

    def _build_request(
        self,
        method: str,
        path: str,
        params: Mapping[str, ParamValue] | None,
        headers: Mapping[str, str] | None,
        json: Any,
        data: Mapping[str, Any] | None,
        content: bytes | None,
        timeout: float | httpx.Timeout | None | NotGiven,
        max_retries: int | NotGiven,
        extensions: Mapping[str, Any] | None,
    ) -> httpx.Request:
        ext = dict(extensions or {})
        if not isinstance(max_retries, NotGiven):
            ext[MAX_RETRIES_EXTENSION] = max_retries
        return self._client.build_request(
            method.upper(),
            path,
            params=_clean_params(params),
            headers=headers,
            json=json,
            data=data,
            content=content,
            timeout=(
                httpx.USE_CLIENT_DEFAULT if isinstance(timeout, NotGiven) else _as_timeout(timeout)
            ),
            extensions=ext,
        )

    def _send(self, request: httpx.Request, *, stream: bool) -> httpx.Response:
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
            raise _connection_error(exc, request) from exc
        logger.debug(
            "%s %s -> %d (%.3fs)",
            request.method,
            request.url.path,
            response.status_code,
            time.monotonic() - started,
        )
        if response.status_code >= 400:
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


def _as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool):
        raise TypeError("timeout must be a number of seconds or an httpx.Timeout")
    return httpx.Timeout(timeout)


def _clean_params(params: Mapping[str, ParamValue] | None) -> dict[str, Any] | None:
    """Drop None values and render booleans the way the server's filters expect them."""
    if params is None:
        return None
    cleaned: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            cleaned[key] = _param_scalar(value)
        else:
            cleaned[key] = [_param_scalar(item) for item in value if item is not None]
    return cleaned


def _param_scalar(value: object) -> str | int | float:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return value
    return str(value)


def _failed_request(exc: httpx.RequestError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # raised by httpx when the exception carries no request
        return None


def _connection_error(exc: httpx.RequestError, fallback: httpx.Request) -> APIConnectionError:
    # During a token refresh the failing request is the refresh, not the caller's request.
    request = _failed_request(exc) or fallback
    during = " during token refresh" if request.extensions.get(TOKEN_REFRESH_EXTENSION) else ""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if cls is APITimeoutError else "failed"
    cause = str(exc).strip()
    detail = f"{type(exc).__name__}: {cause}" if cause else type(exc).__name__
    return cls(
        method=request.method,
        url=safe_url(request.url),
        cause=exc,
        message=f"{request.method} {safe_url(request.url)} {what}{during}: {detail}",
    )
