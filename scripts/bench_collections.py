"""Big collections on the local controller: walking statuses page by page against one request.

For each size, a LocalController on 127.0.0.1 is filled with that many status events, then:

- ``raw``: one ``httpx`` GET of ``/api/v1/statuses/`` asking for every status at once;
- ``paged``: ``Scaleout.iter_statuses()`` walking the same collection, 100 per request;
- ``filtered``: the same walk with a filter that matches half of them (``log_level=INFO``).

Timings are the best of ``repeats`` runs, taken alternately. The ratios are what the target is
about: ``paged / raw`` at the largest size (target <= 1.3) and the growth
of ``paged`` from the smallest size to the largest against the growth in size (1.0 is linear,
10 would be quadratic over a tenfold size).

    .venv/bin/python scripts/bench_collections.py [--sizes 2000 20000] [--repeats 3]

``measure_collections`` is importable (``scripts/bench.py`` calls it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections.abc import Sequence
from typing import Any

import httpx

from scaleout import Scaleout
from scaleout.local import LocalController

PAGE_SIZE = 100
BATCH = 2000


def _statuses(count: int, combiner: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Status events shaped as the controller writes them; every other one is a warning."""
    sender = {
        "name": combiner["name"],
        "role": "COMBINER",
        "client_id": None,
        "combiner_id": combiner["combiner_id"],
    }
    items = []
    for i in range(count):
        status_id = str(uuid.uuid4())
        items.append(
            (
                status_id,
                {
                    "status_id": status_id,
                    "status": f"event {i}",
                    "timestamp": "2026-03-04T16:43:40.123456Z",
                    "log_level": "INFO" if i % 2 == 0 else "WARNING",
                    "data": None,
                    "correlation_id": None,
                    "type": "LOG",
                    "extra": None,
                    "session_id": None,
                    "sender": sender,
                },
            )
        )
    return items


def _fill(ctl: LocalController, count: int) -> None:
    store = ctl.services.store
    items = _statuses(count, ctl.federation.combiner)
    for start in range(0, count, BATCH):
        store.insert_many("statuses", items[start : start + BATCH])


def _time_raw(url: str, count: int) -> float:
    headers = {"X-Limit": str(count), "X-Sort-Key": "committed_at", "X-Sort-Order": "asc"}
    with httpx.Client(base_url=url, timeout=120) as http:
        started = time.perf_counter()
        response = http.get("/api/v1/statuses/", headers=headers)
        response.raise_for_status()
        got = len(response.json()["result"])
        elapsed = time.perf_counter() - started
    if got != count:
        raise RuntimeError(f"raw request returned {got} statuses, expected {count}")
    return elapsed


def _time_paged(url: str, expected: int, filters: dict[str, object] | None = None) -> float:
    with Scaleout(url, timeout=120) as client:
        started = time.perf_counter()
        got = sum(1 for _ in client.iter_statuses(filters=filters, page_size=PAGE_SIZE))
        elapsed = time.perf_counter() - started
    if got != expected:
        raise RuntimeError(f"iter_statuses returned {got} statuses, expected {expected}")
    return elapsed


def measure_collections(sizes: Sequence[int] = (2000, 20000), repeats: int = 3) -> dict[str, Any]:
    """Seconds for each size (best of ``repeats``) and the ratios the targets are about."""
    if len(sizes) < 1 or repeats < 1:
        raise ValueError("need at least one size and one repeat")
    per_size: dict[str, dict[str, float]] = {}
    for size in sizes:
        with LocalController(clients=0) as ctl:
            # The controller writes a few statuses of its own at start; count them in.
            _fill(ctl, size)
            total = ctl.services.store.count_all("statuses")
            info = (size + 1) // 2 + (total - size)  # the controller's own are INFO
            best = {"raw": float("inf"), "paged": float("inf"), "filtered": float("inf")}
            _time_raw(ctl.url, total)  # warm up the server and the SQLite page cache
            for _ in range(repeats):
                best["raw"] = min(best["raw"], _time_raw(ctl.url, total))
                best["paged"] = min(best["paged"], _time_paged(ctl.url, total))
                best["filtered"] = min(
                    best["filtered"], _time_paged(ctl.url, info, {"log_level": "INFO"})
                )
        per_size[str(size)] = {
            **{f"{k}_s": round(v, 4) for k, v in best.items()},
            "paged_over_raw": round(best["paged"] / best["raw"], 3),
            "statuses": total,
        }
    small, large = str(min(sizes)), str(max(sizes))
    growth = per_size[large]["paged_s"] / per_size[small]["paged_s"]
    size_growth = max(sizes) / min(sizes)
    return {
        "page_size": PAGE_SIZE,
        "repeats": repeats,
        "sizes": per_size,
        "paged_over_raw_at_largest": per_size[large]["paged_over_raw"],
        "paged_growth": round(growth, 3),
        "size_growth": round(size_growth, 3),
        # 1.0 means time grows as the size does; quadratic walking shows as size_growth.
        "growth_over_linear": round(growth / size_growth, 3),
        "filtered_growth_over_linear": round(
            per_size[large]["filtered_s"] / per_size[small]["filtered_s"] / size_growth, 3
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print only the JSON")
    args = parser.parse_args(argv)
    result = measure_collections(tuple(args.sizes), args.repeats)
    if not args.json:
        print(f"{'statuses':>9} {'raw s':>8} {'paged s':>8} {'filtered s':>10} {'paged/raw':>9}")
        for size, row in result["sizes"].items():
            print(
                f"{size:>9} {row['raw_s']:>8.3f} {row['paged_s']:>8.3f} "
                f"{row['filtered_s']:>10.3f} {row['paged_over_raw']:>9.2f}"
            )
        print(
            f"paged time grew {result['paged_growth']:.2f}x for {result['size_growth']:.0f}x "
            f"the statuses ({result['growth_over_linear']:.2f}x linear; filtered "
            f"{result['filtered_growth_over_linear']:.2f}x)"
        )
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
