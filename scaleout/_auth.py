"""httpx authentication for the Scaleout controller.

Three ways to authenticate, picked by :func:`build_auth`:

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

import base64
import binascii
import datetime
import json
import logging
import os
import ssl
import threading
import time
from collections.abc import Callable, Generator, Mapping
from typing import Any, Final

import httpx

from ._exceptions import TokenRefreshError, extract_error_message, make_status_error, safe_url
from ._token_cache import TokenCache
from ._url import BaseURL, is_loopback_host

__all__ = [
    "DEFAULT_TOKEN_PATH",
    "REFRESH_MARGIN_SECONDS",
    "TOKEN_REFRESH_EXTENSION",
    "ProviderAuth",
    "RefreshTokenAuth",
    "StaticTokenAuth",
    "build_auth",
    "jwt_claims",
]

logger = logging.getLogger("scaleout.auth")

DEFAULT_TOKEN_PATH: Final = "/api/auth/refresh"
# Refresh this long before expiry so a token cannot lapse while a request is in flight.
REFRESH_MARGIN_SECONDS: Final = 30.0
# Used when neither the JWT nor the response says how long the access token lives.
_DEFAULT_LIFETIME_SECONDS: Final = 3600.0
# Marks the refresh request so the HTTP core can say "during token refresh" in errors.
TOKEN_REFRESH_EXTENSION: Final = "scaleout_token_refresh"
# Scheme words users paste in front of tokens ("Bearer abc").
_SCHEME_WORDS: Final = frozenset({"bearer", "token", "jwt"})
_PLAIN_HTTP_MARKER: Final = "plain http request was sent to https port"

_warned: set[str] = set()
_warned_lock = threading.Lock()


class StaticTokenAuth(httpx.Auth):
    """Sends ``Authorization: <scheme> <token>`` with a fixed token (access token or API key)."""

    def __init__(self, token: str, *, scheme: str = "Bearer") -> None:
        self._scheme = _check_scheme(scheme)
        self._header = _header_value(self._scheme, _check_token(token, "token"))

    @property
    def scheme(self) -> str:
        return self._scheme

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
            raise TypeError("access_token_provider must be callable")
        self._provider = provider
        self._scheme = _check_scheme(scheme)

    @property
    def scheme(self) -> str:
        return self._scheme

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        value = self._provider()
        if value is not None and value.strip():
            token = _strip_scheme_word(value, self._scheme, "access_token_provider's value")
            request.headers["Authorization"] = _header_value(self._scheme, token)
        yield request

    def __repr__(self) -> str:
        name = getattr(self._provider, "__qualname__", type(self._provider).__name__)
        return f"ProviderAuth(provider={name}, scheme={self._scheme!r})"


class RefreshTokenAuth(httpx.Auth):
    """Exchanges a refresh token for access tokens at ``token_endpoint`` and keeps them fresh.

    * Before a request, refreshes when there is no access token or less than 30 s remain.
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
        self._refresh_token = _check_token(refresh_token, "refresh_token")
        self._endpoint = _check_endpoint(token_endpoint)
        self._scheme = _check_scheme(scheme)
        if not isinstance(role, str) or not role.strip():
            raise ValueError("role must be a non-empty string such as 'admin'")
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
        self._seeded = cache is None
        self._refreshing = False
        self._cond = threading.Condition(threading.Lock())

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

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        # httpx always closes this generator, but only closes the inner one when it happens to
        # be garbage-collected; close it explicitly so the refresh bookkeeping in its finally
        # blocks runs at once, even when the refresh request fails in the transport.
        flow = self.auth_flow(request)
        try:
            outgoing = next(flow)
            while True:
                response = yield outgoing
                try:
                    outgoing = flow.send(response)
                except StopIteration:
                    return
        finally:
            flow.close()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # Decided before sending: a transport may buffer a streamed body while sending it.
        replayable = isinstance(request.stream, httpx.ByteStream)
        token = yield from self._valid_token(request, rejected=None)
        request.headers["Authorization"] = _header_value(self._scheme, token)
        response = yield request
        if response.status_code != 401 or not replayable:
            return
        logger.debug(
            "Got 401 for %s %s; refreshing the access token", request.method, _path(request)
        )
        token = yield from self._valid_token(request, rejected=token)
        request.headers["Authorization"] = _header_value(self._scheme, token)
        yield request

    def __repr__(self) -> str:
        return (
            f"RefreshTokenAuth(endpoint={self._endpoint!r}, role={self._role!r}, "
            f"scheme={self._scheme!r}, token=<redacted>)"
        )

    def _valid_token(
        self, request: httpx.Request, *, rejected: str | None
    ) -> Generator[httpx.Request, httpx.Response, str]:
        """A usable access token, refreshing first unless another thread just did.

        ``rejected`` is a token the server answered 401 to: it is not reused even if unexpired.
        """
        with self._cond:
            self._seed_from_cache()
            while self._refreshing:
                self._cond.wait()
            current = self._access_token
            if current is not None and current != rejected and not self._expiring():
                return current
            self._refreshing = True
        try:
            response = yield self._refresh_request(request)
            return self._accept_refresh(response)
        finally:
            with self._cond:
                self._refreshing = False
                self._cond.notify_all()

    def _expiring(self) -> bool:
        return self._expires_at - self._clock() < REFRESH_MARGIN_SECONDS

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
            expires_at = _jwt_expiry(cached.access_token)
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
        # Yielded requests skip the client's defaults, so the timeout must be set here.
        return httpx.Request(
            "POST",
            self._endpoint,
            json={"refresh_token": self._refresh_token, "role": self._role},
            headers=headers,
            extensions={"timeout": self._timeout_ext, TOKEN_REFRESH_EXTENSION: True},
        )

    def _accept_refresh(self, response: httpx.Response) -> str:
        response.read()
        status = response.status_code
        if status == 429 or status >= 500:
            raise make_status_error(response)
        if not 200 <= status < 300:
            raise self._rejection(response)

        try:
            data = response.json()
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            raise self._unusable(response, "the token endpoint did not return a JSON object")
        access = _first_str(data, "access_token", "access")
        if access is None:
            raise self._unusable(response, "no access token in the refresh response")
        try:
            access = _check_token(access, "access_token")
        except ValueError:
            raise self._unusable(
                response, "the refresh response has a malformed access token"
            ) from None

        rotated = _first_str(data, "refresh_token", "refresh")
        if rotated is not None and rotated.strip():
            try:
                rotated = _check_token(rotated, "refresh_token")
            except ValueError:
                logger.warning("Ignoring a malformed rotated refresh token from %s", self._endpoint)
                rotated = None

        now = self._clock()
        expires_at = _jwt_expiry(access)
        if expires_at is None:
            lifetime = _seconds(data.get("expires_in"))
            expires_at = now + (lifetime if lifetime is not None else _DEFAULT_LIFETIME_SECONDS)

        with self._cond:
            self._access_token = access
            self._expires_at = expires_at
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
            body=body,
            response=response,
            description=description,
        )

    def _unusable(self, response: httpx.Response, problem: str) -> TokenRefreshError:
        # The body may hold tokens, so it is kept out of the message and the attribute.
        return TokenRefreshError(
            problem,
            status_code=response.status_code,
            method="POST",
            url=self._endpoint,
            response=response,
            description=f"Token refresh at {self._endpoint} failed: {problem}",
        )

    def _scrub(self, text: str) -> str:
        # A server echoing the credential it rejected must not put it into an exception.
        for secret in (self._refresh_token, self._access_token):
            if secret:
                text = text.replace(secret, "<redacted>")
        return text


