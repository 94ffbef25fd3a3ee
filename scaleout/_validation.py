"""Argument checks that run before any request is sent.

Every check names the offending argument, so a typo fails loudly at the call site instead of as
a confusing server error (or, worse, a request that silently matches the wrong thing). A wrong
type raises :class:`ArgumentTypeError` (a ``TypeError``), a wrong value
:class:`InvalidArgumentError` (a ``ValueError``); both derive from ``ScaleoutError``.
"""

from __future__ import annotations

import math
import os
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ._exceptions import ArgumentTypeError, InvalidArgumentError, MissingFileError
from ._shaping import NULL


def require_str(name: str, value: object, *, allow_none: bool = False) -> str | None:
    """A non-empty, non-blank string (or ``None`` when allowed)."""
    if value is None:
        if allow_none:
            return None
        raise InvalidArgumentError(f"{name} is required")
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise InvalidArgumentError(f"{name} must not be empty")
    return value


#: Path words the server routes before ``/{id}``: an entity with such an id is unreachable
#: by id, and sending it would silently call another operation (e.g. ``/clients/count``).
RESERVED_IDS = frozenset(
    {"count", "list", "config", "active", "download", "checksum", "leaf-nodes", "roots", "start"}
)


def require_value(name: str, value: object) -> str:
    """A required non-empty string sent in a query or body, e.g. an id used as a filter."""
    checked = require_str(name, value)
    assert checked is not None
    return checked


def require_id(name: str, value: object) -> str:
    """An entity id that goes into a path segment. It is escaped later, so any character is
    allowed, but not a word the server routes before ``/{id}``."""
    checked = require_value(name, value)
    if checked in RESERVED_IDS:
        raise InvalidArgumentError(
            f"{name} {checked!r} is a route of the API, not an id the server can look up"
        )
    return checked


def optional_str(name: str, value: object) -> str | None:
    return require_str(name, value, allow_none=True)


def require_int(
    name: str,
    value: object,
    *,
    minimum: int | None = None,
    allow_none: bool = False,
) -> int | None:
    """An int (never a bool, which is an int subclass but almost always a mistake here)."""
    if value is None:
        if allow_none:
            return None
        raise InvalidArgumentError(f"{name} is required")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{name} must be an int, not {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise InvalidArgumentError(f"{name} must be >= {minimum}, got {value}")
    return value


def require_positive_number(name: str, value: object) -> float | int:
    """A finite number above 0 (``nan`` and ``inf`` have no JSON form and mean no time)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentTypeError(f"{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value) or not value > 0:
        raise InvalidArgumentError(f"{name} must be a finite number > 0, got {value}")
    return value


def require_callable(name: str, value: object) -> None:
    """``None`` or something to call (a callback), checked before anything is sent."""
    if value is not None and not callable(value):
        raise ArgumentTypeError(f"{name} must be callable, not {type(value).__name__}")


def optional_id(name: str, value: object) -> str | None:
    """An entity id that goes into a path when given (see :func:`require_id`)."""
    return None if value is None else require_id(name, value)


def require_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ArgumentTypeError(f"{name} must be a bool, not {type(value).__name__}")
    return value


def n_max(value: object) -> int | None:
    """The documented ``n_max``: ``None`` or 0 mean "all", anything else a positive limit."""
    checked = require_int("n_max", value, minimum=0, allow_none=True)
    return checked or None


def require_mapping(name: str, value: object, *, allow_none: bool = False) -> dict[str, Any] | None:
    if value is None:
        if allow_none:
            return None
        raise InvalidArgumentError(f"{name} is required")
    if not isinstance(value, Mapping):
        raise ArgumentTypeError(f"{name} must be a dict, not {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise ArgumentTypeError(f"{name} keys must be str, got {key!r}")
    return dict(value)


def require_str_list(name: str, value: object, *, allow_none: bool = False) -> list[str] | None:
    """A list of non-empty strings. A lone string is refused: it would iterate per character."""
    if value is None:
        if allow_none:
            return None
        raise InvalidArgumentError(f"{name} is required")
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentTypeError(f"{name} must be a list of str, not {type(value).__name__}")
    items = list(value)
    for item in items:
        require_str(f"{name} item", item)
    return items


def require_file(name: str, value: object) -> Path:
    """An existing regular file, as a ``Path``."""
    if not isinstance(value, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"{name} must be a path (str or os.PathLike), not {type(value).__name__}"
        )
    path = _path(name, value)
    if not _probe(name, path, path.is_file):
        raise MissingFileError(f"{name}: no such file: {str(path)!r}")
    if not os.access(path, os.R_OK):
        raise MissingFileError(f"{name}: file is not readable: {str(path)!r}")
    return path


def _path(name: str, value: str | os.PathLike[str]) -> Path:
    text = str(os.fspath(value))
    # Checked before Path(), which turns "" into "." (the current folder).
    if not text.strip():
        raise InvalidArgumentError(f"{name} must not be empty")
    # pathlib's is_file()/is_dir() answer False for such a path rather than fail, so a
    # NUL would only surface later, from whatever opens the file.
    if "\0" in text:
        raise InvalidArgumentError(f"{name}: a path cannot contain a NUL byte: {text!r}")
    return Path(text)


def _probe(name: str, path: Path, question: Callable[[], bool]) -> bool:
    """Ask the file system about ``path``; what it cannot answer is an argument error."""
    try:
        return question()
    except ValueError as exc:  # e.g. an embedded NUL byte
        raise InvalidArgumentError(f"{name}: not a usable path: {str(path)!r} ({exc})") from exc
    except OSError as exc:  # e.g. a folder on the way that may not be read
        reason = exc.strerror or type(exc).__name__
        raise InvalidArgumentError(f"{name}: cannot check {str(path)!r}: {reason}") from exc


def require_writable_target(name: str, value: object) -> Path:
    """A path whose folder exists, so a download can be written next to it."""
    if not isinstance(value, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"{name} must be a path (str or os.PathLike), not {type(value).__name__}"
        )
    path = _path(name, value)
    folder = path if _probe(name, path, path.is_dir) else path.parent
    if not _probe(name, folder, folder.is_dir):
        raise MissingFileError(f"{name}: folder does not exist: {str(folder)!r}")
    if not os.access(folder, os.W_OK):
        raise InvalidArgumentError(f"{name}: folder is not writable: {str(folder)!r}")
    return path


def filter_value(name: str, value: object) -> object:
    """A filter value as the query encoder takes it: ``None`` (match null) becomes ``NULL``.

    The encoder renders booleans ``true``/``false`` and ``NULL`` as the server's ``null``
    literal (``str(True)`` and ``str(None)`` would match nothing).
    """
    if value is None:
        return NULL
    if isinstance(value, (bool, int, float, str)):
        return value
    raise ArgumentTypeError(
        f"filter {name!r} must be a str, int, float, bool or None, not {type(value).__name__}"
    )


def filters(name: str, value: object) -> dict[str, object]:
    mapping = require_mapping(name, value, allow_none=True) or {}
    return {key: filter_value(key, item) for key, item in mapping.items()}


def require_choice(name: str, value: object, choices: object, *, allow_none: bool = False) -> Any:
    """One of the values of ``choices``, a ``Literal`` type of the spec (e.g. ``Aggregator``)."""
    allowed = typing.get_args(choices)
    if value is None and allow_none:
        return None
    require_str(name, value)
    if value not in allowed:
        raise InvalidArgumentError(
            f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}"
        )
    return value
