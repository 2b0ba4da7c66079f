"""Cross-entropy is exact however wrong the network is, and an explosion is caught by its
weights as well as its loss; the landscape's path never holds a number that is not finite."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.core.divergence import WEIGHT_LIMIT, DivergenceWatch
from app.core.history import Trajectory
from app.core.landscape import loss_grid, weights_plane
from app.core.losses import SoftmaxCrossEntropy, one_hot
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import load_bundled
from app.training.landscape_job import LandscapeRequest, compute

#: −log of the floor the loss used to be clipped at: 27.63, the most it could ever report.
OLD_CEILING = -math.log(1e-12)


def confident_network(logit: float) -> tuple[Network, np.ndarray]:
    """A one-layer cross-entropy network whose weighted sums for input 1 are (logit, 0, −logit)."""
    net = Network(Architecture((1, 3), "relu", "cross_entropy"), seed=0)
    net.weights[0][:, 0] = [logit, 0.0, -logit]
    net.biases[0][...] = 0.0
    return net, np.ones((1, 1))


@pytest.mark.parametrize("logit", [20.0, 1000.0, 1e20])
def test_a_confidently_wrong_answer_costs_its_true_loss(logit):
    net, x = confident_network(logit)
    # Label 2, with z = (L, 0, −L): C = log(e^L + 1 + e^−L) + L, which is 2L to within e^−L.
    expected = logit + math.log1p(math.exp(-logit)) + logit if logit < 700 else 2 * logit
    loss, _ = net.evaluate(x, np.array([2]))
    assert loss == pytest.approx(expected, rel=1e-12)
    _, grads = net.gradient(x, np.array([2]))
    assert grads.loss == pytest.approx(expected, rel=1e-12)
    if logit >= 1000:
        assert loss > OLD_CEILING


def test_cross_entropy_is_minus_log_softmax_wherever_that_can_be_computed():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 8, (50, 10))
    labels = rng.integers(0, 10, 50)
    y = one_hot(labels, 10)
    ce = SoftmaxCrossEntropy()
    a = ce.output(z)
    direct = -np.log(a[np.arange(50), labels])
    np.testing.assert_allclose(ce.loss(a, y, z), direct, rtol=1e-12)
    # Leading axes are kept: the landscape passes (points, examples, outputs).
    stacked = ce.loss(np.stack([a, a]), y, np.stack([z, z]))
    np.testing.assert_allclose(stacked, np.stack([direct, direct]), rtol=1e-12)


def test_the_gradient_stays_softmax_minus_onehot_and_matches_the_exact_loss():
    """dC/dz = a − y exactly, checked by finite differences of the log-sum-exp loss itself, at
    weighted sums so large that the old floored loss was flat (its gradient would be 0)."""
    ce = SoftmaxCrossEntropy()
    z = np.array([[60.0, -3.0, 1.0, -70.0]])
    y = one_hot(np.array([3]), 4)
    _, delta = ce.backward(z, ce.output(z), y)
    numeric = np.empty(4)
    for j in range(4):
        up, down = z.copy(), z.copy()
        up[0, j] += 1e-5
        down[0, j] -= 1e-5
        numeric[j] = (ce.loss(ce.output(up), y, up) - ce.loss(ce.output(down), y, down))[0] / 2e-5
    np.testing.assert_allclose(delta[0], numeric, atol=1e-6)
    np.testing.assert_allclose(delta[0], ce.output(z)[0] - y[0], rtol=0, atol=0)


def test_the_nudge_is_exact_where_the_softmax_output_is_tiny():
    ce = SoftmaxCrossEntropy()
    z = np.array([[0.0, -700.0]])  # a_1 = e^−700 ≈ 1e−304
    nudge, _ = ce.backward(z, ce.output(z), one_hot(np.array([1]), 2))
    assert nudge[0, 1] == pytest.approx(-math.exp(700.0), rel=1e-12)  # −y/a = −e^700
    assert nudge[0, 0] == 0.0


def test_the_landscape_draws_the_true_loss_not_a_plateau_at_the_log_floor():
    arch = Architecture((1, 3), "relu", "cross_entropy")
    net, x = confident_network(0.0)
    i, j = arch.weight_index(0, 0, 0), arch.weight_index(0, 2, 0)
    plane = weights_plane(arch, net.params, i, j)
    a_values = np.linspace(0.0, 500.0, 6)
    b_values = np.array([0.0])
    for dtype in (np.float32, np.float64):
        grid = loss_grid(arch, plane, x, np.array([2]), a_values, b_values, dtype=dtype)
        # z = (a, 0, 0) with label 2: C = log(e^a + 2), which is about a: it keeps rising.
        expected = np.log(np.exp(a_values) + 2.0)
        np.testing.assert_allclose(grid[0], expected, rtol=1e-6)
        assert grid[0, -1] > 10 * OLD_CEILING


def test_weights_past_the_limit_are_an_explosion_even_while_the_loss_looks_calm():
    watch = DivergenceWatch()
    watch.reset(0, 2.3, np.full(4, 0.5))
    assert watch.observe(1, 2.2, np.full(4, WEIGHT_LIMIT)) is None  # at the limit: fine
    found = watch.observe(2, 2.3, np.full(4, 4e45))
    assert found is not None
    assert (found.cause, found.step, found.kept_step) == ("weights", 2, 1)
    assert found.weight_size == 4e45
    assert not found.overflow
    assert "weights exploded at step 2" in found.message()
    assert "4e+45" in found.message()
    # Reported once; the weights kept for restoring are never those past the limit.
    assert watch.observe(3, 1.0, np.full(4, 5e45)) is None
    assert watch.kept[0] == 1
    watch.reset(3, 1.0, np.full(4, 0.1))
    assert watch.observe(4, 1.0, np.full(4, 2 * WEIGHT_LIMIT)).cause == "weights"


def test_a_deep_relu_network_at_3_is_stopped_and_its_path_stays_finite():
    """The reported run: a deep ReLU cross-entropy network at η = 3 throws its weights to
    10^45 and beyond within a few steps, with every float64 finite. The watch (looking every
    step here, as when stepping by hand) must call it at the first look past the limit; the
    path must never hold an infinity (float32 ends at 3.4e38), and the PCA plane must take it.
    Warnings are errors in these tests, so a float32 overflow would fail here as well."""
    data = load_bundled()
    net = Network(Architecture((784, 16, 16, 16, 16, 16, 10), "relu", "cross_entropy"), seed=2)
    trainer = Trainer(net, data.train_x, data.train_y, Hyperparameters(learning_rate=3.0, seed=2))
    sample_x, sample_y = data.train_x[:500], data.train_y[:500]
    watch = DivergenceWatch()
    with np.errstate(all="ignore"):
        watch.reset(0, net.evaluate(sample_x, sample_y)[0], net.params)
    reports, largest = [], 0.0
    for _ in range(12):
        trainer.step_batch()
        largest = max(largest, float(np.abs(net.params).max()))
        with np.errstate(all="ignore"):
            loss = net.evaluate(sample_x, sample_y)[0]
        found = watch.observe(trainer.step_count, loss, net.params)
        if largest > WEIGHT_LIMIT and not reports:
            assert found is not None, f"weights of {largest:.3g} at step {trainer.step_count}"
        reports += [found] if found else []
    assert largest > float(np.finfo(np.float32).max)  # the run did leave float32's range
    assert reports
    assert reports[0].cause == "weights"
    assert reports[0].kept_step == 0
    assert all(np.isfinite(p).all() for p in trainer.trajectory.points)
    result = compute(
        LandscapeRequest(
            "pca",
            resolution=5,
            architecture=net.architecture,
            params=net.params,
            trajectory=trainer.trajectory.points,
            x=sample_x[:50],
            labels=sample_y[:50],
        )
    )
    assert np.isfinite(result.paths["path"]).all()


def test_the_path_refuses_weights_beyond_float32_and_keeps_the_rest():
    trajectory = Trajectory()
    trajectory.offer(0, np.ones(3))
    trajectory.offer(1, np.array([1.0, 4e45, 2.0]))  # past float32: refused, no warning
    trajectory.offer(2, np.full(3, 3e38))  # still inside float32: kept
    assert trajectory.steps == (0, 2)
    assert all(np.isfinite(p).all() for p in trajectory.points)
