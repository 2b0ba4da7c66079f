"""Optimizers, the five numbers of a step, and the trainer's stepping and seeding."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.augment import Augmentation
from app.core.descent import descent_step, format_number
from app.core.history import LossHistory, Trajectory
from app.core.network import Architecture, Network
from app.core.optimizers import Adam, GradientDescent, Momentum, make_optimizer
from app.core.training import DEFAULT_AUGMENTATION, DivergenceError, Hyperparameters, Trainer
from app.errors import ConfigError


def test_the_textbook_step():
    """w = (0.5, 0.2), −∇C = (0.1, 0.2), η = 0.1 → change (0.01, 0.02) → w = (0.51, 0.22)."""
    step = descent_step([0.5, 0.2], gradient=[-0.1, -0.2], learning_rate=0.1)
    np.testing.assert_allclose(step.negative_gradient, [0.1, 0.2])
    np.testing.assert_allclose(step.change, [0.01, 0.02], rtol=0, atol=1e-15)
    np.testing.assert_allclose(step.new_value, [0.51, 0.22], rtol=0, atol=1e-15)
    assert step.lines() == [
        "1. current (w1, w2) = (0.5, 0.2)",
        "2. gradient = (-0.1, -0.2); negative gradient = (0.1, 0.2)",
        "3. learning rate η = 0.1",
        "4. change = (0.01, 0.02)",
        "5. new (w1, w2) = (0.51, 0.22)",
    ]


def test_the_textbook_step_through_the_optimizer():
    change = GradientDescent().change(np.array([-0.1, -0.2]), 0.1)
    np.testing.assert_allclose(np.array([0.5, 0.2]) + change, [0.51, 0.22], rtol=0, atol=1e-15)
    assert [format_number(v) for v in change] == ["0.01", "0.02"]


@pytest.mark.parametrize("name", ["gd", "momentum", "adam"])
def test_every_optimizer_walks_down_a_bowl(name):
    """C(θ) = ½ θᵀ diag(1, 10) θ: all three reach the bottom from (3, 2)."""
    opt = make_optimizer(name)
    theta = np.array([3.0, 2.0])
    scale = np.array([1.0, 10.0])
    lr = {"gd": 0.05, "momentum": 0.02, "adam": 0.05}[name]
    for _ in range(1500):
        theta = theta + take_step(opt, scale * theta, lr)
    # Adam's steps stay about η long near the bottom, so "at the bottom" means within η.
    assert np.linalg.norm(theta) < lr


def take_step(opt, gradient: np.ndarray, lr: float) -> np.ndarray:
    change = opt.change(gradient, lr)
    opt.accept()
    return change


def test_adam_first_step_has_the_size_of_the_learning_rate():
    change = Adam().change(np.array([5.0, -0.001]), 0.01)
    np.testing.assert_allclose(change, [-0.01, 0.01], rtol=1e-4)


def test_momentum_accumulates():
    opt = Momentum(0.9)
    g = np.array([1.0])
    first = take_step(opt, g, 0.1)
    second = take_step(opt, g, 0.1)
    np.testing.assert_allclose(first, [-0.1])
    np.testing.assert_allclose(second, [-0.19])


def test_a_proposed_change_leaves_the_state_alone_until_accepted():
    opt = Momentum(0.9)
    g = np.array([1.0])
    opt.change(g, 0.1)
    np.testing.assert_allclose(opt.change(g, 0.1), [-0.1])
    opt.accept()
    np.testing.assert_allclose(opt.change(g, 0.1), [-0.19])


def make_trainer(activation: str = "sigmoid", **hyper) -> Trainer:
    rng = np.random.default_rng(0)
    x = rng.random((60, 784))
    y = rng.integers(0, 10, 60)
    net = Network(Architecture(activation=activation), seed=0)
    return Trainer(net, x, y, Hyperparameters(**hyper), val_x=x[:10], val_y=y[:10])


def test_one_step_moves_the_weights_by_minus_lr_times_gradient():
    trainer = make_trainer(learning_rate=0.5, batch_size=4)
    before = trainer.network.params.copy()
    result = trainer.step_batch()
    x = trainer.train_x[result.indices]
    _, grads = Network(trainer.network.architecture, params=before).gradient(x, result.labels)
    np.testing.assert_array_equal(trainer.network.params, before - 0.5 * grads.flat)
    np.testing.assert_array_equal(result.change, -0.5 * grads.flat)
    w = result.watched
    np.testing.assert_array_equal(w.new_value, w.value + w.change)
    np.testing.assert_array_equal(w.change, -0.5 * w.gradient)


def test_step_sizes_example_batch_epoch():
    trainer = make_trainer(batch_size=8)
    assert len(trainer.step_example().indices) == 1
    assert len(trainer.step_batch().indices) == 8
    rest = trainer.step_epoch()
    # 60 examples: 1 + 8 taken, 51 left = 6 batches of 8 and one of 3.
    assert [len(r.indices) for r in rest] == [8] * 6 + [3]
    assert rest[-1].epoch_finished
    assert trainer.epoch == 1
    assert trainer.position_in_epoch == 0
    assert len(trainer.history.epochs) == 1


def test_an_epoch_visits_every_example_once_in_a_seeded_shuffled_order():
    trainer = make_trainer(batch_size=7)
    results = trainer.step_epoch()
    seen = np.concatenate([r.indices for r in results])
    assert sorted(seen.tolist()) == list(range(60))
    assert seen.tolist() != list(range(60))
    second = np.concatenate([r.indices for r in trainer.step_epoch()])
    assert second.tolist() != seen.tolist()  # a new order each epoch


def test_same_seed_gives_identical_weights_after_n_steps():
    runs = []
    for _ in range(2):
        trainer = make_trainer(batch_size=5, optimizer="adam", learning_rate=0.01)
        for _ in range(30):
            trainer.step_batch()
        runs.append(trainer.network.params.copy())
    assert np.array_equal(runs[0], runs[1])
    other = make_trainer(batch_size=5, optimizer="adam", learning_rate=0.01, seed=1)
    for _ in range(30):
        other.step_batch()
    assert not np.array_equal(runs[0], other.network.params)


def test_hyperparameters_apply_at_the_next_step():
    trainer = make_trainer(learning_rate=0.1)
    trainer.step_batch()
    trainer.update_hyperparameters(learning_rate=0.25, batch_size=3)
    result = trainer.step_batch()
    assert result.watched.learning_rate == 0.25
    assert len(result.indices) == 3
    np.testing.assert_array_equal(result.change, -0.25 * result.gradients.flat)
    trainer.update_hyperparameters(optimizer="momentum")
    assert trainer.optimizer.name == "momentum"


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_divergence_is_caught_and_the_step_is_not_applied(optimizer):
    trainer = make_trainer("relu", optimizer=optimizer, learning_rate=0.1)
    trainer.step_batch()
    # Weights so large that the ReLU sums overflow: where a far too large η leads.
    trainer.network.params[:] = 1e200
    before = trainer.network.params.copy()
    state_before = trainer.optimizer.state()
    with pytest.raises(DivergenceError) as info:
        trainer.step_batch()
    assert "learning rate" in str(info.value)
    assert "step 2" in str(info.value)
    assert np.array_equal(trainer.network.params, before)
    assert trainer.step_count == 1
    state_after = trainer.optimizer.state()
    assert state_after.keys() == state_before.keys()
    for key in state_before:
        assert np.array_equal(state_after[key], state_before[key])


@pytest.mark.parametrize(
    "bad",
    [
        {"learning_rate": 0.0},
        {"learning_rate": -1.0},
        {"learning_rate": float("nan")},
        {"learning_rate": 1e9},
        {"batch_size": 0},
        {"batch_size": 2.5},
        {"optimizer": "sgd++"},
        {"seed": -1},
    ],
)
def test_bad_hyperparameters_are_refused(bad):
    with pytest.raises(ConfigError):
        Hyperparameters(**bad)


def test_bad_training_data_is_refused():
    net = Network(seed=0)
    with pytest.raises(ConfigError, match="784"):
        Trainer(net, np.zeros((5, 100)), np.zeros(5, int))
    with pytest.raises(ConfigError, match="labels"):
        Trainer(net, np.zeros((5, 784)), np.array([0, 1, 2, 3, 10]))
    with pytest.raises(ConfigError, match="empty"):
        Trainer(net, np.zeros((0, 784)), np.zeros(0, int))


def test_watch_any_parameter():
    trainer = make_trainer()
    arch = trainer.network.architecture
    trainer.watch(arch.weight_index(0, 3, 400), arch.bias_index(1, 2))
    result = trainer.step_batch()
    assert result.watched.names == ("w1[3,400]", "b2[2]")
    with pytest.raises(ConfigError):
        trainer.watch(13_002)


def test_loss_history_stays_bounded_and_keeps_the_mean():
    history = LossHistory(capacity=100)
    losses = np.random.default_rng(0).random(1_000)
    for step, loss in enumerate(losses, start=1):
        history.append(step, loss)
    assert len(history) <= 100
    # Pair-averaging keeps the mean of what it merged (up to the newest, not yet merged points).
    assert history.losses.mean() == pytest.approx(losses.mean(), abs=0.02)
    assert np.all(np.diff(history.steps) > 0)
    assert history.steps[-1] == 1_000


def test_the_trajectory_spans_the_whole_run_in_bounded_memory():
    trainer = make_trainer(batch_size=4)
    trainer.trajectory = Trajectory(8)
    trainer.trajectory.offer(0, trainer.network.params)
    for _ in range(100):
        trainer.step_batch()
    traj = trainer.trajectory
    assert len(traj) <= 8
    assert traj.steps[0] == 0
    assert traj.steps[-1] >= 100 - traj.stride
    assert all(b - a == traj.stride for a, b in zip(traj.steps, traj.steps[1:], strict=False))
    assert all(not p.flags.writeable for p in traj.points)
    # The newest point is the weights at its step: replay to that step and compare.
    replay = make_trainer(batch_size=4)
    for _ in range(traj.steps[-1]):
        replay.step_batch()
    np.testing.assert_array_equal(traj.points[-1], replay.network.params.astype(np.float32))


# -- weight decay and learning-rate schedules --------------------------------------------------


def tiny_trainer(**hyper) -> Trainer:
    rng = np.random.default_rng(1)
    x, y = rng.random((12, 6)), rng.integers(0, 3, 12)
    net = Network(Architecture((6, 4, 3), "tanh", "cross_entropy"), seed=2)
    return Trainer(net, x, y, Hyperparameters(**hyper))


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_the_defaults_train_exactly_as_a_plain_loop(optimizer):
    """No decay, constant rate: every step is the bare gradient and the bare η, bit for bit."""
    lr = {"gd": 0.5, "momentum": 0.1, "adam": 0.01}[optimizer]
    trainer = make_trainer(optimizer=optimizer, learning_rate=lr, batch_size=7)
    net = Network(trainer.network.architecture, params=trainer.network.params)
    opt = make_optimizer(optimizer)
    for _ in range(25):  # crosses an epoch boundary (60 examples)
        result = trainer.step_batch()
        _, grads = net.gradient(trainer.train_x[result.indices].astype(np.float64), result.labels)
        net.params += opt.change(grads.flat, lr)
        opt.accept()
        assert result.learning_rate == lr
        assert result.weight_penalty == 0.0
        assert result.objective == result.loss
    assert trainer.network.params.tobytes() == net.params.tobytes()


def objective(net: Network, x: np.ndarray, y: np.ndarray, decay: float) -> float:
    """C + ½λ Σ w², written out independently of the trainer."""
    loss = float(net.output_loss.loss(net.forward(x).output, np.eye(3)[y]).mean())
    return loss + 0.5 * decay * sum(float((w**2).sum()) for w in net.weights)


def test_weight_decay_gradient_matches_finite_differences():
    decay = 0.3
    trainer = tiny_trainer(weight_decay=decay, learning_rate=0.1, batch_size=5)
    start = trainer.network.params.copy()
    result = trainer.step_batch()
    x, y = trainer.train_x[result.indices], result.labels
    net = Network(trainer.network.architecture, params=start)
    assert result.objective == pytest.approx(objective(net, x, y, decay), rel=1e-12)
    assert result.weight_penalty == pytest.approx(
        0.5 * decay * sum(float((w**2).sum()) for w in net.weights), rel=1e-12
    )
    h = 1e-6
    numeric = np.empty_like(start)
    for i in range(len(start)):
        up, down = start.copy(), start.copy()
        up[i] += h
        down[i] -= h
        numeric[i] = (
            objective(Network(net.architecture, params=up), x, y, decay)
            - objective(Network(net.architecture, params=down), x, y, decay)
        ) / (2 * h)
    np.testing.assert_allclose(result.gradients.flat, numeric, rtol=1e-6, atol=1e-9)
    # Weights only: the biases' gradient is the data loss's alone.
    _, bare = net.gradient(x, y)
    for g, g_bare, w in zip(result.gradients.weights, bare.weights, net.weights, strict=True):
        np.testing.assert_allclose(g, g_bare + decay * w, rtol=1e-12, atol=1e-15)
    for g, g_bare in zip(result.gradients.biases, bare.biases, strict=True):
        np.testing.assert_array_equal(g, g_bare)
    # The five numbers add up with the decayed gradient: change = −η · (g + λw).
    np.testing.assert_array_equal(result.change, -0.1 * result.gradients.flat)
    np.testing.assert_array_equal(result.watched.change, -0.1 * result.watched.gradient)


def test_the_loss_history_keeps_the_data_loss_without_the_penalty():
    trainer = tiny_trainer(weight_decay=0.5)
    result = trainer.step_batch()
    assert result.weight_penalty > 0
    assert trainer.history.losses.losses[-1] == result.loss
    assert result.objective == result.loss + result.weight_penalty


def test_weight_decay_alone_shrinks_the_weights_and_leaves_the_biases():
    trainer = tiny_trainer(weight_decay=0.2, learning_rate=0.5)
    net = trainer.network
    net.params[:] = 1.0
    # Inputs all zero: the data gradient of every first-layer weight is 0, so only decay acts.
    trainer.set_data(np.zeros_like(trainer.train_x), trainer.train_y)
    trainer.step_batch()
    np.testing.assert_allclose(net.weights[0], 1.0 - 0.5 * 0.2)


def test_schedules():
    step = Hyperparameters(learning_rate=1.0, lr_schedule="step", lr_step_epochs=2)
    assert [step.learning_rate_at(e) for e in (0, 1.9, 2, 3.5, 4, 9)] == [
        1.0,
        1.0,
        0.5,
        0.5,
        0.25,
        0.0625,
    ]
    assert Hyperparameters(lr_schedule="step", lr_step_factor=0.1).learning_rate_at(10) == (
        pytest.approx(0.3)
    )
    cosine = Hyperparameters(
        learning_rate=2.0, lr_schedule="cosine", lr_cosine_epochs=10, lr_cosine_floor=0.1
    )
    assert cosine.learning_rate_at(0) == 2.0
    assert cosine.learning_rate_at(5) == pytest.approx(2.0 * (0.1 + 0.9 * 0.5))
    assert cosine.learning_rate_at(10) == pytest.approx(0.2)
    assert cosine.learning_rate_at(25) == pytest.approx(0.2)
    rates = [cosine.learning_rate_at(e) for e in np.linspace(0, 10, 101)]
    assert np.all(np.diff(rates) < 0)
    assert Hyperparameters(learning_rate=0.7).learning_rate_at(1e6) == 0.7


def test_the_trainer_uses_the_scheduled_rate_and_reports_it():
    trainer = make_trainer(learning_rate=1.0, batch_size=20, lr_schedule="step", lr_step_epochs=1)
    used = []
    for _ in range(9):  # three epochs of three batches
        expected = trainer.current_learning_rate
        result = trainer.step_batch()
        assert result.learning_rate == expected == result.watched.learning_rate
        np.testing.assert_array_equal(result.change, -expected * result.gradients.flat)
        used.append(result.learning_rate)
    assert used == [1.0] * 3 + [0.5] * 3 + [0.25] * 3


def test_the_cosine_schedule_falls_within_an_epoch():
    trainer = make_trainer(
        learning_rate=1.0, batch_size=20, lr_schedule="cosine", lr_cosine_epochs=2
    )
    rates = [trainer.step_batch().learning_rate for _ in range(6)]
    assert rates[0] == 1.0
    assert np.all(np.diff(rates) < 0)
    assert trainer.epoch_progress == 2.0
    assert trainer.current_learning_rate == pytest.approx(0.01)


def test_switching_the_schedule_applies_at_the_next_step():
    trainer = make_trainer(learning_rate=1.0, batch_size=20)
    for _ in range(6):
        trainer.step_batch()
    assert trainer.step_batch().learning_rate == 1.0
    trainer.update_hyperparameters(lr_schedule="step", lr_step_epochs=1)
    assert trainer.step_batch().learning_rate == 0.25  # two epochs done: halved twice


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"weight_decay": -0.1}, "weight decay"),
        ({"weight_decay": float("inf")}, "weight decay"),
        ({"weight_decay": 2.0}, "weight decay"),
        ({"weight_decay": True}, "weight decay"),
        ({"lr_schedule": "linear"}, "schedule"),
        ({"lr_step_epochs": 0}, "epochs"),
        ({"lr_step_epochs": 2.0}, "epochs"),
        ({"lr_step_factor": 0.0}, "factor"),
        ({"lr_step_factor": 1.5}, "factor"),
        ({"lr_cosine_epochs": -3}, "epochs"),
        ({"lr_cosine_floor": 1.5}, "floor"),
        ({"lr_cosine_floor": float("nan")}, "floor"),
    ],
)
def test_bad_decay_and_schedules_are_refused(bad, message):
    with pytest.raises(ConfigError, match=message):
        Hyperparameters(**bad)


# -- augmentation as hyperparameters -------------------------------------------------------------


def test_no_augmentation_by_default():
    hyper = Hyperparameters()
    assert not hyper.augmenting
    assert hyper.augmentation() is None
    assert make_trainer().augment is None


def test_the_augmentation_fields_build_the_matching_augmentation():
    hyper = Hyperparameters(
        augment_shift=1.5,
        augment_rotation=20,
        augment_scale=0.2,
        augment_thickness=0.5,
        augment_noise=0.1,
    )
    assert hyper.augmenting
    assert hyper.augmentation() == Augmentation(1.5, 20, 0.2, 0.5, 0.1)
    assert Hyperparameters(augment_noise=0.05).augmentation() == Augmentation(0, 0, 0, 0, 0.05)
    assert Hyperparameters(**DEFAULT_AUGMENTATION).augmentation() == Augmentation()


def test_augmentation_from_hyperparameters_trains_like_an_explicit_one():
    """The --augment path of the pretrained model gives the same weights either way."""
    explicit = make_trainer(batch_size=8)
    explicit = Trainer(
        explicit.network, explicit.train_x, explicit.train_y, explicit.hyper, augment=Augmentation()
    )
    from_hyper = make_trainer(batch_size=8, **DEFAULT_AUGMENTATION)
    for _ in range(3):
        a, b = explicit.step_batch(), from_hyper.step_batch()
        assert np.array_equal(a.forward.activations[0], b.forward.activations[0])
    np.testing.assert_array_equal(explicit.network.params, from_hyper.network.params)


def test_switching_augmentation_on_and_off_applies_at_the_next_step():
    trainer = make_trainer(batch_size=5)
    plain = trainer.step_batch()
    np.testing.assert_array_equal(plain.forward.activations[0], trainer.train_x[plain.indices])
    trainer.set_hyperparameters(replace(trainer.hyper, augment_shift=3.0, augment_noise=0.1))
    assert trainer.augment == Augmentation(3.0, 0, 0, 0, 0.1)
    moved = trainer.step_batch()
    assert not np.array_equal(moved.forward.activations[0], trainer.train_x[moved.indices])
    np.testing.assert_array_equal(moved.labels, trainer.train_y[moved.indices])
    trainer.update_hyperparameters(augment_shift=0.0, augment_noise=0.0)
    assert trainer.augment is None
    again = trainer.step_batch()
    np.testing.assert_array_equal(again.forward.activations[0], trainer.train_x[again.indices])


def test_an_explicit_augment_wins_and_survives_a_new_network():
    def darker(x, _rng):
        return x * 0.5

    trainer = make_trainer(batch_size=4, augment_shift=2.0)
    trainer = Trainer(
        trainer.network, trainer.train_x, trainer.train_y, trainer.hyper, augment=darker
    )
    assert trainer.augment is darker
    assert trainer.with_network(Network(seed=1)).augment is darker
    plain = make_trainer(augment_rotation=5.0).with_network(Network(seed=1))
    assert plain.augment == Augmentation(0, 5.0, 0)


def test_augmentation_on_a_network_that_does_not_read_28x28_images_is_refused():
    rng = np.random.default_rng(0)
    x, y = rng.random((10, 16)), rng.integers(0, 3, 10)
    net = Network(Architecture((16, 4, 3)), seed=0)
    with pytest.raises(ConfigError, match="28×28"):
        Trainer(net, x, y, Hyperparameters(augment_shift=1.0))
    trainer = Trainer(net, x, y)
    with pytest.raises(ConfigError, match="28×28"):
        trainer.update_hyperparameters(augment_noise=0.1)
    assert not trainer.hyper.augmenting  # refused whole: nothing changed


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"augment_shift": -1.0}, "shift"),
        ({"augment_shift": 9.0}, "shift"),
        ({"augment_shift": float("nan")}, "shift"),
        ({"augment_rotation": 90.0}, "rotation"),
        ({"augment_rotation": "a bit"}, "rotation"),
        ({"augment_scale": 0.6}, "size"),
        ({"augment_thickness": 2.5}, "thickness"),
        ({"augment_thickness": True}, "thickness"),
        ({"augment_noise": -0.1}, "noise"),
        ({"augment_noise": float("inf")}, "noise"),
    ],
)
def test_bad_augmentation_ranges_are_refused(bad, message):
    with pytest.raises(ConfigError, match=message):
        Hyperparameters(**bad)


@settings(max_examples=30, deadline=None)
@given(
    shift=st.floats(0, 8),
    rotation=st.floats(0, 45),
    scale=st.floats(0, 0.5),
    thickness=st.floats(0, 2),
    noise=st.floats(0, 0.5),
    seed=st.integers(0, 1000),
)
def test_trainer_augmentation_keeps_labels_and_pixels_in_range(
    shift, rotation, scale, thickness, noise, seed
):
    hyper = Hyperparameters(
        batch_size=7,
        seed=seed,
        augment_shift=shift,
        augment_rotation=rotation,
        augment_scale=scale,
        augment_thickness=thickness,
        augment_noise=noise,
    )
    trainer = _AUGMENT_TRAINER.with_network(Network(Architecture((784, 3, 10)), seed=0), hyper)
    for _ in range(2):
        result = trainer.step_batch()
        pixels = result.forward.activations[0]
        np.testing.assert_array_equal(result.labels, trainer.train_y[result.indices])
        assert np.all(np.isfinite(pixels))
        assert pixels.min() >= 0.0
        assert pixels.max() <= 1.0


_AUGMENT_TRAINER = Trainer(
    Network(Architecture((784, 3, 10)), seed=0),
    np.random.default_rng(5).random((21, 784)),
    np.random.default_rng(5).integers(0, 10, 21),
)


def test_the_epoch_history_stays_within_what_a_model_file_holds_keeping_first_and_newest():
    from app.core.history import MAX_EPOCHS, EpochRecord, TrainingHistory
    from app.core.model_file import MAX_EPOCH_RECORDS

    assert MAX_EPOCH_RECORDS == MAX_EPOCHS
    history = TrainingHistory()
    for epoch in range(MAX_EPOCHS + 5):
        history.add_epoch(EpochRecord(epoch, epoch * 10, 1.0, 0.5))
    assert len(history.epochs) <= MAX_EPOCHS
    assert history.epochs[0].epoch == 0
    assert history.epochs[-1].epoch == MAX_EPOCHS + 4
    assert [r.epoch for r in history.epochs] == sorted(r.epoch for r in history.epochs)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_a_proposed_step_changes_nothing_and_applying_it_is_the_real_step_bit_for_bit(optimizer):
    """One training step, written once: step = apply(propose()), and propose alone is pure."""
    hyper = {"optimizer": optimizer, "weight_decay": 1e-3, **DEFAULT_AUGMENTATION}
    ours, twin = make_trainer(**hyper), make_trainer(**hyper)
    for trainer in (ours, twin):
        trainer.step_batch()  # the optimizers have state now
    before = ours.network.params.copy()
    state = {k: v.copy() for k, v in ours.optimizer.state().items()}
    proposed = ours.propose(ours.hyper.batch_size)
    again = ours.propose(ours.hyper.batch_size)
    np.testing.assert_array_equal(ours.network.params, before)
    assert ours.step_count == twin.step_count
    for key, value in ours.optimizer.state().items():
        np.testing.assert_array_equal(value, state[key])
    np.testing.assert_array_equal(proposed.new_params, again.new_params)
    taken = ours.apply(proposed)
    real = twin.step_batch()
    np.testing.assert_array_equal(ours.network.params, twin.network.params)
    np.testing.assert_array_equal(taken.change, real.change)
    for key, value in ours.optimizer.state().items():
        np.testing.assert_array_equal(value, twin.optimizer.state()[key])


def test_a_proposal_made_before_another_step_is_refused():
    trainer = make_trainer()
    stale = trainer.propose(4)
    trainer.step_batch()
    with pytest.raises(ConfigError, match="planned"):
        trainer.apply(stale)
