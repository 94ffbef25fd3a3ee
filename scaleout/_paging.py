"""Auto-paging over ``{count, result}`` list endpoints with ``X-Limit``/``X-Skip``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypedDict, TypeVar

#: Items per request when walking a collection.
DEFAULT_PAGE_SIZE = 100

Item = TypeVar("Item")


class Page(TypedDict, Generic[Item]):
    """One page of a list endpoint: ``count`` matching items in all, ``result`` this page."""

    count: int
    result: list[Item]


def iterate_pages(fetch: Callable[[int, int], Page[Item]], page_size: int) -> Iterator[Item]:
    """Yield every item, fetching ``page_size`` at a time.

    ``fetch(limit, skip)`` must return one ``{count, result}`` page in a stable ascending order
    (oldest first), so items added while walking land after the cursor instead of shifting it.
    """
    skip = 0
    while True:
        page = fetch(page_size, skip)
        items = page.get("result", []) if isinstance(page, dict) else []
        yield from items
        skip += len(items)
        total = page.get("count") if isinstance(page, dict) else None
        if len(items) < page_size or (isinstance(total, int) and skip >= total):
            return
