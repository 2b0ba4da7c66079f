"""Drawn digits to MNIST's conventions, so the network sees a drawing the way it saw MNIST.

A network trained on MNIST only knows MNIST's framing: white ink on black, the digit scaled
so its longer side is 20 px, grey anti-aliased edges, and its centre of mass at the middle of
a 28×28 field. LeCun's description of how MNIST was made: "the images were size normalized
to fit in a 20×20 pixel box while preserving their aspect ratio … anti-aliasing … centered
in a 28×28 image by computing the center of mass of the pixels, and translating the image so
as to position this point at the center of the 28×28 field". ``preprocess_digit`` repeats
those steps on a canvas or photo of any size and either polarity.

Measured on the bundled 5,000 real MNIST digits (tests/test_preprocess.py checks it again):

- the ink's bounding box is exactly 20 px on its longer side (4,999 of 5,000 at any
  threshold up to 0.1);
- the centre of mass, in 0-based pixel-centre coordinates, is spread evenly over
  13.5–14.5 on each axis (mean 13.99 and 14.00, sd 0.29): MNIST translated by whole pixels
  to put it at (14, 14), so it lands within half a pixel of that. ``preprocess_digit`` does
  the same, which also leaves an image that is already MNIST-like unchanged;
- the stroke width by ``stroke_width``'s estimate is 2.56 px median (5–95 %: 2.0–3.8).

Pure numpy: never imports Qt (the command line classifies files without a display).
"""

from __future__ import annotations

import numpy as np

#: Side of MNIST's field.
FIELD_SIZE = 28
#: Longer side of the box MNIST scaled every digit to.
BOX_SIZE = 20
#: Where MNIST's centre of mass is, (row, col) in 0-based pixel-centre coordinates (measured).
TARGET_CENTER = (14.0, 14.0)
#: Ink is what stands this much (on a 0–1 scale) above the background. Below it is paper
#: grain, JPEG noise or a stray speck: it neither counts as "something drawn" nor widens the
#: bounding box. On MNIST itself the longer side is the same at 0 and at 0.1; 16 % of digits
#: lose a faint edge column or row on the shorter side (0.0002 of ink a pixel, on average).
INK_THRESHOLD = 0.1
#: MNIST's stroke widths (``stroke_width`` at the 20 px box), 5th to 95th percentile, and the
#: median, measured on the bundled 5,000 digits (tests/test_preprocess.py measures again).
#: A drawing outside the range is brought to the median; one inside is left as it is.
STROKE_RANGE = (2.0, 3.8)
STROKE_TARGET = 2.56
#: The scale the stroke width is changed at: 80 px on the longer side, 4× MNIST's box, so one
#: pass changes a stroke by a quarter of an MNIST pixel a side.
WORK_SIZE = 80
#: Corrections at most, each from the width the last one reached, until it is within
#: ``STROKE_TOLERANCE`` px of the target: the formula below is exact for a long bar only, and
#: a thin stroke grown once overshoots (MNIST's thinnest, 1.9 px, came out at 3.0); a thick
#: blob, whose strokes merge where they meet, needs more than one too.
STROKE_ROUNDS = 3
STROKE_TOLERANCE = 0.3


def preprocess_digit(image: np.ndarray, normalise_width: bool = True) -> np.ndarray | None:
    """A drawing as the network's input: float64 (28, 28) in [0, 1], ink 1, background 0.

    ``image`` is a 2-D grayscale array (H, W) of any size: uint8 0–255 (other integer types are
    scaled by their maximum), or float 0–1 (clipped; NaN counts as background). Dark ink on
    light paper and light ink on dark both work. Returns None when nothing is drawn: no pixel
    stands more than ``INK_THRESHOLD`` above the background (empty, uniform, or a faint speck).

    Steps, as MNIST was made:

    1. polarity and background from the border (see ``ink_image``);
    2. crop to the ink's bounding box (pixels above ``INK_THRESHOLD``);
    3. with ``normalise_width``: a stroke width outside MNIST's 5–95 % range (after step 4's
       scaling) is brought to MNIST's median (see ``normalise_stroke_width``), so a small
       digit drawn with the pad's wide pen, or a big one with a fine pen, reaches the network
       with MNIST's strokes; a width already in range is left exactly as it is, and so is a
       drawing smaller than the box (a few pixels have no strokes to measure);
    4. scale so the longer side is exactly 20 px, aspect ratio kept, by area averaging: grey
       levels and anti-aliased edges survive, and a tiny drawing is enlarged the same way;
       the brightest pixel is then scaled to 1, as it is in every MNIST digit (a pencil photo
       or a thin stroke would otherwise reach the network faint);
    5. translate by whole pixels so the centre of mass is within half a pixel of (14, 14),
       as in MNIST; the shift is clamped so that the 20 px box never leaves the field.
    """
    ink = ink_image(image)
    box = ink_bounding_box(ink, INK_THRESHOLD)
    if box is None:
        return None
    r0, r1, c0, c1 = box
    crop = ink[r0:r1, c0:c1]
    boxed = _boxed(crop)
    if normalise_width and max(crop.shape) >= BOX_SIZE:
        boxed = normalise_stroke_width(crop, boxed)

    box_rows, box_cols = boxed.shape
    com_row, com_col = center_of_mass(boxed)
    top = _whole_pixel_shift(TARGET_CENTER[0] - com_row, FIELD_SIZE - box_rows)
    left = _whole_pixel_shift(TARGET_CENTER[1] - com_col, FIELD_SIZE - box_cols)
    field = np.zeros((FIELD_SIZE, FIELD_SIZE))
    field[top : top + box_rows, left : left + box_cols] = boxed
    return field


