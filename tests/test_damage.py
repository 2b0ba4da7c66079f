"""Damaged digits keep their shape and range, undamaged is unchanged, and each damage does
what its name says: noise is seeded grain, rotation turns, shift moves the centre of mass,
a wider pen adds ink and a thinner one takes it away."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import PRETRAINED_MODEL
from app.core.damage import (
    DAMAGES,
    damage,
    gaussian_noise,
    preview,
    robustness_curve,
    rotate,
    shift,
    stroke_width,
)
from app.core.model_file import load_model
from app.data.datasets import load_bundled
from app.errors import ConfigError


@pytest.fixture(scope="module")
def val():
    """The 500 bundled validation digits as (float32 images (N, 28, 28) in [0, 1], labels)."""
    data = load_bundled()
    return data.val_images.astype(np.float32) / np.float32(255.0), data.val_y


@pytest.fixture(scope="module")
def pretrained():
    return load_model(PRETRAINED_MODEL)


def blob(seed: int = 0) -> np.ndarray:
    """One (28, 28) image with random ink only in rows and columns 10..17: room to move."""
    image = np.zeros((28, 28), np.float32)
    image[10:18, 10:18] = np.random.default_rng(seed).random((8, 8))
    return image


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(x, y) = (column, row) weighted by ink, in float64."""
    image = image.astype(np.float64)
    rows, cols = np.mgrid[0:28, 0:28]
    total = image.sum()
    return float((cols * image).sum() / total), float((rows * image).sum() / total)


LEVELS = [(kind, level) for kind, info in DAMAGES.items() for level in info.levels]


@pytest.mark.parametrize(("kind", "level"), LEVELS)
def test_every_damage_keeps_shape_and_range_and_returns_a_new_array(val, kind, level):
    images = val[0][:20]
    before = images.copy()
    for shaped in (images, images.reshape(20, 784), images[0], images[0].reshape(784)):
        out = damage(shaped, kind, level, seed=3)
        assert out.shape == shaped.shape
        assert out.dtype == np.float32
        assert not np.shares_memory(out, shaped)
        assert out.min() >= 0.0
        assert out.max() <= 1.0
    np.testing.assert_array_equal(images, before)


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_level_0_is_the_identity(val, kind):
    images = val[0][:50]
    np.testing.assert_array_equal(damage(images, kind, 0.0, seed=1), images)


def test_every_sweep_includes_the_undamaged_level():
    for info in DAMAGES.values():
        assert 0.0 in info.levels
        assert list(info.levels) == sorted(info.levels)
    assert DAMAGES["noise"].levels[-1] == 0.5
    assert DAMAGES["rotation"].levels[-1] == 45
    assert DAMAGES["shift"].levels[-1] == 6
    assert DAMAGES["width"].levels[0] == -2
    assert DAMAGES["width"].levels[-1] == 2


def test_stored_uint8_images_are_read_as_0_to_255(val):
    stored = np.round(val[0][:5] * 255).astype(np.uint8)
    np.testing.assert_allclose(rotate(stored, 0.0), stored / 255.0, atol=1e-7)


# -- noise -------------------------------------------------------------------------------------


def test_noise_is_seeded_and_has_the_asked_spread():
    grey = np.full((50, 28, 28), 0.5, np.float32)
    a = gaussian_noise(grey, 0.1, seed=7)
    np.testing.assert_array_equal(a, gaussian_noise(grey, 0.1, seed=7))
    assert not np.array_equal(a, gaussian_noise(grey, 0.1, seed=8))
    # At σ 0.1 around 0.5, clipping at 0 and 1 (5 σ away) changes nothing measurable.
    assert np.std(a - grey) == pytest.approx(0.1, rel=0.03)
    assert np.mean(a - grey) == pytest.approx(0.0, abs=0.003)


def test_the_same_seed_gives_the_same_grain_only_stronger():
    grey = np.full((3, 28, 28), 0.5, np.float32)
    weak = gaussian_noise(grey, 0.05, seed=1) - grey
    strong = gaussian_noise(grey, 0.1, seed=1) - grey
    np.testing.assert_allclose(strong, 2 * weak, atol=1e-6)


# -- rotation ----------------------------------------------------------------------------------


def test_a_full_turn_is_the_identity(val):
    images = val[0][:50]
    np.testing.assert_allclose(rotate(images, 360.0), images, atol=1e-6)


