"""Fixtures of the reliability sweep: real sockets on 127.0.0.1, no user environment.

Retry backoff is shortened (the policy is the same, the waits are not) so that a sweep of
a hundred faults stays within seconds; a ``Retry-After`` the server sends is honoured as is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaleout import AsyncScaleout, Scaleout, _insecure
from scaleout._retry import _RetryPolicy

from ._faulty_server import FaultyServer
from ._spec_answers import spec_answer

_ENV = (
    "SCALEOUT_AUTH_TOKEN",
    "SCALEOUT_AUTH_SCHEME",
    "SCALEOUT_AUTH_REFRESH_TOKEN_URI",
    "SCALEOUT_PERSIST_TOKENS",
    "SCALEOUT_HOME_DIR",
    "SCALEOUT_CUSTOM_URL_PREFIX",
    "SCALEOUT_HOST",
    "SCALEOUT_LOG",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
)


@pytest.fixture
def allowed_hosts() -> list[str]:
    """Let pytest-recording's ``--block-network`` through to loopback, and nowhere else."""
    return [r"127\.0\.0\.1$", r"localhost$", r"::1$"]


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCALEOUT_TOKEN_CACHE_DIR", str(tmp_path / "token-cache"))
    _insecure._warned.clear()
    yield
    _insecure._warned.clear()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = _RetryPolicy.__init__.__kwdefaults__
    assert defaults is not None and "backoff_base" in defaults
    monkeypatch.setitem(defaults, "backoff_base", 0.01)
    monkeypatch.setitem(defaults, "backoff_max", 0.05)


@pytest.fixture
def server() -> Iterator[FaultyServer]:
    """A misbehaving controller: the routes a test scripts; the spec's examples elsewhere."""
    with FaultyServer(fallback=spec_answer) as running:
        yield running


@pytest.fixture
def elsewhere() -> Iterator[FaultyServer]:
    """A second origin, for redirects that leave the controller."""
    with FaultyServer(fallback=spec_answer) as running:
        yield running


class Blocking:
    """An :class:`AsyncScaleout` driven like a :class:`Scaleout`: each call awaited in an
    event loop of its own (an ``iter_*`` listing is gathered into a list), so one test body
    checks both clients' IO."""

    def __init__(self, client: AsyncScaleout) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            async def run() -> Any:
                result = method(*args, **kwargs)
                if hasattr(result, "__aiter__"):
                    return [item async for item in result]
                return await result

            return asyncio.run(run())

        return call

    def with_options(self, **options: Any) -> Blocking:
        return Blocking(self._client.with_options(**options))


def make_client(flavour: str, url: str, **options: Any) -> Any:
    """A :class:`Scaleout`, or an :class:`AsyncScaleout` behind :class:`Blocking`."""
    if flavour == "sync":
        return Scaleout(url, token_cache=False, **options)
    return Blocking(AsyncScaleout(url, token_cache=False, **options))
