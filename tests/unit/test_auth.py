from __future__ import annotations

import base64
import datetime
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import _insecure
from scaleout._auth import (
    ProviderAuth,
    RefreshTokenAuth,
    StaticTokenAuth,
    jwt_claims,
)
from scaleout._base_client import HTTPCore
from scaleout._config import build_auth
from scaleout._exceptions import (
    APIConnectionError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
    TokenRefreshError,
)
from scaleout._retry import RetryTransport
from scaleout._token_cache import TokenCache
from scaleout._url import resolve_base_url

BASE = resolve_base_url("https://ctl.example.com")
ENDPOINT = "https://ctl.example.com:443/api/auth/refresh"
REFRESH = "refresh-SECRET-0"
API = "https://ctl.example.com/api/v1/models/"


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def jwt(**claims: Any) -> str:
    return f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64(claims)}.c2lnbmF0dXJl"


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class FakeController:
    """Token endpoint plus one protected API that accepts only the latest access token."""

    def __init__(self, *refresh_answers: httpx.Response | Exception) -> None:
        self.refresh_answers = list(refresh_answers)
        self.refresh_bodies: list[dict[str, Any]] = []
        self.refresh_headers: list[httpx.Headers] = []
        self.api_auth: list[str | None] = []
        self.valid: set[str] = set()
        self.lock = threading.Lock()
        self.on_refresh: Callable[[], None] | None = None

    def refresh_ok(self, access: str, **extra: Any) -> None:
        self.refresh_answers.append(httpx.Response(200, json={"access_token": access, **extra}))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/refresh":
            with self.lock:
                self.refresh_bodies.append(json.loads(request.content))
                self.refresh_headers.append(request.headers)
                answer = self.refresh_answers.pop(0)
            if self.on_refresh is not None:
                self.on_refresh()
            if isinstance(answer, Exception):
                raise answer
            try:
                data = json.loads(answer.content)
            except ValueError:
                data = None
            if answer.status_code < 300 and isinstance(data, dict):
                with self.lock:
                    self.valid = {str(data.get("access_token") or data.get("access"))}
            return answer
        header = request.headers.get("authorization")
        with self.lock:
            self.api_auth.append(header)
            valid = header is not None and header.split(" ", 1)[-1] in self.valid
        if not valid:
            return httpx.Response(401, json={"message": "Token expired"})
        return httpx.Response(200, json={"count": 0, "result": []})


def client_for(ctl: FakeController, auth: httpx.Auth) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(ctl), auth=auth)


def refresh_auth(**kwargs: Any) -> RefreshTokenAuth:
    options: dict[str, Any] = {"refresh_token": REFRESH, "token_endpoint": ENDPOINT}
    options.update(kwargs)
    return RefreshTokenAuth(**options)


@pytest.fixture(autouse=True)
def _reset_warnings() -> Iterator[None]:
    _insecure._warned.clear()
    yield
    _insecure._warned.clear()


# --- RefreshTokenAuth -------------------------------------------------------------------


def test_no_network_until_first_request() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    auth = refresh_auth()
    with client_for(ctl, auth) as client:
        assert ctl.refresh_bodies == []
        assert client.get(API).status_code == 200
    assert ctl.refresh_bodies == [{"refresh_token": REFRESH, "role": "admin"}]
    assert "authorization" not in ctl.refresh_headers[0]
    assert ctl.api_auth == ["Bearer acc-1"]


def test_token_reused_while_valid() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1", expires_in=600)
    with client_for(ctl, refresh_auth()) as client:
        for _ in range(3):
            client.get(API)
    assert len(ctl.refresh_bodies) == 1
    assert ctl.api_auth == ["Bearer acc-1"] * 3


@pytest.mark.parametrize("status", [200, 201, 203, 206])
def test_any_2xx_is_success(status: int) -> None:
    ctl = FakeController(httpx.Response(status, json={"access_token": "acc-1"}))
    with client_for(ctl, refresh_auth()) as client:
        assert client.get(API).status_code == 200


def test_simplejwt_style_keys_and_role_and_scheme() -> None:
    ctl = FakeController(httpx.Response(200, json={"access": "acc-1", "refresh": "ref-2"}))
    auth = refresh_auth(role="client", scheme="Token")
    with client_for(ctl, auth) as client:
        client.get(API)
    assert ctl.refresh_bodies == [{"refresh_token": REFRESH, "role": "client"}]
    assert ctl.api_auth == ["Token acc-1"]


