"""What handlers see of a request, and the responses they build.

Handlers take one :class:`Call` and return a Starlette response. Connexion has validated the
request against the spec before, and validates the response after.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from .errors import ApiError
from .filters import Clause, Condition, parse_conditions

if TYPE_CHECKING:
    from .services import Services

__all__ = ["Call", "Handler", "json_response", "message"]

Handler = Callable[["Call"], Response]


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, separators=(",", ":"), allow_nan=False).encode()
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def message(text: str, status: int = 200, **extra: Any) -> Response:
    return json_response({"message": text, **extra}, status)


@dataclass
class Call:
    services: Services
    request: Request
    body: Any
    #: The file parts of a multipart body, by field name (Starlette ``UploadFile``\s, spooled
    #: to disk by the form parser).
    files: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def current(cls, services: Services, body: Any, files: dict[str, Any] | None = None) -> Call:
        from connexion import context  # type: ignore[import-untyped, unused-ignore]

        return cls(services, Request(context.scope), body, dict(files or {}))

    # -- request data ---------------------------------------------------------------------------

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str) -> str | None:
        return self.request.query_params.get(name)

    def query_bool(self, name: str, default: bool) -> bool:
        raw = self.query(name)
        if raw is None:
            return default
        return raw.strip().lower() in ("true", "1")

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)

    def header_int(self, name: str, default: int = 0) -> int:
        raw = self.header(name)
        if raw is None or not raw.strip():
            return default
        try:
            return int(raw.strip())
        except ValueError as exc:
            raise ApiError(400, f"Header '{name}' must be an integer") from exc

    def json(self) -> dict[str, Any]:
        """The JSON object body; ``{}`` for an (allowed) empty one."""
        if self.body is None or self.body == b"":
            return {}
        if isinstance(self.body, dict):
            return self.body
        if isinstance(self.body, bytes | str):
            try:
                parsed = json.loads(self.body)
            except ValueError as exc:
                raise ApiError(400, "The body is not valid JSON") from exc
            if isinstance(parsed, dict):
                return parsed
        raise ApiError(400, "The body must be a JSON object")

    def raw_body(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        if isinstance(self.body, str):
            return self.body.encode()
        raise ApiError(400, "The body must be raw bytes")

    def filters(self) -> list[Condition]:
        """Every query parameter is a filter (list and count endpoints)."""
        return parse_conditions(self.request.query_params.multi_items())

    # -- responses ------------------------------------------------------------------------------

    def entity(self, collection: str, doc: dict[str, Any], status: int = 200) -> Response:
        return json_response(self.services.shaper.shape(collection, doc), status)

    def get_entity(self, collection: str, doc_id: str) -> dict[str, Any]:
        doc = self.services.store.get(collection, doc_id)
        if doc is None:
            raise ApiError(404, f"Entity with id: {doc_id} not found")
        return doc

    def page(
        self,
        collection: str,
        conditions: list[Condition] | None = None,
        also: Clause | None = None,
    ) -> Response:
        """A page of ``collection``: the query's filters (or ``conditions``), and ``also``."""
        clauses: list[Clause] = list(self.filters() if conditions is None else conditions)
        if also is not None:
            clauses.append(also)
        order = (self.header("X-Sort-Order") or "").strip().lower()
        count, docs = self.services.store.query(
            collection,
            clauses,
            sort_key=(self.header("X-Sort-Key") or "").strip() or None,
            ascending=order == "asc",
            skip=self.header_int("X-Skip"),
            limit=self.header_int("X-Limit"),
        )
        shaper = self.services.shaper
        return json_response(
            {"count": count, "result": [shaper.shape(collection, d) for d in docs]}
        )

    def count(self, collection: str) -> Response:
        return json_response(self.services.store.count(collection, self.filters()))
