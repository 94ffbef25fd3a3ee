"""httpx authentication for the Scaleout controller.

Three ways to authenticate (which one a client uses is decided in ``_config``):

* :class:`StaticTokenAuth`: a fixed access token or API key, never refreshed;
* :class:`ProviderAuth`: a user callable asked for the access token on every request;
* :class:`RefreshTokenAuth`: a refresh token exchanged at the token endpoint for short-lived
  access tokens, refreshed shortly before expiry and once more on a 401.

The refresh exchange is yielded from the auth flow, so it travels through the same client
(connection pool, timeouts, retries, mock transports in tests) and happens lazily on the first
request: constructing an auth object never touches the network.

No repr, log line or exception message produced here contains a token.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from typing import TYPE_CHECKING, Any, Final

import httpx

from . import _extensions
from ._exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    TokenRefreshError,
    extract_error_message,
    make_status_error,
    redact,
    safe_url,
    sanitized,
)
from ._tokens import (
    check_scheme,
    check_token,
    first_str,
    header_value,
    jwt_claims,
    jwt_expiry,
    seconds,
    strip_scheme_word,
)

if TYPE_CHECKING:
    import asyncio

    from ._token_cache import TokenCache

__all__ = [
    "REFRESH_MARGIN_SECONDS",
    "ProviderAuth",
    "RefreshTokenAuth",
    "StaticTokenAuth",
    "jwt_claims",
]

logger = logging.getLogger("scaleout.auth")

# Refresh this long before expiry so a token cannot lapse while a request is in flight.
REFRESH_MARGIN_SECONDS: Final = 30.0
# Used when neither the JWT nor the response says how long the access token lives.
_DEFAULT_LIFETIME_SECONDS: Final = 3600.0
# What the auth flow yields while another request refreshes the token.
_WAIT: Final = object()
_PLAIN_HTTP_MARKER: Final = "plain http request was sent to https port"


class StaticTokenAuth(httpx.Auth):
    """Sends ``Authorization: <scheme> <token>`` with a fixed token (access token or API key)."""

    def __init__(self, token: str, *, scheme: str = "Bearer") -> None:
        self._scheme = check_scheme(scheme)
        self._token = check_token(token, "token")
        self._header = header_value(self._scheme, self._token)

    @property
    def scheme(self) -> str:
        return self._scheme

    def secrets(self) -> list[str]:
        """What must never appear in an error or a log: the token."""
        return [self._token]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"StaticTokenAuth(scheme={self._scheme!r}, token=<redacted>)"


class ProviderAuth(httpx.Auth):
    """Asks ``provider`` for an access token on every request (e.g. from a secrets manager).

    When the provider returns None or an empty string, no Authorization header is sent.
    """

    def __init__(self, provider: Callable[[], str | None], *, scheme: str = "Bearer") -> None:
        if not callable(provider):
            raise ArgumentTypeError("access_token_provider must be callable")
        self._provider = provider
        self._scheme = check_scheme(scheme)
        self._last: str | None = None

    @property
    def scheme(self) -> str:
        return self._scheme

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        value = self._provider()
        if value is not None and value.strip():
            token = strip_scheme_word(value, self._scheme, "access_token_provider's value")
            self._last = token
            request.headers["Authorization"] = header_value(self._scheme, token)
        yield request

    def secrets(self) -> list[str]:
        """What must never appear in an error or a log: the last token the provider gave."""
        return [self._last] if self._last else []

    def __repr__(self) -> str:
        name = getattr(self._provider, "__qualname__", type(self._provider).__name__)
        return f"ProviderAuth(provider={name}, scheme={self._scheme!r})"


class RefreshTokenAuth(httpx.Auth):
    """Exchanges a refresh token for access tokens at ``token_endpoint`` and keeps them fresh.

    * Before a request, refreshes when there is no access token or it is about to expire: less
      than 30 s left, or less than a quarter of its lifetime for tokens shorter than 2 min.
    * On a 401, refreshes once and resends once; a second 401 is returned to the caller.
    * A refresh the endpoint rejects (4xx) raises :class:`TokenRefreshError`; the request is
      never sent without credentials. 429/5xx raise the matching :class:`APIStatusError`.
    * Thread-safe: concurrent requests needing a token wait for one refresh and share its result.
    * Successful refreshes are written to ``cache``; a still-valid cached access token for the
      same refresh token is reused instead of refreshing.
    """

    # Deliberately False (and sync_auth_flow below never reads the final response): httpx
    # would otherwise buffer every response, streamed downloads included. Only refresh
    # responses are read, explicitly.
    requires_response_body = False

    def __init__(
        self,
        *,
        refresh_token: str,
        token_endpoint: str,
        scheme: str = "Bearer",
        role: str = "admin",
        cache: TokenCache | None = None,
        refresh_timeout: float | httpx.Timeout = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._refresh_token = check_token(refresh_token, "refresh_token")
        self._endpoint = _check_endpoint(token_endpoint)
        self._scheme = check_scheme(scheme)
        if not isinstance(role, str) or not role.strip():
            raise InvalidArgumentError("role must be a non-empty string such as 'admin'")
        self._role = role.strip()
        self._cache = cache
        timeout = (
            refresh_timeout
            if isinstance(refresh_timeout, httpx.Timeout)
            else httpx.Timeout(refresh_timeout)
        )
        self._timeout_ext = timeout.as_dict()
        self._clock = clock
        self._access_token: str | None = None
        self._expires_at = 0.0  # epoch seconds; meaningless while _access_token is None
        #: How long before expiry a token is renewed (see _accept_refresh).
        self._margin = REFRESH_MARGIN_SECONDS
        self._seeded = cache is None
        self._refreshing = False
        self._cond = threading.Condition(threading.Lock())
        #: Tasks of event loops waiting for the refresh in progress.
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    @property
    def token_endpoint(self) -> str:
        return self._endpoint

    @property
    def role(self) -> str:
        return self._role

    @property
    def scheme(self) -> str:
        return self._scheme

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the current access token expires, or None before the first refresh."""
        with self._cond:
            if self._access_token is None:
                return None
            return datetime.datetime.fromtimestamp(self._expires_at, datetime.UTC)

    # The flow is written once (auth_flow); these two drive it. They wait where it yields
    # _WAIT (another request is refreshing the token) and read a refresh answer's body before
    # handing it over. httpx always closes them, but only closes the inner flow when it happens
    # to be garbage-collected; they close it explicitly so the refresh bookkeeping in its
    # finally blocks runs at once, even when the refresh request fails in the transport.

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        flow = self.auth_flow(request)
        try:
            outgoing = next(flow)
            while True:
                if outgoing is _WAIT:
                    self._wait_for_refresh()
                    outgoing = flow.send(None)  # type: ignore[arg-type]  # _WAIT reads nothing
                    continue
                response = yield outgoing
                if outgoing.extensions.get(_extensions.TOKEN_REFRESH):
                    response.read()
                try:
                    outgoing = flow.send(response)
                except StopIteration:
                    return
        finally:
            flow.close()

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow = self.auth_flow(request)
        try:
            outgoing = next(flow)
            while True:
                if outgoing is _WAIT:
                    await self._await_refresh()
                    outgoing = flow.send(None)  # type: ignore[arg-type]  # _WAIT reads nothing
                    continue
                response = yield outgoing
                if outgoing.extensions.get(_extensions.TOKEN_REFRESH):
                    await response.aread()
                try:
                    outgoing = flow.send(response)
                except StopIteration:
                    return
        finally:
            flow.close()

    def _wait_for_refresh(self) -> None:
        with self._cond:
            while self._refreshing:
                self._cond.wait()

    async def _await_refresh(self) -> None:
        import asyncio  # here: only the async client waits this way

        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        with self._cond:
            if not self._refreshing:
                return
            self._waiters.append((loop, done))
        await done

    def auth_flow(self, request: httpx.Request) -> Generator[Any, httpx.Response, None]:
        # Decided before sending: a transport may buffer a streamed body while sending it.
        replayable = isinstance(request.stream, httpx.ByteStream)
        token = yield from self._valid_token(request, rejected=None)
        request.headers["Authorization"] = header_value(self._scheme, token)
        response = yield request
        if response.status_code != 401 or not replayable:
            return
        logger.debug(
            "Got 401 for %s %s; refreshing the access token", request.method, _path(request)
        )
        token = yield from self._valid_token(request, rejected=token)
        request.headers["Authorization"] = header_value(self._scheme, token)
        yield request

    def __repr__(self) -> str:
        return (
            f"RefreshTokenAuth(endpoint={self._endpoint!r}, role={self._role!r}, "
            f"scheme={self._scheme!r}, token=<redacted>)"
        )

    def _valid_token(
        self, request: httpx.Request, *, rejected: str | None
    ) -> Generator[Any, httpx.Response, str]:
        """A usable access token, refreshing first unless another request just did.

        While another request (thread or task) refreshes, this yields ``_WAIT`` and checks
        again afterwards, so concurrent requests share one refresh. ``rejected`` is a token the
        server answered 401 to: it is not reused even if unexpired.
        """
        while True:
            with self._cond:
                self._seed_from_cache()
                if not self._refreshing:
                    current = self._access_token
                    if current is not None and current != rejected and not self._expiring():
                        return current
                    self._refreshing = True
                    break
            yield _WAIT
        try:
            response = yield self._refresh_request(request)
            return self._accept_refresh(response)
        finally:
            with self._cond:
                self._refreshing = False
                self._cond.notify_all()
                waiters, self._waiters = self._waiters, []
            for loop, done in waiters:
                loop.call_soon_threadsafe(_resolve, done)

    def _expiring(self) -> bool:
        return self._expires_at - self._clock() < self._margin

    def _seed_from_cache(self) -> None:
        if self._seeded:
            return
        self._seeded = True
        if self._cache is None:
            return
        cached = self._cache.load()
        # Only trust a cached access token minted from the refresh token we were given; a
        # different one may belong to another user or role.
        if cached is None or cached.refresh_token != self._refresh_token or not cached.access_token:
            return
        expires_at: float | None = None
        if cached.expires_at is not None:
            expires_at = cached.expires_at.timestamp()
        else:
            expires_at = jwt_expiry(cached.access_token)
        if expires_at is not None and expires_at - self._clock() >= REFRESH_MARGIN_SECONDS:
            self._access_token = cached.access_token
            self._expires_at = expires_at
            logger.debug("Reusing cached access token for %s", self._endpoint)

    def _refresh_request(self, origin: httpx.Request) -> httpx.Request:
        headers = {"Accept": "application/json"}
        user_agent = origin.headers.get("user-agent")
        if user_agent:
            headers["User-Agent"] = user_agent
        logger.debug("Refreshing access token at %s", self._endpoint)
        # Yielded requests skip the client's defaults, so the limits are set here: those of
        # the call that needs the token (its timeouts and deadline), so a refresh can never
        # make a call outlast them; refresh_timeout only when the call carries none.
        extensions: dict[str, Any] = {
            "timeout": origin.extensions.get("timeout") or self._timeout_ext,
            _extensions.TOKEN_REFRESH: True,
        }
        if _extensions.DEADLINE in origin.extensions:
            extensions[_extensions.DEADLINE] = origin.extensions[_extensions.DEADLINE]
        return httpx.Request(
            "POST",
            self._endpoint,
            json={"refresh_token": self._refresh_token, "role": self._role},
            headers=headers,
            extensions=extensions,
        )

    def _accept_refresh(self, response: httpx.Response) -> str:
        response.read()
        status = response.status_code
        if status == 429 or status >= 500:
            raise make_status_error(response, secrets=self.secrets())
        if not 200 <= status < 300:
            raise self._rejection(response)

        try:
            data = response.json()
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            raise self._unusable(response, "the token endpoint did not return a JSON object")
        access = first_str(data, "access_token", "access")
        if access is None:
            raise self._unusable(response, "no access token in the refresh response")
        try:
            access = check_token(access, "access_token")
        except ValueError:
            raise self._unusable(
                response, "the refresh response has a malformed access token"
            ) from None

        rotated = first_str(data, "refresh_token", "refresh")
        if rotated is not None and rotated.strip():
            try:
                rotated = check_token(rotated, "refresh_token")
            except ValueError:
                logger.warning("Ignoring a malformed rotated refresh token from %s", self._endpoint)
                rotated = None

        now = self._clock()
        expires_at = jwt_expiry(access)
        if expires_at is None:
            lifetime = seconds(data.get("expires_in"))
            expires_at = now + (lifetime if lifetime is not None else _DEFAULT_LIFETIME_SECONDS)

        with self._cond:
            self._access_token = access
            self._expires_at = expires_at
            # Renew a while before expiry, but never a quarter of the lifetime or more ahead:
            # a token living less than the margin would otherwise be renewed on every request.
            self._margin = min(REFRESH_MARGIN_SECONDS, max(0.0, expires_at - now) / 4)
            if rotated is not None:
                self._refresh_token = rotated
            refresh_token = self._refresh_token
        logger.debug(
            "Access token refreshed; valid for %.0fs%s",
            expires_at - now,
            " (refresh token rotated)" if rotated is not None else "",
        )
        if self._cache is not None:
            self._cache.save(
                access_token=access,
                refresh_token=refresh_token,
                expires_at=datetime.datetime.fromtimestamp(expires_at, datetime.UTC),
            )
        return access

    def _rejection(self, response: httpx.Response) -> TokenRefreshError:
        body, message = extract_error_message(response)
        message = self._scrub(message)
        status = response.status_code
        if status == 400 and _PLAIN_HTTP_MARKER in response.text.lower():
            description = (
                f"The token endpoint {self._endpoint} expects HTTPS but was called over plain "
                "HTTP; use an https:// host or secure=True"
            )
        elif 300 <= status < 400:
            location = response.headers.get("location")
            target = f" to {safe_url(location)}" if location else ""
            description = (
                f"The token endpoint {self._endpoint} redirected ({status}){target}; "
                "configure the final URL (often https:// instead of http://)"
            )
        else:
            description = f"refresh token rejected by {self._endpoint}: {message}"
        return TokenRefreshError(
            message,
            status_code=status,
            method="POST",
            url=self._endpoint,
            body=redact(body, self.secrets()),
            response=sanitized(response, self.secrets()),
            description=description,
        )

    def _unusable(self, response: httpx.Response, problem: str) -> TokenRefreshError:
        # The body may hold tokens, so it is kept out of the message and the attribute.
        return TokenRefreshError(
            problem,
            status_code=response.status_code,
            method="POST",
            url=self._endpoint,
            response=sanitized(response, self.secrets()),
            description=f"Token refresh at {self._endpoint} failed: {problem}",
        )

    def secrets(self) -> list[str]:
        """What must never appear in an error or a log: the refresh and access tokens."""
        return [secret for secret in (self._refresh_token, self._access_token) if secret]

    def _scrub(self, text: str) -> str:
        # A server echoing the credential it rejected must not put it into an exception.
        return redact(text, self.secrets())


