"""The neuron lab edits a copy, undoes in order, and restores the original bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.network import Architecture, Network
from app.core.neuron_lab import (
    PRUNE,
    SCALE_INCOMING,
    SHIFT_BIAS,
    SWITCH_OFF,
    NeuronEdit,
    NeuronLab,
)
from app.errors import ConfigError

ARCHITECTURES = [
    Architecture((20, 7, 4)),
    Architecture((20, 7, 6, 4), "relu", "cross_entropy"),
    Architecture((20, 5, 6, 7, 4), "tanh"),
    Architecture((20, 8, 7, 6, 5, 4), "sigmoid", "cross_entropy"),
]


def inputs(n: int = 30) -> np.ndarray:
    return np.random.default_rng(0).random((n, 20))


def hidden_forward_with_neuron_off(net: Network, x: np.ndarray, layer: int, neuron: int):
    """The forward pass written out by hand, with neuron ``neuron`` of ``layer`` giving 0."""
    a = x
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = a @ w.T + b
        last = i == net.architecture.n_layers - 1
        a = net.output_loss.output(z) if last else net.activation.forward(z)
        if i + 1 == layer:
            a = a.copy()
            a[:, neuron] = 0.0
    return a


@pytest.mark.parametrize("arch", ARCHITECTURES, ids=lambda a: a.describe())
def test_switching_off_is_the_neuron_giving_zero_to_the_next_layer(arch):
    net = Network(arch, seed=1)
    x = inputs()
    for layer in range(1, arch.n_layers):
        for neuron in (0, arch.layer_sizes[layer] - 1):
            lab = NeuronLab(net)
            lab.switch_off(layer, neuron)
            edited = lab.edited_network()
            expected = hidden_forward_with_neuron_off(net, x, layer, neuron)
            np.testing.assert_allclose(edited.forward(x).output, expected, rtol=1e-12)
            # Implemented as: its outgoing weights (column of W[layer]) are zero.
            assert np.all(edited.weights[layer][:, neuron] == 0)
            others = np.delete(edited.weights[layer], neuron, axis=1)
            assert np.array_equal(others, np.delete(net.weights[layer], neuron, axis=1))


def test_the_network_handed_in_is_never_touched():
    net = Network(ARCHITECTURES[1], seed=2)
    before = net.params.copy()
    lab = NeuronLab(net)
    lab.switch_off(1, 2)
    lab.scale_incoming(2, 1, 3.0)
    lab.shift_bias(3, 0, -1.5)
    lab.prune(40)
    assert np.array_equal(net.params, before)
    assert not np.array_equal(lab.params, before)


def test_scale_and_shift_change_exactly_their_parameters():
    net = Network(ARCHITECTURES[2], seed=3)
    arch = net.architecture
    lab = NeuronLab(net)
    lab.scale_incoming(2, 4, 0.5)
    edited = lab.edited_network()
    np.testing.assert_array_equal(edited.weights[1][4], net.weights[1][4] * 0.5)
    assert edited.biases[1][4] == net.biases[1][4]
    changed = np.flatnonzero(edited.params != net.params)
    assert set(changed) <= {arch.weight_index(1, 4, k) for k in range(arch.layer_sizes[1])}
    lab.shift_bias(4, 3, 2.0)  # the output layer's neurons can be moved too
    assert lab.edited_network().biases[3][3] == net.biases[3][3] + 2.0


@pytest.mark.parametrize("arch", ARCHITECTURES, ids=lambda a: a.describe())
def test_restore_is_bit_identical_after_any_edits(arch):
    net = Network(arch, seed=4)
    net.params[::7] = np.nextafter(net.params[::7], np.inf)  # bits a recomputation would lose
    original = net.params.copy()
    lab = NeuronLab(net)
    for layer in range(1, arch.n_layers):
        lab.switch_off(layer, 0)
        lab.scale_incoming(layer, 1, 1.0 / 3.0)
        lab.shift_bias(layer, 1, 0.1)
    lab.prune(63.7)
    lab.scale_incoming(arch.n_layers, 0, -2.0)
    restored = lab.restore()
    assert restored.tobytes() == original.tobytes()
    assert lab.params.tobytes() == original.tobytes()
    assert lab.edits == ()
    assert lab.undo() is None


def test_undo_takes_edits_back_newest_first():
    net = Network(ARCHITECTURES[1], seed=5)
    lab = NeuronLab(net)
    states = [lab.params]
    made = [
        lab.switch_off(1, 3),
        lab.scale_incoming(1, 3, 4.0),
        lab.prune(50),
        lab.shift_bias(2, 0, 1.0),
        lab.switch_off(2, 0),
    ]
    # The state after every edit, by replaying the edits on a second lab.
    replay = NeuronLab(net)
    for edit in made:
        replay_edit(replay, edit)
        states.append(replay.params)
    assert lab.edits == tuple(made)
    for k in range(len(made), 0, -1):
        assert lab.params.tobytes() == states[k].tobytes()
        assert lab.undo() == made[k - 1]
    assert lab.params.tobytes() == states[0].tobytes() == net.params.tobytes()


def replay_edit(lab: NeuronLab, edit: NeuronEdit) -> None:
    if edit.kind == SWITCH_OFF:
        lab.switch_off(edit.layer, edit.neuron)
    elif edit.kind == SCALE_INCOMING:
        lab.scale_incoming(edit.layer, edit.neuron, edit.value)
    elif edit.kind == SHIFT_BIAS:
        lab.shift_bias(edit.layer, edit.neuron, edit.value)
    else:
        lab.prune(edit.value)


def test_edits_are_described_as_data():
    lab = NeuronLab(Network(ARCHITECTURES[0], seed=0))
    assert lab.switch_off(1, 2) == NeuronEdit(SWITCH_OFF, 1, 2, None, 4)
    assert lab.scale_incoming(np.int64(2), 3, 2) == NeuronEdit(SCALE_INCOMING, 2, 3, 2.0, 7)
    assert lab.shift_bias(1, 0, -0.25) == NeuronEdit(SHIFT_BIAS, 1, 0, -0.25, 1)
    prune = lab.prune(10)
    assert (prune.kind, prune.layer, prune.neuron, prune.value) == (PRUNE, None, None, 10.0)
    assert prune.n_changed == round(0.1 * (20 * 7 + 7 * 4))
    assert lab.switched_off() == {(1, 2)}


@pytest.mark.parametrize("percent", [0, 10, 37.5, 100])
def test_prune_zeroes_the_right_share_of_the_smallest_weights(percent):
    net = Network(ARCHITECTURES[3], seed=6)
    arch = net.architecture
    lab = NeuronLab(net)
    edit = lab.prune(percent)
    weights_before = np.concatenate([w.ravel() for w in net.weights])
    weights_after = np.concatenate([w.ravel() for w in lab.edited_network().weights])
    count = round(percent / 100 * arch.n_weights)
    assert edit.n_changed == count
    pruned = weights_after == 0
    assert pruned.sum() == count  # random weights are never exactly 0 to start with
    if 0 < count < arch.n_weights:
        assert np.abs(weights_before[pruned]).max() <= np.abs(weights_before[~pruned]).min()
    assert np.array_equal(weights_after[~pruned], weights_before[~pruned])
    biases_after = np.concatenate(lab.edited_network().biases)
    np.testing.assert_array_equal(biases_after, np.concatenate(net.biases))


def test_prune_counts_weights_already_zero():
    net = Network(ARCHITECTURES[0], seed=7)
    lab = NeuronLab(net)
    lab.switch_off(1, 0)  # 4 outgoing weights become 0
    edit = lab.prune(5)
    n_zero = sum(int((w == 0).sum()) for w in lab.edited_network().weights)
    assert n_zero == max(edit.n_changed, 4)


def test_the_edited_network_reads_digits_differently():
    net = Network(ARCHITECTURES[1], seed=8)
    x, y = inputs(50), np.random.default_rng(1).integers(0, 4, 50)
    lab = NeuronLab(net)
    assert lab.evaluate(x, y) == net.evaluate(x, y)
    lab.prune(100)
    loss, _ = lab.evaluate(x, y)
    assert loss != net.evaluate(x, y)[0]
    assert lab.edited_network().evaluate(x, y)[0] == loss


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda lab: lab.switch_off(0, 0), "hidden layers are 1 to 2"),
        (lambda lab: lab.switch_off(3, 0), "hidden layers are 1 to 2"),  # output: no outgoing
        (lambda lab: lab.switch_off(1, 7), "neurons 0 to 6"),
        (lambda lab: lab.switch_off(1, -1), "neurons 0 to 6"),
        (lambda lab: lab.switch_off(1.0, 0), "no layer"),
        (lambda lab: lab.switch_off(True, 0), "no layer"),
        (lambda lab: lab.scale_incoming(4, 0, 2.0), "1 to 3"),
        (lambda lab: lab.scale_incoming(1, 0, float("nan")), "finite"),
        (lambda lab: lab.shift_bias(2, 6, 1.0), "neurons 0 to 5"),
        (lambda lab: lab.shift_bias(2, 0, "1"), "number"),
        (lambda lab: lab.prune(101), "0 to 100"),
        (lambda lab: lab.prune(-1), "0 to 100"),
    ],
)
def test_invalid_edits_raise_config_error_and_change_nothing(call, message):
    net = Network(ARCHITECTURES[1], seed=0)
    lab = NeuronLab(net)
    with pytest.raises(ConfigError, match=message):
        call(lab)
    assert lab.edits == ()
    assert np.array_equal(lab.params, net.params)


def test_a_network_without_hidden_layers_has_nothing_to_switch_off():
    lab = NeuronLab(Network(Architecture((20, 4)), seed=0))
    with pytest.raises(ConfigError, match="no hidden layer"):
        lab.switch_off(1, 0)
    lab.scale_incoming(1, 0, 2.0)  # its output neurons can still be edited
