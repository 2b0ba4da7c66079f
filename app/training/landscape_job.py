"""One loss-landscape computation: a request in, a result out. Plain numpy, no Qt.

The window builds a ``LandscapeRequest`` from the latest snapshot and its own settings; the
landscape worker (its own thread) turns it into a ``LandscapeResult`` with ``compute``. Both
are immutable, so they cross threads safely.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from app.core import landscape as ls
from app.core.lesson_preset import LessonPreset, compare_optimizers
from app.core.network import Architecture, Network
from app.errors import ConfigError

PLANE_KINDS = ("weights", "random", "pca", "lesson")


@dataclass(frozen=True)
class LandscapeRequest:
    """What to draw. ``params`` (P,); ``trajectory`` θ over training (oldest first);
    ``x`` (N, n_0), ``labels`` (N,) a fixed sample; ``selected`` two flat parameter indices.

    ``gradient`` (P,), the last training step's, is not what the arrows show: a mini-batch's
    gradient can point uphill on a map drawn over another sample. The arrows are the gradient
    of the map's own loss, on ``x`` and ``labels`` (see ``compute``). ``learning_rate`` is the
    rate the next step really uses (the schedule applied), and ``optimizer`` the trainer's
    optimizer as it is (asked for a ``change`` only, which never writes its state): the
    next-step arrow is the move it would really make for that gradient (momentum and Adam
    included), not the learning rate times the gradient.
    """

    kind: str
    resolution: int = 41
    half_width: float = 1.0
    log_scale: bool = False
    architecture: Architecture | None = None
    params: np.ndarray | None = None
    gradient: np.ndarray | None = None
    learning_rate: float = 0.1
    selected: tuple[int, int] | None = None
    trajectory: tuple[np.ndarray, ...] = ()
    x: np.ndarray | None = None
    labels: np.ndarray | None = None
    seed: int = 0
    # The lesson preset: which optimizers to walk and for how many steps.
    optimizers: tuple[str, ...] = ("gd",)
    steps: int = 40
    serial: int = 0
    optimizer: object | None = None


@dataclass(frozen=True)
class LandscapeResult:
    """A surface and what walks on it, in plane coordinates (a, b).

    ``grid`` (len(b_values), len(a_values)) loss, NaN where it overflowed; ``paths`` name →
    (T, 2); ``current`` (2,); ``downhill`` (2,) the negative gradient of the map's own loss
    (the mean loss over the request's sample, the function the contours draw) in the plane,
    ``next_step`` (2,) the learning rate times it (None where there is no finite gradient).
    """

    request: LandscapeRequest
    a_values: np.ndarray
    b_values: np.ndarray
    grid: np.ndarray
    axis_names: tuple[str, str]
    paths: dict[str, np.ndarray]
    current: np.ndarray
    downhill: np.ndarray | None
    next_step: np.ndarray | None
    seconds: float
    thread_name: str = field(default_factory=lambda: threading.current_thread().name)
    note: str = ""


def compute(request: LandscapeRequest) -> LandscapeResult:
    """Compute the surface, the path and the arrows for ``request`` (runs in the worker)."""
    started = time.perf_counter()
    if request.kind == "lesson":
        return _lesson(request, started)
    if request.architecture is None or request.params is None or request.x is None:
        raise ConfigError("nothing to draw yet: the network has not been published")
    params = np.asarray(request.params, dtype=np.float64)
    trajectory = np.array(request.trajectory, dtype=np.float64).reshape(-1, params.shape[0])
    # A path point that is not a finite number (weights past float32's range stored by an
    # older trajectory) cannot be drawn or fitted: the path ends before it.
    trajectory = trajectory[np.all(np.isfinite(trajectory), axis=1)]
    if request.kind == "weights":
        if request.selected is None:
            raise ConfigError("choose two weights (click two edges in the graph)")
        i, j = request.selected
        plane = ls.weights_plane(request.architecture, params, i, j)
    elif request.kind == "random":
        plane = ls.random_plane(request.architecture, params, request.seed)
    elif request.kind == "pca":
        plane = ls.pca_plane(np.vstack([trajectory, params[np.newaxis]]))
    else:
        raise ConfigError(f"unknown kind of plane {request.kind!r}")
    current = plane.project(params)
    a_values, b_values = ls.grid_axes(
        (float(current[0]), float(current[1])), request.half_width, request.resolution
    )
    # One thread: the training worker and the GUI need the other core more than a map does.
    grid = ls.loss_grid(
        request.architecture, plane, request.x, request.labels, a_values, b_values, threads=1
    )
    path = plane.project(trajectory) if len(trajectory) else current[np.newaxis]
    downhill = next_step = None
    g = map_gradient(request.architecture, params, request.x, request.labels)
    if g is not None:
        # The gradient's components along the plane's axes (the directions, not a point).
        downhill = -plane.components(g)[0]
        if request.optimizer is None:
            next_step = request.learning_rate * downhill
        else:
            change = copy.copy(request.optimizer).change(g, request.learning_rate)
            next_step = plane.components(change)[0]
    return LandscapeResult(
        request,
        a_values,
        b_values,
        grid,
        plane.axis_names,
        {"path": np.vstack([path, current[np.newaxis]])},
        current,
        downhill,
        next_step,
        time.perf_counter() - started,
    )


def map_gradient(
    architecture: Architecture, params: np.ndarray, x: np.ndarray, labels: np.ndarray
) -> np.ndarray | None:
    """∇C (P,) of the mean loss over the sample ``x`` (N, n_0), ``labels`` (N,) at ``params``:
    the gradient of the very function the map draws, or None where it is not finite."""
    network = Network(architecture, params=params)
    with np.errstate(all="ignore"):  # wild weights give inf or NaN: no arrow then
        _, gradients = network.gradient(np.asarray(x), np.asarray(labels))
    return gradients.flat if np.all(np.isfinite(gradients.flat)) else None


def _lesson(request: LandscapeRequest, started: float) -> LandscapeResult:
    preset = LessonPreset()
    start = np.array(preset.start)
    if len(request.optimizers) > 1:
        # Each optimizer at a rate that suits it, gradient descent at the teacher's η.
        paths = compare_optimizers(preset, {"gd": request.learning_rate}, steps=request.steps)
        paths = {name: paths[name] for name in request.optimizers}
    else:
        paths = {
            name: preset.path(name, request.learning_rate, request.steps)
            for name in request.optimizers
        }
    # Framed on where the lesson's paths go: from the start (0.5, 0.2) to the valley floor
    # near (0.6, 0.22), with room for a zig-zag across the narrow w2 direction.
    a_values, b_values = ls.grid_axes((0.56, 0.21), (0.12, 0.09), request.resolution)
    grid = preset.grid(a_values, b_values)
    gradient = preset.gradient(start)
    downhill = -gradient
    return LandscapeResult(
        request,
        a_values,
        b_values,
        grid,
        ("w1", "w2"),
        paths,
        start,
        downhill,
        request.learning_rate * downhill,
        time.perf_counter() - started,
        note="\n".join(preset.step(start, request.learning_rate).lines()),
    )
