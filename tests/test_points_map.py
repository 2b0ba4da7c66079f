"""The points map: PCA finds known directions and shares, and every layer gets its plane."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from app.core.network import Architecture, Network
from app.core.points_map import (
    EXACT_MAX_DIMENSIONS,
    all_layers,
    fixed_sample,
    points_map,
    principal_plane,
)
from app.errors import ConfigError


def stretched_cloud(d: int, n: int = 4000, seed: int = 0):
    """Points with spreads 3, 2, 1 (variances 9, 4, 1) along two known orthonormal directions
    and a third, in ``d`` dimensions, plus a little noise everywhere else."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, 3)))
    directions = q.T  # (3, d) orthonormal
    amounts = rng.standard_normal((n, 3)) * [3.0, 2.0, 1.0]
    data = amounts @ directions + 0.01 * rng.standard_normal((n, d))
    return data, directions


@pytest.mark.parametrize("d", [3, 20, EXACT_MAX_DIMENSIONS + 50, 784])
def test_the_components_are_the_stretched_directions(d):
    data, directions = stretched_cloud(d)
    plane = principal_plane(data)
    coords, components, ratio = plane  # unpacks like a tuple
    assert coords.shape == (len(data), 2)
    assert components.shape == (2, d)
    np.testing.assert_allclose(components @ components.T, np.eye(2), atol=1e-10)
    # The right directions, up to sign (sampling noise of 4,000 points tilts them a little).
    assert abs(components[0] @ directions[0]) > 0.999
    assert abs(components[1] @ directions[1]) > 0.998
    # Shares of the variance: 9 and 4 of 9 + 4 + 1 (+ the noise's d · 0.0001).
    total = 14.0 + d * 1e-4
    np.testing.assert_allclose(ratio, [9.0 / total, 4.0 / total], rtol=0.06)
    # And exactly the shares of the sample at hand.
    centred = data - data.mean(axis=0)
    np.testing.assert_allclose(ratio, (coords**2).sum(axis=0) / (centred**2).sum(), rtol=1e-9)


def test_the_fast_path_agrees_with_the_exact_svd():
    rng = np.random.default_rng(1)
    # Digit-like: non-negative, correlated pixels, a slowly falling spectrum.
    data = np.clip(rng.standard_normal((1500, 12)) @ rng.standard_normal((12, 400)), 0, None)
    _, components, ratio = principal_plane(data)
    centred = data - data.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    np.testing.assert_allclose(ratio, s[:2] ** 2 / (s**2).sum(), rtol=1e-7)
    np.testing.assert_allclose(np.abs(np.sum(components * vt[:2], axis=1)), 1.0, atol=1e-8)


def test_translation_changes_nothing():
    data, _ = stretched_cloud(10, n=500)
    moved = data + np.arange(10) * 100.0 - 37.0
    a, b = principal_plane(data), principal_plane(moved)
    np.testing.assert_allclose(b.coords, a.coords, atol=1e-8)
    np.testing.assert_allclose(b.components, a.components, atol=1e-10)
    np.testing.assert_allclose(b.explained_variance_ratio, a.explained_variance_ratio)


def test_the_sign_is_fixed_so_a_mirrored_cloud_gives_the_same_picture():
    data, _ = stretched_cloud(5, n=300)
    for plane in (principal_plane(data), principal_plane(-data)):
        largest = plane.components[[0, 1], np.argmax(np.abs(plane.components), axis=1)]
        assert np.all(largest > 0)
    np.testing.assert_allclose(principal_plane(-data).coords, -principal_plane(data).coords)


def test_coordinates_are_centred_and_uncorrelated():
    data, _ = stretched_cloud(30, n=800)
    coords = principal_plane(data).coords
    np.testing.assert_allclose(coords.mean(axis=0), 0.0, atol=1e-10)
    assert abs(coords[:, 0] @ coords[:, 1]) < 1e-8 * (coords**2).sum()


def test_degenerate_clouds():
    same = principal_plane(np.ones((5, 4)))
    assert np.all(same.coords == 0)
    assert np.all(same.explained_variance_ratio == 0)
    line = principal_plane(np.arange(6.0)[:, None])  # one dimension: no second direction
    np.testing.assert_allclose(line.explained_variance_ratio, [1.0, 0.0])
    assert np.all(line.components[1] == 0)
    np.testing.assert_allclose(line.coords[:, 0], np.arange(6.0) - 2.5)
    one = principal_plane(np.array([[1.0, 2.0, 3.0]]))
    assert one.coords.shape == (1, 2)


@pytest.mark.parametrize("bad", [np.zeros(5), np.zeros((0, 3)), np.array([[1.0, np.nan]])])
def test_bad_data_is_refused(bad):
    with pytest.raises(ConfigError):
        principal_plane(bad)


def test_every_layer_from_one_forward_pass():
    net = Network(Architecture((784, 16, 12, 10)), seed=0)
    x = np.random.default_rng(0).random((300, 784)).astype(np.float32)
    planes = all_layers(net, x)
    assert len(planes) == 4
    forward = net.forward(x)
    for layer, plane in enumerate(planes):
        assert plane.components.shape == (2, net.layer_sizes[layer])
        expected = principal_plane(forward.activations[layer]).coords
        np.testing.assert_allclose(plane.coords, expected, atol=1e-9)
        np.testing.assert_allclose(points_map(net, x, layer), expected, atol=1e-9)
    with pytest.raises(ConfigError, match="layers 0"):
        points_map(net, x, 4)
    with pytest.raises(ConfigError):
        points_map(net, x, -1)


def test_fixed_sample_is_stratified_seeded_and_sorted():
    rng = np.random.default_rng(3)
    labels = rng.choice(10, 9000, p=np.linspace(1, 2, 10) / np.linspace(1, 2, 10).sum())
    sample = fixed_sample(labels, 2000, seed=0)
    assert len(sample) == 2000 == len(np.unique(sample))
    assert np.all(np.diff(sample) > 0)
    # Each digit's share of the sample is its share of the set, to within one rounding.
    expected = np.bincount(labels, minlength=10) * 2000 / len(labels)
    assert np.all(np.abs(np.bincount(labels[sample], minlength=10) - expected) < 1)
    assert np.array_equal(sample, fixed_sample(labels, 2000, seed=0))
    assert not np.array_equal(sample, fixed_sample(labels, 2000, seed=1))
    assert np.array_equal(fixed_sample(labels[:50], 2000), np.arange(50))
    with pytest.raises(ConfigError):
        fixed_sample(labels, 0)


def test_the_inside_modules_load_no_qt():
    modules = ["points_map", "neuron_lab", "layer_health", "hints"]
    code = (
        "import sys\n"
        + "".join(f"import app.core.{m}\n" for m in modules)
        + "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""