def test_expiry_from_jwt_exp_and_refresh_before_expiry() -> None:
    clock = Clock()
    first = jwt(exp=int(clock.now) + 1000, role="admin")
    second = jwt(exp=int(clock.now) + 2000, role="admin")
    ctl = FakeController()
    ctl.refresh_ok(first, expires_in=5)  # exp in the JWT wins over expires_in
    ctl.refresh_ok(second)
    auth = refresh_auth(clock=clock)
    with client_for(ctl, auth) as client:
        client.get(API)
        assert auth.expires_at is not None
        assert auth.expires_at.timestamp() == clock.now + 1000
        clock.now += 969  # 31 s left: still used
        client.get(API)
        assert len(ctl.refresh_bodies) == 1
        clock.now += 2  # 29 s left: refreshed before sending
        client.get(API)
    assert len(ctl.refresh_bodies) == 2
    assert ctl.api_auth == [f"Bearer {first}", f"Bearer {first}", f"Bearer {second}"]


def test_a_short_lived_token_is_renewed_in_its_last_quarter_not_on_every_request() -> None:
    clock = Clock()
    ctl = FakeController()
    ctl.refresh_ok("short-1", expires_in=8)
    ctl.refresh_ok("short-2", expires_in=8)
    auth = refresh_auth(clock=clock)
    with client_for(ctl, auth) as client:
        client.get(API)
        clock.now += 5.5  # 2.5 s of 8 left: still used
        client.get(API)
        assert len(ctl.refresh_bodies) == 1
        clock.now += 1  # 1.5 s left, within the last quarter: renewed
        client.get(API)
    assert len(ctl.refresh_bodies) == 2
    assert ctl.api_auth == ["Bearer short-1", "Bearer short-1", "Bearer short-2"]


def test_expiry_from_expires_in_then_default() -> None:
    clock = Clock()
    ctl = FakeController()
    ctl.refresh_ok("opaque-1", expires_in="120")
    ctl.refresh_ok("opaque-2")
    auth = refresh_auth(clock=clock)
    with client_for(ctl, auth) as client:
        client.get(API)
        assert auth.expires_at is not None
        assert auth.expires_at.timestamp() == clock.now + 120
        clock.now += 100
        client.get(API)
        assert auth.expires_at.timestamp() == clock.now + 3600


def test_401_refreshes_once_and_retries_once() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    ctl.refresh_ok("acc-2")
    with client_for(ctl, refresh_auth()) as client:
        client.get(API)
        ctl.valid = set()  # the server revoked acc-1
        response = client.post(API, json={"x": 1})
    assert response.status_code == 200
    assert ctl.api_auth == ["Bearer acc-1", "Bearer acc-1", "Bearer acc-2"]
    assert len(ctl.refresh_bodies) == 2


def test_second_401_is_returned_and_mapped() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    ctl.refresh_ok("acc-2")

    def handler(request: httpx.Request) -> httpx.Response:
        response = ctl(request)
        ctl.valid = set()  # nothing is ever accepted by the API
        return response

    core = HTTPCore(BASE, auth=refresh_auth(), transport=httpx.MockTransport(handler))
    with core, pytest.raises(AuthenticationError) as info:
        core.request("GET", "/api/v1/models/")
    assert not isinstance(info.value, TokenRefreshError)
    assert info.value.status_code == 401
    assert info.value.message == "Token expired"
    assert len(ctl.refresh_bodies) == 2
    assert len(ctl.api_auth) == 2


def test_401_with_streaming_body_is_not_resent() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")

    def body() -> Iterator[bytes]:
        yield b"data"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/refresh":
            return ctl(request)
        return httpx.Response(401, json={"message": "Invalid token"})

    with httpx.Client(transport=httpx.MockTransport(handler), auth=refresh_auth()) as client:
        assert client.put(API, content=body()).status_code == 401
    assert len(ctl.refresh_bodies) == 1


