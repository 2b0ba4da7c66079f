"""The "Confusion" page: the 10×10 confusion matrix, and the images of the cell clicked.

Rows are the true digit, columns the answer. A click on a cell lists its images beside the
matrix, most confident first (for a mistake: wrongest first), at most
``MAX_CELL_EXAMPLES`` of them.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.core.evaluation import Evaluation
from app.ui.evaluation.common import BLUE, ORANGE, percent, translate
from app.ui.evaluation.tiles import ExampleTiles

#: Tiles in a cell's list: a screenful or two; more is "N more".
MAX_CELL_EXAMPLES = 60

_INK = QColor("#1b1b1b")
_MUTED = QColor(150, 150, 150)
_EMPTY_ROW = QColor(240, 240, 240)


def _readable_text_colour(fill: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``fill`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(fill.redF())
        + 0.7152 * channel(fill.greenF())
        + 0.0722 * channel(fill.blueF())
    )
    return QColor("white") if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else _INK


def _blend(colour: QColor, amount: float) -> QColor:
    """``colour`` mixed into white: 0 is white, 1 the colour itself."""
    a = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        1.0 - a * (1.0 - colour.redF()),
        1.0 - a * (1.0 - colour.greenF()),
        1.0 - a * (1.0 - colour.blueF()),
    )


class ConfusionMatrix(QWidget):
    """The K×K confusion matrix, painted: counts in the cells, coloured by the row's share.

    Rows are the true digit, columns the answer. The diagonal (right answers) is blue, the
    rest (mistakes) orange; the colour's strength is the square root of the cell's share of
    its row, because mistakes are a few percent of a row and would all look white on a
    linear scale. ``cell_clicked(true, answer)`` is emitted by a click on a cell.
    """

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._confusion: np.ndarray | None = None
        self._shares: np.ndarray | None = None
        self._selected: tuple[int, int] | None = None
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.update()  # the axis titles are painted

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(380, 380)

    # -- data ------------------------------------------------------------------------------------

    def set_confusion(self, confusion: np.ndarray) -> None:
        """``confusion`` int (K, K): rows the true digit, columns the answer."""
        self._confusion = np.asarray(confusion)
        rows = self._confusion.sum(axis=1, keepdims=True).astype(np.float64)
        self._shares = np.divide(
            self._confusion, rows, out=np.zeros(self._confusion.shape), where=rows > 0
        )
        self.update()

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        self._selected = cell
        self.update()

    def size_k(self) -> int:
        return 0 if self._confusion is None else len(self._confusion)

    def cell_text(self, true: int, answer: int) -> str:
        """What is written in a cell: its count."""
        return str(int(self._confusion[true, answer]))

    def cell_colour(self, true: int, answer: int) -> QColor:
        """The cell's fill: grey for a digit absent from the set, else by its row share."""
        if self._confusion[true].sum() == 0:
            return _EMPTY_ROW
        base = BLUE if true == answer else ORANGE
        return _blend(base, math.sqrt(float(self._shares[true, answer])))

    # -- geometry --------------------------------------------------------------------------------

    def _layout(self) -> tuple[float, float, float, float]:
        """(left, top, cell side, margin for the labels) in widget pixels."""
        k = max(self.size_k(), 1)
        fm = self.fontMetrics()
        label = fm.height() * 2.4  # an axis title and the digits beside it
        side = max(4.0, min((self.width() - label - 4) / k, (self.height() - label - 4) / k))
        left = label + (self.width() - label - side * k) / 2
        top = label + (self.height() - label - side * k) / 2
        return left, top, side, label

    def cell_rect(self, true: int, answer: int) -> QRectF:
        left, top, side, _ = self._layout()
        return QRectF(left + answer * side, top + true * side, side, side)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        k = self.size_k()
        if k == 0:
            return None
        left, top, side, _ = self._layout()
        col = math.floor((point.x() - left) / side)
        row = math.floor((point.y() - top) / side)
        return (row, col) if 0 <= row < k and 0 <= col < k else None

    # -- events ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(cell)
            self.cell_clicked.emit(*cell)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.cell_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.showText(event.globalPos(), self.toolTip(), self)
            else:
                QToolTip.showText(event.globalPos(), self.cell_tooltip(*cell), self)
            return True
        return super().event(event)

    def cell_tooltip(self, true: int, answer: int) -> str:
        count = int(self._confusion[true, answer])
        row = int(self._confusion[true].sum())
        share = count / row if row else 0.0
        return (
            self.tr("True %1, answered %2: %3 of the %4 images of %1 (%5 %). Click to see them.")
            .replace("%5", percent(share))
            .replace("%4", f"{row:,}")
            .replace("%3", f"{count:,}")
            .replace("%2", str(answer))
            .replace("%1", str(true))
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        k = self.size_k()
        if k == 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left, top, side, label = self._layout()
        base_font = QFont(self.font())

        # Axis titles, then the digits along each axis.
        title_font = QFont(base_font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(_INK)
        fm_height = self.fontMetrics().height()
        painter.drawText(
            QRectF(left, top - label, side * k, fm_height * 1.2),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("answer →"),
        )
        painter.save()
        painter.translate(left - label, top + side * k)
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, side * k, fm_height * 1.2),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("true digit →"),
        )
        painter.restore()
        digit_font = QFont(base_font)
        digit_font.setPixelSize(max(8, min(int(side * 0.45), int(label * 0.5))))
        digit_font.setBold(True)
        painter.setFont(digit_font)
        for i in range(k):
            painter.drawText(
                QRectF(left + i * side, top - label * 0.55, side, label * 0.55),
                Qt.AlignmentFlag.AlignCenter,
                str(i),
            )
            painter.drawText(
                QRectF(left - label * 0.55, top + i * side, label * 0.55, side),
                Qt.AlignmentFlag.AlignCenter,
                str(i),
            )

        # The cells: the widest count decides one font size for all, so they read as a table.
        widest = len(str(int(self._confusion.max()))) if self._confusion.size else 1
        count_font = QFont(base_font)
        size = int(min(side * 0.42, side * 0.9 / (0.62 * max(widest, 1))))
        count_font.setPixelSize(max(6, min(size, 40)))
        painter.setFont(count_font)
        for t in range(k):
            for a in range(k):
                rect = self.cell_rect(t, a)
                fill = self.cell_colour(t, a)
                painter.fillRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), fill)
                zero = self._confusion[t, a] == 0
                painter.setPen(_MUTED if zero else _readable_text_colour(fill))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.cell_text(t, a))
        if self._selected is not None:
            painter.setPen(QPen(_INK, max(2.0, side * 0.08)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._selected).adjusted(1, 1, -1, -1))
        painter.end()


