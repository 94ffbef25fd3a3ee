"""The seam between the hand-written methods and the generated operations.

Every method reaches its operation through the typed ``build_request`` and every request,
whatever its kind, goes through the HTTP core's one send path with one options object.
"""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path
from typing import Any

import httpx
import pytest

import scaleout
from scaleout import (
    APIConnectionError,
    ArgumentTypeError,
    DownloadError,
    InvalidArgumentError,
    MissingFileError,
    Scaleout,
    ScaleoutError,
)

from ._support import FakeServer, TokenGate, make_client, respond

SDK = Path(scaleout.__file__).parent
HAND_WRITTEN = [p for p in SDK.rglob("*.py") if "local" not in p.relative_to(SDK).parts]


def _public_methods() -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(Scaleout, inspect.isfunction)
        if not name.startswith("_") and name not in {"close", "with_options"}
    }


# --- the typed path -----------------------------------------------------------------------


def test_no_private_generator_api_and_no_operation_names_as_strings() -> None:
    for path in HAND_WRITTEN:
        text = path.read_text(encoding="utf-8")
        assert "_get_kwargs" not in text, path
        # Operations are imported by name in code, never looked up from strings.
        assert "import_module" not in text and "__import__" not in text, path
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                # A module-level `import scaleout_api...` would load it at `import scaleout`.
                assert not any(a.name.startswith("scaleout_api") for a in node.names), path


#: Modules that import the generated package at their top, and are themselves imported only
#: when it is needed: by users on purpose, or by the first use of ``client.api``.
LOADED_ON_DEMAND = {"types.py", "_api_client.py"}


def test_generated_imports_are_lazy_or_type_only() -> None:
    """Module-level imports of the generated package sit under TYPE_CHECKING only."""
    for path in HAND_WRITTEN:
        if path.name in LOADED_ON_DEMAND:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scaleout_api"):
                pytest.fail(f"{path}: module-level import of {node.module}")


def test_every_method_imports_an_existing_operation_with_build_request() -> None:
    import importlib

    seen = 0
    for path in HAND_WRITTEN:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "scaleout_api.api."
            ):
                for alias in node.names:
                    module = importlib.import_module(f"{node.module}.{alias.name}")
                    assert callable(getattr(module, "build_request", None)), module
                    seen += 1
    assert seen >= 60


@pytest.mark.parametrize("name", sorted(_public_methods()))
def test_every_method_returns_a_spec_type(name: str) -> None:
    """No public method is typed ``dict[str, Any]``: results name the spec's schemas."""
    import scaleout.types

    annotation = inspect.signature(_public_methods()[name]).return_annotation
    assert isinstance(annotation, str) and annotation != "None" or name == "wait_for_session"
    assert "Any" not in annotation, annotation
    words = set(annotation.replace("[", " ").replace("]", " ").replace("|", " ").split())
    known = set(dir(scaleout.types)) | {"int", "str", "bool", "list", "Iterator", "None", "Path"}
    assert words <= known, f"{name} -> {annotation}"


def test_typed_results_resolve_at_run_time() -> None:
    import scaleout.types

    hints = typing.get_type_hints(Scaleout.get_models, vars(scaleout.types))
    assert hints["return"] is scaleout.types.ModelList
    assert typing.get_type_hints(scaleout.types.ModelList)["result"] == list[scaleout.types.Model]


def test_closed_arguments_are_the_spec_literals() -> None:
    import scaleout.types

    hints = typing.get_type_hints(Scaleout.start_session, vars(scaleout.types))
    assert typing.get_args(hints["aggregator"]) == ("fedavg", "fedopt")
    assert hints["helper"] == scaleout.types.Helper | None


def test_operation_request_repr_shows_no_body() -> None:
    from scaleout_api.api.auth import refresh_token
    from scaleout_api.models import TokenRefreshRequest

    request = refresh_token.build_request(body=TokenRefreshRequest(refresh_token="secret-rt"))
    assert request.name == "auth.refresh_token"
    assert request.method == "POST" and request.url == "/api/auth/refresh"
    assert "secret" not in repr(request)


# --- one send path, one options object ----------------------------------------------------


