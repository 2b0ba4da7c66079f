"""The five numbers of one gradient-descent step, as the lesson writes them down.

    (1) the current value of each weight          w = (0.5, 0.2)
    (2) the gradient there                        ∇C = (−0.1, −0.2); downhill is −∇C = (0.1, 0.2)
    (3) the learning rate                         η = 0.1
    (4) the change: η × (−∇C)                     Δw = (0.01, 0.02)
    (5) the new value: w + Δw                     w = (0.51, 0.22)

For momentum and Adam the change is what the optimizer chose, not η × (−∇C); the record
keeps the real change so the numbers always add up: new value = value + change.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class DescentStep(NamedTuple):
    """One step for ``k`` chosen weights; every array has shape (k,).

    A named tuple, not a frozen dataclass: every training step makes one (0.7 µs of a
    60 µs step at batch 10 as a dataclass).
    """

    names: tuple[str, ...]
    value: np.ndarray
    gradient: np.ndarray
    learning_rate: float
    change: np.ndarray
    new_value: np.ndarray

    @property
    def negative_gradient(self) -> np.ndarray:
        return -self.gradient

    def lines(self) -> list[str]:
        """The five steps as text, numbers in the lesson's short form."""

        def vec(a: np.ndarray) -> str:
            return "(" + ", ".join(format_number(v) for v in a) + ")"

        names = ", ".join(self.names)
        return [
            f"1. current ({names}) = {vec(self.value)}",
            f"2. gradient = {vec(self.gradient)}; "
            f"negative gradient = {vec(self.negative_gradient)}",
            f"3. learning rate η = {format_number(self.learning_rate)}",
            f"4. change = {vec(self.change)}",
            f"5. new ({names}) = {vec(self.new_value)}",
        ]


def descent_step(
    value: np.ndarray,
    gradient: np.ndarray,
    learning_rate: float,
    names: tuple[str, ...] | None = None,
) -> DescentStep:
    """Plain gradient descent on a few weights: change = η × (−gradient), new = value + change."""
    value = np.asarray(value, dtype=np.float64)
    gradient = np.asarray(gradient, dtype=np.float64)
    change = learning_rate * -gradient
    if names is None:
        names = tuple(f"w{i + 1}" for i in range(value.shape[0]))
    return DescentStep(names, value, gradient, learning_rate, change, value + change)


def format_number(x: float) -> str:
    """6 significant digits: 0.1 × 0.1 reads 0.01, as in the lesson, not 0.010000000000000002."""
    x = float(x)
    if x == 0.0:
        return "0"
    return f"{x:.6g}"
