"""The chunked upload protocol: init, chunks in order, complete (abort on failure).

The file is read one chunk at a time, so memory stays flat whatever its size. Each request goes
through the HTTP core, so a long upload refreshes its access token like any other call.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ._base_client import HTTPCore
from ._exceptions import (
    APIConnectionError,
    InternalServerError,
    PayloadTooLargeError,
    RateLimitError,
    ScaleoutError,
    UploadError,
)
from ._operations import binary_body, body, build_request, decode_json

logger = logging.getLogger("scaleout")

#: The first chunk size tried; proxies commonly cap bodies at 1 MiB.
DEFAULT_CHUNK_SIZE = 900 * 1024
#: Below this the protocol overhead dominates; a proxy stricter than this is misconfigured.
MIN_CHUNK_SIZE = 256 * 1024

ProgressCallback = Callable[[int, int], None]


@attrs.frozen
class UploadResult:
    file_token: str
    size: int
    sha256: str
    chunk_size: int


def chunk_sizes(start: int, floor: int) -> list[int]:
    """The sizes to try after 413s: halving from ``start``, ending exactly at ``floor``."""
    if floor < 1 or start < floor:
        raise ValueError(f"chunk_size must be >= {floor}, got {start}")
    sizes = [start]
    while sizes[-1] > floor:
        sizes.append(max(sizes[-1] // 2, floor))
    return sizes


def upload_file(
    core: HTTPCore,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    min_chunk_size: int = MIN_CHUNK_SIZE,
    chunk_retries: int = 2,
    request_options: dict[str, Any] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> UploadResult:
    """Upload ``path`` and return the file token that ``POST /models/`` or ``/packages/`` take."""
    options = request_options or {}
    too_large: PayloadTooLargeError | None = None
    for size in chunk_sizes(chunk_size, min_chunk_size):
        if too_large is not None:
            logger.warning(
                "upload of %s: chunk rejected as too large (413); retrying with %d-byte chunks",
                path.name,
                size,
            )
        try:
            return _upload_once(core, path, size, progress, chunk_retries, options, sleep)
        except PayloadTooLargeError as exc:
            too_large = exc
    raise UploadError(
        f"upload of {path.name} failed: the server or a proxy rejects every chunk size "
        f"down to {min_chunk_size} bytes (413)"
    ) from too_large


def _upload_once(
    core: HTTPCore,
    path: Path,
    chunk_size: int,
    progress: ProgressCallback | None,
    chunk_retries: int,
    options: dict[str, Any],
    sleep: Callable[[float], None],
) -> UploadResult:
    file_size = path.stat().st_size
    init = body(
        "UploadInitRequest",
        {"file_name": path.name, "file_size": file_size, "chunk_size": chunk_size},
    )
    started = decode_json(
        core.request(**build_request("uploads.init_upload", body=init), **options)
    )
    upload_id = started.get("upload_id") if isinstance(started, dict) else None
    if not isinstance(upload_id, str) or not upload_id:
        raise UploadError(f"upload of {path.name}: the server answered init without an upload_id")
    try:
        digest = hashlib.sha256()
        sent = 0
        with path.open("rb") as stream:
            index = 0
            while chunk := stream.read(chunk_size):
                if sent + len(chunk) > file_size:
                    # Growing past the announced size: stop now rather than upload a file that
                    # is still being written (possibly forever).
                    sent += len(chunk)
                    break
                digest.update(chunk)
                _send_chunk(core, upload_id, index, chunk, chunk_retries, options, sleep)
                sent += len(chunk)
                index += 1
                if progress is not None:
                    progress(sent, file_size)
        if sent != file_size:
            raise UploadError(
                f"upload of {path.name}: the file changed while it was uploaded "
                f"({file_size} bytes expected, {sent} read)"
            )
        sha256 = digest.hexdigest()
        completion = body("UploadCompleteRequest", {"sha256": sha256})
        finished = decode_json(
            core.request(
                **build_request("uploads.complete_upload", upload_id=upload_id, body=completion),
                **options,
            )
        )
        token = finished.get("file_token") if isinstance(finished, dict) else None
        if not isinstance(token, str) or not token:
            raise UploadError(f"upload of {path.name}: completed without a file_token")
        return UploadResult(file_token=token, size=file_size, sha256=sha256, chunk_size=chunk_size)
    except BaseException:
        _abort(core, upload_id, path.name, options)
        raise


# A chunk is resent only after failures that leave its fate unknown or are transient; the
# protocol makes a resent index idempotent on the server.
_RETRYABLE_CHUNK_ERRORS = (APIConnectionError, InternalServerError, RateLimitError)


def _send_chunk(
    core: HTTPCore,
    upload_id: str,
    index: int,
    chunk: bytes,
    retries: int,
    options: dict[str, Any],
    sleep: Callable[[float], None],
) -> None:
    request = build_request(
        "uploads.upload_chunk",
        upload_id=upload_id,
        # bytes rather than a stream: httpx then sends a Content-Length and can resend it.
        body=binary_body(chunk),
        x_chunk_index=index,
    )
    for attempt in range(retries + 1):
        try:
            core.request(**request, **options)
            return
        except _RETRYABLE_CHUNK_ERRORS as exc:
            if attempt == retries:
                raise
            delay = min(0.5 * 2**attempt, 4.0)
            logger.debug(
                "upload chunk %d failed (%s); resending in %.1fs (attempt %d/%d)",
                index,
                type(exc).__name__,
                delay,
                attempt + 1,
                retries,
            )
            sleep(delay)


def _abort(core: HTTPCore, upload_id: str, name: str, options: dict[str, Any]) -> None:
    """Best effort: a failed abort must never hide the error that caused it."""
    try:
        core.request(**build_request("uploads.abort_upload", upload_id=upload_id), **options)
    except ScaleoutError as exc:
        logger.warning("upload of %s: could not abort the failed upload (%s)", name, exc)
