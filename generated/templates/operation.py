"""``OperationRequest``: the request of one operation, built but not sent.

Every endpoint module has ``build_request(...)``, with the same parameters as its ``sync``
function but no client: it returns an ``OperationRequest[T]`` whose ``kwargs`` are the
keyword arguments for ``httpx.Client.request`` and whose ``T`` is the JSON of the success
answer (a type of ``scaleout_api.schemas``). A caller with an HTTP policy of its own sends it.

Written by scripts/generate.py beside the openapi-python-client output; never edit it by hand.
"""

from __future__ import annotations

import typing
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_JSON_KINDS = (dict, list, str, int, float, bool, bytes)


class OperationRequest(Generic[T]):
    """``name`` is ``"<tag>.<operationId>"``; ``expect`` is the run-time JSON kind of ``T`` and
    ``result`` is ``T`` itself (a ``scaleout_api.schemas`` type), for callers that check the
    answer against it."""

    __slots__ = ("expect", "kwargs", "name", "result")

    def __init__(
        self, name: str, kwargs: dict[str, Any], expect: type | None, result: object = None
    ) -> None:
        self.name = name
        self.kwargs = kwargs
        self.expect = expect
        self.result = result

    @property
    def method(self) -> str:
        return str(self.kwargs["method"]).upper()

    @property
    def url(self) -> str:
        return str(self.kwargs["url"])

    def __repr__(self) -> str:
        # Never the body or headers: they may carry credentials.
        return f"OperationRequest({self.name!r}, {self.method} {self.url})"


def json_kind(annotation: object) -> type | None:
    """The Python type that a JSON value of ``annotation`` has (``dict`` for a TypedDict,
    ``str`` for a Literal of strings, ``bytes`` for a binary body), or None if it varies."""
    origin = typing.get_origin(annotation) or annotation
    if origin is typing.Literal:
        kinds = {type(value) for value in typing.get_args(annotation)}
        return kinds.pop() if len(kinds) == 1 else None
    if isinstance(origin, type) and typing.is_typeddict(origin):
        return dict
    if origin in _JSON_KINDS:
        return typing.cast(type, origin)
    return None
