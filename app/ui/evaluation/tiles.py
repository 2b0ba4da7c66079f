"""Examples of an evaluation as tiles: the image over its ten outputs, in a wrapping grid.

The confusion page lists a cell's examples this way and the mistakes page the wrong answers.
A click on a tile emits ``example_chosen(image, label)`` so the window can send the image
through the graph.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from app.core.evaluation import Evaluation
from app.ui.evaluation.common import BLUE, ORANGE, percent, translate
from app.ui.images import digit_image, unit_image

#: Where a tile keeps the index of its example in the evaluated set.
INDEX_ROLE = Qt.ItemDataRole.UserRole

_OUTPUT_BAR = QColor(170, 170, 170)


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
            colour = BLUE
        elif digit == answer:
            colour = ORANGE
        else:
            colour = _OUTPUT_BAR
        height = max(1.0, float(value) * bar_height)
        painter.fillRect(
            QRectF(digit * width + 0.5, base - height, max(width - 1.0, 1.0), height), colour
        )
    painter.end()
    return pixmap


class ExampleTiles(QListWidget):
    """A wrapping grid of example tiles that scrolls vertically.

    ``show_examples(evaluation, images, indices)`` shows those examples in that order, each
    with a caption ("90 % sure", and with ``with_digits`` the answer and the true digit above
    it); ``caption()`` writes the captions again in the current language.
    ``example_chosen(image, label)``: a tile was clicked; ``image`` a read-only float32
    (28, 28) in [0, 1], ``label`` its true digit.
    """

    example_chosen = Signal(object, int)

    def __init__(
        self, icon_side: int, grid: QSize, with_digits: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.icon_side = icon_side
        self.with_digits = with_digits
        self._evaluation: Evaluation | None = None
        self._images: np.ndarray | None = None
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setIconSize(QSize(icon_side, icon_side + 3 + max(12, icon_side // 4)))
        self.setGridSize(grid)
        self.setSpacing(4)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(grid.height() + 8)
        self.itemClicked.connect(self._clicked)

    def show_examples(
        self, evaluation: Evaluation, images: np.ndarray, indices: np.ndarray
    ) -> None:
        """Tiles for ``indices`` (M,) into ``images`` (N, 28, 28), read by ``evaluation``.

        The items there are reused (a new evaluation after every epoch only changes their
        pictures); the list hides itself when ``indices`` is empty.
        """
        self._evaluation, self._images = evaluation, images
        self._keep(len(indices))
        for row, index in enumerate(indices):
            index = int(index)
            item = self.item(row)
            item.setData(INDEX_ROLE, index)
            item.setIcon(
                QIcon(
                    tile_pixmap(
                        unit_image(images, index),
                        evaluation.outputs[index],
                        int(evaluation.predictions[index]),
                        int(evaluation.labels[index]),
                        self.icon_side,
                    )
                )
            )
        self.setVisible(len(indices) > 0)

    def caption(self) -> None:
        """Write every tile's caption and tooltip in the current language."""
        for row in range(self.count()):
            item = self.item(row)
            index = item.data(INDEX_ROLE)
            item.setText(self._caption(index))
            item.setToolTip(self._tooltip(index))

    def _keep(self, n: int) -> None:
        """Keep ``n`` items, reusing those there are."""
        while self.count() > n:
            self.takeItem(self.count() - 1)
        while self.count() < n:
            item = QListWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)

    def _caption(self, index: int) -> str:
        ev = self._evaluation
        sure = translate("EvaluationView", "%1 % sure").replace(
            "%1", percent(ev.confidence[index], 0)
        )
        if not self.with_digits:
            return sure
        digits = (
            translate("EvaluationView", "answer %1 · true %2")
            .replace("%2", str(int(ev.labels[index])))
            .replace("%1", str(int(ev.predictions[index])))
        )
        return f"{digits}\n{sure}"

    def _tooltip(self, index: int) -> str:
        outputs = "  ".join(f"{d}: {v:.2f}" for d, v in enumerate(self._evaluation.outputs[index]))
        return (
            translate(
                "EvaluationView",
                "Image %1 of the set. Outputs: %2. Click to send it through the network.",
            )
            .replace("%2", outputs)
            .replace("%1", f"{index + 1:,}")
        )

    def _clicked(self, item: QListWidgetItem) -> None:
        index = item.data(INDEX_ROLE)
        if self._evaluation is None or index is None:
            return
        self.example_chosen.emit(
            unit_image(self._images, index), int(self._evaluation.labels[index])
        )
