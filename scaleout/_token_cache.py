"""On-disk cache of access and refresh tokens, one JSON file per controller.

Nothing touches the file system until the first write, so merely building a client never
creates directories in the user's home. Files are private (0600) in a private directory (0700)
and are replaced atomically, so a crash mid-write never leaves a truncated token file behind.
Tokens are stored unencrypted; set ``SCALEOUT_PERSIST_TOKENS=false`` to keep them off disk.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from ._url import BaseURL

__all__ = ["CachedTokens", "TokenCache", "cache_id_for", "default_cache_dir"]

logger = logging.getLogger("scaleout.auth")

_UNSAFE_CHARS: Final = re.compile(r"[^A-Za-z0-9_.-]")
_FALSE_WORDS: Final = frozenset({"false", "0", "no"})


@attrs.frozen
class CachedTokens:
    """Tokens read from the cache. The repr never shows the token values."""

    access_token: str | None = attrs.field(default=None, repr=False)
    refresh_token: str | None = attrs.field(default=None, repr=False)
    expires_at: datetime.datetime | None = None
    updated_at: datetime.datetime | None = None


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$SCALEOUT_TOKEN_CACHE_DIR``, else ``$SCALEOUT_HOME_DIR/.scaleout/tokens``, else ``~``."""
    env = os.environ if env is None else env
    explicit = env.get("SCALEOUT_TOKEN_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    home = env.get("SCALEOUT_HOME_DIR")
    base = Path(home).expanduser() if home else Path.home()
    return base / ".scaleout" / "tokens"


def cache_id_for(base_url: BaseURL) -> str:
    """A file-name-safe id unique per scheme, host, port and path prefix.

    Sanitising alone could map two prefixes onto one name (``/a/b`` and ``/a_b``), so a short
    digest of the exact origin is appended.
    """
    origin = base_url.url
    readable = f"{base_url.scheme}-{base_url.host}-{base_url.port}{base_url.path_prefix}"
    digest = hashlib.sha256(origin.encode()).hexdigest()[:12]
    return f"api-client-{_UNSAFE_CHARS.sub('_', readable)}-{digest}"


class TokenCache:
    """Reads and writes one token file. Thread-safe; never raises on I/O problems."""

    def __init__(
        self,
        cache_id: str,
        *,
        directory: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if env is None else env
        safe_id = _UNSAFE_CHARS.sub("_", cache_id).strip(".") or "default"
        self._dir = (
            Path(directory).expanduser() if directory is not None else default_cache_dir(env)
        )
        self._path = self._dir / f"{safe_id}.json"
        persist = env.get("SCALEOUT_PERSIST_TOKENS", "true").strip().lower()
        self._persist = persist not in _FALSE_WORDS
        self._disabled = False
        self._lock = threading.Lock()

    @classmethod
    def for_base_url(
        cls,
        base_url: BaseURL,
        *,
        directory: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> TokenCache:
        return cls(cache_id_for(base_url), directory=directory, env=env)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def writable(self) -> bool:
        """False when persistence is switched off or the directory proved unusable."""
        return self._persist and not self._disabled

    def load(self) -> CachedTokens | None:
        """The cached tokens, or None when absent, unreadable or malformed."""
        try:
            raw = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            logger.debug("Ignoring unreadable token cache %s (%s)", self._path, type(exc).__name__)
            return None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            return CachedTokens(
                access_token=_optional_str(data.get("access_token")),
                refresh_token=_optional_str(data.get("refresh_token")),
                expires_at=_optional_datetime(data.get("expires_at")),
                updated_at=_optional_datetime(data.get("updated_at")),
            )
        except (ValueError, TypeError) as exc:
            # Only the exception type: its text could quote file contents.
            logger.debug("Ignoring corrupt token cache %s (%s)", self._path, type(exc).__name__)
            return None

    def save(
        self,
        *,
        access_token: str | None,
        refresh_token: str | None,
        expires_at: datetime.datetime | None,
    ) -> bool:
        """Atomically replace the cache file. Returns whether the tokens were written."""
        if not self.writable:
            return False
        payload = json.dumps(
            {
                "access_token": access_token,
                "refresh_token": refresh_token,
                "expires_at": expires_at.isoformat() if expires_at else None,
                "updated_at": datetime.datetime.now(datetime.UTC).isoformat(),
            }
        ).encode("utf-8")
        with self._lock:
            if not self._ensure_dir():
                return False
            try:
                self._write_atomically(payload)
            except OSError as exc:
                logger.warning(
                    "Could not write token cache %s (%s); continuing without it",
                    self._path,
                    type(exc).__name__,
                )
                self._disabled = True
                return False
        return True

    def clear(self) -> None:
        """Delete the cache file, if any."""
        try:
            self._path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            logger.debug("Could not delete token cache %s (%s)", self._path, type(exc).__name__)

    def __repr__(self) -> str:
        return f"TokenCache(path={str(self._path)!r}, writable={self.writable})"

    def _ensure_dir(self) -> bool:
        # Create each missing level as 0700 ourselves rather than with os.makedirs, whose mode
        # is filtered by the umask; directories that already exist (maybe shared, like /tmp)
        # are never chmod-ed.
        missing: list[Path] = []
        current = self._dir
        while not current.exists():
            missing.append(current)
            if current.parent == current:
                break
            current = current.parent
        try:
            for directory in reversed(missing):
                try:
                    os.mkdir(directory, 0o700)
                except FileExistsError:
                    continue  # created concurrently by another process
                os.chmod(directory, 0o700)
            if not self._dir.is_dir():
                raise NotADirectoryError(str(self._dir))
        except OSError as exc:
            logger.warning(
                "Cannot create token cache directory %s (%s); tokens will not be cached",
                self._dir,
                type(exc).__name__,
            )
            self._disabled = True
            return False
        return True

    def _write_atomically(self, payload: bytes) -> None:
        tmp = self._dir / f".{self._path.name}.{os.urandom(8).hex()}.tmp"
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            try:
                # The umask can only remove bits from 0600, but make the mode exact anyway.
                os.fchmod(fd, 0o600)
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self._path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _fsync_dir(self._dir)


def _fsync_dir(directory: Path) -> None:
    # Persist the rename itself; best effort because not every platform allows it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError("token is not a string")
    return value


def _optional_datetime(value: object) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError("timestamp is not a string")
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed
