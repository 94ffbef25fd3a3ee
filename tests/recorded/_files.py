"""Byte-for-byte reproducible upload files, so replayed chunk bodies match the recorded ones."""

from __future__ import annotations

from pathlib import Path


def compute_package(folder: Path) -> Path:
    from scaleout.local import write_compute_package

    return write_compute_package(folder / "package.tgz")


def seed_model(folder: Path) -> Path:
    """The local controller's seed model for its simulated task (deterministic)."""
    from scaleout.local import write_seed_model

    return write_seed_model(folder / "seed.npz")
