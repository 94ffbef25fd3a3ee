"""Which public method sent each recorded request.

A test's client is wrapped so that every public call it makes is numbered (``3 get_model``)
while it runs. ``before_record_request`` copies that label into the request as the
``x-recorded-call`` header, which is never sent: it exists only in the cassette and, on
replay, in the request vcrpy matches against it. So a cassette says which call recorded each
interaction, a replayed interaction must be asked for by the same call of the same method, and
the coverage of public methods is read from the cassettes, not from the tests' source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

HEADER = "x-recorded-call"
#: Members that send nothing of their own; they are passed through unlabelled.
UNLABELLED = frozenset({"close", "with_options", "api", "url"})


class CallLog:
    """The public calls of the running test, and the ones running now (innermost last)."""

    def __init__(self) -> None:
        self._count = 0
        self._running: list[str] = []

    def reset(self) -> None:
        self._count = 0
        self._running.clear()

    @property
    def current(self) -> str | None:
        return self._running[-1] if self._running else None

    def label(self, method: str) -> str:
        self._count += 1
        return f"{self._count} {method}"

    @contextmanager
    def running(self, label: str) -> Iterator[None]:
        self._running.append(label)
        try:
            yield
        finally:
            self._running.pop()

    def iterate(self, label: str, items: Iterable[Any]) -> Iterator[Any]:
        # A sync iter_* sends its requests while it is iterated, after the call returned.
        iterator = iter(items)
        while True:
            with self.running(label):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item


#: One log for the whole run: recorded tests run one at a time, and it is reset per test.
CALLS = CallLog()


def method_of(label: str) -> str:
    return label.split(" ", 1)[1]


class Labelled:
    """A client (``Scaleout``, or an ``AsyncScaleout`` driven blocking) whose public calls
    label the requests they send."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        member = getattr(self._client, name)
        if name == "with_options":
            return lambda **options: Labelled(member(**options))
        if name.startswith("_") or name in UNLABELLED or not callable(member):
            return member

        def call(*args: Any, **kwargs: Any) -> Any:
            label = CALLS.label(name)
            with CALLS.running(label):
                result = member(*args, **kwargs)
            return CALLS.iterate(label, result) if name.startswith("iter_") else result

        return call

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Labelled:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return repr(self._client)
