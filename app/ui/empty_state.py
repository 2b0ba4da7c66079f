"""A message in place of a view's content until there is something to show.

The points map and the layer health pages have nothing to draw until their first
computation arrives; each wraps its plot in an ``EmptyStateStack`` and says in words why it
is empty, instead of showing bare axes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class EmptyStateStack(QStackedWidget):
    """Either a centred message (before there is anything to draw) or the content."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15pt; color: #404040; padding: 24px;")
        self.content = content
        self.addWidget(self.message)
        self.addWidget(content)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)

    @property
    def showing_message(self) -> bool:
        return self.currentWidget() is self.message
