"""The chosen parameters, marked: a weight as its edge drawn thick with its name on it, a bias
as a ring around its node."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from app.ui.graph.items import OverlayItem
from app.ui.graph.layout import GraphLayout, bias_node, find_drawn_edge
from app.ui.graph.style import INK_RGB

#: Over the edges, nodes and the lab's crosses; under a hovered node's ring (see HoverItem).
SELECTION_Z = 44


class SelectionItem(OverlayItem):
    """``line`` the chosen weights' edges (over a white ``halo``), ``labels`` their names at
    the edges' midpoints, ``rings`` the chosen biases' nodes."""

    def __init__(self) -> None:
        super().__init__(SELECTION_Z)
        self.halo = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(255, 255, 255, width=8)
        )
        self.line = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(*INK_RGB, width=3.5)
        )
        self.rings = pg.ScatterPlotItem(pxMode=False, brush=None, pen=pg.mkPen(*INK_RGB, width=3.5))
        for z, item in enumerate((self.halo, self.line, self.rings)):
            self.adopt(item, z)
        self.labels: list[pg.TextItem] = []

    def show_selected(self, layout: GraphLayout, selected: tuple[int, ...], font: QFont) -> None:
        """Mark the parameters ``selected`` (flat indices) that are drawn; the rest (a weight
        or bias of a neuron beyond a cut layer's first ones) are skipped."""
        architecture = layout.architecture
        xs, ys, ring_x, ring_y, ring_size = [], [], [], [], []
        for label in self.labels:
            label.setParentItem(None)
            if label.scene() is not None:
                label.scene().removeItem(label)
        self.labels = []
        for index in selected:
            found = find_drawn_edge(layout, index)
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
                label.setFont(font)
                label.setText(architecture.parameter_name(index))
                label.setPos(float(edges.x[e].mean()), float(edges.y[e].mean()))
                self.adopt(label, 10)
                self.labels.append(label)
                continue
            node = bias_node(layout, index)
            if node is not None:
                column = layout.columns[node[0]]
                ring_x.append(column.x)
                ring_y.append(float(column.ys[node[1]]))
                ring_size.append(column.node_diameter + 1.6)
        x = np.concatenate(xs) if xs else np.empty(0)
        y = np.concatenate(ys) if ys else np.empty(0)
        self.halo.setData(x=x, y=y)
        self.line.setData(x=x, y=y)
        self.rings.setData(x=ring_x, y=ring_y, size=ring_size)
