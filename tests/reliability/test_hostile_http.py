"""Hostile HTTP against the local controller: every answer is a JSON 4xx and nothing changes.

Each row below is one request a broken or malicious client could send, written byte for byte
on a raw socket, so that no client library normalises a path, adds a content type or refuses
a header. Each must be answered with the row's 4xx status and a body of the spec's ``Error``
shape, and afterwards the state must be what it was before: every collection's count, the
active package, helper and newest model, every row of the store, every file under the data dir
(uploads in progress included), and nothing written outside it. The controller must then still
answer an ordinary request.

A content type is the operation's or absent. An absent one is read as the operation's (the
1.0.1 client sends chunks without one), so the rows without one carry bodies that do not parse
as the operation's type.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("connexion", reason="needs the [local] extra")

import httpx  # noqa: E402
import jsonschema  # noqa: E402

from scaleout.local import LocalController, write_compute_package  # noqa: E402
from scaleout.local.auth import TokenAuthority, encode_jwt  # noqa: E402
from scaleout.local.services import DATABASE_FILE  # noqa: E402
from scaleout.local.spec import component_schema, load_spec  # noqa: E402

pytestmark = [pytest.mark.local, pytest.mark.timeout(60)]

MAX_CHUNK = 4096
#: The collections of the API, each with a ``/count`` endpoint.
COLLECTIONS = (
    "clients",
    "combiners",
    "models",
    "packages",
    "sessions",
    "rounds",
    "statuses",
    "validations",
    "predictions",
    "metrics",
    "attributes",
    "commands",
)
SPEC = load_spec()
ERROR_SHAPE = jsonschema.Draft4Validator(component_schema(SPEC, "Error"))
#: The store's own files change with every checkpoint; their content is compared row by row.
_VOLATILE = {DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", ".scaleout-local.lock"}
#: Placeholders in rows, filled in with the fixture's ids.
UPLOAD, MODEL, TOKEN, ROOT = "@UPLOAD@", "@MODEL@", "@TOKEN@", "@ROOT@"
DEEP = 50_000


@pytest.fixture
def allowed_hosts() -> list[str]:
    """The controllers listen on loopback; ``--block-network`` must let the tests reach them."""
    return [r"127\.0\.0\.1$"]


# -- raw HTTP -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes

    def describe(self) -> str:
        return f"{self.status} {self.content_type!r} {self.body[:300]!r}"


def _send_all(sock: socket.socket, pieces: list[bytes]) -> None:
    try:
        for index, piece in enumerate(pieces):
            if index:
                time.sleep(0.2)  # so that the server reads the pieces apart
            sock.sendall(piece)
    except OSError:
        pass  # the server may answer (413) and close before it has read everything


def exchange(port: int, request: bytes, split: int = 0, timeout: float = 30.0) -> Answer:
    """Send ``request`` as it is (in two pieces when ``split``) and read one answer; the
    timeout only guards against a hang."""
    pieces = [request[:split], request[split:]] if split else [request]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        # Sent from another thread, so an answer that comes before the body is read anyway.
        sender = threading.Thread(target=_send_all, args=(sock, pieces), daemon=True)
        sender.start()
        response = http.client.HTTPResponse(sock)
        response.begin()
        body = response.read()
        sender.join(timeout)
        return Answer(response.status, response.getheader("content-type") or "", body)


def build_request(
    method: str,
    target: str,
    body: bytes = b"",
    *,
    content_type: str | None = None,
    headers: tuple[tuple[str, bytes], ...] = (),
    chunked: bool = False,
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1".encode(), b"Host: 127.0.0.1", b"Connection: close"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}".encode())
    lines.extend(name.encode() + b": " + value for name, value in headers)
    if chunked:
        lines.append(b"Transfer-Encoding: chunked")
        step = 64 * 1024
        pieces = [body[i : i + step] for i in range(0, len(body), step)]
        payload = b"".join(b"%x\r\n%b\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    else:
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(b"Content-Length: %d" % len(body))
        payload = body
    return b"\r\n".join(lines) + b"\r\n\r\n" + payload


# -- the state that must not change -----------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    active_package: str | None
    active_helper: Any
    newest_model: str | None
    rows: str
    files: dict[str, str]
    outside: list[str]


@dataclass
class Target:
    """A running controller under attack, with the state it holds.

    ``last`` is the state after the previous row: every row must leave it as it was, so it is
    the state before the next one (tests that change the state on purpose clear it).
    """

    ctl: LocalController
    api: httpx.Client
    root: Path
    data_dir: Path
    ids: dict[str, str] = field(default_factory=dict)
    last: Snapshot | None = None

    def fill(self, text: str) -> str:
        for placeholder, value in self.ids.items():
            text = text.replace(placeholder, value)
        return text

    def snapshot(self) -> Snapshot:
        # One plain keep-alive connection: the snapshot is most of each row's time.
        conn = http.client.HTTPConnection("127.0.0.1", self.ctl.port, timeout=30)
        headers = dict(self.api.headers.multi_items())
        headers.pop("accept-encoding", None)

        def get(path: str, **extra: str) -> tuple[int, Any]:
            conn.request("GET", path, headers={**headers, **extra})
            response = conn.getresponse()
            return response.status, json.loads(response.read())

        try:
            counts = {}
            for name in COLLECTIONS:
                status, counts[name] = get(f"/api/v1/{name}/count")
                assert status == 200, (name, counts[name])
            active_status, active = get("/api/v1/packages/active")
            _, helper = get("/api/v1/helpers/active")
            _, newest = get("/api/v1/models/", **{"X-Limit": "1"})
            assert get("/get_controller_status") == (200, {"state": "idle"})
        finally:
            conn.close()
        return Snapshot(
            counts=counts,
            active_package=active["package_id"] if active_status == 200 else None,
            active_helper=helper,
            newest_model=newest["result"][0]["model_id"] if newest["result"] else None,
            rows=self._rows(),
            files=self._files(),
            outside=sorted(
                str(p.relative_to(self.root))
                for p in self.root.rglob("*")
                if p != self.data_dir and self.data_dir not in p.parents
            ),
        )

    def _rows(self) -> str:
        uri = f"{(self.data_dir / DATABASE_FILE).as_uri()}?mode=ro"
        with sqlite3.connect(uri, uri=True) as db:
            documents = db.execute("SELECT collection, id, doc FROM documents ORDER BY seq")
            settings = db.execute("SELECT key, value FROM settings ORDER BY key")
            text = json.dumps([documents.fetchall(), settings.fetchall()])
        db.close()
        return hashlib.sha256(text.encode()).hexdigest()

    def _files(self) -> dict[str, str]:
        return {
            str(p.relative_to(self.data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.data_dir.rglob("*"))
            if p.is_file() and p.name not in _VOLATILE
        }


def _upload(api: httpx.Client, data: bytes, name: str) -> tuple[str, int]:
    """Init an upload of ``data`` and send its first chunk: (upload id, chunk count)."""
    init = api.post(
        "/api/v1/file-upload/init",
        json={"file_name": name, "file_size": len(data), "chunk_size": MAX_CHUNK},
    )
    assert init.status_code == 200, init.text
    upload_id = str(init.json()["upload_id"])
    total = int(init.json()["total_chunks"])
    sent = api.post(
        f"/api/v1/file-upload/{upload_id}/chunk",
        content=data[:MAX_CHUNK],
        headers={"X-Chunk-Index": "0"},
    )
    assert sent.status_code == 200, sent.text
    return upload_id, total


def _token(api: httpx.Client, data: bytes, name: str) -> str:
    upload_id, total = _upload(api, data, name)
    for index in range(1, total):
        chunk = data[index * MAX_CHUNK : (index + 1) * MAX_CHUNK]
        sent = api.post(
            f"/api/v1/file-upload/{upload_id}/chunk",
            content=chunk,
            headers={"X-Chunk-Index": str(index)},
        )
        assert sent.status_code == 200, sent.text
    done = api.post(f"/api/v1/file-upload/{upload_id}/complete", json={})
    assert done.status_code == 200, done.text
    return str(done.json()["file_token"])


def _populate(target: Target, tmp: Path) -> None:
    """Something of every kind to break: models, an active package, a session, an attribute,
    an upload in progress and a completed upload whose token is not used yet."""
    api = target.api
    seed = target.ctl.write_seed_model(tmp / "seed.npz").read_bytes()
    model = api.post(
        "/api/v1/models/",
        data={"helper": "numpyhelper", "file_token": _token(api, seed, "seed.npz")},
    )
    assert model.status_code == 200, model.text
    package = write_compute_package(tmp / "package.tgz").read_bytes()
    added = api.post(
        "/api/v1/packages/",
        data={
            "file_token": _token(api, package, "package.tgz"),
            "helper": "numpyhelper",
            "name": "package",
            "file_name": "package.tgz",
        },
    )
    assert added.status_code == 200, added.text
    assert api.put("/api/v1/helpers/active", json={"helper": "numpyhelper"}).is_success
    session = api.post("/api/v1/sessions/", json=_session_doc(model.json()["model_id"]))
    assert session.status_code == 201, session.text
    attribute = api.post("/api/v1/attributes/", json=_attribute_doc())
    assert attribute.status_code == 201, attribute.text
    upload_id, _ = _upload(api, bytes(range(256)) * 48, "upload.bin")
    target.ids.update(
        {
            UPLOAD: upload_id,
            MODEL: str(model.json()["model_id"]),
            TOKEN: _token(api, package, "second.tgz"),
            ROOT: str(target.root),
        }
    )


def _start(root: Path, **options: Any) -> Iterator[Target]:
    data_dir = root / "deep" / "er" / "state"
    with (
        LocalController(clients=2, data_dir=data_dir, max_chunk_size=MAX_CHUNK, **options) as ctl,
        httpx.Client(base_url=ctl.url, timeout=30) as api,
    ):
        if ctl.auth:
            api.headers["Authorization"] = f"Bearer {ctl.access_token()}"
        target = Target(ctl, api, root, data_dir)
        _populate(target, root.parent / f"{root.name}-files")
        yield target


@pytest.fixture(scope="module")
def open_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    yield from _start(tmp_path_factory.mktemp("open"))


@pytest.fixture(scope="module")
def secured_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    yield from _start(tmp_path_factory.mktemp("secured"), auth=True, access_token_ttl=600)


def assert_refused(target: Target, request: bytes, status: int, split: int = 0) -> Answer:
    before = target.last or target.snapshot()
    target.last = None
    answer = exchange(target.ctl.port, request, split)
    assert answer.status == status, answer.describe()
    assert answer.content_type == "application/json", answer.describe()
    body = json.loads(answer.body)
    ERROR_SHAPE.validate(body)
    assert body["message"], answer.describe()
    after = target.snapshot()
    assert after == before
    target.last = after
    return answer


# -- bodies -------------------------------------------------------------------------------------


def _session_doc(model_id: str) -> dict[str, Any]:
    return {
        "name": "hostile",
        "session_config": {
            "aggregator": "fedavg",
            "aggregator_kwargs": None,
            "round_timeout": 10,
            "buffer_size": -1,
            "rounds": 2,
            "delete_models_storage": True,
            "clients_required": 1,
            "requested_clients": None,
            "validate": True,
            "helper_type": "numpyhelper",
            "model_id": model_id,
            "server_functions": None,
        },
    }


def _attribute_doc(**changes: Any) -> dict[str, Any]:
    return {"key": "charging", "value": "true", "sender": {"name": "client-1"}, **changes}


_LITERAL = "\x00literal\x00"


def _with_literal(doc: dict[str, Any], path: tuple[str, ...], literal: str) -> bytes:
    """``doc`` as JSON with the value at ``path`` replaced by ``literal``, written as it is
    (json.dumps cannot write 1e400 or NaN)."""
    copy = json.loads(json.dumps(doc))
    holder = copy
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = _LITERAL
    return json.dumps(copy).replace(json.dumps(_LITERAL), literal).encode()


def _session_with(field: str, literal: str) -> bytes:
    return _with_literal(_session_doc(MODEL), ("session_config", field), literal)


BIG = "9" * 300  # far beyond 64 bits, well within Python's digit limit
HUGE = "9" * 5000  # beyond Python's limit of 4300 digits for int()


# -- the rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    id: str
    method: str
    target: str
    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, bytes], ...] = ()
    chunked: bool = False
    raw: bytes | None = None
    split: int = 0

    def request(self, target: Target) -> bytes:
        if self.raw is not None:
            return target.fill(self.raw.decode("latin-1")).encode("latin-1")
        return build_request(
            self.method,
            target.fill(self.target),
            target.fill(self.body.decode("latin-1")).encode("latin-1"),
            content_type=self.content_type,
            headers=self.headers,
            chunked=self.chunked,
        )


def _json_operations() -> list[tuple[str, str, str]]:
    """(operationId, method, path) of every operation with a JSON body, from the spec."""
    found = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            if isinstance(operation, dict) and "application/json" in content:
                concrete = path.replace("{upload_id}", UPLOAD).replace("{id}", MODEL)
                found.append((operation["operationId"], method.upper(), concrete))
    return sorted(found)


JSON_OPERATIONS = _json_operations()
_BY_ID = {op: (method, path) for op, method, path in JSON_OPERATIONS}


def _json_row(row_id: str, operation: str, body: bytes, status: int = 400, **kw: Any) -> Hostile:
    method, path = _BY_ID[operation]
    return Hostile(row_id, method, path, status, body, **kw)


DEEP_ROWS = [
    _json_row(f"deep-array-{op}", op, b"[" * DEEP + b"]" * DEEP) for op, _, _ in JSON_OPERATIONS
] + [
    _json_row(f"deep-object-{op}", op, b'{"a":' * DEEP + b"1" + b"}" * DEEP)
    for op in ("create_session", "add_attribute", "init_upload")
]

_CHUNK_PATH = f"/api/v1/file-upload/{UPLOAD}/chunk"
_CHUNK = b"c" * MAX_CHUNK  # exactly the size the next chunk of the live upload must have


def _chunk_row(
    row_id: str,
    index: str,
    status: int = 400,
    *,
    body: bytes = _CHUNK,
    content_type: str = "application/octet-stream",
    path: str = _CHUNK_PATH,
    chunked: bool = False,
) -> Hostile:
    headers = (("X-Chunk-Index", index.encode()),)
    return Hostile(row_id, "POST", path, status, body, content_type, headers, chunked)


def _get(row_id: str, path: str, status: int = 400, **headers: str) -> Hostile:
    pairs = tuple((name.replace("_", "-"), value.encode()) for name, value in headers.items())
    return Hostile(row_id, "GET", path, status, content_type=None, headers=pairs)


_INIT = {"file_name": "f.bin", "file_size": 100, "chunk_size": 10}

NUMBER_ROWS = [
    _json_row("round_timeout-1e400", "create_session", _session_with("round_timeout", "1e400")),
    _json_row("round_timeout--1e400", "create_session", _session_with("round_timeout", "-1e400")),
    _json_row("round_timeout-NaN", "create_session", _session_with("round_timeout", "NaN")),
    _json_row(
        "round_timeout-Infinity", "create_session", _session_with("round_timeout", "Infinity")
    ),
    _json_row("buffer_size-300-digits", "create_session", _session_with("buffer_size", BIG)),
    _json_row(
        "clients_required-minus-300-digits",
        "create_session",
        _session_with("clients_required", f"-{BIG}"),
    ),
    _json_row(
        "start-rounds-300-digits",
        "start_session",
        _with_literal({"session_id": "x", "rounds": 1}, ("rounds",), BIG),
    ),
    _json_row("init-file_size-1e400", "init_upload", _with_literal(_INIT, ("file_size",), "1e400")),
    _json_row(
        "init-chunk_size-300-digits", "init_upload", _with_literal(_INIT, ("chunk_size",), BIG)
    ),
    _chunk_row("chunk-index-5000-digits", HUGE),
    _chunk_row("chunk-index-300-digits", BIG),
    _chunk_row("chunk-index-1e3", "1e3"),
    _chunk_row("chunk-index-negative", "-1"),
    _get("x-limit-5000-digits", "/api/v1/models/", X_Limit=HUGE),
    _get("x-limit-300-digits", "/api/v1/models/", X_Limit=BIG),
    _get("x-limit-NaN", "/api/v1/models/", X_Limit="NaN"),
    _get("x-skip-1e400", "/api/v1/sessions/", X_Skip="1e400"),
    _get("ancestors-x-limit-5000-digits", f"/api/v1/models/{MODEL}/ancestors", X_Limit=HUGE),
]

_FORM = "application/x-www-form-urlencoded"
_BIG_ATTRIBUTE = json.dumps(_attribute_doc(value="v" * 8_000_000)).encode()

SIZE_ROWS = [
    _json_row("attribute-8MB", "add_attribute", _BIG_ATTRIBUTE, 413),
    _json_row("attribute-8MB-chunked-transfer", "add_attribute", _BIG_ATTRIBUTE, 413, chunked=True),
    _chunk_row("chunk-one-byte-over-the-limit", "1", 413, body=_CHUNK + b"c"),
    _chunk_row("chunk-8MB-chunked-transfer", "1", 413, body=b"c" * 8_000_000, chunked=True),
    Hostile(
        "model-form-2MB", "POST", "/api/v1/models/", 413, b"file_token=" + b"t" * 2_000_000, _FORM
    ),
    Hostile(
        "model-form-2000-fields",
        "POST",
        "/api/v1/models/",
        400,
        b"&".join(b"f%d=1" % i for i in range(2000)),
        _FORM,
    ),
    Hostile(
        "header-100KB",
        "GET",
        "/api/v1/models/",
        400,
        content_type=None,
        headers=(("X-Filler", b"f" * 100_000),),
    ),
    Hostile(
        "header-100KB-in-two-pieces",  # the HTTP parser's own limit, before the app sees it
        "GET",
        "/api/v1/models/",
        400,
        content_type=None,
        headers=(("X-Filler", b"f" * 100_000),),
        split=80_000,
    ),
]

_ATTRIBUTE = json.dumps(_attribute_doc()).encode()

TYPE_ROWS = [
    _json_row(
        "session-as-text-plain",
        "create_session",
        _session_with("rounds", "2"),
        content_type="text/plain",
    ),
    _json_row(
        "attribute-form-encoded", "add_attribute", b"key=charging&value=true", content_type=_FORM
    ),
    _json_row(
        "start-multipart",
        "start_session",
        b'--b\r\nContent-Disposition: form-data; name="session_id"\r\n\r\nx\r\n--b--\r\n',
        content_type="multipart/form-data; boundary=b",
    ),
    _chunk_row("chunk-as-json", "1", content_type="application/json"),
    _chunk_row("chunk-as-text-plain", "1", content_type="text/plain"),
    _json_row(
        "attribute-no-type-form-body",
        "add_attribute",
        b"key=charging&value=true",
        content_type=None,
    ),
    Hostile(
        "model-no-type-json-body",
        "POST",
        "/api/v1/models/",
        400,
        b'{"file_token":"' + TOKEN.encode() + b'"}',
        None,
    ),
    _json_row(
        "attribute-invalid-utf8", "add_attribute", _ATTRIBUTE.replace(b"charging", b"\xff\xfe\xc0")
    ),
    _json_row("attribute-utf16", "add_attribute", json.dumps(_attribute_doc()).encode("utf-16")),
    _json_row("attribute-truncated", "add_attribute", _ATTRIBUTE[:-7]),
    _json_row("attribute-trailing-garbage", "add_attribute", _ATTRIBUTE + b" {}"),
    _json_row("attribute-bare-string", "add_attribute", b'"charging"'),
    _json_row("attribute-bare-number", "add_attribute", b"42"),
    _json_row("attribute-bare-null", "add_attribute", b"null"),
    _json_row("attribute-bare-array", "add_attribute", b"[" + _ATTRIBUTE + b"]"),
    _json_row(
        "attribute-duplicate-keys", "add_attribute", b'{"key":"a","key":"b",' + _ATTRIBUTE[1:]
    ),
    _json_row("session-empty-body", "create_session", b""),
]


def _init_named(row_id: str, name: str) -> Hostile:
    body = json.dumps({"file_name": name, "file_size": 10, "chunk_size": 10}).encode()
    return _json_row(row_id, "init_upload", body)


def _raw(row_id: str, request: bytes, status: int = 400) -> Hostile:
    return Hostile(row_id, "", "", status, raw=request)


NAME_ROWS = [
    _init_named("name-dot-dot-slash", "../../etc/passwd"),
    _init_named("name-absolute", f"{ROOT}/abs-target"),
    _init_named("name-nul", "seed\x00.npz"),
    _init_named("name-backslashes", "..\\..\\x"),
    _init_named("name-300-chars", "n" * 300 + ".npz"),
    _init_named("name-newline", "seed.npz\nX-Injected: 1"),
    _init_named("name-rtl-override", "evil\u202egpj.npz"),
    _init_named("name-dot-dot", ".."),
    Hostile(
        "package-file_name-dot-dot-slash",
        "POST",
        "/api/v1/packages/",
        400,
        f"file_token={TOKEN}&helper=numpyhelper&name=p&file_name=..%2F..%2Fpackage.tgz".encode(),
        _FORM,
    ),
    _json_row(
        "attribute-lone-surrogate", "add_attribute", _ATTRIBUTE.replace(b"charging", b"\\ud800")
    ),
    _get("model-id-encoded-traversal", "/api/v1/models/..%2F..%2Fcontroller.sqlite3/download", 404),
    _get("model-id-dot-segments", "/api/v1/models/../../controller.sqlite3", 404),
    _get("model-id-nul", "/api/v1/models/%00/download", 404),
    _get("model-id-10k-chars", "/api/v1/models/" + "m" * 10_000, 404),
    _get("model-id-encoded-surrogate", "/api/v1/models/%ED%A0%80", 404),
    _get("session-id-rtl-override", "/api/v1/sessions/%E2%80%AEx", 404),
    _chunk_row("upload-id-traversal", "1", 404, path=f"/api/v1/file-upload/..%2F{UPLOAD}/chunk"),
    _get("package-name-traversal", "/api/v1/packages/download?name=..%2Fcontroller.sqlite3", 404),
    _get("package-name-absolute", "/api/v1/packages/checksum?name=%2Fetc%2Fpasswd", 404),
    _raw("path-raw-non-ascii", b"GET /api/v1/models/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"),
    _raw("request-line-garbage", b"\x16\x03\x01 GARBAGE\r\n\r\n"),
    _raw(
        "conflicting-content-length",
        b"POST /api/v1/attributes/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 2\r\nContent-Length: 9\r\n\r\n{}",
    ),
]

ROWS = DEEP_ROWS + NUMBER_ROWS + SIZE_ROWS + TYPE_ROWS + NAME_ROWS


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_hostile_request_is_refused_and_changes_nothing(open_target: Target, row: Hostile) -> None:
    assert_refused(open_target, row.request(open_target), row.status, row.split)


def test_every_json_operation_is_attacked() -> None:
    """The deep rows come from the spec: a new JSON operation gets its row by itself."""
    assert len(JSON_OPERATIONS) >= 15
    assert {"create_session", "add_attribute", "run_command", "init_upload"} <= set(_BY_ID)


# -- unicode that is fine ----------------------------------------------------------------------


UNICODE = {
    "emoji": "model-\U0001f600-\U0001f469\u200d\U0001f52c",
    "combining": "mode\u0301l-a\u0308-\u0915\u094d\u0937",
    "right-to-left-text": "\u05de\u05d5\u05d3\u05dc-\u0646\u0645\u0648\u0630\u062c",
}


@pytest.mark.parametrize("text", UNICODE.values(), ids=list(UNICODE))
def test_unicode_text_and_names_round_trip(open_target: Target, text: str) -> None:
    """Text beyond ASCII is no attack: it is stored and answered exactly as it was sent."""
    open_target.last = None  # this test adds entities
    with httpx.Client(base_url=open_target.ctl.url, timeout=30) as api:
        count = api.get("/api/v1/attributes/count").json()
        # json.dumps escapes everything beyond ASCII, emoji as surrogate pairs ("\\ud83d\\ude00").
        body = json.dumps(_attribute_doc(key=text, value=text[::-1]))
        created = api.post(
            "/api/v1/attributes/", content=body, headers={"Content-Type": "application/json"}
        )
        assert created.status_code == 201, created.text
        fetched = api.get(f"/api/v1/attributes/{created.json()['attribute_id']}").json()
        assert (fetched["key"], fetched["value"]) == (text, text[::-1])
        assert api.get("/api/v1/attributes/count", params={"key": text}).json() == 1
        assert api.get("/api/v1/attributes/count").json() == count + 1
        name = f"{text}.npz"
        init = api.post(
            "/api/v1/file-upload/init", json={"file_name": name, "file_size": 1, "chunk_size": 1}
        )
        assert init.status_code == 200, init.text
        upload_id = init.json()["upload_id"]
        assert api.post(
            f"/api/v1/file-upload/{upload_id}/chunk", content=b"x", headers={"X-Chunk-Index": "0"}
        ).is_success
        done = api.post(f"/api/v1/file-upload/{upload_id}/complete")
        assert done.status_code == 200 and done.json()["file_name"] == name


# -- auth attacks ------------------------------------------------------------------------------


def _b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _secret(ctl: LocalController) -> bytes:
    secret: bytes = ctl.services.tokens._secret  # the key a forger is assumed to have stolen
    return secret


def _claims(**changes: Any) -> dict[str, Any]:
    claims = {"token_type": "access", "role": "admin", "sub": "local-admin"}
    claims.update({"iat": int(time.time()), "exp": int(time.time()) + 600, **changes})
    return {k: v for k, v in claims.items() if v is not None}


def _with_header(token: str, header: dict[str, Any], *, keep_signature: bool) -> str:
    _, body, signature = token.split(".")
    return f"{_b64(header)}.{body}.{signature if keep_signature else ''}"


def _escalated(ctl: LocalController) -> str:
    head, _, signature = ctl.access_token("client").split(".")
    return f"{head}.{_b64(_claims(role='admin', sub='local-client'))}.{signature}"


def _signed_alg(ctl: LocalController, alg: str) -> str:
    """A token whose header names ``alg``, signed with the right key as HS256."""
    import hmac

    head, body = _b64({"alg": alg, "typ": "JWT"}), _b64(_claims())
    mac = hmac.new(_secret(ctl), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(mac)}"


Credential = Callable[[LocalController], bytes | None]


def _bearer(make: Callable[[LocalController], str]) -> Credential:
    return lambda ctl: f"Bearer {make(ctl)}".encode()


@dataclass(frozen=True)
class AuthAttack:
    id: str
    credential: Credential
    status: int = 401
    method: str = "POST"
    path: str = "/api/v1/attributes/"
    body: bytes = _ATTRIBUTE
    content_type: str | None = "application/json"


AUTH_ATTACKS = [
    AuthAttack("no-header", lambda ctl: None),
    AuthAttack("bearer-without-token", lambda ctl: b"Bearer"),
    AuthAttack("bearer-blank-token", lambda ctl: b"Bearer     "),
    AuthAttack("bearer-garbage", lambda ctl: b"Bearer garbage"),
    AuthAttack("bearer-empty-parts", lambda ctl: b"Bearer .."),
    AuthAttack(
        "signed-with-another-key", _bearer(lambda ctl: TokenAuthority().issue_access_token())
    ),
    AuthAttack(
        "expired", _bearer(lambda ctl: encode_jwt(_claims(exp=int(time.time()) - 5), _secret(ctl)))
    ),
    AuthAttack("without-exp", _bearer(lambda ctl: encode_jwt(_claims(exp=None), _secret(ctl)))),
    AuthAttack(
        "exp-NaN",  # never expires: no time is >= NaN
        _bearer(lambda ctl: encode_jwt(_claims(exp=float("nan")), _secret(ctl))),
    ),
    AuthAttack(
        "exp-as-text", _bearer(lambda ctl: encode_jwt(_claims(exp="9999999999"), _secret(ctl)))
    ),
    AuthAttack(
        "alg-none-unsigned",
        _bearer(
            lambda ctl: _with_header(ctl.access_token(), {"alg": "none"}, keep_signature=False)
        ),
    ),
    AuthAttack(
        "alg-none-signature-kept",
        _bearer(lambda ctl: _with_header(ctl.access_token(), {"alg": "none"}, keep_signature=True)),
    ),
    AuthAttack("alg-HS512", _bearer(lambda ctl: _signed_alg(ctl, "HS512"))),
    AuthAttack("alg-RS256", _bearer(lambda ctl: _signed_alg(ctl, "RS256"))),
    AuthAttack("alg-lowercase-hs256", _bearer(lambda ctl: _signed_alg(ctl, "hs256"))),
    AuthAttack("role-escalated-payload", _bearer(_escalated)),
    AuthAttack(
        "unknown-role-signed", _bearer(lambda ctl: encode_jwt(_claims(role="root"), _secret(ctl)))
    ),
    AuthAttack("refresh-token-as-access-token", _bearer(lambda ctl: str(ctl.refresh_token))),
    AuthAttack("scheme-basic", lambda ctl: b"Basic " + base64.b64encode(b"admin:admin")),
    AuthAttack("scheme-token", lambda ctl: f"Token {ctl.access_token()}".encode()),
    AuthAttack("token-100KB", lambda ctl: b"Bearer " + b"A" * 100_000, 400),
    AuthAttack("token-not-ascii", lambda ctl: b"Bearer \xff\xfe.\xc3\xa9.x"),
    AuthAttack("token-with-nul", lambda ctl: b"Bearer a\x00b.c.d", 400),
    AuthAttack(
        "access-token-as-refresh-token",
        lambda ctl: None,
        path="/api/auth/refresh",
        body=b"",  # filled in by the test: the refresh body carries the token
    ),
    AuthAttack(
        "refresh-token-of-another-key",
        lambda ctl: None,
        path="/api/auth/refresh",
        body=json.dumps({"refresh_token": TokenAuthority().refresh_token}).encode(),
    ),
    AuthAttack("no-token-deep-json", lambda ctl: None, body=b"[" * DEEP + b"]" * DEEP),
    AuthAttack("no-token-8MB-body", lambda ctl: None, body=_BIG_ATTRIBUTE),
    AuthAttack(
        "no-token-chunk",
        lambda ctl: None,
        path=_CHUNK_PATH,
        body=_CHUNK,
        content_type="application/octet-stream",
    ),
]


@pytest.mark.parametrize("attack", AUTH_ATTACKS, ids=[a.id for a in AUTH_ATTACKS])
def test_auth_attack_is_refused_and_changes_nothing(
    secured_target: Target, attack: AuthAttack
) -> None:
    ctl = secured_target.ctl
    credential = attack.credential(ctl)
    headers: tuple[tuple[str, bytes], ...] = (("X-Chunk-Index", b"1"),)
    if credential is not None:
        headers += (("Authorization", credential),)
    body = attack.body
    if attack.id == "access-token-as-refresh-token":
        body = json.dumps({"refresh_token": ctl.access_token()}).encode()
    request = build_request(
        attack.method,
        secured_target.fill(attack.path),
        body,
        content_type=attack.content_type,
        headers=headers,
    )
    answer = assert_refused(secured_target, request, attack.status)
    token = (credential or b"")[7:]
    if len(token) > 8:
        assert token not in answer.body, "the answer echoes the credential"


def test_the_secured_target_takes_a_good_token(secured_target: Target) -> None:
    """The attacks above fail for what they change, not because every request fails."""
    ctl = secured_target.ctl
    secured_target.last = None  # this test adds entities
    with httpx.Client(base_url=ctl.url, timeout=30) as api:
        for token in (ctl.access_token(), encode_jwt(_claims(), _secret(ctl))):
            created = api.post(
                "/api/v1/attributes/",
                json=_attribute_doc(key="good"),
                headers={"Authorization": f"Bearer {token}"},
            )
            assert created.status_code == 201, created.text