@pytest.mark.parametrize(
    ("status", "payload"),
    [
        (401, {"message": "Invalid token"}),
        (400, {"message": "Invalid token"}),
        (403, {"message": "Invalid token"}),
    ],
)
def test_refresh_rejected_raises_and_sends_nothing(status: int, payload: dict[str, str]) -> None:
    ctl = FakeController(httpx.Response(status, json=payload))
    with client_for(ctl, refresh_auth()) as client, pytest.raises(TokenRefreshError) as info:
        client.get(API)
    err = info.value
    assert isinstance(err, AuthenticationError)
    assert str(err) == f"refresh token rejected by {ENDPOINT}: Invalid token"
    assert err.status_code == status
    assert err.url == ENDPOINT
    assert ctl.api_auth == []  # never continues anonymously


def test_refresh_rejected_with_html() -> None:
    page = "<html><title>404 Not Found</title><h1>Not Found</h1></html>"
    ctl = FakeController(httpx.Response(404, text=page, headers={"content-type": "text/html"}))
    with client_for(ctl, refresh_auth()) as client, pytest.raises(TokenRefreshError) as info:
        client.get(API)
    assert "<" not in str(info.value)
    assert "404 Not Found" in str(info.value)


def test_plain_http_to_https_port_hint() -> None:
    page = "<html><center>The plain HTTP request was sent to HTTPS port</center></html>"
    ctl = FakeController(httpx.Response(400, text=page, headers={"content-type": "text/html"}))
    auth = refresh_auth(token_endpoint="http://ctl.example.com:443/api/auth/refresh")
    with client_for(ctl, auth) as client, pytest.raises(TokenRefreshError) as info:
        client.get(API)
    assert "secure=True" in str(info.value)
    assert "https://" in str(info.value)


def test_refresh_redirect_is_explained() -> None:
    ctl = FakeController(
        httpx.Response(301, headers={"location": "https://ctl.example.com/api/auth/refresh"})
    )
    with client_for(ctl, refresh_auth()) as client, pytest.raises(TokenRefreshError) as info:
        client.get(API)
    assert "redirected (301) to https://ctl.example.com/api/auth/refresh" in str(info.value)


@pytest.mark.parametrize(
    ("answer", "cls"),
    [
        (
            httpx.Response(500, json={"message": "An unexpected error occurred"}),
            InternalServerError,
        ),
        (httpx.Response(503, text="down"), InternalServerError),
        (httpx.Response(429, json={"message": "slow down"}), RateLimitError),
    ],
)
def test_refresh_server_errors_are_status_errors(answer: httpx.Response, cls: type) -> None:
    ctl = FakeController(answer)
    with client_for(ctl, refresh_auth()) as client, pytest.raises(cls) as info:
        client.get(API)
    assert not isinstance(info.value, AuthenticationError)
    assert ctl.api_auth == []


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, json={"token": "x"}),
        httpx.Response(200, json=["acc"]),
        httpx.Response(200, text="not json"),
        httpx.Response(204),
        httpx.Response(200, json={"access_token": "two words"}),
    ],
)
def test_unusable_refresh_response(answer: httpx.Response) -> None:
    ctl = FakeController(answer)
    with client_for(ctl, refresh_auth()) as client, pytest.raises(TokenRefreshError) as info:
        client.get(API)
    assert "Token refresh at" in str(info.value)
    assert ctl.api_auth == []


def test_network_error_during_refresh_is_connection_error() -> None:
    ctl = FakeController(httpx.ConnectError("[Errno 111] Connection refused"))
    sleeps: list[float] = []
    transport = RetryTransport(httpx.MockTransport(ctl), max_retries=0, sleep=sleeps.append)
    core = HTTPCore(BASE, auth=refresh_auth(), transport=transport)
    with core, pytest.raises(APIConnectionError) as info:
        core.request("GET", "/api/v1/models/")
    message = str(info.value)
    assert "during token refresh" in message
    assert "/api/auth/refresh" in message
    assert REFRESH not in message
    assert ctl.api_auth == []


def test_refresh_failure_does_not_wedge_later_requests() -> None:
    ctl = FakeController(httpx.ReadTimeout("slow"))
    ctl.refresh_ok("acc-1")
    with client_for(ctl, refresh_auth()) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get(API)
        assert client.get(API).status_code == 200


