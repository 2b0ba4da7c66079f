"""Training throughput of the engine (samples/s) against a bare float32 numpy loop, same run.

Runs the default 784-16-16-10 sigmoid network with squared error and plain gradient descent,
exactly as the app trains it (``Trainer.step_batch``: with nudges, the five-number record and
loss history), and beside it ``BareLoop``: the same network and step written plainly in
float32 numpy (about 40 lines, no checks, no records). Each measurement is ``--repeats``
paired repetitions (engine then bare, the order alternating), and the median of the ratios
is printed, so a burst of load from elsewhere hits both sides of a pair alike.

Also in the same run:

- one epoch of 60,000 samples at batch 32, engine and bare (target: engine ≤ 0.2 s);
- the machine's matmul peak (a 2048×2048 float32 ``np.dot``, best of 3) and the share of it
  the engine's matmuls reach at batch 128;
- the app's worker loop (``app.training.worker``), headless: a ``TrainingWorker`` in its
  ``QThread`` told to Play, no window; its steps counted from the snapshots it publishes,
  against the engine at the same batch size (target ≥ 0.9);
- the strongest desktop peer, ``neural-network-digits`` (its own float32 ``train_step``, with
  its loss and gradient-size records, on the same 784-16-16-10 sigmoid network), only where
  it is installed (target: engine ≥ 1.2 × the peer);
- PyTorch on the CPU, only where it is installed.

BLAS runs on one thread (``--threads``): the environment variables are set before numpy is
imported, as a thread pool cannot be resized afterwards without threadpoolctl.

``--clock cpu`` times the engine, the bare loop and the epochs in this thread's CPU time
(``time.thread_time``) instead of the wall clock: on a machine shared with other busy
processes, time spent waiting for a core then counts for neither side (cache and memory
contention still do). The worker loop, in its own thread, is then timed in that thread's CPU
time, and the share of the time it ran is printed too.

    python benchmarks/training_speed.py [--seconds 0.4] [--repeats 5] [--threads 1]
                                         [--clock wall|cpu]

Inputs are random pixel bytes, as every image set the app trains on is stored. The engine is
given the bytes, as the window gives them (the trainer makes the float32 inputs byte / 255
and fetches each step's rows as bytes: ``app.core.pixel_bytes``); the bare loop, the peer and
PyTorch are given those float32 inputs. A last line measures the engine given float32 inputs
too (as when the class's drawings are mixed in). Speed does not depend on what the digits
show.
"""

from __future__ import annotations

import os
import sys


def _blas_threads() -> str:
    """``--threads N`` from the command line (default 1), read before numpy is imported."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--threads" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = _blas_threads()

import argparse  # noqa: E402
import itertools  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402

from app.core.network import TRAINING_DTYPE, Network  # noqa: E402
from app.core.training import Hyperparameters, Trainer  # noqa: E402

BATCH_SIZES = (1, 10, 32, 128)
N_SAMPLES = 60_000
SIZES = (784, 16, 16, 10)
LEARNING_RATE = 0.1
#: Multiply-adds of one sample's step, ×2 for flops: the forward pass and the weight
#: gradients go through every weight, the nudges through every weight but the first layer's.
N_WEIGHTS = sum(a * b for a, b in itertools.pairwise(SIZES))
MATMUL_FLOPS_PER_SAMPLE = 2 * (2 * N_WEIGHTS + N_WEIGHTS - SIZES[0] * SIZES[1])
PEAK_SIDE = 2048


class BareLoop:
    """The same network and step as the engine, float32, written plainly: the yardstick."""

    def __init__(self, x: np.ndarray, y: np.ndarray, batch: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.w = [
            (rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(np.float32)
            for n_in, n_out in itertools.pairwise(SIZES)
        ]
        self.b = [np.zeros(n_out, dtype=np.float32) for n_out in SIZES[1:]]
        self.x, self.targets = x, np.eye(SIZES[-1], dtype=np.float32)[y]
        self.batch, self.seed, self.epoch, self.pos = batch, seed, 0, 0
        self.order = np.random.default_rng([seed, 0]).permutation(len(y))

    def step(self) -> int:
        """One step of gradient descent on the next mini-batch; returns its size."""
        idx = self.order[self.pos : self.pos + self.batch]
        self.pos += len(idx)
        if self.pos >= len(self.order):
            self.pos, self.epoch = 0, self.epoch + 1
            self.order = np.random.default_rng([self.seed, self.epoch]).permutation(len(self.x))
        a0, t = self.x[idx], self.targets[idx]
        (w1, w2, w3), (b1, b2, b3) = self.w, self.b
        a1 = 1 / (1 + np.exp(-(a0 @ w1.T + b1)))
        a2 = 1 / (1 + np.exp(-(a1 @ w2.T + b2)))
        a3 = 1 / (1 + np.exp(-(a2 @ w3.T + b3)))
        d3 = (2 / len(idx)) * (a3 - t) * a3 * (1 - a3)  # dC/dz, the batch mean folded in
        d2 = (d3 @ w3) * a2 * (1 - a2)
        d1 = (d2 @ w2) * a1 * (1 - a1)
        for w, b, d, a in ((w3, b3, d3, a2), (w2, b2, d2, a1), (w1, b1, d1, a0)):
            w -= LEARNING_RATE * (d.T @ a)
            b -= LEARNING_RATE * d.sum(axis=0)
        return len(idx)

    def run_epoch(self) -> None:
        epoch = self.epoch
        while self.epoch == epoch:
            self.step()


def engine(x: np.ndarray, y: np.ndarray, batch: int) -> Trainer:
    hyper = Hyperparameters(learning_rate=LEARNING_RATE, batch_size=batch)
    return Trainer(Network(seed=0, dtype=TRAINING_DTYPE), x, y, hyper)


def engine_step(trainer: Trainer) -> Callable[[], int]:
    """One ``Trainer.step_batch``, as the app takes it; returns its batch's size."""
    return lambda: len(trainer.step_batch().indices)


