"""Image files read as grayscale with Qt's decoders, and every bad file is an ImageFileError."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from app.data.image_files import MAX_DECODED_SIDE, MAX_SIDE, load_grayscale
from app.data.preprocess import preprocess_digit
from app.errors import ImageFileError

# Examples of the fuzz test: modest in CI, thousands for a dedicated run.
EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "300"))

ROOT = Path(__file__).resolve().parents[1]


def qimage(pixels: np.ndarray) -> QImage:
    """A QImage owning a copy of uint8 ``pixels``: (H, W) grayscale or (H, W, 4) RGBA."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape[:2]
    if pixels.ndim == 2:
        image_format, bytes_per_line = QImage.Format.Format_Grayscale8, width
    else:
        image_format, bytes_per_line = QImage.Format.Format_RGBA8888, 4 * width
    return QImage(pixels.data, width, height, bytes_per_line, image_format).copy()


def save(image: QImage, path: Path, file_format: str, quality: int = -1) -> Path:
    assert image.save(str(path), file_format, quality), f"Qt could not write {path}"
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width``×``height``: a valid IHDR, then a pixel data
    chunk (Qt reports the size only once it reaches one) with far too few pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(width + 1)))
        + chunk(b"IEND", b"")
    )


# -- reading -----------------------------------------------------------------------------------


def test_grayscale_png_reads_back_exactly(tmp_path):
    pixels = np.random.default_rng(0).integers(0, 256, (37, 53), dtype=np.uint8)
    path = save(qimage(pixels), tmp_path / "grey.png", "PNG")
    result = load_grayscale(path)
    assert result.dtype == np.float64
    assert result.shape == (37, 53)
    np.testing.assert_allclose(result, pixels / 255.0, rtol=0, atol=1e-12)


def test_colours_read_as_bt601_luminance(tmp_path):
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (0, 0, 0), (90, 90, 90)]
    rgba = np.array([[(*rgb, 255) for rgb in colours]], dtype=np.uint8)
    path = save(qimage(rgba), tmp_path / "colours.png", "PNG")
    np.testing.assert_allclose(
        load_grayscale(path)[0], [0.299, 0.587, 0.114, 1.0, 0.0, 90 / 255], atol=1e-12
    )


def test_transparent_pixels_are_composited_over_white(tmp_path):
    rgba = np.array(
        [[(0, 0, 0, 255), (0, 0, 0, 0), (0, 0, 0, 128), (255, 0, 0, 255), (40, 80, 120, 0)]],
        dtype=np.uint8,
    )
    path = save(qimage(rgba), tmp_path / "alpha.png", "PNG")
    np.testing.assert_allclose(
        load_grayscale(path)[0], [0.0, 1.0, 1 - 128 / 255, 0.299, 1.0], atol=1e-12
    )


def test_black_ink_on_a_transparent_png_is_a_drawing_on_white_paper(tmp_path):
    ink = np.zeros((120, 90))
    ink[20:100, 40:52] = 1.0
    ink[20:32, 25:52] = 1.0
    rgba = np.zeros((120, 90, 4), np.uint8)
    rgba[:, :, 3] = np.round(ink * 255)
    result = load_grayscale(save(qimage(rgba), tmp_path / "one.png", "PNG"))
    np.testing.assert_allclose(result, 1.0 - ink, atol=1e-12)
    np.testing.assert_allclose(preprocess_digit(result), preprocess_digit(ink), atol=1e-12)


def test_jpeg_reads_back_within_its_compression_error(tmp_path):
    rows, cols = np.mgrid[0:64, 0:96]
    pixels = (255 * (0.5 + 0.5 * np.sin(rows / 9) * np.cos(cols / 13))).astype(np.uint8)
    path = save(qimage(pixels), tmp_path / "smooth.jpg", "JPEG", quality=95)
    result = load_grayscale(path)
    assert result.shape == (64, 96)
    assert np.abs(result - pixels / 255.0).mean() < 0.01


def test_the_content_decides_the_format_not_the_name(tmp_path):
    pixels = np.full((5, 7), 200, np.uint8)
    path = save(qimage(pixels), tmp_path / "really-a-png.jpg", "PNG")
    np.testing.assert_allclose(load_grayscale(path), pixels / 255.0, atol=1e-12)


@pytest.mark.parametrize("file_format", ["PNG", "JPEG"])
def test_a_large_image_is_read_reduced_to_the_decoding_limit(tmp_path, file_format):
    pixels = np.full((200, 3000), 64, np.uint8)
    path = save(qimage(pixels), tmp_path / f"wide.{file_format.lower()}", file_format)
    result = load_grayscale(path)
    assert result.shape == (round(200 * MAX_DECODED_SIDE / 3000), MAX_DECODED_SIDE)
    np.testing.assert_allclose(result, 64 / 255, atol=2 / 255)


