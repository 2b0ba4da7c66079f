"""Nothing false at the start: a pretrained network says so, with its accuracy, at once; a
reset asks first and can be undone exactly; the status bar says when its accuracy was measured."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QMessageBox

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.data.datasets import load_bundled
from app.training import commands as cmd


def test_the_pretrained_start_says_so_with_its_validation_accuracy_at_once(window):
    snap = window._snapshot
    assert snap.step == 0
    assert snap.origin == "pretrained"
    data = load_bundled()
    network = load_model_file(PRETRAINED_MODEL).network()
    inputs = data.val_images.reshape(len(data.val_y), -1).astype(np.float32) / 255
    expected = float(np.mean(network.predict(inputs) == data.val_y))
    assert expected > 0.85
    assert snap.start_accuracy == expected
    text = window.status_line.accuracy.text()
    assert f"{expected:.1%}" in text
    assert "pretrained model" in text


def answer(monkeypatch, button):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: button)


def test_reset_asks_first_and_no_changes_nothing(qtbot, window, monkeypatch):
    before = window._snapshot.params.copy()
    answer(monkeypatch, QMessageBox.StandardButton.No)
    window.controls.reset_button.click()
    window.send(cmd.Step("batch"))  # a marker: the next snapshot comes after both
    qtbot.wait_until(lambda: window._snapshot.step == 1)
    assert window._snapshot.origin == "pretrained"
    assert not window.menus.undo_reset_action.isEnabled()
    assert window._snapshot.initial_params is not None
    np.testing.assert_array_equal(window._snapshot.initial_params, before)


def test_a_reset_can_be_undone_exactly(qtbot, window, monkeypatch):
    window.send(cmd.Step("batch"))
    window.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: window._snapshot.step == 2)
    trained = window._snapshot.params.copy()
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.menus.reset_action.trigger()
    qtbot.wait_until(lambda: window._snapshot.step == 0 and window._snapshot.can_undo_reset)
    assert window._snapshot.origin == "random"
    assert "random weights" in window.status_line.accuracy.text()
    assert not np.array_equal(window._snapshot.params, trained)
    qtbot.wait_until(window.menus.undo_reset_action.isEnabled)
    window.menus.undo_reset_action.trigger()
    qtbot.wait_until(lambda: window._snapshot.step == 2)
    np.testing.assert_array_equal(window._snapshot.params, trained)
    assert window._snapshot.origin == "pretrained"
    assert not window._snapshot.can_undo_reset


def test_after_an_epoch_the_status_says_which_epoch_its_accuracy_is_from(qtbot, window):
    window.send(cmd.Step("epoch"))
    qtbot.wait_until(lambda: bool(window._snapshot.epochs), timeout=20_000)
    qtbot.wait_until(lambda: "end of epoch 1" in window.status_line.accuracy.text())
    assert f"{window._snapshot.val_accuracy:.1%}" in window.status_line.accuracy.text()
