"""Bad arguments to the public methods: one typed error that names the argument, and nothing
sent, written or created.

Each row is a call a user could write by mistake (a wrong type, a value out of range, a
number that is not finite, a path the file system cannot use, an id that is a route of the
API, a credential or header that would break the request's framing). The server is a real
socket that records every request: it must see none, for both clients.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from scaleout import (
    ArgumentTypeError,
    AsyncScaleout,
    InvalidArgumentError,
    MissingFileError,
    Scaleout,
    ScaleoutError,
)

from ._faulty_server import FaultyServer
from .conftest import make_client

pytestmark = pytest.mark.timeout(60)

TYPE = ArgumentTypeError
VALUE = InvalidArgumentError
MISSING = MissingFileError


class Files:
    """Paths for the rows: a model file, a folder, a folder no one may enter."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.model = root / "seed.npz"
        self.model.write_bytes(b"\x93NUMPY" * 10)
        self.folder = root / "folder"
        self.folder.mkdir()
        self.locked = root / "locked"
        self.locked.mkdir()
        (self.locked / "inside.npz").write_bytes(b"x")


Call = Callable[[Any, Files], Any]
Row = tuple[str, Call, type[Exception], str]

ROWS: list[Row] = [
    # ids: types, emptiness, route words
    ("get_model", lambda c, f: c.get_model(None), VALUE, "id"),
    ("get_model", lambda c, f: c.get_model(7), TYPE, "id"),
    ("get_model", lambda c, f: c.get_model(b"m1"), TYPE, "id"),
    ("get_model", lambda c, f: c.get_model(""), VALUE, "id"),
    ("get_model", lambda c, f: c.get_model("   "), VALUE, "id"),
    ("get_model", lambda c, f: c.get_model("count"), VALUE, "id"),
    ("get_client", lambda c, f: c.get_client("count"), VALUE, "id"),
    ("get_session", lambda c, f: c.get_session(id="count"), VALUE, "id"),
    ("get_session", lambda c, f: c.get_session(id=3), TYPE, "id"),
    ("get_model_trail", lambda c, f: c.get_model_trail(id="count"), VALUE, "id"),
    ("get_package", lambda c, f: c.get_package("active"), VALUE, "id"),
    ("get_combiner", lambda c, f: c.get_combiner(["c1"]), TYPE, "id"),
    ("get_round", lambda c, f: c.get_round({"id": 1}), TYPE, "id"),
    ("get_status", lambda c, f: c.get_status(""), VALUE, "id"),
    ("get_validation", lambda c, f: c.get_validation(1.5), TYPE, "id"),
    ("get_command", lambda c, f: c.get_command("roots"), VALUE, "id"),
    ("get_session_status", lambda c, f: c.get_session_status(None), VALUE, "id"),
    ("session_is_finished", lambda c, f: c.session_is_finished(""), VALUE, "id"),
    ("stage_model", lambda c, f: c.stage_model(""), VALUE, "model_id"),
    ("stage_model", lambda c, f: c.stage_model("m", client_ids=[1]), TYPE, "client_ids"),
    ("step_command", lambda c, f: c.step_command(""), VALUE, "correlation_id"),
    ("stop_command", lambda c, f: c.stop_command(5), TYPE, "correlation_id"),
    ("start_validation", lambda c, f: c.start_validation("", "m"), VALUE, "session_id"),
    ("start_validation", lambda c, f: c.start_validation("s", None), VALUE, "model_id"),
    # numbers: types, ranges, not finite
    ("get_models", lambda c, f: c.get_models(n_max=-1), VALUE, "n_max"),
    ("get_models", lambda c, f: c.get_models(n_max=2.0), TYPE, "n_max"),
    ("get_models", lambda c, f: c.get_models(n_max=False), TYPE, "n_max"),
    ("get_clients", lambda c, f: c.get_clients(n_max="10"), TYPE, "n_max"),
    ("start_session", lambda c, f: c.start_session(rounds=0), VALUE, "rounds"),
    ("start_session", lambda c, f: c.start_session(rounds=-3), VALUE, "rounds"),
    ("start_session", lambda c, f: c.start_session(rounds="5"), TYPE, "rounds"),
    ("start_session", lambda c, f: c.start_session(rounds=math.inf), TYPE, "rounds"),
    ("start_session", lambda c, f: c.start_session(round_timeout=math.inf), VALUE, "round_timeout"),
    ("start_session", lambda c, f: c.start_session(round_timeout=math.nan), VALUE, "round_timeout"),
    ("start_session", lambda c, f: c.start_session(round_timeout=0), VALUE, "round_timeout"),
    ("start_session", lambda c, f: c.start_session(round_timeout="60"), TYPE, "round_timeout"),
    ("start_session", lambda c, f: c.start_session(round_timeout=True), TYPE, "round_timeout"),
    ("start_session", lambda c, f: c.start_session(min_clients=-1), VALUE, "min_clients"),
    (
        "start_session",
        lambda c, f: c.start_session(requested_clients=0),
        VALUE,
        "requested_clients",
    ),
    (
        "start_session",
        lambda c, f: c.start_session(round_buffer_size=-2),
        VALUE,
        "round_buffer_size",
    ),
    ("start_session", lambda c, f: c.start_session(aggregator="mean"), VALUE, "aggregator"),
    ("start_session", lambda c, f: c.start_session(aggregator=None), VALUE, "aggregator"),
    ("start_session", lambda c, f: c.start_session(helper="onnx"), VALUE, "helper"),
    (
        "start_session",
        lambda c, f: c.start_session(aggregator_kwargs=[1]),
        TYPE,
        "aggregator_kwargs",
    ),
    ("start_session", lambda c, f: c.start_session(name=5), TYPE, "name"),
    ("start_session", lambda c, f: c.start_session(validate=None), TYPE, "validate"),
    ("continue_session", lambda c, f: c.continue_session("s", rounds=1.5), TYPE, "rounds"),
    (
        "continue_session",
        lambda c, f: c.continue_session("s", round_timeout=-math.inf),
        VALUE,
        "round_timeout",
    ),
    ("continue_session", lambda c, f: c.continue_session("count"), VALUE, "session_id"),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", timeout="5"), TYPE, "timeout"),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", timeout=math.nan), VALUE, "timeout"),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", timeout=0), VALUE, "timeout"),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", timeout=-1), VALUE, "timeout"),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", timeout=math.inf), VALUE, "timeout"),
    (
        "wait_for_session",
        lambda c, f: c.wait_for_session("s", poll_interval=0),
        VALUE,
        "poll_interval",
    ),
    (
        "wait_for_session",
        lambda c, f: c.wait_for_session("s", poll_interval=math.nan),
        VALUE,
        "poll_interval",
    ),
    ("wait_for_session", lambda c, f: c.wait_for_session("s", on_round="print"), TYPE, "on_round"),
    ("wait_for_session", lambda c, f: c.wait_for_session("", timeout=5), VALUE, "session_id"),
    ("run_custom_command", lambda c, f: c.run_custom_command("x", timeout=-5), VALUE, "timeout"),
    ("run_custom_command", lambda c, f: c.run_custom_command("x", timeout=1.5), TYPE, "timeout"),
    (
        "run_custom_command",
        lambda c, f: c.run_custom_command("x", blocking="yes"),
        TYPE,
        "blocking",
    ),
    ("run_custom_command", lambda c, f: c.run_custom_command(None), VALUE, "command_type"),
    (
        "run_custom_command",
        lambda c, f: c.run_custom_command("x", parameters="a=1"),
        TYPE,
        "parameters",
    ),
    ("start_inference", lambda c, f: c.start_inference("m", timeout=0), VALUE, "timeout"),
    ("start_inference", lambda c, f: c.start_inference("m", synchronous=1), TYPE, "synchronous"),
    ("start_inference", lambda c, f: c.start_inference(""), VALUE, "model_id"),
    ("get_clients_count", lambda c, f: c.get_clients_count(only_active="no"), TYPE, "only_active"),
    ("get_client_config", lambda c, f: c.get_client_config(checksum=None), TYPE, "checksum"),
    ("get_model_trail", lambda c, f: c.get_model_trail(include_self=0), TYPE, "include_self"),
    # filters and mappings
    ("iter_models", lambda c, f: c.iter_models(page_size=0), VALUE, "page_size"),
    ("iter_models", lambda c, f: c.iter_models(page_size=-5), VALUE, "page_size"),
    ("iter_models", lambda c, f: c.iter_models(page_size=2.5), TYPE, "page_size"),
    ("iter_sessions", lambda c, f: c.iter_sessions(filters="status=Finished"), TYPE, "filters"),
    ("iter_sessions", lambda c, f: c.iter_sessions(filters={1: "x"}), TYPE, "filters"),
    ("iter_rounds", lambda c, f: c.iter_rounds(session_id=""), VALUE, "session_id"),
    ("get_rounds", lambda c, f: c.get_rounds(filter=[("a", 1)]), TYPE, "filter"),
    ("get_metrics", lambda c, f: c.get_metrics(key=3), TYPE, "key"),
    ("get_statuses", lambda c, f: c.get_statuses(session_id=[1]), TYPE, "session_id"),
    ("get_current_attributes", lambda c, f: c.get_current_attributes([]), VALUE, "node_list"),
    ("get_current_attributes", lambda c, f: c.get_current_attributes([1, 2]), TYPE, "node_list"),
    ("add_attributes", lambda c, f: c.add_attributes([]), TYPE, "attribute"),
    (
        "add_attributes",
        lambda c, f: c.add_attributes({"key": "", "value": "1", "sender": {}}),
        VALUE,
        "key",
    ),
    ("add_status", lambda c, f: c.add_status(None), VALUE, "status"),
    ("add_status", lambda c, f: c.add_status("MODEL_UPDATE"), TYPE, "status"),
    ("set_public_hostname", lambda c, f: c.set_public_hostname("c1", ""), VALUE, "public_hostname"),
    ("set_public_hostname", lambda c, f: c.set_public_hostname("", "h"), VALUE, "combiner_id"),
    # files: uploads
    ("set_active_model", lambda c, f: c.set_active_model(f.root / "absent.npz"), MISSING, "path"),
    ("set_active_model", lambda c, f: c.set_active_model(f.folder), VALUE, "path"),
    ("set_active_model", lambda c, f: c.set_active_model(str(f.model) + "\0.npz"), VALUE, "path"),
    ("set_active_model", lambda c, f: c.set_active_model(f.locked / "inside.npz"), VALUE, "path"),
    ("set_active_model", lambda c, f: c.set_active_model(5), TYPE, "path"),
    ("set_active_model", lambda c, f: c.set_active_model(f.model, helper="keras"), VALUE, "helper"),
    (
        "set_active_model",
        lambda c, f: c.set_active_model(f.model, progress="bar"),
        TYPE,
        "progress",
    ),
    ("set_active_model", lambda c, f: c.set_active_model(f.model, progress=True), TYPE, "progress"),
    ("set_active_model", lambda c, f: c.set_active_model(f.root / "seed.txt"), VALUE, "path"),
    (
        "set_active_package",
        lambda c, f: c.set_active_package(f.model, "numpyhelper", "p", progress=1),
        TYPE,
        "progress",
    ),
    (
        "set_active_package",
        lambda c, f: c.set_active_package(f.root / "none.tgz", "numpyhelper", "p"),
        MISSING,
        "path",
    ),
    (
        "set_active_package",
        lambda c, f: c.set_active_package(f.model, "numpyhelper", None),
        VALUE,
        "name",
    ),
    ("set_active_package", lambda c, f: c.set_active_package(f.model, 3, "p"), TYPE, "helper"),
    # files: downloads
    (
        "download_model",
        lambda c, f: c.download_model("m", f.root / "no" / "such" / "m.bin"),
        VALUE,
        "path",
    ),
    ("download_model", lambda c, f: c.download_model("m", str(f.root / "m\0.bin")), VALUE, "path"),
    ("download_model", lambda c, f: c.download_model("m", f.locked / "m.bin"), VALUE, "path"),
    (
        "download_model",
        lambda c, f: c.download_model("m", f.root / "m.bin", progress="x"),
        TYPE,
        "progress",
    ),
    ("download_model", lambda c, f: c.download_model("count", f.root / "m.bin"), VALUE, "id"),
    ("download_model", lambda c, f: c.download_model("m", None), TYPE, "path"),
    ("download_package", lambda c, f: c.download_package(f.model / "inside.tgz"), VALUE, "path"),
    (
        "download_package",
        lambda c, f: c.download_package(f.root / "p.tgz", progress=[]),
        TYPE,
        "progress",
    ),
    # per-call options
    ("with_options", lambda c, f: c.with_options(timeout="5"), TYPE, "timeout"),
    ("with_options", lambda c, f: c.with_options(timeout=math.nan), VALUE, "timeout"),
    ("with_options", lambda c, f: c.with_options(timeout=-1), VALUE, "timeout"),
    ("with_options", lambda c, f: c.with_options(timeout=0), VALUE, "timeout"),
    ("with_options", lambda c, f: c.with_options(max_retries=-1), VALUE, "max_retries"),
    ("with_options", lambda c, f: c.with_options(max_retries=1.5), TYPE, "max_retries"),
    ("with_options", lambda c, f: c.with_options(max_retries=True), TYPE, "max_retries"),
    (
        "with_options",
        lambda c, f: c.with_options(extra_headers={"X-A": "1\r\nX-B: 2"}),
        VALUE,
        "extra_headers",
    ),
    (
        "with_options",
        lambda c, f: c.with_options(extra_headers={"Bad Name": "1"}),
        VALUE,
        "extra_headers",
    ),
    ("with_options", lambda c, f: c.with_options(extra_headers={"X-A": 1}), TYPE, "extra_headers"),
    (
        "with_options",
        lambda c, f: c.with_options(extra_headers=[("X-A", "1")]),
        TYPE,
        "extra_headers",
    ),
]

