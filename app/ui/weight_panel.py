"""A weight set by hand: a slider to drag it, a box to type it, and what it did to the loss.

Laid over the bottom of a network graph when an edge is clicked (``app.ui.weight_editor``
places it and talks to the worker):

    w2[3,0]  [━━━━━━━●━━━━━━━]  [ 0.5210 ]  [Undo]  [×]
    Δw        predicted Δloss (gradient × Δw)     real Δloss (batch of 32)
    +0.001    −1.23 × 10⁻⁵                         −1.22 × 10⁻⁵

The slider reaches ``SLIDER_REACH`` either side of the value the edge had when it was chosen
(a new choice, a typed value or an Undo centres it again); the box takes any value within
``MAX_HAND_WEIGHT``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QWidget,
)

from app.core.weight_nudge import WeightNudge

# The slider's reach either side of where it starts: the pretrained weights lie within ±7.2
# (measured), most within ±1, so ±2 moves a typical weight across its whole useful range.
SLIDER_REACH = 2.0
# Slider positions per unit of weight: one step is Δw = 10⁻³, the nudge the tests measure.
TICKS_PER_UNIT = 1000
# The typed box's limits: past ±50 every sigmoid the weight feeds is saturated for any
# pixel above 0.1 (z > 5), so a larger value shows nothing new.
MAX_HAND_WEIGHT = 50.0
MINUS = "\u2212"


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def signed(x: float) -> str:
    """A change as a class reads it: its sign always, 3 significant digits, a true minus,
    powers of ten as on a board (−1.23 × 10⁻⁵)."""
    if x == 0.0:
        return "0"
    text = f"{x:+.3g}"
    if "e" in text:
        mantissa, power = text.split("e")
        text = f"{mantissa} × 10{str(int(power)).translate(_SUPERSCRIPTS)}"
    return text.replace("-", MINUS)


class WeightPanel(QFrame):
    """The controls for one weight. Signals: ``value_chosen(value, continues)`` (a drag that
    goes on sends ``continues`` True after its first move), ``drag_ended()``,
    ``undo_requested()``, ``closed()``."""

    value_chosen = Signal(float, bool)
    drag_ended = Signal()
    undo_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.index = -1
        self.centre = 0.0
        # The weight as the last snapshot has it (the box shows it rounded).
        self.value = 0.0
        self._moved_in_drag = False
        self._nudge: WeightNudge | None = None
        self.name = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        reach = round(SLIDER_REACH * TICKS_PER_UNIT)
        self.slider.setRange(-reach, reach)
        self.slider.setMinimumWidth(140)
        self.box = QDoubleSpinBox()
        self.box.setRange(-MAX_HAND_WEIGHT, MAX_HAND_WEIGHT)
        self.box.setDecimals(4)
        self.box.setSingleStep(1.0 / TICKS_PER_UNIT)
        self.box.setKeyboardTracking(False)  # a typed number goes when Return is pressed
        self.undo_button = QToolButton()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.change = QLabel()
        self.predicted = QLabel()
        self.real = QLabel()
        for label in (self.change, self.predicted, self.real):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_head, self.predicted_head, self.real_head = QLabel(), QLabel(), QLabel()
        row = QHBoxLayout()
        for widget, stretch in (
            (self.name, 0),
            (self.slider, 1),
            (self.box, 0),
            (self.undo_button, 0),
            (self.close_button, 0),
        ):
            row.addWidget(widget, stretch)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(0)
        grid.setHorizontalSpacing(18)  # the three numbers apart, each under its heading
        grid.addLayout(row, 0, 0, 1, 3)
        # Side by side: what the gradient predicts and what really happened.
        for column, (head, value) in enumerate(
            ((self.change_head, self.change), (self.predicted_head, self.predicted),
             (self.real_head, self.real))
        ):  # fmt: skip
            grid.addWidget(head, 1, column)
            grid.addWidget(value, 2, column)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.slider.sliderPressed.connect(self._drag_started)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self._drag_finished)
        self.box.valueChanged.connect(self._typed)
        self.undo_button.clicked.connect(self.undo_requested)
        self.close_button.clicked.connect(self._close)
        # Ctrl+Z (the platform's Undo) while the panel has the focus: the drawing pad keeps
        # its own Ctrl+Z for strokes while it has the focus.
        self.undo_key = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_key.activated.connect(self.undo_requested)
        self.show_nudge(None, 0)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last weight set by hand (Ctrl+Z)"))
        self.close_button.setToolTip(self.tr("Close"))
        self.slider.setToolTip(
            self.tr("Drag to set this weight by hand; training pauses while you do.")
        )
        self.box.setToolTip(self.tr("Type a value for this weight and press Return."))
        self._texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- what the editor tells it ------------------------------------------------------------

    def choose(self, index: int, name: str, value: float) -> None:
        """Show parameter ``index`` (named ``name``) at ``value``; the slider centres on it."""
        self.index = index
        self.name.setText(name)
        self.centre = float(value)
        self._nudge = None
        self.show_value(value, recentre=True)
        self._texts()

    def dragging(self) -> bool:
        return self.slider.isSliderDown()

    def show_value(self, value: float, recentre: bool = False) -> None:
        """The weight as it is now; the slider follows unless it is being dragged."""
        self.value = float(value)
        if recentre or abs(value - self.centre) > SLIDER_REACH:
            self.centre = float(value)
        if round(value, self.box.decimals()) != self.box.value():
            # Only a new value: setting the same one would wipe a number being typed.
            self.box.blockSignals(True)
            self.box.setValue(value)
            self.box.blockSignals(False)
        if not self.dragging():
            self.slider.blockSignals(True)
            self.slider.setValue(round((value - self.centre) * TICKS_PER_UNIT))
            self.slider.blockSignals(False)

    def show_nudge(self, nudge: WeightNudge | None, undo_depth: int) -> None:
        """The last edit's predicted and real change of the loss (blank without one)."""
        self._nudge = nudge
        self.undo_button.setEnabled(undo_depth > 0)
        self.undo_key.setEnabled(undo_depth > 0)
        self._texts()

    def _texts(self) -> None:
        nudge = self._nudge
        blank = "–"
        self.change.setText(blank if nudge is None else signed(nudge.delta))
        self.predicted.setText(blank if nudge is None else signed(nudge.predicted))
        self.real.setText(blank if nudge is None else signed(nudge.real))
        batch = "…" if nudge is None else str(nudge.batch_size)
        self.change_head.setText(self.tr("Δw"))
        self.predicted_head.setText(self.tr("predicted Δloss (gradient × Δw)"))
        self.real_head.setText(self.tr("real Δloss (batch of %1)").replace("%1", batch))

    # -- what the teacher does -----------------------------------------------------------------

    def _value_at(self, tick: int) -> float:
        return self.centre + tick / TICKS_PER_UNIT

    def _drag_started(self) -> None:
        self._moved_in_drag = False

    def _slider_moved(self, tick: int) -> None:
        value = self._value_at(tick)
        continues = self.dragging() and self._moved_in_drag
        self._moved_in_drag = self.dragging()
        self.box.blockSignals(True)
        self.box.setValue(value)
        self.box.blockSignals(False)
        self.value_chosen.emit(value, continues)
        if not self.dragging():
            self.drag_ended.emit()  # a key or a click on the groove: one step, done

    def _drag_finished(self) -> None:
        self._moved_in_drag = False
        self.drag_ended.emit()

    def _typed(self, value: float) -> None:
        self.show_value(value, recentre=True)
        self.value_chosen.emit(value, False)
        self.drag_ended.emit()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
