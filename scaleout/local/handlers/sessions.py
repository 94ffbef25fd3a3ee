from __future__ import annotations

import uuid

from starlette.responses import Response

from ..errors import ApiError
from ..http import Call, message
from ..sessions import StartRequest
from ._registry import operation


@operation
def list_sessions(call: Call) -> Response:
    return call.page("sessions")


@operation
def count_sessions(call: Call) -> Response:
    return call.count("sessions")


@operation
def get_session(call: Call) -> Response:
    return call.entity("sessions", call.get_entity("sessions", call.path("id")))


@operation
def create_session(call: Call) -> Response:
    body = call.json()
    config = dict(body["session_config"])
    if not float(config["round_timeout"]) > 0:
        raise ApiError(
            400, "Validation failed for field 'round_timeout' with message: must be positive"
        )
    if int(config["buffer_size"]) == 0:
        raise ApiError(
            400, "Validation failed for field 'buffer_size' with message: must be non-zero"
        )
    session_id = str(uuid.uuid4())
    doc = {
        "session_id": session_id,
        "name": body.get("name"),
        "status": "Created",
        "session_config": config,
        "seed_model_id": body.get("seed_model_id") or config["model_id"],
    }
    stored = call.services.store.insert("sessions", session_id, doc)
    return call.entity("sessions", stored, 201)


@operation
def start_session(call: Call) -> Response:
    body = call.json()
    rounds = body.get("rounds")
    timeout = body.get("round_timeout")
    call.services.sessions.start(
        StartRequest(
            session_id=str(body.get("session_id") or ""),
            rounds=int(rounds) if rounds is not None else None,
            round_timeout=float(timeout) if timeout is not None else None,
            model_name_prefix=body.get("model_name_prefix"),
            client_ids=body.get("client_ids"),
        )
    )
    return message("Session started", success=True)
