"""One weight set by hand: the change of the loss the gradient predicts, and the real one.

The article's "we want this weight higher" made touchable. For a network with parameters θ
(P,), a mini-batch (x, y) and one parameter w = θ[i] moved to w + Δw (every other parameter
held still), with C the batch's mean data loss (the loss curve's, no weight-decay penalty):

    predicted  ΔC_pred = ∂C/∂w · Δw                 (the gradient's first-order promise)
    real       ΔC_real = C(θ + Δw·e_i) − C(θ)       (two forward passes on the same batch)

Taylor's theorem gives ΔC_real = ∂C/∂w · Δw + ½ ∂²C/∂w² · Δw² + O(Δw³), so the two agree
up to a relative gap of about |½ ∂²C/∂w² · Δw / (∂C/∂w)|: close for a small Δw on a weight
the batch cares about, apart for a large drag (the curve bends) or a weight whose gradient is
nearly zero (there is nothing first-order left to predict).

Both are computed in float64 whatever the network trains in: at Δw = 10⁻³ a change of the
loss is ~10⁻⁵ of a loss ~0.1–2, where float32's rounding (6 × 10⁻⁸ relative, on sums of
hundreds of terms) would already be a visible part of it. Δw is the change the network's
own dtype really stores (a float32 weight rounds the value asked for), so the prediction and
the real change are about the same move.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.core.losses import one_hot
from app.core.network import Network
from app.errors import ConfigError


@dataclass(frozen=True)
class WeightNudge:
    """One parameter moved by hand, and what it did to the loss of one mini-batch.

    ``index`` the flat parameter index, ``name`` its name (``Architecture.parameter_name``);
    ``old_value`` and ``new_value`` the parameter before and after, as stored (the network's
    dtype, widened to float); ``gradient`` ∂C/∂w at the old weights; ``loss_before`` C(θ),
    ``loss_after`` C(θ + Δw·e_i), both the mean over the ``batch_size`` examples.
    """

    index: int
    name: str
    old_value: float
    new_value: float
    gradient: float
    loss_before: float
    loss_after: float
    batch_size: int

    @property
    def delta(self) -> float:
        """Δw = new − old (as stored)."""
        return self.new_value - self.old_value

    @property
    def predicted(self) -> float:
        """ΔC_pred = ∂C/∂w · Δw."""
        return self.gradient * self.delta

    @property
    def real(self) -> float:
        """ΔC_real = C(θ + Δw·e_i) − C(θ)."""
        return self.loss_after - self.loss_before

    @property
    def relative_gap(self) -> float | None:
        """|ΔC_real − ΔC_pred| / |ΔC_real|; None when the loss did not change at all."""
        if self.real == 0.0:
            return None
        return abs(self.real - self.predicted) / abs(self.real)


def checked_value(network: Network, index: object, value: object) -> tuple[int, float]:
    """``(index, value)`` when ``index`` is a parameter of ``network`` and ``value`` a finite
    number its dtype can store; else ``ConfigError`` saying which is wrong."""
    n = network.architecture.n_parameters
    if isinstance(index, bool) or not isinstance(index, int | np.integer) or not 0 <= index < n:
        raise ConfigError(f"{index!r} is not a weight or bias of this network (0 … {n - 1})")
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ConfigError(f"{value!r} is not a number a weight can be set to")
    value = float(value)
    with np.errstate(over="ignore"):  # past float32's range is the refusal below
        stored = float(network.dtype.type(value))
    if not math.isfinite(value) or not math.isfinite(stored):
        raise ConfigError(f"a weight must be a finite number, not {value!r}")
    return int(index), value


def nudge_weight(
    network: Network, x: np.ndarray, labels: np.ndarray, index: int, value: float
) -> WeightNudge:
    """What setting parameter ``index`` of ``network`` to ``value`` does to the mean loss of
    the batch ``x`` (B, n_0), ``labels`` (B,). ``network`` itself is not changed.

    The new value is first rounded to the network's dtype (what storing it keeps); the
    gradient and both losses are then computed in float64 (see the module's docstring).
    Raises ``ConfigError`` for an index outside the network or a value that is not finite.
    """
    index, value = checked_value(network, index, value)
    stored = float(network.dtype.type(value))
    wide = Network(network.architecture, params=network.params, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    _forward, gradients = wide.gradient(x, labels)
    old = float(wide.params[index])
    wide.params[index] = stored
    after = wide.forward(x)
    y = one_hot(np.asarray(labels), wide.layer_sizes[-1], np.float64)
    losses = wide.output_loss.loss(after.output, y, after.weighted_sums[-1])
    loss_after = float(np.add.reduce(losses)) / len(losses)  # as ``Gradients.loss`` sums
    return WeightNudge(
        index=index,
        name=network.architecture.parameter_name(index),
        old_value=old,
        new_value=stored,
        gradient=float(gradients.flat[index]),
        loss_before=gradients.loss,
        loss_after=loss_after,
        batch_size=len(gradients.losses),
    )
