"""How a client method written once becomes a method of ``Scaleout`` and of ``AsyncScaleout``.

A resource mixin defines each method once, as a generator of steps (``_steps``), decorated
with :func:`operation` (or :func:`listing` for the ``iter_*`` methods). The decorator is a
descriptor:

* on a :class:`SyncRunner` (``Scaleout``) it is a plain method that runs the steps and returns
  the result;
* on an :class:`AsyncRunner` (``AsyncScaleout``) it is a coroutine method that awaits them;
* anywhere else (the steps view a method body runs with) it returns the steps themselves, so a
  body calls another method with ``yield from self.other_method(...)``.

mypy follows all three through the overloads of ``__get__``, with the parameters of the
definition (``ParamSpec``) and its result type.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

import attrs

from ._paging import Page
from ._steps import Steps

if TYPE_CHECKING:
    from ._base_client import AsyncHTTPCore, Caller, HTTPCore

__all__ = ["AsyncRunner", "Listing", "SyncRunner", "listing", "operation"]

P = ParamSpec("P")
R = TypeVar("R")
Item = TypeVar("Item")

#: Compiled by `re` on first use (a method's first call), not at import.
_STEPS_RESULT = r"^(?:Steps|Listing)\[(?P<inner>.*)\]$"


class StepsHolder:
    """What a method body's ``self`` holds: the caller it sends through."""

    _caller: Caller


class SyncRunner:
    """Base of ``Scaleout``: runs a method's steps with blocking I/O."""

    _core: HTTPCore
    #: What method bodies run with (the same resources, giving steps).
    _view: StepsHolder


class AsyncRunner:
    """Base of ``AsyncScaleout``: awaits a method's steps."""

    _core: AsyncHTTPCore
    _view: StepsHolder

    async def _await(self, steps: Steps[R]) -> R:
        return await self._core.run(steps)


@attrs.frozen
class Listing(Generic[Item]):
    """What an ``iter_*`` method returns to the client: pages to fetch, ``page_size`` at a
    time, oldest first, until a short page or the announced ``count``. Only the items that
    ``keep`` accepts are given (the filters checked on the client, see ``_filters``); paging
    counts every item the server sent."""

    fetch: Callable[[int, int], Steps[Page[Item]]]
    page_size: int
    keep: Callable[[Item], bool] | None = None

    def advance(self, page: Page[Item], skip: int) -> tuple[list[Item], int, bool]:
        """The items of ``page`` fetched at ``skip``, the next skip, and whether it was the last."""
        items = list(page.get("result", [])) if isinstance(page, dict) else []
        skip += len(items)
        total = page.get("count") if isinstance(page, dict) else None
        last = len(items) < self.page_size or (isinstance(total, int) and skip >= total)
        if self.keep is not None:
            items = [item for item in items if self.keep(item)]
        return items, skip, last

    def everything(self) -> Steps[list[Item]]:
        """Every item, as steps (for a method that needs the whole collection)."""
        found: list[Item] = []
        skip, last = 0, False
        while not last:
            page = yield from self.fetch(self.page_size, skip)
            items, skip, last = self.advance(page, skip)
            found.extend(items)
        return found


def _iterate(core: HTTPCore, listing: Listing[Item]) -> Iterator[Item]:
    skip, last = 0, False
    while not last:
        items, skip, last = listing.advance(core.run(listing.fetch(listing.page_size, skip)), skip)
        yield from items


async def _aiterate(core: AsyncHTTPCore, listing: Listing[Item]) -> AsyncIterator[Item]:
    skip, last = 0, False
    while not last:
        page = await core.run(listing.fetch(listing.page_size, skip))
        items, skip, last = listing.advance(page, skip)
        for item in items:
            yield item


def _public(
    fn: Callable[..., Any], wrapper: Callable[..., Any], *, iterator: str = "Iterator"
) -> Callable[..., Any]:
    """``wrapper`` dressed as ``fn`` (name, docs, signature), with the result type that the
    client gives (``Steps[Model]`` becomes ``Model``, ``Listing[Model]`` becomes
    ``Iterator[Model]`` or ``AsyncIterator[Model]``) so ``help()`` and ``inspect`` read true."""
    functools.update_wrapper(wrapper, fn)
    annotations = dict(getattr(fn, "__annotations__", {}))
    returned = annotations.get("return")
    if isinstance(returned, str) and (match := re.match(_STEPS_RESULT, returned)):
        inner = match["inner"]
        listed = returned.startswith("Listing")
        annotations["return"] = f"{iterator}[{inner}]" if listed else inner
    wrapper.__annotations__ = annotations
    signature = inspect.signature(fn)
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        return_annotation=annotations.get("return", signature.return_annotation)
    )
    del wrapper.__wrapped__  # type: ignore[attr-defined]
    return wrapper


