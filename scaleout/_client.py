"""``Scaleout`` and ``AsyncScaleout``: the documented client, blocking and asyncio.

Both are assembled from the same resource mixins, whose methods are each defined once, as
steps (see ``_methods``); ``Scaleout`` runs them with blocking I/O, ``AsyncScaleout`` awaits
them. The constructor, the per-call options and ``client.api`` are shared here too.
"""

from __future__ import annotations

import copy
import ssl
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, ClassVar, TypeVar

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, AsyncHTTPCore, Caller, HTTPCore
from ._config import build_auth, host_or_env
from ._exceptions import ArgumentTypeError, InvalidArgumentError
from ._methods import AsyncRunner, StepsHolder, SyncRunner
from ._options import DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven, TimeoutSetting
from ._resources.attributes import AttributesResource
from ._resources.commands import CommandsResource
from ._resources.events import EventsResource
from ._resources.models import ModelsResource
from ._resources.network import NetworkResource
from ._resources.packages import PackagesResource
from ._resources.results import ResultsResource
from ._resources.sessions import SessionsResource
from ._url import resolve_base_url

if TYPE_CHECKING:
    from scaleout_api import Client as GeneratedClient

__all__ = ["AsyncScaleout", "Scaleout"]

ClientT = TypeVar("ClientT", bound="_Client")


class _Resources(
    # First: it builds on (and so must come before) the sessions, models and events mixins.
    ResultsResource,
    NetworkResource,
    ModelsResource,
    PackagesResource,
    SessionsResource,
    EventsResource,
    AttributesResource,
    CommandsResource,
):
    """Every method of the client, defined once as steps."""


class _StepsView(_Resources):
    """What a method body runs with: the client's caller, and its methods giving steps."""

    def __init__(self, caller: Caller) -> None:
        self._caller = caller


class _Client(_Resources):
    """What both clients share: the constructor, the per-call options and ``api``."""

    _core_class: ClassVar[type[HTTPCore] | type[AsyncHTTPCore]]
    _core: HTTPCore | AsyncHTTPCore
    _view: StepsHolder

    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        secure: bool | None = None,
        verify: bool | ssl.SSLContext = True,
        token: str | None = None,
        auth_scheme: str | None = None,
        token_endpoint: str | None = None,
        access_token_provider: Callable[[], str | None] | None = None,
        *,
        timeout: TimeoutSetting = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        token_role: str = "admin",
        token_cache: bool = True,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Initialize the client.

        :param host: The controller, e.g. ``"https://edge.example.com"``,
            ``"edge.example.com:8443"`` or ``"http://localhost:8092/prefix"``. A path is kept
            as the prefix of every request. Read from ``SCALEOUT_HOST`` when not given.
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
        :param transport: An httpx transport to send requests through (for tests): an
            ``httpx.BaseTransport`` for ``Scaleout``, an ``httpx.AsyncBaseTransport`` for
            ``AsyncScaleout`` (``httpx.MockTransport`` is both).
        """
        _check_connection_options(secure=secure, verify=verify, token_role=token_role)
        base_url = resolve_base_url(host_or_env(host), port, secure)
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
        self._core = self._core_class(
            base_url,
            auth=auth,
            timeout=timeout,
            verify=verify,
            max_retries=max_retries,
            transport=transport,  # each core checks its kind
        )
        self._bind(Caller(self._core))

    def _bind(self, caller: Caller) -> None:
        self._caller = caller
        self._view = _StepsView(caller)
        self._api: GeneratedClient | None = None

    @property
    def url(self) -> str:
        """The controller's base URL, e.g. ``https://edge.example.com:443``."""
        return self._core.base_url.url

    @property
    def api(self) -> GeneratedClient:
        """The generated low-level client, sending through this client's HTTP core.

        Its functions (``scaleout_api.api.<tag>.<operation>``: ``sync``/``sync_detailed`` and
        ``asyncio``/``asyncio_detailed``) get this client's auth (with token refresh),
        timeouts, retries and per-call options (those of the :meth:`with_options` view it is
        taken from). They return typed models, hand back documented error responses instead of
        raising, and raise :class:`APIConnectionError` when no answer arrives.
        """
        if self._api is None:
            from ._api_client import ApiClient

            self._api = ApiClient(self._core, self._caller.options)
        return self._api

    def with_options(
        self: ClientT,
        *,
        timeout: TimeoutSetting | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
    ) -> ClientT:
        """A view of this client with other per-call options, sharing its connection pool.

        ``client.with_options(timeout=600).download_model(...)`` gives one call more time.
        ``extra_headers`` are added to every request of the view (e.g. a tracing header), and
        ``extra_query`` to every request's query (e.g. a parameter a proxy in front of the
        controller needs). Every kind of call honours them: JSON calls, upload chunks,
        downloads and ``view.api``.
        """
        options = self._caller.options.merge(
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_query=extra_query,
        )
        view = copy.copy(self)
        view._bind(self._caller.with_options(options))
        return view

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r}, auth={self._core.auth!r})"


