"""Conventions of the best SDKs: the host and logging from the environment, extra query
parameters per call, the server's request id on status errors, and a warning when the
vendor's distribution shares the environment."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    ArgumentTypeError,
    InvalidArgumentError,
    NotFoundError,
    Scaleout,
    TokenRefreshError,
)
from scaleout import _logs as logs
from scaleout._config import host_or_env

from ._support import FakeServer, TokenGate, make_client, page, query_of, respond

ROOT = Path(__file__).resolve().parents[2]

# --- SCALEOUT_HOST -------------------------------------------------------------------------


def test_host_comes_from_scaleout_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCALEOUT_HOST", "http://10.1.2.3:8092/edge")
    with Scaleout(token_cache=False) as client:
        assert client.url == "http://10.1.2.3:8092/edge"
    with Scaleout("https://other.example.com", token_cache=False) as client:
        assert client.url == "https://other.example.com:443"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_host_anywhere_is_a_clear_error(value: str | None) -> None:
    env = {} if value is None else {"SCALEOUT_HOST": value}
    with pytest.raises(InvalidArgumentError, match="pass host .* or set SCALEOUT_HOST"):
        host_or_env(None, env)


def test_scaleout_without_host_or_env_raises_before_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SCALEOUT_HOST", raising=False)
    with pytest.raises(InvalidArgumentError, match="SCALEOUT_HOST"):
        Scaleout()


# --- SCALEOUT_LOG --------------------------------------------------------------------------

_PROBE = """
import httpx, scaleout
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=3))
scaleout.Scaleout("http://ctl:8092", transport=transport, token_cache=False).get_models_count()
"""


def _run_probe(env_value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SCALEOUT_LOG"}
    if env_value is not None:
        env["SCALEOUT_LOG"] = env_value
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    return subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )


def test_scaleout_log_debug_shows_requests() -> None:
    stderr = _run_probe("debug").stderr
    assert "DEBUG scaleout.http: GET /api/v1/models/count -> 200" in stderr


def test_scaleout_log_unset_or_info_shows_no_request_lines() -> None:
    assert _run_probe(None).stderr == ""
    assert "GET /api/v1/models/count" not in _run_probe("info").stderr


def test_setup_from_env_levels_and_one_handler() -> None:
    logger = logging.getLogger("scaleout")
    before = (logger.level, list(logger.handlers))
    try:
        first = logs.setup_from_env({"SCALEOUT_LOG": "INFO"})
        again = logs.setup_from_env({"SCALEOUT_LOG": "debug"})
        assert first is again and first in logger.handlers
        assert logger.level == logging.DEBUG and again.level == logging.DEBUG
        assert logs.setup_from_env({}) is None
        with pytest.warns(UserWarning, match="SCALEOUT_LOG='loud' is not one of debug, info"):
            assert logs.setup_from_env({"SCALEOUT_LOG": "loud"}) is None
    finally:
        logger.setLevel(before[0])
        logger.handlers[:] = before[1]


# --- extra_query ---------------------------------------------------------------------------


def test_extra_query_reaches_every_request_of_the_view(server: FakeServer) -> None:
    server.on("GET", "/api/v1/models/", page([]))
    server.on("GET", "/api/v1/models/count", 3)
    with make_client(server) as client:
        view = client.with_options(extra_query={"tenant": "t 1", "flags": ["a", "b"]})
        view.get_models(session_id="s1")
        view.with_options(extra_query={"session_id": None, "deep": True}).get_models(
            session_id="s1"
        )
        client.get_models_count()
    first, second, plain = server.requests
    assert sorted(query_of(first)) == [
        ("flags", "a"),
        ("flags", "b"),
        ("session_id", "s1"),
        ("tenant", "t 1"),
    ]
    # Options add up; None leaves out a parameter the method would send.
    assert sorted(query_of(second)) == [
        ("deep", "true"),
        ("flags", "a"),
        ("flags", "b"),
        ("tenant", "t 1"),
    ]
    assert query_of(plain) == []


def test_extra_query_reaches_downloads_and_the_generated_client(
    server: FakeServer, tmp_path: Path
) -> None:
    server.on("GET", "/api/v1/models/m1/download", respond(content=b"abc"))
    server.on("GET", "/api/v1/models/count", 3)
    with make_client(server) as client:
        view = client.with_options(extra_query={"tenant": "t1"})
        view.download_model("m1", tmp_path / "m.bin")
        from scaleout_api.api.models import count_models

        assert count_models.sync(client=view.api) == 3
        view.api.get_httpx_client().get("/api/v1/models/count", params={"tenant": "x"})
    assert [query_of(r) for r in server.requests] == [[("tenant", "t1")]] * 3


@pytest.mark.parametrize(
    "bad",
    [["tenant"], {"tenant": object()}, {1: "x"}, {"tenant": [{"a": 1}]}],
)
def test_extra_query_of_the_wrong_type_is_refused(bad: Any, server: FakeServer) -> None:
    with make_client(server) as client, pytest.raises(ArgumentTypeError, match="extra_query"):
        client.with_options(extra_query=bad)


# --- the request id ------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["X-Request-ID", "x-request-id", "Request-Id"])
def test_status_errors_carry_the_servers_request_id(header: str, server: FakeServer) -> None:
    server.on(
        "GET",
        "/api/v1/models/m1",
        respond(404, {"message": "Entity not found"}, headers={header: "req-42"}),
    )
    with make_client(server) as client, pytest.raises(NotFoundError) as info:
        client.get_model("m1")
    assert info.value.request_id == "req-42"
    assert str(info.value).endswith("Entity not found (request id req-42)")


def test_status_error_without_request_id(server: FakeServer) -> None:
    server.on("GET", "/api/v1/models/m1", {"message": "Entity not found"}, status=404)
    with make_client(server) as client, pytest.raises(NotFoundError) as info:
        client.get_model("m1")
    assert info.value.request_id is None
    assert "request id" not in str(info.value)


def test_a_rejected_refresh_carries_the_request_id(server: FakeServer) -> None:
    gate = TokenGate(
        server,
        answers=[respond(401, {"message": "bad token"}, headers={"X-Request-ID": "r-7"})],
    )
    with (
        Scaleout(
            "https://ctl.example.com",
            token="refresh-token",
            token_cache=False,
            max_retries=0,
            transport=httpx.MockTransport(gate),
        ) as client,
        pytest.raises(TokenRefreshError) as info,
    ):
        client.get_models_count()
    assert info.value.request_id == "r-7"


# --- the vendor's distribution beside this one ---------------------------------------------


def _import_with(site: Path | None) -> str:
    paths = [str(ROOT), str(ROOT / "generated")] + ([str(site)] if site else [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    return subprocess.run(
        [sys.executable, "-c", "import scaleout"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr


def test_import_warns_when_the_vendor_distribution_is_installed(tmp_path: Path) -> None:
    info = tmp_path / "scaleout-1.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: scaleout\nVersion: 1.0.1\n")
    stderr = _import_with(tmp_path)
    assert "VendorClashWarning" in stderr
    assert "The vendor's 'scaleout' distribution (1.0.1) is installed" in stderr
    assert "own virtual environment" in stderr


def test_import_is_silent_without_the_vendor_distribution(tmp_path: Path) -> None:
    info = tmp_path / "scaleoututil-1.0.1.dist-info"  # another name: no clash
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: scaleoututil\nVersion: 1.0.1\n")
    assert _import_with(tmp_path) == ""


def test_vendor_metadata_folders_of_every_kind(tmp_path: Path) -> None:
    from scaleout._clash import vendor_version

    assert vendor_version([str(tmp_path)]) is None
    (tmp_path / "scaleout_sdk-0.1.0.dist-info").mkdir()  # this package: no clash
    assert vendor_version([str(tmp_path)]) is None
    (tmp_path / "Scaleout-1.0.7-py3.11.egg-info").mkdir()
    assert vendor_version([str(tmp_path), str(tmp_path / "missing")]) == "1.0.7"
