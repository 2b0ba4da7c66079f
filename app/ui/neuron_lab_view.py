"""The neuron lab as a tab: switch hidden neurons off, turn them up or down, prune, undo.

The view drives an ``app.core.neuron_lab.NeuronLab``, which edits its own copy of the
parameters handed to ``open_lab``: the training model's arrays are never touched. After every
edit, undo and restore the view tells the window what the edited network now is
(``params_edited``) and which neurons to mark in the graph (``marks_changed``); the window
shows those weights in the graph and reads the pad's drawing with them again.

Validation accuracy. The view emits ``accuracy_requested(params, revision)`` and shows
"measuring…" until the window answers ``show_accuracy(accuracy, revision)``; the window runs
the module-level ``lab_accuracy`` on a background thread (500 examples take under 10 ms, but
10,000 take over 100 ms, and the GUI thread never evaluates: ``INLINE_LIMIT`` is 0 in the
window; a notebook or a test may raise it to measure on the spot). Every state of the lab is fully
determined by its list of edits (an undo puts back the exact previous values), so
accuracies are remembered per list of edits and an undo shows its number again at once.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.network import Architecture, Network
from app.core.neuron_lab import (
    PRUNE,
    SCALE_INCOMING,
    SHIFT_BIAS,
    SWITCH_OFF,
    NeuronEdit,
    NeuronLab,
)
from app.ui import theme


def lab_accuracy(
    architecture: Architecture, params: np.ndarray, x: np.ndarray, labels: np.ndarray
) -> float:
    """Accuracy (0..1) of the network ``params`` (P,) on ``x`` (N, n_0) with ``labels`` (N,).

    Pure numpy, no Qt and no shared state: the window runs it on a background thread to
    answer ``NeuronLabView.accuracy_requested`` when the validation set is large.
    """
    network = Network(architecture, params=params)
    # A bias shifted by 10 or weights tripled can overflow an exp; the answer is still the
    # argmax of whatever comes out, and a warning would only stop the lesson.
    with np.errstate(all="ignore"):
        return float(network.evaluate(x, labels)[1])


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.array(array, copy=True)
    array.flags.writeable = False
    return array


class NeuronLabView(QWidget):
    """Choose a hidden neuron, edit it, and see the validation accuracy change.

    Signals (all payloads are read-only copies the receiver may keep):

    ``params_edited(params)``        the lab's current parameters, float (P,), on opening and
                                     after every edit, undo and restore.
    ``marks_changed(marks)``         frozenset of (layer, neuron) switched off or edited by
                                     an edit in force, for the graph to mark.
    ``accuracy_requested(params, revision)``  params (P,) to measure (in the background,
                                     unless the set is within ``INLINE_LIMIT``); answer with
                                     ``show_accuracy(accuracy, revision)``.
    ``keep_requested(params)``       the teacher confirmed (second click) to continue
                                     training from the edited parameters (P,).
    ``closed()``                     "Leave lab": show the training weights again.
    """

    params_edited = Signal(object)
    marks_changed = Signal(object)
    accuracy_requested = Signal(object, int)
    keep_requested = Signal(object)
    closed = Signal()

    #: Validation sets up to this size are evaluated on the spot; 0: always in the background.
    INLINE_LIMIT = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lab: NeuronLab | None = None
        self._val_x: np.ndarray | None = None
        self._val_y: np.ndarray | None = None
        self._revision = 0
        self._pending: dict[int, tuple[NeuronEdit, ...]] = {}
        self._accuracy: dict[tuple[NeuronEdit, ...], float] = {}
        self._keep_armed = False
        # (kind, neuron) of the last rejected selection, to word it again on a
        # language change; None when the message is not about a rejected click.
        self._rejected: tuple[str, int] | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.accuracy_label = QLabel()
        self.accuracy_label.setWordWrap(True)
        self._build_neuron_box()
        self._build_edits_box()

        left = QVBoxLayout()
        left.addWidget(self.neuron_box)
        left.addWidget(self.prune_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.edits_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep_button)
        bottom.addWidget(self.leave_button)
        right.addLayout(bottom)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.accuracy_label)
        layout.addLayout(columns, 1)
        self.apply_theme()
        self.retranslate_ui()
        self._update_state()

    def _build_neuron_box(self) -> None:
        """Which neuron (from the spins or a click in the graph), and what to do with it."""
        self.neuron_box = QGroupBox()
        self.layer_caption = QLabel()
        self.layer_spin = QSpinBox()
        self.neuron_caption = QLabel()
        self.neuron_spin = QSpinBox()
        self.selection_message = QLabel()
        self.selection_message.setWordWrap(True)
        self.layer_spin.valueChanged.connect(self._layer_changed)
        self.neuron_spin.valueChanged.connect(self._neuron_changed)
        pick = QGridLayout(self.neuron_box)
        pick.addWidget(self.layer_caption, 0, 0)
        pick.addWidget(self.layer_spin, 0, 1)
        pick.addWidget(self.neuron_caption, 0, 2)
        pick.addWidget(self.neuron_spin, 0, 3)
        pick.addWidget(self.selection_message, 1, 0, 1, 4)
        # -- what to do with it
        self.switch_off_button = QPushButton()
        self.scale_button = QPushButton()
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(0.0, 3.0)
        self.scale_spin.setSingleStep(0.1)
        self.scale_spin.setDecimals(2)
        self.scale_spin.setValue(2.0)
        self.shift_button = QPushButton()
        self.shift_spin = QDoubleSpinBox()
        self.shift_spin.setRange(-10.0, 10.0)
        self.shift_spin.setSingleStep(0.5)
        self.shift_spin.setDecimals(2)
        self.shift_spin.setValue(-3.0)
        self.prune_button = QPushButton()
        self.prune_spin = QSpinBox()
        self.prune_spin.setRange(0, 100)
        self.prune_spin.setValue(50)
        self.prune_unit = QLabel()
        self.switch_off_button.clicked.connect(self.switch_off)
        self.scale_button.clicked.connect(self.scale_incoming)
        self.shift_button.clicked.connect(self.shift_bias)
        self.prune_button.clicked.connect(self.prune)

        # The neuron's own edits sit in its box, under its name; pruning is about the whole
        # network and gets a box of its own. No slider for the share: a spin box row is
        # enough and the tab has to fit 300 px of height.
        pick.addWidget(self.switch_off_button, 2, 0, 1, 4)
        pick.addWidget(self.scale_button, 3, 0, 1, 2)
        pick.addWidget(self.scale_spin, 3, 2, 1, 2)
        pick.addWidget(self.shift_button, 4, 0, 1, 2)
        pick.addWidget(self.shift_spin, 4, 2, 1, 2)
        self.prune_box = QGroupBox()
        prune = QHBoxLayout(self.prune_box)
        prune.addWidget(self.prune_button)
        prune.addWidget(self.prune_spin, 1)
        prune.addWidget(self.prune_unit)

    def _build_edits_box(self) -> None:
        """The edits in force, undo and restore; keep the edits or leave the lab."""
        self.edits_box = QGroupBox()
        self.edits_list = QListWidget()
        self.edits_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.edits_empty = QLabel()
        self.edits_empty.setWordWrap(True)
        self.undo_button = QPushButton()
        self.restore_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        self.restore_button.clicked.connect(self.restore)
        edits = QVBoxLayout(self.edits_box)
        edits.addWidget(self.edits_empty)
        edits.addWidget(self.edits_list, 1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.restore_button)
        edits.addLayout(undo_row)
        self.keep_button = QPushButton()
        self.leave_button = QPushButton()
        self.keep_button.clicked.connect(self._keep_clicked)
        self.leave_button.clicked.connect(self._leave)

    # -- looks and texts ------------------------------------------------------------------------

    def apply_theme(self) -> None:
        """Fonts and colours of the current look (``theme``).

        The accuracy line and the edits list are larger than the application's text (they
        are what the class reads); they follow the application font, so presenter mode
        scales them too.
        """
        self.accuracy_label.setFont(_larger_font(1.3, bold=True))
        self.edits_list.setFont(_larger_font(1.15))
        self._retranslate_keep()
        self._retranslate_accuracy()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.title.setText(
            self.tr(
                "The neuron lab works on a copy of the network: training is untouched "
                "unless you choose to keep the edits."
            )
        )
        self.neuron_box.setTitle(self.tr("One hidden neuron"))
        self.layer_caption.setText(self.tr("hidden layer"))
        self.neuron_caption.setText(self.tr("neuron"))
        pick_tip = self.tr(
            "Click a hidden neuron in the graph, or choose it here. Hover a neuron of the "
            "first hidden layer in the graph to see the picture it looks for."
        )
        for widget in (self.layer_spin, self.neuron_spin):
            widget.setToolTip(pick_tip)
        self.switch_off_button.setText(self.tr("Switch off"))
        self.switch_off_button.setToolTip(
            self.tr(
                "Its outgoing weights become 0: the next layer no longer hears it. Switch off "
                "the neuron whose picture looks like a loop: which digits get worse? Draw a 0, "
                "6, 8 or 9 on the pad and watch."
            )
        )
        self.scale_button.setText(self.tr("Scale incoming ×"))
        scale_tip = self.tr(
            "Multiply the weights into this neuron. ×2 makes it react twice as strongly to "
            "what it looks for; ×0 makes it deaf to the image. Does the answer on the pad "
            "change?"
        )
        self.scale_button.setToolTip(scale_tip)
        self.scale_spin.setToolTip(scale_tip)
        self.shift_button.setText(self.tr("Shift bias by"))
        shift_tip = self.tr(
            "Add this to the neuron's bias. A large negative shift keeps it nearly always "
            "off, a large positive one nearly always on: which is worse for the accuracy?"
        )
        self.shift_button.setToolTip(shift_tip)
        self.shift_spin.setToolTip(shift_tip)
        self.prune_box.setTitle(self.tr("The whole network"))
        self.prune_button.setText(self.tr("Prune smallest"))
        self.prune_unit.setText(self.tr("% of all weights"))
        prune_tip = self.tr(
            "Set the smallest weights of every layer to 0. How many can go before the "
            "accuracy drops? Try 50 %, then 80 %, then 95 %."
        )
        for widget in (self.prune_button, self.prune_spin):
            widget.setToolTip(prune_tip)
        self.edits_box.setTitle(self.tr("Edits, oldest first"))
        self.edits_empty.setText(
            self.tr("No edits yet: choose a neuron and switch it off, or prune the network.")
        )
        self.undo_button.setText(self.tr("Undo last"))
        self.undo_button.setToolTip(self.tr("Take back the newest edit"))
        self.restore_button.setText(self.tr("Restore all"))
        self.restore_button.setToolTip(
            self.tr("Take back every edit: the weights are exactly the ones from before")
        )
        self.leave_button.setText(self.tr("Leave lab"))
        self.leave_button.setToolTip(
            self.tr("Close the lab; the graph and the pad show the training weights again")
        )
        self._retranslate_keep()
        self._retranslate_edits()
        self._retranslate_selection()
        self._retranslate_accuracy()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _retranslate_keep(self) -> None:
        if self._keep_armed:
            self.keep_button.setText(self.tr("Click again to train on with the edits"))
            self.keep_button.setStyleSheet(
                f"background: {theme.colours().negative}; color: white; font-weight: bold;"
            )
        else:
            self.keep_button.setText(self.tr("Keep edits in training…"))
            self.keep_button.setStyleSheet("")
        self.keep_button.setToolTip(
            self.tr(
                "Training goes on from the edited weights instead of the ones from before "
                "the lab (asks for a second click)"
            )
        )

    def _retranslate_edits(self) -> None:
        self.edits_list.clear()
        edits = self.lab.edits if self.lab is not None else ()
        for edit in edits:
            self.edits_list.addItem(self.describe_edit(edit))
        self.edits_list.setVisible(bool(edits))
        self.edits_empty.setVisible(not edits)
        if edits:
            self.edits_list.scrollToBottom()

    def _retranslate_selection(self) -> None:
        if self.lab is None:
            text = self.tr("The lab opens on the network as it is now.")
        elif len(self.lab.architecture.layer_sizes) < 3:
            text = self.tr("This network has no hidden layer: only pruning works here.")
        elif self._rejected is not None:
            kind, neuron = self._rejected
            if kind == "input":
                text = self.tr(
                    "That is input pixel %1: the lab changes hidden neurons only. "
                    "Click a neuron of a hidden layer."
                ).replace("%1", str(neuron))
            else:
                text = self.tr(
                    "That is the output neuron of digit %1: the lab changes hidden neurons "
                    "only. Click a neuron of a hidden layer."
                ).replace("%1", str(neuron))
        else:
            text = (
                self.tr("Chosen: hidden layer %1, neuron %2")
                .replace("%1", str(self.layer_spin.value()))
                .replace("%2", str(self.neuron_spin.value()))
            )
        self.selection_message.setText(text)

    def _retranslate_accuracy(self) -> None:
        if self.lab is None or self._val_y is None or len(self._val_y) == 0:
            self.accuracy_label.setText(
                self.tr("validation accuracy: open the lab")
                if self.lab is None
                else self.tr("validation accuracy: no validation data")
            )
            self.accuracy_label.setStyleSheet("")
            return
        before = self._accuracy.get(())
        now = self._accuracy.get(self.lab.edits)
        measuring = self.tr("measuring…")
        text = (
            self.tr("accuracy before: %1 → now: %2")
            .replace("%1", measuring if before is None else _percent(before))
            .replace("%2", measuring if now is None else _percent(now))
        )
        self.accuracy_label.setText(text)
        worse = before is not None and now is not None and now < before
        self.accuracy_label.setStyleSheet(f"color: {theme.colours().negative};" if worse else "")

    def describe_edit(self, edit: NeuronEdit) -> str:
        """One line for the edits list, in the current language."""
        if edit.kind == PRUNE:
            return (
                self.tr("pruned the smallest %1 % of all weights (%2 set to 0)")
                .replace("%1", f"{edit.value:g}")
                .replace("%2", f"{edit.n_changed:,}")
            )
        where = (
            self.tr("hidden layer %1, neuron %2")
            .replace("%1", str(edit.layer))
            .replace("%2", str(edit.neuron))
        )
        if edit.kind == SWITCH_OFF:
            what = self.tr("switched off")
        elif edit.kind == SCALE_INCOMING:
            what = self.tr("incoming weights × %1").replace("%1", f"{edit.value:g}")
        elif edit.kind == SHIFT_BIAS:
            what = self.tr("bias shifted by %1").replace("%1", f"{edit.value:+g}")
        else:
            raise ValueError(f"unknown edit kind {edit.kind!r}")
        return self.tr("%1: %2").replace("%1", where).replace("%2", what)

    # -- opening and closing -------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.lab is not None

    def measuring(self) -> bool:
        """Whether an accuracy asked for is not in yet."""
        return bool(self._pending)

    @property
    def revision(self) -> int:
        """Grows by one with every change of the lab's parameters (open, edit, undo, restore)."""
        return self._revision

    def open_lab(
        self,
        architecture: Architecture,
        params: np.ndarray,
        val_x: np.ndarray,
        val_y: np.ndarray,
    ) -> None:
        """Start editing a copy of ``params`` (P,); accuracy on ``val_x`` (N, n_0), ``val_y`` (N,).

        ``params`` may be read-only and is never written; ``val_x`` and ``val_y`` are kept
        (not copied) and only read.
        """
        self.lab = NeuronLab(Network(architecture, params=params))
        self._val_x = val_x
        self._val_y = np.asarray(val_y)
        self._accuracy, self._pending = {}, {}
        self._rejected = None
        sizes = architecture.layer_sizes
        hidden = len(sizes) - 2
        self.layer_spin.blockSignals(True)
        self.layer_spin.setRange(1, max(1, hidden))
        self.layer_spin.setValue(1)
        self.layer_spin.blockSignals(False)
        self._layer_changed(self.layer_spin.value())
        self._changed()

    def close_lab(self) -> None:
        """Drop the lab and its copy; emits nothing (the window decides what to show)."""
        self.lab = None
        self._val_x = self._val_y = None
        self._accuracy, self._pending = {}, {}
        self._rejected = None
        self._keep_armed = False
        self.retranslate_ui()
        self._update_state()

    # -- choosing a neuron ---------------------------------------------------------------------

    def select_neuron(self, layer: int, neuron: int) -> bool:
        """Choose neuron ``neuron`` of ``layer`` (as the graph names it: 0 = input).

        Input pixels and output neurons are refused with a message saying why; returns
        whether the neuron was chosen.
        """
        if self.lab is None:
            return False
        sizes = self.lab.architecture.layer_sizes
        if not 0 <= layer < len(sizes) or not 0 <= neuron < sizes[layer]:
            return False
        if layer == 0 or layer == len(sizes) - 1:
            self._rejected = ("input" if layer == 0 else "output", neuron)
            self._retranslate_selection()
            return False
        self._rejected = None
        self.layer_spin.setValue(layer)
        self.neuron_spin.setValue(neuron)
        self._retranslate_selection()
        return True

    def selected(self) -> tuple[int, int]:
        """(layer, neuron) chosen now."""
        return self.layer_spin.value(), self.neuron_spin.value()

    def _layer_changed(self, layer: int) -> None:
        if self.lab is None:
            return
        self.neuron_spin.setRange(0, self.lab.architecture.layer_sizes[layer] - 1)
        self._rejected = None
        self._retranslate_selection()

    def _neuron_changed(self, _neuron: int) -> None:
        self._rejected = None
        self._retranslate_selection()

    # -- edits ---------------------------------------------------------------------------------

    def switch_off(self) -> None:
        if self.lab is not None:
            self.lab.switch_off(*self.selected())
            self._changed()

    def scale_incoming(self) -> None:
        if self.lab is not None:
            self.lab.scale_incoming(*self.selected(), self.scale_spin.value())
            self._changed()

    def shift_bias(self) -> None:
        if self.lab is not None:
            self.lab.shift_bias(*self.selected(), self.shift_spin.value())
            self._changed()

    def prune(self) -> None:
        if self.lab is not None:
            self.lab.prune(self.prune_spin.value())
            self._changed()

    def undo(self) -> None:
        if self.lab is not None and self.lab.undo() is not None:
            self._changed()

    def restore(self) -> None:
        if self.lab is not None:
            self.lab.restore()
            self._changed()

    def marks(self) -> frozenset[tuple[int, int]]:
        """(layer, neuron) of every neuron an edit in force switched off or changed."""
        if self.lab is None:
            return frozenset()
        return frozenset(
            (int(e.layer), int(e.neuron)) for e in self.lab.edits if e.layer is not None
        )

    def _changed(self) -> None:
        assert self.lab is not None
        self._revision += 1
        self._keep_armed = False
        self._retranslate_keep()
        self._retranslate_edits()
        self._update_state()
        self.params_edited.emit(_read_only(self.lab.params))
        self.marks_changed.emit(self.marks())
        self._measure()

    def _measure(self) -> None:
        assert self.lab is not None
        assert self._val_x is not None
        assert self._val_y is not None
        key = self.lab.edits
        if key not in self._accuracy and len(self._val_y) > 0:
            if len(self._val_y) <= self.INLINE_LIMIT:
                with np.errstate(all="ignore"):
                    self._accuracy[key] = float(self.lab.evaluate(self._val_x, self._val_y)[1])
            else:
                self._pending[self._revision] = key
                self.accuracy_requested.emit(_read_only(self.lab.params), self._revision)
        self._retranslate_accuracy()

    def show_accuracy(self, accuracy: float, revision: int) -> None:
        """The answer to ``accuracy_requested(params, revision)``: accuracy 0..1."""
        key = self._pending.pop(revision, None)
        if key is None or self.lab is None:
            return  # asked before the lab was opened again or closed
        self._accuracy[key] = float(accuracy)
        self._retranslate_accuracy()

    # -- keeping and leaving -------------------------------------------------------------------

    def _keep_clicked(self) -> None:
        if self.lab is None or not self.lab.edits:
            return
        if not self._keep_armed:
            self._keep_armed = True
            self._retranslate_keep()
            return
        self._keep_armed = False
        self._retranslate_keep()
        self.keep_requested.emit(_read_only(self.lab.params))

    def _leave(self) -> None:
        self.close_lab()
        self.closed.emit()

    def _update_state(self) -> None:
        is_open = self.lab is not None
        has_hidden = is_open and len(self.lab.architecture.layer_sizes) > 2
        has_edits = is_open and bool(self.lab.edits)
        for widget in (self.layer_spin, self.neuron_spin, self.switch_off_button):
            widget.setEnabled(has_hidden)
        for widget in (self.scale_button, self.scale_spin, self.shift_button, self.shift_spin):
            widget.setEnabled(has_hidden)
        for widget in (self.prune_button, self.prune_spin):
            widget.setEnabled(is_open)
        for widget in (self.undo_button, self.restore_button, self.keep_button):
            widget.setEnabled(has_edits)
        self.leave_button.setEnabled(is_open)


def _larger_font(factor: float, *, bold: bool = False) -> QFont:
    """The application font, ``factor`` times larger (at least 9 pt before the look's scale)."""
    font = QFont(QApplication.font())
    points = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(points, 9.0 * theme.scale()) * factor)
    font.setBold(bold)
    return font


def _percent(accuracy: float) -> str:
    return f"{accuracy * 100:.1f} %"
