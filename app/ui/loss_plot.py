"""The loss curve, streamed from snapshots: raw per-step loss, its smoothed trend, and per-epoch
validation loss and accuracy, with a mark at every epoch."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGraphicsScene, QVBoxLayout, QWidget

from app.training.snapshot import Snapshot
from app.ui import theme

# Columns a curve is drawn in at most: the history holds up to 20,000 steps and the plot is
# some 600 px wide; each column keeps its lowest and highest raw loss (two points).
MAX_COLUMNS = 600
MAX_EPOCH_MARKS = 50
MAX_EPOCH_DOTS = 60
#: The step axis spans at least this many steps, from 0: after one single-example step it
#: ran −40…40 (a one-point range, widened by pyqtgraph), after two its ticks read 0.5, 1.5.
MIN_STEP_SPAN = 10.0
#: The loss curve marks each step with a dot while there are this few: one point is no line.
MAX_STEP_DOTS = 20
#: Axis ends snap up to the next of these times a power of ten. The range then changes a few
#: times in a run instead of on every update, and pyqtgraph regenerates the axes' ticks,
#: labels and the grid only then: with the range following every update they were half of
#: each paint (5 of 11 ms measured).
NICE_MULTIPLES = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest ``m × 10**k`` (m in ``NICE_MULTIPLES``) at least ``value``; 1 if
    ``value`` is not positive and finite."""
    if not (math.isfinite(value) and value > 0.0):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for multiple in NICE_MULTIPLES:
        if multiple * power >= value:
            return multiple * power
    return 10.0 * power


def stepped_range(low: float, high: float) -> tuple[float, float]:
    """A calm axis range holding [low, high] (low ≥ 0 assumed for a loss or a step count):
    from 0, unless the data start in the upper half, up to ``nice_ceiling(high)``."""
    top = nice_ceiling(high)
    if low > top / 2:
        unit = 10.0 ** math.floor(math.log10(top - low)) if top > low else top / 10
        return min(math.floor(low / unit) * unit, low), top  # min: float rounding
    return 0.0, top


def smoothed(values: np.ndarray, window: int) -> np.ndarray:
    """Trailing moving average (shape kept); the first points average what exists so far."""
    if len(values) == 0 or window <= 1:
        return values.copy()
    csum = np.cumsum(np.concatenate([[0.0], values]))
    idx = np.arange(1, len(values) + 1)
    lo = np.maximum(idx - window, 0)
    return (csum[idx] - csum[lo]) / (idx - lo)


def thinned(x: np.ndarray, y: np.ndarray, limit: int = MAX_COLUMNS):
    """Every k-th point, at most ``limit``: enough for a curve that is already smooth."""
    if len(x) <= limit:
        return x, y
    step = int(np.ceil(len(x) / limit))
    return x[::step], y[::step]


def envelope(x: np.ndarray, y: np.ndarray, columns: int = MAX_COLUMNS):
    """A noisy curve drawn in at most ``columns`` columns without losing a spike.

    Shapes: x, y (n,) → (2·columns,) at most. Each column of consecutive points becomes two
    points, its lowest and its highest y (at the column's first x), so the band a reader sees
    is the band the data spans; picking every k-th point instead hides the spikes that say
    the learning rate is too large.
    """
    n = len(x)
    if n <= 2 * columns:
        return x, y
    size = int(np.ceil(n / columns))
    full = n // size
    head_y = y[: full * size].reshape(full, size)
    lows, highs = head_y.min(axis=1), head_y.max(axis=1)
    starts = x[: full * size : size]
    if full * size < n:
        tail = y[full * size :]
        lows = np.append(lows, tail.min())
        highs = np.append(highs, tail.max())
        starts = np.append(starts, x[full * size])
    return np.repeat(starts, 2), np.column_stack([lows, highs]).ravel()


