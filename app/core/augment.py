"""Data augmentation: small random changes of each training image, labels untouched.

With 4,500 bundled images a network memorises pixels; shifting, rotating and rescaling each
example a little every time it is seen teaches it the *shape* of a digit instead, which is
also what makes it read a classroom's handwriting. Two more changes are off by default:
thicker or thinner strokes (a felt pen or a pencil) and random pixel noise (a grainy camera).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.errors import ConfigError

SIDE = 28


@dataclass(frozen=True)
class Augmentation:
    """Ranges of the random changes, each drawn independently per image.

    ``max_shift``      pixels, up to ± this along each axis.
    ``max_rotation``   degrees, up to ± this.
    ``max_scale``      relative size change, up to ± this (0.1 = ±10 %).
    ``max_thickness``  pixels a stroke may grow or shrink by at its edges, up to ± this (0 =
                       off); see ``change_thickness``.
    ``noise_std``      standard deviation of Gaussian noise added to every pixel, which is then
                       clipped back into [0, 1] (0 = off).
    ``max_shear``      horizontal shear (a slant), up to ± this (0.3 = the top moves 0.3 px
                       right per px up, about 17°); 0 = off.
    ``max_elastic``    elastic distortion (Simard et al., 2003): each pixel moves along a
                       random displacement field smoothed over ``ELASTIC_SIGMA`` px, whose
                       root-mean-square length is up to this many pixels; 0 = off. See
                       ``elastic_fields``.
    """

    max_shift: float = 2.0
    max_rotation: float = 10.0
    max_scale: float = 0.1
    max_thickness: float = 0.0
    noise_std: float = 0.0
    max_shear: float = 0.0
    max_elastic: float = 0.0

    def __post_init__(self) -> None:
        for augment_range in AUGMENT_RANGES:  # the ranges' one definition, below
            value = getattr(self, augment_range.field)
            if not 0 <= value <= augment_range.largest:
                raise ConfigError(
                    f"{augment_range.description} must be 0 to {augment_range.largest:g}, "
                    f"got {value}"
                )

    def __call__(self, x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Augment a batch ``x`` of flattened images (B, 784) in [0, 1]; returns a new array.

        The shift, rotation and scale are drawn first and exactly as before the optional
        changes existed, and each optional change draws only when it is on, so a seed gives
        the same moves whether or not the others are on.
        """
        b = x.shape[0]
        angle = np.deg2rad(rng.uniform(-self.max_rotation, self.max_rotation, b))
        scale = 1.0 + rng.uniform(-self.max_scale, self.max_scale, b)
        shift = rng.uniform(-self.max_shift, self.max_shift, (b, 2))
        images = x.reshape(b, SIDE, SIDE)
        if self.max_thickness > 0:
            amount = rng.uniform(-self.max_thickness, self.max_thickness, b)
            images = change_thickness(images, amount)
        shear = None
        if self.max_shear > 0:
            shear = rng.uniform(-self.max_shear, self.max_shear, b)
        displacement = None
        if self.max_elastic > 0:
            strength = rng.uniform(0.0, self.max_elastic, b)
            displacement = elastic_fields(rng, b) * strength[:, None, None, None]
        out = affine_batch(images, angle, scale, shift, shear, displacement).reshape(b, -1)
        if self.noise_std > 0:
            out += rng.normal(0.0, self.noise_std, out.shape)
            np.clip(out, 0.0, 1.0, out=out)
        return out


# A shift past 8 px pushes a 20-px digit off the 28-px image; past 45° a 6 looks like a 9;
# past ±50 % a digit no longer fits or becomes a dot.
MAX_SHIFT = 8.0
MAX_ROTATION = 45.0
MAX_SCALE = 0.5
# Two passes already turn a thin "1" into a bar; more would erase or fill most digits.
MAX_THICKNESS = 2.0
# Beyond this the noise hides the digit from a human too.
MAX_NOISE_STD = 0.5
# A shear of 1 slants a digit by 45°: past it a 1 lies on its side.
MAX_SHEAR = 1.0
# Displacements of 4 px (root mean square) on a 20 px digit tear its strokes apart.
MAX_ELASTIC = 4.0
#: The elastic field's smoothing (Gaussian σ, pixels): Simard et al.'s 4 for MNIST: smaller
#: makes the strokes jitter like noise, larger only moves the whole digit.
ELASTIC_SIGMA = 4.0


@dataclass(frozen=True)
class AugmentRange:
    """One augmentation range, defined once for every place that names it: the training
    hyperparameter ``augment_<name>``, the ``Augmentation`` field ``field``, the command
    line's ``--augment-<name>`` (``unit`` its metavar, ``does`` its help) and the checks
    (0 to ``largest``; ``description`` names it in a message)."""

    name: str
    field: str
    largest: float
    unit: str
    does: str
    description: str

    @property
    def hyperparameter(self) -> str:
        return f"augment_{self.name}"


