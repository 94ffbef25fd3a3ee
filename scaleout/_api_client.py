"""``client.api``: the generated client, sending through the SDK's HTTP core.

The generated functions call ``client.get_httpx_client().request(**kwargs)`` (sync) or
``await client.get_async_httpx_client().request(**kwargs)`` (asyncio). The httpx clients handed
to them here are thin routed clients whose ``request`` and ``send`` go to the core's send path,
so they get the SDK's request shaping, auth (with token refresh), timeouts, retries, per-call
options and connection-error mapping. Status errors are left to the generated code, which
returns the documented error bodies as parsed models rather than raising.

This module imports the generated package, so it is itself imported only on first use of
``client.api``.
"""

from __future__ import annotations

from typing import Any

import httpx
from scaleout_api import Client as GeneratedClient

from . import _extensions
from ._base_client import AsyncHTTPCore, HTTPCore
from ._exceptions import ArgumentTypeError
from ._options import NotGiven, RequestOptions
from ._shaping import BODY_KEYS, encode_query

__all__ = ["ApiClient"]


class _NoNetwork(httpx.BaseTransport):
    """The routed clients never use a transport of their own; the core's pool does the sending."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("client.api sends through the Scaleout client's HTTP core")


class _NoAsyncNetwork(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("client.api sends through the Scaleout client's HTTP core")


#: What httpx's ``request()`` takes besides method and url, and what the core's send takes.
_REQUEST_OPTIONS = frozenset(
    {
        "content", "data", "files", "json", "params", "headers", "cookies", "auth",
        "follow_redirects", "timeout", "extensions",
    }
)  # fmt: skip


def _routed(
    client: httpx.Client | httpx.AsyncClient,
    core: HTTPCore | AsyncHTTPCore,
    options: RequestOptions,
    method: str,
    url: httpx.URL | str,
    given: dict[str, Any],
) -> tuple[dict[str, Any], RequestOptions, Any]:
    """The core's request arguments, options and extensions for an httpx ``request()`` call."""
    unknown = set(given) - _REQUEST_OPTIONS
    if unknown:
        raise ArgumentTypeError(f"unexpected request arguments: {', '.join(sorted(unknown))}")
    if given.get("auth", httpx.USE_CLIENT_DEFAULT) is not httpx.USE_CLIENT_DEFAULT:
        raise ArgumentTypeError("client.api sends with the Scaleout client's auth; pass none")
    # Headers set on the routed httpx client by hand (client.api.get_httpx_client().headers).
    added = {k: v for k, v in client.headers.items() if core.headers.get(k) != v}
    kwargs = {key: given.get(key) for key in ("params", "cookies", *BODY_KEYS)}
    kwargs.update(method=method, url=str(url), headers={**added, **(given.get("headers") or {})})
    timeout = given.get("timeout", httpx.USE_CLIENT_DEFAULT)
    chosen = client.timeout if timeout is httpx.USE_CLIENT_DEFAULT else timeout
    return kwargs, options.merge(timeout=chosen), given.get("extensions")


def _policy(request: httpx.Request, options: RequestOptions) -> None:
    # Requests built by httpx's helpers (get, post, stream...) on a routed client: already
    # built with the core's base URL, headers and timeout, so only the policy is added.
    if not isinstance(options.max_retries, NotGiven):
        request.extensions.setdefault(_extensions.MAX_RETRIES, options.max_retries)
    for name, value in options.extra_headers.items():
        request.headers[name] = value
    if options.extra_query:
        replaced = options.extra_query.keys()
        kept = [(k, v) for k, v in request.url.params.multi_items() if k not in replaced]
        added = encode_query(options.extra_query) or []
        request.url = request.url.copy_with(params=httpx.QueryParams([*kept, *added]))


def _client_settings(core: HTTPCore | AsyncHTTPCore, options: RequestOptions) -> dict[str, Any]:
    timeout = core.timeout if isinstance(options.timeout, NotGiven) else options.timeout
    return {"base_url": core.base_url.url, "headers": core.headers, "timeout": timeout}


