"""Answers that do not have the JSON type the spec promises, and ids that are routes."""

from __future__ import annotations

import pytest

from scaleout import Scaleout, ScaleoutError

from ._entities import example
from ._support import FakeServer, respond


@pytest.mark.parametrize("word", ["count", "active", "config", "checksum", "download", "list"])
def test_an_id_that_is_a_route_is_refused_before_sending(
    word: str, server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises(ValueError, match=f"id {word!r} is a route"):
        client.get_client(word)
    with pytest.raises(ValueError, match="is a route"):
        client.download_model(word, "model.npz")
    assert server.requests == []


@pytest.mark.parametrize(
    ("call", "method", "path", "body"),
    [
        (lambda c: c.get_models_count(), "GET", "/api/v1/models/count", {"count": 1}),
        (lambda c: c.get_clients_count(), "GET", "/api/v1/clients/count", True),
        (lambda c: c.get_model("m1"), "GET", "/api/v1/models/m1", [1, 2]),
        (lambda c: c.get_models(), "GET", "/api/v1/models/", 3),
        (lambda c: c.get_model_trail("m1", n_max=5), "GET", "/api/v1/models/m1/ancestors", {}),
    ],
)
def test_an_answer_of_the_wrong_json_type_is_an_error(
    call, method: str, path: str, body: object, server: FakeServer, client: Scaleout
) -> None:
    server.on(method, path, respond(200, body))
    with pytest.raises(ScaleoutError, match="where the API promises"):
        call(client)


def test_an_empty_answer_to_start_predictions_is_an_error(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("POST", "/api/v1/predictions/start", respond(200))
    with pytest.raises(ScaleoutError, match="NoneType JSON where the API promises dict"):
        client.start_predictions(prediction_id="p-1")


def test_a_route_word_is_a_fine_id_outside_a_path(server: FakeServer, client: Scaleout) -> None:
    server.on(
        "GET", "/api/v1/attributes/", respond(200, {"count": 1, "result": [example("Attribute")]})
    )
    server.on("POST", "/api/v1/validations/start", respond(200, {"message": "ok"}))
    assert client.get_attribute_trail("count")["count"] == 1
    assert client.start_validation("active", "count") == {"message": "ok"}
    assert [r.url.params.get("sender.client_id") for r in server.requests[:1]] == ["count"]