def test_extra_headers_reach_every_kind_of_request(server: FakeServer, tmp_path: Path) -> None:
    server.on("GET", "/api/v1/models/count", 1)
    server.on("GET", "/api/v1/models/m1/download", respond(200, content=b"abc"))
    server.on("POST", "/api/v1/file-upload/init", {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {})
    server.on("POST", "/api/v1/file-upload/u1/complete", {"file_token": "t"})
    server.on("PUT", "/api/v1/helpers/active", {"message": "ok"})
    server.on("POST", "/api/v1/models/", {"message": "added"})
    seed = tmp_path / "seed.npz"
    seed.write_bytes(b"weights")
    with make_client(server) as client:
        view = client.with_options(extra_headers={"X-Trace": "t-1"})
        view.get_models_count()
        view.download_model("m1", tmp_path / "m.npz")
        view.set_active_model(seed)
        from scaleout_api.api.models import count_models

        assert count_models.sync(client=view.api) == 1
        client.get_models_count()  # the client itself is unchanged
    traced = [r.headers.get("x-trace") for r in server.requests]
    assert traced == ["t-1"] * (len(traced) - 1) + [None]
    assert len(traced) == 9


def test_extra_headers_cannot_replace_the_auth() -> None:
    with make_client(FakeServer()) as client, pytest.raises(InvalidArgumentError, match="Auth"):
        client.with_options(extra_headers={"Authorization": "Bearer forged"})


def test_api_carries_the_views_options(server: FakeServer) -> None:
    from scaleout_api.api.clients import count_clients

    server.on("GET", "/api/v1/clients/count", 3)
    with make_client(server) as client:
        assert count_clients.sync(client=client.with_options(timeout=7, max_retries=4).api) == 3
        assert count_clients.sync(client=client.api) == 3
    tuned, plain = server.requests
    assert tuned.extensions["timeout"] == pytest.approx(
        dict.fromkeys(("connect", "read", "write", "pool"), 7), abs=0.5
    )
    assert tuned.extensions["scaleout_max_retries"] == 4
    assert plain.extensions["timeout"]["read"] == pytest.approx(60.0, abs=0.5)
    assert "scaleout_max_retries" not in plain.extensions


def test_api_refreshes_the_token_like_every_call(server: FakeServer) -> None:
    """client.api's generated functions send with the client's auth (a refresh token here)."""
    from scaleout_api.api.models import count_models

    gate = TokenGate(server)
    server.on("GET", "/api/v1/models/count", 2)
    with make_client(gate, token="rt-1") as client:
        response = count_models.sync_detailed(client=client.api)
    assert response.status_code == 200 and response.parsed == 2
    assert len(gate.refreshes) == 1
    assert server.only().headers["authorization"] == "Bearer acc-1"


def test_api_shapes_requests_and_maps_connection_errors(server: FakeServer) -> None:
    from scaleout_api.api.clients import get_client

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    server.on(
        "GET",
        "/api/v1/clients/%2E%2E",
        {"client_id": "..", "name": "n", "combiner": "c", "status": "online", "last_seen": "x"},
    )
    with make_client(server) as client:
        # ".." must not collapse into /api/v1/clients (the core's dot-segment rule).
        assert get_client.sync_detailed("..", client=client.api).status_code == 200
        server.on("GET", "/api/v1/clients/x", refuse)
        with pytest.raises(APIConnectionError):
            get_client.sync_detailed("x", client=client.api)


def test_api_with_headers_of_the_generated_client_are_sent(server: FakeServer) -> None:
    from scaleout_api.api.models import count_models

    server.on("GET", "/api/v1/models/count", 1)
    with make_client(server) as client:
        api = client.api.with_headers({"X-Team": "edge"})
        assert count_models.sync(client=api) == 1
    assert server.only().headers["x-team"] == "edge"


# --- errors: one hierarchy --------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.get_model(""), InvalidArgumentError),
        (lambda c: c.get_model(5), ArgumentTypeError),
        (lambda c: c.start_session(aggregator="fedavgg"), InvalidArgumentError),
        (lambda c: c.start_session(aggregator_kwargs={"serveropt": "sgd"}), InvalidArgumentError),
        (lambda c: c.set_active_model("/no/such/file.npz"), MissingFileError),
        (lambda c: c.add_status({"log_level": "LOUD"}), InvalidArgumentError),
        (lambda c: c.with_options(timeout="30"), ArgumentTypeError),
    ],
)
def test_argument_errors_are_scaleout_errors(call: Any, error: type[Exception]) -> None:
    server = FakeServer()
    with make_client(server) as client, pytest.raises(error) as info:
        call(client)
    assert isinstance(info.value, ScaleoutError)
    assert server.requests == []


def test_missing_file_error_is_all_three() -> None:
    assert issubclass(MissingFileError, FileNotFoundError)
    assert issubclass(MissingFileError, ValueError)
    assert issubclass(MissingFileError, ScaleoutError)


def test_a_body_that_breaks_off_is_a_download_error(server: FakeServer, tmp_path: Path) -> None:
    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> typing.Iterator[bytes]:
            yield b"x" * 10
            raise httpx.ReadError("connection reset")

    server.on(
        "GET",
        "/api/v1/models/m1/download",
        lambda r: httpx.Response(200, stream=Broken(), headers={"Content-Length": "50"}),
    )
    with make_client(server) as client, pytest.raises(DownloadError) as info:
        client.download_model("m1", tmp_path / "m.npz")
    error = info.value
    assert isinstance(error, APIConnectionError)
    assert (error.received, error.expected) == (10, 50)
    assert "m.npz" in str(error) and "ReadError" in str(error)
    assert list(tmp_path.iterdir()) == []


def test_api_async_functions_of_a_sync_client_send_with_its_auth(server: FakeServer) -> None:
    """The generated asyncio functions called with a sync client's api go through an async
    core made like the client's, with the same auth (and the same tokens)."""
    import asyncio

    from scaleout_api.api.models import count_models

    gate = TokenGate(server)
    server.on("GET", "/api/v1/models/count", 2)
    with make_client(gate, token="rt-1") as client:
        assert client.get_models_count() == 2
        assert asyncio.run(count_models.asyncio(client=client.api)) == 2
    assert len(gate.refreshes) == 1  # the async core used the token the sync core got
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer acc-1"] * 2
