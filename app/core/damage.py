"""Damaged digits: how much noise, turning, moving or a different pen a network can take.

A network that scores 92 % on clean test digits may still fall apart when the same digits
are a little grainy, tilted or off-centre, none of which bothers a human reader. Each damage
here changes a batch of images by a chosen amount (its *level*), and ``robustness_curve``
measures the accuracy at every level of a sweep: the curve shows how quickly it falls.

Images follow the dataset's convention: ink in [0, 1] (white digit on black), 28×28, as a
batch (N, 28, 28) or flattened like network inputs (N, 784); a single image (28, 28) or
(784,) also works. Whole numbers (uint8, as stored) are read as 0..255. Every function
returns a new float32 array of the same shape with values in [0, 1]; level 0 gives the
images back unchanged.

The geometry is ``app.core.augment.affine_batch`` (bilinear sampling about the centre, the
background outside), the same maths that moves training images during augmentation.
Pure numpy, no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from app.core.augment import SIDE, affine_batch
from app.core.network import Network
from app.errors import ConfigError

# Stroke-width passes beyond this leave a 28×28 image all ink or all background anyway.
MAX_WIDTH_CHANGE = SIDE
# Images damaged and read at a time in ``robustness_curve``: bounds the bilinear sampler's
# float64 temporaries (a dozen arrays of chunk×784) at a few MB, and the time between two
# calls of its ``progress`` (a background job's chance to stop): rotating 250 images and
# reading them takes about 30 ms, 1,000 took 85 to 300 ms.
CURVE_CHUNK = 250

Seed = int | Sequence[int]


@dataclass(frozen=True)
class DamageKind:
    """One kind of damage, as data for the window to put into words.

    ``name``    the key in ``DAMAGES`` and the ``kind`` argument of ``damage``.
    ``title``   a short English name.
    ``unit``    of the level: "σ" (standard deviation of the noise), "°", "px".
    ``levels``  the sweep ``robustness_curve`` uses by default, starting with the undamaged
                level 0 (for the stroke width, 0 is in the middle: it thins and thickens).
    """

    name: str
    title: str
    unit: str
    levels: tuple[float, ...]


NOISE, ROTATION, SHIFT, WIDTH = "noise", "rotation", "shift", "width"

#: Every kind of damage by name. Each sweep runs from none to about where a person starts to
#: hesitate too: at σ 0.5 the grain is half as bright as the strokes, 6 px moves a digit
#: 20 px wide (MNIST's box) by a third of its width.
DAMAGES: dict[str, DamageKind] = {
    NOISE: DamageKind(NOISE, "Noise", "σ", tuple(round(0.05 * i, 2) for i in range(11))),
    ROTATION: DamageKind(ROTATION, "Rotation", "°", tuple(float(d) for d in range(0, 46, 5))),
    SHIFT: DamageKind(SHIFT, "Shift", "px", tuple(float(p) for p in range(7))),
    WIDTH: DamageKind(WIDTH, "Stroke width", "px", (-2.0, -1.0, 0.0, 1.0, 2.0)),
}


# -- the damages ---------------------------------------------------------------------------------


def gaussian_noise(images: np.ndarray, sigma: float, seed: Seed = 0) -> np.ndarray:
    """Add N(0, σ²) to every pixel, then clip into [0, 1] (a grainy camera).

    The noise is σ·z with z drawn from ``seed``: the same seed gives the same grain at every
    σ, only stronger, so a sweep over σ compares like with like.
    """
    _check_finite(sigma, "noise σ")
    if sigma < 0:
        raise ConfigError(f"noise σ must be 0 or more, got {sigma}")
    stack, shape = _as_stack(images)
    z = np.random.default_rng(seed).standard_normal(stack.shape, dtype=np.float32)
    stack += np.float32(sigma) * z
    return _finish(stack, shape)


def rotate(images: np.ndarray, degrees: float) -> np.ndarray:
    """Turn each image by ``degrees`` anticlockwise (as seen) about its centre; bilinear."""
    _check_finite(degrees, "rotation")
    stack, shape = _as_stack(images)
    n = len(stack)
    angle = np.full(n, np.deg2rad(degrees))
    moved = affine_batch(stack, angle, np.ones(n), np.zeros((n, 2)))
    return _finish(moved, shape)


def shift(images: np.ndarray, dx: float, dy: float) -> np.ndarray:
    """Move each image ``dx`` pixels right and ``dy`` pixels down; what leaves the frame is lost.

    Whole pixels move exactly; a fraction is a bilinear blend of the two nearest pixels, which
    keeps the total ink and moves the centre of mass by exactly (dx, dy) while no ink leaves.
    """
    _check_finite(dx, "shift dx")
    _check_finite(dy, "shift dy")
    stack, shape = _as_stack(images)
    n = len(stack)
    offsets = np.tile([float(dy), float(dx)], (n, 1))  # affine_batch takes (rows, cols)
    moved = affine_batch(stack, np.zeros(n), np.ones(n), offsets)
    return _finish(moved, shape)


def stroke_width(images: np.ndarray, pixels: float) -> np.ndarray:
    """Thicken (``pixels`` > 0) or thin (< 0) the strokes by about ``|pixels|`` at each edge.

    One whole pixel is one pass of greyscale dilation (each pixel becomes the brightest in
    its 3×3 neighbourhood: a felt pen) or erosion (the darkest: a hard pencil). A fraction is
    a blend towards the next pass, ``out = prev + frac · (pass(prev) − prev)``, as in
    ``app.core.augment.change_thickness`` (which uses the smaller 4-neighbour cross).
    Outside the image counts as background, so erosion also eats ink at the border.
    """
    _check_finite(pixels, "stroke width change")
    if abs(pixels) > MAX_WIDTH_CHANGE:
        raise ConfigError(
            f"stroke width change must be within ±{MAX_WIDTH_CHANGE} pixels, got {pixels}"
        )
    stack, shape = _as_stack(images)
    pick = np.maximum if pixels > 0 else np.minimum
    magnitude = abs(float(pixels))
    for done in range(math.ceil(magnitude)):
        moved = _filter_3x3(stack, pick)
        weight = min(magnitude - done, 1.0)
        # A whole pass is the filter's output itself, not a blend that rounds it.
        stack = moved if weight == 1.0 else stack + np.float32(weight) * (moved - stack)
    return _finish(stack, shape)


def _filter_3x3(stack: np.ndarray, pick) -> np.ndarray:
    """``pick`` (np.maximum or np.minimum) over each pixel's 3×3 neighbourhood; 0 outside.

    A 3×3 maximum is a maximum over 3 rows of maxima over 3 columns, so two passes of three
    slices each instead of nine.
    """
    padded = np.pad(stack, ((0, 0), (1, 1), (1, 1)))
    across = pick(pick(padded[:, :, :-2], padded[:, :, 1:-1]), padded[:, :, 2:])
    return pick(pick(across[:, :-2], across[:, 1:-1]), across[:, 2:])


# -- by name -------------------------------------------------------------------------------------


def damage(images: np.ndarray, kind: str, level: float, seed: Seed = 0) -> np.ndarray:
    """The damage ``kind`` (a key of ``DAMAGES``) at ``level`` in that kind's unit.

    ``shift`` moves ``level`` pixels to the right: whole pixels in the default sweep, so the
    digit moves without the blur of bilinear sampling. ``seed`` matters only for noise.
    """
    if kind == NOISE:
        return gaussian_noise(images, level, seed)
    if kind == ROTATION:
        return rotate(images, level)
    if kind == SHIFT:
        return shift(images, level, 0.0)
    if kind == WIDTH:
        return stroke_width(images, level)
    raise ConfigError(f"no damage {kind!r}; choose one of {', '.join(DAMAGES)}")


def preview(image: np.ndarray, kind: str, level: float, seed: Seed = 0) -> np.ndarray:
    """One image (28, 28) or (784,) damaged as ``robustness_curve`` damages the first one."""
    image = np.asarray(image)
    if image.shape not in ((SIDE, SIDE), (SIDE * SIDE,)):
        raise ConfigError(f"expected one {SIDE}×{SIDE} image, got an array of shape {image.shape}")
    # The curve seeds its first chunk with (seed, 0); the preview shows that same grain.
    return damage(image[np.newaxis], kind, level, [seed, 0])[0]


def robustness_curve(
    network: Network,
    images: np.ndarray,
    labels: np.ndarray,
    kind: str,
    levels: Sequence[float] | np.ndarray | None = None,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Accuracy of ``network`` on ``images`` damaged at each level: (levels, accuracies).

    ``images`` (N, 28, 28) or (N, 784), ``labels`` (N,) whole numbers; ``levels`` defaults to
    ``DAMAGES[kind].levels``. Both results have shape (T,), float64; accuracies are 0..1.
    Images go through in chunks of ``CURVE_CHUNK``, the chunk starting at image ``i`` seeded
    by ``(seed, i)``, so the same seed gives the same curve on every machine.

    ``progress(fraction)``, if given, is called after each chunk at each level (tens of ms
    apart) with the share done, in (0, 1], the last call with 1.0. To stop early, raise from
    it: the exception passes through and nothing is returned (a background job does so when
    it is asked to stop).
    """
    if kind not in DAMAGES:
        raise ConfigError(f"no damage {kind!r}; choose one of {', '.join(DAMAGES)}")
    levels = np.array(DAMAGES[kind].levels if levels is None else levels, dtype=np.float64)
    if levels.ndim != 1 or len(levels) == 0:
        raise ConfigError("give at least one level, as a flat list")
    stack, _ = _as_stack(images)
    labels = np.asarray(labels)
    n = len(stack)
    n_in, n_out = network.layer_sizes[0], network.layer_sizes[-1]
    if n == 0:
        raise ConfigError("cannot measure robustness on an empty dataset")
    if stack[0].size != n_in:
        raise ConfigError(f"the network reads {n_in} pixels but the images have {stack[0].size}")
    if labels.shape != (n,):
        raise ConfigError(f"{n} images but labels of shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0 or labels.max() >= n_out:
        raise ConfigError(f"labels must be whole numbers 0 to {n_out - 1}")

    right = np.zeros(len(levels), dtype=np.int64)
    chunk = CURVE_CHUNK
    steps, done = math.ceil(n / chunk) * len(levels), 0
    for start in range(0, n, chunk):
        part = stack[start : start + chunk]
        truth = labels[start : start + chunk]
        for i, level in enumerate(levels):
            damaged = damage(part, kind, float(level), [seed, start])
            answers = network.predict(damaged.reshape(len(part), n_in))
            right[i] += int(np.count_nonzero(answers == truth))
            done += 1
            if progress is not None:
                progress(done / steps)
    return levels, right / n


# -- shapes and ranges ---------------------------------------------------------------------------


def _as_stack(images: np.ndarray) -> tuple[np.ndarray, tuple[int, ...]]:
    """A float32 copy as (B, H, W) and the shape to give back; whole numbers scaled from 0..255."""
    array = np.asarray(images)
    if array.dtype.kind not in "uif":
        raise ConfigError(f"images must be numbers, got {array.dtype}")
    shape = array.shape
    if array.ndim >= 1 and shape[-1] == SIDE * SIDE:
        stack = array.reshape(-1, SIDE, SIDE)
    elif array.ndim >= 2:
        stack = array.reshape(-1, *shape[-2:])
    else:
        raise ConfigError(f"expected images of {SIDE}×{SIDE} pixels, got shape {shape}")
    if array.dtype.kind in "ui":
        return stack.astype(np.float32) / np.float32(255.0), shape
    return stack.astype(np.float32), shape  # astype copies: the caller's array is untouched


def _finish(stack: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    out = np.clip(stack, 0.0, 1.0).astype(np.float32, copy=False)
    return out.reshape(shape)


def _check_finite(value: float, what: str) -> None:
    if not math.isfinite(value):
        raise ConfigError(f"{what} must be a finite number, got {value}")
