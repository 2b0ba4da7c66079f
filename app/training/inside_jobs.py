"""The "look inside" computations, as plain functions the background job thread runs.

Each takes what a snapshot carries (the architecture and read-only copies of the weights and
data) and returns a frozen result for a view; none touches the training worker's arrays and
none imports Qt, so each can be called from a notebook as well.

The long ones (the evaluation, the robustness curves) also take ``state``: the job thread's
``app.training.background.JobState`` or anything with ``check()`` (raise if the job should
stop), ``set_progress(fraction)`` and ``set_partial_result(result)``; None (a notebook) is
no one to tell. The science below stays Qt-free: it takes a plain ``progress`` callback, and
``Reporter`` turns the state into one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.core.damage import DAMAGES, preview, robustness_curve
from app.core.evaluation import Evaluation, evaluate
from app.core.layer_health import (
    HiddenLayerHealth,
    Histogram,
    WeightHistograms,
    gradient_histograms,
    hidden_layer_health,
    weight_histograms,
)
from app.core.network import Architecture, Network
from app.core.points_map import PrincipalPlane, fixed_sample, principal_plane
from app.errors import ConfigError

#: Examples of the points map (the issue's "about 2,000") and of the layer-health sample.
POINTS_MAP_SAMPLE = 2000
HEALTH_SAMPLE = 500
#: Robustness curves damage at most this many validation images per level: rotation and shift
#: cost about 1 ms an image, and 4 kinds × 7 levels of 10,000 images would take minutes.
ROBUSTNESS_MAX_IMAGES = 2000
#: Images an evaluation reads at a time: 10,000 test images in ten steps of progress, each a
#: few milliseconds (and as many chances to stop).
EVALUATION_CHUNK = 1000


def _images(x: np.ndarray) -> np.ndarray:
    """(N, 784) inputs as (N, 28, 28) images (a view, no copy)."""
    side = int(np.sqrt(x.shape[1]))
    return x.reshape(len(x), side, side)


class Reporter:
    """A ``progress(fraction)`` callback for the science, told to the job's ``state``: part
    ``[start, start + span]`` of the whole job. Each call first asks whether to stop (the
    state's ``check`` raises then), so a job stops within one chunk."""

    def __init__(self, state, start: float = 0.0, span: float = 1.0) -> None:
        self.state = state
        self.start = start
        self.span = span

    def __call__(self, fraction: float) -> None:
        self.state.check()
        self.state.set_progress(self.start + self.span * fraction)


def _reporter(state, start: float = 0.0, span: float = 1.0) -> Callable[[float], None] | None:
    return None if state is None else Reporter(state, start, span)


def _require(x: np.ndarray | None, labels: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    if x is None or labels is None or len(x) == 0:
        raise ConfigError("there is no validation set to measure on")
    return x, labels


@dataclass(frozen=True)
class EvaluationResult:
    """An evaluation at step ``step``, with the (N, 28, 28) images it was made on."""

    evaluation: Evaluation
    images: np.ndarray
    step: int


def evaluation_job(
    architecture: Architecture,
    params: np.ndarray,
    x: np.ndarray,
    labels: np.ndarray,
    step: int,
    state=None,
) -> EvaluationResult:
    """Confusion matrix, per-digit accuracy, mistakes: ``x`` (N, n_0) in [0, 1], ``labels`` (N,).

    Read ``EVALUATION_CHUNK`` images at a time, with progress after each."""
    x, labels = _require(x, labels)
    network = Network(architecture, params=params)
    evaluation = evaluate(network, x, labels, EVALUATION_CHUNK, _reporter(state))
    return EvaluationResult(evaluation, _images(x), step)


@dataclass(frozen=True)
class RobustnessResult:
    """Per damage kind: levels (T,), accuracies (T,) in [0, 1], and a preview image (28, 28)
    of the first evaluation image damaged at every level (T, 28, 28)."""

    curves: dict[str, tuple[np.ndarray, np.ndarray]]
    previews: dict[str, np.ndarray]
    n_images: int
    step: int


def robustness_job(
    architecture: Architecture,
    params: np.ndarray,
    x: np.ndarray,
    labels: np.ndarray,
    step: int,
    state=None,
) -> RobustnessResult:
    """Every kind of damage's curve on at most ``ROBUSTNESS_MAX_IMAGES`` of ``x``.

    With a ``state``: progress all along (each kind's share of the whole is its share of the
    levels), and after each kind a partial ``RobustnessResult`` with the kinds done so far.
    """
    x, labels = _require(x, labels)
    pick = fixed_sample(labels, ROBUSTNESS_MAX_IMAGES, seed=0)
    images, labels = _images(x)[pick], labels[pick]
    network = Network(architecture, params=params)
    curves, previews = {}, {}
    all_levels = sum(len(info.levels) for info in DAMAGES.values())
    done = 0
    for kind, info in DAMAGES.items():
        span = len(info.levels) / all_levels
        progress = _reporter(state, done / all_levels, span)
        levels, accuracies = robustness_curve(network, images, labels, kind, progress=progress)
        done += len(info.levels)
        curves[kind] = (levels, accuracies)
        previews[kind] = np.stack([preview(images[0], kind, level) for level in levels])
        if state is not None and done < all_levels:
            state.set_partial_result(
                RobustnessResult(dict(curves), dict(previews), len(pick), step)
            )
    return RobustnessResult(curves, previews, len(pick), step)


@dataclass(frozen=True)
class PointsMapResult:
    """Every layer's principal plane for a fixed sample: ``planes[l]`` for layers 0..L;
    ``labels``, ``answers`` (S,), ``images`` (S, 28, 28)."""

    planes: list[PrincipalPlane]
    labels: np.ndarray
    answers: np.ndarray
    images: np.ndarray
    step: int


def points_map_job(
    architecture: Architecture,
    params: np.ndarray,
    x: np.ndarray,
    labels: np.ndarray,
    step: int,
    pixel_plane: PrincipalPlane | None = None,
) -> PointsMapResult:
    """``pixel_plane``: layer 0's plane from an earlier result on the same ``x``, if any. It
    never depends on the weights, and 784 dimensions make it most of the cost (48 of 50 ms
    for 2,000 examples), so a view refreshing while training passes it back."""
    x, labels = _require(x, labels)
    pick = fixed_sample(labels, POINTS_MAP_SAMPLE, seed=0)
    sample = x[pick]
    network = Network(architecture, params=params)
    with np.errstate(all="ignore"):
        activations = network.forward(sample.astype(np.float64)).activations
    # One forward pass gives every layer's plane (as ``all_layers``) and the answers.
    reuse = pixel_plane is not None and len(pixel_plane.coords) == len(sample)
    planes = [pixel_plane if reuse else principal_plane(activations[0])]
    planes += [principal_plane(a) for a in activations[1:]]
    answers = np.argmax(activations[-1], axis=1)
    return PointsMapResult(planes, labels[pick], answers, _images(sample), step)


@dataclass(frozen=True)
class HealthResult:
    """Histograms per weight layer (now vs initial, and the last gradient's, None before the
    first step) and the saturated/dead neurons of every hidden layer on a fixed sample."""

    weights: list[WeightHistograms]
    gradients: list[Histogram] | None
    health: list[HiddenLayerHealth]
    step: int

    @property
    def now(self) -> list[Histogram]:
        return [Histogram(w.edges, w.now) for w in self.weights]

    @property
    def initial(self) -> list[Histogram]:
        return [Histogram(w.edges, w.initial) for w in self.weights]


def health_job(
    architecture: Architecture,
    params: np.ndarray,
    initial_params: np.ndarray,
    gradient: np.ndarray | None,
    x: np.ndarray,
    labels: np.ndarray,
    step: int,
) -> HealthResult:
    x, labels = _require(x, labels)
    network = Network(architecture, params=params)
    sample = x[fixed_sample(labels, HEALTH_SAMPLE, seed=0)]
    with np.errstate(all="ignore"):
        return HealthResult(
            weights=weight_histograms(params, initial_params, architecture),
            gradients=None if gradient is None else gradient_histograms(gradient, architecture),
            health=hidden_layer_health(network, sample),
            step=step,
        )


def taught_reading_job(
    architecture: Architecture,
    params: np.ndarray,
    images: np.ndarray,
    labels: np.ndarray,
    step: int,
    state=None,
) -> tuple[int, int]:
    """How many of the class's drawings the network reads as the digit they were taught as:
    (right, all). ``images`` (K, 28, 28) or (K, n_0) ink in [0, 1], ``labels`` (K,)."""
    labels = np.asarray(labels)
    if len(labels) == 0:
        return 0, 0
    x = np.asarray(images, dtype=np.float64).reshape(len(labels), -1)
    answers = Network(architecture, params=params).predict(x)
    return int(np.count_nonzero(answers == labels)), len(labels)
