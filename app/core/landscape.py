"""The loss landscape: the cost over a plane through weight space, and the lesson's valley.

The cost ``C(θ)`` depends on every weight and bias at once (13,002 numbers for the default
network), so it cannot be drawn. What can be drawn is its value over a *plane*:

    θ(a, b) = origin + a·d1 + b·d2        origin, d1, d2 all shape (P,)

and a contour map of ``C(θ(a, b))`` over a grid of ``(a, b)`` is the lesson's hillside. Three
planes are offered:

``weights_plane``
    Two real parameters as the axes, every other one held still: the coordinates *are* the
    two weights' values, so the lesson's five numbers can be read off the map.
``random_plane``
    Two random directions through the current weights, scaled neuron by neuron to the size of
    the weights they move (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets").
``pca_plane``
    The two directions along which training actually moved the most (Li et al., section 7),
    so the path the weights took lies (nearly) in the picture.

``loss_grid`` evaluates the mean cost over a sample at every grid point at once. ``LessonPreset``
is the lesson's own example: a model of exactly two weights whose cost is an exact quadratic,
with ``compare_optimizers`` for the paths of gradient descent, momentum and Adam across it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from app.core.losses import one_hot
from app.core.network import Architecture, Network
from app.errors import ConfigError

PLANE_KINDS = ("weights", "random", "pca")

#: About how much memory the arrays of one chunk of grid points take together. Small on
#: purpose: the work is mostly elementwise (an exp for every neuron), and chunks of a few MB
#: ran fastest; 15 MB chunks were 20 % slower and 40 MB ones 60 % slower.
CHUNK_BYTES = 2 * 1024 * 1024


# -- planes ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Plane:
    """θ(a, b) = origin + a·d1 + b·d2, all (P,) float64 (copied and read-only).

    ``kind`` is one of ``PLANE_KINDS``; ``axis_names`` label the ``a`` and ``b`` axes.
    ``d1`` and ``d2`` need not be orthogonal or of unit length, only not parallel.
    Two planes are equal only if they are the same object (arrays do not compare as bools).
    """

    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    kind: str
    axis_names: tuple[str, str]
    #: For a pca plane, the share of the training path's movement along d1 and d2.
    explained: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        vectors = []
        for name in ("origin", "d1", "d2"):
            v = np.array(getattr(self, name), dtype=np.float64)  # a copy: θ keeps changing
            if v.ndim != 1 or v.size == 0:
                raise ConfigError(f"a plane's {name} must be a vector, got shape {v.shape}")
            if not np.all(np.isfinite(v)):
                raise ConfigError(f"a plane's {name} has values that are not finite numbers")
            v.flags.writeable = False
            object.__setattr__(self, name, v)
            vectors.append(v)
        if not vectors[0].shape == vectors[1].shape == vectors[2].shape:
            raise ConfigError("a plane's origin and directions must have the same length")
        if self.kind not in PLANE_KINDS:
            raise ConfigError(f"unknown plane kind {self.kind!r}; one of {', '.join(PLANE_KINDS)}")
        gram = self._gram
        # |d1|²|d2|² − (d1·d2)² is 0 exactly when the directions are parallel (or one is 0).
        if not gram[0, 0] * gram[1, 1] - gram[0, 1] ** 2 > 1e-12 * gram[0, 0] * gram[1, 1]:
            raise ConfigError("a plane needs two directions that are not zero and not parallel")
        object.__setattr__(self, "axis_names", (str(self.axis_names[0]), str(self.axis_names[1])))
        if self.explained is not None:
            object.__setattr__(
                self, "explained", (float(self.explained[0]), float(self.explained[1]))
            )

    @property
    def _gram(self) -> np.ndarray:
        """The 2×2 matrix of dot products [[d1·d1, d1·d2], [d2·d1, d2·d2]]."""
        d = np.stack([self.d1, self.d2])
        with np.errstate(all="ignore"):  # absurdly long directions give inf, refused above
            return d @ d.T

    @property
    def n_parameters(self) -> int:
        return self.origin.shape[0]

    def point(self, a: float, b: float) -> np.ndarray:
        """θ(a, b), shape (P,)."""
        return self.origin + a * self.d1 + b * self.d2

    def project(self, thetas: np.ndarray) -> np.ndarray:
        """Plane coordinates of θ: (T, P) → (T, 2), or (P,) → (2,).

        The least-squares ``(a, b)`` minimising |θ − θ(a, b)|², from the normal equations

            [d1·d1  d1·d2] [a]   [d1·(θ − origin)]
            [d2·d1  d2·d2] [b] = [d2·(θ − origin)]

        For a point of the plane this gives its coordinates exactly (up to rounding); for a
        point off the plane, the coordinates of its nearest point in the plane.
        """
        thetas = np.asarray(thetas, dtype=np.float64)
        single = thetas.ndim == 1
        rows = thetas[np.newaxis, :] if single else thetas
        if rows.ndim != 2 or rows.shape[1] != self.n_parameters:
            raise ConfigError(
                f"expected parameters of shape (T, {self.n_parameters}), got {thetas.shape}"
            )
        coords = self.components(rows - self.origin)
        return coords[0] if single else coords

    def components(self, vectors: np.ndarray) -> np.ndarray:
        """Least-squares components of directions (not points) along d1, d2: (T, P) → (T, 2).

        Used for the gradient's arrow, where adding a tiny vector to ``origin`` first (and
        projecting the point) would lose its digits to rounding.
        """
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        rhs = np.stack([vectors @ self.d1, vectors @ self.d2])  # (2, T)
        return np.linalg.solve(self._gram, rhs).T


def weights_plane(architecture: Architecture, params: np.ndarray, i: int, j: int) -> Plane:
    """The plane spanned by parameters ``i`` and ``j`` (positions in ``params``).

    origin = params with entries i and j set to 0, d1 = e_i, d2 = e_j, so θ(a, b) is ``params``
    with parameter i set to a and parameter j set to b: the coordinates *are* the weights'
    values, and the current weights sit at (params[i], params[j]).
    """
    params = _checked_params(architecture, params)
    names = (architecture.parameter_name(i), architecture.parameter_name(j))  # checks range
    if i == j:
        raise ConfigError(f"a weights plane needs two different parameters, got {names[0]} twice")
    origin = params.copy()
    origin[[i, j]] = 0.0
    d1 = np.zeros_like(params)
    d2 = np.zeros_like(params)
    d1[i] = 1.0
    d2[j] = 1.0
    return Plane(origin, d1, d2, "weights", names)


def random_plane(architecture: Architecture, params: np.ndarray, seed: int) -> Plane:
    """Two seeded random directions through ``params``, filter-normalised (Li et al. 2018).

    Each direction starts as Gaussian noise, then every neuron's row of incoming weights
    ``W[l][j, :]`` is rescaled to the length of the same row of ``params``:

        d[l][j, :] ← d[l][j, :] / |d[l][j, :]| · |θ[l][j, :]|

    so a step of 1 along the direction changes every neuron by about as much as its weights
    are large. Without this a random direction would barely move neurons with large weights
    and swamp those with small ones, and the picture would depend on how the network
    happens to be scaled rather than on its shape. Bias entries are 0, as in the paper.
    """
    params = _checked_params(architecture, params)
    rng = np.random.default_rng(seed)
    d1, d2 = (_filter_normalised(architecture, params, rng) for _ in range(2))
    return Plane(params, d1, d2, "random", ("direction 1", "direction 2"))


def _filter_normalised(
    architecture: Architecture, params: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    direction = rng.standard_normal(params.shape[0])
    for (w_start, b_start, b_end), (n_to, n_from) in zip(
        architecture.offsets, _block_shapes(architecture), strict=True
    ):
        rows = direction[w_start:b_start].reshape(n_to, n_from)  # a view: scaled in place
        target = np.linalg.norm(params[w_start:b_start].reshape(n_to, n_from), axis=1)
        rows *= (target / np.linalg.norm(rows, axis=1))[:, np.newaxis]
        direction[b_start:b_end] = 0.0
    return direction


def pca_plane(trajectory: np.ndarray) -> Plane:
    """The plane through the final weights that best fits the path training took.

    ``trajectory`` shape (T, P), T ≥ 3 points of θ over training, oldest first. With the
    movement matrix M = [θ_0 − θ_final; θ_1 − θ_final; …] (shape (T, P)) and its singular
    value decomposition M = U S Vᵀ, the directions are the first two rows of Vᵀ (unit
    vectors) and the origin is θ_final, so the current weights sit at (0, 0).

    M is not centred (Li et al.'s code uses a centred PCA): the plane must pass through
    θ_final, and among such planes the uncentred SVD gives the one closest to the path.
    ``s_k² / Σ s²`` is then the share of the path's squared distance from θ_final that
    direction k accounts for, shown in the axis names. Each direction is signed so that the
    path starts on its negative side: training moves right and up towards (0, 0).
    """
    trajectory = np.asarray(trajectory, dtype=np.float64)
    if trajectory.ndim != 2:
        raise ConfigError(f"a trajectory must have shape (T, P), got {trajectory.shape}")
    if not np.all(np.isfinite(trajectory)):
        raise ConfigError("the trajectory has weights that are not finite numbers")
    if len(np.unique(trajectory, axis=0)) < 3:
        raise ConfigError(
            "the path of the weights needs at least 3 different points to find the plane it "
            "moves in: take a few steps first"
        )
    final = trajectory[-1]
    movement = trajectory - final
    _, singular, vt = np.linalg.svd(movement, full_matrices=False)
    share = singular**2 / np.sum(singular**2)
    directions = vt[:2].copy()
    start = movement[0] @ directions.T
    directions[start > 0] *= -1.0
    names = (
        f"PC 1 ({_percent(share[0])} of the movement)",
        f"PC 2 ({_percent(share[1])})",
    )
    explained = (float(share[0]), float(share[1]))
    return Plane(final, directions[0], directions[1], "pca", names, explained)


def _percent(share: float) -> str:
    if 0.0 < share < 0.005:
        return "<1 %"
    return f"{100.0 * share:.0f} %"


# -- the cost over a grid ------------------------------------------------------------------


def grid_axes(
    center: tuple[float, float], half_width: float | tuple[float, float], resolution: int
) -> tuple[np.ndarray, np.ndarray]:
    """Evenly spaced ``a`` and ``b`` values, each shape (resolution,), centred on ``center``.

    ``half_width`` is the same for both axes or one per axis: a runs from
    center[0] − half_width[0] to center[0] + half_width[0], ends included.
    """
    if isinstance(resolution, bool) or not isinstance(resolution, int | np.integer):
        raise ConfigError(f"the grid resolution must be a whole number, got {resolution!r}")
    if resolution < 2:
        raise ConfigError(f"a grid needs at least 2 points per axis, got {resolution}")
    widths = (half_width, half_width) if np.ndim(half_width) == 0 else tuple(half_width)
    if len(widths) != 2 or len(center) != 2:
        raise ConfigError("a grid needs a centre (a, b) and one or two half-widths")
    axes = []
    for c, h in zip(center, widths, strict=True):
        c, h = float(c), float(h)
        if not (np.isfinite(c) and np.isfinite(h) and h > 0.0):
            raise ConfigError(f"a grid axis needs a finite centre and width > 0, got {c}, {h}")
        axes.append(np.linspace(c - h, c + h, int(resolution)))
    return axes[0], axes[1]


def fixed_sample(
    x: np.ndarray, labels: np.ndarray, size: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A seeded subset of ``size`` examples (all of them if there are fewer), in data order.

    The landscape is drawn from the same examples every time, so that redrawing it after a
    step shows the weights moving, not the surface flickering with a new sample.
    """
    labels = np.asarray(labels)
    x = np.asarray(x)
    if len(x) != len(labels):
        raise ConfigError(f"{len(x)} examples but {len(labels)} labels")
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 1:
        raise ConfigError(f"a sample needs at least 1 example, got {size!r}")
    if size >= len(labels):
        return x.copy(), labels.copy()
    keep = np.sort(np.random.default_rng(seed).choice(len(labels), size=int(size), replace=False))
    return x[keep], labels[keep]


def loss_grid(
    architecture: Architecture,
    plane: Plane,
    x: np.ndarray,
    labels: np.ndarray,
    a_values: np.ndarray,
    b_values: np.ndarray,
    *,
    chunk: int | None = None,
    dtype: type = np.float32,
    threads: int | None = None,
) -> np.ndarray:
    """Mean cost over the sample at every θ(a, b): shape (len(b_values), len(a_values)).

    Rows are b and columns a, as an image is stored: ``grid[r, c]`` is the mean loss of
    ``Network(architecture, params=plane.point(a_values[c], b_values[r]))`` over ``x`` shape
    (N, n_0) in [0, 1] with ``labels`` shape (N,). Points where the cost is not a finite
    number (weights so large that the sums overflow) are NaN, for the window to leave blank.
    Never warns.

    How it is computed (see ``_GridEvaluator``): the grid points run together, ``chunk`` at
    a time (default: chunks of about ``CHUNK_BYTES``), on ``threads`` threads (default: up to
    4, one per core). ``dtype`` is the precision of the batched part: float32 by default,
    which is about three times as fast as float64 (numpy's float32 ``exp`` is vectorised,
    its float64 one is not on most CPUs) and agrees with float64 to about 1e-6 relative
    (points where float32 overflows are redone in float64); pass ``np.float64`` for results
    that agree with ``Network.forward`` to rounding.
    """
    if plane.n_parameters != architecture.n_parameters:
        raise ConfigError(
            f"the plane has {plane.n_parameters} parameters but "
            f"{architecture.describe()} has {architecture.n_parameters}"
        )
    x, y = _checked_sample(architecture, x, labels)
    a_values = _checked_axis(a_values, "a")
    b_values = _checked_axis(b_values, "b")
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise ConfigError(f"the landscape is computed in float32 or float64, not {dtype}")
    for name, value in (("chunk", chunk), ("threads", threads)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1
        ):
            raise ConfigError(f"{name} must be a whole number ≥ 1, got {value!r}")

    # Every grid point as its coefficients (1, a, b), in the order of the result: the point
    # (a_values[c], b_values[r]) is row r·len(a) + c, and its θ = (1, a, b) · (origin, d1, d2).
    coefficients = np.stack(
        [
            np.ones(len(a_values) * len(b_values)),
            np.tile(a_values, len(b_values)),
            np.repeat(b_values, len(a_values)),
        ],
        axis=1,
    )
    with np.errstate(all="ignore"):  # overflow only ever shows up as inf/NaN: masked below
        evaluator = _GridEvaluator(architecture, plane, x, y, dtype)
    mean_losses = _in_chunks(evaluator, coefficients, chunk, threads)
    overflowed = ~np.isfinite(mean_losses)
    if dtype == np.float32 and np.any(overflowed):
        # float32 ends at 3.4e38; weighted sums that far out are rare enough to redo in float64.
        with np.errstate(all="ignore"):
            again = _GridEvaluator(architecture, plane, x, y, np.dtype(np.float64))
        mean_losses[overflowed] = _in_chunks(again, coefficients[overflowed], chunk, threads)
        overflowed = ~np.isfinite(mean_losses)
    mean_losses[overflowed] = np.nan
    return mean_losses.reshape(len(b_values), len(a_values))


def _in_chunks(
    evaluator: _GridEvaluator, coefficients: np.ndarray, chunk: int | None, threads: int | None
) -> np.ndarray:
    """``evaluator.mean_losses`` for (n, 3) coefficients, ``chunk`` rows at a time: (n,)."""
    if chunk is None:
        chunk = max(1, CHUNK_BYTES // evaluator.bytes_per_point)
    starts = range(0, len(coefficients), chunk)
    threads = min(threads or min(4, os.cpu_count() or 1), len(starts))

    def chunk_losses(start: int) -> np.ndarray:
        # np.errstate is per thread: each worker silences its own overflow warnings.
        with np.errstate(all="ignore"):
            return evaluator.mean_losses(coefficients[start : start + chunk])

    if threads > 1:
        with ThreadPoolExecutor(threads) as pool:  # numpy lets go of the GIL while it works
            return np.concatenate(list(pool.map(chunk_losses, starts)))
    return np.concatenate([chunk_losses(start) for start in starts])


class _GridEvaluator:
    """The mean loss at many points of one plane, with everything shared computed once.

    A layer's weighted sums are linear in θ. So for the first layer ``k`` the plane moves,

        Z(a, b) = A W(a, b)ᵀ + b(a, b) = Z_origin + a·Z_d1 + b·Z_d2

    with Z_origin = A W_originᵀ + b_origin and so on, where A (N, n_k) are the activations
    feeding layer k. Those are the same at every point: the layers before k (which the plane
    leaves alone) run once, and three matrix products give Z for the whole grid. For the
    default network and most planes k = 0, so the expensive layer, with its 784 inputs per
    neuron, costs three products instead of one per grid point.

    The later, small layers run batched over a chunk of G points: activations (G, N, n_l)
    times each point's own weights (G, n_l, n_{l+1}), or times the one shared matrix when
    the plane leaves that layer alone (as a weights plane does with all but one or two).
    """

    def __init__(
        self,
        architecture: Architecture,
        plane: Plane,
        x: np.ndarray,
        y: np.ndarray,
        dtype: np.dtype,
    ) -> None:
        network = Network(architecture, params=plane.origin)
        self.activation, self.output_loss = network.activation, network.output_loss
        blocks = [
            list(zip(network.weights, network.biases, strict=True)),
            _blocks(architecture, plane.d1),
            _blocks(architecture, plane.d2),
        ]  # origin, d1, d2: each a list of (W[i], b[i])
        moves = [
            any(np.any(w) or np.any(b) for w, b in (blocks[1][i], blocks[2][i]))
            for i in range(architecture.n_layers)
        ]
        first = moves.index(True)  # a plane's directions are never zero: some layer moves
        self.dtype = dtype
        self.n_samples = len(x)
        a = x
        for w, b in blocks[0][:first]:
            a = self.activation.forward(a @ w.T + b)
        # Z_origin, Z_d1, Z_d2 of the first moving layer, each (1, N, n_{k+1}).
        self.first_sums = [
            (a @ w.T + b).astype(dtype)[np.newaxis] for w, b in (d[first] for d in blocks)
        ]
        # Later layers' weights as (n_in, n_out), so activations (G, N, n_in) multiply straight
        # through. A moving layer keeps origin, d1 and d2 stacked, (3, n_in·n_out) and
        # (3, n_out), to be combined per point as (1, a, b) · stack like the first layer's Z.
        self.later = []
        for i in range(first + 1, architecture.n_layers):
            if moves[i]:
                weights = np.stack([d[i][0].T for d in blocks]).reshape(3, -1).astype(dtype)
                biases = np.stack([d[i][1] for d in blocks]).astype(dtype)
            else:
                weights = np.ascontiguousarray(blocks[0][i][0].T, dtype)
                biases = blocks[0][i][1].astype(dtype)
            self.later.append((weights, biases, moves[i], architecture.layer_sizes[i + 1]))
        # One-hot targets (N, n_L), the same at every grid point (broadcast in ``mean_losses``).
        self.targets = y.astype(dtype)
        # About three arrays of (N, widest layer after k) are alive per point.
        widest = max(architecture.layer_sizes[first + 1 :])
        self.bytes_per_point = 3 * dtype.itemsize * self.n_samples * widest

    def mean_losses(self, coefficients: np.ndarray) -> np.ndarray:
        """Mean loss over the sample at G points given as rows (1, a, b): shape (G,) float64."""
        c = coefficients.astype(self.dtype)
        g, n = len(c), self.n_samples
        z_origin, z_along1, z_along2 = self.first_sums
        z = c[:, 1, np.newaxis, np.newaxis] * z_along1  # (G, N, n_{k+1})
        z += z_origin
        z += c[:, 2, np.newaxis, np.newaxis] * z_along2
        for weights, biases, moving, n_out in self.later:
            a = self.activation.forward(z)
            if moving:
                z = _thin_matmul(a, (c @ weights).reshape(g, -1, n_out))
                z += (c @ biases)[:, np.newaxis, :]
            else:
                z = _thin_matmul(a, weights)
                z += biases
        outputs = self.output_loss.output(z.reshape(g * n, -1)).reshape(z.shape)
        # From the weighted sums too: cross-entropy is exact only from them (log-sum-exp).
        per_example = self.output_loss.loss(outputs, self.targets, z)  # (G, N)
        return per_example.sum(axis=1, dtype=np.float64) / n


# OpenBLAS spreads a matrix product over threads once M·N·K exceeds 4 · 65536. For the thin
# products here (16 columns) handing the work out costs far more than doing it: 40 times
# slower was measured on 2 busy cores. So the products are cut to stay under that size.
_ONE_THREAD_PRODUCT = 4 * 65536


def _thin_matmul(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """a (G, N, n_in) times w (n_in, n_out) or (G, n_in, n_out): (G, N, n_out).

    numpy multiplies a stack one matrix (N, n_in) at a time; slices of the N rows keep each
    product small enough for one thread.
    """
    rows = max(1, _ONE_THREAD_PRODUCT // (w.shape[-2] * w.shape[-1]))
    if a.shape[1] <= rows:
        return np.matmul(a, w)
    out = np.empty((*a.shape[:2], w.shape[-1]), dtype=np.result_type(a, w))
    for start in range(0, a.shape[1], rows):
        np.matmul(a[:, start : start + rows], w, out=out[:, start : start + rows])
    return out


def _checked_params(architecture: Architecture, params: np.ndarray) -> np.ndarray:
    params = np.asarray(params, dtype=np.float64)
    if params.shape != (architecture.n_parameters,):
        raise ConfigError(
            f"{architecture.describe()} has {architecture.n_parameters} parameters, "
            f"got an array of shape {params.shape}"
        )
    return params


def _checked_sample(
    architecture: Architecture, x: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(N, n_0) float64 inputs and (N, n_L) one-hot targets."""
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels)
    n_in, n_out = architecture.layer_sizes[0], architecture.layer_sizes[-1]
    if x.ndim != 2 or x.shape[1] != n_in or len(x) == 0:
        raise ConfigError(f"expected a sample of shape (N, {n_in}) with N ≥ 1, got {x.shape}")
    if labels.shape != (len(x),) or labels.dtype.kind not in "iu":
        raise ConfigError(f"expected {len(x)} whole-number labels, got shape {labels.shape}")
    if np.any(labels < 0) or np.any(labels >= n_out):
        raise ConfigError(f"labels must be 0 to {n_out - 1}")
    return x, one_hot(labels, n_out)


def _checked_axis(values: np.ndarray, name: str) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or len(values) == 0 or not np.all(np.isfinite(values)):
        raise ConfigError(f"the {name} values must be a non-empty vector of finite numbers")
    return values


def _block_shapes(architecture: Architecture) -> list[tuple[int, int]]:
    s = architecture.layer_sizes
    return [(s[i + 1], s[i]) for i in range(architecture.n_layers)]


def _blocks(architecture: Architecture, flat: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(W[i], b[i]) views into a flat vector laid out like ``Network.params``."""
    return [
        (flat[w_start:b_start].reshape(shape), flat[b_start:b_end])
        for (w_start, b_start, b_end), shape in zip(
            architecture.offsets, _block_shapes(architecture), strict=True
        )
    ]
