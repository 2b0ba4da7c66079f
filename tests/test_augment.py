"""Augmentation moves images a little, keeps them in range, and never touches labels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.network import Network
from app.core.training import Hyperparameters, Trainer
from app.data.augment import Augmentation, affine_batch
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
