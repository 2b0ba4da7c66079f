"""Layer health, live while training: is every layer still learning, every neuron alive?

Three pages (``app.core.layer_health`` computes what they show; the window runs it off the GUI
thread and calls the ``show_*`` methods, a couple of times a second while training):

- the average size of one weight's gradient per weight layer over the steps, on a log scale
  (with sigmoid the layers near the input fall orders of magnitude behind: the vanishing
  gradient);
- per weight layer, a histogram of its weights now against at initialisation, and of the last
  step's gradients;
- per hidden layer, how many neurons are saturated (sigmoid/tanh pinned at a limit) or dead
  (a ReLU that is never on), on a fixed sample.

Every plot item is made once (again only when the number of layers changes) and updated with
``setData`` after, so a refresh costs a few milliseconds.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.layer_health import (
    OUTPUT_LIMITS,
    SATURATED_ON_SHARE,
    SATURATION_EPSILON,
    HiddenLayerHealth,
    Histogram,
    WeightHistograms,
)
from app.core.network import Architecture
from app.ui import theme
from app.ui.empty_state import EmptyStateStack
from app.ui.loss_plot import (
    CalmRange,
    LegendBelow,
    PlotGuides,
    decades,
    smoothed,
    stepped_range,
)

#: Where the weight layers' colours are taken from viridis, input side first: dark to light,
#: in the order of the layers, and never viridis's pale yellow end, which vanishes on white.
LAYER_COLOUR_RANGE = (0.0, 0.8)
INITIAL_COLOUR = "#404040"
DEAD_COLOUR = "#505050"
HEALTHY_COLOUR = "#bcd4ea"
BAR_HEIGHT = 0.6
HISTOGRAM_HEADROOM = 1.75
#: A long run's gradient sizes are drawn as a trailing mean over 1/this of their points, in
#: log space: one mini-batch's gradient is noisy, and 15,000 steps drew three bands of spikes
#: on the stage. Over 1/50 (12 of 629 records) they were still jagged at 1280×720; over 1/20
#: each layer is one line. Under 40 points (steps taken by hand) each is drawn as it is.
SMOOTHING_SHARE = 20
LEGEND_STYLE = {
    "brush": pg.mkBrush(255, 255, 255, 215),
    "labelTextColor": "#181818",
    "labelTextSize": "11pt",
}


def layer_colours(count: int) -> list[str]:
    """``count`` colours, one per weight layer, from the input side to the output."""
    colour_map = pg.colormap.get("viridis")
    low, high = LAYER_COLOUR_RANGE
    positions = np.linspace(low, high, count) if count > 1 else np.array([0.45])
    return [colour_map.map(float(p), mode="qcolor").name() for p in positions]


class LayerHealthView(QWidget):
    """Three tabs: gradient size per layer, weight and gradient histograms, stuck neurons.

    Give it the network's architecture with ``set_architecture`` (for the layers' names; a new
    one empties every page). Results for another number of layers than the architecture's are
    ignored: they were computed for a network that has just been replaced.
    """

    def __init__(self, architecture: Architecture | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._architecture: Architecture | None = None
        self._n_weight_layers = 0
        self._weights: list[WeightHistograms] = []
        self._gradients: list[Histogram] | None = None
        self._health: list[HiddenLayerHealth] | None = None
        self._has_sizes = False

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_sizes_page(), "")
        self.tabs.addTab(self._build_histogram_page(), "")
        self.tabs.addTab(self._build_health_page(), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)
        if architecture is not None:
            self.set_architecture(architecture)
        self.retranslate_ui()

    # -- building ----------------------------------------------------------------------------

    def _build_sizes_page(self) -> QWidget:
        self.sizes_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.sizes_plot = self.sizes_widget.getPlotItem()
        self.sizes_plot.setLogMode(x=False, y=True)
        # Guides at the decades and a range that moves in steps: pyqtgraph's grid and an
        # autorange rebuilt and repainted the axes on every update (22 ms a paint measured,
        # half of it the axes' pictures; the window's lateness p99 20 ms on this tab).
        self._size_guides = PlotGuides(self.sizes_plot, vertical=False)
        self._sizes_range = CalmRange(self.sizes_plot)
        for name in ("bottom", "left"):
            # "(×0.001)" on a log axis of gradient sizes would confuse a class.
            self.sizes_plot.getAxis(name).enableAutoSIPrefix(False)
        self.sizes_plot.setMenuEnabled(False)
        # Under the plot: in its top right corner it covered the curves.
        self.sizes_legend = LegendBelow(self.sizes_plot, **LEGEND_STYLE)
        self.size_curves: list[pg.PlotDataItem] = []
        self.sizes_caption = QLabel()
        self.sizes_caption.setWordWrap(True)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.sizes_widget, 1)
        column.addWidget(self.sizes_caption)
        self.sizes_stack = EmptyStateStack(page)
        return self.sizes_stack

    def _build_histogram_page(self) -> QWidget:
        self.layer_title = QLabel()
        self.layer_picker = QComboBox()
        self.layer_picker.setMinimumContentsLength(16)
        self.layer_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.layer_picker.currentIndexChanged.connect(self._draw_histograms)
        row = QHBoxLayout()
        row.addWidget(self.layer_title)
        row.addWidget(self.layer_picker)
        row.addStretch(1)

        self.weights_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.weights_plot = self.weights_widget.getPlotItem()
        fill = pg.mkColor(theme.POSITIVE)
        fill.setAlpha(70)
        self.now_curve = pg.PlotDataItem(
            stepMode="center", fillLevel=0, brush=fill, pen=pg.mkPen(theme.POSITIVE, width=2.5)
        )
        self.initial_curve = pg.PlotDataItem(
            stepMode="center",
            pen=pg.mkPen(INITIAL_COLOUR, width=2, style=Qt.PenStyle.DashLine),
        )
        # Top left: a histogram centred on 0 leaves that corner free even in a narrow tab.
        self.weights_legend = self.weights_plot.addLegend(offset=(10, 10), **LEGEND_STYLE)
        self.weights_plot.addItem(self.initial_curve)
        self.weights_plot.addItem(self.now_curve)

        self.gradients_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.gradients_plot = self.gradients_widget.getPlotItem()
        fill = pg.mkColor(theme.NEGATIVE)
        fill.setAlpha(70)
        self.gradient_curve = pg.PlotDataItem(
            stepMode="center", fillLevel=0, brush=fill, pen=pg.mkPen(theme.NEGATIVE, width=2.5)
        )
        self.gradients_plot.addItem(self.gradient_curve)
        for plot in (self.weights_plot, self.gradients_plot):
            plot.setMenuEnabled(False)
            for name in ("bottom", "left"):
                plot.getAxis(name).enableAutoSIPrefix(False)

        plots = QHBoxLayout()
        plots.addWidget(self.weights_widget, 1)
        plots.addWidget(self.gradients_widget, 1)
        self.histograms_caption = QLabel()
        self.histograms_caption.setWordWrap(True)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addLayout(plots, 1)
        column.addWidget(self.histograms_caption)
        self.histograms_stack = EmptyStateStack(page)
        return self.histograms_stack

    def _build_health_page(self) -> QWidget:
        self.health_counts = QLabel()  # only for a network without hidden layers
        self.health_counts.setWordWrap(True)
        self.health_counts.setStyleSheet("font-size: 14pt;")
        self.health_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.health_plot = self.health_widget.getPlotItem()
        self.health_plot.setMouseEnabled(x=False, y=False)
        self.health_plot.setMenuEnabled(False)
        self.health_plot.hideButtons()
        self.health_plot.getViewBox().invertY(True)  # hidden layer 1 on top, as it is read
        self.health_plot.setXRange(0, 100, padding=0.02)
        self.health_bars = {
            kind: pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT, brush=colour, pen=None)
            for kind, colour in (
                ("saturated", theme.NEGATIVE),
                ("dead", DEAD_COLOUR),
                ("healthy", HEALTHY_COLOUR),
            )
        }
        for bar in self.health_bars.values():
            self.health_plot.addItem(bar)
        # The counts written on the bars, one per hidden layer: read where the bar is.
        self.health_texts: list[pg.TextItem] = []
        self.health_legend = QLabel()
        self.health_legend.setTextFormat(Qt.TextFormat.RichText)
        # Wrapped between its entries: on one line it needed 308 px in presenter mode, where
        # the page may now be built (app.ui.lazy_page), and the plots' tabs then needed more
        # than a 1280 px window has beside the five numbers.
        self.health_legend.setWordWrap(True)
        self.health_explanation = QLabel()
        self.health_explanation.setWordWrap(True)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.health_counts)
        column.addWidget(self.health_widget, 1)
        column.addWidget(self.health_legend)
        column.addWidget(self.health_explanation)
        self.health_stack = EmptyStateStack(page)
        return self.health_stack

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.tabs.setTabText(0, self.tr("Gradient size per layer"))
        self.tabs.setTabText(1, self.tr("Weights and gradients"))
        self.tabs.setTabText(2, self.tr("Stuck neurons"))
        self.tabs.setTabToolTip(
            0,
            self.tr(
                "How big one weight's gradient is, on average, in each layer. Try sigmoid "
                "with several hidden layers: the layers near the input get far smaller "
                "gradients."
            ),
        )
        self.tabs.setTabToolTip(
            1, self.tr("Where training took each layer's weights, and the last gradients.")
        )
        self.tabs.setTabToolTip(
            2,
            self.tr(
                "Neurons that no longer learn: saturated (sigmoid, tanh) or dead (ReLU). "
                "Try a large learning rate and watch them appear."
            ),
        )
        self.sizes_stack.message.setText(
            self.tr("No steps yet. Take a step or press Play to see each layer's gradient size.")
        )
        self.sizes_plot.setLabel("bottom", self.tr("step"))
        self.sizes_plot.setLabel("left", self.tr("average |gradient| of one weight"))
        self.sizes_caption.setText(
            self.tr(
                "The average size of one weight's gradient in each layer (log scale). An "
                "average, not a sum: a big layer does not look strong just for having many "
                "weights. With sigmoid, the gradient fades towards the input: the first layers "
                "learn slowest."
            )
        )
        for i, curve in enumerate(self.size_curves):
            _rename(self.sizes_legend, curve, self.weight_layer_name(i))

        self.histograms_stack.message.setText(
            self.tr("The histograms appear after the first computation.")
        )
        self.layer_title.setText(self.tr("Layer"))
        self.layer_picker.setToolTip(self.tr("Which weight layer's histograms to show."))
        for i in range(self.layer_picker.count()):
            self.layer_picker.setItemText(i, self.weight_layer_name(i))
        self.weights_plot.setLabel("bottom", self.tr("weight"))
        self.weights_plot.setLabel("left", self.tr("number of weights"))
        self.gradients_plot.setLabel("bottom", self.tr("gradient of the loss for a weight"))
        self.gradients_plot.setLabel("left", self.tr("number of weights"))
        _rename(self.weights_legend, self.now_curve, self.tr("now"))
        _rename(self.weights_legend, self.initial_curve, self.tr("at initialisation"))
        self.histograms_caption.setText(
            self.tr(
                "Left: the layer's weights now (blue) and when training started (dashed). "
                "Right: the gradients of the last step, on their own scale."
            )
        )
        self._title_gradients()

        self.health_stack.message.setText(self.tr("The counts appear after the first computation."))
        self.health_plot.setLabel("bottom", self.tr("share of the layer's neurons (%)"))
        swatch = '<span style="color:{}">■</span>&nbsp;{}'
        self.health_legend.setText(
            "&nbsp;&nbsp; ".join(
                swatch.format(colour, name)
                for colour, name in (
                    (theme.NEGATIVE, self.tr("saturated")),
                    (DEAD_COLOUR, self.tr("dead")),
                    (HEALTHY_COLOUR, self.tr("learning")),
                )
            )
        )
        self._describe_health()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def weight_layer_name(self, i: int) -> str:
        """Weight layer ``i`` (0-based, W[i]) as the class reads it: "weight layer 1 (784→16)"."""
        arch = self._architecture
        if arch is None or i >= arch.n_layers:
            return self.tr("weight layer %1").replace("%1", str(i + 1))
        return (
            self.tr("weight layer %1 (%2→%3)")
            .replace("%1", str(i + 1))
            .replace("%2", str(arch.layer_sizes[i]))
            .replace("%3", str(arch.layer_sizes[i + 1]))
        )

    def hidden_layer_name(self, layer: int) -> str:
        """Hidden layer ``layer`` (1..L−1) as the class reads it."""
        return self.tr("hidden layer %1").replace("%1", str(layer))

    # -- architecture ------------------------------------------------------------------------

    @property
    def architecture(self) -> Architecture | None:
        return self._architecture

    def set_architecture(self, architecture: Architecture) -> None:
        """Name the layers after ``architecture``; a different one empties every page."""
        if architecture == self._architecture:
            return
        self._architecture = architecture
        self._set_weight_layer_count(architecture.n_layers)
        self._has_sizes = False
        self._weights, self._gradients, self._health = [], None, None
        for curve in self.size_curves:
            curve.setData(x=[], y=[])
        self.sizes_stack.setCurrentWidget(self.sizes_stack.message)
        self.histograms_stack.setCurrentWidget(self.histograms_stack.message)
        self.health_stack.setCurrentWidget(self.health_stack.message)
        self.retranslate_ui()

    def _set_weight_layer_count(self, count: int) -> None:
        if count == self._n_weight_layers:
            return
        self._n_weight_layers = count
        for curve in self.size_curves:
            self.sizes_plot.removeItem(curve)  # also takes it out of the legend
        self.size_curves = []
        for colour in layer_colours(count):
            # Thousands of steps: a wide pen through every one of them was the costliest paint
            # of the window while training (GUI lateness p99 38 ms); a plot a few hundred
            # pixels wide shows the same line from each column's highest and lowest point.
            curve = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=3),
                name="",
                autoDownsample=True,
                downsampleMethod="peak",
                clipToView=True,
            )
            self.sizes_plot.addItem(curve)
            self.size_curves.append(curve)
        self.layer_picker.blockSignals(True)
        current = self.layer_picker.currentIndex()
        self.layer_picker.clear()
        self.layer_picker.addItems([""] * count)
        self.layer_picker.setCurrentIndex(min(max(current, 0), count - 1))
        self.layer_picker.blockSignals(False)

    def _stale(self, count: int) -> bool:
        """Whether results for ``count`` weight layers belong to a network since replaced."""
        if self._architecture is None:
            if count != self._n_weight_layers:
                self._set_weight_layer_count(count)
                self.retranslate_ui()
            return False
        return count != self._architecture.n_layers

    # -- (a) gradient size per layer ---------------------------------------------------------

    def show_gradient_sizes(self, steps: np.ndarray, sizes: np.ndarray) -> None:
        """Draw ``sizes`` (K, L), mean |gradient| of one weight per weight layer, over ``steps``
        (K,). K = 0 (no steps yet) shows the empty page. Sizes that are zero, negative or not
        finite have no place on a log scale and are left out of their curve. From 40 points
        on, each curve is a trailing geometric mean (``SMOOTHING_SHARE``)."""
        steps = np.asarray(steps, dtype=np.float64)
        sizes = np.asarray(sizes, dtype=np.float64)
        if steps.ndim != 1 or sizes.ndim != 2 or sizes.shape[0] != len(steps):
            raise ValueError(f"steps (K,) and sizes (K, L), got {steps.shape} and {sizes.shape}")
        if self._stale(sizes.shape[1]):
            return
        drawn = np.zeros(0)
        window = len(steps) // SMOOTHING_SHARE
        for i, curve in enumerate(self.size_curves):
            keep = np.isfinite(steps) & np.isfinite(sizes[:, i]) & (sizes[:, i] > 0)
            y = sizes[keep, i]
            if window > 1:
                y = 10.0 ** smoothed(np.log10(y), window)
            curve.setData(x=steps[keep], y=y)
            drawn = np.concatenate([drawn, y])
        self._has_sizes = bool(len(drawn))
        if len(drawn):
            self._sizes_range.show(
                stepped_range(float(steps[0]), float(steps[-1])),
                decades(float(drawn.min()), float(drawn.max())),
            )
            self.sizes_stack.show_content()
        else:
            self.sizes_stack.setCurrentWidget(self.sizes_stack.message)

    # -- (b) histograms ----------------------------------------------------------------------

    def show_histograms(
        self, weights: list[WeightHistograms], gradients: list[Histogram] | None = None
    ) -> None:
        """Per weight layer, the weights now and at initialisation on shared bins (``weights``,
        from ``weight_histograms``), and the last step's gradients (``gradients``, from
        ``gradient_histograms``; None before the first step). Each histogram has ``edges``
        (B+1,) and counts (B,); only the picked layer is drawn."""
        if gradients is not None and len(gradients) != len(weights):
            raise ValueError(f"{len(weights)} weight layers but {len(gradients)} gradients")
        if not weights or self._stale(len(weights)):
            return
        self._weights = list(weights)
        self._gradients = None if gradients is None else list(gradients)
        self.histograms_stack.show_content()
        self._draw_histograms()

    @property
    def picked_layer(self) -> int:
        """The weight layer (0-based) whose histograms are shown."""
        return self.layer_picker.currentIndex()

    def set_picked_layer(self, i: int) -> None:
        self.layer_picker.setCurrentIndex(i)

    def _draw_histograms(self, *_args) -> None:
        i = self.picked_layer
        if not self._weights or not 0 <= i < len(self._weights):
            return
        layer = self._weights[i]
        _set_histogram(self.now_curve, layer.edges, layer.now)
        _set_histogram(self.initial_curve, layer.edges, layer.initial)
        # Headroom above the tallest bar: the legend sits there, never on the bars.
        tallest = max(float(np.max(layer.now, initial=0)), float(np.max(layer.initial, initial=0)))
        self.weights_plot.setYRange(0.0, HISTOGRAM_HEADROOM * max(tallest, 1.0), padding=0)
        if self._gradients is None:
            _set_histogram(self.gradient_curve, None, None)
        else:
            gradient = self._gradients[i]
            _set_histogram(self.gradient_curve, gradient.edges, gradient.counts)
        self._title_gradients()

    def _title_gradients(self) -> None:
        if self._weights and self._gradients is None:
            self.gradients_plot.setTitle(self.tr("No gradient yet: take a step."))
        else:
            self.gradients_plot.setTitle(self.tr("The last step's gradients"))
        self.weights_plot.setTitle(self.tr("The weights: now and at the start"))

    # -- (c) stuck neurons -------------------------------------------------------------------

    def show_health(self, health: list[HiddenLayerHealth]) -> None:
        """Saturated and dead neurons per hidden layer (``hidden_layer_health``'s result, one
        entry per hidden layer 1..L−1; empty for a network without hidden layers)."""
        if self._stale(len(health) + 1):
            return
        self._health = list(health)
        self.health_stack.show_content()
        n = len(health)
        ys = np.arange(n, dtype=np.float64)
        neurons = np.array([max(h.n_neurons, 1) for h in health], dtype=np.float64)
        saturated = np.array([h.saturated.sum() for h in health], dtype=np.float64)
        dead = np.array([(h.dead & ~h.saturated).sum() for h in health], dtype=np.float64)
        saturated_pct = 100.0 * saturated / neurons
        dead_pct = 100.0 * dead / neurons
        stuck = saturated_pct + dead_pct
        self.health_bars["saturated"].setOpts(x0=np.zeros(n), y=ys, width=saturated_pct)
        self.health_bars["dead"].setOpts(x0=saturated_pct, y=ys, width=dead_pct)
        self.health_bars["healthy"].setOpts(x0=stuck, y=ys, width=100.0 - stuck)
        self.health_plot.setYRange(-0.5, max(n, 1) - 0.5, padding=0.05)
        while len(self.health_texts) > n:
            self.health_plot.removeItem(self.health_texts.pop())
        while len(self.health_texts) < n:
            # A pale backing keeps the text readable over the dark "dead" bar too.
            text = pg.TextItem(color="#181818", anchor=(0, 0.5), fill=(255, 255, 255, 200))
            text.setFont(self._bar_font())
            self.health_plot.addItem(text)
            self.health_texts.append(text)
        for k, text in enumerate(self.health_texts):
            text.setPos(1.5, float(k))
        self._describe_health()

    def _bar_font(self):
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
        font.setBold(True)
        return font

    def health_lines(self) -> list[str]:
        """One line per hidden layer: "hidden layer 1: 3 of 16 saturated, 0 dead"."""
        return [
            self.hidden_layer_name(h.layer) + ": " + self.count_text(h) for h in self._health or []
        ]

    def count_text(self, health: HiddenLayerHealth) -> str:
        """What is written on a hidden layer's bar: "3 of 16 saturated, 0 dead"."""
        return (
            self.tr("%1 of %2 saturated, %3 dead")
            .replace("%1", str(int(health.saturated.sum())))
            .replace("%2", str(health.n_neurons))
            .replace("%3", str(int(health.dead.sum())))
        )

    def _describe_health(self) -> None:
        health = self._health
        if health is None:
            return
        ticks = [(float(k), self.hidden_layer_name(h.layer)) for k, h in enumerate(health)]
        self.health_plot.getAxis("left").setTicks([ticks])
        for text, h in zip(self.health_texts, health, strict=True):
            text.setText(self.count_text(h))
        self.health_counts.setVisible(not health)
        self.health_widget.setVisible(bool(health))
        self.health_legend.setVisible(bool(health))
        if not health:
            self.health_counts.setText(
                self.tr("This network has no hidden layer: no neuron can get stuck.")
            )
            self.health_explanation.setText("")
            return
        self.health_explanation.setText(self.explanation(health[0].activation))

    def explanation(self, activation: str) -> str:
        """What saturated and dead mean for ``activation``, with the engine's thresholds."""
        share = f"{100 * SATURATED_ON_SHARE:.0f} %"
        if activation in OUTPUT_LIMITS:
            low, high = OUTPUT_LIMITS[activation]
            margin = SATURATION_EPSILON * (high - low)
            text = self.tr(
                "Saturated: a %1 neuron whose output stays below %2 or above %3 on at least %4 "
                "of a fixed sample of examples. Its slope there is almost 0, so almost no "
                "gradient passes through it and it hardly learns. A %1 neuron is never dead."
            )
            return (
                text.replace("%1", activation)
                .replace("%2", f"{low + margin:g}".replace("-", "−"))
                .replace("%3", f"{high - margin:g}".replace("-", "−"))
                .replace("%4", share)
            )
        if activation == "relu":
            return self.tr(
                "Dead: a ReLU neuron whose weighted sum is 0 or less on every example of a fixed "
                "sample. It always outputs 0, no gradient reaches its weights, and it has "
                "stopped learning. A ReLU neuron never saturates: it has no upper limit."
            )
        return self.tr("Saturated or dead neurons pass almost no gradient: they stop learning.")


def _set_histogram(curve: pg.PlotDataItem, edges, counts) -> None:
    """A step histogram of ``counts`` (B,) on ``edges`` (B+1,); nothing if either is unusable."""
    if edges is None or counts is None:
        curve.setData(x=np.empty(0), y=np.empty(0))
        return
    edges = np.asarray(edges, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.float64)
    if (
        len(edges) != len(counts) + 1
        or len(counts) == 0
        or not np.all(np.isfinite(edges))
        or not np.all(np.isfinite(counts))
    ):
        curve.setData(x=np.empty(0), y=np.empty(0))
        return
    curve.setData(x=edges, y=counts)


def _rename(legend: pg.LegendItem, item: pg.PlotDataItem, name: str) -> None:
    """Name ``item`` in ``legend``, adding it the first time."""
    if legend.getLabel(item) is None:
        item.opts["name"] = name
        legend.addItem(item, name)
        return
    item.opts["name"] = name
    label = legend.getLabel(item)
    if label.text != name:
        label.setText(name)
        legend.layout.activate()
        legend.updateSize()
