"""Image files (PNG, JPEG, …) as grayscale numpy arrays, for classifying a digit from a file.

Decoding is Qt's (``QImageReader``; PySide6 is a dependency already, so no Pillow). It needs
no application object: ``QImage``/``QImageReader`` and the image-format plugins (JPEG, WebP,
…) load without a ``QCoreApplication`` or ``QGuiApplication`` and without a display, so the
command line reads files with no Qt application at all, and none is created here.

Every problem with a file, whatever its content, is an ``ImageFileError`` naming it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from app.errors import ImageFileError

#: Formats read, by the name Qt's content sniffing gives them. Deliberately not every format
#: Qt knows: SVG is drawing instructions rather than pixels, icons hold several images, and
#: WBMP and TGA have no signature to recognise them by, so random bytes can pass for them.
READABLE_FORMATS = {
    "png": "PNG",
    "jpeg": "JPEG",
    "bmp": "BMP",
    "gif": "GIF",
    "webp": "WebP",
    "tiff": "TIFF",
    "pbm": "PBM",
    "pgm": "PGM",
    "ppm": "PPM",
}
#: A side longer than this is not a photo or drawing of a digit; refused before decoding.
MAX_SIDE = 10_000
#: Larger images are decoded reduced to this longer side (aspect kept). A digit ends up 20 px
#: tall, so nothing is lost, while a 10,000 px side at full size would take 800 MB as float64.
MAX_DECODED_SIDE = 2048
#: ITU-R BT.601 luma weights, per mille: the usual grayscale of sRGB images (as Pillow's "L").
_LUMA_PER_MILLE = (299, 587, 114)


def load_grayscale(path: str | os.PathLike[str]) -> np.ndarray:
    """The image at ``path`` as luminance: float64 (H, W) in [0, 1], 0 black, 1 white.

    Transparent pixels are composited over white, so black ink on a transparent background
    reads as dark ink on white paper, as it looks in an image viewer. The format is taken from
    the content, not the file name; EXIF orientation is applied (phone photos). Images with a
    side over ``MAX_DECODED_SIDE`` come back reduced to fit it; a side over ``MAX_SIDE`` is
    refused. Raises ImageFileError naming the file for anything unreadable: missing, a folder,
    empty, not an image, a format not in ``READABLE_FORMATS``, damaged, or absurdly large.
    """
    path = Path(path)
    _check_file(path)
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    format_name = _format_of(reader, path)

    # Every format in READABLE_FORMATS tells its size from the header; a header too damaged
    # to tell it fails to decode below.
    size = reader.size()
    if size.isValid():
        _check_size(path, size.width(), size.height())
        _check_decodable(reader, path, size.width(), size.height())
        longer = max(size.width(), size.height())
        if longer > MAX_DECODED_SIDE:
            factor = MAX_DECODED_SIDE / longer
            reader.setScaledSize(
                QSize(max(1, round(size.width() * factor)), max(1, round(size.height() * factor)))
            )

    image = reader.read()
    if image.isNull():
        raise ImageFileError(
            path, f"is a damaged or incomplete {format_name} image ({reader.errorString()})"
        )
    return _luminance_over_white(image)


def _check_file(path: Path) -> None:
    try:
        if path.is_dir():
            raise ImageFileError(path, "is a folder, not an image file")
        if not path.exists():
            raise ImageFileError(path, "file not found")
        if not path.is_file():
            raise ImageFileError(path, "is not a regular file")
        if path.stat().st_size == 0:
            raise ImageFileError(path, "the file is empty")
        # Qt would only say "unknown error" for a file it may not open; Python names the cause.
        with path.open("rb"):
            pass
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ImageFileError(path, f"cannot be opened: {reason}") from exc


def _format_of(reader: QImageReader, path: Path) -> str:
    sniffed = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if sniffed in READABLE_FORMATS:
        return READABLE_FORMATS[sniffed]
    readable = ", ".join(READABLE_FORMATS.values())
    if not sniffed:
        raise ImageFileError(path, f"is not an image this program can read ({readable})")
    raise ImageFileError(path, f"is a {sniffed.upper()} file; images must be one of {readable}")


def _check_size(path: Path, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageFileError(path, f"the image has no pixels ({width}×{height})")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ImageFileError(
            path,
            f"the image is {width:,}×{height:,} pixels; at most {MAX_SIDE:,} a side is read",
        )


def _check_decodable(reader: QImageReader, path: Path, width: int, height: int) -> None:
    # Qt refuses to decode an image needing more than its allocation limit (256 MB by default),
    # with a warning on the log and no reason given; say it here, in Qt's own arithmetic.
    # JPEG decodes straight to the reduced size, so only the reduced size counts for it.
    if reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
        return
    limit_mb = QImageReader.allocationLimit()
    if not limit_mb:
        return
    image_format = reader.imageFormat()
    needed = decoded_bytes(image_format, width, height)
    if needed > limit_mb * 2**20:
        bits = _bits_per_pixel(image_format)
        # Past 32 bits a pixel (which Qt counts for every image) the depth is why it is large.
        colour = f" of {bits // 4}-bit colour" if bits > 32 else ""
        raise ImageFileError(
            path,
            f"the image is too large: {width:,}×{height:,} pixels{colour} take "
            f"{needed / 2**20:,.0f} MB to decode, more than the {limit_mb:,} MB limit",
        )


def decoded_bytes(image_format: QImage.Format, width: int, height: int) -> int:
    """The bytes Qt allocates to decode a ``width``×``height`` image to ``image_format``.

    Qt's own count (``QImageIOHandler::allocateImage``): rows of at least 32 bits a pixel, as
    a format may be converted later, padded to 4 bytes: 4 bytes a pixel for 8-bit images, 8 for
    16-bit colour (``Format_RGBA64``, what Qt decodes a 16-bit PNG or TIFF to), 16 for 32-bit
    float. A format the reader cannot tell before decoding (GIF, WebP) decodes to 32 bits.
    """
    bytes_per_line = (width * max(32, _bits_per_pixel(image_format)) + 31) // 32 * 4
    return bytes_per_line * height


def _bits_per_pixel(image_format: QImage.Format) -> int:
    if image_format == QImage.Format.Format_Invalid:
        return 32
    return QImage.toPixelFormat(image_format).bitsPerPixel()


def _luminance_over_white(image: QImage) -> np.ndarray:
    # RGBA8888 has the same byte order on every machine and is not premultiplied, so alpha
    # compositing below is plain arithmetic on the stored colours.
    rgba_image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    height, width = rgba_image.height(), rgba_image.width()
    rows = np.frombuffer(rgba_image.constBits(), np.uint8, count=rgba_image.sizeInBytes())
    rgba = rows.reshape(height, rgba_image.bytesPerLine())[:, : 4 * width].reshape(height, width, 4)
    # Integer luma keeps the temporaries at 4 bytes a pixel; a photo can be millions of them.
    luma = np.zeros((height, width), np.uint32)
    for channel, weight in enumerate(_LUMA_PER_MILLE):
        luma += rgba[:, :, channel].astype(np.uint32) * weight
    alpha = rgba[:, :, 3].astype(np.float64) / 255.0
    # Over white: 1 − alpha·(1 − luma), which cannot round to just above 1.
    return 1.0 - alpha * (1.0 - luma / 255_000.0)
