"""Training images kept as bytes: the same numbers as the floats, fetched from a quarter of
the memory, and never out of step with the floats they were made into."""

from __future__ import annotations

import numpy as np

from app.core.network import Architecture, Network
from app.core.pixel_bytes import bytes_behind, fetch_rows, inputs_from_bytes
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import to_inputs

ARCH = Architecture((16, 5, 3))


def pixel_bytes(n: int = 40, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, 16), dtype=np.uint8)


def test_every_byte_becomes_the_float_the_data_layer_makes_of_it():
    every_byte = np.arange(256, dtype=np.uint8).reshape(16, 4, 4)
    ours = inputs_from_bytes(every_byte.reshape(16, 16))
    assert ours.dtype == np.float32
    assert ours.tobytes() == to_inputs(every_byte).tobytes()


def test_rows_fetched_as_bytes_equal_rows_of_the_floats_in_either_dtype():
    pixels = pixel_bytes()
    floats = inputs_from_bytes(pixels)
    picked = np.array([39, 0, 7, 7, 21])
    for dtype in (np.dtype(np.float32), np.dtype(np.float64)):
        fetched = fetch_rows(floats, bytes_behind(floats), picked, dtype)
        assert fetched.dtype == dtype
        assert fetched.tobytes() == floats[picked].astype(dtype).tobytes()


def test_a_trainer_given_bytes_trains_bit_for_bit_as_one_given_the_floats():
    pixels, labels = pixel_bytes(), np.random.default_rng(1).integers(0, 3, 40)
    hyper = Hyperparameters(learning_rate=0.5, batch_size=7)
    from_bytes = Trainer(Network(ARCH, seed=3, dtype=np.float32), pixels, labels, hyper)
    from_floats = Trainer(Network(ARCH, seed=3, dtype=np.float32), to_floats(pixels), labels, hyper)
    assert from_bytes._train_bytes is not None
    assert from_floats._train_bytes is None
    assert from_bytes.train_x.tobytes() == from_floats.train_x.tobytes()
    for _ in range(15):  # past the end of an epoch of 40
        from_bytes.step_batch()
        from_floats.step_batch()
    assert from_bytes.network.params.tobytes() == from_floats.network.params.tobytes()


def to_floats(pixels: np.ndarray) -> np.ndarray:
    """The bytes as floats made independently of ``pixel_bytes`` (the data layer's way)."""
    return to_inputs(pixels.reshape(len(pixels), 4, 4))


def test_changing_the_given_bytes_afterwards_changes_nothing_the_trainer_reads():
    pixels, labels = pixel_bytes(), np.zeros(40, dtype=np.intp)
    trainer = Trainer(Network(ARCH, dtype=np.float32), pixels, labels)
    before = trainer.train_x.copy()
    pixels[:] = 0
    np.testing.assert_array_equal(trainer.train_x, before)
    row = fetch_rows(trainer.train_x, trainer._train_bytes, np.array([5]), np.dtype(np.float32))
    np.testing.assert_array_equal(row, before[[5]])
    assert not trainer.train_x.flags.writeable


def test_a_new_trainer_on_the_same_images_finds_their_bytes_without_converting_again():
    pixels, labels = pixel_bytes(), np.zeros(40, dtype=np.intp)
    trainer = Trainer(Network(ARCH, dtype=np.float32), pixels, labels)
    again = trainer.with_network(Network(ARCH, seed=1, dtype=np.float32))
    assert again.train_x is trainer.train_x
    assert again._train_bytes is trainer._train_bytes


def test_floats_not_made_from_bytes_or_made_writeable_are_fetched_as_floats():
    floats = inputs_from_bytes(pixel_bytes())
    assert bytes_behind(floats.copy()) is None  # a copy: nobody vouches for it
    assert bytes_behind(np.zeros((3, 16), dtype=np.float32)) is None
    view = floats[:10]
    assert bytes_behind(view) is None  # a part of them is not them
    changed = inputs_from_bytes(pixel_bytes())
    changed.flags.writeable = True  # owned, so numpy allows it: then it may have changed
    changed[0, 0] = 0.5
    assert bytes_behind(changed) is None


def test_drawings_mixed_in_make_float_data_that_still_trains():
    floats = inputs_from_bytes(pixel_bytes())
    drawing = np.full((1, 16), 0.37, dtype=np.float32)  # not a byte / 255
    mixed = np.concatenate([floats, drawing])
    trainer = Trainer(Network(ARCH, dtype=np.float32), mixed, np.zeros(41, dtype=np.intp))
    assert trainer._train_bytes is None
    np.testing.assert_array_equal(trainer.step_inputs(np.array([40]))[0], drawing)
    assert np.isfinite(trainer.step_batch().loss)
