"""Training: pick examples, backpropagate, average, move the weights once, repeat.

A ``Trainer`` owns a network, an optimizer and a training set. It walks through the data in
seeded shuffled epochs and can take a step of one example, one mini-batch, or the rest of an
epoch. Every step returns a ``StepResult`` holding what the window shows: the loss, the
nudges, the gradient, the change of every weight, and the five numbers of the watched ones.

Two optional refinements, both off by default (the default trains exactly as before):

- **L2 weight decay** λ: the trainer minimises ``C + ½λ Σ w²`` over the weights (never the
  biases: a bias only shifts a neuron, it cannot make the network memorise pixels), so every
  step's gradient gets ``+ λ·w`` on each weight. ``StepResult.loss`` and the loss history stay
  the data loss ``C`` alone, comparable with the validation loss and with runs without decay;
  ``StepResult.weight_penalty`` is ``½λ Σ w²`` and ``StepResult.objective`` their sum, the
  function whose gradient ``StepResult.gradients.flat`` is. The optimizer gets that gradient
  like any other, so with Adam this is L2 regularisation, not AdamW's decoupled decay.
- **A learning-rate schedule**: ``constant``, ``step`` (× factor every N epochs) or ``cosine``
  (half a cosine from η down to a floor over T epochs). It is a function of how far training
  is, counted in epochs since the start of the run (``Trainer.epoch_progress``), so it applies
  at the next step and a saved run resumes at the same rate. The rate a step actually used is
  ``StepResult.learning_rate`` (and ``StepResult.watched.learning_rate``).
- **Data augmentation** (``augment_*``): each training image is shifted, rotated, resized,
  thickened or thinned, and made grainy a little, afresh every time it is seen (see
  ``app.core.augment``); the labels never change. The trainer builds its ``Augmentation``
  from the hyperparameters, so a change applies at the next step and a model file records
  it. All ranges 0 (the default) means no augmentation at all.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from app.core.augment import SIDE
from app.core.descent import DescentStep
from app.core.history import EpochRecord, TrainingHistory, Trajectory

# Re-exported: the hyperparameters lived here, and many modules import them from here.
from app.core.hyperparameters import (  # noqa: F401
    AUGMENT_FIELDS,
    DEFAULT_AUGMENTATION,
    LR_SCHEDULES,
    MAX_BATCH_SIZE,
    MAX_LEARNING_RATE,
    MAX_SCHEDULE_EPOCHS,
    MAX_WEIGHT_DECAY,
    MIN_LEARNING_RATE,
    Hyperparameters,
)
from app.core.network import Architecture, ForwardPass, Gradients, Network, ones_vector
from app.core.optimizers import Optimizer, make_optimizer
from app.core.pixel_bytes import bytes_behind, fetch_rows, inputs_from_bytes
from app.errors import ConfigError

#: Optional change of a batch of training images (B, n_0) before a step; labels never change.
Augment = Callable[[np.ndarray, np.random.Generator], np.ndarray]


class StepResult(NamedTuple):
    """One applied step. Arrays belong to this result; the trainer never writes to them again.

    ``indices``        shape (B,): which training examples the step used.
    ``gradients``      backprop's findings; with weight decay on, ``gradients.flat`` (and its
                       ``weights`` views) already include ``+ λ·w``: the gradient the
                       optimizer was given, so the five numbers add up.
    ``change``         shape (P,): Δθ applied to ``Network.params``.
    ``watched``        the five numbers for the watched parameters (see ``Trainer.watch``).
    ``learning_rate``  the rate this step used, after the schedule.
    ``weight_penalty`` ½λ Σ w² at the weights the gradient was taken at (0 without decay).

    A named tuple, like ``ProposedStep`` (a frozen dataclass cost ~3 µs a step).
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
    learning_rate: float
    weight_penalty: float = 0.0

    @property
    def loss(self) -> float:
        """The batch's data loss C (without the weight-decay penalty)."""
        return self.gradients.loss

    @property
    def objective(self) -> float:
        """What the step descended: C + ½λ Σ w²."""
        return self.gradients.loss + self.weight_penalty


class ProposedStep(NamedTuple):
    """The next training step, computed and not taken (``Trainer.propose``).

    ``indices`` (B,) the examples, ``labels`` (B,), ``forward`` and ``gradients`` their pass,
    ``change`` (P,) what the optimizer moves every parameter by at ``learning_rate``,
    ``new_params`` (P,) = params + change, ``weight_penalty`` ½λ Σ w², ``optimizer`` the
    copy that proposed ``change`` (holding its proposal for ``accept``). A named tuple: made
    on every training step, where a frozen dataclass's construction cost ~3 µs of ~100.
    """

    step: int
    indices: np.ndarray
    labels: np.ndarray
    forward: ForwardPass
    gradients: Gradients
    change: np.ndarray
    new_params: np.ndarray
    learning_rate: float
    weight_penalty: float
    optimizer: Optimizer


