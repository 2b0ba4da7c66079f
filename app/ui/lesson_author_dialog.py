"""The small form of "Add this as a stop": caption, question, hidden and locked controls.

    Lesson title   [English            ] [繁體中文            ]
    Caption        [English            ] [繁體中文            ]   (one may stay empty)
    Question       [English            ] [繁體中文            ]
    Scene          [Network ▾]   (the stage's scene when recorded; from the desktop too)
    Asks for       [a number ▾]  on [network ▾]  quantity [change ▾]
                   of [w3[2,5], w3[2,6]      ]  tolerance [0]  relative [0.01]
    Hidden  [ ] Play  [ ] Step …        Locked  [ ] Play  [ ] Step …
    the problem, if the stop cannot be a stop                     [OK] [Cancel]

The state and the scene were recorded before the form opened; the form only makes the
``Stop`` (``stop()``). The scene is shown and may be changed: recorded from the desktop, it
is the stage's last scene, which the teacher may not have in mind. OK asks
``check(stop, title)`` first: a problem (the reader's own message, "stop 3, question.of[0]:
…") shows under the form and the form stays open.
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
from app.ui.scenes import SCENES

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
    "edge_display": QT_TRANSLATE_NOOP("StopDialog", "What the graph's edges show"),
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


#: The control lists show at least this many rows (more where the screen is tall enough:
#: all 16 made the form 777 px tall in 繁體中文 in presenter mode, past a 720 px projector).
MIN_LIST_ROWS = 8
#: Left free above and below the form (the window manager's title bar).
SCREEN_ROOM = 60

#: What a question is on, and the quantities a number question asks, as the form names them
#: (the file's words in the tooltips).
ASK_WORDS = {
    "network": QT_TRANSLATE_NOOP("StopDialog", "the network's next step"),
    "preset": QT_TRANSLATE_NOOP("StopDialog", "the valley's w1, w2"),
    "parameter_count": QT_TRANSLATE_NOOP("StopDialog", "how many weights and biases"),
    "value": QT_TRANSLATE_NOOP("StopDialog", "value w"),
    "gradient": QT_TRANSLATE_NOOP("StopDialog", "gradient dC/dw"),
    "negative_gradient": QT_TRANSLATE_NOOP("StopDialog", "negative gradient −dC/dw"),
    "change": QT_TRANSLATE_NOOP("StopDialog", "change Δw"),
    "new_value": QT_TRANSLATE_NOOP("StopDialog", "new value w + Δw"),
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
        substep: int = 1,
    ) -> None:
        super().__init__(parent)
        self.scene, self.state, self.check = scene, state, check
        self.substep = substep  # the step-through's, when the scene is "step"
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
                combo.addItem("", value)
        self.of = QLineEdit()
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.0, MAX_TOLERANCE)
        self.tolerance.setDecimals(6)
        self.relative = QDoubleSpinBox()
        self.relative.setRange(0.0, 1.0)
        self.relative.setDecimals(4)
        self.relative.setSingleStep(0.01)
        self.relative.setValue(0.01)
        self.scene_choice = QComboBox()
        for spec in SCENES:
            self.scene_choice.addItem("", spec.name)
        self.scene_choice.setCurrentIndex(max(0, self.scene_choice.findData(self.scene)))
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
        controls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return controls

    def _lay_out(self) -> None:
        grid = QGridLayout()
        self.title_label, self.caption_label, self.question_label = QLabel(), QLabel(), QLabel()
        self.ask_label, self.hidden_label, self.locked_label = QLabel(), QLabel(), QLabel()
        self.scene_label = QLabel()
        self.scene_label.setBuddy(self.scene_choice)
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
        asks, limits = QHBoxLayout(), QHBoxLayout()
        asks.addWidget(self.kind)
        for row, label, field in (
            (asks, self.on_label, self.on),
            (asks, self.quantity_label, self.quantity),
            (limits, self.of_label, self.of),
            (limits, self.tolerance_label, self.tolerance),
            (limits, self.relative_label, self.relative),
        ):
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1 if field is self.of else 0)
        asks.addStretch(1)
        # Room for two weights' names (the spin box of a tolerance up to 10⁹ is wide).
        self.of.setMinimumWidth(self.of.fontMetrics().horizontalAdvance("w3[2,5], w3[2,6]  "))
        grid.addWidget(self.scene_label, 3, 0)
        grid.addWidget(self.scene_choice, 3, 1)
        grid.addWidget(self.ask_label, 4, 0)
        grid.addLayout(asks, 4, 1, 1, 2)
        grid.addLayout(limits, 5, 1, 1, 2)
        grid.addWidget(self.hidden_label, 6, 1)
        grid.addWidget(self.locked_label, 6, 2)
        grid.addWidget(self.hidden, 7, 1)
        grid.addWidget(self.locked, 7, 2)
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
        self.scene_label.setText(self.tr("Scene"))
        self.scene_choice.setToolTip(self.tr("What the stage shows at this stop"))
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
        for index, spec in enumerate(SCENES):
            self.scene_choice.setItemText(index, translate("Stage", spec.title))
        for index in range(self.kind.count()):
            self.kind.setItemText(
                index, translate("StopDialog", KIND_WORDS[self.kind.itemData(index)])
            )
        for combo in (self.on, self.quantity):
            for index in range(combo.count()):
                word = combo.itemData(index)
                combo.setItemText(index, translate("StopDialog", ASK_WORDS[word]))
                combo.setItemData(index, word, Qt.ItemDataRole.ToolTipRole)
        for controls in (self.hidden, self.locked):
            for row in range(controls.count()):
                item = controls.item(row)
                name = item.data(Qt.ItemDataRole.UserRole)
                item.setText(translate("StopDialog", CONTROL_WORDS[name]))
                item.setToolTip(name)
        self._size_lists()

    def _size_lists(self) -> None:
        """Each list as wide as its longest name, and ``MIN_LIST_ROWS`` tall at least."""
        for controls in (self.hidden, self.locked):
            frame = 2 * controls.frameWidth() + 4
            controls.setMinimumWidth(controls.sizeHintForColumn(0) + frame + 24)
            rows = min(controls.count(), MIN_LIST_ROWS)
            controls.setMinimumHeight(controls.sizeHintForRow(0) * rows + frame)

    def showEvent(self, event) -> None:
        """As tall as every control needs, where the screen has the room (sized now: the
        font, presenter mode's larger one say, is known once shown)."""
        super().showEvent(event)
        self._size_lists()
        self.adjustSize()
        controls = self.hidden
        hidden_rows = controls.count() - controls.minimumHeight() // controls.sizeHintForRow(0)
        more = max(0, hidden_rows + 1) * controls.sizeHintForRow(0)
        screen = self.screen().availableGeometry().height() if self.screen() else self.height()
        self.resize(self.width(), min(self.height() + more, screen - SCREEN_ROOM))

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
            scene=(scene := self.scene_choice.currentData()),
            substep=self.substep if scene == "step" else 1,
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
