"""``scaleout-local`` (also ``scaleout local``): run the local controller, or write a seed
model or a compute package for it."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from .controller import LocalController, write_compute_package, write_seed_model
from .uploads import DEFAULT_MAX_CHUNK_SIZE

__all__ = ["main"]


def _parser(prog: str = "scaleout-local") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A local Scaleout Edge controller with a simulated federation.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the controller until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    serve.add_argument("--port", type=int, default=8092, help="port; 0 picks a free one")
    serve.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="state directory (default: a temporary one, removed on exit)",
    )
    serve.add_argument("--clients", type=int, default=3, help="number of simulated clients")
    serve.add_argument("--auth", action="store_true", help="require bearer tokens")
    serve.add_argument(
        "--max-chunk-size",
        type=int,
        default=DEFAULT_MAX_CHUNK_SIZE,
        help="largest accepted upload chunk in bytes",
    )
    serve.add_argument("--seed", type=int, default=0, help="seed of the simulated data")
    serve.add_argument(
        "--access-token-ttl", type=float, default=300.0, help="access token lifetime (s)"
    )
    serve.add_argument("--log-level", default="warning", help="uvicorn log level")
    serve.add_argument(
        "--client-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="every simulated client answers each request this much later (slow devices)",
    )
    serve.add_argument(
        "--response-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="hold every request this long before handling it (latency, for benchmarks)",
    )

    seed = commands.add_parser("seed-model", help="write a seed model (.npz) for the task")
    seed.add_argument("path", type=Path)
    seed.add_argument("--random", action="store_true", help="small random weights, not zeros")
    seed.add_argument("--seed", type=int, default=0)

    package = commands.add_parser(
        "compute-package", help="write a compute package (.tgz) the simulated clients accept"
    )
    package.add_argument("path", type=Path)
    return parser


def _serve(args: argparse.Namespace) -> int:
    if not 0 <= args.client_delay < 3600:
        raise ValueError("--client-delay must be between 0 and 3600 seconds")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    controller = LocalController(
        clients=args.clients,
        data_dir=args.data_dir,
        host=args.host,
        port=args.port,
        auth=args.auth,
        max_chunk_size=args.max_chunk_size,
        seed=args.seed,
        access_token_ttl=args.access_token_ttl,
        log_level=args.log_level,
        response_delay=args.response_delay,
    )
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with controller:
            if args.client_delay:
                for name in controller.clients:
                    controller.set_client_behaviour(name, delay=args.client_delay)
            print(f"Scaleout local controller listening on {controller.url}", flush=True)
            print(f"Data dir: {controller.data_dir}", flush=True)
            if controller.refresh_token is not None:
                print(f"Refresh token: {controller.refresh_token}", flush=True)
            while not stop.wait(0.5):
                pass
            print("Stopping...", flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str = "scaleout-local") -> int:
    """Run the command line; ``prog`` is the name it goes by in help and errors (it is also
    ``scaleout local``)."""
    args = _parser(prog).parse_args(argv)
    if args.command == "serve":
        try:
            return _serve(args)
        except (OSError, ValueError, RuntimeError) as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return 1
    if args.command == "compute-package":
        print(f"Wrote compute package {write_compute_package(args.path)}")
        return 0
    path = write_seed_model(args.path, random=args.random, seed=args.seed)
    print(f"Wrote seed model {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
