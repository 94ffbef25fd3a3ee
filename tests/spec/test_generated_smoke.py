"""Smoke tests of the generated client (generated/scaleout_api) against spec examples.

For every tag one representative operation (and then every operation) is called
through ``sync_detailed`` with an ``httpx.MockTransport`` that answers with the
example the spec gives for the success response; the parsed result must
round-trip and string path parameters must arrive percent-escaped.
"""

from __future__ import annotations

import builtins
import datetime
import enum
import importlib
import inspect
import io
import json
import keyword
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.spec

SUCCESS = re.compile(r"^2\d\d$")
PATH_VALUE = "x/y z"  # must reach the server as x%2Fy%20z
FIELD_PREFIX = "field_"  # openapi-python-client's default `field_prefix`


def python_identifier(value: str, prefix: str) -> str:
    """Module naming exactly as the generator does it (tags, operationIds)."""
    try:
        from openapi_python_client.strings import PythonIdentifier
    except ImportError:  # pragma: no cover - the generator is in the dev dependency group
        return _python_identifier_fallback(value, prefix)
    return str(PythonIdentifier(value, prefix))


def _python_identifier_fallback(value: str, prefix: str) -> str:
    """A copy of openapi-python-client 0.29's PythonIdentifier for str input."""
    delimiters = r"\. _-"
    value = "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in delimiters)
    leading_underscore = value.startswith("_")
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    value = "_".join(re.findall(rf"[^{re.escape(delimiters)}]+", value)).lower()
    reserved = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}
    if value in reserved or keyword.iskeyword(value):
        value = f"{value}_"
    if not value.isidentifier() or leading_underscore:
        value = f"{prefix}{value}"
    return value


def endpoint_module_name(tag: str, operation_id: str) -> str:
    tag_module = python_identifier(tag, "tag")
    return f"scaleout_api.api.{tag_module}.{python_identifier(operation_id, FIELD_PREFIX)}"


def to_json(value: Any) -> str:
    # yaml.safe_load turns unquoted timestamps into datetimes.
    def default(obj: Any) -> str:
        if isinstance(obj, datetime.datetime | datetime.date):
            return obj.isoformat()
        raise TypeError(type(obj))

    return json.dumps(value, default=default)


def media_example(media: dict[str, Any], resolver: Callable[[Any], Any]) -> Any:
    """The example of a media object (media example, examples, or schema example)."""
    if "example" in media:
        return media["example"]
    for example in (media.get("examples") or {}).values():
        example = resolver(example)
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    schema = resolver(media.get("schema") or {})
    if isinstance(schema, dict) and "example" in schema:
        return schema["example"]
    if isinstance(schema, dict) and schema.get("type") == "array":
        items = resolver(schema.get("items") or {})
        if isinstance(items, dict) and "example" in items:
            return [items["example"]]
    return None


def success_response(op: Any, resolver: Callable[[Any], Any]) -> tuple[int, str | None, Any]:
    """(status, media type, example) of the first 2xx response, preferring JSON with an example."""
    found: list[tuple[int, int, str | None, Any]] = []
    for status, response in (op.op.get("responses") or {}).items():
        if not SUCCESS.match(str(status)):
            continue
        content = (resolver(response) or {}).get("content") or {}
        if not content:
            found.append((3, int(status), None, None))
        for media_type, media in content.items():
            example = media_example(media, resolver)
            is_json = "json" in media_type
            rank = 0 if is_json and example is not None else 1 if is_json else 2
            found.append((rank, int(status), media_type, example))
    if not found:
        pytest.fail(f"{op}: no 2xx response")
    _, status, media_type, example = min(found, key=lambda item: (item[0], item[1]))
    return status, media_type, example


def pick_operation(ops: list[Any], resolver: Callable[[Any], Any]) -> Any:
    """Prefer a GET whose JSON 2xx example is a (non-empty) object or list; else any operation."""

    def score(op: Any) -> tuple[int, int, int]:
        _, media_type, example = success_response(op, resolver)
        good_example = (
            media_type is not None
            and "json" in media_type
            and isinstance(example, dict | list)
            and bool(example)
        )
        # Among equals, prefer one with a path parameter to exercise URL escaping.
        return (
            0 if op.method == "GET" else 1,
            0 if good_example else 1,
            0 if "{" in op.path else 1,
        )

    return min(ops, key=score)


def request_body_example(op: Any, resolver: Callable[[Any], Any]) -> Any:
    body = resolver(op.op.get("requestBody") or {})
    for media in (body.get("content") or {}).values():
        example = media_example(media, resolver)
        if example is not None:
            return example
    return {}


