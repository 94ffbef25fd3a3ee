"""One test per weak spot of the vendor's 1.0.1 client (api-surface.md §12, bugs 1-37).

Each test fails if the bug comes back. Transport, auth and URL bugs (19-37) are pinned at the
level of the public ``Scaleout`` API only; their modules have detailed unit tests elsewhere.
Bad arguments must fail with ``ValueError``/``TypeError`` naming the argument before anything is
sent, so those tests also assert that the fake controller saw no request.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    MissingFileError,
    NotFoundError,
    Scaleout,
    ScaleoutError,
    SessionStateError,
    TokenRefreshError,
    UploadError,
)

from ._entities import entity_for, example
from ._support import (
    ORIGIN,
    FakeServer,
    TokenGate,
    fake_jwt,
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

SESSION = example("Session", session_id="s1", name="s", status="Started")


def model_file(tmp_path: Path, name: str = "seed.npz", size: int = 100) -> Path:
    path = tmp_path / name
    path.write_bytes(b"m" * size)
    return path


def upload_routes(server: FakeServer, upload_id: str = "u1") -> None:
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": upload_id})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/chunk", {})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/complete", {"file_token": "tok"})
    server.on("POST", f"/api/v1/file-upload/{upload_id}/abort", {})


def model_routes(server: FakeServer) -> None:
    upload_routes(server)
    server.on("PUT", "/api/v1/helpers/active", {"message": "Active helper set"})
    server.on("POST", "/api/v1/models/", {"success": True, "message": "Model added"})


# --- 12.1 Correctness ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["model.pt", "model.onnx", "model", "model.npz.bak"])
def test_bug_01_unknown_extension_is_a_clear_value_error(
    name: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    path = model_file(tmp_path, name)
    with pytest.raises(ValueError) as info:
        client.set_active_model(path)
    assert not isinstance(info.value, UnboundLocalError)
    message = str(info.value)
    assert "helper=" in message
    extension = os.path.splitext(name)[1]
    assert (extension or "extensionless") in message
    assert server.requests == []


@pytest.mark.parametrize(
    ("name", "helper"),
    [("m.NPZ", "numpyhelper"), ("m.Npz", "numpyhelper"), ("m.BIN", "binaryhelper")],
)
def test_bug_01_extension_is_case_insensitive_and_helper_overrides(
    name: str, helper: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    model_routes(server)
    client.set_active_model(model_file(tmp_path, name))
    assert json_of(server.matching("PUT", "/api/v1/helpers/active")[0]) == {"helper": helper}
    assert form_of(server.matching("POST", "/api/v1/models/")[0])["helper"] == helper
    server.requests.clear()
    client.set_active_model(model_file(tmp_path, "weights.pt"), helper="androidhelper")
    assert json_of(server.matching("PUT", "/api/v1/helpers/active")[0]) == {
        "helper": "androidhelper"
    }


def test_bug_02_missing_file_changes_nothing(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    with pytest.raises(MissingFileError) as info:
        client.set_active_model(tmp_path / "absent.npz")
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, ValueError)
    assert "path" in str(info.value) and "absent.npz" in str(info.value)
    with pytest.raises(MissingFileError):
        client.set_active_model(tmp_path)  # a folder is not a model file
    assert server.requests == []


def test_bug_02_helper_is_set_only_after_a_successful_upload(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {"message": "bad chunk"}, status=400)
    server.on("POST", "/api/v1/file-upload/u1/abort", {})
    with pytest.raises(BadRequestError):
        client.set_active_model(model_file(tmp_path))
    assert server.matching("PUT", "/api/v1/helpers/active") == []
    assert server.matching("POST", "/api/v1/models/") == []


NASTY_IDS = [
    ("a/b", "a%2Fb"),
    ("a?b=1", "a%3Fb%3D1"),
    ("a#b", "a%23b"),
    ("a%2Fb", "a%252Fb"),
    ("a b+c&d", "a%20b%2Bc%26d"),
    ("..", "%2E%2E"),
    (".", "%2E"),
    ("ü", "%C3%BC"),
]

ID_CALLS = [
    ("get_client", "/api/v1/clients/{}", entity_for("/api/v1/clients/")),
    ("get_combiner", "/api/v1/combiners/{}", entity_for("/api/v1/combiners/")),
    ("get_model", "/api/v1/models/{}", entity_for("/api/v1/models/")),
    ("get_package", "/api/v1/packages/{}", entity_for("/api/v1/packages/")),
    ("get_round", "/api/v1/rounds/{}", entity_for("/api/v1/rounds/")),
    ("get_session", "/api/v1/sessions/{}", SESSION),
    ("get_session_status", "/api/v1/sessions/{}", SESSION),
    ("session_is_finished", "/api/v1/sessions/{}", SESSION),
    ("get_status", "/api/v1/statuses/{}", entity_for("/api/v1/statuses/")),
    ("get_validation", "/api/v1/validations/{}", entity_for("/api/v1/validations/")),
    ("get_model_trail", "/api/v1/models/{}/ancestors", []),
]


@pytest.mark.parametrize(("raw", "escaped"), NASTY_IDS, ids=[e for _, e in NASTY_IDS])
@pytest.mark.parametrize(("name", "template", "answer"), ID_CALLS, ids=[c[0] for c in ID_CALLS])
def test_bug_03_path_ids_are_escaped(
    name: str,
    template: str,
    answer: Any,
    raw: str,
    escaped: str,
    server: FakeServer,
    client: Scaleout,
) -> None:
    server.on("GET", template.format(escaped), answer)
    if name == "get_model_trail":
        client.get_model_trail(raw, n_max=3)
    else:
        getattr(client, name)(raw)
    request = server.only()
    assert path_of(request) == template.format(escaped)
    assert query_of(request) in ([], [("include_self", "true")])


@pytest.mark.parametrize(("raw", "escaped"), NASTY_IDS, ids=[e for _, e in NASTY_IDS])
def test_bug_03_download_and_upload_ids_are_escaped(
    raw: str, escaped: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", f"/api/v1/models/{escaped}/download", respond(200, content=b"x"))
    client.download_model(raw, tmp_path / "m.bin")
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": raw})
    server.on("POST", f"/api/v1/file-upload/{escaped}/chunk", respond(503, {"message": "busy"}))
    server.on("POST", f"/api/v1/file-upload/{escaped}/abort", {})
    with pytest.raises(InternalServerError):
        client.set_active_model(model_file(tmp_path))
    assert server.calls()[-1] == ("POST", f"/api/v1/file-upload/{escaped}/abort")


@pytest.mark.parametrize("name", ["a b&c=d#e+f", "x&status=Finished", "100%", "=&?#"])
def test_bug_04_query_values_are_escaped(name: str, server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/", page([SESSION]))
    client.get_sessions(name=name)
    client.get_session(name=name)
    for request in server.requests:
        assert path_of(request) == "/api/v1/sessions/"  # trailing slash: no 308 redirect
        assert query_of(request) == [("name", name)]  # nothing injected


def test_bug_05_error_statuses_raise_with_the_server_message(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/clients/c1", {"message": "Entity with id: c1 not found"}, status=404)
    with pytest.raises(NotFoundError, match="Entity with id: c1 not found"):
        client.get_client("c1")
    server.on("GET", "/api/v1/models/count", html_502())
    with pytest.raises(InternalServerError, match="502 Bad Gateway") as info:
        client.get_models_count()
    assert "<" not in info.value.message
    flask_405 = respond(
        405,
        content=b"<!doctype html><title>405 Method Not Allowed</title><h1>Method Not Allowed</h1>",
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    server.on("POST", "/api/v1/statuses/", flask_405)
    with pytest.raises(APIStatusError, match="405 Method Not Allowed") as info405:
        client.add_status({"type": "LOG"})
    assert info405.value.status_code == 405


def test_bug_05_non_json_success_body_is_a_clear_error(
    server: FakeServer, client: Scaleout
) -> None:
    server.on(
        "GET",
        "/api/v1/rounds/count",
        respond(200, content=b"<html>proxy login</html>", headers={"Content-Type": "text/html"}),
    )
    with pytest.raises(ScaleoutError, match="not JSON.*text/html"):
        client.get_rounds_count()


def test_bug_06_every_failure_raises(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    server.default = respond(500, {"message": "An unexpected error occurred"})
    failing = [
        lambda: client.run_custom_command("x"),
        lambda: client.download_model("m1", tmp_path / "m.bin"),
        lambda: client.download_package(tmp_path / "p.tgz"),
        lambda: client.get_session("s1"),
        lambda: client.get_session_status("s1"),
        lambda: client.continue_session("s1"),
    ]
    for call in failing:
        with pytest.raises(InternalServerError, match="An unexpected error occurred"):
            call()
    assert list(tmp_path.iterdir()) == []


def test_bug_06_no_synthetic_results(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/", page([]))
    with pytest.raises(NotFoundError, match="no session named 'ghost'"):
        client.get_session(name="ghost")
    with pytest.raises(ValueError, match="id or name"):
        client.get_session()
    server.on("GET", "/api/v1/sessions/s1", SESSION)
    with pytest.raises(SessionStateError) as info:
        client.continue_session("s1")
    assert info.value.status == "Started"


def test_bug_07_return_types_are_stable(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", page([]))
    assert client.get_active_model() is None
    assert client.get_model_trail() == []
    server.on("GET", "/api/v1/sessions/s1", example("Session", session_id="s1", status=None))
    finished = client.session_is_finished("s1")
    assert finished is False
    assert client.get_session_status("s1") == "Created"
    server.on("GET", "/api/v1/sessions/s2", example("Session", session_id="s2", status="finished"))
    assert client.session_is_finished("s2") is True


def test_bug_08_failed_model_count_is_never_a_header(server: FakeServer, client: Scaleout) -> None:
    server.on(
        "GET", "/api/v1/models/count", {"message": "An unexpected error occurred"}, status=500
    )
    with pytest.raises(InternalServerError):
        client.get_model_trail("m1")
    assert server.calls() == [("GET", "/api/v1/models/count")]
    server.requests.clear()
    server.on("GET", "/api/v1/models/m1/ancestors", [])
    client.get_model_trail("m1", n_max=4)
    assert server.calls() == [("GET", "/api/v1/models/m1/ancestors")]
    assert x_headers(server.requests[0])["x-limit"] == "4"


def test_bug_09_model_lookup_errors_are_not_no_models(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/", {"message": "Invalid token"}, status=401)
    with pytest.raises(AuthenticationError, match="Invalid token"):
        client.start_session()
    assert server.calls() == [("GET", "/api/v1/models/")]
    server.reset()
    server.on("GET", "/api/v1/models/", page([]))
    with pytest.raises(ScaleoutError, match="no model"):
        client.start_session()
    assert server.calls() == [("GET", "/api/v1/models/")]


def test_bug_09_created_session_without_id_is_a_clear_error(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("POST", "/api/v1/sessions/", {"name": "x"}, status=201)
    with pytest.raises(ScaleoutError, match="session_id") as info:
        client.start_session(model_id="m1", helper="numpyhelper")
    assert not isinstance(info.value, KeyError)
    assert server.matching("POST", "/api/v1/sessions/start") == []


def test_bug_09_start_errors_raise(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on(
        "POST", "/api/v1/sessions/start", {"message": "A session is already running!"}, status=400
    )
    with pytest.raises(BadRequestError, match="A session is already running!"):
        client.start_session(model_id="m1", helper="numpyhelper")


@pytest.mark.parametrize("status", [404, 400])
def test_bug_09_helper_type_is_never_null(
    status: int, server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/helpers/active", {"message": "No active helper"}, status=status)
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    client.start_session(model_id="m1")
    config = json_of(server.matching("POST", "/api/v1/sessions/")[0])["session_config"]
    assert config["helper_type"] == "numpyhelper"


class ServerFunctions:
    """A stand-in for a ServerFunctionsBase subclass defined in a module."""

    def aggregate(self, previous: Any, updates: Any) -> Any:
        return previous


def start_routes(server: FakeServer) -> None:
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})


@pytest.mark.parametrize("given", [ServerFunctions, ServerFunctions()], ids=["class", "instance"])
def test_bug_10_server_functions_class_or_instance(
    given: Any, server: FakeServer, client: Scaleout
) -> None:
    start_routes(server)
    client.start_session(model_id="m1", helper="numpyhelper", server_functions=given)
    config = json_of(server.requests[0])["session_config"]
    assert config["server_functions"] == inspect.getsource(ServerFunctions)


def test_bug_10_server_functions_without_source(server: FakeServer, client: Scaleout) -> None:
    repl_class = type("FromRepl", (), {"__module__": "__main_repl_without_file__"})
    with pytest.raises(ValueError, match="server_functions"):
        client.start_session(model_id="m1", helper="numpyhelper", server_functions=repl_class)
    assert server.requests == []
    start_routes(server)
    source = "class S(ServerFunctionsBase):\n    pass\n"
    client.start_session(model_id="m1", helper="numpyhelper", server_functions=source)
    assert json_of(server.requests[0])["session_config"]["server_functions"] == source


@pytest.mark.parametrize("status", ["Finished", "Terminated", "Failed", "Created", None])
def test_bug_11_continue_session_states(
    status: str | None, server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/sessions/s1", {**SESSION, "status": status})
    server.on("GET", "/api/v1/rounds/", page([]))
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    assert client.continue_session("s1") == {"message": "Session started", "session_id": "s1"}
    assert server.calls() == [
        ("GET", "/api/v1/sessions/s1"),
        ("GET", "/api/v1/rounds/"),
        ("POST", "/api/v1/sessions/start"),
    ]


def test_bug_11_running_session_is_not_continued(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/sessions/s1", SESSION)
    with pytest.raises(SessionStateError, match="running"):
        client.continue_session("s1")
    assert server.calls() == [("GET", "/api/v1/sessions/s1")]


@pytest.mark.parametrize(
    "key", ["command_type", "timeout", "client_ids", "blocking", "synchronous", "parameters"]
)
def test_bug_12_reserved_parameter_names_are_refused(
    key: str, server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises(ValueError, match=f"parameters.*{key}"):
        client.run_custom_command("x", parameters={key: 1, "lr": 0.1})
    assert server.requests == []


def test_bug_13_validations_count_sends_one_request(server: FakeServer, client: Scaleout) -> None:
    """The 1.0.1 dead code (a duplicate request after ``return``) cannot be observed; pin
    instead that exactly one count request is sent and its integer returned."""
    server.on("GET", "/api/v1/validations/count", 3)
    assert client.get_validations_count(session_id="s1") == 3
    request = server.only()
    assert query_of(request) == [("session_id", "s1")]


def test_bug_14_predictions_filter_on_sender_client_id(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/predictions/", page([]))
    client.get_predictions(client_id="c1")
    assert query_of(server.only()) == [("sender.client_id", "c1")]


def test_bug_15_current_attributes_send_client_ids(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/attributes/current", {"c1": {}})
    client.get_current_attributes(["c1"])
    assert json_of(server.only())["client_ids"] == ["c1"]


@pytest.mark.parametrize("bad", [[], (), 5, [""], ["ok", 3]])
def test_bug_15_current_attributes_check_node_list(
    bad: Any, server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises((ValueError, TypeError), match="node_list"):
        client.get_current_attributes(bad)
    assert server.requests == []


def test_bug_16_attribute_trail_filters_on_entity_fields(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/attributes/", page([]))
    assert client.get_attribute_trail("n1") == page([])
    for request in server.requests:
        assert request.method == "GET" and request.content == b""
        assert "node_id" not in str(request.url)
        assert [k for k, _ in query_of(request)] in (["sender.client_id"], ["sender.combiner_id"])


def test_bug_17_round_filters_render_like_the_server(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/rounds/", page([]))
    client.get_rounds(filter={"a": True, "b": False, "c": None, "d": 1.5})
    assert sorted(query_of(server.only())) == [
        ("a", "true"),
        ("b", "false"),
        ("c", "null"),
        ("d", "1.5"),
    ]


@pytest.mark.parametrize("bad", [{"status": ["a"]}, {"status": {"x": 1}}, {1: "x"}, "status=x"])
def test_bug_17_bad_round_filters_are_refused(
    bad: Any, server: FakeServer, client: Scaleout
) -> None:
    with pytest.raises(TypeError, match="filter|status"):
        client.get_rounds(filter=bad)
    assert server.requests == []


def test_bug_18_docstrings_match_signatures() -> None:
    for name in ("step_current_session", "stop_current_session"):
        assert "session_id" not in (getattr(Scaleout, name).__doc__ or "")
    assert "data" not in inspect.signature(Scaleout.start_predictions).parameters
    assert ":param data" not in (Scaleout.start_predictions.__doc__ or "")
    assert "round_id" not in (Scaleout.get_round.__doc__ or "")
    assert ":param id:" in (Scaleout.get_round.__doc__ or "")


# --- 12.2 Transport and robustness ---------------------------------------------------------


def test_bug_19_requests_have_timeouts(server: FakeServer) -> None:
    gate = TokenGate(server)
    server.on("GET", "/api/v1/clients/count", 1)
    with make_client(gate, token="rt-1") as sdk:
        sdk.get_clients_count()
    (refresh,) = gate.refreshes
    assert all(value is not None for value in refresh.extensions["timeout"].values())
    api = server.only()
    assert api.extensions["timeout"] == pytest.approx(
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}, abs=0.5
    )


def test_bug_19_a_hanging_server_becomes_a_timeout_error(server: FakeServer) -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    server.default = hang
    with make_client(server, timeout=0.5) as sdk, pytest.raises(APITimeoutError):
        sdk.get_clients_count()


def test_bug_20_idempotent_requests_are_retried_on_one_pool(
    server: FakeServer, sleeps: list[float]
) -> None:
    busy = respond(503, {"message": "busy"})
    server.on("GET", "/api/v1/clients/count", busy, busy, respond(200, 4))
    with make_client(server, max_retries=2) as sdk:
        pool = sdk._core.httpx_client
        assert sdk.get_clients_count() == 4
        assert sdk.with_options(max_retries=0)._core.httpx_client is pool
    assert len(server.requests) == 3
    assert len(sleeps) == 2 and all(0 <= delay <= 8 for delay in sleeps)


def test_bug_20_posts_are_not_blindly_retried(server: FakeServer) -> None:
    server.on("POST", "/api/v1/statuses/", {"message": "busy"}, status=503)
    with make_client(server, max_retries=2) as sdk, pytest.raises(InternalServerError):
        sdk.add_status({"type": "LOG"})
    assert len(server.requests) == 1


def test_bug_21_downloads_stream(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    block = 64 * 1024
    progress: list[tuple[int, int | None]] = []
    seen_when_yielding: list[int] = []

    def body() -> Iterator[bytes]:
        for index in range(4):
            seen_when_yielding.append(len(progress))
            yield bytes([index]) * block

    server.on(
        "GET",
        "/api/v1/models/m1/download",
        lambda request: httpx.Response(
            200, content=body(), headers={"Content-Length": str(4 * block)}
        ),
    )
    client.download_model(
        "m1", tmp_path / "m.bin", progress=lambda done, total: progress.append((done, total))
    )
    # Each block was written (and reported) before the next one was produced: nothing buffers
    # the whole body.
    assert seen_when_yielding == [0, 1, 2, 3]
    assert progress == [(block * (i + 1), 4 * block) for i in range(4)]


def test_bug_21_download_failures_keep_details(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("GET", "/api/v1/packages/download", {"message": "No active package"}, status=404)
    with pytest.raises(NotFoundError, match="No active package"):
        client.download_package(tmp_path / "p.tgz")
    assert list(tmp_path.iterdir()) == []


def test_bug_22_long_uploads_refresh_the_token(server: FakeServer, tmp_path: Path) -> None:
    # Every access token is good for two requests only; the upload needs six.
    gate = TokenGate(server, uses=2)
    model_routes(server)
    path = model_file(tmp_path, size=921600 + 10)
    with make_client(gate, token="rt-1") as sdk:
        assert sdk.set_active_model(path)["success"] is True
    assert [c for c in server.calls()] == [
        ("POST", "/api/v1/file-upload/init"),
        ("POST", "/api/v1/file-upload/u1/chunk"),
        ("POST", "/api/v1/file-upload/u1/chunk"),
        ("POST", "/api/v1/file-upload/u1/complete"),
        ("PUT", "/api/v1/helpers/active"),
        ("POST", "/api/v1/models/"),
    ]
    assert len(gate.refreshes) >= 3
    chunks = server.matching("POST", "/api/v1/file-upload/u1/chunk")
    assert [r.headers["x-chunk-index"] for r in chunks] == ["0", "1"]
    assert len({r.headers["authorization"] for r in server.requests}) >= 3


@pytest.mark.parametrize("failure", ["chunk_400", "complete_500", "chunk_network"])
def test_bug_23_failed_uploads_are_aborted(
    failure: str, server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/abort", {"message": "oops"}, status=500)
    if failure == "chunk_400":
        server.on("POST", "/api/v1/file-upload/u1/chunk", {"message": "bad index"}, status=400)
        expected: type[Exception] = BadRequestError
    elif failure == "complete_500":
        server.on("POST", "/api/v1/file-upload/u1/chunk", {})
        server.on("POST", "/api/v1/file-upload/u1/complete", {"message": "disk full"}, status=500)
        expected = InternalServerError
    else:

        def drop(request: httpx.Request) -> httpx.Response:
            raise httpx.ReadError("connection reset", request=request)

        server.on("POST", "/api/v1/file-upload/u1/chunk", drop)
        expected = APIConnectionError
    with pytest.raises(expected) as info:
        client.set_active_model(model_file(tmp_path))
    # The failing abort (500) did not replace the original error.
    assert "oops" not in str(info.value)
    assert server.calls()[-1] == ("POST", "/api/v1/file-upload/u1/abort")
    assert server.matching("PUT", "/api/v1/helpers/active") == []


def test_bug_24_fallback_tries_every_size_down_to_256_kib(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {"message": "too large"}, status=413)
    server.on("POST", "/api/v1/file-upload/u1/abort", {})
    with pytest.raises(UploadError, match="262144"):
        client.set_active_model(model_file(tmp_path, size=10))
    sizes = [json_of(r)["chunk_size"] for r in server.matching("POST", "/api/v1/file-upload/init")]
    assert sizes == [921600, 460800, 262144]


# --- 12.3 Auth and configuration ----------------------------------------------------------


def test_bug_25_rejected_refresh_token_raises(server: FakeServer) -> None:
    gate = TokenGate(server, answers=[respond(401, {"message": "Invalid token"})])
    with make_client(gate, token="rt-bad") as sdk:
        with pytest.raises(TokenRefreshError, match="Invalid token") as info:
            sdk.get_clients_count()
    assert isinstance(info.value, AuthenticationError)
    assert server.requests == [] and gate.rejected == []  # never sent without credentials
    assert "rt-bad" not in str(info.value)


def test_bug_26_constructor_touches_neither_network_nor_disk(
    server: FakeServer, tmp_path: Path
) -> None:
    gate = TokenGate(server)
    sdk = make_client(gate, token="rt-1", token_cache=True)
    sdk.close()
    assert gate.refreshes == [] and server.requests == []
    assert not (tmp_path / "token-cache").exists()
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize("failure", ["status_500", "connection"])
def test_bug_27_refresh_failures_are_sdk_errors(failure: str, server: FakeServer) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    answer = respond(500, {"message": "auth down"}) if failure == "status_500" else broken
    gate = TokenGate(server, answers=[answer])
    with make_client(gate, token="rt-1") as sdk, pytest.raises(ScaleoutError) as info:
        sdk.get_models_count()
    assert not isinstance(info.value, RuntimeError)
    if failure == "status_500":
        assert isinstance(info.value, InternalServerError)
    else:
        assert isinstance(info.value, APIConnectionError)
        assert "token refresh" in str(info.value)
    assert server.requests == []


def test_bug_28_auth_scheme_applies_to_refreshed_tokens(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    gate = TokenGate(server, scheme="Token")
    with make_client(gate, token="rt-1", auth_scheme="Token") as sdk:
        sdk.get_models_count()
    assert server.only().headers["authorization"] == "Token acc-1"
    # The environment is read when the client is built, not when scaleout was imported.
    monkeypatch.setenv("SCALEOUT_AUTH_SCHEME", "JWT")
    server.requests.clear()
    gate = TokenGate(server, scheme="JWT")
    with make_client(gate, token="rt-1") as sdk:
        sdk.get_models_count()
    assert server.only().headers["authorization"] == "JWT acc-1"


def test_bug_29_static_api_key_and_provider(server: FakeServer) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    api_key = fake_jwt(token_type="api_key", sub="me")
    with make_client(server, token=api_key) as sdk:
        sdk.get_models_count()
        sdk.get_models_count()
    assert [r.headers["authorization"] for r in server.requests] == [f"Bearer {api_key}"] * 2
    assert server.calls() == [("GET", "/api/v1/models/count")] * 2  # no refresh
    server.requests.clear()
    with make_client(server, access_token_provider=lambda: "plain-access") as sdk:
        sdk.get_models_count()
    assert server.only().headers["authorization"] == "Bearer plain-access"


def test_bug_30_explicit_token_endpoint_beats_environment(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCALEOUT_AUTH_REFRESH_TOKEN_URI", "https://env.example.com/refresh")
    server.on("GET", "/api/v1/models/count", 1)
    gate = TokenGate(server)
    explicit = f"{ORIGIN}/custom/api/auth/refresh"
    with make_client(gate, token="rt-1", token_endpoint=explicit) as sdk:
        sdk.get_models_count()
    assert [str(r.url) for r in gate.refreshes] == [explicit]


def test_bug_31_token_role_is_configurable(server: FakeServer) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    gate = TokenGate(server)
    with make_client(gate, token="rt-1") as sdk:
        sdk.get_models_count()
    gate2 = TokenGate(server)
    with make_client(gate2, token="rt-2", token_role="client") as sdk:
        sdk.get_models_count()
    assert json_of(gate.refreshes[0]) == {"refresh_token": "rt-1", "role": "admin"}
    assert json_of(gate2.refreshes[0]) == {"refresh_token": "rt-2", "role": "client"}


def test_bug_32_any_2xx_refresh_with_a_token_works_and_is_reused(server: FakeServer) -> None:
    """The dead "wait for the refresh in progress" branch is an internal detail (unit-tested
    with threads in tests/unit); here: a 201 answer is accepted, one refresh serves many
    calls, and a 2xx without a token is an error rather than a silent anonymous client."""
    server.on("GET", "/api/v1/models/count", 1)
    created = respond(201, {"access_token": "acc-201", "expires_in": 600})
    gate = TokenGate(server, answers=[created])
    with make_client(gate, token="rt-1") as sdk:
        for _ in range(3):
            sdk.get_models_count()
    assert len(gate.refreshes) == 1
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer acc-201"}
    server.requests.clear()
    gate = TokenGate(server, answers=[respond(204)])
    with make_client(gate, token="rt-1") as sdk, pytest.raises(TokenRefreshError):
        sdk.get_models_count()
    assert server.requests == []


def test_bug_33_secure_defaults(caplog: pytest.LogCaptureFixture) -> None:
    assert Scaleout("edge33a.example.com", port="443", token_cache=False).url == (
        "https://edge33a.example.com:443"
    )
    assert Scaleout("edge33b.example.com", port=443, token_cache=False).url == (
        "https://edge33b.example.com:443"
    )
    assert Scaleout("https://edge33c.example.com", token_cache=False).url == (
        "https://edge33c.example.com:443"
    )
    with caplog.at_level(logging.WARNING, logger="scaleout"):
        plain = Scaleout("edge33d.example.com", token="rt-1", token_cache=False)
    assert plain.url == "http://edge33d.example.com:80"
    assert "plain HTTP" in caplog.text and "edge33d.example.com" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="scaleout"):
        odd = Scaleout("edge33e.example.com", port=443, secure=False, token_cache=False)
    assert odd.url == "http://edge33e.example.com:443"
    assert "port 443" in caplog.text


def test_bug_34_path_prefix_and_ipv6(server: FakeServer) -> None:
    server.on("GET", "/edge/api/v1/clients/", page([]))
    gate = TokenGate(server)
    with make_client(gate, host="https://ctl.example.com/edge/", token="rt-1") as sdk:
        sdk.get_clients()
    assert path_of(server.only()) == "/edge/api/v1/clients/"
    assert gate.refreshes[0].url.path == "/edge/api/auth/refresh"
    server.requests.clear()
    server.on("GET", "/api/v1/clients/", page([]))
    with make_client(server, host="::1", port=8092) as sdk:
        assert sdk.url == "http://[::1]:8092"
        sdk.get_clients()
    request = server.only()
    assert request.url.host == "::1" and request.url.port == 8092
    assert str(request.url).startswith("http://[::1]:8092/")


def test_bug_35_token_prefix_parsing(server: FakeServer) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    gate = TokenGate(server)
    with make_client(gate, token="Bearer rt-9") as sdk:
        sdk.get_models_count()
    assert json_of(gate.refreshes[0])["refresh_token"] == "rt-9"
    for bad in ("Bearer", "Bearer ", "one two three", ""):
        with pytest.raises(ValueError) as info:
            make_client(server, token=bad)
        assert not isinstance(info.value, IndexError)
        assert "token" in str(info.value)
    assert gate.rejected == []


def test_bug_36_token_cache_is_private_and_per_origin(server: FakeServer, tmp_path: Path) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    cache_dir = tmp_path / "token-cache"
    for host in ("https://ctl.example.com", "http://ctl.example.com:443"):
        gate = TokenGate(server)
        with make_client(gate, host=host, token="rt-secret", token_cache=True) as sdk:
            sdk.get_models_count()
            assert "rt-secret" not in repr(sdk) and "acc-1" not in repr(sdk)
    files = sorted(cache_dir.iterdir())
    assert len(files) == 2  # the scheme is part of the cache key
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_bug_36_tokens_can_stay_off_disk(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCALEOUT_PERSIST_TOKENS", "false")
    server.on("GET", "/api/v1/models/count", 1)
    with make_client(TokenGate(server), token="rt-1", token_cache=True) as sdk:
        sdk.get_models_count()
    assert not (tmp_path / "token-cache").exists()


def test_bug_37_blocking_is_sent_as_both_wire_names(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/control/run_command", {"success": True, "message": "sent"})
    client.run_custom_command("x", blocking=True)
    body = json_of(server.only())
    assert body["blocking"] is True and body["synchronous"] is True
    with pytest.raises(TypeError, match="blocking"):
        client.run_custom_command("x", blocking="yes")  # type: ignore[arg-type]
    assert len(server.requests) == 1


# --- arguments are checked before anything is sent -----------------------------------------

BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    ("get_client", lambda c: c.get_client(""), ValueError, "id"),
    ("get_client", lambda c: c.get_client(None), ValueError, "id"),
    ("get_model", lambda c: c.get_model(5), TypeError, "id"),
    ("get_clients", lambda c: c.get_clients(n_max=-1), ValueError, "n_max"),
    ("get_clients", lambda c: c.get_clients(n_max="5"), TypeError, "n_max"),
    ("get_models", lambda c: c.get_models(n_max=True), TypeError, "n_max"),
    ("get_models", lambda c: c.get_models(session_id=3), TypeError, "session_id"),
    ("get_active_clients", lambda c: c.get_active_clients(combiner_id=1), TypeError, "combiner_id"),
    ("get_clients_count", lambda c: c.get_clients_count("yes"), TypeError, "only_active"),
    ("get_client_config", lambda c: c.get_client_config(1), TypeError, "checksum"),
    ("get_model_trail", lambda c: c.get_model_trail(include_self="no"), TypeError, "include_self"),
    ("get_model_trail", lambda c: c.get_model_trail(reverse=None), TypeError, "reverse"),
    ("get_model_trail", lambda c: c.get_model_trail(n_max=-2), ValueError, "n_max"),
    ("get_statuses", lambda c: c.get_statuses(event_type=5), TypeError, "event_type"),
    ("get_statuses", lambda c: c.get_statuses(sender_name=""), ValueError, "sender_name"),
    (
        "get_validations",
        lambda c: c.get_validations(sender_client_id=1),
        TypeError,
        "sender_client_id",
    ),
    ("get_predictions", lambda c: c.get_predictions(client_id=1), TypeError, "client_id"),
    ("get_sessions", lambda c: c.get_sessions(name=""), ValueError, "name"),
    ("add_status", lambda c: c.add_status("MODEL_UPDATE"), TypeError, "status"),
    ("add_status", lambda c: c.add_status({"sender": "me"}), TypeError, "sender"),
    ("add_attributes", lambda c: c.add_attributes({"value": "1", "sender": {}}), ValueError, "key"),
    (
        "add_attributes",
        lambda c: c.add_attributes({"key": "k", "value": True, "sender": {}}),
        TypeError,
        "value",
    ),
    (
        "add_attributes",
        lambda c: c.add_attributes({"key": "k", "value": "1"}),
        ValueError,
        "sender",
    ),
    ("run_custom_command", lambda c: c.run_custom_command(""), ValueError, "command_type"),
    ("run_custom_command", lambda c: c.run_custom_command("x", timeout=0), ValueError, "timeout"),
    (
        "run_custom_command",
        lambda c: c.run_custom_command("x", client_ids="c1"),
        TypeError,
        "client_ids",
    ),
    (
        "run_custom_command",
        lambda c: c.run_custom_command("x", parameters=[1]),
        TypeError,
        "parameters",
    ),
    ("start_session", lambda c: c.start_session(rounds=0), ValueError, "rounds"),
    ("start_session", lambda c: c.start_session(rounds=2.5), TypeError, "rounds"),
    ("start_session", lambda c: c.start_session(round_timeout=0), ValueError, "round_timeout"),
    (
        "start_session",
        lambda c: c.start_session(round_buffer_size=0),
        ValueError,
        "round_buffer_size",
    ),
    ("start_session", lambda c: c.start_session(min_clients=0), ValueError, "min_clients"),
    (
        "start_session",
        lambda c: c.start_session(requested_clients=0),
        ValueError,
        "requested_clients",
    ),
    ("start_session", lambda c: c.start_session(aggregator=""), ValueError, "aggregator"),
    (
        "start_session",
        lambda c: c.start_session(aggregator_kwargs="a=1"),
        TypeError,
        "aggregator_kwargs",
    ),
    ("start_session", lambda c: c.start_session(validate="yes"), TypeError, "validate"),
    ("start_session", lambda c: c.start_session(delete_models=1), TypeError, "delete_models"),
    ("start_session", lambda c: c.start_session(model_id=""), ValueError, "model_id"),
    ("continue_session", lambda c: c.continue_session(""), ValueError, "session_id"),
    ("continue_session", lambda c: c.continue_session("s", rounds=0), ValueError, "rounds"),
    (
        "continue_session",
        lambda c: c.continue_session("s", round_timeout=-1),
        ValueError,
        "round_timeout",
    ),
    ("wait_for_session", lambda c: c.wait_for_session("s", timeout=0), ValueError, "timeout"),
    (
        "wait_for_session",
        lambda c: c.wait_for_session("s", poll_interval=-1),
        ValueError,
        "poll_interval",
    ),
    ("wait_for_session", lambda c: c.wait_for_session("s", on_round=1), TypeError, "on_round"),
    ("get_session", lambda c: c.get_session(id=""), ValueError, "id"),
    ("get_current_attributes", lambda c: c.get_current_attributes(None), ValueError, "node_list"),
    ("get_attribute_trail", lambda c: c.get_attribute_trail(""), ValueError, "node_id"),
    (
        "start_predictions",
        lambda c: c.start_predictions(prediction_id=7),
        TypeError,
        "prediction_id",
    ),
    ("start_predictions", lambda c: c.start_predictions(model_id=""), ValueError, "model_id"),
    ("download_model", lambda c: c.download_model("m", 5), TypeError, "path"),
    (
        "download_model",
        lambda c: c.download_model("m", "/no/such/folder/m.bin"),
        ValueError,
        "path",
    ),
    ("download_package", lambda c: c.download_package(""), ValueError, "path"),
    ("set_active_model", lambda c: c.set_active_model(None), TypeError, "path"),
    (
        "set_active_package",
        lambda c: c.set_active_package(__file__, "nohelper", "n"),
        ValueError,
        "helper",
    ),
    (
        "set_active_package",
        lambda c: c.set_active_package(__file__, None, "n"),
        ValueError,
        "helper",
    ),
    (
        "set_active_package",
        lambda c: c.set_active_package(__file__, "numpyhelper", ""),
        ValueError,
        "name",
    ),
    (
        "set_active_package",
        lambda c: c.set_active_package(__file__, "numpyhelper", "n", description=None),
        TypeError,
        "description",
    ),
    (
        "set_active_model",
        lambda c: c.set_active_model(__file__, helper="torch"),
        ValueError,
        "helper",
    ),
    ("iter_models", lambda c: c.iter_models(page_size=0), ValueError, "page_size"),
    ("iter_models", lambda c: c.iter_models(filters=[("a", 1)]), TypeError, "filters"),
    ("iter_rounds", lambda c: c.iter_rounds(session_id=1), TypeError, "session_id"),
]


@pytest.mark.parametrize(
    ("name", "call", "error", "argument"),
    BAD_CALLS,
    ids=[f"{b[0]}-{b[3]}-{i}" for i, b in enumerate(BAD_CALLS)],
)
def test_bad_arguments_fail_before_any_request(
    name: str,
    call: Any,
    error: type[Exception],
    argument: str,
    server: FakeServer,
    client: Scaleout,
) -> None:
    with pytest.raises(error) as info:
        call(client)
    assert argument in str(info.value)
    assert server.requests == []


def test_upload_sha256_matches_file(server: FakeServer, client: Scaleout, tmp_path: Path) -> None:
    """Companion of bug 23/24: what complete receives is the digest of the bytes sent."""
    model_routes(server)
    path = model_file(tmp_path, size=1000)
    client.set_active_model(path)
    complete = server.matching("POST", "/api/v1/file-upload/u1/complete")[0]
    assert json_of(complete) == {"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
