"""Helpers shared by the handlers that send work to the simulated clients."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ..commands import CommandOutcome
from ..errors import ApiError
from ..federation import SimulatedClient
from ..http import Call, json_response
from ..task import Weights

__all__ = ["command_response", "load_model_weights", "target_clients"]


def target_clients(call: Call, client_ids: Any) -> list[SimulatedClient]:
    """The online clients among ``client_ids`` (all online clients when null)."""
    federation = call.services.federation
    online = federation.online_clients()
    if client_ids is None:
        chosen = online
    else:
        ids = [str(i) for i in client_ids]
        unknown = [i for i in ids if i not in federation.clients]
        if unknown:
            raise ApiError(400, f"Unknown client id(s): {', '.join(unknown)}")
        wanted = set(ids)
        chosen = [c for c in online if c.client_id in wanted]
    if not chosen:
        raise ApiError(400, "No online clients to send the command to")
    return chosen


def load_model_weights(call: Call, model_id: str) -> tuple[dict[str, Any], Weights]:
    model = call.services.models.get(model_id)
    if model is None:
        raise ApiError(404, f"Model {model_id} not found")
    try:
        return model, call.services.models.load_weights(model)
    except (OSError, ValueError) as exc:
        raise ApiError(
            400, f"Model {model_id} cannot be used by the simulated clients: {exc}"
        ) from exc


def command_response(outcome: CommandOutcome, *, waited: bool, sent: str) -> Response:
    if not waited:
        body: dict[str, Any] = {
            "success": True,
            "message": sent,
            "correlation_id": outcome.correlation_id,
            "result": None,
        }
    elif not outcome.done:
        body = {
            "success": True,
            "message": "Command still running",
            "correlation_id": outcome.correlation_id,
            "result": outcome.result,
        }
    else:
        body = {
            "success": outcome.status == "COMPLETED",
            "message": f"Command {outcome.status.lower()}",
            "correlation_id": outcome.correlation_id,
            "result": outcome.result,
        }
    return json_response(body)
