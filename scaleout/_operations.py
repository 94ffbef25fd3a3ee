"""The bridge from hand-written methods to the generated, spec-derived operations.

Each hand-written method names an operation (``"models.get_model"``); the generated module's
request builder turns the arguments into method, path (with every segment escaped), query,
headers and body exactly as the spec says, and the HTTP core sends it. So paths and encodings
come from ``openapi/controller.yaml`` alone, while retries, auth, timeouts and errors stay in
the core.

The generated package is imported on first use, not at ``import scaleout``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import httpx

from ._exceptions import ScaleoutError

_GENERATED = "scaleout_api"


def operation_module(operation: str) -> ModuleType:
    """The generated module of ``"<tag>.<operation_id>"``."""
    return importlib.import_module(f"{_GENERATED}.api.{operation}")


def model_class(name: str) -> Any:
    """A generated attrs model class by name (e.g. ``"SessionCreate"``)."""
    return getattr(importlib.import_module(f"{_GENERATED}.models"), name)


def build_request(
    operation: str, /, *, extra_params: Mapping[str, str] | None = None, **arguments: Any
) -> dict[str, Any]:
    """The request of an operation as keyword arguments for ``HTTPCore.request``.

    ``extra_params`` carries filters the spec accepts but does not list one by one (any entity
    field is a filter on list and count endpoints).
    """
    built: dict[str, Any] = operation_module(operation)._get_kwargs(**arguments)
    if extra_params:
        built["params"] = {**(built.get("params") or {}), **extra_params}
    headers = dict(built.get("headers") or {})
    if "json" not in built and "data" not in built and "content" not in built:
        # The generator declares a JSON content type even when an optional body is left out;
        # an empty body labelled JSON is rejected by strict servers.
        headers.pop("Content-Type", None)
    request: dict[str, Any] = {
        "method": built["method"].upper(),
        "path": _escape_dot_segments(built["url"]),
        "params": built.get("params") or None,
        "headers": headers or None,
    }
    for key in ("json", "data", "content"):
        if key in built:
            request[key] = built[key]
    return request


_DOT_SEGMENTS = {".": "%2E", "..": "%2E%2E"}


def _escape_dot_segments(path: str) -> str:
    """Escape ``.``/``..`` path segments, which only an id argument can produce.

    Percent-quoting leaves dots alone, and URL normalisation would then drop them: the id
    ``".."`` would turn ``/api/v1/clients/..`` into ``/api/v1`` and reach the wrong route.
    """
    return "/".join(_DOT_SEGMENTS.get(segment, segment) for segment in path.split("/"))


def body(model: str, payload: Mapping[str, Any]) -> Any:
    """A generated request model from a dict; unknown keys travel as additional properties."""
    return model_class(model).from_dict(dict(payload))


def binary_body(payload: bytes) -> Any:
    """A generated ``File`` body holding raw bytes."""
    file_type = importlib.import_module(f"{_GENERATED}.types").File
    return file_type(payload=payload)


def decode_json(response: httpx.Response) -> Any:
    """The parsed JSON of a successful response, or a clear error if it is not JSON."""
    if not response.content:
        return None
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        content_type = response.headers.get("content-type", "unknown content type")
        raise ScaleoutError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code} with a body that is not JSON ({content_type})"
        ) from exc
