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
def list_predictions(call: Call) -> Response:
    return call.page("predictions")


@operation
def count_predictions(call: Call) -> Response:
    return call.count("predictions")


@operation
def get_prediction(call: Call) -> Response:
    return call.entity("predictions", call.get_entity("predictions", call.path("id")))


@operation
def start_predictions(call: Call) -> Response:
    body = call.json()
    services = call.services
    prediction_id = str(body["prediction_id"])
    model_id = body.get("model_id")
    if model_id is None:
        newest = services.models.newest()
        if newest is None:
            raise ApiError(400, "No models available")
        model_id = newest["model_id"]
    model, weights = load_model_weights(call, str(model_id))
    clients = target_clients(call, None)
    combiner = services.events.combiner_node

    def predict(client: SimulatedClient, correlation_id: str) -> dict[str, Any]:
        output = task.predict(weights, client.data)
        record_id = str(uuid.uuid4())
        services.store.insert(
            "predictions",
            record_id,
            {
                "prediction_id": record_id,
                "model_id": model["model_id"],
                "data": json.dumps(output),
                "correlation_id": prediction_id,
                "timestamp": rfc3339(time.time()),
                "meta": None,
                "sender": client.node(),
                "receiver": combiner,
            },
        )
        return output

    services.commands.run(
        "Scaleout_Prediction",
        clients,
        predict,
        parameters={"prediction_id": prediction_id, "model_id": model["model_id"]},
        timeout=None,
        wait=False,
    )
    return message("Prediction session started", success=True)
