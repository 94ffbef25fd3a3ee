"""The vendor's client (PyPI ``scaleout==1.0.1``) in a virtualenv of its own.

The vendor's package is imported as ``scaleout``, like ours, so the two can never share an
interpreter: scripts that compare them run the vendor's client in a subprocess of the vendor
virtualenv. Nothing from the vendor's packages is copied into the project; they are only called.

The virtualenv lives in ``$SCALEOUT_VENDOR_VENV`` or ``<repo>/.venv-vendor`` and is created on
first use with ``python3.11 -m venv`` and ``pip install scaleout==1.0.1`` (which pulls
``scaleoututil``); a stamp file tells whether an existing one is complete.

Vendor subprocesses run with ``python -I`` (no script folder, no ``PYTHONPATH``, no user site)
from a scratch folder, so ``import scaleout`` cannot find this repository's package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "REPO",
    "VENDOR_REQUIREMENT",
    "default_vendor_dir",
    "ensure_vendor_python",
    "run_json_worker",
    "worker_env",
]

REPO = Path(__file__).resolve().parent.parent
VENDOR_REQUIREMENT = "scaleout==1.0.1"
_STAMP = ".scaleout-vendor-stamp"
# Prints where the vendor's Scaleout class lives: proves the import is the vendor's.
_PROBE = "import scaleout, scaleoututil.api.client as c; print(scaleout.Scaleout.__module__)"
_VENDOR_MODULE = "scaleoututil.api.client"


def _log(message: str) -> None:
    print(f"[vendor-venv] {message}", file=sys.stderr, flush=True)


def default_vendor_dir() -> Path:
    """``$SCALEOUT_VENDOR_VENV`` or ``<repo>/.venv-vendor``."""
    configured = os.environ.get("SCALEOUT_VENDOR_VENV")
    return Path(configured).expanduser() if configured else REPO / ".venv-vendor"


def _python_311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if found is None:
        raise RuntimeError("Python 3.11 is needed to create the vendor virtualenv")
    return found


def _probe(python: Path) -> bool:
    try:
        answer = subprocess.run(
            [str(python), "-I", "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=python.parent,
            env=worker_env(),
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return answer.returncode == 0 and answer.stdout.strip() == _VENDOR_MODULE


def ensure_vendor_python(venv_dir: Path | None = None) -> Path:
    """The vendor virtualenv's python, creating or repairing the virtualenv if needed."""
    venv = venv_dir if venv_dir is not None else default_vendor_dir()
    python = venv / "bin" / "python"
    stamp = venv / _STAMP
    if (
        python.exists()
        and stamp.exists()
        and stamp.read_text().strip() == VENDOR_REQUIREMENT
        and _probe(python)
    ):
        return python
    if venv.exists() and any(venv.iterdir()) and not (venv / "pyvenv.cfg").exists():
        raise RuntimeError(f"{venv} exists and is not a virtualenv; set SCALEOUT_VENDOR_VENV")
    _log(f"creating {venv} with {VENDOR_REQUIREMENT} (once; takes a minute)")
    subprocess.run([_python_311(), "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            VENDOR_REQUIREMENT,
        ],
        check=True,
        env=worker_env(),
    )
    if not _probe(python):
        raise RuntimeError(f"{venv}: `import scaleout` does not give the vendor's client")
    stamp.write_text(VENDOR_REQUIREMENT + "\n")
    return python


def worker_env(
    extra: Mapping[str, str] | None = None, *, keep_pythonpath: bool = False
) -> dict[str, str]:
    """The environment for a client subprocess.

    No ``SCALEOUT_*`` variable leaks in (no stray token or token endpoint), nor ``PYTHONPATH``
    unless ``keep_pythonpath`` (for our client in a development checkout), and loopback
    traffic never goes through a proxy.
    """
    dropped = ("SCALEOUT_",) if keep_pythonpath else ("SCALEOUT_", "PYTHONPATH", "PYTHONHOME")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(dropped)
        and key.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra or {})
    return env


def run_json_worker(
    python: Path | str,
    script: Path,
    args: Sequence[str],
    *,
    scratch: Path,
    isolated: bool,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
) -> Any:
    """Run ``python script args --out FILE`` and return the JSON the worker wrote to FILE.

    The answer goes through a file, not stdout, because the vendor's client logs to stdout.
    ``isolated`` runs ``python -I`` from ``scratch`` (for the vendor's interpreter).
    """
    handle, name = tempfile.mkstemp(prefix="answer-", suffix=".json", dir=scratch)
    os.close(handle)
    out = Path(name)
    command = [str(python), *(["-I"] if isolated else []), str(script), *args, "--out", str(out)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=scratch,
            env=dict(env) if env is not None else worker_env(),
        )
        if done.returncode != 0 or out.stat().st_size == 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
            raise RuntimeError(
                f"worker {script.name} {' '.join(args)} failed ({done.returncode}):\n{tail}"
            )
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
