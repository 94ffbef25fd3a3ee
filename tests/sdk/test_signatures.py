"""The public signatures of ``Scaleout`` match the documented 1.0.1 client.

The documented ones are parsed from the published API reference (shared/reference), the
undocumented 1.0.1 methods are facts of the vendor client listed here. Positional parameter
names, their order and their defaults must match exactly, so code written against 1.0.1 keeps
working; new parameters are only allowed keyword-only.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from scaleout import Scaleout

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
DOC = REFERENCE / "scaleout-api-client.txt"

_LINE = re.compile(
    r"^- (?:class \S+\.)?(?P<name>\w+)\((?P<params>.*)\)\s*(?P<ret>[^\[]*)\[source\]\s*$"
)
_PARAM = re.compile(r"^(?P<name>\w+)(?:\s*:\s*(?P<ann>.+?))?(?:\s*=\s*(?P<default>.+))?$")

_NO_DEFAULT = object()

# Public methods of the 1.0.1 client that the reference page does not list.
UNDOCUMENTED_101 = [
    "get_client(id)",
    "get_clients(n_max=None)",
    "get_combiner(id)",
    "get_combiners(n_max=None)",
    "get_model(id)",
    "get_models(session_id=None, n_max=None)",
    "download_model(id, path)",
    "get_package(id)",
    "get_packages(n_max=None)",
    "download_package(path)",
    "get_round(id)",
    "get_rounds(n_max=None, filter=None)",
    "get_session(id=None, name=None)",
    "get_sessions(n_max=None, name=None)",
    "get_session_status(id)",
    "session_is_finished(id)",
    "get_status(id)",
    "get_validation(id)",
    "get_attribute_trail(node_id)",
    "step_current_session()",
    "stop_current_session()",
]


def split_top_level(text: str) -> list[str]:
    """Split on commas outside brackets (``Callable[[], str | None]`` has commas inside)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current)
    return [part.strip() for part in parts]


def parse_params(text: str) -> list[tuple[str, Any]]:
    params = []
    for part in split_top_level(text):
        match = _PARAM.match(part)
        assert match, f"cannot parse parameter {part!r}"
        default = match["default"]
        params.append(
            (match["name"], _NO_DEFAULT if default is None else ast.literal_eval(default.strip()))
        )
    return params


def documented() -> dict[str, list[tuple[str, Any]]]:
    found: dict[str, list[tuple[str, Any]]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if match:
            name = "__init__" if match["name"] == "Scaleout" else match["name"]
            params = parse_params(match["params"])
            assert found.get(name, params) == params, f"{name} documented twice, differently"
            found[name] = params
    return found


def vendor_facts() -> dict[str, list[tuple[str, Any]]]:
    facts = {}
    for entry in UNDOCUMENTED_101:
        match = re.fullmatch(r"(\w+)\((.*)\)", entry)
        assert match
        facts[match[1]] = parse_params(match[2])
    return facts


DOCUMENTED = documented()
FACTS = vendor_facts()


def positional(name: str) -> list[tuple[str, Any]]:
    signature = inspect.signature(getattr(Scaleout, name))
    result = []
    for param in list(signature.parameters.values())[1:]:  # drop self
        if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
            default = _NO_DEFAULT if param.default is param.empty else param.default
            result.append((param.name, default))
        else:
            assert param.kind is param.KEYWORD_ONLY, (
                f"{name}: {param.name} is {param.kind.description}; extras must be keyword-only"
            )
            assert param.default is not param.empty, f"{name}: extra {param.name} needs a default"
    return result


def test_reference_page_parsed() -> None:
    # Guards the parser: every "[source]" line is parsed (the class line and __init__ merge).
    assert "__init__" in DOCUMENTED
    source_lines = DOC.read_text(encoding="utf-8").count("[source]")
    assert len(DOCUMENTED) == source_lines - 1 == 28
    assert DOCUMENTED["continue_session"] == [
        ("session_id", _NO_DEFAULT),
        ("rounds", 5),
        ("round_timeout", 180),
    ]
    assert [n for n, _ in DOCUMENTED["__init__"]] == [
        "host",
        "port",
        "secure",
        "verify",
        "token",
        "auth_scheme",
        "token_endpoint",
        "access_token_provider",
    ]
    assert DOCUMENTED["set_active_package"][-1] == ("description", "")
    assert DOCUMENTED["start_session"][1] == ("aggregator", "fedavg")


#: Documented parameters that gained a default: every call written against 1.0.1 still works.
NEW_DEFAULTS = {("__init__", "host"): None}  # read from SCALEOUT_HOST when not given


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_documented_signature(name: str) -> None:
    assert hasattr(Scaleout, name), f"documented method {name} is missing"
    expected = [
        (param, NEW_DEFAULTS.get((name, param), default) if default is _NO_DEFAULT else default)
        for param, default in DOCUMENTED[name]
    ]
    assert positional(name) == expected


@pytest.mark.parametrize("name", sorted(FACTS))
def test_vendor_101_signature(name: str) -> None:
    assert hasattr(Scaleout, name), f"1.0.1 method {name} is missing"
    assert positional(name) == FACTS[name]


def public_members() -> list[str]:
    return sorted(name for name in dir(Scaleout) if not name.startswith("_"))


@pytest.mark.parametrize("name", public_members())
def test_public_member_documented_and_typed(name: str) -> None:
    member = inspect.getattr_static(Scaleout, name)
    if isinstance(member, property):
        assert member.fget is not None
        assert inspect.getdoc(member.fget), f"property {name} has no docstring"
        signature = inspect.signature(member.fget)
        assert signature.return_annotation is not signature.empty, f"{name}: no return type"
        return
    assert callable(member), name
    assert inspect.getdoc(member), f"{name} has no docstring"
    signature = inspect.signature(member)
    for param in list(signature.parameters.values())[1:]:
        assert param.annotation is not param.empty, f"{name}({param.name}) has no type hint"
    assert signature.return_annotation is not signature.empty, f"{name} has no return type"


def test_constructor_documented_and_typed() -> None:
    assert inspect.getdoc(Scaleout.__init__)
    assert inspect.getdoc(Scaleout)
    signature = inspect.signature(Scaleout.__init__)
    for param in list(signature.parameters.values())[1:]:
        assert param.annotation is not param.empty, f"__init__({param.name}) has no type hint"


@pytest.mark.parametrize("name", public_members())
def test_docstring_params_exist(name: str) -> None:
    """Every ``:param x:`` in a docstring names a real parameter (1.0.1 bug 18 class)."""
    member = inspect.getattr_static(Scaleout, name)
    if isinstance(member, property):
        return
    doc = inspect.getdoc(member) or ""
    named = set(re.findall(r":param (\w+):", doc))
    actual = set(list(inspect.signature(member).parameters)[1:])
    assert named <= actual, f"{name} documents parameters it does not take: {named - actual}"
