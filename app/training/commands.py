"""Commands the window sends to the training worker. Plain immutable values, no Qt.

They travel through a thread-safe queue and are carried out between two steps, so a step is
always applied whole: a command never lands in the middle of one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from app.core.model_file import ModelFile
from app.core.network import Architecture
from app.core.training import Hyperparameters

Granularity = Literal["example", "batch", "epoch"]


@dataclass(frozen=True)
class Play:
    """Train continuously (at most ``speed_limit`` steps a second, see SetSpeedLimit)."""


@dataclass(frozen=True)
class Pause:
    """Stop after the current step."""


@dataclass(frozen=True)
class Step:
    """One example, one mini-batch, or the rest of the epoch; pauses continuous training."""

    granularity: Granularity = "batch"


@dataclass(frozen=True)
class RestoreWeights:
    """Go back to the weights kept by the divergence watch (the best before an explosion).

    History and step count go on; the optimizer starts afresh.
    """


@dataclass(frozen=True)
class Reset:
    """New seeded weights, same architecture; history cleared."""

    seed: int | None = None


@dataclass(frozen=True)
class UndoReset:
    """Back to the network, history and step count from before the last Reset, exactly."""


@dataclass(frozen=True)
class SetHyperparameters:
    """Learning rate, batch size, optimizer, seed: apply at the next step, weights kept."""

    hyper: Hyperparameters


@dataclass(frozen=True)
class SetArchitecture:
    """New layers or functions: new seeded weights (the window asked the teacher first).

    ``pretrained``: new layers start from the shipped pretrained model for ``architecture``
    (``app.pretrained_model_for``) instead, when one ships; its weights only, the session's
    hyperparameters stay."""

    architecture: Architecture
    pretrained: bool = False


@dataclass(frozen=True)
class SetSpeedLimit:
    """At most this many steps a second; None for as fast as possible."""

    steps_per_second: float | None


@dataclass(frozen=True)
class Watch:
    """Report the five numbers of these parameters (positions in the flat vector)."""

    indices: tuple[int, ...]


@dataclass(frozen=True)
class AddExample:
    """A drawing the class labelled: ``image`` (28, 28) float in [0, 1]."""

    image: np.ndarray
    label: int


@dataclass(frozen=True)
class LoadModel:
    """Replace the model (and its hyperparameters, optimizer state, history)."""

    model: ModelFile


@dataclass(frozen=True)
class LoadModelFile:
    """Read a session or model file and load it, in the worker's thread: a big or hostile
    file never freezes the window. A file that cannot be read changes nothing (``failed``
    says why); a loaded one is announced by ``session_loaded(path)``."""

    path: str


@dataclass(frozen=True)
class SetData:
    """Replace the training and validation sets (images uint8 (N, 28, 28), labels (N,))."""

    name: str
    train_images: np.ndarray
    train_labels: np.ndarray
    val_images: np.ndarray
    val_labels: np.ndarray


@dataclass(frozen=True)
class SaveModel:
    """Write the model (weights, hyperparameters, optimizer state, history) to ``path``."""

    path: str


@dataclass(frozen=True)
class PlanLesson:
    """Pause and take the next step apart without taking it (see ``app.core.lesson``).

    The worker answers with ``lesson_planned(LessonStep)``; a later ``Step`` of the same
    granularity lands on its ``params_after`` bit for bit.
    """

    granularity: Granularity = "batch"


@dataclass(frozen=True)
class SetParams:
    """Train on from these weights (the neuron lab's kept edits): same architecture, history
    and step count go on, the optimizer starts afresh. ``params`` (P,). ``dtype`` ("float32"
    or "float64"): what the network computes in from now on; None keeps the network's (a
    lesson stop's saved weights come back in the dtype they were saved in, bit for bit)."""

    params: np.ndarray
    dtype: str | None = None


@dataclass(frozen=True)
class SetWeight:
    """Set one weight or bias by hand: ``index`` in the flat vector, ``value`` as a number.

    Training pauses first (a drag is a look at one weight, not a run). The snapshot's
    ``weight_edit`` answers with the loss change the gradient predicted and the real one, on
    the mini-batch the next step learns from. ``continues``: the same drag goes on, measured
    from where it started, and Undo takes the whole drag back at once. A value that is not
    finite, or an index outside the network, changes nothing (``failed`` says why).
    """

    index: int
    value: float
    continues: bool = False


@dataclass(frozen=True)
class UndoWeight:
    """Take back the last weight set by hand (a whole drag), bit for bit; pauses training.
    Only while nothing else has changed the weights since (a step, a reset, a load)."""


@dataclass(frozen=True)
class ShareData:
    """Ask for the training data as it is now; answered by ``data_shared(TrainingData)``."""


@dataclass(frozen=True)
class RemoveExamples:
    """Delete class drawings from the training data: positions in ``TrainingData``'s arrays.
    Only drawings can be removed; the dataset itself stays whole."""

    indices: tuple[int, ...]


@dataclass(frozen=True)
class Shutdown:
    """Leave the loop; the thread then finishes."""


Command = (
    Play
    | Pause
    | Step
    | Reset
    | UndoReset
    | RestoreWeights
    | SetHyperparameters
    | SetArchitecture
    | SetSpeedLimit
    | Watch
    | AddExample
    | LoadModel
    | LoadModelFile
    | SetData
    | SaveModel
    | PlanLesson
    | SetParams
    | SetWeight
    | UndoWeight
    | ShareData
    | RemoveExamples
    | Shutdown
)
