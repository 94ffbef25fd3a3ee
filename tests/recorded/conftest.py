"""Cassette tests: every public ``Scaleout`` method against recorded controller exchanges.

Replay (the default in ``scripts/test.sh``: ``--record-mode=none --block-network``) needs no
server. Recording (``scripts/record_cassettes.sh``) starts a fresh local controller per test and
rewrites the cassettes. Recorded exchanges are scrubbed: no token (an Authorization header
keeps only its scheme: ``Bearer REDACTED``), no host or port, no Date.

Replay is strict: a request must match its recording on method, path, query, the headers
that select a page or a chunk, the body, the content type, the authorization scheme and the
presence of a credential, and the public call that sent it (``_calls``); requests to one
operation must come in their recorded order; and a test fails unless it played every
interaction of its cassette.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import vcr as vcrpy

from scaleout import Scaleout

# The matchers users get from scaleout.testing.vcr_config(): the paging and chunk headers that
# select an answer, and bodies compared as JSON where they are JSON.
from scaleout.testing._vcr import _match_body as body_content
from scaleout.testing._vcr import _match_selecting_headers as selecting_headers

from ._calls import CALLS, HEADER
from ._flavours import client_factory
from ._operations import operation_of

#: Every recorded URL is rewritten to this origin, and replayed clients point at it.
RECORDED_ORIGIN = "http://127.0.0.1:8092"
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


def _scrubbed_authorization(value: str) -> str:
    """``Bearer REDACTED``: the scheme stays (replay must match it), the credential goes."""
    scheme, _, credential = value.strip().partition(" ")
    return f"{scheme} {REDACTED}" if credential.strip() else REDACTED


def scrub_request(request: Any) -> Any:
    # Only the SDK's own traffic belongs in a cassette; the local controller's readiness probe
    # (plain http.client) is dropped, or a replay would answer the SDK with the probe's reply.
    if not request.headers.get("User-Agent", "").startswith("scaleout-python/"):
        return None
    # vcrpy runs this on every request it is asked to replay too, so what is matched on replay
    # is what the cassette holds: the scheme of a credential, and the call that sent it.
    if "Authorization" in request.headers:
        request.headers["Authorization"] = _scrubbed_authorization(request.headers["Authorization"])
    if CALLS.current is not None:
        request.headers[HEADER] = CALLS.current
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


def _same_header(name: str) -> Any:
    def matcher(r1: Any, r2: Any) -> None:
        first, second = r1.headers.get(name), r2.headers.get(name)
        assert first == second, f"{name}: {first!r} != {second!r}"

    matcher.__name__ = f"same_{name.replace('-', '_')}"
    return matcher


class OperationOrder:
    """Requests to one operation are replayed in their recorded order.

    vcrpy plays the first unplayed interaction that matches, so a request may skip ahead of an
    earlier, unplayed one of the same operation that differs in what is matched. This matcher
    refuses an interaction until the one recorded before it for its operation has been played.
    """

    def __init__(self) -> None:
        self._cassette: Any = None
        self._previous: dict[int, int | None] = {}

    def bind(self, cassette: Any) -> None:
        self._cassette = cassette
        self._previous = {}
        last: dict[object, int] = {}
        for index, (request, _) in enumerate(cassette.data if cassette is not None else []):
            operation = operation_of(request.method, request.path) or (
                request.method,
                request.path,
            )
            self._previous[id(request)] = last.get(operation)
            last[operation] = index

    def in_operation_order(self, r1: Any, r2: Any) -> None:
        previous = self._previous.get(id(r2))
        if previous is not None:
            assert self._cassette.play_counts[previous] > 0, (
                f"interaction {previous}, recorded before this one for "
                f"{r2.method} {r2.path}, has not been played"
            )


ORDER = OperationOrder()


def configure_matchers(vcr: Any) -> None:
    vcr.register_matcher("selecting_headers", selecting_headers)
    vcr.register_matcher("body_content", body_content)
    vcr.register_matcher("credentials", _same_header("authorization"))
    vcr.register_matcher("content_type", _same_header("content-type"))
    vcr.register_matcher("recorded_call", _same_header(HEADER))
    vcr.register_matcher("operation_order", ORDER.in_operation_order)


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    configure_matchers(vcr)


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": ["host", "date", "cookie", "content-length"],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
        "match_on": [
            "method",
            "path",
            "query",
            "recorded_call",
            "credentials",
            "content_type",
            "selecting_headers",
            "body_content",
            "operation_order",
        ],
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


@pytest.fixture
def recording(record_mode: str) -> bool:
    return record_mode != "none"


def unplayed(cassette: Any) -> list[str]:
    return [
        f"#{index} {request.method} {request.path} ({request.headers.get(HEADER)})"
        for index, (request, _) in enumerate(cassette.data)
        if not cassette.play_counts[index]
    ]


@pytest.fixture(autouse=True)
def strict_replay(vcr: Any, recording: bool) -> Iterator[None]:
    """Numbers the test's calls from 1, keeps replayed requests in order, and fails the test
    at teardown when an interaction of its cassette was not played."""
    CALLS.reset()
    ORDER.bind(None if recording else vcr)
    try:
        yield
    finally:
        ORDER.bind(None)
        CALLS.reset()
    if vcr is not None and not recording:
        missing = unplayed(vcr)
        assert not missing, "recorded but not replayed:\n" + "\n".join(missing)


@contextmanager
def replay(cassette: str, config: dict[str, Any]) -> Iterator[Any]:
    """Replay a cassette outside pytest-recording, with the recorded tests' rules."""
    vcr = vcrpy.VCR()
    configure_matchers(vcr)
    with vcr.use_cassette(cassette, **{**config, "record_mode": "none"}) as played:
        CALLS.reset()
        ORDER.bind(played)
        try:
            yield played
        finally:
            ORDER.bind(None)


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


@pytest.fixture
def auth_controller(recording: bool) -> Iterator[Any]:
    """A fresh local controller that requires tokens while recording; ``None`` on replay."""
    if not recording:
        yield None
        return
    from scaleout.local import LocalController

    with LocalController(clients=3, seed=0, auth=True) as ctl:
        yield ctl


@pytest.fixture
def auth_url(auth_controller: Any) -> str:
    return RECORDED_ORIGIN if auth_controller is None else str(auth_controller.url)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each recorded test runs with Scaleout and with AsyncScaleout, against one cassette.

    Cassettes are recorded with the sync client only. The async case is not even collected
    while recording: set up and skipped, its ``--record-mode=rewrite`` cassette (the same file)
    would be deleted after the sync case wrote it.
    """
    if "flavour" in metafunc.fixturenames:
        recording = (metafunc.config.getoption("--record-mode") or "none") != "none"
        metafunc.parametrize("flavour", ["sync"] if recording else ["sync", "async"])


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
