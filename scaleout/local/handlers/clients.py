from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ..http import Call, json_response
from ._registry import operation
from .packages import active_package_checksum


@operation
def list_clients(call: Call) -> Response:
    return call.page("clients")


@operation
def count_clients(call: Call) -> Response:
    return call.count("clients")


@operation
def get_client(call: Call) -> Response:
    return call.entity("clients", call.get_entity("clients", call.path("id")))


@operation
def get_client_config(call: Call) -> Response:
    services = call.services
    config: dict[str, Any] = {
        "network_id": services.options.network_id,
        "discover_host": services.host,
        "discover_port": services.port,
    }
    if call.query_bool("checksum", default=True):
        checksum = active_package_checksum(services)
        if checksum is not None:
            config["checksum"] = checksum
    return json_response(config)
