"""The live network graph: every layer a column of nodes, every weight an edge.

What the class sees on the projector: the input digit as its 28×28 picture, unrolled into a
column of 784 input cells, then the hidden layers and the ten output digits. Edges are
coloured by sign (blue positive, orange negative: a colour-blind-safe pair) and fade with
magnitude; nodes are shaded by how strongly they fire for the current input.

Speed: a pen per edge costs ~270 ms a repaint. Here the edges of each weight layer are sorted
into (sign, magnitude level) bins, and each weight layer is one item that paints every bin
with one pen and one ``drawLines`` call straight from a numpy array. Geometry is computed once
per architecture (``graph_layout``); an update only gathers values, bins them and reorders
the endpoints. What is left is Qt rasterising the lines: the 12,544 edges out of the 784
inputs are most of the pixels, so that fan is kept narrow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.lesson import LessonFrame, LessonStep
from app.core.network import Architecture
from app.training.snapshot import InputView, Snapshot
from app.ui import theme
from app.ui.flow_layout import FlowLayout

EDGE_MODES: tuple[str, ...] = ("weights", "gradients", "change")

POSITIVE_RGB = (33, 102, 172)  # #2166ac
NEGATIVE_RGB = (230, 97, 1)  # #e66101
INK_RGB = (24, 24, 24)
BACKGROUND = "#ffffff"

#: Magnitude levels per sign; level 0 is the faintest.
MAGNITUDE_LEVELS = 8
#: Bin codes (see ``bin_edges``) in the order they are painted: faint levels first, so strong
#: edges end on top; at each level the positive bin, then the negative one.
PAINT_ORDER = tuple(
    code for level in range(MAGNITUDE_LEVELS) for code in (level, MAGNITUDE_LEVELS + level)
)
#: Edge magnitudes are divided by this percentile of their weight layer's |values|, so one
#: outlier does not make every other edge invisible.
ROBUST_PERCENTILE = 99.0

#: Up to this many shown edges a weight layer gets opaque pens, wider for strong edges.
SPARSE_LAYER_EDGES = 1500
#: While training runs, a weight layer with more edges than this (the 784-input fan: 12,544)
#: shows only its strongest STRONGEST_PERCENT_WHILE_RUNNING % (see _render_edges).
DENSE_FAN_EDGES = 5000
STRONGEST_PERCENT_WHILE_RUNNING = 25
#: A weight layer showing more edges than this gets a lower opacity ceiling (see _pen_style).
DENSE_OPACITY_EDGES = 640.0

#: More round nodes than this in one column stop being legible; such a layer is cut.
LEGIBLE_NODES = 64
#: How many nodes a cut layer still shows (the rest of its slots hold the "… N more" label).
NODES_SHOWN_WHEN_CUT = 56
#: An input layer up to this size is drawn whole, as touching cells (the unrolled image).
MAX_INPUT_CELLS = 1024

# Scene geometry, in scene units (the view keeps the aspect ratio and fits it to the widget).
SCENE_HEIGHT = 100.0
IMAGE_SIDE = 42.0
IMAGE_GAP = 10.0
STRIP_WIDTH = 4.0
MAX_NODE_SPACING = 7.0
MAX_NODE_DIAMETER = 4.6
EDGE_AREA_WIDTH = 185.0
MIN_COLUMN_GAP = 42.0
DENSE_FAN_GAP = 46.0
MAX_COLUMN_GAP = 100.0

#: In a lesson frame, the weight layers whose gradient is not known yet get this fraction of
#: their usual opacity: a faint backdrop to the layers that are the sub-step's news.
LESSON_FADE = 4
#: The neuron lab's cross: a dark red, told from the orange by its shape as much as its hue.
LAB_MARK_RGB = (178, 24, 43)

#: Scene texts shrink to fit a small graph (see _fit_scene_texts), never below this size,
#: and keep at least this many pixels between two column titles.
MIN_SCENE_POINT_SIZE = 7.0
TEXT_GAP_PX = 10.0

#: How close (in screen pixels) the cursor must be to an edge or node to pick it.
PICK_RADIUS_PX = 5.0

IMAGE_PIXELS = 28


@dataclass(frozen=True, eq=False)
class Column:
    """Where one layer's neurons sit: ``ys[k]`` for the first ``len(ys)`` of ``size`` neurons."""

    layer: int
    x: float
    ys: np.ndarray
    spacing: float
    size: int
    strip: bool
    node_diameter: float

    @property
    def n_drawn(self) -> int:
        return len(self.ys)

    @property
    def n_hidden(self) -> int:
        return self.size - self.n_drawn

    @property
    def half_width(self) -> float:
        return STRIP_WIDTH / 2 if self.strip else self.node_diameter / 2


@dataclass(frozen=True, eq=False)
class EdgeLayer:
    """The drawn edges of weight layer ``layer`` (column ``layer`` → column ``layer + 1``).

    Edge ``e`` is ``W[layer][to_neuron[e], from_neuron[e]]``, stored at ``flat_index[e]`` in
    ``params``; it runs from ``(x[e, 0], y[e, 0])`` to ``(x[e, 1], y[e, 1])``.
    """

    layer: int
    flat_index: np.ndarray
    to_neuron: np.ndarray
    from_neuron: np.ndarray
    x: np.ndarray
    y: np.ndarray

    @property
    def n_edges(self) -> int:
        return len(self.flat_index)

    @cached_property
    def lines(self) -> np.ndarray:
        """(E, 4) float64, a row ``x1, y1, x2, y2`` per edge: the memory layout of QLineF."""
        return np.column_stack([self.x[:, 0], self.y[:, 0], self.x[:, 1], self.y[:, 1]])


@dataclass(frozen=True, eq=False)
class GraphLayout:
    """Every position the view needs for one architecture, computed once."""

    architecture: Architecture
    columns: tuple[Column, ...]
    edges: tuple[EdgeLayer, ...]
    image_rect: QRectF | None
    view_rect: QRectF


@dataclass(frozen=True, eq=False)
class EdgeBin:
    """The drawn edges of one weight layer with one sign and magnitude level, one pen.

    Edge ``k`` runs from ``(x[k, 0], y[k, 0])`` to ``(x[k, 1], y[k, 1])`` (view coordinates)
    and is weight ``flat_indices[k]``.
    """

    layer: int
    negative: bool
    level: int
    color: QColor
    flat_indices: np.ndarray
    x: np.ndarray
    y: np.ndarray


def graph_layout(architecture: Architecture) -> GraphLayout:
    """Node and edge positions for ``architecture`` (pure geometry, no Qt items)."""
    sizes = architecture.layer_sizes
    n_layers = len(sizes) - 1
    has_image = sizes[0] == IMAGE_PIXELS * IMAGE_PIXELS
    dense_input = sizes[0] > LEGIBLE_NODES
    if dense_input and n_layers > 1:
        # The fan out of hundreds of inputs is a cloud whatever its width, and every unit of
        # width is paid for in pixels of thousands of lines; the hidden layers get the room.
        first_gap = DENSE_FAN_GAP
        gap = (EDGE_AREA_WIDTH - first_gap) / (n_layers - 1)
    else:
        first_gap = gap = EDGE_AREA_WIDTH / n_layers
    gaps = [min(max(g, MIN_COLUMN_GAP), MAX_COLUMN_GAP) for g in [first_gap] + [gap] * n_layers]

    image_rect = None
    x = 0.0
    if has_image:
        image_rect = QRectF(0.0, (SCENE_HEIGHT - IMAGE_SIDE) / 2, IMAGE_SIDE, IMAGE_SIDE)
        x = IMAGE_SIDE + IMAGE_GAP + STRIP_WIDTH / 2

    columns = []
    for layer, size in enumerate(sizes):
        strip = layer == 0 and LEGIBLE_NODES < size <= MAX_INPUT_CELLS
        if strip:
            spacing = SCENE_HEIGHT / size
            n_drawn, slots = size, size
        elif size > LEGIBLE_NODES:
            n_drawn, slots = NODES_SHOWN_WHEN_CUT, LEGIBLE_NODES
            spacing = SCENE_HEIGHT / slots
        else:
            n_drawn = slots = size
            spacing = min(SCENE_HEIGHT / slots, MAX_NODE_SPACING)
        top = (SCENE_HEIGHT - spacing * slots) / 2
        ys = top + spacing * (np.arange(n_drawn) + 0.5)
        diameter = spacing if strip else min(0.8 * spacing, MAX_NODE_DIAMETER)
        columns.append(Column(layer, x, ys, spacing, size, strip, diameter))
        x += gaps[layer]

    edges = []
    for layer in range(n_layers):
        source, target = columns[layer], columns[layer + 1]
        to_neuron, from_neuron = np.divmod(
            np.arange(target.n_drawn * source.n_drawn), source.n_drawn
        )
        flat_index = architecture.offsets[layer][0] + to_neuron * sizes[layer] + from_neuron
        # Edges stop at the node's rim: the part inside would be hidden under the node anyway,
        # and every pixel of 12,544 lines costs drawing time.
        ex = np.empty((len(flat_index), 2))
        ex[:, 0] = source.x + source.half_width
        ex[:, 1] = target.x - target.half_width
        ey = np.column_stack([source.ys[from_neuron], target.ys[to_neuron]])
        edges.append(EdgeLayer(layer, flat_index, to_neuron, from_neuron, ex, ey))

    left = -4.0
    right = columns[-1].x + 16.0
    view_rect = QRectF(left, -13.0, right - left, SCENE_HEIGHT + 24.0)
    return GraphLayout(architecture, tuple(columns), tuple(edges), image_rect, view_rect)


