"""Status events (``/statuses``) written by the controller and the simulated network."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from .store import DocumentStore, WriteBatch
from .timefmt import rfc3339

__all__ = ["EventLog", "node"]


def node(
    name: str, role: str, *, client_id: str | None = None, combiner_id: str | None = None
) -> dict[str, Any]:
    return {"name": name, "role": role, "client_id": client_id, "combiner_id": combiner_id}


class EventLog:
    def __init__(self, store: DocumentStore, combiner: dict[str, Any]) -> None:
        self._store = store
        self.combiner_node = node(
            str(combiner["name"]), "COMBINER", combiner_id=str(combiner["combiner_id"])
        )

    def status(
        self,
        message: str,
        *,
        type: str = "LOG",
        log_level: str = "INFO",
        session_id: str | None = None,
        correlation_id: str | None = None,
        sender: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        into: WriteBatch | None = None,
    ) -> None:
        """Record a status event (in ``into``, a batch of writes, when given)."""
        status_id = str(uuid.uuid4())
        (into or self._store).insert(
            "statuses",
            status_id,
            {
                "status_id": status_id,
                "status": message,
                "timestamp": rfc3339(time.time()),
                "log_level": log_level,
                "data": None if data is None else json.dumps(data),
                "correlation_id": correlation_id,
                "type": type,
                "extra": None,
                "session_id": session_id,
                "sender": sender or self.combiner_node,
            },
        )
