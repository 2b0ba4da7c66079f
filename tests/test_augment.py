"""Augmentation moves images a little, keeps them in range, and never touches labels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.augment import (
    MAX_ELASTIC,
    MAX_NOISE_STD,
    MAX_ROTATION,
    MAX_SCALE,
    MAX_SHEAR,
    MAX_SHIFT,
    MAX_THICKNESS,
    Augmentation,
    affine_batch,
    change_thickness,
    elastic_fields,
)
from app.core.network import Network
from app.core.training import Hyperparameters, Trainer
from app.errors import ConfigError


def digits(n: int = 8, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    images = np.zeros((n, 28, 28))
    images[:, 8:20, 10:18] = rng.random((n, 12, 8))
    return images.reshape(n, 784)


def test_no_movement_is_the_identity():
    x = digits()
    out = Augmentation(0, 0, 0)(x, np.random.default_rng(0))
    np.testing.assert_allclose(out, x, atol=1e-12)


def test_a_whole_pixel_shift_moves_the_image_exactly():
    image = digits(1).reshape(1, 28, 28)
    moved = affine_batch(image, np.zeros(1), np.ones(1), np.array([[2.0, -3.0]]))
    np.testing.assert_allclose(moved[0, 2:, :-3], image[0, :-2, 3:], atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    shift=st.floats(0, 8),
    rotation=st.floats(0, 45),
    scale=st.floats(0, 0.5),
)
def test_images_stay_in_range_and_finite(seed, shift, rotation, scale):
    x = digits(4, seed % 100)
    out = Augmentation(shift, rotation, scale)(x, np.random.default_rng(seed))
    assert out.shape == x.shape
    assert np.all(np.isfinite(out))
    assert out.min() >= 0.0
    assert out.max() <= x.max() + 1e-12


def test_same_seed_same_moves():
    x = digits()
    a = Augmentation()(x, np.random.default_rng(5))
    b = Augmentation()(x, np.random.default_rng(5))
    c = Augmentation()(x, np.random.default_rng(6))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_training_with_augmentation_keeps_labels_and_is_reproducible():
    rng = np.random.default_rng(0)
    x, y = digits(40), rng.integers(0, 10, 40)
    params, labels = [], []
    for _ in range(2):
        trainer = Trainer(
            Network(seed=0), x, y, Hyperparameters(batch_size=8), augment=Augmentation()
        )
        results = trainer.step_epoch()
        labels.append(np.concatenate([r.labels for r in results]))
        for r in results:
            assert np.array_equal(r.labels, y[r.indices])  # labels never change
            assert not np.array_equal(r.forward.activations[0], x[r.indices])  # images did
        params.append(trainer.network.params.copy())
    assert np.array_equal(params[0], params[1])
    assert np.array_equal(labels[0], labels[1])


@pytest.mark.parametrize(
    "bad", [{"max_shift": -1}, {"max_shift": 20}, {"max_rotation": 90}, {"max_scale": 0.9}]
)
def test_absurd_ranges_are_refused(bad):
    with pytest.raises(ConfigError):
        Augmentation(**bad)


# -- stroke thickness and noise ----------------------------------------------------------------


def test_the_default_moves_are_drawn_exactly_as_before():
    """Shift, rotation and scale take the first draws, in the original order."""
    x = digits(5)
    rng = np.random.default_rng(9)
    angle = np.deg2rad(rng.uniform(-10, 10, 5))
    scale = 1.0 + rng.uniform(-0.1, 0.1, 5)
    shift = rng.uniform(-2, 2, (5, 2))
    expected = affine_batch(x.reshape(5, 28, 28), angle, scale, shift).reshape(5, -1)
    assert np.array_equal(Augmentation()(x, np.random.default_rng(9)), expected)
    assert Augmentation().max_thickness == 0.0
    assert Augmentation().noise_std == 0.0


def test_one_pixel_thicker_grows_a_dot_into_a_cross_and_thinner_takes_it_back():
    image = np.zeros((1, 7, 7))
    image[0, 3, 3] = 0.8
    grown = change_thickness(image, np.array([1.0]))
    cross = np.zeros((7, 7))
    cross[3, 2:5] = cross[2:5, 3] = 0.8
    np.testing.assert_array_equal(grown[0], cross)
    np.testing.assert_array_equal(change_thickness(grown, np.array([-1.0]))[0], image[0])
    np.testing.assert_array_equal(change_thickness(image, np.array([-1.0]))[0], 0.0)
    half = change_thickness(image, np.array([0.5]))[0]
    np.testing.assert_allclose(half, (image[0] + cross) / 2)
    np.testing.assert_array_equal(change_thickness(image, np.array([0.0])), image)


def test_thickness_is_drawn_per_image_and_a_thicker_stroke_has_more_ink():
    x = digits(6)
    thick = Augmentation(0, 0, 0, max_thickness=2.0)
    out = thick(x, np.random.default_rng(2))
    rng = np.random.default_rng(2)
    rng.uniform(size=6), rng.uniform(size=6), rng.uniform(size=(6, 2))  # rotation, scale, shift
    amount = rng.uniform(-2.0, 2.0, 6)
    ink_change = out.sum(axis=1) - x.sum(axis=1)
    assert np.all(np.sign(ink_change) == np.sign(amount))


def test_noise_has_the_asked_spread_and_stays_in_range():
    grey = np.full((20, 784), 0.5)
    out = Augmentation(0, 0, 0, noise_std=0.1)(grey, np.random.default_rng(0))
    assert (out - 0.5).std() == pytest.approx(0.1, rel=0.02)
    assert abs((out - 0.5).mean()) < 0.005
    black = Augmentation(0, 0, 0, noise_std=0.5)(np.zeros((4, 784)), np.random.default_rng(0))
    assert black.min() == 0.0
    assert black.max() <= 1.0


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    shift=st.floats(0, 8),
    rotation=st.floats(0, 45),
    scale=st.floats(0, 0.5),
    thickness=st.floats(0, 2),
    noise=st.floats(0, 0.5),
)
def test_every_change_together_keeps_images_in_range(
    seed, shift, rotation, scale, thickness, noise
):
    x = digits(4, seed % 100)
    out = Augmentation(shift, rotation, scale, thickness, noise)(x, np.random.default_rng(seed))
    assert out.shape == x.shape
    assert np.all(np.isfinite(out))
    assert out.min() >= 0.0
    assert out.max() <= 1.0
    again = Augmentation(shift, rotation, scale, thickness, noise)(x, np.random.default_rng(seed))
    assert np.array_equal(out, again)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), amount=st.floats(-2, 2))
def test_thickness_never_leaves_the_images_range(seed, amount):
    images = digits(2, seed % 100).reshape(2, 28, 28)
    out = change_thickness(images, np.array([amount, -amount]))
    assert out.min() >= images.min()
    assert out.max() <= images.max()


def test_training_with_every_change_keeps_labels():
    rng = np.random.default_rng(0)
    x, y = digits(24), rng.integers(0, 10, 24)
    augment = Augmentation(max_thickness=1.5, noise_std=0.05)
    trainer = Trainer(Network(seed=0), x, y, Hyperparameters(batch_size=8), augment=augment)
    for r in trainer.step_epoch():
        assert np.array_equal(r.labels, y[r.indices])


@pytest.mark.parametrize(
    "bad", [{"max_thickness": -0.5}, {"max_thickness": 3}, {"noise_std": -0.1}, {"noise_std": 1}]
)
def test_absurd_thickness_and_noise_are_refused(bad):
    with pytest.raises(ConfigError):
        Augmentation(**bad)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("max_shift", MAX_SHIFT),
        ("max_rotation", MAX_ROTATION),
        ("max_scale", MAX_SCALE),
        ("max_thickness", MAX_THICKNESS),
        ("noise_std", MAX_NOISE_STD),
        ("max_shear", MAX_SHEAR),
        ("max_elastic", MAX_ELASTIC),
    ],
)
def test_each_limit_is_allowed_and_just_beyond_it_is_refused(name, limit):
    assert getattr(Augmentation(**{name: limit}), name) == limit
    with pytest.raises(ConfigError):
        Augmentation(**{name: limit * 1.01})
    with pytest.raises(ConfigError):
        Augmentation(**{name: float("nan")})


# -- shear and elastic distortion ---------------------------------------------------------------


def test_a_shear_slants_an_upright_bar_with_its_top_to_the_right():
    bar = np.zeros((1, 28, 28))
    bar[0, 4:24, 13:15] = 1.0
    slanted = affine_batch(bar, np.zeros(1), np.ones(1), np.zeros((1, 2)), shear=np.array([0.5]))
    cols = np.arange(28)
    top = (slanted[0, 5:9] @ cols).sum() / slanted[0, 5:9].sum()
    bottom = (slanted[0, 19:23] @ cols).sum() / slanted[0, 19:23].sum()
    # Rows 7 and 21 lie 7 px either side of the centre (13.5): 0.5 × 14 px apart.
    assert top - bottom == pytest.approx(7.0, abs=0.1)
    assert slanted.sum() == pytest.approx(bar.sum(), rel=0.02)


def test_elastic_fields_are_smooth_and_one_pixel_long_on_average():
    fields = elastic_fields(np.random.default_rng(3), 16)
    assert fields.shape == (16, 2, 28, 28)
    rms = np.sqrt((fields**2).sum(axis=1).mean(axis=(1, 2)))
    np.testing.assert_allclose(rms, 1.0)
    # Smoothed over 4 px: neighbours move almost alike (white noise would differ by ~1.4).
    step = np.abs(np.diff(fields, axis=-1)).mean()
    assert step < 0.15


def test_an_elastic_distortion_bends_strokes_but_keeps_the_ink_and_the_range():
    x = digits(6)
    out = Augmentation(0, 0, 0, max_elastic=2.0)(x, np.random.default_rng(4))
    assert out.min() >= 0.0
    assert out.max() <= 1.0
    assert not np.allclose(out, x)
    # Moving pixels a pixel or two, not tearing the digit away: the ink changes only as much
    # as the field stretches or squeezes the area under it (measured: at most 27 %).
    np.testing.assert_allclose(out.sum(axis=1), x.sum(axis=1), rtol=0.35)


def test_shear_and_elastic_draw_after_the_other_moves_so_a_seed_keeps_them():
    x = digits(5)
    plain = Augmentation(2, 10, 0.1, max_thickness=0.5)
    both = Augmentation(2, 10, 0.1, max_thickness=0.5, max_shear=1e-9, max_elastic=1e-9)
    first = plain(x, np.random.default_rng(11))
    second = both(x, np.random.default_rng(11))
    np.testing.assert_allclose(second, first, atol=1e-6)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shear=st.floats(0, 1), elastic=st.floats(0, 4))
def test_every_change_with_shear_and_elastic_keeps_images_in_range(seed, shear, elastic):
    x = digits(3, seed % 100)
    augment = Augmentation(2, 15, 0.1, 0.5, 0.05, max_shear=shear, max_elastic=elastic)
    out = augment(x, np.random.default_rng(seed))
    assert np.all(np.isfinite(out))
    assert out.min() >= 0.0
    assert out.max() <= 1.0
