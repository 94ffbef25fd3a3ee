"""Every kind of call against every kind of network or server fault, over a real socket.

The kinds of call are those whose failure modes differ: a read, a paged listing (the fault
on its second page), a create (a POST, never resent once it may have arrived), an upload (the
fault on a chunk, which is safe to resend), a streamed download and a wait. Each test names
one fault and states, per kind, what a user gets: the answer (after as many requests as the
retry policy allows) or one typed error, within the call's time limit.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scaleout import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    PayloadTooLargeError,
    RateLimitError,
    Scaleout,
)

from ._faulty_server import (
    Fault,
    FaultyServer,
    Received,
    answer,
    drip,
    html,
    reset_before_headers,
    reset_mid_body,
    short_body,
    stall,
)
from ._spec_answers import DOWNLOAD_BYTES, spec_answer, spec_example
from .conftest import make_client

pytestmark = pytest.mark.timeout(60)

#: The client's time limit in these tests: long enough for any healthy exchange on a loaded
#: machine, short enough that stalls cost little.
TIMEOUT = 1.0
#: How much later than its time limit a call may end (thread scheduling on a busy machine).
SLACK = 1.5
UPLOAD_ID = spec_example({"$ref": "#/components/schemas/UploadInit"})["upload_id"]


@dataclass(frozen=True)
class Kind:
    name: str
    method: str
    path: str
    #: Whether the policy may send the faulted request again.
    idempotent: bool
    run: Callable[[Scaleout, Path], Any]
    check: Callable[[Any, Path], None]
    #: Which requests to the route the fault hits (default: all of them).
    victim: Callable[[Received], bool] = field(default=lambda received: True)
    #: The answer of a healthy server to the route (default: the spec's example).
    normal: Callable[[Received], Fault] = field(default=spec_answer)
    #: A body of the healthy answer's shape, for faults that cut or drip it.
    body: Any = None


def _model_page(received: Received) -> Fault:
    skip = int(received.headers.get("x-skip", "0"))
    limit = int(received.headers.get("x-limit", "2"))
    model = spec_example({"$ref": "#/components/schemas/Model"})
    items = [{**model, "model_id": f"m{index}"} for index in range(skip, min(skip + limit, 5))]
    return answer(200, {"count": 5, "result": items})


def _check_listing(result: Any, _: Path) -> None:
    assert [model["model_id"] for model in result] == [f"m{index}" for index in range(5)]


def _finished(received: Received) -> Fault:
    session = spec_example({"$ref": "#/components/schemas/Session"})
    return answer(200, {**session, "session_id": "s1", "status": "Finished"})


def _upload(client: Scaleout, tmp_path: Path) -> Any:
    model = tmp_path / "seed.npz"
    model.write_bytes(b"\x93NUMPY" * 1000)
    return client.set_active_model(model)


def _download(client: Scaleout, tmp_path: Path) -> Any:
    return client.download_model("m1", tmp_path / "model.bin")


def _check_download(result: Any, tmp_path: Path) -> None:
    assert (tmp_path / "model.bin").read_bytes() == DOWNLOAD_BYTES
    assert result["size"] == len(DOWNLOAD_BYTES)
    assert _leftovers(tmp_path) == []


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in tmp_path.iterdir() if path.name.endswith(".part"))


def _has(key: str) -> Callable[[Any, Path], None]:
    def check(result: Any, _: Path) -> None:
        assert isinstance(result, dict) and result.get(key), result

    return check


KINDS = [
    Kind(
        "read",
        "GET",
        "/api/v1/models/m1",
        True,
        lambda client, _: client.get_model("m1"),
        _has("model_id"),
        body=spec_example({"$ref": "#/components/schemas/Model"}),
    ),
    Kind(
        "listing",
        "GET",
        "/api/v1/models/",
        True,
        lambda client, _: list(client.iter_models(page_size=2)),
        _check_listing,
        victim=lambda received: received.headers.get("x-skip") == "2",
        normal=_model_page,
        body={"count": 5, "result": []},
    ),
    Kind(
        "create",
        "POST",
        "/api/v1/attributes/",
        False,
        lambda client, _: client.add_attributes(
            {"key": "charging", "value": "true", "sender": {"client_id": "c1"}}
        ),
        _has("key"),
        body=spec_example({"$ref": "#/components/schemas/Attribute"}),
    ),
    Kind(
        "upload",
        "POST",
        f"/api/v1/file-upload/{UPLOAD_ID}/chunk",
        True,
        _upload,
        _has("model_id"),
        body=spec_example({"$ref": "#/components/schemas/UploadChunk"}),
    ),
    Kind(
        "download",
        "GET",
        "/api/v1/models/m1/download",
        True,
        _download,
        _check_download,
    ),
    Kind(
        "wait",
        "GET",
        "/api/v1/sessions/s1",
        True,
        lambda client, _: client.wait_for_session("s1", timeout=10, poll_interval=0.05),
        _has("session_id"),
        normal=_finished,
        body=spec_example({"$ref": "#/components/schemas/Session"}),
    ),
]
IDS = [kind.name for kind in KINDS]
#: The upload, broken at its start rather than on a chunk (whose answer requires nothing).
UPLOAD_INIT = dataclasses.replace(
    KINDS[3],
    name="upload-init",
    path="/api/v1/file-upload/init",
    idempotent=False,
    body=spec_example({"$ref": "#/components/schemas/UploadInit"}),
)


def inject(server: FaultyServer, kind: Kind, *faults: Fault) -> None:
    """Answer ``kind``'s victim requests with ``faults`` in turn (the last one repeats)."""
    queue = list(faults)

    def respond(received: Received) -> Fault:
        if not kind.victim(received):
            return kind.normal(received)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    server.on(kind.method, kind.path, respond)