def build_auth(
    *,
    base_url: BaseURL,
    token: str | None = None,
    auth_scheme: str | None = None,
    token_endpoint: str | None = None,
    access_token_provider: Callable[[], str | None] | None = None,
    verify: ssl.SSLContext | bool = True,
    token_role: str = "admin",
    token_cache: TokenCache | bool = True,
    env: Mapping[str, str] | None = None,
) -> httpx.Auth | None:
    """Pick the authentication for a client; None means anonymous requests.

    * scheme: ``auth_scheme`` > ``$SCALEOUT_AUTH_SCHEME`` > ``"Bearer"``, for every kind below;
    * ``access_token_provider`` wins over any token;
    * token: ``token`` > ``$SCALEOUT_AUTH_TOKEN`` > the refresh token in the token cache;
    * a JWT with ``token_type == "api_key"`` is sent as is (:class:`StaticTokenAuth`);
      any other token is a refresh token (:class:`RefreshTokenAuth` with ``token_role``);
    * token endpoint: ``token_endpoint`` > ``$SCALEOUT_AUTH_REFRESH_TOKEN_URI`` >
      ``<base_url>/api/auth/refresh``; a relative endpoint is joined to ``base_url``.

    ``token_cache`` is True for the default per-controller cache, False for none, or a
    :class:`TokenCache`. Nothing is read from the network here.
    """
    env = os.environ if env is None else env
    scheme = _check_scheme(
        auth_scheme if auth_scheme is not None else (env.get("SCALEOUT_AUTH_SCHEME") or "Bearer"),
        name="auth_scheme",
    )

    if access_token_provider is not None:
        if token is not None:
            logger.warning("Both token and access_token_provider given; using the provider")
        _warn_if_insecure(base_url.url, verify)
        return ProviderAuth(access_token_provider, scheme=scheme)

    cache: TokenCache | None
    if isinstance(token_cache, TokenCache):
        cache = token_cache
    else:
        cache = TokenCache.for_base_url(base_url, env=env) if token_cache else None

    raw: str | None
    if token is not None:
        raw, source = token, "token"
    else:
        raw, source = env.get("SCALEOUT_AUTH_TOKEN"), "token (from SCALEOUT_AUTH_TOKEN)"
        if raw is not None and not raw.strip():
            raw = None  # an exported-but-empty variable means "not set"

    if raw is None:
        cached = cache.load() if cache is not None else None
        if cached is None or not cached.refresh_token:
            return None
        try:
            value = _strip_scheme_word(cached.refresh_token, scheme, "cached refresh token")
        except ValueError:
            logger.debug("Ignoring malformed refresh token in %s", cache)
            return None
    else:
        value = _strip_scheme_word(raw, scheme, source)

    claims = jwt_claims(value)
    if claims is not None and claims.get("token_type") == "api_key":
        _warn_if_insecure(base_url.url, verify)
        return StaticTokenAuth(value, scheme=scheme)

    endpoint = token_endpoint or env.get("SCALEOUT_AUTH_REFRESH_TOKEN_URI") or DEFAULT_TOKEN_PATH
    if "://" not in endpoint:
        endpoint = base_url.join(endpoint)
    # Warnings are per origin, so an endpoint on the controller itself warns only once.
    _warn_if_insecure(base_url.url, verify)
    _warn_if_insecure(endpoint, verify)
    return RefreshTokenAuth(
        refresh_token=value,
        token_endpoint=endpoint,
        scheme=scheme,
        role=token_role,
        cache=cache,
    )


