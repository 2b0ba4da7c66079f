"""The neuron lab's switched-off neurons: a white-edged cross over each node."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF

from app.ui.graph.items import OverlayItem
from app.ui.graph.layout import Marks
from app.ui.graph.style import LAB_MARK_RGB

#: Over the nodes and the lesson's rings, under the selection and a hovered node's ring.
LAB_MARKS_Z = 42


class LabMarksItem(OverlayItem):
    """A dark red ``cross`` per marked node over a larger white one (``halo``)."""

    #: How much larger the white cross is than the red one.
    HALO_SCALE = 1.35

    def __init__(self) -> None:
        super().__init__(LAB_MARKS_Z)
        self.halo = pg.ScatterPlotItem(pxMode=False, symbol="x", pen=None, brush=pg.mkBrush("w"))
        self.cross = pg.ScatterPlotItem(
            pxMode=False, symbol="x", pen=None, brush=pg.mkBrush(*LAB_MARK_RGB)
        )
        self.adopt(self.halo, 0)
        self.adopt(self.cross, 1)

    def show_marks(self, marks: Marks) -> None:
        """Cross out the nodes at ``marks`` (see ``layout.lab_marks``); no marks clears."""
        self.halo.setData(x=marks.xs, y=marks.ys, size=[s * self.HALO_SCALE for s in marks.sizes])
        self.cross.setData(x=marks.xs, y=marks.ys, size=marks.sizes)

    def positions(self) -> list[QPointF]:
        """Where the crosses are drawn now (view coordinates)."""
        return [QPointF(float(p["x"]), float(p["y"])) for p in self.cross.data]
