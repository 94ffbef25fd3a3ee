#!/usr/bin/env python3
"""Render the API reference of ``openapi/controller.yaml`` as one static HTML page.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/build_api_reference.py [--output PATH]

The page (default ``build/api-reference/index.html``) is Redoc, built by the pinned Redocly CLI
(``redocly build-docs``, installed by ``scripts/test.sh`` with ``npm ci``) with its scripts
inlined, so it opens from the file system with no network: open it in a browser and follow the
tags in the sidebar. Telemetry is off, for the build and for readers' browsers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
DEFAULT_OUTPUT = ROOT / "build" / "api-reference" / "index.html"
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"


class BuildError(Exception):
    """The page could not be built; the message says why."""


def build(output: Path = DEFAULT_OUTPUT, spec: Path = SPEC) -> Path:
    """Write the reference page of ``spec`` to ``output`` and return its path."""
    if not REDOCLY.exists():
        raise BuildError(
            f"{REDOCLY} not found: install the pinned tools with `npm ci` in {ROOT} "
            "(bash scripts/test.sh does)"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, REDOCLY_TELEMETRY="off", REDOCLY_SUPPRESS_UPDATE_NOTICE="true")
    # Run from the repository root so redocly.yaml (telemetry off, lint rules) applies.
    result = subprocess.run(
        [str(REDOCLY), "build-docs", str(spec), "--output", str(output), "--inlineBundle"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not output.is_file():
        raise BuildError(f"redocly build-docs failed:\n{result.stdout}\n{result.stderr}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the page to write")
    args = parser.parse_args(argv)
    try:
        page = build(args.output.resolve())
    except BuildError as exc:
        print(f"build_api_reference.py: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