AUGMENT_RANGES: tuple[AugmentRange, ...] = (
    AugmentRange(
        "shift", "max_shift", MAX_SHIFT, "PX", "move images up to ± this many pixels",
        "the augmentation's shift (pixels)",
    ),
    AugmentRange(
        "rotation", "max_rotation", MAX_ROTATION, "DEG", "turn images up to ± this many degrees",
        "the augmentation's rotation (degrees)",
    ),
    AugmentRange(
        "scale", "max_scale", MAX_SCALE, "SHARE", "resize images up to ± this share",
        "the augmentation's size change",
    ),
    AugmentRange(
        "thickness", "max_thickness", MAX_THICKNESS, "PX",
        "grow or thin strokes up to ± this many pixels",
        "the augmentation's stroke thickness (pixels)",
    ),
    AugmentRange(
        "noise", "noise_std", MAX_NOISE_STD, "STD",
        "add pixel noise of this standard deviation", "the augmentation's noise",
    ),
    AugmentRange(
        "shear", "max_shear", MAX_SHEAR, "SHARE", "slant images up to ± this shear",
        "the augmentation's shear",
    ),
    AugmentRange(
        "elastic", "max_elastic", MAX_ELASTIC, "PX",
        "bend strokes by an elastic distortion of up to this many pixels",
        "the augmentation's elastic distortion (pixels)",
    ),
)  # fmt: skip


def change_thickness(images: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """Grow (``amount`` > 0) or thin (< 0) each image's strokes by ``|amount|`` pixels.

    ``images`` (B, H, W); ``amount`` (B,), any real number. One whole pixel is one pass of
    greyscale dilation (each pixel becomes the brightest of itself and its four neighbours)
    or erosion (the darkest); a fraction is a blend towards the next pass:
    ``out = prev + frac · (pass(prev) − prev)``. Every value stays within the input's range,
    since a pass only picks existing values and a blend lies between two of them. Outside the
    image counts as background (0). Returns a new array.
    """
    out = np.array(images, dtype=np.float64)
    magnitude = np.abs(np.asarray(amount, dtype=np.float64))
    grow = (np.asarray(amount) > 0)[:, None, None]
    for done in range(math.ceil(float(magnitude.max(initial=0.0)))):
        weight = np.clip(magnitude - done, 0.0, 1.0)[:, None, None]
        moved = np.where(grow, _neighbourhood(out, np.maximum), _neighbourhood(out, np.minimum))
        out += weight * (moved - out)
    return out


def _neighbourhood(images: np.ndarray, pick) -> np.ndarray:
    """``pick`` (np.maximum or np.minimum) of each pixel and its 4 neighbours; 0 outside."""
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    result = pick(images, padded[:, :-2, 1:-1])
    pick(result, padded[:, 2:, 1:-1], out=result)
    pick(result, padded[:, 1:-1, :-2], out=result)
    pick(result, padded[:, 1:-1, 2:], out=result)
    return result


def elastic_fields(rng: np.random.Generator, b: int) -> np.ndarray:
    """``b`` random displacement fields (B, 2, SIDE, SIDE): white noise uniform in [−1, 1]
    on each axis, smoothed by a Gaussian of σ = ``ELASTIC_SIGMA`` px, then scaled so each
    field's root-mean-square displacement length is 1 px (a caller multiplies by strength)."""
    noise = rng.uniform(-1.0, 1.0, (b, 2, SIDE, SIDE))
    smooth = _gaussian_matrix(SIDE, ELASTIC_SIGMA)
    fields = smooth @ noise @ smooth.T
    rms = np.sqrt((fields**2).sum(axis=1).mean(axis=(1, 2)))
    return fields / np.maximum(rms, 1e-12)[:, None, None, None]


def _gaussian_matrix(n: int, sigma: float) -> np.ndarray:
    """(n, n) matrix that blurs a vector by a Gaussian of ``sigma`` (zero outside)."""
    offsets = np.arange(n)[:, None] - np.arange(n)[None, :]
    return np.exp(-0.5 * (offsets / sigma) ** 2)


def affine_batch(
    images: np.ndarray,
    angle: np.ndarray,
    scale: np.ndarray,
    shift: np.ndarray,
    shear: np.ndarray | None = None,
    displacement: np.ndarray | None = None,
) -> np.ndarray:
    """Rotate by ``angle`` (radians), scale and shift (rows, cols) each image about its centre.

    ``images`` (B, H, W); ``angle``, ``scale`` (B,); ``shift`` (B, 2). Bilinear sampling,
    zero (background) outside; values stay within the input's range. For each output pixel
    p the source is ``c + R(−angle)(p − c − shift) / scale``. Optional: ``shear`` (B,)
    slants it (the source column moves by ``shear`` × the row's height above the centre),
    and ``displacement`` (B, 2, H, W) moves each output pixel's source by its own (rows,
    cols) amount (an elastic distortion).
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
    if shear is not None:
        src_c = src_c + shear[:, None, None] * (src_r - centre[0])
    if displacement is not None:
        src_r = src_r + displacement[:, 0]
        src_c = src_c + displacement[:, 1]
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
