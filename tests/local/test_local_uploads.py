"""The chunked upload protocol and its edge cases."""

from __future__ import annotations

import hashlib
import http.client
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scaleout.local import LocalController

from ._helpers import LocalApi

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]

MAX_CHUNK = 4096


@pytest.fixture(scope="module")
def small_chunks() -> Iterator[LocalController]:
    with LocalController(clients=1, max_chunk_size=MAX_CHUNK) as ctl:
        yield ctl


@pytest.fixture
def up(small_chunks: LocalController, tmp_path: Path) -> Iterator[LocalApi]:
    with httpx.Client(base_url=small_chunks.url, timeout=30) as http:
        yield LocalApi(small_chunks, http, tmp_path)


def _init(up: LocalApi, size: int, chunk: int, name: str = "f.bin") -> httpx.Response:
    return up.http.post(
        "/api/v1/file-upload/init",
        json={"file_name": name, "file_size": size, "chunk_size": chunk},
    )


def _chunk(up: LocalApi, upload_id: str, index: int, data: bytes) -> httpx.Response:
    return up.http.post(
        f"/api/v1/file-upload/{upload_id}/chunk",
        content=data,
        headers={"X-Chunk-Index": str(index)},
    )


def test_round_trip_returns_size_and_sha256(up: LocalApi) -> None:
    data = bytes(range(256)) * 40
    init = up.ok(_init(up, len(data), 1000))
    assert init["total_chunks"] == 11
    upload_id = init["upload_id"]
    for index, start in enumerate(range(0, len(data), 1000)):
        body = up.ok(_chunk(up, upload_id, index, data[start : start + 1000]))
        assert body["chunk_index"] == index
    # No body, but a JSON content type: what the generated client sends.
    done = up.ok(
        up.http.post(
            f"/api/v1/file-upload/{upload_id}/complete",
            headers={"Content-Type": "application/json"},
        )
    )
    assert done["sha256"] == hashlib.sha256(data).hexdigest()
    assert done["file_size"] == len(data)
    # Completing again (a retry after a lost answer) gives the same answer.
    assert up.ok(up.http.post(f"/api/v1/file-upload/{upload_id}/complete")) == done
    assert up.http.post(f"/api/v1/file-upload/{upload_id}/abort").status_code == 404


def test_chunk_without_content_type_like_the_1_0_1_client(small_chunks: LocalController) -> None:
    """requests sends the raw chunk with no Content-Type; the server reads it as octet-stream."""
    with httpx.Client(base_url=small_chunks.url) as client:
        upload_id = client.post(
            "/api/v1/file-upload/init",
            json={"file_name": "f", "file_size": 5, "chunk_size": 5},
        ).json()["upload_id"]
    conn = http.client.HTTPConnection("127.0.0.1", small_chunks.port, timeout=10)
    try:
        conn.putrequest("POST", f"/api/v1/file-upload/{upload_id}/chunk")
        conn.putheader("X-Chunk-Index", "0")
        conn.putheader("Content-Length", "5")
        conn.endheaders()
        conn.send(b"hello")
        response = conn.getresponse()
        assert response.status == 200, response.read()
        response.read()
        conn.putrequest("POST", f"/api/v1/file-upload/{upload_id}/complete")
        conn.putheader("Content-Length", "0")
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 200, response.read()
    finally:
        conn.close()


def test_chunk_size_above_the_maximum_is_413(up: LocalApi) -> None:
    response = _init(up, 10_000, MAX_CHUNK + 1)
    assert response.status_code == 413
    assert "message" in response.json()


def test_chunk_body_above_the_maximum_is_413(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 3 * MAX_CHUNK, MAX_CHUNK))["upload_id"]
    response = _chunk(up, upload_id, 0, b"x" * (MAX_CHUNK + 1))
    assert response.status_code == 413
    assert response.json() == {"message": f"Chunk larger than {MAX_CHUNK} bytes"}
    # The client then aborts, as the 1.0.1 client does.
    assert up.ok(up.http.post(f"/api/v1/file-upload/{upload_id}/abort")) == {
        "message": "Upload aborted"
    }


def test_streamed_chunk_above_the_maximum_is_413(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 3 * MAX_CHUNK, MAX_CHUNK))["upload_id"]

    def body() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1000

    response = up.http.post(
        f"/api/v1/file-upload/{upload_id}/chunk", content=body(), headers={"X-Chunk-Index": "0"}
    )
    assert response.status_code == 413


