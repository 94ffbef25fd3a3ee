"""Streaming downloads that never leave a partial file behind.

The body is streamed into a temporary file beside the target and renamed into place only when
every byte the server announced has arrived, so a dropped connection or a full disk leaves the
target untouched (or absent) and memory stays flat whatever the file size.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import httpx

from ._base_client import HTTPCore
from ._exceptions import DownloadError

ProgressCallback = Callable[[int, int | None], None]

_CHUNK = 64 * 1024
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?["']?([^"';]+)""", re.IGNORECASE)


@attrs.frozen
class DownloadResult:
    path: Path
    size: int


def download_to(
    core: HTTPCore,
    request: dict[str, Any],
    target: Path,
    *,
    progress: ProgressCallback | None = None,
    request_options: dict[str, Any] | None = None,
    default_name: str = "download",
) -> DownloadResult:
    """Stream the response of ``request`` into ``target`` (a file, or a folder to put it in,
    named by the server's attachment name or else ``default_name``)."""
    with core.stream(**request, **(request_options or {})) as response:
        destination = (
            target / _server_file_name(response, default_name) if target.is_dir() else target
        )
        expected = _content_length(response)
        handle, temporary = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
        )
        try:
            received = 0
            with os.fdopen(handle, "wb") as out:
                try:
                    for chunk in response.iter_bytes(_CHUNK):
                        out.write(chunk)
                        received += len(chunk)
                        if progress is not None:
                            progress(received, expected)
                except httpx.TransportError as exc:
                    raise DownloadError(
                        f"download to {destination.name} was interrupted after {received} bytes"
                        + (f" of {expected}" if expected is not None else "")
                        + f": {type(exc).__name__}"
                    ) from exc
                if expected is not None and received != expected:
                    raise DownloadError(
                        f"download to {destination.name} is truncated: "
                        f"{received} of {expected} bytes arrived"
                    )
                out.flush()
                os.fsync(out.fileno())
            # mkstemp creates 0600; give the file the mode an ordinary write would have.
            os.chmod(temporary, _mode_for(destination))
            os.replace(temporary, destination)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return DownloadResult(path=destination, size=received)


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        # A compressed body's length says nothing about the decoded bytes we count.
        return None
    try:
        return int(value)
    except ValueError:
        return None


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
