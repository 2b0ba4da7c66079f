"""What a teacher may change between steps without resetting the weights: ``Hyperparameters``.

The learning rate η, the batch size, the optimizer, the seed, L2 weight decay λ, a learning-rate
schedule and data augmentation; each checked when made (``ConfigError`` names what is wrong).
``app.core.training`` explains what the trainer does with them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from app.core.augment import AUGMENT_RANGES, Augmentation
from app.core.optimizers import OPTIMIZER_NAMES
from app.errors import ConfigError

MIN_LEARNING_RATE = 1e-6
MAX_LEARNING_RATE = 100.0
MAX_BATCH_SIZE = 60_000
# Useful values are 1e-5 to 1e-2; 1 is far past that. A λ too large for the rate (λ·η > 2)
# makes decay alone overshoot zero and grow, which ends as a DivergenceError like any too
# large step: a lesson, not a crash, so it is not forbidden here.
MAX_WEIGHT_DECAY = 1.0
LR_SCHEDULES = ("constant", "step", "cosine")
MAX_SCHEDULE_EPOCHS = 100_000


@dataclass(frozen=True)
class Hyperparameters:
    """What a teacher may change between steps without resetting the weights.

    ``weight_decay``      λ ≥ 0 of L2 weight decay (0 = off); see the module docstring.
    ``lr_schedule``       "constant", "step" or "cosine"; see ``learning_rate_at``.
    ``lr_step_epochs``    step: multiply the rate by ``lr_step_factor`` every this many epochs.
    ``lr_step_factor``    step: the factor, in (0, 1] (0.5 halves it).
    ``lr_cosine_epochs``  cosine: the number of epochs T to go from η down to the floor.
    ``lr_cosine_floor``   cosine: the floor as a share of η, in [0, 1] (0.01 ends at η/100).
    ``augment_shift``     augmentation: move each image up to ± this many pixels along each
                          axis, 0 to 8 (0 = off).
    ``augment_rotation``  augmentation: turn it up to ± this many degrees, 0 to 45.
    ``augment_scale``     augmentation: resize it up to ± this share, 0 to 0.5 (0.1 = ±10 %).
    ``augment_thickness`` augmentation: grow or thin its strokes up to ± this many pixels,
                          0 to 2.
    ``augment_noise``     augmentation: the standard deviation of random pixel noise, 0 to 0.5.
    ``augment_shear``     augmentation: slant it by a shear up to ± this, 0 to 1.
    ``augment_elastic``   augmentation: bend it elastically by up to this many pixels, 0 to 4.

    With every ``augment_*`` at 0 (the default) the images are used exactly as they are.

    The schedule's parameters are checked even while another schedule is chosen, so a model
    file never holds a value that would fail once the teacher switches to it.
    """

    learning_rate: float = 3.0
    batch_size: int = 10
    optimizer: str = "gd"
    seed: int = 0
    weight_decay: float = 0.0
    lr_schedule: str = "constant"
    lr_step_epochs: int = 10
    lr_step_factor: float = 0.5
    lr_cosine_epochs: int = 30
    lr_cosine_floor: float = 0.01
    augment_shift: float = 0.0
    augment_rotation: float = 0.0
    augment_scale: float = 0.0
    augment_thickness: float = 0.0
    augment_noise: float = 0.0
    augment_shear: float = 0.0
    augment_elastic: float = 0.0

    def __post_init__(self) -> None:
        lr = self.learning_rate
        if not (isinstance(lr, int | float) and math.isfinite(lr)):
            raise ConfigError(f"the learning rate must be a number, got {lr!r}")
        if not MIN_LEARNING_RATE <= lr <= MAX_LEARNING_RATE:
            raise ConfigError(
                f"the learning rate must be between {MIN_LEARNING_RATE:g} and "
                f"{MAX_LEARNING_RATE:g}, got {lr:g}"
            )
        bs = self.batch_size
        if isinstance(bs, bool) or not isinstance(bs, int) or not 1 <= bs <= MAX_BATCH_SIZE:
            raise ConfigError(f"the batch size must be 1 to {MAX_BATCH_SIZE:,}, got {bs!r}")
        if self.optimizer not in OPTIMIZER_NAMES:
            raise ConfigError(
                f"unknown optimizer {self.optimizer!r}; choose one of {', '.join(OPTIMIZER_NAMES)}"
            )
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ConfigError(f"the seed must be a whole number ≥ 0, got {self.seed!r}")
        _check_number("the weight decay", self.weight_decay, 0.0, MAX_WEIGHT_DECAY)
        if self.lr_schedule not in LR_SCHEDULES:
            raise ConfigError(
                f"unknown learning-rate schedule {self.lr_schedule!r}; "
                f"choose one of {', '.join(LR_SCHEDULES)}"
            )
        _check_whole("the step schedule's epochs", self.lr_step_epochs, 1, MAX_SCHEDULE_EPOCHS)
        _check_number("the step schedule's factor", self.lr_step_factor, 0.0, 1.0)
        if self.lr_step_factor == 0.0:
            raise ConfigError("the step schedule's factor must be more than 0, got 0")
        _check_whole("the cosine schedule's epochs", self.lr_cosine_epochs, 1, MAX_SCHEDULE_EPOCHS)
        _check_number("the cosine schedule's floor", self.lr_cosine_floor, 0.0, 1.0)
        for augment_range in AUGMENT_RANGES:
            value = getattr(self, augment_range.hyperparameter)
            _check_number(augment_range.description, value, 0.0, augment_range.largest)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def augmenting(self) -> bool:
        """Whether any augmentation range is above 0."""
        return any(getattr(self, name) > 0 for name in AUGMENT_FIELDS)

    def augmentation(self) -> Augmentation | None:
        """The ``Augmentation`` these ranges describe, or None when every range is 0."""
        if not self.augmenting:
            return None
        return Augmentation(**{r.field: getattr(self, r.hyperparameter) for r in AUGMENT_RANGES})

    def learning_rate_at(self, epoch_progress: float) -> float:
        """The learning rate after ``epoch_progress`` epochs of training (a real number ≥ 0).

        constant:  η
        step:      η · factor^⌊e / N⌋            counted in whole epochs e = ⌊epoch_progress⌋
        cosine:    η · (f + (1 − f) · ½(1 + cos(π · min(p, T) / T)))    p = epoch_progress

        The cosine follows the position inside an epoch too, so it falls smoothly step by step
        and stays at the floor f·η after T epochs. "constant" returns ``learning_rate`` itself,
        not a computed copy: the default trains bit for bit as before schedules existed.
        """
        if self.lr_schedule == "step":
            drops = int(max(epoch_progress, 0.0)) // self.lr_step_epochs
            return self.learning_rate * self.lr_step_factor**drops
        if self.lr_schedule == "cosine":
            done = min(max(epoch_progress, 0.0), self.lr_cosine_epochs) / self.lr_cosine_epochs
            floor = self.lr_cosine_floor
            return self.learning_rate * (
                floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * done))
            )
        return self.learning_rate


#: The hyperparameters that describe data augmentation (all 0 = off).
AUGMENT_FIELDS = tuple(r.hyperparameter for r in AUGMENT_RANGES)
#: The augmentation ``--augment`` and the "augment" hint switch on: the moves the pretrained
#: model was trained with (± 2 px, ± 10°, ± 10 % size), as ``Augmentation()``'s defaults.
DEFAULT_AUGMENTATION = {
    "augment_shift": Augmentation().max_shift,
    "augment_rotation": Augmentation().max_rotation,
    "augment_scale": Augmentation().max_scale,
}


def _check_number(what: str, value: object, low: float, high: float) -> None:
    if isinstance(value, bool) or not (isinstance(value, int | float) and math.isfinite(value)):
        raise ConfigError(f"{what} must be a number, got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{what} must be between {low:g} and {high:g}, got {value:g}")


def _check_whole(what: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{what} must be a whole number from {low} to {high:,}, got {value!r}")
