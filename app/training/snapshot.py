"""What the views see of training: an immutable, read-only copy made by the worker.

The worker owns the model's arrays. Views never touch them; they render the latest
``Snapshot``, whose arrays are copies with ``writeable = False``, so a view cannot change the
model and the worker can go on stepping while a view draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.core.descent import DescentStep
from app.core.divergence import Explosion
from app.core.history import EpochRecord
from app.core.network import Architecture, ForwardPass, Network
from app.core.training import Hyperparameters, StepResult, Trainer


def read_only(array: np.ndarray) -> np.ndarray:
    """Mark an array nobody else holds (a fresh copy) read-only, without copying it again."""
    array.flags.writeable = False
    return array


def frozen(array: np.ndarray | None) -> np.ndarray | None:
    """A read-only copy of ``array`` (None stays None)."""
    if array is None:
        return None
    copy = np.array(array, copy=True)
    copy.flags.writeable = False
    return copy


@dataclass(frozen=True)
class InputView:
    """One input and what the network makes of it.

    ``image`` (28, 28) in [0, 1] as the network sees it; ``activations[l]`` (n_l,) for every
    layer l = 0..L (layer 0 is the image flattened); ``weighted_sums[l]`` (n_l,) for l ≥ 1,
    ``weighted_sums[0]`` None; ``probabilities`` (n_L,) summing to 1. ``label`` is the true
    digit when known (a training example), else None (a drawing).
    """

    image: np.ndarray
    activations: tuple[np.ndarray, ...]
    weighted_sums: tuple[np.ndarray | None, ...]
    probabilities: np.ndarray
    label: int | None = None
    source: str = "drawing"

    @property
    def answer(self) -> int:
        return int(np.argmax(self.probabilities))

    @classmethod
    def from_forward(
        cls, network: Network, forward: ForwardPass, label: int | None, source: str
    ) -> InputView:
        """The first example of ``forward`` as read-only per-layer vectors.

        Never NaN or infinite, whatever the weights: views draw these numbers, so a wild value
        becomes the nearest finite one and unusable outputs read as "no preference".
        """

        def drawable(a: np.ndarray) -> np.ndarray:
            # float64 whatever the network computes in: 1e300 is past float32's range.
            wide = a.astype(np.float64)
            return read_only(np.nan_to_num(wide, copy=False, nan=0.0, posinf=1e300, neginf=-1e300))

        out = np.nan_to_num(forward.output[0], nan=0.0, posinf=1.0, neginf=0.0)
        with np.errstate(all="ignore"):
            shares = network.output_shares(out)
        if not np.all(np.isfinite(shares)):
            shares = np.full_like(out, 1.0 / len(out))
        side = math.isqrt(network.layer_sizes[0])
        return cls(
            image=drawable(forward.activations[0][0].reshape(side, side)),
            activations=tuple(drawable(a[0]) for a in forward.activations),
            weighted_sums=tuple(
                None if z is None else drawable(z[0]) for z in forward.weighted_sums
            ),
            probabilities=drawable(shares),
            label=label,
            source=source,
        )


@dataclass(frozen=True)
class TrainingData:
    """The training data as the worker trains on it, for the data explorer.

    ``images`` (N, 28, 28) float32 in [0, 1] and ``labels`` (N,): the dataset first, then the
    class's drawings; ``drawn`` (N,) bool marks the drawings. All read-only. The dataset's
    images are a read-only view, not a copy (60,000 images are 190 MB): the worker replaces
    its arrays on new data and never writes into them.
    """

    name: str
    images: np.ndarray
    labels: np.ndarray
    drawn: np.ndarray
    #: The labels as the trainer goes through them (M,): each drawing as many times as it
    #: counts in training. A lesson's stop finds its example among these (its epoch order).
    trained_labels: np.ndarray | None = None


@dataclass(frozen=True)
class Snapshot:
    """The state of training at one moment, for drawing.

    ``params`` (P,) every weight and bias; ``gradient`` and ``change`` (P,) of the last step
    (None before the first). ``loss_steps``/``loss_values`` (K,) the decimated loss history.
    ``n_train`` the training images: the dataset's and each class drawing once (however many
    times a drawing counts in training).
    """

    serial: int
    architecture: Architecture
    hyper: Hyperparameters
    params: np.ndarray
    gradient: np.ndarray | None
    change: np.ndarray | None
    step: int
    epoch: int
    position_in_epoch: int
    n_train: int
    dataset_name: str
    loss_steps: np.ndarray
    loss_values: np.ndarray
    epochs: tuple[EpochRecord, ...]
    watched: DescentStep | None
    last_loss: float | None
    running: bool
    steps_per_second: float
    input_view: InputView | None = None
    #: θ over training, oldest first: read-only float32 (P,) arrays shared, not copied.
    trajectory: tuple[np.ndarray, ...] = ()
    #: A fixed, seeded sample of the training data for loss landscapes: (S, n_0) float32 and
    #: (S,) labels, read-only, made once per dataset and shared by every snapshot.
    sample_x: np.ndarray | None = None
    sample_y: np.ndarray | None = None
    #: The last explosion of the loss, until the weights are restored, reset or replaced.
    explosion: Explosion | None = None
    #: Mean |gradient| of one weight per weight layer over the steps: (K,) steps and (K, L)
    #: sizes, read-only copies (see ``app.core.layer_health.GradientSizeHistory``).
    gradient_steps: np.ndarray | None = None
    gradient_sizes: np.ndarray | None = None
    #: (P,) the weights this network started from (its reset or load), read-only, shared.
    initial_params: np.ndarray | None = None
    #: The validation set: (V, n_0) float32 inputs and (V,) labels, read-only, shared by every
    #: snapshot until the data changes (None when there is none).
    val_x: np.ndarray | None = None
    val_y: np.ndarray | None = None
    #: Where the weights came from: "pretrained", "random" (a reset, a new architecture) or
    #: "session" (a file or a restore).
    origin: str = "random"
    #: Validation accuracy of ``initial_params``, known from the first frame (None without a
    #: validation set): what the network could do before this run's training.
    start_accuracy: float | None = None
    #: A Reset happened and UndoReset can bring the weights from before it back.
    can_undo_reset: bool = False
    #: The learning rate the next step uses (the schedule applied to ``hyper``'s).
    learning_rate_now: float | None = None
    #: A shallow copy of the trainer's optimizer: ask it for a ``change`` only (which never
    #: writes its state), e.g. to draw the move the next step would really make.
    optimizer: object | None = None
    #: The weights set by hand (``app.training.weight_edits.WeightEdit``): the last one's
    #: predicted and real change of the loss, and how many Undo can take back; None when
    #: none was set since the last step (or reset, or load).
    weight_edit: object | None = None
    #: The parameters whose five numbers each step reports (positions in ``params``): before
    #: the first step, (1) their values can be shown already.
    watched_indices: tuple[int, ...] = ()

    @property
    def val_accuracy(self) -> float | None:
        return self.epochs[-1].val_accuracy if self.epochs else None


def example_view(network: Network, result: StepResult) -> InputView:
    """The forward pass of the first example of a step, as the views show it."""
    return InputView.from_forward(
        network, result.forward, int(result.labels[0]), "training example"
    )


def next_example_view(trainer: Trainer) -> InputView:
    """Before any step: what the network makes of the example it will learn from next."""
    index = trainer.next_indices(1)
    with np.errstate(all="ignore"):  # weights may be wild; from_forward makes it drawable
        forward = trainer.network.forward(trainer.train_x[index].astype(np.float64))
    return InputView.from_forward(
        trainer.network, forward, int(trainer.train_y[index[0]]), "next example"
    )
