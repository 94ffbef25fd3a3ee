"""Every ``scaleout`` command against a local controller: tables, ``--json``, files, and the
exit code and one-line message of each kind of failure (run in this process, for speed; the
installed script is run in ``test_cli_installed``)."""

from __future__ import annotations

import argparse
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from scaleout.cli import ExitCode
from scaleout.cli._app import build_parser

from .conftest import Federation, Ran

pytestmark = pytest.mark.local


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_status(scaleout: Any, federation: Federation) -> None:
    ran: Ran = scaleout("status", "--host", federation.url)
    assert ran.code == ExitCode.OK
    assert "state           idle" in ran.out
    assert "clients_online  3" in ran.out
    assert f"newest_model    {federation.model_id}" in ran.out
    data = json.loads(scaleout("--json", "status", "--host", federation.url).out)
    assert data["sessions"] == 1 and data["models"] == 4


def test_host_from_the_environment(
    scaleout: Any, federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCALEOUT_HOST", federation.url)
    assert scaleout("status", "--json").code == ExitCode.OK


@pytest.mark.parametrize(
    ("group", "columns", "rows"),
    [
        ("clients", ["NAME", "CLIENT_ID", "STATUS", "COMBINER", "LAST_SEEN"], 3),
        ("combiners", ["NAME", "COMBINER_ID", "ADDRESS", "PORT", "COMMITTED_AT"], 1),
        ("models", ["MODEL_ID", "NAME", "SESSION_ID", "PARENT_MODEL", "COMMITTED_AT"], 4),
        ("packages", ["PACKAGE_ID", "NAME", "HELPER", "FILE_NAME", "ACTIVE", "COMMITTED_AT"], 1),
        ("sessions", ["SESSION_ID", "NAME", "STATUS", "ROUNDS", "AGGREGATOR", "COMMITTED_AT"], 1),
        ("rounds", ["ROUND_ID", "STATUS", "SESSION_ID", "MODEL_ID", "COMMITTED_AT"], 3),
        ("validations", ["VALIDATION_ID", "CLIENT", "MODEL_ID", "METRICS", "TIMESTAMP"], 9),
    ],
)
def test_list_tables(
    group: str, columns: list[str], rows: int, scaleout: Any, federation: Federation
) -> None:
    ran = scaleout(group, "list", "--host", federation.url)
    assert ran.code == ExitCode.OK, ran.err
    header, *body = _lines(ran.out)
    assert header.split() == columns
    assert len(body) == rows
    listed = json.loads(scaleout(group, "list", "--json", "--host", federation.url).out)
    assert isinstance(listed, list) and len(listed) == rows


def test_list_limit_filter_and_session(scaleout: Any, federation: Federation) -> None:
    url = federation.url
    newest = json.loads(scaleout("models", "list", "--limit", "1", "--json", "--host", url).out)
    assert [m["model_id"] for m in newest] == [federation.model_id]
    of_session = scaleout("rounds", "list", "--session", federation.session_id, "--host", url)
    assert len(_lines(of_session.out)) == 1 + 3
    elsewhere = scaleout("rounds", "list", "--session", "no-such-session", "--host", url)
    assert (elsewhere.code, elsewhere.out, elsewhere.err.strip()) == (ExitCode.OK, "", "(none)")
    success = scaleout("rounds", "list", "--filter", "status=Success", "--json", "--host", url)
    assert {r["status"] for r in json.loads(success.out)} == {"Success"}
    metrics = scaleout("validations", "list", "--session", federation.session_id, "--host", url)
    assert "test_accuracy=0." in metrics.out  # decoded from the validation's JSON data
    bad = scaleout("rounds", "list", "--filter", "status", "--host", url)
    assert bad.code == ExitCode.USAGE
    assert bad.err.strip() == "scaleout: error: --filter needs KEY=VALUE, got 'status'"


def test_get_shows_one_entity(scaleout: Any, federation: Federation) -> None:
    url = federation.url
    ran = scaleout("sessions", "get", federation.session_id, "--host", url)
    assert f"session_id                            {federation.session_id}" in ran.out
    assert "session_config.aggregator             fedavg" in ran.out
    by_name = scaleout("sessions", "get", "--name", "cli-test", "--json", "--host", url)
    assert json.loads(by_name.out)["session_id"] == federation.session_id
    model = json.loads(scaleout("models", "get", federation.model_id, "--json", "--host", url).out)
    assert model["session_id"] == federation.session_id


def test_session_results_per_round_and_per_client(scaleout: Any, federation: Federation) -> None:
    url, sid = federation.url, federation.session_id
    ran = scaleout("sessions", "results", sid, "--host", url)
    header, *rows = _lines(ran.out)
    assert header.split() == [
        "ROUND", "ROUND_ID", "STATUS", "CLIENTS", "training_loss", "training_accuracy",
        "test_loss", "test_accuracy", "FINISHED_AT",
    ]  # fmt: skip
    assert [row.split()[:4] for row in rows] == [
        ["1", "1", "Success", "3"],
        ["2", "2", "Success", "3"],
        ["3", "3", "Success", "3"],
    ]
    data = json.loads(scaleout("sessions", "results", sid, "--json", "--host", url).out)
    losses = [r["metrics"]["test_loss"] for r in data["rounds"]]
    assert losses == sorted(losses, reverse=True)  # the simulated federation does learn

    clients = scaleout("sessions", "results", sid, "--round", "2", "--host", url)
    header, *rows = _lines(clients.out)
    assert header.split()[:2] == ["CLIENT", "CLIENT_ID"]
    assert [row.split()[0] for row in rows] == ["client-1", "client-2", "client-3"]
    assert clients.err.startswith("mean over clients: training_loss=")
    missing = scaleout("sessions", "results", sid, "--round", "9", "--host", url)
    assert missing.code == ExitCode.USAGE
    assert "has no round 9" in missing.err


def test_session_plot_and_model_download(
    scaleout: Any, federation: Federation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url, sid = federation.url, federation.session_id
    ran = scaleout("sessions", "plot", sid, "--metric", "accuracy", "--host", url)
    assert ran.out == f"Plot written to session-{sid}.png\n"
    assert (tmp_path / f"session-{sid}.png").read_bytes()[:4] == b"\x89PNG"

    got = scaleout("models", "download", "--session", sid, "model.npz", "--host", url)
    assert got.code == ExitCode.OK, got.err
    assert got.out.startswith(f"Model {federation.model_id} written to model.npz (")
    import numpy as np

    with np.load(tmp_path / "model.npz") as weights:
        assert set(weights.files) == {"w", "b"}


def test_package_download(scaleout: Any, federation: Federation, tmp_path: Path) -> None:
    ran = scaleout("packages", "download", str(tmp_path), "--json", "--host", federation.url)
    result = json.loads(ran.out)
    assert result["success"] is True and Path(result["path"]).parent == tmp_path


def test_attributes_and_commands(scaleout: Any, federation: Federation) -> None:
    url, node = federation.url, federation.client_ids[0]
    added = scaleout("attributes", "add", node, "charging", "true", "--host", url)
    assert added.out == f"{node}: charging = true\n"
    current = scaleout("attributes", "get", node, "--host", url)
    assert _lines(current.out)[1].split() == [node, "charging", "true"]
    command = scaleout(
        "command", "run", "ping", "--client", node, "--param", "x=1", "--blocking", "--json",
        "--host", url,
    )  # fmt: skip
    answer = json.loads(command.out)
    assert answer["success"] is True
    assert answer["result"][node]["command_type"] == "Custom_ping"


# --- failures: one line each, and an exit code per kind --------------------------------------


def test_http_error(scaleout: Any, federation: Federation) -> None:
    ran = scaleout("models", "get", "no-such-model", "--host", federation.url)
    assert ran.code == ExitCode.HTTP
    assert ran.out == ""
    assert _lines(ran.err) == [
        f"scaleout: error: 404 Not Found for GET {federation.url}/api/v1/models/no-such-model: "
        "Entity with id: no-such-model not found"
    ]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_error(scaleout: Any, closed_port: int) -> None:
    ran = scaleout("status", "--host", f"http://127.0.0.1:{closed_port}")
    assert ran.code == ExitCode.CONNECTION
    assert len(_lines(ran.err)) == 1 and "Connection refused" in ran.err


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_request_timeout(scaleout: Any, silent_server: str) -> None:
    ran = scaleout("status", "--host", silent_server, "--timeout", "0.2")
    assert ran.code == ExitCode.TIMEOUT
    assert _lines(ran.err) == [
        f"scaleout: error: GET {silent_server}/get_controller_status timed out: ReadTimeout: "
        "timed out"
    ]


def test_waiting_too_long_is_a_timeout(scaleout: Any) -> None:
    from scaleout.local import LocalController

    with LocalController(clients=0) as ctl:
        # A session that is created but never started stays "Created".
        created = httpx.post(
            f"{ctl.url}/api/v1/sessions/",
            json={"name": "never started", "session_config": SESSION_CONFIG},
            timeout=10,
        ).json()
        ran = scaleout(
            "sessions", "wait", created["session_id"], "--wait-timeout", "0.3", "--poll", "0.1",
            "--host", ctl.url,
        )  # fmt: skip
    assert ran.code == ExitCode.TIMEOUT
    assert "is still Created after waiting 0.3 s" in ran.err


SESSION_CONFIG = {
    "aggregator": "fedavg",
    "round_timeout": 30,
    "buffer_size": -1,
    "delete_models_storage": True,
    "clients_required": 1,
    "validate": True,
    "helper_type": "numpyhelper",
    "model_id": "some-model",
}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["models", "lst"], "scaleout models: argument COMMAND: invalid choice: 'lst'"),
        (["sessions", "start", "--rounds", "x"], "argument --rounds: invalid int value: 'x'"),
        (["status", "--timeout", "-1"], "argument --timeout: must be > 0, got -1"),
        (["sessions", "start", "--rounds", "0"], "scaleout: error: rounds must be >= 1, got 0"),
        (["models", "upload", "missing.npz"], "scaleout: error: path: no such file: 'missing.npz'"),
        (["models", "download"], "give a model ID or --session SESSION_ID"),
        (["sessions", "results"], "give the session's id or --name NAME (one of them)"),
    ],
)
def test_usage_errors(args: list[str], message: str, scaleout: Any, federation: Federation) -> None:
    ran = scaleout(*args, "--host", federation.url)
    assert ran.code == ExitCode.USAGE
    assert ran.out == ""
    assert len(_lines(ran.err)) == 1 and message in ran.err, ran.err