def _path(request: httpx.Request) -> str:
    return request.url.path


def _check_endpoint(endpoint: str) -> str:
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise InvalidArgumentError("token_endpoint must be a non-empty URL")
    try:
        url = httpx.URL(endpoint.strip())
    except httpx.InvalidURL:
        raise InvalidArgumentError("token_endpoint is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError("token_endpoint must be an absolute http:// or https:// URL")
    # Userinfo would end up in messages and logs; otherwise keep the URL as the user wrote it.
    return safe_url(url) if url.userinfo else endpoint.strip()


def _resolve(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)


def refuse_refresh_redirect(response: httpx.Response) -> None:
    """A response hook: the token-refresh exchange never follows a redirect.

    httpx would resend a 307/308's POST, refresh token included, to wherever ``Location``
    points, another host too. The redirect is refused as an error instead, before anything
    is sent there.
    """
    request = response.request
    if not request.extensions.get(_extensions.TOKEN_REFRESH) or not response.has_redirect_location:
        return
    endpoint = safe_url(request.url)
    target = safe_url(response.headers["location"])
    raise TokenRefreshError(
        f"redirected ({response.status_code})",
        status_code=response.status_code,
        method=request.method,
        url=endpoint,
        description=(
            f"The token endpoint {endpoint} redirected ({response.status_code}) to {target}; "
            "the refresh token is not sent on to a redirect: configure the final URL "
            "(often https:// instead of http://)"
        ),
    )


async def async_refuse_refresh_redirect(response: httpx.Response) -> None:
    refuse_refresh_redirect(response)
