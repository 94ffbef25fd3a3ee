"""TypeScript users of the spec: generated types, a typed call sequence, and a run of it.

``clients/typescript`` generates its types from the spec with openapi-typescript and
``tsc --strict`` checks a call sequence against them (list with paging headers and a filter,
get by id, create and start a session, upload a model by the chunk protocol), plus calls the
spec forbids, each of which must stay a type error. So a spec change that breaks TypeScript
code fails here; the compiled sequence then runs against the local controller, which
validates every request and answer against the spec.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
import yaml

pytestmark = [pytest.mark.spec, pytest.mark.node]

PROJECT = Path(__file__).resolve().parents[2] / "clients" / "typescript"
SPEC = PROJECT.parents[1] / "openapi" / "controller.yaml"


def _node_modules() -> Path:
    modules = PROJECT / "node_modules"
    if not (modules / ".bin" / "tsc").exists() or shutil.which("node") is None:
        pytest.fail(
            f"node or {modules} is missing: run bash scripts/test.sh (it runs npm ci there)",
            pytrace=False,
        )
    return modules


def _typecheck(project: Path, spec: Path) -> subprocess.CompletedProcess[str]:
    """Generate ``project``'s types from ``spec`` and run ``tsc`` on ``project``."""
    modules = _node_modules()
    generate = subprocess.run(
        [
            "node",
            str(PROJECT / "scripts" / "generate.mjs"),
            "--spec",
            str(spec),
            "--out",
            str(project / "src" / "generated" / "controller.ts"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    return subprocess.run(
        [str(modules / ".bin" / "tsc"), "-p", str(project / "tsconfig.json")],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )


@pytest.fixture(scope="module")
def built() -> subprocess.CompletedProcess[str]:
    return _typecheck(PROJECT, SPEC)


def test_the_call_sequence_type_checks(built: subprocess.CompletedProcess[str]) -> None:
    assert built.returncode == 0, f"tsc --strict failed:\n{built.stdout}{built.stderr}"


def test_a_breaking_spec_change_fails_the_typescript_check(tmp_path: Path) -> None:
    """Drop ``Model.model_id`` in a scratch copy of the spec: the TypeScript build breaks."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    model = spec["components"]["schemas"]["Model"]
    del model["properties"]["model_id"]
    model["required"].remove("model_id")
    changed = tmp_path / "controller.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "src", project / "src", ignore=shutil.ignore_patterns("generated"))
    shutil.copy(PROJECT / "tsconfig.json", project / "tsconfig.json")
    (project / "node_modules").symlink_to(_node_modules(), target_is_directory=True)

    result = _typecheck(project, changed)

    assert result.returncode != 0
    assert "model_id" in result.stdout, result.stdout


@pytest.fixture
def allowed_hosts() -> list[str]:
    """The local controller's readiness probe connects from this process to loopback."""
    return [r"127\.0\.0\.1$"]


@pytest.mark.local
def test_the_call_sequence_runs_against_the_local_controller(
    built: subprocess.CompletedProcess[str], tmp_path: Path
) -> None:
    if built.returncode != 0:
        pytest.fail("the TypeScript build failed (see test_the_call_sequence_type_checks)")
    local = pytest.importorskip("scaleout.local")
    with local.LocalController(clients=1) as ctl:
        seed = ctl.write_seed_model(tmp_path / "seed.npz")
        env = {key: value for key, value in os.environ.items() if key != "SCALEOUT_ACCESS_TOKEN"}
        run = subprocess.run(
            ["node", str(PROJECT / "build" / "main.js"), ctl.url, str(seed)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        report = json.loads(run.stdout)
        with httpx.Client(base_url=ctl.url, timeout=30) as http:
            model = http.get(f"/api/v1/models/{report['seed_model_id']}").json()
            session = http.get(f"/api/v1/sessions/{report['session_id']}").json()
    assert report["chunks"] == 3
    assert model["model_id"] == report["seed_model_id"]
    assert session["name"] == "typescript-flow"
    assert session["session_config"]["model_id"] == report["seed_model_id"]
    assert session["session_config"]["rounds"] == 1
