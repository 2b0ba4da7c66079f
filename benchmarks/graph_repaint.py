"""How fast the network graph redraws: full repaints of the default 784-16-16-10 network.

Every repaint shows a new snapshot after a real training step (new weights, gradient and
change, so nothing can be reused), then lets Qt process events and renders the whole widget
with ``grab()``, which is what a visible window would paint. Prints the mean and 95th
percentile time per repaint and repaints per second (the live view wants ≥ 30/s), for each
edge mode and for the "strongest 10 %" filter.

    QT_QPA_PLATFORM=offscreen python benchmarks/graph_repaint.py [--repaints 200]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from PySide6.QtWidgets import QApplication

from app.core.network import Network
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import load_bundled
from app.training.snapshot import InputView, Snapshot, frozen
from app.ui.graph.view import NetworkGraphView

SIZE = (1280, 720)


def make_snapshot(trainer: Trainer, serial: int, x: np.ndarray) -> Snapshot:
    result = trainer.step_batch()
    network = trainer.network
    forward = network.forward(x)
    view = InputView(
        image=frozen(x.reshape(28, 28)),
        activations=tuple(frozen(a[0]) for a in forward.activations),
        weighted_sums=tuple(None if z is None else frozen(z[0]) for z in forward.weighted_sums),
        probabilities=frozen(network.predict_proba(x)[0]),
        source="training",
    )
    return Snapshot(
        serial=serial,
        architecture=network.architecture,
        hyper=trainer.hyper,
        params=frozen(network.params),
        gradient=frozen(result.gradients.flat),
        change=frozen(result.change),
        step=result.step,
        epoch=result.epoch,
        position_in_epoch=0,
        n_train=len(trainer.train_y),
        dataset_name="bundled",
        loss_steps=np.zeros(0),
        loss_values=np.zeros(0),
        epochs=(),
        watched=None,
        last_loss=result.loss,
        running=True,
        steps_per_second=0.0,
        input_view=view,
    )


def time_repaints(
    app: QApplication, view: NetworkGraphView, snapshots: list[Snapshot]
) -> np.ndarray:
    """Per snapshot (ms): [show_snapshot, processEvents (the event loop's paint), grab()]."""
    times = []
    for snapshot in snapshots:
        t0 = time.perf_counter()
        view.show_snapshot(snapshot)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        view.grab()
        t3 = time.perf_counter()
        times.append((t1 - t0, t2 - t1, t3 - t2))
    return np.array(times) * 1000.0


def report(label: str, ms: np.ndarray) -> None:
    repaint = ms[:, 0] + ms[:, 1]
    mean, p95 = float(repaint.mean()), float(np.percentile(repaint, 95))
    update, paint, grab = ms.mean(axis=0)
    print(
        f"{label:<24} repaint mean {mean:5.1f} ms  p95 {p95:5.1f} ms  {1000 / mean:5.1f}/s"
        f"   (update {update:4.1f} + paint {paint:4.1f}; grab() {grab:4.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repaints", type=int, default=200)
    parser.add_argument("--size", type=int, nargs=2, default=SIZE, metavar=("W", "H"))
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    data = load_bundled()
    trainer = Trainer(
        Network(seed=0), data.train_x, data.train_y, Hyperparameters(learning_rate=1.0)
    )
    x = data.val_x[0]
    serial = 0

    def fresh(n: int) -> list[Snapshot]:
        nonlocal serial
        out = []
        for _ in range(n):
            serial += 1
            out.append(make_snapshot(trainer, serial, x))
        return out

    view = NetworkGraphView()
    view.resize(*args.size)
    view.show()
    time_repaints(app, view, fresh(10))  # warm-up: first paint, pens, fonts

    print(
        f"NetworkGraphView {args.size[0]}×{args.size[1]}, 784-16-16-10 (12,960 edges), "
        f"{args.repaints} snapshots per row; repaint = show_snapshot + processEvents"
    )
    for mode, percent in (("weights", 100), ("gradients", 100), ("change", 100), ("weights", 10)):
        view.set_edge_mode(mode)
        view.set_strongest_percent(percent)
        report(f"{mode}, strongest {percent} %", time_repaints(app, view, fresh(args.repaints)))


if __name__ == "__main__":
    main()
