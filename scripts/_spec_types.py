r"""Python typing for the JSON of the spec: the source of ``scaleout_api/schemas.py``.

``scripts/generate.py`` writes that module next to the openapi-python-client output. It holds:

* one ``Literal`` alias per enum schema (``SessionStatus = Literal["Created", ...]``);
* one ``TypedDict`` per object schema, with the spec's required keys as required keys, the
  others ``NotRequired``, and ``| None`` where a field is nullable; inline object schemas get
  a ``TypedDict`` named after their parent and field (``RoundDataReduce``);
* a ``dict[str, ...]`` alias for each map schema (only ``additionalProperties``);
* one alias per operation, ``<OperationId>Result``, for the JSON of its success answer
  (``bytes`` for a binary answer), which the endpoint modules' ``build_request`` carry as their
  type parameter.

These describe the plain dicts that ``response.json()`` gives; nothing is checked at run time.
Every construct the spec uses is handled explicitly: anything else is an error, so a new kind
of schema cannot slip through as ``Any`` unnoticed.

Definitions are written in dependency order and without postponed annotations, so the
``TypedDict`` classes are right at run time too (``__required_keys__``, ``get_type_hints``): Python
3.11 cannot see ``NotRequired`` inside a string annotation.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from collections.abc import Iterator, Mapping
from typing import Any

HEADER = '''\
"""TypedDicts and Literal aliases for the JSON of every schema in openapi/controller.yaml.

Written by scripts/generate.py (not by openapi-python-client); never edit it by hand. They
describe the plain dicts of ``response.json()``: required keys are the spec's required
properties, optional ones are ``NotRequired``, and nullable fields admit ``None``.
``<OperationId>Result`` is the JSON of each operation's success answer.
"""

from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

'''

_SUCCESS = re.compile(r"^2\d\d$")
_JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json$")


class SpecTypeError(Exception):
    """The spec uses a construct this generator does not translate."""


def pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", text) if part)


class _Module:
    """Collects the definitions of the module while schemas are translated."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.components: Mapping[str, Any] = spec.get("components", {}).get("schemas", {})
        self.enums: dict[str, str] = {}
        self.typed_dicts: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        #: The names each TypedDict or alias uses, which must be defined before it.
        self.deps: dict[str, set[str]] = {}
        self.taken: set[str] = set(self.components)

    def resolve(self, ref: str, section: str) -> tuple[str, Any]:
        prefix = f"#/components/{section}/"
        if not ref.startswith(prefix):
            raise SpecTypeError(f"unsupported $ref {ref!r}")
        name = ref[len(prefix) :]
        table = self.spec.get("components", {}).get(section, {})
        if name not in table:
            raise SpecTypeError(f"dangling $ref {ref!r}")
        return name, table[name]

    def component(self, name: str, schema: Mapping[str, Any]) -> None:
        if "enum" in schema:
            self.enums[name] = _literal(schema)
        elif _is_object_with_properties(schema):
            self.typed_dict(name, schema)
        else:
            text, deps = self.type_of(schema, name)
            self.aliases[name] = text
            self.deps[name] = deps

    def type_of(self, schema: Any, context: str) -> tuple[str, set[str]]:
        """The annotation of ``schema`` and the component names it uses."""
        if not isinstance(schema, Mapping):
            raise SpecTypeError(f"{context}: schema is not an object")
        nullable = bool(schema.get("nullable"))
        deps: set[str] = set()
        if "$ref" in schema:
            name, _ = self.resolve(schema["$ref"], "schemas")
            text, deps = name, {name}
        elif "allOf" in schema:
            members = schema["allOf"]
            if len(members) != 1:
                raise SpecTypeError(f"{context}: allOf with {len(members)} members")
            text, deps = self.type_of(members[0], context)
        elif "oneOf" in schema or "anyOf" in schema:
            parts: list[str] = []
            for index, member in enumerate(schema.get("oneOf") or schema.get("anyOf")):
                if _is_null_only(member):
                    nullable = True
                    continue
                part, used = self.type_of(member, f"{context}{index}")
                deps |= used
                parts.extend(p for p in _split_union(part) if p not in parts)
            if "None" in parts:
                parts.remove("None")
                nullable = True
            text = " | ".join(parts)
        elif "enum" in schema:
            text = _literal(schema)
        else:
            text, deps = self._typed(schema, context)
        if nullable and "None" not in _split_union(text):
            text = f"{text} | None"
        return text, deps

    def _typed(self, schema: Mapping[str, Any], context: str) -> tuple[str, set[str]]:
        kind = schema.get("type")
        if kind == "string":
            return ("bytes" if schema.get("format") == "binary" else "str"), set()
        if kind == "integer":
            return "int", set()
        if kind == "number":
            return "float", set()
        if kind == "boolean":
            return "bool", set()
        if kind == "array":
            if "items" not in schema:
                raise SpecTypeError(f"{context}: array without items")
            item, deps = self.type_of(schema["items"], f"{context}Item")
            return f"list[{item}]", deps
        if kind == "object" or (kind is None and "properties" in schema):
            if _is_object_with_properties(schema):
                name = self.fresh_name(context)
                self.typed_dict(name, schema)
                return name, {name}
            extra = schema.get("additionalProperties", True)
            if isinstance(extra, Mapping) and extra:
                value, deps = self.type_of(extra, f"{context}Value")
                return f"dict[str, {value}]", deps
            return "dict[str, Any]", set()
        if kind is None and not (set(schema) - {"description", "example", "nullable", "title"}):
            return "Any", set()
        raise SpecTypeError(f"{context}: unsupported schema {dict(schema)!r}")

    def fresh_name(self, wanted: str) -> str:
        name = wanted
        counter = 2
        while name in self.taken:
            name = f"{wanted}{counter}"
            counter += 1
        self.taken.add(name)
        return name

    def typed_dict(self, name: str, schema: Mapping[str, Any]) -> None:
        """Define the TypedDict ``name`` (and the ones its inline objects need)."""
        required = set(schema.get("required") or [])
        properties: Mapping[str, Any] = schema["properties"]
        unknown = required - set(properties)
        if unknown:
            raise SpecTypeError(f"{name}: required but not defined: {sorted(unknown)}")
        fields: list[tuple[str, str, str | None]] = []
        deps: set[str] = set()
        for key, prop in properties.items():
            text, used = self.type_of(prop, name + pascal(key))
            deps |= used
            annotation = text if key in required else f"NotRequired[{text}]"
            description = prop.get("description") if isinstance(prop, Mapping) else None
            fields.append((key, annotation, description))
        self.deps[name] = deps - {name}
        doc = _docstring(schema.get("description") or f"The {name} schema.")
        if all(key.isidentifier() and not keyword.iskeyword(key) for key, _, _ in fields):
            lines = [f"class {name}(TypedDict):", *_indent(doc)]
            for key, annotation, description in fields:
                if description:
                    lines.extend(f"    #: {line}" for line in _wrap(description, 90))
                lines.append(f"    {key}: {annotation}")
            self.typed_dicts[name] = "\n".join(lines)
            return
        # Keys such as "sender.client_id" are no identifiers: the functional form takes them.
        comment = [f"# {line}" for line in _wrap(schema.get("description") or name, 96)]
        body = "".join(f"\n        {key!r}: {annotation}," for key, annotation, _ in fields)
        call = f"{name} = TypedDict(\n    {name!r},\n    {{{body}\n    }},\n)"
        self.typed_dicts[name] = "\n".join([*comment, call])

    def results(self) -> Iterator[tuple[str, str]]:
        """``(alias, annotation)`` of each operation's success answer, in spec order."""
        for path, item in self.spec.get("paths", {}).items():
            for method, operation in item.items():
                if method not in {"get", "put", "post", "delete", "patch", "head", "options"}:
                    continue
                operation_id = operation.get("operationId")
                if not operation_id:
                    raise SpecTypeError(f"{method.upper()} {path} has no operationId")
                yield f"{pascal(operation_id)}Result", self.success_type(operation, path)

    def success_type(self, operation: Mapping[str, Any], path: str) -> str:
        responses = operation.get("responses") or {}
        for status in sorted(str(code) for code in responses if _SUCCESS.match(str(code))):
            response = responses.get(status, responses.get(int(status)))
            if "$ref" in response:
                _, response = self.resolve(response["$ref"], "responses")
            content = response.get("content") or {}
            if not content:
                return "None"
            for media_type, media in content.items():
                if _JSON_MEDIA.match(media_type):
                    text, _ = self.type_of(media.get("schema") or {}, pascal(path))
                    return text
            return "bytes"
        raise SpecTypeError(f"{path}: no 2xx response")