def test_token_rotation_and_cache_write(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path)
    ctl = FakeController()
    ctl.refresh_ok("acc-1", refresh_token="ref-ROTATED-1")
    ctl.refresh_ok("acc-2", refresh_token="ref-ROTATED-2")
    with client_for(ctl, refresh_auth(cache=cache)) as client:
        client.get(API)
        cached = cache.load()
        assert cached is not None
        assert (cached.access_token, cached.refresh_token) == ("acc-1", "ref-ROTATED-1")
        assert cached.expires_at is not None
        ctl.valid = set()
        client.get(API)
    assert [b["refresh_token"] for b in ctl.refresh_bodies] == [REFRESH, "ref-ROTATED-1"]
    cached = cache.load()
    assert cached is not None
    assert cached.refresh_token == "ref-ROTATED-2"


def test_cached_access_token_is_reused(tmp_path: Path) -> None:
    clock = Clock()
    cache = TokenCache("ctl", directory=tmp_path)
    token = jwt(exp=int(clock.now) + 600)
    cache.save(access_token=token, refresh_token=REFRESH, expires_at=None)
    ctl = FakeController()
    ctl.valid = {token}
    with client_for(ctl, refresh_auth(cache=cache, clock=clock)) as client:
        assert client.get(API).status_code == 200
    assert ctl.refresh_bodies == []
    assert ctl.api_auth == [f"Bearer {token}"]


@pytest.mark.parametrize(
    ("cached_refresh", "lifetime"),
    [("some-other-refresh", 600), (REFRESH, 20)],
)
def test_cached_access_token_not_reused(
    tmp_path: Path, cached_refresh: str, lifetime: float
) -> None:
    clock = Clock()
    cache = TokenCache("ctl", directory=tmp_path)
    expires = clock.now + lifetime
    cache.save(
        access_token="cached-acc",
        refresh_token=cached_refresh,
        expires_at=datetime.datetime.fromtimestamp(expires, datetime.UTC),
    )
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    with client_for(ctl, refresh_auth(cache=cache, clock=clock)) as client:
        client.get(API)
    assert len(ctl.refresh_bodies) == 1
    assert ctl.api_auth == ["Bearer acc-1"]


def test_concurrent_requests_share_one_refresh() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    entered = threading.Event()
    release = threading.Event()

    def slow_refresh() -> None:
        entered.set()
        release.wait(5)

    ctl.on_refresh = slow_refresh
    results: list[int] = []
    errors: list[BaseException] = []

    with client_for(ctl, refresh_auth()) as client:

        def worker() -> None:
            try:
                results.append(client.get(API).status_code)
            except BaseException as exc:  # surfaced by the assertion below
                errors.append(exc)

        first = threading.Thread(target=worker)
        first.start()
        assert entered.wait(5)
        others = [threading.Thread(target=worker) for _ in range(7)]
        for thread in others:
            thread.start()
        time.sleep(0.1)  # let the others block waiting for the refresh in flight
        release.set()
        for thread in [first, *others]:
            thread.join(5)

    assert errors == []
    assert results == [200] * 8
    assert len(ctl.refresh_bodies) == 1
    assert ctl.api_auth == ["Bearer acc-1"] * 8


def test_concurrent_401s_share_one_refresh() -> None:
    ctl = FakeController()
    ctl.refresh_ok("acc-1")
    ctl.refresh_ok("acc-2")
    barrier = threading.Barrier(4)
    with client_for(ctl, refresh_auth()) as client:
        client.get(API)
        ctl.valid = set()
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                barrier.wait(5)
                assert client.get(API).status_code == 200
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(5)
    assert errors == []
    assert len(ctl.refresh_bodies) == 2  # the initial one plus exactly one after the 401s


# --- Static and provider auth -----------------------------------------------------------


def test_static_token_auth() -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(200)

    auth = StaticTokenAuth("api-key-SECRET", scheme="Token")
    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth) as client:
        client.get(API)
        client.get(API)
    assert seen == ["Token api-key-SECRET"] * 2
    assert repr(auth) == "StaticTokenAuth(scheme='Token', token=<redacted>)"


def test_provider_auth_called_per_request() -> None:
    seen: list[str | None] = []
    values = iter(["tok-1", "", None, "tok-4"])

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(200)

    auth = ProviderAuth(lambda: next(values))
    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth) as client:
        for _ in range(4):
            client.get(API)
    assert seen == ["Bearer tok-1", None, None, "Bearer tok-4"]
    assert "tok" not in repr(auth)


def test_reprs_hide_tokens() -> None:
    auth = refresh_auth()
    assert repr(auth) == (
        f"RefreshTokenAuth(endpoint='{ENDPOINT}', role='admin', scheme='Bearer', token=<redacted>)"
    )
    assert REFRESH not in repr(auth)


