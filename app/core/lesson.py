"""One training step taken apart, for the teacher to walk through sub-step by sub-step.

``plan_step`` computes, without touching the trainer, everything the *next* step of the
trainer will do (the same examples, the same augmented pixels, the same gradient, the same
optimizer change), and ``LessonStep`` hands it out in the order the lesson tells it:

    forward 1 … forward L     the activations a[1], …, a[L], one layer at a time
    error                     the output against the one-hot target; each example's wanted
                              change of every output neuron, −dC/da[L], and its batch mean
    backward L … backward 1   from the output back: the gradient of weight layer k (W[k-1],
                              b[k-1] in the code's 0-based lists) and the nudges dC/da[k-1] of
                              the neurons feeding it (none for the input pixels)
    update                    every parameter moves by the optimizer's change Δθ

Layers are counted as in ``app.core.network``: layer 0 is the input, layer L the output, and
weight layer k (1-based, as the lesson writes w¹, w², …) connects layer k−1 to layer k.

Taking the real ``Trainer.step_batch()`` / ``step_example()`` afterwards lands bit for bit on
``LessonStep.params_after``: both run the same numpy operations on the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from app.core.descent import DescentStep
from app.core.losses import one_hot
from app.core.network import Architecture
from app.core.training import Hyperparameters, Trainer
from app.errors import ConfigError

SubStepKind = Literal["forward", "error", "backward", "update"]
Granularity = Literal["example", "batch"]


@dataclass(frozen=True)
class SubStep:
    """One click of the teacher. ``layer``: the neuron layer k of "forward k", the weight
    layer k of "backward k" (both 1-based, 1..L), and L for "error" and "update"."""

    kind: SubStepKind
    layer: int


@dataclass(frozen=True)
class LessonFrame:
    """What the window may show at one sub-step.

    ``known_activations``  how many neuron layers have their activations filled: layers
                           0..known_activations−1 (1 would be the input alone, before the
                           first sub-step; after "forward k" it is k+1, at most L+1).
    ``gradient_layers``    weight layers k (1-based) whose gradient dC/dW[k-1], dC/db[k-1] is
                           known: empty until "backward L", then {L}, {L−1, L}, …
    ``nudged_layers``      neuron layers l (1..L) whose nudges dC/da[l] are known: {L} from
                           "error" on, then l = k−1 joins at "backward k" (never 0).
    ``params``             shape (P,): the parameters drawn, ``params_before`` until
                           "update", ``params_after`` there.
    ``error_shown``        the target and the wanted changes are visible ("error" and later).
    """

    index: int
    substep: SubStep
    known_activations: int
    gradient_layers: frozenset[int]
    nudged_layers: frozenset[int]
    params: np.ndarray
    error_shown: bool


@dataclass(frozen=True, eq=False)
class LessonStep:
    """Everything one training step computes, frozen; every array is read-only.

    B examples, L weight layers, n_l neurons in layer l, P parameters:

    ``step``            the number the step will have (``trainer.step_count + 1``).
    ``indices``         (B,) training examples used; ``labels`` (B,) their digits.
    ``activations``     per layer l = 0..L, (B, n_l); ``activations[0]`` the (augmented) input.
    ``weighted_sums``   per layer, (B, n_l); ``weighted_sums[0]`` is None.
    ``targets``         (B, n_L) one-hot: 1 for the right digit, 0 elsewhere.
    ``wanted``          (B, n_L) = −dC/da[L] = −nudges[L]: how each example wants each output
                        neuron to move (MSE: 2(y − a); cross-entropy: y / a, only the target).
    ``mean_wanted``     (n_L,) = mean over the batch of ``wanted`` = −mean nudges[L].
    ``nudges``          per layer, (B, n_l) = dC/da[l] per example; ``nudges[0]`` is None.
    ``deltas``          per layer, (B, n_l) = dC/dz[l] per example; ``deltas[0]`` is None.
    ``gradient``        (P,) = ∇C averaged over the batch (+ λ·w on the weights with decay).
    ``learning_rate``   η after the schedule, as the step will use it.
    ``change``          (P,) Δθ the optimizer proposes (plain descent: −η · gradient).
    ``params_before``   (P,) θ; ``params_after`` (P,) = θ + Δθ.
    ``loss``            the batch's mean data loss C; ``weight_penalty`` ½λ Σ w² (0 without).
    ``watched``         the five numbers for the watched parameters.

    Which identity links the output's wanted changes to the gradient (per example, with
    y the one-hot target, a = a[L], z = z[L]):

    - always, for both losses: dC/db[L-1] = mean over the batch of deltas[L] = dC/dz[L];
    - sigmoid + MSE:  deltas[L] = nudges[L] ⊙ σ'(z) = nudges[L] ⊙ a(1 − a), so
      −dC/db[L-1] = mean(wanted ⊙ a(1 − a)): the mean wanted change, neuron by neuron
      weighted by each example's slope a(1 − a). It equals ``mean_wanted`` itself only up to
      that factor: a saturated output (a near 0 or 1) wants a lot and moves little.
    - softmax + cross-entropy:  deltas[L] = a ⊙ (nudges[L] − ⟨a, nudges[L]⟩) = a − y, so
      −dC/db[L-1] = mean(y − a): the batch's mean "target minus output". ``mean_wanted``
      (= mean y / a) is not that; the softmax shares every push among all outputs.

    So "the nudges' average is the output layer's bias gradient" holds only through those
    factors; what holds exactly for both is ``mean_wanted = −mean(nudges[L])`` and
    ``gradient of b[L-1] = mean(deltas[L])``.
    """

    step: int
    granularity: Granularity
    indices: np.ndarray
    labels: np.ndarray
    architecture: Architecture
    hyper: Hyperparameters
    activations: tuple[np.ndarray, ...]
    weighted_sums: tuple[np.ndarray | None, ...]
    targets: np.ndarray
    wanted: np.ndarray
    mean_wanted: np.ndarray
    nudges: tuple[np.ndarray | None, ...]
    deltas: tuple[np.ndarray | None, ...]
    gradient: np.ndarray
    learning_rate: float
    change: np.ndarray
    params_before: np.ndarray
    params_after: np.ndarray
    loss: float
    weight_penalty: float
    watched: DescentStep
    substeps: tuple[SubStep, ...]

    def __len__(self) -> int:
        return len(self.substeps)

    @property
    def n_layers(self) -> int:
        return self.architecture.n_layers

    def frame(self, i: int) -> LessonFrame:
        """What is visible after sub-step ``i`` (0 ≤ i < len(self)); see ``LessonFrame``."""
        if isinstance(i, bool) or not isinstance(i, int | np.integer) or not 0 <= i < len(self):
            raise ConfigError(f"this step has sub-steps 0 to {len(self) - 1}, not {i!r}")
        i = int(i)
        sub = self.substeps[i]
        n = self.n_layers
        if sub.kind == "forward":
            known, gradients, nudged = sub.layer + 1, frozenset(), frozenset()
        elif sub.kind == "error":
            known, gradients, nudged = n + 1, frozenset(), frozenset({n})
        elif sub.kind == "backward":
            known = n + 1
            gradients = frozenset(range(sub.layer, n + 1))
            nudged = frozenset(range(max(sub.layer - 1, 1), n + 1))
        else:
            known, gradients, nudged = n + 1, frozenset(range(1, n + 1)), frozenset(range(1, n + 1))
        params = self.params_after if sub.kind == "update" else self.params_before
        return LessonFrame(i, sub, known, gradients, nudged, params, sub.kind != "forward")

    def matches(self, trainer: Trainer) -> bool:
        """True while ``trainer`` would still take exactly this step next.

        Same step number, same parameters bit for bit, same next examples and the same
        hyperparameters (rate, optimizer, batch size, seed). A step taken, a reset, a loaded
        model or a changed setting all make the lesson stale.
        """
        size = 1 if self.granularity == "example" else trainer.hyper.batch_size
        return (
            trainer.step_count + 1 == self.step
            and trainer.hyper == self.hyper
            and trainer.network.architecture == self.architecture
            and np.array_equal(trainer.next_indices(size), self.indices)
            and np.array_equal(trainer.network.params, self.params_before)
        )


def substep_order(n_layers: int) -> tuple[SubStep, ...]:
    """forward 1..L, error, backward L..1, update: 2L + 2 sub-steps."""
    return (
        *(SubStep("forward", k) for k in range(1, n_layers + 1)),
        SubStep("error", n_layers),
        *(SubStep("backward", k) for k in range(n_layers, 0, -1)),
        SubStep("update", n_layers),
    )


def plan_step(
    trainer: Trainer, granularity: Granularity, watched: tuple[int, ...] = ()
) -> LessonStep:
    """Compute the trainer's next step (one example or one mini-batch) without taking it.

    ``watched``: positions in ``params`` whose five numbers to keep; () uses the trainer's.
    Raises ``DivergenceError`` exactly when the real step would.

    It is ``Trainer.propose`` taken apart: nothing of the trainer changes, and the real step
    (``Trainer.apply(Trainer.propose(size))``) lands on ``params_after`` bit for bit.
    """
    if granularity not in ("example", "batch"):
        raise ConfigError(f"a lesson steps through an example or a batch, not {granularity!r}")
    network = trainer.network
    arch = network.architecture
    n_params = arch.n_parameters
    watched = tuple(int(i) for i in watched) or trainer.watched
    for i in watched:
        if not 0 <= i < n_params:
            raise ConfigError(f"no parameter {i}; this network has {n_params}")

    size = 1 if granularity == "example" else trainer.hyper.batch_size
    # The real step's own pipeline: Trainer.apply(this proposal) is what Step then does.
    proposed = trainer.propose(size)
    indices, labels = proposed.indices.copy(), proposed.labels
    forward, grads, change = proposed.forward, proposed.gradients, proposed.change
    lr, penalty = proposed.learning_rate, proposed.weight_penalty
    before, after = network.params.copy(), proposed.new_params

    nudges = tuple(grads.nudges)
    wanted = -nudges[-1]
    idx = np.array(watched, dtype=np.intp)
    descent = DescentStep(
        names=tuple(arch.parameter_name(i) for i in watched),
        value=before[idx],
        gradient=grads.flat[idx],
        learning_rate=lr,
        change=change[idx],
        new_value=after[idx],
    )
    for a in (descent.value, descent.gradient, descent.change, descent.new_value):
        _freeze(a)
    return LessonStep(
        step=trainer.step_count + 1,
        granularity=granularity,
        indices=_freeze(indices),
        labels=_freeze(np.array(labels)),
        architecture=arch,
        hyper=trainer.hyper,
        activations=tuple(_freeze(a) for a in forward.activations),
        weighted_sums=tuple(_freeze(z) for z in forward.weighted_sums),
        targets=_freeze(one_hot(labels, arch.layer_sizes[-1])),
        wanted=_freeze(wanted),
        mean_wanted=_freeze(wanted.mean(axis=0)),
        nudges=tuple(_freeze(n) for n in nudges),
        deltas=tuple(_freeze(d) for d in grads.deltas),
        gradient=_freeze(grads.flat),
        learning_rate=lr,
        change=_freeze(change),
        params_before=_freeze(before),
        params_after=_freeze(after),
        loss=grads.loss,
        weight_penalty=penalty,
        watched=descent,
        substeps=substep_order(arch.n_layers),
    )


def prepared_inputs(trainer: Trainer, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inputs (B, n_0) float64 and labels (B,) the trainer's next step feeds the network
    (``Trainer.step_inputs``: cast, then the augmentation seeded by (seed, 1, step_count))."""
    return trainer.step_inputs(indices)


def _freeze(a):
    if a is not None:
        a.flags.writeable = False
    return a
