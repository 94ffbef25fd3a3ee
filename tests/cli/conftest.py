"""Fixtures of the ``scaleout`` command's tests: a local controller with a finished session,
and ways to run the command, in this process or as the installed console script."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")

from scaleout import Scaleout  # noqa: E402
from scaleout.cli import main  # noqa: E402
from scaleout.local import LocalController, write_compute_package  # noqa: E402

#: The console script pip installed beside this interpreter.
INSTALLED = Path(sys.executable).parent / "scaleout"
#: Variables that would change what the command does or prints.
_CLEARED = ("SCALEOUT_HOST", "SCALEOUT_AUTH_TOKEN", "SCALEOUT_LOG", "COLUMNS", "LINES")


@attrs.frozen
class Ran:
    code: int
    out: str
    err: str


@attrs.frozen
class Federation:
    """A controller after one finished 3-round session."""

    url: str
    session_id: str
    client_ids: list[str]
    model_id: str


@pytest.fixture
def allowed_hosts() -> list[str]:
    return [r"127\.0\.0\.1$", r"localhost$"]


@pytest.fixture(scope="package")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    folder = tmp_path_factory.mktemp("federation")
    with LocalController(clients=3, seed=0) as ctl, Scaleout(ctl.url) as client:
        client.set_active_package(write_compute_package(folder / "pkg.tgz"), "numpyhelper", "p")
        client.set_active_model(ctl.write_seed_model(folder / "seed.npz"))
        started = client.start_session(name="cli-test", rounds=3, round_timeout=60)
        client.wait_for_session(started["session_id"], timeout=120, poll_interval=0.1)
        model = client.get_session_model(started["session_id"])
        assert model is not None
        yield Federation(
            url=ctl.url,
            session_id=started["session_id"],
            client_ids=[c["client_id"] for c in client.iter_clients()],
            model_id=model["model_id"],
        )


@pytest.fixture
def scaleout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Any:
    """``scaleout(*args)``: the command run in this process; its exit code and output."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SCALEOUT_TOKEN_CACHE_DIR", str(tmp_path / "tokens"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def installed_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env["SCALEOUT_PERSIST_TOKENS"] = "false"
    env["TZ"] = "UTC"
    env.update(extra)
    return env


def run_installed(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> Ran:
    """The installed console script, its output piped (not a terminal)."""
    done = subprocess.run(
        [str(INSTALLED), *args],
        cwd=cwd,
        env=env or installed_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def run_on_terminal(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Ran:
    """The installed console script on a pseudo-terminal (stdout and stderr both go to it,
    as in a shell); ``out`` is everything the terminal received."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(INSTALLED), *args],
        cwd=cwd,
        env=env or installed_env(COLUMNS="100"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    received = bytearray()
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                raise TimeoutError(f"scaleout {' '.join(args)} printed nothing for 120 s")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is gone
                break
            if not chunk:
                break
            received.extend(chunk)
    finally:
        code = process.wait(timeout=120)
        os.close(leader)
    return Ran(code, received.decode("utf-8", errors="replace"), "")
