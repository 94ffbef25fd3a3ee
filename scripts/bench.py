"""Benchmark the SDK where users feel it, side by side, in one run.

Every section starts what it measures on 127.0.0.1 and compares clients under the same
conditions, so the ratios hold on a busy machine even when absolute times do not:

- ``link``: the local controller behind TLS (a self-signed certificate made here) and a TCP
  proxy adding 10 ms each way (``_bench_link.py``): sequential ``get_models_count()`` and
  ``get_models(n_max=20)`` through ``Scaleout``, one raw ``httpx.Client`` and the vendor's
  client (``scaleout==1.0.1``, a new connection and TLS handshake per call).
- ``large``: ``set_active_model`` and ``download_model`` of 256 MiB and 1 GiB files, against a
  raw httpx loop speaking the same protocol, and the vendor's: throughput and peak RSS growth,
  each in a fresh process.
- ``collections``, ``federation``: ``scripts/bench_collections.py`` and
  ``scripts/bench_federation.py`` when they are there ("not measured" otherwise).
- ``waits``: how long after the session finished on the controller ``wait_for_session``
  returns, and how often it polls, on the quickstart's session and longer ones.
- ``import``: ``from scaleout import Scaleout`` against ``import httpx, attrs, dateutil`` in a
  venv with only the core dependencies (``build/bench-core-venv``), in fresh processes.
- ``threads``: one ``Scaleout`` shared by 16 threads against one thread.
- ``loopback``: small requests on plain loopback, ours, raw httpx and the vendor's.
- ``async``: ``AsyncScaleout`` with 32 calls in flight against sequential calls and raw
  ``httpx.AsyncClient``, with 20 ms of server latency.

It prints a table per section and the targets met or missed, and writes everything to JSON
(``build/bench.json``). Nothing is asserted and it is not part of the test suite. Clients
run in fresh subprocesses (``_bench_worker.py``; the vendor's from ``.venv-vendor``, made on
first use by ``_vendor_venv.py``), controllers and the link in processes of their own.

    .venv/bin/python scripts/bench.py [--quick] [--only link,large,...] [--json build/bench.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as _dt
import importlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from _vendor_venv import REPO, ensure_vendor_python, run_json_worker, worker_env  # noqa: E402

WORKER = SCRIPTS / "_bench_worker.py"
LINK = SCRIPTS / "_bench_link.py"
MIB = 1024 * 1024
SECTIONS = (
    "link",
    "large",
    "collections",
    "waits",
    "import",
    "threads",
    "federation",
    "loopback",
    "async",
)
CLIENT_MODULES = {"ours": "scaleout._client", "vendor": "scaleoututil.api.client", "raw": "httpx"}


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Target:
    section: str
    what: str
    measured: str
    goal: str
    met: bool | None  # None: not measured


@dataclass
class Run:
    quick: bool
    scratch: Path
    vendor_venv: Path | None
    skip_vendor: bool
    results: dict[str, Any] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    _vendor: Path | None = None

    def vendor_python(self) -> Path | None:
        if self.skip_vendor:
            return None
        if self._vendor is None:
            self._vendor = ensure_vendor_python(self.vendor_venv)
        return self._vendor

    def target(self, section: str, what: str, measured: str, goal: str, met: bool | None) -> None:
        self.targets.append(Target(section, what, measured, goal, met))

    def worker(
        self,
        which: str,
        args: list[str],
        *,
        env: dict[str, str] | None = None,
        timeout: float = 900.0,
    ) -> dict[str, Any]:
        """Run ``_bench_worker.py`` for ``which`` (ours, raw or vendor) in a fresh process."""
        vendor = which == "vendor"
        python: Path | str | None = self.vendor_python() if vendor else sys.executable
        assert python is not None
        extra = {
            "SCALEOUT_TOKEN_CACHE_DIR": str(self.scratch / f"tokens-{which}"),
            "SCALEOUT_PERSIST_TOKENS": "false",
            **(env or {}),
        }
        answer: dict[str, Any] = run_json_worker(
            python,
            WORKER,
            [*args, *(["--raw"] if which == "raw" else [])],
            scratch=self.scratch,
            isolated=vendor,
            env=worker_env(extra, keep_pythonpath=not vendor),
            timeout=timeout,
        )
        if answer["client_module"] != CLIENT_MODULES[which]:
            raise RuntimeError(f"the {which} worker ran {answer['client_module']}")
        return answer


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [[str(c) for c in header]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


@contextlib.contextmanager
def controller_process(
    *, clients: int = 1, data_dir: Path | None = None, response_delay: float = 0.0
) -> Iterator[str]:
    """A local controller in its own process (sharing no GIL with the clients measured)."""
    command = [sys.executable, "-m", "scaleout.local", "serve", "--port", "0"]
    command += ["--clients", str(clients)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    if response_delay:
        command += ["--response-delay", str(response_delay)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, cwd=REPO, env=worker_env(keep_pythonpath=True)
    )
    try:
        yield _listening(process, "controller")
    finally:
        _end(process)


def _listening(process: subprocess.Popen[str], what: str) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"listening on (\S+)", line)
    if not match:
        raise RuntimeError(f"the {what} did not start: {line!r}")
    return match.group(1)


def _end(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/")[0])


def write_random_file(path: Path, size: int) -> Path:
    """``size`` incompressible bytes, written 4 MiB at a time."""
    with path.open("wb") as out:
        left = size
        while left:
            block = os.urandom(min(left, 4 * MIB))
            out.write(block)
            left -= len(block)
    return path


# -- sections -----------------------------------------------------------------------------------


def _small_rows(
    run: Run, url: str, ops: list[str], requests: int, rounds: int, clients: list[str], **kw: Any
) -> dict[str, dict[str, dict[str, float]]]:
    """``rounds`` alternating rounds of ``requests`` sequential calls of each op per client."""
    pooled: dict[tuple[str, str], dict[str, Any]] = {}
    for _ in range(rounds):
        for which in clients:
            answer = run.worker(
                which,
                ["small", "--url", url, "--requests", str(requests), "--ops", ",".join(ops)]
                + kw.get("args", []),
                env=kw.get("env"),
            )["small"]
            for op, figures in answer.items():
                slot = pooled.setdefault((op, which), {"total": 0.0, "latencies": []})
                slot["total"] += float(figures["total"])
                slot["latencies"] += [float(x) for x in figures["latencies"]]
    stats: dict[str, dict[str, dict[str, float]]] = {}
    for (op, which), slot in pooled.items():
        lat = slot["latencies"]
        stats.setdefault(op, {})[which] = {
            "calls": len(lat),
            "total_s": slot["total"],
            "mean_ms": slot["total"] / len(lat) * 1000,
            "p50_ms": percentile(lat, 0.5) * 1000,
            "p95_ms": percentile(lat, 0.95) * 1000,
            "calls_per_s": len(lat) / slot["total"],
        }
    return stats


def _print_small(stats: dict[str, dict[str, dict[str, float]]]) -> None:
    rows = [
        [op, which, s["calls"], s["mean_ms"], s["p50_ms"], s["p95_ms"], s["calls_per_s"]]
        for op, by in stats.items()
        for which, s in by.items()
    ]
    print(table(["operation", "client", "calls", "mean ms", "p50 ms", "p95 ms", "calls/s"], rows))


def section_link(run: Run) -> dict[str, Any]:
    from _bench_link import make_self_signed_cert

    from scaleout import Scaleout

    requests = 20 if run.quick else 200
    rounds = 1 if run.quick else 2
    delay = 0.010
    cert, key = make_self_signed_cert(run.scratch / "tls")
    clients = ["ours", "raw"] + ([] if run.skip_vendor else ["vendor"])
    with controller_process(clients=1) as url:
        seed = write_random_file(run.scratch / "tiny.bin", 1024)
        with Scaleout(url) as client:
            for _ in range(20):  # get_models(n_max=20) returns 20 models
                client.set_active_model(seed)
        link = subprocess.Popen(
            [
                sys.executable,
                str(LINK),
                "--controller-port",
                str(_port(url)),
                "--cert",
                str(cert),
                "--key",
                str(key),
                "--delay",
                str(delay),
                "--max-seconds",
                "1200",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert link.stdout is not None
            line = link.stdout.readline()
            match = re.search(r"listening on (\d+)", line)
            if not match:
                raise RuntimeError(f"the link did not start: {line!r}")
            link_url = f"https://127.0.0.1:{match.group(1)}"
            stats = _small_rows(
                run,
                link_url,
                ["get_models_count", "get_models20"],
                requests,
                rounds,
                clients,
                args=["--cafile", str(cert)],
                env={"REQUESTS_CA_BUNDLE": str(cert)},
            )
        finally:
            _end(link)
    print(
        f"{rounds} alternating rounds x {requests} sequential calls per client; TLS (self-signed "
        f"ECDSA P-256, verified) + {delay * 1000:g} ms each way"
    )
    _print_small(stats)
    ratios: dict[str, dict[str, float]] = {}
    for op, by in stats.items():
        ours = by["ours"]["mean_ms"]
        ratios[op] = {"ours_over_raw": ours / by["raw"]["mean_ms"]}
        if "vendor" in by:
            ratios[op]["vendor_over_ours"] = by["vendor"]["mean_ms"] / ours
        print(
            f"  {op}: ours / raw httpx {ratios[op]['ours_over_raw']:.3f}x"
            + (
                f", vendor / ours {ratios[op]['vendor_over_ours']:.2f}x"
                if "vendor_over_ours" in ratios[op]
                else ""
            )
        )
        value = ratios[op]["ours_over_raw"]
        run.target(
            "link", f"{op}: ours / raw httpx (time)", f"{value:.3f}x", "<= 1.1x", value <= 1.1
        )
        if "vendor_over_ours" in ratios[op]:
            value = ratios[op]["vendor_over_ours"]
            run.target(
                "link", f"{op}: vendor / ours (time)", f"{value:.2f}x", ">= 2.5x", value >= 2.5
            )
    return {
        "delay_each_way_s": delay,
        "requests": requests,
        "rounds": rounds,
        "stats": stats,
        "ratios": ratios,
    }


def _keep_best(figures: dict[str, Any], key: str, transfer: dict[str, Any]) -> None:
    """The faster of two runs of one transfer, and the larger memory growth of the two."""
    kept = figures.get(key)
    if kept is None:
        figures[key] = transfer
        return
    growth = max(float(kept["peak_growth_kib"]), float(transfer["peak_growth_kib"]))
    if float(transfer["seconds"]) < float(kept["seconds"]):
        figures[key] = transfer
    figures[key]["peak_growth_kib"] = growth


def section_large(run: Run) -> dict[str, Any]:
    sizes = [16] if run.quick else [256, 1024]
    free = shutil.disk_usage(run.scratch).free
    # The file, six uploads kept by the controller, their chunks and one download at a time.
    needed = {size: size * MIB * 10 + 512 * MIB for size in sizes}
    skipped = [size for size in sizes if needed[size] > free]
    for size in skipped:
        print(
            f"SKIPPED {size} MiB: {free / MIB:.0f} MiB free in {run.scratch}, "
            f"{needed[size] / MIB:.0f} MiB needed"
        )
    sizes = [size for size in sizes if size not in skipped]
    clients = ["ours", "raw"] + ([] if run.skip_vendor else ["vendor"])
    figures: dict[str, Any] = {}
    rows = []
    from scaleout import Scaleout

    for size in sizes:
        with controller_process(clients=0, data_dir=run.scratch / f"ctl-{size}") as url:
            model = write_random_file(run.scratch / f"model-{size}.bin", size * MIB)
            try:
                # Two rounds, the second in reverse order, best of each client: whoever goes
                # first after a large write would otherwise also pay for flushing it to disk.
                for order in (clients, clients[::-1]):
                    for which in order:
                        os.sync()  # every transfer starts with nothing waiting to be written
                        answer = run.worker(which, ["upload", "--url", url, "--path", str(model)])
                        _keep_best(figures, f"{size}:upload:{which}", answer["transfer"])
                with Scaleout(url) as client:
                    active = client.get_active_model()
                    assert active is not None
                    model_id = str(active["model_id"])
                for order in (clients, clients[::-1]):
                    for which in order:
                        target = run.scratch / f"download-{which}.bin"
                        os.sync()
                        answer = run.worker(
                            which,
                            ["download", "--url", url, "--model-id", model_id]
                            + ["--path", str(target)],
                        )
                        _keep_best(figures, f"{size}:download:{which}", answer["transfer"])
                        target.unlink(missing_ok=True)
            finally:
                model.unlink(missing_ok=True)
        shutil.rmtree(run.scratch / f"ctl-{size}", ignore_errors=True)
        for op in ("upload", "download"):
            raw = figures[f"{size}:{op}:raw"]
            for which in clients:
                f = figures[f"{size}:{op}:{which}"]
                f["mib_per_s"] = size / float(f["seconds"])
                rows.append(
                    [
                        f"{size} MiB",
                        op,
                        which,
                        float(f["seconds"]),
                        f["mib_per_s"],
                        float(f["peak_growth_kib"]) / 1024,
                    ]
                )
            ours = figures[f"{size}:{op}:ours"]
            share = float(raw["seconds"]) / float(ours["seconds"])
            growth = float(ours["peak_growth_kib"]) / 1024
            run.target(
                "large",
                f"{size} MiB {op}: ours / raw throughput",
                f"{share:.2f}x",
                ">= 0.9x",
                share >= 0.9,
            )
            run.target(
                "large",
                f"{size} MiB {op}: ours peak RSS growth",
                f"{growth:.1f} MiB",
                "<= 32 MiB",
                growth <= 32,
            )
    print("each figure from a fresh process; memory = peak RSS growth during the call (VmHWM)")
    print(table(["size", "operation", "client", "seconds", "MiB/s", "RSS growth MiB"], rows))
    return {
        "sizes_mib": sizes,
        "skipped_mib": skipped,
        "free_disk_mib": free / MIB,
        "figures": figures,
    }


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


def _flat(value: Any, prefix: str = "") -> list[list[Any]]:
    if isinstance(value, dict):
        rows = []
        for key, inner in value.items():
            rows += _flat(inner, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(value, list) and len(value) > 8:
        return [[prefix, f"[{len(value)} values]"]]
    return [[prefix, value]]


def _verdicts(answer: Any) -> list[tuple[str, dict[str, Any]]]:
    """The optional ``targets`` of a helper module's answer: ``{name: {"measured", "goal",
    "met"}}``; anything else is only printed."""
    targets = answer.get("targets") if isinstance(answer, dict) else None
    if not isinstance(targets, dict):
        return []
    return [(str(k), v) for k, v in targets.items() if isinstance(v, dict)]


def section_collections(run: Run) -> dict[str, Any]:
    module = _optional("bench_collections")
    if module is None:
        print("not measured (module missing): scripts/bench_collections.py")
        run.target(
            "collections",
            "iter_statuses vs one raw request; linear growth",
            "-",
            "1.3x; linear",
            None,
        )
        return {"measured": False, "reason": "module missing"}
    sizes = (200, 2000) if run.quick else (2000, 20000)
    answer: dict[str, Any] = module.measure_collections(sizes=sizes)
    print(table(["figure", "value"], _flat(answer)))
    for name, verdict in _verdicts(answer):
        run.target(
            "collections",
            name,
            str(verdict.get("measured")),
            str(verdict.get("goal")),
            verdict.get("met"),
        )
    return {"measured": True, "sizes": list(sizes), "figures": answer}


def section_federation(run: Run) -> dict[str, Any]:
    module = _optional("bench_federation")
    if module is None:
        print("not measured (module missing): scripts/bench_federation.py")
        run.target(
            "federation", "100 clients x 20 rounds; 1000 x 3", "-", "<= 10 s; completes", None
        )
        return {"measured": False, "reason": "module missing"}
    cases = [(10, 3), (50, 2)] if run.quick else [(100, 20), (1000, 3)]
    figures = {}
    for clients, rounds in cases:
        answer = module.measure_federation(clients, rounds)
        figures[f"{clients}x{rounds}"] = answer
        print(f"{clients} clients x {rounds} rounds (load {load()})")
        print(table(["figure", "value"], _flat(answer)))
        for name, verdict in _verdicts(answer):
            run.target(
                "federation",
                name,
                str(verdict.get("measured")),
                str(verdict.get("goal")),
                verdict.get("met"),
            )
    return {"measured": True, "figures": figures}


def _finished_at(client: Any, session_id: str) -> float | None:
    """When the controller marked the session over: its "Session ... finished" status event
    (microseconds; the session's own ``updated_at`` is an HTTP-date, whole seconds)."""
    pattern = re.compile(rf"session {re.escape(session_id)} (finished|terminated)", re.I)
    for status in client.iter_statuses(filters={"session_id": session_id}):
        if pattern.search(str(status.get("status") or "")):
            stamp = str(status["timestamp"]).replace("Z", "+00:00")
            return _dt.datetime.fromisoformat(stamp).timestamp()
    return None


def section_waits(run: Run) -> dict[str, Any]:
    from scaleout import Scaleout
    from scaleout.local import LocalController, write_compute_package

    # (label, clients, rounds, poll_interval or None for the default, client delay)
    cases: list[tuple[str, int, int, float | None, float]] = [
        ("quickstart (3 x 5, poll 0.5)", 3, 5, 0.5, 0.0),
        ("3 x 5, default poll", 3, 5, None, 0.0),
    ]
    if not run.quick:
        cases += [
            ("20 x 20, default poll", 20, 20, None, 0.0),
            ("long: 3 x 12, clients 0.4 s slow", 3, 12, None, 0.4),
        ]
    figures: dict[str, Any] = {}
    rows = []
    for label, n, rounds, poll, client_delay in cases:
        with LocalController(clients=n) as ctl, Scaleout(ctl.url) as client:
            client.set_active_package(
                write_compute_package(run.scratch / "p.tgz"), "numpyhelper", "b"
            )
            client.set_active_model(ctl.write_seed_model(run.scratch / "seed.npz"))
            for name in ctl.clients:
                ctl.set_client_behaviour(name, delay=client_delay)
            polls: list[str] = []
            hooks = client._core.httpx_client.event_hooks
            hooks["request"].append(lambda request, seen=polls: seen.append(request.url.path))
            started = time.monotonic()
            session = client.start_session(
                name=f"bench-{n}x{rounds}", rounds=rounds, round_timeout=60, min_clients=n
            )
            polls.clear()
            waiting = time.time()
            kwargs: dict[str, Any] = {"timeout": 600}
            if poll is not None:
                kwargs["poll_interval"] = poll
            client.wait_for_session(session["session_id"], **kwargs)
            returned = time.time()
            session_time = time.monotonic() - started
            count = len(polls)
            finished = _finished_at(client, session["session_id"])
        lag = None if finished is None else returned - finished
        waited = returned - waiting
        figures[label] = {
            "clients": n,
            "rounds": rounds,
            "poll_interval": poll,
            "session_seconds": session_time,
            "wait_seconds": waited,
            "lag_seconds": lag,
            "requests": count,
            "requests_per_second": count / waited if waited else None,
        }
        rows.append([label, session_time, "n/a" if lag is None else lag, count, count / waited])
        if lag is not None:
            run.target("waits", f"{label}: return lag", f"{lag:.3f} s", "<= 0.25 s", lag <= 0.25)
        if label.startswith("long"):
            rate = count / waited
            run.target("waits", f"{label}: polls per second", f"{rate:.2f}/s", "<= 4/s", rate <= 4)
    print("lag = wait_for_session's return - the controller's 'Session ... finished' event")
    print(table(["session", "session s", "lag s", "requests", "requests/s"], rows))
    return figures


def _core_venv(run: Run) -> Path:
    """``build/bench-core-venv``: httpx, attrs, python-dateutil (the versions of this venv) and
    the project's wheel installed with --no-deps; the wheel is rebuilt every run."""
    from importlib import metadata

    venv = REPO / "build" / "bench-core-venv"
    python = venv / "bin" / "python"
    pins = [f"{name}=={metadata.version(name)}" for name in ("httpx", "attrs", "python-dateutil")]
    stamp = venv / ".bench-stamp"
    if not (python.exists() and stamp.exists() and stamp.read_text() == " ".join(pins)):
        print(f"[import] creating {venv} with {' '.join(pins)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *pins],
            check=True,
            timeout=600,
        )
        stamp.write_text(" ".join(pins))
    wheels = run.scratch / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check"]
        + ["-w", str(wheels), str(REPO)],
        check=True,
        timeout=600,
    )
    wheel = next(wheels.glob("scaleout_sdk-*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        + ["--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        timeout=600,
    )
    return python


_TIMED = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"


def section_import(run: Run) -> dict[str, Any]:
    python = _core_venv(run)
    statements = {
        "sdk": "from scaleout import Scaleout",
        "deps": "import httpx, attrs, dateutil",
        "nothing": "pass",
    }
    repetitions = 7 if run.quick else 41
    inside: dict[str, list[float]] = {name: [] for name in statements}
    process: dict[str, list[float]] = {name: [] for name in statements}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SCALEOUT_"))}
    for _ in range(repetitions):
        for name, statement in statements.items():  # alternating, so drift hits all three
            started = time.perf_counter()
            done = subprocess.run(
                [str(python), "-c", _TIMED.format(statement)],
                capture_output=True,
                text=True,
                check=True,
                cwd=run.scratch,
                env=env,
                timeout=60,
            )
            process[name].append(time.perf_counter() - started)
            inside[name].append(float(done.stdout.strip()))
    median_in = {name: statistics.median(v) * 1000 for name, v in inside.items()}
    median_proc = {name: statistics.median(v) * 1000 for name, v in process.items()}
    ratio_in = median_in["sdk"] / median_in["deps"]
    ratio_proc = median_proc["sdk"] / median_proc["deps"]
    print(f"core-only venv {python.parent.parent}; median of {repetitions} fresh processes each")
    rows = [[statements[n], median_in[n], median_proc[n]] for n in ("sdk", "deps", "nothing")]
    print(table(["statement", "import ms", "whole process ms"], rows))
    print(f"  ratio sdk / deps: import {ratio_in:.3f}x, whole process {ratio_proc:.3f}x")
    run.target(
        "import",
        "from scaleout import Scaleout / import httpx, attrs, dateutil",
        f"{ratio_in:.3f}x",
        "<= 1.10x",
        ratio_in <= 1.10,
    )
    offenders = _importtime(python, run.scratch, env)
    print("-X importtime, largest self times under `from scaleout import Scaleout`:")
    print(table(["module", "self ms", "cumulative ms"], [[m, s, c] for m, s, c in offenders]))
    return {
        "repetitions": repetitions,
        "median_import_ms": median_in,
        "median_process_ms": median_proc,
        "ratio_import": ratio_in,
        "ratio_process": ratio_proc,
        "importtime_top": offenders,
    }


def _importtime(python: Path, cwd: Path, env: dict[str, str]) -> list[tuple[str, float, float]]:
    """The top modules by self time, the median of five ``-X importtime`` runs."""
    runs: dict[str, list[tuple[float, float]]] = {}
    for _ in range(5):
        done = subprocess.run(
            [str(python), "-X", "importtime", "-c", "from scaleout import Scaleout"],
            capture_output=True,
            text=True,
            check=True,
            cwd=cwd,
            env=env,
            timeout=60,
        )
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
            if match:
                runs.setdefault(match.group(4), []).append(
                    (int(match.group(1)) / 1000, int(match.group(2)) / 1000)
                )
    merged = [
        (name, statistics.median(s for s, _ in v), statistics.median(c for _, c in v))
        for name, v in runs.items()
    ]
    merged.sort(key=lambda item: item[1], reverse=True)
    return merged[:12]


def section_threads(run: Run) -> dict[str, Any]:
    calls = 400 if run.quick else 4000
    rounds = 1 if run.quick else 2
    figures: dict[str, list[dict[str, Any]]] = {"1": [], "16": []}
    with controller_process(clients=1) as url:
        for _ in range(rounds):
            for threads in (1, 16):
                answer = run.worker(
                    "ours",
                    ["threads", "--url", url, "--threads", str(threads), "--calls", str(calls)],
                )["threads"]
                figures[str(threads)].append(answer)
    best = {k: min(v, key=lambda a: a["seconds"]) for k, v in figures.items()}
    errors = sum(a["errors"] for v in figures.values() for a in v)
    rows = [
        [f"{k} thread(s)", calls, best[k]["seconds"], calls / best[k]["seconds"], best[k]["errors"]]
        for k in ("1", "16")
    ]
    print(
        f"one Scaleout per process, get_models_count(); best of {rounds}; "
        "the controller in its own process"
    )
    print(table(["threads", "calls", "seconds", "calls/s", "errors"], rows))
    speedup = best["1"]["seconds"] / best["16"]["seconds"]
    print(f"  16 threads / 1 thread throughput: {speedup:.2f}x; errors in all runs: {errors}")
    run.target("threads", "16 threads, 4000 calls: errors", str(errors), "0", errors == 0)
    run.target("threads", "16 threads / 1 thread throughput", f"{speedup:.2f}x", "(reported)", None)
    return {"calls": calls, "runs": figures, "throughput_ratio": speedup, "errors": errors}


def section_loopback(run: Run) -> dict[str, Any]:
    requests = 40 if run.quick else 300
    rounds = 1 if run.quick else 2
    clients = ["ours", "raw"] + ([] if run.skip_vendor else ["vendor"])
    with controller_process(clients=3) as url:
        stats = _small_rows(
            run, url, ["get_models_count", "get_clients"], requests, rounds, clients
        )
    print(f"plain HTTP on loopback, {rounds} alternating rounds x {requests} sequential calls")
    _print_small(stats)
    ratios = {
        op: {
            "ours_over_raw": by["ours"]["mean_ms"] / by["raw"]["mean_ms"],
            **(
                {"vendor_over_ours": by["vendor"]["mean_ms"] / by["ours"]["mean_ms"]}
                if "vendor" in by
                else {}
            ),
        }
        for op, by in stats.items()
    }
    for op, r in ratios.items():
        print(f"  {op}: " + ", ".join(f"{k} {v:.3f}x" for k, v in r.items()))
    return {"requests": requests, "rounds": rounds, "stats": stats, "ratios": ratios}


Timing = tuple[float, float]  # (wall seconds, client CPU seconds)


async def _bounded(calls: int, concurrency: int, call: Callable[[], Awaitable[Any]]) -> Timing:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await call()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(calls)))
    return time.perf_counter() - started, time.process_time() - cpu


