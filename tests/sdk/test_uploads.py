"""The chunked upload protocol as ``set_active_model``/``set_active_package`` run it."""

from __future__ import annotations

import hashlib
import logging
import pathlib
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    APIConnectionError,
    APIResponseValidationError,
    BadRequestError,
    InternalServerError,
    MissingFileError,
    PayloadTooLargeError,
    Scaleout,
    UploadError,
)

from ._support import FakeServer, form_of, json_of, make_client, respond, x_headers

CHUNK = 921600
INIT = "/api/v1/file-upload/init"


def write(tmp_path: Path, size: int, name: str = "model.npz") -> Path:
    path = tmp_path / name
    path.write_bytes(bytes(i % 251 for i in range(size)))
    return path


def routes(server: FakeServer, upload_id: str = "u1", token: str = "tok") -> None:
    server.on("POST", INIT, {"upload_id": upload_id})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/chunk", {})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/complete", {"file_token": token})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/abort", {})
    server.on("PUT", "/api/v1/helpers/active", {"message": "Active helper set"})
    server.on("POST", "/api/v1/models/", {"success": True, "message": "Model added"})
    server.on("POST", "/api/v1/packages/", {"message": "Package uploaded"})


def chunk_requests(server: FakeServer, upload_id: str = "u1") -> list[httpx.Request]:
    return server.matching("POST", f"/api/v1/file-upload/{upload_id}/chunk")


