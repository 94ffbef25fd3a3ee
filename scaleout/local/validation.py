"""Request and response validators that read the spec the way the documented clients use it.

Connexion validates every request and response; these classes adapt three details:

* Header parameters arrive as strings, so ``X-Limit: 5`` or ``X-Reverse: true`` are converted
  to the header's schema type before validation (connexion validates the raw string).
* ``nullable: true`` is honoured next to ``allOf``/``oneOf``/``anyOf``, not only next to
  ``type``; entity JSON carries such fields as ``null``.
* A value other than ``null`` in a nullable reference (``anyOf`` a schema and a branch that
  admits only ``null``, e.g. ``sender`` or ``round_config``) is checked against the schema
  alone, so an error names the field inside it rather than "not valid under any".
* An optional JSON body may be empty even when the client declared ``application/json``: the
  generated SDK client sends exactly that on ``/file-upload/{id}/complete``.

JSON bodies are read strictly: NaN and Infinity, numbers beyond a float or 64 bits, nesting
deeper than ``MAX_JSON_DEPTH``, a key twice in one object and lone UTF-16 surrogates are 400s.
Integer headers are held to the same 64 bits.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema  # type: ignore[import-untyped, unused-ignore]
from connexion.datastructures import (  # type: ignore[import-untyped, unused-ignore]
    MediaTypeDict,
)
from connexion.exceptions import (  # type: ignore[import-untyped, unused-ignore]
    BadRequestProblem,
)
from connexion.json_schema import (  # type: ignore[import-untyped, unused-ignore]
    Draft4RequestValidator,
    Draft4ResponseValidator,
)
from connexion.validators import (  # type: ignore[import-untyped, unused-ignore]
    FormDataValidator,
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    MultiPartFormDataValidator,
    ParameterValidator,
    TextResponseBodyValidator,
)
from jsonschema import Draft4Validator  # type: ignore[import-untyped, unused-ignore]

__all__ = ["validator_map"]

_INTEGER = re.compile(r"[+-]?\d+")
_COMBINATORS = ("allOf", "anyOf", "oneOf")


def _null_if_nullable(keyword: Callable[..., Any]) -> Callable[..., Iterator[Any]]:
    def check(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        if instance is None and schema.get("nullable") is True:
            return
        errors = keyword(validator, value, instance, schema)
        if errors is not None:
            yield from errors

    return check


def _null_branch_aside(keyword: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    def check(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        others = [branch for branch in value if not _only_null(branch)]
        if instance is not None and len(others) == 1 < len(value):
            yield from validator.descend(instance, others[0])
            return
        yield from keyword(validator, value, instance, schema)

    return check


def _only_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("enum") == [None]


def _nullable_aware(base: Any) -> Any:
    overrides = {name: _null_if_nullable(base.VALIDATORS[name]) for name in _COMBINATORS}
    overrides["anyOf"] = _null_branch_aside(overrides["anyOf"])
    return jsonschema.validators.extend(base, overrides)


_RequestSchemaValidator = _nullable_aware(Draft4RequestValidator)
_ResponseSchemaValidator = _nullable_aware(Draft4ResponseValidator)


def _coerce_header(raw: str, schema: dict[str, Any]) -> tuple[Any, str | None]:
    """The header's value as its schema's type, or why it is not one."""
    kind = schema.get("type")
    text = raw.strip()
    wrong_type = f"must be of type {kind}"
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            return raw, wrong_type
        try:
            # Body integers are bounded, so headers are too: unbounded, int() of a few thousand
            # digits raises (Python's digit limit) and a paging header would take any size.
            return _bounded_int(text), None
        except ValueError:
            return raw, "is out of range"
    if kind == "number":
        try:
            return _finite_float(text), None
        except ValueError:
            return raw, wrong_type
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true", None
        return raw, wrong_type
    return raw, None


class HeaderCoercingParameterValidator(ParameterValidator):  # type: ignore[misc]
    def validate_header_parameter(self, param: dict[str, Any], request: Any) -> str | None:
        name = param["name"]
        raw = request.headers.get(name)
        if raw is None:
            return self.validate_parameter("header", None, param)  # type: ignore[no-any-return]
        schema = param.get("schema", param)
        value, problem = _coerce_header(raw, schema)
        if problem is not None:
            return f"Header '{name}' {problem}"
        return self.validate_parameter("header", value, param)  # type: ignore[no-any-return]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range")
    return number


#: Integers a field can hold (SQLite's and most servers' 64-bit range).
_INT_RANGE = (-(2**63), 2**63 - 1)
#: Deeper bodies are refused: no request of the API nests more than a few levels, and
#: parsing or validating tens of thousands of levels exhausts the recursion limit.
MAX_JSON_DEPTH = 32


def _bounded_int(text: str) -> int:
    if len(text.lstrip("+-")) > 19 or not _INT_RANGE[0] <= (number := int(text)) <= _INT_RANGE[1]:
        raise ValueError(
            f"the integer {text[:24]}{'...' if len(text) > 24 else ''} is out of range"
        )
    return number


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Which of two equal keys wins differs between parsers (a proxy may check the first, this
    # server would use the last), so an object that names a key twice is refused.
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"the key {key[:40]!r} appears twice in one object")
        obj[key] = value
    return obj


def _reject_lone_surrogates(body: Any) -> None:
    # "\ud800" parses to a string no UTF-8 can hold: stored, it would make every later answer
    # that carries it undecodable for strict clients.
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("a string holds a lone UTF-16 surrogate") from exc


def json_depth_problem(text: str, limit: int = MAX_JSON_DEPTH) -> str | None:
    """Whether JSON ``text`` nests deeper than ``limit``, found without recursion."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return f"JSON nested deeper than {limit} levels"
        elif char in "]}":
            depth -= 1
    return None


class OptionalJSONRequestBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    async def _parse(self, stream: Any, scope: Any) -> Any:
        # Strict JSON: no NaN/Infinity (Python's json accepts them), and bad text is a 400.
        raw = b"".join([chunk async for chunk in stream])
        try:
            text = raw.decode(self._encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise BadRequestProblem(detail=f"The body is not valid JSON text: {exc}") from exc
        if not text:
            return None
        too_deep = json_depth_problem(text)
        if too_deep is not None:
            raise BadRequestProblem(detail=f"The body is not acceptable: {too_deep}")
        try:
            body = json.loads(
                text,
                object_pairs_hook=_unique_keys,
                parse_constant=_reject_constant,
                parse_float=_finite_float,
                parse_int=_bounded_int,
            )
            if "\\u" in text:  # only escapes make lone surrogates: decoded UTF-8 holds none
                _reject_lone_surrogates(body)
        except ValueError as exc:
            raise BadRequestProblem(detail=f"The body is not valid JSON: {exc}") from exc
        return body

    @property
    def _validator(self) -> Any:
        return _RequestSchemaValidator(self._schema, format_checker=Draft4Validator.FORMAT_CHECKER)

    def _validate(self, body: Any) -> dict[str, Any] | None:
        if body is None and not self._required:
            return None
        if body is None:
            raise BadRequestProblem(detail="Request body must not be empty")
        return super()._validate(body)  # type: ignore[no-any-return]


class NullableJSONResponseBodyValidator(JSONResponseBodyValidator):  # type: ignore[misc]
    @property
    def validator(self) -> Any:
        return _ResponseSchemaValidator(self._schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def validator_map() -> dict[str, Any]:
    return {
        "parameter": HeaderCoercingParameterValidator,
        "body": MediaTypeDict(
            {
                "*/*json": OptionalJSONRequestBodyValidator,
                "application/x-www-form-urlencoded": FormDataValidator,
                "multipart/form-data": MultiPartFormDataValidator,
            }
        ),
        "response": MediaTypeDict(
            {
                "*/*json": NullableJSONResponseBodyValidator,
                "text/plain": TextResponseBodyValidator,
            }
        ),
    }
