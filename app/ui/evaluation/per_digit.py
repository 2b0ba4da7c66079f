"""The "Per digit" page: the share of each digit's images read right, as bars.

A dashed line marks the accuracy over all digits; each bar carries its percentage, "—" for a
digit absent from the set.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.evaluation import Evaluation
from app.ui import theme
from app.ui.evaluation.common import N_DIGITS, percent, quiet_plot, translate


class PerDigitPage(QWidget):
    """Bars of ``Evaluation.per_class`` (in %), the overall accuracy as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        plot = quiet_plot(self.plot_widget)
        plot.setXRange(-0.6, N_DIGITS - 0.4, padding=0)
        plot.setYRange(0, 112, padding=0)
        plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(N_DIGITS)]])
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        tick_font = QFont(self.font())
        tick_font.setPointSizeF(max(tick_font.pointSizeF(), 9.0) * 1.2)
        plot.getAxis("bottom").setStyle(tickFont=tick_font)
        self.bars = pg.BarGraphItem(
            x=np.arange(N_DIGITS), height=np.zeros(N_DIGITS), width=0.7, brush=theme.POSITIVE
        )
        plot.addItem(self.bars)
        self.overall_line = pg.InfiniteLine(
            pos=0, angle=0, movable=False, pen=pg.mkPen(theme.NEGATIVE, width=2, dash=[6, 4])
        )
        plot.addItem(self.overall_line)
        label_font = QFont(self.font())
        label_font.setPointSizeF(max(label_font.pointSizeF(), 9.0) * 1.15)
        label_font.setBold(True)
        self.texts: list[pg.TextItem] = []
        for digit in range(N_DIGITS):
            # A white ground keeps the number readable where the dashed line crosses it.
            text = pg.TextItem(
                "", color=theme.FOREGROUND, anchor=(0.5, 1.0), fill=pg.mkBrush(255, 255, 255, 220)
            )
            text.setZValue(10)
            text.setFont(label_font)
            text.setPos(digit, 0)
            plot.addItem(text)
            self.texts.append(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot_widget, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(
            translate(
                "EvaluationView",
                "Share of each digit's images read right. Dashed: all digits together. "
                "—: the digit is not in this set.",
            )
        )
        self.plot_widget.setToolTip(
            translate(
                "EvaluationView",
                "A short bar is a digit the network finds hard: find its row in the confusion "
                "matrix to see what it takes it for.",
            )
        )
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", translate("EvaluationView", "digit"))
        plot.setLabel("left", translate("EvaluationView", "% right"))
        self.show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Bar d is ``per_class[d]`` · 100 (0 for an absent digit), the line the accuracy."""
        self._evaluation = evaluation
        per_class = evaluation.per_class
        heights = np.where(np.isnan(per_class), 0.0, per_class * 100.0)
        self.bars.setOpts(height=heights)
        for digit, text in enumerate(self.texts):
            text.setPos(digit, heights[digit])
        self.overall_line.setValue(evaluation.accuracy * 100.0)
        self.show_texts()

    def show_texts(self) -> None:
        """Each bar's percentage, once there is an evaluation."""
        if self._evaluation is None:
            return
        for digit, text in enumerate(self.texts):
            value = self._evaluation.per_class[digit]
            text.setText("—" if np.isnan(value) else percent(value, 0))
