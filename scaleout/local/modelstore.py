"""Model entities and their files (``<data dir>/models/<model_id>.<ext>``)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from . import task
from .filters import Condition
from .store import DocumentStore, WriteBatch

__all__ = ["ModelRepository", "model_suffix"]

_FILE_KEY = "_file"
_SAFE_SUFFIXES = (".npz", ".bin")


def model_suffix(file_name: str | None) -> str:
    suffix = Path(file_name or "").suffix.lower()
    return suffix if suffix in _SAFE_SUFFIXES else ".bin"


class ModelRepository:
    def __init__(self, store: DocumentStore, directory: Path) -> None:
        self._store = store
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def add_file(
        self,
        source: Path,
        *,
        suffix: str,
        name: str | None = None,
        parent_model: str | None = None,
        session_id: str | None = None,
        model_id: str | None = None,
    ) -> dict[str, Any]:
        """Move ``source`` into the model store and record it as the newest model."""
        model_id = model_id or str(uuid.uuid4())
        file_name = f"{model_id}{suffix}"
        os.replace(source, self.directory / file_name)
        return self.record(model_id, file_name, name, parent_model, session_id)

    def save_weights(self, weights: task.Weights) -> tuple[str, str]:
        """Write a new model's file, not yet listed: ``(model_id, file_name)`` for :meth:`record`.

        Listing it is a separate step so that it can share a transaction with other writes."""
        model_id = str(uuid.uuid4())
        file_name = f"{model_id}.npz"
        target = self.directory / file_name
        partial = target.with_suffix(".npz.partial")
        task.write_weights(weights, partial)
        os.replace(partial, target)
        return model_id, file_name

    def record(
        self,
        model_id: str,
        file_name: str,
        name: str | None,
        parent_model: str | None,
        session_id: str | None,
        *,
        into: DocumentStore | WriteBatch | None = None,
    ) -> dict[str, Any]:
        """List a model whose file is in place (in ``into``, a batch, when given)."""
        doc = {
            "model_id": model_id,
            "model": model_id,
            "name": name,
            "parent_model": parent_model,
            "session_id": session_id,
            "allow_training": True,
            _FILE_KEY: file_name,
        }
        return (into or self._store).insert("models", model_id, doc)

    def get(self, model_id: str) -> dict[str, Any] | None:
        return self._store.get("models", model_id)

    def path(self, model: dict[str, Any]) -> Path | None:
        file_name = model.get(_FILE_KEY)
        if not isinstance(file_name, str):
            return None
        path = self.directory / file_name
        return path if path.is_file() else None

    def load_weights(self, model: dict[str, Any]) -> task.Weights:
        """The model's weights; FileNotFoundError or ValueError if unusable."""
        path = self.path(model)
        if path is None:
            raise FileNotFoundError(f"the file of model {model.get('model_id')} is missing")
        return task.load_weights(path)

    def newest(self, session_id: str | None = None) -> dict[str, Any] | None:
        conditions = [Condition("session_id", "eq", (session_id,))] if session_id else []
        return self._store.find_one("models", conditions, newest=True)