CONSTRUCTOR_ROWS: list[tuple[str, dict[str, Any], type[Exception], str]] = [
    ("host-none", {"host": None}, VALUE, "host"),
    ("host-bytes", {"host": b"ctl.example.com"}, TYPE, "host"),
    ("host-empty", {"host": ""}, VALUE, "host"),
    ("host-space", {"host": "ctl example.com"}, VALUE, "host"),
    ("host-scheme", {"host": "ftp://ctl.example.com"}, VALUE, "host"),
    ("host-newline", {"host": "ctl.example.com\r\nX: 1"}, VALUE, "host"),
    ("port-zero", {"port": 0}, VALUE, "port"),
    ("port-high", {"port": 70000}, VALUE, "port"),
    ("port-word", {"port": "http"}, VALUE, "port"),
    ("port-float", {"port": 8092.0}, TYPE, "port"),
    ("timeout-str", {"timeout": "5"}, TYPE, "timeout"),
    ("timeout-nan", {"timeout": math.nan}, VALUE, "timeout"),
    ("timeout-zero", {"timeout": 0}, VALUE, "timeout"),
    ("timeout-inf", {"timeout": math.inf}, VALUE, "timeout"),
    ("max-retries-negative", {"max_retries": -1}, VALUE, "max_retries"),
    ("max-retries-float", {"max_retries": 2.0}, TYPE, "max_retries"),
    ("token-newline", {"token": "abc123456789\r\nX-Evil: 1"}, VALUE, "token"),
    ("token-type", {"token": 12345678}, TYPE, "token"),
    ("scheme-space", {"token": "abc123456789", "auth_scheme": "Bea rer"}, VALUE, "auth_scheme"),
    ("token-role-empty", {"token": "abc123456789", "token_role": ""}, VALUE, "token_role"),
    ("provider-not-callable", {"access_token_provider": "tok"}, TYPE, "access_token_provider"),
    ("verify-str", {"verify": "no"}, TYPE, "verify"),
    ("secure-str", {"secure": "yes"}, TYPE, "secure"),
]


