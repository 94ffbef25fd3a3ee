"""Which controller and authentication a client uses, from its arguments, the environment and
the token cache.

Environment variables: ``SCALEOUT_HOST`` (see :func:`host_or_env`), ``SCALEOUT_AUTH_SCHEME``,
``SCALEOUT_AUTH_TOKEN`` and ``SCALEOUT_AUTH_REFRESH_TOKEN_URI`` (see :func:`build_auth`); the
token cache reads ``SCALEOUT_TOKEN_CACHE_DIR``, ``SCALEOUT_HOME_DIR`` and
``SCALEOUT_PERSIST_TOKENS``.
"""

from __future__ import annotations

import logging
import os
import ssl
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

import httpx

from ._auth import ProviderAuth, RefreshTokenAuth, StaticTokenAuth
from ._exceptions import InvalidArgumentError
from ._insecure import warn_if_insecure
from ._tokens import check_scheme, jwt_claims, strip_scheme_word
from ._url import BaseURL

if TYPE_CHECKING:
    from ._token_cache import TokenCache

__all__ = ["DEFAULT_TOKEN_PATH", "HOST_VARIABLE", "build_auth", "host_or_env"]

logger = logging.getLogger("scaleout.auth")

DEFAULT_TOKEN_PATH: Final = "/api/auth/refresh"
#: The environment variable naming the controller when a client is made without a host.
HOST_VARIABLE: Final = "SCALEOUT_HOST"


def host_or_env(host: str | None, env: Mapping[str, str] | None = None) -> str:
    """``host``, or ``$SCALEOUT_HOST`` when it is None; an error naming both when neither is
    set (an exported-but-empty variable counts as not set)."""
    if host is not None:
        return host
    env = os.environ if env is None else env
    found = env.get(HOST_VARIABLE, "").strip()
    if not found:
        raise InvalidArgumentError(
            f"no controller given: pass host (e.g. Scaleout('http://localhost:8092')) or set "
            f"{HOST_VARIABLE}"
        )
    return found


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
    scheme = check_scheme(
        auth_scheme if auth_scheme is not None else (env.get("SCALEOUT_AUTH_SCHEME") or "Bearer"),
        name="auth_scheme",
    )

    if access_token_provider is not None:
        if token is not None:
            logger.warning("Both token and access_token_provider given; using the provider")
        warn_if_insecure(base_url.url, verify)
        return ProviderAuth(access_token_provider, scheme=scheme)

    from ._token_cache import TokenCache  # here, not at the top: it is for clients, not imports

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
            value = strip_scheme_word(cached.refresh_token, scheme, "cached refresh token")
        except ValueError:
            logger.debug("Ignoring malformed refresh token in %s", cache)
            return None
    else:
        value = strip_scheme_word(raw, scheme, source)

    claims = jwt_claims(value)
    if claims is not None and claims.get("token_type") == "api_key":
        warn_if_insecure(base_url.url, verify)
        return StaticTokenAuth(value, scheme=scheme)

    endpoint = token_endpoint or env.get("SCALEOUT_AUTH_REFRESH_TOKEN_URI") or DEFAULT_TOKEN_PATH
    if "://" not in endpoint:
        endpoint = base_url.join(endpoint)
    # Warnings are per origin, so an endpoint on the controller itself warns only once.
    warn_if_insecure(base_url.url, verify)
    warn_if_insecure(endpoint, verify)
    return RefreshTokenAuth(
        refresh_token=value,
        token_endpoint=endpoint,
        scheme=scheme,
        role=token_role,
        cache=cache,
    )
