"""Streaming downloads that never leave a partial file behind.

Written once as steps, for both clients. The body is streamed into a temporary file beside the
target (written off the event loop in the async client) and renamed into place only when every
byte the server announced has arrived, so a dropped connection, a full disk or a cancelled task
leaves the target untouched (or absent), and memory stays flat whatever the file size. A body
that breaks off or ends short is fetched again from its start while the call's retries last,
then raises :class:`DownloadError`.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import unquote

import attrs
import httpx

from ._exceptions import (
    APIResponseValidationError,
    DownloadError,
    InvalidArgumentError,
    content_length,
    redact,
    safe_url,
)
from ._steps import Chunks, Close, Read, Steps, blocking

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest

    from ._base_client import Caller

ProgressCallback = Callable[[int, int | None], None]

logger = logging.getLogger("scaleout.http")

_CHUNK = 64 * 1024
#: How much of an HTML page answering a download an error keeps.
_PAGE_SHOWN = 2000
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?["']?([^"';]+)""", re.IGNORECASE)


@attrs.frozen
class DownloadResult:
    path: Path
    size: int


def download_to(
    caller: Caller,
    request: OperationRequest[bytes],
    target: Path,
    *,
    progress: ProgressCallback | None = None,
    default_name: str = "download",
) -> Steps[DownloadResult]:
    """Stream the answer to ``request`` into ``target`` (a file, or a folder to put it in,
    named by the server's attachment name or else ``default_name``).

    A body that breaks off is fetched again from its start, as often as the call's
    ``max_retries`` allows (a download is a GET: asking again changes nothing).
    """
    response = yield from _open(caller, request)
    try:
        destination = yield from blocking(_destination, target, response, default_name)
        make_temporary = functools.partial(
            tempfile.mkstemp, dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
        )
        handle, temporary = yield from blocking(make_temporary)
        try:
            out = yield from blocking(_open_for_writing, handle)
            try:
                report = _Progress(progress)
                retries_left = caller.max_retries
                while True:
                    try:
                        received = yield from _receive(caller, response, out, destination, report)
                        break
                    except DownloadError as exc:
                        if retries_left <= 0:
                            raise
                        retries_left -= 1
                        logger.info("%s; fetching it again", exc)
                    yield Close(response)
                    response = yield from _open(caller, request)
                    yield from blocking(_rewind, out)
                yield from blocking(_flush, out)
            finally:
                yield from blocking(out.close)
            # mkstemp creates 0600; give the file the mode an ordinary write would have.
            yield from blocking(_publish, temporary, destination)
        except BaseException:
            yield from blocking(Path(temporary).unlink, True)
            raise
    finally:
        yield Close(response)
    return DownloadResult(path=destination, size=received)


def _open(caller: Caller, request: OperationRequest[bytes]) -> Steps[httpx.Response]:
    """The answer to a download's request, with its body unread; an HTML page (a proxy's or
    a portal's sign-in page answering in the server's place) is refused, not saved as the
    file."""
    response = yield from caller.open(request)
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "text/html":
        return response
    try:
        yield Read(response)
        page = redact(response.text[:_PAGE_SHOWN], caller.core._secrets(response.request))
    finally:
        yield Close(response)
    raise APIResponseValidationError(
        "the server answered a download with an HTML page instead of the file",
        status_code=response.status_code,
        method=response.request.method,
        url=safe_url(response.request.url),
        body=page,
    )


class _Progress:
    """The user's progress callback, told only of bytes beyond those it already saw (a
    download fetched again starts from 0)."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback
        self._shown = 0

    def __call__(self, received: int, expected: int | None) -> None:
        if self._callback is not None and received > self._shown:
            self._shown = received
            self._callback(received, expected)


def _receive(
    caller: Caller,
    response: httpx.Response,
    out: IO[bytes],
    destination: Path,
    progress: _Progress,
) -> Steps[int]:
    """Write the body of ``response`` to ``out``: the number of bytes, all that were
    announced, or :class:`DownloadError`."""
    expected = content_length(response)
    received = 0
    chunks = yield Chunks(response, _CHUNK)
    while True:
        try:
            chunk = yield from caller.body_chunk(response, chunks)
        except DownloadError as exc:
            # The core counts what arrived; `received` only what was decoded and written.
            arrived = max(received, exc.received)
            raise _broken(response, destination, arrived, expected, str(exc)) from exc
        if not chunk:
            if expected is not None and received != expected:
                raise _broken(response, destination, received, expected, "truncated")
            return received
        yield from blocking(out.write, chunk)
        received += len(chunk)
        progress(received, expected)


def _rewind(out: IO[bytes]) -> None:
    out.seek(0)
    out.truncate()


def _open_for_writing(handle: int) -> IO[bytes]:
    return os.fdopen(handle, "wb")


def _flush(out: IO[bytes]) -> None:
    out.flush()
    os.fsync(out.fileno())


def _publish(temporary: str, destination: Path) -> None:
    os.chmod(temporary, _mode_for(destination))
    os.replace(temporary, destination)


def _broken(
    response: httpx.Response, destination: Path, received: int, expected: int | None, why: str
) -> DownloadError:
    request = response.request
    of = f" of {expected}" if expected is not None else ""
    return DownloadError(
        method=request.method,
        url=safe_url(request.url),
        received=received,
        expected=expected,
        message=f"download to {destination.name} failed after {received}{of} bytes: {why}",
    )


def _destination(target: Path, response: httpx.Response, default: str) -> Path:
    """The file to write: ``target``, or in a folder the server's name for the file, unless
    that name is unusable or names a folder there (then ``default``)."""
    if not target.is_dir():
        return target
    for name in (_server_file_name(response), _bare(default), "download"):
        if name and not (target / name).is_dir():
            return target / name
    raise InvalidArgumentError(f"path: {str(target)!r} holds folders named like the download")


def _server_file_name(response: httpx.Response) -> str:
    """The attachment's name, reduced to a bare file name so it cannot escape the folder."""
    match = _FILENAME.search(response.headers.get("content-disposition", ""))
    return _bare(unquote(match.group(1).strip())) if match else ""


def _bare(name: str) -> str:
    """``name`` as a plain file name: no folders, no control characters (NUL among them)."""
    name = os.path.basename(name.replace("\\", "/"))
    name = "".join(char for char in name if char.isprintable())
    return "" if name.strip() in ("", ".", "..") else name


def _mode_for(destination: Path) -> int:
    try:
        return destination.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644
