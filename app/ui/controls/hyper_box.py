"""The "Hyperparameters" box: the learning rate (a log slider), the batch size, the optimizer."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from app.core.training import Hyperparameters
from app.ui.controls.common import buddy_label, let_shrink, set_items, translate

LR_MIN_LOG, LR_MAX_LOG = -4.0, 1.0  # learning rate 0.0001 .. 10
LR_TICKS = 500


def lr_to_tick(lr: float) -> int:
    frac = (math.log10(lr) - LR_MIN_LOG) / (LR_MAX_LOG - LR_MIN_LOG)
    return round(min(max(frac, 0.0), 1.0) * LR_TICKS)


def tick_to_lr(tick: int) -> float:
    value = 10 ** (LR_MIN_LOG + (LR_MAX_LOG - LR_MIN_LOG) * tick / LR_TICKS)
    # Round to 2 significant digits so the slider lands on numbers a class can read.
    return float(f"{value:.2g}")


class HyperparametersBox(QGroupBox):
    """The basic hyperparameters. A change goes out as ``changed(changes)``, ``changes`` a
    dict of ``Hyperparameters`` field names to new values, for the panel to send; the learning
    rate goes out when the slider is let go (or moved by keys), not at every pixel of a drag.
    """

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, LR_TICKS)
        self.lr_label = QLabel()
        self.lr_label.setMinimumWidth(60)
        self.lr_slider.valueChanged.connect(self._lr_moved)
        self.lr_slider.sliderReleased.connect(self._send_lr)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1024)
        self.batch_size.valueChanged.connect(lambda size: self.changed.emit({"batch_size": size}))
        self.optimizer = QComboBox()
        for name in ("gd", "momentum", "adam"):
            self.optimizer.addItem("", name)
        self.optimizer.currentIndexChanged.connect(
            lambda _index: self.changed.emit({"optimizer": self.optimizer.currentData()})
        )
        let_shrink(self.optimizer)

        form = QFormLayout(self)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_label)
        self.lr_title = QLabel()
        self.batch_size_title = buddy_label(self.batch_size)
        self.optimizer_title = buddy_label(self.optimizer)
        form.addRow(self.lr_title, lr_row)
        form.addRow(self.batch_size_title, self.batch_size)
        form.addRow(self.optimizer_title, self.optimizer)
        self.retranslate_ui()

    def show_hyper(self, hyper: Hyperparameters) -> None:
        """Show ``hyper``'s values, sending nothing."""
        widgets = (self.lr_slider, self.batch_size, self.optimizer)
        for widget in widgets:
            widget.blockSignals(True)
        self.lr_slider.setValue(lr_to_tick(hyper.learning_rate))
        self.lr_label.setText(f"{hyper.learning_rate:g}")
        self.batch_size.setValue(hyper.batch_size)
        self.optimizer.setCurrentIndex(self.optimizer.findData(hyper.optimizer))
        for widget in widgets:
            widget.blockSignals(False)

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the box's texts in the current language (at the start and on a language change)."""
        self.setTitle(translate("ControlsPanel", "Hyperparameters"))
        self.lr_title.setText(translate("ControlsPanel", "Learning rate"))
        self.lr_slider.setToolTip(
            translate(
                "ControlsPanel",
                "Learning rate η: how far each step moves the weights. Try 5 and watch the "
                "landscape overshoot; try 0.01 and watch it crawl.",
            )
        )
        self.batch_size_title.setText(translate("ControlsPanel", "Batch size"))
        self.batch_size.setToolTip(
            translate(
                "ControlsPanel",
                "Examples averaged per step. Try 1 and watch the loss curve jitter; try 100 "
                "and it smooths out, but each step takes longer.",
            )
        )
        self.optimizer_title.setText(translate("ControlsPanel", "Optimizer"))
        set_items(
            self.optimizer,
            {
                "gd": translate("ControlsPanel", "gradient descent"),
                "momentum": translate("ControlsPanel", "momentum"),
                "adam": translate("ControlsPanel", "Adam"),
            },
        )
        self.optimizer.setToolTip(
            translate(
                "ControlsPanel",
                "How a gradient becomes a change of the weights. Try Adam with a learning rate "
                "of 0.003 and compare its loss curve with plain gradient descent.",
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- internals -------------------------------------------------------------------------------

    def _lr_moved(self, tick: int) -> None:
        self.lr_label.setText(f"{tick_to_lr(tick):g}")
        if not self.lr_slider.isSliderDown():
            self._send_lr()

    def _send_lr(self) -> None:
        self.changed.emit({"learning_rate": tick_to_lr(self.lr_slider.value())})
