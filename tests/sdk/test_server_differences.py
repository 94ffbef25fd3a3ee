"""Controllers that answer otherwise than the spec (FEDn 0.33): the SDK gives the right answer
or a typed error that says the controller lacks the call.

* uploads: no chunked-upload routes (an HTML 404 to ``file-upload/init``) means the multipart
  form, decided once per client, the file streamed, the POST never sent twice;
* routes the spec has and the controller does not (an HTML 404, any 405):
  :class:`UnsupportedOperationError` naming the controller and the operation;
* filters on nested fields that the controller ignores: the ``iter_*`` methods keep the
  matching items; a ``get_*`` call drops the strays or raises :class:`UnsupportedFilterError`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout import (
    APIConnectionError,
    AsyncScaleout,
    NotFoundError,
    Scaleout,
    UnsupportedFilterError,
    UnsupportedOperationError,
    UploadError,
)

from ._entities import example
from ._support import BASE_HOST, FakeServer, make_client, page, query_of, respond

FLASK_404 = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server.</p>\n"
)
FLASK_405 = (
    b"<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"
    b"<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n"
)
HTML = {"Content-Type": "text/html; charset=utf-8"}
INIT = "/api/v1/file-upload/init"


def fedn_upload_routes(server: FakeServer, *, init_status: int = 404) -> None:
    page_ = FLASK_404 if init_status == 404 else FLASK_405
    server.on("POST", INIT, respond(init_status, content=page_, headers=HTML))
    server.on("GET", "/api/v1/helpers/active", "numpyhelper")
    server.on("POST", "/api/v1/models/", {"success": True, "message": "Model added successfully"})
    server.on("POST", "/api/v1/packages/", {"message": "Package uploaded"})


def form_parts(request: httpx.Request) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart body: name -> (file name, content)."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert int(request.headers["content-length"]) == len(request.content)
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.content
    )
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        parts[str(name)] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return parts


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.npz"
    path.write_bytes(b"\x93NUMPY" + bytes(range(256)) * 4000)  # about 1 MiB: several pieces
    return path


@pytest.mark.parametrize("init_status", [404, 405])
def test_model_upload_falls_back_to_the_multipart_form(
    init_status: int, server: FakeServer, client: Scaleout, model_file: Path
) -> None:
    fedn_upload_routes(server, init_status=init_status)
    seen: list[tuple[int, int]] = []
    answer = client.set_active_model(
        model_file, progress=lambda sent, total: seen.append((sent, total))
    )
    assert answer == {"success": True, "message": "Model added successfully"}
    assert server.calls() == [
        ("POST", INIT),
        ("GET", "/api/v1/helpers/active"),  # the same helper: not set again
        ("POST", "/api/v1/models/"),
    ]
    upload = server.requests[-1]
    assert form_parts(upload) == {"file": ("seed.npz", model_file.read_bytes())}
    # A random boundary, not the generator's fixed one (a binary file could hold that).
    assert "+++" not in upload.headers["content-type"]
    size = model_file.stat().st_size
    assert len(seen) > 1 and seen[-1] == (size, size)
    assert [sent for sent, _ in seen] == sorted(sent for sent, _ in seen)


def test_the_fallback_is_decided_once_per_client(
    server: FakeServer, client: Scaleout, model_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fedn_upload_routes(server)
    with caplog.at_level(logging.DEBUG, logger="scaleout"):
        client.set_active_model(model_file)
        client.with_options(timeout=30).set_active_package(model_file, "numpyhelper", "pkg")
        client.set_active_model(model_file)
    assert len(server.matching("POST", INIT)) == 1  # views share the decision
    decided = [r for r in caplog.records if "has no chunked upload" in r.getMessage()]
    assert len(decided) == 1 and decided[0].levelno == logging.DEBUG
    assert "answered 404" in decided[0].getMessage()
    package = server.matching("POST", "/api/v1/packages/")[0]
    assert form_parts(package) == {
        "name": (None, b"pkg"),
        "description": (None, b""),
        "helper": (None, b"numpyhelper"),
        "file": ("seed.npz", model_file.read_bytes()),
    }
    # Another client finds out for itself.
    other = make_client(server)
    other.set_active_model(model_file)
    assert len(server.matching("POST", INIT)) == 2


def test_a_chunked_controller_is_remembered_too(
    server: FakeServer, client: Scaleout, model_file: Path
) -> None:
    server.on("POST", INIT, {"upload_id": "u1"})
    server.on("POST", "/api/v1/file-upload/u1/chunk", {"received": True})
    server.on("POST", "/api/v1/file-upload/u1/complete", {"file_token": "t1"})
    server.on("PUT", "/api/v1/helpers/active", {"message": "Active helper set"})
    server.on("POST", "/api/v1/models/", {"success": True, "message": "added"})
    client.set_active_model(model_file)
    assert client._core.upload_form == "chunked"
    assert server.requests[-1].headers["content-type"] == "application/x-www-form-urlencoded"


def test_a_different_helper_is_set_before_the_form(
    server: FakeServer, client: Scaleout, tmp_path: Path
) -> None:
    fedn_upload_routes(server)
    model = tmp_path / "weights.bin"
    model.write_bytes(b"\x00" * 100)
    server.on("PUT", "/api/v1/helpers/active", {"message": "Active helper set"})
    client.set_active_model(model)
    assert server.calls()[1:] == [
        ("GET", "/api/v1/helpers/active"),
        ("PUT", "/api/v1/helpers/active"),
        ("POST", "/api/v1/models/"),
    ]


def test_no_active_helper_is_left_alone_and_explained(
    server: FakeServer, client: Scaleout, model_file: Path
) -> None:
    """FEDn without a compute package: setting a helper would plant a broken placeholder
    package, so the SDK does not, and says what to do when the model is refused."""
    fedn_upload_routes(server)
    server.routes[("GET", "/api/v1/helpers/active")] = [
        respond(404, {"message": "No active helper"})
    ]
    server.routes[("POST", "/api/v1/models/")] = [
        respond(400, {"success": False, "message": "Failed to add model."})
    ]
    with pytest.raises(UploadError, match="upload a compute package first") as info:
        client.set_active_model(model_file)
    assert "Failed to add model." in str(info.value)
    assert ("PUT", "/api/v1/helpers/active") not in server.calls()


def test_the_form_is_never_sent_twice_once_it_may_have_arrived(
    server: FakeServer, model_file: Path
) -> None:
    fedn_upload_routes(server)
    attempts = 0

    def reset(request: httpx.Request) -> httpx.Response:
        nonlocal attempts
        attempts += 1
        raise httpx.ReadError("connection reset", request=request)

    server.routes[("POST", "/api/v1/models/")] = [reset]
    client = make_client(server, max_retries=3)
    with pytest.raises(APIConnectionError):
        client.set_active_model(model_file)
    assert attempts == 1


def test_a_form_refused_before_it_was_sent_goes_again_whole(
    server: FakeServer, model_file: Path
) -> None:
    fedn_upload_routes(server)
    attempts = 0

    def refuse_once(request: httpx.Request) -> httpx.Response:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"success": True, "message": "added"})

    server.routes[("POST", "/api/v1/models/")] = [refuse_once]
    client = make_client(server, max_retries=1)
    client.set_active_model(model_file)
    assert attempts == 2
    sent = server.matching("POST", "/api/v1/models/")[-1]
    assert form_parts(sent)["file"][1] == model_file.read_bytes()


def test_a_file_that_changes_while_it_is_sent_fails(
    server: FakeServer, client: Scaleout, model_file: Path
) -> None:
    fedn_upload_routes(server)
    original = model_file.stat().st_size

    def grow(sent: int, total: int) -> None:
        if sent < total:
            with model_file.open("ab") as handle:
                handle.write(b"more")

    with pytest.raises(UploadError, match="grew|changed"):
        client.set_active_model(model_file, progress=grow)
    assert model_file.stat().st_size > original


def test_413_to_the_form_is_an_upload_error(
    server: FakeServer, client: Scaleout, model_file: Path
) -> None:
    fedn_upload_routes(server)
    server.routes[("POST", "/api/v1/packages/")] = [
        respond(413, content=b"<html>Request Entity Too Large</html>", headers=HTML)
    ]
    with pytest.raises(UploadError, match="refuses a file"):
        client.set_active_package(model_file, "numpyhelper", "pkg")


def test_async_upload_falls_back_and_streams(server: FakeServer, model_file: Path) -> None:
    fedn_upload_routes(server)

    async def main() -> Any:
        async with AsyncScaleout(
            BASE_HOST, transport=httpx.MockTransport(server), max_retries=0, token_cache=False
        ) as client:
            first = await client.set_active_model(model_file)
            await client.set_active_package(model_file, "numpyhelper", "p", "d")
            return first

    assert asyncio.run(main()) == {"success": True, "message": "Model added successfully"}
    assert len(server.matching("POST", INIT)) == 1
    package = server.matching("POST", "/api/v1/packages/")[0]
    assert form_parts(package)["file"] == ("seed.npz", model_file.read_bytes())
    assert form_parts(package)["description"] == (None, b"d")


# --- routes the controller lacks ------------------------------------------------------------


def test_an_html_404_on_a_spec_route_says_the_controller_lacks_it(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("POST", "/api/v1/control/stop", respond(404, content=FLASK_404, headers=HTML))
    with pytest.raises(UnsupportedOperationError) as info:
        client.stop_current_session()
    error = info.value
    assert error.status_code == 404 and error.operation == "stop_current_session"
    assert re.search(
        r"the controller at https://ctl\.example\.com(:443)? does not support stop_current_session "
        r"\(POST /api/v1/control/stop answered 404",
        str(error),
    )
    assert not isinstance(error, NotFoundError)


def test_a_405_says_the_controller_lacks_it(server: FakeServer, client: Scaleout) -> None:
    server.on("POST", "/api/v1/statuses/", respond(405, content=FLASK_405, headers=HTML))
    with pytest.raises(UnsupportedOperationError, match="does not support add_status"):
        client.add_status({"status": "x", "type": "MODEL_UPDATE"})


def test_a_json_404_is_still_an_entity_not_found(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/models/m1", respond(404, {"message": "Entity with id: m1 not found"}))
    with pytest.raises(NotFoundError) as info:
        client.get_model("m1")
    assert not isinstance(info.value, UnsupportedOperationError)


def test_start_session_without_a_helper_route_uses_numpyhelper(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/models/", page([example("Model", model_id="m1")]))
    server.on("GET", "/api/v1/helpers/active", respond(404, content=FLASK_404, headers=HTML))
    server.on("POST", "/api/v1/sessions/", example("Session", session_id="s1"), status=201)
    server.on("POST", "/api/v1/sessions/start", {"message": "Session started"})
    client.start_session(rounds=1)
    body = server.matching("POST", "/api/v1/sessions/")[0]
    assert b'"helper_type": "numpyhelper"' in body.content or b'"helper_type":"numpyhelper"' in (
        body.content
    )


# --- filters the controller ignores ---------------------------------------------------------


def status(name: str) -> dict[str, Any]:
    return example("Status", status_id=name, sender={"name": name, "role": "CLIENT"})


def test_a_limited_page_with_ignored_filters_is_an_error(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/statuses/", page([status("c1"), status("c2")], count=40))
    with pytest.raises(UnsupportedFilterError) as info:
        client.get_statuses(sender_name="c1", n_max=2)
    assert info.value.filters == ("sender.name",)
    assert "does not support the filter(s) 'sender.name'" in str(info.value)


def test_a_whole_list_with_ignored_filters_is_filtered_here(
    server: FakeServer, client: Scaleout
) -> None:
    server.on("GET", "/api/v1/statuses/", page([status("c1"), status("c2"), status("c1")]))
    answer = client.get_statuses(sender_name="c1")
    assert answer["count"] == 2
    assert [s["sender"]["name"] for s in answer["result"]] == ["c1", "c1"]


def test_iterators_keep_only_matching_items(server: FakeServer, client: Scaleout) -> None:
    server.on("GET", "/api/v1/statuses/", page([status("c1"), status("c2")]))
    found = list(client.iter_statuses(filters={"sender.name": "c2"}))
    assert [s["status_id"] for s in found] == ["c2"]
    assert query_of(server.only()) == [("sender.name", "c2")]


def test_honoured_filters_change_nothing(server: FakeServer, client: Scaleout) -> None:
    answer = page([status("c1")], count=7)
    server.on("GET", "/api/v1/statuses/", answer)
    assert client.get_statuses(sender_name="c1", n_max=1) == answer


def test_a_whole_filtered_list_is_its_own_count(server: FakeServer, client: Scaleout) -> None:
    """FEDn 0.33 on SQL applies ``sender.name`` to the items but counts every item."""
    server.on("GET", "/api/v1/statuses/", page([status("c1"), status("c1")], count=8))
    answer = client.get_statuses(sender_name="c1")
    assert answer["count"] == 2 and len(answer["result"]) == 2