def test_out_of_order_and_wrongly_sized_chunks_are_400(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 2500, 1000))["upload_id"]
    response = _chunk(up, upload_id, 1, b"a" * 1000)
    assert response.status_code == 400
    assert response.json()["message"] == "Expected chunk index 0, got 1"
    assert _chunk(up, upload_id, 0, b"a" * 999).status_code == 400
    up.ok(_chunk(up, upload_id, 0, b"a" * 1000))
    # Resending the last chunk (a retry after a lost answer) is idempotent; other bytes are not.
    assert up.ok(_chunk(up, upload_id, 0, b"a" * 1000))["received_bytes"] == 1000
    assert _chunk(up, upload_id, 0, b"z" * 1000).status_code == 400
    up.ok(_chunk(up, upload_id, 1, b"b" * 1000))
    assert _chunk(up, upload_id, 2, b"c" * 501).status_code == 400  # last chunk too long
    incomplete = up.http.post(f"/api/v1/file-upload/{upload_id}/complete")
    assert incomplete.status_code == 400
    assert "incomplete" in incomplete.json()["message"]
    up.ok(_chunk(up, upload_id, 2, b"c" * 500))
    assert _chunk(up, upload_id, 3, b"d").status_code == 400
    up.ok(up.http.post(f"/api/v1/file-upload/{upload_id}/complete"))


def test_bad_chunk_index_header_is_400(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 10, 10))["upload_id"]
    for value in ("abc", "-1", "1.5", ""):
        response = (
            _chunk(up, upload_id, 0, b"x" * 10)
            if False
            else up.http.post(
                f"/api/v1/file-upload/{upload_id}/chunk",
                content=b"x" * 10,
                headers={"X-Chunk-Index": value},
            )
        )
        assert response.status_code == 400, value
        assert set(response.json()) == {"message"}
    missing = up.http.post(f"/api/v1/file-upload/{upload_id}/chunk", content=b"x" * 10)
    assert missing.status_code == 400


def test_sha256_mismatch_discards_the_upload(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 4, 4))["upload_id"]
    up.ok(_chunk(up, upload_id, 0, b"data"))
    response = up.http.post(f"/api/v1/file-upload/{upload_id}/complete", json={"sha256": "0" * 64})
    assert response.status_code == 400
    assert "mismatch" in response.json()["message"]
    assert up.http.post(f"/api/v1/file-upload/{upload_id}/complete").status_code == 404
    bad = up.http.post(f"/api/v1/file-upload/{upload_id}/complete", json={"sha256": "xyz"})
    assert bad.status_code == 400


def test_matching_sha256_is_accepted(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 4, 4))["upload_id"]
    up.ok(_chunk(up, upload_id, 0, b"data"))
    digest = hashlib.sha256(b"data").hexdigest()
    done = up.ok(up.http.post(f"/api/v1/file-upload/{upload_id}/complete", json={"sha256": digest}))
    assert done["sha256"] == digest


def test_abort_deletes_and_unknown_ids_are_404(up: LocalApi) -> None:
    upload_id = up.ok(_init(up, 8, 4))["upload_id"]
    up.ok(_chunk(up, upload_id, 0, b"abcd"))
    up.ok(up.http.post(f"/api/v1/file-upload/{upload_id}/abort"))
    for path in ("chunk", "complete", "abort"):
        response = up.http.post(
            f"/api/v1/file-upload/{upload_id}/{path}",
            content=b"abcd" if path == "chunk" else b"",
            headers={"X-Chunk-Index": "1"},
        )
        assert response.status_code == 404, path
        assert "not found" in response.json()["message"]
    uploads_dir = up.ctl.services.uploads.directory
    assert not list(uploads_dir.glob(f"{upload_id}*"))


def test_zero_byte_file(up: LocalApi) -> None:
    init = up.ok(_init(up, 0, 1024, name="empty.bin"))
    assert init["total_chunks"] == 0
    done = up.ok(up.http.post(f"/api/v1/file-upload/{init['upload_id']}/complete"))
    assert done["sha256"] == hashlib.sha256(b"").hexdigest()
    assert done["file_size"] == 0
    body = up.ok(
        up.http.post(
            "/api/v1/models/", data={"helper": "binaryhelper", "file_token": done["file_token"]}
        )
    )
    download = up.http.get(f"/api/v1/models/{body['model_id']}/download")
    assert download.status_code == 200 and download.content == b""


def test_a_file_token_is_consumed_once(up: LocalApi) -> None:
    token = up.upload(b"some bytes", name="model.bin")
    form = {"helper": "binaryhelper", "file_token": token}
    up.ok(up.http.post("/api/v1/models/", data=form))
    second = up.http.post("/api/v1/models/", data=form)
    assert second.status_code == 404
    assert up.http.post("/api/v1/models/", data={"file_token": "nope"}).status_code == 404


def test_a_non_npz_numpy_model_is_400_and_keeps_its_token(up: LocalApi) -> None:
    token = up.upload(b"not an npz", name="model.npz")
    response = up.http.post("/api/v1/models/", data={"helper": "numpyhelper", "file_token": token})
    assert response.status_code == 400
    assert response.json()["message"].startswith("Failed to add model")
    up.ok(up.http.post("/api/v1/models/", data={"helper": "binaryhelper", "file_token": token}))
