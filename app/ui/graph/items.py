"""The graph's scene items that paint themselves, and the base of its overlays.

pyqtgraph's own items keep bookkeeping of their own on every update and paint; the two that
draw most of the graph (an edge layer, a column of nodes) paint straight from numpy arrays
and lists instead, with bounds known in advance.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from app.ui.graph.layout import Column

Item = TypeVar("Item", bound=QGraphicsItem)


class BoxedItem(pg.GraphicsObject):
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


class EdgeLayerItem(BoxedItem):
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


class NodeColumnItem(BoxedItem):
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


class OverlayItem(pg.GraphicsObject):
    """An item that draws nothing itself and holds the sub-items of one overlay as children.

    Children stack by their own z among themselves, and all of them at this item's z among
    the rest of the scene. Add it to the view box before or after its children are made:
    pyqtgraph hands the view box down to them either way.
    """

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        pass

    def adopt(self, item: Item, z: float) -> Item:
        """Make ``item`` a child at ``z`` among this overlay's children; returns it."""
        item.setParentItem(self)
        item.setZValue(z)
        return item
