from __future__ import annotations

from starlette.responses import Response

from ..filters import Condition
from ..http import Call, message
from ._registry import operation

_ROOT = Condition("parent_correlation_id", "eq", (None,))


@operation
def list_commands(call: Call) -> Response:
    return call.page("commands")


@operation
def count_commands(call: Call) -> Response:
    return call.count("commands")


@operation
def list_root_commands(call: Call) -> Response:
    return call.page("commands", also=_ROOT)


@operation
def get_command(call: Call) -> Response:
    return call.entity("commands", call.get_entity("commands", call.path("id")))


@operation
def skip_command(call: Call) -> Response:
    call.services.commands.skip(call.path("id"), str(call.json()["correlation_id"]))
    return message("Sent skip signal")


@operation
def stop_command(call: Call) -> Response:
    call.services.commands.stop(call.path("id"), str(call.json()["correlation_id"]))
    return message("Sent stop signal")
