"""One measurement of ``scripts/bench.py``, in a fresh process: ours, the vendor's or raw httpx.

It runs whichever ``Scaleout`` its interpreter imports: ours from the project virtualenv, the
vendor's (``scaleout==1.0.1``) from the vendor virtualenv (started with ``python -I`` so this
repository is not on ``sys.path``); with ``--raw`` it uses one ``httpx.Client`` directly,
speaking the same protocol as the SDK (the floor the SDK is measured against). The methods
used have the same signature in both clients. The answer (JSON) goes to the file given with
``--out``: the vendor's client logs to stdout.

    python scripts/_bench_worker.py small --url URL --requests 200 --ops get_models_count --out F
    python scripts/_bench_worker.py download --url URL --model-id ID --path F [--raw] --out ...
    python scripts/_bench_worker.py upload --url URL --path model.bin [--raw] --out ...
    python scripts/_bench_worker.py threads --url URL --threads 16 --calls 4000 --out ...

Memory is the growth of the resident set during the one operation: the kernel's peak RSS
(``VmHWM``) is reset just before it (``/proc/self/clear_refs``), so the peak of imports and
warm-up does not hide it; ``ru_maxrss`` is the fallback where that reset is not possible.
Only the standard library is imported besides the client (and httpx for ``--raw``), so this
file runs in either venv. With ``--cafile``, TLS is verified against that certificate (the
vendor's client reads it from ``REQUESTS_CA_BUNDLE``, which the caller sets).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaleout import Scaleout

RAW_CHUNK_SIZE = 900 * 1024  # what both clients send
DOWNLOAD_READ = 64 * 1024


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


class Raw:
    """The same calls over one raw ``httpx.Client``: what the SDK's overhead is measured
    against."""

    def __init__(self, url: str, cafile: str | None) -> None:
        import ssl

        import httpx

        verify: Any = ssl.create_default_context(cafile=cafile) if cafile else True
        self.http = httpx.Client(base_url=url, verify=verify, timeout=60)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    def get_models_count(self) -> Any:
        return self._json("GET", "/api/v1/models/count")

    def get_models(self, n_max: int) -> Any:
        return self._json("GET", "/api/v1/models/", headers={"X-Limit": str(n_max)})

    def get_clients(self) -> Any:
        return self._json("GET", "/api/v1/clients/")

    def set_active_model(self, path: str) -> Any:
        """The chunked upload protocol (init, chunks, complete), then the helper and the model."""
        file = Path(path)
        size = file.stat().st_size
        init = {"file_name": file.name, "file_size": size, "chunk_size": RAW_CHUNK_SIZE}
        upload_id = self._json("POST", "/api/v1/file-upload/init", json=init)["upload_id"]
        digest = hashlib.sha256()
        with file.open("rb") as stream:
            index = 0
            while chunk := stream.read(RAW_CHUNK_SIZE):
                digest.update(chunk)
                self._json(
                    "POST",
                    f"/api/v1/file-upload/{upload_id}/chunk",
                    content=chunk,
                    headers={
                        "X-Chunk-Index": str(index),
                        "Content-Type": "application/octet-stream",
                    },
                )
                index += 1
        done = {"sha256": digest.hexdigest()}
        token = self._json("POST", f"/api/v1/file-upload/{upload_id}/complete", json=done)
        helper = "binaryhelper" if file.suffix == ".bin" else "numpyhelper"
        self._json("PUT", "/api/v1/helpers/active", json={"helper": helper})
        form = {"helper": helper, "file_token": token["file_token"]}
        return self._json("POST", "/api/v1/models/", data=form)

    def download_model(self, model_id: str, path: str) -> Any:
        """Streamed to the file, flushed and fsynced, as the SDK does."""
        with self.http.stream("GET", f"/api/v1/models/{model_id}/download") as response:
            response.raise_for_status()
            with open(path, "wb") as out:
                for chunk in response.iter_bytes(DOWNLOAD_READ):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        return {"success": True}

    def close(self) -> None:
        self.http.close()


OPERATIONS: dict[str, Callable[[Any], Callable[[], Any]]] = {
    "get_models_count": lambda client: client.get_models_count,
    "get_models20": lambda client: lambda: client.get_models(n_max=20),
    "get_clients": lambda client: client.get_clients,
}


def small(client: Any, names: list[str], requests: int, warmup: int) -> dict[str, Any]:
    """``requests`` sequential calls of each operation: per-call seconds."""
    answer: dict[str, Any] = {}
    for name in names:
        call = OPERATIONS[name](client)
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


def threads(client: Any, workers: int, calls: int) -> dict[str, Any]:
    """``calls`` get_models_count() calls shared out among ``workers`` threads, one client."""
    client.get_models_count()
    errors: list[str] = []
    lock = threading.Lock()
    share = [calls // workers + (1 if i < calls % workers else 0) for i in range(workers)]
    gate = threading.Barrier(workers + 1)

    def work(count: int) -> None:
        gate.wait()
        for _ in range(count):
            try:
                client.get_models_count()
            except Exception as exc:  # counted, not raised: the figure is the error count
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")

    pool = [threading.Thread(target=work, args=(n,)) for n in share]
    for thread in pool:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    return {
        "threads": workers,
        "calls": calls,
        "seconds": seconds,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["small", "download", "upload", "threads"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--raw", action="store_true", help="one raw httpx.Client, not Scaleout")
    parser.add_argument("--cafile", help="verify TLS against this certificate")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--ops", default="get_models_count,get_models20")
    parser.add_argument("--model-id")
    parser.add_argument("--path", type=Path)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--calls", type=int, default=4000)
    args = parser.parse_args(argv)

    client: Any
    if args.raw:
        client, module = Raw(args.url, args.cafile), "httpx"
    elif args.cafile and Scaleout.__module__.startswith("scaleout."):
        import ssl

        context = ssl.create_default_context(cafile=args.cafile)
        client, module = Scaleout(args.url, verify=context), Scaleout.__module__
    else:
        client, module = Scaleout(args.url), Scaleout.__module__
    answer: dict[str, Any] = {
        "client_module": module,
        "python": sys.version.split()[0],
        "pid": os.getpid(),
    }
    if args.command == "small":
        answer["small"] = small(client, args.ops.split(","), args.requests, args.warmup)
    elif args.command == "download":
        answer["transfer"] = download(client, args.model_id, args.path)
    elif args.command == "upload":
        answer["transfer"] = upload(client, args.path)
    else:
        answer["threads"] = threads(client, args.threads, args.calls)
    close = getattr(client, "close", None)  # the vendor's client has no close()
    if callable(close):
        close()
    args.out.write_text(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
