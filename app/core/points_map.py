"""The points map: every example as a dot, placed by what one layer makes of it.

Each layer ``l`` turns an example into a vector ``a[l]`` (shape (n_l,)); for many examples
that is a cloud of points in n_l dimensions. Principal component analysis (PCA) finds the
flat plane through the cloud's centre that keeps as much of its spread as possible, and
drawing every example where it lands on that plane, coloured by its digit, shows what the
layer has learnt: in the pixels (layer 0) the digits overlap; in a trained network's last
layers they pull apart into one cluster per digit.

With the centred data X (shape (n, d), every column's mean subtracted) and its singular value
decomposition X = U S Vᵀ, the plane's two directions are the first two rows of Vᵀ (unit
vectors, the "principal components"), a point's coordinates are X @ [v₁ v₂], and
``s_k² / Σ s²`` is the share of the cloud's variance (its mean squared distance from the
centre) that direction k keeps.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.core.network import Network
from app.errors import ConfigError

#: How many examples the map shows by default: enough for every digit to form a visible
#: cloud, few enough that all layers are computed within a frame or two.
SAMPLE_SIZE = 2000

# Up to this many dimensions (the hidden and output layers of the lesson's networks), or this
# many points, the decomposition is exact and cheap. Beyond that (2,000 images of 784 pixels) a
# full SVD takes about 0.4 s and an eigendecomposition of XᵀX about 0.07 s, so only the two
# leading directions are found, by subspace iteration on XᵀX (the power method for several
# vectors at once).
EXACT_MAX_DIMENSIONS = 128
# Extra directions iterated alongside the two wanted: the error of those then shrinks like
# (λ₁₁ / λ₂)^iterations instead of (λ₃ / λ₂)^iterations, a few iterations for digit images.
EXTRA_DIRECTIONS = 8
# Stop when ‖XᵀX v − λv‖ ≤ this · λ₁ for both directions. A direction is then within about
# that times λ₁ / (λ₂ − λ₃) radians of the exact one: far below a pixel on the map.
RESIDUAL_TOLERANCE = 1e-9
MAX_ITERATIONS = 500


class PrincipalPlane(NamedTuple):
    """The best-fitting plane of a cloud of n points in d dimensions.

    ``coords``                    (n, 2) each point's position on the plane.
    ``components``                (2, d) the plane's directions, orthonormal rows. Each is
                                  signed so that its largest entry (by size) is positive:
                                  the same cloud always gives the same picture, never a
                                  mirrored one.
    ``explained_variance_ratio``  (2,) the share of the cloud's variance along each.

    A new point p (d,) lands at ``(p − data.mean(axis=0)) @ components.T``. If d is 1 the
    second direction is all zeros (and so its coordinates and share); if all the points are
    the same, both are.
    """

    coords: np.ndarray
    components: np.ndarray
    explained_variance_ratio: np.ndarray


def principal_plane(data: np.ndarray) -> PrincipalPlane:
    """PCA of ``data`` (n, d), n ≥ 1 points, onto its two main directions (see the module)."""
    data = np.asarray(data, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] < 1 or data.shape[1] < 1:
        raise ConfigError(f"a points map needs data of shape (n, d), got {data.shape}")
    if not np.all(np.isfinite(data)):
        raise ConfigError("a points map needs finite numbers (the data has NaN or infinity)")
    n, d = data.shape
    centred = data - data.mean(axis=0)
    total = float(np.vdot(centred, centred))
    components = np.zeros((2, d))
    ratio = np.zeros(2)
    if total > 0.0:
        if d <= EXACT_MAX_DIMENSIONS:
            # XᵀX (d, d) is cheap to form and to decompose at these sizes; a full SVD of X
            # would work through all n rows again. Its eigenvalues are s², largest last.
            squares, vectors = np.linalg.eigh(centred.T @ centred)
            singular = np.sqrt(np.maximum(squares[::-1], 0.0))
            vt = vectors[:, ::-1].T
        elif n <= EXACT_MAX_DIMENSIONS:
            _, singular, vt = np.linalg.svd(centred, full_matrices=False)
        else:
            singular, vt = _leading_directions(centred, 2)
        kept = min(2, len(singular))
        components[:kept] = vt[:kept]
        ratio[:kept] = singular[:kept] ** 2 / total
        components[ratio == 0.0] = 0.0  # a direction with no spread has no meaningful sign
        _fix_signs(components)
    return PrincipalPlane(centred @ components.T, components, ratio)


def points_map(network: Network, inputs: np.ndarray, layer: int) -> np.ndarray:
    """Coordinates (n, 2) of the examples ``inputs`` (n, n_0) on layer ``layer``'s plane.

    Layer 0 is the input pixels, 1..L−1 the hidden layers' activations, L the output layer's.
    """
    n_layers = network.architecture.n_layers
    if isinstance(layer, bool) or not isinstance(layer, int | np.integer):
        raise ConfigError(f"the layer must be a whole number, got {layer!r}")
    if not 0 <= layer <= n_layers:
        raise ConfigError(f"no layer {layer}; this network has layers 0 (input) to {n_layers}")
    activations = _activations(network, inputs)
    return principal_plane(activations[layer]).coords


def all_layers(network: Network, inputs: np.ndarray) -> list[PrincipalPlane]:
    """The plane of every layer 0..L for the examples ``inputs`` (n, n_0), one forward pass.

    Layer 0's plane depends on the examples only, never on the weights: a caller that redraws
    the map during training may compute it once and keep it.
    """
    return [principal_plane(a) for a in _activations(network, inputs)]


def fixed_sample(labels: np.ndarray, size: int = SAMPLE_SIZE, seed: int = 0) -> np.ndarray:
    """Indices (m,) of a fixed, stratified random sample of a labelled set, sorted ascending.

    Stratified: every label keeps its share of the set, the ``size`` places being split in
    proportion to the label counts (largest remainders get the places left by rounding down),
    and the examples within each label are drawn without replacement by a generator seeded
    with ``seed``. The same labels, size and seed give the same sample on every machine, so
    the map's dots stay the same examples from frame to frame and run to run. If the set has
    ``size`` examples or fewer, it is all of them: ``m = min(size, len(labels))``.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ConfigError(f"labels must have shape (N,), got {labels.shape}")
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 1:
        raise ConfigError(f"the sample size must be a whole number ≥ 1, got {size!r}")
    n = len(labels)
    if n <= size:
        return np.arange(n)
    classes, counts = np.unique(labels, return_counts=True)
    quota = counts * (size / n)
    places = np.floor(quota).astype(np.intp)
    # Ties in the remainders go to the label listed first (np.unique sorts them): stable.
    by_remainder = np.argsort(-(quota - places), kind="stable")
    places[by_remainder[: size - int(places.sum())]] += 1
    rng = np.random.default_rng(seed)
    chosen = [
        rng.choice(np.flatnonzero(labels == label), k, replace=False)
        for label, k in zip(classes, places, strict=True)
    ]
    return np.sort(np.concatenate(chosen))


