"""Training: pick examples, backpropagate, average, move the weights once, repeat.

A ``Trainer`` owns a network, an optimizer and a training set. It walks through the data in
seeded shuffled epochs and can take a step of one example, one mini-batch, or the rest of an
epoch. Every step returns a ``StepResult`` holding what the window shows: the loss, the
nudges, the gradient, the change of every weight, and the five numbers of the watched ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from app.core.descent import DescentStep
from app.core.network import Architecture, ForwardPass, Gradients, Network
from app.core.optimizers import OPTIMIZER_NAMES, Optimizer, make_optimizer
from app.errors import ConfigError

#: Optional change of a batch of training images (B, n_0) before a step; labels never change.
Augment = Callable[[np.ndarray, np.random.Generator], np.ndarray]

MIN_LEARNING_RATE = 1e-6
MAX_LEARNING_RATE = 100.0
MAX_BATCH_SIZE = 60_000


@dataclass(frozen=True)
class Hyperparameters:
    """What a teacher may change between steps without resetting the weights."""

    learning_rate: float = 3.0
    batch_size: int = 10
    optimizer: str = "gd"
    seed: int = 0

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

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class StepResult:
    """One applied step. Arrays belong to this result; the trainer never writes to them again.

    ``indices``  shape (B,): which training examples the step used.
    ``change``   shape (P,): Δθ applied to ``Network.params``.
    ``watched``  the five numbers for the watched parameters (see ``Trainer.watch``).
    """

    step: int
    epoch: int
    indices: np.ndarray
    labels: np.ndarray
    forward: ForwardPass
    gradients: Gradients
    change: np.ndarray
    watched: DescentStep
    epoch_finished: bool

    @property
    def loss(self) -> float:
        return self.gradients.loss


class LossHistory:
    """Training loss per step in bounded memory.

    Up to ``capacity`` points are kept. When full, neighbouring pairs are averaged (step and
    loss alike), halving the points: old history gets coarser, its mean is preserved, and
    memory stays fixed however long a class lets it run.
    """

    def __init__(self, capacity: int = 20_000) -> None:
        if capacity < 2:
            raise ConfigError("history capacity must be at least 2")
        self.capacity = capacity
        self._steps = np.empty(capacity)
        self._losses = np.empty(capacity)
        self._n = 0

    def append(self, step: float, loss: float) -> None:
        if self._n == self.capacity:
            half = self.capacity // 2
            for arr in (self._steps, self._losses):
                arr[:half] = arr[: 2 * half].reshape(half, 2).mean(axis=1)
            self._n = half
        self._steps[self._n] = step
        self._losses[self._n] = loss
        self._n += 1

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self._n].copy()

    @property
    def losses(self) -> np.ndarray:
        return self._losses[: self._n].copy()

    def __len__(self) -> int:
        return self._n

    @classmethod
    def from_arrays(cls, steps: np.ndarray, losses: np.ndarray, capacity: int = 20_000):
        history = cls(max(capacity, 2))
        for s, v in zip(np.asarray(steps), np.asarray(losses), strict=True):
            history.append(float(s), float(v))
        return history


class Trajectory:
    """The path θ took during training, in bounded memory, for the loss landscape.

    Every ``stride``-th step's parameters are kept as a read-only float32 copy, at most
    ``capacity`` points; when full, every other point is dropped and the stride doubles, so
    the path always spans the whole run. ``points`` is an immutable tuple: a snapshot can
    hold it without copying, and the next append makes a new tuple.
    """

    def __init__(self, capacity: int = 256) -> None:
        if capacity < 4:
            raise ConfigError("a trajectory needs room for at least 4 points")
        self.capacity = capacity
        self.stride = 1
        self.points: tuple[np.ndarray, ...] = ()
        self.steps: tuple[int, ...] = ()

    def offer(self, step: int, params: np.ndarray) -> None:
        """Keep ``params`` if ``step`` falls on the stride (step 0 is the start)."""
        if step % self.stride:
            return
        if len(self.points) >= self.capacity:
            self.points, self.steps = self.points[::2], self.steps[::2]
            self.stride *= 2
            if step % self.stride:
                return
        point = params.astype(np.float32)
        point.flags.writeable = False
        self.points = (*self.points, point)
        self.steps = (*self.steps, step)

    def __len__(self) -> int:
        return len(self.points)


@dataclass
class EpochRecord:
    """Validation figures at the end of an epoch."""

    epoch: int
    step: int
    val_loss: float
    val_accuracy: float


@dataclass
class TrainingHistory:
    losses: LossHistory = field(default_factory=LossHistory)
    epochs: list[EpochRecord] = field(default_factory=list)


class Trainer:
    """Runs training steps on ``network`` over ``(train_x, train_y)``.

    ``train_x`` shape (N, n_0), values in [0, 1]; ``train_y`` shape (N,), ints 0..n_L−1.
    The order of examples in epoch ``e`` is a permutation seeded by ``(seed, e)``, so the
    same seed and the same steps give the same weights on every machine.
    """

    def __init__(
        self,
        network: Network,
        train_x: np.ndarray,
        train_y: np.ndarray,
        hyper: Hyperparameters | None = None,
        *,
        val_x: np.ndarray | None = None,
        val_y: np.ndarray | None = None,
        optimizer: Optimizer | None = None,
        augment: Augment | None = None,
    ) -> None:
        self.network = network
        self.augment = augment
        self.hyper = hyper or Hyperparameters()
        self.optimizer = optimizer or make_optimizer(self.hyper.optimizer)
        self.set_data(train_x, train_y, val_x, val_y)
        self.history = TrainingHistory()
        self.trajectory = Trajectory()
        self.trajectory.offer(0, network.params)
        self.step_count = 0
        self.epoch = 0
        self._cursor = 0
        self._order = self._epoch_order(0)
        self.watch(*default_watched(network.architecture))

    # -- data and settings ---------------------------------------------------------------------

    def set_data(
        self,
        train_x: np.ndarray,
        train_y: np.ndarray,
        val_x: np.ndarray | None = None,
        val_y: np.ndarray | None = None,
    ) -> None:
        n_in, n_out = self.network.layer_sizes[0], self.network.layer_sizes[-1]
        self.train_x, self.train_y = _checked_dataset(train_x, train_y, n_in, n_out, "training")
        if val_x is None or val_y is None:
            self.val_x = self.val_y = None
        else:
            self.val_x, self.val_y = _checked_dataset(val_x, val_y, n_in, n_out, "validation")
        self._cursor = 0
        if hasattr(self, "epoch"):
            self._order = self._epoch_order(self.epoch)

    def set_hyperparameters(self, hyper: Hyperparameters) -> None:
        """Apply at the next step. A new optimizer starts with fresh state."""
        if hyper.optimizer != self.hyper.optimizer:
            self.optimizer = make_optimizer(hyper.optimizer)
        if hyper.seed != self.hyper.seed:
            self.hyper = hyper
            self._order = self._epoch_order(self.epoch)
        self.hyper = hyper

    def update_hyperparameters(self, **changes) -> None:
        self.set_hyperparameters(replace(self.hyper, **changes))

    def watch(self, *indices: int) -> None:
        """Choose which parameters' five numbers each step reports (positions in ``params``)."""
        n = self.network.architecture.n_parameters
        for i in indices:
            if not 0 <= i < n:
                raise ConfigError(f"no parameter {i}; this network has {n}")
        self.watched = tuple(int(i) for i in indices)
        self._watched_index = np.array(self.watched, dtype=np.intp)
        self._watched_names = tuple(self.network.architecture.parameter_name(i) for i in indices)

    def with_network(
        self,
        network: Network,
        hyper: Hyperparameters | None = None,
        optimizer: Optimizer | None = None,
    ) -> Trainer:
        """A fresh trainer for ``network`` on this trainer's data (and augmentation)."""
        return Trainer(
            network,
            self.train_x,
            self.train_y,
            hyper or self.hyper,
            val_x=self.val_x,
            val_y=self.val_y,
            optimizer=optimizer,
            augment=self.augment,
        )

    def next_indices(self, count: int) -> np.ndarray:
        """The training examples the next step of ``count`` examples will use (no step taken)."""
        return self._order[self._cursor : self._cursor + count]

    @property
    def n_train(self) -> int:
        return len(self.train_y)

    @property
    def position_in_epoch(self) -> int:
        return self._cursor

    # -- steps ---------------------------------------------------------------------------------

    def step_example(self) -> StepResult:
        """Learn from the next single example."""
        return self._step(1)

    def step_batch(self) -> StepResult:
        """Learn from the next mini-batch (shorter at the end of an epoch)."""
        return self._step(self.hyper.batch_size)

    def step_epoch(self) -> list[StepResult]:
        """Mini-batches until the current epoch ends. Returns every step (results are cheap)."""
        results = [self.step_batch()]
        while not results[-1].epoch_finished:
            results.append(self.step_batch())
        return results

    def run_epoch(self) -> EpochRecord | None:
        """Like ``step_epoch`` but keeps nothing per step: the fast path for the command line."""
        while not self._step(self.hyper.batch_size).epoch_finished:
            pass
        return self.history.epochs[-1] if self.history.epochs else None

    def _step(self, size: int) -> StepResult:
        indices = self.next_indices(size)
        # One cast here instead of one inside each of the two first-layer matmuls.
        x, labels = self.train_x[indices].astype(np.float64), self.train_y[indices]
        if self.augment is not None:
            # Seeded by (seed, step): the same run gives the same moves on every machine.
            x = self.augment(x, np.random.default_rng([self.hyper.seed, 1, self.step_count]))
        lr = self.hyper.learning_rate
        # Overflow is not an accident to warn about here but the lesson "η was too large":
        # it is detected below and reported as a DivergenceError.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            forward, grads = self.network.gradient(x, labels)
            change = self.optimizer.change(grads.flat, lr)
            new_params = self.network.params + change
            # Finite new weights imply a finite change; the loss can overflow on its own.
            diverged = not (math.isfinite(grads.loss) and np.isfinite(new_params).all())
        if diverged:
            # Not applied: the weights stay as they were before the step that blew up.
            raise DivergenceError(self.step_count + 1, grads.loss)
        watched_idx = self._watched_index
        before = self.network.params[watched_idx]
        self.network.params[...] = new_params
        self.optimizer.accept()
        self.step_count += 1
        self.history.losses.append(self.step_count, grads.loss)
        self.trajectory.offer(self.step_count, self.network.params)
        self._cursor += len(indices)
        finished = self._cursor >= self.n_train
        watched = DescentStep(
            names=self._watched_names,
            value=before,
            gradient=grads.flat[watched_idx],
            learning_rate=lr,
            change=change[watched_idx],
            new_value=self.network.params[watched_idx],
        )
        result = StepResult(
            self.step_count, self.epoch, indices, labels, forward, grads, change, watched, finished
        )
        if finished:
            self._finish_epoch()
        return result

    def _finish_epoch(self) -> None:
        if self.val_x is not None and self.val_y is not None:
            loss, acc = self.network.evaluate(self.val_x, self.val_y)
            self.history.epochs.append(EpochRecord(self.epoch, self.step_count, loss, acc))
        self.epoch += 1
        self._cursor = 0
        self._order = self._epoch_order(self.epoch)

    def _epoch_order(self, epoch: int) -> np.ndarray:
        return np.random.default_rng([self.hyper.seed, epoch]).permutation(self.n_train)


