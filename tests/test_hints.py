"""Hints: each rule fires on the numbers it is about, and stays quiet otherwise."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.hints import (
    HINT_KINDS,
    LEARNING_TOO_SLOW,
    LOSS_EXPLODING,
    NEURONS_STUCK,
    OVERFITTING,
    Hint,
    trainer_hints,
    training_hints,
)
from app.core.history import EpochRecord
from app.core.layer_health import HiddenLayerHealth, hidden_layer_health
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer

LESSON = Hyperparameters()  # η = 3


def kinds(hints: list[Hint]) -> list[str]:
    return [h.kind for h in hints]


def falling(n: int = 400, start: float = 0.5, end: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    steps = np.arange(1.0, n + 1)
    return steps, start * (end / start) ** (steps / n)


def hints_for(steps, losses, epochs=(), hyper=LESSON, health=(), **kwargs) -> list[Hint]:
    return training_hints(steps, losses, epochs, hyper, health, **kwargs)


def test_healthy_training_gives_no_hints():
    assert hints_for(*falling()) == []
    assert hints_for(np.zeros(0), np.zeros(0)) == []


# -- the loss is exploding ---------------------------------------------------------------------


def test_a_diverged_step_says_the_learning_rate_is_too_large():
    (hint,) = hints_for(*falling(50), diverged=True)
    assert hint.kind == LOSS_EXPLODING
    assert hint.evidence["diverged"] is True
    assert hint.suggestion == {"learning_rate": 0.3}


def test_a_loss_climbing_back_up_is_exploding():
    steps, losses = falling(600, 0.5, 0.05)
    losses[-150:] = np.linspace(0.1, 0.8, 150)
    (hint,) = hints_for(steps, losses, hyper=Hyperparameters(learning_rate=0.5))
    assert hint.kind == LOSS_EXPLODING
    assert hint.evidence["recent_loss"] > 3 * hint.evidence["lowest_loss"]
    assert hint.suggestion == {"learning_rate": pytest.approx(0.05)}


def test_a_nan_loss_is_exploding():
    steps, losses = falling(100)
    losses[-1] = np.nan
    assert kinds(hints_for(steps, losses)) == [LOSS_EXPLODING]


def test_noise_near_zero_is_not_exploding():
    steps, losses = falling(300, 0.5, 0.001)
    losses[-20:] = 0.0035  # 3.5 × the lowest, but nowhere near the start
    assert hints_for(steps, losses) == []


# -- the loss barely moves -----------------------------------------------------------------


def test_a_flat_loss_near_its_start_says_the_rate_is_too_small():
    steps = np.arange(1.0, 501)
    losses = 0.25 - 1e-6 * steps
    (hint,) = hints_for(steps, losses, hyper=Hyperparameters(learning_rate=0.001))
    assert hint.kind == LEARNING_TOO_SLOW
    assert hint.suggestion == {"learning_rate": pytest.approx(0.01)}
    assert hint.evidence["relative_fall"] < 0.01
    capped = hints_for(steps, losses, hyper=Hyperparameters(learning_rate=3.0))
    assert capped[0].suggestion == {"learning_rate": 10.0}
    assert hints_for(steps, losses, hyper=Hyperparameters(learning_rate=10.0)) == []


def test_a_network_that_finished_learning_is_not_too_slow():
    steps, losses = falling(300, 0.5, 0.05)
    steps = np.concatenate([steps, np.arange(301.0, 801)])
    losses = np.concatenate([losses, np.full(500, 0.05)])
    assert hints_for(steps, losses) == []


def test_too_few_steps_to_judge_a_plateau():
    steps = np.arange(1.0, 201)
    assert hints_for(steps, np.full(200, 0.25)) == []


# -- overfitting -----------------------------------------------------------------------------


def epochs_with(
    val_losses: list[float], steps_per_epoch: int = 100, accuracy: float = 0.9
) -> list[EpochRecord]:
    return [
        EpochRecord(e, (e + 1) * steps_per_epoch, v, accuracy) for e, v in enumerate(val_losses)
    ]


def test_validation_loss_rising_while_training_loss_falls_is_overfitting():
    steps, losses = falling(500, 0.3, 0.01)
    epochs = epochs_with([0.3, 0.2, 0.22, 0.25, 0.3])
    (hint,) = hints_for(steps, losses, epochs)
    assert hint.kind == OVERFITTING
    assert hint.suggestion == {"weight_decay": 1e-4}
    assert hint.alternatives == ({"augment": True},)
    assert hint.evidence["val_loss_now"] > hint.evidence["val_loss_before"]
    assert hint.evidence["train_loss_now"] < hint.evidence["train_loss_before"]
    # Decay on already: ten times more. Augmenting already: no alternative.
    (hint,) = hints_for(steps, losses, epochs, Hyperparameters(weight_decay=1e-3), augmenting=True)
    assert hint.suggestion == {"weight_decay": pytest.approx(1e-2)}
    assert hint.alternatives == ()
    (hint,) = hints_for(steps, losses, epochs, Hyperparameters(weight_decay=1.0))
    assert hint.suggestion == {"augment": True}


@pytest.mark.parametrize(
    "val_losses",
    [
        [0.3, 0.2, 0.19, 0.25, 0.3],  # rising for two epochs only
        [0.2, 0.22, 0.25],  # not enough epochs yet
        [0.3, 0.2, 0.18, 0.16, 0.15],  # falling: all is well
        [0.3, 0.2, 0.22, 0.22, 0.3],  # a flat epoch breaks the run
    ],
)
def test_no_overfitting_without_three_rising_epochs(val_losses):
    steps, losses = falling(500, 0.3, 0.01)
    assert hints_for(steps, losses, epochs_with(val_losses)) == []


def test_both_losses_rising_is_not_overfitting():
    steps = np.arange(1.0, 501)
    losses = 0.1 + steps * 1e-4  # training loss rising too (slowly: not exploding)
    assert OVERFITTING not in kinds(
        hints_for(steps, losses, epochs_with([0.3, 0.2, 0.22, 0.25, 0.3]))
    )


# -- stuck neurons ---------------------------------------------------------------------------


def layer_health(layer: int, activation: str, saturated: list[bool], dead: list[bool]):
    sat = np.array(saturated)
    return HiddenLayerHealth(layer, activation, sat, np.array(dead), sat.astype(float))


def test_most_neurons_saturated_suggests_a_reset():
    health = [
        layer_health(1, "sigmoid", [False] * 4, [False] * 4),
        layer_health(2, "sigmoid", [True, True, True, False], [False] * 4),
    ]
    (hint,) = hints_for(*falling(), health=health)
    assert hint.kind == NEURONS_STUCK
    assert hint.evidence["layer"] == 2
    assert hint.evidence["stuck_share"] == 0.75
    assert hint.suggestion == {"reset": True}
    assert hint.alternatives == ({"activation": "relu"}, {"learning_rate": 0.3})


def test_most_relus_dead_suggests_another_activation():
    health = [layer_health(1, "relu", [False] * 3, [True, True, False])]
    (hint,) = hints_for(*falling(), health=health)
    assert hint.evidence["dead_share"] == pytest.approx(2 / 3)
    assert hint.alternatives[0] == {"activation": "tanh"}


def test_half_the_neurons_stuck_is_not_most():
    health = [layer_health(1, "sigmoid", [True, False], [False, False])]
    assert hints_for(*falling(), health=health) == []


def test_stuck_neurons_explain_a_plateau_so_the_rate_is_not_blamed():
    steps = np.arange(1.0, 501)
    losses = np.full(500, 0.25)
    health = [layer_health(1, "sigmoid", [True, True, True], [False] * 3)]
    assert kinds(hints_for(steps, losses)) == [LEARNING_TOO_SLOW]
    assert kinds(hints_for(steps, losses, health=health)) == [NEURONS_STUCK]


def test_hints_come_most_urgent_first_with_stable_kinds():
    steps, losses = falling(500, 0.3, 0.01)
    health = [layer_health(1, "sigmoid", [True, True], [False, False])]
    epochs = epochs_with([0.3, 0.2, 0.22, 0.25, 0.3], accuracy=0.7)
    found = hints_for(steps, losses, epochs, health=health, diverged=True)
    assert kinds(found) == [LOSS_EXPLODING, NEURONS_STUCK, OVERFITTING]
    assert HINT_KINDS == (
        "loss_exploding",
        "not_learning",
        "neurons_stuck",
        "accuracy_unsteady",
        "learning_too_slow",
        "overfitting",
    )


def test_hints_from_a_real_trainer():
    rng = np.random.default_rng(0)
    x, y = rng.random((40, 784)), rng.integers(0, 10, 40)
    trainer = Trainer(Network(seed=0), x, y, Hyperparameters(learning_rate=1e-6, batch_size=1))
    for _ in range(420):
        trainer.step_batch()
    health = hidden_layer_health(trainer.network, x)
    assert kinds(trainer_hints(trainer, health)) == [LEARNING_TOO_SLOW]
    assert kinds(trainer_hints(trainer, health, diverged=True)) == [LOSS_EXPLODING]
    # A saturated network: huge first-layer weights pin every sigmoid at 0 or 1.
    big = Network(Architecture((784, 16, 10)), seed=0)
    big.weights[0][...] *= 200.0
    stuck = hidden_layer_health(big, x)
    assert stuck[0].saturated_share > 0.5
    assert NEURONS_STUCK in kinds(trainer_hints(trainer, stuck))


def test_the_lessons_own_noisy_run_never_looks_exploding():
    """From the pretrained model at the lesson's η = 3, batch 10: mini-batch losses swing
    between 0.02 and 0.3, and a healthy run must not be told its loss explodes, that it only
    guesses, that its neurons or accuracy are stuck, or that its steps are too small; neither
    from what the window passed before nor with the architecture, gradient sizes and health."""
    from app import PRETRAINED_MODEL
    from app.core.layer_health import GradientSizeHistory
    from app.core.model_file import load_model_file
    from app.core.training import Trainer
    from app.data.datasets import load_bundled

    data = load_bundled()
    trainer = Trainer(
        load_model_file(PRETRAINED_MODEL).network(),
        data.train_x,
        data.train_y,
        Hyperparameters(learning_rate=3.0, batch_size=10),
        val_x=data.val_x,
        val_y=data.val_y,
    )
    sizes = GradientSizeHistory()
    fired = []
    for step in range(1, 3001):
        result = trainer.step_batch()
        sizes.append(result.gradients.flat, trainer.network.architecture, step)
        if step % 100 == 0:
            history = trainer.history
            found = training_hints(
                history.losses.steps, history.losses.losses, history.epochs, trainer.hyper
            )
            health = hidden_layer_health(trainer.network, data.val_x[:500])
            found += trainer_hints(trainer, health, gradient_sizes=sizes.sizes)
            fired += [(step, hint.kind) for hint in found if hint.kind != OVERFITTING]
    assert fired == []