class Trainer:
    """Runs training steps on ``network`` over ``(train_x, train_y)``.

    ``train_x`` shape (N, n_0), values in [0, 1], or uint8 pixel bytes (N, n_0) read as
    byte / 255 (``train_x`` is then those floats, and a step fetches its rows as bytes: see
    ``app.core.pixel_bytes``); ``train_y`` shape (N,), ints 0..n_L−1.
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
        # An explicit augment (a test's, or a custom change) wins over the hyperparameters'.
        self._explicit_augment = augment
        self._augment_built: tuple[Hyperparameters, Augment | None] | None = None
        self.hyper = hyper or Hyperparameters()
        self._check_augmentation_fits(self.hyper)
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
        """Train on ``train_x`` from the next step (see the class); validate on ``val_x``."""
        n_in, n_out = self.network.layer_sizes[0], self.network.layer_sizes[-1]
        if getattr(train_x, "dtype", None) == np.uint8:
            train_x = inputs_from_bytes(train_x)
        self.train_x, self.train_y = _checked_dataset(train_x, train_y, n_in, n_out, "training")
        self._train_bytes = bytes_behind(self.train_x)
        if val_x is None or val_y is None:
            self.val_x = self.val_y = None
        else:
            self.val_x, self.val_y = _checked_dataset(val_x, val_y, n_in, n_out, "validation")
        self._cursor = 0
        if hasattr(self, "epoch"):
            self._order = self._epoch_order(self.epoch)

    def set_hyperparameters(self, hyper: Hyperparameters) -> None:
        """Apply at the next step (augmentation too). A new optimizer starts with fresh state."""
        self._check_augmentation_fits(hyper)
        if hyper.optimizer != self.hyper.optimizer:
            self.optimizer = make_optimizer(hyper.optimizer)
        if hyper.seed != self.hyper.seed:
            self.hyper = hyper
            self._order = self._epoch_order(self.epoch)
        self.hyper = hyper

    def update_hyperparameters(self, **changes) -> None:
        self.set_hyperparameters(replace(self.hyper, **changes))

    @property
    def augment(self) -> Augment | None:
        """What changes each training batch before a step, or None for the images as they are.

        The ``augment=`` given to the constructor if any, else the hyperparameters' own
        augmentation (``Hyperparameters.augmentation``), rebuilt whenever they change.
        """
        if self._explicit_augment is not None:
            return self._explicit_augment
        built = self._augment_built
        if built is None or built[0] is not self.hyper:
            built = self._augment_built = (self.hyper, self.hyper.augmentation())
        return built[1]

    def _check_augmentation_fits(self, hyper: Hyperparameters) -> None:
        n_in = self.network.layer_sizes[0]
        if hyper.augmenting and n_in != SIDE * SIDE:
            raise ConfigError(
                f"augmentation moves {SIDE}×{SIDE}-pixel images; this network reads {n_in} "
                "inputs, so set every augmentation range to 0"
            )

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
            augment=self._explicit_augment,
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

    @property
    def epoch_progress(self) -> float:
        """Epochs done as a real number: 2.25 is a quarter into the third epoch."""
        return self.epoch + self._cursor / self.n_train

    @property
    def current_learning_rate(self) -> float:
        """The learning rate the next step will use (the schedule applied to ``hyper``)."""
        hyper = self.hyper
        if hyper.lr_schedule == "constant":  # the default: no progress to compute
            return hyper.learning_rate
        return hyper.learning_rate_at(self.epoch_progress)

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
        return self.apply(self.propose(size))

    def step_inputs(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The inputs (B, n_0) in the network's dtype and labels (B,) the next step feeds it."""
        dtype = self.network.dtype
        x = fetch_rows(self.train_x, self._train_bytes, indices, dtype)
        labels = self.train_y.take(indices)
        augment = self.augment
        if augment is not None:
            # Seeded by (seed, step): the same run gives the same moves on every machine.
            rng = np.random.default_rng([self.hyper.seed, 1, self.step_count])
            x = np.asarray(augment(x, rng), dtype=dtype)
        return x, labels

    def propose(self, size: int) -> ProposedStep:
        """The next step of ``size`` examples, computed and not taken; ``apply`` takes it.

        Nothing of the trainer changes: the network is only read (``Network.gradient``
        writes into fresh arrays) and the optimizer proposes on a shallow copy (``change``
        never writes its state in place; ``accept`` rebinds it). Raises ``DivergenceError``
        exactly when taking the step would.
        """
        indices = self.next_indices(size)
        x, labels = self.step_inputs(indices)
        lr = self.current_learning_rate
        decay = self.hyper.weight_decay
        penalty = 0.0
        optimizer = copy.copy(self.optimizer)
        params = self.network.params
        # Overflow is not an accident to warn about here but the lesson "η was too large":
        # it is detected below and reported as a DivergenceError.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            # Labels were checked once by set_data: the step's own, check-free gradient.
            forward, grads = self.network.step_gradient(x, labels)
            if decay > 0.0:
                penalty = add_weight_decay(self.network, grads, decay)
            change = optimizer.change(grads.flat, lr)
            # In the weights' dtype, whatever the optimizer's state is kept in.
            if change.dtype == params.dtype:
                new_params = params + change  # ~1 µs less than with an ``out=`` array
            else:
                new_params = np.add(params, change, out=np.empty_like(params))
            # Finite new weights imply a finite change; the loss can overflow on its own.
            diverged = not (math.isfinite(grads.loss) and all_finite(new_params))
        if diverged:
            # Not applied: the weights stay as they were before the step that blew up.
            raise DivergenceError(self.step_count + 1, grads.loss)
        return ProposedStep(
            self.step_count + 1,
            indices,
            labels,
            forward,
            grads,
            change,
            new_params,
            lr,
            penalty,
            optimizer,
        )

    def apply(self, proposed: ProposedStep) -> StepResult:
        """Take ``proposed`` (from ``propose`` since the last step): the weights become its
        ``new_params`` bit for bit, the optimizer keeps its proposal, the counters move."""
        if proposed.step != self.step_count + 1:
            raise ConfigError(
                f"step {proposed.step} was planned, but step {self.step_count + 1} is next"
            )
        watched_idx, params = self._watched_index, self.network.params
        before = params[watched_idx]
        params[...] = proposed.new_params
        self.optimizer = proposed.optimizer
        self.optimizer.accept()
        step = self.step_count = self.step_count + 1
        grads, change = proposed.gradients, proposed.change
        self.history.losses.append(step, grads.loss)
        # propose checked every weight, and made new_params for this step alone
        self.trajectory.offer(step, proposed.new_params, finite=True, fresh=True)
        self._cursor += len(proposed.indices)
        finished = self._cursor >= len(self.train_y)
        # Positional (names, value, gradient, rate, change, new value): keywords cost ~0.3 µs.
        watched = DescentStep(
            self._watched_names,
            before,
            grads.flat[watched_idx],
            proposed.learning_rate,
            change[watched_idx],
            params[watched_idx],
        )
        result = StepResult(
            step,
            self.epoch,
            proposed.indices,
            proposed.labels,
            proposed.forward,
            grads,
            change,
            watched,
            finished,
            proposed.learning_rate,
            proposed.weight_penalty,
        )
        if finished:
            self._finish_epoch()
        return result

    def _finish_epoch(self) -> None:
        if self.val_x is not None and self.val_y is not None:
            loss, acc = self.network.evaluate(self.val_x, self.val_y)
            self.history.add_epoch(EpochRecord(self.epoch, self.step_count, loss, acc))
        self.epoch += 1
        self._cursor = 0
        self._order = self._epoch_order(self.epoch)

    def _epoch_order(self, epoch: int) -> np.ndarray:
        return epoch_order(self.hyper.seed, epoch, self.n_train)


