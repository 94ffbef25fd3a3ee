"""Streaming downloads that never leave a partial file behind.

The body is streamed into a temporary file beside the target and renamed into place only when
every byte the server announced has arrived, so a dropped connection or a full disk leaves the
target untouched (or absent) and memory stays flat whatever the file size. A body that breaks
off or ends short raises :class:`DownloadError`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote

import attrs
import httpx

from ._base_client import content_length, iter_body
from ._exceptions import DownloadError, safe_url

if TYPE_CHECKING:
    from scaleout_api.operation import OperationRequest

ProgressCallback = Callable[[int, int | None], None]

_CHUNK = 64 * 1024
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?["']?([^"';]+)""", re.IGNORECASE)


class Stream(Protocol):
    """How the download sends its request: the client's ``_stream``."""

    def __call__(
        self, request: OperationRequest[bytes], /
    ) -> AbstractContextManager[httpx.Response]: ...


@attrs.frozen
class DownloadResult:
    path: Path
    size: int


def download_to(
    stream: Stream,
    request: OperationRequest[bytes],
    target: Path,
    *,
    progress: ProgressCallback | None = None,
    default_name: str = "download",
) -> DownloadResult:
    """Stream the answer to ``request`` into ``target`` (a file, or a folder to put it in,
    named by the server's attachment name or else ``default_name``)."""
    with stream(request) as response:
        destination = (
            target / _server_file_name(response, default_name) if target.is_dir() else target
        )
        expected = content_length(response)
        handle, temporary = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
        )
        try:
            received = 0
            with os.fdopen(handle, "wb") as out:
                try:
                    for chunk in iter_body(response, _CHUNK):
                        out.write(chunk)
                        received += len(chunk)
                        if progress is not None:
                            progress(received, expected)
                except DownloadError as exc:
                    # The core counts what arrived; `received` only what was decoded and written.
                    arrived = max(received, exc.received)
                    raise _broken(response, destination, arrived, expected, str(exc)) from exc
                if expected is not None and received != expected:
                    raise _broken(response, destination, received, expected, "truncated")
                out.flush()
                os.fsync(out.fileno())
            # mkstemp creates 0600; give the file the mode an ordinary write would have.
            os.chmod(temporary, _mode_for(destination))
            os.replace(temporary, destination)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return DownloadResult(path=destination, size=received)


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


def _server_file_name(response: httpx.Response, default: str) -> str:
    """The attachment's name, reduced to a bare file name so it cannot escape the folder."""
    match = _FILENAME.search(response.headers.get("content-disposition", ""))
    name = os.path.basename(unquote(match.group(1).strip())) if match else ""
    if name in ("", ".", ".."):
        name = os.path.basename(default) or "download"
    return name


def _mode_for(destination: Path) -> int:
    try:
        return destination.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644
