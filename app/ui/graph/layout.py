"""Where the network graph puts everything, and which edges it draws how: numpy only, no Qt.

Scene units: the graph is ``SCENE_HEIGHT`` (100) units tall; x runs from the input picture
(if any) at 0 to the output column. The view keeps the aspect ratio and fits this to the
widget, so only a few things (pick radius, text room) are measured in screen pixels, and
those functions take the size of one pixel in scene units.

Layers count as in ``app.core.network``: column ``l`` is neuron layer ``l`` (0 the input),
weight layer ``l`` joins column ``l`` to column ``l + 1``. Columns of more than
``LEGIBLE_NODES`` neurons are cut to their first ``NODES_SHOWN_WHEN_CUT``; an input of up
to ``MAX_INPUT_CELLS`` is drawn whole as a strip of touching cells.

Edge bins: a weight layer's drawn edges are sorted by sign and by ``|value| / robust max``
into ``2 × MAGNITUDE_LEVELS`` bins, each painted with one pen (see ``app.ui.graph.edges``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from app.core.lesson import LessonFrame, LessonStep
from app.core.network import Architecture

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
#: A weight layer showing more edges than this gets a lower opacity ceiling (see pen_style).
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
#: The ten output digits are spread over the whole height, not packed as closely as a
#: hidden layer's nodes: at 7 units apart their labels, which must not overlap, shrank to
#: 20 px on a 1024×768 projector and touched ("5", "6", "7") on the 720p desktop; at 10 they
#: keep their full size (26 px on the stage) in both.
MAX_OUTPUT_SPACING = 10.0
EDGE_AREA_WIDTH = 185.0
MIN_COLUMN_GAP = 42.0
DENSE_FAN_GAP = 46.0
MAX_COLUMN_GAP = 100.0
#: Column titles sit this far above the top of the scene (their bottom edge).
TITLE_Y = -3.0
#: Column titles keep at least this many pixels between them (see title_scale).
TEXT_GAP_PX = 10.0

#: How close (in screen pixels) the cursor must be to an edge or node to pick it.
PICK_RADIUS_PX = 5.0

IMAGE_PIXELS = 28


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in scene units (y grows downwards, as on screen)."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def center_x(self) -> float:
        return self.left + self.width / 2

    def contains(self, x: float, y: float) -> bool:
        """Inside or on the border (as ``QRectF.contains``)."""
        return self.left <= x <= self.right and self.top <= y <= self.bottom


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

    @cached_property
    def bounds(self) -> Box:
        """Every edge of the layer, with a unit of room around."""
        left, top = self.x.min() - 1.0, self.y.min() - 1.0
        return Box(left, top, self.x.max() - left + 1.0, self.y.max() - top + 1.0)


@dataclass(frozen=True, eq=False)
class GraphLayout:
    """Every position the view needs for one architecture, computed once.

    ``image_rect`` is the input picture's square (None unless the input is 28 × 28 pixels);
    ``view_rect`` the part of the scene to show before the pixel margins (see ``fitted_view``).
    """

    architecture: Architecture
    columns: tuple[Column, ...]
    edges: tuple[EdgeLayer, ...]
    image_rect: Box | None
    view_rect: Box

    @property
    def mid_x(self) -> float:
        """Halfway between the input and the output column: where centred notes go."""
        return (self.columns[0].x + self.columns[-1].x) / 2


def _column_gaps(sizes: tuple[int, ...]) -> list[float]:
    """The x distance after each column (scene units)."""
    n_layers = len(sizes) - 1
    if sizes[0] > LEGIBLE_NODES and n_layers > 1:
        # The fan out of hundreds of inputs is a cloud whatever its width, and every unit of
        # width is paid for in pixels of thousands of lines; the hidden layers get the room.
        first_gap = DENSE_FAN_GAP
        gap = (EDGE_AREA_WIDTH - first_gap) / (n_layers - 1)
    else:
        first_gap = gap = EDGE_AREA_WIDTH / n_layers
    return [min(max(g, MIN_COLUMN_GAP), MAX_COLUMN_GAP) for g in [first_gap] + [gap] * n_layers]


def _column(layer: int, size: int, x: float, last: bool = False) -> Column:
    strip = layer == 0 and LEGIBLE_NODES < size <= MAX_INPUT_CELLS
    if strip:
        spacing = SCENE_HEIGHT / size
        n_drawn, slots = size, size
    elif size > LEGIBLE_NODES:
        n_drawn, slots = NODES_SHOWN_WHEN_CUT, LEGIBLE_NODES
        spacing = SCENE_HEIGHT / slots
    else:
        n_drawn = slots = size
        spacing = min(SCENE_HEIGHT / slots, MAX_OUTPUT_SPACING if last else MAX_NODE_SPACING)
    top = (SCENE_HEIGHT - spacing * slots) / 2
    ys = top + spacing * (np.arange(n_drawn) + 0.5)
    diameter = spacing if strip else min(0.8 * spacing, MAX_NODE_DIAMETER)
    return Column(layer, x, ys, spacing, size, strip, diameter)


def _edge_layer(architecture: Architecture, source: Column, target: Column) -> EdgeLayer:
    layer = source.layer
    to_neuron, from_neuron = np.divmod(np.arange(target.n_drawn * source.n_drawn), source.n_drawn)
    flat_index = (
        architecture.offsets[layer][0] + to_neuron * architecture.layer_sizes[layer] + from_neuron
    )
    # Edges stop at the node's rim: the part inside would be hidden under the node anyway,
    # and every pixel of 12,544 lines costs drawing time.
    ex = np.empty((len(flat_index), 2))
    ex[:, 0] = source.x + source.half_width
    ex[:, 1] = target.x - target.half_width
    ey = np.column_stack([source.ys[from_neuron], target.ys[to_neuron]])
    return EdgeLayer(layer, flat_index, to_neuron, from_neuron, ex, ey)


def graph_layout(architecture: Architecture) -> GraphLayout:
    """Node and edge positions for ``architecture`` (pure geometry, no Qt items)."""
    sizes = architecture.layer_sizes
    gaps = _column_gaps(sizes)
    image_rect = None
    x = 0.0
    if sizes[0] == IMAGE_PIXELS * IMAGE_PIXELS:
        image_rect = Box(0.0, (SCENE_HEIGHT - IMAGE_SIDE) / 2, IMAGE_SIDE, IMAGE_SIDE)
        x = IMAGE_SIDE + IMAGE_GAP + STRIP_WIDTH / 2
    columns = []
    for layer, size in enumerate(sizes):
        columns.append(_column(layer, size, x, last=layer == len(sizes) - 1))
        x += gaps[layer]
    edges = tuple(
        _edge_layer(architecture, columns[layer], columns[layer + 1])
        for layer in range(len(sizes) - 1)
    )
    left = -4.0
    right = columns[-1].x + 16.0
    view_rect = Box(left, -13.0, right - left, SCENE_HEIGHT + 24.0)
    return GraphLayout(architecture, tuple(columns), edges, image_rect, view_rect)


# -- where the texts go -----------------------------------------------------------------------


def fitted_view(
    view_rect: Box, width_px: float, height_px: float | None = None, title_px: float = 0.0
) -> Box:
    """``view_rect`` widened by room in *pixels* for the titles and digit labels.

    They are drawn at a fixed pixel size, so a margin in scene units would cut them off in a
    narrow window (the 1280×720 projector case): 12 px on the left, 64 on the right (the
    digit labels), in a view ``width_px`` wide. In a view ``height_px`` short (a graph over a
    lesson's caption on the stage) the titles above the columns and the caption under the
    picture need pixels too: above the titles' baseline 36, or a title's height ``title_px``
    and 4 where that is more (a CJK font's line is taller), and as much under the scene (28
    at least) for a lesson's caption, where ``view_rect``'s own margins are less.
    """
    width_px = max(width_px, 200.0)
    left_px, right_px = 12, 64
    units_per_px = view_rect.width / max(width_px - left_px - right_px, 50)
    left = view_rect.left - left_px * units_per_px
    right = view_rect.right + right_px * units_per_px
    top, bottom = view_rect.top, view_rect.bottom
    if height_px is not None:
        # Under the scene: a lesson's caption, in the label font, no taller than a title.
        above_px, below_px = max(36.0, title_px + 4), max(28.0, title_px + 4)
        per_px = view_rect.height / max(height_px - above_px - below_px, 50)
        top = min(top, TITLE_Y - above_px * per_px)
        bottom = max(bottom, SCENE_HEIGHT + below_px * per_px)
    return Box(left, top, right - left, bottom - top)


def title_position(layout: GraphLayout, column: Column) -> tuple[float, float]:
    """Bottom centre of a column's title; the input's is centred over picture and strip."""
    if column.layer == 0 and layout.image_rect is not None:
        return (layout.image_rect.left + column.x) / 2, TITLE_Y
    return column.x, TITLE_Y


def more_label_position(column: Column) -> tuple[float, float]:
    """Centre of a cut column's "… N more" label, in the slots below its last drawn node."""
    return column.x, float(column.ys[-1]) + 4 * column.spacing


def output_label_position(column: Column, neuron: int) -> tuple[float, float]:
    """Left middle of an output neuron's digit label, just right of the node."""
    return column.x + column.node_diameter / 2 + 2.0, float(column.ys[neuron])


def title_scale(
    title_xs: list[float], title_widths: list[float], output: Column, digit_px: float, pixel: float
) -> float:
    """How much (≤ 1) the column titles and digit labels must shrink to fit.

    ``title_xs`` are the titles' centres (scene units) and ``title_widths`` their widths at
    full size (pixels); two neighbours keep ``TEXT_GAP_PX`` apart. ``digit_px`` is a digit
    label's height plus a little space, at full size: neighbouring output nodes must not
    bring two labels closer. ``pixel`` is one screen pixel in scene units.
    """
    scale = 1.0
    for x0, x1, w0, w1 in zip(title_xs, title_xs[1:], title_widths, title_widths[1:], strict=False):
        room = (x1 - x0) / pixel - TEXT_GAP_PX
        if w0 + w1 > 0:
            scale = min(scale, 2 * room / (w0 + w1))
    if output.n_drawn > 1:
        scale = min(scale, output.spacing / pixel / digit_px)
    return scale


# -- edge bins -----------------------------------------------------------------------------


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


def bin_members(codes: np.ndarray) -> tuple[list[np.ndarray], int]:
    """The edges of each bin and how many are drawn: ``members[code]`` holds the edge numbers
    (ascending) whose code is ``code``, for the ``2 × MAGNITUDE_LEVELS`` codes."""
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes + 1, minlength=2 * MAGNITUDE_LEVELS + 1)
    bounds = np.cumsum(counts)
    members = [order[bounds[c] : bounds[c + 1]] for c in range(2 * MAGNITUDE_LEVELS)]
    return members, int(len(codes) - counts[0])


