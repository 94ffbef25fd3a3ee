"""With DEBUG logging on, a local controller logs its own lines, not its web stack's."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scaleout.local import LocalController, write_compute_package, write_seed_model
from scaleout.local.logs import LIBRARY_LOGGERS

pytestmark = pytest.mark.local


@pytest.fixture
def unset_library_levels() -> Iterator[None]:
    """Library loggers as a fresh process has them (an earlier controller set them)."""
    before = {name: logging.getLogger(name).level for name in LIBRARY_LOGGERS}
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    yield
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


def _library_records(caplog: pytest.LogCaptureFixture, **options: bool) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.DEBUG), LocalController(clients=1, **options) as ctl:
        httpx.get(f"{ctl.url}/api/v1/models/count", timeout=10).raise_for_status()
    return [r.name for r in caplog.records if r.name.split(".")[0] in LIBRARY_LOGGERS]


def test_library_debug_lines_are_left_out_unless_asked(
    unset_library_levels: None, caplog: pytest.LogCaptureFixture
) -> None:
    assert _library_records(caplog) == []
    assert logging.getLogger("connexion").level == logging.WARNING

    logging.getLogger("connexion").setLevel(logging.DEBUG)  # asked for by name
    assert any(name.startswith("connexion") for name in _library_records(caplog))


def test_library_logs_true_keeps_them(
    unset_library_levels: None, caplog: pytest.LogCaptureFixture
) -> None:
    assert any(name.startswith("connexion") for name in _library_records(caplog, library_logs=True))
    assert logging.getLogger("connexion").level == logging.NOTSET


def test_uploads_log_no_warning_about_the_two_upload_forms(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """connexion warns on each request to an operation with two request bodies; the
    controller serves both forms on purpose, so the warning is dropped."""
    from scaleout import Scaleout

    with caplog.at_level(logging.WARNING), LocalController(clients=1) as ctl:
        with Scaleout(ctl.url, token_cache=False) as client:
            client.set_active_package(
                write_compute_package(tmp_path / "package.tgz"), "numpyhelper", "p"
            )
            client.set_active_model(write_seed_model(tmp_path / "seed.npz"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("connexion")] == []
