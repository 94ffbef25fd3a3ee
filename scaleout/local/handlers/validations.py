from __future__ import annotations

import json
import time
import uuid
from typing import Any

from starlette.responses import Response

from .. import task
from ..errors import ApiError
from ..federation import SimulatedClient
from ..http import Call, message
from ..timefmt import rfc3339
from ._common import load_model_weights, target_clients
from ._registry import operation


@operation
def list_validations(call: Call) -> Response:
    return call.page("validations")


@operation
def count_validations(call: Call) -> Response:
    return call.count("validations")


@operation
def get_validation(call: Call) -> Response:
    return call.entity("validations", call.get_entity("validations", call.path("id")))


@operation
def start_validation(call: Call) -> Response:
    body = call.json()
    services = call.services
    session_id = str(body["session_id"])
    if services.store.get("sessions", session_id) is None:
        raise ApiError(404, f"Session {session_id} not found")
    model, weights = load_model_weights(call, str(body["model_id"]))
    clients = target_clients(call, None)
    combiner = services.events.combiner_node

    def validate(client: SimulatedClient, correlation_id: str) -> dict[str, Any]:
        metrics = task.evaluate(weights, client.data).as_dict()
        validation_id = str(uuid.uuid4())
        services.store.insert(
            "validations",
            validation_id,
            {
                "validation_id": validation_id,
                "model_id": model["model_id"],
                "data": json.dumps(metrics),
                "correlation_id": correlation_id,
                "timestamp": rfc3339(time.time()),
                "session_id": session_id,
                "meta": None,
                "sender": client.node(),
                "receiver": combiner,
            },
        )
        return metrics

    outcome = services.commands.run(
        "Scaleout_Validation",
        clients,
        validate,
        parameters={"session_id": session_id, "model_id": model["model_id"]},
        timeout=None,
        wait=False,
    )
    return message("Validation started", success=True, correlation_id=outcome.correlation_id)