def inject_then_heal(server: FaultyServer, kind: Kind, *faults: Fault) -> None:
    """``faults`` on the first victim requests, then a healthy server."""
    queue: list[Fault | None] = [*faults, None]

    def respond(received: Received) -> Fault:
        if not kind.victim(received):
            return kind.normal(received)
        step = queue.pop(0) if len(queue) > 1 else queue[0]
        return kind.normal(received) if step is None else step

    server.on(kind.method, kind.path, respond)


def hits(server: FaultyServer, kind: Kind) -> int:
    return sum(
        1
        for received in server.received
        if (received.method, received.path.split("?")[0]) == (kind.method, kind.path)
        and kind.victim(received)
    )


@pytest.fixture
def client(server: FaultyServer) -> Scaleout:
    return Scaleout(server.url, timeout=TIMEOUT, token_cache=False)


@pytest.fixture(params=["sync", "async"])
def each_client(request: pytest.FixtureRequest, server: FaultyServer) -> Any:
    """Each client in turn: the faults that exercise the IO itself run against both."""
    return make_client(request.param, server.url, timeout=TIMEOUT)


def _body_for(kind: Kind) -> Any:
    return kind.body if kind.body is not None else {"message": "x" * 64}


# -- the connection breaks ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(lambda kind: reset_before_headers(), id="reset-before-headers"),
        pytest.param(lambda kind: reset_mid_body(_body_for(kind), after=8), id="reset-mid-body"),
        pytest.param(lambda kind: short_body(_body_for(kind), missing=5), id="short-body"),
    ],
)
def test_a_broken_connection_is_retried_only_when_safe(
    kind: Kind,
    fault: Callable[[Kind], Fault],
    server: FaultyServer,
    each_client: Any,
    tmp_path: Path,
) -> None:
    if kind.name == "download" and fault(kind).kind != "reset":
        # A download's body is the file: cut it off in the middle of the bytes.
        cut = fault(kind)
        cut.body, cut.headers = DOWNLOAD_BYTES, {"Content-Type": "application/octet-stream"}
        cut.upto = len(DOWNLOAD_BYTES) // 2
        inject_then_heal(server, kind, cut)
    else:
        inject_then_heal(server, kind, fault(kind))

    if kind.idempotent:
        kind.check(kind.run(each_client, tmp_path), tmp_path)
        assert hits(server, kind) == 2
    else:
        with pytest.raises(APIConnectionError):
            kind.run(each_client, tmp_path)
        assert hits(server, kind) == 1, "a request that may have arrived was sent again"


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_refused_connection_is_an_error_naming_the_call(tmp_path: Path, kind: Kind) -> None:
    with FaultyServer() as gone:
        url = gone.url
    client = Scaleout(url, timeout=TIMEOUT, max_retries=1, token_cache=False)
    with pytest.raises(APIConnectionError) as caught:
        kind.run(client, tmp_path)
    assert not isinstance(caught.value, APITimeoutError)
    assert "127.0.0.1" in str(caught.value)
    assert _leftovers(tmp_path) == []