def test_reading_needs_no_qt_application_and_makes_none(tmp_path):
    pixels = np.random.default_rng(1).integers(0, 256, (30, 40), dtype=np.uint8)
    save(qimage(pixels), tmp_path / "a.png", "PNG")
    save(qimage(pixels), tmp_path / "a.jpg", "JPEG", quality=90)
    code = (
        "import sys\n"
        "from app.data.image_files import load_grayscale\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "for name in sys.argv[1:]:\n"
        "    print(load_grayscale(name).shape)\n"
        "print(QCoreApplication.instance())\n"
    )
    # No display and no platform plugin chosen: nothing here may need one.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.png"), str(tmp_path / "a.jpg")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["(30, 40)", "(30, 40)", "None"]
    assert result.stderr == ""


# -- bad files ---------------------------------------------------------------------------------


def write_bytes(name: str, content: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return make


def truncated_png(tmp_path: Path) -> Path:
    pixels = np.random.default_rng(2).integers(0, 256, (40, 40), dtype=np.uint8)
    whole = save(qimage(pixels), tmp_path / "whole.png", "PNG").read_bytes()
    path = tmp_path / "truncated.png"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def icon(tmp_path: Path) -> Path:
    return save(qimage(np.zeros((16, 16), np.uint8)), tmp_path / "icon.ico", "ICO")


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "digits.png"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(
            write_bytes("noise.png", np.random.default_rng(3).bytes(1000)),
            "not an image",
            id="garbage",
        ),
        pytest.param(write_bytes("notes.png", b"seven\n" * 50), "not an image", id="text"),
        pytest.param(truncated_png, "damaged or incomplete PNG", id="truncated png"),
        pytest.param(write_bytes("empty.png", b""), "empty", id="empty"),
        pytest.param(lambda tmp_path: tmp_path / "missing.png", "not found", id="missing"),
        pytest.param(folder, "folder", id="folder"),
        pytest.param(write_bytes("sig.png", b"\x89PNG\r\n\x1a\n"), "damaged", id="signature only"),
        pytest.param(write_bytes("zero.pgm", b"P5\n0 0\n255\n"), "PGM", id="zero-size pgm"),
        pytest.param(icon, "ICO", id="icon"),
        pytest.param(
            write_bytes("huge.png", png_claiming(20_000, 20_000)), "20,000×20,000", id="huge"
        ),
        pytest.param(
            write_bytes("tall.png", png_claiming(50, MAX_SIDE + 1)), "10,001", id="too tall"
        ),
        # Within MAX_SIDE, but past what Qt will allocate for a PNG (256 MB, 4 bytes a pixel
        # for 8 bits): Qt would log a warning and give no reason, so this is refused first.
        pytest.param(
            write_bytes("poster.png", png_claiming(9000, 9000)),
            "too large: 9,000×9,000",
            id="9000²",
        ),
    ],
)
def test_a_bad_file_is_an_image_file_error_naming_it(tmp_path, make, reason):
    path = make(tmp_path)
    with pytest.raises(ImageFileError) as caught:
        load_grayscale(path)
    assert caught.value.path == path
    assert path.name in str(caught.value)
    assert reason in str(caught.value)


def sample_files() -> dict[str, bytes]:
    """Small valid files of each readable kind, written by Qt once for mutating."""
    import tempfile

    pixels = np.random.default_rng(4).integers(0, 256, (12, 17), dtype=np.uint8)
    samples = {}
    with tempfile.TemporaryDirectory() as directory:
        for file_format in ("PNG", "JPEG", "BMP", "PPM", "WEBP"):
            path = Path(directory) / f"sample.{file_format.lower()}"
            samples[file_format] = save(qimage(pixels), path, file_format).read_bytes()
    return samples


SAMPLES = sample_files()


@st.composite
def damaged_files(draw) -> bytes:
    content = bytearray(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(0, 6))):
        index = draw(st.integers(0, len(content) - 1))
        content[index] = draw(st.integers(0, 255))
    cut = draw(st.integers(1, len(content)))
    return bytes(content[:cut])


# Decoders log what they find wrong with damaged data as Qt warnings; here that is expected.
@pytest.mark.qt_log_level_fail("CRITICAL")
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=st.binary(min_size=1, max_size=200) | damaged_files())
def test_any_file_content_gives_an_image_or_an_image_file_error(tmp_path, content):
    path = tmp_path / "drawing.png"
    path.write_bytes(content)
    try:
        result = load_grayscale(path)
    except ImageFileError as exc:
        error_path = exc.path
    else:
        assert result.ndim == 2
        assert result.dtype == np.float64
        assert np.all((result >= 0) & (result <= 1))
        return
    assert error_path == path
