"""Hints: what the state of training suggests, as data for the window to put into words.

Each rule reads the real numbers (the loss history, the validation figures at the end of
each epoch, the hyperparameters, the health of the hidden layers, the size of each layer's
gradients) and, when they show a known problem, returns a ``Hint``: a stable ``kind`` id, the
numbers that triggered it, and what one might change. No sentences here: the window words (and
translates) them.

Rules, in the order hints are returned (most urgent first):

``loss_exploding``     the last step diverged (NaN or overflow), or the recent loss is far
                       above the lowest it has been: the learning rate is too large.
                       Suggests η / 10.
``not_learning``       after ``CHANCE_MIN_STEPS`` steps the network does no better than
                       guessing: the validation accuracy of the last ``CHANCE_EPOCHS`` epochs
                       is within ``CHANCE_ACCURACY_MARGIN`` of 1 / (number of digits), or (with
                       no epoch to say otherwise) the loss sits at what an answer that ignores
                       the image gets (``chance_loss``), and the loss is not falling. Why:
                       *stuck* when most neurons of a layer are dead or saturated, the hidden
                       layers' gradients shrank below ``GRADIENT_COLLAPSE`` of their size at the
                       start, or the loss is well above chance; then it suggests a reset with
                       η / 10 (and another activation). *Slow* when the gradients are still
                       their healthy size: η × 10. *Unknown* without that evidence: both.
``neurons_stuck``      in some hidden layer, most neurons are saturated or dead (see
                       ``app.core.layer_health``), and the network is not doing well (no
                       epoch yet, or validation accuracy below ``GOOD_ACCURACY``). Not given
                       with ``not_learning``, which names them as its reason. Suggests a
                       reset; alternatives: another activation, η / 10.
``accuracy_unsteady``  over the last ``UNSTEADY_EPOCHS`` epochs the validation accuracy stayed
                       below ``GOOD_ACCURACY`` on average, fell by ``UNSTEADY_DROP`` or more
                       from one epoch to the next, and did not rise: steps overshoot. Suggests
                       η / 3.
``learning_too_slow``  over the last ``PLATEAU_STEPS`` steps the loss fell by less than
                       ``PLATEAU_RELATIVE_FALL`` while still near where it started: the
                       learning rate is too small. Suggests η × 10, at most 10. Not given
                       when a hint above already explains the stall, when the gradients have
                       collapsed (then the rate is not what holds it back), or when the
                       network has learned already (accuracy ≥ ``GOOD_ACCURACY``, or a loss
                       under ``LEARNED_SHARE`` of guessing's): flat then means finished.
``overfitting``        the validation loss rose for ``OVERFIT_EPOCHS`` epochs in a row while
                       the training loss fell. Suggests weight decay (or ×10 of it);
                       alternative: augmentation.

``since_step``: when the network's activation or loss changes while its weights are kept, the
loss jumps because of the change, not because of the learning rate; every rule then reads
only the history after that step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from app.core.history import EpochRecord
from app.core.layer_health import HiddenLayerHealth
from app.core.network import Architecture
from app.core.training import MAX_WEIGHT_DECAY, MIN_LEARNING_RATE, Hyperparameters, Trainer

LOSS_EXPLODING = "loss_exploding"
NOT_LEARNING = "not_learning"
NEURONS_STUCK = "neurons_stuck"
ACCURACY_UNSTEADY = "accuracy_unsteady"
LEARNING_TOO_SLOW = "learning_too_slow"
OVERFITTING = "overfitting"
HINT_KINDS = (
    LOSS_EXPLODING,
    NOT_LEARNING,
    NEURONS_STUCK,
    ACCURACY_UNSTEADY,
    LEARNING_TOO_SLOW,
    OVERFITTING,
)
#: Why a network does no better than guessing (``Hint.evidence["cause"]`` of ``not_learning``).
STUCK, SLOW, UNKNOWN = "stuck", "slow", "unknown"

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
#: Classes to guess among: every dataset this app reads is the ten digits, about equally many
#: of each (a network with fewer output neurons can only be trained on that many).
DIGITS = 10
#: Not learning: judged only after this many steps (two epochs of the bundled digits at the
#: lesson's batch of 10). Before that, a slow start looks the same as a stuck one.
CHANCE_MIN_STEPS = 900
#: ... from the validation accuracy of this many latest epochs, all of them ...
CHANCE_EPOCHS = 2
#: ... at most this far above chance (1 / classes). Stuck networks measured on the bundled
#: digits sat at exactly 10 % (every answer the same digit); the slowest healthy run (sigmoid,
#: squared error, η = 0.001) was at 10–15 % for its first five epochs while its loss was
#: still falling, which the next constant tells apart.
CHANCE_ACCURACY_MARGIN = 0.05
#: ... and the loss fell by less than this share over the last ``CHANCE_MIN_STEPS`` steps
#: (mean of the last third against the first). Stuck runs measured: −4 % to +2 % (noise, and
#: an output layer still bouncing at a large η); the slowest healthy run fell 31 %, 26 %, 19 %
#: … per such span, under 3 % only once its loss had reached the level of guessing.
CHANCE_FALL = 0.03
#: Without epochs: the loss counts as at chance from this share of ``chance_loss`` up.
CHANCE_LOSS_SHARE = 0.97
#: "Well above chance": a loss this many times ``chance_loss`` means the outputs are pinned
#: wrong (stuck runs measured: 1.1× to 7×); learning the share of each digit alone brings
#: any network that still moves down to chance.
ABOVE_CHANCE = 1.1
#: Collapsed gradients: the hidden layers' mean |gradient| fell below this share of its size
#: over the first recorded steps. Stuck runs measured: 10⁻³ to 10⁻¹²; healthy ones that had
#: finished learning: 0.1 to 0.25.
GRADIENT_COLLAPSE = 1e-2
#: Rows of the gradient-size history averaged for "at the start" and for "now".
GRADIENT_ROWS = 5
#: A network doing well: validation accuracy at least this. Every configuration measured that
#: learned at all (784-16-16-10 and 784-16-16-16-10, any activation and loss, η 0.1 to 3)
#: passed 88 % on the bundled digits within 30 epochs.
GOOD_ACCURACY = 0.85
#: A loss below this share of ``chance_loss`` means the network has learned to read: the
#: lesson's network passes 85 % at about 0.22 squared error (a quarter of guessing's 0.9);
#: the pretrained model sits at 0.08.
LEARNED_SHARE = 0.25
#: ... judged on the mean of this many latest steps, the plateau's last third: at the
#: lesson's η = 3, batch 10, a 20-step mean swung between 0.15 and 0.23 within 400 healthy
#: steps of the pretrained model, across 0.225, a quarter of guessing's.
LEARNED_WINDOW = PLATEAU_STEPS // 3
#: Unsteady accuracy: judged over this many latest epochs ...
UNSTEADY_EPOCHS = 10
#: ... in which the accuracy fell at least this much from one epoch to the next (healthy runs
#: measured over 20–30 epochs: at most 0.068; three sigmoid hidden layers at η = 10 and tanh
#: with cross-entropy at η = 1: drops of 0.10 to 0.32, again and again) ...
UNSTEADY_DROP = 0.08
#: ... and its second half was not this much higher than its first (healthy starts rise by
#: 0.1 and more; the unsteady runs went up and down around 65 %).
UNSTEADY_PROGRESS = 0.05
#: The unsteady hint's learning rate: a third, since the network is learning, only too wildly.
UNSTEADY_DIVISOR = 3.0


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
    evidence: dict[str, float | int | bool | str] = field(default_factory=dict)
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
    architecture: Architecture | None = None,
    gradient_sizes: np.ndarray | None = None,
    since_step: float | None = None,
) -> list[Hint]:
    """Every rule that fires, most urgent first (see the module docstring).

    ``loss_steps``, ``loss_values`` (K,): the training loss history (``LossHistory.steps``
    and ``.losses``, or a snapshot's copies). ``epochs``: the end-of-epoch validation
    records. ``health``: ``hidden_layer_health`` on a fixed sample, or () if not measured.
    ``diverged``: the last step attempted raised ``DivergenceError`` (such a step leaves no
    loss in the history). ``augmenting``: augmentation is on already. ``architecture``: the
    network's, for the number of digits and the loss (without it: ten digits, and no
    judging by the loss's level). ``gradient_sizes`` (R, L): mean |gradient| per weight layer
    over the steps of the current network (``GradientSizeHistory.sizes``), or None.
    ``since_step``: judge only the history after this step (see the module docstring).
    """
    steps = np.asarray(loss_steps, dtype=np.float64)
    losses = np.asarray(loss_values, dtype=np.float64)
    epochs = list(epochs)
    if since_step is not None:
        after = steps > since_step
        steps, losses = steps[after], losses[after]
        epochs = [e for e in epochs if e.step > since_step]
    facts = _Facts(steps, losses, epochs, hyper, health, architecture, gradient_sizes)
    not_learning = _not_learning(facts)
    hints = [
        _loss_exploding(losses, hyper, diverged),
        not_learning,
        # Stuck neurons are part of the not-learning hint's reason when it has one.
        None if not_learning is not None else _neurons_stuck(facts),
        _accuracy_unsteady(facts),
    ]
    if not (any(hints) or facts.gradients_collapsed or facts.learned):
        hints.append(_learning_too_slow(steps, losses, hyper))
    hints.append(_overfitting(steps, losses, epochs, hyper, augmenting))
    return [h for h in hints if h is not None]


def trainer_hints(
    trainer: Trainer,
    health: Sequence[HiddenLayerHealth] = (),
    *,
    diverged: bool = False,
    gradient_sizes: np.ndarray | None = None,
) -> list[Hint]:
    """``training_hints`` for a trainer's own history, settings and architecture."""
    history = trainer.history
    return training_hints(
        history.losses.steps,
        history.losses.losses,
        history.epochs,
        trainer.hyper,
        health,
        diverged=diverged,
        augmenting=trainer.augment is not None,
        architecture=trainer.network.architecture,
        gradient_sizes=gradient_sizes,
    )


def chance_loss(loss: str, n_classes: int) -> float:
    """The mean loss of the best answer that ignores the image, with every class equally common.

    That answer gives each class the same output 1/K (K = ``n_classes``):
    cross-entropy −log(1/K) = log K (2.303 for ten digits); squared error
    (1 − 1/K)² + (K − 1)/K² = 1 − 1/K (0.9). With classes not equally common the best such
    answer does a little better, never worse, so a loss at this level is no better than
    guessing either way.
    """
    if loss == "cross_entropy":
        return math.log(n_classes)
    return 1.0 - 1.0 / n_classes


class _Facts:
    """What several rules read, worked out once."""

    def __init__(
        self,
        steps: np.ndarray,
        losses: np.ndarray,
        epochs: list[EpochRecord],
        hyper: Hyperparameters,
        health: Sequence[HiddenLayerHealth],
        architecture: Architecture | None,
        gradient_sizes: np.ndarray | None,
    ) -> None:
        self.steps, self.losses, self.epochs, self.hyper = steps, losses, epochs, hyper
        self.health = list(health)
        # The digits there are: as many as output neurons, but never more than ten.
        n_out = architecture.layer_sizes[-1] if architecture is not None else DIGITS
        self.n_classes = min(n_out, DIGITS)
        self.loss_name = architecture.loss if architecture is not None else None
        activation = architecture.activation if architecture is not None else None
        if activation is None and self.health:
            activation = self.health[0].activation
        self.activation = activation
        #: The hidden layers' gradients now as a share of their size at the start (the
        #: largest share among them), or None when not known.
        self.gradient_shrink = _gradient_shrink(gradient_sizes)
        self.gradients_collapsed = (
            self.gradient_shrink is not None and self.gradient_shrink <= GRADIENT_COLLAPSE
        )
        self.worst = max(self.health, key=lambda h: h.stuck_share, default=None)
        accuracy = self.epochs[-1].val_accuracy if self.epochs else None
        self.accuracy = accuracy if accuracy is not None and math.isfinite(accuracy) else None

    @property
    def doing_well(self) -> bool:
        return self.accuracy is not None and self.accuracy >= GOOD_ACCURACY

    @property
    def learned(self) -> bool:
        """The network reads well already (by its accuracy, or a loss far below guessing's):
        a flat loss then means it has finished learning, not that its steps are too small."""
        if self.doing_well:
            return True
        if len(self.losses) < WINDOW:
            return False
        # Not knowing the loss, take the lower of the two levels of guessing (squared error's).
        guessing = chance_loss(self.loss_name or "mse", self.n_classes)
        recent = self.losses[-LEARNED_WINDOW:]
        return float(recent.mean()) < LEARNED_SHARE * guessing


def _gradient_shrink(sizes: np.ndarray | None) -> float | None:
    """max over hidden weight layers of (mean of the last rows) / (mean of the first rows)."""
    if sizes is None:
        return None
    sizes = np.asarray(sizes, dtype=np.float64)
    # The hidden layers' weights: all but the output layer's, which keeps learning the share
    # of each digit even when every neuron before it is stuck.
    if sizes.ndim != 2 or sizes.shape[1] < 2 or len(sizes) < 2 * GRADIENT_ROWS:
        return None
    hidden = sizes[:, :-1]
    start = hidden[:GRADIENT_ROWS].mean(axis=0)
    now = hidden[-GRADIENT_ROWS:].mean(axis=0)
    if not (np.all(np.isfinite(start)) and np.all(np.isfinite(now)) and np.all(start > 0.0)):
        return None
    return float((now / start).max())


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


def _not_learning(facts: _Facts) -> Hint | None:
    steps, losses = facts.steps, facts.losses
    if len(losses) < 2 * WINDOW or steps[-1] - steps[0] < CHANCE_MIN_STEPS:
        return None
    fall, now = _recent_fall(steps, losses, CHANCE_MIN_STEPS)
    if fall is None or fall >= CHANCE_FALL:
        return None  # still falling: learning, if slowly
    chance_accuracy = 1.0 / facts.n_classes
    recent = facts.epochs[-CHANCE_EPOCHS:]
    by_accuracy = len(recent) == CHANCE_EPOCHS and all(
        e.val_accuracy <= chance_accuracy + CHANCE_ACCURACY_MARGIN for e in recent
    )
    chance = chance_loss(facts.loss_name, facts.n_classes) if facts.loss_name else math.nan
    by_loss = (
        facts.loss_name is not None
        and now >= CHANCE_LOSS_SHARE * chance
        and (facts.accuracy is None or facts.accuracy <= chance_accuracy + CHANCE_ACCURACY_MARGIN)
    )
    if not (by_accuracy or by_loss):
        return None
    stuck_share = facts.worst.stuck_share if facts.worst is not None else math.nan
    well_above = facts.loss_name is not None and now >= ABOVE_CHANCE * chance
    if facts.gradients_collapsed or stuck_share >= STUCK_SHARE or well_above:
        cause = STUCK
    elif facts.gradient_shrink is not None:
        cause = SLOW
    else:
        cause = UNKNOWN
    lr = facts.hyper.learning_rate
    smaller = {"reset": True, "learning_rate": max(lr / 10.0, MIN_LEARNING_RATE)}
    larger = {"learning_rate": min(lr * 10.0, MAX_SUGGESTED_LEARNING_RATE)}
    other = [{"activation": OTHER_ACTIVATION[facts.activation]}] if facts.activation else []
    if cause == SLOW:
        suggestion, alternatives = (larger, ()) if lr < MAX_SUGGESTED_LEARNING_RATE else (None, ())
    elif cause == STUCK:
        suggestion, alternatives = smaller, tuple(other)
    else:
        grow = [larger] if lr < MAX_SUGGESTED_LEARNING_RATE else []
        suggestion, alternatives = smaller, tuple(grow)
    evidence: dict[str, float | int | bool | str] = {
        "cause": cause,
        "steps": float(steps[-1] - steps[0]),
        "loss": now,
        "chance_loss": chance,
        "accuracy": facts.accuracy if facts.accuracy is not None else math.nan,
        "chance_accuracy": chance_accuracy,
        "stuck_share": stuck_share,
        "gradient_shrink": facts.gradient_shrink if facts.gradient_shrink is not None else math.nan,
        "learning_rate": lr,
    }
    return Hint(NOT_LEARNING, evidence, suggestion, alternatives)


def _neurons_stuck(facts: _Facts) -> Hint | None:
    worst = facts.worst
    if worst is None or worst.stuck_share <= STUCK_SHARE or facts.doing_well:
        # A network reading ≥ 85 % of the digits is not stuck, even if many neurons sit near a
        # limit (measured: a healthy sigmoid run at 90 % had 56 % of its first layer there).
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
    lr = facts.hyper.learning_rate
    alternatives.append({"learning_rate": max(lr / 10.0, MIN_LEARNING_RATE)})
    return Hint(NEURONS_STUCK, evidence, {"reset": True}, tuple(alternatives))


def _accuracy_unsteady(facts: _Facts) -> Hint | None:
    if len(facts.epochs) < UNSTEADY_EPOCHS:
        return None
    accuracy = np.array([e.val_accuracy for e in facts.epochs[-UNSTEADY_EPOCHS:]])
    if not np.all(np.isfinite(accuracy)):
        return None
    half = UNSTEADY_EPOCHS // 2
    level = float(accuracy.mean())
    drop = float(-np.diff(accuracy).min())
    progress = float(accuracy[half:].mean() - accuracy[:half].mean())
    if level >= GOOD_ACCURACY or drop < UNSTEADY_DROP or progress >= UNSTEADY_PROGRESS:
        return None
    lr = facts.hyper.learning_rate
    evidence = {
        "epochs": float(UNSTEADY_EPOCHS),
        "lowest_accuracy": float(accuracy.min()),
        "highest_accuracy": float(accuracy.max()),
        "largest_drop": drop,
        "learning_rate": lr,
    }
    return Hint(
        ACCURACY_UNSTEADY,
        evidence,
        {"learning_rate": max(lr / UNSTEADY_DIVISOR, MIN_LEARNING_RATE)},
    )


def _learning_too_slow(
    steps: np.ndarray, losses: np.ndarray, hyper: Hyperparameters
) -> Hint | None:
    lr = hyper.learning_rate
    if lr >= MAX_SUGGESTED_LEARNING_RATE or len(losses) < 2 * WINDOW:
        return None
    fall, now = _recent_fall(steps, losses)
    start = float(losses[:WINDOW].mean())
    if fall is None or not start > 0.0:
        return None
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


def _recent_fall(
    steps: np.ndarray, losses: np.ndarray, span: float = PLATEAU_STEPS
) -> tuple[float | None, float]:
    """How much the loss fell over the last ``span`` steps, and where it is now.

    The mean of the span's last third against the mean of its first third, as a share of the
    latter: thirds rather than windows, since one-example steps are noisy and a fall of 1 %
    must be told apart from the noise. (None, now) when the history is too short to say.
    """
    if len(steps) == 0:
        return None, math.nan
    recent = steps >= steps[-1] - span
    # The history must reach back over the whole span, and hold enough points to average.
    if steps[-1] - steps[0] < span or recent.sum() < 2 * WINDOW:
        return None, math.nan
    span = losses[recent]
    third = len(span) // 3
    before, now = float(span[:third].mean()), float(span[-third:].mean())
    if not (before > 0.0 and math.isfinite(before) and math.isfinite(now)):
        return None, now
    return (before - now) / before, now


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
