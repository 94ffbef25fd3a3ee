"""Benchmark this SDK against the vendor's client (``scaleout==1.0.1``), side by side.

One run starts an embedded LocalController on 127.0.0.1 and measures both clients against it,
each measurement in a fresh subprocess (``scripts/_bench_vendor_worker.py``): ours from this
interpreter, the vendor's from its own virtualenv (``scripts/_vendor_venv.py``; created on
first use, which takes a minute and is not part of the figures):

- small requests: N sequential ``get_models_count()`` and ``get_clients()`` calls;
- ``download_model`` of a large ``.npz`` model: seconds, MiB/s and the peak RSS growth of
  the downloading process;
- ``set_active_model`` of the same file: the same figures.

It only prints figures and ratios (ours / vendor); nothing is asserted. All traffic goes to
127.0.0.1, and a run takes well under 3 minutes on 2 cores (``--quick``: seconds).

    .venv/bin/python scripts/bench_sdk.py [--quick] [--requests N] [--size-mib M]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _vendor_venv import ensure_vendor_python, run_json_worker, worker_env

WORKER = Path(__file__).resolve().parent / "_bench_vendor_worker.py"
OUR_MODULE = "scaleout._client"
VENDOR_MODULE = "scaleoututil.api.client"
MIB = 1024 * 1024
# Both clients send 900 KiB chunks first; the controller must take them (413 otherwise).
CLIENT_CHUNK_SIZE = 900 * 1024


@dataclass(frozen=True)
class Clients:
    ours: str
    vendor: str


def write_model(path: Path, size_mib: float) -> Path:
    """An ``.npz`` of about ``size_mib`` MiB of incompressible float32 weights."""
    import numpy as np

    count = max(int(size_mib * MIB) // 4, 1)
    weights = np.random.default_rng(0).standard_normal(count, dtype=np.float32)
    np.savez(path, w0=weights)
    return path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def run(python: Clients, which: str, args: list[str], scratch: Path) -> dict[str, Any]:
    vendor = which == "vendor"
    answer: dict[str, Any] = run_json_worker(
        python.vendor if vendor else python.ours,
        WORKER,
        args,
        scratch=scratch,
        isolated=vendor,
        env=worker_env(
            {
                "SCALEOUT_TOKEN_CACHE_DIR": str(scratch / f"tokens-{which}"),
                "SCALEOUT_PERSIST_TOKENS": "false",
            },
            keep_pythonpath=not vendor,
        ),
    )
    expected = VENDOR_MODULE if vendor else OUR_MODULE
    if answer["client_module"] != expected:
        raise RuntimeError(f"the {which} worker ran {answer['client_module']}, not {expected}")
    return answer


def ratio(ours: float, vendor: float) -> str:
    if vendor <= 0:
        return "n/a"
    value = ours / vendor
    return f"{value:.3g}x" if value >= 0.001 else "<0.001x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 40 requests, 8 MiB")
    parser.add_argument("--requests", type=int, help="sequential small requests (default 300)")
    parser.add_argument("--size-mib", type=float, help="model file size in MiB (default 64)")
    parser.add_argument(
        "--rounds", type=int, help="alternating rounds of small requests (default 3; quick 1)"
    )
    parser.add_argument(
        "--vendor-venv",
        type=Path,
        help="vendor virtualenv (default: $SCALEOUT_VENDOR_VENV or .venv-vendor in the repository)",
    )
    args = parser.parse_args(argv)
    requests = args.requests or (40 if args.quick else 300)
    size_mib = args.size_mib or (8.0 if args.quick else 64.0)
    args.rounds = args.rounds or (1 if args.quick else 3)
    if requests < 1 or size_mib <= 0 or args.rounds < 1:
        parser.error("--requests, --size-mib and --rounds must be positive")

    from scaleout import Scaleout
    from scaleout.local import LocalController
    from scaleout.local.uploads import DEFAULT_MAX_CHUNK_SIZE

    python = Clients(ours=sys.executable, vendor=str(ensure_vendor_python(args.vendor_venv)))
    max_chunk = max(DEFAULT_MAX_CHUNK_SIZE, 1 * MIB)
    assert max_chunk >= CLIENT_CHUNK_SIZE
    began = time.monotonic()

    with (
        tempfile.TemporaryDirectory(prefix="scaleout-bench-") as scratch_name,
        LocalController(clients=3, max_chunk_size=max_chunk) as ctl,
    ):
        scratch = Path(scratch_name)
        model = write_model(scratch / "model.npz", size_mib)
        size = model.stat().st_size
        with Scaleout(ctl.url) as client:
            client.set_active_model(model)
            active = client.get_active_model()
            assert active is not None
            model_id = str(active["model_id"])

        print(
            f"scaleout SDK vs vendor scaleout 1.0.1 on {platform.python_version()}, "
            f"{os.cpu_count()} cores; LocalController at {ctl.url} (3 clients, auth off, "
            f"max chunk {max_chunk // 1024} KiB)"
        )
        print("each figure from a fresh subprocess; memory = peak RSS growth during the call\n")

        # Alternating rounds, so that drift (CPU frequency, the server's caches) hits both.
        small: dict[tuple[str, str], dict[str, Any]] = {}
        for _ in range(args.rounds):
            for which in ("ours", "vendor"):
                answer = run(
                    python, which, ["small", "--url", ctl.url, "--requests", str(requests)], scratch
                )["small"]
                for operation, figures in answer.items():
                    pooled = small.setdefault((operation, which), {"total": 0.0, "latencies": []})
                    pooled["total"] += float(figures["total"])
                    pooled["latencies"] += [float(x) for x in figures["latencies"]]

        transfers: dict[tuple[str, str], dict[str, Any]] = {}
        for which in ("ours", "vendor"):
            transfers["download_model", which] = run(
                python,
                which,
                [
                    "download",
                    "--url",
                    ctl.url,
                    "--model-id",
                    model_id,
                    "--path",
                    str(scratch / f"download-{which}.npz"),
                ],
                scratch,
            )["transfer"]
        for which in ("ours", "vendor"):
            transfers["set_active_model", which] = run(
                python, which, ["upload", "--url", ctl.url, "--path", str(model)], scratch
            )["transfer"]

    print(
        f"small requests: {args.rounds} x {requests} sequential calls each (alternating "
        "processes, 5 warm-up calls each)"
    )
    header = (
        f"{'operation':<18} {'client':<7} {'total s':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    )
    print(header)
    print("-" * len(header))
    stats: dict[tuple[str, str], dict[str, float]] = {}
    for operation in ("get_models_count", "get_clients"):
        for which in ("ours", "vendor"):
            figures = small[operation, which]
            latencies = figures["latencies"]
            row = {
                "total": float(figures["total"]),
                "rps": len(latencies) / float(figures["total"]),
                "p50": percentile(latencies, 0.50) * 1000,
                "p95": percentile(latencies, 0.95) * 1000,
                "mean": statistics.fmean(latencies) * 1000,
            }
            stats[operation, which] = row
            print(
                f"{operation:<18} {which:<7} {row['total']:>8.2f} {row['rps']:>8.0f} "
                f"{row['p50']:>8.2f} {row['p95']:>8.2f}"
            )

    print(f"\ntransfers: one {size / MIB:.1f} MiB .npz model ({size} bytes)")
    header = f"{'operation':<18} {'client':<7} {'seconds':>8} {'MiB/s':>8} {'peak RSS growth':>16}"
    print(header)
    print("-" * len(header))
    methods = set()
    for (operation, which), figures in transfers.items():
        seconds = float(figures["seconds"])
        growth = float(figures["peak_growth_kib"]) / 1024
        methods.add(str(figures["memory_method"]))
        print(
            f"{operation:<18} {which:<7} {seconds:>8.2f} {size / MIB / seconds:>8.1f} "
            f"{growth:>12.2f} MiB"
        )
    print(f"(memory measured with {', '.join(sorted(methods))})")

    print("\nratios (ours / vendor; throughput > 1x and time, latency, memory < 1x favour ours)")
    for operation in ("get_models_count", "get_clients"):
        ours, vendor = stats[operation, "ours"], stats[operation, "vendor"]
        print(
            f"  {operation:<18} throughput {ratio(ours['rps'], vendor['rps']):>7}   "
            f"p50 latency {ratio(ours['p50'], vendor['p50']):>7}   "
            f"p95 latency {ratio(ours['p95'], vendor['p95']):>7}"
        )
    for operation, label in (("download_model", "download"), ("set_active_model", "upload")):
        ours_t, vendor_t = transfers[operation, "ours"], transfers[operation, "vendor"]
        print(
            f"  {operation:<18} {label} time "
            f"{ratio(float(ours_t['seconds']), float(vendor_t['seconds'])):>7}   "
            f"{label} peak RSS "
            f"{ratio(float(ours_t['peak_growth_kib']), float(vendor_t['peak_growth_kib'])):>7}"
        )
    print(f"\nbenchmark wall time: {time.monotonic() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