def test_positive_degrees_turn_anticlockwise():
    image = np.zeros((28, 28), np.float32)
    image[13:15, 22:24] = 1.0  # right of the centre (13.5, 13.5)
    turned = rotate(image, 90.0)
    x, y = centre_of_mass(turned)
    assert x == pytest.approx(13.5, abs=1e-6)
    assert y == pytest.approx(13.5 - 9, abs=1e-6)  # above the centre: rows grow downwards


def test_four_quarter_turns_are_the_identity(val):
    image = val[0][7]
    out = image
    for _ in range(4):
        out = rotate(out, 90.0)
    np.testing.assert_allclose(out, image, atol=1e-5)


# -- shift -------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 1000), dx=st.floats(-4, 4), dy=st.floats(-4, 4))
def test_shift_moves_the_centre_of_mass_by_dx_dy(seed, dx, dy):
    image = blob(seed)
    moved = shift(image, dx, dy)
    x0, y0 = centre_of_mass(image)
    x1, y1 = centre_of_mass(moved)
    assert x1 - x0 == pytest.approx(dx, abs=1e-4)
    assert y1 - y0 == pytest.approx(dy, abs=1e-4)
    assert moved.sum() == pytest.approx(image.sum(), rel=1e-5)  # no ink made or lost


@pytest.mark.parametrize(("dx", "dy"), [(3, 0), (0, -2), (-1, 4), (2, 2)])
def test_a_whole_pixel_shift_moves_every_pixel_exactly(val, dx, dy):
    image = val[0][0]
    expected = np.zeros_like(image)
    expected[max(dy, 0) : 28 + min(dy, 0), max(dx, 0) : 28 + min(dx, 0)] = image[
        max(-dy, 0) : 28 + min(-dy, 0), max(-dx, 0) : 28 + min(-dx, 0)
    ]
    np.testing.assert_array_equal(shift(image, dx, dy), expected)


def test_the_shift_damage_moves_right(val):
    image = val[0][3]
    np.testing.assert_array_equal(damage(image, "shift", 2.0), shift(image, 2.0, 0.0))


# -- stroke width ------------------------------------------------------------------------------


def test_thickening_adds_ink_and_thinning_takes_it_away(val):
    images = val[0][:100]
    ink = {w: stroke_width(images, w).sum(axis=(1, 2)) for w in (-2, -1, 0, 1, 2)}
    assert np.all(ink[1] > ink[0])
    assert np.all(ink[2] > ink[1])
    assert np.all(ink[-1] < ink[0])
    assert np.all(ink[-2] <= ink[-1])


def test_one_pass_is_a_3x3_maximum_or_minimum():
    image = np.random.default_rng(0).random((28, 28)).astype(np.float32)
    padded = np.pad(image, 1)
    neighbourhoods = np.array(
        [[padded[r : r + 3, c : c + 3] for c in range(28)] for r in range(28)]
    )
    np.testing.assert_array_equal(stroke_width(image, 1), neighbourhoods.max(axis=(2, 3)))
    np.testing.assert_array_equal(stroke_width(image, -1), neighbourhoods.min(axis=(2, 3)))
    np.testing.assert_array_equal(stroke_width(image, 2), stroke_width(stroke_width(image, 1), 1))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), pixels=st.floats(-3, 3))
def test_a_fraction_of_a_pixel_lies_between_the_whole_passes(seed, pixels):
    image = blob(seed)
    out = stroke_width(image, pixels)
    whole = np.floor(abs(pixels)) * np.sign(pixels)
    beyond = np.ceil(abs(pixels)) * np.sign(pixels)
    low = np.minimum(stroke_width(image, whole), stroke_width(image, beyond))
    high = np.maximum(stroke_width(image, whole), stroke_width(image, beyond))
    assert np.all(out >= low - 1e-6)
    assert np.all(out <= high + 1e-6)


# -- by name, preview and the curve ------------------------------------------------------------


def test_the_preview_is_the_first_image_of_the_curve(val):
    images = val[0][:10]
    for kind, info in DAMAGES.items():
        level = info.levels[-1]
        np.testing.assert_array_equal(
            preview(images[0], kind, level, seed=5),
            damage(images, kind, level, seed=[5, 0])[0],
        )
        flat = preview(images[0].reshape(784), kind, level, seed=5)
        assert flat.shape == (784,)


