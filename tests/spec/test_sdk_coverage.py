"""Spec to SDK coverage: a new operation or parameter in the spec needs a decision.

``scripts/sdk_coverage.py`` reads ``scaleout/`` and finds which function builds which operation
with which keywords. Every operation must be used by some ``Scaleout`` method or be in
``UNUSED`` with a reason; every optional parameter of a used operation must be passed by one of
its methods or be in ``NOT_PASSED`` with a reason. So after a regeneration that adds, say, a
filter to ``list_models``, this test names the parameter, the operation and the methods to
extend, instead of every test passing while the SDK ignores the addition.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import sdk_coverage

pytestmark = pytest.mark.spec

FILTER = "a documented filter the documented get_* method does not take; iter_*(filters=) sends it"
COUNT = "the documented count method takes no such filter; client.api's operation does"
NEWEST = (
    "get_commands / get_commands_roots return the newest n_max commands in the server's order; "
    "there is no iter_commands"
)
ACTIVE = "the SDK reads the active package; a stored file by name is client.api's operation"

#: Operations no ``Scaleout`` method builds, and why.
UNUSED: dict[str, str] = {
    "refresh_token": (
        "exchanged by the auth flow (scaleout/_auth.py) at the configurable token_endpoint, "
        "which need not lie under the controller's base URL"
    ),
    "get_attribute": "no method reads one attribute by id; client.api's operation does",
    "count_attributes": "no method counts attributes; client.api's operation does",
    "query_attributes": (
        "get_attribute_trail and iter_attributes filter with the query string "
        "(list_attributes); the body-filter variant is client.api's operation"
    ),
    "count_predictions": "no method counts predictions; client.api's operation does",
}

#: Optional parameters of used operations that no method passes, and why.
NOT_PASSED: dict[str, dict[str, str]] = {
    "list_clients": dict.fromkeys(["name", "combiner_preferred", "ip", "package"], FILTER),
    "count_clients": dict.fromkeys(
        ["name", "combiner", "combiner_preferred", "ip", "package"], COUNT
    ),
    "list_combiners": dict.fromkeys(["name", "address", "ip", "fqdn", "port"], FILTER),
    "count_combiners": dict.fromkeys(["name", "address", "ip", "fqdn", "port"], COUNT),
    "list_models": dict.fromkeys(["parent_model", "name", "model"], FILTER),
    "count_models": dict.fromkeys(["session_id", "parent_model", "name", "model"], COUNT),
    "list_packages": dict.fromkeys(
        ["name", "description", "file_name", "storage_file_name", "helper", "active"], FILTER
    ),
    "count_packages": dict.fromkeys(
        ["name", "description", "file_name", "storage_file_name", "helper", "active"], COUNT
    ),
    "get_package_checksum": {"name": ACTIVE},
    "download_package": {"name": ACTIVE},
    "list_sessions": dict.fromkeys(["status", "session_id", "seed_model_id"], FILTER),
    "count_sessions": dict.fromkeys(["name", "status", "session_id", "seed_model_id"], COUNT),
    "list_rounds": dict.fromkeys(["status", "round_id"], FILTER),
    "count_rounds": dict.fromkeys(["status", "round_id", "round_config.session_id"], COUNT),
    "list_statuses": dict.fromkeys(["log_level", "correlation_id"], FILTER),
    "count_statuses": dict.fromkeys(
        ["session_id", "type", "log_level", "correlation_id", "sender.name", "sender.role"], COUNT
    ),
    "list_validations": dict.fromkeys(["receiver.name", "receiver.role"], FILTER),
    "count_validations": dict.fromkeys(
        ["model_id", "correlation_id", "sender.name", "sender.role", "sender.client_id"], COUNT
    ),
    "list_predictions": dict.fromkeys(
        ["prediction_id", "sender.name", "sender.role", "receiver.name", "receiver.role"], FILTER
    ),
    "list_attributes": dict.fromkeys(["key", "value"], FILTER),
    "list_commands": {
        **dict.fromkeys(["X-Skip", "X-Sort-Key", "X-Sort-Order"], NEWEST),
        **dict.fromkeys(["command_type", "status"], "get_commands has no filter argument"),
    },
    "list_root_commands": dict.fromkeys(["X-Skip", "X-Sort-Key", "X-Sort-Order"], NEWEST),
    "count_commands": {"parent_correlation_id": COUNT},
}


@pytest.fixture(scope="module")
def uses() -> list[sdk_coverage.Use]:
    return sdk_coverage.find_uses()


@pytest.fixture(scope="module")
def spec_ops(spec: dict[str, Any]) -> list[sdk_coverage.Operation]:
    return sdk_coverage.spec_operations(spec)


def _users(uses: list[sdk_coverage.Use]) -> dict[str, list[sdk_coverage.Use]]:
    found: dict[str, list[sdk_coverage.Use]] = defaultdict(list)
    for use in uses:
        found[use.operation_id].append(use)
    return found


def test_every_operation_is_used_or_excused(
    spec_ops: list[sdk_coverage.Operation], uses: list[sdk_coverage.Use]
) -> None:
    used = _users(uses)
    problems = [
        f"{op.operation_id} ({op.method} {op.path}): no Scaleout method builds it. Add a method "
        f"in scaleout/_resources/ that calls {op.operation_id}.build_request, or add it to "
        "UNUSED in tests/spec/test_sdk_coverage.py with the reason."
        for op in spec_ops
        if op.operation_id not in used and op.operation_id not in UNUSED
    ]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_parameter_of_a_used_operation_is_passed_or_excused(
    spec_ops: list[sdk_coverage.Operation], uses: list[sdk_coverage.Use]
) -> None:
    used = _users(uses)
    calls = sdk_coverage.callers()
    problems = []
    for op in spec_ops:
        mine = used.get(op.operation_id, [])
        if not mine:
            continue
        passed = set().union(*(use.keywords for use in mine))
        excused = NOT_PASSED.get(op.operation_id, {})
        for param in op.parameters:
            if param.required or param.keyword in passed or param.name in excused:
                continue
            methods = sorted(
                {m for use in mine for m in sdk_coverage.public_users(use.function, calls)}
            )
            builders = ", ".join(sorted({f"{use.function} ({use.where})" for use in mine}))
            problems.append(
                f"{param.location} parameter {param.name!r} of {op.operation_id} "
                f"({op.method} {op.path}) is passed by no method. Extend "
                f"{' or '.join(methods)} to expose it (as {param.keyword}=... to "
                f"{op.operation_id}.build_request; built in {builders}), or add it to "
                f"NOT_PASSED[{op.operation_id!r}] in tests/spec/test_sdk_coverage.py with the "
                "reason."
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_exceptions_are_current(
    spec_ops: list[sdk_coverage.Operation], uses: list[sdk_coverage.Use]
) -> None:
    """An entry for what the spec no longer has, or what a method now passes, must go."""
    used = _users(uses)
    by_id = {op.operation_id: op for op in spec_ops}
    stale = [f"UNUSED[{op!r}]: not in the spec" for op in UNUSED if op not in by_id]
    stale += [f"UNUSED[{op!r}]: used by {used[op][0].function}" for op in UNUSED if op in used]
    for op_id, params in NOT_PASSED.items():
        op = by_id.get(op_id)
        if op is None:
            stale.append(f"NOT_PASSED[{op_id!r}]: not in the spec")
            continue
        passed = set().union(*(use.keywords for use in used.get(op_id, [])))
        optional = {p.name: p for p in op.parameters if not p.required}
        for name in params:
            if name not in optional:
                stale.append(f"NOT_PASSED[{op_id!r}][{name!r}]: no such optional parameter")
            elif optional[name].keyword in passed:
                stale.append(f"NOT_PASSED[{op_id!r}][{name!r}]: a method passes it now")
    if stale:
        pytest.fail("\n".join(stale), pytrace=False)


def test_the_reader_follows_partials_and_helpers(tmp_path: Path) -> None:
    """The source reader sees keywords given directly, through partial and through a helper."""
    package = tmp_path / "scaleout"
    package.mkdir()
    (package / "resource.py").write_text(
        textwrap.dedent(
            """
            import functools


            class Thing:
                def _walk(self, build, /, size):
                    return build(x_limit=size, x_skip=0)

                def direct(self):
                    from scaleout_api.api.models import get_model

                    return get_model.build_request("id", include_self=True)

                def through_helper(self):
                    from scaleout_api.api.models import list_models as lister

                    build = functools.partial(lister.build_request, session_id="s")
                    return self._walk(build, 10)
            """
        )
    )
    found = {
        (use.operation_id, use.function, use.keywords) for use in sdk_coverage.find_uses(package)
    }
    assert found == {
        ("get_model", "Thing.direct", frozenset({"include_self"})),
        ("list_models", "Thing.through_helper", frozenset({"session_id", "x_limit", "x_skip"})),
    }
