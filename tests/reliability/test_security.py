"""Credentials under hostile servers: redirects, echoes, expiry, slow token endpoints.

A refresh token and the access tokens issued for it must reach the controller's origin and
nothing else, and must never appear in an exception (its message, its body, the response it
keeps, its pickled form), a log record or a repr, whatever the server sends back.
"""

from __future__ import annotations

import json
import logging
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from scaleout import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    PermissionDeniedError,
    ScaleoutError,
    TokenRefreshError,
)

from ._faulty_server import Fault, FaultyServer, Received, answer, redirect, stall
from ._spec_answers import spec_example
from .conftest import make_client

pytestmark = pytest.mark.timeout(60)

REFRESH_TOKEN = "refresh-7f3a9c1e5b2d4068a1b2c3d4e5f60718"
REFRESH_PATH = "/api/auth/refresh"
MODEL_PATH = "/api/v1/models/m1"
FLAVOURS = ["sync", "async"]


class Issuer:
    """The controller's token endpoint: a new access token per refresh."""

    def __init__(self) -> None:
        self.issued: list[str] = []

    def __call__(self, received: Received) -> Fault:
        token = f"access-{len(self.issued) + 1}-9d8c7b6a5f4e3d2c1b0a99887766"
        self.issued.append(token)
        return answer(200, {"access_token": token, "expires_in": 3600})

    @property
    def current(self) -> str:
        return self.issued[-1]


@pytest.fixture
def issuer(server: FaultyServer) -> Issuer:
    issuing = Issuer()
    server.on("POST", REFRESH_PATH, issuing)
    return issuing


def _client(flavour: str, server: FaultyServer, **options: Any) -> Any:
    options.setdefault("timeout", 2.0)
    return make_client(flavour, server.url, token=REFRESH_TOKEN, **options)


def _secrets(issuer: Issuer) -> list[str]:
    return [REFRESH_TOKEN, *issuer.issued]


def _model(received: Received) -> Fault:
    return answer(200, spec_example({"$ref": "#/components/schemas/Model"}))


def assert_free_of(secrets: list[str], *texts: object) -> None:
    for text in texts:
        rendered = text if isinstance(text, (str, bytes)) else repr(text)
        for secret in secrets:
            needle = secret.encode() if isinstance(rendered, bytes) else secret
            assert needle not in rendered, f"a credential leaked into {rendered[:200]!r}"


def assert_error_is_clean(error: BaseException, secrets: list[str]) -> None:
    """Nothing the error holds or shows carries a credential."""
    texts: list[object] = [str(error), repr(error), pickle.dumps(error)]
    for attribute in ("body", "message", "description", "url"):
        texts.append(json.dumps(getattr(error, attribute, None), default=str))
    response = getattr(error, "response", None)
    if response is not None:
        texts += [response.text, dict(response.headers), dict(response.request.headers)]
        texts += [response.request.url, response.request.content]
    assert_free_of(secrets, *texts)
    restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is type(error) and str(restored) == str(error)


# -- redirects ------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_the_token_exchange_never_follows_a_redirect(
    flavour: str, status: int, server: FaultyServer, elsewhere: FaultyServer
) -> None:
    server.on("POST", REFRESH_PATH, redirect(f"{elsewhere.url}/steal", status))
    client = _client(flavour, server)
    with pytest.raises(TokenRefreshError) as caught:
        client.get_model("m1")
    assert elsewhere.received == []
    assert "redirect" in str(caught.value) and elsewhere.url in str(caught.value)
    assert server.count("GET", MODEL_PATH) == 0


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_redirect_to_another_origin_carries_no_credential(
    flavour: str, server: FaultyServer, elsewhere: FaultyServer, issuer: Issuer
) -> None:
    server.on("GET", MODEL_PATH, redirect(f"{elsewhere.url}{MODEL_PATH}"))
    elsewhere.on("GET", MODEL_PATH, answer(401, {"message": "who are you?"}))
    client = _client(flavour, server)
    with pytest.raises(AuthenticationError):
        client.get_model("m1")
    assert elsewhere.received, "the redirect was not followed"
    for received in elsewhere.received:
        assert "authorization" not in received.headers
        assert_free_of(_secrets(issuer), received.path, received.body, received.headers)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_redirect_within_the_origin_keeps_the_credential(
    flavour: str, server: FaultyServer, issuer: Issuer
) -> None:
    server.on("GET", MODEL_PATH, redirect("/api/v1/models/m2"))
    server.on("GET", "/api/v1/models/m2", _model)
    assert _client(flavour, server).get_model("m1")["model_id"]
    moved = [r for r in server.received if r.path == "/api/v1/models/m2"]
    assert moved[0].headers["authorization"] == f"Bearer {issuer.current}"


