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

and an explosion when PERSIST looks in a row find it too high, spanning at least MIN_SPAN
steps (or at once when L is NaN or infinite). A healthy run at η = 3 from the pretrained weights
wobbles between 0.10 and 0.26 with spikes to 0.4–0.7 after a best of 0.07; a real explosion
jumps ×5–×10 and stays there. The spikes are why one look is not enough, and why three looks
are not either when every step is looked at (stepping by hand): there, float32 and float64 runs
alike stayed above the line for up to 7 steps in a row before falling back.

The loss is not enough on its own either: a deep ReLU network at η = 3 can throw its weights to
10^45 while every number stays finite and its neurons die, so that the loss settles back near
the level of guessing. So the watch also looks at the size of the weights, the largest
|θ_i|, and calls an explosion at once when it passes ``WEIGHT_LIMIT``.

``learning_rate_trial`` runs the same watch over a few steps of a copy of a network: whether a
learning rate really makes *this* network explode (the guided tour checks its suggestion so).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from app.core.network import Network
from app.core.training import DivergenceError, Hyperparameters, Trainer

FACTOR = 2.0
MARGIN = 0.25
PERSIST = 3
#: Steps from the first look that found the loss too high to the look that confirms it. From
#: the pretrained weights at η = 3, batch 10, looking after every step (float32, seeds 0–8,
#: 1,350–2,700 steps each; float64 alike on seeds 0–2): spikes stayed too high for 1 to 7 steps
#: in a row (6 steps from first to last) and fell back; exploded runs (η = 10, or single
#: examples at η = 1) stayed too high for hundreds of steps. 12 is twice the widest spike; the
#: worker, running, looks every 100 ms, far more than 12 steps apart.
MIN_SPAN = 12
#: The largest |weight| or |bias| a network may reach before the watch calls it exploded.
#: Measured over 30 epochs on the bundled digits: healthy runs (sigmoid, ReLU and tanh, squared
#: error and cross-entropy, gradient descent, momentum and Adam, η from 0.01 to 10) stayed
#: below 20; networks whose ReLUs died at too large a rate sat at 170 to 1,400; blown-up deep
#: ReLU networks went on to 10^5 … 10^82. 10^4 is 500 times the largest healthy value.
WEIGHT_LIMIT = 1e4
#: What an explosion was: the sample loss jumped, the numbers overflowed (NaN or infinite), or
#: the weights grew past ``WEIGHT_LIMIT``.
CAUSES = ("loss", "overflow", "weights")
#: ``learning_rate_trial``: steps it takes at most, and how often it looks (in steps). From the
#: pretrained weights at η = 10 the watch, looking every 5 steps, finds the loss too high from
#: step 5 on and fires after step 20 (``MIN_SPAN``); 100 steps and 20 looks of the 500-example
#: loss take about 50 ms.
TRIAL_STEPS = 100
TRIAL_LOOK_EVERY = 5
#: The watch's fixed sample, in examples (the worker watches the same number).
WATCH_SAMPLE = 500


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
    #: One of ``CAUSES``: "loss" (a lasting jump), "overflow" (as ``overflow``) or "weights".
    cause: str = "loss"
    #: The largest |θ_i| at the look that found it (NaN if not measured).
    weight_size: float = math.nan

    def __post_init__(self) -> None:
        if self.overflow and self.cause == "loss":
            object.__setattr__(self, "cause", "overflow")
        if self.cause not in CAUSES:
            raise ValueError(f"unknown cause {self.cause!r}; one of {', '.join(CAUSES)}")

    def message(self) -> str:
        """The plain-words English sentence (the window words it in the user's language)."""
        if self.overflow:
            what = f"the loss exploded at step {self.step:,} (the numbers overflowed)"
        elif self.cause == "weights":
            what = (
                f"the weights exploded at step {self.step:,} (the largest reached "
                f"{self.weight_size:.3g}; a healthy network keeps them below {WEIGHT_LIMIT:g})"
            )
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

    Keeps a read-only copy of the best weights seen (shape (P,), the flat parameters): the
    lowest loss among the weights within ``weight_limit``.
    """

    def __init__(
        self,
        factor: float = FACTOR,
        margin: float = MARGIN,
        persist: int = PERSIST,
        weight_limit: float = WEIGHT_LIMIT,
        min_span: int = MIN_SPAN,
    ) -> None:
        if factor <= 1.0 or margin < 0.0 or persist < 1 or not weight_limit > 0.0 or min_span < 0:
            raise ValueError(
                "factor must exceed 1, margin must not be negative, persist must be 1 or more, "
                "the weight limit must be above 0 and the span must not be negative"
            )
        self.factor, self.margin, self.persist = factor, margin, persist
        self.min_span = min_span
        self.weight_limit = weight_limit
        # Weights past the limit are reported once; then only the loss is watched, until reset.
        self._weights_reported = False
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
        self._weights_reported = False
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
        Weights past ``weight_limit`` are reported at once (they do not come back by
        themselves), and once until ``reset``.
        """
        if not math.isfinite(loss):
            return self.overflowed(step, loss)
        with np.errstate(invalid="ignore"):
            size = float(np.max(np.abs(params))) if np.size(params) else 0.0
        if not math.isfinite(size):
            return self.overflowed(step, loss)
        within = size <= self.weight_limit
        if loss < self._kept_loss and within:
            self._kept_loss = loss
            self._kept = (step, _frozen_copy(params))
        if loss < self._baseline:
            self._baseline = loss
        if not within and not self._weights_reported:
            self._weights_reported = True
            self._high = []
            kept_step = self._kept[0] if self._kept is not None else step - 1
            best = self._kept_loss if math.isfinite(self._kept_loss) else math.nan
            self.explosion = Explosion(
                step, loss, best, kept_step, cause="weights", weight_size=size
            )
            return self.explosion
        if self._kept is None or loss <= self.threshold:
            self._high = []
            return None
        self._high.append(step)
        if len(self._high) < self.persist or step - self._high[0] < self.min_span:
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


def learning_rate_trial(
    network: Network,
    x: np.ndarray,
    labels: np.ndarray,
    hyper: Hyperparameters,
    learning_rate: float,
    *,
    steps: int = TRIAL_STEPS,
    look_every: int = TRIAL_LOOK_EVERY,
    sample: int = WATCH_SAMPLE,
) -> Explosion | None:
    """Would ``learning_rate`` make ``network`` explode? Try it on a copy and watch.

    Trains a copy of ``network`` on ``x`` (N, n_0), ``labels`` (N,) with ``hyper`` at
    ``learning_rate`` (its optimizer, batch size and seed), for at most ``steps`` mini-batches,
    and every ``look_every`` steps shows a ``DivergenceWatch`` the mean loss on the first
    ``sample`` examples, as the training worker does. Returns the explosion it reports (an
    overflow counts), or None if there was none. ``network`` itself is left alone.
    """
    trial = network.copy()
    trainer = Trainer(trial, x, labels, replace(hyper, learning_rate=learning_rate))
    watch_x, watch_y = trainer.train_x[:sample], trainer.train_y[:sample]

    def sample_loss() -> float:
        with np.errstate(all="ignore"):  # a blown-up network is what the watch looks for
            return trial.evaluate(watch_x, watch_y)[0]

    watch = DivergenceWatch()
    watch.reset(0, sample_loss(), trial.params)
    for step in range(1, steps + 1):
        try:
            trainer.step_batch()
        except DivergenceError as exc:
            return watch.overflowed(exc.step, exc.loss)
        if step % look_every == 0:
            found = watch.observe(step, sample_loss(), trial.params)
            if found is not None:
                return found
    return None
