"""The graph's words in the scene: column titles, "… N more" labels, the output digits and
the calm note shown instead of edges."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

from app.ui import theme
from app.ui.graph.layout import (
    IMAGE_GAP,
    SCENE_HEIGHT,
    Column,
    GraphLayout,
    more_label_position,
    output_label_position,
    title_position,
    title_scale,
)
from app.ui.graph.style import INK_RGB, text_item

#: Scene texts shrink to fit a small graph (see SceneTexts.fit), never below this size.
MIN_SCENE_POINT_SIZE = 7.0
#: Over every mark, so a title or a digit is never hidden; the note over everything.
TEXTS_Z = 50
MESSAGE_Z = 60


class SceneTexts:
    """The texts of one layout, added to ``viewbox`` as items of their own (not an overlay's
    children: they stack over all the overlays).

    ``column_titles`` (title, column) per column, ``more_labels`` (label, column) per cut
    column, ``output_labels`` a digit label per drawn output node, ``message`` the note.
    Titles and digits use ``title_font``, the rest ``label_font``; ``fit`` shrinks them.
    """

    def __init__(
        self, viewbox: pg.ViewBox, layout: GraphLayout, title_font: QFont, label_font: QFont
    ) -> None:
        self._layout = layout
        self._title_font = title_font
        self._label_font = label_font
        self.column_titles: list[tuple[pg.TextItem, Column]] = []
        self.more_labels: list[tuple[pg.TextItem, Column]] = []
        for column in layout.columns:
            title = text_item(title_font, (0.5, 1.0), TEXTS_Z)
            title.setPos(*title_position(layout, column))
            viewbox.addItem(title)
            self.column_titles.append((title, column))
            if column.n_hidden:
                more = text_item(label_font, (0.5, 0.5), TEXTS_Z)
                more.setPos(*more_label_position(column))
                viewbox.addItem(more)
                self.more_labels.append((more, column))
        self.output_labels: list[pg.TextItem] = []
        output = layout.columns[-1]
        for j in range(output.n_drawn):
            label = text_item(title_font, (0.0, 0.5), TEXTS_Z)
            label.setText(str(j))
            label.setPos(*output_label_position(output, j))
            viewbox.addItem(label)
            self.output_labels.append(label)
        self.message = pg.TextItem(
            color=(70, 70, 70), anchor=(0.5, 0.5), fill=pg.mkBrush(255, 255, 255, 235)
        )
        self.message.setFont(title_font)
        self.message.setZValue(MESSAGE_Z)
        self.message.setPos(layout.mid_x, SCENE_HEIGHT / 2)
        self.message.hide()
        viewbox.addItem(self.message)

    def retranslate(self, image_caption: pg.TextItem | None) -> None:
        """The titles, the "… N more" labels and the picture's caption in the current language."""
        if image_caption is not None:
            image_caption.setText(QCoreApplication.translate("NetworkGraphView", "28 × 28 pixels"))
        last = len(self.column_titles) - 1
        for title, column in self.column_titles:
            if column.layer == 0:
                text = QCoreApplication.translate("NetworkGraphView", "Input {n}")
            elif column.layer == last:
                text = QCoreApplication.translate("NetworkGraphView", "Output {n}")
            else:
                text = QCoreApplication.translate("NetworkGraphView", "Hidden {n}")
            title.setText(text.format(n=column.size))
        for more, column in self.more_labels:
            more.setText(
                QCoreApplication.translate("NetworkGraphView", "… {n} more").format(
                    n=column.n_hidden
                )
            )

    def fit(self, pixel: float, image_caption: pg.TextItem | None) -> None:
        """The column titles and digit labels at the theme's size where they fit, smaller
        where they would not; the picture's caption within the picture's width.

        They are drawn at a fixed pixel size while the graph scales with the widget (one
        ``pixel`` is that many scene units): in presenter mode on a 1280×720 projector the
        titles ran into each other ("Hidden 16Hidden 16Output 10") and the ten digit labels
        overlapped.
        """
        base = QFont(self._title_font)
        metrics = QFontMetricsF(base)
        titles = [title for title, _ in self.column_titles]
        widths = [metrics.horizontalAdvance(t.textItem.toPlainText()) for t in titles]
        # A digit's own height plus a little space between neighbours.
        digit = metrics.tightBoundingRect("0").height() * 1.3
        xs = [t.pos().x() for t in titles]
        scale = title_scale(xs, widths, self._layout.columns[-1], digit, pixel)
        font = QFont(base)
        font.setPointSizeF(max(theme.pt(13) * scale, MIN_SCENE_POINT_SIZE))
        for item in titles + self.output_labels:
            item.setFont(font)
        rect = self._layout.image_rect
        if image_caption is not None and rect is not None:
            # Centred under the picture, with the room from the view's left edge to the strip.
            room = (rect.width + IMAGE_GAP) / pixel
            metrics = QFontMetricsF(self._label_font)
            wide = metrics.horizontalAdvance(image_caption.textItem.toPlainText())
            small = QFont(self._label_font)
            small.setPointSizeF(
                max(theme.pt(12) * min(1.0, room / max(wide, 1.0)), MIN_SCENE_POINT_SIZE)
            )
            image_caption.setFont(small)

    def title_height_px(self) -> float:
        """The tallest column title's height in pixels (0 before there are any)."""
        heights = [title.textItem.boundingRect().height() for title, _ in self.column_titles]
        return max(heights, default=0.0)

    def label_boxes(self) -> tuple[list[QRectF], list[QRectF], int]:
        """Where the column titles and the output digits' glyphs are drawn, in the view's
        pixels, and the smallest of their font sizes in pixels (they ignore the view's
        scale: a font's pixel size is its size on screen). A title's box is its text's
        (line spacing and margins trimmed); a digit's is its glyph's height, centred where
        it is anchored, so two digits touch only where their ink would."""
        titles = [
            title.textItem.mapRectToScene(title.textItem.boundingRect()).adjusted(2, 2, -2, -2)
            for title, _ in self.column_titles
        ]
        digits = []
        for label in self.output_labels:
            metrics = QFontMetricsF(label.textItem.font())
            glyph = metrics.tightBoundingRect(label.textItem.toPlainText())
            box = label.textItem.mapRectToScene(label.textItem.boundingRect())
            centre = box.center().y()  # anchored at its middle, (0, 0.5)
            digits.append(
                QRectF(box.left(), centre - glyph.height() / 2, box.width(), glyph.height())
            )
        items = [title for title, _ in self.column_titles] + self.output_labels
        px = min((QFontInfo(item.textItem.font()).pixelSize() for item in items), default=0)
        return titles, digits, px

    def mark_digit(self, winner: int) -> None:
        """Invert the winning digit's label, white on ink (−1: none)."""
        for j, label in enumerate(self.output_labels):
            if j == winner:
                label.setColor((255, 255, 255))
                label.fill = pg.mkBrush(*INK_RGB)
            else:
                label.setColor(INK_RGB)
                label.fill = pg.mkBrush(None)
            label.update()

    def show_message(self, text: str) -> None:
        """The calm note in the middle of the edges; an empty text hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
