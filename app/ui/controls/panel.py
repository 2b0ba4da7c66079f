"""The controls' column: the run, hyperparameters, network and experiments boxes, one under the
other, and the one place that builds the hyperparameters they send."""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.training import DEFAULT_AUGMENTATION, Hyperparameters
from app.errors import ConfigError
from app.training import commands as cmd
from app.training.snapshot import Snapshot
from app.ui.controls.experiments_box import ExperimentsBox
from app.ui.controls.hyper_box import HyperparametersBox
from app.ui.controls.network_box import NetworkBox
from app.ui.controls.run_box import RunBox

#: Keys of ``apply_changes`` that are not Hyperparameters fields.
ACTION_KEYS = ("augment", "reset", "activation")


class ControlsPanel(QWidget):
    """Training controls: play, step, reset, speed, and every hyperparameter.

    The panel sends commands (``command_requested``); it never touches the model. Reset and
    a change of layer sizes reset the weights, so they go out as ``reset_requested`` and
    ``architecture_change_requested(architecture)`` for the window to confirm with the teacher
    first. Every hyperparameter change goes out as the same ``SetHyperparameters`` command
    (built in one place, ``_change``), so it applies at the next step.

    The boxes' controls are also the panel's own attributes (``panel.speed`` is
    ``panel.run_box.speed``), as they were before the panel was split into boxes: the
    window, its menus and the tests reach them so.
    """

    command_requested = Signal(object)
    reset_requested = Signal()
    architecture_change_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hyper = Hyperparameters()
        self.run_box = RunBox(self._speed_text)
        self.hyper_box = HyperparametersBox()
        self.net_box = NetworkBox()
        self.experiments_box = ExperimentsBox()
        self.run_box.command_requested.connect(self.command_requested)
        self.run_box.reset_requested.connect(self.reset_requested)  # the window asks first
        self.hyper_box.changed.connect(self._change)
        self.experiments_box.changed.connect(self._change)
        self.net_box.command_requested.connect(self.command_requested)
        self.net_box.architecture_change_requested.connect(self.architecture_change_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.run_box)
        layout.addWidget(self.hyper_box)
        layout.addWidget(self.net_box)
        layout.addWidget(self.experiments_box)
        layout.addStretch(1)
        self._show_hyper(self._hyper)
        self._share_controls()

    def _share_controls(self) -> None:
        """The boxes' controls as the panel's attributes (see the class docstring)."""
        run, hyper, net, experiments = (
            self.run_box,
            self.hyper_box,
            self.net_box,
            self.experiments_box,
        )
        self.play_button = run.play_button
        self.step_button = run.step_button
        self.granularity = run.granularity
        self.speed = run.speed
        self.speed_label = run.speed_label
        self.full_speed = run.full_speed
        self.reset_button = run.reset_button
        self.lr_slider = hyper.lr_slider
        self.lr_label = hyper.lr_label
        self.batch_size = hyper.batch_size
        self.optimizer = hyper.optimizer
        self.activation = net.activation
        self.loss = net.loss
        self.hidden_spins = net.hidden_spins
        self.add_layer_button = net.add_layer_button
        self.remove_layer_button = net.remove_layer_button
        self.apply_layers_button = net.apply_layers_button
        self.parameter_count = net.parameter_count
        self.experiments_toggle = experiments.experiments_toggle
        self.experiments = experiments.experiments
        self._experiments_form = experiments.form
        self.weight_decay = experiments.weight_decay
        self.lr_schedule = experiments.lr_schedule
        self.lr_step_epochs = experiments.lr_step_epochs
        self.lr_step_factor = experiments.lr_step_factor
        self.lr_cosine_epochs = experiments.lr_cosine_epochs
        self.lr_cosine_floor = experiments.lr_cosine_floor
        self.augment_shift = experiments.augment_shift
        self.augment_rotation = experiments.augment_rotation
        self.augment_scale = experiments.augment_scale
        self.augment_thickness = experiments.augment_thickness
        self.augment_noise = experiments.augment_noise
        self.augment_preview = experiments.augment_preview
        self.reroll_button = experiments.reroll_button
        self.labels_note = experiments.labels_note

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language. Each box also does its own on a language
        change (its ``changeEvent``), so this is only for a caller that wants it at once."""
        for box in (self.run_box, self.hyper_box, self.net_box, self.experiments_box):
            box.retranslate_ui()

    def _speed_text(self, limit: float | None) -> str:
        """A speed limit in words, for the run box: here, as lupdate records the plural form
        of "%n step(s)/s" only from a ``tr`` call, and its context is this class's name."""
        return self.tr("unlimited") if limit is None else self.tr("%n step(s)/s", "", int(limit))

    # -- from the window ---------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.running != self.run_box.running:
            self.run_box.show_running(snapshot.running)
        if snapshot.hyper != self._hyper:
            self._show_hyper(snapshot.hyper)
        if snapshot.architecture != self.net_box.architecture:
            self.net_box.show_architecture(snapshot.architecture)

    def request_step(self) -> None:
        self.run_box.request_step()

    def toggle_play(self) -> None:
        self.run_box.toggle_play()

    def set_preview_image(self, image: np.ndarray | None) -> None:
        """Show ``image`` (28, 28) (or (784,)) with values in [0, 1] moved by the current
        augmentation, ``PREVIEW_COPIES`` times at random; None clears the preview.

        The panel keeps its own copy. Raises ``ConfigError`` for an image of another size.
        """
        self.experiments_box.set_preview_image(image)

    def preview_images(self) -> np.ndarray | None:
        """The images the preview shows now, (PREVIEW_COPIES, 28, 28) in [0, 1], or None."""
        return self.experiments_box.preview_images()

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

    # -- internals ---------------------------------------------------------------------------

    def _change(self, changes: dict[str, object]) -> None:
        """The one place that builds the hyperparameters the panel sends: the current ones
        with ``changes`` (field name → value, from a box). Only the changed fields are
        replaced, so a value no widget can show exactly (a file's λ = 3.3e-5, say) survives a
        change of another one."""
        hyper = replace(self._hyper, **changes)
        if hyper != self._hyper:
            self._hyper = hyper
            self.command_requested.emit(cmd.SetHyperparameters(hyper))
            self.experiments_box.set_augmentation(hyper.augmentation())

    def _show_hyper(self, hyper: Hyperparameters) -> None:
        """Show ``hyper`` in the boxes, sending nothing."""
        self._hyper = hyper
        self.hyper_box.show_hyper(hyper)
        self.experiments_box.show_hyper(hyper)
