"""Digit images for the views: ink as numbers, and the pictures Qt paints.

Two conventions meet here. The network's (and MNIST's): ink is high, 1.0 or 255 is full ink
on a 0 background; shown as is, that is white ink on black (``grey``, ``digit_image``). The
drawing pad's: dark ink on white paper (``paper``, ``paper_image``), which the data explorer
and the points map's hover card use so a stored digit looks like a drawn one.

Every function takes images of any shape, uint8 0–255 (any whole numbers are read as
0–255), bool (True is full ink) or float 0–1. Floats out of range are clipped, NaN and −inf
are no ink, +inf is full ink. Floats keep their precision where a result is rounded, so a
picture's grey levels are ``round(ink · 255)`` computed as the caller would.

The preprocessing of a drawing (``app.data.preprocess``: polarity, cropping, centring) is not
here: these only convert, they never move or rescale a digit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

SIDE = 28


def ink(images: np.ndarray, dtype: type[np.floating] = np.float32) -> np.ndarray:
    """Images (any shape) as ink in [0, 1] of ``dtype`` (1 = full ink), same shape.

    uint8 and other whole numbers are divided by 255, bool becomes 0 or 1, floats are
    clipped (NaN → 0, +inf → 1). Always a new array: the caller's images are never changed.
    """
    array = np.asarray(images)
    if array.dtype == np.bool_:
        return array.astype(dtype)
    if array.dtype == np.uint8:
        # 0..255 needs no clipping: the common case (stored images) stays one pass.
        return array.astype(dtype) / dtype(255.0)
    if np.issubdtype(array.dtype, np.integer):
        return np.clip(array.astype(dtype) / dtype(255.0), 0.0, 1.0)
    values = np.nan_to_num(array.astype(dtype), nan=0.0, posinf=1.0, neginf=0.0)
    return np.clip(values, 0.0, 1.0)


def unit_image(images: np.ndarray, index: int) -> np.ndarray:
    """Image ``index`` of ``images`` (N, 28, 28) as a read-only float32 (28, 28) in [0, 1].

    What a view hands on when an example is chosen: the receiver may keep it, no one can
    change it under it.
    """
    out = ink(images[index]).reshape(SIDE, SIDE)
    out.flags.writeable = False
    return out


def _float_ink(array: np.ndarray) -> np.ndarray:
    """``ink`` in the array's own float precision (float32 for whole numbers and bool)."""
    dtype = array.dtype.type if np.issubdtype(array.dtype, np.floating) else np.float32
    return ink(array, dtype)


def grey(images: np.ndarray) -> np.ndarray:
    """Images (any shape) as uint8 grey levels, ink high: round(ink · 255); white ink on black.

    uint8 images are returned as they are (not copied).
    """
    array = np.asarray(images)
    if array.dtype == np.uint8:
        return array
    return np.round(_float_ink(array) * 255.0).astype(np.uint8)


def paper(images: np.ndarray) -> np.ndarray:
    """Images (any shape) as uint8 dark ink on white paper: round(255 · (1 − ink)).

    255 where blank, 0 under full ink: the drawing pad's look.
    """
    array = np.asarray(images)
    if array.dtype == np.uint8:
        return 255 - array
    return np.rint(255.0 * (1.0 - _float_ink(array))).astype(np.uint8)


def grey_image(pixels: np.ndarray) -> QImage:
    """A uint8 (H, W) array as an 8-bit grey QImage that owns its pixels (a copy)."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape
    # The QImage would only borrow ``pixels``' memory: the copy outlives the array.
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def digit_image(image: np.ndarray) -> QImage:
    """A (28, 28) image as 8-bit grey: white ink on black, as the network sees it."""
    return grey_image(grey(image))


def paper_image(image: np.ndarray) -> QImage:
    """A 2-D image as 8-bit grey: dark ink on white paper, like the drawing pad."""
    return grey_image(paper(image))


def digit_pixmap(image: np.ndarray, side: int) -> QPixmap:
    """``digit_image`` scaled to ``side`` pixels square without blurring its pixels."""
    scaled = digit_image(image).scaled(
        side, side, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    )
    return QPixmap.fromImage(scaled)


def save_picture(widget: QWidget, path: str | Path) -> bool:
    """``widget`` as it is drawn now, to ``path``: an SVG (its pictures as vector paths) or
    any image Qt writes (PNG). True when the file was written."""
    path = str(path)
    if path.lower().endswith(".svg"):
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(widget.size())
        generator.setViewBox(widget.rect())
        painter = QPainter(generator)
        try:
            widget.render(painter, QPoint(0, 0))
        finally:
            painter.end()
        return Path(path).is_file() and Path(path).stat().st_size > 0
    return widget.grab().save(path)
