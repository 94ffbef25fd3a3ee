"""Fixtures of the SDK tests: no network, no real sleeping, no user environment."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scaleout import Scaleout, _insecure
from scaleout._retry import RetryTransport

from ._support import FakeServer, make_client

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
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


class Sleeps(list[float]):
    """Every delay the code under test asked for; nothing actually waits."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


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
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    """Replace every sleep the SDK can do (defaults bound at import time included)."""
    recorder = Sleeps()
    monkeypatch.setattr(time, "sleep", recorder)
    kwdefaults = RetryTransport.__init__.__kwdefaults__
    assert kwdefaults is not None and "sleep" in kwdefaults
    monkeypatch.setitem(kwdefaults, "sleep", recorder)
    return recorder


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def client(server: FakeServer) -> Iterator[Scaleout]:
    with make_client(server) as sdk:
        yield sdk