class ConfusionPage(QSplitter):
    """The matrix on the left; on the right the images of the chosen cell, as tiles.

    ``tiles.example_chosen`` carries a clicked image on; ``show_cell`` chooses a cell as a
    click on it does.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._evaluation: Evaluation | None = None
        self._images: np.ndarray | None = None
        #: The chosen cell (true digit, answer), kept across evaluations, and its examples.
        self.cell: tuple[int, int] | None = None
        self.cell_indices = np.zeros(0, dtype=np.intp)
        self.matrix = ConfusionMatrix()
        self.matrix.cell_clicked.connect(self.show_cell)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tiles = ExampleTiles(56, QSize(92, 118), with_digits=False)
        self.more = QLabel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(2, 2, 2, 2)
        side_layout.addWidget(self.title)
        side_layout.addWidget(self.tiles, 1)
        side_layout.addWidget(self.more)
        self.setChildrenCollapsible(False)
        self.addWidget(self.matrix)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        side.setMinimumWidth(140)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.matrix.setToolTip(
            translate(
                "EvaluationView",
                "Rows: the true digit. Columns: the network's answer. Blue diagonal: right "
                "answers; orange: mistakes, darker for a larger share of the row. Click a "
                "cell to see its images.",
            )
        )
        self.tiles.setToolTip(
            translate(
                "EvaluationView", "Click an image to send it through the network in the graph."
            )
        )
        self.show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_evaluation(self, evaluation: Evaluation, images: np.ndarray) -> None:
        """The matrix of ``evaluation``; the chosen cell, if any, listed again from it.

        ``images`` (N, 28, 28), uint8 or float in [0, 1]: the images evaluated.
        """
        self._evaluation, self._images = evaluation, images
        self.matrix.set_confusion(evaluation.confusion)
        if self.cell is not None:
            self.show_cell(*self.cell)
        else:
            self.show_texts()

    def show_cell(self, true: int, answer: int) -> None:
        """List the images of digit ``true`` answered ``answer``, most confident first."""
        self.cell = (true, answer)
        self.matrix.set_selected(self.cell)
        if self._evaluation is None:
            return
        self.cell_indices = self._evaluation.examples_in_cell(true, answer)
        self.tiles.show_examples(
            self._evaluation, self._images, self.cell_indices[:MAX_CELL_EXAMPLES]
        )
        self.show_texts()

    def show_texts(self) -> None:
        """What the list shows, once there is an evaluation."""
        if self._evaluation is None:
            return
        if self.cell is None:
            self.title.setText(
                translate("EvaluationView", "Click a cell of the matrix to see its images.")
            )
            self.more.setText("")
            return
        true, answer = self.cell
        n = len(self.cell_indices)
        if n == 0:
            text = translate("EvaluationView", "No image of %1 was answered %2.")
        elif true == answer:
            text = translate("EvaluationView", "%3 images of %1 read right, most confident first.")
        else:
            text = translate(
                "EvaluationView", "%3 images of %1 answered %2, most confident (wrongest) first."
            )
        self.title.setText(
            text.replace("%3", f"{n:,}").replace("%2", str(answer)).replace("%1", str(true))
        )
        self.tiles.caption()
        rest = n - self.tiles.count()
        self.more.setText(
            translate("EvaluationView", "and %1 more not shown").replace("%1", f"{rest:,}")
            if rest > 0
            else ""
        )
