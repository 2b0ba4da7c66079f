"""The round nodes of the graph, filled by how strongly each neuron fires."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from app.ui.graph.items import NodeColumnItem, OverlayItem
from app.ui.graph.layout import GraphLayout
from app.ui.graph.style import INK_RGB, node_pen

#: Over the edges and the input, under every mark.
NODES_Z = 30


class NodesItem(OverlayItem):
    """A ``NodeColumnItem`` child per column of round nodes; ``columns[l]`` is None for a
    column drawn as a strip (``InputImageItem`` draws it).

    ``brushes`` (256,) holds a brush per step of the grey ramp, 0 white … 255 ink.
    """

    def __init__(self, layout: GraphLayout, brushes: np.ndarray) -> None:
        super().__init__(NODES_Z)
        self._layout = layout
        self._brushes = brushes
        self.columns: list[NodeColumnItem | None] = []
        for column in layout.columns:
            item = None
            if not column.strip:
                item = self.adopt(NodeColumnItem(column, node_pen(column), brushes[0]), 0)
            self.columns.append(item)
        output = layout.columns[-1]
        self._output_pens = [node_pen(output)] * output.n_drawn
        self._winner_pen = pg.mkPen(*INK_RGB, width=4)
        # A lesson layer not computed yet: an empty node, a dashed outline.
        self._unknown_brush = pg.mkBrush(255, 255, 255)
        self._unknown_pen = pg.mkPen(150, 150, 150, width=1.2, style=Qt.PenStyle.DashLine)

    def fill(self, shades: list[np.ndarray | None], plain_outlines: bool = False) -> None:
        """Fill each column's drawn nodes by ``shades[l]`` (n_drawn,), 0 white … 1 ink; a
        None column is drawn empty with dashed outlines (a lesson layer not computed yet).

        ``plain_outlines``: the filled columns but the output get their usual outline back
        (a lesson frame may follow one that dashed them; the output's carries the winner).
        """
        last = len(self._layout.columns) - 1
        for column, item, shade in zip(self._layout.columns, self.columns, shades, strict=True):
            if item is None:
                continue
            if shade is None:
                item.set_brushes(self._unknown_brush)
                item.set_pens(self._unknown_pen)
                continue
            item.set_brushes(self._brushes[(shade * 255).astype(np.int64)].tolist())
            if plain_outlines and column.layer != last:
                item.set_pens(node_pen(column))

    def ring_winner(self, winner: int) -> None:
        """Outline the output nodes as usual and ring ``winner`` thick (−1: none)."""
        pens = list(self._output_pens)
        if 0 <= winner < len(pens):
            pens[winner] = self._winner_pen
        self.columns[-1].set_pens(pens)

    def dash_output(self) -> None:
        """The output's outlines dashed: not computed yet."""
        self.columns[-1].set_pens(self._unknown_pen)

    def plain_outlines(self) -> None:
        """Every column's usual outline (the output's without the winner's ring)."""
        for column, item in zip(self._layout.columns, self.columns, strict=True):
            if item is not None:
                item.set_pens(node_pen(column))
