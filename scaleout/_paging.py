"""The pages of ``{count, result}`` list endpoints, walked with ``X-Limit``/``X-Skip``."""

from __future__ import annotations

from typing import Generic, TypedDict, TypeVar

#: Items per request when walking a collection.
DEFAULT_PAGE_SIZE = 100

Item = TypeVar("Item")


class Page(TypedDict, Generic[Item]):
    """One page of a list endpoint: ``count`` matching items in all, ``result`` this page."""

    count: int
    result: list[Item]
