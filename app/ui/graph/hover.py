"""What is under the cursor: a mark in the scene, and the floating card that describes it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.ui import theme
from app.ui.graph.items import OverlayItem
from app.ui.graph.layout import IMAGE_PIXELS, EdgeLayer, Marks
from app.ui.graph.style import BACKGROUND, INK_RGB, diverging_lut

#: A hovered edge's line goes under the selection (a chosen edge keeps its look and its name
#: stays readable); a hovered node's ring goes over it and over the lab's crosses.
EDGE_HOVER_Z = 40
NODE_HOVER_Z = 47


class HoverItem(OverlayItem):
    """The hovered edge drawn as a ``curve``, or the hovered node ringed by a ``marker`` over
    a white ``halo`` (which keeps the mark visible on black ink too); one of them at a time."""

    def __init__(self) -> None:
        super().__init__(EDGE_HOVER_Z)
        self.curve = pg.PlotCurveItem(
            connect="pairs", antialias=True, pen=pg.mkPen(*INK_RGB, width=2.5)
        )
        self.halo = pg.ScatterPlotItem(pxMode=False, brush=None, pen=pg.mkPen("w", width=7))
        self.marker = pg.ScatterPlotItem(pxMode=False, brush=None, pen=pg.mkPen(*INK_RGB, width=3))
        for z, item in enumerate((self.curve, self.halo, self.marker)):
            self.adopt(item, z)

    def clear(self) -> None:
        self.curve.setData(x=np.empty(0), y=np.empty(0))
        self.marker.setData(x=[], y=[])
        self.halo.setData(x=[], y=[])

    def show_edge(self, edges: EdgeLayer, e: int) -> None:
        """Draw edge ``e`` of ``edges`` over the others (call ``clear`` first)."""
        self.setZValue(EDGE_HOVER_Z)
        self.curve.setData(x=edges.x[e], y=edges.y[e])

    def show_node(self, marks: Marks) -> None:
        """Ring the node (and box an input's pixel) at ``marks`` (call ``clear`` first)."""
        self.setZValue(NODE_HOVER_Z)
        shape = {"x": marks.xs, "y": marks.ys, "size": marks.sizes, "symbol": marks.symbols}
        self.halo.setData(**shape)
        self.marker.setData(**shape)


class HoverCard(QFrame):
    """The floating card with what is under the cursor; never takes the mouse itself.

    ``text`` holds the description (rich text); the inset shows a first-layer neuron's
    28 × 28 incoming weights on the diverging scale, 0 white.
    """

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
        self.inset_image.setLookupTable(diverging_lut())
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

    def place_near(self, at: QPoint, room: QSize) -> None:
        """Beside the cursor ``at`` (in the parent's coordinates), below and right of it,
        or above and left where it would leave the parent's ``room``."""
        x, y = at.x() + 18, at.y() + 18
        if x + self.width() > room.width():
            x = at.x() - 18 - self.width()
        if y + self.height() > room.height():
            y = at.y() - 18 - self.height()
        self.move(QPoint(max(x, 0), max(y, 0)))
