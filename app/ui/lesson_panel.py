"""The step-through lesson: one training step told sub-step by sub-step.

The window hands in a planned ``LessonStep`` (app/core/lesson.py); the teacher walks it with
Previous / Next (← / →) or auto-play. Every move emits the ``LessonFrame`` to show, so the
network graph can draw what the class may see now. Next on the last sub-step ("update") asks
the window to take the step for real (``step_finished``) and waits for the next plan.

The nudges table holds each example's wanted change of every output neuron, −dC/da[L], and
for a batch their average, which is what the update uses.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.lesson import LessonFrame, LessonStep
from app.ui import theme
from app.ui.flow_layout import FlowLayout
from app.ui.i18n import join_sentences

#: Seconds per sub-step during auto-play: the slowest a teacher talks over, the fastest a
#: class still follows.
PACE_RANGE = (0.5, 5.0)
DEFAULT_PACE = 2.0


#: Rows of the nudges table shown without scrolling; a larger batch scrolls.
TABLE_ROWS_SHOWN = 12


def signed(value: float) -> str:
    """``+0.83`` / ``−1.07`` / ``−0.006``: short enough for ten columns in a side panel; the
    sign is the message (up or down), so it is always written."""
    value = float(value)
    if value == 0.0:
        return "0"
    # A small number keeps one significant digit (its cell's tooltip has six).
    text = f"{value:+.2f}" if abs(value) >= 0.1 else f"{value:+.1g}"
    return text.replace("-", "−")


def size(value: float) -> str:
    return f"{abs(float(value)):.3g}"


def _tint(value: float, scale: float) -> QColor:
    """Blue for positive, orange for negative, over white; the larger, the stronger."""
    if value == 0.0 or scale <= 0.0 or not np.isfinite(value):
        return QColor("#ffffff")
    strength = 0.15 + 0.6 * min(abs(value) / scale, 1.0)
    rgb = QColor(theme.POSITIVE if value > 0 else theme.NEGATIVE)
    mix = [round(255 + (c - 255) * strength) for c in (rgb.red(), rgb.green(), rgb.blue())]
    return QColor(*mix)


class LessonPanel(QWidget):
    """Names the sub-step, says in a sentence or two what the class sees, and steps.

    ``frame_changed(LessonFrame)`` on every change of sub-step (``show_step`` included);
    ``step_finished()`` when Next is pressed on "update"; ``closed()`` from the Leave button.
    """

    frame_changed = Signal(object)
    step_finished = Signal()
    closed = Signal()
    #: Every text was set again in the current language.
    retranslated = Signal()

    #: Whether the table is always on screen with the error (the stage's step-through): the
    #: explanation then leaves the first example's wanted nudges to the table.
    numbers_in_table = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step: LessonStep | None = None
        self._index = 0
        #: Where a step starts (0: "forward 1"); a lesson's stop may open further on.
        self.first_index = 0
        # After step_finished the real step is the window's to take; a second Next before the
        # next plan arrives would ask for it twice.
        self._waiting = False

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.table_caption = QLabel()
        self.table_caption.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cell_font = self.table.font()
        cell_font.setPointSizeF(max(cell_font.pointSizeF() - 1.0, 8.0))
        self.table.setFont(cell_font)

        style = self.style()
        self.previous_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), ""
        )
        self.previous_button.clicked.connect(self.previous_substep)
        self.next_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), ""
        )
        self.next_button.clicked.connect(self.next_substep)
        self.position_label = QLabel()
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Standard icons, not ▶/⏸ characters: many fonts lack those glyphs.
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.auto_play_button = QPushButton(self._play_icon, "")
        self.auto_play_button.setCheckable(True)
        self.auto_play_button.toggled.connect(self.set_auto_play)
        self.pace_title = QLabel()
        self.pace_box = QDoubleSpinBox()
        self.pace_box.setRange(*PACE_RANGE)
        self.pace_box.setSingleStep(0.5)
        self.pace_box.setDecimals(1)
        self.pace_box.setValue(DEFAULT_PACE)
        self.pace_box.valueChanged.connect(self._pace_changed)
        self.leave_button = QPushButton()
        self.leave_button.clicked.connect(self._leave)

        self.timer = QTimer(self)
        self.timer.setInterval(round(DEFAULT_PACE * 1000))
        self.timer.timeout.connect(self._tick)

        steps_row = QHBoxLayout()
        steps_row.addWidget(self.previous_button)
        steps_row.addWidget(self.position_label, 1)
        steps_row.addWidget(self.next_button)
        # Wraps in a narrow tab, so the panel never needs more width than its widest button
        # and the explanations wrap to the width the window gives them.
        play_row = FlowLayout(spacing=8)
        play_row.addWidget(self.auto_play_button)
        play_row.addWidget(self.pace_title)
        play_row.addWidget(self.pace_box)
        play_row.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table_caption)
        layout.addWidget(self.table)
        layout.addStretch(1)
        layout.addLayout(steps_row)
        layout.addLayout(play_row)
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """Font sizes for the current look (presenter mode scales them)."""
        title_font = QFont(self.font())
        title_font.setPointSizeF(theme.pt(15))
        title_font.setBold(True)
        self.title.setFont(title_font)
        explanation_font = QFont(self.font())
        explanation_font.setPointSizeF(theme.pt(12))
        self.explanation.setFont(explanation_font)

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Back one sub-step (←)"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(
            self.tr("On one sub-step (→); on the last one the step is taken for real")
        )
        self.auto_play_button.setText(self.tr("Auto-play"))
        self.auto_play_button.setToolTip(
            self.tr("Walk through the sub-steps by itself, at the pace set on the right")
        )
        self.pace_title.setText(self.tr("Pace:"))
        self.pace_box.setSuffix(self.tr(" s per sub-step"))
        self.pace_box.setToolTip(self.tr("How long auto-play stays on each sub-step"))
        self.leave_button.setText(self.tr("Leave step-through"))
        self.leave_button.setToolTip(self.tr("Back to normal training; this step is not taken"))
        self._render()
        self.retranslated.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------------

    def show_step(self, step: LessonStep) -> None:
        """Start walking ``step`` at sub-step ``first_index`` ("forward 1" unless a lesson's
        stop asks for another; past the step's last, its last)."""
        self._step = step
        self._index = min(self.first_index, len(step) - 1)
        self._waiting = False
        if self.timer.isActive():
            self.timer.start()  # the first sub-step gets its whole pace too
        self._render()
        self.frame_changed.emit(step.frame(self._index))

    def clear(self) -> None:
        """No step to show (e.g. the planned step would diverge); auto-play stops."""
        self._step = None
        self._index = 0
        self._waiting = False
        self.set_auto_play(False)
        self._render()

    def step(self) -> LessonStep | None:
        return self._step

    def current_frame(self) -> LessonFrame | None:
        return None if self._step is None else self._step.frame(self._index)

    @property
    def waiting_for_step(self) -> bool:
        """True after ``step_finished`` until the next ``show_step``."""
        return self._waiting

    @property
    def auto_playing(self) -> bool:
        return self.timer.isActive()

    @property
    def pace(self) -> float:
        """Seconds per sub-step during auto-play."""
        return self.pace_box.value()

    def set_pace(self, seconds: float) -> None:
        self.pace_box.setValue(seconds)  # clamps to PACE_RANGE; _pace_changed follows

    def next_substep(self) -> None:
        """One sub-step on; on "update" it emits ``step_finished`` (once) instead."""
        if self._step is None or self._waiting:
            return
        if self._index == len(self._step) - 1:
            self._waiting = True
            self._render()
            self.step_finished.emit()
            return
        self._go(self._index + 1)

    def previous_substep(self) -> None:
        if self._step is None or self._waiting or self._index == 0:
            return
        self._go(self._index - 1)

    def set_auto_play(self, on: bool) -> None:
        on = bool(on)
        if on != self.timer.isActive():
            if on:
                self.timer.start()
            else:
                self.timer.stop()
        if self.auto_play_button.isChecked() != on:
            self.auto_play_button.blockSignals(True)
            self.auto_play_button.setChecked(on)
            self.auto_play_button.blockSignals(False)
        self.auto_play_button.setIcon(self._pause_icon if on else self._play_icon)

    def nudges_table_values(self) -> np.ndarray:
        """What the table shows, (rows, n_L): one row per example, then the average if B > 1,
        then at "update" the output biases' change. Empty before the "error" sub-step."""
        rows, cols = self.table.rowCount(), self.table.columnCount()
        if not self.table.isVisibleTo(self) or rows == 0:
            return np.empty((0, cols))
        return np.array(
            [
                [self.table.item(r, c).data(Qt.ItemDataRole.UserRole) for c in range(cols)]
                for r in range(rows)
            ],
            dtype=float,
        )

    # -- internals ---------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        self._index = index
        self._render()
        self.frame_changed.emit(self._step.frame(index))

    def _tick(self) -> None:
        self.next_substep()

    def _pace_changed(self, seconds: float) -> None:
        self.timer.setInterval(round(seconds * 1000))

    def _leave(self) -> None:
        self.set_auto_play(False)
        self.closed.emit()

    def _render(self) -> None:
        step = self._step
        has_step = step is not None
        self.previous_button.setEnabled(has_step and not self._waiting and self._index > 0)
        self.next_button.setEnabled(has_step and not self._waiting)
        if step is None:
            self.title.setText(self.tr("Step-through"))
            self.explanation.setText(
                self.tr("Planning the next step: the lesson starts as soon as it is ready.")
            )
            self.position_label.setText("")
            self.table_caption.hide()
            self.table.hide()
            return
        frame = step.frame(self._index)
        self.position_label.setText(
            self.tr("sub-step %1 of %2")
            .replace("%1", str(self._index + 1))
            .replace("%2", str(len(step)))
        )
        self.title.setText(self._title(step, frame))
        if self._waiting:
            self.explanation.setText(self.tr("Taking the step for real…"))
        else:
            self.explanation.setText(self._explain(step, frame))
        self._fill_table(step, frame)

    def _title(self, step: LessonStep, frame: LessonFrame) -> str:
        sub = frame.substep
        if sub.kind == "forward":
            return (
                self.tr("Forward: layer %1 of %2")
                .replace("%1", str(sub.layer))
                .replace("%2", str(step.n_layers))
            )
        if sub.kind == "error":
            return self.tr("Error")
        if sub.kind == "backward":
            return self.tr("Backward: weight layer %1").replace("%1", str(sub.layer))
        return self.tr("Update")

    def _explain(self, step: LessonStep, frame: LessonFrame) -> str:
        """One or two plain sentences: what the class sees at this sub-step."""
        sub = frame.substep
        batch = len(step.labels)
        digit = str(int(step.labels[0]))
        parts: list[str] = []
        if sub.kind == "forward":
            if sub.layer < step.n_layers:
                parts.append(
                    self.tr(
                        "Layer %1 fills in. Each neuron adds up what comes in, each input times "
                        "its weight, adds its bias (z = Σ w·a + b) and passes the sum through its "
                        "activation: a = f(z). Hover a neuron for its numbers."
                    ).replace("%1", str(sub.layer))
                )
            else:
                answer = str(int(np.argmax(step.activations[-1][0])))
                parts.append(
                    self.tr(
                        "The output layer fills in: the network reads this example as a %1; "
                        "it is a %2."
                    )
                    .replace("%1", answer)
                    .replace("%2", digit)
                )
            if batch > 1:
                parts.append(
                    self.tr(
                        "All %1 examples of the batch go through the same way; "
                        "the graph shows the first."
                    ).replace("%1", str(batch))
                )
        elif sub.kind == "error":
            parts.append(self._error_sentence(step))
            if batch > 1:
                parts.append(
                    self.tr(
                        "Each of the %1 examples wants its own digit up and the others down; "
                        "the table lists them all. The update will use their average "
                        "(the bold row)."
                    ).replace("%1", str(batch))
                )
        elif sub.kind == "backward":
            if sub.layer > 1:
                parts.append(
                    self.tr(
                        "The error flows back through weight layer %1. Its edges now show their "
                        "gradient dC/dw: how much the loss grows as each weight grows. The "
                        "neurons of layer %2 get their nudges dC/da, gathered from every neuron "
                        "they feed."
                    )
                    .replace("%1", str(sub.layer))
                    .replace("%2", str(sub.layer - 1))
                )
            else:
                parts.append(
                    self.tr(
                        "The error reaches the first weight layer: its edges show their "
                        "gradient dC/dw. The input pixels get no nudge: they are the data, "
                        "which training does not change."
                    )
                )
            if batch > 1:
                parts.append(
                    self.tr("Every gradient is the average over the %1 examples.").replace(
                        "%1", str(batch)
                    )
                )
        else:
            parts.append(self._update_sentence(step, batch))
            parts.append(
                self.tr(
                    "The five-step panel shows it for the selected weights. "
                    "Next (→) takes this step for real."
                )
            )
        return join_sentences(parts)

    def _error_sentence(self, step: LessonStep) -> str:
        """The first example's wish, with the size of every wanted nudge."""
        digit = int(step.labels[0])
        wanted = np.asarray(step.wanted[0], dtype=float)
        if len(step.labels) > 1:
            head = self.tr("The first example is a %1: it wants output %1 up and the others down.")
        else:
            head = self.tr("This example is a %1: it wants output %1 up and the others down.")
        head = head.replace("%1", str(digit))
        if step.architecture.loss == "cross_entropy":
            detail = (
                self.tr(
                    "With cross-entropy only output %1 is pushed directly, up by %2 (= 1/a); "
                    "the softmax pulls the others down as it rises."
                )
                .replace("%1", str(digit))
                .replace("%2", size(wanted[digit]))
            )
        elif self.numbers_in_table:
            return head  # the table's first row lists the same numbers
        else:
            others = ", ".join(f"{j}: {size(wanted[j])}" for j in range(len(wanted)) if j != digit)
            detail = (
                self.tr("Wanted nudges, 2(y − a): output %1 up by %2; the others down by %3.")
                .replace("%1", str(digit))
                .replace("%2", size(wanted[digit]))
                .replace("%3", others)
            )
        return join_sentences([head, detail])

    def _update_sentence(self, step: LessonStep, batch: int) -> str:
        eta = f"{step.learning_rate:.4g}"
        optimizer = step.hyper.optimizer
        if optimizer == "momentum":
            text = self.tr(
                "Every weight moves by η × (−gradient), η = %1, plus a share of its previous "
                "move (momentum)."
            )
        elif optimizer == "adam":
            text = self.tr(
                "Every weight moves by η × (−gradient), η = %1, with Adam scaling each "
                "weight's step by the history of its own gradients."
            )
        elif batch > 1:
            text = self.tr(
                "Every weight moves by η × (−average gradient), η = %1: the average over the "
                "%2 examples, as the bold row averages their wanted changes."
            )
        else:
            text = self.tr(
                "Every weight moves by η × (−gradient), η = %1: downhill, further where the "
                "gradient is larger."
            )
        return text.replace("%1", eta).replace("%2", str(batch))

    def _fill_table(self, step: LessonStep, frame: LessonFrame) -> None:
        visible = frame.error_shown
        self.table.setVisible(visible)
        self.table_caption.setVisible(visible)
        if not visible:
            return
        batch, n_out = step.wanted.shape
        rows = [np.asarray(step.wanted[b], dtype=float) for b in range(batch)]
        headers = [
            self.tr("#%1: a %2").replace("%1", str(b + 1)).replace("%2", str(int(step.labels[b])))
            for b in range(batch)
        ]
        tips = [self.tr("Training example %1").replace("%1", str(int(i))) for i in step.indices]
        bold_rows = set()
        # One example has no average to show: it would repeat its own row, and that row is
        # already what the update uses.
        if batch > 1:
            bold_rows.add(len(rows))
            rows.append(np.asarray(step.mean_wanted, dtype=float))
            headers.append(self.tr("average"))
            tips.append(self.tr("The batch's average wanted change: what the update uses"))
        update = frame.substep.kind == "update"
        if update:
            _, b0, b1 = step.architecture.offsets[-1]
            rows.append(np.asarray(step.change[b0:b1], dtype=float))
            headers.append(self.tr("Δ bias"))
            tips.append(
                self.tr(
                    "How much each output bias really moves: η × (−gradient), the wanted "
                    "changes pushed through each neuron's slope and averaged"
                )
            )
        caption = [self.tr("Wanted change of each output neuron, −dC/da: blue up, orange down.")]
        if batch > 1:
            caption.append(self.tr("The bold row is their average."))
        if update:
            caption.append(self.tr("Last row: how much each output bias moves now."))
        self.table_caption.setText(join_sentences(caption))

        self.table.setRowCount(len(rows))
        self.table.setColumnCount(n_out)
        self.table.setHorizontalHeaderLabels([str(j) for j in range(n_out)])
        for r, (header, tip) in enumerate(zip(headers, tips, strict=True)):
            item = QTableWidgetItem(header)
            item.setToolTip(tip)
            if r in bold_rows:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setVerticalHeaderItem(r, item)
        wanted_scale = float(np.max(np.abs(step.wanted))) if step.wanted.size else 0.0
        for r, values in enumerate(rows):
            scale = wanted_scale
            if update and r == len(rows) - 1:
                scale = float(np.max(np.abs(values))) if len(values) else 0.0
            for j, value in enumerate(values):
                cell = QTableWidgetItem(signed(value))
                cell.setData(Qt.ItemDataRole.UserRole, float(value))
                cell.setToolTip(f"{float(value):.6g}".replace("-", "−"))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setBackground(QBrush(_tint(float(value), scale)))
                cell.setForeground(QBrush(QColor("#181818")))
                if r in bold_rows or (r < batch and j == int(step.labels[r])):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(r, j, cell)
        self.fit_table_height()

    def fit_table_height(self) -> None:
        """As tall as its rows shown (up to ``TABLE_ROWS_SHOWN``): no empty grid under a
        short table. Rows hidden (the stage leaves some out) take no room."""
        table = self.table
        visible = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
        shown = visible[:TABLE_ROWS_SHOWN]
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in shown)
        if len(visible) > len(shown):
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height)
