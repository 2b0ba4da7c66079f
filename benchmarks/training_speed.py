"""Training throughput of the engine (samples/s) at batch sizes 1, 10, 32 and 128.

Runs the default 784-16-16-10 sigmoid network with squared error and plain gradient descent,
exactly as the app trains it (``Trainer.step_batch``: with nudges, the five-number record and
loss history). Where PyTorch is installed, the same network and step are timed with PyTorch on
the CPU in the same run, and the ratio is printed. Also times one epoch of 60,000 samples at
batch 32.

    python benchmarks/training_speed.py [--seconds 2] [--threads 1]

Inputs are random pixels: speed does not depend on what the digits show.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from app.core.network import Network
from app.core.training import Hyperparameters, Trainer

BATCH_SIZES = (1, 10, 32, 128)
N_SAMPLES = 60_000


def engine_rate(x: np.ndarray, y: np.ndarray, batch: int, seconds: float) -> float:
    trainer = Trainer(Network(seed=0), x, y, Hyperparameters(learning_rate=0.1, batch_size=batch))
    for _ in range(20):  # warm-up
        trainer.step_batch()
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            done += len(trainer.step_batch().indices)
    return done / (time.perf_counter() - start)


def engine_epoch_seconds(x: np.ndarray, y: np.ndarray) -> float:
    trainer = Trainer(Network(seed=0), x, y, Hyperparameters(learning_rate=0.1, batch_size=32))
    start = time.perf_counter()
    trainer.run_epoch()
    return time.perf_counter() - start


def torch_rate(x: np.ndarray, y: np.ndarray, batch: int, seconds: float) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 16),
        torch.nn.Sigmoid(),
        torch.nn.Linear(16, 16),
        torch.nn.Sigmoid(),
        torch.nn.Linear(16, 10),
        torch.nn.Sigmoid(),
    )
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    tx = torch.from_numpy(x)
    ty = torch.nn.functional.one_hot(torch.from_numpy(y.astype(np.int64)), 10).float()
    rng = np.random.default_rng(0)

    def step(idx: np.ndarray) -> None:
        ti = torch.from_numpy(idx)
        out = model(tx[ti])
        loss = ((out - ty[ti]) ** 2).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    order = rng.permutation(len(y))
    pos = 0
    for _ in range(20):
        step(order[:batch])
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            if pos + batch > len(order):
                pos = 0
            step(order[pos : pos + batch])
            pos += batch
            done += batch
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument(
        "--threads", type=int, default=None, help="torch threads (default: its own)"
    )
    args = parser.parse_args()
    if args.threads:
        try:
            import torch

            torch.set_num_threads(args.threads)
        except ImportError:
            pass
    rng = np.random.default_rng(0)
    x = rng.random((N_SAMPLES, 784), dtype=np.float32)
    y = rng.integers(0, 10, N_SAMPLES)
    print(f"machine: {os.cpu_count()} cores; numpy {np.__version__}")
    print(f"{'batch':>5} {'engine samples/s':>17} {'torch samples/s':>16} {'ratio':>6}")
    for batch in BATCH_SIZES:
        ours = engine_rate(x, y, batch, args.seconds)
        theirs = torch_rate(x, y, batch, args.seconds)
        ratio = f"{ours / theirs:6.2f}" if theirs else "   n/a"
        theirs_text = f"{theirs:16,.0f}" if theirs else f"{'not installed':>16}"
        print(f"{batch:>5} {ours:17,.0f} {theirs_text} {ratio}")
    print(f"one epoch of {N_SAMPLES:,} samples at batch 32: {engine_epoch_seconds(x, y):.3f} s")


if __name__ == "__main__":
    main()
