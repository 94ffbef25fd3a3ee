"""The chunked upload protocol (§5): init, ordered chunks, complete (or abort); and files
that arrive whole, as the multipart form of ``POST /models/`` and ``/packages/``.

Chunks are appended to a part file in the data dir while a running SHA-256 is kept, so
``complete`` never re-reads the file. A completed upload becomes a ``file_token`` that
``POST /models/`` or ``POST /packages/`` consumes exactly once. Resending the last chunk or
repeating ``complete`` gets the same answer again, so clients may retry after a lost answer.
Uploads in progress live in memory only: a restart drops them (their part files are removed at
the next start).
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import threading
import unicodedata
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .errors import ApiError

__all__ = [
    "DEFAULT_MAX_CHUNK_SIZE",
    "DEFAULT_MAX_FILE_SIZE",
    "CompletedFile",
    "UploadManager",
    "file_name_problem",
]

DEFAULT_MAX_CHUNK_SIZE = 1024 * 1024
DEFAULT_MAX_FILE_SIZE = 2 * 1024**3
_REMEMBERED_FINISHED = 1000
#: The longest file name most file systems hold, in UTF-8 bytes.
_MAX_FILE_NAME_BYTES = 255
#: Characters that reorder the text around them: "x\u202egpj.exe" shows as "xexe.jpg".
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def file_name_problem(name: str) -> str | None:
    """Why ``name`` is not a plain file name, or None if it is one.

    Files are stored here under generated names, but the name a client gives is handed back
    (in lists and as the download's attachment name), and clients may write files by it: a
    name that is a path, hides characters or is longer than a file system allows is refused.
    """
    if name in ("", ".", ".."):
        return f"{name!r} is not a file name"
    if "/" in name or "\\" in name:
        return "a file name must not contain a path separator"
    if any(unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI_CONTROLS for c in name):
        return "a file name must not contain control characters"
    if len(name.encode("utf-8")) > _MAX_FILE_NAME_BYTES:
        return f"a file name must not be longer than {_MAX_FILE_NAME_BYTES} bytes"
    return None


_COPY_BLOCK = 1024 * 1024


@dataclass
class _Upload:
    upload_id: str
    file_name: str
    file_size: int
    chunk_size: int
    total_chunks: int
    path: Path
    next_index: int = 0
    received: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    last_chunk_sha256: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False


@dataclass(frozen=True)
class CompletedFile:
    file_token: str
    path: Path
    file_name: str
    file_size: int
    sha256: str


class UploadManager:
    def __init__(self, directory: Path, *, max_chunk_size: int, max_file_size: int) -> None:
        if max_chunk_size < 1:
            raise ValueError("max_chunk_size must be at least 1 byte")
        self.directory = directory
        self.max_chunk_size = max_chunk_size
        self.max_file_size = max_file_size
        self._lock = threading.Lock()
        self._uploads: dict[str, _Upload] = {}
        self._completed: dict[str, CompletedFile] = {}
        # Answers of finished uploads, so a client retrying ``complete`` gets the same token.
        self._finished: OrderedDict[str, dict[str, Any]] = OrderedDict()
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True, exist_ok=True)

    def init(self, file_name: str, file_size: int, chunk_size: int) -> dict[str, Any]:
        problem = file_name_problem(file_name)
        if problem is not None:
            raise ApiError(400, f"Invalid file_name: {problem}")
        if chunk_size > self.max_chunk_size:
            raise ApiError(
                413, f"Chunk size {chunk_size} exceeds the maximum of {self.max_chunk_size} bytes"
            )
        if file_size > self.max_file_size:
            raise ApiError(
                413, f"File size {file_size} exceeds the maximum of {self.max_file_size} bytes"
            )
        upload_id = uuid.uuid4().hex
        path = self.directory / f"{upload_id}.part"
        path.touch()
        upload = _Upload(
            upload_id=upload_id,
            file_name=file_name,
            file_size=file_size,
            chunk_size=chunk_size,
            total_chunks=math.ceil(file_size / chunk_size),
            path=path,
        )
        with self._lock:
            self._uploads[upload_id] = upload
        return {
            "upload_id": upload_id,
            "chunk_size": chunk_size,
            "total_chunks": upload.total_chunks,
        }

    def _get(self, upload_id: str) -> _Upload:
        with self._lock:
            upload = self._uploads.get(upload_id)
        if upload is None:
            raise ApiError(404, f"Upload {upload_id} not found")
        return upload

    def add_chunk(self, upload_id: str, index: int, data: bytes) -> dict[str, Any]:
        upload = self._get(upload_id)
        if len(data) > self.max_chunk_size:
            raise ApiError(413, f"Chunk larger than {self.max_chunk_size} bytes")
        with upload.lock:
            if upload.closed:
                raise ApiError(404, f"Upload {upload_id} not found")
            if index == upload.next_index - 1 and upload.last_chunk_sha256 is not None:
                # A client retrying a chunk whose answer it lost: same bytes, same answer.
                if hashlib.sha256(data).hexdigest() == upload.last_chunk_sha256:
                    return {
                        "upload_id": upload_id,
                        "chunk_index": index,
                        "received_bytes": upload.received,
                    }
            if index != upload.next_index:
                raise ApiError(400, f"Expected chunk index {upload.next_index}, got {index}")
            if index >= upload.total_chunks:
                raise ApiError(400, f"All {upload.total_chunks} chunks were already received")
            remaining = upload.file_size - upload.received
            expected = upload.chunk_size if index < upload.total_chunks - 1 else remaining
            if len(data) != expected:
                raise ApiError(
                    400, f"Chunk {index} has {len(data)} bytes, expected {expected} bytes"
                )
            with open(upload.path, "ab") as handle:
                handle.write(data)
            upload.digest.update(data)
            upload.last_chunk_sha256 = hashlib.sha256(data).hexdigest()
            upload.received += len(data)
            upload.next_index += 1
            return {"upload_id": upload_id, "chunk_index": index, "received_bytes": upload.received}

    def complete(self, upload_id: str, sha256: str | None) -> dict[str, Any]:
        with self._lock:
            finished = self._finished.get(upload_id)
        if finished is not None:
            if sha256 is not None and sha256.lower() != finished["sha256"]:
                raise ApiError(
                    400, f"SHA-256 mismatch: expected {sha256}, got {finished['sha256']}"
                )
            return dict(finished)
        upload = self._get(upload_id)
        with upload.lock:
            if upload.closed:
                raise ApiError(404, f"Upload {upload_id} not found")
            if upload.received != upload.file_size:
                raise ApiError(
                    400,
                    f"Upload incomplete: received {upload.received} of {upload.file_size} bytes",
                )
            actual = upload.digest.hexdigest()
            if sha256 is not None and sha256.lower() != actual:
                self._discard(upload)
                raise ApiError(
                    400, f"SHA-256 mismatch: expected {sha256}, got {actual}; upload discarded"
                )
            upload.closed = True
            token = uuid.uuid4().hex
            final = self.directory / f"{token}.file"
            os.replace(upload.path, final)
            done = CompletedFile(token, final, upload.file_name, upload.file_size, actual)
            answer = {
                "file_token": token,
                "file_name": done.file_name,
                "file_size": done.file_size,
                "sha256": actual,
            }
            with self._lock:
                self._uploads.pop(upload_id, None)
                self._completed[token] = done
                self._finished[upload_id] = answer
                while len(self._finished) > _REMEMBERED_FINISHED:
                    self._finished.popitem(last=False)
        return dict(answer)

    def abort(self, upload_id: str) -> None:
        upload = self._get(upload_id)
        with upload.lock:
            if upload.closed:
                raise ApiError(404, f"Upload {upload_id} not found")
            self._discard(upload)

    def _discard(self, upload: _Upload) -> None:
        upload.closed = True
        with self._lock:
            self._uploads.pop(upload.upload_id, None)
        upload.path.unlink(missing_ok=True)

    def take(self, file_token: str) -> CompletedFile:
        """Hand over a completed file once; its path then belongs to the caller."""
        with self._lock:
            done = self._completed.pop(file_token, None)
        if done is None:
            raise ApiError(404, f"File token {file_token} not found")
        return done

    def receive(self, source: BinaryIO, file_name: str) -> CompletedFile:
        """Store a file that arrived whole (the multipart form of ``POST /models/`` and
        ``/packages/``) like a completed upload, already taken: its path belongs to the
        caller. Copied a block at a time; larger than the file size limit: 413."""
        token = uuid.uuid4().hex
        part = self.directory / f"{token}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with open(part, "wb") as handle:
                while block := source.read(_COPY_BLOCK):
                    size += len(block)
                    if size > self.max_file_size:
                        raise ApiError(
                            413, f"File larger than the maximum of {self.max_file_size} bytes"
                        )
                    digest.update(block)
                    handle.write(block)
            final = self.directory / f"{token}.file"
            os.replace(part, final)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return CompletedFile(token, final, file_name, size, digest.hexdigest())

    def give_back(self, done: CompletedFile) -> None:
        """Return a taken file whose use failed, so the token stays valid."""
        with self._lock:
            self._completed[done.file_token] = done

    def pending(self) -> int:
        with self._lock:
            return len(self._uploads)
