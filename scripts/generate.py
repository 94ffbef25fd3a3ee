#!/usr/bin/env python3
"""Regenerate the low-level client ``generated/scaleout_api`` from ``openapi/controller.yaml``.

Usage (from anywhere, with the project venv's interpreter)::

    .venv/bin/python scripts/generate.py            # rewrite generated/scaleout_api
    .venv/bin/python scripts/generate.py --check    # exit 1 if it is out of date
    .venv/bin/python scripts/generate.py --output DIR

The output is byte-for-byte reproducible:

* the generator and ruff versions must equal the pins in pyproject.toml's ``dev`` group;
* both tools are taken from the bin dir of the running interpreter (put first on PATH,
  so the generator's post-hooks run that ruff);
* generation happens in a private staging folder that holds a copy of
  ``generated/ruff.toml`` beside the package, so ruff's config discovery finds exactly
  that file (never the project's ``[tool.ruff]`` or a user-level config);
* a ``py.typed`` marker is added here (``--meta none`` ships none), so ``--check``
  compares the same tree that a normal run writes.

Beyond what openapi-python-client writes, the generation adds (from ``generated/templates``
and the spec):

* ``build_request(...)`` in every endpoint module: the operation's request, built but not
  sent, typed ``OperationRequest[<JSON of the success answer>]``. The endpoint template is
  the pinned generator's own, with ``endpoint_module_head.py.jinja`` put before it and
  ``endpoint_module_tail.py.jinja`` after it, so nothing of the generator's is copied here;
* ``operation.py``: ``OperationRequest`` itself (copied from ``generated/templates``);
* ``schemas.py``: TypedDicts and Literal aliases of every schema, and ``<OperationId>Result``
  per operation (see ``scripts/_spec_types.py``).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import importlib.metadata
import importlib.resources
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import yaml
from _spec_types import SpecTypeError
from _spec_types import render as render_schemas

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
GENERATED = ROOT / "generated"
CONFIG = GENERATED / "openapi-python-client.yaml"
RUFF_CONFIG = GENERATED / "ruff.toml"
TEMPLATES = GENERATED / "templates"
ENDPOINT_TEMPLATE = "endpoint_module.py.jinja"
PACKAGE = "scaleout_api"
DEFAULT_OUTPUT = GENERATED / PACKAGE
PY_TYPED = "# Marker file for PEP 561\n"
IGNORED_NAMES = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"}
IGNORED_SUFFIXES = (".pyc", ".pyo")
MAX_DIFF_LINES = 400


class GenerateError(Exception):
    """A failure with a message meant for the user."""


def pinned_versions() -> dict[str, str]:
    """The exact pins of the generator toolchain, read from pyproject.toml's dev group."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = data.get("dependency-groups", {}).get("dev", [])
    pins: dict[str, str] = {}
    for requirement in dev:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.\-]+)\s*", requirement)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    missing = {"openapi-python-client", "ruff"} - pins.keys()
    if missing:
        raise GenerateError(
            f"pyproject.toml's dev dependency group must pin {', '.join(sorted(missing))} with '=='"
        )
    return pins


def tool_bin_dir() -> Path:
    # Not resolved: a venv's python is a symlink and its bin dir is the venv's.
    return Path(sys.executable).parent


