"""The network's maths, checked against finite differences and the lesson's own numbers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from app.core.activations import ACTIVATIONS
from app.core.losses import LOSSES, one_hot
from app.core.network import Architecture, Network
from app.errors import ConfigError

PAIRS = list(itertools.product(ACTIVATIONS, LOSSES))


def small_net(activation: str, loss: str, seed: int = 1) -> Network:
    net = Network(Architecture((6, 5, 4, 3), activation, loss), seed=seed)
    # Non-zero biases so every term of the gradient is exercised.
    rng = np.random.default_rng(seed + 100)
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, b.shape)
    return net


def batch_loss(net: Network, x: np.ndarray, labels: np.ndarray) -> float:
    out = net.forward(x).output
    return float(net.output_loss.loss(out, one_hot(labels, net.layer_sizes[-1])).mean())


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))


def test_default_network_has_13002_weights_and_biases():
    arch = Architecture()
    assert arch.layer_sizes == (784, 16, 16, 10)
    assert arch.n_weights == 784 * 16 + 16 * 16 + 16 * 10 == 12_960
    assert arch.n_biases == 16 + 16 + 10
    assert arch.n_parameters == 13_002
    assert Network(arch).params.shape == (13_002,)


@pytest.mark.parametrize(("activation", "loss"), PAIRS)
def test_gradient_matches_finite_differences(activation, loss):
    net = small_net(activation, loss)
    rng = np.random.default_rng(7)
    # Keep ReLU's inputs away from the kink at 0, where the derivative is undefined.
    x = rng.uniform(0.1, 1.0, (4, 6))
    labels = np.array([0, 2, 1, 2])
    _, grads = net.gradient(x, labels)
    numeric = np.empty_like(net.params)
    eps = 1e-6
    for i in range(net.params.size):
        keep = net.params[i]
        net.params[i] = keep + eps
        up = batch_loss(net, x, labels)
        net.params[i] = keep - eps
        down = batch_loss(net, x, labels)
        net.params[i] = keep
        numeric[i] = (up - down) / (2 * eps)
    assert relative_error(grads.flat, numeric) < 1e-6


@pytest.mark.parametrize(("activation", "loss"), PAIRS)
def test_nudges_are_dloss_by_dactivation(activation, loss):
    """The nudge of every neuron is dC/da: checked by moving that neuron's activation."""
    net = small_net(activation, loss)
    x = np.random.default_rng(3).uniform(0.1, 1.0, (1, 6))
    label = np.array([1])
    forward, grads = net.gradient(x, label)
    y = one_hot(label, 3)

    def loss_from(layer: int, a: np.ndarray) -> float:
        """Run the network from layer ``layer`` with activations ``a``."""
        for i in range(layer, net.architecture.n_layers):
            z = a @ net.weights[i].T + net.biases[i]
            last = i == net.architecture.n_layers - 1
            a = net.output_loss.output(z) if last else net.activation.forward(z)
        return float(net.output_loss.loss(a, y)[0])

    eps = 1e-6
    for layer in range(1, net.architecture.n_layers + 1):
        a = forward.activations[layer].copy()
        numeric = np.empty(a.shape[1])
        for j in range(a.shape[1]):
            up, down = a.copy(), a.copy()
            up[0, j] += eps
            down[0, j] -= eps
            if loss == "cross_entropy" and layer == net.architecture.n_layers:
                # Softmax outputs are not free variables; dC/da_j of C = −Σ y log a is −y_j/a_j.
                numeric[j] = (-y[0] @ np.log(up[0]) + y[0] @ np.log(down[0]))[()] / (2 * eps)
            else:
                numeric[j] = (loss_from(layer, up) - loss_from(layer, down)) / (2 * eps)
        assert relative_error(grads.nudges[layer][0], numeric) < 1e-6, f"layer {layer}"
    assert grads.nudges[0] is None


def test_a_training_2_wants_output_2_up_and_the_rest_down():
    net = Network(seed=0)
    x = np.random.default_rng(0).random((1, 784))
    _, grads = net.gradient(x, np.array([2]))
    wanted = -grads.nudges[-1][0]  # the direction the loss wants each output to move
    assert wanted[2] > 0
    assert np.all(np.delete(wanted, 2) < 0)


@pytest.mark.parametrize(("activation", "loss"), PAIRS)
def test_batch_gradient_is_the_mean_of_per_example_gradients(activation, loss):
    net = small_net(activation, loss)
    rng = np.random.default_rng(11)
    x = rng.uniform(0.1, 1.0, (5, 6))
    labels = np.array([0, 1, 2, 0, 1])
    _, batch = net.gradient(x, labels)
    per_example = [net.gradient(x[i : i + 1], labels[i : i + 1])[1] for i in range(5)]
    np.testing.assert_allclose(
        batch.flat, np.mean([g.flat for g in per_example], axis=0), rtol=1e-12, atol=1e-15
    )
    for layer in range(1, 4):
        np.testing.assert_allclose(
            batch.mean_nudges[layer], np.mean([g.nudges[layer][0] for g in per_example], axis=0)
        )
    assert batch.loss == pytest.approx(np.mean([g.loss for g in per_example]))


