"""Replay refuses a request the recording did not send: without its credential, with another
authorization scheme, with another content type, or out of its recorded order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException

from ._calls import CALLS, HEADER
from .conftest import RECORDED_ORIGIN, REDACTED, replay, unplayed

EXCHANGE = Path(__file__).parent / "cassettes" / "test_replay" / "test_an_exchange_with_auth.yaml"
STATUS = {"status": "replayed", "log_level": "INFO", "type": "MODEL_UPDATE"}


@pytest.mark.vcr
def test_an_exchange_with_auth(auth_controller: Any, auth_url: str, make_client: Any) -> None:
    token = REDACTED if auth_controller is None else auth_controller.refresh_token
    with make_client(auth_url, token=token, max_retries=0, token_cache=False) as client:
        assert client.get_controller_status()["state"] == "idle"
        assert client.add_status(STATUS)["status"] == "replayed"


@pytest.fixture
def replaying(recording: bool) -> None:
    if recording:
        pytest.skip("replays the cassettes of a finished recording")


def _replay_exchange(
    make_client: Any, vcr_config: dict[str, Any], *, json_label: str | None = None, **options: Any
) -> None:
    with (
        replay(str(EXCHANGE), vcr_config) as cassette,
        make_client(RECORDED_ORIGIN, max_retries=0, token_cache=False, **options) as client,
    ):
        assert client.get_controller_status()["state"] == "idle"
        if json_label is not None:
            client = client.with_options(extra_headers={"Content-Type": json_label})
        assert client.add_status(STATUS)["status"] == "replayed"
        assert unplayed(cassette) == []


def test_the_exchange_replays_as_recorded(
    replaying: None, make_client: Any, vcr_config: dict[str, Any]
) -> None:
    # The control for the refusals below: only what each of them changes makes it fail.
    _replay_exchange(make_client, vcr_config, token=REDACTED)
    _replay_exchange(make_client, vcr_config, token=REDACTED, json_label="application/json")


def test_a_request_without_its_credential_is_refused(
    replaying: None, make_client: Any, vcr_config: dict[str, Any]
) -> None:
    with pytest.raises(CannotOverwriteExistingCassetteException, match="authorization"):
        _replay_exchange(make_client, vcr_config, token=None)


def test_a_request_with_another_scheme_is_refused(
    replaying: None, make_client: Any, vcr_config: dict[str, Any]
) -> None:
    with pytest.raises(CannotOverwriteExistingCassetteException, match="authorization"):
        _replay_exchange(make_client, vcr_config, token=REDACTED, auth_scheme="Token")


def test_a_json_body_labelled_as_text_is_refused(
    replaying: None, make_client: Any, vcr_config: dict[str, Any]
) -> None:
    with pytest.raises(CannotOverwriteExistingCassetteException, match="content-type"):
        _replay_exchange(make_client, vcr_config, token=REDACTED, json_label="text/plain")


def _page_request(limit: int) -> dict[str, Any]:
    return {
        "request": {
            "body": "",
            "headers": {
                "user-agent": ["scaleout-python/0.1.0"],
                "x-limit": [str(limit)],
                HEADER: ["1 get_clients"],
            },
            "method": "GET",
            "uri": f"{RECORDED_ORIGIN}/api/v1/clients/",
        },
        "response": {
            "body": {"string": '{"count": 2, "result": []}'},
            "headers": {"content-type": ["application/json"]},
            "status": {"code": 200, "message": "OK"},
        },
    }


@pytest.mark.parametrize(("limits", "refused"), [((1, 2), False), ((2, 1), True)])
def test_requests_to_one_operation_keep_their_recorded_order(
    replaying: None,
    tmp_path: Path,
    vcr_config: dict[str, Any],
    limits: tuple[int, int],
    refused: bool,
) -> None:
    cassette = tmp_path / "pages.yaml"
    pages = {"interactions": [_page_request(1), _page_request(2)], "version": 1}
    cassette.write_text(yaml.safe_dump(pages))
    headers = {"user-agent": "scaleout-python/0.1.0"}
    with replay(str(cassette), vcr_config), CALLS.running("1 get_clients"), httpx.Client() as http:
        first, second = ({**headers, "x-limit": str(limit)} for limit in limits)
        if refused:
            with pytest.raises(CannotOverwriteExistingCassetteException, match="not been played"):
                http.get(f"{RECORDED_ORIGIN}/api/v1/clients/", headers=first)
        else:
            assert http.get(f"{RECORDED_ORIGIN}/api/v1/clients/", headers=first).is_success
            assert http.get(f"{RECORDED_ORIGIN}/api/v1/clients/", headers=second).is_success
