"""How fast the loss landscape is computed: ``loss_grid`` for each kind of plane.

The pretrained 784-16-16-10 network (sigmoid, squared error) over a fixed sample of the bundled
MNIST digits, on a 41×41 grid (the target is ≤ 0.3 s per grid), for

* a weights plane on the two weights the window watches by default (into output neuron 0:
  only the last layer moves, the cheapest case),
* a weights plane on two first-layer weights (every layer moves: the dearest weights plane),
* a random, filter-normalised plane,
* the PCA plane of a short training run from the pretrained weights,

each with the defaults (float32 inside, one thread per core up to 4), on one thread, and in
float64. Then how the time grows with grid points × samples, at three sizes. Every time is
the best of ``--repeats`` runs, in ms, and in ns per (grid point × sample).

    python benchmarks/landscape_grid.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from app import RESOURCES_DIR
from app.core.landscape import (
    Plane,
    fixed_sample,
    grid_axes,
    loss_grid,
    pca_plane,
    random_plane,
    weights_plane,
)
from app.core.model_file import load_model_file
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer, default_watched
from app.data.datasets import load_bundled

PRETRAINED = RESOURCES_DIR / "models" / "pretrained.npz"
TARGET_SECONDS = 0.3
SIZES = ((21, 500), (41, 1000), (81, 2000))  # (grid points per axis, samples)


def planes(net: Network, x: np.ndarray, y: np.ndarray) -> dict[str, tuple[Plane, float]]:
    """Each plane with the half-width of the grid drawn around the current weights."""
    arch = net.architecture
    i, j = default_watched(arch)
    trainer = Trainer(
        net.copy(), x, y, Hyperparameters(learning_rate=0.1, batch_size=32, optimizer="gd")
    )
    path = [trainer.network.params.copy()]
    for _ in range(30):
        trainer.step_batch()
        path.append(trainer.network.params.copy())
    pca = pca_plane(np.array(path))
    reach = float(np.abs(pca.project(np.array(path))).max())
    return {
        "weights (last layer)": (weights_plane(arch, net.params, i, j), 1.0),
        "weights (first layer)": (
            weights_plane(arch, net.params, arch.weight_index(0, 3, 400), 5000),
            1.0,
        ),
        "random": (random_plane(arch, net.params, seed=0), 1.0),
        "pca": (pca, 1.5 * reach),
    }


def best_time(repeats: int, run) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def grid_seconds(
    arch: Architecture,
    plane: Plane,
    x: np.ndarray,
    y: np.ndarray,
    half_width: float,
    resolution: int,
    repeats: int,
    **options,
) -> float:
    a, b = grid_axes(tuple(plane.project(plane.origin)), half_width, resolution)
    return best_time(repeats, lambda: loss_grid(arch, plane, x, y, a, b, **options))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (best)")
    args = parser.parse_args()

    net = load_model_file(PRETRAINED).network()
    arch = net.architecture
    data = load_bundled()
    train_x, train_y = data.train_x, data.train_y
    print(f"machine: {os.cpu_count()} cores; numpy {np.__version__}")
    print(f"network: {arch.describe()} {arch.activation}/{arch.loss}, pretrained")
    all_planes = planes(net, train_x, train_y)

    x, y = fixed_sample(train_x, train_y, 1000)
    pairs = 41 * 41 * len(x)
    print(f"\n41×41 grid, {len(x):,} samples (target ≤ {TARGET_SECONDS * 1000:.0f} ms):")
    print(f"{'plane':<22} {'default':>9} {'1 thread':>9} {'float64':>9} {'ns/pair':>8}")
    for name, (plane, half_width) in all_planes.items():
        times = [
            grid_seconds(arch, plane, x, y, half_width, 41, args.repeats, **options)
            for options in ({}, {"threads": 1}, {"dtype": np.float64})
        ]
        verdict = "" if times[0] <= TARGET_SECONDS else "  over target"
        print(
            f"{name:<22} "
            + " ".join(f"{t * 1000:7.0f}ms" for t in times)
            + f" {times[0] / pairs * 1e9:8.1f}{verdict}"
        )

    print("\nscaling, random plane, defaults:")
    print(f"{'grid':>7} {'samples':>8} {'points×samples':>15} {'ms':>8} {'ns/pair':>8}")
    plane, half_width = all_planes["random"]
    for resolution, n in SIZES:
        xs, ys = fixed_sample(train_x, train_y, n)
        seconds = grid_seconds(arch, plane, xs, ys, half_width, resolution, args.repeats)
        count = resolution * resolution * n
        print(
            f"{resolution:>3}×{resolution:<3} {n:>8,} {count:>15,} {seconds * 1000:8.0f} "
            f"{seconds / count * 1e9:8.1f}"
        )


if __name__ == "__main__":
    main()
