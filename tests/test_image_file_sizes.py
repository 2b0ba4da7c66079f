"""Images past what Qt will decode are "too large" (their size and the limit named), counted in
bytes as Qt counts them: 16-bit colour takes 8 bytes a pixel, not 4. Valid ones are read."""

from __future__ import annotations

import contextlib
import struct
import zlib

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from app.data.image_files import decoded_bytes, load_grayscale
from app.errors import ImageFileError

F = QImage.Format


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def transparent_16_bit_png(width: int, height: int) -> bytes:
    """A complete, valid PNG of ``width``×``height`` 16-bit RGBA pixels, all transparent.

    Every row is filter byte 0 and zeros; they are compressed a hundred rows at a time, so
    the file is made without ever holding its pixels in memory.
    """
    header = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)  # 16 bits, RGBA
    rows = bytes(1 + 8 * width) * 100
    packer = zlib.compressobj(1)
    parts = [packer.compress(rows) for _ in range(height // 100)]
    parts += [packer.compress(rows[: (height % 100) * (1 + 8 * width)]), packer.flush()]
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", b"".join(parts))
        + png_chunk(b"IEND", b"")
    )


def test_a_valid_16_bit_rgba_png_of_8000_by_8000_is_too_large_not_damaged(tmp_path):
    path = tmp_path / "poster-16bit.png"
    path.write_bytes(transparent_16_bit_png(8000, 8000))
    limit_mb = QImageReader.allocationLimit()
    assert 8000 * 8000 * 4 <= limit_mb * 2**20 < 8000 * 8000 * 8, "the case 4 bytes a pixel missed"

    with pytest.raises(ImageFileError) as caught:
        load_grayscale(path)

    message = str(caught.value)
    assert caught.value.path == path
    assert "damaged" not in message
    assert "too large" in message
    assert "8,000×8,000 pixels of 16-bit colour" in message
    assert "488 MB" in message  # 8000 × 8000 × 8 bytes
    assert f"{limit_mb} MB limit" in message


@contextlib.contextmanager
def decoding_limit_of_one_megabyte():
    """Qt's decoding limit lowered to 1 MB while inside (it is process-wide), so that small
    files cross it; only around reading, as Qt's TIFF writer keeps to it too."""
    before = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(1)
    try:
        yield
    finally:
        QImageReader.setAllocationLimit(before)


#: (the QImage format written, the file format, the bytes a pixel Qt counts to decode it)
DEPTHS = [
    (F.Format_RGBA64, "PNG", 8),
    (F.Format_RGBX64, "PNG", 8),
    (F.Format_Grayscale16, "PNG", 4),
    (F.Format_ARGB32, "PNG", 4),
    (F.Format_Grayscale8, "PNG", 4),
    (F.Format_RGBA64, "TIFF", 8),
    (F.Format_RGBA32FPx4, "TIFF", 16),
    (F.Format_ARGB32, "BMP", 4),
]


def saved(tmp_path, image_format, file_format: str, width: int, height: int):
    image = QImage(width, height, image_format)
    image.fill(QColor(40, 80, 120))
    path = tmp_path / f"{width}x{height}.{file_format.lower()}"
    assert image.save(str(path), file_format)
    return path


@pytest.mark.parametrize(("image_format", "file_format", "pixel_bytes"), DEPTHS)
def test_an_image_exactly_at_the_decoding_limit_is_read(
    tmp_path, image_format, file_format, pixel_bytes
):
    width = 2**20 // (pixel_bytes * 256)
    path = saved(tmp_path, image_format, file_format, width, 256)
    assert decoded_bytes(QImageReader(str(path)).imageFormat(), width, 256) == 2**20

    with decoding_limit_of_one_megabyte():
        gray = load_grayscale(path)

    assert gray.shape == (256, width)
    expected = (299 * 40 + 587 * 80 + 114 * 120) / 255_000
    assert gray.mean() == pytest.approx(expected, abs=1.5 / 255)


@pytest.mark.parametrize(("image_format", "file_format", "pixel_bytes"), DEPTHS)
def test_an_image_one_column_past_the_decoding_limit_is_too_large(
    tmp_path, image_format, file_format, pixel_bytes
):
    width = 2**20 // (pixel_bytes * 256) + 1
    path = saved(tmp_path, image_format, file_format, width, 256)

    with decoding_limit_of_one_megabyte(), pytest.raises(ImageFileError) as caught:
        load_grayscale(path)

    message = str(caught.value)
    assert f"too large: {width:,}×256 pixels" in message
    assert "more than the 1 MB limit" in message


def test_a_16_bit_png_reads_as_the_luminance_of_its_colours_over_white(tmp_path):
    # Each 16-bit value is an 8-bit one times 257, so the 8-bit reading of it is exact.
    colours = [
        (255, 0, 0, 255),  # red: BT.601 luma 0.299
        (0, 255, 0, 255),  # green: 0.587
        (0, 0, 255, 255),  # blue: 0.114
        (128, 128, 128, 255),  # mid gray
        (0, 0, 0, 0),  # transparent: the white paper
        (0, 0, 0, 51),  # black ink at 20 %: 0.8 over white
    ]
    image = QImage(len(colours), 1, F.Format_RGBA64)
    for x, (r, g, b, a) in enumerate(colours):
        image.setPixelColor(x, 0, QColor.fromRgba64(257 * r, 257 * g, 257 * b, 257 * a))
    path = tmp_path / "sixteen.png"
    assert image.save(str(path), "PNG")
    assert path.read_bytes()[24] == 16, "Qt should have written 16 bits a channel"

    gray = load_grayscale(path)

    rgba = np.array(colours, dtype=np.float64)
    luma = (0.299 * rgba[:, 0] + 0.587 * rgba[:, 1] + 0.114 * rgba[:, 2]) / 255
    alpha = rgba[:, 3] / 255
    np.testing.assert_allclose(gray[0], 1 - alpha * (1 - luma), atol=1e-12)
