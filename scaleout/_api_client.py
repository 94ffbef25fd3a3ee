"""``client.api``: the generated client, sending through the SDK's HTTP core.

The generated functions (``scaleout_api.api.<tag>.<operation>.sync_detailed(client=...)``) call
``client.get_httpx_client().request(**kwargs)``. The httpx client handed to them here is a thin
``httpx.Client`` whose ``request`` and ``send`` go to :meth:`HTTPCore.send`, so they get the
SDK's request shaping, auth (with token refresh), timeouts, retries, per-call options and
connection-error mapping. Status errors are left to the generated code, which returns the
documented error bodies as parsed models rather than raising.

This module imports the generated package, so it is itself imported only on first use of
``client.api``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from scaleout_api import Client as GeneratedClient

from . import _extensions
from ._base_client import HTTPCore
from ._exceptions import ArgumentTypeError
from ._options import NotGiven, RequestOptions

__all__ = ["ApiClient"]


class _NoNetwork(httpx.BaseTransport):
    """The routed client never uses a transport of its own; the core's pool does the sending."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("client.api sends through the Scaleout client's HTTP core")


class _RoutedClient(httpx.Client):
    def __init__(self, core: HTTPCore, options: RequestOptions) -> None:
        timeout = core.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        super().__init__(
            base_url=core.base_url.url,
            headers=core.headers,
            timeout=timeout,
            transport=_NoNetwork(),
            trust_env=False,
        )
        self._core = core
        self._options = options

    def request(  # type: ignore[override]
        self,
        method: str,
        url: httpx.URL | str,
        *,
        content: Any = None,
        data: Any = None,
        files: Any = None,
        json: Any = None,
        params: Any = None,
        headers: Mapping[str, str] | None = None,
        cookies: Any = None,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
        timeout: Any = httpx.USE_CLIENT_DEFAULT,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        if auth is not httpx.USE_CLIENT_DEFAULT:
            raise ArgumentTypeError("client.api sends with the Scaleout client's auth; pass none")
        # Headers set on this httpx client by hand (client.api.get_httpx_client().headers).
        added = {k: v for k, v in self.headers.items() if self._core.headers.get(k) != v}
        kwargs = {
            "method": method,
            "url": str(url),
            "params": params,
            "headers": {**added, **(headers or {})},
            "cookies": cookies,
            "content": content,
            "data": data,
            "files": files,
            "json": json,
        }
        chosen = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else timeout
        options = self._options.merge(timeout=chosen)
        return self._core.send(kwargs, options, check_status=False, extensions=extensions)

    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        # Requests built by httpx's helpers (get, post, stream...) on this client: already
        # built with the core's base URL, headers and timeout, so only the policy is added.
        if not isinstance(self._options.max_retries, NotGiven):
            request.extensions.setdefault(_extensions.MAX_RETRIES, self._options.max_retries)
        for name, value in self._options.extra_headers.items():
            request.headers[name] = value
        return self._core.send_request(request, stream=stream, check_status=False)

    @property
    def is_closed(self) -> bool:
        """Whether the Scaleout client's pool, which this client sends through, is closed."""
        return self._core.httpx_client.is_closed

    def close(self) -> None:
        """Nothing to release: the pool belongs to the Scaleout client (close that one)."""

    def __enter__(self) -> _RoutedClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass


class ApiClient(GeneratedClient):
    """The generated ``scaleout_api.Client``, sending through a Scaleout client's HTTP core.

    ``with_headers`` and ``with_timeout`` return another such client with those per-call
    options added (the generated ones would return a client with a pool, auth and retries of
    its own). The controller API uses no cookies, so ``with_cookies`` is refused.
    """

    def __init__(self, core: HTTPCore, options: RequestOptions) -> None:
        super().__init__(base_url=core.base_url.url)
        self._scaleout_core = core
        self._scaleout_options = options
        self.set_httpx_client(_RoutedClient(core, options))

    def with_headers(self, headers: dict[str, str]) -> ApiClient:
        options = self._scaleout_options.merge(extra_headers=headers)
        return ApiClient(self._scaleout_core, options)

    def with_timeout(self, timeout: httpx.Timeout) -> ApiClient:
        options = self._scaleout_options.merge(timeout=timeout)
        return ApiClient(self._scaleout_core, options)

    def with_cookies(self, cookies: dict[str, str]) -> ApiClient:
        raise ArgumentTypeError("client.api sends no cookies: the controller API uses none")

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> ApiClient:
        raise ArgumentTypeError("client.api is synchronous: its asyncio functions are not routed")

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        raise ArgumentTypeError(
            "client.api is synchronous: call the generated sync/sync_detailed functions"
        )