class operation(Generic[P, R]):  # noqa: N801 - used as a decorator, like property
    """A client method defined once as steps; see the module docstring."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Steps[R]]) -> None:
        self.fn = fn
        _describe(self, fn)

    # The two public flavours are built on first use: dressing each takes a signature, and a
    # client has some 80 methods, so doing it at class creation would weigh on every import.
    @functools.cached_property
    def _sync(self) -> Callable[..., Any]:
        fn = self.fn

        def run_sync(client: SyncRunner, /, *args: Any, **kwargs: Any) -> Any:
            return client._core.run(fn(client._view, *args, **kwargs))

        return _public(fn, run_sync)

    @functools.cached_property
    def _async(self) -> Callable[..., Any]:
        fn = self.fn

        async def run_async(client: AsyncRunner, /, *args: Any, **kwargs: Any) -> Any:
            return await client._await(fn(client._view, *args, **kwargs))

        return _public(fn, run_async)

    @property
    def __signature__(self) -> inspect.Signature:
        """The signature the sync client gives the method (for ``inspect`` and ``help``)."""
        return inspect.signature(self._sync)

    @overload
    def __get__(
        self, obj: None, owner: type[SyncRunner]
    ) -> Callable[Concatenate[SyncRunner, P], R]: ...
    @overload
    def __get__(
        self, obj: None, owner: type[AsyncRunner]
    ) -> Callable[Concatenate[AsyncRunner, P], Coroutine[Any, Any, R]]: ...
    @overload
    def __get__(self, obj: None, owner: type[object]) -> operation[P, R]: ...
    @overload
    def __get__(self, obj: SyncRunner, owner: type[object] | None = None) -> Callable[P, R]: ...
    @overload
    def __get__(
        self, obj: AsyncRunner, owner: type[object] | None = None
    ) -> Callable[P, Coroutine[Any, Any, R]]: ...
    @overload
    def __get__(self, obj: object, owner: type[object] | None = None) -> Callable[P, Steps[R]]: ...

    def __get__(self, obj: object, owner: type[object] | None = None) -> Any:
        return _bind(self, self.fn, obj, owner)

    def __call__(self, client: object, /, *args: Any, **kwargs: Any) -> Any:
        """Called on the class with the instance first, like a plain function."""
        return _bind(self, self.fn, client, None)(*args, **kwargs)


class listing(Generic[P, Item]):  # noqa: N801 - used as a decorator, like property
    """An ``iter_*`` method defined once: an iterator on ``Scaleout``, an async iterator on
    ``AsyncScaleout``, each fetching pages lazily as it is consumed."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Listing[Item]]) -> None:
        self.fn = fn
        _describe(self, fn)

    @functools.cached_property
    def _sync(self) -> Callable[..., Any]:
        fn = self.fn

        def iterate(client: SyncRunner, /, *args: Any, **kwargs: Any) -> Any:
            # The arguments are checked now, at the call, not on the first next().
            return _iterate(client._core, fn(client._view, *args, **kwargs))

        return _public(fn, iterate)

    @functools.cached_property
    def _async(self) -> Callable[..., Any]:
        fn = self.fn

        def aiterate(client: AsyncRunner, /, *args: Any, **kwargs: Any) -> Any:
            return _aiterate(client._core, fn(client._view, *args, **kwargs))

        return _public(fn, aiterate, iterator="AsyncIterator")

    @property
    def __signature__(self) -> inspect.Signature:
        """The signature the sync client gives the method (for ``inspect`` and ``help``)."""
        return inspect.signature(self._sync)

    @overload
    def __get__(
        self, obj: None, owner: type[SyncRunner]
    ) -> Callable[Concatenate[SyncRunner, P], Iterator[Item]]: ...
    @overload
    def __get__(
        self, obj: None, owner: type[AsyncRunner]
    ) -> Callable[Concatenate[AsyncRunner, P], AsyncIterator[Item]]: ...
    @overload
    def __get__(self, obj: None, owner: type[object]) -> listing[P, Item]: ...
    @overload
    def __get__(
        self, obj: SyncRunner, owner: type[object] | None = None
    ) -> Callable[P, Iterator[Item]]: ...
    @overload
    def __get__(
        self, obj: AsyncRunner, owner: type[object] | None = None
    ) -> Callable[P, AsyncIterator[Item]]: ...
    @overload
    def __get__(
        self, obj: object, owner: type[object] | None = None
    ) -> Callable[P, Listing[Item]]: ...

    def __get__(self, obj: object, owner: type[object] | None = None) -> Any:
        return _bind(self, self.fn, obj, owner)

    def __call__(self, client: object, /, *args: Any, **kwargs: Any) -> Any:
        """Called on the class with the instance first, like a plain function."""
        return _bind(self, self.fn, client, None)(*args, **kwargs)


def _describe(descriptor: Any, fn: Callable[..., Any]) -> None:
    """Let ``inspect`` and ``help`` read a descriptor found on a class (``getattr_static``)
    as the method it is: name and docs here, the signature from its ``__signature__``."""
    for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(descriptor, attribute, getattr(fn, attribute))


def _bind(
    descriptor: operation[Any, Any] | listing[Any, Any],
    fn: Callable[..., Any],
    obj: object,
    owner: type[object] | None,
) -> Any:
    if obj is None:
        if owner is not None and issubclass(owner, SyncRunner):
            return descriptor._sync
        if owner is not None and issubclass(owner, AsyncRunner):
            return descriptor._async
        return descriptor
    if isinstance(obj, SyncRunner):
        return types.MethodType(descriptor._sync, obj)
    if isinstance(obj, AsyncRunner):
        return types.MethodType(descriptor._async, obj)
    return types.MethodType(fn, obj)
