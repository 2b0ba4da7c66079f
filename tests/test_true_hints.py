"""Hints on real runs tell the truth: a network stuck at guessing is told so and what to try,
one whose accuracy jumps about is told its steps are too large, one that only learns slowly
is not told to reset, and healthy runs hear no alarm."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.hints import (
    ACCURACY_UNSTEADY,
    LEARNING_TOO_SLOW,
    LOSS_EXPLODING,
    NEURONS_STUCK,
    NOT_LEARNING,
    SLOW,
    STUCK,
    UNKNOWN,
    Hint,
    chance_loss,
    trainer_hints,
    training_hints,
)
from app.core.history import EpochRecord
from app.core.layer_health import GradientSizeHistory, HiddenLayerHealth, hidden_layer_health
from app.core.network import Architecture, Network
from app.core.points_map import fixed_sample
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import load_bundled
from app.training import commands as cmd
from app.ui.controls import ControlsPanel
from app.ui.hints_panel import HintsPanel

ALARMS = {LOSS_EXPLODING, NOT_LEARNING, NEURONS_STUCK, ACCURACY_UNSTEADY, LEARNING_TOO_SLOW}


@pytest.fixture(scope="module")
def data():
    return load_bundled()


class Run:
    """A real run on the bundled digits, with the hints the window can give after each epoch:
    ``minimal`` from what the window passes today (history, epochs, settings), ``full`` with
    the architecture, each layer's gradient sizes and the health of the hidden layers too."""

    def __init__(self, data, sizes, activation, loss, learning_rate, epochs, seed=0) -> None:
        self.net = Network(Architecture(sizes, activation, loss), seed=seed)
        self.trainer = Trainer(
            self.net,
            data.train_x,
            data.train_y,
            Hyperparameters(learning_rate=learning_rate, seed=seed),
            val_x=data.val_x,
            val_y=data.val_y,
        )
        self.sizes = GradientSizeHistory()
        sample = data.val_x[fixed_sample(data.val_y, 500, seed=0)]
        self.minimal: list[list[Hint]] = []
        self.full: list[list[Hint]] = []
        for _ in range(epochs):
            for step in self.trainer.step_epoch():
                self.sizes.append(step.gradients.flat, self.net.architecture, step.step)
            history = self.trainer.history
            self.minimal.append(
                training_hints(
                    history.losses.steps, history.losses.losses, history.epochs, self.trainer.hyper
                )
            )
            with np.errstate(all="ignore"):
                health = hidden_layer_health(self.net, sample)
            self.full.append(trainer_hints(self.trainer, health, gradient_sizes=self.sizes.sizes))

    @property
    def accuracy(self) -> float:
        return self.trainer.history.epochs[-1].val_accuracy


def kinds(hints: list[Hint]) -> list[str]:
    return [h.kind for h in hints]


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_relus_killed_by_a_learning_rate_of_10_hear_the_network_only_guesses(data, loss):
    """The reported run: ReLU at η = 10, accuracy 10 %, dead neurons; the panel said
    "training looks healthy"."""
    run = Run(data, (784, 16, 16, 10), "relu", loss, 10.0, epochs=3)
    assert run.accuracy <= 0.15  # the run really is at chance
    (hint, *_) = run.full[-1]
    assert hint.kind == NOT_LEARNING
    assert hint.evidence["cause"] == STUCK
    assert hint.evidence["accuracy"] == run.accuracy
    assert hint.evidence["chance_accuracy"] == 0.1
    assert hint.evidence["chance_loss"] == pytest.approx(chance_loss(loss, 10))
    assert hint.evidence["gradient_shrink"] < 1e-2
    assert hint.suggestion == {"reset": True, "learning_rate": 1.0}
    assert hint.alternatives == ({"activation": "tanh"},)
    # From what the window passes today, too (the cause then cannot be told).
    (hint, *_) = run.minimal[-1]
    assert hint.kind == NOT_LEARNING
    assert hint.evidence["cause"] == UNKNOWN
    assert hint.suggestion == {"reset": True, "learning_rate": 1.0}


