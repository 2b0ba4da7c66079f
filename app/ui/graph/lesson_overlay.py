"""The step-through lesson's marks over the graph: a ring around each nudged neuron, and a
caption saying which example the graph shows."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QPen

from app.core.lesson import LessonFrame, LessonStep
from app.ui.graph.items import OverlayItem
from app.ui.graph.layout import MAGNITUDE_LEVELS, SCENE_HEIGHT, GraphLayout, nudge_rings
from app.ui.graph.style import text_item, tint

#: Over the nodes, under every other mark.
LESSON_Z = 35


class LessonOverlayItem(OverlayItem):
    """``rings``: around each node of the frame's nudged layers, coloured as the lesson's
    table colours the wanted change −dC/da (blue: the loss wants this neuron up, orange:
    down), so ring and table agree on screen; tint and width grow with the nudge's size.
    ``caption``: below the columns, hidden outside the lesson."""

    def __init__(self, layout: GraphLayout, caption_font: QFont) -> None:
        super().__init__(LESSON_Z)
        self.rings = pg.ScatterPlotItem(pxMode=False, brush=None)
        self.adopt(self.rings, 0)
        self.caption = text_item(caption_font, (0.5, 0.0), 0)
        self.caption.setPos(layout.mid_x, SCENE_HEIGHT + 1.0)
        self.caption.hide()
        self.adopt(self.caption, 1)
        self._pens: dict[tuple[bool, int], QPen] = {}

    def show_frame(self, layout: GraphLayout, step: LessonStep, frame: LessonFrame) -> None:
        """The rings of ``frame`` and the caption of ``step``'s first example."""
        rings = nudge_rings(layout, step, frame)
        self.rings.setData(
            x=[r.x for r in rings],
            y=[r.y for r in rings],
            size=[r.size for r in rings],
            pen=[self._pen(r.negative, r.strength) for r in rings],
            brush=None,
        )
        self.show_caption(step)

    def show_caption(self, step: LessonStep | None) -> None:
        """Say which example the graph shows (in the current language); None hides it."""
        if step is None:
            self.caption.hide()
            return
        digit = int(step.labels[0])
        if len(step.labels) > 1:
            text = QCoreApplication.translate(
                "NetworkGraphView",
                "Step-through: the graph shows the first of the batch's {b} examples, a {d}",
            ).format(b=len(step.labels), d=digit)
        else:
            text = QCoreApplication.translate(
                "NetworkGraphView", "Step-through: training example {i}, a {d}"
            ).format(i=int(step.indices[0]), d=digit)
        self.caption.setText(text)
        self.caption.show()

    def clear(self) -> None:
        self.rings.setData(x=[], y=[])
        self.caption.hide()

    def _pen(self, negative: bool, strength: float) -> QPen:
        """A ring's pen: opaque tint and width both grow with the nudge's size."""
        level = min(int(strength * MAGNITUDE_LEVELS), MAGNITUDE_LEVELS - 1)
        pen = self._pens.get((negative, level))
        if pen is None:
            t = 0.3 + 0.7 * (level + 1) / MAGNITUDE_LEVELS
            pen = pg.mkPen(*tint(negative, t), width=1.5 + 3.0 * (level + 1) / MAGNITUDE_LEVELS)
            self._pens[(negative, level)] = pen
        return pen