def decades(low: float, high: float) -> tuple[float, float]:
    """A log axis's range in view units (log10) holding [low, high] > 0: whole decades."""
    bottom, top = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return float(bottom), float(max(top, bottom + 1))


class CalmRange:
    """A plot's range, set only when it changes and never followed by pyqtgraph's autorange.

    Callers pass ranges that move in steps (``stepped_range``, ``decades``); between steps
    nothing moves, so the axes, their ticks and labels and the guides are not rebuilt. A zoom
    or pan of the user's lasts until the next update, which shows everything again.
    """

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.shown: tuple | None = None
        plot.disableAutoRange()
        plot.getViewBox().sigRangeChangedManually.connect(self.forget)

    def forget(self, *_args) -> None:
        self.shown = None

    def show(self, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
        if (x_range, y_range) == self.shown:
            return
        self.shown = (x_range, y_range)
        self.plot.setRange(xRange=x_range, yRange=y_range, padding=0)


def rename_legend_entry(legend: pg.LegendItem, item: pg.PlotDataItem, name: str) -> None:
    """Show ``item`` as ``name`` in ``legend`` (and in what the item itself says it is)."""
    item.opts["name"] = name
    label = legend.getLabel(item)
    if label is None or label.text == name:
        return
    label.setText(name)
    legend.layout.activate()  # the label's new width, before the legend sizes its frame
    legend.updateSize()


class LegendBelow(pg.LegendItem):
    """A legend in its own row under a plot's x axis, never over the data: in a corner of
    the view it covered curves (layer health's top right, the loss curve's). As many
    entries to a row as the plot's width takes (``updateSize``, on every resize)."""

    def __init__(self, plot: pg.PlotItem, **style) -> None:
        super().__init__(offset=None, **style)
        self.plot = plot
        plot.legend = self  # plot(name=…) adds its curves here, as to addLegend's
        # Its entries' width never widens the plot: the columns follow the plot's width.
        self.setMinimumWidth(1)
        self.setPreferredWidth(1)
        plot.layout.addItem(self, LEGEND_ROW, 1)
        plot.getViewBox().sigResized.connect(self.updateSize)

    def updateSize(self) -> None:
        """Columns for the plot's width (its entries or their texts changed, or its size);
        the plot's layout places and sizes it (pyqtgraph's moved it to (0, 0))."""
        if getattr(self, "_fitting", False) or not hasattr(self, "plot"):
            return  # setColumnCount asks again; pyqtgraph's __init__ asks before the plot
        self._fitting = True
        try:
            width = self.plot.getViewBox().width()
            for columns in range(max(1, len(self.items)), 0, -1):
                self.setColumnCount(columns)
                self.layout.activate()
                if columns == 1 or self.layout.preferredWidth() <= width:
                    break
        finally:
            self._fitting = False
        self.setMaximumHeight(self.layout.preferredHeight() if self.isVisible() else 0)
        self.updateGeometry()

    def setVisible(self, visible: bool) -> None:
        """Hidden, its row gives the plot its height back."""
        super().setVisible(visible)
        self.updateSize()


#: The row of a ``pg.PlotItem``'s grid under its bottom axis (0 title, 1 top axis, 2 the
#: view, 3 the bottom axis).
LEGEND_ROW = 4


class PlotGuides:
    """Grid lines at an axis pair's major ticks, and dashed marks at chosen x positions.

    Each is one curve of line pairs in one opaque pen, rebuilt when the view moves. Measured
    at 700×450: pyqtgraph's own grid cost about 10 ms of every paint and one ``InfiniteLine``
    per epoch about 5 ms more, when the whole plot should paint in a few.
    """

    def __init__(self, plot: pg.PlotItem, vertical: bool = True) -> None:
        self.plot = plot
        self.vertical = vertical
        self.grid = pg.PlotCurveItem(connect="pairs")
        self.marks = pg.PlotCurveItem(connect="pairs")
        self.apply_theme()
        for z, item in ((-20, self.grid), (-10, self.marks)):
            item.setZValue(z)
            plot.addItem(item, ignoreBounds=True)
        self.mark_x = np.empty(0)
        plot.getViewBox().sigRangeChanged.connect(self.refresh)

    def apply_theme(self) -> None:
        """Pens of the current look (``theme``)."""
        colours = theme.colours()
        self.grid.setPen(pg.mkPen(colours.grid, width=theme.line_width(1)))
        self.marks.setPen(
            pg.mkPen(colours.epoch_mark, width=theme.line_width(1), style=Qt.PenStyle.DashLine)
        )

    def set_marks(self, xs: np.ndarray) -> None:
        self.mark_x = np.asarray(xs, dtype=float)
        self.refresh()

    def refresh(self, *_args) -> None:
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        bottom, left = self.plot.getAxis("bottom"), self.plot.getAxis("left")
        xs = (
            _major_ticks(bottom, x0, x1, max(bottom.width(), 1.0)) if self.vertical else np.empty(0)
        )
        ys = _major_ticks(left, y0, y1, max(left.height(), 1.0))
        self.grid.setData(*_segments(xs, ys, (x0, x1), (y0, y1)))
        marks = self.mark_x[(self.mark_x >= x0) & (self.mark_x <= x1)]
        self.marks.setData(*_segments(marks, np.empty(0), (x0, x1), (y0, y1)))


def _major_ticks(axis: pg.AxisItem, low: float, high: float, pixels: float) -> np.ndarray:
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return np.empty(0)
    levels = axis.tickValues(low, high, pixels)
    return np.asarray(levels[0][1], dtype=float) if levels else np.empty(0)


def _segments(xs: np.ndarray, ys: np.ndarray, x_range, y_range) -> tuple[np.ndarray, np.ndarray]:
    """Vertical lines at ``xs`` and horizontal ones at ``ys``, as (x, y) for connect="pairs"."""
    vx = np.repeat(xs, 2)
    vy = np.tile(np.asarray(y_range, dtype=float), len(xs))
    hx = np.tile(np.asarray(x_range, dtype=float), len(ys))
    hy = np.repeat(ys, 2)
    return np.concatenate([vx, hx]), np.concatenate([vy, hy])


class LossPlotView(QWidget):
    """Loss (top) and validation accuracy (bottom), x in steps, sharing the x axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._serial = -1
        self.canvas = pg.GraphicsLayoutWidget()
        # Curves change every update: no BSP index to rebuild (see NetworkGraphView).
        self.canvas.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

        self.loss_plot = self.canvas.addPlot(row=0, col=0)
        self._range = CalmRange(self.loss_plot)
        for plot_axis in ("left", "bottom"):
            self.loss_plot.getAxis(plot_axis).enableAutoSIPrefix(False)
        self._legend = LegendBelow(self.loss_plot)
        self._has_data = False
        # A legend taller than half the plot's room leaves the curve too little (the window
        # at 1280×720 leaves the plot about 80 px): then the curves' tooltip names them.
        self.loss_plot.getViewBox().sigResized.connect(self._place_legend)
        names = self._curve_names()
        self.raw_curve = self.loss_plot.plot(name=names[0])
        self.smooth_curve = self.loss_plot.plot(name=names[1])
        self.val_curve = self.loss_plot.plot(symbol="o", name=names[2])

        self.accuracy_plot = self.canvas.addPlot(row=1, col=0)
        self.accuracy_plot.setYRange(0, 100)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.accuracy_curve = self.accuracy_plot.plot(symbol="o")
        self._loss_guides = PlotGuides(self.loss_plot)
        # (first record, last record, steps, validation losses, accuracies %) of the epochs
        # already converted: a long run has thousands, and converting them all on every
        # update made the plot's frame grow with the run (soak: p99 27 -> 33 ms in 30 min).
        self._epoch_cache: tuple | None = None
        self._accuracy_guides = PlotGuides(self.accuracy_plot)
        self.canvas.ci.layout.setRowStretchFactor(0, 3)
        self.canvas.ci.layout.setRowStretchFactor(1, 1)
        self._empty_text = pg.TextItem()
        self._empty_text.setAnchor((0.5, 0.5))
        self._empty_text.setPos(50, 0.5)
        self.loss_plot.addItem(self._empty_text)
        self._show_empty_ranges()
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """Colours, line widths and text sizes of the current look (``theme``).

        The presenter calls it on every switch; the axes' texts follow the application font.
        """
        colours = theme.colours()
        self.canvas.setBackground(colours.background)
        presenting = theme.presenting()
        self._legend.setBrush(pg.mkBrush(255, 255, 255, 235 if presenting else 215))
        self._legend.setPen(pg.mkPen(colours.foreground if presenting else "#c8c8c8"))
        self._legend.setLabelTextColor(colours.foreground)
        # The legend's and the title's sizes are written into their HTML: the texts again.
        self._legend.setLabelTextSize(f"{theme.pt(9):g}pt")
        for _sample, label in self._legend.items:
            label.setText(label.text)
        self._legend.layout.activate()
        self._legend.updateSize()
        title = self.loss_plot.titleLabel
        title.setText(title.text, size=f"{theme.pt(11):g}pt", color=colours.foreground)
        symbol = theme.px(7)
        self.raw_curve.setPen(pg.mkPen(colours.loss_raw, width=theme.line_width(1)))
        self.smooth_curve.setPen(pg.mkPen(colours.loss_smooth, width=theme.line_width(2.5)))
        self.smooth_curve.setSymbolBrush(colours.loss_smooth)
        self.smooth_curve.setSymbolPen(pg.mkPen(colours.loss_smooth))
        self.smooth_curve.setSymbolSize(symbol)
        for curve, colour in (
            (self.val_curve, colours.validation),
            (self.accuracy_curve, colours.accuracy),
        ):
            curve.setPen(pg.mkPen(colour, width=theme.line_width(2)))
            curve.setSymbolBrush(colour)
            curve.setSymbolPen(pg.mkPen(colour if presenting else (200, 200, 200)))
            curve.setSymbolSize(symbol)
        for plot in (self.loss_plot, self.accuracy_plot):
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                if presenting:
                    axis.setPen(pg.mkPen(colours.foreground, width=theme.line_width(1)))
                    axis.setTextPen(pg.mkPen(colours.foreground))
                else:  # pyqtgraph's own grey
                    axis.setPen()
                    axis.setTextPen()
        self._empty_text.setColor(colours.muted)
        self._empty_text.setFont(QFont(QApplication.font()))
        for guides in (self._loss_guides, self._accuracy_guides):
            guides.apply_theme()
        self._place_legend()

    def _curve_names(self) -> tuple[str, str, str]:
        return (
            self.tr("training loss, each step"),
            self.tr("training loss, smoothed"),
            self.tr("validation loss, each epoch"),
        )

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.loss_plot.setTitle(
            self.tr("Loss (lower is better)"),
            color=theme.colours().foreground,
            size=f"{theme.pt(11):g}pt",
        )
        self.loss_plot.setLabel("left", self.tr("loss"))
        curves = (self.raw_curve, self.smooth_curve, self.val_curve)
        for curve, name in zip(curves, self._curve_names(), strict=True):
            rename_legend_entry(self._legend, curve, name)
        if hasattr(self, "_has_data"):
            self._place_legend()
        self.accuracy_plot.setLabel("left", self.tr("accuracy %"))
        self.accuracy_plot.setLabel("bottom", self.tr("step"))
        self._empty_text.setText(self.tr("Press Play or Step: the loss appears here"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def legend_shown(self) -> bool:
        """Shown and laid out in its row (the plot's layout places it a turn later)."""
        return self._legend.isVisible() and self._legend.height() > 0

    def _place_legend(self, *_args) -> None:
        legend = self._legend
        room = self.loss_plot.getViewBox().height()
        room += legend.height() if legend.isVisible() else 0  # the plot's and the legend's
        need = legend.layout.preferredHeight()
        fits = need <= 0.5 * room
        shown = self._has_data and fits
        if shown != legend.isVisible():
            legend.setVisible(shown)
        self.canvas.setToolTip(
            "" if fits else "\n".join(self._curve_names())  # the legend's words, on hover
        )

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.serial == self._serial:
            return
        self._serial = snapshot.serial
        steps, losses = snapshot.loss_steps, snapshot.loss_values
        empty = len(steps) == 0
        self._empty_text.setVisible(empty)
        self._has_data = not empty
        self._place_legend()
        if empty:
            self._show_empty_ranges()
        else:
            self._follow_ranges(steps, losses)
        window = max(1, len(losses) // 50)
        self.raw_curve.setData(*envelope(steps, losses))
        self.smooth_curve.setSymbol("o" if len(steps) <= MAX_STEP_DOTS else None)
        self.smooth_curve.setData(*thinned(steps, smoothed(losses, window)))
        epoch_steps, val_loss, accuracy = self._epoch_arrays(snapshot.epochs)
        # A dot per epoch while they can be told apart; past that a line, thinned like the
        # rest (a long run has thousands of epochs, and their dots cost more than the curves).
        dots = len(epoch_steps) <= MAX_EPOCH_DOTS
        for curve, values in ((self.val_curve, val_loss), (self.accuracy_curve, accuracy)):
            curve.setSymbol("o" if dots else None)
            curve.setData(*thinned(epoch_steps, values))
        self._set_epoch_marks(epoch_steps)

    def _epoch_arrays(self, epochs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Steps, validation losses and accuracies (%) of ``epochs``, (E,) each.

        Epoch records only ever join at the end of the same history (a reset or a loaded
        session starts another), so only the new ones are converted.
        """
        cache = self._epoch_cache
        done = 0
        if cache is not None and epochs:
            first, last, steps, losses, accuracies = cache
            n = len(steps)
            if 0 < n <= len(epochs) and epochs[0] is first and epochs[n - 1] is last:
                done = n
        if done == 0:
            steps, losses, accuracies = np.zeros(0), np.zeros(0), np.zeros(0)
        new = epochs[done:]
        if new:
            steps = np.concatenate([steps, [float(e.step) for e in new]])
            losses = np.concatenate([losses, [e.val_loss for e in new]])
            accuracies = np.concatenate([accuracies, [100 * e.val_accuracy for e in new]])
        self._epoch_cache = (epochs[0], epochs[-1], steps, losses, accuracies) if epochs else None
        return steps, losses, accuracies

    def _show_empty_ranges(self) -> None:
        """Calm axes before the first step (0–100 steps, loss 0–1), not pyqtgraph's ±0.5."""
        self._range.show((0.0, 100.0), (0.0, 1.0))

    def _follow_ranges(self, steps: np.ndarray, losses: np.ndarray) -> None:
        """Ranges that hold every step and every finite loss, in ``stepped_range`` jumps."""
        finite = losses[np.isfinite(losses)]
        if len(finite) == 0:
            return  # nothing drawable: keep what is shown
        x_range = stepped_range(float(steps[0]), float(steps[-1]))
        if x_range[1] - x_range[0] < MIN_STEP_SPAN:
            x_range = (0.0, max(MIN_STEP_SPAN, nice_ceiling(float(steps[-1]))))
        y_range = stepped_range(0.0, float(finite.max()))  # a loss is never below 0
        self._range.show(x_range, y_range)

    def _set_epoch_marks(self, steps: np.ndarray) -> None:
        # Only the newest marks: hundreds of lines would hide the curve.
        self._loss_guides.set_marks(steps[-MAX_EPOCH_MARKS:])