@pytest.fixture(scope="module")
def listening() -> Iterator[FaultyServer]:
    with FaultyServer() as running:
        yield running


@pytest.fixture
def server(listening: FaultyServer) -> FaultyServer:
    """One recording socket for the module (nothing should reach it anyway)."""
    listening.received.clear()
    return listening


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Files]:
    found = Files(tmp_path)
    os.chmod(found.locked, 0)
    # Root enters any folder whatever its mode: deny the way the OS would for everyone else.
    real_stat = os.stat

    def stat_denied(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if isinstance(path, (str, os.PathLike)) and str(found.locked) + os.sep in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_denied)
    yield found
    monkeypatch.undo()
    os.chmod(found.locked, stat.S_IRWXU)


def _snapshot(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root)) for path in root.rglob("*") if "locked" not in path.parts
    )


def _run(flavour: str, call: Call, server: FaultyServer, files: Files) -> None:
    client = make_client(flavour, server.url)
    call(client, files)


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(
    ("name", "call", "error", "argument"),
    ROWS,
    ids=[f"{row[0]}-{row[3]}-{index}" for index, row in enumerate(ROWS)],
)
def test_a_bad_argument_is_refused_before_anything_is_sent(
    flavour: str,
    name: str,
    call: Call,
    error: type[Exception],
    argument: str,
    server: FaultyServer,
    files: Files,
) -> None:
    before = _snapshot(files.root)
    with pytest.raises(error) as caught:
        _run(flavour, call, server, files)
    assert isinstance(caught.value, ScaleoutError)
    assert argument in str(caught.value), f"{str(caught.value)!r} does not name {argument}"
    assert server.received == []
    assert _snapshot(files.root) == before


@pytest.mark.parametrize("flavour", [Scaleout, AsyncScaleout], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("case", "options", "error", "argument"),
    CONSTRUCTOR_ROWS,
    ids=[row[0] for row in CONSTRUCTOR_ROWS],
)
def test_a_bad_client_option_is_refused_by_the_constructor(
    flavour: type[Any],
    case: str,
    options: dict[str, Any],
    error: type[Exception],
    argument: str,
    server: FaultyServer,
) -> None:
    options = {"host": server.url, "token_cache": False, **options}
    with pytest.raises(error) as caught:
        flavour(**options)
    assert isinstance(caught.value, ScaleoutError)
    assert argument in str(caught.value), f"{str(caught.value)!r} does not name {argument}"
    assert "X-Evil" not in str(caught.value) and "abc123456789" not in str(caught.value)
    assert server.received == []


def test_the_table_is_broad() -> None:
    calls = {row[0] for row in ROWS}
    assert len(ROWS) + len(CONSTRUCTOR_ROWS) >= 60
    assert len(calls) >= 40, sorted(calls)