def bin_edges(values: np.ndarray, robust_max: float, strongest_percent: int) -> np.ndarray:
    """Curve code of every edge: ``level`` (positive) or ``MAGNITUDE_LEVELS + level``
    (negative), −1 for an edge not drawn (exactly zero, or outside the strongest share).

    ``level`` is ``|value| / robust_max`` cut into ``MAGNITUDE_LEVELS`` equal steps; values
    beyond ``robust_max`` share the top level.
    """
    magnitude = np.abs(values)
    codes = np.full(len(values), -1, dtype=np.int64)
    if robust_max <= 0.0 or len(values) == 0:
        return codes
    shown = magnitude > 0.0  # NaN (a diverged network) is False: not drawn
    if strongest_percent < 100:
        keep = max(1, math.ceil(len(values) * strongest_percent / 100))
        if keep < len(values):
            strongest = np.argpartition(magnitude, len(values) - keep)[len(values) - keep :]
            in_top = np.zeros(len(values), dtype=bool)
            in_top[strongest] = True
            shown &= in_top
    # Clip before the cast: an infinite weight belongs to the top level.
    scaled = np.minimum(magnitude[shown] * (MAGNITUDE_LEVELS / robust_max), MAGNITUDE_LEVELS - 1)
    codes[shown] = scaled.astype(np.int64) + MAGNITUDE_LEVELS * (values[shown] < 0.0)
    return codes


def robust_max(values: np.ndarray) -> float:
    """The ``ROBUST_PERCENTILE`` of the finite non-zero magnitudes (0 if there are none)."""
    magnitude = np.abs(values)
    magnitude = magnitude[(magnitude > 0.0) & np.isfinite(magnitude)]
    if len(magnitude) == 0:
        return 0.0
    return float(np.percentile(magnitude, ROBUST_PERCENTILE))


def _grey_ramp() -> np.ndarray:
    """256 RGB colours from paper white (0) to ink (1): pixels and nodes share it."""
    t = np.linspace(0.0, 1.0, 256)[:, None]
    white = np.array([255.0, 255.0, 255.0])
    ink = np.array(INK_RGB, dtype=float)
    return np.round(white + (ink - white) * t).astype(np.ubyte)


def _diverging_lut() -> np.ndarray:
    colormap = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[NEGATIVE_RGB, (255, 255, 255), POSITIVE_RGB])
    return colormap.getLookupTable(nPts=256, alpha=False)


def _number(value: float) -> str:
    return f"{float(value):.4g}".replace("-", "−")


def _node_pen(column: Column) -> QPen:
    # A thick outline would hide the fill of the small nodes of a crowded column.
    return pg.mkPen(60, 60, 60, width=1.5 if column.spacing > 3.0 else 1.0)


def _text_item(font: QFont, anchor: tuple[float, float], z: float) -> pg.TextItem:
    item = pg.TextItem(color=INK_RGB, anchor=anchor)
    item.setFont(font)
    item.setZValue(z)
    return item


class _BoxedItem(pg.GraphicsObject):
    """A scene item whose bounds are a box known in advance: pyqtgraph would otherwise scan
    its data for its extent on each repaint."""

    def __init__(self, bounds: QRectF) -> None:
        super().__init__()
        self._bounds = bounds

    def boundingRect(self) -> QRectF:
        return self._bounds

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None) -> tuple[float, float]:
        if ax == 0:
            return self._bounds.left(), self._bounds.right()
        return self._bounds.top(), self._bounds.bottom()


class _EdgeLayerItem(_BoxedItem):
    """Every drawn edge of one weight layer: one ``drawLines`` call per bin, straight from numpy.

    ``lines`` (n, 4) float64 holds the shown edges as QLineF rows, grouped by bin in paint
    order; ``runs`` holds ``(pen, first row, rows)`` per non-empty bin. One item per layer
    instead of a pyqtgraph curve per bin: a curve's own bookkeeping on every update and paint
    (bounds, signals, finite checks, per-curve transforms) took longer than drawing its lines.
    Its bounds are the layer's box.
    """

    def __init__(self, bounds: QRectF) -> None:
        super().__init__(bounds)
        self.lines = np.empty((0, 4))
        self.runs: list[tuple[QPen, int, int]] = []

    def set_lines(self, lines: np.ndarray, runs: list[tuple[QPen, int, int]]) -> None:
        # The array must outlive the paint that reads it: the item keeps it.
        self.lines = np.ascontiguousarray(lines, dtype=np.float64)
        self.runs = runs
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self.runs:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        base = self.lines.ctypes.data
        row_bytes = self.lines.strides[0]
        for pen, first, rows in self.runs:
            painter.setPen(pen)
            painter.drawLines(shiboken6.wrapInstance(base + first * row_bytes, QLineF), rows)


class _NodeColumnItem(_BoxedItem):
    """One column's round nodes, a pen and a brush each, painted as plain ellipses.

    pyqtgraph's scatter item sized in scene units paints every spot through Python of its own
    (1.6 ms of each graph frame for the 42 default nodes); this is two calls a node.
    """

    def __init__(self, column: Column, pen: QPen, brush: QBrush) -> None:
        d = column.node_diameter
        # Room for the widest outline (the winner's ring, a few pixels) at any zoom.
        top, bottom = float(column.ys[0]) - d - 2.0, float(column.ys[-1]) + d + 2.0
        super().__init__(QRectF(column.x - d - 2.0, top, 2 * d + 4.0, bottom - top))
        self._rects = [QRectF(column.x - d / 2, float(y) - d / 2, d, d) for y in column.ys]
        self.pens = [pen] * len(self._rects)
        self.brushes = [brush] * len(self._rects)

    def set_pens(self, pens: QPen | list[QPen]) -> None:
        self.pens = list(pens) if isinstance(pens, list) else [pens] * len(self._rects)
        self.update()

    def set_brushes(self, brushes: QBrush | list[QBrush]) -> None:
        self.brushes = list(brushes) if isinstance(brushes, list) else [brushes] * len(self._rects)
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for rect, pen, brush in zip(self._rects, self.pens, self.brushes, strict=True):
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawEllipse(rect)


class _HoverCard(QFrame):
    """The floating card with what is under the cursor; never takes the mouse itself."""

    INSET_PIXELS = 5

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("hoverCard")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)
        side = IMAGE_PIXELS * self.INSET_PIXELS
        self.inset_view = pg.GraphicsView(self, background=BACKGROUND)
        self.inset_view.setFixedSize(side + 4, side + 4)
        self.inset_box = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.inset_box.setMenuEnabled(False)
        self.inset_view.setCentralItem(self.inset_box)
        self.inset_image = pg.ImageItem(axisOrder="row-major")
        self.inset_image.setLookupTable(_diverging_lut())
        self.inset_box.addItem(self.inset_image)
        self.inset_box.setRange(
            QRectF(0, 0, IMAGE_PIXELS, IMAGE_PIXELS), padding=0.0, disableAutoRange=True
        )
        self.inset_caption = QLabel(self)
        layout.addWidget(self.inset_view, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.inset_caption)
        self.apply_theme()
        self.hide()

    def apply_theme(self) -> None:
        """Font sizes for the current look (presenter mode scales them)."""
        self.setStyleSheet(
            "#hoverCard { background: #ffffff; border: 2px solid #303030; border-radius: 6px; }"
            f"QLabel {{ color: #181818; font-size: {theme.pt(13):g}pt; }}"
        )
        self.inset_caption.setStyleSheet(f"font-size: {theme.pt(11):g}pt; color: #404040;")

    def show_inset(self, weights: np.ndarray | None, caption: str = "") -> None:
        visible = weights is not None
        # Emptied when hidden too: no text of an earlier language stays behind.
        self.inset_caption.setText(caption)
        if visible:
            limit = float(np.max(np.abs(weights))) or 1.0
            self.inset_image.setImage(weights, levels=(-limit, limit))
        self.inset_view.setVisible(visible)
        self.inset_caption.setVisible(visible)

    @property
    def inset_visible(self) -> bool:
        return self.isVisible() and self.inset_view.isVisible()


