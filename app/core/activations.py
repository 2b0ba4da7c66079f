"""Activation functions, each with its forward and backward side by side.

A neuron's value is ``a = f(z)``, where ``z`` is its weighted sum plus bias. Backpropagation
needs ``da/dz`` at the same point; every activation here can give it from ``z`` and ``a``
together, which is cheap because the forward pass keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from app.errors import ConfigError


class Activation(Protocol):
    name: str

    def forward(self, z: np.ndarray) -> np.ndarray:
        """``a = f(z)``, elementwise, any shape."""
        ...

    def backward(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """``da/dz`` elementwise, given ``z`` and ``a = f(z)``."""
        ...


@dataclass(frozen=True)
class Sigmoid:
    """``σ(z) = 1 / (1 + e^(-z))``, squashing any sum into (0, 1); ``σ'(z) = σ(z)(1 − σ(z))``."""

    name: str = "sigmoid"

    def forward(self, z: np.ndarray) -> np.ndarray:
        # Only very negative z can overflow e^(-z); σ(−40) is 4e-18, so nothing changes.
        return 1.0 / (1.0 + np.exp(-np.maximum(z, -40.0)))

    def backward(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        return a * (1.0 - a)


@dataclass(frozen=True)
class ReLU:
    """``relu(z) = max(0, z)``; its slope is 1 where the neuron is on and 0 where it is off."""

    name: str = "relu"

    def forward(self, z: np.ndarray) -> np.ndarray:
        return np.maximum(z, 0.0)

    def backward(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        return (z > 0.0).astype(z.dtype)


@dataclass(frozen=True)
class Tanh:
    """``tanh(z)`` in (−1, 1); ``tanh'(z) = 1 − tanh(z)²``."""

    name: str = "tanh"

    def forward(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(z)

    def backward(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        return 1.0 - a * a


ACTIVATIONS: dict[str, Activation] = {f.name: f for f in (Sigmoid(), ReLU(), Tanh())}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ConfigError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
