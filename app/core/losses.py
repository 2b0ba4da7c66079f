"""Output layers and their losses, each with the gradient that starts backpropagation.

Two pairings, as the lesson teaches them:

``mse``
    Sigmoid outputs and squared error against the one-hot target:
    ``C = Σ_j (a_j − y_j)²`` for one example ("we want output neuron 2 at 1, the rest at 0").
``cross_entropy``
    Softmax outputs (they sum to 1) and cross-entropy: ``C = −Σ_j y_j log a_j``, computed from
    the weighted sums ``z`` as ``C = logsumexp(z) − Σ_j y_j z_j`` (``log a_j = z_j −
    logsumexp(z)`` exactly), so it stays exact and finite however wrong and confident the
    network is: from the outputs, a softmax output that underflows to 0 would need a floor
    under the log, and the loss would stop at that floor (about 27.6) while the truth is far
    larger.

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

# log(0) is −inf: only for cross-entropy from outputs alone (without the weighted sums), a
# floor keeps a confident wrong answer's loss large but finite.
_LOG_FLOOR = 1e-12
# e^709 is about 8e307, the largest power of e a float64 holds: the nudge −y/a = −y·e^(lse − z)
# is exact up to there and stops at it instead of becoming infinite.
_EXP_MAX = 709.0
# The same for float32, which holds up to about e^88.7 (3.4e38).
_EXP_MAX_FLOAT32 = 88.0
_SIGMOID = Sigmoid()


class OutputLoss(Protocol):
    name: str

    def output(self, z: np.ndarray) -> np.ndarray:
        """Output activations ``a`` from the last weighted sums ``z``, shape (B, n_out)."""
        ...

    def loss(self, a: np.ndarray, y: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
        """Per-example loss, shape (B,), given outputs ``a`` and one-hot targets ``y``.

        Leading axes are kept: ``a``, ``z`` (G, B, n_out) and ``y`` (B, n_out) give (G, B).
        ``z``: the weighted sums the outputs came from, shape (B, n_out). Pass them whenever
        they exist: cross-entropy is exact only with them (see the module docstring).
        """
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

    def loss(self, a: np.ndarray, y: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
        diff = a - y
        diff *= diff
        return diff.sum(axis=-1)

    def backward(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        nudge = 2.0 * (a - y)
        return nudge, nudge * (a * (1.0 - a))


@dataclass(frozen=True)
class SoftmaxCrossEntropy:
    """Softmax outputs, ``C = −Σ_j y_j log a_j``; ``dC/da_j = −y_j / a_j``, ``dC/dz = a − y``.

    With ``m = max_k z_k`` and ``S = Σ_k e^(z_k − m)`` (between 1 and n: nothing overflows),
    ``log a_j = (z_j − m) − log S`` exactly, so

        C = log S · Σ_j y_j − Σ_j y_j (z_j − m)      (= log S − (z_label − m) for a one-hot y)

    ``dC/dz = a − y`` is the famous simple form and is exact (the softmax is computed shifted);
    ``dC/da`` is what the nudges show: with softmax only the target neuron wants to move
    directly, the others follow through the normalisation. It is −y_j · e^(log S − (z_j − m)),
    exact up to e^709 (8e307) even where a_j itself underflows to 0.
    """

    name: str = "cross_entropy"

    def output(self, z: np.ndarray) -> np.ndarray:
        shifted = z - z.max(axis=-1, keepdims=True)  # same softmax, no overflow
        e = np.exp(shifted)
        return e / e.sum(axis=-1, keepdims=True)

    def loss(self, a: np.ndarray, y: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
        if z is None:
            # Outputs alone: exact until a softmax output underflows below the floor.
            return -(y * np.log(np.maximum(a, _LOG_FLOOR))).sum(axis=-1)
        shifted, log_sum = _shifted_log_sum(z)
        return log_sum * y.sum(axis=-1) - (y * shifted).sum(axis=-1)

    def backward(
        self, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        shifted, log_sum = _shifted_log_sum(z)
        most = _EXP_MAX if z.dtype == np.float64 else _EXP_MAX_FLOAT32
        nudge = -y * np.exp(np.minimum(log_sum[..., np.newaxis] - shifted, most))
        return nudge, a - y


def _shifted_log_sum(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``z − m`` and ``log S`` (see ``SoftmaxCrossEntropy``), along the last axis."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted, np.log(np.exp(shifted).sum(axis=-1))


LOSSES: dict[str, OutputLoss] = {f.name: f for f in (SquaredError(), SoftmaxCrossEntropy())}


def get_loss(name: str) -> OutputLoss:
    try:
        return LOSSES[name]
    except KeyError:
        raise ConfigError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None


def one_hot(labels: np.ndarray, n_classes: int, dtype: object = np.float64) -> np.ndarray:
    """Labels, shape (B,) whole numbers 0 … n_classes − 1, to one-hot targets (B, n_classes).

    Anything else raises ``ConfigError`` rather than being read as something it is not: numpy
    would take the label −1 as the last class, and a single number (shape ()) has no rows.
    """
    labels = checked_labels(labels, n_classes)
    y = np.zeros((labels.shape[0], n_classes), dtype=dtype)
    y[np.arange(labels.shape[0]), labels] = 1.0
    return y


def checked_labels(labels: object, n_classes: int) -> np.ndarray:
    """``labels`` as an integer array of shape (B,), each 0 … n_classes − 1; else ConfigError."""
    array = np.asarray(labels)
    if array.ndim == 0:
        value = array.item()
        raise ConfigError(
            f"labels must be a list with one whole number per example, got the single value "
            f"{value!r}; for one example write [{value!r}]"
        )
    if array.ndim != 1:
        raise ConfigError(
            f"labels must be a list with one whole number per example, got an array of shape "
            f"{array.shape}"
        )
    if array.dtype.kind not in "iu":
        raise ConfigError(
            f"labels must be whole numbers 0 to {n_classes - 1}, got values of type {array.dtype}"
        )
    if array.size and (array.min() < 0 or array.max() >= n_classes):
        bad = array[(array < 0) | (array >= n_classes)][0]
        raise ConfigError(
            f"labels must be whole numbers 0 to {n_classes - 1} (one per output neuron), got {bad}"
        )
    return array