def test_chunks_are_sent_in_order(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    path = write(tmp_path, 2 * CHUNK + 123)
    routes(server)
    client.set_active_model(path)
    chunks = chunk_requests(server)
    assert [x_headers(r)["x-chunk-index"] for r in chunks] == ["0", "1", "2"]
    assert [len(r.content) for r in chunks] == [CHUNK, CHUNK, 123]
    assert b"".join(r.content for r in chunks) == path.read_bytes()
    assert all(r.headers["content-type"] == "application/octet-stream" for r in chunks)
    assert all(r.headers["content-length"] == str(len(r.content)) for r in chunks)
    init = json_of(server.matching("POST", INIT)[0])
    assert init == {"file_name": "model.npz", "file_size": 2 * CHUNK + 123, "chunk_size": CHUNK}


def test_sha256_is_sent_on_complete(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    path = write(tmp_path, CHUNK + 1)
    routes(server)
    client.set_active_model(path)
    complete = server.matching("POST", "/api/v1/file-upload/u1/complete")[0]
    assert json_of(complete) == {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def too_large(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        413,
        text="<html><title>413 Request Entity Too Large</title></html>",
        headers={"Content-Type": "text/html"},
    )


def test_413_on_chunks_walks_down_to_256_kib_then_fails(
    server: FakeServer, client: Scaleout, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, CHUNK + 5)
    server.on("POST", INIT, {"upload_id": "u1"}, {"upload_id": "u2"}, {"upload_id": "u3"})
    for upload_id in ("u1", "u2", "u3"):
        server.on("POST", f"/api/v1/file-upload/{upload_id}/chunk", too_large)
        server.on("POST", f"/api/v1/file-upload/{upload_id}/abort", {})
    with caplog.at_level(logging.WARNING, logger="scaleout"), pytest.raises(UploadError) as info:
        client.set_active_model(path)
    assert isinstance(info.value.__cause__, PayloadTooLargeError)
    assert "262144" in str(info.value) and "413" in str(info.value)
    inits = [json_of(r)["chunk_size"] for r in server.matching("POST", INIT)]
    assert inits == [921600, 460800, 262144]
    assert [len(r.content) for r in server.requests if r.url.path.endswith("/chunk")] == [
        921600,
        460800,
        262144,
    ]
    assert server.calls() == [
        ("POST", INIT),
        ("POST", "/api/v1/file-upload/u1/chunk"),
        ("POST", "/api/v1/file-upload/u1/abort"),
        ("POST", INIT),
        ("POST", "/api/v1/file-upload/u2/chunk"),
        ("POST", "/api/v1/file-upload/u2/abort"),
        ("POST", INIT),
        ("POST", "/api/v1/file-upload/u3/chunk"),
        ("POST", "/api/v1/file-upload/u3/abort"),
    ]
    assert caplog.text.count("413") == 2  # one warning per fallback
    assert server.matching("PUT", "/api/v1/helpers/active") == []


def test_413_fallback_succeeds_with_a_smaller_chunk(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    path = write(tmp_path, 600_000)
    server.on("POST", INIT, {"upload_id": "big"}, {"upload_id": "small"})
    server.on("POST", "/api/v1/file-upload/big/chunk", too_large)
    server.on("POST", "/api/v1/file-upload/big/abort", {})
    routes(server, upload_id="small")
    client.set_active_model(path)
    chunks = chunk_requests(server, "small")
    assert [len(r.content) for r in chunks] == [460800, 600_000 - 460800]
    assert [x_headers(r)["x-chunk-index"] for r in chunks] == ["0", "1"]
    assert form_of(server.matching("POST", "/api/v1/models/")[0])["file_token"] == "tok"


def test_413_at_init_also_falls_back(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    path = write(tmp_path, 10)
    server.on("POST", INIT, too_large, too_large)
    server.on("POST", INIT, {"upload_id": "u1"})
    routes(server)
    client.set_active_model(path)
    assert [json_of(r)["chunk_size"] for r in server.matching("POST", INIT)] == [
        921600,
        460800,
        262144,
    ]
    assert not [r for r in server.requests if r.url.path.endswith("/abort")]


def test_413_at_complete_restarts_smaller(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    path = write(tmp_path, 10)
    server.on("POST", INIT, {"upload_id": "u1"}, {"upload_id": "u2"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {})
    server.on("POST", "/api/v1/file-upload/u1/complete", too_large)
    server.on("POST", "/api/v1/file-upload/u1/abort", {})
    routes(server, upload_id="u2")
    client.set_active_model(path)
    assert ("POST", "/api/v1/file-upload/u1/abort") in server.calls()
    assert [json_of(r)["chunk_size"] for r in server.matching("POST", INIT)] == [921600, 460800]


def broken_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    "abort_answer",
    [respond(500, {"message": "abort failed"}), broken_connection],
    ids=["abort_500", "abort_unreachable"],
)
def test_failing_abort_does_not_mask_the_error(
    abort_answer: Any,
    server: FakeServer,
    client: Scaleout,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.on("POST", INIT, {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {"message": "index out of order"}, status=400)
    server.on("POST", "/api/v1/file-upload/u1/abort", abort_answer)
    with (
        caplog.at_level(logging.WARNING, logger="scaleout"),
        pytest.raises(BadRequestError, match="index out of order"),
    ):
        client.set_active_model(write(tmp_path, 10))
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")
    assert "could not abort" in caplog.text
    assert len(chunk_requests(server)) == 1  # a 400 is not resent


@pytest.mark.parametrize(
    "failure",
    [
        respond(503, {"message": "busy"}),
        respond(429, {"message": "slow down"}),
        broken_connection,
    ],
    ids=["503", "429", "connection_error"],
)
def test_failed_chunk_is_resent_and_succeeds(
    failure: Any, server: FakeServer, tmp_path: Path, sleeps: list[float]
) -> None:
    path = write(tmp_path, CHUNK + 10)
    routes(server)
    ok = respond(200, {})
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [ok, failure, ok]
    with make_client(server, max_retries=2) as client:
        client.set_active_model(path)
    chunks = chunk_requests(server)
    assert [x_headers(r)["x-chunk-index"] for r in chunks] == ["0", "1", "1"]
    assert chunks[1].content == chunks[2].content == path.read_bytes()[CHUNK:]
    # The transport's one backoff: full jitter under 0.5 s before the first resend.
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5
    assert not [r for r in server.requests if r.url.path.endswith("/abort")]


def test_chunk_answered_500_is_not_resent(server: FakeServer, tmp_path: Path) -> None:
    """A 500 is an answer, not a transient failure: the one retry policy does not resend it."""
    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [respond(500, {"message": "oops"})]
    with make_client(server, max_retries=2) as client, pytest.raises(InternalServerError):
        client.set_active_model(write(tmp_path, 10))
    assert len(chunk_requests(server)) == 1
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")


@pytest.mark.parametrize("max_retries", [0, 1, 2, 4])
def test_chunk_on_a_refused_connection_is_attempted_max_retries_plus_one_times(
    max_retries: int, server: FakeServer, tmp_path: Path, sleeps: list[float]
) -> None:
    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [broken_connection]
    with make_client(server, max_retries=max_retries) as client:
        with pytest.raises(APIConnectionError):
            client.set_active_model(write(tmp_path, 10))
    assert len(chunk_requests(server)) == max_retries + 1
    assert len(sleeps) == max_retries
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")


def test_chunk_failing_every_time_aborts(
    server: FakeServer, tmp_path: Path, sleeps: list[float]
) -> None:
    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [respond(503, {"message": "x"})]
    with make_client(server, max_retries=2) as client, pytest.raises(InternalServerError):
        client.set_active_model(write(tmp_path, 10))
    assert len(chunk_requests(server)) == 3  # first try + 2 resends
    assert len(sleeps) == 2 and 0 <= sleeps[0] <= 0.5 and 0 <= sleeps[1] <= 1.0
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")


def test_progress_callback(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    size = 2 * CHUNK + 7
    routes(server)
    seen: list[tuple[int, int]] = []
    client.set_active_model(
        write(tmp_path, size), progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(CHUNK, size), (2 * CHUNK, size), (size, size)]
    seen.clear()
    client.set_active_package(
        write(tmp_path, 5, "p.tgz"),
        "numpyhelper",
        "p",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(5, 5)]


def test_empty_file_sends_no_chunk(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    routes(server)
    progress: list[tuple[int, int]] = []
    client.set_active_model(write(tmp_path, 0), progress=lambda d, t: progress.append((d, t)))
    assert chunk_requests(server) == []
    assert json_of(server.matching("POST", INIT)[0])["file_size"] == 0
    complete = server.matching("POST", "/api/v1/file-upload/u1/complete")[0]
    assert json_of(complete) == {"sha256": hashlib.sha256(b"").hexdigest()}
    assert progress == []


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({}, APIResponseValidationError),
        ({"upload_id": 5}, APIResponseValidationError),
        (["u1"], APIResponseValidationError),
        (None, APIResponseValidationError),
        ({"upload_id": ""}, UploadError),
    ],
)
def test_missing_upload_id(
    answer: Any, error: type[Exception], server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", INIT, answer)
    with pytest.raises(error, match="upload_id|dict"):
        client.set_active_model(write(tmp_path, 10))
    assert server.calls() == [("POST", INIT)]


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ({}, APIResponseValidationError),
        ({"file_token": None}, APIResponseValidationError),
        (None, APIResponseValidationError),
        ({"file_token": ""}, UploadError),
    ],
)
def test_missing_file_token(
    answer: Any, error: type[Exception], server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/complete")] = [respond(200, answer)]
    with pytest.raises(error, match="file_token|dict"):
        client.set_active_model(write(tmp_path, 10))
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")
    assert server.matching("PUT", "/api/v1/helpers/active") == []
    assert server.matching("POST", "/api/v1/models/") == []


class RecordingFile:
    def __init__(self, handle: Any, reads: list[int]) -> None:
        self._handle = handle
        self._reads = reads

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "the whole file was read at once"
        data: bytes = self._handle.read(size)
        self._reads.append(len(data))
        return data

    def __enter__(self) -> RecordingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_file_is_read_chunk_by_chunk(
    server: FakeServer, client: Scaleout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    original = pathlib.Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        return RecordingFile(original(self, *args, **kwargs), reads)

    path = write(tmp_path, 3 * CHUNK + 1)
    routes(server)
    monkeypatch.setattr(pathlib.Path, "open", recording_open)
    client.set_active_model(path)
    monkeypatch.undo()
    assert reads == [CHUNK, CHUNK, CHUNK, 1, 0]
    assert max(len(r.content) for r in server.requests) <= CHUNK


def test_file_changing_during_upload_fails(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    """A file still being written (it grows with every chunk) fails at once, with no chunk
    beyond the size announced at init."""
    path = write(tmp_path, 10)
    grown: list[int] = []

    def grow(request: httpx.Request) -> httpx.Response:
        if len(grown) < 5:  # bounded, so a regression fails instead of hanging
            grown.append(1)
            with path.open("ab") as handle:
                handle.write(b"more")
        return httpx.Response(200, json={})

    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [grow]
    with pytest.raises(UploadError, match="changed"):
        client.set_active_model(path)
    assert len(chunk_requests(server)) == 1
    assert server.matching("POST", "/api/v1/file-upload/u1/complete") == []
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")


def test_file_shrinking_during_upload_fails(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    path = write(tmp_path, CHUNK + 10)

    def shrink(request: httpx.Request) -> httpx.Response:
        path.write_bytes(b"")
        return httpx.Response(200, json={})

    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/chunk")] = [shrink]
    with pytest.raises(UploadError, match="changed"):
        client.set_active_model(path)
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")


def test_helper_changes_only_after_a_successful_upload(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    routes(server)
    server.routes[("POST", "/api/v1/file-upload/u1/complete")] = [
        respond(500, {"message": "storage down"})
    ]
    with pytest.raises(InternalServerError, match="storage down"):
        client.set_active_model(write(tmp_path, 10))
    assert server.matching("PUT", "/api/v1/helpers/active") == []
    assert server.matching("POST", "/api/v1/models/") == []
    server.reset()
    routes(server)
    client.set_active_model(write(tmp_path, 10))
    assert [c for c in server.calls() if not c[1].startswith("/api/v1/file-upload")] == [
        ("PUT", "/api/v1/helpers/active"),
        ("POST", "/api/v1/models/"),
    ]


def test_connection_error_at_init_sends_nothing_else(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", INIT, broken_connection)
    with pytest.raises(APIConnectionError):
        client.set_active_model(write(tmp_path, 10))
    assert server.calls() == [("POST", INIT)]


@pytest.mark.parametrize("name", ["weights.pt", "weights.h5", "weights"])
def test_unknown_extension_names_it_and_the_helper_option(
    name: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    with pytest.raises(ValueError) as info:
        client.set_active_model(write(tmp_path, 3, name))
    message = str(info.value)
    assert (Path(name).suffix or "extensionless") in message
    assert "helper=" in message
    assert server.requests == []


@pytest.mark.parametrize(("name", "helper"), [("W.NPZ", "numpyhelper"), ("w.Bin", "binaryhelper")])
def test_extension_is_case_insensitive(
    name: str, helper: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    routes(server)
    client.set_active_model(write(tmp_path, 3, name))
    assert json_of(server.matching("PUT", "/api/v1/helpers/active")[0]) == {"helper": helper}
    assert json_of(server.matching("POST", INIT)[0])["file_name"] == name


def test_package_upload_missing_file(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="path"):
        client.set_active_package(tmp_path / "nope.tgz", "numpyhelper", "p")
    assert server.requests == []


def test_package_upload_uses_the_same_fallback(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", INIT, {"upload_id": "big"}, {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/big/chunk", too_large)
    server.on("POST", "/api/v1/file-upload/big/abort", {})
    routes(server)
    result = client.set_active_package(write(tmp_path, 50, "pkg.tgz"), "numpyhelper", "pkg")
    assert result == {"message": "Package uploaded"}
    assert form_of(server.matching("POST", "/api/v1/packages/")[0])["file_token"] == "tok"
