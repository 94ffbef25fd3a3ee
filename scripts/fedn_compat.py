"""Which ``Scaleout`` methods work against a real FEDn 0.33 network, and what the others raise.

Runs every public method of ``Scaleout`` against a running FEDn controller, in an order that
makes each meaningful: the compute package and the seed model are uploaded through the SDK
(FEDn has no chunked-upload routes, so both go as the multipart form), a session is started
and waited for, then continued and waited for twice, and everything it produced is read back.
Prints a table: method | result | typed error and why. A method FEDn lacks passes when it
ends in the typed error the SDK promises for that (``UnsupportedOperationError``, whose
message says the controller does not support the call); anything else that raises is a FAIL.
Exit status 1 if any call FAILed. Run by hand, not by CI:

    .venv/bin/python scripts/fedn_compat.py --package package.tgz --seed-model seed.npz \\
        [--host http://127.0.0.1:8092] [--rounds 2] [--json FILE]

The network needs at least one client, and ``--package`` must be a FEDn compute package
(``fedn package create``) with a numpyhelper model whose seed is ``--seed-model``: the clients
run the package's entry points, so the local controller's simulated package will not do. A
network started with no package yet is the best test: its clients start on the package this
script uploads. ``start_predictions`` comes last: on FEDn 0.33 with SQL storage a session
started after a prediction run never ends (its controller thread fails on a duplicate round
id, the status stays ``monitoring``), so restart the network before running this script again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaleout import (
    NotFoundError,
    Scaleout,
    ScaleoutError,
    UnsupportedOperationError,
)

#: Why FEDn 0.33 lacks an operation, by method (the facts, from its route table).
NO_COMMANDS = "FEDn 0.33 has no /api/v1/commands/ routes (edge commands are Scaleout Edge only)"
NO_CONTROL = "FEDn 0.33 has no /api/v1/control/ routes (no step or stop of a running session)"
LACKS: dict[str, str] = {
    "set_public_hostname": "FEDn 0.33 has no PATCH /api/v1/combiners/{id} (combiners are "
    "configured where they start)",
    "start_validation": "FEDn 0.33 has no POST /api/v1/validations/start (it validates each "
    "round's model as part of the session)",
    "add_status": "FEDn 0.33 has no POST /api/v1/statuses/ (combiners write statuses over gRPC)",
    "step_current_session": NO_CONTROL,
    "stop_current_session": NO_CONTROL,
    **{
        name: NO_COMMANDS
        for name in (
            "get_command",
            "get_commands",
            "get_commands_count",
            "get_commands_roots",
            "run_custom_command",
            "stage_model",
            "start_inference",
            "step_command",
            "stop_command",
        )
    },
}
#: Seconds a wait for the session may take (its rounds take seconds on a local network).
WAIT = 180


@dataclass
class Row:
    method: str
    verdict: str  # ok | unsupported | FAIL
    result: str
    error: str = ""


@dataclass
class Run:
    client: Scaleout
    rows: list[Row] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def check(self, method: str, call: Callable[[], Any], show: Callable[[Any], str]) -> Any:
        """Call ``method``; a method in ``LACKS`` must end in UnsupportedOperationError."""
        started = time.monotonic()
        try:
            value = call()
        except UnsupportedOperationError as exc:
            why = LACKS.get(method)
            verdict = "unsupported" if why else "FAIL"
            self.rows.append(
                Row(
                    method,
                    verdict,
                    "-",
                    f"{type(exc).__name__}: {exc}" + (f" ({why})" if why else ""),
                )
            )
            return None
        except ScaleoutError as exc:
            self.rows.append(Row(method, "FAIL", "-", f"{type(exc).__name__}: {exc}"))
            return None
        except Exception as exc:  # a bug of the SDK: show where
            detail = traceback.format_exception_only(exc)[-1].strip()
            self.rows.append(Row(method, "FAIL", "-", f"untyped {detail}"))
            return None
        took = time.monotonic() - started
        try:
            text = show(value)
        except Exception as exc:  # an answer of another shape than the spec's
            self.rows.append(Row(method, "FAIL", f"returned {str(value)[:80]}", f"untyped {exc!r}"))
            return value
        if method in LACKS:
            text += " (the route exists on this server)"
        self.rows.append(Row(method, "ok", f"{text} [{took:.2f} s]"))
        return value


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page(value: Any) -> str:
    return f"{len(value['result'])} of {value['count']}"


def keys(value: Any) -> str:
    return "{" + ", ".join(sorted(value)[:4]) + (", ..." if len(value) > 4 else "") + "}"


def first_id(run: Run, listing: str, key: str) -> str:
    """An id from a list answer already fetched (or ``missing``, which FEDn answers 404)."""
    found = run.state.get(listing) or {}
    items = found.get("result") or []
    return str(items[0][key]) if items else "missing"


def uploads(run: Run, package: Path, seed: Path) -> None:
    c = run.client
    sent: list[int] = []
    run.check(
        "set_active_package",
        lambda: c.set_active_package(
            package,
            "numpyhelper",
            "fedn-compat",
            "uploaded by scripts/fedn_compat.py",
            progress=lambda done, total: sent.append(done),
        ),
        lambda v: f"{v.get('message')}; {c._core.upload_form} form, {len(sent)} progress calls",
    )
    sent.clear()
    run.check(
        "set_active_model",
        lambda: c.set_active_model(seed, progress=lambda done, total: sent.append(done)),
        lambda v: f"{v.get('message')}; {c._core.upload_form} form, {len(sent)} progress calls",
    )


def reads_before(run: Run, workdir: Path, package: Path, seed: Path) -> None:
    c = run.client
    run.check("get_controller_status", c.get_controller_status, lambda v: f"state {v['state']}")
    active = run.check(
        "get_active_package", c.get_active_package, lambda v: f"{v['name']} ({v['file_name']})"
    )
    run.state["packages"] = run.check("get_packages", lambda: c.get_packages(n_max=5), page)
    run.check("get_packages_count", c.get_packages_count, str)
    pid = str((active or {}).get("package_id", "missing"))
    run.check("get_package", lambda: c.get_package(pid), lambda v: str(v["name"]))
    run.check("iter_packages", lambda: list(c.iter_packages()), lambda v: f"{len(v)} packages")
    checksum = run.check("get_package_checksum", c.get_package_checksum, lambda v: "checksum")
    want = file_sha256(package)
    run.check(
        "download_package",
        lambda: c.download_package(workdir / "package-back.tgz"),
        lambda v: (
            f"{v['size']} bytes, "
            + ("the upload's bytes" if file_sha256(Path(v["path"])) == want else "NOT the upload")
            + ("" if (checksum or {}).get("checksum") == want else "; checksum differs")
        ),
    )
    model = run.check(
        "get_active_model",
        c.get_active_model,
        lambda v: f"model {v['model_id'][:8]}" if v else "none",
    )
    mid = str((model or {}).get("model_id", "missing"))
    run.state["seed_model_id"] = mid
    run.check("get_model", lambda: c.get_model(mid), lambda v: f"model {v['model_id'][:8]}")
    run.check(
        "download_model",
        lambda: c.download_model(mid, workdir / "seed-back.npz"),
        lambda v: (
            f"{v['size']} bytes, "
            + (
                "the seed's bytes"
                if file_sha256(Path(v["path"])) == file_sha256(seed)
                else "NOT the seed"
            )
        ),
    )


def wait_for_clients(client: Scaleout, timeout: float = 90) -> int:
    """Clients start on the package just uploaded: wait until they are online."""
    deadline = time.monotonic() + timeout
    while True:
        online = client.get_clients_count(only_active=True)
        if online >= 1 and (online >= 2 or time.monotonic() > deadline - timeout / 2):
            return online
        if time.monotonic() > deadline:
            return online
        time.sleep(1)


def session(run: Run, rounds: int) -> str | None:
    c = run.client
    name = f"fedn-compat-{int(time.time())}"
    over: list[str] = []

    def finished() -> int:
        return sum(
            1 for r in c.iter_rounds(sid) if str(r.get("status")).lower() in ("success", "finished")
        )

    started = run.check(
        "start_session",
        lambda: c.start_session(name=name, rounds=rounds, round_timeout=120, helper="numpyhelper"),
        lambda v: f"{v['message']} (session {v['session_id'][:8]})",
    )
    if started is None:
        return None
    sid = str(started["session_id"])
    run.state["session_id"], run.state["session_name"] = sid, name
    expected = rounds

    def waited(label: str) -> Callable[[Any], str]:
        def show(value: Any) -> str:
            done = finished()
            mark = "" if done == expected else f" -- expected {expected}"
            return f"{label}: {value['status']} with {done} round(s) over{mark}"

        return show

    run.check(
        "wait_for_session",
        lambda: c.wait_for_session(
            sid, timeout=WAIT, poll_interval=1, on_round=lambda r: over.append(str(r["round_id"]))
        ),
        waited("after start"),
    )
    for more in (1, 1):
        expected += more
        run.check(
            "continue_session",
            lambda more=more: c.continue_session(sid, rounds=more, round_timeout=120),
            lambda v: str(v["message"]),
        )
        # At once, as users do: FEDn still says Finished until its thread takes the request up.
        run.check(
            "wait_for_session",
            lambda: c.wait_for_session(sid, timeout=WAIT, poll_interval=1),
            waited(f"after continue (+{more})"),
        )
    if finished() != expected:
        run.rows.append(Row("(session)", "FAIL", f"{finished()} rounds over, {expected} asked for"))
    return sid


def results(run: Run, sid: str, workdir: Path) -> None:
    """The helpers that read a session's results from its rounds, models and validations."""
    c = run.client
    run.check(
        "get_session_results",
        lambda: c.get_session_results(sid),
        lambda v: f"{len(v.rounds)} rounds, metrics {', '.join(v.metric_names) or 'none'}",
    )
    run.check(
        "get_round_validations",
        lambda: c.get_round_validations(sid, 1),
        lambda v: f"round 1: {len(v)} validations",
    )
    run.check(
        "get_session_model",
        lambda: c.get_session_model(sid),
        lambda v: f"model {str((v or {}).get('model_id'))[:8]}",
    )
    run.check(
        "plot_session",
        lambda: c.plot_session(sid, path=workdir / "session.png"),
        lambda v: f"{v.stat().st_size} bytes of PNG",
    )


