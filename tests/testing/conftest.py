"""Tests of scaleout.testing: the pytest plugin (run with pytester), faults and recording."""

from __future__ import annotations

import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")
pytest.importorskip("vcr", reason="needs vcrpy (the dev extra)")


@pytest.fixture
def allowed_hosts() -> list[str]:
    """The local controllers listen on loopback; pytest-recording's network block
    (``--block-network``) must let the tests reach them."""
    return [r"127\.0\.0\.1$", r"localhost$", r"::1$"]
