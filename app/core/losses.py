"""Output layers and their losses, each with the gradient that starts backpropagation.

Two pairings, as the lesson teaches them:

``mse``
    Sigmoid outputs and squared error against the one-hot target:
    ``C = Σ_j (a_j − y_j)²`` for one example ("we want output neuron 2 at 1, the rest at 0").
``cross_entropy``
    Softmax outputs (they sum to 1) and cross-entropy: ``C = −Σ_j y_j log a_j``.

The loss of a batch is the mean of its examples' losses, so a batch's gradient is the mean of
its examples' gradients.

Each loss gives, per example, both ``dC/da`` (the *nudge* each output neuron wants; the window
shows it) and ``dC/dz`` (the *delta* backpropagation pushes back through the weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from app.core.activations import Sigmoid
from app.errors import ConfigError

# log(0) is −inf; clipping keeps a confident wrong answer's loss large but finite.
_LOG_FLOOR = 1e-12
_SIGMOID = Sigmoid()


class OutputLoss(Protocol):
    name: str

    def output(self, z: np.ndarray) -> np.ndarray:
        """Output activations ``a`` from the last weighted sums ``z``, shape (B, n_out)."""
        ...

    def loss(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Per-example loss, shape (B,), given outputs ``a`` and one-hot targets ``y``."""
        ...

    def backward(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per-example ``(dC/da, dC/dz)``, each shape (B, n_out)."""
        ...


@dataclass(frozen=True)
class SquaredError:
    """Sigmoid outputs, ``C = Σ_j (a_j − y_j)²``; ``dC/da = 2(a − y)``, ``dC/dz = dC/da · σ'(z)``.

    No ½ in front: this is the cost as the lesson writes it, so its nudges are the lesson's.
    """

    name: str = "mse"

    def output(self, z: np.ndarray) -> np.ndarray:
        return _SIGMOID.forward(z)

    def loss(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        diff = a - y
        diff *= diff
        return diff.sum(axis=1)

    def backward(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        nudge = 2.0 * (a - y)
        return nudge, nudge * (a * (1.0 - a))


@dataclass(frozen=True)
class SoftmaxCrossEntropy:
    """Softmax outputs, ``C = −Σ_j y_j log a_j``; ``dC/da_j = −y_j / a_j``, ``dC/dz = a − y``.

    ``dC/dz`` is the famous simple form; ``dC/da`` is what the nudges show: with softmax only
    the target neuron wants to move directly, the others follow through the normalisation.
    """

    name: str = "cross_entropy"

    def output(self, z: np.ndarray) -> np.ndarray:
        shifted = z - z.max(axis=1, keepdims=True)  # same softmax, no overflow
        e = np.exp(shifted)
        return e / e.sum(axis=1, keepdims=True)

    def loss(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        return -(y * np.log(np.maximum(a, _LOG_FLOOR))).sum(axis=1)

    def backward(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        return -y / np.maximum(a, _LOG_FLOOR), a - y


LOSSES: dict[str, OutputLoss] = {f.name: f for f in (SquaredError(), SoftmaxCrossEntropy())}


def get_loss(name: str) -> OutputLoss:
    try:
        return LOSSES[name]
    except KeyError:
        raise ConfigError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None


def one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Labels, shape (B,) ints, to one-hot targets, shape (B, n_classes) float64."""
    y = np.zeros((labels.shape[0], n_classes))
    y[np.arange(labels.shape[0]), labels] = 1.0
    return y
