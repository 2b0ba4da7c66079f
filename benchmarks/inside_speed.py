"""How fast the "Look inside" engine parts are.

* The points map: ``all_layers`` for 2,000 examples (the pretrained 784-16-16-10 network on
  a fixed stratified sample of the bundled digits, repeated to 2,000 where the set is
  smaller), target ≤ 100 ms; with layer 0 apart, which a caller may compute once and keep.
  Also a deeper, wider network (784-128-64-32-10, ReLU).
* Layer health per training step: ``GradientSizeHistory.append`` (what the worker would do
  every step), next to the cost of the step itself; and the occasional measurements:
  ``hidden_layer_health`` on the sample and the weight and gradient histograms.
* The neuron lab: one edit plus ``evaluate`` on the 500 validation digits, for a switch-off,
  a prune of 30 %, and an undo.

Every time is the median of ``--repeats`` runs. Reports only; asserts nothing.

    python benchmarks/inside_speed.py [--repeats 20]
"""

from __future__ import annotations

import argparse

import numpy as np
from evaluation_speed import median_ms  # the same timing rule for both benchmarks

from app import RESOURCES_DIR
from app.core.layer_health import (
    GradientSizeHistory,
    gradient_histograms,
    hidden_layer_health,
    weight_histograms,
)
from app.core.model_file import load_model
from app.core.network import Architecture, Network, initial_parameters
from app.core.neuron_lab import NeuronLab
from app.core.points_map import SAMPLE_SIZE, all_layers, fixed_sample, principal_plane
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import load_bundled

PRETRAINED = RESOURCES_DIR / "models" / "pretrained.npz"
POINTS_MAP_TARGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    repeats = args.repeats

    data = load_bundled()
    all_x = np.concatenate([data.train_x, data.val_x])
    all_y = np.concatenate([data.train_y, data.val_y])
    sample = all_x[fixed_sample(all_y, SAMPLE_SIZE)]
    net = load_model(PRETRAINED)
    print(f"network: {net.architecture.describe()} {net.architecture.activation}, pretrained")

    print(f"\npoints map, {len(sample):,} examples (target ≤ {POINTS_MAP_TARGET_MS:.0f} ms):")
    total = median_ms(lambda: all_layers(net, sample), repeats)
    verdict = "" if total <= POINTS_MAP_TARGET_MS else "  over target"
    print(f"  all layers, one forward pass     {total:8.1f} ms{verdict}")
    forward_ms = median_ms(lambda: net.forward(sample), repeats)
    pixels_ms = median_ms(lambda: principal_plane(sample), repeats)
    print(f"  forward pass alone               {forward_ms:8.1f} ms")
    print(f"  layer 0 (pixels) alone           {pixels_ms:8.1f} ms")
    hidden = net.forward(sample).activations[1:]
    rest = median_ms(lambda: [principal_plane(a) for a in hidden], repeats)
    print(f"  layers 1..L without the forward  {rest:8.1f} ms")
    wide = Network(Architecture((784, 128, 64, 32, 10), "relu"), seed=0)
    wide_ms = median_ms(lambda: all_layers(wide, sample), repeats)
    print(f"  all layers of 784-128-64-32-10   {wide_ms:8.1f} ms")

    print("\nlayer health:")
    trainer = Trainer(net.copy(), data.train_x, data.train_y, Hyperparameters(learning_rate=0.1))
    result = trainer.step_batch()
    step_ms = median_ms(trainer.step_batch, repeats * 10)
    history = GradientSizeHistory()
    arch = net.architecture
    counter = iter(range(10**9))
    append_ms = median_ms(
        lambda: history.append(result.gradients.flat, arch, next(counter)), repeats * 10
    )
    print(f"  a training step (batch 10), for scale      {step_ms:8.3f} ms")
    print(f"  gradient-size history, per step            {append_ms:8.3f} ms")
    start = initial_parameters(arch, 0)
    hist_ms = median_ms(lambda: weight_histograms(net.params, start, arch), repeats)
    grad_ms = median_ms(lambda: gradient_histograms(result.gradients.flat, arch), repeats)
    health_ms = median_ms(lambda: hidden_layer_health(net, sample), repeats)
    print(f"  weight histograms, now vs initial          {hist_ms:8.3f} ms")
    print(f"  gradient histograms                        {grad_ms:8.3f} ms")
    print(f"  saturated/dead neurons on {len(sample):,} examples  {health_ms:8.3f} ms")

    print(f"\nneuron lab, edit + evaluate on {len(data.val_y)} validation digits:")
    lab = NeuronLab(net)

    def switch_off_and_evaluate() -> None:
        lab.switch_off(1, 3)
        lab.evaluate(data.val_x, data.val_y)
        lab.undo()

    def prune_and_evaluate() -> None:
        lab.prune(30)
        lab.evaluate(data.val_x, data.val_y)
        lab.undo()

    def restore_and_copy() -> None:
        lab.prune(30)
        lab.restore()
        lab.edited_network()

    print(
        f"  switch off + evaluate + undo     {median_ms(switch_off_and_evaluate, repeats):8.3f} ms"
    )
    print(f"  prune 30 % + evaluate + undo     {median_ms(prune_and_evaluate, repeats):8.3f} ms")
    print(f"  prune + restore + edited copy    {median_ms(restore_and_copy, repeats):8.3f} ms")
    evaluate_ms = median_ms(lambda: net.evaluate(data.val_x, data.val_y), repeats)
    print(f"  evaluate alone, for scale        {evaluate_ms:8.3f} ms")


if __name__ == "__main__":
    main()
