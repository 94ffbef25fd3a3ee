#!/usr/bin/env python3
"""Validate openapi/controller.yaml and print a summary of it.

Exit codes: 0 valid, 1 invalid or unreadable spec.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator.readers import read_from_filename
from openapi_spec_validator.shortcuts import get_validator_cls
from openapi_spec_validator.validation.exceptions import ValidatorDetectError

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "controller.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MAX_ERRORS = 20
MAX_LINE = 300


def validation_errors(spec: dict[str, Any], base_uri: str) -> list[str]:
    """All validation errors as 'location: message' lines (empty when valid)."""
    try:
        validator = get_validator_cls(spec)(spec, base_uri=base_uri)
        errors = list(validator.iter_errors())
    except ValidatorDetectError:
        return ["(root): no supported 'openapi' (or 'swagger') version field"]
    except Exception as exc:  # unresolvable $ref, ...
        return [f"{type(exc).__name__}: {exc}"]
    lines = []
    for err in errors:
        location = "/".join(str(part) for part in getattr(err, "absolute_path", [])) or "(root)"
        message = getattr(err, "message", None) or str(err)
        line = f"{location}: {message}"
        lines.append(line if len(line) <= MAX_LINE else line[: MAX_LINE - 3] + "...")
    return lines


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    ops = []
    for path, item in (spec.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                ops.append((method.upper(), path, item[method]))
    return ops


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    # The last column (operationIds) is not padded: it can be long.
    widths[-1] = 0
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (
            header,
            tuple("-" * max(w, len(h)) for w, h in zip(widths, header, strict=True)),
            *rows,
        )
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "spec", nargs="?", type=Path, default=SPEC, help="default: openapi/controller.yaml"
    )
    args = parser.parse_args(argv)
    spec_path: Path = args.spec

    if not spec_path.is_file():
        print(f"error: spec not found: {spec_path}", file=sys.stderr)
        return 1
    try:
        spec_dict, base_uri = read_from_filename(str(spec_path))
    except (OSError, yaml.YAMLError) as exc:
        print(f"error: cannot read {spec_path}: {exc}", file=sys.stderr)
        return 1
    if not isinstance(spec_dict, dict):
        print(f"error: {spec_path} is not a YAML/JSON mapping", file=sys.stderr)
        return 1
    errors = validation_errors(spec_dict, base_uri)
    if errors:
        print(f"error: {spec_path} is NOT a valid OpenAPI document:", file=sys.stderr)
        for line in errors[:MAX_ERRORS]:
            print(f"  {line}", file=sys.stderr)
        if len(errors) > MAX_ERRORS:
            print(f"  ... and {len(errors) - MAX_ERRORS} more", file=sys.stderr)
        return 1

    info = spec_dict.get("info", {})
    ops = operations(spec_dict)
    by_tag: dict[str, list[str]] = defaultdict(list)
    for method, path, op in ops:
        for tag in op.get("tags") or ["(untagged)"]:
            by_tag[tag].append(op.get("operationId") or f"<{method} {path}>")
    schemas = (spec_dict.get("components") or {}).get("schemas") or {}

    print(f"{spec_path}: valid OpenAPI {spec_dict.get('openapi', '?')}")
    print(f"title:      {info.get('title', '?')}")
    print(f"version:    {info.get('version', '?')}")
    print(f"paths:      {len(spec_dict.get('paths') or {})}")
    print(f"operations: {len(ops)}")
    print(f"schemas:    {len(schemas)}")
    print()
    rows = [(tag, str(len(ids)), ", ".join(ids)) for tag, ids in sorted(by_tag.items())]
    print(table(rows, ("tag", "count", "operationIds")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
