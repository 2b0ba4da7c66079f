"""The five numbers of the last step, for the watched weights, as the lesson writes them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.descent import DescentStep, format_number


class DescentPanel(QWidget):
    """A table: the five steps of gradient descent as rows, one column per watched weight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(5, 0)
        for row in range(self.table.rowCount()):
            self.table.setVerticalHeaderItem(row, QTableWidgetItem())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(280)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self._last: DescentStep | None = None
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """The title in bold at the current text size (a stylesheet would not follow the
        application font into presenter mode)."""
        title_font = QFont(QApplication.font())
        title_font.setBold(True)
        self.title.setFont(title_font)

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.title.setText(self.tr("Gradient descent, last step: change = η × (−gradient)"))
        # Short row names leave the width to the numbers (at 1280×720 long names truncated
        # them); each row's full meaning is in its tooltip.
        rows = [
            (self.tr("(1) value"), self.tr("The weight's current value")),
            (self.tr("(2) gradient"), self.tr("How the loss changes as this weight grows")),
            (self.tr("(3) η"), self.tr("The learning rate η")),
            (self.tr("(4) change"), self.tr("The change: η × (−gradient)")),
            (self.tr("(5) new value"), self.tr("The new value: value + change")),
        ]
        for row, (name, tip) in enumerate(rows):
            header = self.table.verticalHeaderItem(row)
            header.setText(name)
            header.setToolTip(tip)
        self.hint.setText(
            self.tr("Take a step to see the five numbers. Click an edge in the graph to watch it.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_step(self, step: DescentStep | None) -> None:
        if step is self._last:
            return
        self._last = step
        self.hint.setVisible(step is None)
        if step is None:
            self.table.setColumnCount(0)
            return
        self.table.setColumnCount(len(step.names))
        self.table.setHorizontalHeaderLabels(list(step.names))
        for col in range(len(step.names)):
            cells = (
                step.value[col],
                step.gradient[col],
                step.learning_rate,
                step.change[col],
                step.new_value[col],
            )
            for row, value in enumerate(cells):
                item = QTableWidgetItem(format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
