"""Benchmark concurrency: AsyncScaleout against sequential Scaleout and raw httpx, side by side.

Starts a local controller in its own process (``scaleout-local serve``) on 127.0.0.1 with a
per-request delay of 20 ms (``--response-delay``, the latency of a distant controller, held
without blocking the server), then times the same N ``get_models_count()`` calls:

- sequentially through ``Scaleout``;
- with C in flight through ``AsyncScaleout``;
- with C in flight through one raw ``httpx.AsyncClient`` (the floor for the async client).

Each is run ``--repeat`` times and the median is reported, with the ratios the targets are
about (sequential / async >= 15, async / raw <= 1.2), and the client process's CPU time per
call: when the concurrent runs use a whole core, the client's own per-request CPU (httpx's and
the SDK's) is what limits them, not the server or the network. It prints figures only;
nothing is asserted, and it is not part of the test suite.

    .venv/bin/python scripts/bench_async.py [--requests 200] [--concurrency 32] [--delay 0.02]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from scaleout import AsyncScaleout, Scaleout

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def controller(delay: float) -> Iterator[str]:
    """A local controller in its own process (so it shares no GIL with the clients)."""
    command = [
        sys.executable,
        "-m",
        "scaleout.local",
        "serve",
        "--port",
        "0",
        "--clients",
        "1",
        "--response-delay",
        str(delay),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"listening on (\S+)", line)
        if not match:
            raise RuntimeError(f"the controller did not start: {line!r}")
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


Timing = tuple[float, float]  # (wall seconds, client CPU seconds)


def sequential_sdk(url: str, requests: int) -> Timing:
    with Scaleout(url, token_cache=False) as client:
        client.get_models_count()  # connect first
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            client.get_models_count()
        return time.perf_counter() - started, time.process_time() - cpu


async def _bounded(calls: int, concurrency: int, call: Callable[[], Awaitable[Any]]) -> Timing:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await call()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(calls)))
    return time.perf_counter() - started, time.process_time() - cpu


def concurrent_sdk(url: str, requests: int, concurrency: int) -> Timing:
    async def main() -> Timing:
        async with AsyncScaleout(url, token_cache=False) as client:
            await asyncio.gather(*(client.get_models_count() for _ in range(concurrency)))
            return await _bounded(requests, concurrency, client.get_models_count)

    return asyncio.run(main())


def concurrent_raw(url: str, requests: int, concurrency: int) -> Timing:
    async def main() -> Timing:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:

            async def count() -> int:
                response = await http.get("/api/v1/models/count")
                response.raise_for_status()
                return int(response.json())

            await asyncio.gather(*(count() for _ in range(concurrency)))
            return await _bounded(requests, concurrency, count)

    return asyncio.run(main())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--delay", type=float, default=0.02, help="server delay per request (s)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    names = ("sequential Scaleout", "AsyncScaleout", "raw httpx")
    figures: dict[str, list[Timing]] = {name: [] for name in names}
    with controller(args.delay) as url:
        for _ in range(args.repeat):
            figures[names[0]].append(sequential_sdk(url, args.requests))
            figures[names[1]].append(concurrent_sdk(url, args.requests, args.concurrency))
            figures[names[2]].append(concurrent_raw(url, args.requests, args.concurrency))
    medians = {name: statistics.median(t[0] for t in times) for name, times in figures.items()}
    cpu = {name: statistics.median(t[1] for t in times) for name, times in figures.items()}

    print(
        f"{args.requests} get_models_count calls, {args.concurrency} in flight, "
        f"{args.delay * 1000:g} ms server delay, median of {args.repeat} "
        f"({os.cpu_count()} cores, Python {sys.version.split()[0]})"
    )
    for name, seconds in medians.items():
        per_call = cpu[name] / args.requests * 1000
        print(
            f"  {name:<20} {seconds:8.3f} s  {args.requests / seconds:8.1f} calls/s"
            f"  client CPU {per_call:6.2f} ms/call ({cpu[name] / seconds:4.0%} of one core)"
        )
    speedup = medians["sequential Scaleout"] / medians["AsyncScaleout"]
    overhead = medians["AsyncScaleout"] / medians["raw httpx"]
    print(f"  sequential / AsyncScaleout: {speedup:6.1f}x   (target >= 15x)")
    print(f"  AsyncScaleout / raw httpx : {overhead:6.2f}x   (target <= 1.2x)")
    if args.json:
        report = {"args": vars(args) | {"json": str(args.json)}, "seconds": figures}
        report["medians"] = medians
        report["client_cpu_seconds"] = cpu
        report["ratios"] = {"sequential_over_async": speedup, "async_over_raw": overhead}
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
