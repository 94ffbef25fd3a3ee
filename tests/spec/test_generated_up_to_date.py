"""The committed generated/scaleout_api matches what scripts/generate.py produces."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.spec


@pytest.mark.skipif(
    importlib.util.find_spec("openapi_python_client") is None,
    reason="openapi-python-client is not installed (it comes with the dev dependency group)",
)
def test_generated_client_is_up_to_date(repo_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(repo_root / "scripts" / "generate.py"), "--check"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            "generated/scaleout_api is not what scripts/generate.py produces "
            "(run: .venv/bin/python scripts/generate.py)\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
