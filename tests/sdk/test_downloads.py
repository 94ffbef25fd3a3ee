"""Streaming downloads: atomic writes, no partial files, safe server-chosen names."""

from __future__ import annotations

import gzip
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    APIConnectionError,
    DownloadError,
    InternalServerError,
    NotFoundError,
    Scaleout,
)

from ._support import FakeServer, html_502, respond

MODEL = "/api/v1/models/m1/download"
PACKAGE = "/api/v1/packages/download"
DATA = bytes(range(256)) * 1000  # 256 000 bytes: several 64 KiB blocks


def streamed(
    chunks: list[bytes],
    *,
    length: int | None = None,
    fail_after: int | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """A responder whose body arrives in ``chunks``; it may announce ``length`` or break."""

    def body() -> Iterator[bytes]:
        for index, chunk in enumerate(chunks):
            if fail_after is not None and index == fail_after:
                raise httpx.RemoteProtocolError(
                    "peer closed connection without sending complete message body"
                )
            yield chunk

    def build(request: httpx.Request) -> httpx.Response:
        all_headers = dict(headers or {})
        if length is not None:
            all_headers["Content-Length"] = str(length)
        return httpx.Response(200, content=body(), headers=all_headers)

    return build


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_success_is_atomic(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    server.on("GET", MODEL, streamed([DATA[:100_000], DATA[100_000:]], length=len(DATA)))
    target = tmp_path / "model.npz"
    result = client.download_model("m1", target)
    assert target.read_bytes() == DATA
    assert leftovers(tmp_path) == ["model.npz"]  # no .part file
    assert result["size"] == len(DATA) and result["path"] == str(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_overwrite_keeps_the_mode_of_the_existing_file(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    target = tmp_path / "model.npz"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    server.on("GET", MODEL, respond(200, content=b"new"))
    client.download_model("m1", target)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == ["model.npz"]


@pytest.mark.parametrize(
    "answer",
    [
        streamed([DATA[:1000]], length=len(DATA)),
        streamed(
            [DATA[:70_000], DATA[70_000:140_000], DATA[140_000:]], length=len(DATA), fail_after=2
        ),
        streamed([DATA[:10], DATA[10:20]], fail_after=1),
    ],
    ids=["content_length_larger_than_body", "protocol_error_mid_way", "error_unknown_length"],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_truncated_download_leaves_nothing(
    answer: Any, existing: bool, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    target = tmp_path / "model.npz"
    if existing:
        target.write_bytes(b"previous model")
    server.on("GET", MODEL, answer)
    with pytest.raises(DownloadError) as info:
        client.download_model("m1", target)
    assert "model.npz" in str(info.value)
    if existing:
        assert target.read_bytes() == b"previous model"
        assert leftovers(tmp_path) == ["model.npz"]
    else:
        assert leftovers(tmp_path) == []


def test_truncation_message_says_how_much_arrived(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", PACKAGE, streamed([b"x" * 10], length=50))
    with pytest.raises(DownloadError, match="10 of 50"):
        client.download_package(tmp_path / "p.tgz")


def test_folder_target_uses_the_server_name(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on(
        "GET",
        PACKAGE,
        respond(
            200,
            content=b"pkg",
            headers={"Content-Disposition": 'attachment; filename="package.tgz"'},
        ),
    )
    result = client.download_package(tmp_path)
    assert (tmp_path / "package.tgz").read_bytes() == b"pkg"
    assert result["path"] == str(tmp_path / "package.tgz")
    assert leftovers(tmp_path) == ["package.tgz"]


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        ('attachment; filename="../../evil.npz"', "evil.npz"),
        ("attachment; filename=../../../etc/passwd", "passwd"),
        ('attachment; filename="/abs/path/model.npz"', "model.npz"),
        ("attachment; filename*=UTF-8''..%2F..%2Fevil.npz", "evil.npz"),
        # Without a usable server name, a model is named after its id.
        ('attachment; filename=".."', "m1"),
        ('attachment; filename="."', "m1"),
        ("attachment", "m1"),
    ],
)
def test_server_name_cannot_escape_the_folder(
    disposition: str, expected: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    server.on(
        "GET", MODEL, respond(200, content=b"m", headers={"Content-Disposition": disposition})
    )
    result = client.download_model("m1", folder)
    written = Path(result["path"])
    assert written.parent == folder
    assert written.name == expected
    assert written.read_bytes() == b"m"
    # Nothing was written anywhere else.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "a",
        "a/b",
        f"a/b/{expected}",
    ]


def test_progress_callback(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    block = 64 * 1024
    body = b"z" * (2 * block + 5)
    server.on("GET", MODEL, streamed([body], length=len(body)))
    seen: list[tuple[int, int | None]] = []
    client.download_model("m1", tmp_path / "m.bin", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(block, len(body)), (2 * block, len(body)), (len(body), len(body))]


def test_progress_without_content_length(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", PACKAGE, streamed([b"a" * 10, b"b" * 20]))
    seen: list[tuple[int, int | None]] = []
    client.download_package(tmp_path / "p.tgz", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(30, None)]
    assert (tmp_path / "p.tgz").read_bytes() == b"a" * 10 + b"b" * 20


def test_compressed_body_is_not_mistaken_for_truncation(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    packed = gzip.compress(DATA)
    server.on(
        "GET",
        MODEL,
        respond(
            200,
            content=packed,
            headers={"Content-Encoding": "gzip", "Content-Length": str(len(packed))},
        ),
    )
    result = client.download_model("m1", tmp_path / "m.npz")
    assert (tmp_path / "m.npz").read_bytes() == DATA
    assert result["size"] == len(DATA)


def test_failing_progress_callback_leaves_no_temp_file(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", MODEL, respond(200, content=DATA))

    def explode(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        client.download_model("m1", tmp_path / "m.npz", progress=explode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_not_found_writes_nothing(
    existing: bool, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    target = tmp_path / "model.npz"
    if existing:
        target.write_bytes(b"keep me")
    server.on("GET", MODEL, {"message": "Entity with id: m1 not found"}, status=404)
    with pytest.raises(NotFoundError, match="Entity with id: m1 not found"):
        client.download_model("m1", target)
    assert leftovers(tmp_path) == (["model.npz"] if existing else [])
    if existing:
        assert target.read_bytes() == b"keep me"


def test_proxy_error_page_writes_nothing(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", PACKAGE, html_502())
    with pytest.raises(InternalServerError, match="502 Bad Gateway"):
        client.download_package(tmp_path / "p.tgz")
    assert leftovers(tmp_path) == []


def test_unreachable_server_writes_nothing(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    server.on("GET", PACKAGE, refuse)
    with pytest.raises(APIConnectionError):
        client.download_package(tmp_path / "p.tgz")
    assert leftovers(tmp_path) == []


def test_missing_folder_is_refused_before_any_request(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="path"):
        client.download_model("m1", tmp_path / "no" / "such" / "m.bin")
    assert server.requests == []
