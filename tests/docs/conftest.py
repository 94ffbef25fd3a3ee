"""The examples talk to a local controller on loopback; the network block must let them."""

from __future__ import annotations

import pytest


@pytest.fixture
def allowed_hosts() -> list[str]:
    return [r"127\.0\.0\.1$", r"localhost$", r"::1$"]
