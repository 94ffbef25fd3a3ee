from __future__ import annotations

from typing import Any

from starlette.responses import FileResponse, Response

from .. import task
from ..errors import ApiError
from ..federation import SimulatedClient
from ..http import Call, json_response, message
from ..modelstore import model_suffix
from ._common import command_response, target_clients
from ._registry import operation
from .helpers import ACTIVE_HELPER

DEFAULT_ANCESTORS = 10


@operation
def list_models(call: Call) -> Response:
    return call.page("models")


@operation
def count_models(call: Call) -> Response:
    return call.count("models")


@operation
def get_model(call: Call) -> Response:
    return call.entity("models", call.get_entity("models", call.path("id")))


@operation
def add_model(call: Call) -> Response:
    """A finished upload's ``file_token`` (the Scaleout Edge form), or the file itself (the
    multipart FEDn form, loaded with the active helper)."""
    form: dict[str, Any] = call.body if isinstance(call.body, dict) else {}
    services = call.services
    sent = call.files.get("file")
    if sent is not None:
        done = services.uploads.receive(sent.file, sent.filename or "model")

        def undo() -> None:
            done.path.unlink(missing_ok=True)
    else:
        done = services.uploads.take(str(form.get("file_token", "")))

        def undo() -> None:
            services.uploads.give_back(done)  # the token stays good for another try

    suffix = model_suffix(done.file_name)
    helper = form.get("helper") or services.store.get_setting(ACTIVE_HELPER)
    if helper == "numpyhelper" or (helper is None and suffix == ".npz"):
        try:
            task.check_npz(done.path)
        except ValueError as exc:
            undo()
            raise ApiError(400, f"Failed to add model: {exc}") from exc
    name = form.get("name") or None
    model = services.models.add_file(done.path, suffix=suffix, name=name)
    return message("Model added successfully", success=True, model_id=model["model_id"])


@operation
def get_model_ancestors(call: Call) -> Response:
    start = call.get_entity("models", call.path("id"))
    limit = call.header_int("X-Limit")
    if limit <= 0:
        limit = DEFAULT_ANCESTORS
    trail: list[dict[str, Any]] = []
    seen: set[str] = set()
    current: dict[str, Any] | None = start
    if not call.query_bool("include_self", default=False):
        current = _parent(call, start)
    while current is not None and len(trail) < limit:
        model_id = str(current["model_id"])
        if model_id in seen:
            break
        seen.add(model_id)
        trail.append(current)
        current = _parent(call, current)
    if (call.header("X-Reverse") or "").strip().lower() == "true":
        trail.reverse()
    shaper = call.services.shaper
    return json_response([shaper.shape("models", doc) for doc in trail])


def _parent(call: Call, model: dict[str, Any]) -> dict[str, Any] | None:
    parent = model.get("parent_model")
    return call.services.models.get(str(parent)) if parent else None


@operation
def download_model(call: Call) -> Response:
    model_id = call.path("id")
    model = call.get_entity("models", model_id)
    path = call.services.models.path(model)
    if path is None:
        raise ApiError(404, f"The file of model {model_id} is missing")
    return FileResponse(path, media_type="application/octet-stream", filename=model_id)


@operation
def stage_model(call: Call) -> Response:
    model = call.get_entity("models", call.path("id"))
    clients = target_clients(call, call.json().get("client_ids"))

    def stage(client: SimulatedClient, correlation_id: str) -> dict[str, Any]:
        return {"staged": True, "model_id": model["model_id"], "name": client.name}

    outcome = call.services.commands.run(
        "Scaleout_StageModel",
        clients,
        stage,
        parameters={"model_id": model["model_id"]},
        timeout=None,
        wait=True,
    )
    return command_response(outcome, waited=True, sent="Model staging started")
