"""The five numbers of the last step, for the watched weights, as the lesson writes them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.descent import DescentStep, format_number

N_STEPS = 5
#: What a cell says before the first step: only (1), the value, is known yet. A dash read
#: as a minus sign on the projector; a question mark asks what the step will bring.
NOT_YET = "?"


def weights_now(snap) -> tuple[tuple[str, ...], np.ndarray] | None:
    """The watched weights' names and values (k,) in ``snap`` (a ``Snapshot``): what (1)
    shows before the first step. None after it (the step has them) or when nothing is
    watched: nothing is looked up on the frames that do not need it."""
    if snap is None or snap.watched is not None or not snap.watched_indices:
        return None
    indices = snap.watched_indices
    names = tuple(snap.architecture.parameter_name(i) for i in indices)
    return names, snap.params[np.asarray(indices, dtype=np.intp)]


class DescentPanel(QWidget):
    """A table: the five steps of gradient descent as rows, one column per watched weight.

    ``set_presentation`` is the classroom stage's look: numbers written short in a font of
    their own, and optionally the five steps as columns (one row per weight), to sit under a
    picture. Every cell's tooltip holds the full value.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(N_STEPS, 0)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(280)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # Tab passes the read-only table in one press (the arrows still go from cell to cell):
        # with its ten cells filled before the first step, Tab spent ten presses in it.
        self.table.setTabKeyNavigation(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self._last: DescentStep | None = None
        self._before: tuple[tuple[str, ...], np.ndarray] | None = None
        self._format: Callable[[float], str] = format_number
        self._number_font: QFont | None = None
        self._steps_as_columns = False
        self._step_names: list[tuple[str, str]] = []
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """The title in bold at the panel's text size: only the weight is set, so the size
        follows the application font into presenter mode (a stylesheet would not) and a
        parent's font, such as the stage's."""
        title_font = QFont()
        title_font.setBold(True)
        self.title.setFont(title_font)

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.title.setText(self.tr("Gradient descent, last step: change = η × (−gradient)"))
        # Short row names leave the width to the numbers (at 1280×720 long names truncated
        # them); each row's full meaning is in its tooltip.
        self._step_names = [
            (self.tr("(1) value"), self.tr("The weight's current value")),
            (self.tr("(2) gradient"), self.tr("How the loss changes as this weight grows")),
            (self.tr("(3) η"), self.tr("The learning rate η")),
            (self.tr("(4) change"), self.tr("The change: η × (−gradient)")),
            (self.tr("(5) new value"), self.tr("The new value: value + change")),
        ]
        self._show_step_names()
        self.hint.setText(
            self.tr("Take a step to see the five numbers. Click an edge in the graph to watch it.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_presentation(
        self,
        formatter: Callable[[float], str],
        number_font: QFont,
        steps_as_columns: bool = False,
    ) -> None:
        """Write the numbers with ``formatter`` in ``number_font``; with
        ``steps_as_columns`` the five steps are the columns and each weight a row."""
        self._format = formatter
        self._number_font = QFont(number_font)
        if steps_as_columns != self._steps_as_columns:
            self._steps_as_columns = steps_as_columns
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
        self._render()

    def cell_texts(self) -> list[str]:
        """Every number shown now, as written."""
        table = self.table
        return [
            table.item(row, col).text()
            for row in range(table.rowCount())
            for col in range(table.columnCount())
            if table.item(row, col) is not None
        ]

    def show_step(
        self, step: DescentStep | None, before: tuple[tuple[str, ...], np.ndarray] | None = None
    ) -> None:
        """The five numbers of ``step``; with no step yet, ``before`` (``weights_now``): the
        watched weights' names and values in (1), the other four "?" until a step is taken."""
        before = None if step is not None else before
        same_before = (before is None) == (self._before is None) and (
            before is None
            or (before[0] == self._before[0] and np.array_equal(before[1], self._before[1]))
        )
        if step is self._last and same_before:
            return
        self._last, self._before = step, before
        self._render()

    def _show_step_names(self) -> None:
        if self._steps_as_columns:
            self.table.setColumnCount(N_STEPS)
        else:
            self.table.setRowCount(N_STEPS)
        for k, (name, tip) in enumerate(self._step_names):
            header = QTableWidgetItem(name)
            header.setToolTip(tip)
            if self._steps_as_columns:
                self.table.setHorizontalHeaderItem(k, header)
            else:
                self.table.setVerticalHeaderItem(k, header)

    def _render(self) -> None:
        step, before = self._last, self._before
        # A strip under a picture keeps its height: the question marks say a step is to come.
        self.hint.setVisible(step is None and (before is None or not self._steps_as_columns))
        if step is not None:
            names = step.names
            columns = [
                (v, g, step.learning_rate, c, n)
                for v, g, c, n in zip(
                    step.value, step.gradient, step.change, step.new_value, strict=True
                )
            ]
        elif before is not None:
            names, values = before
            columns = [(v, None, None, None, None) for v in values]
        else:
            names, columns = (), []
        if self._steps_as_columns:
            self.table.setRowCount(len(names))
        else:
            self.table.setColumnCount(len(names))
        self._show_step_names()
        if not names:
            return
        if self._steps_as_columns:
            self.table.setVerticalHeaderLabels(list(names))
        else:
            self.table.setHorizontalHeaderLabels(list(names))
        for col, cells in enumerate(columns):
            for row, value in enumerate(cells):
                item = QTableWidgetItem(NOT_YET if value is None else self._format(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if value is not None:
                    item.setToolTip(repr(float(value)))  # the full value
                if self._number_font is not None:
                    item.setFont(self._number_font)
                if self._steps_as_columns:
                    self.table.setItem(col, row, item)
                else:
                    self.table.setItem(row, col, item)
