"""The controls: weight decay, the schedule and augmentation send the same command as the rest;
every control says in its tooltip what it does and what to try."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QSlider,
)

from app.core.network import Architecture
from app.core.training import DEFAULT_AUGMENTATION, Hyperparameters
from app.errors import ConfigError
from app.training import commands as cmd
from app.ui.controls import PREVIEW_COPIES, ControlsPanel, lr_to_tick


@pytest.fixture
def controls(qtbot):
    panel = ControlsPanel()
    qtbot.addWidget(panel)
    panel.sent = []
    panel.command_requested.connect(panel.sent.append)
    return panel


def last_hyper(panel: ControlsPanel) -> Hyperparameters:
    commands = [c for c in panel.sent if isinstance(c, cmd.SetHyperparameters)]
    assert commands, "no SetHyperparameters was sent"
    return commands[-1].hyper


def digit() -> np.ndarray:
    image = np.zeros((28, 28))
    image[6:22, 12:16] = 1.0  # a thick "1"
    return image


def test_every_control_has_a_tooltip_saying_what_to_try(controls):
    controls.experiments_toggle.setChecked(True)
    widgets = controls.findChildren(QAbstractButton) + controls.findChildren(QComboBox)
    widgets += controls.findChildren(QAbstractSpinBox) + controls.findChildren(QSlider)
    assert len(widgets) >= 25
    for widget in widgets:
        tip = widget.toolTip()
        assert "try" in tip.lower(), f"{type(widget).__name__} {widget.objectName()}: {tip!r}"
    assert "overshoot" in controls.lr_slider.toolTip()
    assert "crawl" in controls.lr_slider.toolTip()


def test_off_by_default(controls):
    hyper = Hyperparameters()
    assert controls.weight_decay.value() == 0.0
    assert controls.weight_decay.text() == "off"
    assert controls.lr_schedule.currentData() == "constant"
    for spin in (
        controls.augment_shift,
        controls.augment_rotation,
        controls.augment_scale,
        controls.augment_thickness,
        controls.augment_noise,
    ):
        assert spin.value() == 0.0
    assert not hyper.augmenting
    assert "labels never change" in controls.labels_note.text()


def test_weight_decay_steps_by_decades_and_is_sent(controls):
    controls.weight_decay.stepBy(1)
    assert last_hyper(controls).weight_decay == 1e-5
    controls.weight_decay.stepBy(2)
    assert last_hyper(controls).weight_decay == 1e-3
    assert controls.weight_decay.text() == "0.001"
    controls.weight_decay.stepBy(10)
    assert controls.weight_decay.value() == 1.0  # the most there is
    controls.weight_decay.stepBy(-5)
    assert controls.weight_decay.value() == 1e-5
    controls.weight_decay.stepBy(-1)
    assert last_hyper(controls).weight_decay == 0.0
    controls.weight_decay.lineEdit().setText("3e-4")
    controls.weight_decay.interpretText()
    assert last_hyper(controls).weight_decay == pytest.approx(3e-4)


def test_only_the_chosen_schedules_parameters_show_and_are_sent(controls):
    form = controls._experiments_form
    assert not form.isRowVisible(controls.lr_step_epochs)
    assert not form.isRowVisible(controls.lr_cosine_epochs)
    controls.lr_schedule.setCurrentIndex(controls.lr_schedule.findData("step"))
    assert last_hyper(controls).lr_schedule == "step"
    assert form.isRowVisible(controls.lr_step_epochs)
    assert form.isRowVisible(controls.lr_step_factor)
    assert not form.isRowVisible(controls.lr_cosine_floor)
    controls.lr_step_epochs.setValue(3)
    controls.lr_step_factor.setValue(0.25)
    hyper = last_hyper(controls)
    assert (hyper.lr_step_epochs, hyper.lr_step_factor) == (3, 0.25)
    controls.lr_schedule.setCurrentIndex(controls.lr_schedule.findData("cosine"))
    assert not form.isRowVisible(controls.lr_step_epochs)
    assert form.isRowVisible(controls.lr_cosine_epochs)
    controls.lr_cosine_epochs.setValue(12)
    controls.lr_cosine_floor.setValue(0.1)
    hyper = last_hyper(controls)
    assert (hyper.lr_schedule, hyper.lr_cosine_epochs, hyper.lr_cosine_floor) == (
        "cosine",
        12,
        0.1,
    )
    assert hyper.lr_step_epochs == 3  # kept for when the teacher switches back


def test_augmentation_spins_send_their_ranges(controls):
    controls.augment_shift.setValue(2.5)
    controls.augment_rotation.setValue(15)
    controls.augment_scale.setValue(10)  # percent on screen, a share in the settings
    controls.augment_thickness.setValue(0.5)
    controls.augment_noise.setValue(0.1)
    hyper = last_hyper(controls)
    assert (hyper.augment_shift, hyper.augment_rotation) == (2.5, 15.0)
    assert hyper.augment_scale == pytest.approx(0.1)
    assert (hyper.augment_thickness, hyper.augment_noise) == (0.5, 0.1)


def test_the_other_controls_keep_the_new_settings(controls):
    """One place builds the hyperparameters: moving the learning rate keeps decay and moves."""
    controls.weight_decay.stepBy(2)
    controls.augment_noise.setValue(0.2)
    controls.lr_slider.setValue(lr_to_tick(0.1))
    hyper = last_hyper(controls)
    assert hyper.learning_rate == 0.1
    assert (hyper.weight_decay, hyper.augment_noise) == (1e-4, 0.2)
    controls.batch_size.setValue(32)
    controls.optimizer.setCurrentIndex(controls.optimizer.findData("adam"))
    hyper = last_hyper(controls)
    assert (hyper.batch_size, hyper.optimizer, hyper.augment_noise) == (32, "adam", 0.2)


def test_a_value_no_widget_can_show_survives_another_change(controls):
    controls.apply_changes({"augment_scale": 0.125, "weight_decay": 3.3e-5})
    controls.augment_shift.setValue(1.0)
    hyper = last_hyper(controls)
    assert (hyper.augment_scale, hyper.weight_decay, hyper.augment_shift) == (0.125, 3.3e-5, 1.0)


def test_the_preview_shows_the_image_moved_and_rerolls_on_change(controls):
    assert controls.preview_images() is None
    controls.set_preview_image(digit())
    shown = controls.preview_images()
    assert shown.shape == (PREVIEW_COPIES, 28, 28)
    assert all(np.array_equal(copy, digit()) for copy in shown)  # off: as it is
    assert not controls.augment_preview.pixmap().isNull()
    controls.augment_rotation.setValue(30)
    moved = controls.preview_images()
    assert not any(np.array_equal(copy, digit()) for copy in moved)
    assert not np.array_equal(moved[0], moved[1])  # each copy its own random move
    assert moved.min() >= 0.0
    assert moved.max() <= 1.0
    controls.reroll_button.click()
    again = controls.preview_images()
    assert not np.array_equal(again, moved)
    controls.augment_rotation.setValue(0)
    assert all(np.array_equal(copy, digit()) for copy in controls.preview_images())
    controls.set_preview_image(digit().reshape(784))  # flat works too
    controls.set_preview_image(None)
    assert controls.preview_images() is None


@pytest.mark.parametrize("bad", [np.zeros((10, 10)), np.zeros(5), np.zeros((2, 28, 28))])
def test_a_preview_image_of_another_size_is_refused(controls, bad):
    with pytest.raises(ConfigError, match="28×28"):
        controls.set_preview_image(bad)


def test_apply_changes_takes_every_suggestion_of_the_hints(controls):
    controls.apply_changes({"learning_rate": 0.3})
    assert last_hyper(controls).learning_rate == 0.3
    assert controls.lr_label.text() == "0.3"
    controls.apply_changes({"weight_decay": 1e-4})
    assert controls.weight_decay.value() == 1e-4
    controls.apply_changes({"augment": True})
    hyper = last_hyper(controls)
    assert hyper == Hyperparameters(learning_rate=0.3, weight_decay=1e-4, **DEFAULT_AUGMENTATION)
    assert controls.augment_shift.value() == DEFAULT_AUGMENTATION["augment_shift"]
    controls.apply_changes({"reset": True})
    assert controls.sent[-1] == cmd.Reset()
    controls.apply_changes({"activation": "relu"})
    assert controls.sent[-1] == cmd.SetArchitecture(Architecture(activation="relu"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"warp_speed": 9}, "warp_speed"),
        ({"learning_rate": 500.0}, "learning rate"),
        ({"augment_noise": 0.9}, "noise"),
        ({"activation": "swish"}, "swish"),
    ],
)
def test_apply_changes_refuses_bad_changes_and_sends_nothing(controls, changes, message):
    with pytest.raises(ConfigError, match=message):
        controls.apply_changes(changes)
    assert controls.sent == []


def test_the_experiments_fold_and_do_not_widen_the_column(controls):
    folded = controls.minimumSizeHint().width()
    assert not controls.experiments.isVisibleTo(controls)
    controls.experiments_toggle.setChecked(True)
    assert controls.experiments.isVisibleTo(controls)
    assert controls.minimumSizeHint().width() <= folded


def test_play_starts_at_a_pace_a_class_can_follow_and_full_speed_is_one_click(controls):
    from app.ui.controls import SPEEDS

    assert 10 <= SPEEDS[controls.speed.value()] <= 50  # tens of steps a second
    controls.full_speed.click()
    assert SPEEDS[controls.speed.value()] is None
    assert [c.steps_per_second for c in controls.sent if isinstance(c, cmd.SetSpeedLimit)][
        -1
    ] is None
