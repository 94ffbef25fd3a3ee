"""Unit tests of the numpy task, the aggregators and the entity shaping."""

from __future__ import annotations

import numpy as np
import pytest

from scaleout.local import task
from scaleout.local.aggregators import AggregatorError, FedAvg, FedOpt, make_aggregator
from scaleout.local.entities import EntityShaper
from scaleout.local.spec import load_spec

pytestmark = [pytest.mark.local, pytest.mark.timeout(30)]


def _weights(value: float) -> task.Weights:
    return {"w": np.full(task.N_FEATURES, value), "b": np.array([value])}


def test_client_data_is_deterministic_and_non_iid() -> None:
    first, again, other = (
        task.make_client_data(0, 1),
        task.make_client_data(0, 1),
        task.make_client_data(0, 2),
    )
    assert np.array_equal(first.x_train, again.x_train)
    assert 160 <= first.n_train <= 320
    assert not np.allclose(first.x_train.mean(axis=0), other.x_train.mean(axis=0), atol=0.05)


def test_local_training_lowers_the_loss() -> None:
    data = task.make_client_data(0, 1)
    seed = task.seed_weights()
    before = task.evaluate(seed, data)
    trained = task.train_locally(seed, data, rng=np.random.default_rng(0), steps=20)
    after = task.evaluate(trained.weights, data)
    assert after.training_loss < before.training_loss
    assert len(trained.step_losses) == 20 and trained.num_examples == data.n_train


def test_fedavg_weights_by_examples() -> None:
    averaged = FedAvg().aggregate(_weights(0), [(_weights(1), 1), (_weights(4), 3)])
    assert np.allclose(averaged["w"], 3.25) and np.allclose(averaged["b"], 3.25)


@pytest.mark.parametrize("serveropt", ["adam", "yogi", "adagrad"])
def test_fedopt_moves_towards_the_average(serveropt: str) -> None:
    aggregator = make_aggregator("fedopt", {"serveropt": serveropt, "learning_rate": 0.1})
    assert isinstance(aggregator, FedOpt)
    current = _weights(0)
    for _ in range(3):
        current = aggregator.aggregate(current, [(_weights(1), 10)])
    assert np.all(current["w"] > 0) and np.all(current["w"] < 1)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("fedprox", None),
        ("fedopt", {"serveropt": "sgd"}),
        ("fedopt", {"beta1": "high"}),
        ("fedopt", {"learning_rate": 0}),
    ],
)
def test_bad_aggregators(name: str, kwargs: dict[str, object] | None) -> None:
    with pytest.raises(AggregatorError):
        make_aggregator(name, kwargs)


def test_seed_model_round_trip_and_checks(tmp_path) -> None:
    path = tmp_path / "seed.npz"
    task.write_weights(task.seed_weights(random=True), path)
    loaded = task.load_weights(path)
    assert loaded["w"].shape == (task.N_FEATURES,)
    np.savez(tmp_path / "wrong.npz", w=np.zeros(3), b=np.zeros(1))
    with pytest.raises(ValueError, match="shape"):
        task.load_weights(tmp_path / "wrong.npz")
    (tmp_path / "junk.npz").write_bytes(b"junk")
    with pytest.raises(ValueError):
        task.load_weights(tmp_path / "junk.npz")


def test_entity_shaper_fills_and_trims() -> None:
    shaper = EntityShaper(load_spec())
    round_ = shaper.shape("rounds", {"round_id": "1", "_internal": 1, "unknown": 2})
    assert round_["combiners"] == [] and round_["round_config"] is None
    assert "_internal" not in round_ and "unknown" not in round_
    status = shaper.shape("statuses", {"status_id": "s", "sender": {"client_id": "c", "x": 1}})
    assert status["sender"] == {
        "name": None,
        "role": None,
        "client_id": "c",
        "combiner_id": None,
        "x": 1,
    }