def test_invalid_constructor_arguments() -> None:
    with pytest.raises(ValueError, match="refresh_token"):
        refresh_auth(refresh_token=" ")
    with pytest.raises(ValueError, match="token_endpoint"):
        refresh_auth(token_endpoint="/api/auth/refresh")
    with pytest.raises(ValueError, match="scheme"):
        StaticTokenAuth("abc", scheme="Bear er")
    with pytest.raises(ValueError, match="token"):
        StaticTokenAuth("abc\r\nX-Evil: 1")


# --- build_auth -------------------------------------------------------------------------


def build(**kwargs: Any) -> httpx.Auth | None:
    options: dict[str, Any] = {"base_url": BASE, "token_cache": False, "env": {}}
    options.update(kwargs)
    return build_auth(**options)


def test_no_credentials_means_no_auth() -> None:
    assert build() is None
    assert build(env={"SCALEOUT_AUTH_TOKEN": "   "}) is None


def test_refresh_auth_defaults() -> None:
    auth = build(token="ref-abc")
    assert isinstance(auth, RefreshTokenAuth)
    assert auth.token_endpoint == ENDPOINT
    assert auth.role == "admin"
    assert auth.scheme == "Bearer"


def test_scheme_precedence_applies_to_every_kind() -> None:
    env = {"SCALEOUT_AUTH_SCHEME": "Token"}
    refresh = build(token="ref-abc", env=env)
    assert isinstance(refresh, RefreshTokenAuth) and refresh.scheme == "Token"
    explicit = build(token="ref-abc", env=env, auth_scheme="JWT")
    assert isinstance(explicit, RefreshTokenAuth) and explicit.scheme == "JWT"
    static = build(token=jwt(token_type="api_key"), env=env)
    assert isinstance(static, StaticTokenAuth) and static.scheme == "Token"
    provider = build(access_token_provider=lambda: "x", env=env)
    assert isinstance(provider, ProviderAuth) and provider.scheme == "Token"


def test_provider_wins(caplog: pytest.LogCaptureFixture) -> None:
    auth = build(token="ref-abc", access_token_provider=lambda: "x")
    assert isinstance(auth, ProviderAuth)
    assert "ref-abc" not in caplog.text


def test_token_precedence(tmp_path: Path) -> None:
    cache = TokenCache("ctl", directory=tmp_path)
    cache.save(access_token=None, refresh_token="ref-cached", expires_at=None)
    env = {"SCALEOUT_AUTH_TOKEN": "ref-env"}

    def used(auth: httpx.Auth | None) -> str:
        assert isinstance(auth, RefreshTokenAuth)
        return auth._refresh_token

    assert used(build(token="ref-arg", env=env, token_cache=cache)) == "ref-arg"
    assert used(build(env=env, token_cache=cache)) == "ref-env"
    assert used(build(token_cache=cache)) == "ref-cached"


def test_default_cache_is_found_by_base_url(tmp_path: Path) -> None:
    env = {"SCALEOUT_TOKEN_CACHE_DIR": str(tmp_path)}
    TokenCache.for_base_url(BASE, env=env).save(
        access_token=None, refresh_token="ref-cached", expires_at=None
    )
    auth = build_auth(base_url=BASE, env=env)
    assert isinstance(auth, RefreshTokenAuth)
    other = build_auth(base_url=resolve_base_url("http://ctl.example.com"), env=env)
    assert other is None  # the scheme is part of the cache id


def test_build_auth_creates_no_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    auth = build_auth(base_url=BASE, token="ref-abc", env={"SCALEOUT_HOME_DIR": str(home)})
    assert isinstance(auth, RefreshTokenAuth)
    assert not home.exists()


@pytest.mark.parametrize(
    ("token", "scheme", "expected"),
    [
        ("Bearer abc", None, "abc"),
        ("bearer abc", None, "abc"),
        ("  Token   abc  ", None, "abc"),
        ("JWT abc", None, "abc"),
        ("Custom abc", "Custom", "abc"),
        ("Bearer abc", "Custom", "abc"),
        ("abc", None, "abc"),
    ],
)
def test_scheme_prefix_stripped(token: str, scheme: str | None, expected: str) -> None:
    auth = build(token=token, auth_scheme=scheme)
    assert isinstance(auth, RefreshTokenAuth)
    assert auth._refresh_token == expected


