"""The ``scaleout-local`` command line."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from scaleout.local.cli import main

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]

ROOT = Path(__file__).resolve().parents[2]


def test_seed_model_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nested" / "seed.npz"
    assert main(["seed-model", str(target)]) == 0
    assert "seed.npz" in capsys.readouterr().out
    with np.load(target) as archive:
        assert archive["w"].shape == (10,) and archive["b"].shape == (1,)
        assert not archive["w"].any()
    assert main(["seed-model", "--random", str(tmp_path / "r.npz")]) == 0
    with np.load(tmp_path / "r.npz") as archive:
        assert archive["w"].any()


def test_serve_prints_url_and_token_and_stops_on_sigint(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), str(ROOT / "generated"), env.get("PYTHONPATH", "")]
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scaleout.local",
            "serve",
            "--port",
            "0",
            "--clients",
            "2",
            "--auth",
            "--data-dir",
            str(tmp_path / "state"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while len(lines) < 3 and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        text = "\n".join(lines)
        url = re.search(r"listening on (http://127\.0\.0\.1:\d+)", text)
        token = re.search(r"Refresh token: (\S+)", text)
        assert url and token, text
        with httpx.Client(base_url=url.group(1)) as http:
            assert http.get("/api/v1/clients/").status_code == 401
            access = http.post("/api/auth/refresh", json={"refresh_token": token.group(1)}).json()[
                "access_token"
            ]
            count = http.get("/api/v1/clients/count", headers={"Authorization": f"Bearer {access}"})
            assert count.json() == 2
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        assert (tmp_path / "state" / "controller.sqlite3").is_file()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_refuses_non_loopback_hosts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 1
    assert "loopback" in capsys.readouterr().err
