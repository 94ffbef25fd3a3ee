"""The answer a well-behaved controller gives to any request: the spec's own examples.

A fault test scripts only the route it breaks; every other request the call makes gets
the first 2xx answer the spec documents for its operation, built from the spec's examples
(so the SDK's answer checks pass), and a download gets ``DOWNLOAD_BYTES``.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ._faulty_server import Fault, Received, answer

__all__ = ["DOWNLOAD_BYTES", "spec_answer", "spec_example"]

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "controller.yaml"

#: What every download serves: a few chunks' worth of bytes no two positions alike.
DOWNLOAD_BYTES = bytes(range(256)) * 1024


@functools.cache
def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _routes() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    routes = []
    for template, item in _spec()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                routes.append((method.upper(), pattern, operation))
    # A literal segment ("count") beats a parameter that would also match it.
    routes.sort(key=lambda route: route[1].pattern.count("[^/]+"))
    return routes


def spec_example(schema: dict[str, Any]) -> Any:
    """The example of ``schema`` (a ``$ref``, an array of one, or an inline example)."""
    components = _spec()["components"]["schemas"]
    if "$ref" in schema:
        return copy.deepcopy(components[schema["$ref"].split("/")[-1]]["example"])
    if schema.get("type") == "array":
        return [spec_example(schema["items"])]
    return copy.deepcopy(schema.get("example", 0))


def spec_answer(received: Received) -> Fault:
    path = received.path.split("?")[0]
    for method, pattern, found in _routes():
        if method == received.method and pattern.match(path):
            operation = found
            break
    else:
        return answer(404, {"message": f"no route {received.method} {path}"})
    code = min(code for code in map(str, operation["responses"]) if code.startswith("2"))
    response = operation["responses"][code] if code in operation["responses"] else None
    response = response or operation["responses"][int(code)]
    if "$ref" in response:
        response = _spec()["components"]["responses"][response["$ref"].split("/")[-1]]
    content = response.get("content", {})
    if "application/octet-stream" in content:
        return answer(int(code), DOWNLOAD_BYTES, Content_Type="application/octet-stream")
    media = content["application/json"]
    body = media["example"] if "example" in media else spec_example(media["schema"])
    return answer(int(code), body)
