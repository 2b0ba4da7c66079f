"""The "Experiments" box, folded at first: L2 weight decay, the learning-rate schedule, and data
augmentation with a preview of one image moved by the current ranges."""

from __future__ import annotations

import math

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
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.augment import (
    MAX_NOISE_STD,
    MAX_ROTATION,
    MAX_SCALE,
    MAX_SHIFT,
    MAX_THICKNESS,
    SIDE,
    Augmentation,
)
from app.core.training import LR_SCHEDULES, MAX_SCHEDULE_EPOCHS, MAX_WEIGHT_DECAY, Hyperparameters
from app.errors import ConfigError
from app.ui.controls.common import buddy_label, double_spin, let_shrink, set_items, translate
from app.ui.images import digit_pixmap

#: Weight decay's up/down arrows step by decades between these (below the lowest is 0, off).
DECAY_LOWEST = 1e-5
#: The augmentation preview: this many moved copies of the image, each this many pixels wide.
PREVIEW_COPIES = 3
PREVIEW_SIDE = 2 * SIDE


class ExperimentsBox(QGroupBox):
    """What a class experiments with while training, under a fold (``experiments_toggle``).

    A change goes out as ``changed(changes)``, ``changes`` a dict of ``Hyperparameters``
    field names to new values, for the panel to send. The preview shows the image given to
    ``set_preview_image`` moved by the augmentation given to ``set_augmentation``.
    """

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experiments_toggle = QToolButton()
        self.experiments_toggle.setCheckable(True)
        self.experiments_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.experiments_toggle.setArrowType(Qt.ArrowType.RightArrow)
        # Ignored: the column's width decides, never this title's length in some language.
        self.experiments_toggle.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.experiments_toggle.toggled.connect(self._fold)
        self._build_schedule()
        self._build_augmentation()
        self._lay_out()
        box = QVBoxLayout(self)
        box.addWidget(self.experiments_toggle)
        box.addWidget(self.experiments)
        self.retranslate_ui()

    def _build_schedule(self) -> None:
        """Weight decay and the learning-rate schedule's spins."""
        self.weight_decay = DecaySpinBox()
        self.weight_decay.valueChanged.connect(
            lambda value: self.changed.emit({"weight_decay": float(value)})
        )
        self.lr_schedule = QComboBox()
        for name in LR_SCHEDULES:
            self.lr_schedule.addItem("", name)
        self.lr_schedule.currentIndexChanged.connect(self._schedule_chosen)
        let_shrink(self.lr_schedule)
        self.lr_step_epochs = QSpinBox()
        self.lr_step_epochs.setRange(1, MAX_SCHEDULE_EPOCHS)
        self.lr_step_epochs.valueChanged.connect(lambda v: self.changed.emit({"lr_step_epochs": v}))
        self.lr_step_factor = double_spin(0.01, 1.0, 0.05, 2)
        self.lr_step_factor.valueChanged.connect(lambda v: self.changed.emit({"lr_step_factor": v}))
        self.lr_cosine_epochs = QSpinBox()
        self.lr_cosine_epochs.setRange(1, MAX_SCHEDULE_EPOCHS)
        self.lr_cosine_epochs.valueChanged.connect(
            lambda v: self.changed.emit({"lr_cosine_epochs": v})
        )
        self.lr_cosine_floor = double_spin(0.0, 1.0, 0.01, 3)
        self.lr_cosine_floor.valueChanged.connect(
            lambda v: self.changed.emit({"lr_cosine_floor": v})
        )

    def _build_augmentation(self) -> None:
        """The augmentation's ranges and the preview of what they do."""
        self.augment_shift = double_spin(0.0, MAX_SHIFT, 0.5, 1)
        self.augment_rotation = double_spin(0.0, MAX_ROTATION, 5.0, 0)
        # Shown in percent (what a class reads), kept as a share (what Hyperparameters holds).
        self.augment_scale = double_spin(0.0, 100.0 * MAX_SCALE, 5.0, 0)
        self.augment_thickness = double_spin(0.0, MAX_THICKNESS, 0.25, 2)
        self.augment_noise = double_spin(0.0, MAX_NOISE_STD, 0.05, 2)
        send = self.changed.emit
        self.augment_shift.valueChanged.connect(lambda v: send({"augment_shift": v}))
        self.augment_rotation.valueChanged.connect(lambda v: send({"augment_rotation": v}))
        self.augment_scale.valueChanged.connect(lambda v: send({"augment_scale": v / 100.0}))
        self.augment_thickness.valueChanged.connect(lambda v: send({"augment_thickness": v}))
        self.augment_noise.valueChanged.connect(lambda v: send({"augment_noise": v}))
        self.augment_preview = QLabel()
        self.augment_preview.setFixedSize(
            PREVIEW_COPIES * PREVIEW_SIDE + (PREVIEW_COPIES - 1) * 4, PREVIEW_SIDE
        )
        self.reroll_button = QToolButton()
        self.reroll_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.reroll_button.clicked.connect(self.reroll_preview)
        self.labels_note = QLabel()
        self.labels_note.setWordWrap(True)
        self._augmentation: Augmentation | None = None
        self._preview_image: np.ndarray | None = None
        self._preview_shown: np.ndarray | None = None
        self._preview_roll = 0

    def _lay_out(self) -> None:
        """The folding part, ``experiments``: a form, one row per setting."""
        self.experiments = QWidget()
        form = QFormLayout(self.experiments)
        form.setContentsMargins(0, 0, 0, 0)
        self.weight_decay_title = buddy_label(self.weight_decay)
        self.lr_schedule_title = buddy_label(self.lr_schedule)
        self.lr_step_epochs_title = buddy_label(self.lr_step_epochs)
        self.lr_step_factor_title = buddy_label(self.lr_step_factor)
        self.lr_cosine_epochs_title = buddy_label(self.lr_cosine_epochs)
        self.lr_cosine_floor_title = buddy_label(self.lr_cosine_floor)
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
        self.augment_shift_title = buddy_label(self.augment_shift)
        self.augment_rotation_title = buddy_label(self.augment_rotation)
        self.augment_scale_title = buddy_label(self.augment_scale)
        self.augment_thickness_title = buddy_label(self.augment_thickness)
        self.augment_noise_title = buddy_label(self.augment_noise)
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
        self.form = form
        self.experiments.setVisible(False)

    # -- from the panel --------------------------------------------------------------------------

    def show_hyper(self, hyper: Hyperparameters) -> None:
        """Show ``hyper``'s values, sending nothing, and its augmentation in the preview."""
        widgets = (
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
        self.set_augmentation(hyper.augmentation())

    def set_augmentation(self, augmentation: Augmentation | None) -> None:
        """Preview ``augmentation`` (None: off); the image moves afresh only if it changed."""
        if augmentation != self._augmentation:
            self._augmentation = augmentation
            self.reroll_preview()

    def set_preview_image(self, image: np.ndarray | None) -> None:
        """Show ``image`` (28, 28) (or (784,)) with values in [0, 1] moved by the current
        augmentation, ``PREVIEW_COPIES`` times at random; None clears the preview.

        The box keeps its own copy. Raises ``ConfigError`` for an image of another size.
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
        self.reroll_preview()

    def preview_images(self) -> np.ndarray | None:
        """The images the preview shows now, (PREVIEW_COPIES, 28, 28) in [0, 1], or None."""
        return None if self._preview_shown is None else self._preview_shown.copy()

    def reroll_preview(self) -> None:
        """Draw the preview image moved by the current augmentation, afresh."""
        image = self._preview_image
        if image is None:
            self._preview_shown = None
            return
        batch = np.repeat(image[None, :], PREVIEW_COPIES, axis=0)
        if self._augmentation is not None:
            # A counter, not the training seed: each change or click shows other moves, and
            # a test can still repeat them.
            self._preview_roll += 1
            batch = self._augmentation(batch, np.random.default_rng([self._preview_roll]))
        self._preview_shown = batch.reshape(PREVIEW_COPIES, SIDE, SIDE)
        pixmap = QPixmap(self.augment_preview.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        for k, copy in enumerate(self._preview_shown):
            painter.drawPixmap(k * (PREVIEW_SIDE + 4), 0, digit_pixmap(copy, PREVIEW_SIDE))
        painter.end()
        self.augment_preview.setPixmap(pixmap)

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the box's texts in the current language (at the start and on a language change).

        Every control's tooltip says what it does and what to try with it.
        """
        self.setTitle(translate("ControlsPanel", "Experiments"))
        self.experiments_toggle.setText(
            translate("ControlsPanel", "Weight decay, schedule, augmentation")
        )
        self.experiments_toggle.setToolTip(
            translate(
                "ControlsPanel",
                "Show or hide what to experiment with while training. Try them once the "
                "validation loss starts to rise.",
            )
        )
        self.weight_decay_title.setText(translate("ControlsPanel", "Weight decay"))
        self.weight_decay.setSpecialValueText(translate("ControlsPanel", "off"))
        self.weight_decay.setToolTip(
            translate(
                "ControlsPanel",
                "L2 weight decay λ: every step also pulls each weight a little towards 0, so "
                "the network cannot lean on single pixels. Try 0.0001 when the validation "
                "loss rises; try 0.1 and watch it forget everything.",
            )
        )
        self._retranslate_schedule()
        self._retranslate_augmentation()
        self._retranslate_preview()

    def _retranslate_schedule(self) -> None:
        self.lr_schedule_title.setText(translate("ControlsPanel", "Rate schedule"))
        set_items(
            self.lr_schedule,
            {
                "constant": translate("ControlsPanel", "constant"),
                "step": translate("ControlsPanel", "step (drops)"),
                "cosine": translate("ControlsPanel", "cosine (glides down)"),
            },
        )
        self.lr_schedule.setToolTip(
            translate(
                "ControlsPanel",
                "How the learning rate changes as the epochs pass. Try step or cosine with a "
                "large rate: big strides first, careful ones at the end.",
            )
        )
        self.lr_step_epochs_title.setText(translate("ControlsPanel", "Drop every"))
        self.lr_step_epochs.setSuffix(translate("ControlsPanel", " epochs"))
        self.lr_step_epochs.setToolTip(
            translate(
                "ControlsPanel",
                "Multiply the rate by the factor every this many epochs. Try 1 to see the "
                "loss curve change pace at each epoch mark.",
            )
        )
        self.lr_step_factor_title.setText(translate("ControlsPanel", "Factor"))
        self.lr_step_factor.setToolTip(
            translate(
                "ControlsPanel",
                "What each drop multiplies the rate by. Try 0.5 to halve it; 1 never drops.",
            )
        )
        self.lr_cosine_epochs_title.setText(translate("ControlsPanel", "Glide over"))
        self.lr_cosine_epochs.setSuffix(translate("ControlsPanel", " epochs"))
        self.lr_cosine_epochs.setToolTip(
            translate(
                "ControlsPanel",
                "Epochs the rate takes to glide down to the floor, along half a cosine. Try "
                "the number of epochs you mean to train.",
            )
        )
        self.lr_cosine_floor_title.setText(translate("ControlsPanel", "Floor"))
        self.lr_cosine_floor.setToolTip(
            translate(
                "ControlsPanel",
                "Where the glide ends, as a share of the rate: 0.01 ends at a hundredth. "
                "Try 0 to stop learning completely at the end.",
            )
        )

    def _retranslate_augmentation(self) -> None:
        self.augment_title.setText(translate("ControlsPanel", "Augmentation (0 = off)"))
        self.augment_shift_title.setText(translate("ControlsPanel", "Shift"))
        self.augment_shift.setSuffix(translate("ControlsPanel", " px"))
        self.augment_shift.setToolTip(
            translate(
                "ControlsPanel",
                "Move each training image up to this many pixels every time it is seen. Try 2: "
                "the network learns the shape of a digit, not where it sits.",
            )
        )
        self.augment_rotation_title.setText(translate("ControlsPanel", "Rotation"))
        self.augment_rotation.setSuffix(translate("ControlsPanel", "°"))
        self.augment_rotation.setToolTip(
            translate(
                "ControlsPanel",
                "Turn each training image up to this many degrees either way. Try 10 for "
                "slanted handwriting; try 45 and watch a 6 start to look like a 9.",
            )
        )
        self.augment_scale_title.setText(translate("ControlsPanel", "Size"))
        self.augment_scale.setSuffix(translate("ControlsPanel", " %"))
        self.augment_scale.setToolTip(
            translate(
                "ControlsPanel",
                "Make each training image up to this much larger or smaller. Try 10 % for "
                "digits drawn big or small.",
            )
        )
        self.augment_thickness_title.setText(translate("ControlsPanel", "Stroke"))
        self.augment_thickness.setSuffix(translate("ControlsPanel", " px"))
        self.augment_thickness.setToolTip(
            translate(
                "ControlsPanel",
                "Make the strokes up to this many pixels thicker or thinner. Try 1 so that "
                "felt-pen and pencil digits both read well.",
            )
        )
        self.augment_noise_title.setText(translate("ControlsPanel", "Noise"))
        self.augment_noise.setToolTip(
            translate(
                "ControlsPanel",
                "Add random grain to every pixel (its standard deviation). Try 0.1 for a "
                "grainy camera; try 0.5 and the digits vanish for us too.",
            )
        )

    def _retranslate_preview(self) -> None:
        self.augment_preview.setToolTip(
            translate(
                "ControlsPanel",
                "One training image moved by the ranges above, three times at random. Try a "
                "large rotation and see how far a digit may turn.",
            )
        )
        self.reroll_button.setToolTip(
            translate(
                "ControlsPanel",
                "Move the preview image again at random. Try it a few times to see the range.",
            )
        )
        self.labels_note.setText(
            translate("ControlsPanel", "The labels never change: a moved 7 is still labelled 7.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- internals -------------------------------------------------------------------------------

    def _schedule_chosen(self, *_args) -> None:
        self._show_schedule_rows(self.lr_schedule.currentData())
        self.changed.emit({"lr_schedule": self.lr_schedule.currentData()})

    def _show_schedule_rows(self, schedule: str) -> None:
        """Only the chosen schedule's parameters are shown."""
        for widget in (self.lr_step_epochs, self.lr_step_factor):
            self.form.setRowVisible(widget, schedule == "step")
        for widget in (self.lr_cosine_epochs, self.lr_cosine_floor):
            self.form.setRowVisible(widget, schedule == "cosine")

    def _fold(self, unfolded: bool) -> None:
        self.experiments.setVisible(unfolded)
        self.experiments_toggle.setArrowType(
            Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow
        )


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