class _RoutedClient(httpx.Client):
    """What the generated sync functions send through: the SDK's sync core."""

    def __init__(self, core: HTTPCore, options: RequestOptions) -> None:
        super().__init__(transport=_NoNetwork(), trust_env=False, **_client_settings(core, options))
        self._core = core
        self._options = options

    def request(self, method: str, url: httpx.URL | str, **given: Any) -> httpx.Response:
        kwargs, options, extensions = _routed(self, self._core, self._options, method, url, given)
        return self._core.send(kwargs, options, check_status=False, extensions=extensions)

    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        _policy(request, self._options)
        return self._core.send_request(request, stream=stream, check_status=False)

    @property
    def is_closed(self) -> bool:
        """Whether the Scaleout client's pool, which this client sends through, is closed."""
        return self._core.is_closed

    def close(self) -> None:
        """Nothing to release: the pool belongs to the Scaleout client (close that one)."""

    def __enter__(self) -> _RoutedClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass


class _RoutedAsyncClient(httpx.AsyncClient):
    """What the generated asyncio functions send through: the SDK's async core (an async
    client's own, or for a sync client the one made for the running event loop)."""

    def __init__(self, source: HTTPCore | AsyncHTTPCore, options: RequestOptions) -> None:
        super().__init__(
            transport=_NoAsyncNetwork(), trust_env=False, **_client_settings(source, options)
        )
        self._source = source
        self._options = options

    @property
    def _core(self) -> AsyncHTTPCore:
        source = self._source
        return source if isinstance(source, AsyncHTTPCore) else source.sibling()

    async def request(self, method: str, url: httpx.URL | str, **given: Any) -> httpx.Response:
        core = self._core
        kwargs, options, extensions = _routed(self, core, self._options, method, url, given)
        return await core.send(kwargs, options, check_status=False, extensions=extensions)

    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        _policy(request, self._options)
        return await self._core.send_request(request, stream=stream, check_status=False)

    @property
    def is_closed(self) -> bool:
        return self._source.is_closed

    async def aclose(self) -> None:
        """Nothing to release: the pool belongs to the Scaleout client (close that one)."""

    async def __aenter__(self) -> _RoutedAsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        pass


class ApiClient(GeneratedClient):
    """The generated ``scaleout_api.Client``, sending through a Scaleout client's HTTP core.

    Its sync functions go through a sync core and its asyncio functions through an async one:
    the client's own core for its kind, and for the other kind a core made like it (sharing
    its auth and tokens) and closed with it. ``with_headers`` and ``with_timeout`` return
    another such client with those per-call options added (the generated ones would return a
    client with a pool, auth and retries of its own). The controller API uses no cookies, so
    ``with_cookies`` is refused.
    """

    def __init__(self, core: HTTPCore | AsyncHTTPCore, options: RequestOptions) -> None:
        super().__init__(base_url=core.base_url.url)
        self._scaleout_core = core
        self._scaleout_options = options

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            core = self._scaleout_core
            sync_core = core if isinstance(core, HTTPCore) else core.sibling()
            self._client = _RoutedClient(sync_core, self._scaleout_options)
        return self._client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if self._async_client is None:
            self._async_client = _RoutedAsyncClient(self._scaleout_core, self._scaleout_options)
        return self._async_client

    def set_httpx_client(self, client: httpx.Client) -> ApiClient:
        raise ArgumentTypeError("client.api sends through the Scaleout client's HTTP core")

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> ApiClient:
        raise ArgumentTypeError("client.api sends through the Scaleout client's HTTP core")

    def with_headers(self, headers: dict[str, str]) -> ApiClient:
        options = self._scaleout_options.merge(extra_headers=headers)
        return ApiClient(self._scaleout_core, options)

    def with_timeout(self, timeout: httpx.Timeout) -> ApiClient:
        options = self._scaleout_options.merge(timeout=timeout)
        return ApiClient(self._scaleout_core, options)

    def with_cookies(self, cookies: dict[str, str]) -> ApiClient:
        raise ArgumentTypeError("client.api sends no cookies: the controller API uses none")
