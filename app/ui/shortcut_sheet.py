"""The keyboard sheet (F1): every lesson action a teacher can reach without the mouse."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme

#: Room left around the sheet on a small screen (the title bar and the panel's edges).
SCREEN_MARGIN = 60


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do), in the order a lesson uses them, in the current language."""
    # Written out in full: lupdate only finds literal translate() calls.
    return [
        (
            QCoreApplication.translate("ShortcutSheet", "Space"),
            QCoreApplication.translate("ShortcutSheet", "Play or pause training"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "→"),
            QCoreApplication.translate("ShortcutSheet", "One step (of the size chosen below)"),
        ),
        ("1", QCoreApplication.translate("ShortcutSheet", "Steps learn from one example")),
        ("2", QCoreApplication.translate("ShortcutSheet", "Steps learn from one mini-batch")),
        ("3", QCoreApplication.translate("ShortcutSheet", "Steps learn from one epoch")),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+R"),
            QCoreApplication.translate("ShortcutSheet", "Reset the weights"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+1"),
            QCoreApplication.translate("ShortcutSheet", "Show the loss curve"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+2"),
            QCoreApplication.translate("ShortcutSheet", "Show the loss landscape"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+3"),
            QCoreApplication.translate(
                "ShortcutSheet", "Step through one step: → next sub-step, ← back"
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+4"),
            QCoreApplication.translate("ShortcutSheet", "Open the neuron lab"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+5"),
            QCoreApplication.translate("ShortcutSheet", "Show the layer health"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Alt+1 … Alt+4"),
            QCoreApplication.translate(
                "ShortcutSheet", "Network, evaluation, points map, training data"
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Esc or Delete"),
            QCoreApplication.translate("ShortcutSheet", "Clear the drawing pad"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+Z"),
            QCoreApplication.translate(
                "ShortcutSheet", "Undo the last stroke, or in the weight panel the last weight set"
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+O"),
            QCoreApplication.translate("ShortcutSheet", "Open a session"),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+S"),
            QCoreApplication.translate("ShortcutSheet", "Save the session"),
        ),
        *presenter_rows(),
    ]


def presenter_rows() -> list[tuple[str, str]]:
    """The keys of presenter mode and of a guided lesson (a clicker's among them)."""
    return [
        (
            QCoreApplication.translate("ShortcutSheet", "F5"),
            QCoreApplication.translate(
                "ShortcutSheet", "Presenter mode: large text, high contrast, full screen"
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "PageDown / PageUp"),
            QCoreApplication.translate(
                "ShortcutSheet",
                "Presenter mode: the next / previous scene; in a lesson the next / previous "
                "stop (a waiting question's answer first)",
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Return (in the guess)"),
            QCoreApplication.translate(
                "ShortcutSheet", "Reveal the answer beside the class's guess"
            ),
        ),
        (
            "B",
            QCoreApplication.translate(
                "ShortcutSheet", "In a lesson: bring the stop back exactly, after exploring"
            ),
        ),
        (
            QCoreApplication.translate("ShortcutSheet", "Ctrl+Shift+A"),
            QCoreApplication.translate("ShortcutSheet", "Add what is on screen as a lesson stop"),
        ),
        ("F1", QCoreApplication.translate("ShortcutSheet", "This sheet")),
    ]


class ShortcutSheet(QDialog):
    """A read-only table of the shortcuts; Esc or Enter closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        # A long description wraps onto a second line rather than ending in "…".
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """Room for the current look's text size (larger in presenter mode), within the
        screen: at 1280×720 in presenter mode 500 px of text is taller than the screen, and
        the Close button was below its edge (the table scrolls instead)."""
        width, height = theme.px(560), theme.px(500)
        screen = self.screen() if self.parentWidget() is None else self.parentWidget().screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - SCREEN_MARGIN)
            height = min(height, room.height() - SCREEN_MARGIN)
        self.resize(width, height)

    def showEvent(self, event) -> None:
        """Sized again when shown: the screen is known for certain only now."""
        self.apply_theme()
        super().showEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.intro.setText(
            self.tr("Every lesson action works from the keyboard. F1 shows this sheet again.")
        )
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        rows = shortcut_rows()
        self.table.setRowCount(len(rows))
        for row, (keys, what) in enumerate(rows):
            for column, text in enumerate((keys, what)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