def test_a_bad_host_is_a_usage_error(scaleout: Any) -> None:
    ran = scaleout("status", "--host", "ftp://edge.example.com")
    assert ran.code == ExitCode.USAGE
    assert ran.err.startswith(
        "scaleout: error: --host 'ftp://edge.example.com': host has an unsupported URL scheme"
    )


def test_no_host_is_a_usage_error(scaleout: Any) -> None:
    ran = scaleout("clients", "list")
    assert (ran.code, ran.err) == (
        ExitCode.USAGE,
        "scaleout: error: no controller given: pass --host URL or set SCALEOUT_HOST\n",
    )


def _every_parser() -> list[tuple[str, argparse.ArgumentParser]]:
    found: list[tuple[str, argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser) -> None:
        found.append((parser.prog, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in dict.fromkeys(action.choices.values()):
                    walk(child)

    walk(build_parser())
    return found


PARSERS = _every_parser()


@pytest.mark.parametrize(("prog", "parser"), PARSERS, ids=[prog for prog, _ in PARSERS])
def test_help_at_every_level(prog: str, parser: argparse.ArgumentParser, scaleout: Any) -> None:
    ran = scaleout(*prog.split()[1:], "--help")
    if prog == "scaleout local":
        assert ran.code == 0 and "serve" in ran.out and "compute-package" in ran.out
        return
    assert ran.code == 0
    assert ran.out.startswith(f"usage: {prog}")
    assert parser.description is None or parser.description.split()[0] in ran.out


def test_json_and_quiet_may_come_before_or_after_the_command(
    scaleout: Any, federation: Federation
) -> None:
    before = scaleout("--json", "--host", federation.url, "clients", "list")
    after = scaleout("clients", "list", "--json", "--host", federation.url)
    assert json.loads(before.out) == json.loads(after.out)