#: What ``rate`` and ``epoch_seconds`` time with: the wall clock, or ``--clock cpu``'s.
CLOCK: list[Callable[[], float]] = [time.perf_counter]


def rate(step: Callable[[], int], seconds: float) -> float:
    """Samples a second of ``step`` (returns its batch's size) over about ``seconds``."""
    for _ in range(20):  # warm-up
        step()
    clock = CLOCK[0]
    done, start = 0, clock()
    while clock() - start < seconds:
        for _ in range(25):
            done += step()
    return done / (clock() - start)


def paired(first: Callable[[], float], second: Callable[[], float], repeats: int) -> list:
    """``repeats`` pairs (first(), second()), the order alternating between repetitions."""
    pairs = []
    for i in range(repeats):
        if i % 2:
            b = second()
            a = first()
        else:
            a = first()
            b = second()
        pairs.append((a, b))
    return pairs


def medians(pairs: list) -> tuple[float, float, float]:
    """Median of the first values, of the second, and of their per-pair ratios."""
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(a / b for a, b in pairs),
    )


def epoch_seconds(make: Callable[[], object]) -> float:
    runner = make()
    start = CLOCK[0]()
    runner.run_epoch()
    return CLOCK[0]() - start


def matmul_peak() -> float:
    """Flops a second of a large float32 matrix product on this machine (best of 3)."""
    a = np.random.default_rng(0).random((PEAK_SIDE, PEAK_SIDE), dtype=np.float32)
    np.dot(a, a)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        np.dot(a, a)
        best = min(best, time.perf_counter() - start)
    return 2.0 * PEAK_SIDE**3 / best


def worker_rate(x: np.ndarray, y: np.ndarray, batch: int, seconds: float) -> float:
    """Samples a second of the app's worker loop, running in its thread with no window.

    Timed on ``CLOCK``: the wall clock, or with ``--clock cpu`` the worker thread's own CPU
    time (read in that thread, when it publishes a snapshot). ``WORKER_ON_CPU`` gets the share
    of the wall-clock time the thread ran.
    """
    from PySide6.QtCore import QCoreApplication, Qt

    from app.training import commands as cmd
    from app.training.training_thread import TrainingThread
    from app.training.worker import TrainingWorker

    _app = QCoreApplication.instance() or QCoreApplication([])
    worker = TrainingWorker(engine(x, y, batch), "random pixels")
    marks: list[tuple[float, float, int]] = []
    worker.snapshot_ready.connect(
        lambda s: marks.append((time.perf_counter(), CLOCK[0](), s.step)),
        Qt.ConnectionType.DirectConnection,
    )
    thread = TrainingThread(worker)
    thread.start()
    worker.send(cmd.Play())
    time.sleep(0.2)  # warm-up; the main thread sleeps, so it never wants the interpreter
    del marks[:]
    time.sleep(seconds)
    thread.stop()
    (w0, t0, s0), (w1, t1, s1) = marks[0], marks[-1]
    WORKER_ON_CPU.append((t1 - t0) / (w1 - w0))
    return (s1 - s0) * batch / (t1 - t0)


#: ``worker_rate``: the worker thread's CPU time over the wall-clock time, per measurement.
WORKER_ON_CPU: list[float] = []


