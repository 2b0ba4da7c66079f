"""The status bar's five facts: the data, the step, the speed, the loss, the accuracy.

Each says what it measures: the accuracy is the validation set's, at the end of the last
epoch, or at the start, before any epoch, with where the weights came from (the pretrained
model, a session, random weights), so a pretrained network at step 0 never reads as "–".
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from app.training.snapshot import Snapshot

#: Names of the datasets ``app.data`` makes, translated where they are shown (under the
#: context "MainWindow", where they always were: the data explorer translates them so too).
DATASET_NAMES = {"bundled MNIST 5k": QT_TRANSLATE_NOOP("MainWindow", "bundled MNIST 5k")}


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.data = QLabel()
        self.step = QLabel()
        self.speed = QLabel()
        self.accuracy = QLabel()
        self.loss = QLabel()
        for label in (self.data, self.step, self.speed, self.loss, self.accuracy):
            bar.addPermanentWidget(label)

    def show_snapshot(self, snap: Snapshot) -> None:
        name = snap.dataset_name
        if name in DATASET_NAMES:
            name = QCoreApplication.translate("MainWindow", DATASET_NAMES[name])
        self.data.setText(
            self.tr("Data: %1 (%2 training)").replace("%1", name).replace("%2", f"{snap.n_train:,}")
        )
        self.step.setText(
            self.tr("Step %1 · epoch %2")
            .replace("%1", f"{snap.step:,}")
            .replace("%2", str(snap.epoch + 1))
        )
        self.speed.setText(
            self.tr("%1 steps/s").replace("%1", f"{snap.steps_per_second:,.0f}")
            if snap.running
            else self.tr("paused")
        )
        self.loss.setText(
            ""
            if snap.last_loss is None
            else self.tr("loss %1").replace("%1", f"{snap.last_loss:.4f}")
        )
        self.step.setToolTip(origin_text(snap.origin))
        if snap.epochs:  # measured at the end of each epoch, on the validation digits
            when = self.tr("end of epoch %1").replace("%1", str(len(snap.epochs)))
            acc = snap.val_accuracy
        else:
            when, acc = origin_text(snap.origin), snap.start_accuracy
        self.accuracy.setText(
            self.tr("validation accuracy %1 (%2)")
            .replace("%1", "–" if acc is None else f"{acc:.1%}")
            .replace("%2", when)
        )
        self.accuracy.setToolTip(
            self.tr(
                "Measured on the validation digits (never trained on) at the end of each "
                "epoch, and at the start. The Evaluation tab measures the weights of the step "
                "it names, so the two differ while training runs."
            )
        )


def origin_text(origin: str) -> str:
    """Where the weights came from, in the window's language."""
    translate = QCoreApplication.translate
    return {
        "pretrained": translate("StatusLine", "pretrained model"),
        "session": translate("StatusLine", "opened session"),
    }.get(origin, translate("StatusLine", "random weights"))