def _activations(network: Network, inputs: np.ndarray) -> list[np.ndarray]:
    inputs = np.asarray(inputs)
    if inputs.ndim != 2 or inputs.shape[0] < 1:
        raise ConfigError(f"a points map needs examples of shape (n, n_0), got {inputs.shape}")
    return network.forward(inputs).activations


def _leading_directions(centred: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``count`` largest singular values and right singular vectors of ``centred`` (n, d).

    The right singular vectors of X are the eigenvectors of XᵀX (d, d), with eigenvalues s².
    Subspace iteration from a seeded random start: multiplying by XᵀX and re-orthonormalising
    turns the basis towards the directions of largest spread; after each multiplication the
    best vectors within the basis (Rayleigh–Ritz: a small k × k eigenproblem) are checked
    against ``RESIDUAL_TOLERANCE``. Slowly separating spectra just take more iterations.
    """
    d = centred.shape[1]
    gram = centred.T @ centred
    width = min(count + EXTRA_DIRECTIONS, d)
    basis, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((d, width)))
    for _ in range(MAX_ITERATIONS):
        image = gram @ basis
        values, vectors = np.linalg.eigh(basis.T @ image)
        best = np.argsort(values)[::-1][:count]
        values, vectors = values[best], vectors[:, best]
        directions = basis @ vectors
        residual = np.linalg.norm(image @ vectors - directions * values, axis=0)
        if np.all(residual <= RESIDUAL_TOLERANCE * values[0]):
            break
        basis, _ = np.linalg.qr(image)
    return np.sqrt(np.maximum(values, 0.0)), directions.T


def _fix_signs(components: np.ndarray) -> None:
    """Flip each row, in place, so that its entry of largest size is positive."""
    rows = np.arange(len(components))
    largest = components[rows, np.argmax(np.abs(components), axis=1)]
    components[largest < 0] *= -1.0
