"""Quickstart: a federated training session on the embedded local controller.

Starts a local controller with simulated clients, then, through the SDK as a user would:
uploads a compute package and a seed model, starts a 5-round session, waits for it, prints the
validation metrics per round and writes a plot of them.

    python scripts/quickstart.py [--clients 3] [--rounds 5] [--plot quickstart-metrics.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from scaleout import MissingExtraError, Scaleout
from scaleout.local import LocalController, write_compute_package

METRICS = ("training_loss", "training_accuracy", "test_loss", "test_accuracy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=3, help="simulated clients (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="training rounds (default 5)")
    parser.add_argument(
        "--plot", type=Path, default=Path("quickstart-metrics.png"), help="where to write the plot"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch, LocalController(clients=args.clients) as ctl:
        work = Path(scratch)
        print(f"Local controller at {ctl.url} with {args.clients} simulated clients")
        with Scaleout(ctl.url) as client:
            client.set_active_package(
                write_compute_package(work / "package.tgz"), "numpyhelper", "quickstart"
            )
            seed = ctl.write_seed_model(work / "seed.npz")
            client.set_active_model(seed)
            print(f"Uploaded a compute package and the seed model {seed.name}")

            started = time.monotonic()
            session = client.start_session(
                name="quickstart", rounds=args.rounds, round_timeout=60, min_clients=args.clients
            )
            session_id = session["session_id"]
            print(f"Session {session_id} started: {args.rounds} rounds")
            client.wait_for_session(
                session_id,
                timeout=600,
                poll_interval=0.5,
                on_round=lambda r: print(f"  round {r['round_id']}: {r['status']}"),
            )
            print(f"Session finished in {time.monotonic() - started:.1f} s\n")
            results = client.get_session_results(session_id)
            try:
                plot = client.plot_session(session_id, path=args.plot)
            except MissingExtraError as exc:
                plot = None
                print(exc)

    rounds = [r for r in results.rounds if r.validations]
    if len(rounds) != args.rounds:
        print(f"expected validations for {args.rounds} rounds, got {len(rounds)}", file=sys.stderr)
        return 1
    print(f"{'round':>5}  {'clients':>7}  " + "  ".join(f"{m:>17}" for m in METRICS))
    for r in rounds:
        cells = "  ".join(f"{r.metrics.get(m, float('nan')):>17.4f}" for m in METRICS)
        print(f"{r.round:>5}  {len(r.clients):>7}  {cells}")
    first, last = rounds[0].metrics, rounds[-1].metrics
    print(
        f"\ntest loss {first['test_loss']:.4f} -> {last['test_loss']:.4f}, "
        f"test accuracy {first['test_accuracy']:.4f} -> {last['test_accuracy']:.4f}; "
        f"the session produced model {results.model_id}"
    )
    if plot is not None:
        print(f"Plot written to {plot.resolve()}")
    if last["test_loss"] >= first["test_loss"]:
        print("the test loss did not improve", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
