"""The small form of "Add this as a stop": caption, question, hidden and locked controls.

    Lesson title   [English            ] [繁體中文            ]
    Caption        [English            ] [繁體中文            ]   (one may stay empty)
    Question       [none ▾]  [English  ] [繁體中文  ]
                   on [network ▾]  quantity [change ▾]  of [w3[2,5], w3[2,6]]
                   tolerance [0]  relative [0.01]
    Hidden  [ ] Play  [ ] Step …        Locked  [ ] Play  [ ] Step …
    the problem, if the stop cannot be a stop                     [OK] [Cancel]

The state and the scene were recorded before the form opened; the form only makes the
``Stop`` (``stop()``). OK asks ``check(stop, title)`` first: a problem (the reader's own
message, "stop 3, question.of[0]: …") shows under the form and the form stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.lesson_file import (
    CONTROL_NAMES,
    MAX_TOLERANCE,
    NUMBER_QUANTITIES,
    QUESTION_KINDS,
    QUESTION_ON,
    Question,
    Stop,
    StopState,
    Text,
)

#: What each control a stop may hide or lock is called in the form (the file's names are
#: in the tooltips).
CONTROL_WORDS = {
    "play": QT_TRANSLATE_NOOP("StopDialog", "Play / Pause"),
    "step": QT_TRANSLATE_NOOP("StopDialog", "Step"),
    "granularity": QT_TRANSLATE_NOOP("StopDialog", "What a step learns from"),
    "reset": QT_TRANSLATE_NOOP("StopDialog", "Reset weights"),
    "speed": QT_TRANSLATE_NOOP("StopDialog", "Speed"),
    "learning_rate": QT_TRANSLATE_NOOP("StopDialog", "Learning rate"),
    "batch_size": QT_TRANSLATE_NOOP("StopDialog", "Batch size"),
    "optimizer": QT_TRANSLATE_NOOP("StopDialog", "Optimizer"),
    "experiments": QT_TRANSLATE_NOOP("StopDialog", "Experiments (decay, schedule, augmentation)"),
    "architecture": QT_TRANSLATE_NOOP("StopDialog", "Network layers"),
    "teach": QT_TRANSLATE_NOOP("StopDialog", "Teach it"),
    "drawing_pad": QT_TRANSLATE_NOOP("StopDialog", "Drawing pad"),
    "edge_select": QT_TRANSLATE_NOOP("StopDialog", "Choosing weights on the graph"),
    "landscape_settings": QT_TRANSLATE_NOOP("StopDialog", "Landscape: plane and settings"),
    "landscape_lesson": QT_TRANSLATE_NOOP("StopDialog", "Landscape: the valley's η"),
    "scene_bar": QT_TRANSLATE_NOOP("StopDialog", "The stage's scene bar"),
}
#: The kinds of question, as the form names them ("" is no question).
KIND_WORDS = {
    "": QT_TRANSLATE_NOOP("StopDialog", "no question"),
    "number": QT_TRANSLATE_NOOP("StopDialog", "a number"),
    "output": QT_TRANSLATE_NOOP("StopDialog", "which output neuron"),
    "sign": QT_TRANSLATE_NOOP("StopDialog", "a sign (grow or shrink)"),
    "regime": QT_TRANSLATE_NOOP("StopDialog", "what a learning rate does"),
}


def _names(text: str) -> tuple[str, ...]:
    """``"w3[2,5], w3[2,6]"`` → the two names (commas inside brackets kept)."""
    names, depth, part = [], 0, ""
    for c in text:
        depth += (c == "[") - (c == "]")
        if depth == 0 and c in ", ;":
            names.append(part)
            part = ""
        else:
            part += c
    names.append(part)
    return tuple(n.strip() for n in names if n.strip())


def _text(en: str, zh: str) -> Text:
    return Text(en=en.strip(), zh_TW=zh.strip())


class StopDialog(QDialog):
    """The form (see the module's docstring). ``scene`` and ``state`` are the recorded
    stop's; ``title`` the lesson's title so far; ``check(stop, title)`` returns a problem's
    words or None."""

    def __init__(
        self,
        parent: QWidget | None,
        title: Text,
        scene: str,
        state: StopState,
        check: Callable[[Stop, Text], str | None],
    ) -> None:
        super().__init__(parent)
        self.scene, self.state, self.check = scene, state, check
        self._build(title)
        self.retranslate_ui()

    def _build(self, title: Text) -> None:
        self.title_en, self.title_zh = QLineEdit(title.en), QLineEdit(title.zh_TW)
        self.caption_en, self.caption_zh = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.caption_en, self.caption_zh):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        self.kind = QComboBox()
        for kind in ("", *QUESTION_KINDS):
            self.kind.addItem("", kind)
        self.question_en, self.question_zh = QLineEdit(), QLineEdit()
        self.on = QComboBox()
        self.quantity = QComboBox()
        for combo, values in ((self.on, QUESTION_ON), (self.quantity, NUMBER_QUANTITIES)):
            for value in values:
                combo.addItem(value, value)  # the file's own words, as the docs use them
        self.of = QLineEdit()
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.0, MAX_TOLERANCE)
        self.tolerance.setDecimals(6)
        self.relative = QDoubleSpinBox()
        self.relative.setRange(0.0, 1.0)
        self.relative.setDecimals(4)
        self.relative.setSingleStep(0.01)
        self.relative.setValue(0.01)
        self.hidden, self.locked = self._control_list(), self._control_list()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._show_question_fields)
        self._lay_out()
        self._show_question_fields()

    def _control_list(self) -> QListWidget:
        controls = QListWidget()
        for name in sorted(CONTROL_NAMES):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            controls.addItem(item)
        return controls

    def _lay_out(self) -> None:
        grid = QGridLayout()
        self.title_label, self.caption_label, self.question_label = QLabel(), QLabel(), QLabel()
        self.ask_label, self.hidden_label, self.locked_label = QLabel(), QLabel(), QLabel()
        rows = (
            (self.title_label, self.title_en, self.title_zh),
            (self.caption_label, self.caption_en, self.caption_zh),
            (self.question_label, self.question_en, self.question_zh),
        )
        for row, (label, en, zh) in enumerate(rows):
            grid.addWidget(label, row, 0)
            grid.addWidget(en, row, 1)
            grid.addWidget(zh, row, 2)
        self.on_label, self.quantity_label, self.of_label = QLabel(), QLabel(), QLabel()
        self.tolerance_label, self.relative_label = QLabel(), QLabel()
        asks = QHBoxLayout()
        asks.addWidget(self.kind)
        for label, field in (
            (self.on_label, self.on),
            (self.quantity_label, self.quantity),
            (self.of_label, self.of),
            (self.tolerance_label, self.tolerance),
            (self.relative_label, self.relative),
        ):
            label.setBuddy(field)
            asks.addWidget(label)
            asks.addWidget(field, 1 if field is self.of else 0)
        grid.addWidget(self.ask_label, 3, 0)
        grid.addLayout(asks, 3, 1, 1, 2)
        grid.addWidget(self.hidden_label, 4, 1)
        grid.addWidget(self.locked_label, 4, 2)
        grid.addWidget(self.hidden, 5, 1)
        grid.addWidget(self.locked, 5, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add this as a stop"))
        self.title_label.setText(self.tr("Lesson title"))
        self.caption_label.setText(self.tr("Caption"))
        self.question_label.setText(self.tr("Question"))
        self.ask_label.setText(self.tr("Asks for"))
        for edit in (self.title_en, self.caption_en, self.question_en):
            edit.setPlaceholderText(self.tr("English"))
        for edit in (self.title_zh, self.caption_zh, self.question_zh):
            edit.setPlaceholderText("繁體中文")  # the language's own name, never translated
        self.caption_en.setToolTip(self.tr("One of the two may stay empty: the other shows"))
        self.on_label.setText(self.tr("on"))
        self.quantity_label.setText(self.tr("quantity"))
        self.of_label.setText(self.tr("of"))
        self.of.setPlaceholderText("w3[2,5], w3[2,6]")
        self.of.setToolTip(
            self.tr("The weights asked about (w3[2,5]; for a sign, one weight or a neuron a2[5])")
        )
        self.tolerance_label.setText(self.tr("tolerance"))
        self.relative_label.setText(self.tr("relative"))
        self.hidden_label.setText(self.tr("Hidden controls"))
        self.locked_label.setText(self.tr("Locked controls"))
        translate = QCoreApplication.translate
        for index in range(self.kind.count()):
            self.kind.setItemText(
                index, translate("StopDialog", KIND_WORDS[self.kind.itemData(index)])
            )
        for controls in (self.hidden, self.locked):
            for row in range(controls.count()):
                item = controls.item(row)
                name = item.data(Qt.ItemDataRole.UserRole)
                item.setText(translate("StopDialog", CONTROL_WORDS[name]))
                item.setToolTip(name)

    def _show_question_fields(self, *_args) -> None:
        kind = self.kind.currentData()
        for widget in (self.question_en, self.question_zh, self.on, self.on_label):
            widget.setEnabled(bool(kind))
        number = kind == "number"
        for widget in (self.quantity, self.quantity_label, self.tolerance, self.tolerance_label):
            widget.setEnabled(number)
        for widget in (self.relative, self.relative_label):
            widget.setEnabled(number)
        for widget in (self.of, self.of_label):
            widget.setEnabled(kind in ("number", "sign"))

    # -- the stop ----------------------------------------------------------------------------

    def checked(self, controls: QListWidget) -> tuple[str, ...]:
        return tuple(
            controls.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(controls.count())
            if controls.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, controls: QListWidget, names) -> None:
        for row in range(controls.count()):
            item = controls.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def question(self) -> Question | None:
        kind = self.kind.currentData()
        if not kind:
            return None
        number = kind == "number"
        return Question(
            kind=kind,
            text=_text(self.question_en.text(), self.question_zh.text()),
            on=self.on.currentData(),
            quantity=self.quantity.currentData() if number else "",
            of=_names(self.of.text()) if kind in ("number", "sign") else (),
            tolerance=self.tolerance.value() if number else 0.0,
            relative=self.relative.value() if number else 0.01,
        )

    def lesson_title(self) -> Text:
        return _text(self.title_en.text(), self.title_zh.text())

    def stop(self) -> Stop:
        """The stop the form describes, with the recorded scene and state."""
        return Stop(
            scene=self.scene,
            caption=_text(self.caption_en.toPlainText(), self.caption_zh.toPlainText()),
            state=self.state,
            hidden=self.checked(self.hidden),
            locked=self.checked(self.locked),
            question=self.question(),
        )

    def accept(self) -> None:
        """OK: the stop if it can be one, else its problem under the form (it stays open)."""
        problem = self.check(self.stop(), self.lesson_title())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()
