from __future__ import annotations

from starlette.responses import Response

from ..http import Call, message
from ._registry import operation


@operation
def list_combiners(call: Call) -> Response:
    return call.page("combiners")


@operation
def count_combiners(call: Call) -> Response:
    return call.count("combiners")


@operation
def get_combiner(call: Call) -> Response:
    return call.entity("combiners", call.get_entity("combiners", call.path("id")))


@operation
def update_combiner(call: Call) -> Response:
    combiner_id = call.path("id")
    call.get_entity("combiners", combiner_id)
    hostname = str(call.json()["public_hostname"]).strip()
    call.services.store.update("combiners", combiner_id, {"public_hostname": hostname})
    return message("Public hostname updated", success=True)
