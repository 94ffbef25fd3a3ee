"""Which calls of the vendor's client (``scaleout==1.0.1``) work against our LocalController.

Starts a LocalController twice (auth off, then auth on: the vendor's client gets
``token=<refresh token>`` and exchanges it at ``/api/auth/refresh``) and runs the vendor's
client against it, call by call, for every method that our spec shares with it. Each call is
judged: *ok* when it returned what the vendor's docs promise and no HTTP error hid behind the
return value; *known vendor bug (§12 #N)* when it differs exactly as api-surface.md §12 says
the 1.0.1 client does (judged from what was observed, shown in the note); *FAIL* otherwise.
Exit status 1 if any call FAILed.

    .venv/bin/python scripts/vendor_compat.py [--vendor-venv DIR] [--json FILE]

The vendor's package is imported as ``scaleout``, like ours, so it runs in its own virtualenv
(``scripts/_vendor_venv.py``): this file runs itself there with ``python -I`` and
``--vendor-worker``, and that half of it imports only the standard library and the vendor's
client (it is called, never copied). Every HTTP request the vendor makes is traced (by wrapping
``requests``' ``Session.request``) so the notes can say what was sent and answered.

``start_session`` is called with ``helper="numpyhelper"``: 1.0.1 sends
``session_config.helper_type: null`` when ``helper`` is not given (§12 #9), which the spec
(like FEDn 0.33) rejects with 400; the call without it is listed as a known vendor bug.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

KNOWN = "known vendor bug"
ROUNDS = 2
LONG_ROUNDS = 200  # a session that is still running when step/stop arrive

# ---------------------------------------------------------------------------------------------
# Vendor side: runs in the vendor virtualenv (`python -I vendor_compat.py --vendor-worker ...`).
# ---------------------------------------------------------------------------------------------


class Trace:
    """Every request the vendor's client sends (it uses ``requests`` without a Session)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def install(self) -> None:
        import requests.sessions

        original = requests.sessions.Session.request
        calls = self.calls

        def traced(session: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            response = original(session, method, url, *args, **kwargs)
            parts = urlsplit(url)
            calls.append(
                {
                    "method": method.upper(),
                    "path": parts.path + (f"?{parts.query}" if parts.query else ""),
                    "status": response.status_code,
                    "redirects": [r.status_code for r in response.history],
                }
            )
            return response

        session_class: Any = requests.sessions.Session
        session_class.request = traced

    @staticmethod
    def describe(calls: list[dict[str, Any]]) -> str:
        shown = []
        for call in calls:
            hops = "".join(f"{code} -> " for code in call["redirects"])
            shown.append(f"{call['method']} {call['path']} -> {hops}{call['status']}")
        return "; ".join(shown)


Judge = Callable[[Any], tuple[bool, str]]
BugShows = Callable[[Any], bool]


class Checker:
    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.rows: list[dict[str, Any]] = []

    def check(
        self,
        method: str,
        call: Callable[[], Any],
        judge: Judge,
        *,
        bug: int | None = None,
        why: str = "",
        bug_shows: BugShows | None = None,
        expect_status: int | None = None,
    ) -> Any:
        """Call, judge and record one row; returns the call's value (None if it raised)."""
        mark = len(self.trace.calls)
        value: Any = None
        error: str | None = None
        try:
            value = call()
        except Exception as exc:  # the vendor raises all kinds; each is a finding
            error = f"raised {type(exc).__name__}: {str(exc)[:160]}"
        calls = self.trace.calls[mark:]
        hidden = [c for c in calls if c["status"] >= 400 and c["status"] != expect_status]
        if error is not None:
            ok, note = False, error
        else:
            try:
                ok, note = judge(value)
            except Exception as exc:
                ok, note = (
                    False,
                    f"unexpected answer ({type(exc).__name__}: {exc}): {_short(value)}",
                )
            if ok and hidden:
                ok, note = False, f"an HTTP error came back as a value: {_short(value)}"
        redirected = any(c["redirects"] for c in calls)
        if ok:
            verdict = "ok"
            if bug is not None:
                note = f"{note} (§12 #{bug} did not make it fail)"
        elif bug is not None and error is None and bug_shows is not None and bug_shows(value):
            verdict = f"{KNOWN} (§12 #{bug})"
            note = f"{why}: {note}" if why else note
        else:
            verdict = "FAIL"
        if redirected or not ok or bug is not None:
            note = f"{note} [{Trace.describe(calls)}]" if calls else note
        self.rows.append({"method": method, "verdict": verdict, "note": note})
        return value


def _short(value: Any, limit: int = 140) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_error(value: Any) -> bool:
    return isinstance(value, dict) and "message" in value and value.get("success") is not True


def envelope(count: int | None = None, minimum: int = 0) -> Judge:
    def judge(value: Any) -> tuple[bool, str]:
        ok = isinstance(value, dict) and isinstance(value.get("result"), list)
        ok = ok and isinstance(value.get("count"), int) and value["count"] >= minimum
        if ok and count is not None:
            ok = value["count"] == count
        n = value.get("count") if isinstance(value, dict) else None
        return ok, f"count={n}" if ok else f"not a list envelope: {_short(value)}"

    return judge


def integer(expected: int | None = None, minimum: int = 0) -> Judge:
    def judge(value: Any) -> tuple[bool, str]:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= minimum
        if ok and expected is not None:
            ok = value == expected
        return ok, f"{value}" if ok else f"expected an int, got {_short(value)}"

    return judge


def entity(id_field: str, expected: Any = None, /, **fields: Any) -> Judge:
    """A single entity (not an error body) with ``id_field`` set, equal to ``expected`` if
    given, and with the given field values."""

    def judge(value: Any) -> tuple[bool, str]:
        ok = isinstance(value, dict) and not _is_error(value) and bool(value.get(id_field))
        if ok and expected is not None:
            ok = value[id_field] == expected
        for name, wanted in fields.items():
            ok = ok and value.get(name) == wanted
        return ok, f"{id_field}={str(value.get(id_field))[:12]}" if ok else f"got {_short(value)}"

    return judge


def message(*accepted: str) -> Judge:
    def judge(value: Any) -> tuple[bool, str]:
        text = value.get("message") if isinstance(value, dict) else None
        ok = text in accepted if accepted else not _is_error(value)
        return ok, f"message={text!r}" if ok else f"got {_short(value)}"

    return judge


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wait(predicate: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def vendor_checks(args: argparse.Namespace) -> list[dict[str, Any]]:
    trace = Trace()
    trace.install()
    from scaleout import Scaleout  # the vendor's: this runs under `python -I` in its venv

    if Scaleout.__module__ != "scaleoututil.api.client":
        raise RuntimeError(f"not the vendor's client: {Scaleout.__module__}")
    run = Checker(trace)
    scratch = Path(args.scratch)
    seed, package = Path(args.seed), Path(args.package)
    n_clients = args.clients

    if args.token:
        client = run.check(
            "Scaleout(token=<refresh token>)",
            lambda: Scaleout(args.url, token=args.token),
            lambda c: (
                c.token_manager is not None and trace.calls[-1]["status"] == 200,
                "refresh token exchanged at /api/auth/refresh",
            ),
        )
        run.check(
            "get_clients_count without a token",
            lambda: Scaleout(args.url).get_clients_count(),
            lambda v: (False, f"got {_short(v)}"),
            bug=5,
            why="the 401 body comes back as a value (auth is on: no token, no access)",
            bug_shows=lambda v: _is_error(v) and trace.calls[-1]["status"] == 401,
        )
        run.check(
            "Scaleout(token=<invalid>)",
            lambda: Scaleout(args.url, token="not-a-token").get_clients_count(),
            lambda v: (False, f"the call gave {_short(v)}"),
            bug=25,
            why="the failed token exchange is only logged; the client goes on unauthenticated",
            bug_shows=lambda v: _is_error(v) and trace.calls[-1]["status"] == 401,
        )
    else:
        client = Scaleout(args.url)
    if client is None:  # the token exchange failed: the FAIL row says why; nothing else works
        return run.rows

    # -- error paths on an empty controller ------------------------------------------------
    run.check(
        "get_active_model (no model yet)",
        client.get_active_model,
        lambda v: (isinstance(v, dict) and "model_id" in v, f"got {_short(v)}"),
        bug=7,
        why="with no model, the raw list envelope comes back instead of a model",
        bug_shows=lambda v: isinstance(v, dict) and v.get("result") == [],
    )
    run.check(
        "get_model(<unknown id>)",
        lambda: client.get_model("no-such-model"),
        lambda v: (False, f"got {_short(v)}"),
        bug=5,
        why="no status check: the 404 body comes back as if it were the model",
        bug_shows=_is_error,
        expect_status=404,
    )

    # -- controller, clients, combiners ----------------------------------------------------
    run.check(
        "get_controller_status",
        client.get_controller_status,
        lambda v: (
            isinstance(v, dict)
            and v.get("state") in {"setup", "idle", "instructing", "monitoring"},
            f"{_short(v)}",
        ),
    )
    clients = run.check("get_clients", client.get_clients, envelope(count=n_clients))
    client_ids = [c["client_id"] for c in (clients or {}).get("result", [])] or ["?", "?"]
    first, second = client_ids[0], client_ids[1 % len(client_ids)]
    run.check("get_clients_count", client.get_clients_count, integer(n_clients))
    run.check(
        "get_clients_count(only_active=True)",
        lambda: client.get_clients_count(only_active=True),
        integer(n_clients),
    )
    run.check(
        "get_active_clients",
        client.get_active_clients,
        lambda v: (
            envelope(count=n_clients)(v)[0]
            and all(c.get("status") == "online" for c in v["result"]),
            f"count={v.get('count')}, all online" if isinstance(v, dict) else _short(v),
        ),
    )
    run.check("get_client(id)", lambda: client.get_client(first), entity("client_id", first))
    combiners = run.check("get_combiners", client.get_combiners, envelope(minimum=1))
    combiner_id = ((combiners or {}).get("result") or [{}])[0].get("combiner_id", "?")
    run.check("get_combiners_count", client.get_combiners_count, integer(minimum=1))
    run.check(
        "get_combiner(id)",
        lambda: client.get_combiner(combiner_id),
        entity("combiner_id", combiner_id),
    )

    # -- packages --------------------------------------------------------------------------
    package_sha = _sha256(package)
    run.check(
        "set_active_package(path, helper, name)",
        lambda: client.set_active_package(
            str(package), "numpyhelper", "compat-package", "from vendor_compat"
        ),
        message("Package uploaded"),
    )
    active_package = run.check(
        "get_active_package",
        client.get_active_package,
        entity("package_id", name="compat-package", helper="numpyhelper", active=True),
    )
    package_id = (active_package or {}).get("package_id", "?")
    run.check("get_package(id)", lambda: client.get_package(package_id), entity("package_id"))
    run.check("get_packages", client.get_packages, envelope(count=1))
    run.check("get_packages_count", client.get_packages_count, integer(1))
    run.check(
        "get_package_checksum",
        client.get_package_checksum,
        lambda v: (
            isinstance(v, dict) and v.get("checksum") == package_sha,
            "sha256 of the uploaded file" if isinstance(v, dict) else _short(v),
        ),
    )
    run.check(
        "get_client_config(checksum=True)",
        client.get_client_config,
        lambda v: (
            isinstance(v, dict)
            and isinstance(v.get("network_id"), str)
            and isinstance(v.get("discover_host"), str)
            and isinstance(v.get("discover_port"), int)
            and v.get("checksum") == package_sha,
            f"network_id={v.get('network_id')!r}, checksum matches"
            if isinstance(v, dict)
            else _short(v),
        ),
    )
    package_copy = scratch / "package-copy.tgz"
    run.check(
        "download_package(path)",
        lambda: client.download_package(str(package_copy)),
        lambda v: (
            isinstance(v, dict)
            and v.get("success") is True
            and _sha256(package_copy) == package_sha,
            "same bytes as uploaded",
        ),
    )

    # -- models ----------------------------------------------------------------------------
    seed_sha = _sha256(seed)
    run.check(
        "set_active_model(.npz)",
        lambda: client.set_active_model(str(seed)),
        lambda v: (isinstance(v, dict) and v.get("success") is True, _short(v, 60)),
    )
    model = run.check("get_active_model", client.get_active_model, entity("model_id"))
    model_id = (model or {}).get("model_id", "?")
    run.check("get_model(id)", lambda: client.get_model(model_id), entity("model_id", model_id))
    run.check("get_models", client.get_models, envelope(count=1))
    run.check("get_models_count", client.get_models_count, integer(1))
    run.check(
        "get_model_trail(id)",
        lambda: client.get_model_trail(model_id),
        lambda v: (
            isinstance(v, list) and [m.get("model_id") for m in v] == [model_id],
            f"{len(v)} model(s)" if isinstance(v, list) else _short(v),
        ),
    )
    model_copy = scratch / "model-copy.npz"
    run.check(
        "download_model(id, path)",
        lambda: client.download_model(model_id, str(model_copy)),
        lambda v: (
            isinstance(v, dict) and v.get("success") is True and _sha256(model_copy) == seed_sha,
            "same bytes as uploaded",
        ),
    )

    # -- sessions --------------------------------------------------------------------------
    def stopped(session_id: str) -> bool:
        return client.get_session_status(session_id) in {"Finished", "Terminated", "Failed"}

    no_helper = run.check(
        "start_session (helper not given)",
        lambda: client.start_session(
            name="compat-no-helper", rounds=1, round_timeout=30, min_clients=n_clients
        ),
        lambda v: (isinstance(v, dict) and bool(v.get("session_id")), f"got {_short(v)}"),
        bug=9,
        why=(
            "helper=None sends session_config.helper_type null, which the spec rejects "
            "(hence helper='numpyhelper' in the next row)"
        ),
        bug_shows=lambda v: _is_error(v) and "helper_type" in str(v.get("message")),
        expect_status=400,
    )
    if isinstance(no_helper, dict) and no_helper.get("session_id"):
        _wait(lambda: stopped(no_helper["session_id"]))
    name = "compat-session"
    started = run.check(
        'start_session(helper="numpyhelper")',
        lambda: client.start_session(
            name=name,
            rounds=ROUNDS,
            round_timeout=30,
            min_clients=n_clients,
            helper="numpyhelper",
        ),
        lambda v: (
            isinstance(v, dict) and bool(v.get("session_id")) and not _is_error(v),
            _short(v, 80),
        ),
    )
    session_id = (started or {}).get("session_id") or "?"
    finished = _wait(lambda: client.session_is_finished(session_id))
    run.check(
        "get_session(id=...)",
        lambda: client.get_session(id=session_id),
        lambda v: (
            entity("session_id", session_id)(v)
            if finished
            else (False, "session did not finish in 60 s")
        ),
    )
    run.check(
        "get_session(name=...)",
        lambda: client.get_session(name=name),
        entity("session_id", session_id),
        bug=4,
        bug_shows=lambda v: isinstance(v, dict) and v.get("session_id") != session_id,
    )
    run.check(
        "get_sessions",
        client.get_sessions,
        lambda v: (
            envelope(minimum=1)(v)[0] and session_id in [s.get("session_id") for s in v["result"]],
            f"count={v.get('count')}" if isinstance(v, dict) else _short(v),
        ),
    )
    run.check("get_sessions(name=...)", lambda: client.get_sessions(name=name), envelope(count=1))
    run.check("get_sessions_count", client.get_sessions_count, integer(minimum=1))
    run.check(
        "get_session_status(id)",
        lambda: client.get_session_status(session_id),
        lambda v: (v == "Finished", repr(v)),
    )
    run.check(
        "session_is_finished(id)",
        lambda: client.session_is_finished(session_id),
        lambda v: (v is True, repr(v)),
    )

    # -- rounds ----------------------------------------------------------------------------
    rounds = run.check("get_rounds", client.get_rounds, envelope(count=ROUNDS))
    round_id = ((rounds or {}).get("result") or [{}])[0].get("round_id", "?")
    run.check("get_rounds_count", client.get_rounds_count, integer(ROUNDS))
    run.check("get_round(id)", lambda: client.get_round(round_id), entity("round_id", round_id))
    run.check(
        'get_rounds(filter={"status": "Success"})',
        lambda: client.get_rounds(filter={"status": "Success"}),
        lambda v: (
            envelope(count=ROUNDS)(v)[0] and all(r.get("status") == "Success" for r in v["result"]),
            f"count={v.get('count')}" if isinstance(v, dict) else _short(v),
        ),
    )

    # -- statuses and validations ----------------------------------------------------------
    statuses = run.check(
        "get_statuses(n_max=5)", lambda: client.get_statuses(n_max=5), envelope(minimum=1)
    )
    status_id = ((statuses or {}).get("result") or [{}])[0].get("status_id", "?")
    run.check(
        "get_statuses(session_id=...)",
        lambda: client.get_statuses(session_id=session_id),
        lambda v: (
            envelope(minimum=1)(v)[0]
            and all(s.get("session_id") == session_id for s in v["result"]),
            f"count={v.get('count')}, all of the session" if isinstance(v, dict) else _short(v),
        ),
    )
    run.check("get_statuses_count", client.get_statuses_count, integer(minimum=1))
    run.check(
        "get_status(id)", lambda: client.get_status(status_id), entity("status_id", status_id)
    )
    validations = run.check(
        "get_validations", client.get_validations, envelope(count=ROUNDS * n_clients)
    )
    validation_id = ((validations or {}).get("result") or [{}])[0].get("validation_id", "?")
    run.check(
        "get_validations(sender_client_id=...)",
        lambda: client.get_validations(sender_client_id=first),
        lambda v: (
            envelope(count=ROUNDS)(v)[0]
            and all(x.get("sender", {}).get("client_id") == first for x in v["result"]),
            f"count={v.get('count')}, all from that client" if isinstance(v, dict) else _short(v),
        ),
    )
    run.check("get_validations_count", client.get_validations_count, integer(ROUNDS * n_clients))
    run.check(
        "get_validations_count(session_id=...)",
        lambda: client.get_validations_count(session_id=session_id),
        integer(ROUNDS * n_clients),
    )
    run.check(
        "get_validation(id)",
        lambda: client.get_validation(validation_id),
        entity("validation_id", validation_id),
    )

    # -- continue a finished session -------------------------------------------------------
    run.check(
        "continue_session(id, rounds=1)",
        lambda: client.continue_session(session_id, rounds=1, round_timeout=30),
        message("Session started"),
    )
    _wait(lambda: stopped(session_id))
    run.check("get_rounds_count (after continue)", client.get_rounds_count, integer(ROUNDS + 1))

    # -- attributes ------------------------------------------------------------------------
    def add_charging(node: str, value: str) -> Any:
        attribute = {
            "key": "charging",
            "value": value,
            "sender": {"name": "", "role": "", "client_id": node},
        }
        return client.add_attributes(attribute)

    run.check(
        "add_attributes",
        lambda: add_charging(first, "true"),
        entity("attribute_id", key="charging", value="true"),
    )
    run.check(
        "add_attributes (second client)",
        lambda: add_charging(second, "false"),
        entity("attribute_id", key="charging", value="false"),
    )
    run.check(
        "get_current_attributes([id])",
        lambda: client.get_current_attributes([first]),
        lambda v: (v == {first: {"charging": "true"}}, _short(v, 90)),
        bug=15,
        bug_shows=lambda v: _is_error(v) and "client_ids" in str(v.get("message")),
    )
    run.check(
        "get_attribute_trail(id)",
        lambda: client.get_attribute_trail(first),
        lambda v: (
            envelope(count=1)(v)[0] and v["result"][0]["sender"]["client_id"] == first,
            f"count={v.get('count')}: "
            + ", ".join(str(a["sender"]["client_id"])[:8] for a in v.get("result", []))
            if isinstance(v, dict)
            else _short(v),
        ),
        bug=16,
        bug_shows=lambda v: (
            isinstance(v, dict)
            and any(a["sender"]["client_id"] != first for a in v.get("result", []))
        ),
    )

    # -- statuses, commands, predictions ---------------------------------------------------
    run.check(
        "add_status",
        lambda: client.add_status(
            {
                "type": "MODEL_UPDATE",
                "log_level": "INFO",
                "status": "vendor_compat status",
                "sender": {"client_id": first},
            }
        ),
        entity("status_id", status="vendor_compat status"),
    )
    run.check(
        "run_custom_command(blocking=True)",
        lambda: client.run_custom_command("ping", blocking=True, timeout=20),
        lambda v: (
            isinstance(v, dict) and v.get("success") is True,
            f"message={v.get('message')!r}" if isinstance(v, dict) else _short(v),
        ),
    )
    newest = client.get_active_model() or {}
    newest_id = newest.get("model_id", "?")
    prediction_id = f"compat-{uuid.uuid4().hex[:8]}"
    run.check(
        "start_predictions(prediction_id, model_id)",
        lambda: client.start_predictions(prediction_id=prediction_id, model_id=newest_id),
        message("Prediction session started"),
    )
    _wait(lambda: client.get_predictions(correlation_id=prediction_id).get("count") == n_clients)
    run.check(
        "get_predictions(correlation_id=...)",
        lambda: client.get_predictions(correlation_id=prediction_id),
        envelope(count=n_clients),
    )
    run.check(
        "get_predictions(model_id=...)",
        lambda: client.get_predictions(model_id=newest_id),
        envelope(count=n_clients),
    )
    run.check(
        "get_predictions(client_id=...)",
        lambda: client.get_predictions(client_id=first),
        lambda v: (
            envelope(minimum=1)(v)[0]
            and all(p["sender"]["client_id"] == first for p in v["result"]),
            f"count={v.get('count')}" if isinstance(v, dict) else _short(v),
        ),
        bug=14,
        why=(
            "client_id is no prediction field (the server's is sender.client_id): nothing "
            "matches, although this client made a prediction (see the correlation_id row)"
        ),
        bug_shows=lambda v: isinstance(v, dict) and v.get("count") == 0,
    )

    # -- steering a running session --------------------------------------------------------
    rounds_before = client.get_rounds_count()
    run.check(
        f"continue_session(id, rounds={LONG_ROUNDS})",
        lambda: client.continue_session(session_id, rounds=LONG_ROUNDS, round_timeout=30),
        message("Session started"),
    )
    run.check(
        "step_current_session",
        client.step_current_session,
        message("Sent continue signal"),
    )

    def stop_took_effect(v: Any) -> tuple[bool, str]:
        ok, note = message("Sent stop signal")(v)
        if not ok:
            return ok, note
        ended = _wait(lambda: stopped(session_id))
        status = client.get_session_status(session_id)
        ran = client.get_rounds_count() - rounds_before
        return (
            ended and status == "Terminated",
            f"{note}; session {status} after {ran} of {LONG_ROUNDS} rounds",
        )

    run.check("stop_current_session", client.stop_current_session, stop_took_effect)
    run.check(
        "continue_session (Terminated session)",
        lambda: client.continue_session(session_id, rounds=1, round_timeout=30),
        message("Session started"),
        bug=11,
        why=(
            "1.0.1 takes any state but Finished for running; the controller continues a "
            "Terminated session"
        ),
        bug_shows=lambda v: (
            isinstance(v, dict) and v.get("message") == "Session is already running."
        ),
    )
    _wait(lambda: stopped(session_id))
    return run.rows


def worker_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vendor-worker", action="store_true", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token")
    parser.add_argument("--seed", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.write_text(json.dumps(vendor_checks(args)))
    return 0


# ---------------------------------------------------------------------------------------------
# Our side: the project virtualenv (controller, vendor virtualenv, table).
# ---------------------------------------------------------------------------------------------


def compat_run(python: Path, auth: bool, clients: int) -> list[dict[str, Any]]:
    import tempfile

    from _vendor_venv import run_json_worker, worker_env

    from scaleout.local import LocalController, write_compute_package

    with (
        tempfile.TemporaryDirectory(prefix="scaleout-compat-") as name,
        LocalController(clients=clients, auth=auth) as ctl,
    ):
        scratch = Path(name)
        seed = ctl.write_seed_model(scratch / "seed.npz")
        package = write_compute_package(scratch / "package.tgz")
        args = [
            "--vendor-worker",
            "--url", ctl.url,
            "--seed", str(seed),
            "--package", str(package),
            "--scratch", str(scratch),
            "--clients", str(clients),
        ]  # fmt: skip
        if auth:
            assert ctl.refresh_token is not None
            args += ["--token", ctl.refresh_token]
        rows: list[dict[str, Any]] = run_json_worker(
            python,
            Path(__file__).resolve(),
            args,
            scratch=scratch,
            isolated=True,
            # The vendor's client caches tokens: keep its cache in the scratch folder and off.
            env=worker_env(
                {
                    "SCALEOUT_TOKEN_CACHE_DIR": str(scratch / "tokens"),
                    "SCALEOUT_PERSIST_TOKENS": "false",
                }
            ),
            timeout=300,
        )
        print(f"\nvendor scaleout 1.0.1 against LocalController at {ctl.url}, "
              f"auth {'on' if auth else 'off'}, {clients} clients")  # fmt: skip
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max(len("method"), *(len(r["method"]) for r in rows))
    verdict_width = max(len("result"), *(len(r["verdict"]) for r in rows))
    print(f"{'method':<{width}} | {'result':<{verdict_width}} | note")
    print(f"{'-' * width}-+-{'-' * verdict_width}-+-{'-' * 40}")
    for row in rows:
        print(f"{row['method']:<{width}} | {row['verdict']:<{verdict_width}} | {row['note']}")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if "--vendor-worker" in arguments:
        return worker_main(arguments)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor-venv", type=Path, help="default: .venv-vendor in the repo")
    parser.add_argument("--clients", type=int, default=3, help="simulated clients (>= 2)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(arguments)
    if args.clients < 2:
        parser.error("--clients must be at least 2")

    from _vendor_venv import ensure_vendor_python

    python = ensure_vendor_python(args.vendor_venv)
    results: dict[str, list[dict[str, Any]]] = {}
    failed = 0
    for auth in (False, True):
        rows = compat_run(python, auth, args.clients)
        results["auth_on" if auth else "auth_off"] = rows
        print_table(rows)
        ok = sum(r["verdict"] == "ok" for r in rows)
        known = sum(r["verdict"].startswith(KNOWN) for r in rows)
        fails = sum(r["verdict"] == "FAIL" for r in rows)
        failed += fails
        print(f"-> {len(rows)} calls: {ok} ok, {known} known vendor bugs, {fails} FAIL")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    print("\nvendor compatibility: " + ("FAILED" if failed else "all calls ok or known bugs"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
