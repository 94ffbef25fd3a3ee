"""Shared helpers of the SDK tests: a scripted fake controller behind ``httpx.MockTransport``."""

from __future__ import annotations

import base64
import json
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpx

from scaleout import Scaleout

BASE_HOST = "https://ctl.example.com"
BASE_URL = "https://ctl.example.com:443"
#: What httpx shows for BASE_URL in a request (it drops the default port).
ORIGIN = "https://ctl.example.com"

Responder = Callable[[httpx.Request], httpx.Response]


def respond(
    status: int = 200,
    json_body: Any = None,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Responder:
    """A responder building a fresh response per request (a response must not be reused)."""

    def build(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        if json_body is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=json_body, headers=headers)

    return build


def html_502() -> Responder:
    page = (
        b"<html><head><title>502 Bad Gateway</title></head><body>"
        b"<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
    )
    return respond(502, content=page, headers={"Content-Type": "text/html"})


class FakeServer:
    """Routes ``(method, raw path)`` to scripted answers and records every request.

    ``on()`` queues answers for a route: they are used in order and the last one repeats.
    An unrouted request fails the test (unless ``default`` is set), so a test never passes
    because of a request it did not expect.
    """

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Responder]] = {}
        self.requests: list[httpx.Request] = []
        self.default: Responder | None = None

    def on(
        self,
        method: str,
        path: str,
        *answers: Responder | Any,
        status: int = 200,
    ) -> FakeServer:
        """Queue answers; a non-callable answer is sent as a JSON body with ``status``."""
        queue = self.routes.setdefault((method.upper(), path), [])
        for answer in answers or (None,):
            queue.append(answer if callable(answer) else respond(status, answer))
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        key = (request.method, path_of(request))
        queue = self.routes.get(key)
        if queue:
            answer = queue.pop(0) if len(queue) > 1 else queue[0]
            return answer(request)
        if self.default is not None:
            return self.default(request)
        raise AssertionError(f"unexpected request {request.method} {request.url}")

    def reset(self) -> None:
        """Forget every route and recorded request."""
        self.routes.clear()
        self.requests.clear()
        self.default = None

    def calls(self) -> list[tuple[str, str]]:
        return [(r.method, path_of(r)) for r in self.requests]

    def only(self) -> httpx.Request:
        assert len(self.requests) == 1, self.calls()
        return self.requests[0]

    def matching(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and path_of(r) == path]


def make_client(server: Callable[[httpx.Request], httpx.Response], **options: Any) -> Scaleout:
    settings: dict[str, Any] = {"max_retries": 0, "token_cache": False}
    settings.update(options)
    host = settings.pop("host", BASE_HOST)
    transport = settings.pop("transport", None) or httpx.MockTransport(server)
    return Scaleout(host, transport=transport, **settings)


def path_of(request: httpx.Request) -> str:
    """The raw (still escaped) path, without the query."""
    return request.url.raw_path.decode("ascii").partition("?")[0]


def query_of(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


def x_headers(request: httpx.Request) -> dict[str, str]:
    return {k.lower(): v for k, v in request.headers.items() if k.lower().startswith("x-")}


def json_of(request: httpx.Request) -> Any:
    assert request.headers.get("content-type") == "application/json"
    return json.loads(request.content)


def form_of(request: httpx.Request) -> dict[str, str]:
    assert request.headers.get("content-type") == "application/x-www-form-urlencoded"
    pairs = urllib.parse.parse_qsl(request.content.decode(), keep_blank_values=True)
    assert len({k for k, _ in pairs}) == len(pairs), f"repeated form field in {pairs}"
    return dict(pairs)


def page(items: Iterable[Any], count: int | None = None) -> dict[str, Any]:
    result = list(items)
    return {"count": len(result) if count is None else count, "result": result}


def chunks_of(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


class TokenGate:
    """A token endpoint in front of a :class:`FakeServer`.

    ``POST /api/auth/refresh`` issues ``acc-1``, ``acc-2``... (or the scripted ``answers``);
    other requests reach ``server`` only with the newest access token, and only ``uses``
    times per token (``None``: unlimited). Anything else gets ``401 Token expired``.
    """

    REFRESH_PATH = "/api/auth/refresh"

    def __init__(
        self,
        server: FakeServer,
        *,
        uses: int | None = None,
        expires_in: int = 3600,
        answers: list[Responder] | None = None,
        scheme: str = "Bearer",
    ) -> None:
        self.server = server
        self.uses = uses
        self.expires_in = expires_in
        self.answers = list(answers or [])
        self.scheme = scheme
        self.refreshes: list[httpx.Request] = []
        self.rejected: list[httpx.Request] = []
        self.issued: list[str] = []
        self._left = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        if request.url.path.endswith(self.REFRESH_PATH):
            self.refreshes.append(request)
            if self.answers:
                response = self.answers.pop(0)(request)
                data = json.loads(response.content) if response.content else None
                if response.is_success and isinstance(data, dict) and data.get("access_token"):
                    self._issue(str(data["access_token"]))
                return response
            token = self._issue(f"acc-{len(self.issued) + 1}")
            return httpx.Response(200, json={"access_token": token, "expires_in": self.expires_in})
        header = request.headers.get("authorization")
        current = f"{self.scheme} {self.issued[-1]}" if self.issued else None
        if header is None or header != current or self._left == 0:
            self.rejected.append(request)
            return httpx.Response(401, json={"message": "Token expired"})
        self._left -= 1
        return self.server(request)

    def _issue(self, token: str) -> str:
        self.issued.append(token)
        self._left = self.uses if self.uses is not None else -1
        return token


def fake_jwt(**claims: Any) -> str:
    def segment(data: dict[str, Any]) -> str:
        raw = json.dumps(data).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{segment({'alg': 'HS256', 'typ': 'JWT'})}.{segment(claims)}.c2ln"