# -- expiry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_expired_access_token_is_refreshed_once_and_the_call_repeated(
    flavour: str, server: FaultyServer, issuer: Issuer
) -> None:
    def expiring(received: Received) -> Fault:
        if received.headers.get("authorization") != f"Bearer {issuer.issued[-1]}":
            return answer(401, {"message": "Token expired"})
        if len(issuer.issued) < 2:
            return answer(401, {"message": "Token expired"})
        return _model(received)

    server.on("GET", MODEL_PATH, expiring)
    assert _client(flavour, server).get_model("m1")["model_id"]
    assert len(issuer.issued) == 2
    assert server.count("GET", MODEL_PATH) == 2


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_token_the_server_keeps_refusing_is_one_error_after_one_refresh(
    flavour: str, server: FaultyServer, issuer: Issuer
) -> None:
    server.on("GET", MODEL_PATH, answer(401, {"message": "Token expired"}))
    with pytest.raises(AuthenticationError) as caught:
        _client(flavour, server).get_model("m1")
    assert len(issuer.issued) == 2 and server.count("GET", MODEL_PATH) == 2
    assert_error_is_clean(caught.value, _secrets(issuer))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_token_exchange_keeps_to_the_calls_time_limit(
    flavour: str, server: FaultyServer
) -> None:
    server.on("POST", REFRESH_PATH, stall(30))
    client = _client(flavour, server, timeout=1.0, max_retries=0)
    started = time.monotonic()
    with pytest.raises(ScaleoutError) as caught:
        client.get_model("m1")
    assert time.monotonic() - started < 2.5
    assert isinstance(caught.value, (APIConnectionError, TokenRefreshError))
    assert server.count("GET", MODEL_PATH) == 0


# -- echoes ---------------------------------------------------------------------------------


def _echo(status: int) -> Any:
    """An answer quoting every credential of the request back, in body and headers."""

    def respond(received: Received) -> Fault:
        header = received.headers.get("authorization", "")
        token = header.split(" ", 1)[-1]
        body = {
            "message": f"token {token} may not do this",
            "detail": {"authorization": header, "got": [token, header]},
        }
        return answer(status, body, X_Debug_Authorization=header)

    return respond


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, APIStatusError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, APIStatusError),
        (409, APIStatusError),
        (422, APIStatusError),
        (500, APIStatusError),
    ],
)
def test_a_credential_the_server_echoes_is_scrubbed_from_the_error(
    flavour: str,
    status: int,
    error: type[Exception],
    server: FaultyServer,
    issuer: Issuer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.on("GET", MODEL_PATH, _echo(status))
    caplog.set_level(logging.DEBUG, logger="scaleout")
    with pytest.raises(error) as caught:
        _client(flavour, server).get_model("m1")
    assert caught.value.status_code == status  # type: ignore[attr-defined]
    assert "may not do this" in str(caught.value)
    assert_error_is_clean(caught.value, _secrets(issuer))
    assert_free_of(_secrets(issuer), caplog.text)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_rejected_refresh_quoting_the_refresh_token_is_scrubbed(
    flavour: str, server: FaultyServer
) -> None:
    def refuse(received: Received) -> Fault:
        sent = json.loads(received.body)
        return answer(401, {"message": f"refresh token {sent['refresh_token']} is revoked"})

    server.on("POST", REFRESH_PATH, refuse)
    with pytest.raises(TokenRefreshError) as caught:
        _client(flavour, server).get_model("m1")
    assert "revoked" in str(caught.value)
    assert_error_is_clean(caught.value, [REFRESH_TOKEN])


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_malformed_answer_quoting_the_token_is_scrubbed(
    flavour: str, server: FaultyServer, issuer: Issuer
) -> None:
    def strange(received: Received) -> Fault:
        return answer(200, {"you_sent": received.headers.get("authorization")})

    server.on("GET", MODEL_PATH, strange)
    with pytest.raises(APIResponseValidationError) as caught:
        _client(flavour, server).get_model("m1")
    assert_error_is_clean(caught.value, _secrets(issuer))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_html_download_page_quoting_the_token_is_scrubbed(
    flavour: str, server: FaultyServer, issuer: Issuer, tmp_path: Path
) -> None:
    def portal(received: Received) -> Fault:
        header = received.headers.get("authorization", "")
        page = f"<html><body>Session {header} expired, sign in again</body></html>"
        return answer(200, page, Content_Type="text/html; charset=utf-8")

    server.on("GET", "/api/v1/models/m1/download", portal)
    with pytest.raises(APIResponseValidationError) as caught:
        _client(flavour, server).download_model("m1", tmp_path / "model.bin")
    assert "sign in again" in str(caught.value.body)
    assert_error_is_clean(caught.value, _secrets(issuer))
    assert list(tmp_path.iterdir()) == []


def test_no_credential_in_reprs_or_logs(
    server: FaultyServer, issuer: Issuer, caplog: pytest.LogCaptureFixture
) -> None:
    server.on("GET", MODEL_PATH, _model)
    caplog.set_level(logging.DEBUG)
    client = _client("sync", server)
    client.get_model("m1")
    core = client._core
    assert_free_of(
        _secrets(issuer),
        repr(client),
        repr(core),
        repr(core.auth),
        repr(client.with_options(timeout=3)),
        caplog.text,
    )
    assert issuer.issued and caplog.text