def epoch_order(seed: int, epoch: int, n_train: int) -> np.ndarray:
    """The order (n_train,) in which epoch ``epoch`` visits the training examples: a
    permutation seeded by ``(seed, epoch)``, the same on every machine."""
    return np.random.default_rng([seed, epoch]).permutation(n_train)


def add_weight_decay(network: Network, gradients: Gradients, weight_decay: float) -> float:
    """Turn the data loss's gradient into that of ``C + ½λ Σ w²``, in place; return ½λ Σ w².

    d(½λ Σ w²)/dw = λ·w for every weight; the biases' gradients are left alone. Works on the
    ``gradients.weights`` views, so ``gradients.flat`` changes with them.
    """
    total = 0.0
    for w, g in zip(network.weights, gradients.weights, strict=True):
        g += weight_decay * w
        total += float(np.vdot(w, w))
    return 0.5 * weight_decay * total


def all_finite(values: np.ndarray) -> bool:
    """Whether every number of ``values`` (P,) is finite, in one pass: their sum is NaN or ±∞
    when a term is, or when finite terms add up past the dtype's range (13,002 float32 weights
    averaging 2.6e34: diverged too). Call it under ``np.errstate(invalid="ignore",
    over="ignore")``, as ``propose`` does.

    The sum is the BLAS product values · 1: 1.4 µs for 13,002 float32 numbers, against 3.0 µs
    for ``np.add.reduce``. Both let go of the interpreter while they run (so does every ufunc
    over more than a few hundred numbers), so the window's thread is no worse off.
    """
    return math.isfinite(np.dot(values, ones_vector(len(values), values.dtype)))


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