def one_prediction(run: Run) -> None:
    """``get_prediction`` of a listed prediction, or of a missing id: a typed 404 then."""
    c = run.client
    listed = c.get_predictions(n_max=1).get("result") or []
    if listed:
        pid = str(listed[0].get("prediction_id"))
        run.check("get_prediction", lambda: c.get_prediction(pid), lambda v: "a prediction")
        return
    try:
        c.get_prediction("missing")
    except NotFoundError as exc:
        run.rows.append(Row("get_prediction", "ok", f"none listed; a missing id: {exc!s:.60}"))
    except ScaleoutError as exc:
        run.rows.append(Row("get_prediction", "FAIL", "-", f"{type(exc).__name__}: {exc}"))
    else:
        run.rows.append(Row("get_prediction", "FAIL", "-", "a missing id was found"))


def reads_after(run: Run, sid: str) -> None:
    c = run.client
    name = run.state.get("session_name")
    run.check("get_session", lambda: c.get_session(sid), lambda v: str(v["status"]))
    run.check("get_session", lambda: c.get_session(name=name), lambda v: f"by name: {v['status']}")
    run.check("get_sessions", lambda: c.get_sessions(n_max=5), page)
    run.check("get_sessions_count", c.get_sessions_count, str)
    run.check("get_session_status", lambda: c.get_session_status(sid), str)
    run.check("session_is_finished", lambda: c.session_is_finished(sid), str)
    run.check("iter_sessions", lambda: list(c.iter_sessions()), lambda v: f"{len(v)} sessions")
    run.state["rounds"] = run.check("get_rounds", lambda: c.get_rounds(n_max=5), page)
    run.check("get_rounds_count", c.get_rounds_count, str)
    rid = first_id(run, "rounds", "round_id")
    run.check(
        "get_round", lambda: c.get_round(rid), lambda v: f"round {v['round_id']}: {v['status']}"
    )
    run.check(
        "iter_rounds",
        lambda: list(c.iter_rounds(sid)),
        lambda v: (
            f"{len(v)} rounds of the session, all its own: "
            + str(all((r.get("round_config") or {}).get("session_id") in (sid, None) for r in v))
        ),
    )
    models = run.check("get_models", lambda: c.get_models(session_id=sid, n_max=50), page)
    run.check("get_models_count", c.get_models_count, str)
    run.check("iter_models", lambda: list(c.iter_models()), lambda v: f"{len(v)} models")
    last = str(((models or {}).get("result") or [{}])[0].get("model_id", "missing"))
    run.check(
        "get_model_trail",
        lambda: c.get_model_trail(last),
        lambda v: f"{len(v)} models back to the seed",
    )
    run.state["validations"] = run.check(
        "get_validations", lambda: c.get_validations(session_id=sid, n_max=5), page
    )
    run.check("get_validations_count", lambda: c.get_validations_count(session_id=sid), str)
    vid = first_id(run, "validations", "validation_id")
    run.check(
        "get_validation", lambda: c.get_validation(vid), lambda v: str(v["sender"].get("name"))
    )
    run.check(
        "iter_validations",
        lambda: list(c.iter_validations(filters={"session_id": sid})),
        lambda v: f"{len(v)} validations",
    )
    clients = run.check("get_clients", lambda: c.get_clients(n_max=5), page)
    client_items = (clients or {}).get("result") or [{}]
    client_name = str(client_items[0].get("name", "client1"))
    client_id = str(client_items[0].get("client_id", "missing"))
    run.check(
        "get_validations",
        lambda: c.get_validations(sender_name=client_name, n_max=0),
        lambda v: f"sender.name={client_name}: {page(v)}",
    )
    run.state["statuses"] = run.check("get_statuses", lambda: c.get_statuses(n_max=5), page)
    run.check(
        "get_statuses",
        lambda: c.get_statuses(sender_name=client_name, n_max=5),
        lambda v: f"sender.name={client_name}, 5 at most: {page(v)}",
    )
    run.check("get_statuses_count", c.get_statuses_count, str)
    sid_status = first_id(run, "statuses", "status_id")
    run.check("get_status", lambda: c.get_status(sid_status), lambda v: str(v["type"]))
    run.check(
        "iter_statuses",
        lambda: list(c.iter_statuses(filters={"sender.name": client_name})),
        lambda v: f"{len(v)} statuses of {client_name}",
    )
    run.check("get_metrics", lambda: c.get_metrics(session_id=sid), page)
    run.check("get_metrics_count", lambda: c.get_metrics_count(session_id=sid), str)
    run.check("iter_metrics", lambda: list(c.iter_metrics()), lambda v: f"{len(v)} metrics")
    run.check("get_predictions", lambda: c.get_predictions(n_max=5), page)
    run.check(
        "iter_predictions", lambda: list(c.iter_predictions()), lambda v: f"{len(v)} predictions"
    )
    run.check("get_clients_count", c.get_clients_count, str)
    run.check(
        "get_client", lambda: c.get_client(client_id), lambda v: f"{v['name']}: {v.get('status')}"
    )
    run.check("get_active_clients", lambda: c.get_active_clients(), page)
    run.check("iter_clients", lambda: list(c.iter_clients()), lambda v: f"{len(v)} clients")
    run.check("get_client_config", c.get_client_config, keys)
    run.state["combiners"] = run.check("get_combiners", lambda: c.get_combiners(n_max=5), page)
    run.check("get_combiners_count", c.get_combiners_count, str)
    cid = first_id(run, "combiners", "combiner_id")
    run.check("get_combiner", lambda: c.get_combiner(cid), lambda v: str(v["name"]))
    run.check("iter_combiners", lambda: list(c.iter_combiners()), lambda v: f"{len(v)} combiners")
    run.check(
        "set_public_hostname",
        lambda: c.set_public_hostname(cid, "127.0.0.1"),
        lambda v: str(v.get("message")),
    )
    run.check(
        "add_attributes",
        lambda: c.add_attributes(
            {
                "key": "charging",
                "value": "true",
                "sender": {"client_id": client_id, "name": client_name, "role": "CLIENT"},
            }
        ),
        lambda v: f"attribute {v.get('key')}={v.get('value')}",
    )
    run.check(
        "get_current_attributes",
        lambda: c.get_current_attributes([client_id]),
        lambda v: json.dumps(v)[:80],
    )
    run.check("get_attribute_trail", lambda: c.get_attribute_trail(client_id), page)
    run.check(
        "iter_attributes", lambda: list(c.iter_attributes()), lambda v: f"{len(v)} attributes"
    )
    run.check(
        "start_validation",
        lambda: c.start_validation(sid, last),
        lambda v: str(v.get("message")),
    )


