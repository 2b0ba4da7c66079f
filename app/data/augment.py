"""Data augmentation: small random affine moves of each training image, labels untouched.

With 4,500 bundled images a network memorises pixels; shifting, rotating and rescaling each
example a little every time it is seen teaches it the *shape* of a digit instead, which is
also what makes it read a classroom's handwriting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.errors import ConfigError

SIDE = 28


@dataclass(frozen=True)
class Augmentation:
    """Ranges of the random moves. ``max_shift`` in pixels, ``max_rotation`` in degrees,
    ``max_scale`` a relative change (0.1 = ±10 %)."""

    max_shift: float = 2.0
    max_rotation: float = 10.0
    max_scale: float = 0.1

    def __post_init__(self) -> None:
        if not 0 <= self.max_shift <= 8:
            raise ConfigError(f"shift must be 0 to 8 pixels, got {self.max_shift}")
        if not 0 <= self.max_rotation <= 45:
            raise ConfigError(f"rotation must be 0 to 45 degrees, got {self.max_rotation}")
        if not 0 <= self.max_scale <= 0.5:
            raise ConfigError(f"scale change must be 0 to 0.5, got {self.max_scale}")

    def __call__(self, x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Augment a batch ``x`` of flattened images (B, 784) in [0, 1]; returns a new array."""
        b = x.shape[0]
        angle = np.deg2rad(rng.uniform(-self.max_rotation, self.max_rotation, b))
        scale = 1.0 + rng.uniform(-self.max_scale, self.max_scale, b)
        shift = rng.uniform(-self.max_shift, self.max_shift, (b, 2))
        return affine_batch(x.reshape(b, SIDE, SIDE), angle, scale, shift).reshape(b, -1)


def affine_batch(
    images: np.ndarray, angle: np.ndarray, scale: np.ndarray, shift: np.ndarray
) -> np.ndarray:
    """Rotate by ``angle`` (radians), scale and shift (rows, cols) each image about its centre.

    ``images`` (B, H, W); ``angle``, ``scale`` (B,); ``shift`` (B, 2). Bilinear sampling,
    zero (background) outside; values stay within the input's range. For each output pixel
    p the source is ``c + R(−angle)(p − c − shift) / scale``.
    """
    b, h, w = images.shape
    centre = np.array([(h - 1) / 2, (w - 1) / 2])
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float64)
    pr = rows[None] - centre[0] - shift[:, 0, None, None]
    pc = cols[None] - centre[1] - shift[:, 1, None, None]
    cos, sin = np.cos(angle)[:, None, None], np.sin(angle)[:, None, None]
    inv = 1.0 / scale[:, None, None]
    src_r = (cos * pr + sin * pc) * inv + centre[0]
    src_c = (-sin * pr + cos * pc) * inv + centre[1]
    r0, c0 = np.floor(src_r).astype(np.intp), np.floor(src_c).astype(np.intp)
    fr, fc = src_r - r0, src_c - c0
    padded = np.zeros((b, h + 2, w + 2), dtype=np.float64)
    padded[:, 1:-1, 1:-1] = images
    # Indices into the padded image; anything outside lands on the zero border.
    r0p = np.clip(r0 + 1, 0, h + 1)
    r1p = np.clip(r0 + 2, 0, h + 1)
    c0p = np.clip(c0 + 1, 0, w + 1)
    c1p = np.clip(c0 + 2, 0, w + 1)
    n = np.arange(b)[:, None, None]
    return (
        padded[n, r0p, c0p] * (1 - fr) * (1 - fc)
        + padded[n, r0p, c1p] * (1 - fr) * fc
        + padded[n, r1p, c0p] * fr * (1 - fc)
        + padded[n, r1p, c1p] * fr * fc
    )
