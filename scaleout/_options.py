"""Per-call options: what ``Scaleout.with_options`` changes for the calls made through a view.

One :class:`RequestOptions` travels with every request the SDK sends, whatever its kind (JSON
call, upload chunk, download, or a generated function called through ``client.api``).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from typing import Final, TypeAlias

import attrs
import httpx

from ._exceptions import ArgumentTypeError, InvalidArgumentError

__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "NotGiven",
    "RequestOptions",
    "TimeoutSetting",
    "as_timeout",
]

#: Connect 5 s, every other phase (read, write, waiting for a pooled connection) 60 s.
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=5.0)

TimeoutSetting: TypeAlias = float | httpx.Timeout | None


class NotGiven:
    """Sentinel type for "use the client's default", distinct from an explicit ``None``."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def as_timeout(timeout: object) -> httpx.Timeout:
    """An ``httpx.Timeout`` from seconds, an ``httpx.Timeout`` or ``None`` (no limit)."""
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise ArgumentTypeError("timeout must be a number of seconds, an httpx.Timeout or None")
    if not 0 < timeout < math.inf:
        raise InvalidArgumentError(
            f"timeout must be a finite number of seconds > 0 (or None for no limit), got {timeout}"
        )
    return httpx.Timeout(float(timeout))


def check_max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError("max_retries must be an int")
    if value < 0:
        raise InvalidArgumentError("max_retries must be >= 0")
    return value


#: A header's name: an RFC 9110 token (compiled by `re` on first use, not at import).
_HEADER_NAME = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"


def _headers(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise ArgumentTypeError("extra_headers must be a dict of str to str")
    for name, header in value.items():
        if not isinstance(name, str) or not isinstance(header, str):
            raise ArgumentTypeError("extra_headers must be a dict of str to str")
        if not re.fullmatch(_HEADER_NAME, name):
            raise InvalidArgumentError(f"extra_headers: {name!r} is not a valid header name")
        # A line break would end the header and start another one the caller never meant;
        # the value itself is not shown, as it may be a credential.
        if any(char in header for char in "\r\n\0"):
            raise InvalidArgumentError(
                f"extra_headers: the value of {name} contains a line break or NUL"
            )
        if name.lower() == "authorization":
            # The client's auth owns this header; a second source would be ambiguous.
            raise InvalidArgumentError("extra_headers must not set Authorization; use token=")
    return dict(value)


def _query(value: Mapping[str, object]) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ArgumentTypeError("extra_query must be a dict of str to query values")
    for name, item in value.items():
        if not isinstance(name, str):
            raise ArgumentTypeError("extra_query must be a dict of str to query values")
        items = item if isinstance(item, (list, tuple)) else [item]
        for one in items:
            if one is not None and not isinstance(one, (str, int, float, bool)):
                raise ArgumentTypeError(
                    f"extra_query[{name!r}] must be a str, int, float, bool, None or a list of "
                    f"them, not {type(one).__name__}"
                )
    return dict(value)


@attrs.frozen(kw_only=True)
class RequestOptions:
    """Options of one request; ``NOT_GIVEN`` leaves the client's default in force.

    ``timeout`` is an ``httpx.Timeout`` (``httpx.Timeout(None)``: no limit); ``extra_headers``
    are sent with every request (and win over the SDK's own headers, except Authorization);
    ``extra_query`` parameters are added to every request's query (and win over the SDK's own
    parameters of the same name; ``None`` leaves one out).
    """

    timeout: httpx.Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    extra_headers: Mapping[str, str] = attrs.field(factory=dict, converter=_headers)
    extra_query: Mapping[str, object] = attrs.field(factory=dict, converter=_query)
    #: A ``time.monotonic()`` by which every call must be over (a wait's own deadline).
    deadline: float | None = None

    def merge(
        self,
        *,
        timeout: TimeoutSetting | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        extra_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
    ) -> RequestOptions:
        """These options with the given ones replacing theirs (headers and query are added)."""
        return RequestOptions(
            timeout=self.timeout if isinstance(timeout, NotGiven) else as_timeout(timeout),
            max_retries=(
                self.max_retries
                if isinstance(max_retries, NotGiven)
                else check_max_retries(max_retries)
            ),
            extra_headers=(
                self.extra_headers
                if isinstance(extra_headers, NotGiven)
                else {**self.extra_headers, **_headers(extra_headers)}
            ),
            extra_query=(
                self.extra_query
                if isinstance(extra_query, NotGiven)
                else {**self.extra_query, **_query(extra_query)}
            ),
            deadline=self.deadline,
        )

    def within(self, seconds: float) -> RequestOptions:
        """These options, with every call also over within ``seconds`` from now."""
        deadline = time.monotonic() + seconds
        if self.deadline is not None:
            deadline = min(deadline, self.deadline)
        return attrs.evolve(self, deadline=deadline)
