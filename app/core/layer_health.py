"""Layer health: is every layer still learning, and is every neuron still alive?

Three views of the same question:

- **Gradient size per layer over time.** For weight layer i (the weights W[i] between layers
  i and i+1), the average size of one weight's gradient, mean |∂C/∂w| over that layer's
  weights. A mean, not a sum, so layers of 12,544 and of 160 weights can share one axis. In
  a deep sigmoid network the first layers' sizes sit orders of magnitude below the last's:
  the vanishing gradient, drawn.
- **Histograms** of each layer's weights now against at initialisation (where training took
  them), and of the last step's gradients.
- **Stuck neurons** per hidden layer on a fixed sample of examples: *saturated* (sigmoid or
  tanh output pinned near a limit, so its slope and every gradient through it are nearly 0)
  and *dead* (a ReLU that is off for every example, so no gradient reaches it at all).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.network import Architecture, Network
from app.errors import ConfigError

#: Saturated means within this share of the output's range from one of its limits: a sigmoid
#: output below 0.02 or above 0.98, a tanh output beyond ±0.96. At that point the slope is
#: under 8 % of its largest value (σ' < 0.0196 of 0.25, tanh' < 0.078 of 1), for both alike.
SATURATION_EPSILON = 0.02
#: "Most" of the sample: a neuron counts as saturated when it is saturated on at least this
#: share of the examples. Any lower and a neuron that is merely confident about the digits it
#: detects (saturated off on the nine others, which is healthy) would count.
SATURATED_ON_SHARE = 0.9
#: Limits of each bounded activation's output, for the saturation test.
OUTPUT_LIMITS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
DEFAULT_BINS = 40


class GradientSizeHistory:
    """Mean |gradient| per weight layer, step by step, in bounded memory.

    Feed it every step's flat gradient (P,) and the network's architecture. Up to
    ``capacity`` steps are kept; when full, neighbouring pairs are averaged (as in
    ``LossHistory``): older history gets coarser and the whole run stays in view. A new
    architecture (the network was replaced) starts a new history.
    """

    def __init__(self, capacity: int = 4096) -> None:
        if capacity < 2:
            raise ConfigError("history capacity must be at least 2")
        self.capacity = capacity
        self.architecture: Architecture | None = None
        self._steps = np.empty(capacity)
        self._sizes = np.empty((capacity, 0))
        self._n = 0

    def append(self, gradient: np.ndarray, architecture: Architecture, step: float) -> np.ndarray:
        """Record step ``step``'s gradient (P,); returns that step's sizes (L,)."""
        sizes = mean_gradient_size(gradient, architecture)
        if architecture != self.architecture:
            self.architecture = architecture
            self._sizes = np.empty((self.capacity, architecture.n_layers))
            self._n = 0
        if self._n == self.capacity:
            half = self.capacity // 2
            self._steps[:half] = self._steps[: 2 * half].reshape(half, 2).mean(axis=1)
            self._sizes[:half] = self._sizes[: 2 * half].reshape(half, 2, -1).mean(axis=1)
            self._n = half
        self._steps[self._n] = step
        self._sizes[self._n] = sizes
        self._n += 1
        return sizes

    def clear(self) -> None:
        self._n = 0

    @property
    def steps(self) -> np.ndarray:
        """The steps recorded (K,), a copy."""
        return self._steps[: self._n].copy()

    @property
    def sizes(self) -> np.ndarray:
        """Mean |gradient| per step and weight layer (K, L), a copy; column i is W[i]."""
        return self._sizes[: self._n].copy()

    @property
    def latest(self) -> np.ndarray | None:
        """The newest row (L,), or None before the first step."""
        return self._sizes[self._n - 1].copy() if self._n else None

    def __len__(self) -> int:
        return self._n


def mean_gradient_size(gradient: np.ndarray, architecture: Architecture) -> np.ndarray:
    """(L,): for each weight layer i, mean |g| over the weights of W[i] (biases left out).

    One pass for |g| and one ``reduceat`` for the sums of every segment (weights, biases,
    weights, …), every other kept: the worker records this 100 times a second while it
    trains, and a slice, ``abs`` and ``mean`` per layer took ~100 µs a record.
    """
    gradient = _flat(gradient, architecture, "gradient")
    offsets = architecture.offsets
    starts = [edge for w0, b0, _ in offsets for edge in (w0, b0)]
    sums = np.add.reduceat(np.abs(gradient, dtype=np.float64), starts)[::2]
    return sums / np.array([b0 - w0 for w0, b0, _ in offsets], dtype=np.float64)


@dataclass(frozen=True)
class Histogram:
    """Counts of values in bins: ``counts[k]`` values fall in [edges[k], edges[k+1])
    (the last bin includes its right edge). ``edges`` (bins+1,), ``counts`` (bins,) int."""

    edges: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class WeightHistograms:
    """One weight layer's weights now and at initialisation, on the same bins.

    ``edges`` (bins+1,) symmetric about 0 and spanning both sets of weights; ``now`` and
    ``initial`` (bins,) counts. Same bins, same number of weights: the bars compare directly.
    """

    layer: int
    edges: np.ndarray
    now: np.ndarray
    initial: np.ndarray


def weight_histograms(
    params: np.ndarray,
    initial_params: np.ndarray,
    architecture: Architecture,
    bins: int = DEFAULT_BINS,
) -> list[WeightHistograms]:
    """Per weight layer i, histograms of W[i] now (``params``) and at the start.

    ``initial_params`` is the flat vector the run started from, e.g.
    ``initial_parameters(architecture, seed)``. Biases are left out.
    """
    params = _flat(params, architecture, "parameters")
    initial_params = _flat(initial_params, architecture, "initial parameters")
    out = []
    for i, (w0, b0, _) in enumerate(architecture.offsets):
        now, start = params[w0:b0], initial_params[w0:b0]
        edges = _symmetric_edges(max(np.abs(now).max(), np.abs(start).max()), bins)
        out.append(
            WeightHistograms(i, edges, np.histogram(now, edges)[0], np.histogram(start, edges)[0])
        )
    return out


def gradient_histograms(
    gradient: np.ndarray, architecture: Architecture, bins: int = DEFAULT_BINS
) -> list[Histogram]:
    """Per weight layer i, a histogram of the last gradient's entries for W[i].

    Each layer gets its own bins, symmetric about 0: gradients of different layers can differ
    by orders of magnitude, and one scale would squash all but the largest into one bar.
    """
    gradient = _flat(gradient, architecture, "gradient")
    out = []
    for w0, b0, _ in architecture.offsets:
        values = gradient[w0:b0]
        edges = _symmetric_edges(np.abs(values).max(), bins)
        out.append(Histogram(edges, np.histogram(values, edges)[0]))
    return out


@dataclass(frozen=True)
class HiddenLayerHealth:
    """Which neurons of hidden layer ``layer`` (1..L−1) are stuck on the sample.

    ``saturated`` (n_l,) bool: sigmoid/tanh output within ``SATURATION_EPSILON`` of the
    range of a limit on at least ``SATURATED_ON_SHARE`` of the examples (never for ReLU).
    ``dead`` (n_l,) bool: a ReLU whose weighted sum is ≤ 0 on every example (never for the
    others). ``saturated_fraction`` (n_l,): the share of examples each neuron is saturated on.
    """

    layer: int
    activation: str
    saturated: np.ndarray
    dead: np.ndarray
    saturated_fraction: np.ndarray

    @property
    def n_neurons(self) -> int:
        return len(self.saturated)

    @property
    def saturated_share(self) -> float:
        return float(self.saturated.mean())

    @property
    def dead_share(self) -> float:
        return float(self.dead.mean())

    @property
    def stuck_share(self) -> float:
        """Share of the layer's neurons that are saturated or dead."""
        return float((self.saturated | self.dead).mean())


