"""Training controls: play, step, reset, speed, and every hyperparameter.

The panel sends commands (``command_requested``); it never touches the model. A change of
layer sizes resets the weights, so it goes out as ``architecture_change_requested`` for the
window to confirm with the teacher first.

Below the basic hyperparameters, a folding group holds what a class experiments with while
training: L2 weight decay, the learning-rate schedule, and data augmentation with a preview
of one image moved by the current ranges (``set_preview_image``). Every change goes out as
the same ``SetHyperparameters`` command (built in one place, ``_change``), so it applies at
the next step.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.network import Architecture
from app.core.training import (
    DEFAULT_AUGMENTATION,
    LR_SCHEDULES,
    MAX_SCHEDULE_EPOCHS,
    MAX_WEIGHT_DECAY,
    Hyperparameters,
)
from app.data.augment import (
    MAX_NOISE_STD,
    MAX_ROTATION,
    MAX_SCALE,
    MAX_SHIFT,
    MAX_THICKNESS,
    SIDE,
)
from app.errors import ConfigError
from app.training import commands as cmd
from app.training.snapshot import Snapshot
from app.ui.evaluation_view import digit_pixmap
from app.ui.i18n import ACTIVATION_NAMES

LR_MIN_LOG, LR_MAX_LOG = -4.0, 1.0  # learning rate 0.0001 .. 10
LR_TICKS = 500
#: Speed limits in steps per second; None = as fast as the machine goes.
SPEEDS: tuple[float | None, ...] = (1, 2, 5, 10, 30, 100, None)
MAX_HIDDEN_LAYERS = 4
MAX_NEURONS = 128
#: Weight decay's up/down arrows step by decades between these (below the lowest is 0, off).
DECAY_LOWEST = 1e-5
#: The augmentation preview: this many moved copies of the image, each this many pixels wide.
PREVIEW_COPIES = 3
PREVIEW_SIDE = 2 * SIDE
#: Keys of ``apply_changes`` that are not Hyperparameters fields.
ACTION_KEYS = ("augment", "reset", "activation")


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
        self.lr_slider.sliderReleased.connect(self._send_lr)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1024)
        self.batch_size.valueChanged.connect(lambda size: self._change(batch_size=size))
        self.optimizer = QComboBox()
        for name in ("gd", "momentum", "adam"):
            self.optimizer.addItem("", name)
        self.optimizer.currentIndexChanged.connect(
            lambda _index: self._change(optimizer=self.optimizer.currentData())
        )

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

        # -- experiments: weight decay, schedule, augmentation ----------------------------
        self._build_experiments()

        # Combos as wide as their longest item would set the window's minimum width; they may
        # shrink (the list still shows every item in full) so the window fits 1280×720.
        for combo in (
            self.granularity,
            self.optimizer,
            self.activation,
            self.loss,
            self.lr_schedule,
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.run_box)
        layout.addWidget(self.hyper_box)
        layout.addWidget(self.net_box)
        layout.addWidget(self.experiments_box)
        layout.addStretch(1)
        self._show_hyper(self._hyper)
        self._show_architecture(self._architecture)
        self._speed_changed(self.speed.value())
        self.retranslate_ui()

    def _build_experiments(self) -> None:
        """The folding group of weight decay, the schedule and augmentation (folded at first)."""
        self.experiments_toggle = QToolButton()
        self.experiments_toggle.setCheckable(True)
        self.experiments_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.experiments_toggle.setArrowType(Qt.ArrowType.RightArrow)
        # Ignored: the column's width decides, never this title's length in some language.
        self.experiments_toggle.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.experiments_toggle.toggled.connect(self._fold_experiments)

        self.weight_decay = DecaySpinBox()
        self.weight_decay.valueChanged.connect(
            lambda value: self._change(weight_decay=float(value))
        )
        self.lr_schedule = QComboBox()
        for name in LR_SCHEDULES:
            self.lr_schedule.addItem("", name)
        self.lr_schedule.currentIndexChanged.connect(self._schedule_chosen)
        self.lr_step_epochs = QSpinBox()
        self.lr_step_epochs.setRange(1, MAX_SCHEDULE_EPOCHS)
        self.lr_step_epochs.valueChanged.connect(lambda v: self._change(lr_step_epochs=v))
        self.lr_step_factor = _double_spin(0.01, 1.0, 0.05, 2)
        self.lr_step_factor.valueChanged.connect(lambda v: self._change(lr_step_factor=v))
        self.lr_cosine_epochs = QSpinBox()
        self.lr_cosine_epochs.setRange(1, MAX_SCHEDULE_EPOCHS)
        self.lr_cosine_epochs.valueChanged.connect(lambda v: self._change(lr_cosine_epochs=v))
        self.lr_cosine_floor = _double_spin(0.0, 1.0, 0.01, 3)
        self.lr_cosine_floor.valueChanged.connect(lambda v: self._change(lr_cosine_floor=v))

        self.augment_shift = _double_spin(0.0, MAX_SHIFT, 0.5, 1)
        self.augment_rotation = _double_spin(0.0, MAX_ROTATION, 5.0, 0)
        # Shown in percent (what a class reads), kept as a share (what Hyperparameters holds).
        self.augment_scale = _double_spin(0.0, 100.0 * MAX_SCALE, 5.0, 0)
        self.augment_thickness = _double_spin(0.0, MAX_THICKNESS, 0.25, 2)
        self.augment_noise = _double_spin(0.0, MAX_NOISE_STD, 0.05, 2)
        self.augment_shift.valueChanged.connect(lambda v: self._change(augment_shift=v))
        self.augment_rotation.valueChanged.connect(lambda v: self._change(augment_rotation=v))
        self.augment_scale.valueChanged.connect(lambda v: self._change(augment_scale=v / 100.0))
        self.augment_thickness.valueChanged.connect(lambda v: self._change(augment_thickness=v))
        self.augment_noise.valueChanged.connect(lambda v: self._change(augment_noise=v))
        self.augment_preview = QLabel()
        self.augment_preview.setFixedSize(
            PREVIEW_COPIES * PREVIEW_SIDE + (PREVIEW_COPIES - 1) * 4, PREVIEW_SIDE
        )
        self.reroll_button = QToolButton()
        self.reroll_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.reroll_button.clicked.connect(self._reroll_preview)
        self.labels_note = QLabel()
        self.labels_note.setWordWrap(True)
        self._preview_image: np.ndarray | None = None
        self._preview_shown: np.ndarray | None = None
        self._preview_roll = 0

        self.experiments = QWidget()
        form = QFormLayout(self.experiments)
        form.setContentsMargins(0, 0, 0, 0)
        self.weight_decay_title = _buddy_label(self.weight_decay)
        self.lr_schedule_title = _buddy_label(self.lr_schedule)
        self.lr_step_epochs_title = _buddy_label(self.lr_step_epochs)
        self.lr_step_factor_title = _buddy_label(self.lr_step_factor)
        self.lr_cosine_epochs_title = _buddy_label(self.lr_cosine_epochs)
        self.lr_cosine_floor_title = _buddy_label(self.lr_cosine_floor)
        form.addRow(self.weight_decay_title, self.weight_decay)
        form.addRow(self.lr_schedule_title, self.lr_schedule)
        form.addRow(self.lr_step_epochs_title, self.lr_step_epochs)
        form.addRow(self.lr_step_factor_title, self.lr_step_factor)
        form.addRow(self.lr_cosine_epochs_title, self.lr_cosine_epochs)
        form.addRow(self.lr_cosine_floor_title, self.lr_cosine_floor)
        self.augment_title = QLabel()
        font = self.augment_title.font()
        font.setBold(True)
        self.augment_title.setFont(font)
        form.addRow(self.augment_title)
        self.augment_shift_title = _buddy_label(self.augment_shift)
        self.augment_rotation_title = _buddy_label(self.augment_rotation)
        self.augment_scale_title = _buddy_label(self.augment_scale)
        self.augment_thickness_title = _buddy_label(self.augment_thickness)
        self.augment_noise_title = _buddy_label(self.augment_noise)
        form.addRow(self.augment_shift_title, self.augment_shift)
        form.addRow(self.augment_rotation_title, self.augment_rotation)
        form.addRow(self.augment_scale_title, self.augment_scale)
        form.addRow(self.augment_thickness_title, self.augment_thickness)
        form.addRow(self.augment_noise_title, self.augment_noise)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.augment_preview)
        preview_row.addWidget(self.reroll_button, 0, Qt.AlignmentFlag.AlignTop)
        preview_row.addStretch(1)
        form.addRow(preview_row)
        form.addRow(self.labels_note)
        self._experiments_form = form
        self.experiments.setVisible(False)

        self.experiments_box = QGroupBox()
        box = QVBoxLayout(self.experiments_box)
        box.addWidget(self.experiments_toggle)
        box.addWidget(self.experiments)

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change).

        Every control's tooltip says what it does and what to try with it.
        """
        self.run_box.setTitle(self.tr("Training"))
        self._show_play_text()
        self.play_button.setToolTip(
            self.tr(
                "Train continuously (Space); press again to pause. Try it at 1 step/s to "
                "narrate each step, then at full speed to watch the loss fall."
            )
        )
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(
            self.tr(
                "Take one step (→): one example, one mini-batch, or the rest of the epoch. "
                "Try one example and watch which weights move."
            )
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
        self.granularity.setToolTip(
            self.tr(
                "How much one Step learns from. Try one example to see a single digit pull "
                "the weights, then one epoch to see the whole data set at once."
            )
        )
        self.speed_title.setText(self.tr("Speed"))
        self.speed.setToolTip(
            self.tr(
                "Speed limit of Play. Try 1 step/s while explaining the five numbers; "
                "unlimited to train in earnest."
            )
        )
        self._show_speed(self.speed.value())
        self.reset_button.setText(self.tr("Reset weights"))
        self.reset_button.setToolTip(
            self.tr(
                "Start again from random (seeded) weights: the untrained network. Try it "
                "after changing the learning rate to compare two runs from the same start."
            )
        )

        self.hyper_box.setTitle(self.tr("Hyperparameters"))
        self.lr_title.setText(self.tr("Learning rate"))
        self.lr_slider.setToolTip(
            self.tr(
                "Learning rate η: how far each step moves the weights. Try 5 and watch the "
                "landscape overshoot; try 0.01 and watch it crawl."
            )
        )
        self.batch_size_title.setText(self.tr("Batch size"))
        self.batch_size.setToolTip(
            self.tr(
                "Examples averaged per step. Try 1 and watch the loss curve jitter; try 100 "
                "and it smooths out, but each step takes longer."
            )
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
        self.optimizer.setToolTip(
            self.tr(
                "How a gradient becomes a change of the weights. Try Adam with a learning rate "
                "of 0.003 and compare its loss curve with plain gradient descent."
            )
        )

        self.net_box.setTitle(self.tr("Network"))
        self.activation_title.setText(self.tr("Activation"))
        _set_items(self.activation, ACTIVATION_NAMES)
        self.activation.setToolTip(
            self.tr(
                "How each hidden neuron squashes its weighted sum. Try ReLU: it often learns "
                "faster, but a learning rate too large leaves neurons dead."
            )
        )
        self.loss_title.setText(self.tr("Loss"))
        _set_items(
            self.loss,
            {
                "mse": self.tr("squared error (sigmoid outputs)"),
                "cross_entropy": self.tr("cross-entropy (softmax outputs)"),
            },
        )
        self.loss.setToolTip(
            self.tr(
                "How wrong an answer counts. Try cross-entropy: a confident wrong answer costs "
                "much more, so the network learns faster from its mistakes."
            )
        )
        self.hidden_layers_title.setText(self.tr("Hidden layers"))
        for spin in self.hidden_spins:
            spin.setToolTip(self._hidden_spin_tip())
        self.add_layer_button.setText(self.tr("+ layer"))
        self.add_layer_button.setToolTip(
            self.tr("Add a hidden layer (up to 4). Try a second layer and compare the accuracy.")
        )
        self.remove_layer_button.setText(self.tr("− layer"))
        self.remove_layer_button.setToolTip(
            self.tr("Remove the last hidden layer. Try a single layer: does it still learn?")
        )
        self.apply_layers_button.setText(self.tr("Apply layers…"))
        self.apply_layers_button.setToolTip(
            self.tr(
                "Rebuild the network with these hidden layers (asks first: weights reset). "
                "Try 2 neurons, then 64, and watch the weight count."
            )
        )
        self._show_parameter_count()

        self.experiments_box.setTitle(self.tr("Experiments"))
        self.experiments_toggle.setText(self.tr("Weight decay, schedule, augmentation"))
        self.experiments_toggle.setToolTip(
            self.tr(
                "Show or hide what to experiment with while training. Try them once the "
                "validation loss starts to rise."
            )
        )
        self.weight_decay_title.setText(self.tr("Weight decay"))
        self.weight_decay.setSpecialValueText(self.tr("off"))
        self.weight_decay.setToolTip(
            self.tr(
                "L2 weight decay λ: every step also pulls each weight a little towards 0, so "
                "the network cannot lean on single pixels. Try 0.0001 when the validation "
                "loss rises; try 0.1 and watch it forget everything."
            )
        )
        self.lr_schedule_title.setText(self.tr("Rate schedule"))
        _set_items(
            self.lr_schedule,
            {
                "constant": self.tr("constant"),
                "step": self.tr("step (drops)"),
                "cosine": self.tr("cosine (glides down)"),
            },
        )
        self.lr_schedule.setToolTip(
            self.tr(
                "How the learning rate changes as the epochs pass. Try step or cosine with a "
                "large rate: big strides first, careful ones at the end."
            )
        )
        self.lr_step_epochs_title.setText(self.tr("Drop every"))
        self.lr_step_epochs.setSuffix(self.tr(" epochs"))
        self.lr_step_epochs.setToolTip(
            self.tr(
                "Multiply the rate by the factor every this many epochs. Try 1 to see the "
                "loss curve change pace at each epoch mark."
            )
        )
        self.lr_step_factor_title.setText(self.tr("Factor"))
        self.lr_step_factor.setToolTip(
            self.tr("What each drop multiplies the rate by. Try 0.5 to halve it; 1 never drops.")
        )
        self.lr_cosine_epochs_title.setText(self.tr("Glide over"))
        self.lr_cosine_epochs.setSuffix(self.tr(" epochs"))
        self.lr_cosine_epochs.setToolTip(
            self.tr(
                "Epochs the rate takes to glide down to the floor, along half a cosine. Try "
                "the number of epochs you mean to train."
            )
        )
        self.lr_cosine_floor_title.setText(self.tr("Floor"))
        self.lr_cosine_floor.setToolTip(
            self.tr(
                "Where the glide ends, as a share of the rate: 0.01 ends at a hundredth. "
                "Try 0 to stop learning completely at the end."
            )
        )
        self.augment_title.setText(self.tr("Augmentation (0 = off)"))
        self.augment_shift_title.setText(self.tr("Shift"))
        self.augment_shift.setSuffix(self.tr(" px"))
        self.augment_shift.setToolTip(
            self.tr(
                "Move each training image up to this many pixels every time it is seen. Try 2: "
                "the network learns the shape of a digit, not where it sits."
            )
        )
        self.augment_rotation_title.setText(self.tr("Rotation"))
        self.augment_rotation.setSuffix(self.tr("°"))
        self.augment_rotation.setToolTip(
            self.tr(
                "Turn each training image up to this many degrees either way. Try 10 for "
                "slanted handwriting; try 45 and watch a 6 start to look like a 9."
            )
        )
        self.augment_scale_title.setText(self.tr("Size"))
        self.augment_scale.setSuffix(self.tr(" %"))
        self.augment_scale.setToolTip(
            self.tr(
                "Make each training image up to this much larger or smaller. Try 10 % for "
                "digits drawn big or small."
            )
        )
        self.augment_thickness_title.setText(self.tr("Stroke"))
        self.augment_thickness.setSuffix(self.tr(" px"))
        self.augment_thickness.setToolTip(
            self.tr(
                "Make the strokes up to this many pixels thicker or thinner. Try 1 so that "
                "felt-pen and pencil digits both read well."
            )
        )
        self.augment_noise_title.setText(self.tr("Noise"))
        self.augment_noise.setToolTip(
            self.tr(
                "Add random grain to every pixel (its standard deviation). Try 0.1 for a "
                "grainy camera; try 0.5 and the digits vanish for us too."
            )
        )
        self.augment_preview.setToolTip(
            self.tr(
                "One training image moved by the ranges above, three times at random. Try a "
                "large rotation and see how far a digit may turn."
            )
        )
        self.reroll_button.setToolTip(
            self.tr("Move the preview image again at random. Try it a few times to see the range.")
        )
        self.labels_note.setText(self.tr("The labels never change: a moved 7 is still labelled 7."))

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

    def set_preview_image(self, image: np.ndarray | None) -> None:
        """Show ``image`` (28, 28) (or (784,)) with values in [0, 1] moved by the current
        augmentation, ``PREVIEW_COPIES`` times at random; None clears the preview.

        The panel keeps its own copy. Raises ``ConfigError`` for an image of another size.
        """
        if image is None:
            self._preview_image = self._preview_shown = None
            self.augment_preview.clear()
            return
        array = np.asarray(image, dtype=np.float64)
        if array.size != SIDE * SIDE or array.ndim not in (1, 2):
            raise ConfigError(
                f"the augmentation preview needs a {SIDE}×{SIDE} image, got shape {array.shape}"
            )
        # A stray NaN would paint as black noise; the preview shows the image, not its faults.
        self._preview_image = np.clip(np.nan_to_num(array.reshape(SIDE * SIDE)), 0.0, 1.0)
        self._reroll_preview()

    def preview_images(self) -> np.ndarray | None:
        """The images the preview shows now, (PREVIEW_COPIES, 28, 28) in [0, 1], or None."""
        return None if self._preview_shown is None else self._preview_shown.copy()

    def apply_changes(self, changes: dict[str, object]) -> None:
        """Make the changes a hint suggests (``HintsPanel.apply_requested``) and send them.

        ``changes`` maps ``Hyperparameters`` field names to new values (e.g.
        ``{"learning_rate": 0.3}``), plus three actions: ``{"augment": True}`` switches on the
        default augmentation (``DEFAULT_AUGMENTATION``), ``{"reset": True}`` resets the
        weights (``cmd.Reset``), ``{"activation": "relu"}`` changes the hidden layers'
        activation (``cmd.SetArchitecture``, the weights carry over). The hyperparameters go
        out as one ``SetHyperparameters``. Raises ``ConfigError`` for an unknown key or a bad
        value, before sending anything.
        """
        known = {f.name for f in fields(Hyperparameters)}
        unknown = sorted(set(changes) - known - set(ACTION_KEYS))
        if unknown:
            raise ConfigError(f"cannot apply {', '.join(map(repr, unknown))}: no such setting")
        hyper_changes = {k: v for k, v in changes.items() if k in known}
        if changes.get("augment"):
            hyper_changes = {**DEFAULT_AUGMENTATION, **hyper_changes}
        activation = changes.get("activation")
        if activation is not None and self.activation.findData(activation) < 0:
            raise ConfigError(f"unknown activation {activation!r}")
        hyper = replace(self._hyper, **hyper_changes)  # ConfigError before anything is sent
        if hyper != self._hyper:
            self._show_hyper(hyper)
            self.command_requested.emit(cmd.SetHyperparameters(hyper))
        if activation is not None:
            self.activation.setCurrentIndex(self.activation.findData(activation))
        if changes.get("reset"):
            self.command_requested.emit(cmd.Reset())

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
            self._send_lr()

    def _send_lr(self) -> None:
        self._change(learning_rate=tick_to_lr(self.lr_slider.value()))

    def _change(self, **changes) -> None:
        """The one place that builds the hyperparameters the panel sends: the current ones
        with ``changes``. Only the changed fields are replaced, so a value no widget can show
        exactly (a file's λ = 3.3e-5, say) survives a change of another one."""
        hyper = replace(self._hyper, **changes)
        if hyper != self._hyper:
            augmentation_changed = hyper.augmentation() != self._hyper.augmentation()
            self._hyper = hyper
            self.command_requested.emit(cmd.SetHyperparameters(hyper))
            if augmentation_changed:
                self._reroll_preview()

    def _schedule_chosen(self, *_args) -> None:
        self._show_schedule_rows(self.lr_schedule.currentData())
        self._change(lr_schedule=self.lr_schedule.currentData())

    def _show_schedule_rows(self, schedule: str) -> None:
        """Only the chosen schedule's parameters are shown."""
        form = self._experiments_form
        for widget in (self.lr_step_epochs, self.lr_step_factor):
            form.setRowVisible(widget, schedule == "step")
        for widget in (self.lr_cosine_epochs, self.lr_cosine_floor):
            form.setRowVisible(widget, schedule == "cosine")

    def _fold_experiments(self, unfolded: bool) -> None:
        self.experiments.setVisible(unfolded)
        self.experiments_toggle.setArrowType(
            Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow
        )

    def _reroll_preview(self) -> None:
        """Draw the preview image moved by the current augmentation, afresh."""
        image = self._preview_image
        if image is None:
            self._preview_shown = None
            return
        batch = np.repeat(image[None, :], PREVIEW_COPIES, axis=0)
        augmentation = self._hyper.augmentation()
        if augmentation is not None:
            # A counter, not the training seed: each change or click shows other moves, and
            # a test can still repeat them.
            self._preview_roll += 1
            batch = augmentation(batch, np.random.default_rng([self._preview_roll]))
        self._preview_shown = batch.reshape(PREVIEW_COPIES, SIDE, SIDE)
        pixmap = QPixmap(self.augment_preview.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        for k, copy in enumerate(self._preview_shown):
            painter.drawPixmap(k * (PREVIEW_SIDE + 4), 0, digit_pixmap(copy, PREVIEW_SIDE))
        painter.end()
        self.augment_preview.setPixmap(pixmap)

    def _hidden_spin_tip(self) -> str:
        return self.tr(
            "Neurons in this hidden layer (1–128). Try 4 and see how few features are enough "
            "to read most digits."
        )

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
        spin.setToolTip(self._hidden_spin_tip())
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
        augmentation_changed = hyper.augmentation() != self._hyper.augmentation()
        self._hyper = hyper
        widgets = (
            self.lr_slider,
            self.batch_size,
            self.optimizer,
            self.weight_decay,
            self.lr_schedule,
            self.lr_step_epochs,
            self.lr_step_factor,
            self.lr_cosine_epochs,
            self.lr_cosine_floor,
            self.augment_shift,
            self.augment_rotation,
            self.augment_scale,
            self.augment_thickness,
            self.augment_noise,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.lr_slider.setValue(lr_to_tick(hyper.learning_rate))
        self.lr_label.setText(f"{hyper.learning_rate:g}")
        self.batch_size.setValue(hyper.batch_size)
        self.optimizer.setCurrentIndex(self.optimizer.findData(hyper.optimizer))
        self.weight_decay.setValue(hyper.weight_decay)
        self.lr_schedule.setCurrentIndex(self.lr_schedule.findData(hyper.lr_schedule))
        self.lr_step_epochs.setValue(hyper.lr_step_epochs)
        self.lr_step_factor.setValue(hyper.lr_step_factor)
        self.lr_cosine_epochs.setValue(hyper.lr_cosine_epochs)
        self.lr_cosine_floor.setValue(hyper.lr_cosine_floor)
        self.augment_shift.setValue(hyper.augment_shift)
        self.augment_rotation.setValue(hyper.augment_rotation)
        self.augment_scale.setValue(100.0 * hyper.augment_scale)
        self.augment_thickness.setValue(hyper.augment_thickness)
        self.augment_noise.setValue(hyper.augment_noise)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_schedule_rows(hyper.lr_schedule)
        if augmentation_changed:
            self._reroll_preview()

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


class DecaySpinBox(QDoubleSpinBox):
    """Weight decay λ from 0 (off) to ``MAX_WEIGHT_DECAY``: the arrows step by decades.

    Up from 0 goes to ``DECAY_LOWEST``, then ×10 each step (1e-5, 1e-4, …, 1); down divides
    by 10 and goes back to 0 below ``DECAY_LOWEST``. Any value may be typed, also as
    "3e-4"; the number shows as short as it can ("0.0001", "3e-05").
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(8)
        self.setRange(0.0, MAX_WEIGHT_DECAY)

    def stepBy(self, steps: int) -> None:
        value = self.value()
        for _ in range(abs(steps)):
            if steps > 0:
                value = DECAY_LOWEST if value < DECAY_LOWEST else value * 10.0
            else:
                value = 0.0 if value <= DECAY_LOWEST * 1.0001 else value / 10.0
        # Round to 2 significant digits: ×10 of 3e-5 is 3e-4, not 0.00030000000000000003.
        self.setValue(min(float(f"{value:.2g}"), MAX_WEIGHT_DECAY))

    def textFromValue(self, value: float) -> str:
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip().replace(",", ".")
        if stripped == self.specialValueText():
            return QValidator.State.Acceptable, text, pos
        try:
            value = float(stripped)
        except ValueError:
            # "1e-" or "" on the way to a number.
            return QValidator.State.Intermediate, text, pos
        if math.isfinite(value) and 0.0 <= value <= MAX_WEIGHT_DECAY:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


def _double_spin(low: float, high: float, step: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    return spin


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