def pen_style(n_shown: int) -> tuple[int, bool]:
    """Opacity ceiling (0..255) of one weight layer's edges, and whether it is sparse.

    Thousands of translucent edges over the same pixels add up to a solid blot, so the
    ceiling falls with the number of edges shown (12,544 in the default fan get ~0.22).
    """
    ceiling = round(255 * min(0.95, math.sqrt(DENSE_OPACITY_EDGES / max(n_shown, 1))))
    return max(ceiling, 24), n_shown <= SPARSE_LAYER_EDGES


def edge_pen_shape(code: int, ceiling: int, sparse: bool) -> tuple[bool, int, int]:
    """``(negative, alpha, width)`` of bin ``code``'s pen: alpha grows with the level up to
    ``ceiling``; a sparse layer's strong edges are one or two pixels wider."""
    negative, level = code >= MAGNITUDE_LEVELS, code % MAGNITUDE_LEVELS
    alpha = max(ceiling * (level + 1) // MAGNITUDE_LEVELS, 8)
    width = 1 + int(sparse and level >= 3) + int(sparse and level >= 6)
    return negative, alpha, width


# -- finding things ----------------------------------------------------------------------------


def find_drawn_edge(layout: GraphLayout, flat_index: int) -> tuple[EdgeLayer, int] | None:
    """The edge layer and drawn edge number of weight ``flat_index``, if it is drawn."""
    architecture = layout.architecture
    for edges in layout.edges:
        w0, b0, _ = architecture.offsets[edges.layer]
        if w0 <= flat_index < b0:
            to_neuron, from_neuron = divmod(flat_index - w0, architecture.layer_sizes[edges.layer])
            source = layout.columns[edges.layer]
            target = layout.columns[edges.layer + 1]
            if from_neuron >= source.n_drawn or to_neuron >= target.n_drawn:
                return None
            return edges, to_neuron * source.n_drawn + from_neuron
    return None


def bias_node(layout: GraphLayout, flat_index: int) -> tuple[int, int] | None:
    """(layer, neuron) of the drawn node whose bias is ``flat_index``, None otherwise."""
    for layer, (_, b0, b1) in enumerate(layout.architecture.offsets):
        if b0 <= flat_index < b1:
            neuron = flat_index - b0
            if neuron < layout.columns[layer + 1].n_drawn:
                return layer + 1, neuron
    return None


def node_at(layout: GraphLayout, x: float, y: float, pixel: float) -> tuple[int, int] | None:
    """(layer, neuron) under the point ``(x, y)``, within ``PICK_RADIUS_PX`` of a node's rim
    (``pixel``: one screen pixel in scene units). A point on the input picture picks the
    input neuron of that pixel."""
    slack = PICK_RADIUS_PX * pixel
    rect = layout.image_rect
    if rect is not None and rect.contains(x, y):
        row = int((y - rect.top) / rect.height * IMAGE_PIXELS)
        col = int((x - rect.left) / rect.width * IMAGE_PIXELS)
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


def edge_at(
    layout: GraphLayout, x: float, y: float, pixel: float, codes: list[np.ndarray]
) -> tuple[int, int] | None:
    """(weight layer, drawn edge) nearest to ``(x, y)`` within ``PICK_RADIUS_PX``.

    ``codes`` are the layers' bin codes (see ``bin_edges``): only drawn edges (code ≥ 0) can
    be picked, and where several lie within a pixel of the nearest, the one painted on top
    (the highest level) wins. Empty ``codes``: every edge counts, all alike.
    """
    columns = layout.columns
    layer = next(
        (i for i in range(len(columns) - 1) if columns[i].x <= x <= columns[i + 1].x), None
    )
    if layer is None:
        return None
    edges = layout.edges[layer]
    candidates = np.flatnonzero(codes[layer] >= 0) if codes else np.arange(edges.n_edges)
    if len(candidates) == 0:
        return None
    ax, bx = edges.x[candidates, 0], edges.x[candidates, 1]
    ay, by = edges.y[candidates, 0], edges.y[candidates, 1]
    dx, dy = bx - ax, by - ay
    t = ((x - ax) * dx + (y - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-12)
    np.clip(t, 0.0, 1.0, out=t)
    distance_sq = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2
    best = int(np.argmin(distance_sq))
    if distance_sq[best] > (PICK_RADIUS_PX * pixel) ** 2:
        return None
    # Edges between evenly spaced columns cross exactly at many points; within a pixel
    # of the nearest, take the one drawn on top: the strongest.
    near = np.flatnonzero(distance_sq <= (math.sqrt(distance_sq[best]) + pixel) ** 2)
    if len(near) > 1 and codes:
        level = codes[layer][candidates[near]] % MAGNITUDE_LEVELS
        best = int(near[np.argmax(level)])
    return layer, int(candidates[best])


# -- marks over the nodes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Marks:
    """Round (or square) marks: centre ``(xs[k], ys[k])``, diameter ``sizes[k]``, scene units."""

    xs: list[float]
    ys: list[float]
    sizes: list[float]
    symbols: list[str]


def hover_marks(layout: GraphLayout, layer: int, neuron: int) -> Marks:
    """A ring around a hovered node; an input is boxed in the strip and in the picture."""
    column = layout.columns[layer]
    xs, ys, sizes = [column.x], [float(column.ys[neuron])], [column.node_diameter + 1.8]
    symbols = ["o"]
    if column.strip:
        sizes[0], symbols[0] = STRIP_WIDTH + 1.5, "s"
        rect = layout.image_rect
        if rect is not None:
            row, col = divmod(neuron, IMAGE_PIXELS)
            cell = rect.width / IMAGE_PIXELS
            xs.append(rect.left + (col + 0.5) * cell)
            ys.append(rect.top + (row + 0.5) * cell)
            sizes.append(cell * 1.6)
            symbols.append("s")
    return Marks(xs, ys, sizes, symbols)


def lab_marks(layout: GraphLayout, marked: Iterable[tuple[int, int]]) -> Marks:
    """Crosses over the marked (layer, neuron) nodes that are drawn, in sorted order; the
    rest (no such layer, or beyond a cut layer's first neurons) are skipped."""
    xs, ys, sizes = [], [], []
    columns = layout.columns
    for layer, neuron in sorted(marked):
        if not 0 <= layer < len(columns):
            continue
        column = columns[layer]
        if not 0 <= neuron < column.n_drawn:
            continue
        xs.append(column.x)
        ys.append(float(column.ys[neuron]))
        sizes.append(max(column.node_diameter, 1.5) * 1.25)
    return Marks(xs, ys, sizes, ["x"] * len(xs))


@dataclass(frozen=True)
class NudgeRing:
    """A lesson ring around node ``(x, y)``: ``negative`` is the sign of dC/da, ``strength``
    its size relative to the largest of its layer (0 < strength ≤ 1)."""

    x: float
    y: float
    size: float
    negative: bool
    strength: float


def nudge_rings(layout: GraphLayout, step: LessonStep, frame: LessonFrame) -> list[NudgeRing]:
    """A ring per drawn node of ``frame.nudged_layers`` with a finite non-zero nudge dC/da of
    the step's first example."""
    rings = []
    for layer in sorted(frame.nudged_layers):
        column = layout.columns[layer]
        nudge = np.asarray(step.nudges[layer][0], dtype=float)[: column.n_drawn]
        top = float(np.max(np.abs(nudge[np.isfinite(nudge)]), initial=0.0))
        for k, value in enumerate(nudge):
            if not np.isfinite(value) or value == 0.0 or top == 0.0:
                continue
            strength = min(abs(value) / top, 1.0)
            size = column.node_diameter + 1.8
            rings.append(NudgeRing(column.x, float(column.ys[k]), size, value > 0.0, strength))
    return rings


# -- node fill -------------------------------------------------------------------------------


def activation_shade(values: np.ndarray, activation: str) -> np.ndarray:
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
