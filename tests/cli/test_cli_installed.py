"""The installed ``scaleout`` and ``scaleout-local`` console scripts, as a person runs them,
on a terminal and on a pipe. (The path from nothing to a plotted training curve with the
command alone is the README's, run by ``tests/docs``.)"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import INSTALLED, installed_env, run_installed, run_on_terminal

pytestmark = [pytest.mark.local, pytest.mark.timeout(240)]


def test_the_console_scripts_are_installed() -> None:
    assert INSTALLED.is_file()
    assert (INSTALLED.parent / "scaleout-local").is_file()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``scaleout local serve`` running in the background; its URL."""
    process = subprocess.Popen(
        [str(INSTALLED), "local", "serve", "--port", "0", "--clients", "3"],
        cwd=tmp_path_factory.mktemp("served"),
        env=installed_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Scaleout local controller listening on http://127.0.0.1:"), first
    try:
        yield first.rsplit(" ", 1)[1].strip()
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
        assert process.returncode == 0
        assert "Stopping..." in rest


def test_progress_bars_on_a_terminal_only(served: str, tmp_path: Path) -> None:
    env = installed_env(SCALEOUT_HOST=served, COLUMNS="100")
    assert run_installed("local", "seed-model", "seed.npz", cwd=tmp_path).code == 0

    upload = run_on_terminal("models", "upload", "seed.npz", cwd=tmp_path, env=env)
    assert upload.code == 0
    assert "\ruploading seed.npz  " in upload.out and " 100%  " in upload.out
    assert upload.out.rstrip().endswith("new sessions start from it")

    quiet = run_on_terminal("models", "upload", "seed.npz", "--quiet", cwd=tmp_path, env=env)
    assert quiet.code == 0 and "\r" not in quiet.out.replace("\r\n", "\n")
    piped = run_installed("models", "upload", "seed.npz", cwd=tmp_path, env=env)
    assert piped.code == 0 and piped.err == ""

    started = run_installed("sessions", "start", "--rounds", "2", "--json", cwd=tmp_path, env=env)
    session_id = started.out.split('"session_id": "')[1].split('"')[0]
    waited = run_on_terminal("sessions", "wait", session_id, "--poll", "0.2", cwd=tmp_path, env=env)
    assert waited.code == 0
    assert "round 0/2  waiting for the first round" in waited.out
    assert "round 2/2  test_accuracy 0." in waited.out
    assert f"Session {session_id} is finished" in waited.out


def test_errors_are_one_line_with_their_exit_code(tmp_path: Path) -> None:
    ran = run_installed("models", "get", "x", "--host", "http://127.0.0.1:9", cwd=tmp_path)
    assert ran.code == 4
    assert ran.out == "" and len(ran.err.splitlines()) == 1
    assert ran.err.startswith("scaleout: error: GET http://127.0.0.1:9/api/v1/models/x failed")
    assert "Traceback" not in ran.err

    usage = run_installed("sessions", "start", "--rounds", cwd=tmp_path)
    assert usage.code == 2
    assert usage.err == (
        "scaleout sessions start: argument --rounds: expected one argument "
        "(see scaleout sessions start --help)\n"
    )


@pytest.fixture
def without_the_local_extra(tmp_path: Path) -> dict[str, str]:
    """An environment in which connexion cannot be imported, as if never installed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text("import sys\nsys.modules['connexion'] = None\n")
    return installed_env(PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))


@pytest.mark.parametrize(
    ("command", "prog"),
    [
        (["scaleout-local", "serve"], "scaleout-local"),
        (["scaleout", "local", "serve"], "scaleout local"),
    ],
)
def test_the_local_commands_name_the_extra_they_need(
    command: list[str], prog: str, without_the_local_extra: dict[str, str], tmp_path: Path
) -> None:
    done = subprocess.run(
        [str(INSTALLED.parent / command[0]), *command[1:]],
        cwd=tmp_path,
        env=without_the_local_extra,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"{prog}: the local controller needs the [local] extra (connexion not installed): "
        'pip install "scaleout-sdk[local]"\n'
    )
