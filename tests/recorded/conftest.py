"""Cassette tests: every public ``Scaleout`` method against recorded controller exchanges.

Replay (the default in ``scripts/test.sh``: ``--record-mode=none --block-network``) needs no
server. Recording (``scripts/record_cassettes.sh``) starts a fresh local controller per test and
rewrites the cassettes. Recorded exchanges are scrubbed: no Authorization header, no token,
no host or port, no Date.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from scaleout import Scaleout

from ._flavours import client_factory

#: Every recorded URL is rewritten to this origin, and replayed clients point at it.
RECORDED_ORIGIN = "http://127.0.0.1:8092"
#: Request headers that select what a list or upload call returns; they must match on replay.
SELECTING_HEADERS = (
    "x-limit",
    "x-skip",
    "x-sort-key",
    "x-sort-order",
    "x-reverse",
    "x-chunk-index",
)
#: JSON keys whose values are secrets, in request and response bodies.
SECRET_KEYS = frozenset({"refresh_token", "access_token", "refresh", "access"})
REDACTED = "REDACTED"


def _fake_jwt(expires: int = 4102444800) -> str:
    """An unsigned JWT that expires in 2100, so a replayed client never wants a refresh."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part({'exp': expires, 'role': 'admin'})}.{REDACTED}"


def _scrub_json(data: Any, *, access: str) -> Any:
    if isinstance(data, dict):
        return {
            key: (
                (access if key in ("access_token", "access") else REDACTED)
                if key in SECRET_KEYS and isinstance(value, str)
                else _scrub_json(value, access=access)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_scrub_json(item, access=access) for item in data]
    return data


def _scrubbed_body(raw: bytes | str | None) -> bytes | str | None:
    if not raw:
        return raw
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return raw
    return json.dumps(_scrub_json(data, access=REDACTED), sort_keys=True).encode()


def scrub_request(request: Any) -> Any:
    # Only the SDK's own traffic belongs in a cassette; the local controller's readiness probe
    # (plain http.client) is dropped, or a replay would answer the SDK with the probe's reply.
    if not request.headers.get("User-Agent", "").startswith("scaleout-python/"):
        return None
    parts = urlsplit(request.uri)
    origin = urlsplit(RECORDED_ORIGIN)
    request.uri = urlunsplit((origin.scheme, origin.netloc, parts.path, parts.query, ""))
    if "json" in request.headers.get("Content-Type", "") or request.path.endswith("/refresh"):
        request.body = _scrubbed_body(request.body)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response["headers"]
    for name in list(headers):
        if name.lower() in ("date", "server", "set-cookie"):
            del headers[name]
    body = response["body"].get("string")
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), [""])
    if body and "json" in str(content_type):
        try:
            data = json.loads(body)
        except ValueError:
            return response
        scrubbed = json.dumps(_scrub_json(data, access=_fake_jwt())).encode()
        response["body"]["string"] = scrubbed
        for name in list(headers):
            if name.lower() == "content-length":
                headers[name] = [str(len(scrubbed))]
    return response


def _selecting_headers(r1: Any, r2: Any) -> None:
    for name in SELECTING_HEADERS:
        first, second = r1.headers.get(name), r2.headers.get(name)
        assert first == second, f"{name}: {first!r} != {second!r}"


def _body(r1: Any, r2: Any) -> None:
    first, second = r1.body or b"", r2.body or b""
    try:
        assert json.loads(first) == json.loads(second), "JSON bodies differ"
    except (ValueError, UnicodeDecodeError):
        assert first == second, "bodies differ"


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("selecting_headers", _selecting_headers)
    vcr.register_matcher("body_content", _body)


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": ["authorization", "host", "date", "cookie", "content-length"],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
        "match_on": ["method", "path", "query", "selecting_headers", "body_content"],
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


@pytest.fixture
def recording(record_mode: str) -> bool:
    return record_mode != "none"


@pytest.fixture
def controller(recording: bool) -> Iterator[Any]:
    """A fresh local controller while recording; ``None`` on replay (no server is needed)."""
    if not recording:
        yield None
        return
    from scaleout.local import LocalController

    with LocalController(clients=3, seed=0) as ctl:
        yield ctl


@pytest.fixture
def url(controller: Any) -> str:
    return RECORDED_ORIGIN if controller is None else str(controller.url)


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    """Each recorded test runs with Scaleout and with AsyncScaleout, against one cassette."""
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Cassettes are recorded with the sync client and replayed by both. While recording, the
    async runs are deselected, not skipped: a skipped run's cassette fixture would still be
    set up, and in ``rewrite`` mode that deletes the cassette the sync run has just written."""
    if config.getoption("--record-mode", default="none") in ("none", None):
        return
    deselected = [item for item in items if _flavour_of(item) == "async"]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if _flavour_of(item) != "async"]


def _flavour_of(item: pytest.Item) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("flavour") if callspec is not None else None


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    """One cassette per test function, whichever client flavour replays it."""
    return str(request.node.originalname)


@pytest.fixture
def make_client(flavour: str) -> Iterator[Any]:
    """``Scaleout(...)``, or an ``AsyncScaleout(...)`` driven blocking, for the flavour."""
    with asyncio.Runner() as runner:
        yield client_factory(flavour, runner)


@pytest.fixture
def client(url: str, make_client: Any) -> Iterator[Scaleout]:
    with make_client(url, max_retries=0, token_cache=False) as sdk:
        yield sdk
