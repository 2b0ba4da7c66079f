"""The input as the class sees it: the digit as its 28×28 picture, unrolled into the strip of
column 0, one cell per input pixel."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont

from app.ui.graph.items import OverlayItem
from app.ui.graph.layout import IMAGE_PIXELS, SCENE_HEIGHT, STRIP_WIDTH, GraphLayout
from app.ui.graph.style import qrect, text_item

#: Where the input sits among the scene's items: over the edges, under the nodes and marks.
INPUT_Z = 20


class InputImageItem(OverlayItem):
    """The picture with its border and caption, the strip of input cells with its frame, and
    the dashed lines of the unrolling between them.

    Each part exists only if the layout has it: ``picture`` and ``caption`` for a 28×28
    input (``layout.image_rect``), ``strip`` for an input drawn as cells (``columns[0].strip``);
    the others are None. Both images use ``grey_ramp`` (256, 3), 0 white … 1 ink.
    """

    def __init__(self, layout: GraphLayout, grey_ramp: np.ndarray, caption_font: QFont) -> None:
        super().__init__(INPUT_Z)
        self.strip: pg.ImageItem | None = None
        self.picture: pg.ImageItem | None = None
        self.caption: pg.TextItem | None = None
        column = layout.columns[0]
        if column.strip:
            # Hundreds of inputs get less than a pixel each: no round dot can be drawn that
            # small, so the column is one image with a cell per input (averaged on downsampling).
            self.strip = pg.ImageItem(axisOrder="row-major", autoDownsample=True)
            self.strip.setLookupTable(grey_ramp)
            self.strip.setImage(np.zeros((column.size, 1)), levels=(0, 1))
            self.strip.setRect(QRectF(column.x - column.half_width, 0.0, STRIP_WIDTH, SCENE_HEIGHT))
            self.adopt(self.strip, 10)
            frame = pg.PlotCurveItem(
                x=column.x + np.array([-1, 1, 1, -1, -1]) * column.half_width,
                y=np.array([0, 0, SCENE_HEIGHT, SCENE_HEIGHT, 0.0]),
                pen=pg.mkPen(60, 60, 60, width=1.5),
            )
            self.adopt(frame, 11)
        if layout.image_rect is not None:
            self._build_picture(layout, grey_ramp, caption_font)

    def _build_picture(self, layout: GraphLayout, grey_ramp: np.ndarray, font: QFont) -> None:
        rect = layout.image_rect
        self.picture = pg.ImageItem(axisOrder="row-major")
        self.picture.setLookupTable(grey_ramp)
        # setRect scales by the image's size, so the image must exist first.
        self.picture.setImage(np.zeros((IMAGE_PIXELS, IMAGE_PIXELS)), levels=(0, 1))
        self.picture.setRect(qrect(rect))
        self.adopt(self.picture, 0)
        border = pg.PlotCurveItem(
            x=np.array([rect.left, rect.right, rect.right, rect.left, rect.left]),
            y=np.array([rect.top, rect.top, rect.bottom, rect.bottom, rect.top]),
            pen=pg.mkPen(60, 60, 60, width=1.5),
        )
        self.adopt(border, 1)
        # The unrolling: the picture's top row starts the column, its bottom row ends it.
        strip_left = layout.columns[0].x - layout.columns[0].half_width
        unroll = pg.PlotCurveItem(
            x=np.array([rect.right, strip_left, rect.right, strip_left]),
            y=np.array([rect.top, 0.0, rect.bottom, SCENE_HEIGHT]),
            connect="pairs",
            pen=pg.mkPen(150, 150, 150, width=1.5, style=Qt.PenStyle.DashLine),
        )
        self.adopt(unroll, -1)
        self.caption = text_item(font, (0.5, 0.0), 0)
        self.caption.setPos(rect.center_x, rect.bottom + 1.5)
        self.adopt(self.caption, 20)

    def show_input(self, strip_shade: np.ndarray | None, picture: np.ndarray | None) -> None:
        """Fill the strip with ``strip_shade`` (n_inputs,) and the picture with ``picture``
        (any shape of 784 values), both 0..1; None leaves the strip as it is and empties the
        picture."""
        if self.strip is not None and strip_shade is not None:
            self.strip.setImage(strip_shade[:, None], levels=(0, 1))
        if self.picture is not None:
            if picture is None:
                picture = np.zeros((IMAGE_PIXELS, IMAGE_PIXELS))
            image = np.asarray(picture, dtype=float).reshape(IMAGE_PIXELS, IMAGE_PIXELS)
            self.picture.setImage(image, levels=(0, 1))