def render(spec: Mapping[str, Any]) -> str:
    """The source of ``scaleout_api/schemas.py`` for ``spec``."""
    module = _Module(spec)
    for name, schema in module.components.items():
        module.component(name, schema)
    results = list(module.results())
    names = [*module.enums, *module.typed_dicts, *module.aliases, *(name for name, _ in results)]
    parts = [HEADER, "__all__ = [\n", *(f"    {name!r},\n" for name in sorted(names)), "]\n\n"]
    parts += [f"{name}: TypeAlias = {literal}\n" for name, literal in module.enums.items()]
    for name in _topological(module.deps):
        if name in module.typed_dicts:
            parts.append(f"\n\n{module.typed_dicts[name]}\n")
        else:
            parts.append(f"\n\n{name}: TypeAlias = {module.aliases[name]}\n")
    parts.append("\n\n")
    parts += [f"{name}: TypeAlias = {annotation}\n" for name, annotation in results]
    return "".join(parts)


def _topological(deps: Mapping[str, set[str]]) -> list[str]:
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise SpecTypeError(f"schemas that contain themselves ({name}) are not supported")
        visiting.add(name)
        for dep in sorted(deps[name] & deps.keys()):
            visit(dep)
        visiting.discard(name)
        done.append(name)

    for name in deps:
        visit(name)
    return done


def _literal(schema: Mapping[str, Any]) -> str:
    values = [value for value in schema["enum"] if value is not None]
    if not values or not all(isinstance(value, str) for value in values):
        raise SpecTypeError(f"only string enums are supported: {schema['enum']!r}")
    text = f"Literal[{', '.join(repr(value) for value in values)}]"
    return f"{text} | None" if None in schema["enum"] else text


def _is_object_with_properties(schema: Mapping[str, Any]) -> bool:
    return schema.get("type", "object") == "object" and bool(schema.get("properties"))


def _is_null_only(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("enum") == [None]


def _split_union(text: str) -> list[str]:
    depth, current, parts = 0, "", []
    for char in text:
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width) or [""]


def _docstring(text: str) -> list[str]:
    lines = _wrap(text.replace('"""', "'''").replace("\\", "\\\\"), 92)
    if len(lines) == 1:
        return [f'"""{lines[0]}"""']
    return ['"""' + lines[0], *lines[1:], '"""']


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" if line else "" for line in lines]
