"""The chosen weight dragged on the graph itself: its name tag is a handle, up is higher.

Over a ``NetworkGraphView`` whose ``WeightPanel`` shows a weight, the weight's name tag (drawn
at the middle of its edge, ``NetworkGraphView.edge_midpoint``) takes a vertical mouse drag:

    press within ``GRAB_PX`` of the tag ─▶ move up or down ─▶ value = start + Δy_up / PX_PER_UNIT
                                          ─▶ ``moved(value, continues)`` per move, ``ended()``

A press elsewhere, or a click without a move, is left to the graph (it selects edges).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent

from app.ui.graph.view import NetworkGraphView
from app.ui.weight_panel import WeightPanel

# How near the tag's centre a press grabs it: about half the tag's width at the desktop's
# text size (the tag "w3[4,5]" is ~60 px wide, ~22 px high).
GRAB_PX = 24
# Pixels of vertical drag per unit of weight: 100 px is 1.0, so the graph's height (300–600
# px) reaches ±1.5 to ±3, the slider's reach; one pixel is Δw = 0.01.
PX_PER_UNIT = 100.0


class EdgeDrag(QObject):
    """Watches ``graph``'s viewport; ``panel`` says which weight is chosen and its value."""

    moved = Signal(float, bool)
    ended = Signal()

    def __init__(self, graph: NetworkGraphView, panel: WeightPanel) -> None:
        super().__init__(graph)
        self.graph = graph
        self.panel = panel
        self._start: tuple[float, float] | None = None  # (y in pixels, value) at the press
        self._moved = False
        graph.plot_widget.viewport().installEventFilter(self)

    def dragging(self) -> bool:
        return self._start is not None

    def tag_position(self) -> QPointF | None:
        """Where the chosen weight's tag is, in the viewport's pixels (None if not drawn)."""
        if self.panel.isHidden() or self.panel.index < 0:
            return None
        try:
            middle = self.graph.edge_midpoint(self.panel.index)
        except (IndexError, ValueError):
            return None
        if middle is None:
            return None
        scene = self.graph.viewbox.mapViewToScene(middle)
        return QPointF(self.graph.plot_widget.mapFromScene(scene))

    def _near_tag(self, event: QMouseEvent) -> bool:
        tag = self.tag_position()
        if tag is None:
            return False
        offset = event.position() - tag
        return abs(offset.x()) <= GRAB_PX and abs(offset.y()) <= GRAB_PX

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            if self._near_tag(event):
                self._start = (event.position().y(), self.panel.value)
                self._moved = False
                return True
        elif kind == QEvent.Type.MouseMove and self._start is not None:
            y0, value0 = self._start
            value = value0 + (y0 - event.position().y()) / PX_PER_UNIT
            self.moved.emit(value, self._moved)
            self._moved = True
            return True
        elif kind == QEvent.Type.MouseMove:
            viewport = self.graph.plot_widget.viewport()
            if self._near_tag(event):
                viewport.setCursor(Qt.CursorShape.SizeVerCursor)
            else:
                viewport.unsetCursor()
        elif kind == QEvent.Type.MouseButtonRelease and self._start is not None:
            self._start = None
            if self._moved:
                self.ended.emit()
            return True
        return super().eventFilter(watched, event)