def lacking(run: Run) -> None:
    c = run.client
    mid = str(run.state.get("seed_model_id"))
    run.check(
        "add_status", lambda: c.add_status({"status": "compat check", "type": "NETWORK"}), str
    )
    run.check("step_current_session", c.step_current_session, str)
    run.check("stop_current_session", c.stop_current_session, str)
    run.check("get_commands", lambda: c.get_commands(n_max=5), page)
    run.check("get_commands_count", c.get_commands_count, str)
    run.check("get_commands_roots", lambda: c.get_commands_roots(n_max=5), page)
    run.check("get_command", lambda: c.get_command("missing"), str)
    run.check("run_custom_command", lambda: c.run_custom_command("ping"), str)
    run.check("stage_model", lambda: c.stage_model(mid), str)
    run.check("start_inference", lambda: c.start_inference(mid), str)
    run.check("step_command", lambda: c.step_command("missing"), str)
    run.check("stop_command", lambda: c.stop_command("missing"), str)


def the_rest(run: Run) -> None:
    c = run.client
    # Not closed here: a view shares its client's connections.
    view = c.with_options(timeout=30)
    run.check("with_options", view.get_models_count, lambda v: f"a view: {v} models")
    run.check("start_predictions", lambda: c.start_predictions(), lambda v: str(v.get("message")))
    run.check("close", c.close, lambda v: "closed")


