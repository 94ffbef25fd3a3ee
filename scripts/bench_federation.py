"""A simulated federation at scale: one session of N clients x R rounds on the local controller.

Each measurement runs in a fresh subprocess, so that its peak RSS is the controller's and
nothing else's (plus the SDK client that sets the session up, a few MiB): the child starts a
LocalController with N simulated clients, uploads a compute package and a seed model through
the SDK, starts a session in which every client trains and validates in every round, and waits
for the session thread to end. It reports:

- ``session_s``: from the start request to the end of the session (wall time);
- ``rounds_ok``: the rounds that succeeded (all of them, or the figure means nothing);
- ``peak_rss_mib``: the child's peak resident set size; ``rss_before_mib``: its RSS once
  the controller was serving, before the session.

Targets: 100 clients x 20 rounds within 10 s on 2 cores, and
1,000 clients x 3 rounds completing.

    .venv/bin/python scripts/bench_federation.py [--clients 100] [--rounds 20]

``measure_federation`` is importable (``scripts/bench.py`` calls it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_CHILD_FLAG = "--child"


def _rss_mib() -> float:
    """The current resident set size of this process, in MiB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux and bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _run_session(clients: int, rounds: int, timeout: float) -> dict[str, Any]:
    from scaleout import Scaleout
    from scaleout.local import LocalController, write_compute_package

    with tempfile.TemporaryDirectory() as scratch, LocalController(clients=clients) as ctl:
        work = Path(scratch)
        rss_before = _rss_mib()
        with Scaleout(ctl.url, timeout=60) as client:
            client.set_active_package(
                write_compute_package(work / "package.tgz"), "numpyhelper", "bench"
            )
            client.set_active_model(ctl.write_seed_model(work / "seed.npz"))
            started = time.perf_counter()
            session = client.start_session(
                name="bench",
                rounds=rounds,
                round_timeout=timeout,
                min_clients=clients,
                requested_clients=clients,
            )
            finished = ctl.wait_for_session(timeout=timeout * rounds)
            elapsed = time.perf_counter() - started
            session_id = session["session_id"]
            states = [r["status"] for r in client.get_rounds(n_max=rounds + 1)["result"]]
            status = client.get_session(session_id)["status"]
    return {
        "clients": clients,
        "rounds": rounds,
        "session_s": round(elapsed, 3),
        "finished": finished,
        "session_status": status,
        "rounds_ok": states.count("Success"),
        "rss_before_mib": round(rss_before, 1),
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "cpu_count": os.cpu_count(),
    }


def measure_federation(clients: int, rounds: int, *, timeout: float = 600.0) -> dict[str, Any]:
    """Run one ``clients`` x ``rounds`` session in a fresh process: times and peak RSS."""
    if clients < 1 or rounds < 1:
        raise ValueError("clients and rounds must be at least 1")
    command = [sys.executable, __file__, _CHILD_FLAG, str(clients), str(rounds), str(timeout)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout * rounds + 120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the measuring process failed:\n{done.stderr[-4000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [_CHILD_FLAG]:
        clients, rounds, timeout = int(args[1]), int(args[2]), float(args[3])
        print(json.dumps(_run_session(clients, rounds, timeout)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, nargs="+", default=[20, 3])
    parser.add_argument("--json", action="store_true", help="print only the JSON")
    options = parser.parse_args(args)
    if len(options.clients) != len(options.rounds):
        parser.error("give as many --rounds as --clients")
    pairs = zip(options.clients, options.rounds, strict=True)
    results = [measure_federation(c, r) for c, r in pairs]
    if not options.json:
        print(f"{'clients':>7} {'rounds':>6} {'ok':>3} {'session s':>9} {'peak RSS MiB':>12}")
        for row in results:
            print(
                f"{row['clients']:>7} {row['rounds']:>6} {row['rounds_ok']:>3} "
                f"{row['session_s']:>9.2f} {row['peak_rss_mib']:>12.1f}"
            )
    print(json.dumps(results, indent=None if options.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
