"""Hints: what the state of training suggests, as data for the window to put into words.

Each rule reads the real numbers (the loss history, the validation figures at the end of
each epoch, the hyperparameters, the health of the hidden layers) and, when they show a
known problem, returns a ``Hint``: a stable ``kind`` id, the numbers that triggered it, and
what one might change. No sentences here: the window words (and translates) them.

Rules, in the order hints are returned (most urgent first):

``loss_exploding``     the last step diverged (NaN or overflow), or the recent loss is far
                       above the lowest it has been: the learning rate is too large.
                       Suggests η / 10.
``neurons_stuck``      in some hidden layer, most neurons are saturated or dead (see
                       ``app.core.layer_health``). Suggests a reset; alternatives: another
                       activation, η / 10.
``learning_too_slow``  over the last ``PLATEAU_STEPS`` steps the loss fell by less than
                       ``PLATEAU_RELATIVE_FALL`` while still near where it started: the
                       learning rate is too small. Suggests η × 10, at most 10. Not given
                       when a hint above already explains the stall.
``overfitting``        the validation loss rose for ``OVERFIT_EPOCHS`` epochs in a row while
                       the training loss fell. Suggests weight decay (or ×10 of it);
                       alternative: augmentation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.layer_health import HiddenLayerHealth
from app.core.training import (
    MAX_WEIGHT_DECAY,
    MIN_LEARNING_RATE,
    EpochRecord,
    Hyperparameters,
    Trainer,
)

LOSS_EXPLODING = "loss_exploding"
NEURONS_STUCK = "neurons_stuck"
LEARNING_TOO_SLOW = "learning_too_slow"
OVERFITTING = "overfitting"
HINT_KINDS = (LOSS_EXPLODING, NEURONS_STUCK, LEARNING_TOO_SLOW, OVERFITTING)

#: Losses are compared as means over this many history points: one mini-batch's loss is
#: noisy (one example's even more), a mean of 20 is not.
WINDOW = 20
#: Exploding: the newest window's mean is this many times the lowest window mean so far.
EXPLODING_RATIO = 3.0
#: Steps averaged by the exploding rule. Mini-batch losses are noisy: from the pretrained
#: model at the lesson's η = 3 (batch 10) the lowest of many 20-step means was a lucky 0.02
#: against a typical 0.12, and the hint fired 15 times in 6,000 healthy steps.
EXPLODING_WINDOW = 100
#: ... and has climbed back at least this share of the way from that lowest to the start.
EXPLODING_LOST_PROGRESS = 0.5
#: Too slow: judged over this many recent steps ...
PLATEAU_STEPS = 300
#: ... the loss fell by less than this share (the mean of their last third against the
#: mean of their first third) ...
PLATEAU_RELATIVE_FALL = 0.01
#: ... and is still above this share of the loss training started from. Without this, a
#: network that has finished learning (flat, but far below its start) would get the hint.
PLATEAU_NEAR_START = 0.8
#: The suggested learning rate never goes above this.
MAX_SUGGESTED_LEARNING_RATE = 10.0
#: Stuck: more than this share of one hidden layer's neurons saturated or dead ("most").
STUCK_SHARE = 0.5
#: Overfitting: the validation loss rose this many epochs in a row.
OVERFIT_EPOCHS = 3
#: Weight decay suggested when there is none yet.
FIRST_WEIGHT_DECAY = 1e-4
#: Another activation to suggest for each: ReLU does not saturate; tanh cannot die.
OTHER_ACTIVATION = {"sigmoid": "relu", "tanh": "relu", "relu": "tanh"}


@dataclass(frozen=True)
class Hint:
    """One hint, as data.

    ``kind``          one of ``HINT_KINDS``; stable, for the window to look its words up by.
    ``evidence``      the numbers that triggered it, by name (e.g. ``{"recent_loss": 2.3}``).
    ``suggestion``    changes to make, as ``Hyperparameters`` fields or actions, e.g.
                      ``{"learning_rate": 0.3}``, ``{"reset": True}``; None if nothing to
                      suggest.
    ``alternatives``  other changes that would also help, in order of preference.
    """

    kind: str
    evidence: dict[str, float | int | bool] = field(default_factory=dict)
    suggestion: dict[str, object] | None = None
    alternatives: tuple[dict[str, object], ...] = ()


def training_hints(
    loss_steps: np.ndarray,
    loss_values: np.ndarray,
    epochs: Sequence[EpochRecord],
    hyper: Hyperparameters,
    health: Sequence[HiddenLayerHealth] = (),
    *,
    diverged: bool = False,
    augmenting: bool = False,
) -> list[Hint]:
    """Every rule that fires, most urgent first (see the module docstring).

    ``loss_steps``, ``loss_values`` (K,): the training loss history (``LossHistory.steps``
    and ``.losses``, or a snapshot's copies). ``epochs``: the end-of-epoch validation
    records. ``health``: ``hidden_layer_health`` on a fixed sample, or () if not measured.
    ``diverged``: the last step attempted raised ``DivergenceError`` (such a step leaves no
    loss in the history). ``augmenting``: augmentation is on already.
    """
    steps = np.asarray(loss_steps, dtype=np.float64)
    losses = np.asarray(loss_values, dtype=np.float64)
    hints = [
        _loss_exploding(losses, hyper, diverged),
        _neurons_stuck(health, hyper),
    ]
    if not any(hints):
        hints.append(_learning_too_slow(steps, losses, hyper))
    hints.append(_overfitting(steps, losses, epochs, hyper, augmenting))
    return [h for h in hints if h is not None]


def trainer_hints(
    trainer: Trainer,
    health: Sequence[HiddenLayerHealth] = (),
    *,
    diverged: bool = False,
) -> list[Hint]:
    """``training_hints`` for a trainer's own history and settings."""
    history = trainer.history
    return training_hints(
        history.losses.steps,
        history.losses.losses,
        history.epochs,
        trainer.hyper,
        health,
        diverged=diverged,
        augmenting=trainer.augment is not None,
    )


def _loss_exploding(losses: np.ndarray, hyper: Hyperparameters, diverged: bool) -> Hint | None:
    lr = hyper.learning_rate
    suggestion = {"learning_rate": max(lr / 10.0, MIN_LEARNING_RATE)}
    if diverged or not np.all(np.isfinite(losses[-WINDOW:])):
        return Hint(LOSS_EXPLODING, {"diverged": True, "learning_rate": lr}, suggestion)
    if len(losses) < 2 * EXPLODING_WINDOW:
        return None
    means = _window_means(losses, EXPLODING_WINDOW)
    start, recent = float(means[0]), float(means[-1])
    lowest = float(means[:-EXPLODING_WINDOW].min())
    # Both: a ratio alone would fire on noise once the loss is near 0 (0.001 to 0.003), and
    # losing most of the progress made is what "exploding" looks like on a loss curve.
    lost_progress = recent - lowest >= EXPLODING_LOST_PROGRESS * (start - lowest)
    if lowest > 0.0 and recent > EXPLODING_RATIO * lowest and lost_progress:
        evidence = {
            "recent_loss": recent,
            "lowest_loss": lowest,
            "starting_loss": start,
            "diverged": False,
            "learning_rate": lr,
        }
        return Hint(LOSS_EXPLODING, evidence, suggestion)
    return None


def _neurons_stuck(health: Sequence[HiddenLayerHealth], hyper: Hyperparameters) -> Hint | None:
    worst = max(health, key=lambda h: h.stuck_share, default=None)
    if worst is None or worst.stuck_share <= STUCK_SHARE:
        return None
    evidence = {
        "layer": worst.layer,
        "stuck_share": worst.stuck_share,
        "saturated_share": worst.saturated_share,
        "dead_share": worst.dead_share,
    }
    alternatives: list[dict[str, object]] = []
    if worst.activation in OTHER_ACTIVATION:
        alternatives.append({"activation": OTHER_ACTIVATION[worst.activation]})
    alternatives.append({"learning_rate": max(hyper.learning_rate / 10.0, MIN_LEARNING_RATE)})
    return Hint(NEURONS_STUCK, evidence, {"reset": True}, tuple(alternatives))


def _learning_too_slow(
    steps: np.ndarray, losses: np.ndarray, hyper: Hyperparameters
) -> Hint | None:
    lr = hyper.learning_rate
    if lr >= MAX_SUGGESTED_LEARNING_RATE or len(losses) < 2 * WINDOW:
        return None
    recent = steps >= steps[-1] - PLATEAU_STEPS
    # The history must reach back over the whole span, and hold enough points to average.
    if steps[-1] - steps[0] < PLATEAU_STEPS or recent.sum() < 2 * WINDOW:
        return None
    # Thirds rather than windows: one-example steps are noisy, and a fall of 1 % must be
    # told apart from the noise.
    span = losses[recent]
    third = len(span) // 3
    before, now = float(span[:third].mean()), float(span[-third:].mean())
    start = float(losses[:WINDOW].mean())
    if not (before > 0.0 and start > 0.0):
        return None
    fall = (before - now) / before
    if fall >= PLATEAU_RELATIVE_FALL or now < PLATEAU_NEAR_START * start:
        return None
    evidence = {
        "steps": float(PLATEAU_STEPS),
        "relative_fall": fall,
        "loss": now,
        "starting_loss": start,
        "learning_rate": lr,
    }
    suggestion = {"learning_rate": min(lr * 10.0, MAX_SUGGESTED_LEARNING_RATE)}
    return Hint(LEARNING_TOO_SLOW, evidence, suggestion)


def _overfitting(
    steps: np.ndarray,
    losses: np.ndarray,
    epochs: Sequence[EpochRecord],
    hyper: Hyperparameters,
    augmenting: bool,
) -> Hint | None:
    if len(epochs) < OVERFIT_EPOCHS + 1:
        return None
    span = list(epochs[-(OVERFIT_EPOCHS + 1) :])
    val = [e.val_loss for e in span]
    if not np.all(np.diff(val) > 0.0):
        return None
    # Training loss of the first and the last epoch of the span: the steps after the
    # previous epoch's end up to this one's.
    first_start = epochs[-(OVERFIT_EPOCHS + 2)].step if len(epochs) > OVERFIT_EPOCHS + 1 else 0
    train_first = _mean_between(steps, losses, first_start, span[0].step)
    train_last = _mean_between(steps, losses, span[-2].step, span[-1].step)
    if train_first is None or train_last is None or not train_last < train_first:
        return None
    evidence = {
        "epochs": float(OVERFIT_EPOCHS),
        "val_loss_before": val[0],
        "val_loss_now": val[-1],
        "train_loss_before": train_first,
        "train_loss_now": train_last,
        "weight_decay": hyper.weight_decay,
    }
    decay = hyper.weight_decay
    more_decay = FIRST_WEIGHT_DECAY if decay == 0.0 else min(decay * 10.0, MAX_WEIGHT_DECAY)
    options: list[dict[str, object]] = []
    if more_decay > decay:
        options.append({"weight_decay": more_decay})
    if not augmenting:
        options.append({"augment": True})
    suggestion = options[0] if options else None
    return Hint(OVERFITTING, evidence, suggestion, tuple(options[1:]))


def _window_means(values: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """Means of every run of ``window`` consecutive values, (K − window + 1,)."""
    sums = np.cumsum(np.concatenate([[0.0], values]))
    return (sums[window:] - sums[:-window]) / window


def _mean_between(steps: np.ndarray, losses: np.ndarray, after: float, upto: float) -> float | None:
    inside = (steps > after) & (steps <= upto)
    if not inside.any():
        return None
    value = float(losses[inside].mean())
    return value if math.isfinite(value) else None
