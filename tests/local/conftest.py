"""Fixtures for the local controller tests: controllers on 127.0.0.1 (port 0) and helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")
pytest.importorskip("numpy", reason="needs the [local] extra")

import httpx  # noqa: E402

from scaleout.local import LocalController  # noqa: E402

from ._helpers import LocalApi  # noqa: E402


@pytest.fixture
def allowed_hosts() -> list[str]:
    """The controller under test listens on loopback; pytest-recording's network block
    (``--block-network``) must let the tests reach it."""
    return [r"127\.0\.0\.1$", r"localhost$", r"::1$"]


@pytest.fixture(scope="module")
def shared_controller() -> Iterator[LocalController]:
    """One controller per test module, for tests that only add independent state."""
    with LocalController(clients=3) as ctl:
        yield ctl


@pytest.fixture
def controller() -> Iterator[LocalController]:
    """A fresh controller for tests that change the federation or run sessions."""
    with LocalController(clients=3) as ctl:
        yield ctl


def _api(ctl: LocalController, tmp_path: Path) -> Iterator[LocalApi]:
    with httpx.Client(base_url=ctl.url, timeout=30.0) as http:
        yield LocalApi(ctl, http, tmp_path)


@pytest.fixture
def api(controller: LocalController, tmp_path: Path) -> Iterator[LocalApi]:
    yield from _api(controller, tmp_path)


@pytest.fixture
def shared_api(shared_controller: LocalController, tmp_path: Path) -> Iterator[LocalApi]:
    yield from _api(shared_controller, tmp_path)
