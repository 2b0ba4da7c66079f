"""The questions asked before the learning is thrown away: a reset and a new network.

Both are the window's questions (their texts keep the "MainWindow" context of the catalogue).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app import pretrained_model_for


def reset_confirmed(parent: QWidget, step: int | None) -> bool:
    """Start again from random weights? ``step`` is where the network is now (None: unknown).
    Training → Undo reset brings it back, and the question says so."""
    what = (
        ""
        if step is None
        else QCoreApplication.translate("MainWindow", " (step %1)").replace("%1", f"{step:,}")
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Start again from random weights?"),
        QCoreApplication.translate(
            "MainWindow",
            "The network forgets what it has learned%1 and starts from random weights, "
            "as an untrained network. Training → Undo reset brings it back.",
        ).replace("%1", what),
    )
    return answer == QMessageBox.StandardButton.Yes


def architecture_confirmed(parent: QWidget, architecture) -> bool:
    """Change the network to ``architecture`` (random weights)?"""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("MainWindow", "Change the network?"),
        QCoreApplication.translate(
            "MainWindow",
            "The network becomes %1 with %2 weights and biases. This starts again from "
            "random weights. Continue?",
        )
        .replace("%1", architecture.describe())
        .replace("%2", f"{architecture.n_parameters:,}"),
    )
    return answer == QMessageBox.StandardButton.Yes


def architecture_choice(parent: QWidget, architecture) -> str | None:
    """Change the network to ``architecture``, and from which weights? "pretrained" (the
    shipped pretrained model for it, ``app.pretrained_model_for``), "random", or None to keep
    the network. Without a shipped model it asks ``architecture_confirmed``'s question."""
    if pretrained_model_for(architecture) is None:
        return "random" if architecture_confirmed(parent, architecture) else None
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("MainWindow", "Change the network?"),
        translate(
            "MainWindow",
            "The network becomes %1 with %2 weights and biases. A pretrained model ships for "
            "it: start from its weights, which already read digits, or from random weights, "
            "to watch it learn?",
        )
        .replace("%1", architecture.describe())
        .replace("%2", f"{architecture.n_parameters:,}"),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    pretrained = box.addButton(
        translate("MainWindow", "Pretrained weights"), QMessageBox.ButtonRole.AcceptRole
    )
    random = box.addButton(
        translate("MainWindow", "Random weights"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(pretrained)
    box.exec()
    clicked = box.clickedButton()
    return "pretrained" if clicked is pretrained else "random" if clicked is random else None
