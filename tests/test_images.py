"""The views' one home for digit pictures: ink as numbers (stored bytes, bools and floats
read alike) and the grey pictures Qt paints, white ink on black or dark ink on white paper."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from app.ui.images import (
    digit_image,
    digit_pixmap,
    grey,
    grey_image,
    ink,
    paper,
    paper_image,
    unit_image,
)

EVERY_BYTE = np.arange(256, dtype=np.uint8)


def pixels(image: QImage) -> np.ndarray:
    """The grey levels of an 8-bit grey QImage, shape (H, W)."""
    return np.array(
        [
            [QColor(image.pixel(x, y)).red() for x in range(image.width())]
            for y in range(image.height())
        ]
    )


def a_digit() -> np.ndarray:
    """A (28, 28) uint8 image with every grey level somewhere and a blank border."""
    image = np.zeros((28, 28), dtype=np.uint8)
    image[4:24, 4:24] = np.resize(EVERY_BYTE, (20, 20))
    return image


# -- ink as numbers --------------------------------------------------------------------------------


def test_stored_bytes_become_ink_from_0_to_1():
    out = ink(EVERY_BYTE)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, EVERY_BYTE.astype(np.float32) / np.float32(255.0))
    assert out[0] == 0.0
    assert out[-1] == 1.0


def test_other_whole_numbers_are_read_as_0_to_255_and_clipped():
    out = ink(np.array([-5, 0, 51, 255, 300], dtype=np.int64))
    np.testing.assert_allclose(out, [0.0, 0.0, 0.2, 1.0, 1.0], rtol=1e-6)


def test_floats_are_clipped_and_nan_is_no_ink():
    out = ink(np.array([np.nan, -np.inf, np.inf, -0.5, 0.25, 2.0]))
    np.testing.assert_array_equal(out, np.float32([0.0, 0.0, 1.0, 0.0, 0.25, 1.0]))


def test_a_bool_image_is_no_ink_or_full_ink():
    np.testing.assert_array_equal(ink(np.array([False, True])), [0.0, 1.0])


def test_ink_keeps_float64_when_asked_and_never_returns_the_callers_array():
    images = np.linspace(0.0, 1.0, 7)
    out = ink(images, np.float64)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, images)
    out[0] = 0.5
    assert images[0] == 0.0


def test_one_example_is_a_read_only_float32_28_by_28():
    images = np.stack([a_digit(), 255 - a_digit()])
    out = unit_image(images, 1)
    assert out.shape == (28, 28)
    assert out.dtype == np.float32
    assert not out.flags.writeable
    np.testing.assert_array_equal(out, (255 - a_digit()) / np.float32(255.0))
    flat = unit_image(images.reshape(2, 784), 0)
    np.testing.assert_array_equal(flat, unit_image(images, 0))


# -- grey levels -----------------------------------------------------------------------------------


def test_grey_and_paper_give_every_byte_back_from_its_ink():
    np.testing.assert_array_equal(grey(ink(EVERY_BYTE)), EVERY_BYTE)
    np.testing.assert_array_equal(paper(ink(EVERY_BYTE)), 255 - EVERY_BYTE)
    np.testing.assert_array_equal(paper(ink(EVERY_BYTE, np.float64)), 255 - EVERY_BYTE)
    np.testing.assert_array_equal(paper(EVERY_BYTE), 255 - EVERY_BYTE)
    assert grey(EVERY_BYTE) is EVERY_BYTE  # stored bytes are already grey levels


def test_grey_rounds_in_the_images_own_precision():
    values = np.random.default_rng(0).random(10_000).astype(np.float32)
    np.testing.assert_array_equal(grey(values), np.round(values * 255).astype(np.uint8))
    doubles = values.astype(np.float64) / 3
    np.testing.assert_array_equal(grey(doubles), np.round(doubles * 255).astype(np.uint8))
    np.testing.assert_array_equal(paper(doubles), np.rint(255 * (1 - doubles)).astype(np.uint8))


def test_grey_levels_of_out_of_range_floats_are_clipped():
    values = np.array([np.nan, -1.0, 0.5, 1.5, np.inf])
    np.testing.assert_array_equal(grey(values), [0, 0, 128, 255, 255])
    np.testing.assert_array_equal(paper(values), [255, 255, 128, 0, 0])


# -- pictures --------------------------------------------------------------------------------------


def test_a_digit_image_is_white_ink_on_black():
    image = digit_image(ink(a_digit()))
    assert image.format() == QImage.Format.Format_Grayscale8
    assert (image.width(), image.height()) == (28, 28)
    np.testing.assert_array_equal(pixels(image), a_digit())


def test_a_paper_image_is_dark_ink_on_white():
    np.testing.assert_array_equal(pixels(paper_image(a_digit())), 255 - a_digit())
    np.testing.assert_array_equal(pixels(paper_image(ink(a_digit()))), 255 - a_digit())


def test_a_picture_owns_its_pixels():
    source = a_digit()
    image = grey_image(source[:, ::-1])  # not contiguous: copied first
    source[:] = 7
    np.testing.assert_array_equal(pixels(image), a_digit()[:, ::-1])


def test_a_digit_pixmap_is_scaled_with_whole_pixels(qapp):
    picture = digit_pixmap(ink(a_digit()), 84).toImage()
    assert (picture.width(), picture.height()) == (84, 84)
    grid = pixels(picture)
    for row, col in ((0, 0), (10, 12), (14, 14), (23, 5)):
        block = grid[3 * row : 3 * row + 3, 3 * col : 3 * col + 3]
        assert (block == a_digit()[row, col]).all()


@pytest.mark.parametrize("shape", [(28, 28), (280, 140)])
def test_a_picture_has_the_images_size(shape):
    image = paper_image(np.zeros(shape))
    assert (image.height(), image.width()) == shape
    assert (pixels(image) == 255).all()
