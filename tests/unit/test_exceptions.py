from __future__ import annotations

import json

import httpx
import pytest

from scaleout._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DownloadError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ScaleoutError,
    TokenRefreshError,
    UploadError,
    WaitTimeoutError,
    make_status_error,
    safe_url,
)

URL = "http://h:8092/api/v1/models/x"


def _response(
    status: int,
    *,
    body: bytes | str = b"",
    content_type: str | None = None,
    method: str = "GET",
    url: str = URL,
) -> httpx.Response:
    headers = {"content-type": content_type} if content_type else {}
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(
        status, headers=headers, content=content, request=httpx.Request(method, url)
    )


def _json(status: int, payload: object) -> httpx.Response:
    return _response(status, body=json.dumps(payload), content_type="application/json")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (599, InternalServerError),
        (405, APIStatusError),
        (410, APIStatusError),
        (422, APIStatusError),
    ],
)
def test_subclass_by_status(status: int, cls: type[APIStatusError]) -> None:
    err = make_status_error(_json(status, {"message": "m"}))
    assert type(err) is cls
    assert isinstance(err, APIStatusError)
    assert isinstance(err, ScaleoutError)
    assert err.status_code == status


def test_str_and_attributes() -> None:
    response = _json(404, {"message": "Entity with id: x not found"})
    err = make_status_error(response)
    assert str(err) == f"404 Not Found for GET {URL}: Entity with id: x not found"
    assert err.message == "Entity with id: x not found"
    assert err.method == "GET"
    assert err.url == URL
    assert err.body == {"message": "Entity with id: x not found"}
    # The error keeps a copy of the response without credentials (RELIABILITY.md).
    assert err.response is not None
    assert (err.response.status_code, err.response.content) == (404, response.content)
    assert err.response.request.url == response.request.url


def test_error_key_is_used_when_message_missing() -> None:
    err = make_status_error(_json(410, {"error": "Use /api/v1/models/ instead"}))
    assert err.message == "Use /api/v1/models/ instead"
    assert str(err).startswith("410 Gone for GET")


def test_other_json_is_compact() -> None:
    err = make_status_error(_json(400, {"success": False, "fields": ["a", "b"]}))
    assert err.message == '{"success":false,"fields":["a","b"]}'
    assert make_status_error(_json(500, [1, 2])).message == "[1,2]"
    assert make_status_error(_json(500, "plain string")).message == "plain string"


def test_json_without_json_content_type() -> None:
    err = make_status_error(_response(400, body='{"message": "Invalid object"}'))
    assert err.message == "Invalid object"


def test_html_502_gives_readable_message() -> None:
    page = (
        "<html>\r\n<head><title>502 Bad Gateway</title>"
        "<style>body { color: red }</style></head>\r\n"
        "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
        "<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n"
    )
    err = make_status_error(_response(502, body=page, content_type="text/html"))
    assert isinstance(err, InternalServerError)
    assert err.message == "502 Bad Gateway nginx/1.25.3 (non-JSON response, text/html)"
    assert "<" not in err.message
    assert "color" not in err.message
    assert err.body == page
    assert str(err).startswith("502 Bad Gateway for GET http://h:8092/api/v1/models/x: 502 Bad")


def test_flask_404_html_and_entities() -> None:
    page = (
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
        "<p>The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling &amp; try again.</p>\n"
    )
    err = make_status_error(_response(404, body=page, content_type="text/html; charset=utf-8"))
    assert err.message.startswith("404 Not Found: Not Found The requested URL")
    assert "spelling & try again" in err.message
    assert err.message.endswith("(non-JSON response, text/html)")


def test_long_bodies_are_truncated() -> None:
    err = make_status_error(_response(500, body="x" * 5000, content_type="text/plain"))
    assert len(err.message) < 260
    assert "..." in err.message
    long_json = make_status_error(_json(400, {"message": "y" * 1000}))
    assert len(long_json.message) <= 200


def test_broken_json_never_raises() -> None:
    err = make_status_error(_response(500, body='{"message": ', content_type="application/json"))
    assert err.message.startswith('{"message":')
    assert "non-JSON" in err.message


def test_empty_body() -> None:
    err = make_status_error(_response(503))
    assert err.message == "empty response body"
    assert err.body is None


def test_streamed_response_is_read_first() -> None:
    def chunks() -> httpx.SyncByteStream:
        return httpx.ByteStream(b'{"message": "Token expired"}')

    response = httpx.Response(
        401,
        headers={"content-type": "application/json"},
        stream=chunks(),
        request=httpx.Request("GET", URL),
    )
    err = make_status_error(response)
    assert isinstance(err, AuthenticationError)
    assert err.message == "Token expired"


def test_consumed_stream_still_gives_error() -> None:
    response = httpx.Response(
        500,
        stream=httpx.ByteStream(b"boom"),
        request=httpx.Request("GET", URL),
    )
    for _ in response.iter_raw():
        pass
    err = make_status_error(response)
    assert isinstance(err, InternalServerError)
    assert "unavailable" in err.message


def test_response_without_request() -> None:
    err = make_status_error(httpx.Response(500, json={"message": "x"}))
    assert err.method == "?"
    assert err.message == "x"


def test_userinfo_not_in_url() -> None:
    response = _json(401, {"message": "Invalid token"})
    response.request = httpx.Request("GET", "https://bob:pa55@h:443/api/v1/models/")
    err = make_status_error(response)
    assert "pa55" not in str(err)
    assert "bob" not in err.url
    assert safe_url("https://bob:pa55@h/x?y=1") == "https://h/x?y=1"


def test_connection_errors() -> None:
    cause = httpx.ConnectError("[Errno 111] Connection refused")
    err = APIConnectionError(method="GET", url=URL, cause=cause)
    assert str(err) == f"GET {URL} failed: ConnectError: [Errno 111] Connection refused"
    assert isinstance(err, ScaleoutError)
    timeout = APITimeoutError(method="POST", url=URL, cause=httpx.ReadTimeout(""))
    assert isinstance(timeout, APIConnectionError)
    assert isinstance(timeout, TimeoutError)
    assert str(timeout) == f"POST {URL} timed out: ReadTimeout"
    assert timeout.method == "POST"
    assert APIConnectionError(method="GET", url=URL, message="custom").args == ("custom",)


def test_token_refresh_error_is_authentication_error() -> None:
    err = TokenRefreshError(
        "Invalid token",
        status_code=400,
        method="POST",
        url="http://h:80/api/auth/refresh",
        description="refresh token rejected by http://h:80/api/auth/refresh: Invalid token",
    )
    assert isinstance(err, AuthenticationError)
    assert str(err) == "refresh token rejected by http://h:80/api/auth/refresh: Invalid token"


def test_other_errors() -> None:
    assert issubclass(UploadError, ScaleoutError)
    assert issubclass(DownloadError, ScaleoutError)
    assert issubclass(WaitTimeoutError, ScaleoutError)
    assert issubclass(WaitTimeoutError, TimeoutError)
    with pytest.raises(TimeoutError):
        raise WaitTimeoutError("session did not finish within 10s")