def test_the_curve_starts_at_the_clean_accuracy_and_falls(val, pretrained):
    images, labels = val
    clean = pretrained.evaluate(images.reshape(-1, 784), labels)[1]
    for kind in ("noise", "rotation", "shift"):
        levels, accuracies = robustness_curve(pretrained, images, labels, kind, seed=0)
        np.testing.assert_array_equal(levels, DAMAGES[kind].levels)
        assert accuracies.shape == levels.shape
        assert accuracies[0] == clean
        assert accuracies[-1] < clean - 0.1
        assert np.all((accuracies >= 0) & (accuracies <= 1))
    levels, accuracies = robustness_curve(pretrained, images, labels, "width", seed=0)
    assert accuracies[list(levels).index(0.0)] == clean


def test_the_curve_is_reproducible_and_takes_its_own_levels(val, pretrained):
    images, labels = val
    first = robustness_curve(pretrained, images, labels, "noise", [0.3, 0.1], seed=4)
    again = robustness_curve(pretrained, images, labels, "noise", [0.3, 0.1], seed=4)
    np.testing.assert_array_equal(first[0], [0.3, 0.1])
    np.testing.assert_array_equal(first[1], again[1])


def test_a_chunked_curve_counts_every_image(val, pretrained, monkeypatch):
    import app.core.damage as damage_module

    images, labels = val
    whole = robustness_curve(pretrained, images, labels, "rotation", [0.0, 20.0])
    monkeypatch.setattr(damage_module, "CURVE_CHUNK", 64)
    chunked = robustness_curve(pretrained, images, labels, "rotation", [0.0, 20.0])
    np.testing.assert_array_equal(chunked[1], whole[1])


def test_the_curve_reports_progress_after_every_chunk_at_every_level(val, pretrained, monkeypatch):
    import app.core.damage as damage_module

    images, labels = val
    monkeypatch.setattr(damage_module, "CURVE_CHUNK", 150)  # 500 images: 4 chunks
    told = []
    quiet = robustness_curve(pretrained, images, labels, "shift", [0.0, 2.0, 4.0])
    _, accuracies = robustness_curve(
        pretrained, images, labels, "shift", [0.0, 2.0, 4.0], progress=told.append
    )
    assert len(told) == 4 * 3
    assert told == sorted(told)
    assert told[-1] == 1.0
    np.testing.assert_array_equal(accuracies, quiet[1])


def test_raising_from_progress_stops_the_curve_at_once(val, pretrained):
    class Enough(Exception):
        pass

    images, labels = val
    told = []

    def progress(fraction):
        told.append(fraction)
        if len(told) == 2:
            raise Enough

    with pytest.raises(Enough):
        robustness_curve(pretrained, images, labels, "rotation", progress=progress)
    assert len(told) == 2


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda x: damage(x, "blur", 1.0), "no damage"),
        (lambda x: gaussian_noise(x, -0.1, 0), "0 or more"),
        (lambda x: gaussian_noise(x, float("nan"), 0), "finite"),
        (lambda x: rotate(x, float("inf")), "finite"),
        (lambda x: shift(x, 1.0, float("nan")), "finite"),
        (lambda x: stroke_width(x, 1000), "within"),
        (lambda x: rotate(np.zeros(5), 10), "28×28"),
        (lambda x: rotate(np.zeros((2, 28, 28), bool), 10), "numbers"),
        (lambda x: preview(x, "noise", 0.1), "one 28×28 image"),
    ],
)
def test_bad_requests_are_config_errors(val, call, words):
    with pytest.raises(ConfigError, match=words):
        call(val[0][:3])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda x, y: (x, y, "blur", None), "no damage"),
        (lambda x, y: (x[:0], y[:0], "noise", None), "empty"),
        (lambda x, y: (x, y[:-1], "noise", None), "labels"),
        (lambda x, y: (x, y + 10, "noise", None), "0 to 9"),
        (lambda x, y: (x, y, "noise", []), "at least one level"),
        (lambda x, y: (x[:, :20, :20], y, "noise", None), "784 pixels"),
    ],
)
def test_bad_curves_are_config_errors(val, pretrained, change, words):
    images, labels, kind, levels = change(val[0][:20], val[1][:20].astype(np.intp))
    with pytest.raises(ConfigError, match=words):
        robustness_curve(pretrained, images, labels, kind, levels)