class Scaleout(SyncRunner, _Client):
    """Python client for a Scaleout Edge controller.

    One client owns one connection pool; auth, timeouts, retries and error mapping apply to
    every method. Use it as a context manager (or call :meth:`close`) to release the pool.

    Every method raises on failure: an :class:`APIStatusError` subclass for an error status
    (e.g. :class:`NotFoundError`), :class:`APIConnectionError`/:class:`APITimeoutError` when no
    answer arrives, and :class:`InvalidArgumentError`/:class:`ArgumentTypeError` (a
    ``ValueError``/``TypeError``) for bad arguments, before anything is sent.
    """

    _core_class = HTTPCore
    _core: HTTPCore

    def close(self) -> None:
        """Close the connection pool (shared with every :meth:`with_options` view)."""
        self._core.close()

    def __enter__(self) -> Scaleout:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncScaleout(AsyncRunner, _Client):
    """The asyncio client: every method of :class:`Scaleout`, as a coroutine.

    The same constructor, methods, arguments, results and errors; ``iter_*`` methods are async
    iterators (``async for``), and ``wait_for_session`` also awaits an async ``on_round``.
    Many calls may be in flight at once on one client: they share its connection pool and its
    access token (one refresh when it expires). Use ``async with`` (or ``await close()``).
    Closing the client while calls are in flight makes them raise
    :class:`ClientClosedError`.
    """

    _core_class = AsyncHTTPCore
    _core: AsyncHTTPCore

    async def close(self) -> None:
        """Close the connection pool (shared with every :meth:`with_options` view); calls
        still in flight raise :class:`ClientClosedError`."""
        await self._core.aclose()

    async def aclose(self) -> None:
        """The same as :meth:`close`."""
        await self._core.aclose()

    async def __aenter__(self) -> AsyncScaleout:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def _check_connection_options(*, secure: object, verify: object, token_role: object) -> None:
    """Refuse what would otherwise be read loosely: ``secure="no"`` is truthy, and httpx takes
    a ``verify`` string for a CA bundle path (deprecated) and fails later, far from here."""
    if secure is not None and not isinstance(secure, bool):
        raise ArgumentTypeError(f"secure must be a bool or None, not {type(secure).__name__}")
    if not isinstance(verify, (bool, ssl.SSLContext)):
        raise ArgumentTypeError(
            f"verify must be a bool or an ssl.SSLContext, not {type(verify).__name__} "
            "(for a CA bundle: verify=ssl.create_default_context(cafile=...))"
        )
    if not isinstance(token_role, str):
        raise ArgumentTypeError(f"token_role must be a str, not {type(token_role).__name__}")
    if not token_role.strip():
        raise InvalidArgumentError("token_role must be a non-empty string such as 'admin'")