@pytest.mark.parametrize(("activation", "loss"), PAIRS)
@pytest.mark.parametrize("path", ["gradient", "step_gradient"])
def test_each_examples_nudges_and_deltas_in_a_batch_are_its_own(activation, loss, path):
    """The batch mean's 1/B rides down the layers inside the deltas; what is read back out is
    per example again: example i's nudges and deltas are those it gets alone."""
    net = small_net(activation, loss)
    rng = np.random.default_rng(12)
    x = rng.uniform(0.1, 1.0, (4, 6))
    labels = np.array([2, 0, 1, 2])
    _, batch = getattr(net, path)(x, labels)
    for i in range(4):
        _, alone = net.gradient(x[i : i + 1], labels[i : i + 1])
        for layer in range(1, 4):
            for kind in ("nudges", "deltas"):
                np.testing.assert_allclose(
                    getattr(batch, kind)[layer][i],
                    getattr(alone, kind)[layer][0],
                    rtol=1e-12,
                    atol=1e-15,
                )


def test_forward_keeps_every_layer():
    net = Network(seed=0)
    x = np.random.default_rng(0).random((3, 784))
    fwd = net.forward(x)
    assert [a.shape for a in fwd.activations] == [(3, 784), (3, 16), (3, 16), (3, 10)]
    assert fwd.weighted_sums[0] is None
    z1 = x @ net.weights[0].T + net.biases[0]
    np.testing.assert_allclose(fwd.weighted_sums[1], z1)
    np.testing.assert_allclose(fwd.activations[1], 1 / (1 + np.exp(-z1)))


def test_softmax_outputs_sum_to_one_and_predict_proba_rows_sum_to_one():
    x = np.random.default_rng(0).random((4, 784))
    for loss in LOSSES:
        net = Network(Architecture(loss=loss), seed=2)
        p = net.predict_proba(x)
        np.testing.assert_allclose(p.sum(axis=1), 1.0)
        assert np.array_equal(p.argmax(axis=1), net.predict(x))


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = Network(seed=5), Network(seed=5), Network(seed=6)
    assert np.array_equal(a.params, b.params)
    assert not np.array_equal(a.params, c.params)
    assert np.all(a.biases[0] == 0)
    # Weights are drawn with spread 1/sqrt(n_in): first layer std ≈ 1/28.
    assert a.weights[0].std() == pytest.approx(1 / 28, rel=0.05)


def test_seeded_weights_are_the_same_on_every_machine():
    # PCG64's standard normals are fixed by numpy's stream-compatibility policy; these were
    # recorded once and must never change, or saved lessons would not replay.
    w = Network(seed=0).weights[0]
    np.testing.assert_allclose(
        w[0, :3], np.array([0.12573022, -0.13210486, 0.64042265]) / 28, rtol=1e-7
    )


def test_extreme_inputs_give_finite_outputs_without_warnings():
    for activation, loss in PAIRS:
        net = Network(Architecture((3, 4, 2), activation, loss), seed=0)
        net.params *= 1e4
        out = net.forward(np.array([[1e3, -1e3, 5e2]])).output
        assert np.all(np.isfinite(out))


@pytest.mark.parametrize(
    "sizes",
    [(784,), (), (784, 0, 10), (784, -3, 10), (784, 16.5, 10), (784, True, 10), (10**6, 10)],
)
def test_bad_architectures_are_refused_with_a_message(sizes):
    with pytest.raises(ConfigError):
        Architecture(sizes)


def test_unknown_activation_and_loss_are_refused():
    with pytest.raises(ConfigError, match="activation"):
        Architecture(activation="swish")
    with pytest.raises(ConfigError, match="loss"):
        Architecture(loss="hinge")


def test_wrong_input_shape_is_refused():
    with pytest.raises(ConfigError, match="784"):
        Network().forward(np.zeros((2, 100)))


def test_parameter_indexing_and_names():
    arch = Architecture()
    net = Network(arch, seed=0)
    i = arch.weight_index(1, 3, 5)
    assert net.params[i] == net.weights[1][3, 5]
    assert arch.parameter_name(i) == "w2[3,5]"
    j = arch.bias_index(2, 7)
    assert net.params[j] == net.biases[2][7]
    assert arch.parameter_name(j) == "b3[7]"
    with pytest.raises(ConfigError):
        arch.weight_index(3, 0, 0)
    with pytest.raises(ConfigError):
        arch.parameter_name(13_002)
