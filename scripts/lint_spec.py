#!/usr/bin/env python3
"""Lint ``openapi/controller.yaml`` with Redocly and Spectral, as other-language teams would.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/lint_spec.py              # the repository's spec and configs
    .venv/bin/python scripts/lint_spec.py --root DIR   # DIR/openapi/controller.yaml, DIR's configs

Both linters are the versions pinned in ``package.json`` (``scripts/test.sh`` installs them with
``npm ci``), run with the committed configs: ``redocly.yaml`` with ``.redocly.lint-ignore.yaml``,
and ``.spectral.yaml``. Every problem is printed, then one count per linter; the exit code is 1
unless both count 0 errors and 0 warnings. ``--root`` takes a scratch copy of the repository
layout, so a changed spec is linted with the same deliberate exceptions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = Path("openapi") / "controller.yaml"
NODE_BIN = ROOT / "node_modules" / ".bin"
# Spectral's numeric severities.
SPECTRAL_SEVERITIES = {0: "error", 1: "warning", 2: "info", 3: "hint"}


class LintError(Exception):
    """A linter could not run or gave an answer this script cannot read."""


@dataclass
class Report:
    linter: str
    errors: int = 0
    warnings: int = 0
    #: One line per problem: severity, rule, location and message.
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.errors == 0 and self.warnings == 0

    def summary(self) -> str:
        return f"{self.linter}: {self.errors} errors, {self.warnings} warnings"


def tool(name: str) -> Path:
    path = NODE_BIN / name
    if not path.exists():
        raise LintError(
            f"{path} not found: install the pinned tools with `npm ci` in {ROOT} "
            "(bash scripts/test.sh does)"
        )
    return path


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # No usage reports and no update checks: the checks must not depend on the network.
    env.update(REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_COLOR="1")
    return env


def _run(command: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=root, env=_environment(), capture_output=True, text=True, check=False
    )


def redocly(root: Path) -> Report:
    """``redocly lint`` with ``root``'s redocly.yaml (and its lint-ignore file)."""
    result = _run(
        [str(tool("redocly")), "lint", str(SPEC), "--config", "redocly.yaml", "--format", "json"],
        root,
    )
    try:
        data = json.loads(result.stdout)
    except ValueError:
        raise LintError(f"redocly lint gave no JSON:\n{result.stdout}\n{result.stderr}") from None
    report = Report("redocly", data["totals"]["errors"], data["totals"]["warnings"])
    for problem in data["problems"]:
        where = problem["location"][0].get("pointer", "") if problem.get("location") else ""
        report.problems.append(
            f"{problem['severity']} {problem['ruleId']} {where}: {problem['message']}"
        )
    return report


def spectral(root: Path) -> Report:
    """``spectral lint`` with ``root``'s .spectral.yaml."""
    with tempfile.TemporaryDirectory(prefix="scaleout-spectral-") as tmp:
        output = Path(tmp) / "results.json"
        result = _run(
            [
                str(tool("spectral")),
                "lint",
                str(SPEC),
                "--ruleset",
                ".spectral.yaml",
                "--format",
                "json",
                "--output",
                str(output),
                "--quiet",
            ],
            root,
        )
        try:
            results = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise LintError(
                f"spectral lint wrote no JSON:\n{result.stdout}\n{result.stderr}"
            ) from None
    report = Report("spectral")
    for item in results:
        severity = SPECTRAL_SEVERITIES.get(item["severity"], str(item["severity"]))
        report.errors += severity == "error"
        report.warnings += severity == "warning"
        where = ".".join(str(part) for part in item.get("path", []))
        report.problems.append(f"{severity} {item['code']} {where}: {item['message']}")
    return report


def lint(root: Path = ROOT) -> list[Report]:
    if not (root / SPEC).is_file():
        raise LintError(f"{root / SPEC} not found")
    # Both linters at once: each is a Node process that mostly waits on one core.
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(linter, root) for linter in (redocly, spectral)]
        return [run.result() for run in runs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="a folder with the repository's layout (openapi/controller.yaml and the configs)",
    )
    args = parser.parse_args(argv)
    try:
        reports = lint(args.root.resolve())
    except LintError as exc:
        print(f"lint_spec.py: error: {exc}", file=sys.stderr)
        return 1
    for report in reports:
        for problem in report.problems:
            print(f"{report.linter}: {problem}")
    for report in reports:
        print(report.summary())
    return 0 if all(report.clean for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