class NetworkGraphView(QWidget):
    """The whole network, live: nodes filled by activation, edges by weight/gradient/change.

    Feed it with ``show_snapshot`` (cheap when the serial has not changed) and, to fill the
    nodes with a particular input, ``set_input_view``. Clicking an edge emits
    ``edge_selected(flat_index)``; the owner decides what is selected and tells the view with
    ``set_selected``. ``node_hovered(layer, neuron)`` fires when the cursor reaches a node and
    ``(-1, -1)`` when it leaves it; ``neuron_clicked(layer, neuron)`` when a node is clicked.

    Step-through lesson: ``show_lesson_frame(step, frame)`` draws one sub-step of a planned
    step (unknown activations empty, nudges as rings, gradient layers lit, the others faded)
    until ``clear_lesson()``; snapshots that arrive meanwhile are kept but not drawn.
    ``show_lab_marks`` crosses out the neurons the neuron lab switched off.
    """

    edge_selected = Signal(int)
    node_hovered = Signal(int, int)
    neuron_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout: GraphLayout | None = None
        self._fan_thinned = False
        self._snapshot: Snapshot | None = None
        self._explicit_input: InputView | None = None
        self._edge_mode = "weights"
        self._strongest_percent = 100
        self._selected: tuple[int, ...] = ()
        self._edge_codes: list[np.ndarray] = []
        self._bin_members: list[list[np.ndarray]] = []
        self._bin_pens: list[list[QPen | None]] = []
        self._edge_items: list[_EdgeLayerItem] = []
        self._pens: dict[tuple[bool, int, int, bool], QPen] = {}
        self._hover: tuple[str, int, int] | None = None
        self._hovered_node: tuple[int, int] = (-1, -1)
        self._winner = -1
        self._rendered_input: InputView | None = None
        self._lesson: tuple[LessonStep, LessonFrame] | None = None
        self._lesson_source: np.ndarray | None = None
        self._lesson_shades: list[np.ndarray | None] = []
        self._lab_marked: frozenset[tuple[int, int]] = frozenset()
        # The scene's texts (made by _build_scene; sized by _fit_scene_texts).
        self._column_titles: list[tuple[pg.TextItem, Column]] = []
        self._output_labels: list[pg.TextItem] = []
        self._image_caption: pg.TextItem | None = None

        self._grey_ramp = _grey_ramp()
        self._node_brushes = np.array(
            [pg.mkBrush(*rgb) for rgb in self._grey_ramp.tolist()], dtype=object
        )
        self._title_font = QFont()
        self._title_font.setPointSizeF(theme.pt(13))
        self._title_font.setBold(True)
        self._label_font = QFont()
        self._label_font.setPointSizeF(theme.pt(12))

        self._build_toolbar()
        self.plot_widget = pg.GraphicsView(self, background=BACKGROUND)
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.viewbox = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.viewbox.setMenuEnabled(False)
        self.plot_widget.setCentralItem(self.viewbox)
        # Almost everything changes on every update; painting the union of many small dirty
        # rectangles clips every line against a complex region, several times slower than
        # one full repaint.
        self.plot_widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        # Items change every frame: a BSP index would be rebuilt each time (measured as the
        # largest GUI cost while training); without one, the scene just draws everything.
        self.plot_widget.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot_widget.viewport().installEventFilter(self)
        # Refit when the view box itself has its new size (a parent's resizeEvent comes first).
        self.viewbox.sigResized.connect(self._fit_view)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._toolbar)
        outer.addWidget(self.plot_widget, stretch=1)
        self.hover_card = _HoverCard(self)

        self.set_architecture(Architecture())
        self._show_message(self.tr("Waiting for the network…"))
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self._edges_title.setText(self.tr("Edges show:"))
        modes = {
            "weights": self.tr("Weights"),
            "gradients": self.tr("Gradients (last step)"),
            "change": self.tr("Change (last step)"),
        }
        for index in range(self._mode_box.count()):
            self._mode_box.setItemText(index, modes[self._mode_box.itemData(index)])
        mode_tip = self.tr(
            "Show the gradients, then press Step: the edges that change most light up"
        )
        self._edges_title.setToolTip(mode_tip)
        self._mode_box.setToolTip(mode_tip)
        self._strongest_title.setText(self.tr("Strongest:"))
        self._percent_box.setSuffix(self.tr(" %"))
        percent_tip = self.tr(
            "Show only this share of edges, the largest ones. Try 10 %: the few weights "
            "that matter most stand out"
        )
        self._strongest_title.setToolTip(percent_tip)
        self._percent_box.setToolTip(percent_tip)
        self._set_scene_texts()
        self._fit_scene_texts()  # new words, new widths
        self._set_lesson_caption()
        # The calm note and the legend, then the hover card, from what is shown now.
        self._render_edges()
        self._refresh_hover()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------------

    @property
    def architecture(self) -> Architecture | None:
        return self._layout.architecture if self._layout else None

    @property
    def edge_mode(self) -> str:
        return self._edge_mode

    @property
    def strongest_percent(self) -> int:
        return self._strongest_percent

    @property
    def selected(self) -> tuple[int, ...]:
        return self._selected

    def set_architecture(self, architecture: Architecture) -> None:
        """Rebuild every item for ``architecture``; values come with the next snapshot."""
        if self._layout is not None and self._layout.architecture == architecture:
            return
        self._layout = graph_layout(architecture)
        if self._snapshot is not None and self._snapshot.architecture != architecture:
            self._snapshot = None
        if self._lesson is not None and self._lesson[0].architecture != architecture:
            self._lesson = None
            self._lesson_source = None
        self._build_scene()
        self._render_selection()
        self._render_lab_marks()
        self._render_all()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw ``snapshot``; a snapshot with the serial already shown costs nothing."""
        if self._snapshot is not None and snapshot.serial == self._snapshot.serial:
            return
        self._snapshot = snapshot
        if self.architecture != snapshot.architecture:
            self.set_architecture(snapshot.architecture)
            return
        self._render_all()

    def set_input_view(self, view: InputView | None) -> None:
        """Fill the nodes with ``view``; None goes back to the snapshot's own input."""
        self._explicit_input = view
        if self._input_view() is not self._rendered_input:
            self._render_input()
            self._refresh_hover()

    def set_selected(self, indices: tuple[int, ...]) -> None:
        """Mark these parameters (flat indices): weights as edges, biases as node rings."""
        self._selected = tuple(int(i) for i in indices)
        self._render_selection()

    def set_edge_mode(self, mode: str) -> None:
        if mode not in EDGE_MODES:
            raise ValueError(f"unknown edge mode {mode!r}; choose one of {', '.join(EDGE_MODES)}")
        if mode == self._edge_mode:
            return
        self._edge_mode = mode
        index = self._mode_box.findData(mode)
        if self._mode_box.currentIndex() != index:
            self._mode_box.blockSignals(True)
            self._mode_box.setCurrentIndex(index)
            self._mode_box.blockSignals(False)
        self._render_edges()
        self._refresh_hover()

    def set_strongest_percent(self, percent: int) -> None:
        percent = min(max(int(percent), 1), 100)
        if percent == self._strongest_percent:
            return
        self._strongest_percent = percent
        if self._percent_box.value() != percent:
            self._percent_box.blockSignals(True)
            self._percent_box.setValue(percent)
            self._percent_box.blockSignals(False)
        self._render_edges()

    def edge_bins(self) -> list[EdgeBin]:
        """What is drawn now: one entry per non-empty bin, in paint order within a layer."""
        out = []
        for layer, (members, pens) in enumerate(
            zip(self._bin_members, self._bin_pens, strict=True)
        ):
            edges = self._layout.edges[layer]
            for code in PAINT_ORDER:
                chosen = members[code]
                if len(chosen) == 0:
                    continue
                out.append(
                    EdgeBin(
                        layer,
                        code >= MAGNITUDE_LEVELS,
                        code % MAGNITUDE_LEVELS,
                        pens[code].color(),
                        edges.flat_index[chosen],
                        edges.x[chosen],
                        edges.y[chosen],
                    )
                )
        return out

    def edge_midpoint(self, flat_index: int) -> QPointF | None:
        """Where the edge of weight ``flat_index`` is drawn (view coordinates), if it is."""
        found = self._find_drawn_edge(flat_index)
        if found is None:
            return None
        edges, e = found
        return QPointF(float(edges.x[e].mean()), float(edges.y[e].mean()))

    def node_position(self, layer: int, neuron: int) -> QPointF | None:
        """Centre of a drawn node (view coordinates), None if it is not drawn."""
        column = self._layout.columns[layer]
        if not 0 <= neuron < column.n_drawn:
            return None
        return QPointF(column.x, float(column.ys[neuron]))

    def message(self) -> str:
        """The calm note shown instead of edges (empty when edges are shown); during a lesson,
        the caption saying which example the graph shows."""
        if self._message.isVisible():
            return self._message.toPlainText()
        if self._lesson is not None and self._lesson_caption.isVisible():
            return self._lesson_caption.toPlainText()
        return ""

    # -- step-through lesson ------------------------------------------------------------------

    @property
    def lesson_frame(self) -> LessonFrame | None:
        """The lesson sub-step drawn now, None outside the lesson."""
        return self._lesson[1] if self._lesson is not None else None

    def show_lesson_frame(self, step: LessonStep, frame: LessonFrame) -> None:
        """Draw sub-step ``frame`` of ``step`` instead of the snapshot.

        Edges: ``frame.params``' weights, faded, except the weight layers of
        ``frame.gradient_layers``, which show ``step.gradient`` at full strength. Nodes: the
        first example's activations for layers below ``frame.known_activations``, empty
        above; a ring by the sign and size of dC/da on every layer of ``frame.nudged_layers``.
        """
        self._lesson = (step, frame)
        # One composite vector of P values lets the binned edge drawing run unchanged: each
        # weight layer's slice holds what that layer shows.
        source = np.array(frame.params, dtype=float)
        for k in frame.gradient_layers:
            w0, b0, _ = step.architecture.offsets[k - 1]
            source[w0:b0] = step.gradient[w0:b0]
        self._lesson_source = source
        if self.architecture != step.architecture:
            self.set_architecture(step.architecture)  # renders the lesson too
            return
        self._render_all()

    def clear_lesson(self) -> None:
        """Back to the snapshot display."""
        if self._lesson is None:
            return
        self._lesson = None
        self._lesson_source = None
        self._end_lesson_items()
        self._render_all()

    def node_shades(self) -> list[np.ndarray | None]:
        """Per layer, the drawn nodes' fill (0 white … 1 ink), shape (n_drawn,); None for a
        layer drawn empty (a lesson layer whose activations are not computed yet)."""
        return list(self._lesson_shades)

    @property
    def lab_marks(self) -> frozenset[tuple[int, int]]:
        return self._lab_marked

    def show_lab_marks(self, marked: set[tuple[int, int]]) -> None:
        """Cross out these (layer, neuron) nodes (the neuron lab's switched-off neurons);
        an empty set clears. Neurons not drawn (beyond a cut layer's first ones) are skipped."""
        self._lab_marked = frozenset((int(layer), int(neuron)) for layer, neuron in marked)
        self._render_lab_marks()

    def lab_mark_positions(self) -> list[QPointF]:
        """Where the crosses are drawn now (view coordinates)."""
        points = self._lab_mark_items[1].data
        return [QPointF(float(p["x"]), float(p["y"])) for p in points]

    # -- building ----------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self._toolbar = QWidget(self)
        self._toolbar.setObjectName("graphToolbar")
        self._style_toolbar()
        rows = QVBoxLayout(self._toolbar)
        rows.setContentsMargins(8, 4, 8, 4)
        rows.setSpacing(2)
        # The switches wrap onto a second line when narrow (presenter mode's large fonts);
        # the legend has a line of its own below them, where it can wrap in place.
        row = FlowLayout(spacing=16)
        rows.addLayout(row)
        self._edges_title = QLabel(self._toolbar)
        self._mode_box = QComboBox(self._toolbar)
        for mode in EDGE_MODES:
            self._mode_box.addItem("", mode)
        self._mode_box.currentIndexChanged.connect(
            lambda index: self.set_edge_mode(self._mode_box.itemData(index))
        )
        self._strongest_title = QLabel(self._toolbar)
        self._percent_box = QSpinBox(self._toolbar)
        self._percent_box.setRange(1, 100)
        self._percent_box.setValue(100)
        self._percent_box.valueChanged.connect(self.set_strongest_percent)
        for title, box in (
            (self._edges_title, self._mode_box),
            (self._strongest_title, self._percent_box),
        ):
            pair = QWidget(self._toolbar)
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.setSpacing(8)
            pair_row.addWidget(title)
            pair_row.addWidget(box)
            row.addWidget(pair)
        self._legend = QLabel(self._toolbar)
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        # The legend wraps rather than setting the window's minimum width: the window must fit
        # a 1280×720 projector beside the controls and the pad.
        self._legend.setWordWrap(True)
        self._legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.addWidget(self._legend)

    def _style_toolbar(self) -> None:
        self._toolbar.setStyleSheet(
            "#graphToolbar { background: #f2f2f2; border-bottom: 1px solid #c8c8c8; }"
            f"QLabel, QComboBox, QSpinBox {{ font-size: {theme.pt(12):g}pt; color: #181818; }}"
        )

    def apply_theme(self) -> None:
        """Presenter mode changed the look: fonts, the toolbar and the legend follow it."""
        self._title_font.setPointSizeF(theme.pt(13))
        self._label_font.setPointSizeF(theme.pt(12))
        self._style_toolbar()
        self.hover_card.apply_theme()
        if self._layout is not None:
            architecture, self._layout = self._layout.architecture, None
            self.set_architecture(architecture)  # the scene's texts take the new fonts
            if self._snapshot is not None:
                self.show_snapshot(self._snapshot)
        self._legend.setText("")
        self._update_legend()

    def _build_scene(self) -> None:
        layout = self._layout
        vb = self.viewbox
        vb.clear()
        self._edge_items = []
        self._bin_members = []
        self._bin_pens = []
        self._edge_codes = []
        self._hover = None

        for edges in layout.edges:
            bounds = QRectF(
                edges.x.min() - 1.0,
                edges.y.min() - 1.0,
                edges.x.max() - edges.x.min() + 2.0,
                edges.y.max() - edges.y.min() + 2.0,
            )
            item = _EdgeLayerItem(bounds)
            vb.addItem(item)
            self._edge_items.append(item)

        self._node_items: list[_NodeColumnItem | None] = []
        self._strip_image = None
        for column in layout.columns:
            if column.strip:
                self._node_items.append(None)
                continue
            item = _NodeColumnItem(column, _node_pen(column), self._node_brushes[0])
            item.setZValue(30)
            vb.addItem(item)
            self._node_items.append(item)
        self._node_pens = [_node_pen(layout.columns[-1])] * layout.columns[-1].n_drawn
        self._winner_pen = pg.mkPen(*INK_RGB, width=4)
        # A lesson layer not computed yet: an empty node, a dashed outline.
        self._unknown_brush = pg.mkBrush(255, 255, 255)
        self._unknown_pen = pg.mkPen(150, 150, 150, width=1.2, style=Qt.PenStyle.DashLine)

        if layout.columns[0].strip:
            # Hundreds of inputs get less than a pixel each: no round dot can be drawn that
            # small, so the column is one image with a cell per input (averaged on downsampling).
            column = layout.columns[0]
            self._strip_image = pg.ImageItem(axisOrder="row-major", autoDownsample=True)
            self._strip_image.setLookupTable(self._grey_ramp)
            self._strip_image.setImage(np.zeros((column.size, 1)), levels=(0, 1))
            self._strip_image.setRect(
                QRectF(column.x - column.half_width, 0.0, STRIP_WIDTH, SCENE_HEIGHT)
            )
            self._strip_image.setZValue(30)
            vb.addItem(self._strip_image)
            frame = pg.PlotCurveItem(
                x=column.x + np.array([-1, 1, 1, -1, -1]) * column.half_width,
                y=np.array([0, 0, SCENE_HEIGHT, SCENE_HEIGHT, 0.0]),
                pen=pg.mkPen(60, 60, 60, width=1.5),
            )
            frame.setZValue(31)
            vb.addItem(frame)

        self._input_image = None
        self._image_caption = None
        if layout.image_rect is not None:
            rect = layout.image_rect
            self._input_image = pg.ImageItem(axisOrder="row-major")
            self._input_image.setLookupTable(self._grey_ramp)
            # setRect scales by the image's size, so the image must exist first.
            self._input_image.setImage(np.zeros((IMAGE_PIXELS, IMAGE_PIXELS)), levels=(0, 1))
            self._input_image.setRect(rect)
            self._input_image.setZValue(20)
            vb.addItem(self._input_image)
            border = pg.PlotCurveItem(
                x=np.array([rect.left(), rect.right(), rect.right(), rect.left(), rect.left()]),
                y=np.array([rect.top(), rect.top(), rect.bottom(), rect.bottom(), rect.top()]),
                pen=pg.mkPen(60, 60, 60, width=1.5),
            )
            border.setZValue(21)
            vb.addItem(border)
            # The unrolling: the picture's top row starts the column, its bottom row ends it.
            strip_left = layout.columns[0].x - layout.columns[0].half_width
            unroll = pg.PlotCurveItem(
                x=np.array([rect.right(), strip_left, rect.right(), strip_left]),
                y=np.array([rect.top(), 0.0, rect.bottom(), SCENE_HEIGHT]),
                connect="pairs",
                pen=pg.mkPen(150, 150, 150, width=1.5, style=Qt.PenStyle.DashLine),
            )
            unroll.setZValue(-1)
            vb.addItem(unroll)
            caption = _text_item(self._label_font, (0.5, 0.0), 50)
            caption.setPos(rect.center().x(), rect.bottom() + 1.5)
            vb.addItem(caption)
            self._image_caption = caption

        self._column_titles = []
        self._more_labels: list[tuple[pg.TextItem, Column]] = []
        for column in layout.columns:
            title = _text_item(self._title_font, (0.5, 1.0), 50)
            if column.layer == 0:
                left = layout.image_rect.left() if layout.image_rect is not None else column.x
                title.setPos((left + column.x) / 2, -3.0)
            else:
                title.setPos(column.x, -3.0)
            vb.addItem(title)
            self._column_titles.append((title, column))
            if column.n_hidden:
                more = _text_item(self._label_font, (0.5, 0.5), 50)
                more.setPos(column.x, float(column.ys[-1]) + 4 * column.spacing)
                vb.addItem(more)
                self._more_labels.append((more, column))
        self._set_scene_texts()

        output = layout.columns[-1]
        self._output_labels = []
        for j in range(output.n_drawn):
            label = _text_item(self._title_font, (0.0, 0.5), 50)
            label.setText(str(j))
            label.setPos(output.x + output.node_diameter / 2 + 2.0, float(output.ys[j]))
            vb.addItem(label)
            self._output_labels.append(label)
        self._winner = -1

        self._hover_curve = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(*INK_RGB, width=2.5)
        )
        self._hover_curve.setZValue(40)
        vb.addItem(self._hover_curve)
        # A white halo under the black ring keeps the mark visible on black ink too.
        self._hover_halo = pg.ScatterPlotItem(pxMode=False, brush=None, pen=pg.mkPen("w", width=7))
        self._hover_halo.setZValue(47)
        self._hover_marker = pg.ScatterPlotItem(
            pxMode=False, brush=None, pen=pg.mkPen(*INK_RGB, width=3)
        )
        self._hover_marker.setZValue(48)
        vb.addItem(self._hover_halo)
        vb.addItem(self._hover_marker)
        self._selection_halo = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(255, 255, 255, width=8)
        )
        self._selection_halo.setZValue(44)
        self._selection_line = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(*INK_RGB, width=3.5)
        )
        self._selection_line.setZValue(45)
        self._selection_rings = pg.ScatterPlotItem(
            pxMode=False, brush=None, pen=pg.mkPen(*INK_RGB, width=3.5)
        )
        self._selection_rings.setZValue(46)
        for item in (self._selection_halo, self._selection_line, self._selection_rings):
            vb.addItem(item)
        self._selection_labels: list[pg.TextItem] = []

        # The lesson's nudges: a ring around each node, its colour the sign of dC/da.
        self._nudge_rings = pg.ScatterPlotItem(pxMode=False, brush=None)
        self._nudge_rings.setZValue(35)
        vb.addItem(self._nudge_rings)
        # The neuron lab's switched-off neurons: a white-edged cross over the node.
        self._lab_mark_items = (
            pg.ScatterPlotItem(pxMode=False, symbol="x", pen=None, brush=pg.mkBrush("w")),
            pg.ScatterPlotItem(pxMode=False, symbol="x", pen=None, brush=pg.mkBrush(*LAB_MARK_RGB)),
        )
        for z, item in enumerate(self._lab_mark_items):
            item.setZValue(42 + z)
            vb.addItem(item)
        self._lesson_caption = _text_item(self._label_font, (0.5, 0.0), 50)
        self._lesson_caption.setPos(
            (layout.columns[0].x + layout.columns[-1].x) / 2, SCENE_HEIGHT + 1.0
        )
        self._lesson_caption.hide()
        vb.addItem(self._lesson_caption)

        self._message = pg.TextItem(
            color=(70, 70, 70), anchor=(0.5, 0.5), fill=pg.mkBrush(255, 255, 255, 235)
        )
        self._message.setFont(self._title_font)
        self._message.setZValue(60)
        edge_mid = (layout.columns[0].x + layout.columns[-1].x) / 2
        self._message.setPos(edge_mid, SCENE_HEIGHT / 2)
        self._message.hide()
        vb.addItem(self._message)

        self._fit_view()
        self.hover_card.hide()

    def _set_scene_texts(self) -> None:
        """The picture's caption, the column titles and the "… N more" labels."""
        if self._image_caption is not None:
            self._image_caption.setText(self.tr("28 × 28 pixels"))
        last = len(self._column_titles) - 1
        for title, column in self._column_titles:
            if column.layer == 0:
                text = self.tr("Input {n}")
            elif column.layer == last:
                text = self.tr("Output {n}")
            else:
                text = self.tr("Hidden {n}")
            title.setText(text.format(n=column.size))
        for more, column in self._more_labels:
            more.setText(self.tr("… {n} more").format(n=column.n_hidden))

    def _fit_view(self) -> None:
        """Show the whole layout plus room in *pixels* for the titles and digit labels.

        They are drawn at a fixed pixel size, so a margin in scene units would cut them off
        in a narrow window (the 1280×720 projector case).
        """
        if self._layout is None:
            return
        rect = QRectF(self._layout.view_rect)
        width_px = max(self.viewbox.width(), 200.0)
        left_px, right_px = 12, 64
        units_per_px = rect.width() / max(width_px - left_px - right_px, 50)
        rect.setLeft(rect.left() - left_px * units_per_px)
        rect.setRight(rect.right() + right_px * units_per_px)
        self.viewbox.setRange(rect, padding=0.0, disableAutoRange=True)
        self._fit_scene_texts()

    def _fit_scene_texts(self) -> None:
        """The column titles and digit labels at the theme's size where they fit, smaller
        where they would not.

        They are drawn at a fixed pixel size while the graph scales with the widget: in
        presenter mode on a 1280×720 projector the titles ran into each other ("Hidden
        16Hidden 16Output 10") and the ten digit labels overlapped.
        """
        layout = self._layout
        pixel = self.viewbox.viewPixelSize()[0]
        if layout is None or not pixel > 0 or not self._column_titles:
            return
        scale = 1.0
        base = QFont(self._title_font)
        metrics = QFontMetricsF(base)
        widths = [
            metrics.horizontalAdvance(t.textItem.toPlainText()) for t, _ in self._column_titles
        ]
        for (left, _), (right, _), w0, w1 in zip(
            self._column_titles, self._column_titles[1:], widths, widths[1:], strict=False
        ):
            room = (right.pos().x() - left.pos().x()) / pixel - TEXT_GAP_PX
            if w0 + w1 > 0:
                scale = min(scale, 2 * room / (w0 + w1))
        output = layout.columns[-1]
        if output.n_drawn > 1:
            # A digit's own height plus a little space between neighbours.
            digit = metrics.tightBoundingRect("0").height() * 1.3
            scale = min(scale, output.spacing / pixel / digit)
        size = max(theme.pt(13) * scale, MIN_SCENE_POINT_SIZE)
        font = QFont(base)
        font.setPointSizeF(size)
        for title, _ in self._column_titles:
            title.setFont(font)
        for label in self._output_labels:
            label.setFont(font)
        caption = self._image_caption
        if caption is not None and layout.image_rect is not None:
            # Centred under the picture, with the room from the view's left edge to the strip.
            room = (layout.image_rect.width() + IMAGE_GAP) / pixel
            wide = QFontMetricsF(self._label_font).horizontalAdvance(caption.textItem.toPlainText())
            small = QFont(self._label_font)
            small.setPointSizeF(
                max(theme.pt(12) * min(1.0, room / max(wide, 1.0)), MIN_SCENE_POINT_SIZE)
            )
            caption.setFont(small)

    # -- rendering ---------------------------------------------------------------------------

    def _render_all(self) -> None:
        self._render_edges()
        self._render_input()
        self._refresh_hover()

    def _edge_source(self) -> np.ndarray | None:
        if self._lesson is not None:
            return self._lesson_source
        if self._snapshot is None:
            return None
        return {
            "weights": self._snapshot.params,
            "gradients": self._snapshot.gradient,
            "change": self._snapshot.change,
        }[self._edge_mode]

    def _render_edges(self) -> None:
        layout = self._layout
        source = self._edge_source()
        self._edge_codes = []
        self._bin_members = []
        self._bin_pens = []
        if source is None:
            for item in self._edge_items:
                if item.runs:
                    item.set_lines(np.empty((0, 4)), [])
            if self._snapshot is None:
                self._show_message(self.tr("Waiting for the network…"))
            elif self._edge_mode == "gradients":
                self._show_message(
                    self.tr("No training step yet.\nThe gradients appear after the first step.")
                )
            else:
                self._show_message(
                    self.tr("No training step yet.\nThe changes appear after the first step.")
                )
            self._update_legend()
            return
        self._show_message("")
        thinned = False
        for edges, item in zip(layout.edges, self._edge_items, strict=True):
            w0, b0, _ = layout.architecture.offsets[edges.layer]
            values = source[edges.flat_index]
            percent = self._strongest_percent
            if (
                self._lesson is None
                and self._snapshot.running
                and len(values) > DENSE_FAN_EDGES
                and percent > STRONGEST_PERCENT_WHILE_RUNNING
            ):
                thinned = True
                # Level of detail in motion: at full speed the fan is a blur anyway and drawing
                # all of it blocked the GUI; the whole picture returns on pause or step.
                percent = STRONGEST_PERCENT_WHILE_RUNNING
            codes = bin_edges(values, robust_max(source[w0:b0]), percent)
            order = np.argsort(codes, kind="stable")
            counts = np.bincount(codes + 1, minlength=2 * MAGNITUDE_LEVELS + 1)
            bounds = np.cumsum(counts)
            members = [order[bounds[c] : bounds[c + 1]] for c in range(2 * MAGNITUDE_LEVELS)]
            ceiling, sparse = self._pen_style(int(len(codes) - counts[0]))
            if self._lesson is not None and edges.layer + 1 not in self._lesson[1].gradient_layers:
                # Not this sub-step's news: the weights stay as a faint backdrop.
                ceiling = max(ceiling // LESSON_FADE, 12)
            pens: list[QPen | None] = [None] * (2 * MAGNITUDE_LEVELS)
            runs, shown, first = [], [], 0
            for code in PAINT_ORDER:
                chosen = members[code]
                if len(chosen) == 0:
                    continue
                pens[code] = self._pen(code, ceiling, sparse)
                runs.append((pens[code], first, len(chosen)))
                shown.append(chosen)
                first += len(chosen)
            lines = edges.lines[np.concatenate(shown)] if shown else np.empty((0, 4))
            item.set_lines(lines, runs)
            self._edge_codes.append(codes)
            self._bin_members.append(members)
            self._bin_pens.append(pens)
        self._fan_thinned = thinned
        self._update_legend()

    def _pen_style(self, n_shown: int) -> tuple[int, bool]:
        """Opacity ceiling (0..255) of one weight layer's edges, and whether it is sparse.

        Thousands of translucent edges over the same pixels add up to a solid blot, so the
        ceiling falls with the number of edges shown (12,544 in the default fan get ~0.22).
        """
        ceiling = round(255 * min(0.95, math.sqrt(DENSE_OPACITY_EDGES / max(n_shown, 1))))
        return max(ceiling, 24), n_shown <= SPARSE_LAYER_EDGES

    def _pen(self, code: int, ceiling: int, sparse: bool) -> QPen:
        negative, level = code >= MAGNITUDE_LEVELS, code % MAGNITUDE_LEVELS
        alpha = max(ceiling * (level + 1) // MAGNITUDE_LEVELS, 8)
        width = 1 + int(sparse and level >= 3) + int(sparse and level >= 6)
        key = (negative, alpha, width, sparse)
        pen = self._pens.get(key)
        if pen is None:
            rgb = np.array(NEGATIVE_RGB if negative else POSITIVE_RGB, dtype=float)
            if sparse:
                # Opaque tints (the colour over the white background) instead of alpha: Qt
                # fills wide opaque lines as spans, ~10x faster than wide translucent ones,
                # and with the strongest level drawn last an overlap shows the stronger edge.
                tint = 255.0 + (rgb - 255.0) * (alpha / 255.0)
                pen = pg.mkPen(*np.round(tint).astype(int).tolist(), width=width)
            else:
                pen = pg.mkPen(*rgb.astype(int).tolist(), alpha, width=1)
            self._pens[key] = pen
        return pen

    def _update_legend(self) -> None:
        if self._lesson is not None:
            self._update_lesson_legend()
            return
        what = {
            "weights": self.tr("weights"),
            "gradients": self.tr("gradient of the last step"),
            "change": self.tr("change of the last step"),
        }[self._edge_mode]
        swatch = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">■</span>'
        blue = swatch.format(c="#2166ac")
        orange = swatch.format(c="#e66101")
        # lupdate does not look inside f-strings: the texts are translated first.
        positive, negative = self.tr("positive"), self.tr("negative")
        text = f"{blue} {positive} &nbsp; {orange} {negative}"
        if self._fan_thinned:
            thinned = self.tr("input fan: strongest {p} % while training").format(
                p=STRONGEST_PERCENT_WHILE_RUNNING
            )
            text += (
                f' &nbsp;<span style="color:#606060; font-size:{theme.pt(10):g}pt">{thinned}</span>'
            )
        if text != self._legend.text():  # a new text re-lays out and repaints the toolbar
            self._legend.setText(text)
        self._legend.setToolTip(
            self.tr("Edges show the {what}; stronger = darker").format(what=what)
        )

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def _input_view(self) -> InputView | None:
        view = self._explicit_input
        if view is None and self._snapshot is not None:
            view = self._snapshot.input_view
        if view is None or self._layout is None:
            return None
        sizes = self._layout.architecture.layer_sizes
        if len(view.activations) != len(sizes) or any(
            np.size(a) != n for a, n in zip(view.activations, sizes, strict=True)
        ):
            return None  # a forward pass of another architecture (e.g. before a reset)
        return view

    def _render_input(self) -> None:
        if self._lesson is not None:
            self._render_lesson_nodes()
            return
        layout = self._layout
        view = self._input_view()
        self._rendered_input = view
        activation_name = layout.architecture.activation
        self._lesson_shades = []
        for column, item in zip(layout.columns, self._node_items, strict=True):
            if view is None:
                shade = np.zeros(column.n_drawn)
            else:
                values = np.asarray(view.activations[column.layer], dtype=float).reshape(-1)
                values = values[: column.n_drawn]
                hidden = 0 < column.layer < len(layout.columns) - 1
                shade = _shade(values, activation_name if hidden else "sigmoid")
            self._lesson_shades.append(shade)
            if item is None:
                self._strip_image.setImage(shade[:, None], levels=(0, 1))
            else:
                item.set_brushes(self._node_brushes[(shade * 255).astype(np.int64)].tolist())
        if self._input_image is not None:
            if view is None:
                self._input_image.setImage(np.zeros((IMAGE_PIXELS, IMAGE_PIXELS)), levels=(0, 1))
            else:
                image = np.asarray(view.image, dtype=float).reshape(IMAGE_PIXELS, IMAGE_PIXELS)
                self._input_image.setImage(image, levels=(0, 1))
        winner = -1
        if view is not None:
            winner = int(np.argmax(np.asarray(view.activations[-1]).reshape(-1)))
        self._show_winner(winner)

    def _show_winner(self, winner: int) -> None:
        """Ring the winning output node and invert its digit label (−1: no winner)."""
        output = self._layout.columns[-1]
        if winner != self._winner:
            self._winner = winner
            pens = list(self._node_pens)
            if 0 <= winner < output.n_drawn:
                pens[winner] = self._winner_pen
            self._node_items[-1].set_pens(pens)
            for j, label in enumerate(self._output_labels):
                if j == winner:
                    label.setColor((255, 255, 255))
                    label.fill = pg.mkBrush(*INK_RGB)
                else:
                    label.setColor(INK_RGB)
                    label.fill = pg.mkBrush(None)
                label.update()

    def _render_lesson_nodes(self) -> None:
        """Nodes for the lesson frame: known layers filled by the first example, the rest
        empty; rings for the nudges; the input picture of the lesson example."""
        step, frame = self._lesson
        layout = self._layout
        last = len(layout.columns) - 1
        activation_name = layout.architecture.activation
        self._rendered_input = None
        self._lesson_shades = []
        for column, item in zip(layout.columns, self._node_items, strict=True):
            known = column.layer < frame.known_activations
            if known:
                values = np.asarray(step.activations[column.layer][0], dtype=float)
                values = values[: column.n_drawn]
                hidden = 0 < column.layer < last
                shade = _shade(values, activation_name if hidden else "sigmoid")
                self._lesson_shades.append(shade)
            else:
                self._lesson_shades.append(None)
            if item is None:
                self._strip_image.setImage(shade[:, None], levels=(0, 1))  # the input: known
                continue
            if known:
                item.set_brushes(self._node_brushes[(shade * 255).astype(np.int64)].tolist())
                if column.layer != last:
                    item.set_pens(_node_pen(column))
            else:
                item.set_brushes(self._unknown_brush)
                item.set_pens(self._unknown_pen)
        if self._input_image is not None:
            image = np.asarray(step.activations[0][0], dtype=float)
            self._input_image.setImage(image.reshape(IMAGE_PIXELS, IMAGE_PIXELS), levels=(0, 1))
        # The output column's pens carry the winner ring: start from the plain ones each time.
        self._winner = -2
        if frame.known_activations > last:
            self._show_winner(int(np.argmax(step.activations[-1][0])))
        else:
            self._show_winner(-1)
            self._node_items[-1].set_pens(self._unknown_pen)
            self._winner = -2
        self._render_nudges()
        self._set_lesson_caption()

    def _render_nudges(self) -> None:
        step, frame = self._lesson
        xs, ys, sizes, pens = [], [], [], []
        for layer in sorted(frame.nudged_layers):
            column = self._layout.columns[layer]
            nudge = np.asarray(step.nudges[layer][0], dtype=float)[: column.n_drawn]
            top = float(np.max(np.abs(nudge[np.isfinite(nudge)]), initial=0.0))
            for k, value in enumerate(nudge):
                if not np.isfinite(value) or value == 0.0 or top == 0.0:
                    continue
                strength = min(abs(value) / top, 1.0)
                xs.append(column.x)
                ys.append(float(column.ys[k]))
                sizes.append(column.node_diameter + 1.8)
                # Coloured as the table colours it: by the wanted change −dC/da (blue: the loss
                # wants this neuron up, orange: down), so ring and table agree on screen.
                pens.append(self._nudge_pen(value > 0.0, strength))
        self._nudge_rings.setData(x=xs, y=ys, size=sizes, pen=pens, brush=None)

    def _nudge_pen(self, negative: bool, strength: float) -> QPen:
        """A ring's pen: opaque tint and width both grow with the nudge's size."""
        level = min(int(strength * MAGNITUDE_LEVELS), MAGNITUDE_LEVELS - 1)
        key = ("nudge", negative, level)
        pen = self._pens.get(key)
        if pen is None:
            rgb = np.array(NEGATIVE_RGB if negative else POSITIVE_RGB, dtype=float)
            t = 0.3 + 0.7 * (level + 1) / MAGNITUDE_LEVELS
            tint = np.round(255.0 + (rgb - 255.0) * t).astype(int).tolist()
            pen = pg.mkPen(*tint, width=1.5 + 3.0 * (level + 1) / MAGNITUDE_LEVELS)
            self._pens[key] = pen
        return pen

    def _set_lesson_caption(self) -> None:
        if self._lesson is None:
            self._lesson_caption.hide()
            return
        step, _ = self._lesson
        digit = int(step.labels[0])
        if len(step.labels) > 1:
            text = self.tr(
                "Step-through: the graph shows the first of the batch's {b} examples, a {d}"
            ).format(b=len(step.labels), d=digit)
        else:
            text = self.tr("Step-through: training example {i}, a {d}").format(
                i=int(step.indices[0]), d=digit
            )
        self._lesson_caption.setText(text)
        self._lesson_caption.show()

    def _update_lesson_legend(self) -> None:
        swatch = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">■</span>'
        ring = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">○</span>'
        positive, negative = self.tr("positive"), self.tr("negative")
        edges = self.tr("bright edges: gradient dC/dw, faint: weights")
        rings = self.tr("ring: wanted change −dC/da (blue up, orange down)")
        # A word joiner after each slash: Qt would otherwise break "dC/da" at the slash.
        edges, rings = (t.replace("/", "/\u2060") for t in (edges, rings))
        text = (
            f"{swatch.format(c='#2166ac')} {positive} &nbsp; {swatch.format(c='#e66101')} "
            f"{negative} &nbsp; {edges} &nbsp; {ring.format(c='#303030')} {rings}"
        )
        if text != self._legend.text():
            self._legend.setText(text)
        self._legend.setToolTip(
            self.tr(
                "A ring is the change the loss wants of a neuron, −dC/da (dC/da is how much "
                "the loss grows as the neuron grows): a blue ring wants it higher, an orange "
                "ring lower; a thicker ring, more. Empty neurons are not computed yet."
            )
        )

    def _end_lesson_items(self) -> None:
        self._nudge_rings.setData(x=[], y=[])
        self._lesson_caption.hide()
        for column, item in zip(self._layout.columns, self._node_items, strict=True):
            if item is not None:
                item.set_pens(_node_pen(column))
        self._winner = -2  # the output pens were the lesson's: set them again

    def _render_lab_marks(self) -> None:
        xs, ys, sizes = [], [], []
        columns = self._layout.columns
        for layer, neuron in sorted(self._lab_marked):
            if not 0 <= layer < len(columns):
                continue
            column = columns[layer]
            if not 0 <= neuron < column.n_drawn:
                continue
            xs.append(column.x)
            ys.append(float(column.ys[neuron]))
            sizes.append(max(column.node_diameter, 1.5) * 1.25)
        halo, cross = self._lab_mark_items
        halo.setData(x=xs, y=ys, size=[s * 1.35 for s in sizes])
        cross.setData(x=xs, y=ys, size=sizes)

    def _render_selection(self) -> None:
        if self._layout is None:
            return
        architecture = self._layout.architecture
        xs, ys, ring_x, ring_y, ring_size = [], [], [], [], []
        for label in self._selection_labels:
            self.viewbox.removeItem(label)
        self._selection_labels = []
        for index in self._selected:
            found = self._find_drawn_edge(index)
            if found is not None:
                edges, e = found
                xs.append(edges.x[e])
                ys.append(edges.y[e])
                label = pg.TextItem(
                    color=INK_RGB,
                    anchor=(0.5, 1.2),
                    fill=pg.mkBrush(255, 255, 255, 230),
                    border=pg.mkPen(*INK_RGB, width=1.5),
                )
                label.setFont(self._label_font)
                label.setText(architecture.parameter_name(index))
                label.setPos(float(edges.x[e].mean()), float(edges.y[e].mean()))
                label.setZValue(55)
                self.viewbox.addItem(label)
                self._selection_labels.append(label)
                continue
            node = self._bias_node(index)
            if node is not None:
                column = self._layout.columns[node[0]]
                ring_x.append(column.x)
                ring_y.append(float(column.ys[node[1]]))
                ring_size.append(column.node_diameter + 1.6)
        x = np.concatenate(xs) if xs else np.empty(0)
        y = np.concatenate(ys) if ys else np.empty(0)
        self._selection_halo.setData(x=x, y=y)
        self._selection_line.setData(x=x, y=y)
        self._selection_rings.setData(x=ring_x, y=ring_y, size=ring_size)

    # -- finding things ----------------------------------------------------------------------

    def _find_drawn_edge(self, flat_index: int) -> tuple[EdgeLayer, int] | None:
        if self._layout is None:
            return None
        architecture = self._layout.architecture
        for edges in self._layout.edges:
            w0, b0, _ = architecture.offsets[edges.layer]
            if w0 <= flat_index < b0:
                to_neuron, from_neuron = divmod(
                    flat_index - w0, architecture.layer_sizes[edges.layer]
                )
                source = self._layout.columns[edges.layer]
                target = self._layout.columns[edges.layer + 1]
                if from_neuron >= source.n_drawn or to_neuron >= target.n_drawn:
                    return None
                return edges, to_neuron * source.n_drawn + from_neuron
        return None

    def _bias_node(self, flat_index: int) -> tuple[int, int] | None:
        for layer, (_, b0, b1) in enumerate(self._layout.architecture.offsets):
            if b0 <= flat_index < b1:
                neuron = flat_index - b0
                if neuron < self._layout.columns[layer + 1].n_drawn:
                    return layer + 1, neuron
        return None

    def _pixel_size(self) -> float:
        px = self.viewbox.viewPixelSize()[0]
        return px if px > 0 else 1.0

    def _node_at(self, point: QPointF) -> tuple[int, int] | None:
        layout = self._layout
        slack = PICK_RADIUS_PX * self._pixel_size()
        x, y = point.x(), point.y()
        if layout.image_rect is not None and layout.image_rect.contains(point):
            rect = layout.image_rect
            row = int((y - rect.top()) / rect.height() * IMAGE_PIXELS)
            col = int((x - rect.left()) / rect.width() * IMAGE_PIXELS)
            return 0, min(row, IMAGE_PIXELS - 1) * IMAGE_PIXELS + min(col, IMAGE_PIXELS - 1)
        for column in layout.columns:
            if abs(x - column.x) > column.half_width + slack:
                continue
            first = column.ys[0] - column.spacing / 2
            k = math.floor((y - first) / column.spacing)
            if not 0 <= k < column.n_drawn:
                return None
            if column.strip:
                return column.layer, k
            if math.hypot(x - column.x, y - column.ys[k]) <= column.half_width + slack:
                return column.layer, k
            return None
        return None

    def _edge_at(self, point: QPointF) -> tuple[int, int] | None:
        """(weight layer, drawn edge) nearest to ``point`` within the pick radius."""
        layout = self._layout
        x = point.x()
        columns = layout.columns
        layer = next(
            (i for i in range(len(columns) - 1) if columns[i].x <= x <= columns[i + 1].x), None
        )
        if layer is None:
            return None
        edges = layout.edges[layer]
        candidates = (
            np.flatnonzero(self._edge_codes[layer] >= 0)
            if self._edge_codes
            else np.arange(edges.n_edges)
        )
        if len(candidates) == 0:
            return None
        ax, bx = edges.x[candidates, 0], edges.x[candidates, 1]
        ay, by = edges.y[candidates, 0], edges.y[candidates, 1]
        dx, dy = bx - ax, by - ay
        t = ((x - ax) * dx + (point.y() - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-12)
        np.clip(t, 0.0, 1.0, out=t)
        distance_sq = (ax + t * dx - x) ** 2 + (ay + t * dy - point.y()) ** 2
        pixel = self._pixel_size()
        best = int(np.argmin(distance_sq))
        if distance_sq[best] > (PICK_RADIUS_PX * pixel) ** 2:
            return None
        # Edges between evenly spaced columns cross exactly at many points; within a pixel
        # of the nearest, take the one drawn on top: the strongest.
        near = np.flatnonzero(distance_sq <= (math.sqrt(distance_sq[best]) + pixel) ** 2)
        if len(near) > 1 and self._edge_codes:
            level = self._edge_codes[layer][candidates[near]] % MAGNITUDE_LEVELS
            best = int(near[np.argmax(level)])
        return layer, int(candidates[best])

    # -- mouse -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget.viewport() and event.type() == QEvent.Type.Leave:
            self._set_hover(None, None)
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._layout is None:
            return
        point = self.viewbox.mapSceneToView(scene_pos)
        node = self._node_at(point)
        if node is not None:
            self._set_hover(("node", *node), scene_pos)
            return
        edge = self._edge_at(point)
        self._set_hover(("edge", *edge) if edge is not None else None, scene_pos)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._layout is None:
            return
        point = self.viewbox.mapSceneToView(event.scenePos())
        node = self._node_at(point)
        if node is not None:
            event.accept()
            self.neuron_clicked.emit(*node)
            return
        edge = self._edge_at(point)
        if edge is not None:
            layer, e = edge
            event.accept()
            self.edge_selected.emit(int(self._layout.edges[layer].flat_index[e]))

    def _set_hover(self, target: tuple[str, int, int] | None, scene_pos: QPointF | None) -> None:
        # Every change repaints the whole graph, so moving within the same node or edge
        # changes nothing, not even where the card is.
        if target == self._hover:
            return
        self._hover = target
        node = (target[1], target[2]) if target is not None and target[0] == "node" else (-1, -1)
        if node != self._hovered_node:
            self._hovered_node = node
            self.node_hovered.emit(*node)
        self._refresh_hover()
        if target is not None and scene_pos is not None:
            self._place_card(scene_pos)

    def _refresh_hover(self) -> None:
        target = self._hover
        self._hover_curve.setData(x=np.empty(0), y=np.empty(0))
        self._hover_marker.setData(x=[], y=[])
        self._hover_halo.setData(x=[], y=[])
        if target is None or self._layout is None:
            self.hover_card.hide()
            return
        kind, a, b = target
        if kind == "node":
            self._mark_node(a, b)
            self._describe_node(a, b)
        else:
            edges = self._layout.edges[a]
            self._hover_curve.setData(x=edges.x[b], y=edges.y[b])
            self._describe_edge(a, b)
        self.hover_card.adjustSize()
        self.hover_card.show()
        self.hover_card.raise_()

    def _mark_node(self, layer: int, neuron: int) -> None:
        """Ring the hovered node; an input is boxed in the strip and in the picture."""
        column = self._layout.columns[layer]
        xs, ys, sizes = [column.x], [float(column.ys[neuron])], [column.node_diameter + 1.8]
        symbols = ["o"]
        if column.strip:
            sizes[0], symbols[0] = STRIP_WIDTH + 1.5, "s"
            rect = self._layout.image_rect
            if rect is not None:
                row, col = divmod(neuron, IMAGE_PIXELS)
                cell = rect.width() / IMAGE_PIXELS
                xs.append(rect.left() + (col + 0.5) * cell)
                ys.append(rect.top() + (row + 0.5) * cell)
                sizes.append(cell * 1.6)
                symbols.append("s")
        self._hover_halo.setData(x=xs, y=ys, size=sizes, symbol=symbols)
        self._hover_marker.setData(x=xs, y=ys, size=sizes, symbol=symbols)

    def _place_card(self, scene_pos: QPointF) -> None:
        at = self.plot_widget.mapFromScene(scene_pos)
        at = self.plot_widget.mapTo(self, at)
        card = self.hover_card
        x, y = at.x() + 18, at.y() + 18
        if x + card.width() > self.width():
            x = at.x() - 18 - card.width()
        if y + card.height() > self.height():
            y = at.y() - 18 - card.height()
        card.move(QPoint(max(x, 0), max(y, 0)))

    def _layer_name(self, layer: int) -> str:
        last = len(self._layout.columns) - 1
        if layer == 0:
            return self.tr("Input")
        if layer == last:
            return self.tr("Output")
        if last == 2:
            return self.tr("Hidden layer")
        return self.tr("Hidden layer {n}").format(n=layer)

    def _describe_node(self, layer: int, neuron: int) -> None:
        if self._lesson is not None:
            self._describe_lesson_node(layer, neuron)
            return
        architecture = self._layout.architecture
        view = self._input_view()
        lines = []
        last = len(self._layout.columns) - 1
        if layer == 0 and self._layout.image_rect is not None:
            row, col = divmod(neuron, IMAGE_PIXELS)
            lines.append(
                "<b>"
                + self.tr("Input pixel {i} (row {r}, column {c})").format(i=neuron, r=row, c=col)
                + "</b>"
            )
        elif layer == last and architecture.layer_sizes[-1] == 10:
            lines.append("<b>" + self.tr("Output: digit {d}").format(d=neuron) + "</b>")
        else:
            lines.append(
                "<b>"
                + self.tr("{layer} · neuron {i}").format(layer=self._layer_name(layer), i=neuron)
                + "</b>"
            )
        if view is None:
            lines.append(self.tr("no input to show"))
        else:
            value = np.asarray(view.activations[layer]).reshape(-1)[neuron]
            lines.append(self.tr("value a = {v}").format(v=_number(value)))
            if layer > 0:
                z = np.asarray(view.weighted_sums[layer]).reshape(-1)[neuron]
                lines.append(self.tr("weighted sum z = {v}").format(v=_number(z)))
        if layer > 0 and self._snapshot is not None:
            bias = self._snapshot.params[architecture.bias_index(layer - 1, neuron)]
            lines.append(self.tr("bias b = {v}").format(v=_number(bias)))
        self.hover_card.text.setText("<br>".join(lines))
        inset = None
        if layer == 1 and self._snapshot is not None and self._layout.image_rect is not None:
            w0 = architecture.offsets[0][0]
            start = w0 + neuron * architecture.layer_sizes[0]
            inset = self._snapshot.params[start : start + architecture.layer_sizes[0]]
            inset = inset.reshape(IMAGE_PIXELS, IMAGE_PIXELS)
        self.hover_card.show_inset(
            inset, self.tr("What it looks for: blue +, orange −") if inset is not None else ""
        )

    def _describe_edge(self, layer: int, e: int) -> None:
        if self._lesson is not None:
            self._describe_lesson_edge(layer, e)
            return
        edges = self._layout.edges[layer]
        architecture = self._layout.architecture
        index = int(edges.flat_index[e])
        source = self._describe_end(layer, int(edges.from_neuron[e]))
        target = self._describe_end(layer + 1, int(edges.to_neuron[e]))
        lines = [f"<b>{architecture.parameter_name(index)}</b>", f"{source} → {target}"]
        snapshot = self._snapshot
        if snapshot is not None:
            lines.append(self.tr("weight {v}").format(v=_number(snapshot.params[index])))
            if snapshot.gradient is None:
                lines.append(self.tr("no step yet"))
            else:
                lines.append(
                    self.tr("last gradient {v}").format(v=_number(snapshot.gradient[index]))
                )
                if snapshot.change is not None:
                    lines.append(
                        self.tr("last change {v}").format(v=_number(snapshot.change[index]))
                    )
        click = self.tr("click to choose")
        lines.append(f'<span style="color:#505050">{click}</span>')
        self.hover_card.text.setText("<br>".join(lines))
        self.hover_card.show_inset(None)

    def _node_title(self, layer: int, neuron: int) -> str:
        last = len(self._layout.columns) - 1
        if layer == 0 and self._layout.image_rect is not None:
            row, col = divmod(neuron, IMAGE_PIXELS)
            return self.tr("Input pixel {i} (row {r}, column {c})").format(i=neuron, r=row, c=col)
        if layer == last and self._layout.architecture.layer_sizes[-1] == 10:
            return self.tr("Output: digit {d}").format(d=neuron)
        return self.tr("{layer} · neuron {i}").format(layer=self._layer_name(layer), i=neuron)

    def _describe_lesson_node(self, layer: int, neuron: int) -> None:
        """The lesson example's numbers for this neuron: z, b, a, and its nudge once known."""
        step, frame = self._lesson
        architecture = step.architecture
        lines = ["<b>" + self._node_title(layer, neuron) + "</b>"]
        if len(step.labels) > 1:
            lines.append(self.tr("for the batch's first example"))
        if layer < frame.known_activations:
            if layer > 0:
                z = step.weighted_sums[layer][0, neuron]
                bias = step.params_before[architecture.bias_index(layer - 1, neuron)]
                lines.append(self.tr("weighted sum z = Σ w·a + b = {v}").format(v=_number(z)))
                lines.append(self.tr("bias b = {v}").format(v=_number(bias)))
            value = step.activations[layer][0, neuron]
            lines.append(self.tr("value a = {v}").format(v=_number(value)))
        else:
            lines.append(self.tr("not computed yet: press Next"))
        if layer in frame.nudged_layers:
            nudge = float(step.nudges[layer][0, neuron])
            lines.append(self.tr("nudge dC/da = {v}").format(v=_number(nudge)))
            if nudge < 0:
                lines.append(self.tr("the loss falls if it grows: it should go up"))
            elif nudge > 0:
                lines.append(self.tr("the loss grows if it grows: it should go down"))
        if layer == len(self._layout.columns) - 1 and frame.error_shown:
            target = step.targets[0, neuron]
            lines.append(self.tr("target y = {v}").format(v=_number(target)))
        if frame.substep.kind == "update" and layer > 0:
            index = architecture.bias_index(layer - 1, neuron)
            lines.append(self.tr("new bias = {v}").format(v=_number(step.params_after[index])))
        self.hover_card.text.setText("<br>".join(lines))
        self.hover_card.show_inset(None)

    def _describe_lesson_edge(self, layer: int, e: int) -> None:
        step, frame = self._lesson
        edges = self._layout.edges[layer]
        architecture = step.architecture
        index = int(edges.flat_index[e])
        source = self._describe_end(layer, int(edges.from_neuron[e]))
        target = self._describe_end(layer + 1, int(edges.to_neuron[e]))
        lines = [f"<b>{architecture.parameter_name(index)}</b>", f"{source} → {target}"]
        lines.append(self.tr("weight {v}").format(v=_number(step.params_before[index])))
        if layer + 1 in frame.gradient_layers:
            lines.append(self.tr("gradient dC/dw = {v}").format(v=_number(step.gradient[index])))
        else:
            lines.append(self.tr("gradient: not known yet"))
        if frame.substep.kind == "update":
            lines.append(self.tr("change {v}").format(v=_number(step.change[index])))
            lines.append(self.tr("new weight {v}").format(v=_number(step.params_after[index])))
        self.hover_card.text.setText("<br>".join(lines))
        self.hover_card.show_inset(None)

    def _describe_end(self, layer: int, neuron: int) -> str:
        if layer == 0 and self._layout.image_rect is not None:
            row, col = divmod(neuron, IMAGE_PIXELS)
            return self.tr("pixel ({r}, {c})").format(r=row, c=col)
        if (
            layer == len(self._layout.columns) - 1
            and self._layout.architecture.layer_sizes[-1] == 10
        ):
            return self.tr("digit {d}").format(d=neuron)
        return self.tr("{layer} #{i}").format(layer=self._layer_name(layer), i=neuron)


def _shade(values: np.ndarray, activation: str) -> np.ndarray:
    """Activations → 0..1 for the grey ramp. Sigmoid and softmax already are; ReLU is divided
    by the layer's largest value and tanh by its largest magnitude (0 sits at mid-grey)."""
    if activation == "relu":
        top = float(values.max()) if len(values) else 0.0
        shade = values / top if top > 0 else np.zeros_like(values)
    elif activation == "tanh":
        top = float(np.abs(values).max()) if len(values) else 0.0
        shade = 0.5 + 0.5 * values / top if top > 0 else np.full_like(values, 0.5)
    else:
        shade = values
    return np.clip(np.nan_to_num(shade), 0.0, 1.0)