def normalise_stroke_width(crop: np.ndarray, boxed: np.ndarray) -> np.ndarray:
    """``boxed`` (the 20-px box of ``crop``) again, with MNIST's median stroke width
    ``STROKE_TARGET`` if its width lies outside ``STROKE_RANGE``; else ``boxed`` itself.

    ``crop`` (H, W) is the ink cut to its box. Corrected at most ``STROKE_ROUNDS`` times until
    within ``STROKE_TOLERANCE`` of the target. It is first brought to ``WORK_SIZE`` px on its
    longer side (area averaging), where one pass of grey erosion (each pixel the darkest of
    its neighbours; dilation the brightest) takes ``20 / WORK_SIZE`` px of MNIST's scale off
    each side. A stroke of width w in a box of longer side L (both at the work scale) that
    loses d per side reads, once scaled back to 20, ``20 (w − 2d) / (L − 2d)``, since the box
    loses the same 2d where strokes end at its edges; that equals the target t for
    ``2d = (w − tL/20) / (1 − t/20)`` (negative: dilate). ``w`` is ``stroke_width`` of the box
    at the work scale: the same estimate the range was measured with.
    """
    if STROKE_RANGE[0] <= _padded_width(boxed) <= STROKE_RANGE[1]:
        return boxed
    work = area_resample(crop, WORK_SIZE / max(crop.shape))
    share = STROKE_TARGET / BOX_SIZE
    for _ in range(STROKE_ROUNDS):
        if abs(_padded_width(boxed) - STROKE_TARGET) <= STROKE_TOLERANCE:
            break
        per_side = (_padded_width(work) - share * max(work.shape)) / (1.0 - share) / 2.0
        work = change_stroke(np.pad(work, int(np.ceil(max(-per_side, 0.0))) + 1), -per_side)
        box = ink_bounding_box(work, INK_THRESHOLD * work.max())
        if box is None:  # thinned away: a dot or a speck, nothing to normalise
            break
        r0, r1, c0, c1 = box
        work = work[r0:r1, c0:c1]
        boxed = _boxed(work)
    return boxed


def _padded_width(image: np.ndarray) -> float:
    # Two pixels of background: stroke_width's one-sided differences at the border of its
    # own one-pixel pad would count ink touching the box's edge as extra outline.
    return stroke_width(np.pad(image, 2))


def change_stroke(image: np.ndarray, amount: float) -> np.ndarray:
    """Grow (``amount`` > 0) or thin (< 0) the strokes of ``image`` (H, W) by ``|amount|`` px
    on each side: whole passes of grey dilation or erosion over the 3×3 neighbourhood and
    the 4 nearest alternately (a round-ish pen: octagons, not squares), then a blend towards
    one more pass for the fraction. Values stay within the image's own range (a pass only
    picks existing values), so grey levels are kept. Outside the image counts as 0."""
    out = np.array(image, dtype=np.float64)
    pick = np.maximum if amount > 0 else np.minimum
    whole, frac = divmod(abs(float(amount)), 1.0)
    for n in range(int(whole) + (frac > 0)):
        moved = _pass(out, pick, diagonal=n % 2 == 1)
        weight = 1.0 if n < whole else frac
        out += weight * (moved - out)
    return out


def _pass(image: np.ndarray, pick, diagonal: bool) -> np.ndarray:
    padded = np.pad(image, 1)
    result = pick(image, padded[:-2, 1:-1])
    offsets = [(2, 1), (1, 0), (1, 2)]
    if diagonal:
        offsets += [(0, 0), (0, 2), (2, 0), (2, 2)]
    h, w = image.shape
    for dr, dc in offsets:
        pick(result, padded[dr : dr + h, dc : dc + w], out=result)
    return result


def _boxed(crop: np.ndarray) -> np.ndarray:
    """``crop`` scaled so its longer side is ``BOX_SIZE`` (area averaging), brightest pixel 1."""
    boxed = area_resample(crop, BOX_SIZE / max(crop.shape))
    return boxed / boxed.max()


def ink_image(image: np.ndarray) -> np.ndarray:
    """How much ink each pixel holds: float64 (H, W), 0 on the background, same shape.

    The border decides polarity: if the median of the outermost pixels is light (> 0.5), the
    ink is dark on light paper and the image is inverted. That median is then taken as the
    background level and subtracted (negatives clipped to 0), so grey paper or a grey canvas
    reads as no ink. The median, not the mean, so that strokes touching the edge do not
    sway it.
    """
    values = _as_unit_float(image)
    if values.size == 0:
        return values
    border = np.concatenate([values[0], values[-1], values[1:-1, 0], values[1:-1, -1]])
    background = float(np.median(border))
    if background > 0.5:
        values = 1.0 - values
        background = 1.0 - background
    return np.maximum(values - background, 0.0)


