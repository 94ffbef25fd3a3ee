"""The public signatures of ``Scaleout`` match the documented 1.0.1 client.

The 1.0.1 interface is described in ``_interface_101``: the methods of the vendor's published
API reference and the public 1.0.1 methods it does not list. Positional parameter names, their
order and their defaults must match exactly, so code written against 1.0.1 keeps working; new
parameters are only allowed keyword-only.
"""

from __future__ import annotations

import ast
import inspect
import re
from typing import Any

import pytest

from scaleout import Scaleout

from ._interface_101 import DOCUMENTED as DOCUMENTED_101
from ._interface_101 import UNDOCUMENTED as UNDOCUMENTED_101

_PARAM = re.compile(r"^(?P<name>\w+)(?:\s*=\s*(?P<default>.+))?$")

_NO_DEFAULT = object()


def parse_params(texts: tuple[str, ...]) -> list[tuple[str, Any]]:
    params = []
    for text in texts:
        match = _PARAM.match(text)
        assert match, f"cannot parse parameter {text!r}"
        default = match["default"]
        params.append(
            (match["name"], _NO_DEFAULT if default is None else ast.literal_eval(default.strip()))
        )
    return params


DOCUMENTED = {name: parse_params(params) for name, params in DOCUMENTED_101.items()}
FACTS = {name: parse_params(params) for name, params in UNDOCUMENTED_101.items()}


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


def test_interface_table_parsed() -> None:
    # Guards the table and its parser: defaults are Python values, the two lists are disjoint.
    assert len(DOCUMENTED) == 28
    assert not DOCUMENTED.keys() & FACTS.keys()
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


def public_methods() -> list[str]:
    """The public members that take parameters (not properties)."""
    return [
        name
        for name in public_members()
        if not isinstance(inspect.getattr_static(Scaleout, name), property)
    ]


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


@pytest.mark.parametrize("name", public_methods())
def test_docstring_params_exist(name: str) -> None:
    """Every ``:param x:`` in a docstring names a real parameter (1.0.1 bug 18 class)."""
    member = inspect.getattr_static(Scaleout, name)
    doc = inspect.getdoc(member) or ""
    named = set(re.findall(r":param (\w+):", doc))
    actual = set(list(inspect.signature(member).parameters)[1:])
    assert named <= actual, f"{name} documents parameters it does not take: {named - actual}"
