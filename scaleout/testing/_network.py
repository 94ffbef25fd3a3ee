"""What the ``scaleout_network`` fixture hands a test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scaleout import Scaleout
    from scaleout.local import Faults, LocalController

__all__ = ["ScaleoutNetwork"]


@dataclass(frozen=True)
class ScaleoutNetwork:
    """A local controller ready to train: a compute package and a seed model uploaded."""

    controller: LocalController
    client: Scaleout
    #: The seed model's id: the model a session starts from.
    model_id: str
    #: The active compute package's name.
    package_name: str
    #: The files that were uploaded.
    package_path: Path
    seed_model_path: Path

    @property
    def url(self) -> str:
        return self.controller.url

    @property
    def clients(self) -> dict[str, str]:
        """Simulated client name to client id, e.g. ``{"client-1": "0b6c..."}``."""
        return self.controller.clients

    @property
    def faults(self) -> Faults:
        return self.controller.faults