def jwt_claims(token: str) -> dict[str, Any] | None:
    """The payload of a JWT, decoded WITHOUT verifying the signature; None if not a JWT.

    Only used to read hints (``exp``, ``token_type``) that the server verifies anyway.
    """
    parts = token.split(".")
    if len(parts) != 3 or not parts[1]:
        return None
    segment = parts[1]
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _jwt_expiry(token: str) -> float | None:
    claims = jwt_claims(token)
    if claims is None:
        return None
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return None
    return float(exp)


def _seconds(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return seconds if 0 < seconds < float("inf") else None


def _first_str(data: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _check_scheme(scheme: str, *, name: str = "scheme") -> str:
    if not isinstance(scheme, str) or not scheme.strip() or len(scheme.split()) != 1:
        raise ValueError(f"{name} must be a single word such as 'Bearer'")
    if not scheme.strip().isprintable():
        raise ValueError(f"{name} contains control characters")
    return scheme.strip()


def _check_token(token: str, name: str) -> str:
    # Messages name the argument but never echo its value.
    if not isinstance(token, str):
        raise TypeError(f"{name} must be a string")
    value = token.strip()
    if not value:
        raise ValueError(f"{name} must not be empty")
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ValueError(f"{name} must not contain whitespace or control characters")
    return value


def _strip_scheme_word(token: str, scheme: str, name: str) -> str:
    """Accept ``"Bearer abc"`` for ``"abc"``; reject a bare scheme word or an empty token."""
    if not isinstance(token, str):
        raise TypeError(f"{name} must be a string")
    words = token.split()
    known = _SCHEME_WORDS | {scheme.lower()}
    if not words:
        raise ValueError(f"{name} must not be empty")
    if len(words) == 1 and words[0].lower() in known:
        raise ValueError(f"{name} contains only the scheme word {words[0]!r}, not a token")
    if len(words) == 2 and words[0].lower() in known:
        return _check_token(words[1], name)
    if len(words) > 1:
        raise ValueError(f"{name} must be a single token, optionally prefixed by {scheme!r}")
    return _check_token(words[0], name)


def _header_value(scheme: str, token: str) -> str:
    return f"{scheme} {token}"


def _path(request: httpx.Request) -> str:
    return request.url.path


def _check_endpoint(endpoint: str) -> str:
    if not isinstance(endpoint, str) or not endpoint.strip():
        raise ValueError("token_endpoint must be a non-empty URL")
    try:
        url = httpx.URL(endpoint.strip())
    except httpx.InvalidURL:
        raise ValueError("token_endpoint is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError("token_endpoint must be an absolute http:// or https:// URL")
    # Userinfo would end up in messages and logs; otherwise keep the URL as the user wrote it.
    return safe_url(url) if url.userinfo else endpoint.strip()


def _warn_if_insecure(url: str, verify: ssl.SSLContext | bool) -> None:
    parsed = httpx.URL(url)
    origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii', 'replace')}"
    if parsed.scheme == "http" and not is_loopback_host(parsed.host):
        _warn_once(
            f"http:{origin}",
            "Credentials for %s will be sent over plain HTTP and can be intercepted; "
            "use an https:// host or secure=True",
            origin,
        )
    if verify is False and parsed.scheme == "https":
        _warn_once(
            f"verify:{origin}",
            "TLS certificate verification is disabled for %s; credentials can be intercepted",
            origin,
        )


def _warn_once(key: str, message: str, *args: object) -> None:
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    logger.warning(message, *args)
