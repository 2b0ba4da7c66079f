"""The loss curve, streamed from snapshots: raw per-step loss, its smoothed trend, and per-epoch
validation loss and accuracy, with a mark at every epoch."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsScene, QVBoxLayout, QWidget

from app.training.snapshot import Snapshot
from app.ui import theme

# Points drawn per curve at most: the history holds up to 20,000 and the screen is narrower.
MAX_DRAWN_POINTS = 2_000


def smoothed(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing moving average (shape kept); the first points average what exists so far."""
    if len(values) == 0 or window <= 1:
        return values.copy()
    csum = np.cumsum(np.concatenate([[0.0], values]))
    idx = np.arange(1, len(values) + 1)
    lo = np.maximum(idx - window, 0)
    return (csum[idx] - csum[lo]) / (idx - lo)


def thinned(x: np.ndarray, y: np.ndarray, limit: int = MAX_DRAWN_POINTS):
    if len(x) <= limit:
        return x, y
    step = int(np.ceil(len(x) / limit))
    return x[::step], y[::step]


class LossPlotView(QWidget):
    """Loss (top) and validation accuracy (bottom), x in steps, sharing the x axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._serial = -1
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground(theme.BACKGROUND)
        # Curves change every update: no BSP index to rebuild (see NetworkGraphView).
        self.canvas.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

        self.loss_plot = self.canvas.addPlot(row=0, col=0)
        self.loss_plot.setTitle(self.tr("Loss (lower is better)"), color=theme.FOREGROUND)
        self.loss_plot.setLabel("left", self.tr("loss"))
        for plot_axis in ("left", "bottom"):
            self.loss_plot.getAxis(plot_axis).enableAutoSIPrefix(False)
        self.loss_plot.showGrid(x=True, y=True, alpha=0.2)
        legend = self.loss_plot.addLegend(
            offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 215), pen=pg.mkPen(200, 200, 200)
        )
        self._legend = legend
        self.raw_curve = self.loss_plot.plot(
            pen=pg.mkPen(theme.LOSS_RAW, width=1), name=self.tr("training loss, each step")
        )
        self.smooth_curve = self.loss_plot.plot(
            pen=pg.mkPen(theme.LOSS_SMOOTH, width=2.5), name=self.tr("training loss, smoothed")
        )
        self.val_curve = self.loss_plot.plot(
            pen=pg.mkPen(theme.VALIDATION, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=theme.VALIDATION,
            name=self.tr("validation loss, each epoch"),
        )
        legend.setLabelTextColor(theme.FOREGROUND)

        self.accuracy_plot = self.canvas.addPlot(row=1, col=0)
        self.accuracy_plot.setLabel("left", self.tr("accuracy %"))
        self.accuracy_plot.setLabel("bottom", self.tr("step"))
        self.accuracy_plot.setYRange(0, 100)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_plot.showGrid(x=True, y=True, alpha=0.2)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.accuracy_curve = self.accuracy_plot.plot(
            pen=pg.mkPen(theme.ACCURACY, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=theme.ACCURACY,
        )
        self.canvas.ci.layout.setRowStretchFactor(0, 3)
        self.canvas.ci.layout.setRowStretchFactor(1, 1)
        self._epoch_marks: list[pg.InfiniteLine] = []
        self._empty_text = pg.TextItem(
            self.tr("Press Play or Step: the loss appears here"), color=(110, 110, 110)
        )
        self._empty_text.setAnchor((0.5, 0.5))
        self._empty_text.setPos(50, 0.5)
        self.loss_plot.addItem(self._empty_text)
        self._show_empty_ranges()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.serial == self._serial:
            return
        self._serial = snapshot.serial
        steps, losses = snapshot.loss_steps, snapshot.loss_values
        empty = len(steps) == 0
        self._empty_text.setVisible(empty)
        self._legend.setVisible(not empty)
        if empty:
            self._show_empty_ranges()
        else:
            self.loss_plot.enableAutoRange()
        window = max(1, len(losses) // 50)
        self.raw_curve.setData(*thinned(steps, losses))
        self.smooth_curve.setData(*thinned(steps, smoothed(losses, window)))
        epoch_steps = np.array([e.step for e in snapshot.epochs], dtype=float)
        self.val_curve.setData(epoch_steps, np.array([e.val_loss for e in snapshot.epochs]))
        self.accuracy_curve.setData(
            epoch_steps, np.array([100 * e.val_accuracy for e in snapshot.epochs])
        )
        self._set_epoch_marks(epoch_steps)

    def _show_empty_ranges(self) -> None:
        """Calm axes before the first step (0–100 steps, loss 0–1), not pyqtgraph's ±0.5."""
        self.loss_plot.setXRange(0, 100, padding=0)
        self.loss_plot.setYRange(0, 1, padding=0)

    def _set_epoch_marks(self, steps: np.ndarray) -> None:
        # Only the newest marks are drawn: hundreds of lines would hide the curve.
        steps = steps[-50:]
        while len(self._epoch_marks) < len(steps):
            line = pg.InfiniteLine(
                angle=90, pen=pg.mkPen(theme.EPOCH_MARK, style=pg.QtCore.Qt.PenStyle.DashLine)
            )
            self.loss_plot.addItem(line)
            self._epoch_marks.append(line)
        for i, line in enumerate(self._epoch_marks):
            if i < len(steps):
                line.setValue(steps[i])
                line.setVisible(True)
            else:
                line.setVisible(False)
