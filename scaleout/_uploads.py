"""The chunked upload protocol: init, chunks in order, complete (abort on failure).

Written once as steps, for both clients. The file is read one chunk at a time (off the event
loop in the async client), so memory stays flat whatever its size. Every request is an
ordinary call of the client's :class:`Caller`, so a long upload refreshes its access token,
obeys the per-call options and is retried by the one retry policy of the transport: a chunk is
marked idempotent (resending an index replaces it), so it is attempted at most
``max_retries + 1`` times. The only retrying done here is protocol logic: after a 413 the
upload starts over with chunks half the size. A failure or a cancellation (of the async task)
aborts the upload on the server before it propagates.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, TypeVar

import attrs

from ._exceptions import (
    PayloadTooLargeError,
    ScaleoutError,
    UploadError,
)
from ._steps import Steps, blocking

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest

logger = logging.getLogger("scaleout")

#: The first chunk size tried; proxies commonly cap bodies at 1 MiB.
DEFAULT_CHUNK_SIZE = 900 * 1024
#: Below this the protocol overhead dominates; a proxy stricter than this is misconfigured.
MIN_CHUNK_SIZE = 256 * 1024

ProgressCallback = Callable[[int, int], None]

T = TypeVar("T")


class Call(Protocol):
    """How the upload sends a request: the client's ``Caller.call``."""

    def __call__(self, request: OperationRequest[T], /, *, idempotent: bool = ...) -> Steps[T]: ...


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
    call: Call,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    min_chunk_size: int = MIN_CHUNK_SIZE,
) -> Steps[UploadResult]:
    """Upload ``path`` and return the file token that ``POST /models/`` or ``/packages/`` take."""
    too_large: PayloadTooLargeError | None = None
    for size in chunk_sizes(chunk_size, min_chunk_size):
        if too_large is not None:
            logger.warning(
                "upload of %s: chunk rejected as too large (413); retrying with %d-byte chunks",
                path.name,
                size,
            )
        try:
            return (yield from _upload_once(call, path, size, progress))
        except PayloadTooLargeError as exc:
            too_large = exc
    raise UploadError(
        f"upload of {path.name} failed: the server or a proxy rejects every chunk size "
        f"down to {min_chunk_size} bytes (413)"
    ) from too_large


def _upload_once(
    call: Call, path: Path, chunk_size: int, progress: ProgressCallback | None
) -> Steps[UploadResult]:
    from scaleout_api.api.uploads import complete_upload, init_upload, upload_chunk
    from scaleout_api.models import UploadCompleteRequest, UploadInitRequest
    from scaleout_api.types import File

    file_size = (yield from blocking(path.stat)).st_size
    init = UploadInitRequest(file_name=path.name, file_size=file_size, chunk_size=chunk_size)
    try:
        upload_id = yield from _field(
            call, init_upload.build_request(body=init), "upload_id", path.name
        )
    except PayloadTooLargeError as exc:
        # A proxy's 413 page (not JSON) or the controller refusing the chunk size announced:
        # smaller chunks may pass. The controller refusing the file itself: nothing will.
        if not isinstance(exc.body, dict) or "chunk" in exc.message.lower():
            raise
        raise UploadError(
            f"upload of {path.name}: the server refuses a file of {file_size} bytes ({exc.message})"
        ) from exc
    try:
        digest = hashlib.sha256()
        sent = 0
        opened = yield from blocking(path.open, "rb")
        stream = yield from blocking(opened.__enter__)
        try:
            index = 0
            while chunk := (yield from blocking(_read_hashed, stream, chunk_size, digest)):
                if sent + len(chunk) > file_size:
                    # Growing past the announced size: stop now rather than upload a file that
                    # is still being written (possibly forever).
                    sent += len(chunk)
                    break
                # bytes rather than a stream: httpx then sends a Content-Length and can resend.
                body = File(payload=chunk)  # type: ignore[arg-type]
                yield from call(
                    upload_chunk.build_request(upload_id, body=body, x_chunk_index=index),
                    idempotent=True,
                )
                sent += len(chunk)
                index += 1
                if progress is not None:
                    progress(sent, file_size)
        finally:
            yield from blocking(opened.__exit__, None, None, None)
        if sent != file_size:
            raise UploadError(
                f"upload of {path.name}: the file changed while it was uploaded "
                f"({file_size} bytes expected, {sent} read)"
            )
        sha256 = digest.hexdigest()
        completion = UploadCompleteRequest(sha256=sha256)
        completing = complete_upload.build_request(upload_id, body=completion)
        token = yield from _field(call, completing, "file_token", path.name)
        return UploadResult(file_token=token, size=file_size, sha256=sha256, chunk_size=chunk_size)
    except BaseException:
        yield from _abort(call, upload_id, path.name)
        raise


def _read_hashed(stream: BinaryIO, size: int, digest: Any) -> bytes:
    """The next chunk of ``stream``, added to ``digest`` (both off the event loop)."""
    chunk = stream.read(size)
    digest.update(chunk)
    return chunk


def _field(call: Call, request: OperationRequest[Any], field: str, name: str) -> Steps[str]:
    """The string ``field`` of a protocol step's answer, which the upload cannot go on without.

    An answer of the wrong shape has already raised :class:`APIResponseValidationError`;
    this refuses an empty value the spec's types let through.
    """
    answer = yield from call(request)
    value = answer.get(field)
    if not isinstance(value, str) or not value:
        raise UploadError(f"upload of {name}: the answer to {request.name} has no usable {field}")
    return value


def _abort(call: Call, upload_id: str, name: str) -> Steps[None]:
    """Best effort: a failed abort must never hide the error that caused it."""
    from scaleout_api.api.uploads import abort_upload

    try:
        yield from call(abort_upload.build_request(upload_id))
    except ScaleoutError as exc:
        logger.warning("upload of %s: could not abort the failed upload (%s)", name, exc)
