"""The "Robustness" page: accuracy as the images are damaged, one panel per kind of damage.

"Compute robustness" emits ``requested``; the window runs ``robustness_curve`` for every kind
in ``DAMAGES`` off the GUI thread (it takes seconds), says how far it is (``show_progress``)
and hands the curves to ``show_robustness``, kind by kind as each is done. Each panel plots
its kind's accuracy over the damage's strength, with a slider to pick a strength and one
evaluation image damaged that much.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.damage import DAMAGES, NOISE, ROTATION, SHIFT, WIDTH, preview
from app.ui import theme
from app.ui.evaluation.common import N_DIGITS, percent, quiet_plot, translate
from app.ui.images import digit_pixmap


class _DamagePanel(QWidget):
    """One kind of damage: its accuracy curve, and one image damaged at a chosen level."""

    # Small enough that two rows of panels fit a 350 px tab without scrolling.
    PREVIEW_SIDE = 64

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._levels = np.zeros(0)
        self._accuracies = np.zeros(0)
        self._image: np.ndarray | None = None
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.plot_widget.setMinimumSize(140, 100)
        plot = quiet_plot(self.plot_widget)
        plot.setYRange(0, 100, padding=0.05)
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 25)]])
        self.chance_line = pg.InfiniteLine(
            pos=100.0 / N_DIGITS,
            angle=0,
            movable=False,
            pen=pg.mkPen(theme.EPOCH_MARK, width=1.5, dash=[2, 3]),
        )
        plot.addItem(self.chance_line)
        self.curve = pg.PlotDataItem(
            pen=pg.mkPen(theme.POSITIVE, width=3),
            symbol="o",
            symbolSize=7,
            symbolBrush=theme.POSITIVE,
            symbolPen=None,
        )
        plot.addItem(self.curve)
        self.level_line = pg.InfiniteLine(
            pos=0, angle=90, movable=False, pen=pg.mkPen(theme.NEGATIVE, width=2)
        )
        plot.addItem(self.level_line)
        self.preview = QLabel()
        self.preview.setFixedSize(self.PREVIEW_SIDE, self.PREVIEW_SIDE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level = QSlider(Qt.Orientation.Horizontal)
        self.level.setFixedWidth(self.PREVIEW_SIDE)
        self.level.valueChanged.connect(self._level_moved)
        self.level_caption = QLabel()
        # No word wrap: a wrapping label gives the panels a height-for-width, and the scroll
        # area would then size them by the plots' large size hints instead of the viewport.
        self.level_caption.setFixedWidth(self.PREVIEW_SIDE + 16)
        self.level_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.level, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.level_caption)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plot_widget, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        self.set_curve(np.zeros(0), np.zeros(0))

    def retranslate_ui(self) -> None:
        titles = {
            NOISE: self.tr("Noise: a grainy camera"),
            ROTATION: self.tr("Rotation: a tilted digit"),
            SHIFT: self.tr("Shift: off-centre to the right"),
            WIDTH: self.tr("Stroke width: thinner (−) or thicker (+) pen"),
        }
        axes = {
            NOISE: self.tr("noise σ"),
            ROTATION: self.tr("degrees"),
            SHIFT: self.tr("pixels"),
            WIDTH: self.tr("pixels"),
        }
        self.title.setText(titles[self.kind])
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", axes[self.kind])
        plot.setLabel("left", self.tr("% right"))
        self.plot_widget.setToolTip(
            self.tr(
                "Accuracy (% right) at each strength of the damage. Dotted: guessing (10 %). "
                "A curve that stays high: the network copes; one that drops: it was never "
                "shown digits like these."
            )
        )
        self.level.setToolTip(
            self.tr(
                "Choose a strength of the damage: the picture shows one image damaged that "
                "much, the orange line marks it on the curve."
            )
        )
        self.preview.setToolTip(self.tr("One evaluation image, damaged as chosen below."))
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_curve(self, levels: np.ndarray, accuracies: np.ndarray) -> None:
        """``levels`` and ``accuracies`` (T,): ``robustness_curve``'s result; T may be 0."""
        self._levels, self._accuracies = levels, accuracies
        self.curve.setData(levels, accuracies * 100.0)
        if len(levels) == 0:
            levels = np.asarray(DAMAGES[self.kind].levels, dtype=np.float64)
        lo, hi = float(levels.min()), float(levels.max())
        self.plot_widget.getPlotItem().setXRange(lo, hi if hi > lo else lo + 1, padding=0.06)
        # Every level labelled crowds a narrow plot: at most seven labels.
        every = math.ceil(len(levels) / 7)
        self.plot_widget.getPlotItem().getAxis("bottom").setTicks(
            [[(float(v), f"{v:g}") for v in levels[::every]], [(float(v), "") for v in levels]]
        )
        old = self.level.blockSignals(True)
        self.level.setRange(0, max(len(self._levels) - 1, 0))
        # Two thirds of the way: visible damage, still readable; for the stroke width that
        # is a thicker pen, 0 sits in the middle of its sweep.
        self.level.setValue((2 * len(self._levels)) // 3 if len(self._levels) else 0)
        self.level.blockSignals(old)
        self.level.setEnabled(len(self._levels) > 1)
        self._level_moved(self.level.value())

    def set_image(self, image: np.ndarray | None) -> None:
        """The (28, 28) image in [0, 1] to damage for the preview, or None."""
        self._image = image
        self._show_preview()

    def chosen_level(self) -> float | None:
        return float(self._levels[self.level.value()]) if len(self._levels) else None

    def _level_moved(self, _value: int) -> None:
        level = self.chosen_level()
        self.level_line.setVisible(level is not None)
        if level is not None:
            self.level_line.setValue(level)
        self._show_preview()
        self._show_caption()

    def _show_preview(self) -> None:
        level = self.chosen_level()
        if self._image is None or level is None:
            self.preview.clear()
            self.preview.setStyleSheet("background: #181818;")
            return
        damaged = preview(self._image, self.kind, level)
        self.preview.setPixmap(digit_pixmap(damaged, self.PREVIEW_SIDE))

    def _show_caption(self) -> None:
        level = self.chosen_level()
        if level is None:
            self.level_caption.setText("")
            return
        unit = {
            NOISE: self.tr("σ %1"),
            ROTATION: self.tr("%1°"),
            SHIFT: self.tr("%1 px"),
            WIDTH: self.tr("%1 px"),
        }[self.kind]
        amount = f"{level:+g}" if self.kind == WIDTH else f"{level:g}"
        accuracy = self._accuracies[self.level.value()]
        self.level_caption.setText(
            unit.replace("%1", amount)
            + "\n"
            + self.tr("%1 % right").replace("%1", percent(accuracy))
        )


class RobustnessPage(QWidget):
    """The button and its status over four ``_DamagePanel`` (noise, rotation, shift, width).

    Before any curves, a message in place of the panels says what the button does.
    """

    #: "Compute robustness" was pressed.
    requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curves: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._step: int | None = None
        self._busy = False
        self._progress: float | None = None
        self._error: str | None = None
        self._image: np.ndarray | None = None
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.status, 1)

        #: The four panels by kind, made the first time the page is shown or has curves
        #: (their four plots took 42 of the view's 71 ms to make).
        self.panels: dict[str, _DamagePanel] = {}
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        panels = QWidget()
        panels.setLayout(self._grid)
        scroll = QScrollArea()
        scroll.setWidget(panels)
        # Scrolls sideways only when it must (presenter mode's large titles at 1280×720):
        # a panel never forces the window wider than a projector.
        scroll.setWidgetResizable(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.message)
        self.body.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.body, 1)
        self.retranslate_ui()

    def make_panels(self) -> None:
        """The four panels (once), with the curves and the image the page has."""
        if self.panels:
            return
        for i, kind in enumerate((NOISE, ROTATION, SHIFT, WIDTH)):
            panel = _DamagePanel(kind)
            self.panels[kind] = panel
            self._grid.addWidget(panel, i // 2, i % 2)
            panel.retranslate_ui()
            panel.set_curve(*self._curves.get(kind, (np.zeros(0), np.zeros(0))))
            panel.set_image(self._image)

    def showEvent(self, event) -> None:
        self.make_panels()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.button.setText(translate("EvaluationView", "Compute robustness"))
        self.button.setToolTip(
            translate(
                "EvaluationView",
                "Damage every evaluation image step by step (noise, rotation, shift, stroke "
                "width) and measure the accuracy at each step. Takes several seconds.",
            )
        )
        for panel in self.panels.values():
            panel.retranslate_ui()
        self.show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_image(self, image: np.ndarray | None) -> None:
        """The (28, 28) image in [0, 1] every panel damages for its preview, or None."""
        self._image = image
        for panel in self.panels.values():
            panel.set_image(image)

    def show_robustness(
        self,
        curves: Mapping[str, tuple[np.ndarray, np.ndarray]],
        step: int | None = None,
        partial: bool = False,
    ) -> None:
        """Draw ``curves``: kind (a key of ``DAMAGES``) → ``robustness_curve``'s (levels,
        accuracies), each of shape (T,), accuracies 0..1. ``step``: the weights' step.
        ``partial``: the kinds done so far; the others stay empty and the page busy."""
        self._curves = {
            kind: (np.asarray(levels, dtype=np.float64), np.asarray(acc, dtype=np.float64))
            for kind, (levels, acc) in curves.items()
        }
        self._step = step
        self._busy = partial
        if not partial:
            self._progress = None
        self._error = None
        self.button.setEnabled(not partial)
        self.make_panels()
        for kind, panel in self.panels.items():
            panel.set_curve(*self._curves.get(kind, (np.zeros(0), np.zeros(0))))
        self.body.setCurrentIndex(1 if self._curves else 0)
        self.set_image(self._image)
        self.show_texts()

    def show_progress(self, fraction: float) -> None:
        """The curves are being computed, ``fraction`` (0..1) of the work done."""
        self._busy = True
        self._progress = fraction
        self._error = None
        self.button.setEnabled(False)
        self.show_texts()

    def show_error(self, message: str) -> None:
        """Robustness could not be computed: say why (already translated)."""
        self._busy = False
        self._progress = None
        self._error = message
        self.button.setEnabled(True)
        self.show_texts()

    def show_texts(self) -> None:
        """The status beside the button and the message in place of the panels."""
        if self._busy and self._progress is not None:
            status = translate("EvaluationView", "computing… %1 %").replace(
                "%1", f"{100 * self._progress:.0f}"
            )
        elif self._busy:
            status = translate("EvaluationView", "computing… (several seconds)")
        elif self._error is not None:
            status = self._error
        elif self._curves and self._step is not None:
            status = translate("EvaluationView", "Measured with the weights of step %1.").replace(
                "%1", f"{self._step:,}"
            )
        else:
            status = ""
        self.status.setText(status)
        self.status.setStyleSheet(
            f"color: {theme.NEGATIVE}; font-weight: bold;" if self._error else ""
        )
        if self._busy:
            message = translate("EvaluationView", "computing…")
        elif self._error is not None:
            message = self._error
        else:
            message = translate(
                "EvaluationView",
                'Press "Compute robustness" to see how the accuracy falls as the images '
                "get noisy, turned, moved, or written with a thinner or thicker pen.",
            )
        self.message.setText(message)

    def _clicked(self) -> None:
        self._busy = True
        self._progress = None
        self._error = None
        self.button.setEnabled(False)
        self.show_texts()
        self.requested.emit()
