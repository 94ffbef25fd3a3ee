"""File uploads: the chunked protocol, and the multipart form for controllers without it.

The chunked upload protocol: init, chunks in order, complete (abort on failure). Written once
as steps, for both clients. The file is read one chunk at a time (off the event
loop in the async client), so memory stays flat whatever its size. Every request is an
ordinary call of the client's :class:`Caller`, so a long upload refreshes its access token,
obeys the per-call options and is retried by the one retry policy of the transport: a chunk is
marked idempotent (resending an index replaces it), so it is attempted at most
``max_retries + 1`` times. The only retrying done here is protocol logic: after a 413 the
upload starts over with chunks half the size. A failure or a cancellation (of the async task)
aborts the upload on the server before it propagates.

A controller without the chunked routes (FEDn 0.33: its ``file-upload/init`` answers 404 or
405) takes the file itself as ``multipart/form-data`` at ``POST /models/`` and
``/packages/``. :func:`upload_then` decides which once per client (the first upload tries
the chunked protocol; a 404 or 405 to its start switches the client to the form for good) and
logs the decision at DEBUG. The form's body (:class:`MultipartFile`) reads the file as it is
sent, so memory stays flat here too; it is one POST, which is never sent again once it may
have arrived, and it has no total time limit, only the phase timeouts (like a chunked upload,
whose requests are each short).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Protocol, TypeVar

import attrs
import httpx

from . import _extensions
from ._exceptions import (
    APIStatusError,
    NotFoundError,
    PayloadTooLargeError,
    ScaleoutError,
    UnsupportedOperationError,
    UploadError,
)
from ._steps import Steps, blocking

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest
    from scaleout_api.types import File

    from ._base_client import Caller

logger = logging.getLogger("scaleout")

#: The first chunk size tried; proxies commonly cap bodies at 1 MiB.
DEFAULT_CHUNK_SIZE = 900 * 1024
#: Below this the protocol overhead dominates; a proxy stricter than this is misconfigured.
MIN_CHUNK_SIZE = 256 * 1024

ProgressCallback = Callable[[int, int], None]

#: The two ways a controller takes a file (``_Core.upload_form`` remembers which one it does).
CHUNKED: Final = "chunked"
MULTIPART: Final = "multipart"
#: How much of the file the multipart body reads at a time.
MULTIPART_READ_SIZE: Final = 256 * 1024

T = TypeVar("T")


class ChunkedUploadUnavailable(ScaleoutError):
    """The controller has no chunked-upload routes (its ``init`` answered 404 or 405).

    Internal: :func:`upload_then` answers it with the multipart form; it never reaches a user.
    """

    def __init__(self, cause: APIStatusError) -> None:
        self.cause = cause
        super().__init__(str(cause))


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
    except (NotFoundError, UnsupportedOperationError) as exc:
        # No such route (FEDn 0.33 answers an HTML 404; a 405 is an UnsupportedOperationError
        # too): nothing was created, and the multipart form may do.
        raise ChunkedUploadUnavailable(exc) from exc
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


# --- the multipart form ---------------------------------------------------------------------


def upload_then(
    caller: Caller,
    path: Path,
    *,
    progress: ProgressCallback | None,
    chunked: Callable[[UploadResult], Steps[T]],
    multipart: Callable[[], Steps[T]],
) -> Steps[T]:
    """Upload ``path`` the way this client's controller takes files, and register it.

    ``chunked`` registers a finished chunked upload (its file token); ``multipart`` sends the
    file as the form instead. The first upload of a client finds out which way works; later
    ones go that way at once.
    """
    core = caller.core
    if core.upload_form != MULTIPART:
        try:
            upload = yield from upload_file(caller.call, path, progress=progress)
        except ChunkedUploadUnavailable as unavailable:
            core.upload_form = MULTIPART
            logger.debug(
                "the controller at %s has no chunked upload (%s %s answered %d): "
                "uploading files as multipart/form-data",
                core.base_url.url,
                unavailable.cause.method,
                httpx.URL(unavailable.cause.url).path,
                unavailable.cause.status_code,
            )
        else:
            core.upload_form = CHUNKED
            return (yield from chunked(upload))
    return (yield from multipart())


def placeholder_file(path: Path) -> File:
    """The file part of a generated multipart form for ``path``: :func:`send_multipart`
    replaces its empty payload with the file itself, streamed."""
    from scaleout_api.types import File

    return File(payload=io.BytesIO(b""), file_name=path.name)


def send_multipart(
    caller: Caller,
    request: OperationRequest[T],
    path: Path,
    *,
    progress: ProgressCallback | None,
) -> Steps[T]:
    """Send ``request`` (a generated ``build_request`` with a multipart form, whose file part
    is a placeholder) with ``path`` streamed as its file part, and return its answer."""
    size = (yield from blocking(path.stat)).st_size
    streamed = _with_streamed_file(request, path, size, progress)
    try:
        return (yield from caller.call(streamed, extensions={_extensions.UNBOUNDED: True}))
    except PayloadTooLargeError as exc:
        raise UploadError(
            f"upload of {path.name}: the server or a proxy refuses a file of {size} bytes "
            f"({exc.message})"
        ) from exc


def _with_streamed_file(
    request: OperationRequest[T], path: Path, size: int, progress: ProgressCallback | None
) -> OperationRequest[T]:
    from scaleout_api.operation import OperationRequest

    fields: list[tuple[str, str]] = []
    file_field: str | None = None
    for name, (file_name, value, _content_type) in request.kwargs["files"]:
        if file_name is None:
            fields.append((name, value.decode() if isinstance(value, bytes) else str(value)))
        else:
            file_field = name
    if file_field is None:  # the spec's form has a binary part; this is a bug if reached
        raise TypeError(f"{request.name}: the form has no file part")
    body = MultipartFile(fields, field=file_field, path=path, size=size, progress=progress)
    kwargs = {key: value for key, value in request.kwargs.items() if key != "files"}
    kwargs["stream"] = body
    return OperationRequest(request.name, kwargs, request.expect, request.result)


def _quoted(value: str) -> str:
    """A form parameter value quoted as browsers and httpx do (the HTML form encoding):
    ``"`` and control characters percent-escaped, a backslash doubled."""
    return _FORM_QUOTING.sub(lambda match: _FORM_ESCAPES.get(match[0], match[0]), value)


