"""The app serves exactly the spec, validates both ways and answers errors as JSON."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.responses import Response

from scaleout.local import LocalController
from scaleout.local.handlers import REGISTRY
from scaleout.local.http import Call, json_response
from scaleout.local.spec import load_spec, operation_ids

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]


def test_every_operation_has_a_handler_and_nothing_else() -> None:
    assert set(REGISTRY) == operation_ids(load_spec())


def _bad_status(call: Call) -> Response:
    return json_response({"state": "dancing"})


def _bad_list(call: Call) -> Response:
    return json_response({"count": "three", "result": []})


@pytest.fixture(scope="module")
def broken() -> Iterator[LocalController]:
    overrides = {"get_controller_status": _bad_status, "list_clients": _bad_list}
    with LocalController(clients=1, handler_overrides=overrides) as ctl:
        yield ctl


def test_responses_that_break_the_spec_become_500(broken: LocalController) -> None:
    with httpx.Client(base_url=broken.url) as http:
        for path in ("/get_controller_status", "/api/v1/clients/"):
            response = http.get(path)
            assert response.status_code == 500, path
            assert response.headers["content-type"] == "application/json"
            assert "does not conform" in response.json()["message"]
        assert http.get("/api/v1/clients/count").status_code == 200


def test_unknown_routes_and_methods_answer_json(shared_controller: LocalController) -> None:
    with httpx.Client(base_url=shared_controller.url) as http:
        for path in ("/nope", "/api/v1/nope", "/openapi.json", "/ui/", "/api/v1/runs/"):
            response = http.get(path)
            assert response.status_code == 404, path
            assert response.json() == {"message": "Not found"}
        wrong = http.delete("/api/v1/clients/")
        assert wrong.status_code == 405
        assert wrong.json() == {"message": "Method not allowed"}


def test_validation_problems_are_400_with_a_message(shared_controller: LocalController) -> None:
    with httpx.Client(base_url=shared_controller.url) as http:
        cases = [
            http.post(
                "/api/v1/sessions/", content=b"{bad", headers={"content-type": "application/json"}
            ),
            http.post("/api/v1/sessions/", json={"name": "x"}),
            http.post("/api/v1/sessions/", content=b"{}", headers={"content-type": "text/plain"}),
            http.get("/api/v1/clients/", headers={"X-Limit": "many"}),
            http.get("/api/v1/clients/", headers={"X-Skip": "-1"}),
            http.get("/api/v1/clients/", headers={"X-Sort-Order": "sideways"}),
            http.get("/api/v1/models/m/ancestors", headers={"X-Reverse": "maybe"}),
            http.post("/api/v1/control/run_command", json={"command_type": "ping"}),
            http.put("/api/v1/helpers/active", json={"helper": "pythonhelper"}),
            http.post("/api/v1/models/", data={"helper": "numpyhelper"}),
        ]
        for response in cases:
            assert response.status_code == 400, (response.request.url, response.text)
            assert response.headers["content-type"] == "application/json"
            body = response.json()
            assert set(body) == {"message"} and body["message"]


def test_entities_carry_every_field_of_their_schema(shared_controller: LocalController) -> None:
    spec = load_spec()
    schemas = spec["components"]["schemas"]
    with httpx.Client(base_url=shared_controller.url) as http:
        status = http.post("/api/v1/statuses/", json={"status": "hello"})
        assert status.status_code == 201
        assert set(status.json()) == set(schemas["Status"]["properties"])
        assert status.json()["sender"] is None and status.json()["timestamp"]
        client = http.get("/api/v1/clients/", headers={"X-Limit": "1"}).json()["result"][0]
        assert set(client) == set(schemas["Client"]["properties"])
        combiner = http.get("/api/v1/combiners/").json()["result"][0]
        assert set(combiner) == set(schemas["Combiner"]["properties"])
        attribute = http.post(
            "/api/v1/attributes/", json={"key": "k", "value": "v", "sender": {"client_id": "c"}}
        ).json()
        assert set(attribute) == set(schemas["Attribute"]["properties"])
        assert attribute["sender"] == {
            "name": None,
            "role": None,
            "client_id": "c",
            "combiner_id": None,
        }


def test_timestamp_formats(shared_controller: LocalController) -> None:
    import datetime as dt
    import email.utils

    with httpx.Client(base_url=shared_controller.url) as http:
        status = http.post("/api/v1/statuses/", json={"status": "t"}).json()
        parsed = email.utils.parsedate_to_datetime(status["committed_at"])
        assert status["committed_at"].endswith(" GMT") and parsed.tzinfo is not None
        assert dt.datetime.fromisoformat(status["timestamp"].replace("Z", "+00:00"))
        client = http.get("/api/v1/clients/").json()["result"][0]
        assert client["last_seen"].endswith(" GMT")


def test_json_bodies_are_strict(shared_controller: LocalController) -> None:
    with httpx.Client(base_url=shared_controller.url) as http:
        for raw in (b'{"status": NaN}', b'{"status": 1e999}', b"\xff\xfe{}"):
            response = http.post(
                "/api/v1/statuses/", content=raw, headers={"content-type": "application/json"}
            )
            assert response.status_code == 400, raw
            assert "message" in response.json()


def test_collections_without_trailing_slash_redirect(shared_controller: LocalController) -> None:
    """Like the reference server (Flask), so the 1.0.1 client's ``sessions?name=`` works."""
    with httpx.Client(base_url=shared_controller.url, follow_redirects=True) as http:
        response = http.get("/api/v1/sessions", params={"name": "nobody"})
        assert response.status_code == 200
        assert response.json() == {"count": 0, "result": []}
        assert response.history and response.history[0].status_code == 307


def test_only_loopback_hosts() -> None:
    with pytest.raises(ValueError, match="loopback"):
        LocalController(host="0.0.0.0")
    with pytest.raises(ValueError, match="loopback"):
        LocalController(host="example.com")
    LocalController(host="::1")  # accepted (not started)
