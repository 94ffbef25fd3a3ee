"""``scaleout.testing.vcr_config``: recordings of an auth-enabled controller keep no secret."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import scaleout._client  # noqa: F401  (kept loaded across in-process runs)
from scaleout import Scaleout
from scaleout.local import LocalController
from scaleout.local.handlers import REGISTRY
from scaleout.local.spec import load_spec
from scaleout.testing import (
    REDACTED,
    SecretInCassetteError,
    find_secrets,
    use_cassette,
    vcr_config,
)
from scaleout.testing._vcr import SELECTING_HEADERS

from ._docs import examples

pytest_plugins = ["pytester"]
pytestmark = [pytest.mark.local, pytest.mark.timeout(300)]


class IssuedTokens:
    """Wraps the refresh handler and keeps every access token the controller hands out."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, call: Any) -> Any:
        response = REGISTRY["refresh_token"](call)
        token = json.loads(response.body).get("access_token")
        if token:
            with self._lock:
                self.tokens.append(token)
        return response


@pytest.fixture(scope="module")
def issued() -> IssuedTokens:
    return IssuedTokens()


@pytest.fixture(scope="module")
def auth_controller(issued: IssuedTokens) -> Iterator[LocalController]:
    with LocalController(clients=2, auth=True, handler_overrides={"refresh_token": issued}) as ctl:
        yield ctl


def _calls(client: Scaleout) -> list[Any]:
    return [
        client.get_models_count(),
        client.get_clients(n_max=1)["count"],
        sorted(c["name"] for c in client.iter_clients(page_size=1)),
    ]


def _client(url: str, token: str | None) -> Scaleout:
    return Scaleout(url, token=token, token_cache=False, max_retries=0)


def test_a_recording_keeps_no_token_and_replays_without_a_server(
    auth_controller: LocalController, issued: IssuedTokens, tmp_path: Path
) -> None:
    cassette = tmp_path / "auth.yaml"
    refresh_token = auth_controller.refresh_token
    assert refresh_token
    with use_cassette(cassette), _client(auth_controller.url, refresh_token) as client:
        recorded = _calls(client)
        # A second refresh, its answer recorded as well.
        auth_controller.faults.expire_token("count_models")
        recorded.append(client.get_models_count())
    text = cassette.read_text(encoding="utf-8")
    assert len(issued.tokens) >= 2
    # The exchanges that carried secrets were recorded: this checks something.
    assert text.count("/api/auth/refresh") >= 2 and text.count(REDACTED) >= 4
    for secret in [refresh_token, *issued.tokens]:
        assert secret not in text
        assert secret.split(".")[2] not in text  # not even the signature
    assert not re.search(r"Bearer\s", text) and "eyJ" not in text
    assert "authorization" not in text.lower() and "date:" not in text.lower()
    assert str(auth_controller.port) not in text
    interactions = yaml.safe_load(text)["interactions"]
    assert {urlpart(i["request"]["uri"]) for i in interactions} == {"http://127.0.0.1"}
    refreshes = [i for i in interactions if i["request"]["uri"].endswith("/api/auth/refresh")]
    assert json.loads(refreshes[0]["request"]["body"]) == {
        "refresh_token": REDACTED,
        "role": "admin",
    }
    # Replayed against a port nothing listens on, with another token: the same answers.
    with (
        use_cassette(cassette, record_mode="none"),
        _client("http://127.0.0.1:9", "another-refresh-token") as client,
    ):
        replayed = _calls(client)
        replayed.append(client.get_models_count())
    assert replayed == recorded


def urlpart(uri: str) -> str:
    return uri.split("/api/")[0]


def test_a_cassette_that_still_holds_a_secret_is_not_written(
    auth_controller: LocalController, tmp_path: Path
) -> None:
    cassette = tmp_path / "leaky.yaml"
    unscrubbed = {
        "before_record_request": None,
        "before_record_response": None,
        "filter_headers": [],
    }
    with pytest.raises(SecretInCassetteError) as raised:
        with (
            use_cassette(cassette, **unscrubbed),
            _client(auth_controller.url, auth_controller.refresh_token) as client,
        ):
            client.get_models_count()
    assert not cassette.exists()
    message = str(raised.value)
    assert "POST /api/auth/refresh: request body: a JWT" in message
    assert "GET /api/v1/models/count: request header authorization: a credential header" in message
    assert "an unscrubbed JSON key 'access_token'" in message
    # The message names what it found without repeating it.
    assert auth_controller.refresh_token not in message
    assert (auth_controller.refresh_token or "")[:4] in message


def test_the_docs_recording_example_records_then_replays_offline(
    pytester: pytest.Pytester, auth_controller: LocalController, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path, code in examples().items():
        if path.startswith("recording/"):
            (pytester.path / path.removeprefix("recording/")).write_text(code, encoding="utf-8")
    monkeypatch.setenv("SCALEOUT_URL", auth_controller.url)
    monkeypatch.setenv("SCALEOUT_AUTH_TOKEN", auth_controller.refresh_token or "")
    recording = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--record-mode=once")
    recording.assert_outcomes(passed=1)
    (cassette,) = (pytester.path / "cassettes").rglob("*.yaml")
    text = cassette.read_text(encoding="utf-8")
    assert "/api/auth/refresh" in text and "/api/v1/models/" in text
    assert auth_controller.refresh_token not in text and "eyJ" not in text
    monkeypatch.delenv("SCALEOUT_URL")
    monkeypatch.delenv("SCALEOUT_AUTH_TOKEN")
    replay = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "--record-mode=none", "--block-network"
    )
    replay.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here", "a JWT"),
        ("Authorization: Bearer 3f9a8e3c1b2d4e5f", "a bearer value"),
        ('{"key": "q8Zt4LmW2xNv7RbKp0YsHd3JfGc6TuEa"}', "a high-entropy token"),
    ],
)
def test_what_looks_like_a_secret(text: str, kind: str) -> None:
    (finding,) = find_secrets(text)
    assert finding.startswith(kind)


@pytest.mark.parametrize(
    "text",
    [
        '{"model_id": "0b6c1e7a-1f2b-4c3d-9e8f-123456789abc", "message": "Token expired"}',
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "Bearer REDACTED",
        "/api/v1/models/?session_id=2a0f6c1e-7d34-4b8e-9a51-6f2c3d4e5b6a&status=Finished",
        "Scaleout_ModelUpdate Session 145c78df-cbe7-402c-8a99-bb8860d5889e finished",
    ],
)
def test_what_does_not(text: str) -> None:
    assert find_secrets(text) == []


def test_the_matched_headers_are_the_specs_selecting_headers() -> None:
    parameters = load_spec()["components"]["parameters"].values()
    headers = {p["name"].lower() for p in parameters if p["in"] == "header"}
    assert set(SELECTING_HEADERS) == headers
    config = vcr_config()
    assert config["match_on"] == ["method", "path", "query", "scaleout_headers", "scaleout_body"]
    with pytest.raises(ValueError, match="scheme://host"):
        vcr_config(origin="controller.test")
