"""The network graph's colours, and the pens and texts its rooms share."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPen

from app.ui.graph.layout import Box, Column

POSITIVE_RGB = (33, 102, 172)  # #2166ac
NEGATIVE_RGB = (230, 97, 1)  # #e66101
INK_RGB = (24, 24, 24)
BACKGROUND = "#ffffff"
#: The neuron lab's cross: a dark red, told from the orange by its shape as much as its hue.
LAB_MARK_RGB = (178, 24, 43)


def grey_ramp() -> np.ndarray:
    """(256, 3) uint8 RGB colours from paper white (0) to ink (1): pixels and nodes share it."""
    t = np.linspace(0.0, 1.0, 256)[:, None]
    white = np.array([255.0, 255.0, 255.0])
    ink = np.array(INK_RGB, dtype=float)
    return np.round(white + (ink - white) * t).astype(np.ubyte)


def diverging_lut() -> np.ndarray:
    """(256, 3) colours from orange (−) through white (0) to blue (+)."""
    colormap = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[NEGATIVE_RGB, (255, 255, 255), POSITIVE_RGB])
    return colormap.getLookupTable(nPts=256, alpha=False)


def tint(negative: bool, strength: float) -> list[int]:
    """The sign's colour over white at ``strength`` (0 white … 1 full colour), opaque RGB."""
    rgb = np.array(NEGATIVE_RGB if negative else POSITIVE_RGB, dtype=float)
    return np.round(255.0 + (rgb - 255.0) * strength).astype(int).tolist()


def node_pen(column: Column) -> QPen:
    # A thick outline would hide the fill of the small nodes of a crowded column.
    return pg.mkPen(60, 60, 60, width=1.5 if column.spacing > 3.0 else 1.0)


def text_item(font: QFont, anchor: tuple[float, float], z: float) -> pg.TextItem:
    """An ink text at a fixed pixel size, ``anchor`` its point at ``setPos`` (0..1 each way)."""
    item = pg.TextItem(color=INK_RGB, anchor=anchor)
    item.setFont(font)
    item.setZValue(z)
    return item


def qrect(box: Box) -> QRectF:
    return QRectF(box.left, box.top, box.width, box.height)
