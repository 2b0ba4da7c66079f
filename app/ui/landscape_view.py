"""The loss landscape: a filled contour map of the loss over a plane, with the path descent took.

Four planes: two chosen weights (the lesson's picture), two random filter-normalised directions
(Li et al., 2018), the two main directions of the path so far (PCA), and the lesson preset (a
model of exactly two weights). The view only shows results; the window builds the requests and
the landscape worker computes them off the GUI thread.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.descent import DescentStep, format_number
from app.core.lesson_preset import LessonPreset
from app.training.landscape_job import LandscapeResult
from app.ui import theme
from app.ui.flow_layout import FlowLayout
from app.ui.loss_plot import rename_legend_entry

DOWNHILL_COLOUR = "#ffd92f"
STEP_COLOUR = "#ff4f4f"
PATH_COLOURS = {"path": "#ffffff", "gd": "#ffffff", "momentum": "#e66101", "adam": "#5ab4ac"}
# Marked for translation here, translated where they are shown (``self.tr``).
PATH_NAMES = {
    "path": QT_TRANSLATE_NOOP("LandscapeView", "path so far"),
    "gd": QT_TRANSLATE_NOOP("LandscapeView", "gradient descent"),
    "momentum": QT_TRANSLATE_NOOP("LandscapeView", "momentum"),
    "adam": QT_TRANSLATE_NOOP("LandscapeView", "Adam"),
}
#: The lesson's learning-rate regimes (``LessonPreset.learning_rate_regimes``), by name.
REGIME_NAMES = (
    QT_TRANSLATE_NOOP("LandscapeView", "too small"),
    QT_TRANSLATE_NOOP("LandscapeView", "good"),
    QT_TRANSLATE_NOOP("LandscapeView", "too large"),
    QT_TRANSLATE_NOOP("LandscapeView", "far too large"),
)
#: Axis names the planes give (``app.core.landscape``): the random plane's, and the PCA
#: plane's with the share of the movement each direction explains.
RANDOM_AXIS_NAMES = (
    QT_TRANSLATE_NOOP("LandscapeView", "direction 1"),
    QT_TRANSLATE_NOOP("LandscapeView", "direction 2"),
)
_PCA_AXIS_NAME = re.compile(r"PC (\d+) \((.+?)( of the movement)?\)")
LESSON_LR_MIN_LOG, LESSON_LR_MAX_LOG, LESSON_LR_TICKS = -3.0, 0.0, 300


def _group(*widgets: QWidget) -> QWidget:
    """Widgets kept together on one line of a ``FlowLayout`` (a title and its field)."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    for widget in widgets:
        row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return group


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

        self._error: str | None = None
        self._build_settings()
        self._build_lesson_controls(regimes)
        self._build_plot()
        self.caption = QLabel()
        self.caption.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.settings_bar)
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
        self.apply_theme()
        self.retranslate_ui()

    def _build_settings(self) -> None:
        """The map's settings: kind of plane, resolution, width, sample size, log scale."""
        self.kind = QComboBox()
        for kind in ("weights", "random", "pca", "lesson"):
            self.kind.addItem("", kind)
        self.resolution = QSpinBox()
        self.resolution.setRange(11, 101)
        self.resolution.setSingleStep(10)
        self.resolution.setValue(41)
        self.half_width = QDoubleSpinBox()
        self.half_width.setRange(0.01, 50.0)
        self.half_width.setDecimals(2)
        self.half_width.setValue(1.0)
        self.half_width.setPrefix("± ")
        self.sample_size = QSpinBox()
        self.sample_size.setRange(100, 5000)
        self.sample_size.setSingleStep(100)
        self.sample_size.setValue(1000)
        self.log_scale = QCheckBox()
        self.recompute = QPushButton()
        self.recompute.clicked.connect(self.recompute_requested)

        # Rows that wrap: at 1280×720 with presenter mode's large text the settings and the
        # lesson's buttons take two or three lines instead of setting the window's width.
        self.kind_title = QLabel()
        self.resolution_title = QLabel()
        self.half_width_title = QLabel()
        self.sample_size_title = QLabel()
        self.settings_bar = QWidget()
        settings_flow = FlowLayout(self.settings_bar)
        settings_flow.addWidget(_group(self.kind_title, self.kind))
        settings_flow.addWidget(self.recompute)
        settings_flow.addWidget(_group(self.resolution_title, self.resolution))
        settings_flow.addWidget(_group(self.half_width_title, self.half_width))
        settings_flow.addWidget(_group(self.sample_size_title, self.sample_size))
        settings_flow.addWidget(self.log_scale)

    def _build_lesson_controls(self, regimes: dict[str, float] | None) -> None:
        """The lesson preset's learning rate, its regimes' buttons and "compare optimizers"."""
        self.lesson_lr = QSlider(Qt.Orientation.Horizontal)
        self.lesson_lr.setRange(0, LESSON_LR_TICKS)
        self.lesson_lr_label = QLabel()
        self.lesson_lr_label.setMinimumWidth(50)
        self.compare = QCheckBox()
        self.lesson_lr_title = QLabel()
        self.lesson_controls = QWidget()
        lesson_flow = FlowLayout(self.lesson_controls)
        lesson_flow.addWidget(_group(self.lesson_lr_title, self.lesson_lr, self.lesson_lr_label))
        self._regimes = dict(regimes or {})
        self.regime_buttons: dict[str, QPushButton] = {}
        for name, lr in self._regimes.items():
            button = QPushButton()
            button.clicked.connect(lambda _=False, value=lr: self.set_lesson_learning_rate(value))
            lesson_flow.addWidget(button)
            self.regime_buttons[name] = button
        lesson_flow.addWidget(self.compare)

    def _build_plot(self) -> None:
        """The contour: an image with isocurves, a colour bar, paths, the point and arrows."""
        self.plot_widget = pg.PlotWidget()
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
            iso = pg.IsocurveItem()
            iso.setParentItem(self.image)
            self.isocurves.append(iso)
        self.legend = self.plot.addLegend(offset=(-10, -10), brush=pg.mkBrush(255, 255, 255, 200))
        self.path_items: dict[str, pg.PlotDataItem] = {}
        self.current_point = pg.ScatterPlotItem()
        self.current_point.setZValue(20)
        self.plot.addItem(self.current_point)
        self.downhill_line = pg.PlotDataItem()
        self.downhill_head = pg.ArrowItem(brush=DOWNHILL_COLOUR, pen=None)
        self.step_line = pg.PlotDataItem()
        self.step_head = pg.ArrowItem(brush=STEP_COLOUR, pen=None)
        for item in (self.downhill_line, self.downhill_head, self.step_line, self.step_head):
            item.setZValue(25)
            self.plot.addItem(item)

    def apply_theme(self) -> None:
        """Line widths, marker and text sizes of the current look (``theme``).

        The map's own colours (viridis, the white, yellow and red marks on it) stay: they are
        chosen for the map, not for the page.
        """
        self.plot_widget.setBackground(theme.colours().background)
        # Black words, not pyqtgraph's light grey: which path is which optimizer.
        self.legend.setLabelTextColor(theme.colours().foreground)
        self.legend.setLabelTextSize(f"{theme.pt(9):g}pt")
        for _sample, label in self.legend.items:
            label.setText(label.text)
        self.legend.layout.activate()
        self.legend.updateSize()
        for iso in self.isocurves:
            iso.setPen(pg.mkPen((255, 255, 255, 110), width=theme.line_width(1)))
        self.current_point.setSize(theme.px(14))
        self.current_point.setBrush(pg.mkBrush(theme.colours().negative))
        self.current_point.setPen(pg.mkPen("w", width=theme.line_width(2)))
        self.downhill_line.setPen(pg.mkPen(DOWNHILL_COLOUR, width=theme.line_width(2.5)))
        self.downhill_head.setStyle(headLen=theme.px(14))
        self.step_line.setPen(pg.mkPen(STEP_COLOUR, width=theme.line_width(3)))
        self.step_head.setStyle(headLen=theme.px(12))
        for name, item in self.path_items.items():
            self._style_path(item, name)
        # Usable widths that still let the rows wrap in a narrow column.
        self.lesson_lr.setMinimumWidth(theme.px(120))
        self.kind.setMinimumWidth(self.kind.fontMetrics().horizontalAdvance("M" * 9))

    def resizeEvent(self, event) -> None:
        # The wrapping rows keep the height their lines need at this width (the plot below
        # gives way), so they are never squeezed over one another.
        width = self.contentsRect().width()
        for bar in (self.settings_bar, self.lesson_controls):
            bar.setMinimumHeight(bar.layout().heightForWidth(width))
        super().resizeEvent(event)

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change).

        An error's text comes from whoever showed it; the window asks again for the surface.
        """
        kinds = {
            "weights": self.tr("Two chosen weights"),
            "random": self.tr("Random directions (Li et al.)"),
            "pca": self.tr("Main directions of the path (PCA)"),
            "lesson": self.tr("Lesson: a model of two weights"),
        }
        for index in range(self.kind.count()):
            self.kind.setItemText(index, kinds[self.kind.itemData(index)])
        self.kind.setToolTip(
            self.tr(
                "Which slice of the loss to draw. Click two edges in the graph to choose the "
                "two weights."
            )
        )
        self.kind_title.setText(self.tr("Plane"))
        self.recompute.setText(self.tr("Recompute"))
        self.recompute.setToolTip(
            self.tr(
                "Draw the map again for the weights as they are now. Try it after a few steps: "
                "the valley moves as the network learns."
            )
        )
        self.resolution_title.setText(self.tr("Grid"))
        self.resolution.setToolTip(self.tr("Grid points along each axis."))
        self.half_width_title.setText(self.tr("Range"))
        self.half_width.setToolTip(self.tr("How far the map reaches from the current point."))
        self.sample_size_title.setText(self.tr("Sample"))
        self.sample_size.setToolTip(
            self.tr("Training examples the loss is averaged over (a fixed sample: no flicker).")
        )
        self.log_scale.setText(self.tr("log"))
        self.log_scale.setToolTip(self.tr("Colour by the logarithm of the loss."))
        self.lesson_lr_title.setText(self.tr("η"))
        self.lesson_lr.setToolTip(
            self.tr("Learning rate η for the lesson: too small crawls, too large zig-zags.")
        )
        for name, button in self.regime_buttons.items():
            button.setText(self.tr(name))
            button.setToolTip(self.tr("Set η = %1").replace("%1", f"{self._regimes[name]:g}"))
        self.compare.setText(self.tr("Compare optimizers"))
        self.compare.setToolTip(
            self.tr("Gradient descent, momentum and Adam from the same start, on one map.")
        )
        for name, item in self.path_items.items():
            rename_legend_entry(self.legend, item, self._path_name(name))
        if self._result is not None:
            self._show_labels(self._result)
        if self._error is None:
            self._show_caption()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showing_error(self) -> bool:
        return self._error is not None

    def _path_name(self, name: str) -> str:
        return self.tr(PATH_NAMES.get(name, name))

    def axis_name(self, name: str) -> str:
        """A plane's axis name (``app.core.landscape``) in the current language."""
        if name in RANDOM_AXIS_NAMES:
            return self.tr(name)
        pca = _PCA_AXIS_NAME.fullmatch(name)
        if pca is None:
            return name  # a parameter's name, e.g. w2[3,7], or one this view does not know
        number, share, of_the_movement = pca.groups()
        text = self.tr("PC %1 (%2 of the movement)") if of_the_movement else self.tr("PC %1 (%2)")
        return text.replace("%1", number).replace("%2", share)

    def descent_lines(self, step: DescentStep) -> list[str]:
        """``step.lines()`` in the current language: the lesson's five numbers."""

        def vec(values) -> str:
            return "(" + ", ".join(format_number(v) for v in values) + ")"

        names = ", ".join(step.names)
        return [
            self.tr("1. current (%1) = %2").replace("%2", vec(step.value)).replace("%1", names),
            self.tr("2. gradient = %1; negative gradient = %2")
            .replace("%2", vec(step.negative_gradient))
            .replace("%1", vec(step.gradient)),
            self.tr("3. learning rate η = %1").replace("%1", format_number(step.learning_rate)),
            self.tr("4. change = %1").replace("%1", vec(step.change)),
            self.tr("5. new (%1) = %2").replace("%2", vec(step.new_value)).replace("%1", names),
        ]

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
        self._error = text
        self.caption.setText(text)

    def show_result(self, result: LandscapeResult) -> None:
        self._result = result
        grid = np.asarray(result.grid, dtype=np.float64)
        finite = np.isfinite(grid)
        shown = grid.copy()
        if result.request.log_scale:
            with np.errstate(divide="ignore", invalid="ignore"):
                shown = np.log10(np.where(finite & (grid > 0), grid, np.nan))
        ok = np.isfinite(shown)
        if not ok.any():
            self.show_error(self.tr("The loss is not finite anywhere on this map."))
            return
        self._error = None
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
        for k, iso in enumerate(self.isocurves):
            iso.setData(filled.T, lo + (hi - lo) * (k + 1) / (len(self.isocurves) + 1))
        self._show_labels(result)
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
        self._show_caption()

    def _show_labels(self, result: LandscapeResult) -> None:
        label = self.tr("log₁₀ loss") if result.request.log_scale else self.tr("loss")
        self.colour_bar.axis.setLabel(label)
        self.plot.setLabel("bottom", self.axis_name(result.axis_names[0]))
        self.plot.setLabel("left", self.axis_name(result.axis_names[1]))

    def _show_caption(self) -> None:
        result = self._result
        if result is None:
            self.caption.setText(self.tr("Open this tab to compute the landscape."))
            return
        caption = self.tr(
            "Yellow: downhill (−gradient) direction. Red: the next step, η × −gradient."
        )
        note = result.note
        if note and result.request.kind == "lesson":
            # The job's note is the lesson's step in English; the same step, in this language.
            step = LessonPreset().step(result.current, result.request.learning_rate)
            note = "\n".join(self.descent_lines(step))
        if note:
            caption = note.replace("\n", "   ") + "\n" + caption
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
                    symbol="o", symbolBrush=colour, symbolPen=None, name=self._path_name(name)
                )
                self._style_path(item, name)
                item.setZValue(15)
                self.plot.addItem(item)
                self.path_items[name] = item
            finite = np.all(np.isfinite(path), axis=1)
            item.setData(path[finite, 0], path[finite, 1])
        self.legend.setVisible(len(paths) > 1)

    @staticmethod
    def _style_path(item: pg.PlotDataItem, name: str) -> None:
        colour = PATH_COLOURS.get(name, "#ffffff")
        item.setPen(pg.mkPen(colour, width=theme.line_width(2)))
        item.setSymbolSize(theme.px(5))

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
