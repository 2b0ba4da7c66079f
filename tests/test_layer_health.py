"""Layer health on networks built by hand, where the right answer is known in advance."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.layer_health import (
    SATURATED_ON_SHARE,
    GradientSizeHistory,
    gradient_histograms,
    hidden_layer_health,
    mean_gradient_size,
    weight_histograms,
)
from app.core.network import Architecture, Network, initial_parameters
from app.errors import ConfigError

ARCH = Architecture((6, 4, 3, 2))


def flat_gradient(weight_values: list[float], bias_value: float = 1e6) -> np.ndarray:
    """A gradient whose weight layer i is ±weight_values[i] alternately; biases huge."""
    flat = np.full(ARCH.n_parameters, bias_value)
    for value, (w0, b0, _) in zip(weight_values, ARCH.offsets, strict=True):
        signs = np.where(np.arange(b0 - w0) % 2 == 0, 1.0, -1.0)
        flat[w0:b0] = value * signs
    return flat


def test_mean_gradient_size_is_per_weight_and_ignores_biases():
    sizes = mean_gradient_size(flat_gradient([2.0, 0.5, 1e-3]), ARCH)
    np.testing.assert_allclose(sizes, [2.0, 0.5, 1e-3])
    # A mean, not a sum: a layer with four times the weights and the same |g| reads the same.
    wide = Architecture((24, 4, 3, 2))
    flat = np.ones(wide.n_parameters)
    np.testing.assert_allclose(mean_gradient_size(flat, wide), [1.0, 1.0, 1.0])
    with pytest.raises(ConfigError):
        mean_gradient_size(np.zeros(5), ARCH)


def test_the_history_is_bounded_and_restarts_on_a_new_network():
    history = GradientSizeHistory(capacity=8)
    assert history.latest is None
    # Sizes that are a straight line in the step: averaging neighbours keeps every point on
    # that line, so each kept point is the mean of the steps it stands for.
    slopes = np.array([0.01, 0.002, 1e-5])
    for step in range(1, 65):
        returned = history.append(flat_gradient(list(slopes * step)), ARCH, step)
        np.testing.assert_allclose(returned, slopes * step)
    assert len(history) <= 8
    assert history.sizes.shape == (len(history), 3)
    assert np.all(np.diff(history.steps) > 0)
    assert history.steps[-1] == 64
    assert history.steps[0] > 1  # the oldest points were merged
    np.testing.assert_allclose(history.sizes, history.steps[:, None] * slopes, rtol=1e-12)
    np.testing.assert_allclose(history.latest, slopes * 64)
    other = Architecture((6, 5, 2))
    history.append(np.ones(other.n_parameters), other, 65)
    assert len(history) == 1
    assert history.sizes.shape == (1, 2)


def test_weight_histograms_share_their_bins():
    start = initial_parameters(ARCH, seed=0)
    now = start * 3.0 + 0.1
    histograms = weight_histograms(now, start, ARCH, bins=10)
    assert len(histograms) == ARCH.n_layers
    for i, h in enumerate(histograms):
        n_weights = ARCH.layer_sizes[i] * ARCH.layer_sizes[i + 1]
        assert h.layer == i
        assert h.edges.shape == (11,)
        assert h.now.sum() == h.initial.sum() == n_weights  # nothing falls outside the bins
        np.testing.assert_allclose(h.edges, -h.edges[::-1])  # symmetric about 0
        assert h.edges[-1] == pytest.approx(
            np.abs(now[ARCH.offsets[i][0] : ARCH.offsets[i][1]]).max()
        )
    unchanged = weight_histograms(start, start, ARCH)
    assert all(np.array_equal(h.now, h.initial) for h in unchanged)


def test_a_layer_of_zeros_still_gets_a_histogram():
    zeros = np.zeros(ARCH.n_parameters)
    h = weight_histograms(zeros, zeros, ARCH, bins=4)[0]
    assert np.isfinite(h.edges).all()
    assert h.now.sum() == 24


def test_gradient_histograms_count_every_weight():
    histograms = gradient_histograms(flat_gradient([2.0, 0.5, 1e-3]), ARCH, bins=4)
    for h, (w0, b0, _) in zip(histograms, ARCH.offsets, strict=True):
        assert h.counts.sum() == b0 - w0
        # +v, −v, +v, …: the −v in the lowest bin, the +v in the highest (it includes its edge).
        n = b0 - w0
        assert (h.counts[0], h.counts[-1]) == (n // 2, (n + 1) // 2)
    with pytest.raises(ConfigError):
        gradient_histograms(flat_gradient([1, 1, 1]), ARCH, bins=0)


def sample(n: int = 100, on_share: float = 0.85) -> np.ndarray:
    """Inputs whose first pixel is 1 on ``on_share`` of the examples and 0 on the rest."""
    x = np.zeros((n, 6))
    x[: round(on_share * n), 0] = 1.0
    return x


def built(activation: str, hidden: list[tuple[float, float]]) -> Network:
    """A 6-3-2 network whose hidden neuron j has weight w_j from pixel 0 and bias b_j."""
    net = Network(Architecture((6, 3, 2), activation), seed=0)
    net.weights[0][...] = 0.0
    for j, (w, b) in enumerate(hidden):
        net.weights[0][j, 0] = w
        net.biases[0][j] = b
    return net


def test_saturated_sigmoid_neurons():
    # Always high; always low; always 0.5; high on 85 % of the examples only (not "most").
    net = built("sigmoid", [(0.0, 10.0), (0.0, -10.0), (0.0, 0.0)])
    (health,) = hidden_layer_health(net, sample())
    assert health.layer == 1
    assert health.activation == "sigmoid"
    assert health.saturated.tolist() == [True, True, False]
    assert not health.dead.any()
    assert health.saturated_share == pytest.approx(2 / 3)
    assert health.stuck_share == pytest.approx(2 / 3)
    net = built("sigmoid", [(10.0, 0.0), (10.0, 0.0), (3.0, 0.0)])
    (health,) = hidden_layer_health(net, sample(on_share=0.85))
    np.testing.assert_allclose(health.saturated_fraction, [0.85, 0.85, 0.0])
    assert not health.saturated.any()
    (health,) = hidden_layer_health(net, sample(on_share=SATURATED_ON_SHARE))
    assert health.saturated.tolist() == [True, True, False]


def test_the_saturation_margin_is_two_percent_of_the_range():
    # σ(z) = 0.98 at z = ln 49 ≈ 3.89; tanh(z) = 0.96 at z = atanh(0.96) ≈ 1.95.
    sig = built("sigmoid", [(0.0, 3.80), (0.0, 4.0), (0.0, -4.0)])
    assert hidden_layer_health(sig, sample())[0].saturated.tolist() == [False, True, True]
    tanh = built("tanh", [(0.0, 1.90), (0.0, 2.0), (0.0, -2.0)])
    assert hidden_layer_health(tanh, sample())[0].saturated.tolist() == [False, True, True]


def test_dead_relu_neurons():
    # Never on; always on; on for the 85 % with pixel 0 set (alive: it still learns).
    net = built("relu", [(0.0, -1.0), (0.0, 1.0), (1.0, -0.5)])
    (health,) = hidden_layer_health(net, sample())
    assert health.dead.tolist() == [True, False, False]
    assert not health.saturated.any()
    assert health.dead_share == pytest.approx(1 / 3)
    # On for a single example is enough to be alive.
    net = built("relu", [(1.0, -0.5), (0.0, -1.0), (0.0, -1.0)])
    assert hidden_layer_health(net, sample(on_share=0.01))[0].dead.tolist() == [False, True, True]


def test_every_hidden_layer_is_reported_and_a_fresh_network_is_healthy():
    rng = np.random.default_rng(0)
    x = rng.random((200, 784))
    for activation in ("sigmoid", "tanh", "relu"):
        net = Network(Architecture((784, 16, 16, 16, 10), activation), seed=0)
        report = hidden_layer_health(net, x)
        assert [h.layer for h in report] == [1, 2, 3]
        assert all(h.n_neurons == 16 for h in report)
        assert all(h.stuck_share < 0.5 for h in report)
    assert hidden_layer_health(Network(Architecture((6, 2)), seed=0), sample()) == []
    with pytest.raises(ConfigError):
        hidden_layer_health(net, np.zeros((0, 784)))