def test_three_sigmoid_hidden_layers_at_10_hear_their_accuracy_jumps_about(data):
    """The other reported run: three sigmoid hidden layers at η = 10 stuck near 60 %."""
    run = Run(data, (784, 16, 16, 16, 10), "sigmoid", "mse", 10.0, epochs=20)
    accuracy = np.array([e.val_accuracy for e in run.trainer.history.epochs])
    assert accuracy.max() < 0.85  # far below what this network reaches at η = 3 (≈ 90 %)
    fired = [e for e, found in enumerate(run.minimal) if ACCURACY_UNSTEADY in kinds(found)]
    assert fired, f"no hint for an accuracy of {np.round(accuracy, 2)}"
    for epoch in fired:
        (hint,) = [h for h in run.minimal[epoch] if h.kind == ACCURACY_UNSTEADY]
        shown = accuracy[epoch + 1 - 10 : epoch + 1]
        assert hint.evidence["lowest_accuracy"] == shown.min()
        assert hint.evidence["highest_accuracy"] == shown.max()
        assert hint.evidence["largest_drop"] >= 0.08
        assert hint.suggestion == {"learning_rate": pytest.approx(10.0 / 3.0)}
        assert LOSS_EXPLODING not in kinds(run.minimal[epoch])


def test_a_network_that_only_learns_slowly_is_told_to_take_larger_steps_not_to_reset(data):
    run = Run(data, (784, 16, 16, 10), "sigmoid", "cross_entropy", 0.001, epochs=3)
    assert run.accuracy <= 0.15
    (hint,) = run.full[-1]
    assert hint.kind == NOT_LEARNING
    assert hint.evidence["cause"] == SLOW
    assert hint.evidence["gradient_shrink"] > 0.1  # its gradients are as large as ever
    assert hint.suggestion == {"learning_rate": pytest.approx(0.01)}
    assert hint.alternatives == ()


@pytest.mark.parametrize(
    ("activation", "loss", "learning_rate"),
    [
        ("sigmoid", "mse", 3.0),  # the lesson's network at the lesson's rate
        ("sigmoid", "mse", 0.1),  # a slow start: 17 % after one epoch, 58 % after eight
        ("relu", "cross_entropy", 0.1),
        ("tanh", "mse", 0.1),
    ],
)
def test_healthy_runs_hear_no_alarm(data, activation, loss, learning_rate):
    run = Run(data, (784, 16, 16, 10), activation, loss, learning_rate, epochs=8)
    for epoch, (minimal, full) in enumerate(zip(run.minimal, run.full, strict=True), start=1):
        assert not ALARMS & set(kinds(minimal)), f"epoch {epoch}: {minimal}"
        assert not ALARMS & set(kinds(full)), f"epoch {epoch}: {full}"


def saturated(share: float, n: int = 16) -> list[HiddenLayerHealth]:
    mask = np.arange(n) < round(share * n)
    return [HiddenLayerHealth(1, "sigmoid", mask, np.zeros(n, bool), mask.astype(float))]


def test_a_network_that_reads_well_is_not_told_its_saturated_neurons_have_stopped_it():
    """Measured: the lesson's network trained from scratch at η = 3 reads 90 % of the digits
    with 56 % of its first layer saturated. Telling the class to reset it would be false."""
    steps = np.arange(1.0, 501)
    losses = 0.5 * 0.9 ** (steps / 50)
    well = [EpochRecord(0, 450, 0.2, 0.9)]
    poorly = [EpochRecord(0, 450, 0.6, 0.5)]
    hyper = Hyperparameters()
    assert training_hints(steps, losses, well, hyper, saturated(0.75)) == []
    assert kinds(training_hints(steps, losses, poorly, hyper, saturated(0.75))) == [NEURONS_STUCK]


def test_the_panel_words_the_real_hint_and_one_click_resets_with_a_smaller_rate(qtbot, data):
    run = Run(data, (784, 16, 16, 10), "relu", "cross_entropy", 10.0, epochs=3)
    panel = HintsPanel()
    qtbot.addWidget(panel)
    controls = ControlsPanel()
    qtbot.addWidget(controls)
    panel.apply_requested.connect(controls.apply_changes)
    sent = []
    controls.command_requested.connect(sent.append)
    panel.show_hints(run.full[-1])
    assert not panel.empty_label.isVisibleTo(panel)
    text = panel.hint_text(run.full[-1][0])
    assert "no better than guessing" in text
    assert f"validation accuracy {100 * run.accuracy:.0f} %" in text
    assert "stuck" in text
    buttons = panel.hint_frames[0].findChildren(QPushButton)
    assert [b.text() for b in buttons] == [
        "Reset the weights, Set the learning rate to 1",
        "Switch to tanh",
    ]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert sent[-2].hyper.learning_rate == 1.0
    assert sent[-1] == cmd.Reset()
