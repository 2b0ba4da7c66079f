"""A stack of pages whose size is the page on screen's, not the largest page's.

``QStackedWidget`` asks for the room of its largest page, shown or not. The window's two
pages are the desktop (every view at once: in presenter mode's large font it needs about
1,270 px across) and the stage (one scene, which fits 1024×768): under a real window
manager on a 1024×768 projector the full-screen window grew to 1,269 px and its right
quarter was off the screen. This stack asks only for the room of the page it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget


class CurrentPageStack(QStackedWidget):
    """A ``QStackedWidget`` as large as its current page needs (the others may be larger)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        # The page's own minimum as a layout would read it: an explicit minimum wins.
        hint = page.minimumSizeHint()
        least = page.minimumSize()
        return QSize(least.width() or max(hint.width(), 0), least.height() or max(hint.height(), 0))
