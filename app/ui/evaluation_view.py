"""How well the network reads a whole labelled set: the "Evaluation" tab.

``EvaluationView`` shows an ``app.core.evaluation.Evaluation`` that someone else computed
(the window runs ``evaluate`` off the GUI thread and calls ``show_evaluation``) on five pages:

    Per digit      the share of each digit's images read right, as bars
    Confusion      the 10×10 matrix (rows the true digit, columns the answer); a click lists
                   that cell's images, most confident first
    Mistakes       the wrong answers, wrongest (most confident) first
    I don't know   a confidence threshold below which the network abstains
    Robustness     accuracy as the images are damaged, from ``show_robustness``

Above them, always: the overall accuracy, which set and which weights it was measured on, and
"Refresh". Clicking any image emits ``example_chosen`` so the window can send it through the
graph. Items are built once and only their data changes with each evaluation: the window
may send one after every epoch while training runs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QIcon,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.core.evaluation import Evaluation
from app.data.damage import DAMAGES, NOISE, ROTATION, SHIFT, WIDTH, preview
from app.ui import theme
from app.ui.loss_plot import rename_legend_entry

SIDE = 28
N_DIGITS = 10
#: Tiles in the mistakes gallery and in a cell's list: a screenful or two; more is "N more".
MAX_MISTAKES = 60
MAX_CELL_EXAMPLES = 60
#: Thresholds of the "I don't know" curve: every whole percent, as the slider has.
ABSTAIN_STEPS = 101
DEFAULT_THRESHOLD = 50

_BLUE = QColor(theme.POSITIVE)
_ORANGE = QColor(theme.NEGATIVE)
_INK = QColor("#1b1b1b")
_MUTED = QColor(150, 150, 150)
_EMPTY_ROW = QColor(240, 240, 240)
_OUTPUT_BAR = QColor(170, 170, 170)


# -- small helpers -------------------------------------------------------------------------------


def percent(share: float, decimals: int = 1) -> str:
    """0.9613 → "96.1"; the caller's text adds the " %" so a translation can place it."""
    return f"{100.0 * share:.{decimals}f}"


def unit_image(images: np.ndarray, index: int) -> np.ndarray:
    """Image ``index`` of ``images`` (N, 28, 28) as a read-only float32 (28, 28) in [0, 1]."""
    image = np.asarray(images[index])
    if image.dtype.kind in "ui":
        out = image.astype(np.float32) / np.float32(255.0)
    else:
        out = np.clip(image.astype(np.float32), 0.0, 1.0)
    out = out.reshape(SIDE, SIDE)
    out.flags.writeable = False
    return out


def digit_image(image: np.ndarray) -> QImage:
    """A (28, 28) image in [0, 1] as 8-bit grey: white ink on black, as the network sees it."""
    grey = np.ascontiguousarray(np.round(np.clip(image, 0.0, 1.0) * 255.0).astype(np.uint8))
    height, width = grey.shape
    return QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def digit_pixmap(image: np.ndarray, side: int) -> QPixmap:
    """The image scaled to ``side`` pixels square without blurring its pixels."""
    scaled = digit_image(image).scaled(
        side, side, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    )
    return QPixmap.fromImage(scaled)


def tile_pixmap(
    image: np.ndarray, outputs: np.ndarray, answer: int, truth: int, side: int
) -> QPixmap:
    """An example as a tile: the image (side × side) over its ten outputs as a row of bars.

    ``outputs`` (K,): the network's output activations, each in [0, 1]. The answer's bar is
    orange when wrong (blue when right), the true digit's is blue: the class sees at once
    how far apart the two were.
    """
    bar_height = max(12, side // 4)
    pixmap = QPixmap(side, side + 3 + bar_height)
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    painter.drawImage(QRect(0, 0, side, side), digit_image(image))
    k = len(outputs)
    width = side / k
    base = side + 3 + bar_height
    for digit, value in enumerate(np.clip(np.nan_to_num(outputs), 0.0, 1.0)):
        if digit == truth:
            colour = _BLUE
        elif digit == answer:
            colour = _ORANGE
        else:
            colour = _OUTPUT_BAR
        height = max(1.0, float(value) * bar_height)
        painter.fillRect(
            QRectF(digit * width + 0.5, base - height, max(width - 1.0, 1.0), height), colour
        )
    painter.end()
    return pixmap


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


def _quiet_plot(plot_widget: pg.PlotWidget) -> pg.PlotItem:
    """A plot a click or a wheel cannot move: on a projector a stray drag only confuses."""
    plot = plot_widget.getPlotItem()
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)
        axis.setTextPen(theme.FOREGROUND)
        axis.setPen(theme.FOREGROUND)
    return plot


