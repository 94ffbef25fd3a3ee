"""Server-side aggregation: FedAvg and FedOpt (Adam, Yogi, Adagrad).

FedAvg weights each client's model by its number of training examples. FedOpt treats the
difference between that average and the current global model as a pseudo-gradient and takes
one step of a server optimizer on it; the optimizer state lives for one session run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .task import Array, Weights

__all__ = ["Aggregator", "AggregatorError", "FedAvg", "FedOpt", "make_aggregator"]

FEDOPT_DEFAULTS: dict[str, float] = {
    "learning_rate": 1e-3,
    "beta1": 0.9,
    "beta2": 0.99,
    "tau": 1e-4,
}
SERVER_OPTIMIZERS = ("adam", "yogi", "adagrad")


class AggregatorError(ValueError):
    """A session config whose aggregator cannot be used."""


def _weighted_average(updates: Sequence[tuple[Weights, int]]) -> Weights:
    total = sum(max(n, 0) for _, n in updates)
    names = updates[0][0].keys()
    averaged: Weights = {}
    for key in names:
        stacked = np.stack([u[key] for u, _ in updates])
        if total <= 0:
            averaged[key] = stacked.mean(axis=0)
        else:
            shares = np.array([max(n, 0) / total for _, n in updates], dtype=np.float64)
            averaged[key] = np.tensordot(shares, stacked, axes=1)
    return averaged


class Aggregator:
    name = "base"

    def aggregate(self, current: Weights, updates: Sequence[tuple[Weights, int]]) -> Weights:
        raise NotImplementedError


class FedAvg(Aggregator):
    name = "fedavg"

    def aggregate(self, current: Weights, updates: Sequence[tuple[Weights, int]]) -> Weights:
        return _weighted_average(updates)


@dataclass
class FedOpt(Aggregator):
    serveropt: str = "adam"
    learning_rate: float = FEDOPT_DEFAULTS["learning_rate"]
    beta1: float = FEDOPT_DEFAULTS["beta1"]
    beta2: float = FEDOPT_DEFAULTS["beta2"]
    tau: float = FEDOPT_DEFAULTS["tau"]
    _m: dict[str, Array] = field(default_factory=dict)
    _v: dict[str, Array] = field(default_factory=dict)

    name = "fedopt"

    def aggregate(self, current: Weights, updates: Sequence[tuple[Weights, int]]) -> Weights:
        average = _weighted_average(updates)
        new: Weights = {}
        for key, value in current.items():
            delta = average[key] - value
            m = self._m.get(key, np.zeros_like(delta))
            v = self._v.get(key, np.zeros_like(delta))
            if self.serveropt == "adagrad":
                v = v + delta**2
                m = delta
            elif self.serveropt == "yogi":
                m = self.beta1 * m + (1.0 - self.beta1) * delta
                v = v - (1.0 - self.beta2) * delta**2 * np.sign(v - delta**2)
            else:
                m = self.beta1 * m + (1.0 - self.beta1) * delta
                v = self.beta2 * v + (1.0 - self.beta2) * delta**2
            self._m[key], self._v[key] = m, v
            new[key] = value + self.learning_rate * m / (np.sqrt(np.abs(v)) + self.tau)
        return new


def make_aggregator(name: str, kwargs: Mapping[str, Any] | None) -> Aggregator:
    """The aggregator of a session config; AggregatorError with a user-facing message."""
    if name == "fedavg":
        return FedAvg()
    if name != "fedopt":
        raise AggregatorError(f"Unknown aggregator '{name}': use 'fedavg' or 'fedopt'")
    options = dict(kwargs or {})
    serveropt = options.get("serveropt", "adam")
    if serveropt not in SERVER_OPTIMIZERS:
        raise AggregatorError(
            f"Unknown serveropt '{serveropt}': use one of {', '.join(SERVER_OPTIMIZERS)}"
        )
    numbers: dict[str, float] = {}
    for key, default in FEDOPT_DEFAULTS.items():
        value = options.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise AggregatorError(f"aggregator_kwargs.{key} must be a number")
        numbers[key] = float(value)
    if numbers["learning_rate"] <= 0 or numbers["tau"] <= 0:
        raise AggregatorError("aggregator_kwargs.learning_rate and tau must be positive")
    return FedOpt(
        serveropt=str(serveropt),
        learning_rate=numbers["learning_rate"],
        beta1=numbers["beta1"],
        beta2=numbers["beta2"],
        tau=numbers["tau"],
    )
