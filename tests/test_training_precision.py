"""The training step's own fast gradient, and the float32 the app trains the digit network in.

``Network.step_gradient`` is ``Network.gradient`` in fewer calls: equal to it. A float32
network stays float32 everywhere a step, a plan, a divergence or a model file takes it, and
everything that was bit for bit in float64 is bit for bit in float32.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from app.core.lesson import plan_step
from app.core.model_file import ModelFile, load_model_file, save_model
from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.training import DivergenceError, Hyperparameters, Trainer, all_finite
from app.errors import ConfigError

ARCHITECTURES = [
    Architecture((12, 5, 4, 3)),
    Architecture((12, 5, 4, 3), "relu", "cross_entropy"),
    Architecture((12, 6, 3), "tanh", "mse"),
]


def data(n: int = 23, n_in: int = 12, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((n, n_in), dtype=np.float32), rng.integers(0, 3, n)


def float32_trainer(optimizer: str = "gd", **hyper) -> Trainer:
    x, y = data()
    network = Network(Architecture((12, 5, 4, 3)), seed=3, dtype=np.float32)
    settings = {"learning_rate": 0.5, "batch_size": 5, "optimizer": optimizer, **hyper}
    return Trainer(network, x, y, Hyperparameters(**settings))


@pytest.mark.parametrize("architecture", ARCHITECTURES, ids=lambda a: a.activation)
@pytest.mark.parametrize("batch", [1, 7, 23])
def test_the_steps_fast_gradient_equals_the_readable_backpropagation(architecture, batch):
    network = Network(architecture, seed=2)
    x, y = data(batch)
    readable_forward, readable = network.gradient(x, y)
    fast_forward, fast = network.step_gradient(x.astype(np.float64), y)
    np.testing.assert_allclose(fast.flat, readable.flat, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(fast.losses, readable.losses, rtol=1e-12)
    assert fast.loss == pytest.approx(readable.loss, rel=1e-12)
    for ours, theirs in zip(fast_forward.activations, readable_forward.activations, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-17)
    for kind in ("nudges", "deltas"):
        for ours, theirs in zip(getattr(fast, kind), getattr(readable, kind), strict=True):
            assert (ours is None) == (theirs is None)
            if ours is not None:
                np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)
    # The per-layer views are views of the one flat vector, as backward's are.
    assert all(np.shares_memory(w, fast.flat) for w in fast.weights)


def test_the_app_trains_in_float32_and_keeps_float64_where_exactness_is_the_point():
    assert np.float32 == TRAINING_DTYPE
    assert Network(Architecture((4, 3, 2)), seed=0).params.dtype == np.float64
    assert Network(Architecture((4, 3, 2)), seed=0, dtype=np.float32).params.dtype == np.float32
    kept = Network(Architecture((4, 3, 2)), params=np.zeros(23, dtype=np.float32))
    assert kept.params.dtype == np.float32
    assert kept.copy().params.dtype == np.float32
    assert Network(Architecture((4, 3, 2)), params=np.zeros(23, np.float16)).dtype == np.float64
    with pytest.raises(ConfigError, match="float32 or float64"):
        Network(Architecture((4, 3, 2)), dtype=np.int32)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_a_float32_step_is_float32_throughout(optimizer):
    trainer = float32_trainer(optimizer)
    result = trainer.step_batch()
    arrays = [trainer.network.params, result.gradients.flat, result.change]
    arrays += [*result.forward.activations, result.gradients.deltas[-1]]
    assert {a.dtype for a in arrays} == {np.dtype(np.float32)}
    state = trainer.optimizer.state().values()
    assert all(v.dtype == np.float32 for v in state if v.dtype.kind == "f")


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("granularity", ["example", "batch"])
def test_a_float32_step_lands_on_its_plan_bit_for_bit(optimizer, granularity):
    trainer = float32_trainer(optimizer, weight_decay=0.01)
    trainer.step_batch()
    lesson = plan_step(trainer, granularity)
    trainer.step_example() if granularity == "example" else trainer.step_batch()
    assert trainer.network.params.tobytes() == lesson.params_after.tobytes()


def test_seeded_float32_runs_are_identical():
    ours, twin = float32_trainer("momentum"), float32_trainer("momentum")
    for _ in range(12):
        ours.step_batch()
        twin.step_batch()
    assert ours.network.params.tobytes() == twin.network.params.tobytes()


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_a_float32_session_round_trips_and_trains_on_bit_for_bit(tmp_path, optimizer):
    trainer = float32_trainer(optimizer)
    for _ in range(3):
        trainer.step_batch()
    path = save_model(tmp_path / "run.npz", ModelFile.from_trainer(trainer))
    model = load_model_file(path)
    assert model.params.dtype == np.float32
    assert model.params.tobytes() == trainer.network.params.tobytes()
    loaded = trainer.with_network(model.network(), model.hyperparameters, model.optimizer())
    kept = trainer.with_network(trainer.network.copy(), trainer.hyper, copy.copy(trainer.optimizer))
    for _ in range(3):
        loaded.step_batch()
        kept.step_batch()
    assert loaded.network.params.dtype == np.float32
    assert loaded.network.params.tobytes() == kept.network.params.tobytes()


def test_an_older_float64_model_file_loads_as_float64_unchanged(tmp_path):
    network = Network(Architecture((12, 5, 3)), seed=4)
    model = load_model_file(save_model(tmp_path / "old.npz", network))
    assert model.params.dtype == np.float64
    assert model.params.tobytes() == network.params.tobytes()
    assert model.network().params.dtype == np.float64


def test_a_float32_overflow_is_caught_and_the_step_not_applied():
    x, y = data()
    relu = Architecture((12, 5, 4, 3), "relu", "cross_entropy")
    # Weighted sums of 1e36-sized weights pass float32's 3.4e38 in the second layer.
    network = Network(relu, params=np.full(relu.n_parameters, 1e36, dtype=np.float32))
    trainer = Trainer(network, x, y, Hyperparameters(learning_rate=0.1, batch_size=5))
    with pytest.raises(DivergenceError):
        trainer.step_batch()
    assert trainer.network.params.tobytes() == network.params.tobytes()
    assert np.all(trainer.network.params == np.float32(1e36))
    assert trainer.step_count == 0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the trainer calls it under errstate
def test_one_reduction_tells_finite_weights_from_overflowed_ones(dtype):
    values = np.linspace(-1.0, 1.0, 13_002).astype(dtype)
    assert all_finite(values)
    # Finite weights whose sum overflows are counted as diverged (see all_finite).
    assert not all_finite(np.full(13_002, np.finfo(dtype).max / 1000, dtype=dtype))
    for bad in (np.nan, np.inf, -np.inf):
        broken = values.copy()
        broken[7] = bad
        assert not all_finite(broken)
    both = values.copy()
    both[[1, 2]] = (np.inf, -np.inf)
    assert not all_finite(both)


def test_an_older_float64_adam_session_trains_on_in_float32_state_and_all(tmp_path):
    x, y = data()
    network = Network(Architecture((12, 5, 4, 3)), seed=3)  # float64, as sessions were saved
    hyper = Hyperparameters(learning_rate=0.1, batch_size=5, optimizer="adam")
    trainer = Trainer(network, x, y, hyper)
    trainer.step_batch()
    model = load_model_file(save_model(tmp_path / "old.npz", ModelFile.from_trainer(trainer)))
    assert model.optimizer().state()["m"].dtype == np.float64  # no dtype: the file's own
    optimizer = model.optimizer(TRAINING_DTYPE)
    floats = [v for v in optimizer.state().values() if v.dtype.kind == "f"]
    assert floats
    assert {v.dtype for v in floats} == {TRAINING_DTYPE}
    resumed = trainer.with_network(model.network(TRAINING_DTYPE), hyper, optimizer)
    kept = trainer.with_network(trainer.network.copy(), hyper, copy.copy(trainer.optimizer))
    result = resumed.step_batch()
    assert result.change.dtype == TRAINING_DTYPE
    assert resumed.network.params.dtype == TRAINING_DTYPE
    kept.step_batch()  # the same step in float64 lands within float32's rounding of it
    np.testing.assert_allclose(resumed.network.params, kept.network.params, atol=1e-5)
