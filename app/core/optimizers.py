"""Optimizers: how a gradient becomes a change of the weights.

Every optimizer works on the flat parameter vector and returns the *change* it wants,
``Δθ``; the caller applies it with ``θ += Δθ``. Keeping the change explicit is what lets a
lesson show step (4) of gradient descent, "the change", for any weight.

``change`` only proposes: the optimizer's own state (velocity, moments) moves on when the
caller accepts the step, so a step refused for diverging leaves no trace anywhere.

The learning rate is passed on every call, so a new value applies at the very next step.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from app.errors import ConfigError


class Optimizer(Protocol):
    name: str

    def change(self, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        """The change ``Δθ`` (shape (P,)) proposed for a gradient of shape (P,)."""
        ...

    def accept(self) -> None:
        """The proposed change was applied: move the internal state on."""
        ...

    def state(self) -> dict[str, np.ndarray]:
        """Internal state as arrays, for model files."""
        ...

    def load_state(self, state: dict[str, np.ndarray], n_parameters: int) -> None:
        """Restore what ``state()`` returned; raises ConfigError if it does not fit."""
        ...


class GradientDescent:
    """Plain gradient descent: ``Δθ = η · (−∇C)``. The lesson's default."""

    name = "gd"

    def __copy__(self) -> GradientDescent:
        return self  # no state: the proposing copy (Trainer.propose) can be the optimizer itself

    def change(self, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        return -learning_rate * gradient

    def accept(self) -> None:
        return None

    def state(self) -> dict[str, np.ndarray]:
        return {}

    def load_state(self, state: dict[str, np.ndarray], n_parameters: int) -> None:
        return None


class Momentum:
    """Heavy ball: ``v ← μv − η∇C``, ``Δθ = v``. Rolls through flat valleys, may overshoot."""

    name = "momentum"

    def __init__(self, momentum: float = 0.9) -> None:
        if not 0.0 <= momentum < 1.0:
            raise ConfigError(f"momentum must be in [0, 1), got {momentum}")
        self.momentum = momentum
        self.velocity: np.ndarray | None = None
        self._proposed: np.ndarray | None = None

    def change(self, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        velocity = np.zeros_like(gradient) if self.velocity is None else self.velocity
        self._proposed = self.momentum * velocity - learning_rate * gradient
        return self._proposed.copy()

    def accept(self) -> None:
        self.velocity, self._proposed = self._proposed, None

    def state(self) -> dict[str, np.ndarray]:
        return {} if self.velocity is None else {"velocity": self.velocity.copy()}

    def load_state(self, state: dict[str, np.ndarray], n_parameters: int) -> None:
        self.velocity = _checked(state, "velocity", n_parameters)


class Adam:
    """Adam (Kingma & Ba, 2015): per-weight step sizes from running gradient moments.

    ``m ← β₁m + (1−β₁)g``, ``v ← β₂v + (1−β₂)g²``, ``Δθ = −η · m̂ / (√v̂ + ε)`` with
    bias-corrected ``m̂ = m/(1−β₁ᵗ)``, ``v̂ = v/(1−β₂ᵗ)``.
    """

    name = "adam"

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None
        self._proposed: tuple[np.ndarray, np.ndarray] | None = None

    def change(self, gradient: np.ndarray, learning_rate: float) -> np.ndarray:
        m = (1.0 - self.beta1) * gradient
        v = (1.0 - self.beta2) * gradient * gradient
        if self.m is not None and self.v is not None:
            m += self.beta1 * self.m
            v += self.beta2 * self.v
        self._proposed = (m, v)
        t = self.t + 1
        m_hat = m / (1.0 - self.beta1**t)
        v_hat = v / (1.0 - self.beta2**t)
        return -learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)

    def accept(self) -> None:
        if self._proposed is not None:
            (self.m, self.v), self._proposed = self._proposed, None
            self.t += 1

    def state(self) -> dict[str, np.ndarray]:
        if self.m is None or self.v is None:
            return {}
        return {"m": self.m.copy(), "v": self.v.copy(), "t": np.array(self.t, dtype=np.int64)}

    def load_state(self, state: dict[str, np.ndarray], n_parameters: int) -> None:
        self.m = _checked(state, "m", n_parameters)
        self.v = _checked(state, "v", n_parameters)
        if self.m is None or self.v is None:
            self.m = self.v = None
            self.t = 0
            return
        t = state.get("t")
        if t is None or np.asarray(t).shape != () or int(t) < 0:
            raise ConfigError("Adam state has no valid step count 't'")
        self.t = int(t)


OPTIMIZER_NAMES = ("gd", "momentum", "adam")


def make_optimizer(name: str) -> Optimizer:
    if name == "gd":
        return GradientDescent()
    if name == "momentum":
        return Momentum()
    if name == "adam":
        return Adam()
    raise ConfigError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZER_NAMES)}")


def state_in(state: dict[str, np.ndarray], dtype: np.dtype | None) -> dict[str, np.ndarray]:
    """``state`` (an optimizer's, as ``state()`` gives it) with its float arrays in ``dtype``
    (the network's: a float32 network's steps then stay float32); None leaves it as it is."""
    if dtype is None:
        return state
    arrays = {k: np.asarray(v) for k, v in state.items()}
    return {k: v.astype(dtype) if v.dtype.kind == "f" else v for k, v in arrays.items()}


def _checked(state: dict[str, np.ndarray], key: str, n_parameters: int) -> np.ndarray | None:
    if key not in state:
        return None
    arr = np.asarray(state[key])
    if arr.shape != (n_parameters,) or arr.dtype.kind != "f" or not np.all(np.isfinite(arr)):
        raise ConfigError(f"optimizer state {key!r} does not fit this network")
    # float32 state (of a float32 network) stays float32: widened, the next step would round
    # differently from the run that saved it.
    return arr.astype(np.float32 if arr.dtype == np.float32 else np.float64, copy=True)
