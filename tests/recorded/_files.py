"""Byte-for-byte reproducible upload files, so replayed chunk bodies match the recorded ones."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path


def compute_package(folder: Path) -> Path:
    """A small ``.tgz`` compute package with fixed timestamps."""
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for name, text in (
            ("package/scaleout.yaml", "entry_points:\n  train:\n    command: python train.py\n"),
            ("package/train.py", "print('training')\n" * 4000),
        ):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    path = folder / "package.tgz"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(archive.getvalue())
    return path


def seed_model(folder: Path) -> Path:
    """The local controller's seed model for its simulated task (deterministic)."""
    from scaleout.local import write_seed_model

    path = folder / "seed.npz"
    write_seed_model(path)
    return path