def untouched(rows: list[Row]) -> list[str]:
    """Public methods of ``Scaleout`` this script does not call (new ones, e.g.)."""
    public = {
        name
        for name in dir(Scaleout)
        if not name.startswith("_") and callable(getattr(Scaleout, name))
    }
    called = {row.method for row in rows}
    return sorted(public - called - {"api"})


def show(rows: list[Row]) -> None:
    width = max(len(r.method) for r in rows)
    print(f"| {'method':<{width}} | result | typed error and why |")
    print(f"|{'-' * (width + 2)}|---|---|")
    for row in rows:
        result = row.result if row.verdict == "ok" else row.verdict
        print(f"| {row.method:<{width}} | {result} | {row.error} |".replace("\n", " "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8092", help="the FEDn controller")
    parser.add_argument("--package", type=Path, required=True, help="a FEDn compute package")
    parser.add_argument("--seed-model", type=Path, required=True, help="its seed model (.npz)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the first run")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)

    client = Scaleout(args.host, token_cache=False, timeout=60)
    run = Run(client)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fedn-compat-") as tmp:
        workdir = Path(tmp)
        try:
            client.get_models_count()
        except ScaleoutError as exc:
            print(f"no FEDn controller at {args.host}: {exc}", file=sys.stderr)
            return 2
        uploads(run, args.package, args.seed_model)
        reads_before(run, workdir, args.package, args.seed_model)
        online = wait_for_clients(client)
        print(f"{online} client(s) online", file=sys.stderr)
        sid = session(run, args.rounds)
        if sid is not None:
            reads_after(run, sid)
            results(run, sid, workdir)
        one_prediction(run)
        lacking(run)
        the_rest(run)
    for name in untouched(run.rows):
        run.rows.append(Row(name, "FAIL", "not exercised by this script"))
    took = time.monotonic() - started
    print(f"\nScaleout SDK against FEDn at {args.host} ({took:.0f} s)\n")
    show(run.rows)
    counts = {v: sum(1 for r in run.rows if r.verdict == v) for v in ("ok", "unsupported", "FAIL")}
    print(
        f"\n{len(run.rows)} calls: {counts['ok']} ok, {counts['unsupported']} unsupported "
        f"(typed error), {counts['FAIL']} FAIL"
    )
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in run.rows], indent=2))
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
