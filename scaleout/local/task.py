"""The synthetic learning task of the simulated federation: binary logistic regression.

Each client holds its own slice of data drawn around a client-specific shift of the feature
distribution (slightly non-IID), split into train and test parts. A model is an ``.npz`` file
with the weights ``w`` (shape ``(n_features,)``) and the bias ``b`` (shape ``(1,)``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = [
    "N_FEATURES",
    "ClientData",
    "check_npz",
    "Evaluation",
    "LocalTraining",
    "Weights",
    "evaluate",
    "load_weights",
    "make_client_data",
    "predict",
    "seed_weights",
    "train_locally",
    "weights_from_bytes",
    "weights_to_bytes",
    "write_weights",
]

N_FEATURES = 10
Array = npt.NDArray[np.float64]
Weights = dict[str, Array]

_EPS = 1e-7


@dataclass(frozen=True)
class ClientData:
    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array

    @property
    def n_train(self) -> int:
        return int(self.y_train.shape[0])


@dataclass(frozen=True)
class Evaluation:
    training_loss: float
    training_accuracy: float
    test_loss: float
    test_accuracy: float

    def as_dict(self) -> dict[str, float]:
        return {
            "training_loss": self.training_loss,
            "training_accuracy": self.training_accuracy,
            "test_loss": self.test_loss,
            "test_accuracy": self.test_accuracy,
        }


@dataclass(frozen=True)
class LocalTraining:
    weights: Weights
    num_examples: int
    step_losses: list[float]


def _true_model(seed: int) -> tuple[Array, float]:
    rng = np.random.default_rng([seed, 0])
    # Steep enough that labels are mostly, not barely, predictable (Bayes accuracy about 0.93):
    # accuracy then keeps climbing over the rounds instead of levelling off after the first.
    return 3.0 * rng.normal(0.0, 1.0, N_FEATURES), 0.75


def make_client_data(seed: int, index: int) -> ClientData:
    """The data of client number ``index`` (1-based); the same for the same seed and index."""
    w_true, b_true = _true_model(seed)
    rng = np.random.default_rng([seed, index])
    n = int(rng.integers(200, 401))
    shift = rng.normal(0.0, 0.5, N_FEATURES)
    x = rng.normal(0.0, 1.0, (n, N_FEATURES)) + shift
    logits = x @ w_true + b_true
    y = (rng.random(n) < _sigmoid(logits)).astype(np.float64)
    n_train = int(round(n * 0.8))
    return ClientData(x[:n_train], y[:n_train], x[n_train:], y[n_train:])


def seed_weights(*, seed: int = 0, random: bool = False) -> Weights:
    if random:
        rng = np.random.default_rng([seed, 10_000])
        return {"w": rng.normal(0.0, 0.01, N_FEATURES), "b": np.zeros(1)}
    return {"w": np.zeros(N_FEATURES), "b": np.zeros(1)}


def _sigmoid(z: Array) -> Array:
    result: Array = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return result


def _loss_and_accuracy(weights: Weights, x: Array, y: Array) -> tuple[float, float]:
    if y.shape[0] == 0:
        return 0.0, 0.0
    p = np.clip(_sigmoid(x @ weights["w"] + weights["b"][0]), _EPS, 1.0 - _EPS)
    loss = float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
    accuracy = float(np.mean((p >= 0.5) == (y >= 0.5)))
    return loss, accuracy


def _loss(w: Array, b: float, x: Array, y: Array) -> float:
    """The loss of ``_loss_and_accuracy`` alone: training reports it after every step."""
    p = np.clip(_sigmoid(x @ w + b), _EPS, 1.0 - _EPS)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def evaluate(weights: Weights, data: ClientData) -> Evaluation:
    train_loss, train_acc = _loss_and_accuracy(weights, data.x_train, data.y_train)
    test_loss, test_acc = _loss_and_accuracy(weights, data.x_test, data.y_test)
    return Evaluation(train_loss, train_acc, test_loss, test_acc)


def train_locally(
    weights: Weights,
    data: ClientData,
    *,
    rng: np.random.Generator,
    steps: int = 10,
    batch_size: int = 32,
    learning_rate: float = 0.1,
) -> LocalTraining:
    """Mini-batch gradient descent from ``weights``; the loss after each step is reported."""
    w = weights["w"].astype(np.float64).copy()
    b = float(weights["b"][0])
    losses: list[float] = []
    n = data.n_train
    for _ in range(steps):
        batch = rng.choice(n, size=min(batch_size, n), replace=False)
        x, y = data.x_train[batch], data.y_train[batch]
        p = _sigmoid(x @ w + b)
        grad = p - y
        w -= learning_rate * (x.T @ grad) / len(batch)
        b -= learning_rate * float(np.mean(grad))
        losses.append(_loss(w, b, x, y))
    return LocalTraining({"w": w, "b": np.array([b])}, n, losses)


def predict(weights: Weights, data: ClientData) -> dict[str, object]:
    """Predictions on the client's test slice, summarised (the first labels and accuracy)."""
    p = _sigmoid(data.x_test @ weights["w"] + weights["b"][0])
    labels = (p >= 0.5).astype(int)
    accuracy = float(np.mean(labels == data.y_test)) if labels.size else 0.0
    return {
        "n_samples": int(labels.size),
        "predictions": [int(v) for v in labels[:20]],
        "mean_probability": float(np.mean(p)) if labels.size else 0.0,
        "accuracy": accuracy,
    }


def weights_to_bytes(weights: Weights) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, w=weights["w"], b=weights["b"])
    return buffer.getvalue()


def write_weights(weights: Weights, path: Path) -> None:
    path.write_bytes(weights_to_bytes(weights))


def _read_npz(source: io.BytesIO | Path) -> dict[str, Array]:
    try:
        loaded = np.load(source, allow_pickle=False)
    except Exception as exc:  # numpy raises many types for a file that is not .npz
        raise ValueError(f"not a readable .npz file ({exc})") from exc
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ValueError("not an .npz archive")
    try:
        with loaded as archive:
            return {name: np.asarray(archive[name]) for name in archive.files}
    except Exception as exc:
        raise ValueError(f"not a readable .npz file ({exc})") from exc


def check_npz(path: Path) -> None:
    """ValueError unless ``path`` is a readable ``.npz`` archive (of any arrays)."""
    _read_npz(path)


def weights_from_bytes(raw: bytes) -> Weights:
    """Weights of an ``.npz`` that fits the task; ValueError otherwise."""
    arrays = _read_npz(io.BytesIO(raw))
    try:
        floats = {name: np.asarray(value, dtype=np.float64) for name, value in arrays.items()}
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the arrays are not numeric ({exc})") from exc
    return _checked(floats)


def load_weights(path: Path) -> Weights:
    return weights_from_bytes(path.read_bytes())


def _checked(arrays: dict[str, Array]) -> Weights:
    if set(arrays) != {"w", "b"}:
        raise ValueError(f"expected the arrays 'w' and 'b', found {sorted(arrays)}")
    w, b = arrays["w"].reshape(-1), arrays["b"].reshape(-1)
    if w.shape != (N_FEATURES,) or b.shape != (1,):
        raise ValueError(
            f"expected w of shape ({N_FEATURES},) and b of shape (1,), "
            f"got {arrays['w'].shape} and {arrays['b'].shape}"
        )
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
        raise ValueError("the weights are not finite")
    return {"w": w, "b": b}
