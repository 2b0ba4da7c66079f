"""The training data as a teacher shows it: every digit's images, counts and average image.

``DataExplorer.show_data`` is handed the images the network trains on (bundled, downloaded
or with the class's drawings added), their labels and which of them the class drew. A row of
buttons picks a digit; its images are shown as one mosaic of ``PAGE_SIZE`` tiles a page,
composed in numpy and painted as a single image (a widget per tile would take seconds for
the 6,000 images of one MNIST digit). Beside it, each digit's average image and count. The
"class drawings" button lists the drawings the class added, to review them and delete the
wrong ones: ``delete_requested`` carries their indices, the window hands the removal to the
training worker, and the explorer is shown the new data.

Images are drawn dark ink on white, like the drawing pad, whatever their stored polarity
(MNIST stores ink as high values on black).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QIcon,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.flow_layout import FlowLayout
from app.ui.images import grey_image, ink, paper, paper_image

N_DIGITS = 10
SIDE = 28
PAGE_COLUMNS = 20
PAGE_ROWS = 10
#: Images of one digit on one page of the grid.
PAGE_SIZE = PAGE_COLUMNS * PAGE_ROWS
#: The picker's id for "the class's drawings" (0–9 are the digits).
DRAWINGS = N_DIGITS
#: Grey of the one-pixel lines between tiles: the grid grey, a shade darker to show on white.
_SEPARATOR = 215


def mosaic(images: np.ndarray, columns: int, rows: int) -> np.ndarray:
    """Tiles (K ≤ rows·columns, 28, 28) of ink 0–1 as one uint8 grey image, dark ink on white.

    Shape (rows·29 + 1, columns·29 + 1): each tile is framed by one-pixel grey lines; places
    after the K-th tile stay white.
    """
    count = len(images)
    if count > rows * columns:
        raise ValueError(f"{count} tiles do not fit {rows} × {columns}")
    tiles = np.full((rows * columns, SIDE, SIDE), 255, dtype=np.uint8)
    tiles[:count] = paper(images)
    framed = np.full((rows, SIDE + 1, columns, SIDE + 1), _SEPARATOR, dtype=np.uint8)
    framed[:, 1:, :, 1:] = tiles.reshape(rows, columns, SIDE, SIDE).transpose(0, 2, 1, 3)
    out = np.full((rows * (SIDE + 1) + 1, columns * (SIDE + 1) + 1), _SEPARATOR, np.uint8)
    out[:-1, :-1] = framed.reshape(rows * (SIDE + 1), columns * (SIDE + 1))
    return out


class MosaicView(QWidget):
    """Paints one grey image as large as fits, pixels kept square and sharp.

    ``array`` is the uint8 (H, W) image shown, None for the ``message`` instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.array: np.ndarray | None = None
        self.message = ""
        self._image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 110)

    def set_array(self, array: np.ndarray | None, message: str = "") -> None:
        self.array = array
        self.message = message
        self._image = None if array is None else grey_image(array)
        self.update()

    def target_rect(self) -> QRectF:
        """Where the image is painted: centred, scaled to fit, aspect kept."""
        if self.array is None:
            return QRectF()
        height, width = self.array.shape
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.colours().background))
        if self._image is None:
            painter.setPen(QColor(theme.colours().muted))
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.message,
            )
        else:
            painter.drawImage(self.target_rect(), self._image)
        painter.end()