def check_toolchain(pins: dict[str, str]) -> tuple[Path, Path]:
    """Return (generator, ruff) executables after checking they match the pins."""
    bin_dir = tool_bin_dir()
    hint = "install the pinned tools with: .venv/bin/pip install --group dev"

    try:
        generator_version = importlib.metadata.version("openapi-python-client")
    except importlib.metadata.PackageNotFoundError:
        raise GenerateError(
            f"openapi-python-client is not installed for {sys.executable}; {hint}"
        ) from None
    if generator_version != pins["openapi-python-client"]:
        raise GenerateError(
            f"openapi-python-client {generator_version} is installed, but pyproject.toml "
            f"pins {pins['openapi-python-client']}; {hint}"
        )
    generator = bin_dir / "openapi-python-client"
    if not generator.exists():
        raise GenerateError(f"{generator} not found; {hint}")

    ruff = bin_dir / "ruff"
    if not ruff.exists():
        raise GenerateError(f"ruff not found in {bin_dir}; {hint}")
    out = subprocess.run([str(ruff), "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"ruff (\S+)", out.stdout)
    ruff_version = (
        match.group(1) if match else f"unknown ({out.stdout.strip() or out.stderr.strip()})"
    )
    if ruff_version != pins["ruff"]:
        raise GenerateError(
            f"ruff {ruff_version} is installed in {bin_dir}, but pyproject.toml pins "
            f"{pins['ruff']}; {hint}"
        )
    return generator, ruff


def compose_templates(staging: Path) -> Path:
    """A custom template folder: the generator's endpoint template between our head and tail."""
    folder = staging / "templates"
    folder.mkdir()
    default = importlib.resources.files("openapi_python_client") / "templates" / ENDPOINT_TEMPLATE
    head = (TEMPLATES / "endpoint_module_head.py.jinja").read_text(encoding="utf-8")
    tail = (TEMPLATES / "endpoint_module_tail.py.jinja").read_text(encoding="utf-8")
    text = head + default.read_text(encoding="utf-8") + tail
    (folder / ENDPOINT_TEMPLATE).write_text(text, encoding="utf-8")
    return folder


def write_extras(package_dir: Path, spec: Path) -> None:
    """The modules the generator does not write: ``operation.py`` and ``schemas.py``."""
    shutil.copyfile(TEMPLATES / "operation.py", package_dir / "operation.py")
    try:
        document = yaml.safe_load(spec.read_text(encoding="utf-8"))
        source = render_schemas(document)
    except (yaml.YAMLError, SpecTypeError) as exc:
        raise GenerateError(f"cannot derive scaleout_api/schemas.py from {spec}: {exc}") from exc
    (package_dir / "schemas.py").write_text(source, encoding="utf-8")


def generate_into(
    staging: Path, spec: Path, generator: Path, ruff: Path, fail_on_warning: bool
) -> Path:
    """Generate the package into ``staging/scaleout_api`` and return that path."""
    shutil.copyfile(RUFF_CONFIG, staging / "ruff.toml")
    templates = compose_templates(staging)
    package_dir = staging / PACKAGE
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(tool_bin_dir()), env.get("PATH", "")])
    for var in [name for name in env if name.startswith("RUFF_")]:
        env.pop(var)  # only generated/ruff.toml may influence ruff
    env["NO_COLOR"] = "1"
    cmd = [
        str(generator),
        "generate",
        "--path",
        str(spec),
        "--meta",
        "none",
        "--output-path",
        str(package_dir),
        "--overwrite",
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(templates),
    ]
    if fail_on_warning:
        cmd.append("--fail-on-warning")
    result = subprocess.run(cmd, cwd=staging, env=env, capture_output=True, text=True, check=False)
    output = "\n".join(
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not line.startswith("Generating ")
    )
    if output:
        # Warnings (e.g. an endpoint that could not be generated) must be seen.
        print(f"openapi-python-client output:\n{output}", file=sys.stderr)
    if result.returncode != 0 or not (package_dir / "__init__.py").exists():
        raise GenerateError(f"openapi-python-client failed (exit code {result.returncode})")

    (package_dir / "py.typed").write_text(PY_TYPED, encoding="utf-8")
    write_extras(package_dir, spec)
    # The same fixes and formatting the generator's post-hooks apply, for the added modules.
    for hook in (["check", "--fix-only"], ["format"]):
        subprocess.run(
            [str(ruff), *hook, "--no-cache", "--config", str(staging / "ruff.toml"), "."],
            cwd=package_dir,
            env=env,
            capture_output=True,
            check=True,
        )

    # The post-hooks only auto-fix; anything left (name clashes, undefined names, ...)
    # means the generated code is broken.
    lint = subprocess.run(
        [str(ruff), "check", "--no-cache", "--no-fix", "--config", str(staging / "ruff.toml"), "."],
        cwd=package_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if lint.returncode != 0:
        raise GenerateError(
            "the generated code does not pass `ruff check` (generated/ruff.toml):\n"
            + lint.stdout
            + lint.stderr
        )
    return package_dir


def tree_files(root: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in IGNORED_NAMES for part in rel.parts) or path.name.endswith(IGNORED_SUFFIXES):
            continue
        if path.is_file():
            files[rel.as_posix()] = path
    return files


def compare(expected_dir: Path, actual_dir: Path) -> list[str]:
    """Unified-diff lines turning ``actual_dir`` (committed) into ``expected_dir`` (fresh)."""
    expected = tree_files(expected_dir)
    actual = tree_files(actual_dir)
    lines: list[str] = []
    added = sorted(expected.keys() - actual.keys())
    removed = sorted(actual.keys() - expected.keys())
    changed = sorted(
        name
        for name in expected.keys() & actual.keys()
        if not filecmp.cmp(expected[name], actual[name], shallow=False)
    )
    if not (added or removed or changed):
        return []
    lines.append(
        f"{len(changed)} changed, {len(added)} missing from the committed package, "
        f"{len(removed)} stale in the committed package"
    )
    lines += [f"  missing: {name}" for name in added]
    lines += [f"  stale:   {name}" for name in removed]
    lines += [f"  changed: {name}" for name in changed]
    for name in changed + added + removed:
        old = (
            actual[name].read_text(encoding="utf-8", errors="replace").splitlines(True)
            if name in actual
            else []
        )
        new = (
            expected[name].read_text(encoding="utf-8", errors="replace").splitlines(True)
            if name in expected
            else []
        )
        lines += [
            line.rstrip("\n")
            for line in difflib.unified_diff(
                old, new, fromfile=f"committed/{name}", tofile=f"regenerated/{name}"
            )
        ]
    return lines


def looks_generated(path: Path) -> bool:
    return (path / "__init__.py").is_file() and (path / "client.py").is_file()


def install(package_dir: Path, output: Path) -> None:
    if output.exists():
        if not output.is_dir():
            raise GenerateError(f"--output {output} exists and is not a directory")
        if any(output.iterdir()) and not looks_generated(output):
            raise GenerateError(
                f"refusing to replace {output}: it is not empty and does not look like a "
                "generated package (no __init__.py + client.py)"
            )
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(package_dir, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary folder and diff against the committed "
        "generated/scaleout_api (exit 1 on any difference)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"package folder to write (default: {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    parser.add_argument("--spec", type=Path, default=SPEC, help=argparse.SUPPRESS)
    parser.add_argument(
        "--fail-on-warning",
        action="store_true",
        help="treat generator warnings (e.g. skipped endpoints) as errors",
    )
    args = parser.parse_args(argv)
    if args.check and args.output is not None:
        parser.error(
            "--check compares against generated/scaleout_api; do not combine with --output"
        )

    spec: Path = args.spec.resolve()
    try:
        if not spec.is_file():
            raise GenerateError(f"spec not found: {spec}")
        for needed in (CONFIG, RUFF_CONFIG, TEMPLATES):
            if not needed.exists():
                raise GenerateError(f"missing committed generator config: {needed}")
        generator, ruff = check_toolchain(pinned_versions())
        with tempfile.TemporaryDirectory(prefix="scaleout-generate-") as tmp:
            package_dir = generate_into(Path(tmp), spec, generator, ruff, args.fail_on_warning)
            if args.check:
                diff = compare(package_dir, DEFAULT_OUTPUT)
                if diff:
                    shown_spec = spec.relative_to(ROOT) if spec.is_relative_to(ROOT) else spec
                    print(
                        f"generated/{PACKAGE} is out of date with {shown_spec}; "
                        "run: .venv/bin/python scripts/generate.py",
                        file=sys.stderr,
                    )
                    shown = diff[:MAX_DIFF_LINES]
                    print("\n".join(shown))
                    if len(diff) > len(shown):
                        print(f"... ({len(diff) - len(shown)} more diff lines)")
                    return 1
                print(f"generated/{PACKAGE} is up to date")
                return 0
            output = (args.output or DEFAULT_OUTPUT).resolve()
            install(package_dir, output)
            count = len(tree_files(output))
            print(f"wrote {count} files to {output}")
            return 0
    except GenerateError as exc:
        print(f"generate.py: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
