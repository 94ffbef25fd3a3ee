from __future__ import annotations

import time
import uuid

from starlette.responses import Response

from ..http import Call
from ..timefmt import rfc3339
from ._registry import operation

_STATUS_FIELDS = (
    "status",
    "timestamp",
    "log_level",
    "data",
    "correlation_id",
    "type",
    "extra",
    "session_id",
    "sender",
)


@operation
def list_statuses(call: Call) -> Response:
    return call.page("statuses")


@operation
def count_statuses(call: Call) -> Response:
    return call.count("statuses")


@operation
def get_status(call: Call) -> Response:
    return call.entity("statuses", call.get_entity("statuses", call.path("id")))


@operation
def add_status(call: Call) -> Response:
    body = call.json()
    status_id = str(uuid.uuid4())
    doc = {name: body.get(name) for name in _STATUS_FIELDS}
    doc["status_id"] = status_id
    doc["timestamp"] = doc["timestamp"] or rfc3339(time.time())
    stored = call.services.store.insert("statuses", status_id, doc)
    return call.entity("statuses", stored, 201)