def peer_step(x: np.ndarray, y: np.ndarray, batch: int) -> Callable[[], int] | None:
    """One ``train_step`` of neural-network-digits (as its ``Trainer.run_epoch`` takes it:
    the next shuffled mini-batch, its defaults), or None where it is not installed."""
    try:
        from nn_digits.neural_net.network import NeuralNetwork
    except ImportError:
        return None
    net = NeuralNetwork(SIZES, "sigmoid", seed=0)
    targets = np.eye(SIZES[-1], dtype=np.float32)[y]
    order, pos = np.random.default_rng(0).permutation(len(y)), 0

    def step() -> int:
        nonlocal pos
        if pos + batch > len(order):
            pos = 0
        idx = order[pos : pos + batch]
        pos += batch
        net.train_step(x[idx], targets[idx], LEARNING_RATE)
        return batch

    return step


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
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    tx = torch.from_numpy(x)
    ty = torch.nn.functional.one_hot(torch.from_numpy(y.astype(np.int64)), 10).float()
    order = np.random.default_rng(0).permutation(len(y))
    pos = 0

    def step() -> int:
        nonlocal pos
        if pos + batch > len(order):
            pos = 0
        ti = torch.from_numpy(order[pos : pos + batch])
        pos += batch
        out = model(tx[ti])
        loss = ((out - ty[ti]) ** 2).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return batch

    return rate(step, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.4, help="time per measurement")
    parser.add_argument("--repeats", type=int, default=5, help="paired repetitions")
    parser.add_argument("--threads", type=int, default=1, help="BLAS (and torch) threads")
    parser.add_argument(
        "--clock", choices=("wall", "cpu"), default="wall", help="time steps in CPU time too"
    )
    args = parser.parse_args()
    secs, reps = args.seconds, args.repeats
    CLOCK[0] = time.thread_time if args.clock == "cpu" else time.perf_counter
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (N_SAMPLES, SIZES[0]), dtype=np.uint8)
    x = pixels / np.float32(255)  # float32, what the bare loop, the peer and torch read
    y = rng.integers(0, SIZES[-1], N_SAMPLES)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load {load:.2f}; numpy {np.__version__}; ", end="")
    dtype = engine(x[:10], y[:10], 1).network.params.dtype
    print(f"BLAS threads {args.threads}; engine dtype {dtype}; clock {args.clock}")
    peak = matmul_peak()
    print(f"matmul peak ({PEAK_SIDE}² float32 np.dot): {peak / 1e9:.1f} GFLOP/s")
    print(f"median of {reps} paired repetitions of {secs} s, samples/s")
    print(f"{'batch':>5} {'engine':>10} {'bare f32':>10} {'engine/bare':>12}")
    at_128 = 0.0
    for batch in BATCH_SIZES:
        ours, bare, ratio = medians(
            paired(
                lambda b=batch: rate(engine_step(engine(pixels, y, b)), secs),
                lambda b=batch: rate(BareLoop(x, y, b).step, secs),
                reps,
            )
        )
        at_128 = ours if batch == 128 else at_128
        print(f"{batch:>5} {ours:10,.0f} {bare:10,.0f} {ratio:12.2f}")
    share = at_128 * MATMUL_FLOPS_PER_SAMPLE / peak
    flops = MATMUL_FLOPS_PER_SAMPLE
    print(f"share of the matmul peak at batch 128: {share:.1%} ({flops:,} flops/sample)")
    ours, bare, ratio = medians(
        paired(
            lambda: epoch_seconds(lambda: engine(pixels, y, 32)),
            lambda: epoch_seconds(lambda: BareLoop(x, y, 32)),
            reps,
        )
    )
    print(f"one epoch of {N_SAMPLES:,} at batch 32: engine {ours:.3f} s, bare {bare:.3f} s")
    for batch in (10, 32):
        del WORKER_ON_CPU[:]
        loop, ours, ratio = medians(
            paired(
                lambda b=batch: worker_rate(pixels, y, b, secs * 2),
                lambda b=batch: rate(engine_step(engine(pixels, y, b)), secs * 2),
                reps,
            )
        )
        on_cpu = statistics.median(WORKER_ON_CPU)
        ran = f" (its thread ran {on_cpu:.0%} of the time)" if args.clock == "cpu" else ""
        what = f"worker loop, headless, batch {batch}"
        print(f"{what}: {loop:,.0f} samples/s, {ratio:.2f} × engine{ran}")
    for batch in BATCH_SIZES:
        if peer_step(x[:10], y[:10], 1) is None:
            print("neural-network-digits: not installed")
            break
        ours, theirs, ratio = medians(
            paired(
                lambda b=batch: rate(engine_step(engine(pixels, y, b)), secs),
                lambda b=batch: rate(peer_step(x, y, b), secs),
                reps,
            )
        )
        print(f"peer batch {batch}: {theirs:,.0f} samples/s; engine/peer {ratio:.2f}")
    for batch in (10, 128):
        _, _, ratio = medians(
            paired(
                lambda b=batch: rate(engine_step(engine(x, y, b)), secs),
                lambda b=batch: rate(BareLoop(x, y, b).step, secs),
                reps,
            )
        )
        print(f"engine given float32 inputs, batch {batch}: {ratio:.2f} × bare")
    if args.threads:
        try:
            import torch

            torch.set_num_threads(args.threads)
        except ImportError:
            pass
    for batch in BATCH_SIZES:
        theirs = torch_rate(x, y, batch, secs)
        if theirs is None:
            print("torch: not installed")
            break
        ours = rate(engine_step(engine(pixels, y, batch)), secs)
        print(f"torch batch {batch}: {theirs:,.0f} samples/s; engine/torch {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
