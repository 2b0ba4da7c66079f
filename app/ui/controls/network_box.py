"""The "Network" box: the activation, the loss, and the hidden layers' sizes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.network import Architecture
from app.training import commands as cmd
from app.ui.controls.common import buddy_label, let_shrink, set_items, translate
from app.ui.i18n import ACTIVATION_NAMES

MAX_HIDDEN_LAYERS = 4
MAX_NEURONS = 128


class NetworkBox(QGroupBox):
    """The network's shape. ``architecture`` is the one in force (as the window last showed
    it, or as this box last sent it).

    A new activation or loss keeps the weights and goes out at once as ``SetArchitecture``
    (``command_requested``). New layer sizes reset the weights, so "Apply layers…" only asks
    (``architecture_change_requested(architecture)``): the window confirms with the teacher.
    """

    command_requested = Signal(object)
    architecture_change_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.architecture = Architecture()
        self.activation = QComboBox()
        for name in ("sigmoid", "relu", "tanh"):
            self.activation.addItem("", name)
        self.loss = QComboBox()
        for name in ("mse", "cross_entropy"):
            self.loss.addItem("", name)
        self.activation.currentIndexChanged.connect(self._send_functions)
        self.loss.currentIndexChanged.connect(self._send_functions)
        let_shrink(self.activation)
        let_shrink(self.loss)
        self.hidden_spins: list[QSpinBox] = []
        self.hidden_row = QHBoxLayout()
        self.add_layer_button = QPushButton()
        self.add_layer_button.clicked.connect(self._add_layer)
        self.remove_layer_button = QPushButton()
        self.remove_layer_button.clicked.connect(self._remove_layer)
        self.apply_layers_button = QPushButton()
        self.apply_layers_button.clicked.connect(self._request_layers)
        self.parameter_count = QLabel()
        self._lay_out()
        self.show_architecture(self.architecture)
        self.retranslate_ui()

    def _lay_out(self) -> None:
        net = QFormLayout(self)
        self.activation_title = buddy_label(self.activation)
        self.loss_title = buddy_label(self.loss)
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

    def show_architecture(self, arch: Architecture) -> None:
        """Show ``arch`` as the one in force, sending nothing."""
        self.architecture = arch
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

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the box's texts in the current language (at the start and on a language change)."""
        self.setTitle(translate("ControlsPanel", "Network"))
        self.activation_title.setText(translate("ControlsPanel", "Activation"))
        set_items(self.activation, ACTIVATION_NAMES)
        self.activation.setToolTip(
            translate(
                "ControlsPanel",
                "How each hidden neuron squashes its weighted sum. Try ReLU: it often learns "
                "faster, but a learning rate too large leaves neurons dead.",
            )
        )
        self.loss_title.setText(translate("ControlsPanel", "Loss"))
        # Short names: with "(sigmoid outputs)" the box read "squared error (sigmoid outpu"
        # in the controls' column; the outputs each loss goes with are in the item's tip.
        set_items(
            self.loss,
            {
                "mse": translate("ControlsPanel", "squared error"),
                "cross_entropy": translate("ControlsPanel", "cross-entropy"),
            },
        )
        tips = {
            "mse": translate("ControlsPanel", "Squared error, with sigmoid outputs"),
            "cross_entropy": translate("ControlsPanel", "Cross-entropy, with softmax outputs"),
        }
        for name, tip in tips.items():
            self.loss.setItemData(self.loss.findData(name), tip, Qt.ItemDataRole.ToolTipRole)
        self.loss.setToolTip(
            translate(
                "ControlsPanel",
                "How wrong an answer counts. Try cross-entropy: a confident wrong answer costs "
                "much more, so the network learns faster from its mistakes.",
            )
        )
        self._retranslate_layers()

    def _retranslate_layers(self) -> None:
        self.hidden_layers_title.setText(translate("ControlsPanel", "Hidden layers"))
        for spin in self.hidden_spins:
            spin.setToolTip(self._hidden_spin_tip())
        self.add_layer_button.setText(translate("ControlsPanel", "+ layer"))
        self.add_layer_button.setToolTip(
            translate(
                "ControlsPanel",
                "Add a hidden layer (up to 4). Try a second layer and compare the accuracy.",
            )
        )
        self.remove_layer_button.setText(translate("ControlsPanel", "− layer"))
        self.remove_layer_button.setToolTip(
            translate(
                "ControlsPanel",
                "Remove the last hidden layer. Try a single layer: does it still learn?",
            )
        )
        self.apply_layers_button.setText(translate("ControlsPanel", "Apply layers…"))
        self.apply_layers_button.setToolTip(
            translate(
                "ControlsPanel",
                "Rebuild the network with these hidden layers (asks first: weights reset). "
                "Try 2 neurons, then 64, and watch the weight count.",
            )
        )
        self._show_parameter_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _hidden_spin_tip(self) -> str:
        return translate(
            "ControlsPanel",
            "Neurons in this hidden layer (1–128). Try 4 and see how few features are enough "
            "to read most digits.",
        )

    # -- internals -------------------------------------------------------------------------------

    def _send_functions(self, *_args) -> None:
        arch = Architecture(
            self.architecture.layer_sizes, self.activation.currentData(), self.loss.currentData()
        )
        if arch != self.architecture:
            self.architecture = arch
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
        self.apply_layers_button.setEnabled(sizes != self.architecture.layer_sizes)
        self._show_parameter_count()

    def _show_parameter_count(self) -> None:
        count = Architecture(self._proposed_sizes()).n_parameters
        self.parameter_count.setText(
            translate("ControlsPanel", "%1 weights and biases").replace("%1", f"{count:,}")
        )

    def _proposed_sizes(self) -> tuple[int, ...]:
        sizes = self.architecture.layer_sizes
        return (sizes[0], *self._hidden_sizes(), sizes[-1])

    def _request_layers(self) -> None:
        arch = Architecture(
            self._proposed_sizes(), self.activation.currentData(), self.loss.currentData()
        )
        self.architecture_change_requested.emit(arch)
