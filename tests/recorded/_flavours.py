"""Both clients through one test: ``AsyncScaleout`` driven from the (sync) recorded tests.

Every recorded test runs once with ``Scaleout`` and once with ``AsyncScaleout`` against the
same cassette, so the two clients are shown to send the very same requests and to give the
very same answers and errors.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from scaleout import AsyncScaleout, Scaleout

from ._calls import Labelled


async def _collect(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


class BlockingAsyncClient:
    """An ``AsyncScaleout`` whose coroutines and async iterators are run on one event loop."""

    def __init__(self, client: AsyncScaleout, runner: asyncio.Runner) -> None:
        self._client = client
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        member = getattr(self._client, name)
        if inspect.iscoroutinefunction(member):

            def run(*args: Any, **kwargs: Any) -> Any:
                return self._runner.run(member(*args, **kwargs))

            return run
        if name.startswith("iter_") and callable(member):

            def iterate(*args: Any, **kwargs: Any) -> Iterator[Any]:
                # The arguments are checked at the call, as Scaleout's are.
                items = member(*args, **kwargs)
                return iter(self._runner.run(_collect(items)))

            return iterate
        if name == "with_options":
            return lambda **options: BlockingAsyncClient(member(**options), self._runner)
        return member

    def close(self) -> None:
        self._runner.run(self._client.close())

    def __enter__(self) -> BlockingAsyncClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return repr(self._client)


def client_factory(flavour: str, runner: asyncio.Runner) -> Callable[..., Any]:
    """``Scaleout(...)``, or an ``AsyncScaleout(...)`` run blocking, for the flavour; its
    public calls label the requests they send (see ``_calls``)."""

    def make(*args: Any, **kwargs: Any) -> Any:
        if flavour == "sync":
            return Labelled(Scaleout(*args, **kwargs))
        return Labelled(BlockingAsyncClient(AsyncScaleout(*args, **kwargs), runner))

    return make
