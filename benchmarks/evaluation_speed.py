"""How fast the evaluation part of "Look inside" is.

* ``evaluate`` (one forward pass, the confusion matrix, per-digit accuracy) over the 10,000
  real MNIST test images (``../shared/data/mnist/`` next to the repository) for the pretrained
  784-16-16-10 network, target ≤ 50 ms; from network inputs and from the stored uint8
  images, next to the forward pass alone. Without the real test set, the 5,000 bundled
  digits twice over stand in (and the output says so).
* What the window would ask of an ``Evaluation`` afterwards: the mistakes, a cell's
  examples, the abstain curve at 101 thresholds.
* Robustness: one damage of 1,000 images per kind, and a whole ``robustness_curve`` (every
  level of the kind's default sweep) over ``--curve-images`` test images.

Every time is the median of ``--repeats`` runs (``--curve-repeats`` for the curves, which
take seconds). Reports only; asserts nothing.

    python benchmarks/evaluation_speed.py [--repeats 20] [--curve-repeats 3] [--curve-images 10000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from app import PRETRAINED_MODEL
from app.core.damage import DAMAGES, damage, robustness_curve
from app.core.evaluation import evaluate
from app.core.model_file import load_model
from app.data.datasets import load_bundled, to_inputs
from app.data.idx import load_idx_folder

MNIST_TEST_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"
EVALUATE_TARGET_MS = 50.0


def median_ms(work: Callable[[], object], repeats: int) -> float:
    work()  # warm-up: first-call allocations and BLAS thread start-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def test_images() -> tuple[np.ndarray, np.ndarray, str]:
    """(uint8 images (N, 28, 28), labels (N,), what they are)."""
    if (MNIST_TEST_DIR / "t10k-images-idx3-ubyte.gz").exists():
        images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
        return images, labels, f"the real MNIST test set ({MNIST_TEST_DIR})"
    data = load_bundled()
    images = np.concatenate([data.train_images, data.val_images] * 2)
    labels = np.concatenate([data.train_y, data.val_y] * 2)
    return images, labels, f"NOT the real test set (absent from {MNIST_TEST_DIR}): bundled ×2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--curve-repeats", type=int, default=3)
    parser.add_argument("--curve-images", type=int, default=10_000)
    args = parser.parse_args()
    repeats = args.repeats

    images, labels, source = test_images()
    inputs = to_inputs(images)
    net = load_model(PRETRAINED_MODEL)
    print(f"network: {net.architecture.describe()} {net.architecture.activation}, pretrained")
    print(f"images: {len(labels):,}, {source}")

    def confusion_and_per_digit(x: np.ndarray) -> None:
        ev = evaluate(net, x, labels)
        _ = ev.confusion, ev.per_class, ev.accuracy

    print(f"\nevaluate, {len(labels):,} images (target ≤ {EVALUATE_TARGET_MS:.0f} ms):")
    total = median_ms(lambda: confusion_and_per_digit(inputs), repeats)
    verdict = "" if total <= EVALUATE_TARGET_MS else "  over target"
    print(f"  from inputs (N, 784) float32       {total:8.1f} ms{verdict}")
    stored = median_ms(lambda: confusion_and_per_digit(images), repeats)
    print(f"  from stored uint8 (N, 28, 28)      {stored:8.1f} ms")
    forward = median_ms(lambda: net.outputs(inputs), repeats)
    print(f"  the forward pass alone             {forward:8.1f} ms")
    ev = evaluate(net, inputs, labels)
    print(f"  (accuracy {ev.accuracy:.2%}, {len(ev.mistakes()):,} mistakes)")

    print("\nquestions to an Evaluation:")
    print(f"  mistakes(), all of them            {median_ms(ev.mistakes, repeats):8.2f} ms")
    cell = median_ms(lambda: ev.examples_in_cell(4, 9), repeats)
    print(f"  examples_in_cell(4, 9)             {cell:8.2f} ms")
    thresholds = np.linspace(0, 1, 101)
    curve = median_ms(lambda: ev.abstain_curve(thresholds), repeats)
    print(f"  abstain_curve, 101 thresholds      {curve:8.2f} ms")

    print("\none damage of 1,000 images:")
    sample = inputs[:1000].reshape(-1, 28, 28)
    for kind, info in DAMAGES.items():
        level = info.levels[-1]
        ms = median_ms(lambda kind=kind, level=level: damage(sample, kind, level), repeats)
        at = f"{kind} at {level:g} {info.unit}"
        print(f"  {at:<35}{ms:8.1f} ms")

    n = min(args.curve_images, len(labels))
    print(f"\nrobustness_curve, {n:,} images, the default sweep:")
    for kind in DAMAGES:
        # Seconds per run: no warm-up needed, and the last run's curve is the one shown.
        times = []
        for _ in range(max(args.curve_repeats, 1)):
            start = time.perf_counter()
            levels, accuracies = robustness_curve(net, images[:n], labels[:n], kind)
            times.append(time.perf_counter() - start)
        ms = statistics.median(times) * 1000.0
        per = ms / (len(levels) * n) * 1000.0
        shown = " ".join(f"{a:.2f}" for a in accuracies)
        print(
            f"  {kind:<9} {len(levels):>2} levels {ms:9.0f} ms ({per:5.1f} µs per image·level)"
            f"  accuracy {shown}"
        )


if __name__ == "__main__":
    main()
