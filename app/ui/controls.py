"""Training controls: play, step, reset, speed, and every hyperparameter.

The panel sends commands (``command_requested``); it never touches the model. A change of
layer sizes resets the weights, so it goes out as ``architecture_change_requested`` for the
window to confirm with the teacher first.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
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
        self.play_button = QPushButton(self._play_icon, self.tr("Play"))
        self.play_button.setToolTip(self.tr("Train continuously (Space). Press again to pause."))
        self.play_button.clicked.connect(self._toggle_play)
        self.step_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), self.tr("Step")
        )
        self.step_button.setToolTip(
            self.tr("Take one step (→): one example, one mini-batch, or the rest of the epoch.")
        )
        self.step_button.clicked.connect(self.request_step)
        self.granularity = QComboBox()
        self.granularity.addItem(self.tr("one example"), "example")
        self.granularity.addItem(self.tr("one mini-batch"), "batch")
        self.granularity.addItem(self.tr("one epoch"), "epoch")
        self.granularity.setCurrentIndex(1)
        self.granularity.setToolTip(self.tr("How much one Step learns from."))
        self.reset_button = QPushButton(self.tr("Reset weights"))
        self.reset_button.setToolTip(
            self.tr("Start again from random (seeded) weights: the untrained network.")
        )
        self.reset_button.clicked.connect(lambda: self.command_requested.emit(cmd.Reset()))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setToolTip(self.tr("Speed limit: slow motion for explaining, or full speed."))
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(self._speed_changed)

        run_box = QGroupBox(self.tr("Training"))
        run = QVBoxLayout(run_box)
        row = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.step_button)
        run.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Each step learns from")))
        row.addWidget(self.granularity, 1)
        run.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Speed")))
        row.addWidget(self.speed, 1)
        row.addWidget(self.speed_label)
        run.addLayout(row)
        run.addWidget(self.reset_button)

        # -- hyperparameters ----------------------------------------------------------------
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, LR_TICKS)
        self.lr_slider.setToolTip(
            self.tr(
                "Learning rate η: how far each step moves. Too small crawls; too large "
                "overshoots. Try 10 and watch the loss."
            )
        )
        self.lr_label = QLabel()
        self.lr_label.setMinimumWidth(60)
        self.lr_slider.valueChanged.connect(self._lr_moved)
        self.lr_slider.sliderReleased.connect(self._send_hyper)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1024)
        self.batch_size.setToolTip(
            self.tr("Examples averaged per step. 1 is noisy; larger is smoother but slower.")
        )
        self.batch_size.valueChanged.connect(self._send_hyper)
        self.optimizer = QComboBox()
        for name, label in (
            ("gd", self.tr("gradient descent")),
            ("momentum", self.tr("momentum")),
            ("adam", self.tr("Adam")),
        ):
            self.optimizer.addItem(label, name)
        self.optimizer.setToolTip(self.tr("How a gradient becomes a change of the weights."))
        self.optimizer.currentIndexChanged.connect(self._send_hyper)

        hyper_box = QGroupBox(self.tr("Hyperparameters"))
        form = QFormLayout(hyper_box)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_label)
        form.addRow(self.tr("Learning rate"), lr_row)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Optimizer"), self.optimizer)

        # -- network ---------------------------------------------------------------------------
        self.activation = QComboBox()
        for name in ("sigmoid", "relu", "tanh"):
            self.activation.addItem(name, name)
        self.activation.setToolTip(self.tr("How each hidden neuron squashes its weighted sum."))
        self.loss = QComboBox()
        self.loss.addItem(self.tr("squared error (sigmoid outputs)"), "mse")
        self.loss.addItem(self.tr("cross-entropy (softmax outputs)"), "cross_entropy")
        self.loss.setToolTip(self.tr("How wrong an answer counts."))
        self.activation.currentIndexChanged.connect(self._send_functions)
        self.loss.currentIndexChanged.connect(self._send_functions)
        self.hidden_spins: list[QSpinBox] = []
        self.hidden_row = QHBoxLayout()
        self.add_layer_button = QPushButton(self.tr("+ layer"))
        self.add_layer_button.setToolTip(self.tr("Add a hidden layer (up to 4)."))
        self.add_layer_button.clicked.connect(self._add_layer)
        self.remove_layer_button = QPushButton(self.tr("− layer"))
        self.remove_layer_button.setToolTip(self.tr("Remove the last hidden layer."))
        self.remove_layer_button.clicked.connect(self._remove_layer)
        self.apply_layers_button = QPushButton(self.tr("Apply layers…"))
        self.apply_layers_button.setToolTip(
            self.tr("Rebuild the network with these hidden layers (asks first: weights reset).")
        )
        self.apply_layers_button.clicked.connect(self._request_layers)
        self.parameter_count = QLabel()

        net_box = QGroupBox(self.tr("Network"))
        net = QFormLayout(net_box)
        net.addRow(self.tr("Activation"), self.activation)
        net.addRow(self.tr("Loss"), self.loss)
        layers = QVBoxLayout()
        layers.addLayout(self.hidden_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_layer_button)
        buttons.addWidget(self.remove_layer_button)
        layers.addLayout(buttons)
        layers.addWidget(self.apply_layers_button)
        net.addRow(self.tr("Hidden layers"), layers)
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
        layout.addWidget(run_box)
        layout.addWidget(hyper_box)
        layout.addWidget(net_box)
        layout.addStretch(1)
        self._show_hyper(self._hyper)
        self._show_architecture(self._architecture)
        self._speed_changed(self.speed.value())

    # -- from the window ---------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.running != self._running:
            self._running = snapshot.running
            self.play_button.setText(self.tr("Pause") if self._running else self.tr("Play"))
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

    def _speed_changed(self, index: int) -> None:
        limit = SPEEDS[index]
        self.speed_label.setText(
            self.tr("unlimited") if limit is None else self.tr("%n step(s)/s", "", int(limit))
        )
        self.command_requested.emit(cmd.SetSpeedLimit(limit))

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
        count = Architecture(sizes).n_parameters
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
