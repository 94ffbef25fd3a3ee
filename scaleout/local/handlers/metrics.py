from __future__ import annotations

from starlette.responses import Response

from ..http import Call
from ._registry import operation


@operation
def list_metrics(call: Call) -> Response:
    return call.page("metrics")


@operation
def count_metrics(call: Call) -> Response:
    return call.count("metrics")