class DigitSummary(QWidget):
    """Each digit's average image, with its count as a number and a bar, in 2 rows of 5.

    ``set_summary(averages (10, 28, 28) ink 0–1, counts (10,))``; clicking a digit emits
    ``digit_clicked(digit)``. The bars share one scale, so a digit with fewer examples shows.
    """

    digit_clicked = Signal(int)
    ROWS, COLUMNS = 2, 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images: list[QImage | None] = [None] * N_DIGITS
        #: The counts shown, shape (10,).
        self.counts = np.zeros(N_DIGITS, dtype=np.int64)
        self.selected = -1
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_summary(self, averages: np.ndarray, counts: np.ndarray) -> None:
        self.counts = np.asarray(counts, dtype=np.int64)
        self._images = []
        for digit in range(N_DIGITS):
            if self.counts[digit] == 0:
                self._images.append(None)
                continue
            average = averages[digit]
            # An average is faint (strokes never quite overlap); its darkest pixel is drawn
            # full black so the shape reads from the back of the room.
            peak = float(average.max())
            shown = average / peak if peak > 0 else average
            self._images.append(paper_image(shown))
        self.update()

    def set_selected(self, digit: int) -> None:
        self.selected = digit
        self.update()

    def cell(self, digit: int) -> QRect:
        """The part of the widget that shows ``digit``."""
        width, height = self.width() / self.COLUMNS, self.height() / self.ROWS
        row, column = divmod(digit, self.COLUMNS)
        return QRect(round(column * width), round(row * height), int(width), int(height))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        for digit in range(N_DIGITS):
            if self.cell(digit).contains(point):
                self.digit_clicked.emit(digit)
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = theme.colours()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(colours.background))
        width = self.width() / self.COLUMNS
        font = QFont(self.font())
        # Never under the widget's own text (the stage sets it to its 24 px, the desktop's
        # is the application's, under theme.px(11)).
        least = max(theme.px(11), QFontInfo(self.font()).pixelSize())
        font.setPixelSize(int(max(least, min(theme.px(18), width / 4.5))))
        font.setBold(True)
        painter.setFont(font)
        text_height = painter.fontMetrics().height()
        bar_height = max(4, text_height // 3)
        most = max(1, int(self.counts.max()))
        for digit in range(N_DIGITS):
            cell = self.cell(digit).adjusted(4, 4, -4, -4)
            side = max(8, min(cell.width(), cell.height() - text_height - bar_height - 4))
            picture = QRect(cell.x() + (cell.width() - side) // 2, cell.y(), side, side)
            image = self._images[digit]
            if image is None:
                painter.fillRect(picture, QColor(245, 245, 245))
            else:
                painter.drawImage(picture, image)
            painter.setPen(QColor(colours.foreground))
            painter.drawText(
                QRect(cell.x(), picture.bottom() + 2, cell.width(), text_height),
                int(Qt.AlignmentFlag.AlignCenter),
                f"{self.counts[digit]:,}",
            )
            bar_top = picture.bottom() + 3 + text_height
            painter.fillRect(
                QRect(cell.x(), bar_top, cell.width(), bar_height), QColor(colours.grid)
            )
            length = round(cell.width() * self.counts[digit] / most)
            painter.fillRect(QRect(cell.x(), bar_top, length, bar_height), QColor(colours.accuracy))
            if digit == self.selected:  # around what is drawn (a tall cell has room below)
                painter.setPen(QPen(QColor(colours.positive), theme.line_width(3)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                drawn = QRect(cell.x(), cell.y(), cell.width(), bar_top + bar_height - cell.y())
                painter.drawRect(drawn.adjusted(-3, -3, 2, 2))
        painter.end()


class DataExplorer(QWidget):
    """The training data per digit, its counts and averages, and the class's drawings.

    ``show_data(images, labels, drawn, name)`` shows a data set; ``delete_requested(indices)``
    is emitted with a sorted tuple of indices into those arrays when the teacher deletes
    class drawings.
    """

    delete_requested = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.drawn: np.ndarray | None = None
        self.name = ""
        #: For each digit, the indices of its images, ascending, shape (counts[d],).
        self.digit_indices: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * N_DIGITS
        #: Images per digit, np.bincount of the labels, shape (10,).
        self.counts = np.zeros(N_DIGITS, dtype=np.int64)
        #: Each digit's mean image in the images' own scale, shape (10, 28, 28); 0 for none.
        self.averages = np.zeros((N_DIGITS, SIDE, SIDE))
        #: Indices of the class's drawings, ascending, shape (D,).
        self.drawn_indices = np.zeros(0, dtype=np.int64)
        self.choice = 0
        self.page = 0

        self.header = QLabel()
        self.header.setWordWrap(True)
        picker_row = self._build_picker()
        grid_page = self._build_grid_page()
        drawings_page = self._build_drawings_page()
        self.stack = QStackedWidget()
        self.stack.addWidget(grid_page)
        self.stack.addWidget(drawings_page)

        # -- every digit at a glance
        self.summary_title = QLabel()
        self.summary_title.setWordWrap(True)
        self.summary = DigitSummary()
        self.summary.digit_clicked.connect(self.choose)
        summary_box = QVBoxLayout()
        summary_box.addWidget(self.summary_title)
        summary_box.addWidget(self.summary, 1)

        body = QHBoxLayout()
        body.addWidget(self.stack, 3)
        body.addLayout(summary_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addLayout(picker_row)
        layout.addLayout(body, 1)

        self.apply_theme()
        self.retranslate_ui()

    def _build_picker(self) -> FlowLayout:
        """A button per digit and one for the class's drawings, one of them checked."""
        self.picker = QButtonGroup(self)
        self.picker.setExclusive(True)
        # Wraps onto a second line in a narrow tab (presenter mode at 1280×720).
        picker_row = FlowLayout(spacing=3)
        self.digit_buttons: list[QToolButton] = []
        for digit in range(N_DIGITS):
            button = QToolButton()
            button.setText(str(digit))
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.picker.addButton(button, digit)
            self.digit_buttons.append(button)
            picker_row.addWidget(button)
        self.drawings_button = QToolButton()
        self.drawings_button.setCheckable(True)
        self.picker.addButton(self.drawings_button, DRAWINGS)
        picker_row.addWidget(self.drawings_button)
        self.digit_buttons[0].setChecked(True)
        self.picker.idClicked.connect(self.choose)
        return picker_row

    def _build_grid_page(self) -> QWidget:
        """One digit's grid, a page at a time, with the page buttons under it."""
        self.grid = MosaicView()
        self.previous_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.previous_button.clicked.connect(lambda: self.set_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.set_page(self.page + 1))
        self.page_label = QLabel()
        self.page_label.setWordWrap(True)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.grid, 1)
        grid_layout.addLayout(nav)
        return grid_page

    def _build_drawings_page(self) -> QWidget:
        """The class's drawings as icons, with the hint and the delete button under them."""
        self.drawings_list = QListWidget()
        self.drawings_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.drawings_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.drawings_list.setMovement(QListWidget.Movement.Static)
        self.drawings_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.drawings_list.itemSelectionChanged.connect(self._update_delete)
        self.drawings_hint = QLabel()
        self.drawings_hint.setWordWrap(True)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        # The hint says "press Delete": the key does what the button does.
        for key in (QKeySequence.StandardKey.Delete, QKeySequence(Qt.Key.Key_Backspace)):
            shortcut = QShortcut(key, self.drawings_list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.delete_selected)
        # How many of them the network reads as taught, with the weights of the moment.
        self.taught_reading = QLabel()
        self.taught_reading.setWordWrap(True)
        self._taught: tuple[int, int] | None = None
        drawings_row = QHBoxLayout()
        drawings_row.addWidget(self.drawings_hint, 1)
        drawings_row.addWidget(self.delete_button)
        drawings_page = QWidget()
        drawings_layout = QVBoxLayout(drawings_page)
        drawings_layout.setContentsMargins(0, 0, 0, 0)
        drawings_layout.addWidget(self.taught_reading)
        drawings_layout.addWidget(self.drawings_list, 1)
        drawings_layout.addLayout(drawings_row)
        return drawings_page

    # -- looks and texts -----------------------------------------------------------------------

    def apply_theme(self) -> None:
        """Fonts and sizes of the current look (``theme``): the picker and the drawings' labels
        are larger and bold, following the application font, so presenter mode scales them.
        """
        base = QApplication.font()
        points = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        bold = QFont(base)
        bold.setPointSizeF(max(points, 9.0 * theme.scale()) * 1.2)
        bold.setBold(True)
        for button in self.digit_buttons:
            button.setFont(bold)
            button.setMinimumSize(theme.px(30), theme.px(30))
        self.drawings_button.setFont(bold)
        self.drawings_button.setMinimumHeight(theme.px(30))
        for button in (self.previous_button, self.next_button):
            button.setFont(bold)
            button.setFixedWidth(theme.px(48))
        self.drawings_list.setFont(bold)
        self.drawings_list.setIconSize(QSize(theme.px(56), theme.px(56)))
        self.drawings_list.setGridSize(QSize(theme.px(72), theme.px(56) + 2 * theme.px(14)))
        self.summary.update()
        self.grid.update()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        if self._taught is not None:
            self.show_taught_reading(*self._taught)
        if self.labels is None:
            self.header.setText(
                self.tr("No training data yet: it is shown here as soon as it is loaded.")
            )
        else:
            self.header.setText(
                self.tr("Training data: %1 · %2 images, %3 of them drawn by the class")
                .replace("%1", self.name)
                .replace("%2", f"{len(self.labels):,}")
                .replace("%3", f"{len(self.drawn_indices):,}")
            )
        for digit, button in enumerate(self.digit_buttons):
            button.setToolTip(
                self.tr("Show every image of the digit %1, a page at a time").replace(
                    "%1", str(digit)
                )
            )
        self.drawings_button.setText(
            self.tr("class drawings (%1)").replace("%1", str(len(self.drawn_indices)))
        )
        self.drawings_button.setToolTip(
            self.tr("The digits the class drew and taught: review them, delete the wrong ones")
        )
        self.previous_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.summary_title.setText(
            self.tr("The average image of each digit, and how many there are")
        )
        self.summary.setToolTip(
            self.tr(
                "Each picture is all images of that digit laid on top of each other. "
                "Click one to see its images."
            )
        )
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(
            self.tr("Take the selected drawings out of the training data")
        )
        self.drawings_list.setToolTip(
            self.tr("Click a drawing to select it; Ctrl or Shift + click selects several")
        )
        self._show_choice()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------------

    def show_taught_reading(self, right: int, total: int) -> None:
        """How many of the class's ``total`` drawings the network reads as taught."""
        self._taught = (int(right), int(total))
        if total == 0:
            self.taught_reading.setText("")
            return
        text = self.tr("The network reads %1 of the class's %2 drawings as taught (%3).")
        share = f"{right / total:.0%}"
        self.taught_reading.setText(
            text.replace("%1", str(right)).replace("%2", str(total)).replace("%3", share)
        )

    def show_data(
        self, images: np.ndarray, labels: np.ndarray, drawn: np.ndarray, name: str
    ) -> None:
        """Show ``images`` (N, 28, 28) uint8 or float 0–1, ``labels`` (N,) 0–9 and ``drawn``
        (N,) bool, True for the class's drawings. The arrays are kept and only read.
        """
        labels = np.asarray(labels)
        drawn = np.asarray(drawn, dtype=bool)
        if images.shape[1:] != (SIDE, SIDE) or labels.shape != (len(images),):
            raise ValueError(
                f"expected images (N, 28, 28) and labels (N,), got {images.shape} and "
                f"{labels.shape}"
            )
        if drawn.shape != labels.shape:
            raise ValueError(f"expected drawn of shape {labels.shape}, got {drawn.shape}")
        self.images, self.labels, self.drawn, self.name = images, labels, drawn, name
        self.counts = np.bincount(labels, minlength=N_DIGITS)[:N_DIGITS].astype(np.int64)
        # One stable sort instead of ten scans: the indices of each digit, ascending.
        order = np.argsort(labels, kind="stable")
        bounds = np.searchsorted(labels[order], np.arange(N_DIGITS + 1))
        self.digit_indices = [order[bounds[d] : bounds[d + 1]] for d in range(N_DIGITS)]
        self.averages = np.zeros((N_DIGITS, SIDE, SIDE))
        for digit, indices in enumerate(self.digit_indices):
            if len(indices):
                self.averages[digit] = images[indices].mean(axis=0)
        scale = 255.0 if images.dtype == np.uint8 else 1.0
        self.summary.set_summary(self.averages / scale, self.counts)
        self.drawn_indices = np.flatnonzero(drawn)
        self._fill_drawings()
        self.retranslate_ui()

    def n_pages(self, digit: int) -> int:
        """Pages of the grid for ``digit`` (at least 1, which may be empty)."""
        return max(1, math.ceil(len(self.digit_indices[digit]) / PAGE_SIZE))

    def page_indices(self, digit: int, page: int) -> np.ndarray:
        """Indices into the images of page ``page`` of ``digit``'s grid, shape (≤ PAGE_SIZE,)."""
        return self.digit_indices[digit][page * PAGE_SIZE : (page + 1) * PAGE_SIZE]

    # -- choosing what to see ------------------------------------------------------------------

    def choose(self, choice: int) -> None:
        """Show digit ``choice`` (0–9) from its first page, or the class drawings (DRAWINGS)."""
        self.picker.button(choice).setChecked(True)
        self.choice = choice
        self.page = 0
        self._show_choice()

    def set_page(self, page: int) -> None:
        if self.choice == DRAWINGS:
            return
        self.page = min(max(page, 0), self.n_pages(self.choice) - 1)
        self._show_choice()

    def _show_choice(self) -> None:
        has_data = self.labels is not None
        for button in self.picker.buttons():
            button.setEnabled(has_data)
        self.summary.set_selected(self.choice if has_data else -1)
        self.summary.setVisible(has_data)
        self.summary_title.setVisible(has_data)
        if self.choice == DRAWINGS:
            self.stack.setCurrentIndex(1)
            self._describe_drawings()
            return
        self.stack.setCurrentIndex(0)
        digit = self.choice
        count = len(self.digit_indices[digit])
        self.page = min(self.page, self.n_pages(digit) - 1)
        self.previous_button.setEnabled(has_data and self.page > 0)
        self.next_button.setEnabled(has_data and self.page < self.n_pages(digit) - 1)
        if not has_data:
            self.grid.set_array(None, self.tr("No training data yet."))
            self.page_label.setText("")
            return
        if count == 0:
            self.grid.set_array(
                None, self.tr("No images of the digit %1 in this data.").replace("%1", str(digit))
            )
            self.page_label.setText("")
            return
        indices = self.page_indices(digit, self.page)
        assert self.images is not None
        self.grid.set_array(mosaic(ink(self.images[indices]), PAGE_COLUMNS, PAGE_ROWS))
        first = self.page * PAGE_SIZE + 1
        self.page_label.setText(
            self.tr("digit %1 · page %2 of %3 · images %4–%5 of %6")
            .replace("%1", str(digit))
            .replace("%2", str(self.page + 1))
            .replace("%3", str(self.n_pages(digit)))
            .replace("%4", f"{first:,}")
            .replace("%5", f"{first + len(indices) - 1:,}")
            .replace("%6", f"{count:,}")
        )

    # -- the class's drawings ------------------------------------------------------------------

    def _fill_drawings(self) -> None:
        self.drawings_list.clear()
        assert self.images is not None
        assert self.labels is not None
        if not len(self.drawn_indices):
            return
        pictures = ink(self.images[self.drawn_indices])
        for index, picture in zip(self.drawn_indices, pictures, strict=True):
            # Twice the size by repeating pixels, so the icon stays sharp.
            pixels = paper(picture).repeat(2, axis=0).repeat(2, axis=1)
            icon = QIcon(QPixmap.fromImage(grey_image(pixels)))
            item = QListWidgetItem(icon, str(int(self.labels[index])))
            item.setData(Qt.ItemDataRole.UserRole, int(index))
            self.drawings_list.addItem(item)

    def _describe_drawings(self) -> None:
        count = len(self.drawn_indices)
        if count == 0:
            self.drawings_hint.setText(
                self.tr(
                    "No drawings from the class yet. To add one, draw a digit on the pad, "
                    "choose what it is and press 'Teach it'."
                )
            )
        else:
            self.drawings_hint.setText(
                self.tr(
                    "%1 drawings by the class, each with the digit it was taught as. Select "
                    "the wrong ones and press Delete."
                ).replace("%1", str(count))
            )
        self.drawings_list.setVisible(count > 0)
        self._update_delete()

    def selected_drawings(self) -> tuple[int, ...]:
        """Indices (into the arrays of ``show_data``) of the drawings selected, ascending."""
        return tuple(
            sorted(
                int(item.data(Qt.ItemDataRole.UserRole))
                for item in self.drawings_list.selectedItems()
            )
        )

    def delete_selected(self) -> None:
        chosen = self.selected_drawings()
        if chosen:
            self.delete_requested.emit(chosen)

    def _update_delete(self) -> None:
        self.delete_button.setEnabled(bool(self.drawings_list.selectedItems()))
