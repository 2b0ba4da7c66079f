"""Every weight layer's edges, coloured by sign (blue positive, orange negative: a
colour-blind-safe pair) and faded by magnitude.

Speed: a pen per edge costs ~270 ms a repaint. Here the edges of each weight layer are sorted
into (sign, magnitude level) bins, and each weight layer is one item that paints every bin
with one pen and one ``drawLines`` call straight from a numpy array. Geometry is computed once
per architecture (``graph_layout``); an update only gathers values, bins them and reorders
the endpoints. What is left is Qt rasterising the lines: the 12,544 edges out of the 784
inputs are most of the pixels, so that fan is kept narrow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen

from app.ui.graph.items import EdgeLayerItem, OverlayItem
from app.ui.graph.layout import (
    MAGNITUDE_LEVELS,
    PAINT_ORDER,
    GraphLayout,
    bin_edges,
    bin_members,
    edge_pen_shape,
    pen_style,
    robust_max,
)
from app.ui.graph.style import NEGATIVE_RGB, POSITIVE_RGB, qrect, tint

EDGE_MODES: tuple[str, ...] = ("weights", "gradients", "change")

#: While training runs, a weight layer with more edges than this (the 784-input fan: 12,544)
#: shows only its strongest STRONGEST_PERCENT_WHILE_RUNNING % (see EdgeLayersItem.render).
DENSE_FAN_EDGES = 5000
STRONGEST_PERCENT_WHILE_RUNNING = 25


def fan_thinned_while_running(layout, strongest_percent: int) -> bool:
    """Whether training would thin a dense fan of ``layout`` (its legend says so, running or
    not: a note that came with Play wrapped the legend and shrank the graph as it started)."""
    if layout is None:
        return False
    dense = any(len(edges.flat_index) > DENSE_FAN_EDGES for edges in layout.edges)
    return dense and strongest_percent > STRONGEST_PERCENT_WHILE_RUNNING


#: In a lesson frame, the weight layers whose gradient is not known yet get this fraction of
#: their usual opacity: a faint backdrop to the layers that are the sub-step's news.
LESSON_FADE = 4


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


class EdgeLayersItem(OverlayItem):
    """The edges of every weight layer: an ``EdgeLayerItem`` child per layer, at z 0.

    After ``render``, per weight layer: ``codes`` (E,) the bin code of each edge (−1: not
    drawn), ``members[code]`` the edge numbers in that bin, ``pens[code]`` its pen (None for
    an empty bin); all three empty after ``clear``.
    """

    def __init__(self, layout: GraphLayout) -> None:
        super().__init__(0)
        self._layout = layout
        self.layer_items = [
            self.adopt(EdgeLayerItem(qrect(edges.bounds)), 0) for edges in layout.edges
        ]
        self.codes: list[np.ndarray] = []
        self.members: list[list[np.ndarray]] = []
        self.pens: list[list[QPen | None]] = []
        self._pen_cache: dict[tuple[bool, int, int, bool], QPen] = {}

    def clear(self) -> None:
        """Draw no edge."""
        self.codes, self.members, self.pens = [], [], []
        for item in self.layer_items:
            if item.runs:
                item.set_lines(np.empty((0, 4)), [])

    def render(
        self,
        source: np.ndarray,
        strongest_percent: int,
        running: bool,
        lit_layers: frozenset[int] | None = None,
    ) -> bool:
        """Draw each weight layer's slice of ``source`` (P,), its strongest share only.

        ``running``: training runs, so the dense fan shows at most its strongest
        ``STRONGEST_PERCENT_WHILE_RUNNING`` %. ``lit_layers``: in a lesson frame, the weight
        layers (1-based) drawn at full strength; the others fade to a backdrop. Returns
        whether the dense fan was thinned.
        """
        layout = self._layout
        self.codes, self.members, self.pens = [], [], []
        thinned = False
        for edges, item in zip(layout.edges, self.layer_items, strict=True):
            w0, b0, _ = layout.architecture.offsets[edges.layer]
            values = source[edges.flat_index]
            percent = strongest_percent
            if (
                running
                and len(values) > DENSE_FAN_EDGES
                and percent > STRONGEST_PERCENT_WHILE_RUNNING
            ):
                thinned = True
                # Level of detail in motion: at full speed the fan is a blur anyway and drawing
                # all of it blocked the GUI; the whole picture returns on pause or step.
                percent = STRONGEST_PERCENT_WHILE_RUNNING
            codes = bin_edges(values, robust_max(source[w0:b0]), percent)
            members, n_shown = bin_members(codes)
            ceiling, sparse = pen_style(n_shown)
            if lit_layers is not None and edges.layer + 1 not in lit_layers:
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
            self.codes.append(codes)
            self.members.append(members)
            self.pens.append(pens)
        return thinned

    def _pen(self, code: int, ceiling: int, sparse: bool) -> QPen:
        negative, alpha, width = edge_pen_shape(code, ceiling, sparse)
        key = (negative, alpha, width, sparse)
        pen = self._pen_cache.get(key)
        if pen is None:
            if sparse:
                # Opaque tints (the colour over the white background) instead of alpha: Qt
                # fills wide opaque lines as spans, ~10x faster than wide translucent ones,
                # and with the strongest level drawn last an overlap shows the stronger edge.
                pen = pg.mkPen(*tint(negative, alpha / 255.0), width=width)
            else:
                pen = pg.mkPen(*(NEGATIVE_RGB if negative else POSITIVE_RGB), alpha, width=1)
            self._pen_cache[key] = pen
        return pen

    def edge_bins(self) -> list[EdgeBin]:
        """What is drawn now: one entry per non-empty bin, in paint order within a layer."""
        out = []
        for layer, (members, pens) in enumerate(zip(self.members, self.pens, strict=True)):
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