def strip_optional(annotation: Any) -> Any:
    """`X | Unset | None` -> X (the first non-Unset, non-None member)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [
            arg
            for arg in typing.get_args(annotation)
            if arg is not type(None) and getattr(arg, "__name__", "") != "Unset"
        ]
        return members[0] if members else None
    return annotation


def value_for(annotation: Any, name: str, op: Any, resolver: Callable[[Any], Any]) -> Any:
    """A value for a required parameter, from its (generated) type annotation."""
    from scaleout_api.types import File

    annotation = strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if name == "body":
        example = request_body_example(op, resolver)
        if annotation is File:
            return File(payload=io.BytesIO(b"payload"), file_name="payload.bin")
        if hasattr(annotation, "from_dict"):
            return annotation.from_dict(example if isinstance(example, dict) else {})
        if origin is list:
            (item,) = typing.get_args(annotation) or (Any,)
            items = example if isinstance(example, list) else []
            return [item.from_dict(x) if hasattr(item, "from_dict") else x for x in items]
        return example
    if inspect.isclass(annotation) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    if origin is list:
        return []
    if annotation is bool:
        return True
    if annotation is int:
        return 1
    if annotation is float:
        return 1.0
    if annotation is datetime.datetime:
        return datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    if annotation is datetime.date:
        return datetime.date(2024, 1, 1)
    if hasattr(annotation, "from_dict"):
        return annotation.from_dict({})
    return PATH_VALUE


def check_round_trip(parsed: Any, example: Any) -> None:
    if isinstance(example, list) and isinstance(parsed, list):
        assert len(parsed) == len(example)
        for item, item_example in zip(parsed, example, strict=True):
            check_round_trip(item, item_example)
        return
    if hasattr(parsed, "to_dict") and isinstance(example, dict):
        as_dict = parsed.to_dict()
        assert set(as_dict) == set(example), (
            f"{type(parsed).__name__}.to_dict() keys {sorted(as_dict)} != example keys "
            f"{sorted(example)}"
        )


def test_generated_package_imports() -> None:
    import scaleout_api
    from scaleout_api import AuthenticatedClient, Client

    assert Client is scaleout_api.Client
    assert AuthenticatedClient is scaleout_api.AuthenticatedClient
    client = AuthenticatedClient(base_url="http://test", token="t")
    assert client.get_httpx_client().headers["Authorization"] == "Bearer t"


def test_every_operation_was_generated(operations: list[Any]) -> None:
    """The generator skips endpoints it cannot handle (with only a warning)."""
    missing = []
    for op in operations:
        if not op.tags or not op.operation_id:
            continue  # reported by test_spec_valid
        name = endpoint_module_name(op.tags[0], op.operation_id)
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{op}: cannot import {name}: {exc}")
            continue
        for function in ("sync_detailed", "sync", "asyncio_detailed", "asyncio"):
            if not hasattr(module, function):
                missing.append(f"{op}: {name}.{function} missing")
    if missing:
        pytest.fail("operations missing from the generated client:\n  " + "\n  ".join(missing))


def call_operation(op: Any, resolver: Callable[[Any], Any]) -> None:
    """Call ``op`` through the generated client against a mock answering its 2xx example."""
    from scaleout_api import Client

    status, media_type, example = success_response(op, resolver)
    module = importlib.import_module(endpoint_module_name(op.tags[0], op.operation_id))

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if media_type is None:
            return httpx.Response(status)
        if "json" in media_type:
            return httpx.Response(
                status, content=to_json(example).encode(), headers={"Content-Type": media_type}
            )
        payload = example if isinstance(example, bytes) else b"\x00\x01binary"
        return httpx.Response(status, content=payload, headers={"Content-Type": media_type})

    client = Client(base_url="http://test", httpx_args={"transport": httpx.MockTransport(handler)})
    hints = typing.get_type_hints(module.sync_detailed)
    kwargs: dict[str, Any] = {}
    path_param_given = False
    for name, param in inspect.signature(module.sync_detailed).parameters.items():
        if name == "client" or param.default is not inspect.Parameter.empty:
            continue
        kwargs[name] = value_for(hints.get(name, str), name, op, resolver)
        if kwargs[name] == PATH_VALUE and param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            path_param_given = True

    response = module.sync_detailed(client=client, **kwargs)

    assert len(seen) == 1, f"{op}: expected one request, got {len(seen)}"
    request = seen[0]
    assert request.method == op.method
    if path_param_given:
        assert b"x%2Fy%20z" in request.url.raw_path, (
            f"{op}: path parameter not escaped: {request.url.raw_path!r}"
        )
    assert 200 <= response.status_code < 300, f"{op}: status {response.status_code}"
    assert response.parsed is not None, (
        f"{op}: response.parsed is None for {status} {media_type} (example {example!r})"
    )
    if media_type and "json" in media_type:
        check_round_trip(response.parsed, example)


def test_tag_smoke(spec_tag: str, operations: list[Any], resolver: Callable[[Any], Any]) -> None:
    """One representative operation per tag (see pick_operation)."""
    candidates = [op for op in operations if op.tags[:1] == [spec_tag] and op.operation_id]
    assert candidates, f"no operation with operationId has {spec_tag!r} as first tag"
    call_operation(pick_operation(candidates, resolver), resolver)


def test_operation_example_round_trip(
    spec_operation_id: str, operations: list[Any], resolver: Callable[[Any], Any]
) -> None:
    """Every operation: its 2xx example parses with the generated client."""
    op = next(op for op in operations if op.operation_id == spec_operation_id)
    if not op.tags:
        pytest.fail(f"{op} has no tag (see test_spec_valid)")
    call_operation(op, resolver)