def default_watched(architecture: Architecture) -> tuple[int, ...]:
    """Two weights into output neuron 0, like w1 and w2 in the lesson (one if only one exists)."""
    last = architecture.n_layers - 1
    n_from = architecture.layer_sizes[-2]
    return tuple(architecture.weight_index(last, 0, k) for k in range(min(2, n_from)))


class DivergenceError(ArithmeticError):
    """The loss became NaN or infinite at ``step``; that step was not applied."""

    def __init__(self, step: int, loss: float) -> None:
        self.step, self.loss = step, loss
        super().__init__(
            f"the loss exploded at step {step} (the numbers overflowed; loss {loss:.4g}): the "
            "learning rate is probably too large. The weights from before that step were kept."
        )


def _checked_dataset(
    x: np.ndarray, y: np.ndarray, n_in: int, n_out: int, what: str
) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or x.shape[1] != n_in:
        raise ConfigError(f"{what} images must have shape (N, {n_in}), got {x.shape}")
    if y.shape != (x.shape[0],):
        raise ConfigError(f"{what} set has {x.shape[0]} images but labels of shape {y.shape}")
    if x.shape[0] == 0:
        raise ConfigError(f"the {what} set is empty")
    if y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= n_out:
        raise ConfigError(f"{what} labels must be whole numbers 0 to {n_out - 1}")
    return x, y.astype(np.intp, copy=False)
