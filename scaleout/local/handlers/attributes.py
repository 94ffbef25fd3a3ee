from __future__ import annotations

import time
import uuid
from typing import Any

from starlette.responses import Response

from ..errors import ApiError
from ..filters import ONE_OF, AnyOf, Condition, lookup, parse_conditions
from ..http import Call, json_response
from ..timefmt import rfc3339
from ._registry import operation

# Body keys of POST /attributes/list that name a node (1.0.1: node_id, 1.1.0: entity_id).
_NODE_KEYS = ("node_id", "entity_id")


@operation
def list_attributes(call: Call) -> Response:
    return call.page("attributes")


@operation
def count_attributes(call: Call) -> Response:
    return call.count("attributes")


@operation
def get_attribute(call: Call) -> Response:
    return call.entity("attributes", call.get_entity("attributes", call.path("id")))


@operation
def add_attribute(call: Call) -> Response:
    body = call.json()
    attribute_id = str(uuid.uuid4())
    doc = {
        "attribute_id": attribute_id,
        "key": body["key"],
        "value": body["value"],
        "timestamp": body.get("timestamp") or rfc3339(time.time()),
        "sender": body.get("sender"),
    }
    stored = call.services.store.insert("attributes", attribute_id, doc)
    return call.entity("attributes", stored, 201)


def _sent_by(node_ids: set[str]) -> AnyOf:
    wanted = tuple(sorted(node_ids))
    return AnyOf(
        (
            Condition("sender.client_id", ONE_OF, wanted),
            Condition("sender.combiner_id", ONE_OF, wanted),
        )
    )


def _split(value: Any) -> set[str]:
    if isinstance(value, list):
        return {str(v) for v in value}
    return {part.strip() for part in str(value).split(",") if part.strip()}


@operation
def query_attributes(call: Call) -> Response:
    body = call.json()
    nodes: set[str] | None = None
    for key in _NODE_KEYS:
        if key in body and body[key] is not None:
            wanted = _split(body[key])
            nodes = wanted if nodes is None else nodes & wanted
    filters = [(k, v) for k, v in body.items() if k not in _NODE_KEYS]
    conditions = parse_conditions(filters, split_commas=True)
    return call.page("attributes", conditions, also=None if nodes is None else _sent_by(nodes))


@operation
def get_current_attributes(call: Call) -> Response:
    body = call.json()
    if body.get("node_ids") is None and body.get("client_ids") is None:
        raise ApiError(400, "Missing required field: node_ids or client_ids")
    ids = [str(i) for i in (body.get("node_ids") or []) + (body.get("client_ids") or [])]
    current: dict[str, dict[str, str]] = {}
    for doc in call.services.store.all("attributes"):
        for node_id in {lookup(doc, "sender.client_id"), lookup(doc, "sender.combiner_id")}:
            if isinstance(node_id, str):
                current.setdefault(node_id, {})[str(doc["key"])] = str(doc["value"])
    answer: dict[str, Any] = {}
    for node_id in ids:
        answer[node_id] = current.get(node_id) or f"Entity with client_id: {node_id} not found"
    return json_response(answer)
