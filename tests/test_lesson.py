"""The step-through of one training step: order, frames, and agreement with the real step."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from app.core.augment import Augmentation
from app.core.lesson import SubStep, plan_step, prepared_inputs
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.errors import ConfigError


def make_trainer(
    sizes=(12, 5, 4, 3),
    *,
    n=23,
    optimizer="gd",
    loss="mse",
    lr=0.5,
    batch=5,
    decay=0.0,
    augment=None,
    warmup=0,
) -> Trainer:
    """A small seeded trainer; ``warmup`` steps taken so that optimizer state is not empty."""
    rng = np.random.default_rng(1)
    x = rng.random((n, sizes[0]))
    y = rng.integers(0, sizes[-1], n)
    hyper = Hyperparameters(
        learning_rate=lr, batch_size=batch, optimizer=optimizer, seed=3, weight_decay=decay
    )
    net = Network(Architecture(sizes, loss=loss), seed=2)
    trainer = Trainer(net, x, y, hyper, augment=augment)
    for _ in range(warmup):
        trainer.step_batch()
    return trainer


@pytest.mark.parametrize("hidden", [1, 2, 3])
def test_substep_order(hidden):
    sizes = (6, *([4] * hidden), 3)
    lesson = plan_step(make_trainer(sizes), "batch")
    big_l = hidden + 1
    expected = (
        [SubStep("forward", k) for k in range(1, big_l + 1)]
        + [SubStep("error", big_l)]
        + [SubStep("backward", k) for k in range(big_l, 0, -1)]
        + [SubStep("update", big_l)]
    )
    assert list(lesson.substeps) == expected
    assert len(lesson) == 2 * big_l + 2


@pytest.mark.parametrize("hidden", [1, 2, 3])
def test_each_frame_shows_what_the_order_says(hidden):
    sizes = (6, *([4] * hidden), 3)
    lesson = plan_step(make_trainer(sizes), "batch")
    big_l = hidden + 1
    everything = frozenset(range(1, big_l + 1))
    previous = None
    for i, sub in enumerate(lesson.substeps):
        frame = lesson.frame(i)
        assert frame.substep == sub
        if sub.kind == "forward":
            assert frame.known_activations == sub.layer + 1
            assert frame.gradient_layers == frozenset()
            assert frame.nudged_layers == frozenset()
            assert not frame.error_shown
        elif sub.kind == "error":
            assert frame.known_activations == big_l + 1
            assert frame.gradient_layers == frozenset()
            assert frame.nudged_layers == {big_l}
            assert frame.error_shown
        elif sub.kind == "backward":
            assert frame.known_activations == big_l + 1
            assert frame.gradient_layers == frozenset(range(sub.layer, big_l + 1))
            assert frame.nudged_layers == frozenset(range(max(sub.layer - 1, 1), big_l + 1))
            assert 0 not in frame.nudged_layers
        else:
            assert i == len(lesson) - 1
            assert frame.gradient_layers == everything
        if sub.kind == "update":
            assert frame.params is lesson.params_after
        else:
            assert frame.params is lesson.params_before
        if previous is not None:
            # Nothing shown ever disappears while stepping forward through the lesson.
            assert frame.known_activations >= previous.known_activations
            assert frame.gradient_layers >= previous.gradient_layers
            assert frame.nudged_layers >= previous.nudged_layers
        previous = frame
    assert lesson.frame(big_l - 1).known_activations == big_l + 1  # after "forward L"
    with pytest.raises(ConfigError):
        lesson.frame(len(lesson))
    with pytest.raises(ConfigError):
        lesson.frame(-1)


def trainer_fingerprint(trainer: Trainer) -> dict:
    opt = copy.deepcopy(vars(trainer.optimizer))
    return {
        "params": trainer.network.params.copy(),
        "optimizer": opt,
        "cursor": trainer.position_in_epoch,
        "step": trainer.step_count,
        "epoch": trainer.epoch,
        "order": trainer._order.copy(),
        "history": len(trainer.history.losses),
        "trajectory": len(trainer.trajectory),
    }


def assert_same_fingerprint(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key == "optimizer":
            assert a[key].keys() == b[key].keys()
            for name in a[key]:
                x, y = a[key][name], b[key][name]
                if isinstance(x, tuple):
                    assert len(x) == len(y)
                    assert all(np.array_equal(p, q) for p, q in zip(x, y, strict=True))
                else:
                    assert np.array_equal(x, y), name
        else:
            assert np.array_equal(a[key], b[key]), key


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_planning_changes_nothing(optimizer):
    trainer = make_trainer(optimizer=optimizer, warmup=2)
    before = trainer_fingerprint(trainer)
    plan_step(trainer, "batch")
    plan_step(trainer, "example")
    assert_same_fingerprint(before, trainer_fingerprint(trainer))


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("granularity", ["example", "batch"])
@pytest.mark.parametrize("decay", [0.0, 0.01])
def test_the_real_step_lands_on_params_after(optimizer, granularity, decay):
    # Four warm-up batches of 5 out of 23: the planned batch is the epoch's short last one.
    trainer = make_trainer(optimizer=optimizer, decay=decay, warmup=4)
    lesson = plan_step(trainer, granularity)
    result = trainer.step_example() if granularity == "example" else trainer.step_batch()
    assert np.array_equal(trainer.network.params, lesson.params_after)
    assert result.step == lesson.step
    assert np.array_equal(result.indices, lesson.indices)
    assert np.array_equal(result.change, lesson.change)
    assert np.array_equal(result.gradients.flat, lesson.gradient)
    assert result.learning_rate == lesson.learning_rate
    assert result.loss == lesson.loss
    assert result.weight_penalty == lesson.weight_penalty
    assert np.array_equal(result.watched.new_value, lesson.watched.new_value)
    assert result.watched.names == lesson.watched.names
    assert not lesson.matches(trainer)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_the_real_step_lands_on_params_after_with_augmentation(optimizer):
    trainer = make_trainer(
        (784, 6, 10), optimizer=optimizer, augment=Augmentation(noise_std=0.1), warmup=1
    )
    lesson = plan_step(trainer, "batch")
    result = trainer.step_batch()
    # The input preparation (cast, then augmentation seeded by (seed, 1, step)) is the real one.
    assert np.array_equal(result.forward.activations[0], lesson.activations[0])
    assert not np.array_equal(lesson.activations[0], trainer.train_x[lesson.indices])
    assert np.array_equal(trainer.network.params, lesson.params_after)


def test_prepared_inputs_without_augmentation_are_the_pixels():
    trainer = make_trainer()
    indices = trainer.next_indices(5)
    x, labels = prepared_inputs(trainer, indices)
    assert x.dtype == np.float64
    assert np.array_equal(x, trainer.train_x[indices])
    assert np.array_equal(labels, trainer.train_y[indices])


def test_plain_descent_change_is_minus_eta_times_gradient():
    lesson = plan_step(make_trainer(lr=0.5), "batch")
    assert np.array_equal(lesson.change, -0.5 * lesson.gradient)
    assert np.array_equal(lesson.params_after, lesson.params_before + lesson.change)
    w = lesson.watched
    assert np.array_equal(w.new_value, w.value + w.change)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_wanted_changes_and_the_output_bias_gradient(loss):
    lesson = plan_step(make_trainer(loss=loss), "batch")
    n_out = lesson.architecture.layer_sizes[-1]
    big_l = lesson.n_layers
    a, y = lesson.activations[-1], lesson.targets
    np.testing.assert_array_equal(lesson.wanted, -lesson.nudges[big_l])
    np.testing.assert_allclose(lesson.mean_wanted, -lesson.nudges[big_l].mean(axis=0))
    assert lesson.mean_wanted.shape == (n_out,)
    _, b0, b1 = lesson.architecture.offsets[-1]
    bias_gradient = lesson.gradient[b0:b1]
    np.testing.assert_allclose(bias_gradient, lesson.deltas[big_l].mean(axis=0), rtol=1e-12)
    if loss == "mse":
        np.testing.assert_allclose(lesson.wanted, 2.0 * (y - a))
        np.testing.assert_allclose(-bias_gradient, (lesson.wanted * a * (1 - a)).mean(axis=0))
    else:
        np.testing.assert_allclose(lesson.wanted, y / a)
        np.testing.assert_allclose(-bias_gradient, (y - a).mean(axis=0), atol=1e-15)
        nudge = lesson.nudges[big_l]
        inner = (a * nudge).sum(axis=1, keepdims=True)
        np.testing.assert_allclose(lesson.deltas[big_l], a * (nudge - inner), atol=1e-15)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_gradient_matches_finite_differences(loss):
    trainer = make_trainer(loss=loss)
    lesson = plan_step(trainer, "batch")
    arch = lesson.architecture
    x, labels = lesson.activations[0], lesson.labels
    probes = [arch.weight_index(0, 1, 3), arch.weight_index(2, 2, 0), arch.bias_index(1, 0)]
    eps = 1e-6
    for i in probes:
        plus, minus = lesson.params_before.copy(), lesson.params_before.copy()
        plus[i] += eps
        minus[i] -= eps
        c_plus = Network(arch, params=plus).gradient(x, labels)[1].loss
        c_minus = Network(arch, params=minus).gradient(x, labels)[1].loss
        estimate = (c_plus - c_minus) / (2 * eps)
        assert lesson.gradient[i] == pytest.approx(estimate, rel=1e-5, abs=1e-9)


def test_matches_until_the_step_or_a_setting_changes():
    trainer = make_trainer()
    lesson = plan_step(trainer, "batch")
    assert lesson.matches(trainer)
    trainer.step_batch()
    assert not lesson.matches(trainer)
    fresh = plan_step(trainer, "example")
    assert fresh.matches(trainer)
    trainer.update_hyperparameters(learning_rate=0.25)
    assert not fresh.matches(trainer)
    fresh = plan_step(trainer, "example")
    trainer.network.params[0] += 1e-9
    assert not fresh.matches(trainer)


def test_everything_is_read_only_and_shaped():
    trainer = make_trainer(batch=4)
    lesson = plan_step(trainer, "batch", watched=(0, 7))
    sizes = lesson.architecture.layer_sizes
    p = lesson.architecture.n_parameters
    assert lesson.step == trainer.step_count + 1
    assert [a.shape for a in lesson.activations] == [(4, n) for n in sizes]
    assert lesson.weighted_sums[0] is None
    assert lesson.nudges[0] is None
    assert [n.shape for n in lesson.nudges[1:]] == [(4, n) for n in sizes[1:]]
    assert lesson.targets.shape == lesson.wanted.shape == (4, sizes[-1])
    for arr in (lesson.gradient, lesson.change, lesson.params_before, lesson.params_after):
        assert arr.shape == (p,)
    arrays = [
        lesson.indices,
        lesson.labels,
        lesson.targets,
        lesson.wanted,
        lesson.mean_wanted,
        lesson.gradient,
        lesson.change,
        lesson.params_before,
        lesson.params_after,
        lesson.watched.value,
        *lesson.activations,
        *(z for z in lesson.weighted_sums if z is not None),
        *(n for n in lesson.nudges if n is not None),
    ]
    for arr in arrays:
        assert not arr.flags.writeable
    assert lesson.watched.names == ("w1[0,0]", "w1[0,7]")
    assert plan_step(trainer, "example").watched.names == tuple(
        lesson.architecture.parameter_name(i) for i in trainer.watched
    )
    assert len(plan_step(trainer, "example").indices) == 1
    with pytest.raises(ConfigError):
        plan_step(trainer, "epoch")
    with pytest.raises(ConfigError):
        plan_step(trainer, "batch", watched=(p,))
