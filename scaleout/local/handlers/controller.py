from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .. import task
from ..federation import SimulatedClient
from ..http import Call, json_response, message
from ._common import command_response, load_model_weights, target_clients
from ._registry import operation

# Keys of a run_command body that are not command parameters (the 1.0.1 client merges the
# parameters into the top level of the body, the 1.1.0 client nests them).
_RUN_COMMAND_KEYS = frozenset(
    {"command_type", "blocking", "synchronous", "timeout", "client_ids", "parameters"}
)


@operation
def get_controller_status(call: Call) -> Response:
    return json_response({"state": call.services.sessions.state})


@operation
def continue_current_session(call: Call) -> Response:
    call.services.sessions.request_continue()
    return message("Sent continue signal")


@operation
def stop_current_session(call: Call) -> Response:
    call.services.sessions.request_stop()
    return message("Sent stop signal")


@operation
def run_command(call: Call) -> Response:
    body = call.json()
    command_type = str(body["command_type"])
    parameters: dict[str, Any] = dict(body.get("parameters") or {})
    parameters.update({k: v for k, v in body.items() if k not in _RUN_COMMAND_KEYS})
    wait = bool(body.get("synchronous", body.get("blocking", False)))
    clients = target_clients(call, body.get("client_ids"))

    def answer(client: SimulatedClient, correlation_id: str) -> dict[str, Any]:
        return {
            "client_id": client.client_id,
            "name": client.name,
            "command_type": command_type,
            "parameters": parameters,
        }

    outcome = call.services.commands.run(
        command_type,
        clients,
        answer,
        parameters=parameters,
        timeout=body.get("timeout"),
        wait=wait,
    )
    return command_response(outcome, waited=wait, sent="Command sent")


@operation
def start_inference(call: Call) -> Response:
    body = call.json()
    model, weights = load_model_weights(call, str(body["model_id"]))
    wait = bool(body.get("synchronous", True))
    clients = target_clients(call, body.get("client_ids"))
    parameters = {"model_id": model["model_id"], **(body.get("parameters") or {})}

    def infer(client: SimulatedClient, correlation_id: str) -> dict[str, Any]:
        return {"model_id": model["model_id"], **task.predict(weights, client.data)}

    outcome = call.services.commands.run(
        "Scaleout_Inference",
        clients,
        infer,
        parameters=parameters,
        timeout=body.get("timeout"),
        wait=wait,
    )
    return command_response(outcome, waited=wait, sent="Inference started")