# -- the server is slow ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_silent_server_ends_the_call_at_its_time_limit(
    kind: Kind, server: FaultyServer, each_client: Any, tmp_path: Path
) -> None:
    inject(server, kind, stall(TIMEOUT * 4))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        kind.run(each_client, tmp_path)
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "kind", [kind for kind in KINDS if kind.name != "download"], ids=lambda kind: kind.name
)
def test_a_dripping_answer_ends_the_call_at_its_time_limit(
    kind: Kind, server: FaultyServer, each_client: Any, tmp_path: Path
) -> None:
    # Every byte arrives well within the read timeout; only a limit on the whole call stops it.
    inject(server, kind, drip(_body_for(kind), every=TIMEOUT / 4))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        kind.run(each_client, tmp_path)
    assert time.monotonic() - started < TIMEOUT + SLACK


def test_a_download_may_take_longer_than_the_time_limit_while_bytes_arrive(
    server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    # A large model on a slow link: the limit is on each wait for bytes, not on the transfer.
    body = bytes(range(40))
    server.on(
        "GET",
        "/api/v1/models/m1/download",
        Fault("drip", 200, body, {"Content-Type": "application/octet-stream"}, seconds=0.05),
    )
    client = client.with_options(timeout=0.5)
    started = time.monotonic()
    result = client.download_model("m1", tmp_path / "model.bin")
    assert time.monotonic() - started > 0.5
    assert (tmp_path / "model.bin").read_bytes() == body and result["size"] == len(body)


def test_a_download_that_stops_sending_ends_at_the_read_timeout(
    server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    stalled = Fault(
        "drip", 200, b"abc" + b"\0" * 10, {"Content-Type": "application/octet-stream"}, seconds=3
    )
    server.on("GET", "/api/v1/models/m1/download", stalled)
    started = time.monotonic()
    with pytest.raises(APIConnectionError):
        client.with_options(max_retries=0).download_model("m1", tmp_path / "model.bin")
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert not (tmp_path / "model.bin").exists() and _leftovers(tmp_path) == []


# -- the server is overloaded ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
@pytest.mark.parametrize("status", [429, 503])
def test_a_burst_of_overload_answers_is_waited_out_when_safe(
    kind: Kind, status: int, server: FaultyServer, each_client: Any, tmp_path: Path
) -> None:
    busy = answer(status, {"message": "busy"}, Retry_After="0")
    inject_then_heal(server, kind, busy, busy)
    if kind.idempotent:
        kind.check(kind.run(each_client, tmp_path), tmp_path)
        assert hits(server, kind) == 3
    else:
        expected = RateLimitError if status == 429 else InternalServerError
        with pytest.raises(expected) as caught:
            kind.run(each_client, tmp_path)
        assert caught.value.status_code == status and "busy" in str(caught.value)
        assert hits(server, kind) == 1


def test_retry_after_is_honoured(server: FaultyServer, client: Scaleout, tmp_path: Path) -> None:
    kind = KINDS[0]
    inject_then_heal(server, kind, answer(503, {"message": "busy"}, Retry_After="1"))
    started = time.monotonic()
    kind.check(client.with_options(timeout=5).get_model("m1"), tmp_path)
    assert time.monotonic() - started >= 0.9
    assert hits(server, kind) == 2


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_retry_after_beyond_the_time_limit_ends_the_call_with_the_answer(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    inject(server, kind, answer(429, {"message": "slow down"}, Retry_After="120"))
    started = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        kind.run(client, tmp_path)
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert "slow down" in str(caught.value)
    assert hits(server, kind) == 1


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_server_error_is_not_repeated(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    inject(server, kind, answer(500, {"message": "database is down"}))
    with pytest.raises(InternalServerError) as caught:
        kind.run(client, tmp_path)
    assert caught.value.status_code == 500
    assert "database is down" in str(caught.value)
    assert hits(server, kind) == 1
    assert _leftovers(tmp_path) == []


# -- something else answers -----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_proxy_error_page_becomes_its_text(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    inject(server, kind, html(502, "502 Bad Gateway"))
    with pytest.raises(APIStatusError) as caught:
        kind.run(client, tmp_path)
    assert caught.value.status_code == 502
    assert "502 Bad Gateway" in str(caught.value) and "<" not in str(caught.value)
    assert hits(server, kind) == (3 if kind.idempotent else 1)


@pytest.mark.parametrize(
    "kind", [kind for kind in KINDS if kind.name != "upload"], ids=lambda kind: kind.name
)
def test_a_proxy_refusing_the_size_is_payload_too_large(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    inject(server, kind, html(413, "413 Request Entity Too Large"))
    with pytest.raises(PayloadTooLargeError) as caught:
        kind.run(client, tmp_path)
    assert "Request Entity Too Large" in str(caught.value)
    assert hits(server, kind) == 1


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_a_login_page_instead_of_the_answer_is_refused(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    # A captive portal or an SSO proxy answering 200 with its own page.
    inject(server, kind, html(200, "Sign in"))
    with pytest.raises(APIResponseValidationError) as caught:
        kind.run(client, tmp_path)
    assert caught.value.status_code == 200
    assert "Sign in" in str(caught.value.body)
    assert not (tmp_path / "model.bin").exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "kind",
    [UPLOAD_INIT if kind.name == "upload" else kind for kind in KINDS if kind.name != "download"],
    ids=lambda kind: kind.name,
)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"unexpected": True}, id="other-object"),
        pytest.param([1, 2, 3], id="array"),
        pytest.param("ok", id="string"),
        pytest.param(None, id="null"),
        pytest.param({"count": 5, "result": None}, id="page-of-null"),
        pytest.param({"count": 5, "result": ["m1", "m2"]}, id="page-of-strings"),
    ],
)
def test_an_answer_of_the_wrong_shape_is_one_typed_error(
    kind: Kind, body: Any, server: FaultyServer, each_client: Any, tmp_path: Path
) -> None:
    inject(server, kind, answer(200, body))
    with pytest.raises(APIResponseValidationError) as caught:
        kind.run(each_client, tmp_path)
    assert caught.value.status_code == 200
    assert caught.value.body == body
    assert hits(server, kind) == 1


@pytest.mark.parametrize(
    "kind", [kind for kind in KINDS if kind.name != "download"], ids=lambda kind: kind.name
)
def test_an_answer_that_is_not_json_is_one_typed_error(
    kind: Kind, server: FaultyServer, client: Scaleout, tmp_path: Path
) -> None:
    inject(server, kind, answer(200, b"{'not': json", Content_Type="application/json"))
    with pytest.raises(APIResponseValidationError) as caught:
        kind.run(client, tmp_path)
    assert caught.value.status_code == 200
    assert caught.value.body == "{'not': json"
