from __future__ import annotations

from starlette.responses import Response

from ..errors import ApiError
from ..http import Call, json_response, message
from ._registry import operation

ACTIVE_HELPER = "active_helper"


@operation
def get_active_helper(call: Call) -> Response:
    helper = call.services.store.get_setting(ACTIVE_HELPER)
    if helper is None:
        raise ApiError(404, "No active helper")
    return json_response(helper)


@operation
def set_active_helper(call: Call) -> Response:
    call.services.store.set_setting(ACTIVE_HELPER, str(call.json()["helper"]))
    return message("Active helper set")