def area_resample(image: np.ndarray, scale: float) -> np.ndarray:
    """``image`` (H, W) scaled by ``scale`` with area averaging (a box filter): float64
    (ceil(H·scale), ceil(W·scale)).

    Each source pixel is a little square of constant value; each output pixel is the average
    of what its square covers, so shrinking anti-aliases without dropping thin strokes, grey
    levels are kept, and total ink scales by ``scale``². Enlarging works the same way (output
    pixels inside one source pixel copy it; those on a boundary mix). The scale is exact on
    both axes, so the aspect ratio is kept: a side that ends inside an output pixel leaves it
    partly covered, hence grey. Separable, so two small matrix products do all the work.
    """
    rows = _area_weights(image.shape[0], scale)
    cols = _area_weights(image.shape[1], scale)
    return rows @ image @ cols.T


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Intensity-weighted centre (row, col) of a 2-D image, in 0-based pixel-centre
    coordinates: a single lit pixel at [r, c] gives (r, c); the middle of a 28×28 field is
    (13.5, 13.5). Raises ValueError for an image without ink (its centre is undefined)."""
    image = np.asarray(image, dtype=np.float64)
    total = image.sum()
    if not total > 0:
        raise ValueError("an image without ink has no centre of mass")
    row = float(image.sum(axis=1) @ np.arange(image.shape[0])) / total
    col = float(image.sum(axis=0) @ np.arange(image.shape[1])) / total
    return row, col


def ink_bounding_box(image: np.ndarray, threshold: float) -> tuple[int, int, int, int] | None:
    """The smallest box holding every pixel above ``threshold``: (r0, r1, c0, c1), with r1 and
    c1 one past the end, so ``image[r0:r1, c0:c1]`` is the box. None if no pixel is above."""
    ink = np.asarray(image) > threshold
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def stroke_width(image: np.ndarray) -> float:
    """Estimated stroke width in pixels of the ink in a 2-D image (ink high, background 0).

    ``2 · (total ink) / (total gradient magnitude)``. For a stroke of width w and length L the
    ink is about w·L and its outline about 2·L, so this is w. For grey images it is the same
    ratio taken over all grey levels at once (by the coarea formula the summed gradient
    magnitude is the outline length of every level set, integrated over the levels), so no
    threshold or skeleton is needed. Gradients are central differences on the zero-padded
    image, which measure outlines in every direction alike (a disc of radius 8 gives 7.9;
    forward differences would undercount diagonal strokes' width by up to a quarter). Biases,
    the same on every image at a given scale: stroke ends and junctions add outline (a 200 px
    bar 5 px wide reads 4.9), and a stroke under about 2 px reads too wide (a 1 px line as 2),
    since central differences span two pixels. A statistic for comparing images at the same
    scale, not a measurement. 0.0 for no ink.
    """
    padded = np.pad(np.asarray(image, dtype=np.float64), 1)
    grad_rows, grad_cols = np.gradient(padded)
    outline = float(np.hypot(grad_rows, grad_cols).sum())
    if not outline > 0:
        return 0.0
    return 2.0 * float(padded.sum()) / outline


def _as_unit_float(image: np.ndarray) -> np.ndarray:
    array = np.asarray(image)
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale image, got shape {array.shape}")
    if array.dtype == np.bool_:
        return array.astype(np.float64)
    if np.issubdtype(array.dtype, np.integer):
        top = np.iinfo(array.dtype).max
        return np.clip(array.astype(np.float64) / top, 0.0, 1.0)
    values = array.astype(np.float64)
    # Clipping first would keep NaN; nan_to_num maps it (and -inf) to background, +inf to ink.
    return np.clip(np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0)


def _area_weights(n_source: int, scale: float) -> np.ndarray:
    """(n_out, n_source) matrix: how much of output pixel i's unit square source pixel j covers.

    Source pixel j spans [j·scale, (j+1)·scale) in output units, output pixel i spans [i, i+1).
    """
    # A hair of slack, so that 20.000000000000004 does not make a 21st, all but empty row.
    n_out = max(1, int(np.ceil(n_source * scale - 1e-9)))
    source_edges = np.arange(n_source + 1) * scale
    output_edges = np.arange(n_out + 1, dtype=np.float64)
    lo = np.maximum(output_edges[:-1, None], source_edges[None, :-1])
    hi = np.minimum(output_edges[1:, None], source_edges[None, 1:])
    return np.maximum(hi - lo, 0.0)


def _whole_pixel_shift(ideal: float, largest: int) -> int:
    # Rounds half up (np.round would round half to even), then keeps the box inside the field.
    return min(max(int(np.floor(ideal + 0.5)), 0), largest)
