"""Hints in plain words: what the state of training suggests, and one click to try it.

``app.core.hints`` finds the problems (as data); this panel puts each into a short sentence in
the current language, saying what is happening and what to try, with a button for each change
the hint carries. A "Show hints" check box switches them off (then only the box shows).

The panel never changes anything itself: a click emits ``apply_requested`` with the change,
for the window to hand to ``ControlsPanel.apply_changes``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.hints import (
    ACCURACY_UNSTEADY,
    LEARNING_TOO_SLOW,
    LOSS_EXPLODING,
    NEURONS_STUCK,
    NOT_LEARNING,
    OVERFITTING,
    SLOW,
    STUCK,
    Hint,
    training_hints,
)
from app.core.layer_health import HiddenLayerHealth
from app.training.snapshot import Snapshot
from app.ui.i18n import ACTIVATION_NAMES, join_sentences


def _number(value: object) -> str:
    """A hint's number as short as a sentence wants it: 3 significant digits."""
    return f"{float(value):.3g}"


def _percent(share: object) -> str:
    return f"{100.0 * float(share):.0f}"


class HintsPanel(QWidget):
    """The current hints, one short paragraph each, with "apply" buttons.

    ``apply_requested(dict)``: the teacher clicked a hint's button. The dict is the hint's
    ``suggestion`` or one of its ``alternatives`` exactly as ``app.core.hints`` made it:
    ``Hyperparameters`` field names with new values (``{"learning_rate": 0.3}``,
    ``{"weight_decay": 1e-4}``) or actions (``{"augment": True}``, ``{"reset": True}``,
    ``{"activation": "relu"}``); ``ControlsPanel.apply_changes`` takes every one of them.
    ``enabled_changed(bool)``: the "Show hints" box was switched (the window may stop
    computing hints while they are off).
    """

    apply_requested = Signal(object)
    enabled_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hints: list[Hint] = []
        # ``hints_for``: the architecture of the last snapshot seen, and the step after which
        # the network's functions last changed with its weights kept (None: not since start).
        self._architecture = None
        self._since_step: int | None = None
        self.enabled_box = QCheckBox()
        self.enabled_box.setChecked(True)
        self.enabled_box.toggled.connect(self._enabled_toggled)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.hint_list = QWidget()
        self._list_layout = QVBoxLayout(self.hint_list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        #: One frame per hint shown, in order: its sentence label and its buttons.
        self.hint_frames: list[QFrame] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.hint_list)
        layout.addStretch(1)
        self.retranslate_ui()

    # -- public --------------------------------------------------------------------------------

    def show_hints(self, hints: Sequence[Hint]) -> None:
        """Show ``hints`` (most urgent first, as ``training_hints`` returns them), replacing
        those shown before. Kept while hints are off, and shown when they are switched on."""
        hints = list(hints)
        if hints == self._hints and len(self.hint_frames) == len(hints):
            return  # the same hints every snapshot: keep the widgets (and a hovered button)
        self._hints = hints
        self._rebuild()

    def hints_for(self, snapshot: Snapshot, health: Sequence[HiddenLayerHealth] = ()) -> list[Hint]:
        """``training_hints`` with everything a snapshot knows: its history and settings, the
        architecture (the digits and the loss, to know what guessing scores), each layer's
        gradient sizes (stuck or just slow?), and ``health`` if measured for this network.

        Snapshots must come in order: the panel notes when the architecture changes (the
        activation or the loss switched, weights kept) and from then on judges only the
        history after that step, so the jump the switch causes is not blamed on the
        learning rate.
        """
        if self._since_step is not None and snapshot.step < self._since_step:
            self._since_step = None  # the history started again (reset, or another model)
        if self._architecture is not None and snapshot.architecture != self._architecture:
            self._since_step = snapshot.step
        self._architecture = snapshot.architecture
        return training_hints(
            snapshot.loss_steps,
            snapshot.loss_values,
            snapshot.epochs,
            snapshot.hyper,
            health,
            diverged=snapshot.explosion is not None,
            augmenting=snapshot.hyper.augmenting,
            architecture=snapshot.architecture,
            gradient_sizes=snapshot.gradient_sizes,
            since_step=self._since_step,
        )

    def hints_enabled(self) -> bool:
        return self.enabled_box.isChecked()

    def set_hints_enabled(self, enabled: bool) -> None:
        """Switch hints on or off (emits ``enabled_changed`` if that is a change)."""
        self.enabled_box.setChecked(enabled)

    def hint_text(self, hint: Hint) -> str:
        """The sentence for ``hint`` in the current language: what happens, what to try."""
        evidence, suggestion = hint.evidence, hint.suggestion or {}
        if hint.kind == LOSS_EXPLODING:
            smaller = suggestion.get("learning_rate")
            if evidence.get("diverged"):
                text = self.tr(
                    "The loss exploded: the numbers overflowed. The learning rate %1 is far "
                    "too large; try a smaller one, such as %2."
                )
            else:
                text = self.tr(
                    "The loss is climbing back up (now %3, its lowest was %4): the learning "
                    "rate %1 is too large, so steps overshoot the valley. Try a smaller one, "
                    "such as %2."
                )
                text = text.replace("%3", _number(evidence.get("recent_loss", 0.0)))
                text = text.replace("%4", _number(evidence.get("lowest_loss", 0.0)))
            return text.replace("%1", _number(evidence.get("learning_rate", 0.0))).replace(
                "%2", _number(smaller) if smaller is not None else "η / 10"
            )
        if hint.kind == NOT_LEARNING:
            return self._not_learning_text(hint)
        if hint.kind == ACCURACY_UNSTEADY:
            text = self.tr(
                "Over the last %1 epochs the validation accuracy went up and down between %2 % "
                "and %3 % without getting better: the learning rate %4 is too large, so steps "
                "overshoot and undo what was learned. Try a smaller one, such as %5."
            )
            smaller = suggestion.get("learning_rate")
            return (
                text.replace("%1", str(int(evidence.get("epochs", 0))))
                .replace("%2", _percent(evidence.get("lowest_accuracy", 0.0)))
                .replace("%3", _percent(evidence.get("highest_accuracy", 0.0)))
                .replace("%4", _number(evidence.get("learning_rate", 0.0)))
                .replace("%5", _number(smaller) if smaller is not None else "η / 3")
            )
        if hint.kind == NEURONS_STUCK:
            dead = float(evidence.get("dead_share", 0.0))
            saturated = float(evidence.get("saturated_share", 0.0))
            if dead > saturated:
                text = self.tr(
                    "%2 % of the neurons in hidden layer %1 are dead: their weighted sum is "
                    "never above 0, so no gradient reaches them and they have stopped learning. "
                    "Try resetting the weights, or a smaller learning rate."
                )
            else:
                text = self.tr(
                    "%2 % of the neurons in hidden layer %1 are saturated: stuck at a limit "
                    "where the slope is almost 0, they have stopped learning. Try resetting "
                    "the weights, another activation, or a smaller learning rate."
                )
            return text.replace("%1", str(int(evidence.get("layer", 1)))).replace(
                "%2", _percent(evidence.get("stuck_share", max(dead, saturated)))
            )
        if hint.kind == LEARNING_TOO_SLOW:
            larger = suggestion.get("learning_rate")
            text = self.tr(
                "The loss has barely moved in the last %1 steps (it fell %2 %): the learning "
                "rate %3 is probably too small, so each step crawls. Try a larger one, such "
                "as %4."
            )
            return (
                text.replace("%1", str(int(evidence.get("steps", 0))))
                .replace("%2", f"{100.0 * float(evidence.get('relative_fall', 0.0)):.1f}")
                .replace("%3", _number(evidence.get("learning_rate", 0.0)))
                .replace("%4", _number(larger) if larger is not None else "η × 10")
            )
        if hint.kind == OVERFITTING:
            text = self.tr(
                "The validation loss has risen for %1 epochs while the training loss kept "
                "falling: the network is memorising the training digits instead of learning "
                "to read (overfitting). Try weight decay, or augmentation."
            )
            return text.replace("%1", str(int(evidence.get("epochs", 0))))
        return self.tr("Training shows something unusual (%1).").replace("%1", hint.kind)

    def _not_learning_text(self, hint: Hint) -> str:
        """What guessing-level results show, then why and what to try (by ``cause``)."""
        evidence = hint.evidence
        accuracy = float(evidence.get("accuracy", math.nan))
        if math.isfinite(accuracy):
            found = self.tr(
                "After %1 steps the network still reads the digits no better than guessing: "
                "validation accuracy %2 %, where guessing gets %3 %."
            )
            found = found.replace("%2", _percent(accuracy)).replace(
                "%3", _percent(evidence.get("chance_accuracy", 0.0))
            )
        else:
            found = self.tr(
                "After %1 steps the network still does no better than guessing: its loss stays "
                "at %2, and an answer that ignores the image gets %3."
            )
            found = found.replace("%2", _number(evidence.get("loss", 0.0))).replace(
                "%3", _number(evidence.get("chance_loss", 0.0))
            )
        found = found.replace("%1", f"{int(float(evidence.get('steps', 0))):,}")
        cause = evidence.get("cause")
        rates = [c["learning_rate"] for c in self._changes(hint) if "learning_rate" in c]
        if cause == STUCK:
            why = self.tr(
                "Its neurons are stuck (dead or saturated) and pass almost no gradient back, "
                "which too large a learning rate usually causes. Try resetting the weights with "
                "a smaller learning rate, such as %1."
            )
        elif cause == SLOW:
            why = self.tr(
                "Its gradients are still as large as at the start: the learning rate %2 is too "
                "small for the steps to get anywhere. Try a larger one, such as %1."
            )
        else:
            why = self.tr(
                "If the learning rate %2 is large, its neurons have probably died or saturated: "
                "try resetting the weights with a smaller one, such as %1. If it is small, try "
                "a larger one."
            )
        fallback = "η × 10" if cause == SLOW else "η / 10"
        why = why.replace("%1", _number(rates[0]) if rates else fallback).replace(
            "%2", _number(evidence.get("learning_rate", 0.0))
        )
        return join_sentences([found, why])

    @staticmethod
    def _changes(hint: Hint) -> list[dict[str, object]]:
        return ([hint.suggestion] if hint.suggestion else []) + list(hint.alternatives)

    def change_text(self, change: dict[str, object]) -> str:
        """A button's words for ``change`` (a hint's suggestion or alternative)."""
        parts = []
        for key, value in change.items():
            if key == "learning_rate":
                parts.append(self.tr("Set the learning rate to %1").replace("%1", _number(value)))
            elif key == "weight_decay":
                parts.append(self.tr("Set weight decay to %1").replace("%1", _number(value)))
            elif key == "augment":
                parts.append(self.tr("Switch on augmentation"))
            elif key == "reset":
                parts.append(self.tr("Reset the weights"))
            elif key == "activation":
                shown = ACTIVATION_NAMES.get(str(value), str(value))
                parts.append(self.tr("Switch to %1").replace("%1", shown))
            else:
                parts.append(f"{key} = {value}")
        #: Between two changes of one button: "Reset the weights, Set the learning rate to 0.1".
        return self.tr(", ").join(parts)

    # -- texts ---------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.enabled_box.setText(self.tr("Show hints"))
        self.enabled_box.setToolTip(
            self.tr(
                "Hints read the loss curve and the neurons and say what to try. Switch them "
                "off to let the class find the problem first."
            )
        )
        self.empty_label.setText(self.tr("No hints: training looks healthy."))
        self._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- internals -----------------------------------------------------------------------------

    def _enabled_toggled(self, enabled: bool) -> None:
        self._show_state()
        self.enabled_changed.emit(enabled)

    def _show_state(self) -> None:
        enabled = self.enabled_box.isChecked()
        self.hint_list.setVisible(enabled and bool(self._hints))
        self.empty_label.setVisible(enabled and not self._hints)

    def _rebuild(self) -> None:
        for frame in self.hint_frames:
            self._list_layout.removeWidget(frame)
            frame.deleteLater()
        self.hint_frames = [self._hint_frame(hint) for hint in self._hints]
        for frame in self.hint_frames:
            self._list_layout.addWidget(frame)
        self._show_state()

    def _hint_frame(self, hint: Hint) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setProperty("hint_kind", hint.kind)
        column = QVBoxLayout(frame)
        label = QLabel(self.hint_text(hint))
        label.setWordWrap(True)
        column.addWidget(label)
        changes = self._changes(hint)
        # One button a line: side by side, two long labels would widen the whole column.
        for change in changes:
            row = QHBoxLayout()
            row.addWidget(self._apply_button(change))
            row.addStretch(1)
            column.addLayout(row)
        return frame

    def _apply_button(self, change: dict[str, object]) -> QPushButton:
        button = QPushButton(self.change_text(change))
        button.setProperty("change", dict(change))
        if change.get("reset"):
            button.setToolTip(
                self.tr("Start again from new random weights; the history is cleared.")
            )
        else:
            button.setToolTip(
                self.tr("Make this change now; it applies at the next step. Try it and watch.")
            )
        button.clicked.connect(lambda _checked=False, c=dict(change): self.apply_requested.emit(c))
        return button
