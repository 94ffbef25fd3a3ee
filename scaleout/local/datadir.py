"""Exclusive use of a data dir: two controllers on one state would corrupt each other."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

__all__ = ["DataDirLock", "DataDirInUse"]

LOCK_FILE = ".scaleout-local.lock"


class DataDirInUse(RuntimeError):
    pass


class DataDirLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # held until release()
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise DataDirInUse(
                f"{self.path.parent} is used by another running local controller"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            _unlock(handle)
            handle.close()


try:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

except ImportError:  # Windows: no advisory lock; running two controllers is then on the user

    def _lock(handle: IO[str]) -> None:
        return None

    def _unlock(handle: IO[str]) -> None:
        return None
