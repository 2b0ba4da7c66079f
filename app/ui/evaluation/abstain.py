"""The "I don't know" page: a confidence threshold below which the network abstains.

A slider sets the threshold (whole percent); the text says how many images the network
still answers and how many of those it gets right (``Evaluation.abstain``). The plot shows
both shares over every threshold (``Evaluation.abstain_curve``), the slider as a line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from app.core.evaluation import Evaluation
from app.ui import theme
from app.ui.evaluation.common import percent, quiet_plot, translate
from app.ui.loss_plot import rename_legend_entry

#: Thresholds of the "I don't know" curve: every whole percent, as the slider has.
ABSTAIN_STEPS = 101
DEFAULT_THRESHOLD = 50


class AbstainPage(QWidget):
    """The threshold slider, what it leaves answered, and both shares over all thresholds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self.title = QLabel()
        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold.setRange(0, 100)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setPageStep(10)
        self.threshold.setMinimumWidth(120)
        self.threshold.valueChanged.connect(self._threshold_moved)
        self.value = QLabel()
        self.value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100 %") + 8)
        self.result = QLabel()
        self.result.setWordWrap(True)
        result_font = QFont(self.font())
        result_font.setPointSizeF(max(result_font.pointSizeF(), 9.0) * 1.4)
        result_font.setBold(True)
        self.result.setFont(result_font)
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        plot = quiet_plot(self.plot_widget)
        plot.setXRange(0, 100, padding=0.02)
        plot.setYRange(0, 100, padding=0.04)
        self.legend = plot.addLegend(
            # Bottom left: the curves start high and the answered share falls on the right.
            offset=(10, -10),
            brush=pg.mkBrush(255, 255, 255, 220),
            labelTextSize="10pt",
            labelTextColor=theme.FOREGROUND,
        )
        self.answered_curve = pg.PlotDataItem(pen=pg.mkPen(theme.NEGATIVE, width=3), name="")
        self.right_curve = pg.PlotDataItem(pen=pg.mkPen(theme.POSITIVE, width=3), name="")
        plot.addItem(self.answered_curve)
        plot.addItem(self.right_curve)
        self.threshold_line = pg.InfiniteLine(
            pos=DEFAULT_THRESHOLD, angle=90, movable=False, pen=pg.mkPen(theme.FOREGROUND, width=2)
        )
        plot.addItem(self.threshold_line)
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addWidget(self.threshold, 1)
        row.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.plot_widget, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(translate("EvaluationView", 'Say "I don\'t know" below'))
        self.threshold.setToolTip(
            translate(
                "EvaluationView",
                "The network answers only when its share for the answer is at least this. "
                "Raise it to 90 %: fewer answers, but more of them right.",
            )
        )
        self.threshold.setAccessibleName(translate("EvaluationView", "Confidence threshold"))
        self.plot_widget.setToolTip(
            translate(
                "EvaluationView",
                "Across all thresholds: orange, the share of images it still answers; blue, "
                "the share of those answers that are right. The black line is the slider.",
            )
        )
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", translate("EvaluationView", "threshold (% sure)"))
        plot.setLabel("left", translate("EvaluationView", "%"))
        rename_legend_entry(
            self.legend, self.answered_curve, translate("EvaluationView", "answered")
        )
        rename_legend_entry(
            self.legend, self.right_curve, translate("EvaluationView", "right of those")
        )
        if self._evaluation is not None:
            self._show_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Both curves at ``ABSTAIN_STEPS`` thresholds, and the result at the slider's."""
        self._evaluation = evaluation
        curve = evaluation.abstain_curve(np.arange(ABSTAIN_STEPS) / (ABSTAIN_STEPS - 1))
        x = curve.thresholds * 100.0
        self.answered_curve.setData(x, curve.answered_share * 100.0)
        right = curve.accuracy_answered * 100.0
        # No answer at all leaves no share right: those thresholds are left out, not 0.
        keep = np.isfinite(right)
        self.right_curve.setData(x[keep], right[keep])
        self._show_result()

    def _threshold_moved(self, value: int) -> None:
        self.threshold_line.setValue(value)
        self._show_result()

    def _show_result(self) -> None:
        value = self.threshold.value()
        self.value.setText(translate("EvaluationView", "%1 %").replace("%1", str(value)))
        ev = self._evaluation
        if ev is None:
            self.result.setText("")
            return
        result = ev.abstain(value / 100.0)
        if result.n_answered == 0:
            text = translate(
                "EvaluationView",
                'Answers none of the images: it says "I don\'t know" to every one.',
            )
        else:
            text = (
                translate(
                    "EvaluationView",
                    "Answers %1 % of the images (%2 of %3); %4 % of those are right.",
                )
                .replace("%4", percent(result.accuracy_answered))
                .replace("%3", f"{ev.count:,}")
                .replace("%2", f"{result.n_answered:,}")
                .replace("%1", percent(result.answered_share))
            )
        self.result.setText(text)
