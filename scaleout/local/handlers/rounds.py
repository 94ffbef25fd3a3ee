from __future__ import annotations

from starlette.responses import Response

from ..http import Call
from ._registry import operation


@operation
def list_rounds(call: Call) -> Response:
    return call.page("rounds")


@operation
def count_rounds(call: Call) -> Response:
    return call.count("rounds")


@operation
def get_round(call: Call) -> Response:
    return call.entity("rounds", call.get_entity("rounds", call.path("id")))
