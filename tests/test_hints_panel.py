"""The hints panel: a sentence per hint, one-click changes, and a switch to turn hints off."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.core.hints import (
    ACCURACY_UNSTEADY,
    HINT_KINDS,
    LEARNING_TOO_SLOW,
    LOSS_EXPLODING,
    NEURONS_STUCK,
    NOT_LEARNING,
    OVERFITTING,
    STUCK,
    Hint,
    training_hints,
)
from app.core.training import DEFAULT_AUGMENTATION, Hyperparameters
from app.training import commands as cmd
from app.ui.controls import ControlsPanel
from app.ui.hints_panel import HintsPanel

#: One hint of each kind, shaped as app.core.hints makes them.
HINTS = {
    LOSS_EXPLODING: Hint(
        LOSS_EXPLODING, {"diverged": True, "learning_rate": 3.0}, {"learning_rate": 0.3}
    ),
    NOT_LEARNING: Hint(
        NOT_LEARNING,
        {
            "cause": STUCK,
            "steps": 87000.0,
            "loss": 2.2,
            "chance_loss": 2.303,
            "accuracy": 0.1,
            "chance_accuracy": 0.1,
            "stuck_share": 0.5,
            "gradient_shrink": 1e-9,
            "learning_rate": 10.0,
        },
        {"reset": True, "learning_rate": 1.0},
        ({"activation": "tanh"},),
    ),
    ACCURACY_UNSTEADY: Hint(
        ACCURACY_UNSTEADY,
        {
            "epochs": 10.0,
            "lowest_accuracy": 0.44,
            "highest_accuracy": 0.77,
            "largest_drop": 0.32,
            "learning_rate": 10.0,
        },
        {"learning_rate": 10.0 / 3.0},
    ),
    NEURONS_STUCK: Hint(
        NEURONS_STUCK,
        {"layer": 2, "stuck_share": 0.75, "saturated_share": 0.75, "dead_share": 0.0},
        {"reset": True},
        ({"activation": "relu"}, {"learning_rate": 0.3}),
    ),
    LEARNING_TOO_SLOW: Hint(
        LEARNING_TOO_SLOW,
        {
            "steps": 300.0,
            "relative_fall": 0.004,
            "loss": 0.09,
            "starting_loss": 0.1,
            "learning_rate": 0.001,
        },
        {"learning_rate": 0.01},
    ),
    OVERFITTING: Hint(
        OVERFITTING,
        {
            "epochs": 3.0,
            "val_loss_before": 0.1,
            "val_loss_now": 0.2,
            "train_loss_before": 0.05,
            "train_loss_now": 0.01,
            "weight_decay": 0.0,
        },
        {"weight_decay": 1e-4},
        ({"augment": True},),
    ),
}


@pytest.fixture
def panel(qtbot):
    widget = HintsPanel()
    qtbot.addWidget(widget)
    return widget


def sentences(panel: HintsPanel) -> list[str]:
    return [frame.findChild(QLabel).text() for frame in panel.hint_frames]


def buttons(panel: HintsPanel) -> list[QPushButton]:
    return [b for frame in panel.hint_frames for b in frame.findChildren(QPushButton)]


def test_there_is_a_hint_for_every_kind():
    assert set(HINTS) == set(HINT_KINDS)


def test_each_kind_is_a_distinct_plain_sentence_with_its_numbers(panel):
    texts = {kind: panel.hint_text(hint) for kind, hint in HINTS.items()}
    assert len(set(texts.values())) == len(HINT_KINDS)
    for text in texts.values():
        assert text.endswith(".")
        assert "try" in text.lower()  # each says what to try
        assert not re.search(r"%\d", text)  # every placeholder filled
    assert "too large" in texts[LOSS_EXPLODING]
    assert "0.3" in texts[LOSS_EXPLODING]
    assert "hidden layer 2" in texts[NEURONS_STUCK]
    assert "75 %" in texts[NEURONS_STUCK]
    assert "saturated" in texts[NEURONS_STUCK]
    assert "too small" in texts[LEARNING_TOO_SLOW]
    assert "300 steps" in texts[LEARNING_TOO_SLOW]
    assert "0.4 %" in texts[LEARNING_TOO_SLOW]
    assert "overfitting" in texts[OVERFITTING]
    assert "3 epochs" in texts[OVERFITTING]
    assert "no better than guessing" in texts[NOT_LEARNING]
    assert "87,000 steps" in texts[NOT_LEARNING]
    assert "accuracy 10 %" in texts[NOT_LEARNING]
    assert "stuck" in texts[NOT_LEARNING]
    assert "such as 1." in texts[NOT_LEARNING]
    assert "between 44 % and 77 %" in texts[ACCURACY_UNSTEADY]
    assert "too large" in texts[ACCURACY_UNSTEADY]
    assert "3.33" in texts[ACCURACY_UNSTEADY]


def test_a_climbing_loss_and_dead_neurons_have_their_own_words(panel):
    climbing = Hint(
        LOSS_EXPLODING,
        {"recent_loss": 0.6, "lowest_loss": 0.05, "diverged": False, "learning_rate": 0.5},
        {"learning_rate": 0.05},
    )
    assert "climbing back up" in panel.hint_text(climbing)
    assert "0.05" in panel.hint_text(climbing)
    dead = Hint(
        NEURONS_STUCK,
        {"layer": 1, "stuck_share": 0.9, "saturated_share": 0.0, "dead_share": 0.9},
        {"reset": True},
    )
    assert "dead" in panel.hint_text(dead)
    assert "90 %" in panel.hint_text(dead)


def test_real_hints_from_the_engine_are_shown(panel):
    steps = np.arange(1.0, 51.0)
    hints = training_hints(steps, np.full(50, 0.3), [], Hyperparameters(), diverged=True)
    panel.show_hints(hints)
    assert len(panel.hint_frames) == 1
    assert "learning rate 3 is far too large" in sentences(panel)[0]
    assert [b.text() for b in buttons(panel)] == ["Set the learning rate to 0.3"]


def test_every_hint_shows_with_a_button_per_change(panel):
    panel.show_hints(list(HINTS.values()))
    assert sentences(panel) == [panel.hint_text(h) for h in HINTS.values()]
    assert [b.text() for b in buttons(panel)] == [
        "Set the learning rate to 0.3",
        "Reset the weights, Set the learning rate to 1",
        "Switch to tanh",
        "Set the learning rate to 3.33",
        "Reset the weights",
        "Switch to ReLU",
        "Set the learning rate to 0.3",
        "Set the learning rate to 0.01",
        "Set weight decay to 0.0001",
        "Switch on augmentation",
    ]
    assert all(b.toolTip() for b in buttons(panel))
    assert not panel.empty_label.isVisibleTo(panel)


def test_apply_emits_the_change_the_hint_carries(qtbot, panel):
    panel.show_hints([HINTS[OVERFITTING]])
    decay, augment = buttons(panel)
    with qtbot.waitSignal(panel.apply_requested) as signal:
        qtbot.mouseClick(decay, Qt.MouseButton.LeftButton)
    assert signal.args == [{"weight_decay": 1e-4}]
    with qtbot.waitSignal(panel.apply_requested) as signal:
        qtbot.mouseClick(augment, Qt.MouseButton.LeftButton)
    assert signal.args == [{"augment": True}]


def test_apply_through_the_controls_sends_the_new_hyperparameters(qtbot, panel):
    """The wiring the window uses: apply_requested → ControlsPanel.apply_changes."""
    controls = ControlsPanel()
    qtbot.addWidget(controls)
    panel.apply_requested.connect(controls.apply_changes)
    sent = []
    controls.command_requested.connect(sent.append)
    panel.show_hints([HINTS[LOSS_EXPLODING], HINTS[OVERFITTING]])
    rate, _decay, augment = buttons(panel)
    qtbot.mouseClick(rate, Qt.MouseButton.LeftButton)
    assert sent[-1] == cmd.SetHyperparameters(Hyperparameters(learning_rate=0.3))
    qtbot.mouseClick(augment, Qt.MouseButton.LeftButton)
    assert sent[-1] == cmd.SetHyperparameters(
        Hyperparameters(learning_rate=0.3, **DEFAULT_AUGMENTATION)
    )


def test_no_hints_is_a_healthy_message(panel):
    panel.show_hints([HINTS[OVERFITTING]])
    panel.show_hints([])
    assert panel.hint_frames == []
    assert panel.empty_label.isVisibleTo(panel)
    assert panel.empty_label.text() == "No hints: training looks healthy."


def test_switching_hints_off_leaves_only_the_check_box(qtbot, panel):
    panel.show_hints([HINTS[OVERFITTING]])
    assert panel.hint_list.isVisibleTo(panel)
    with qtbot.waitSignal(panel.enabled_changed) as signal:
        panel.enabled_box.click()
    assert signal.args == [False]
    assert not panel.hints_enabled()
    assert not panel.hint_list.isVisibleTo(panel)
    assert not panel.empty_label.isVisibleTo(panel)
    assert panel.enabled_box.isVisibleTo(panel)
    # Hints that arrive while off wait, and show once hints are on again.
    panel.show_hints([HINTS[LEARNING_TOO_SLOW]])
    assert not panel.hint_list.isVisibleTo(panel)
    with qtbot.waitSignal(panel.enabled_changed) as signal:
        panel.set_hints_enabled(True)
    assert signal.args == [True]
    assert panel.hint_list.isVisibleTo(panel)
    assert "too small" in sentences(panel)[0]
    panel.show_hints([])
    panel.set_hints_enabled(False)
    assert not panel.empty_label.isVisibleTo(panel)


def test_the_same_hints_again_keep_their_widgets(panel):
    panel.show_hints([HINTS[OVERFITTING]])
    frames = list(panel.hint_frames)
    panel.show_hints([HINTS[OVERFITTING]])
    assert panel.hint_frames == frames
    panel.show_hints([HINTS[LOSS_EXPLODING]])
    assert panel.hint_frames != frames


def test_an_unknown_kind_still_gets_a_sentence(panel):
    assert "something unusual" in panel.hint_text(Hint("gradient_vanishing"))
