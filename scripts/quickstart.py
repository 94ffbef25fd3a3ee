"""Quickstart: a federated training session on the embedded local controller.

Starts a local controller with simulated clients, then, through the SDK as a user would:
uploads a compute package and a seed model, starts a 5-round session, waits for it, prints the
validation metrics per round and writes a plot of them.

    python scripts/quickstart.py [--clients 3] [--rounds 5] [--plot quickstart-metrics.png]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from scaleout import Scaleout
from scaleout.local import LocalController, write_compute_package

METRICS = ("training_loss", "training_accuracy", "test_loss", "test_accuracy")


def round_table(client: Scaleout, session_id: str) -> list[dict[str, Any]]:
    """Mean validation metrics over the clients, per round, in round order."""
    round_of_model = {
        model["model_id"]: number
        for number, model in enumerate(client.iter_models(filters={"session_id": session_id}), 1)
    }
    per_round: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for validation in client.iter_validations(filters={"session_id": session_id}):
        number = round_of_model.get(validation["model_id"])
        if number is None:
            continue
        for key, value in json.loads(validation["data"]).items():
            if key in METRICS:
                per_round[number][key].append(float(value))
    return [
        {
            "round": number,
            "clients": len(values["test_loss"]),
            **{key: statistics.fmean(values[key]) for key in METRICS if values[key]},
        }
        for number, values in sorted(per_round.items())
    ]


def print_table(rows: list[dict[str, Any]]) -> None:
    header = f"{'round':>5}  {'clients':>7}  " + "  ".join(f"{m:>17}" for m in METRICS)
    print(header)
    print("-" * len(header))
    for row in rows:
        cells = "  ".join(f"{row.get(m, float('nan')):>17.4f}" for m in METRICS)
        print(f"{row['round']:>5}  {row['clients']:>7}  {cells}")


def write_plot(rows: list[dict[str, Any]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    rounds = [row["round"] for row in rows]
    figure, (loss, accuracy) = plt.subplots(1, 2, figsize=(10, 4))
    for metric in ("training_loss", "test_loss"):
        loss.plot(rounds, [row[metric] for row in rows], marker="o", label=metric)
    for metric in ("training_accuracy", "test_accuracy"):
        accuracy.plot(rounds, [row[metric] for row in rows], marker="o", label=metric)
    for axis, title in ((loss, "Loss"), (accuracy, "Accuracy")):
        axis.set_title(f"{title} per round (mean over clients)")
        axis.set_xlabel("round")
        axis.set_xticks(rounds)
        axis.legend()
        axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return True


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
            rows = round_table(client, session_id)

    if len(rows) != args.rounds:
        print(f"expected validations for {args.rounds} rounds, got {len(rows)}", file=sys.stderr)
        return 1
    print_table(rows)
    first, last = rows[0], rows[-1]
    print(
        f"\ntest loss {first['test_loss']:.4f} -> {last['test_loss']:.4f}, "
        f"test accuracy {first['test_accuracy']:.4f} -> {last['test_accuracy']:.4f}"
    )
    if write_plot(rows, args.plot):
        print(f"Plot written to {args.plot.resolve()}")
    else:
        print('matplotlib is not installed: pip install "scaleout-sdk[plot]" for the plot')
    if last["test_loss"] >= first["test_loss"]:
        print("the test loss did not improve", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
