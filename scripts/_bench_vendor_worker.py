"""One measurement of ``scripts/bench_sdk.py``, in a fresh process, with either client.

It runs whichever ``Scaleout`` its interpreter imports: ours from the project virtualenv, the
vendor's (``scaleout==1.0.1``) from the vendor virtualenv (started with ``python -I`` so this
repository is not on ``sys.path``). The methods used here have the same signature in both.
The answer (JSON) goes to the file given with ``--out``: the vendor's client logs to stdout.

    python scripts/_bench_vendor_worker.py small --url URL --requests 300 --out answer.json
    python scripts/_bench_vendor_worker.py download --url URL --model-id ID --path F --out ...
    python scripts/_bench_vendor_worker.py upload --url URL --path model.npz --out ...

Memory is the growth of the resident set during the one operation: the kernel's peak RSS
(``VmHWM``) is reset just before it (``/proc/self/clear_refs``), so the peak of imports and
warm-up does not hide it; ``ru_maxrss`` is the fallback where that reset is not possible.
Only the standard library is imported besides the client, so this file runs in either venv.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaleout import Scaleout


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak RSS of this process to its current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return _status_kib("VmHWM") is not None


def measure(operation: Callable[[], Any]) -> dict[str, Any]:
    """Run ``operation`` once: wall seconds and peak RSS growth (KiB) over the RSS before it."""
    gc.collect()
    exact = _reset_peak()
    before = _status_kib("VmRSS") if exact else None
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = operation()
    seconds = time.perf_counter() - started
    maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = _status_kib("VmHWM") if exact else None
    if before is not None and peak is not None:
        growth, method = peak - before, "VmHWM-reset"
    else:
        growth, method = maxrss_after - maxrss_before, "ru_maxrss"
    return {
        "seconds": seconds,
        "peak_growth_kib": max(growth, 0),
        "rss_before_kib": before,
        "memory_method": method,
        "result": result,
    }


def small(client: Any, requests: int, warmup: int) -> dict[str, Any]:
    """``requests`` sequential calls of each cheap method: per-call seconds."""
    operations: dict[str, Callable[[], Any]] = {
        "get_models_count": client.get_models_count,
        "get_clients": client.get_clients,
    }
    answer: dict[str, Any] = {}
    for name, call in operations.items():
        for _ in range(warmup):
            call()
        latencies = []
        started = time.perf_counter()
        for _ in range(requests):
            begin = time.perf_counter()
            value = call()
            latencies.append(time.perf_counter() - begin)
            if isinstance(value, dict) and "message" in value and "result" not in value:
                raise RuntimeError(f"{name} answered with an error: {value}")
        answer[name] = {"total": time.perf_counter() - started, "latencies": latencies}
    return answer


def download(client: Any, model_id: str, path: Path) -> dict[str, Any]:
    client.get_models_count()  # warm up: the HTTP stack is loaded and connected
    outcome = measure(lambda: client.download_model(model_id, str(path)))
    answer = outcome.pop("result")
    if not (isinstance(answer, dict) and answer.get("success")):
        raise RuntimeError(f"download_model failed: {answer}")
    outcome["bytes"] = path.stat().st_size
    path.unlink()
    return outcome


def upload(client: Any, path: Path) -> dict[str, Any]:
    client.get_models_count()
    count = client.get_models_count()
    outcome = measure(lambda: client.set_active_model(str(path)))
    answer = outcome.pop("result")
    if client.get_models_count() != count + 1:
        raise RuntimeError(f"set_active_model did not add a model: {answer}")
    outcome["bytes"] = path.stat().st_size
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["small", "download", "upload"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--model-id")
    parser.add_argument("--path", type=Path)
    args = parser.parse_args(argv)

    client = Scaleout(args.url)
    answer: dict[str, Any] = {
        "client_module": Scaleout.__module__,
        "python": sys.version.split()[0],
        "pid": os.getpid(),
    }
    if args.command == "small":
        answer["small"] = small(client, args.requests, args.warmup)
    elif args.command == "download":
        answer["transfer"] = download(client, args.model_id, args.path)
    else:
        answer["transfer"] = upload(client, args.path)
    close = getattr(client, "close", None)  # the vendor's client has no close()
    if callable(close):
        close()
    args.out.write_text(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
