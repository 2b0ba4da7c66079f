"""The neuron lab: change a network by hand and see what it does, on a copy.

A teacher switches a hidden neuron off, turns its incoming weights up or down, moves its
bias, or prunes the smallest weights of the whole network, and then asks the edited network
to read digits. Every edit goes on a list; ``undo`` takes the last one back and ``restore``
gives back the network exactly as it was, bit for bit. The network handed in is never
touched: the lab works on its own copy of the parameters.

Neurons are named as in ``app.core.network``: layer ``l`` (0 = input, L = output), neuron
``j``. For a neuron j of layer l, its incoming weights are row j of ``W[l-1]``, its bias is
``b[l-1][j]``, and its outgoing weights are column j of ``W[l]``.

**Switching a neuron off** sets its outgoing weights to zero: the next layer then receives
0 from it, exactly as if its output were 0, whatever the activation. The alternative of
zeroing its incoming weights and bias would not do that (a sigmoid of 0 is 0.5, not 0), and
a mask inside the forward pass would make the edited network something other than a plain
``Network``. With zeroed outgoing weights it is one: every view, ``evaluate`` and model file
works on it unchanged. The neuron itself still computes its activation; nothing sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.core.network import Network
from app.errors import ConfigError

SWITCH_OFF = "switch_off"
SCALE_INCOMING = "scale_incoming"
SHIFT_BIAS = "shift_bias"
PRUNE = "prune"
EDIT_KINDS = (SWITCH_OFF, SCALE_INCOMING, SHIFT_BIAS, PRUNE)


@dataclass(frozen=True)
class NeuronEdit:
    """One edit, as data for the window to put into words.

    ``kind``       one of ``EDIT_KINDS``.
    ``layer``      the neuron's layer l (1..L), None for ``prune``.
    ``neuron``     the neuron j in that layer, None for ``prune``.
    ``value``      the factor (scale_incoming), the shift (shift_bias), the percentage of
                   all weights (prune, 0–100); None for switch_off.
    ``n_changed``  how many parameters the edit set (a prune's count of weights zeroed).
    """

    kind: str
    layer: int | None
    neuron: int | None
    value: float | None
    n_changed: int


class NeuronLab:
    """Edits of a copy of ``network``'s parameters, with undo and an exact restore."""

    def __init__(self, network: Network) -> None:
        self.architecture = network.architecture
        self._original = network.params.copy()
        self._original.flags.writeable = False
        self._network = network.copy()
        # For each edit: the positions it set in ``params`` and what they held before.
        self._undo: list[tuple[NeuronEdit, np.ndarray, np.ndarray]] = []

    # -- what the lab holds --------------------------------------------------------------------

    @property
    def edits(self) -> tuple[NeuronEdit, ...]:
        """The edits in force, oldest first."""
        return tuple(edit for edit, _, _ in self._undo)

    @property
    def original_params(self) -> np.ndarray:
        """The parameters as handed in, shape (P,), read-only."""
        return self._original

    @property
    def params(self) -> np.ndarray:
        """A copy of the edited parameters, shape (P,)."""
        return self._network.params.copy()

    def edited_network(self) -> Network:
        """A new network with the edited parameters (the lab keeps its own)."""
        return self._network.copy()

    def evaluate(self, x: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
        """Mean loss and accuracy (0..1) of the edited network, without copying it."""
        return self._network.evaluate(x, labels)

    def switched_off(self) -> set[tuple[int, int]]:
        """(layer, neuron) of every neuron switched off by an edit in force."""
        return {(int(e.layer or 0), int(e.neuron or 0)) for e in self.edits if e.kind == SWITCH_OFF}

    # -- edits ---------------------------------------------------------------------------------

    def switch_off(self, layer: int, neuron: int) -> NeuronEdit:
        """Zero the outgoing weights of hidden neuron ``neuron`` of layer ``layer`` (1..L−1)."""
        layer, neuron = self._check_neuron(layer, neuron, hidden_only=True)
        w_start, _, _ = self.architecture.offsets[layer]
        n_from = self.architecture.layer_sizes[layer]
        n_to = self.architecture.layer_sizes[layer + 1]
        # Column ``neuron`` of W[layer], row-major: every n_from-th position from the start.
        positions = w_start + neuron + n_from * np.arange(n_to)
        return self._apply(SWITCH_OFF, layer, neuron, None, positions, np.zeros(n_to))

    def scale_incoming(self, layer: int, neuron: int, factor: float) -> NeuronEdit:
        """Multiply the weights into neuron ``neuron`` of layer ``layer`` (1..L) by ``factor``.

        The bias is left alone: scaling the weights changes how strongly the neuron responds
        to its inputs, shifting the bias (``shift_bias``) moves where it switches on.
        """
        layer, neuron = self._check_neuron(layer, neuron, hidden_only=False)
        factor = _finite(factor, "the factor")
        w_start, _, _ = self.architecture.offsets[layer - 1]
        n_from = self.architecture.layer_sizes[layer - 1]
        positions = w_start + neuron * n_from + np.arange(n_from)
        values = self._network.params[positions] * factor
        return self._apply(SCALE_INCOMING, layer, neuron, factor, positions, values)

    def shift_bias(self, layer: int, neuron: int, shift: float) -> NeuronEdit:
        """Add ``shift`` to the bias of neuron ``neuron`` of layer ``layer`` (1..L)."""
        layer, neuron = self._check_neuron(layer, neuron, hidden_only=False)
        shift = _finite(shift, "the bias shift")
        position = np.array([self.architecture.bias_index(layer - 1, neuron)])
        values = self._network.params[position] + shift
        return self._apply(SHIFT_BIAS, layer, neuron, shift, position, values)

    def prune(self, percent: float) -> NeuronEdit:
        """Zero the ``percent`` % of all weights (every layer together) smallest in size.

        Size is |w| of the weights as they are now, after earlier edits; weights already zero
        count among them. round(percent/100 · number of weights) are set to 0; ties are broken
        by position in ``params``, so the choice is the same every time. Biases are never
        pruned: a bias is one number per neuron, not a connection.
        """
        percent = _finite(percent, "the share to prune")
        if not 0.0 <= percent <= 100.0:
            raise ConfigError(f"the share to prune must be 0 to 100 %, got {percent:g}")
        weight_positions = np.concatenate(
            [np.arange(w0, b0) for w0, b0, _ in self.architecture.offsets]
        )
        count = round(percent / 100.0 * len(weight_positions))
        sizes = np.abs(self._network.params[weight_positions])
        smallest = np.argsort(sizes, kind="stable")[:count]
        positions = np.sort(weight_positions[smallest])
        return self._apply(PRUNE, None, None, percent, positions, np.zeros(count))

    # -- taking edits back ---------------------------------------------------------------------

    def undo(self) -> NeuronEdit | None:
        """Take back the newest edit in force and return it (None if there is none)."""
        if not self._undo:
            return None
        edit, positions, previous = self._undo.pop()
        self._network.params[positions] = previous
        return edit

    def restore(self) -> np.ndarray:
        """Take back every edit; returns a copy of the original parameters, bit for bit."""
        self._network.set_params(self._original)
        self._undo.clear()
        return self._original.copy()

    # -- helpers -------------------------------------------------------------------------------

    def _apply(
        self,
        kind: str,
        layer: int | None,
        neuron: int | None,
        value: float | None,
        positions: np.ndarray,
        values: np.ndarray,
    ) -> NeuronEdit:
        edit = NeuronEdit(kind, layer, neuron, value, len(positions))
        self._undo.append((edit, positions, self._network.params[positions].copy()))
        self._network.params[positions] = values
        return edit

    def _check_neuron(self, layer: int, neuron: int, *, hidden_only: bool) -> tuple[int, int]:
        sizes = self.architecture.layer_sizes
        last = len(sizes) - 2 if hidden_only else len(sizes) - 1
        if not _is_whole(layer) or not 1 <= layer <= last:
            if hidden_only and last < 1:
                raise ConfigError("this network has no hidden layer")
            what = "hidden layers" if hidden_only else "layers with neurons"
            raise ConfigError(f"no layer {layer!r} here; the {what} are 1 to {last}")
        if not _is_whole(neuron) or not 0 <= neuron < sizes[layer]:
            raise ConfigError(f"layer {layer} has neurons 0 to {sizes[layer] - 1}, not {neuron!r}")
        return int(layer), int(neuron)


def _is_whole(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | np.integer)


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ConfigError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ConfigError(f"{what} must be a finite number, got {number}")
    return number