def section_async(run: Run) -> dict[str, Any]:
    import httpx

    from scaleout import AsyncScaleout, Scaleout

    requests, concurrency, delay = (60, 16, 0.02) if run.quick else (200, 32, 0.02)
    repeat = 1 if run.quick else 3

    def sequential(url: str) -> Timing:
        with Scaleout(url, token_cache=False) as client:
            client.get_models_count()
            started, cpu = time.perf_counter(), time.process_time()
            for _ in range(requests):
                client.get_models_count()
            return time.perf_counter() - started, time.process_time() - cpu

    def concurrent_sdk(url: str) -> Timing:
        async def main() -> Timing:
            async with AsyncScaleout(url, token_cache=False) as client:
                await asyncio.gather(*(client.get_models_count() for _ in range(concurrency)))
                return await _bounded(requests, concurrency, client.get_models_count)

        return asyncio.run(main())

    def concurrent_raw(url: str) -> Timing:
        async def main() -> Timing:
            async with httpx.AsyncClient(base_url=url, timeout=60) as http:

                async def count() -> int:
                    response = await http.get("/api/v1/models/count")
                    response.raise_for_status()
                    return int(response.json())

                await asyncio.gather(*(count() for _ in range(concurrency)))
                return await _bounded(requests, concurrency, count)

        return asyncio.run(main())

    kinds = {
        "sequential Scaleout": sequential,
        "AsyncScaleout": concurrent_sdk,
        "raw httpx async": concurrent_raw,
    }
    figures: dict[str, list[Timing]] = {name: [] for name in kinds}
    with controller_process(clients=1, response_delay=delay) as url:
        for _ in range(repeat):
            for name, measure in kinds.items():
                figures[name].append(measure(url))
    medians = {n: statistics.median(t[0] for t in v) for n, v in figures.items()}
    cpu = {n: statistics.median(t[1] for t in v) for n, v in figures.items()}
    print(
        f"{requests} get_models_count calls, {concurrency} in flight, "
        f"{delay * 1000:g} ms server delay, median of {repeat}"
    )
    print(
        table(
            ["client", "seconds", "calls/s", "client CPU ms/call"],
            [[n, medians[n], requests / medians[n], cpu[n] / requests * 1000] for n in kinds],
        )
    )
    speedup = medians["sequential Scaleout"] / medians["AsyncScaleout"]
    overhead = medians["AsyncScaleout"] / medians["raw httpx async"]
    print(
        f"  sequential / async {speedup:.1f}x (target >= 15x); "
        f"async / raw {overhead:.2f}x (<= 1.2x)"
    )
    return {
        "requests": requests,
        "concurrency": concurrency,
        "delay": delay,
        "seconds": figures,
        "medians": medians,
        "client_cpu_seconds": cpu,
        "sequential_over_async": speedup,
        "async_over_raw": overhead,
    }