_FORM_ESCAPES: Final = {
    '"': "%22",
    "\\": "\\\\",
    **{chr(code): f"%{code:02X}" for code in range(0x20) if code != 0x1B},
}
_FORM_QUOTING: Final = re.compile("|".join(re.escape(char) for char in _FORM_ESCAPES))


class MultipartFile(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A ``multipart/form-data`` body of text ``fields`` and one file part ``field``, whose
    bytes are read from ``path`` as they are sent (off the event loop in the async client).

    Its length is known up front (``headers`` has Content-Length and the random boundary), so
    a file that grows or shrinks while it is sent raises :class:`UploadError`. ``progress`` is
    called as ``progress(bytes_sent, size)`` after each piece, never going backwards (a body
    sent again after a refused connection starts over). Every iteration reads the file anew.
    """

    def __init__(
        self,
        fields: Sequence[tuple[str, str]],
        *,
        field: str,
        path: Path,
        size: int,
        progress: ProgressCallback | None = None,
        read_size: int = MULTIPART_READ_SIZE,
    ) -> None:
        boundary = os.urandom(16).hex()  # what secrets.token_hex does, without its import
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"'
            f"\r\n\r\n{value}\r\n".encode()
            for name, value in fields
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(field)}"; '
            f'filename="{_quoted(path.name)}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        self._head = b"".join(parts)
        self._tail = f"\r\n--{boundary}--\r\n".encode()
        self._path = path
        self._size = size
        self._progress = progress
        self._read_size = read_size
        self._reported = 0
        self.headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(len(self._head) + size + len(self._tail)),
        }

    def _checked(self, chunk: bytes, sent: int) -> int:
        sent += len(chunk)
        if sent > self._size:
            raise UploadError(
                f"upload of {self._path.name}: the file grew while it was sent "
                f"({self._size} bytes expected)"
            )
        if self._progress is not None and sent > self._reported:
            self._reported = sent
            self._progress(sent, self._size)
        return sent

    def _done(self, sent: int) -> None:
        if sent != self._size:
            raise UploadError(
                f"upload of {self._path.name}: the file changed while it was sent "
                f"({self._size} bytes expected, {sent} read)"
            )

    def __iter__(self) -> Iterator[bytes]:
        yield self._head
        sent = 0
        with self._path.open("rb") as stream:
            while chunk := stream.read(self._read_size):
                sent = self._checked(chunk, sent)
                yield chunk
        self._done(sent)
        yield self._tail

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import asyncio  # only async clients get here; `import scaleout` stays free of asyncio

        yield self._head
        sent = 0
        stream = await asyncio.to_thread(self._path.open, "rb")
        try:
            while chunk := await asyncio.to_thread(stream.read, self._read_size):
                sent = self._checked(chunk, sent)
                yield chunk
        finally:
            await asyncio.to_thread(stream.close)
        self._done(sent)
        yield self._tail
