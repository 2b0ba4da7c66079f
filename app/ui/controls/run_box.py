"""The "Training" box: Play/Pause, Step and what one step learns from, the speed limit, Reset."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.training import commands as cmd
from app.ui.controls.common import let_shrink, set_items, translate

#: Speed limits in steps per second; None = as fast as the machine goes.
SPEEDS: tuple[float | None, ...] = (1, 2, 5, 10, 30, 100, None)
#: Play's speed at the start: a pace a class can follow. Unlimited ran 1,700–6,000 steps/s and
#: the whole visible learning was over in the first second, before anyone could look.
DEFAULT_SPEED = 30


class RunBox(QGroupBox):
    """Play, step and reset; sends ``Play``, ``Pause``, ``Step`` and ``SetSpeedLimit``.

    ``speed_text(limit)`` words a speed limit (steps per second, None for unlimited): the
    panel's, as its plural form ("%n step(s)/s") is recorded by lupdate only from a ``tr``
    in the class whose context the text has, ``ControlsPanel``. Reset only asks
    (``reset_requested``): the window confirms with the teacher first.
    """

    command_requested = Signal(object)
    reset_requested = Signal()

    def __init__(
        self, speed_text: Callable[[float | None], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._speed_text = speed_text
        self.running = False
        # Standard icons, not ▶/⏸ characters: many fonts lack those glyphs (seen: a box).
        self._play_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play_button = QPushButton(self._play_icon, "")
        self.play_button.clicked.connect(self.toggle_play)
        self.step_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), ""
        )
        self.step_button.clicked.connect(self.request_step)
        self.granularity = QComboBox()
        for data in ("example", "batch", "epoch"):
            self.granularity.addItem("", data)
        self.granularity.setCurrentIndex(1)
        let_shrink(self.granularity)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_requested)  # the window asks first
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(SPEEDS.index(DEFAULT_SPEED))
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(self._speed_changed)
        self.full_speed = QPushButton()  # unlimited, one click away
        self.full_speed.clicked.connect(lambda: self.speed.setValue(len(SPEEDS) - 1))
        self._lay_out()
        self.retranslate_ui()

    def _lay_out(self) -> None:
        run = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.step_button)
        run.addLayout(row)
        row = QHBoxLayout()
        self.granularity_label = QLabel()
        row.addWidget(self.granularity_label)
        row.addWidget(self.granularity, 1)
        run.addLayout(row)
        row = QHBoxLayout()
        self.speed_title = QLabel()
        row.addWidget(self.speed_title)
        row.addWidget(self.speed, 1)
        row.addWidget(self.speed_label)
        row.addWidget(self.full_speed)
        run.addLayout(row)
        run.addWidget(self.reset_button)

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the box's texts in the current language (at the start and on a language change).

        Every control's tooltip says what it does and what to try with it.
        """
        self.setTitle(translate("ControlsPanel", "Training"))
        self._show_play_text()
        self.play_button.setToolTip(
            translate(
                "ControlsPanel",
                "Train continuously (Space); press again to pause. Try it at 1 step/s to "
                "narrate each step, then at full speed to watch the loss fall.",
            )
        )
        self.step_button.setText(translate("ControlsPanel", "Step"))
        self.step_button.setToolTip(
            translate(
                "ControlsPanel",
                "Take one step (→): one example, one mini-batch, or the rest of the epoch. "
                "Try one example and watch which weights move.",
            )
        )
        self.granularity_label.setText(translate("ControlsPanel", "Each step learns from"))
        self._retranslate_granularity()
        self.speed_title.setText(translate("ControlsPanel", "Speed"))
        self.speed.setToolTip(
            translate(
                "ControlsPanel",
                "Speed limit of Play. Try 1 step/s while explaining the five numbers; "
                "unlimited to train in earnest.",
            )
        )
        self._show_speed(self.speed.value())
        self.full_speed.setText(translate("ControlsPanel", "Full speed"))
        self.full_speed.setToolTip(
            translate(
                "ControlsPanel",
                "Train as fast as this computer can. Try it after a few slow steps: the "
                "loss falls in seconds",
            )
        )
        self.reset_button.setText(translate("ControlsPanel", "Reset weights"))
        self.reset_button.setToolTip(
            translate(
                "ControlsPanel",
                "Start again from random (seeded) weights: the untrained network. Try it "
                "after changing the learning rate to compare two runs from the same start.",
            )
        )

    def _retranslate_granularity(self) -> None:
        set_items(
            self.granularity,
            {
                "example": translate("ControlsPanel", "one example"),
                "batch": translate("ControlsPanel", "one mini-batch"),
                "epoch": translate("ControlsPanel", "one epoch"),
            },
        )
        self.granularity.setToolTip(
            translate(
                "ControlsPanel",
                "How much one Step learns from. Try one example to see a single digit pull "
                "the weights, then one epoch to see the whole data set at once.",
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- from the panel --------------------------------------------------------------------------

    def show_running(self, running: bool) -> None:
        """Show Pause while training runs, Play while it does not."""
        self.running = running
        self._show_play_text()
        self.play_button.setIcon(self._pause_icon if running else self._play_icon)

    def toggle_play(self) -> None:
        self.command_requested.emit(cmd.Pause() if self.running else cmd.Play())

    def request_step(self) -> None:
        self.command_requested.emit(cmd.Step(self.granularity.currentData()))

    # -- internals -------------------------------------------------------------------------------

    def _show_play_text(self) -> None:
        self.play_button.setText(
            translate("ControlsPanel", "Pause")
            if self.running
            else translate("ControlsPanel", "Play")
        )

    def _speed_changed(self, index: int) -> None:
        self._show_speed(index)
        self.command_requested.emit(cmd.SetSpeedLimit(SPEEDS[index]))

    def _show_speed(self, index: int) -> None:
        self.speed_label.setText(self._speed_text(SPEEDS[index]))
