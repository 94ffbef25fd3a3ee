from __future__ import annotations

from starlette.responses import Response

from ..http import Call, json_response, message
from ._registry import operation


@operation
def init_upload(call: Call) -> Response:
    body = call.json()
    return json_response(
        call.services.uploads.init(
            str(body["file_name"]), int(body["file_size"]), int(body["chunk_size"])
        )
    )


@operation
def upload_chunk(call: Call) -> Response:
    index = call.header_int("X-Chunk-Index")
    return json_response(
        call.services.uploads.add_chunk(call.path("upload_id"), index, call.raw_body())
    )


@operation
def complete_upload(call: Call) -> Response:
    sha256 = call.json().get("sha256")
    return json_response(
        call.services.uploads.complete(call.path("upload_id"), sha256 if sha256 else None)
    )


@operation
def abort_upload(call: Call) -> Response:
    call.services.uploads.abort(call.path("upload_id"))
    return message("Upload aborted")