@pytest.mark.parametrize(
    "token", ["", "   ", "Bearer", "token", "Bearer ", "xSECRETx ySECRETy", "Basic zSECRETz"]
)
def test_bad_tokens_raise_value_error_naming_token(token: str) -> None:
    with pytest.raises(ValueError, match="token") as info:
        build(token=token)
    assert "SECRET" not in str(info.value)  # the value itself is never echoed


def test_bad_env_token_names_the_variable() -> None:
    with pytest.raises(ValueError, match="SCALEOUT_AUTH_TOKEN"):
        build(env={"SCALEOUT_AUTH_TOKEN": "Bearer"})


def test_api_key_jwt_is_static() -> None:
    key = jwt(token_type="api_key", sub="svc")
    auth = build(token=f"Bearer {key}")
    assert isinstance(auth, StaticTokenAuth)
    refresh = build(token=jwt(token_type="refresh", role="admin"))
    assert isinstance(refresh, RefreshTokenAuth)


def test_endpoint_precedence() -> None:
    env = {"SCALEOUT_AUTH_REFRESH_TOKEN_URI": "https://auth.example.com/refresh"}
    explicit = build(token="r", token_endpoint="https://other.example.com/t", env=env)
    assert isinstance(explicit, RefreshTokenAuth)
    assert explicit.token_endpoint == "https://other.example.com/t"
    from_env = build(token="r", env=env)
    assert isinstance(from_env, RefreshTokenAuth)
    assert from_env.token_endpoint == "https://auth.example.com/refresh"
    relative = build(token="r", token_endpoint="/custom/refresh")
    assert isinstance(relative, RefreshTokenAuth)
    assert relative.token_endpoint == "https://ctl.example.com:443/custom/refresh"


def test_endpoint_under_path_prefix() -> None:
    auth = build(base_url=resolve_base_url("https://h/edge/"), token="r")
    assert isinstance(auth, RefreshTokenAuth)
    assert auth.token_endpoint == "https://h:443/edge/api/auth/refresh"


def test_token_role() -> None:
    auth = build(token="r", token_role="client")
    assert isinstance(auth, RefreshTokenAuth)
    assert auth.role == "client"


def test_plain_http_warning_once_and_without_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    plain = resolve_base_url("ctl.example.com")
    build(base_url=plain, token="ref-SECRET-xyz")
    build(base_url=plain, token="ref-SECRET-xyz")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "plain HTTP" in warnings[0].getMessage()
    assert "SECRET" not in caplog.text


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "https://ctl.example.com"])
def test_no_plain_http_warning(caplog: pytest.LogCaptureFixture, host: str) -> None:
    caplog.set_level(logging.WARNING, logger="scaleout")
    build(base_url=resolve_base_url(host), token="r")
    assert caplog.records == []


def test_verify_false_warns(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="scaleout")
    build(token="r", verify=False)
    assert "verification is disabled" in caplog.text


def test_jwt_claims_tolerates_non_jwt() -> None:
    assert jwt_claims(jwt(a=1)) == {"a": 1}
    for value in ["abc", "a.b", "a.!!!.c", f"a.{b64({'x': 1})[:-2]}x.c", "a..c", "a.WzFd.c"]:
        assert jwt_claims(value) is None or isinstance(jwt_claims(value), dict)
    assert jwt_claims("a.WzFd.c") is None  # a JSON list, not claims


def test_no_secret_anywhere_in_a_full_failing_flow(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="scaleout")
    access = "acc-SECRET-1"
    ctl = FakeController()
    ctl.refresh_ok(access, refresh_token="ref-SECRET-2")
    ctl.refresh_answers.append(
        httpx.Response(401, json={"message": f"Invalid token ref-SECRET-2 for {access}"})
    )
    auth = refresh_auth()
    core = HTTPCore(BASE, auth=auth, transport=httpx.MockTransport(ctl))
    with core:
        core.request("GET", "/api/v1/models/")
        ctl.valid = set()
        with pytest.raises(TokenRefreshError) as info:
            core.request("GET", "/api/v1/models/")
    texts = [caplog.text, str(info.value), repr(info.value), repr(auth), repr(core)]
    for text in texts:
        assert "SECRET" not in text, text
    assert "<redacted>" in str(info.value)
