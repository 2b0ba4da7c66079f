"""The loss landscape: a filled contour map of the loss over a plane, with the path descent took.

Four planes: two chosen weights (the lesson's picture), two random filter-normalised directions
(Li et al., 2018), the two main directions of the path so far (PCA), and the lesson preset (a
model of exactly two weights). The view only shows results; the window builds the requests and
the landscape worker computes them off the GUI thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.training.landscape_job import LandscapeResult
from app.ui import theme

PATH_COLOURS = {"path": "#ffffff", "gd": "#ffffff", "momentum": "#e66101", "adam": "#5ab4ac"}
PATH_NAMES = {
    "path": "path so far",
    "gd": "gradient descent",
    "momentum": "momentum",
    "adam": "Adam",
}
LESSON_LR_MIN_LOG, LESSON_LR_MAX_LOG, LESSON_LR_TICKS = -3.0, 0.0, 300


@dataclass(frozen=True)
class LandscapeSettings:
    kind: str
    resolution: int
    half_width: float
    sample_size: int
    log_scale: bool
    lesson_learning_rate: float
    compare_optimizers: bool


class LandscapeView(QWidget):
    """Settings row, the contour plot, and a line saying what is shown.

    ``settings_changed()`` is emitted when the teacher changes anything that needs a new
    surface; ``recompute_requested()`` when they ask for one explicitly.
    """

    settings_changed = Signal()
    recompute_requested = Signal()

    def __init__(self, regimes: dict[str, float] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._result: LandscapeResult | None = None
        self._lesson_exact: float | None = None

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Two chosen weights"), "weights")
        self.kind.addItem(self.tr("Random directions (Li et al.)"), "random")
        self.kind.addItem(self.tr("Main directions of the path (PCA)"), "pca")
        self.kind.addItem(self.tr("Lesson: a model of two weights"), "lesson")
        self.kind.setToolTip(
            self.tr(
                "Which slice of the loss to draw. Click two edges in the graph to choose the "
                "two weights."
            )
        )
        self.resolution = QSpinBox()
        self.resolution.setRange(11, 101)
        self.resolution.setSingleStep(10)
        self.resolution.setValue(41)
        self.resolution.setToolTip(self.tr("Grid points along each axis."))
        self.half_width = QDoubleSpinBox()
        self.half_width.setRange(0.01, 50.0)
        self.half_width.setDecimals(2)
        self.half_width.setValue(1.0)
        self.half_width.setPrefix("± ")
        self.half_width.setToolTip(self.tr("How far the map reaches from the current point."))
        self.sample_size = QSpinBox()
        self.sample_size.setRange(100, 5000)
        self.sample_size.setSingleStep(100)
        self.sample_size.setValue(1000)
        self.sample_size.setToolTip(
            self.tr("Training examples the loss is averaged over (a fixed sample: no flicker).")
        )
        self.log_scale = QCheckBox(self.tr("log"))
        self.log_scale.setToolTip(self.tr("Colour by the logarithm of the loss."))
        self.recompute = QPushButton(self.tr("Recompute"))
        self.recompute.clicked.connect(self.recompute_requested)

        # Two rows, not one: the window must fit a 1280×720 projector.
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Plane")))
        row.addWidget(self.kind, 1)
        row.addWidget(self.recompute)
        row_two = QHBoxLayout()
        row_two.addWidget(QLabel(self.tr("Grid")))
        row_two.addWidget(self.resolution)
        row_two.addWidget(QLabel(self.tr("Range")))
        row_two.addWidget(self.half_width)
        row_two.addWidget(QLabel(self.tr("Sample")))
        row_two.addWidget(self.sample_size)
        row_two.addWidget(self.log_scale)
        row_two.addStretch(1)

        # -- lesson controls -----------------------------------------------------------------
        self.lesson_lr = QSlider(Qt.Orientation.Horizontal)
        self.lesson_lr.setRange(0, LESSON_LR_TICKS)
        self.lesson_lr.setToolTip(
            self.tr("Learning rate η for the lesson: too small crawls, too large zig-zags.")
        )
        self.lesson_lr_label = QLabel()
        self.lesson_lr_label.setMinimumWidth(50)
        self.compare = QCheckBox(self.tr("Compare optimizers"))
        self.compare.setToolTip(
            self.tr("Gradient descent, momentum and Adam from the same start, on one map.")
        )
        lesson_row = QHBoxLayout()
        lesson_row.addWidget(QLabel(self.tr("η")))
        lesson_row.addWidget(self.lesson_lr, 1)
        lesson_row.addWidget(self.lesson_lr_label)
        self.regime_buttons: dict[str, QPushButton] = {}
        for name, lr in (regimes or {}).items():
            button = QPushButton(self.tr(name))
            button.setToolTip(self.tr("Set η = %1").replace("%1", f"{lr:g}"))
            button.clicked.connect(lambda _=False, value=lr: self.set_lesson_learning_rate(value))
            lesson_row.addWidget(button)
            self.regime_buttons[name] = button
        lesson_row.addWidget(self.compare)
        self.lesson_controls = QWidget()
        self.lesson_controls.setLayout(lesson_row)
        lesson_row.setContentsMargins(0, 0, 0, 0)

        # -- the plot --------------------------------------------------------------------------
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=False, y=False)
        self.image = pg.ImageItem()  # column-major: image[a_index, b_index]
        self.plot.addItem(self.image)
        self.colour_map = pg.colormap.get("viridis")
        self.image.setColorMap(self.colour_map)
        self.colour_bar = pg.ColorBarItem(
            values=(0, 1), colorMap=self.colour_map, interactive=False, width=14
        )
        self.colour_bar.setImageItem(self.image, insert_in=self.plot)
        # Plain numbers on every axis: "(x0.001)" prefixes confuse a class.
        for axis in (self.plot.getAxis("bottom"), self.plot.getAxis("left"), self.colour_bar.axis):
            axis.enableAutoSIPrefix(False)
        self.isocurves: list[pg.IsocurveItem] = []
        for _ in range(9):
            iso = pg.IsocurveItem(pen=pg.mkPen((255, 255, 255, 110), width=1))
            iso.setParentItem(self.image)
            self.isocurves.append(iso)
        self.legend = self.plot.addLegend(
            offset=(-10, -10), brush=pg.mkBrush(255, 255, 255, 200), labelTextSize="8pt"
        )
        self.path_items: dict[str, pg.PlotDataItem] = {}
        self.current_point = pg.ScatterPlotItem(
            size=14, brush=pg.mkBrush(theme.NEGATIVE), pen=pg.mkPen("w", width=2)
        )
        self.current_point.setZValue(20)
        self.plot.addItem(self.current_point)
        self.downhill_line = pg.PlotDataItem(pen=pg.mkPen("#ffd92f", width=2.5))
        self.downhill_head = pg.ArrowItem(headLen=14, brush="#ffd92f", pen=None)
        self.step_line = pg.PlotDataItem(pen=pg.mkPen("#ff4f4f", width=3))
        self.step_head = pg.ArrowItem(headLen=12, brush="#ff4f4f", pen=None)
        for item in (self.downhill_line, self.downhill_head, self.step_line, self.step_head):
            item.setZValue(25)
            self.plot.addItem(item)

        self.caption = QLabel(self.tr("Open this tab to compute the landscape."))
        self.caption.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addLayout(row_two)
        layout.addWidget(self.lesson_controls)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.caption)

        self.set_lesson_learning_rate(0.1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.resolution.valueChanged,
            self.half_width.valueChanged,
            self.sample_size.valueChanged,
            self.log_scale.toggled,
            self.compare.toggled,
        ):
            signal.connect(self.settings_changed)
        self.lesson_lr.valueChanged.connect(self._lesson_lr_moved)
        self._kind_changed()

    # -- settings ----------------------------------------------------------------------------

    def settings(self) -> LandscapeSettings:
        return LandscapeSettings(
            kind=self.kind.currentData(),
            resolution=self.resolution.value(),
            half_width=self.half_width.value(),
            sample_size=self.sample_size.value(),
            log_scale=self.log_scale.isChecked(),
            lesson_learning_rate=self._lesson_lr_value(),
            compare_optimizers=self.compare.isChecked(),
        )

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def set_lesson_learning_rate(self, lr: float) -> None:
        """Set η exactly (the regime buttons' values must not be rounded to a slider tick)."""
        frac = (math.log10(lr) - LESSON_LR_MIN_LOG) / (LESSON_LR_MAX_LOG - LESSON_LR_MIN_LOG)
        self.lesson_lr.blockSignals(True)
        self.lesson_lr.setValue(round(min(max(frac, 0.0), 1.0) * LESSON_LR_TICKS))
        self.lesson_lr.blockSignals(False)
        self._lesson_exact = lr
        self.lesson_lr_label.setText(f"{lr:g}")
        self.settings_changed.emit()

    def _lesson_lr_value(self) -> float:
        if self._lesson_exact is not None:
            return self._lesson_exact
        tick = self.lesson_lr.value()
        value = 10 ** (
            LESSON_LR_MIN_LOG + (LESSON_LR_MAX_LOG - LESSON_LR_MIN_LOG) * tick / LESSON_LR_TICKS
        )
        return float(f"{value:.2g}")

    def _lesson_lr_moved(self, _tick: int) -> None:
        self._lesson_exact = None  # the teacher moved the slider: its value now counts
        self.lesson_lr_label.setText(f"{self._lesson_lr_value():g}")
        self.settings_changed.emit()

    def _kind_changed(self, *_args) -> None:
        lesson = self.kind.currentData() == "lesson"
        self.lesson_controls.setVisible(lesson)
        for widget in (self.half_width, self.sample_size):
            widget.setEnabled(not lesson)
        self.settings_changed.emit()

    # -- results -----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.caption.setText(text)

    def show_result(self, result: LandscapeResult) -> None:
        self._result = result
        grid = np.asarray(result.grid, dtype=np.float64)
        finite = np.isfinite(grid)
        shown = grid.copy()
        label = self.tr("loss")
        if result.request.log_scale:
            with np.errstate(divide="ignore", invalid="ignore"):
                shown = np.log10(np.where(finite & (grid > 0), grid, np.nan))
            label = self.tr("log₁₀ loss")
        ok = np.isfinite(shown)
        if not ok.any():
            self.show_error(self.tr("The loss is not finite anywhere on this map."))
            return
        lo, hi = float(np.min(shown[ok])), float(np.max(shown[ok]))
        if hi <= lo:
            hi = lo + 1e-12
        # Overflowed points show as the top colour rather than as holes.
        filled = np.where(ok, shown, hi)
        a, b = result.a_values, result.b_values
        self.image.setImage(filled.T, levels=(lo, hi), autoLevels=False)
        da = (a[-1] - a[0]) / max(len(a) - 1, 1)
        db = (b[-1] - b[0]) / max(len(b) - 1, 1)
        self.image.setRect(QRectF(a[0] - da / 2, b[0] - db / 2, da * len(a), db * len(b)))
        self.colour_bar.setLevels((lo, hi))
        self.colour_bar.axis.setLabel(label)
        for k, iso in enumerate(self.isocurves):
            iso.setData(filled.T, lo + (hi - lo) * (k + 1) / (len(self.isocurves) + 1))
        self.plot.setLabel("bottom", result.axis_names[0])
        self.plot.setLabel("left", result.axis_names[1])
        self._show_paths(result.paths)
        self.current_point.setData([result.current[0]], [result.current[1]])
        span = min(a[-1] - a[0], b[-1] - b[0])
        self._show_arrow(
            self.downhill_line,
            self.downhill_head,
            result.current,
            result.downhill,
            0.25 * span,
            True,
        )
        self._show_arrow(
            self.step_line, self.step_head, result.current, result.next_step, None, False
        )
        self.plot.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0)
        caption = self.tr(
            "Yellow: downhill (−gradient) direction. Red: the next step, η × −gradient."
        )
        if result.note:
            caption = result.note.replace("\n", "   ") + "\n" + caption
        caption += "  " + self.tr("(%1 s)").replace("%1", f"{result.seconds:.2f}")
        self.caption.setText(caption)

    def _show_paths(self, paths: dict[str, np.ndarray]) -> None:
        for name, item in list(self.path_items.items()):
            if name not in paths:
                self.plot.removeItem(item)
                self.legend.removeItem(item)
                del self.path_items[name]
        for name, path in paths.items():
            item = self.path_items.get(name)
            if item is None:
                colour = PATH_COLOURS.get(name, "#ffffff")
                item = pg.PlotDataItem(
                    pen=pg.mkPen(colour, width=2),
                    symbol="o",
                    symbolSize=5,
                    symbolBrush=colour,
                    symbolPen=None,
                    name=self.tr(PATH_NAMES.get(name, name)),
                )
                item.setZValue(15)
                self.plot.addItem(item)
                self.path_items[name] = item
            finite = np.all(np.isfinite(path), axis=1)
            item.setData(path[finite, 0], path[finite, 1])
        self.legend.setVisible(len(paths) > 1)

    @staticmethod
    def _show_arrow(line, head, start, vector, length, normalise) -> None:
        if vector is None or not np.all(np.isfinite(vector)) or not np.any(vector):
            line.setData([], [])
            head.hide()
            return
        v = np.asarray(vector, dtype=np.float64)
        if normalise and length:
            v = v / np.linalg.norm(v) * length
        tip = start + v
        line.setData([start[0], tip[0]], [start[1], tip[1]])
        # ArrowItem's angle: 0 points left; the head should point along v.
        head.setStyle(angle=180 - math.degrees(math.atan2(v[1], v[0])))
        head.setPos(tip[0], tip[1])
        head.show()
