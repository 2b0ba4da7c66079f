"""Changing to a network a pretrained model ships for asks which weights to start from."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.core.network import Architecture
from app.ui.confirmations import architecture_choice


def answer_with(monkeypatch, text: str | None) -> list[str]:
    """Make the next question answer itself by the button labelled ``text`` (None: Cancel)."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        for button in box.buttons():
            label = button.text().replace("&", "")
            if (text is None and box.buttonRole(button) == QMessageBox.ButtonRole.RejectRole) or (
                label == text
            ):
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


@pytest.mark.parametrize(
    ("button", "choice"),
    [("Pretrained weights", "pretrained"), ("Random weights", "random"), (None, None)],
)
def test_a_network_with_a_shipped_model_offers_its_pretrained_weights(
    qtbot, monkeypatch, button, choice
):
    asked = answer_with(monkeypatch, button)
    assert architecture_choice(None, Architecture((784, 32, 10))) == choice
    assert "pretrained model" in asked[0]


def test_a_network_without_one_asks_as_before(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.Yes)
    assert architecture_choice(None, Architecture((784, 12, 10))) == "random"
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.No)
    assert architecture_choice(None, Architecture((784, 12, 10))) is None
