"""Training controls: play, step, reset, speed, and every hyperparameter.

The panel sends commands (``command_requested``); it never touches the model. A change of
layer sizes resets the weights, so it goes out as ``architecture_change_requested`` for the
window to confirm with the teacher first.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.network import Architecture
from app.core.training import Hyperparameters
from app.training import commands as cmd
from app.training.snapshot import Snapshot

LR_MIN_LOG, LR_MAX_LOG = -4.0, 1.0  # learning rate 0.0001 .. 10
LR_TICKS = 500
#: Speed limits in steps per second; None = as fast as the machine goes.
SPEEDS: tuple[float | None, ...] = (1, 2, 5, 10, 30, 100, None)
MAX_HIDDEN_LAYERS = 4
MAX_NEURONS = 128


def lr_to_tick(lr: float) -> int:
    frac = (math.log10(lr) - LR_MIN_LOG) / (LR_MAX_LOG - LR_MIN_LOG)
    return round(min(max(frac, 0.0), 1.0) * LR_TICKS)


def tick_to_lr(tick: int) -> float:
    value = 10 ** (LR_MIN_LOG + (LR_MAX_LOG - LR_MIN_LOG) * tick / LR_TICKS)
    # Round to 2 significant digits so the slider lands on numbers a class can read.
    return float(f"{value:.2g}")


class ControlsPanel(QWidget):
    command_requested = Signal(object)
    architecture_change_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hyper = Hyperparameters()
        self._architecture = Architecture()
        self._running = False

        # -- run --------------------------------------------------------------------------
        # Standard icons, not ▶/⏸ characters: many fonts lack those glyphs (seen: a box).
        self._play_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play_button = QPushButton(self._play_icon, "")
        self.play_button.clicked.connect(self._toggle_play)
        self.step_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), ""
        )
        self.step_button.clicked.connect(self.request_step)
        self.granularity = QComboBox()
        for data in ("example", "batch", "epoch"):
            self.granularity.addItem("", data)
        self.granularity.setCurrentIndex(1)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(lambda: self.command_requested.emit(cmd.Reset()))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(self._speed_changed)

        self.run_box = QGroupBox()
        run = QVBoxLayout(self.run_box)
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
        run.addLayout(row)
        run.addWidget(self.reset_button)

        # -- hyperparameters ----------------------------------------------------------------
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, LR_TICKS)
        self.lr_label = QLabel()
        self.lr_label.setMinimumWidth(60)
        self.lr_slider.valueChanged.connect(self._lr_moved)
        self.lr_slider.sliderReleased.connect(self._send_hyper)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1024)
        self.batch_size.valueChanged.connect(self._send_hyper)
        self.optimizer = QComboBox()
        for name in ("gd", "momentum", "adam"):
            self.optimizer.addItem("", name)
        self.optimizer.currentIndexChanged.connect(self._send_hyper)

        self.hyper_box = QGroupBox()
        form = QFormLayout(self.hyper_box)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_label)
        self.lr_title = QLabel()
        self.batch_size_title = _buddy_label(self.batch_size)
        self.optimizer_title = _buddy_label(self.optimizer)
        form.addRow(self.lr_title, lr_row)
        form.addRow(self.batch_size_title, self.batch_size)
        form.addRow(self.optimizer_title, self.optimizer)

        # -- network ---------------------------------------------------------------------------
        self.activation = QComboBox()
        for name in ("sigmoid", "relu", "tanh"):
            self.activation.addItem("", name)
        self.loss = QComboBox()
        for name in ("mse", "cross_entropy"):
            self.loss.addItem("", name)
        self.activation.currentIndexChanged.connect(self._send_functions)
        self.loss.currentIndexChanged.connect(self._send_functions)
        self.hidden_spins: list[QSpinBox] = []
        self.hidden_row = QHBoxLayout()
        self.add_layer_button = QPushButton()
        self.add_layer_button.clicked.connect(self._add_layer)
        self.remove_layer_button = QPushButton()
        self.remove_layer_button.clicked.connect(self._remove_layer)
        self.apply_layers_button = QPushButton()
        self.apply_layers_button.clicked.connect(self._request_layers)
        self.parameter_count = QLabel()

        self.net_box = QGroupBox()
        net = QFormLayout(self.net_box)
        self.activation_title = _buddy_label(self.activation)
        self.loss_title = _buddy_label(self.loss)
        net.addRow(self.activation_title, self.activation)
        net.addRow(self.loss_title, self.loss)
        layers = QVBoxLayout()
        layers.addLayout(self.hidden_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_layer_button)
        buttons.addWidget(self.remove_layer_button)
        layers.addLayout(buttons)
        layers.addWidget(self.apply_layers_button)
        self.hidden_layers_title = QLabel()
        net.addRow(self.hidden_layers_title, layers)
        net.addRow(self.parameter_count)

        # Combos as wide as their longest item would set the window's minimum width; they may
        # shrink (the list still shows every item in full) so the window fits 1280×720.
        for combo in (self.granularity, self.optimizer, self.activation, self.loss):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.run_box)
        layout.addWidget(self.hyper_box)
        layout.addWidget(self.net_box)
        layout.addStretch(1)
        self._show_hyper(self._hyper)
        self._show_architecture(self._architecture)
        self._speed_changed(self.speed.value())
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.run_box.setTitle(self.tr("Training"))
        self._show_play_text()
        self.play_button.setToolTip(self.tr("Train continuously (Space). Press again to pause."))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(
            self.tr("Take one step (→): one example, one mini-batch, or the rest of the epoch.")
        )
        self.granularity_label.setText(self.tr("Each step learns from"))
        _set_items(
            self.granularity,
            {
                "example": self.tr("one example"),
                "batch": self.tr("one mini-batch"),
                "epoch": self.tr("one epoch"),
            },
        )
        self.granularity.setToolTip(self.tr("How much one Step learns from."))
        self.speed_title.setText(self.tr("Speed"))
        self.speed.setToolTip(self.tr("Speed limit: slow motion for explaining, or full speed."))
        self._show_speed(self.speed.value())
        self.reset_button.setText(self.tr("Reset weights"))
        self.reset_button.setToolTip(
            self.tr("Start again from random (seeded) weights: the untrained network.")
        )

        self.hyper_box.setTitle(self.tr("Hyperparameters"))
        self.lr_title.setText(self.tr("Learning rate"))
        self.lr_slider.setToolTip(
            self.tr(
                "Learning rate η: how far each step moves. Too small crawls; too large "
                "overshoots. Try 10 and watch the loss."
            )
        )
        self.batch_size_title.setText(self.tr("Batch size"))
        self.batch_size.setToolTip(
            self.tr("Examples averaged per step. 1 is noisy; larger is smoother but slower.")
        )
        self.optimizer_title.setText(self.tr("Optimizer"))
        _set_items(
            self.optimizer,
            {
                "gd": self.tr("gradient descent"),
                "momentum": self.tr("momentum"),
                "adam": self.tr("Adam"),
            },
        )
        self.optimizer.setToolTip(self.tr("How a gradient becomes a change of the weights."))

        self.net_box.setTitle(self.tr("Network"))
        self.activation_title.setText(self.tr("Activation"))
        # The functions' own names, as a textbook writes them.
        _set_items(
            self.activation,
            {"sigmoid": self.tr("sigmoid"), "relu": self.tr("relu"), "tanh": self.tr("tanh")},
        )
        self.activation.setToolTip(self.tr("How each hidden neuron squashes its weighted sum."))
        self.loss_title.setText(self.tr("Loss"))
        _set_items(
            self.loss,
            {
                "mse": self.tr("squared error (sigmoid outputs)"),
                "cross_entropy": self.tr("cross-entropy (softmax outputs)"),
            },
        )
        self.loss.setToolTip(self.tr("How wrong an answer counts."))
        self.hidden_layers_title.setText(self.tr("Hidden layers"))
        for spin in self.hidden_spins:
            spin.setToolTip(self.tr("Neurons in this hidden layer (1–128)."))
        self.add_layer_button.setText(self.tr("+ layer"))
        self.add_layer_button.setToolTip(self.tr("Add a hidden layer (up to 4)."))
        self.remove_layer_button.setText(self.tr("− layer"))
        self.remove_layer_button.setToolTip(self.tr("Remove the last hidden layer."))
        self.apply_layers_button.setText(self.tr("Apply layers…"))
        self.apply_layers_button.setToolTip(
            self.tr("Rebuild the network with these hidden layers (asks first: weights reset).")
        )
        self._show_parameter_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- from the window ---------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.running != self._running:
            self._running = snapshot.running
            self._show_play_text()
            self.play_button.setIcon(self._pause_icon if self._running else self._play_icon)
        if snapshot.hyper != self._hyper:
            self._show_hyper(snapshot.hyper)
        if snapshot.architecture != self._architecture:
            self._show_architecture(snapshot.architecture)

    def request_step(self) -> None:
        self.command_requested.emit(cmd.Step(self.granularity.currentData()))

    def toggle_play(self) -> None:
        self._toggle_play()

    # -- internals ---------------------------------------------------------------------------

    def _toggle_play(self) -> None:
        self.command_requested.emit(cmd.Pause() if self._running else cmd.Play())

    def _show_play_text(self) -> None:
        self.play_button.setText(self.tr("Pause") if self._running else self.tr("Play"))

    def _speed_changed(self, index: int) -> None:
        self._show_speed(index)
        self.command_requested.emit(cmd.SetSpeedLimit(SPEEDS[index]))

    def _show_speed(self, index: int) -> None:
        limit = SPEEDS[index]
        self.speed_label.setText(
            self.tr("unlimited") if limit is None else self.tr("%n step(s)/s", "", int(limit))
        )

    def _lr_moved(self, tick: int) -> None:
        self.lr_label.setText(f"{tick_to_lr(tick):g}")
        if not self.lr_slider.isSliderDown():
            self._send_hyper()

    def _current_hyper(self) -> Hyperparameters:
        return Hyperparameters(
            learning_rate=tick_to_lr(self.lr_slider.value()),
            batch_size=self.batch_size.value(),
            optimizer=self.optimizer.currentData(),
            seed=self._hyper.seed,
        )

    def _send_hyper(self, *_args) -> None:
        hyper = self._current_hyper()
        if hyper != self._hyper:
            self._hyper = hyper
            self.command_requested.emit(cmd.SetHyperparameters(hyper))

    def _send_functions(self, *_args) -> None:
        arch = Architecture(
            self._architecture.layer_sizes, self.activation.currentData(), self.loss.currentData()
        )
        if arch != self._architecture:
            self._architecture = arch
            self.command_requested.emit(cmd.SetArchitecture(arch))

    def _hidden_sizes(self) -> tuple[int, ...]:
        return tuple(spin.value() for spin in self.hidden_spins)

    def _add_layer(self, size: int = 16) -> None:
        if len(self.hidden_spins) >= MAX_HIDDEN_LAYERS:
            return
        spin = QSpinBox()
        spin.setRange(1, MAX_NEURONS)
        spin.setValue(size if isinstance(size, int) and size > 0 else 16)
        spin.setToolTip(self.tr("Neurons in this hidden layer (1–128)."))
        spin.valueChanged.connect(self._update_layer_buttons)
        self.hidden_spins.append(spin)
        self.hidden_row.addWidget(spin)
        self._update_layer_buttons()

    def _remove_layer(self) -> None:
        if len(self.hidden_spins) <= 1:
            return
        spin = self.hidden_spins.pop()
        self.hidden_row.removeWidget(spin)
        spin.deleteLater()
        self._update_layer_buttons()

    def _update_layer_buttons(self, *_args) -> None:
        n = len(self.hidden_spins)
        self.add_layer_button.setEnabled(n < MAX_HIDDEN_LAYERS)
        self.remove_layer_button.setEnabled(n > 1)
        sizes = self._proposed_sizes()
        self.apply_layers_button.setEnabled(sizes != self._architecture.layer_sizes)
        self._show_parameter_count()

    def _show_parameter_count(self) -> None:
        count = Architecture(self._proposed_sizes()).n_parameters
        self.parameter_count.setText(self.tr("%1 weights and biases").replace("%1", f"{count:,}"))

    def _proposed_sizes(self) -> tuple[int, ...]:
        sizes = self._architecture.layer_sizes
        return (sizes[0], *self._hidden_sizes(), sizes[-1])

    def _request_layers(self) -> None:
        arch = Architecture(
            self._proposed_sizes(), self.activation.currentData(), self.loss.currentData()
        )
        self.architecture_change_requested.emit(arch)

    def _show_hyper(self, hyper: Hyperparameters) -> None:
        self._hyper = hyper
        for widget in (self.lr_slider, self.batch_size, self.optimizer):
            widget.blockSignals(True)
        self.lr_slider.setValue(lr_to_tick(hyper.learning_rate))
        self.lr_label.setText(f"{hyper.learning_rate:g}")
        self.batch_size.setValue(hyper.batch_size)
        self.optimizer.setCurrentIndex(self.optimizer.findData(hyper.optimizer))
        for widget in (self.lr_slider, self.batch_size, self.optimizer):
            widget.blockSignals(False)

    def _show_architecture(self, arch: Architecture) -> None:
        self._architecture = arch
        for widget in (self.activation, self.loss):
            widget.blockSignals(True)
        self.activation.setCurrentIndex(self.activation.findData(arch.activation))
        self.loss.setCurrentIndex(self.loss.findData(arch.loss))
        for widget in (self.activation, self.loss):
            widget.blockSignals(False)
        while self.hidden_spins:
            spin = self.hidden_spins.pop()
            self.hidden_row.removeWidget(spin)
            spin.deleteLater()
        for size in arch.layer_sizes[1:-1]:
            self._add_layer(size)
        self._update_layer_buttons()


def _buddy_label(field: QWidget) -> QLabel:
    """A form row's label, as ``QFormLayout.addRow(text, field)`` would make it."""
    label = QLabel()
    label.setBuddy(field)
    return label


def _set_items(combo: QComboBox, texts: dict[str, str]) -> None:
    """Name each item of ``combo`` by its data (the selection and the signals stay as they are)."""
    for index in range(combo.count()):
        text = texts.get(combo.itemData(index))
        if text is not None:
            combo.setItemText(index, text)