# -- the confusion matrix --------------------------------------------------------------------------


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
        base = _BLUE if true == answer else _ORANGE
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


# -- tiles of examples -----------------------------------------------------------------------------


def _tile_list(icon_side: int, grid: QSize) -> QListWidget:
    """A wrapping grid of example tiles that scrolls vertically."""
    tiles = QListWidget()
    tiles.setViewMode(QListView.ViewMode.IconMode)
    tiles.setMovement(QListView.Movement.Static)
    tiles.setResizeMode(QListView.ResizeMode.Adjust)
    tiles.setWrapping(True)
    tiles.setUniformItemSizes(True)
    tiles.setWordWrap(True)
    tiles.setIconSize(QSize(icon_side, icon_side + 3 + max(12, icon_side // 4)))
    tiles.setGridSize(grid)
    tiles.setSpacing(4)
    tiles.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
    tiles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tiles.setMinimumHeight(grid.height() + 8)
    return tiles


def _set_tile_count(tiles: QListWidget, n: int) -> None:
    """Keep ``n`` items, reusing those there are."""
    while tiles.count() > n:
        tiles.takeItem(tiles.count() - 1)
    while tiles.count() < n:
        item = QListWidgetItem()
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        tiles.addItem(item)


INDEX_ROLE = Qt.ItemDataRole.UserRole


# -- the view ------------------------------------------------------------------------------------


class EvaluationView(QWidget):
    """Accuracy, confusion matrix, mistakes, "I don't know" and robustness of one evaluation.

    Signals:
        ``evaluation_requested()``  "Refresh": measure again with the current weights.
        ``robustness_requested()``  "Compute robustness": run ``robustness_curve`` for every
                                    kind in ``DAMAGES`` on the evaluation images (slow).
        ``example_chosen(image, label)``  an image was clicked: ``image`` a read-only float32
                                    (28, 28) in [0, 1], ``label`` its true digit.

    Methods the window calls with results: ``show_evaluation``, ``show_evaluation_error``,
    ``show_robustness``, ``show_robustness_error``.
    """

    evaluation_requested = Signal()
    robustness_requested = Signal()
    #: The set to measure on changed (an index of ``set_choices``' names).
    set_chosen = Signal(int)
    example_chosen = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self._images: np.ndarray | None = None
        self._source = ""
        self._step: int | None = None
        self._busy = False
        self._error: str | None = None
        self._cell: tuple[int, int] | None = None
        self._cell_indices = np.zeros(0, dtype=np.intp)
        self._mistake_indices = np.zeros(0, dtype=np.intp)
        self._curves: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._robustness_step: int | None = None
        self._robustness_busy = False
        self._robustness_error: str | None = None

        # -- the header: always shown ----------------------------------------------------------
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.accuracy_label = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.4)
        big.setBold(True)
        self.accuracy_label.setFont(big)
        self.accuracy_label.setStyleSheet(f"color: {theme.POSITIVE};")
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        # Which set to measure on: shown once there is more than the validation set (an MNIST
        # test folder loaded from the File menu).
        self.set_box = QComboBox()
        self.set_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.set_box.setMinimumContentsLength(8)
        self.set_box.hide()
        self.set_box.currentIndexChanged.connect(self.set_chosen)
        header = QHBoxLayout()
        header.addWidget(self.refresh_button)
        header.addWidget(self.set_box)
        header.addWidget(self.accuracy_label)
        header.addWidget(self.source_label, 1)
        header.addWidget(self.status_label, 1)

        # -- before any data -------------------------------------------------------------------
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message_font = QFont(self.font())
        message_font.setPointSizeF(max(message_font.pointSizeF(), 9.0) * 1.4)
        self.empty_label.setFont(message_font)

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self._build_per_digit_page()
        self._build_confusion_page()
        self._build_mistakes_page()
        self._build_abstain_page()
        self._build_robustness_page()

        self.body = QStackedWidget()
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.pages)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        self.retranslate_ui()

    # -- building the pages ----------------------------------------------------------------------

    def _build_per_digit_page(self) -> None:
        self.per_digit_title = QLabel()
        self.per_digit_title.setWordWrap(True)
        self.per_digit_plot = pg.PlotWidget(background=theme.BACKGROUND)
        plot = _quiet_plot(self.per_digit_plot)
        plot.setXRange(-0.6, N_DIGITS - 0.4, padding=0)
        plot.setYRange(0, 112, padding=0)
        plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(N_DIGITS)]])
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        tick_font = QFont(self.font())
        tick_font.setPointSizeF(max(tick_font.pointSizeF(), 9.0) * 1.2)
        plot.getAxis("bottom").setStyle(tickFont=tick_font)
        self.digit_bars = pg.BarGraphItem(
            x=np.arange(N_DIGITS), height=np.zeros(N_DIGITS), width=0.7, brush=theme.POSITIVE
        )
        plot.addItem(self.digit_bars)
        self.overall_line = pg.InfiniteLine(
            pos=0, angle=0, movable=False, pen=pg.mkPen(theme.NEGATIVE, width=2, dash=[6, 4])
        )
        plot.addItem(self.overall_line)
        label_font = QFont(self.font())
        label_font.setPointSizeF(max(label_font.pointSizeF(), 9.0) * 1.15)
        label_font.setBold(True)
        self.digit_texts: list[pg.TextItem] = []
        for digit in range(N_DIGITS):
            # A white ground keeps the number readable where the dashed line crosses it.
            text = pg.TextItem(
                "", color=theme.FOREGROUND, anchor=(0.5, 1.0), fill=pg.mkBrush(255, 255, 255, 220)
            )
            text.setZValue(10)
            text.setFont(label_font)
            text.setPos(digit, 0)
            plot.addItem(text)
            self.digit_texts.append(text)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.per_digit_title)
        layout.addWidget(self.per_digit_plot, 1)
        self.per_digit_page = page
        self.pages.addTab(page, "")

    def _build_confusion_page(self) -> None:
        self.matrix = ConfusionMatrix()
        self.matrix.cell_clicked.connect(self.show_cell)
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_tiles = _tile_list(56, QSize(92, 118))
        self.cell_tiles.itemClicked.connect(self._tile_clicked)
        self.cell_more = QLabel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(2, 2, 2, 2)
        side_layout.addWidget(self.cell_title)
        side_layout.addWidget(self.cell_tiles, 1)
        side_layout.addWidget(self.cell_more)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.matrix)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        side.setMinimumWidth(140)
        self.confusion_page = splitter
        self.pages.addTab(splitter, "")

    def _build_mistakes_page(self) -> None:
        self.mistakes_title = QLabel()
        self.mistakes_title.setWordWrap(True)
        self.mistake_tiles = _tile_list(84, QSize(128, 160))
        self.mistake_tiles.itemClicked.connect(self._tile_clicked)
        self.mistakes_more = QLabel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.mistakes_title)
        layout.addWidget(self.mistake_tiles, 1)
        layout.addWidget(self.mistakes_more)
        self.mistakes_page = page
        self.pages.addTab(page, "")

    def _build_abstain_page(self) -> None:
        self.threshold_title = QLabel()
        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold.setRange(0, 100)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setPageStep(10)
        self.threshold.setMinimumWidth(120)
        self.threshold.valueChanged.connect(self._threshold_moved)
        self.threshold_value = QLabel()
        self.threshold_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100 %") + 8)
        self.abstain_label = QLabel()
        self.abstain_label.setWordWrap(True)
        result_font = QFont(self.font())
        result_font.setPointSizeF(max(result_font.pointSizeF(), 9.0) * 1.4)
        result_font.setBold(True)
        self.abstain_label.setFont(result_font)
        self.abstain_plot = pg.PlotWidget(background=theme.BACKGROUND)
        plot = _quiet_plot(self.abstain_plot)
        plot.setXRange(0, 100, padding=0.02)
        plot.setYRange(0, 100, padding=0.04)
        self.abstain_legend = plot.addLegend(
            # Bottom left: the curves start high and the answered share falls on the right.
            offset=(10, -10),
            brush=pg.mkBrush(255, 255, 255, 220),
            labelTextSize="10pt",
            labelTextColor=theme.FOREGROUND,
        )
        self.answered_curve = pg.PlotDataItem(pen=pg.mkPen(theme.NEGATIVE, width=3), name="")
        self.right_curve = pg.PlotDataItem(pen=pg.mkPen(theme.POSITIVE, width=3), name="")
        plot.addItem(self.answered_curve)
        plot.addItem(self.right_curve)
        self.threshold_line = pg.InfiniteLine(
            pos=DEFAULT_THRESHOLD, angle=90, movable=False, pen=pg.mkPen(theme.FOREGROUND, width=2)
        )
        plot.addItem(self.threshold_line)
        row = QHBoxLayout()
        row.addWidget(self.threshold_title)
        row.addWidget(self.threshold, 1)
        row.addWidget(self.threshold_value)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.abstain_label)
        layout.addWidget(self.abstain_plot, 1)
        self.abstain_page = page
        self.pages.addTab(page, "")

    def _build_robustness_page(self) -> None:
        self.robustness_button = QPushButton()
        self.robustness_button.clicked.connect(self._robustness_clicked)
        self.robustness_status = QLabel()
        self.robustness_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.robustness_button)
        row.addWidget(self.robustness_status, 1)

        self.robustness_panels: dict[str, _DamagePanel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, kind in enumerate((NOISE, ROTATION, SHIFT, WIDTH)):
            panel = _DamagePanel(kind)
            self.robustness_panels[kind] = panel
            grid.addWidget(panel, i // 2, i % 2)
        panels = QWidget()
        panels.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(panels)
        # Scrolls sideways only when it must (presenter mode's large titles at 1280×720):
        # a panel never forces the window wider than a projector.
        scroll.setWidgetResizable(True)
        self.robustness_message = QLabel()
        self.robustness_message.setWordWrap(True)
        self.robustness_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.robustness_body = QStackedWidget()
        self.robustness_body.addWidget(self.robustness_message)
        self.robustness_body.addWidget(scroll)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.robustness_body, 1)
        self.robustness_page = page
        self.pages.addTab(page, "")

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.refresh_button.setText(self.tr("Refresh"))
        self.set_box.setToolTip(
            self.tr(
                "The images to measure on. The test folder's digits were never trained on: "
                "compare its accuracy with the validation set's."
            )
        )
        self.refresh_button.setToolTip(
            self.tr(
                "Measure again with the current weights. It is also measured after every epoch; "
                "press it after a few steps to see what they changed."
            )
        )
        self.accuracy_label.setToolTip(
            self.tr("Share of all the images the network reads right (its accuracy).")
        )
        self.empty_label.setText(
            self.tr(
                "Press Refresh to measure how well the network reads the validation digits: "
                "its accuracy for each digit, the digits it mixes up and its worst mistakes."
            )
        )
        tabs = (
            (
                self.per_digit_page,
                self.tr("Per digit"),
                self.tr("How often each digit is read right"),
            ),
            (
                self.confusion_page,
                self.tr("Confusion"),
                self.tr("Which digits are mistaken for which: click a cell to see its images"),
            ),
            (
                self.mistakes_page,
                self.tr("Mistakes"),
                self.tr("The wrong answers the network was surest of"),
            ),
            (
                self.abstain_page,
                self.tr("I don't know"),
                self.tr('Let the network say "I don\'t know" when it is unsure'),
            ),
            (
                self.robustness_page,
                self.tr("Robustness"),
                self.tr("Accuracy on noisy, turned, moved and thinner or thicker digits"),
            ),
        )
        for page, name, tip in tabs:
            index = self.pages.indexOf(page)
            self.pages.setTabText(index, name)
            self.pages.setTabToolTip(index, tip)

        # Per digit.
        self.per_digit_title.setText(
            self.tr(
                "Share of each digit's images read right. Dashed: all digits together. "
                "—: the digit is not in this set."
            )
        )
        self.per_digit_plot.setToolTip(
            self.tr(
                "A short bar is a digit the network finds hard: find its row in the confusion "
                "matrix to see what it takes it for."
            )
        )
        plot = self.per_digit_plot.getPlotItem()
        plot.setLabel("bottom", self.tr("digit"))
        plot.setLabel("left", self.tr("% right"))

        # Confusion.
        self.matrix.setToolTip(
            self.tr(
                "Rows: the true digit. Columns: the network's answer. Blue diagonal: right "
                "answers; orange: mistakes, darker for a larger share of the row. Click a "
                "cell to see its images."
            )
        )
        self.cell_tiles.setToolTip(
            self.tr("Click an image to send it through the network in the graph.")
        )

        # Mistakes.
        self.mistake_tiles.setToolTip(
            self.tr(
                "Under each image: its ten outputs (blue the true digit, orange the answer). "
                "Click one to watch the network read it in the graph."
            )
        )

        # I don't know.
        self.threshold_title.setText(self.tr('Say "I don\'t know" below'))
        self.threshold.setToolTip(
            self.tr(
                "The network answers only when its share for the answer is at least this. "
                "Raise it to 90 %: fewer answers, but more of them right."
            )
        )
        self.threshold.setAccessibleName(self.tr("Confidence threshold"))
        self.abstain_plot.setToolTip(
            self.tr(
                "Across all thresholds: orange, the share of images it still answers; blue, "
                "the share of those answers that are right. The black line is the slider."
            )
        )
        plot = self.abstain_plot.getPlotItem()
        plot.setLabel("bottom", self.tr("threshold (% sure)"))
        plot.setLabel("left", self.tr("%"))
        rename_legend_entry(self.abstain_legend, self.answered_curve, self.tr("answered"))
        rename_legend_entry(self.abstain_legend, self.right_curve, self.tr("right of those"))

        # Robustness.
        self.robustness_button.setText(self.tr("Compute robustness"))
        self.robustness_button.setToolTip(
            self.tr(
                "Damage every evaluation image step by step (noise, rotation, shift, stroke "
                "width) and measure the accuracy at each step. Takes several seconds."
            )
        )
        for panel in self.robustness_panels.values():
            panel.retranslate_ui()
        self._show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_texts(self) -> None:
        """Every text made from the data, in the current language."""
        ev = self._evaluation
        if self._error is not None:
            self.status_label.setText(self._error)
        elif self._busy:
            self.status_label.setText(self.tr("measuring…"))
        else:
            self.status_label.setText("")
        self.status_label.setStyleSheet(
            f"color: {theme.NEGATIVE}; font-weight: bold;" if self._error else ""
        )
        if ev is None:
            self.accuracy_label.setText("")
            self.source_label.setText("")
        else:
            self.accuracy_label.setText(self.tr("%1 %").replace("%1", percent(ev.accuracy)))
            text = self.tr("right on the %1").replace("%1", self._source)
            if self._step is not None:
                text += " · " + self.tr("weights of step %1").replace("%1", f"{self._step:,}")
            self.source_label.setText(text)
            self._show_digit_texts(ev)
            self._show_cell_texts()
            self._show_mistake_texts()
            self._show_abstain_text()
        self._show_robustness_texts()

    # -- results ---------------------------------------------------------------------------------

    def show_evaluation(
        self, evaluation: Evaluation, images: np.ndarray, source: str, step: int | None = None
    ) -> None:
        """Show ``evaluation`` of ``images`` (N, 28, 28) uint8 or float in [0, 1], read-only.

        ``images[i]`` is the image of ``evaluation.labels[i]``; ``source`` names the set in
        the current language ("validation set (500)"); ``step`` is the training step of the
        weights measured, if known.
        """
        if len(images) != evaluation.count:
            raise ValueError(f"{len(images)} images for an evaluation of {evaluation.count}")
        self._evaluation = evaluation
        self._images = images
        self._source = source
        self._step = step
        self._busy = False
        self._error = None
        self.body.setCurrentWidget(self.pages)

        per_class = evaluation.per_class
        heights = np.where(np.isnan(per_class), 0.0, per_class * 100.0)
        self.digit_bars.setOpts(height=heights)
        for digit, text in enumerate(self.digit_texts):
            text.setPos(digit, heights[digit])
        self.overall_line.setValue(evaluation.accuracy * 100.0)

        self.matrix.set_confusion(evaluation.confusion)
        curve = evaluation.abstain_curve(np.arange(ABSTAIN_STEPS) / (ABSTAIN_STEPS - 1))
        x = curve.thresholds * 100.0
        self.answered_curve.setData(x, curve.answered_share * 100.0)
        right = curve.accuracy_answered * 100.0
        keep = np.isfinite(right)
        self.right_curve.setData(x[keep], right[keep])

        self._mistake_indices = evaluation.mistakes()
        self._fill_tiles(self.mistake_tiles, self._mistake_indices[:MAX_MISTAKES], 84)
        if self._cell is not None:
            self.show_cell(*self._cell)
        self._show_texts()
        self._show_previews()

    def show_evaluation_error(self, message: str) -> None:
        """The evaluation failed: say why (already translated); the last result stays."""
        self._busy = False
        self._error = message
        if self._evaluation is None:
            self.empty_label.setText(message)
        self._show_texts()

    def show_cell(self, true: int, answer: int) -> None:
        """List the images of digit ``true`` answered ``answer``, most confident first."""
        self._cell = (true, answer)
        self.matrix.set_selected(self._cell)
        if self._evaluation is None:
            return
        self._cell_indices = self._evaluation.examples_in_cell(true, answer)
        self._fill_tiles(self.cell_tiles, self._cell_indices[:MAX_CELL_EXAMPLES], 56)
        self._show_cell_texts()

    def show_robustness(
        self, curves: Mapping[str, tuple[np.ndarray, np.ndarray]], step: int | None = None
    ) -> None:
        """Draw ``curves``: kind (a key of ``DAMAGES``) → ``robustness_curve``'s (levels,
        accuracies), each of shape (T,), accuracies 0..1. ``step``: the weights' step."""
        self._curves = {
            kind: (np.asarray(levels, dtype=np.float64), np.asarray(acc, dtype=np.float64))
            for kind, (levels, acc) in curves.items()
        }
        self._robustness_step = step
        self._robustness_busy = False
        self._robustness_error = None
        self.robustness_button.setEnabled(True)
        for kind, panel in self.robustness_panels.items():
            panel.set_curve(*self._curves.get(kind, (np.zeros(0), np.zeros(0))))
        self.robustness_body.setCurrentIndex(1 if self._curves else 0)
        self._show_previews()
        self._show_robustness_texts()

    def show_robustness_error(self, message: str) -> None:
        """Robustness could not be computed: say why (already translated)."""
        self._robustness_busy = False
        self._robustness_error = message
        self.robustness_button.setEnabled(True)
        self._show_robustness_texts()

    # -- filling the pieces ----------------------------------------------------------------------

    def _fill_tiles(self, tiles: QListWidget, indices: np.ndarray, side: int) -> None:
        ev, images = self._evaluation, self._images
        _set_tile_count(tiles, len(indices))
        for row, index in enumerate(indices):
            index = int(index)
            item = tiles.item(row)
            item.setData(INDEX_ROLE, index)
            item.setIcon(
                QIcon(
                    tile_pixmap(
                        unit_image(images, index),
                        ev.outputs[index],
                        int(ev.predictions[index]),
                        int(ev.labels[index]),
                        side,
                    )
                )
            )
        tiles.setVisible(len(indices) > 0)

    def _tile_caption(self, index: int, with_digits: bool) -> str:
        ev = self._evaluation
        sure = self.tr("%1 % sure").replace("%1", percent(ev.confidence[index], 0))
        if not with_digits:
            return sure
        digits = (
            self.tr("answer %1 · true %2")
            .replace("%2", str(int(ev.labels[index])))
            .replace("%1", str(int(ev.predictions[index])))
        )
        return f"{digits}\n{sure}"

    def _tile_tooltip(self, index: int) -> str:
        ev = self._evaluation
        outputs = "  ".join(f"{d}: {v:.2f}" for d, v in enumerate(ev.outputs[index]))
        return (
            self.tr("Image %1 of the set. Outputs: %2. Click to send it through the network.")
            .replace("%2", outputs)
            .replace("%1", f"{index + 1:,}")
        )

    def _caption_tiles(self, tiles: QListWidget, with_digits: bool) -> None:
        for row in range(tiles.count()):
            item = tiles.item(row)
            index = item.data(INDEX_ROLE)
            item.setText(self._tile_caption(index, with_digits))
            item.setToolTip(self._tile_tooltip(index))

    def _show_digit_texts(self, ev: Evaluation) -> None:
        for digit, text in enumerate(self.digit_texts):
            value = ev.per_class[digit]
            text.setText("—" if np.isnan(value) else percent(value, 0))

    def _show_cell_texts(self) -> None:
        if self._cell is None:
            self.cell_title.setText(self.tr("Click a cell of the matrix to see its images."))
            self.cell_more.setText("")
            return
        true, answer = self._cell
        n = len(self._cell_indices)
        if n == 0:
            text = self.tr("No image of %1 was answered %2.")
        elif true == answer:
            text = self.tr("%3 images of %1 read right, most confident first.")
        else:
            text = self.tr("%3 images of %1 answered %2, most confident (wrongest) first.")
        self.cell_title.setText(
            text.replace("%3", f"{n:,}").replace("%2", str(answer)).replace("%1", str(true))
        )
        self._caption_tiles(self.cell_tiles, with_digits=False)
        rest = n - self.cell_tiles.count()
        self.cell_more.setText(
            self.tr("and %1 more not shown").replace("%1", f"{rest:,}") if rest > 0 else ""
        )

    def _show_mistake_texts(self) -> None:
        ev = self._evaluation
        n = len(self._mistake_indices)
        if n == 0:
            self.mistakes_title.setText(self.tr("No mistakes: every image is read right."))
        else:
            self.mistakes_title.setText(
                self.tr(
                    "%1 mistakes in %2 images, wrongest first: the network was surest of "
                    "these wrong answers. Click one to watch it go through the network."
                )
                .replace("%2", f"{ev.count:,}")
                .replace("%1", f"{n:,}")
            )
        self._caption_tiles(self.mistake_tiles, with_digits=True)
        rest = n - self.mistake_tiles.count()
        self.mistakes_more.setText(
            self.tr("and %1 more mistakes not shown").replace("%1", f"{rest:,}") if rest > 0 else ""
        )

    def _threshold_moved(self, value: int) -> None:
        self.threshold_line.setValue(value)
        self._show_abstain_text()

    def _show_abstain_text(self) -> None:
        value = self.threshold.value()
        self.threshold_value.setText(self.tr("%1 %").replace("%1", str(value)))
        ev = self._evaluation
        if ev is None:
            self.abstain_label.setText("")
            return
        result = ev.abstain(value / 100.0)
        if result.n_answered == 0:
            text = self.tr('Answers none of the images: it says "I don\'t know" to every one.')
        else:
            text = (
                self.tr("Answers %1 % of the images (%2 of %3); %4 % of those are right.")
                .replace("%4", percent(result.accuracy_answered))
                .replace("%3", f"{ev.count:,}")
                .replace("%2", f"{result.n_answered:,}")
                .replace("%1", percent(result.answered_share))
            )
        self.abstain_label.setText(text)

    def _show_robustness_texts(self) -> None:
        if self._robustness_busy:
            status = self.tr("computing… (several seconds)")
        elif self._robustness_error is not None:
            status = self._robustness_error
        elif self._curves and self._robustness_step is not None:
            status = self.tr("Measured with the weights of step %1.").replace(
                "%1", f"{self._robustness_step:,}"
            )
        else:
            status = ""
        self.robustness_status.setText(status)
        self.robustness_status.setStyleSheet(
            f"color: {theme.NEGATIVE}; font-weight: bold;" if self._robustness_error else ""
        )
        if self._robustness_busy:
            message = self.tr("computing…")
        elif self._robustness_error is not None:
            message = self._robustness_error
        else:
            message = self.tr(
                'Press "Compute robustness" to see how the accuracy falls as the images '
                "get noisy, turned, moved, or written with a thinner or thicker pen."
            )
        self.robustness_message.setText(message)

    def _show_previews(self) -> None:
        image = None if self._images is None else unit_image(self._images, 0)
        for panel in self.robustness_panels.values():
            panel.set_image(image)

    # -- controls --------------------------------------------------------------------------------

    def set_choices(self, names: list[str], chosen: int = 0) -> None:
        """The sets one may measure on (already translated names); the box shows when > 1."""
        self.set_box.blockSignals(True)
        self.set_box.clear()
        self.set_box.addItems(names)
        self.set_box.setCurrentIndex(chosen)
        self.set_box.blockSignals(False)
        self.set_box.setVisible(len(names) > 1)

    def chosen_set(self) -> int:
        return max(self.set_box.currentIndex(), 0)

    def _refresh_clicked(self) -> None:
        self._busy = True
        self._error = None
        self._show_texts()
        self.evaluation_requested.emit()

    def _robustness_clicked(self) -> None:
        self._robustness_busy = True
        self._robustness_error = None
        self.robustness_button.setEnabled(False)
        self._show_robustness_texts()
        self.robustness_requested.emit()

    def _tile_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(INDEX_ROLE)
        if self._evaluation is None or index is None:
            return
        self.example_chosen.emit(
            unit_image(self._images, index), int(self._evaluation.labels[index])
        )


class _DamagePanel(QWidget):
    """One kind of damage: its accuracy curve, and one image damaged at a chosen level."""

    # Small enough that two rows of panels fit a 350 px tab without scrolling.
    PREVIEW_SIDE = 64

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._levels = np.zeros(0)
        self._accuracies = np.zeros(0)
        self._image: np.ndarray | None = None
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.plot_widget.setMinimumSize(140, 100)
        plot = _quiet_plot(self.plot_widget)
        plot.setYRange(0, 100, padding=0.05)
        plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 25)]])
        self.chance_line = pg.InfiniteLine(
            pos=100.0 / N_DIGITS,
            angle=0,
            movable=False,
            pen=pg.mkPen(theme.EPOCH_MARK, width=1.5, dash=[2, 3]),
        )
        plot.addItem(self.chance_line)
        self.curve = pg.PlotDataItem(
            pen=pg.mkPen(theme.POSITIVE, width=3),
            symbol="o",
            symbolSize=7,
            symbolBrush=theme.POSITIVE,
            symbolPen=None,
        )
        plot.addItem(self.curve)
        self.level_line = pg.InfiniteLine(
            pos=0, angle=90, movable=False, pen=pg.mkPen(theme.NEGATIVE, width=2)
        )
        plot.addItem(self.level_line)
        self.preview = QLabel()
        self.preview.setFixedSize(self.PREVIEW_SIDE, self.PREVIEW_SIDE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level = QSlider(Qt.Orientation.Horizontal)
        self.level.setFixedWidth(self.PREVIEW_SIDE)
        self.level.valueChanged.connect(self._level_moved)
        self.level_caption = QLabel()
        # No word wrap: a wrapping label gives the panels a height-for-width, and the scroll
        # area would then size them by the plots' large size hints instead of the viewport.
        self.level_caption.setFixedWidth(self.PREVIEW_SIDE + 16)
        self.level_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.level, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.level_caption)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plot_widget, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        self.set_curve(np.zeros(0), np.zeros(0))

    def retranslate_ui(self) -> None:
        titles = {
            NOISE: self.tr("Noise: a grainy camera"),
            ROTATION: self.tr("Rotation: a tilted digit"),
            SHIFT: self.tr("Shift: off-centre to the right"),
            WIDTH: self.tr("Stroke width: thinner (−) or thicker (+) pen"),
        }
        axes = {
            NOISE: self.tr("noise σ"),
            ROTATION: self.tr("degrees"),
            SHIFT: self.tr("pixels"),
            WIDTH: self.tr("pixels"),
        }
        self.title.setText(titles[self.kind])
        plot = self.plot_widget.getPlotItem()
        plot.setLabel("bottom", axes[self.kind])
        plot.setLabel("left", self.tr("% right"))
        self.plot_widget.setToolTip(
            self.tr(
                "Accuracy (% right) at each strength of the damage. Dotted: guessing (10 %). "
                "A curve that stays high: the network copes; one that drops: it was never "
                "shown digits like these."
            )
        )
        self.level.setToolTip(
            self.tr(
                "Choose a strength of the damage: the picture shows one image damaged that "
                "much, the orange line marks it on the curve."
            )
        )
        self.preview.setToolTip(self.tr("One evaluation image, damaged as chosen below."))
        self._show_caption()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_curve(self, levels: np.ndarray, accuracies: np.ndarray) -> None:
        """``levels`` and ``accuracies`` (T,): ``robustness_curve``'s result; T may be 0."""
        self._levels, self._accuracies = levels, accuracies
        self.curve.setData(levels, accuracies * 100.0)
        if len(levels) == 0:
            levels = np.asarray(DAMAGES[self.kind].levels, dtype=np.float64)
        lo, hi = float(levels.min()), float(levels.max())
        self.plot_widget.getPlotItem().setXRange(lo, hi if hi > lo else lo + 1, padding=0.06)
        # Every level labelled crowds a narrow plot: at most seven labels.
        every = math.ceil(len(levels) / 7)
        self.plot_widget.getPlotItem().getAxis("bottom").setTicks(
            [[(float(v), f"{v:g}") for v in levels[::every]], [(float(v), "") for v in levels]]
        )
        old = self.level.blockSignals(True)
        self.level.setRange(0, max(len(self._levels) - 1, 0))
        # Two thirds of the way: visible damage, still readable; for the stroke width that
        # is a thicker pen, 0 sits in the middle of its sweep.
        self.level.setValue((2 * len(self._levels)) // 3 if len(self._levels) else 0)
        self.level.blockSignals(old)
        self.level.setEnabled(len(self._levels) > 1)
        self._level_moved(self.level.value())

    def set_image(self, image: np.ndarray | None) -> None:
        """The (28, 28) image in [0, 1] to damage for the preview, or None."""
        self._image = image
        self._show_preview()

    def chosen_level(self) -> float | None:
        return float(self._levels[self.level.value()]) if len(self._levels) else None

    def _level_moved(self, _value: int) -> None:
        level = self.chosen_level()
        self.level_line.setVisible(level is not None)
        if level is not None:
            self.level_line.setValue(level)
        self._show_preview()
        self._show_caption()

    def _show_preview(self) -> None:
        level = self.chosen_level()
        if self._image is None or level is None:
            self.preview.clear()
            self.preview.setStyleSheet("background: #181818;")
            return
        damaged = preview(self._image, self.kind, level)
        self.preview.setPixmap(digit_pixmap(damaged, self.PREVIEW_SIDE))

    def _show_caption(self) -> None:
        level = self.chosen_level()
        if level is None:
            self.level_caption.setText("")
            return
        unit = {
            NOISE: self.tr("σ %1"),
            ROTATION: self.tr("%1°"),
            SHIFT: self.tr("%1 px"),
            WIDTH: self.tr("%1 px"),
        }[self.kind]
        amount = f"{level:+g}" if self.kind == WIDTH else f"{level:g}"
        accuracy = self._accuracies[self.level.value()]
        self.level_caption.setText(
            unit.replace("%1", amount)
            + "\n"
            + self.tr("%1 % right").replace("%1", percent(accuracy))
        )