RUNNERS: dict[str, Callable[[Run], dict[str, Any]]] = {
    "link": section_link,
    "large": section_large,
    "collections": section_collections,
    "waits": section_waits,
    "import": section_import,
    "threads": section_threads,
    "federation": section_federation,
    "loopback": section_loopback,
    "async": section_async,
}


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": int(nproc) if nproc.isdigit() else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_available_mib": _meminfo("MemAvailable"),
    }


def _meminfo(field_name: str) -> float | None:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument(
        "--only", help=f"comma-separated sections (default all): {','.join(SECTIONS)}"
    )
    parser.add_argument("--json", type=Path, default=REPO / "build" / "bench.json")
    parser.add_argument("--no-vendor", action="store_true", help="leave the vendor's client out")
    parser.add_argument(
        "--vendor-venv",
        type=Path,
        help="vendor virtualenv (default: $SCALEOUT_VENDOR_VENV or .venv-vendor in the repository)",
    )
    args = parser.parse_args(argv)
    chosen = SECTIONS if not args.only else tuple(s.strip() for s in args.only.split(","))
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")

    info = machine()
    began = time.monotonic()
    print(
        f"scaleout bench{' (quick)' if args.quick else ''}: {info['nproc']} cores ({info['cpu']}), "
        f"Python {info['python']}, load {load()}"
    )
    report: dict[str, Any] = {
        "started": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": info,
        "sections": {},
    }
    with tempfile.TemporaryDirectory(prefix="scaleout-bench-") as scratch_name:
        run = Run(
            quick=args.quick,
            scratch=Path(scratch_name),
            vendor_venv=args.vendor_venv,
            skip_vendor=args.no_vendor,
        )
        for name in chosen:
            before = load()
            print(f"\n== {name} (load before {before})")
            started = time.monotonic()
            try:
                figures = RUNNERS[name](run)
                error = None
            except Exception as exc:  # one broken section must not lose the others' figures
                figures, error = {}, f"{type(exc).__name__}: {exc}"
                print(f"FAILED: {error}")
            seconds = time.monotonic() - started
            report["sections"][name] = {
                "figures": figures,
                "error": error,
                "seconds": seconds,
                "load_before": before,
                "load_after": load(),
            }
            print(f"({seconds:.1f} s; load after {load()})")
    report["targets"] = [t.__dict__ for t in run.targets]
    report["wall_seconds"] = time.monotonic() - began
    print("\n== targets")
    verdict = {True: "met", False: "MISSED", None: "-"}
    print(
        table(
            ["section", "measure", "measured", "target", "verdict"],
            [[t.section, t.what, t.measured, t.goal, verdict[t.met]] for t in run.targets],
        )
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"\nfigures written to {args.json}; wall time {report['wall_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
