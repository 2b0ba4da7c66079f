"""What training leaves behind, in bounded memory: the loss of every step, the path the
weights took (for the loss landscape) and each epoch's validation figures."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.errors import ConfigError

#: Epoch records kept (``TrainingHistory.add_epoch``); a model file holds at most this many.
MAX_EPOCHS = 200_000


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
        """A history of ``steps`` and ``losses`` (1-D, equal lengths), as if appended one by
        one (model files hold at most ``capacity`` points, so this stays a few ms)."""
        history = cls(max(capacity, 2))
        for s, v in zip(np.asarray(steps), np.asarray(losses), strict=True):
            history.append(float(s), float(v))
        return history


class Trajectory:
    """The path θ took during training, in bounded memory, for the loss landscape.

    Every ``stride``-th step's parameters are kept as a read-only float32 array, at most
    ``capacity`` points; when full, every other point is dropped and the stride doubles, so
    the path always spans the whole run. ``points`` and ``steps`` are immutable tuples: a
    snapshot can hold them without copying, and the next point makes new ones. Parameters
    beyond float32's range (|θ_i| > 3.4e38) are refused, so every point kept is finite.

    The trainer's new weights are a fresh float32 array at every step, which nothing writes
    again; they are kept as they are (``fresh=True``), not copied. A copy into memory the
    dataset's rows had pushed out of the cache cost 13-25 µs, and ~900 points are kept in
    the first 6,000 steps: ~3 µs a step, 5 % of a step at batch 10.
    """

    def __init__(self, capacity: int = 256) -> None:
        if capacity < 4:
            raise ConfigError("a trajectory needs room for at least 4 points")
        self.capacity = capacity
        self.stride = 1
        self._points: list[np.ndarray] = []
        self._steps: list[int] = []
        self._shown: tuple[tuple[np.ndarray, ...], tuple[int, ...]] | None = ((), ())

    @property
    def points(self) -> tuple[np.ndarray, ...]:
        return self._tuples()[0]

    @property
    def steps(self) -> tuple[int, ...]:
        return self._tuples()[1]

    def _tuples(self) -> tuple[tuple[np.ndarray, ...], tuple[int, ...]]:
        if self._shown is None:
            self._shown = (tuple(self._points), tuple(self._steps))
        return self._shown

    def offer(
        self, step: int, params: np.ndarray, *, finite: bool = False, fresh: bool = False
    ) -> None:
        """Keep ``params`` (P,) if ``step`` falls on the stride (step 0 is the start).

        ``finite=True``: the caller has checked that every parameter is finite (the trainer
        has, before it applies a step), so float32 parameters need no second look.
        ``fresh=True``: ``params`` is a new array that nothing will write into again (the
        trainer's new weights); if it is float32 it is kept itself, made read-only.
        """
        if step % self.stride:
            return
        if len(self._points) >= self.capacity:
            self._thin()
            if step % self.stride:
                return
        if params.dtype == np.float32:
            if not (finite or np.isfinite(params).all()):
                return
            point = params if fresh else params.copy()
        else:
            with np.errstate(over="ignore"):
                point = params.astype(np.float32)
            if not np.isfinite(point).all():
                # Weights past float32's range (3.4e38, only ever after an explosion) are not
                # kept: the path ends at the last point that fits, rather than holding an ∞.
                return
        point.flags.writeable = False
        self._points.append(point)
        self._steps.append(step)
        self._shown = None

    def _thin(self) -> None:
        """Drop every other point and double the stride."""
        self._points, self._steps = self._points[::2], self._steps[::2]
        self.stride *= 2
        self._shown = None

    def __len__(self) -> int:
        return len(self._points)


@dataclass
class EpochRecord:
    """Validation figures at the end of an epoch."""

    epoch: int
    step: int
    val_loss: float
    val_accuracy: float


@dataclass
class TrainingHistory:
    """The loss of every step (bounded, see ``LossHistory``) and every epoch's validation.

    ``add_epoch`` keeps at most ``MAX_EPOCHS`` records, dropping every other old one when
    full (the first and the newest stay): on a tiny dataset every step is an epoch, and an
    hour of that must still save a session that opens again (model files refuse more).
    """

    losses: LossHistory = field(default_factory=LossHistory)
    epochs: list[EpochRecord] = field(default_factory=list)

    def add_epoch(self, record: EpochRecord) -> None:
        if len(self.epochs) >= MAX_EPOCHS:
            self.epochs[:] = self.epochs[:-1:2] + self.epochs[-1:]
        self.epochs.append(record)