def hidden_layer_health(network: Network, sample_x: np.ndarray) -> list[HiddenLayerHealth]:
    """Saturated and dead neurons of every hidden layer, on a fixed sample (m, n_0).

    Use the same sample every time (e.g. ``points_map.fixed_sample`` of the validation set),
    so that a change in the numbers is a change in the network, not in the examples.
    """
    sample_x = np.asarray(sample_x)
    if sample_x.ndim != 2 or sample_x.shape[0] < 1:
        raise ConfigError(f"the sample must have shape (m, n_0), m ≥ 1, got {sample_x.shape}")
    name = network.architecture.activation
    forward = network.forward(sample_x)
    out = []
    for layer in range(1, network.architecture.n_layers):
        a = forward.activations[layer]
        n = a.shape[1]
        if name in OUTPUT_LIMITS:
            low, high = OUTPUT_LIMITS[name]
            margin = SATURATION_EPSILON * (high - low)
            fraction = ((a <= low + margin) | (a >= high - margin)).mean(axis=0)
            saturated = fraction >= SATURATED_ON_SHARE
            dead = np.zeros(n, dtype=bool)
        else:
            fraction = np.zeros(n)
            saturated = np.zeros(n, dtype=bool)
            # relu(z) is exactly 0 where z ≤ 0: the output says "off" as well as the sum.
            dead = np.all(a <= 0.0, axis=0)
        out.append(HiddenLayerHealth(layer, name, saturated, dead, fraction))
    return out


def _symmetric_edges(largest: float, bins: int) -> np.ndarray:
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise ConfigError(f"a histogram needs a whole number ≥ 1 of bins, got {bins!r}")
    # All zero (a pruned or switched-off layer, a zero gradient): any small span shows it.
    span = float(largest) if largest > 0 and np.isfinite(largest) else 1.0
    return np.linspace(-span, span, bins + 1)


def _flat(values: np.ndarray, architecture: Architecture, what: str) -> np.ndarray:
    values = np.asarray(values)
    if values.shape != (architecture.n_parameters,):
        raise ConfigError(
            f"{architecture.describe()} has {architecture.n_parameters} parameters; "
            f"the {what} have shape {values.shape}"
        )
    return values
