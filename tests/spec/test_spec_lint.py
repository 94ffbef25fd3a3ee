"""Redocly and Spectral accept the spec with no error and no warning (``scripts/lint_spec.py``).

Other-language teams lint the spec before they generate from it; so do we, with the pinned
linters and the committed configs. The only deliberate exceptions are the trailing slashes of
the collection routes, per path: a new path with a trailing slash still fails both linters.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import lint_spec
import pytest
import yaml

pytestmark = [pytest.mark.spec, pytest.mark.node]

CONFIGS = ("redocly.yaml", ".redocly.lint-ignore.yaml", ".spectral.yaml")


def _lint(root: Path) -> list[lint_spec.Report]:
    try:
        return lint_spec.lint(root)
    except lint_spec.LintError as exc:
        pytest.fail(str(exc), pytrace=False)


def test_both_linters_report_nothing(repo_root: Path) -> None:
    reports = _lint(repo_root)
    problems = [f"{report.linter}: {problem}" for report in reports for problem in report.problems]
    summary = "; ".join(report.summary() for report in reports)
    assert not problems, f"{summary}\n" + "\n".join(problems)


def test_a_new_trailing_slash_path_is_no_exception(repo_root: Path, tmp_path: Path) -> None:
    """The exceptions name the twelve collection routes; the rule itself stays on."""
    for name in CONFIGS:
        shutil.copy(repo_root / name, tmp_path / name)
    spec = yaml.safe_load((repo_root / "openapi" / "controller.yaml").read_text())
    spec["paths"]["/api/v1/models/{id}/"] = spec["paths"].pop("/api/v1/models/{id}")
    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "controller.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))

    for report in _lint(tmp_path):
        flagged = [problem for problem in report.problems if "slash" in problem.lower()]
        assert len(flagged) == 1, (report.linter, report.problems)
        assert "models" in flagged[0], flagged
