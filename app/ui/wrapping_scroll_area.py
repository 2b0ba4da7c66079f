"""A scroll area for a page of word-wrapped texts (the step-through, the neuron lab)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget


class WrappingScrollArea(QScrollArea):
    """A scroll area whose page keeps the height its wrapped texts need at the width it gets.

    QScrollArea sizes its page from the page's minimum size, which knows nothing of a
    word-wrapped label's height at a given width: a long explanation was squashed to two
    lines. Here the page's minimum height follows its layout's height for the width, on every
    resize and every change of its contents, and the area scrolls vertically instead.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        page.installEventFilter(self)

    def _fit_page(self) -> None:
        page, layout = self.widget(), self.widget().layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        width = self.viewport().width()
        needed = layout.totalHeightForWidth(max(width, page.minimumSizeHint().width()))
        if page.minimumHeight() != needed:
            page.setMinimumHeight(needed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_page()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit_page)
        return False
