"""``Scaleout``: the documented client, assembled from the resource mixins."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, Caller, HTTPCore
from ._config import build_auth
from ._options import DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven, TimeoutSetting
from ._resources.attributes import AttributesResource
from ._resources.commands import CommandsResource
from ._resources.events import EventsResource
from ._resources.models import ModelsResource
from ._resources.network import NetworkResource
from ._resources.packages import PackagesResource
from ._resources.sessions import SessionsResource
from ._url import resolve_base_url

if TYPE_CHECKING:
    from scaleout_api import Client as GeneratedClient


class Scaleout(
    NetworkResource,
    ModelsResource,
    PackagesResource,
    SessionsResource,
    EventsResource,
    AttributesResource,
    CommandsResource,
):
    """Python client for a Scaleout Edge controller.

    One client owns one connection pool; auth, timeouts, retries and error mapping apply to
    every method. Use it as a context manager (or call :meth:`close`) to release the pool.

    Every method raises on failure: an :class:`APIStatusError` subclass for an error status
    (e.g. :class:`NotFoundError`), :class:`APIConnectionError`/:class:`APITimeoutError` when no
    answer arrives, and ``ValueError``/``TypeError`` for bad arguments, before anything is sent.
    """

    def __init__(
        self,
        host: str,
        port: int | None = None,
        secure: bool | None = None,
        verify: bool = True,
        token: str | None = None,
        auth_scheme: str | None = None,
        token_endpoint: str | None = None,
        access_token_provider: Callable[[], str | None] | None = None,
        *,
        timeout: TimeoutSetting = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        token_role: str = "admin",
        token_cache: bool = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Initialize the Scaleout client.

        :param host: The controller, e.g. ``"https://edge.example.com"``,
            ``"edge.example.com:8443"`` or ``"http://localhost:8092/prefix"``. A path is kept
            as the prefix of every request.
        :param port: The port; wins over a port in ``host``.
        :param secure: Whether to use https when ``host`` has no scheme (default: only for
            port 443).
        :param verify: Whether to verify the server's TLS certificate (or an SSL context).
        :param token: Refresh token for automatic token management; also read from
            ``SCALEOUT_AUTH_TOKEN``. An API key token is sent as it is.
        :param auth_scheme: Authorization scheme (default ``SCALEOUT_AUTH_SCHEME`` or
            ``Bearer``).
        :param token_endpoint: Token refresh URL (default ``SCALEOUT_AUTH_REFRESH_TOKEN_URI``
            or ``<host>/api/auth/refresh``).
        :param access_token_provider: Called for an access token before each request.
        :param timeout: Seconds, or an ``httpx.Timeout`` (default: connect 5 s, read 60 s).
        :param max_retries: Retries of failed idempotent requests (default 2).
        :param token_role: The role asked for when refreshing (default ``admin``).
        :param token_cache: Keep refreshed tokens in the token cache (mode 0600).
        :param transport: An httpx transport to send requests through (for tests).
        """
        base_url = resolve_base_url(host, port, secure)
        auth = build_auth(
            base_url=base_url,
            token=token,
            auth_scheme=auth_scheme,
            token_endpoint=token_endpoint,
            access_token_provider=access_token_provider,
            verify=verify,
            token_role=token_role,
            token_cache=token_cache,
        )
        self._core = HTTPCore(
            base_url,
            auth=auth,
            timeout=timeout,
            verify=verify,
            max_retries=max_retries,
            transport=transport,
        )
        self._caller = Caller(self._core)
        self._api: GeneratedClient | None = None

    @property
    def url(self) -> str:
        """The controller's base URL, e.g. ``https://edge.example.com:443``."""
        return self._core.base_url.url

    @property
    def api(self) -> GeneratedClient:
        """The generated low-level client, sending through this client's HTTP core.

        Its functions (``scaleout_api.api.<tag>.<operation>.sync_detailed(client=...)``) get
        this client's connection pool, auth, timeouts, retries and per-call options (those of
        the :meth:`with_options` view it is taken from). They return typed models, hand back
        documented error responses instead of raising, and raise
        :class:`APIConnectionError` when no answer arrives.
        """
        if self._api is None:
            from ._api_client import ApiClient

            self._api = ApiClient(self._core, self._caller.options)
        return self._api

    def with_options(
        self,
        *,
        timeout: TimeoutSetting | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
    ) -> Scaleout:
        """A view of this client with other per-call options, sharing its connection pool.

        ``client.with_options(timeout=600).download_model(...)`` gives one call more time.
        ``extra_headers`` are added to every request of the view (e.g. a tracing header).
        Every kind of call honours them: JSON calls, upload chunks, downloads and
        ``view.api``.
        """
        view = copy.copy(self)
        options = self._caller.options.merge(
            timeout=timeout, max_retries=max_retries, extra_headers=extra_headers
        )
        view._caller = Caller(self._core, options)
        view._api = None
        return view

    def close(self) -> None:
        """Close the connection pool (shared with every :meth:`with_options` view)."""
        self._core.close()

    def __enter__(self) -> Scaleout:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        auth = self._core.auth
        return f"Scaleout(url={self.url!r}, auth={auth!r})"
