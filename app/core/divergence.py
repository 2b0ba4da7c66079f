"""Noticing that training has blown up, and keeping the weights to go back to.

A learning rate that is too large does not always overflow. With sigmoid neurons it more often
throws the weights into saturation: every output pinned near 0 or 1, the loss jumping from
about 0.1 to about 1 within a few dozen steps and staying there. (Measured on the pretrained
network: 40 single-example steps at η = 3 took validation accuracy from 92 % to 21 %.)

The per-step loss is too noisy to judge that (one example's loss ranges from 0 to 3 on a good
network), so the watch follows the loss on a fixed sample instead — the same examples every
time, so it only moves when the weights do. It remembers the lowest sample loss and the weights
that had it, and calls an explosion when the sample loss rises well above that:

    too high  ⇔  L > max(FACTOR · L_best, L_best + MARGIN)

and an explosion when PERSIST looks in a row find it too high (or at once when L is NaN or
infinite). A healthy run at the lesson's η = 3 from the pretrained weights wobbles between
0.10 and 0.26 with a lone spike to 0.39 after a best of 0.08; a real explosion jumps ×5–×10 and
stays there. The spike is why one look is not enough.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

FACTOR = 2.0
MARGIN = 0.25
PERSIST = 3


@dataclass(frozen=True)
class Explosion:
    """What the watch saw. ``step`` is the first step after which the loss was too high.

    ``loss`` is the sample loss at the look that confirmed it (NaN or infinite when the
    numbers overflowed), ``best_loss`` the lowest sample loss before it, and ``kept_step`` the
    step after which the weights that can be restored were taken (0: the weights training
    started from).
    """

    step: int
    loss: float
    best_loss: float
    kept_step: int
    overflow: bool = False

    def message(self) -> str:
        """The plain-words English sentence (the window words it in the user's language)."""
        if self.overflow:
            what = f"the loss exploded at step {self.step:,} (the numbers overflowed)"
        else:
            what = (
                f"the loss exploded at step {self.step:,} "
                f"(from {self.best_loss:.3g} to {self.loss:.3g} on a fixed sample)"
            )
        return (
            f"The learning rate is too large: {what}. Training paused; the weights from after "
            f"step {self.kept_step:,} can be restored."
        )


class DivergenceWatch:
    """Feed it the sample loss after steps; it says when training exploded.

    Keeps a read-only copy of the best weights seen (shape (P,), the flat parameters).
    """

    def __init__(
        self, factor: float = FACTOR, margin: float = MARGIN, persist: int = PERSIST
    ) -> None:
        if factor <= 1.0 or margin < 0.0 or persist < 1:
            raise ValueError(
                "factor must exceed 1, margin must not be negative and persist must be 1 or more"
            )
        self.factor, self.margin, self.persist = factor, margin, persist
        # Steps of the looks in a row that found the loss too high (the first is the culprit).
        self._high: list[int] = []
        # What a rise is measured from: the lowest loss since the start or the last explosion.
        self._baseline = math.inf
        # The weights to go back to: the lowest loss of all, and its step and parameters.
        self._kept_loss = math.inf
        self._kept: tuple[int, np.ndarray] | None = None
        self.explosion: Explosion | None = None

    def reset(self, step: int, loss: float, params: np.ndarray) -> None:
        """Start watching from these weights: new weights, new data, or weights restored."""
        finite = math.isfinite(loss)
        self._baseline = self._kept_loss = loss if finite else math.inf
        self._kept = (step, _frozen_copy(params)) if finite else None
        self._high = []
        self.explosion = None

    @property
    def kept(self) -> tuple[int, np.ndarray] | None:
        """(step, weights) to restore, or None before the first finite loss."""
        return self._kept

    @property
    def threshold(self) -> float:
        """The sample loss above which the watch calls an explosion."""
        return max(self.factor * self._baseline, self._baseline + self.margin)

    def observe(self, step: int, loss: float, params: np.ndarray) -> Explosion | None:
        """The sample loss after ``step`` with weights ``params``; an Explosion once it blows up.

        An explosion is reported once: watching goes on from the exploded level, so pressing
        Play again without restoring does not stop at once, but the weights kept for
        restoring stay those from before the explosion until training beats their loss.
        """
        if not math.isfinite(loss):
            return self.overflowed(step, loss)
        if loss < self._kept_loss:
            self._kept_loss = loss
            self._kept = (step, _frozen_copy(params))
        if loss < self._baseline:
            self._baseline = loss
        if self._kept is None or loss <= self.threshold:
            self._high = []
            return None
        self._high.append(step)
        if len(self._high) < self.persist:
            return None
        found = Explosion(self._high[0], loss, self._baseline, self._kept[0])
        self.explosion = found
        # Watch on from here: a second report needs a second jump of the same size.
        self._baseline = loss
        self._high = []
        return found

    def overflowed(self, step: int, loss: float) -> Explosion:
        """The numbers overflowed at ``step`` (that step was not applied)."""
        kept_step = self._kept[0] if self._kept is not None else step - 1
        best = self._kept_loss if math.isfinite(self._kept_loss) else math.nan
        self.explosion = Explosion(step, loss, best, kept_step, overflow=True)
        return self.explosion


def _frozen_copy(params: np.ndarray) -> np.ndarray:
    kept = np.array(params, dtype=np.float64, copy=True)
    kept.flags.writeable = False
    return kept
