"""Every public method of ``Scaleout``: the exact request it sends and what it returns.

Each test runs the method against a scripted controller (``httpx.MockTransport``) and checks
method, raw path (escaping included), query, the ``X-*`` headers, the body encoding (JSON, form
or octet-stream) and that the parsed JSON comes back as documented. Error paths: a JSON 404
becomes ``NotFoundError`` with the server's message, an HTML 502 from a proxy becomes
``InternalServerError`` with a readable message (never a JSON decode error).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import InternalServerError, NotFoundError, Scaleout, ScaleoutError

from ._entities import example, page_for
from ._support import (
    BASE_URL,
    ORIGIN,
    FakeServer,
    form_of,
    html_502,
    json_of,
    make_client,
    page,
    path_of,
    query_of,
    respond,
    x_headers,
)

ODD = "a/b ?#%&+"
ODD_ESC = "a%2Fb%20%3F%23%25%26%2B"
NO_BODY = object()
SAME = object()

LIST = object()  # a page of the collection at the case's path (page_for)


@dataclass
class Case:
    id: str
    name: str
    call: Callable[[Scaleout], Any]
    method: str
    path: str
    answer: Any
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = NO_BODY
    returns: Any = SAME
    status: int = 200


SESSION = example("Session", session_id=ODD, name="s", status="Started")
STATUS = {
    "type": "MODEL_UPDATE",
    "log_level": "INFO",
    "status": "Training complete",
    "sender": {"client_id": "abc-123"},
}
ATTRIBUTE = {
    "key": "charging",
    "value": "true",
    "sender": {"name": "", "role": "", "client_id": "abc123"},
}

CASES = [
    # controller, clients, combiners
    Case(
        "controller_status",
        "get_controller_status",
        lambda c: c.get_controller_status(),
        "GET",
        "/get_controller_status",
        {"state": "idle"},
    ),
    Case(
        "client",
        "get_client",
        lambda c: c.get_client(ODD),
        "GET",
        f"/api/v1/clients/{ODD_ESC}",
        example("Client", client_id=ODD, name="c1"),
    ),
    Case("clients", "get_clients", lambda c: c.get_clients(), "GET", "/api/v1/clients/", LIST),
    Case(
        "clients_n_max",
        "get_clients",
        lambda c: c.get_clients(n_max=3),
        "GET",
        "/api/v1/clients/",
        LIST,
        headers={"x-limit": "3"},
    ),
    Case(
        "clients_n_max_0_is_all",
        "get_clients",
        lambda c: c.get_clients(0),
        "GET",
        "/api/v1/clients/",
        LIST,
    ),
    Case(
        "active_clients",
        "get_active_clients",
        lambda c: c.get_active_clients(),
        "GET",
        "/api/v1/clients/",
        LIST,
        query=[("status", "online")],
    ),
    Case(
        "active_clients_of_combiner",
        "get_active_clients",
        lambda c: c.get_active_clients("comb 1&x", 2),
        "GET",
        "/api/v1/clients/",
        LIST,
        query=[("combiner", "comb 1&x"), ("status", "online")],
        headers={"x-limit": "2"},
    ),
    Case(
        "clients_count",
        "get_clients_count",
        lambda c: c.get_clients_count(),
        "GET",
        "/api/v1/clients/count",
        7,
    ),
    Case(
        "clients_count_active",
        "get_clients_count",
        lambda c: c.get_clients_count(True),
        "GET",
        "/api/v1/clients/count",
        3,
        query=[("status", "online")],
    ),
    Case(
        "client_config",
        "get_client_config",
        lambda c: c.get_client_config(),
        "GET",
        "/api/v1/clients/config",
        {"network_id": "n", "discover_host": "h", "discover_port": 8092, "checksum": "ab"},
        query=[("checksum", "true")],
    ),
    Case(
        "client_config_no_checksum",
        "get_client_config",
        lambda c: c.get_client_config(checksum=False),
        "GET",
        "/api/v1/clients/config",
        {"network_id": "n", "discover_host": "h", "discover_port": 8092},
        query=[("checksum", "false")],
    ),
    Case(
        "combiner",
        "get_combiner",
        lambda c: c.get_combiner(ODD),
        "GET",
        f"/api/v1/combiners/{ODD_ESC}",
        example("Combiner", name="comb"),
    ),
    Case(
        "combiners",
        "get_combiners",
        lambda c: c.get_combiners(n_max=4),
        "GET",
        "/api/v1/combiners/",
        LIST,
        headers={"x-limit": "4"},
    ),
    Case(
        "combiners_count",
        "get_combiners_count",
        lambda c: c.get_combiners_count(),
        "GET",
        "/api/v1/combiners/count",
        2,
    ),
    # models
    Case(
        "model",
        "get_model",
        lambda c: c.get_model(ODD),
        "GET",
        f"/api/v1/models/{ODD_ESC}",
        example("Model", model_id=ODD),
    ),
    Case("models", "get_models", lambda c: c.get_models(), "GET", "/api/v1/models/", LIST),
    Case(
        "models_of_session",
        "get_models",
        lambda c: c.get_models("s 1&x=y", 2),
        "GET",
        "/api/v1/models/",
        LIST,
        query=[("session_id", "s 1&x=y")],
        headers={"x-limit": "2"},
    ),
    Case(
        "models_count",
        "get_models_count",
        lambda c: c.get_models_count(),
        "GET",
        "/api/v1/models/count",
        11,
    ),
    Case(
        "active_model",
        "get_active_model",
        lambda c: c.get_active_model(),
        "GET",
        "/api/v1/models/",
        page([example("Model", model_id="m9")], count=40),
        headers={"x-limit": "1", "x-sort-key": "committed_at", "x-sort-order": "desc"},
        returns=example("Model", model_id="m9"),
    ),
    Case(
        "active_model_none",
        "get_active_model",
        lambda c: c.get_active_model(),
        "GET",
        "/api/v1/models/",
        page([]),
        headers={"x-limit": "1", "x-sort-key": "committed_at", "x-sort-order": "desc"},
        returns=None,
    ),
    Case(
        "model_trail_explicit",
        "get_model_trail",
        lambda c: c.get_model_trail(ODD, include_self=False, reverse=False, n_max=5),
        "GET",
        f"/api/v1/models/{ODD_ESC}/ancestors",
        [example("Model", model_id="p")],
        query=[("include_self", "false")],
        headers={"x-limit": "5", "x-reverse": "false"},
    ),
    # packages
    Case(
        "package",
        "get_package",
        lambda c: c.get_package(ODD),
        "GET",
        f"/api/v1/packages/{ODD_ESC}",
        example("Package", name="pkg"),
    ),
    Case(
        "packages",
        "get_packages",
        lambda c: c.get_packages(n_max=5),
        "GET",
        "/api/v1/packages/",
        LIST,
        headers={"x-limit": "5"},
    ),
    Case(
        "packages_count",
        "get_packages_count",
        lambda c: c.get_packages_count(),
        "GET",
        "/api/v1/packages/count",
        1,
    ),
    Case(
        "active_package",
        "get_active_package",
        lambda c: c.get_active_package(),
        "GET",
        "/api/v1/packages/active",
        example("Package", name="pkg", active=True),
    ),
    Case(
        "package_checksum",
        "get_package_checksum",
        lambda c: c.get_package_checksum(),
        "GET",
        "/api/v1/packages/checksum",
        {"message": "Checksum created.", "checksum": "ab"},
    ),
    # rounds and sessions
    Case(
        "round",
        "get_round",
        lambda c: c.get_round(ODD),
        "GET",
        f"/api/v1/rounds/{ODD_ESC}",
        example("Round", round_id=ODD),
    ),
    Case("rounds", "get_rounds", lambda c: c.get_rounds(), "GET", "/api/v1/rounds/", LIST),
    Case(
        "rounds_filtered",
        "get_rounds",
        lambda c: c.get_rounds(2, {"status": "Success", "round_id": 5, "a": True, "b": None}),
        "GET",
        "/api/v1/rounds/",
        LIST,
        query=[("a", "true"), ("b", "null"), ("round_id", "5"), ("status", "Success")],
        headers={"x-limit": "2"},
    ),
    Case(
        "rounds_count",
        "get_rounds_count",
        lambda c: c.get_rounds_count(),
        "GET",
        "/api/v1/rounds/count",
        4,
    ),
    Case(
        "session_by_id",
        "get_session",
        lambda c: c.get_session(ODD),
        "GET",
        f"/api/v1/sessions/{ODD_ESC}",
        SESSION,
    ),
    Case(
        "session_by_name",
        "get_session",
        lambda c: c.get_session(name="a b&c=d#e"),
        "GET",
        "/api/v1/sessions/",
        page([SESSION]),
        query=[("name", "a b&c=d#e")],
        headers={"x-limit": "1"},
        returns=SESSION,
    ),
    Case("sessions", "get_sessions", lambda c: c.get_sessions(), "GET", "/api/v1/sessions/", LIST),
    Case(
        "sessions_by_name",
        "get_sessions",
        lambda c: c.get_sessions(3, "a b&c"),
        "GET",
        "/api/v1/sessions/",
        LIST,
        query=[("name", "a b&c")],
        headers={"x-limit": "3"},
    ),
    Case(
        "sessions_count",
        "get_sessions_count",
        lambda c: c.get_sessions_count(),
        "GET",
        "/api/v1/sessions/count",
        6,
    ),
    Case(
        "session_status",
        "get_session_status",
        lambda c: c.get_session_status(ODD),
        "GET",
        f"/api/v1/sessions/{ODD_ESC}",
        SESSION,
        returns="Started",
    ),
    Case(
        "session_is_finished_no",
        "session_is_finished",
        lambda c: c.session_is_finished(ODD),
        "GET",
        f"/api/v1/sessions/{ODD_ESC}",
        SESSION,
        returns=False,
    ),
    Case(
        "session_is_finished_yes",
        "session_is_finished",
        lambda c: c.session_is_finished("s"),
        "GET",
        "/api/v1/sessions/s",
        {**SESSION, "status": "Finished"},
        returns=True,
    ),
    Case(
        "step_current_session",
        "step_current_session",
        lambda c: c.step_current_session(),
        "POST",
        "/api/v1/control/continue",
        {"message": "Sent continue signal"},
    ),
    Case(
        "stop_current_session",
        "stop_current_session",
        lambda c: c.stop_current_session(),
        "POST",
        "/api/v1/control/stop",
        {"message": "Sent stop signal"},
    ),
    # statuses, validations, predictions
    Case(
        "status",
        "get_status",
        lambda c: c.get_status(ODD),
        "GET",
        f"/api/v1/statuses/{ODD_ESC}",
        example("Status", status_id=ODD),
    ),
    Case(
        "statuses",
        "get_statuses",
        lambda c: c.get_statuses("s1", "MODEL_UPDATE", "client 1", "client", 10),
        "GET",
        "/api/v1/statuses/",
        LIST,
        query=[
            ("sender.name", "client 1"),
            ("sender.role", "client"),
            ("session_id", "s1"),
            ("type", "MODEL_UPDATE"),
        ],
        headers={"x-limit": "10"},
    ),
    Case(
        "statuses_count",
        "get_statuses_count",
        lambda c: c.get_statuses_count(),
        "GET",
        "/api/v1/statuses/count",
        12,
    ),
    Case(
        "add_status",
        "add_status",
        lambda c: c.add_status(STATUS),
        "POST",
        "/api/v1/statuses/",
        example("Status", **STATUS, status_id="st1"),
        body=STATUS,
    ),
    Case(
        "validation",
        "get_validation",
        lambda c: c.get_validation(ODD),
        "GET",
        f"/api/v1/validations/{ODD_ESC}",
        example("Validation", validation_id=ODD),
    ),
    Case(
        "prediction",
        "get_prediction",
        lambda c: c.get_prediction(ODD),
        "GET",
        f"/api/v1/predictions/{ODD_ESC}",
        {"prediction_id": ODD, "model_id": "m", "data": "{}", "correlation_id": "c"},
    ),
    Case(
        "validations",
        "get_validations",
        lambda c: c.get_validations("s", "m", "corr", "n", "r", "cid", 7),
        "GET",
        "/api/v1/validations/",
        LIST,
        query=[
            ("correlation_id", "corr"),
            ("model_id", "m"),
            ("sender.client_id", "cid"),
            ("sender.name", "n"),
            ("sender.role", "r"),
            ("session_id", "s"),
        ],
        headers={"x-limit": "7"},
    ),
    Case(
        "validations_count",
        "get_validations_count",
        lambda c: c.get_validations_count(),
        "GET",
        "/api/v1/validations/count",
        8,
    ),
    Case(
        "validations_count_session",
        "get_validations_count",
        lambda c: c.get_validations_count("s 1"),
        "GET",
        "/api/v1/validations/count",
        2,
        query=[("session_id", "s 1")],
    ),
    Case(
        "predictions",
        "get_predictions",
        lambda c: c.get_predictions("m", "corr", "cid", 3),
        "GET",
        "/api/v1/predictions/",
        LIST,
        query=[("correlation_id", "corr"), ("model_id", "m"), ("sender.client_id", "cid")],
        headers={"x-limit": "3"},
    ),
    Case(
        "start_predictions",
        "start_predictions",
        lambda c: c.start_predictions("p1", "m1"),
        "POST",
        "/api/v1/predictions/start",
        {"message": "Prediction session started"},
        body={"prediction_id": "p1", "model_id": "m1"},
        returns={"message": "Prediction session started", "prediction_id": "p1"},
    ),
    # attributes and commands
    Case(
        "add_attributes",
        "add_attributes",
        lambda c: c.add_attributes(ATTRIBUTE),
        "POST",
        "/api/v1/attributes/",
        example("Attribute", **ATTRIBUTE, attribute_id="a1"),
        body=ATTRIBUTE,
        status=201,
    ),
    Case(
        "current_attributes",
        "get_current_attributes",
        lambda c: c.get_current_attributes(["n1", "n2"]),
        "POST",
        "/api/v1/attributes/current",
        {"n1": {"charging": "true"}, "n2": {}},
        body={"node_ids": ["n1", "n2"], "client_ids": ["n1", "n2"]},
    ),
    Case(
        "current_attributes_one",
        "get_current_attributes",
        lambda c: c.get_current_attributes("n1"),
        "POST",
        "/api/v1/attributes/current",
        {"n1": {}},
        body={"node_ids": ["n1"], "client_ids": ["n1"]},
    ),
    Case(
        "attribute_trail",
        "get_attribute_trail",
        lambda c: c.get_attribute_trail("node 1"),
        "GET",
        "/api/v1/attributes/",
        page([example("Attribute", **{**ATTRIBUTE, "sender": {"client_id": "node 1"}})]),
        query=[("sender.client_id", "node 1")],
    ),
    Case(
        "run_custom_command",
        "run_custom_command",
        lambda c: c.run_custom_command("train", True, 30, ["c1"], {"lr": 0.1}),
        "POST",
        "/api/v1/control/run_command",
        {"success": True, "message": "Command sent", "result": {}},
        body={
            "lr": 0.1,
            "command_type": "Custom_train",
            "blocking": True,
            "synchronous": True,
            "timeout": 30,
            "client_ids": ["c1"],
            "parameters": {"lr": 0.1},
        },
    ),
    Case(
        "run_custom_command_defaults",
        "run_custom_command",
        lambda c: c.run_custom_command("Custom_x"),
        "POST",
        "/api/v1/control/run_command",
        {"success": True, "message": "Command sent"},
        body={
            "command_type": "Custom_x",
            "blocking": False,
            "synchronous": False,
            "timeout": None,
            "client_ids": None,
            "parameters": {},
        },
    ),
    # the newer controller API: metrics, commands, validation, staging, inference
    Case(
        "metrics",
        "get_metrics",
        lambda c: c.get_metrics(session_id="s 1", key="training_loss", n_max=5),
        "GET",
        "/api/v1/metrics/",
        LIST,
        query=[("session_id", "s 1"), ("key", "training_loss")],
        headers={"x-limit": "5"},
    ),
    Case(
        "metrics_count",
        "get_metrics_count",
        lambda c: c.get_metrics_count(session_id="s1"),
        "GET",
        "/api/v1/metrics/count",
        12,
        query=[("session_id", "s1")],
    ),
    Case(
        "set_public_hostname",
        "set_public_hostname",
        lambda c: c.set_public_hostname(ODD, "edge.example.com:443"),
        "PATCH",
        f"/api/v1/combiners/{ODD_ESC}",
        {"message": "Public hostname updated"},
        body={"public_hostname": "edge.example.com:443"},
    ),
    Case(
        "start_validation",
        "start_validation",
        lambda c: c.start_validation("s1", "m1"),
        "POST",
        "/api/v1/validations/start",
        {"message": "Validation started"},
        body={"session_id": "s1", "model_id": "m1"},
    ),
    Case(
        "stage_model",
        "stage_model",
        lambda c: c.stage_model(ODD, ["c1"]),
        "POST",
        f"/api/v1/models/{ODD_ESC}/stage",
        {"message": "Staging started", "correlation_id": "k1"},
        body={"client_ids": ["c1"]},
    ),
    Case(
        "start_inference",
        "start_inference",
        lambda c: c.start_inference("m1", parameters={"n": 2}),
        "POST",
        "/api/v1/control/start_inference",
        {"message": "Inference completed", "result": {}},
        body={
            "model_id": "m1",
            "synchronous": True,
            "timeout": 180,
            "parameters": {"n": 2},
            "client_ids": None,
        },
    ),
    Case(
        "command",
        "get_command",
        lambda c: c.get_command(ODD),
        "GET",
        f"/api/v1/commands/{ODD_ESC}",
        example("Command", correlation_id=ODD),
    ),
    Case(
        "commands",
        "get_commands",
        lambda c: c.get_commands(parent_correlation_id="p1", n_max=2),
        "GET",
        "/api/v1/commands/",
        LIST,
        query=[("parent_correlation_id", "p1")],
        headers={"x-limit": "2"},
    ),
    Case(
        "commands_roots",
        "get_commands_roots",
        lambda c: c.get_commands_roots(),
        "GET",
        "/api/v1/commands/roots",
        LIST,
    ),
    Case(
        "commands_count",
        "get_commands_count",
        lambda c: c.get_commands_count(),
        "GET",
        "/api/v1/commands/count",
        4,
    ),
    Case(
        "step_command",
        "step_command",
        lambda c: c.step_command(ODD),
        "POST",
        f"/api/v1/commands/{ODD_ESC}/skip",
        {"message": "Sent skip signal"},
        body={"correlation_id": ODD},
    ),
    Case(
        "stop_command",
        "stop_command",
        lambda c: c.stop_command(ODD),
        "POST",
        f"/api/v1/commands/{ODD_ESC}/stop",
        {"message": "Sent stop signal"},
        body={"correlation_id": ODD},
    ),
]


def check_request(request: httpx.Request, case: Case) -> None:
    assert request.method == case.method
    assert str(request.url).startswith(ORIGIN + "/")
    assert path_of(request) == case.path
    assert sorted(query_of(request)) == sorted(case.query)
    assert x_headers(request) == case.headers
    assert request.headers["user-agent"].startswith("scaleout-python/")
    assert "authorization" not in request.headers
    if case.body is NO_BODY:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert json_of(request) == case.body


def matching(answer: dict[str, Any], query: list[tuple[str, str]]) -> dict[str, Any]:
    """``answer`` (a page) with its items made to match the nested-field filters of ``query``,
    as a server that applies them answers (the SDK checks those, see ``_filters``)."""
    for item in answer["result"]:
        for key, value in query:
            if "." in key:
                *parents, leaf = key.split(".")
                target = item
                for part in parents:
                    if not isinstance(target.get(part), dict):
                        target[part] = {}
                    target = target[part]
                target[leaf] = value
    return answer


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_request_and_result(case: Case, server: FakeServer, client: Scaleout) -> None:
    answer = matching(page_for(case.path), case.query) if case.answer is LIST else case.answer
    server.on(case.method, case.path, answer, status=case.status)
    result = case.call(client)
    check_request(server.only(), case)
    expected = answer if case.returns is SAME else case.returns
    assert result == expected
    if isinstance(expected, bool):
        assert type(result) is bool


NOT_FOUND = {"message": "Entity with id: x not found"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_not_found_raises_with_server_message(
    case: Case, server: FakeServer, client: Scaleout
) -> None:
    server.default = respond(404, NOT_FOUND)
    with pytest.raises(NotFoundError) as info:
        case.call(client)
    assert info.value.status_code == 404
    assert info.value.message == NOT_FOUND["message"]
    assert NOT_FOUND["message"] in str(info.value)
    assert server.requests[0].method == case.method
    assert path_of(server.requests[0]) == case.path


def assert_readable_502(error: InternalServerError) -> None:
    assert error.status_code == 502
    assert "502 Bad Gateway" in error.message
    assert "nginx" in error.message
    assert "<" not in error.message
    assert not isinstance(error.__cause__, json.JSONDecodeError)
    assert not isinstance(error.__context__, json.JSONDecodeError)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_html_502_raises_readable_error(case: Case, server: FakeServer, client: Scaleout) -> None:
    server.default = html_502()
    with pytest.raises(InternalServerError) as info:
        case.call(client)
    assert_readable_502(info.value)
    assert len(server.requests) == 1  # max_retries=0: no retry


def test_success_with_html_body_is_a_clear_error(server: FakeServer, client: Scaleout) -> None:
    server.on(
        "GET",
        "/api/v1/clients/count",
        respond(200, content=b"<html>login</html>", headers={"Content-Type": "text/html"}),
    )
    with pytest.raises(ScaleoutError, match="not JSON") as info:
        client.get_clients_count()
    assert not isinstance(info.value, json.JSONDecodeError)


# --- methods that send several requests --------------------------------------------------


def test_get_model_trail_defaults(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", page([{"model_id": "m 9"}], count=3))
    server.on("GET", "/api/v1/models/count", 3)
    trail = [{"model_id": "m0"}, {"model_id": "m1"}, {"model_id": "m 9"}]
    server.on("GET", "/api/v1/models/m%209/ancestors", trail)
    assert client.get_model_trail() == trail
    newest, count, ancestors = server.requests
    assert x_headers(newest) == {
        "x-limit": "1",
        "x-sort-key": "committed_at",
        "x-sort-order": "desc",
    }
    assert path_of(count) == "/api/v1/models/count"
    assert query_of(ancestors) == [("include_self", "true")]
    assert x_headers(ancestors) == {"x-limit": "3", "x-reverse": "true"}


def test_get_model_trail_without_models_is_empty_list(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", page([]))
    assert client.get_model_trail() == []
    assert server.calls() == [("GET", "/api/v1/models/")]


def test_get_attribute_trail_falls_back_to_combiner(server: FakeServer, client: Scaleout) -> None:
    stored = example("Attribute", **ATTRIBUTE)
    server.on("GET", "/api/v1/attributes/", page([]), page([stored]))
    assert client.get_attribute_trail("comb-1") == page([stored])
    first, second = server.requests
    assert query_of(first) == [("sender.client_id", "comb-1")]
    assert query_of(second) == [("sender.combiner_id", "comb-1")]


def test_start_predictions_generates_an_id(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/predictions/start", {"message": "Prediction session started"})
    result = client.start_predictions()
    body = json_of(server.only())
    assert body["model_id"] is None
    assert uuid.UUID(body["prediction_id"]).version == 4
    assert result == {
        "message": "Prediction session started",
        "prediction_id": body["prediction_id"],
    }


def test_start_session(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", page([example("Model", model_id="seed")]))
    server.on("GET", "/api/v1/helpers/active", "binaryhelper")
    created = example("Session", session_id="s/1", status="Created")
    server.on("POST", "/api/v1/sessions/", created, status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    result = client.start_session(
        name="exp 1",
        aggregator="fedopt",
        aggregator_kwargs={"serveropt": "adam"},
        round_timeout=60,
        rounds=3,
        min_clients=2,
        requested_clients=4,
    )
    assert result == {"message": "Session started", "session_id": "s/1"}
    assert server.calls() == [
        ("GET", "/api/v1/models/"),
        ("GET", "/api/v1/helpers/active"),
        ("POST", "/api/v1/sessions/"),
        ("POST", "/api/v1/sessions/start"),
    ]
    assert x_headers(server.requests[0]) == {
        "x-limit": "1",
        "x-sort-key": "committed_at",
        "x-sort-order": "desc",
    }
    assert json_of(server.requests[2]) == {
        "name": "exp 1",
        "seed_model_id": "seed",
        "session_config": {
            "aggregator": "fedopt",
            "aggregator_kwargs": {"serveropt": "adam"},
            "rounds": 3,
            "round_timeout": 60,
            "buffer_size": -1,
            "model_id": "seed",
            "delete_models_storage": True,
            "clients_required": 2,
            "requested_clients": 4,
            "validate": True,
            "helper_type": "binaryhelper",
            "server_functions": None,
        },
    }
    assert json_of(server.requests[3]) == {"session_id": "s/1", "rounds": 3, "round_timeout": 60}


def test_start_session_with_model_and_helper(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    client.start_session(model_id="m1", helper="numpyhelper")
    assert server.calls() == [("POST", "/api/v1/sessions/"), ("POST", "/api/v1/sessions/start")]
    config = json_of(server.requests[0])["session_config"]
    assert config["model_id"] == "m1" and config["helper_type"] == "numpyhelper"
    assert json_of(server.requests[1]) == {"session_id": "s1", "rounds": 5, "round_timeout": 180}


def test_continue_session(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/s%2F1", {**SESSION, "status": "Finished"})
    server.on("GET", "/api/v1/rounds/", page([]))
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    result = client.continue_session("s/1", rounds=2, round_timeout=30)
    assert result == {"message": "Session started", "session_id": "s/1"}
    # The rounds over before it are counted, so a wait knows when the new ones are done.
    assert server.calls() == [
        ("GET", "/api/v1/sessions/s%2F1"),
        ("GET", "/api/v1/rounds/"),
        ("POST", "/api/v1/sessions/start"),
    ]
    assert query_of(server.requests[1]) == [("round_config.session_id", "s/1")]
    assert json_of(server.requests[2]) == {"session_id": "s/1", "rounds": 2, "round_timeout": 30}


def upload_routes(server: FakeServer, upload_id: str = "up/1", token: str = "tok-1") -> str:
    escaped = upload_id.replace("/", "%2F")
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": upload_id})
    server.on("POST", f"/api/v1/file-upload/{escaped}/chunk", {"received": True})
    server.on("POST", f"/api/v1/file-upload/{escaped}/complete", {"file_token": token})
    return f"/api/v1/file-upload/{escaped}"


def test_set_active_model(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    data = b"\x93NUMPY" + bytes(range(256)) * 10
    model = tmp_path / "seed.npz"
    model.write_bytes(data)
    base = upload_routes(server)
    server.on("PUT", "/api/v1/helpers/active", {"message": "Active helper set"})
    answer = {"success": True, "message": "Model added successfully"}
    server.on("POST", "/api/v1/models/", answer)

    assert client.set_active_model(model) == answer
    assert server.calls() == [
        ("POST", "/api/v1/file-upload/init"),
        ("POST", f"{base}/chunk"),
        ("POST", f"{base}/complete"),
        ("PUT", "/api/v1/helpers/active"),
        ("POST", "/api/v1/models/"),
    ]
    init, chunk, complete, helper, add = server.requests
    assert json_of(init) == {"file_name": "seed.npz", "file_size": len(data), "chunk_size": 921600}
    assert chunk.content == data
    assert chunk.headers["content-type"] == "application/octet-stream"
    assert x_headers(chunk) == {"x-chunk-index": "0"}
    assert json_of(complete) == {"sha256": hashlib.sha256(data).hexdigest()}
    assert json_of(helper) == {"helper": "numpyhelper"}
    assert form_of(add) == {"helper": "numpyhelper", "file_token": "tok-1"}


def test_set_active_package(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    archive = tmp_path / "package.tgz"
    archive.write_bytes(b"\x1f\x8b" + b"p" * 100)
    base = upload_routes(server, upload_id="u2", token="tok-2")
    server.on("POST", "/api/v1/packages/", {"message": "Package uploaded"})

    result = client.set_active_package(archive, "binaryhelper", "my package", "first try")
    assert result == {"message": "Package uploaded"}
    assert server.calls() == [
        ("POST", "/api/v1/file-upload/init"),
        ("POST", f"{base}/chunk"),
        ("POST", f"{base}/complete"),
        ("POST", "/api/v1/packages/"),
    ]
    assert form_of(server.requests[-1]) == {
        "file_token": "tok-2",
        "helper": "binaryhelper",
        "name": "my package",
        "description": "first try",
        "file_name": "package.tgz",
    }


def test_set_active_package_default_description(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    archive = tmp_path / "p.tgz"
    archive.write_bytes(b"x")
    upload_routes(server)
    server.on("POST", "/api/v1/packages/", {"message": "Package uploaded"})
    client.set_active_package(str(archive), "numpyhelper", "p")
    assert form_of(server.requests[-1])["description"] == ""


def test_download_model(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    data = b"model-bytes" * 1000
    server.on("GET", f"/api/v1/models/{ODD_ESC}/download", respond(200, content=data))
    target = tmp_path / "model.npz"
    result = client.download_model(ODD, target)
    assert target.read_bytes() == data
    assert result == {
        "success": True,
        "message": "Model downloaded successfully.",
        "path": str(target),
        "size": len(data),
    }
    request = server.only()
    assert query_of(request) == [] and request.content == b""


def test_download_package(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    data = b"\x1f\x8b package"
    server.on("GET", "/api/v1/packages/download", respond(200, content=data))
    target = tmp_path / "package.tgz"
    result = client.download_package(str(target))
    assert target.read_bytes() == data
    assert result == {
        "success": True,
        "message": "Package downloaded successfully.",
        "path": str(target),
        "size": len(data),
    }
    assert query_of(server.only()) == []


ITERATORS = [
    ("iter_clients", "/api/v1/clients/"),
    ("iter_combiners", "/api/v1/combiners/"),
    ("iter_models", "/api/v1/models/"),
    ("iter_packages", "/api/v1/packages/"),
    ("iter_sessions", "/api/v1/sessions/"),
    ("iter_rounds", "/api/v1/rounds/"),
    ("iter_statuses", "/api/v1/statuses/"),
    ("iter_validations", "/api/v1/validations/"),
    ("iter_predictions", "/api/v1/predictions/"),
    ("iter_metrics", "/api/v1/metrics/"),
    ("iter_attributes", "/api/v1/attributes/"),
]


@pytest.mark.parametrize(("name", "path"), ITERATORS)
def test_iterators(name: str, path: str, server: FakeServer, client: Scaleout) -> None:
    items = page_for(path)["result"]
    server.on("GET", path, page(items))
    walker = getattr(client, name)(filters={"status": "x y", "flag": False}, page_size=5)
    assert server.requests == []  # lazy: nothing is sent before iterating
    assert list(walker) == items
    request = server.only()
    assert sorted(query_of(request)) == [("flag", "false"), ("status", "x y")]
    assert x_headers(request) == {
        "x-limit": "5",
        "x-skip": "0",
        "x-sort-key": "committed_at",
        "x-sort-order": "asc",
    }


def test_iter_rounds_of_one_session(server: FakeServer, client: Scaleout) -> None:
    round_ = example("Round", round_id="1")
    round_["round_config"] = {**(round_.get("round_config") or {}), "session_id": "s 1"}
    other = {**round_, "round_id": "2", "round_config": {"session_id": "other"}}
    # A controller that ignores the filter (FEDn on SQL) answers every round: the SDK keeps
    # the session's own.
    server.on("GET", "/api/v1/rounds/", page([round_, other]))
    assert list(client.iter_rounds("s 1")) == [round_]
    request = server.only()
    assert query_of(request) == [("round_config.session_id", "s 1")]
    assert x_headers(request)["x-limit"] == "100"


@pytest.mark.parametrize(("name", "path"), ITERATORS)
def test_iterators_raise_status_errors(
    name: str, path: str, server: FakeServer, client: Scaleout
) -> None:
    server.default = html_502()
    with pytest.raises(InternalServerError) as info:
        list(getattr(client, name)())
    assert_readable_502(info.value)


def test_wait_for_session(server: FakeServer, client: Scaleout) -> None:
    done = {**SESSION, "status": "Finished"}
    server.on("GET", "/api/v1/sessions/s%2F1", done)
    server.on("GET", "/api/v1/rounds/", page([]))
    assert client.wait_for_session("s/1") == done
    assert server.calls() == [("GET", "/api/v1/sessions/s%2F1"), ("GET", "/api/v1/rounds/")]


# --- errors of the multi-request methods -------------------------------------------------


def _model_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.npz"
    path.write_bytes(b"123")
    return path


MULTI: list[tuple[str, Callable[[Scaleout, Path], Any]]] = [
    ("get_model_trail", lambda c, p: c.get_model_trail()),
    ("start_session", lambda c, p: c.start_session()),
    ("continue_session", lambda c, p: c.continue_session("s1")),
    ("set_active_model", lambda c, p: c.set_active_model(_model_file(p))),
    ("set_active_package", lambda c, p: c.set_active_package(_model_file(p), "numpyhelper", "pkg")),
    ("download_model", lambda c, p: c.download_model("m1", p / "out.bin")),
    ("download_package", lambda c, p: c.download_package(p / "out.tgz")),
    ("wait_for_session", lambda c, p: c.wait_for_session("s1")),
    ("start_predictions_generated_id", lambda c, p: c.start_predictions()),
    ("get_session_results", lambda c, p: c.get_session_results("s1")),
    ("get_round_validations", lambda c, p: c.get_round_validations("s1", 1)),
    ("get_session_model", lambda c, p: c.get_session_model("s1")),
    ("plot_session", lambda c, p: c.plot_session("s1", path=p / "out.png")),
]


@pytest.mark.parametrize(("name", "call"), MULTI, ids=[m[0] for m in MULTI])
def test_multi_request_not_found(
    name: str,
    call: Callable[[Scaleout, Path], Any],
    server: FakeServer,
    client: Scaleout,
    tmp_path: Path,
) -> None:
    server.default = respond(404, NOT_FOUND)
    with pytest.raises(NotFoundError) as info:
        call(client, tmp_path)
    assert info.value.message == NOT_FOUND["message"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("out")]


@pytest.mark.parametrize(("name", "call"), MULTI, ids=[m[0] for m in MULTI])
def test_multi_request_html_502(
    name: str,
    call: Callable[[Scaleout, Path], Any],
    server: FakeServer,
    client: Scaleout,
    tmp_path: Path,
) -> None:
    server.default = html_502()
    with pytest.raises(InternalServerError) as info:
        call(client, tmp_path)
    assert_readable_502(info.value)


# --- client plumbing ----------------------------------------------------------------------


def test_url_property(client: Scaleout) -> None:
    assert client.url == BASE_URL


def test_with_options(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/clients/count", 1)
    view = client.with_options(timeout=300, max_retries=1)
    assert isinstance(view, Scaleout) and view is not client
    assert view.get_clients_count() == 1
    assert client.get_clients_count() == 1
    tuned, plain = server.requests
    assert tuned.extensions["timeout"] == pytest.approx(
        {"connect": 300, "read": 300, "write": 300, "pool": 300}, abs=0.5
    )
    assert tuned.extensions["scaleout_max_retries"] == 1
    assert plain.extensions["timeout"] == pytest.approx(
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}, abs=0.5
    )
    assert "scaleout_max_retries" not in plain.extensions
    # The view shares the pool: one connection pool, one set of credentials.
    assert view._core.httpx_client is client._core.httpx_client


def test_with_options_reaches_downloads(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", "/api/v1/packages/download", respond(200, content=b"x"))
    client.with_options(timeout=None).download_package(tmp_path / "p.tgz")
    assert server.only().extensions["timeout"] == {
        "connect": None,
        "read": None,
        "write": None,
        "pool": None,
    }


@pytest.mark.parametrize(
    ("options", "error", "word"),
    [
        ({"timeout": "30"}, TypeError, "timeout"),
        ({"timeout": True}, TypeError, "timeout"),
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_retries": 1.5}, TypeError, "max_retries"),
        ({"max_retries": True}, TypeError, "max_retries"),
    ],
)
def test_with_options_checks_arguments(
    options: dict[str, Any], error: type[Exception], word: str, client: Scaleout
) -> None:
    with pytest.raises(error, match=word):
        client.with_options(**options)


def test_api_is_the_generated_client_on_the_same_pool(server: FakeServer, client: Scaleout) -> None:
    from scaleout_api import Client as GeneratedClient
    from scaleout_api.api.clients import count_clients, get_client

    server.on("GET", "/api/v1/clients/count", 5)
    server.on("GET", "/api/v1/clients/a%2Fb", respond(404, NOT_FOUND))
    api = client.api
    assert isinstance(api, GeneratedClient)
    assert client.api is api
    assert count_clients.sync(client=api, status="online") == 5
    response = get_client.sync_detailed("a/b", client=api)  # errors come back, not raised
    assert response.status_code == 404
    assert response.parsed is not None and response.parsed.message == NOT_FOUND["message"]
    assert [str(r.url) for r in server.requests] == [
        f"{ORIGIN}/api/v1/clients/count?status=online",
        f"{ORIGIN}/api/v1/clients/a%2Fb",
    ]
    assert all(r.headers["user-agent"].startswith("scaleout-python/") for r in server.requests)


def test_context_manager_and_close(server: FakeServer) -> None:
    server.on("GET", "/get_controller_status", {"state": "idle"})
    with make_client(server) as sdk:
        assert sdk.get_controller_status() == {"state": "idle"}
        pool = sdk.api.get_httpx_client()
        assert not pool.is_closed
    assert pool.is_closed
    again = make_client(server)
    again.close()
    assert again.api.get_httpx_client().is_closed
    with pytest.raises(RuntimeError):
        again.get_controller_status()


def test_repr_names_url(client: Scaleout) -> None:
    assert BASE_URL in repr(client)


# --- every public member is exercised here ---------------------------------------------------

COVERED = (
    {case.name for case in CASES}
    | {name for name, _ in ITERATORS}
    | {name for name, _ in MULTI}
    | {"get_attribute_trail", "start_predictions", "url", "with_options", "api", "close"}
)


def test_every_public_member_is_covered() -> None:
    public = {name for name in dir(Scaleout) if not name.startswith("_")}
    assert public - COVERED == set()
