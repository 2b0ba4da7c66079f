"""How long a stroke on the drawing pad takes to show up as the network's reading.

From a simulated mouse move on the pad to the end of the prediction panel's repaint with
the new reading: the pad's ≤60/s emit timer, ``preprocess_digit``, the forward pass of the
pretrained 784-16-16-10 model, ``show_prediction`` and the paint. Target: ≤ 20 ms.

Two runs of the same strokes (the outline of a "2", then a "0"):

- ``paced``: a move every 25 ms, slower than the pad's 16 ms emit interval, so each move is
  read on its own: the work itself.
- ``mouse``: a move every 8 ms (a 125 Hz mouse). Moves that come within 16 ms of the last
  reading wait for the next one, so this includes that wait, as a user sees it.

Then each step alone, on the finished drawing, for the breakdown.

    QT_QPA_PLATFORM=offscreen python benchmarks/stroke_latency.py [--repeats 500]

Offscreen (the default here when no display is set) paints into memory; on a real screen the
compositor adds its frame on top of these numbers.

BLAS threads matter more than anything in the pipeline: ``preprocess_digit`` resamples with
two small matrix products, and OpenBLAS splits them over every core. When another process (or
the training worker) keeps a core busy, its threads wait for one another and preprocessing
takes ~16 ms instead of ~2 ms. Compare a run with ``OPENBLAS_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.data.preprocess import preprocess_digit
from app.ui.drawing_pad import DrawingPad
from app.ui.prediction_view import PredictionView, classify_drawing

LEFT = Qt.MouseButton.LeftButton


class TimedPredictionView(PredictionView):
    """Records when each paint finished."""

    def __init__(self) -> None:
        super().__init__()
        self.paints: list[float] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.paints.append(time.perf_counter())


def strokes() -> list[list[tuple[float, float]]]:
    """A "2" (hook and base) and a "0", in canvas coordinates, about one point per 3 px."""
    hook = [(140 + 55 * np.cos(a), 100 + 45 * np.sin(a)) for a in np.linspace(3.5, 7.1, 40)]
    end = hook[-1]
    diagonal = [
        (end[0] + (95 - end[0]) * s, end[1] + (235 - end[1]) * s) for s in np.linspace(0, 1, 45)
    ]
    base = [(95 + 95 * s, 235.0) for s in np.linspace(0, 1, 30)]
    zero = [(140 + 60 * np.sin(a), 140 - 90 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 160)]
    return [hook + diagonal[1:] + base[1:], zero]


def send(pad: DrawingPad, kind: QEvent.Type, point, button, buttons) -> None:
    position = pad.map_from_canvas(QPointF(*point))
    event = QMouseEvent(
        kind, position, pad.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(pad, event)


def run_until(app: QApplication, deadline: float) -> None:
    while time.perf_counter() < deadline:
        app.processEvents()


def stroke_latencies(app, pad, view, network, interval_s: float) -> np.ndarray:
    """Per mouse move: seconds until the first repaint after the first reading that has it."""
    readings: list[float] = []
    moves: list[float] = []
    latencies: list[float] = []

    def on_drawing(canvas: np.ndarray) -> None:
        readings.append(time.perf_counter())
        view.show_prediction(classify_drawing(canvas, network))

    pad.drawing_changed.connect(on_drawing)
    view.paints.clear()
    for stroke in strokes():
        pad.clear()
        run_until(app, time.perf_counter() + 0.1)
        readings.clear()
        view.paints.clear()
        moves.clear()
        send(pad, QEvent.Type.MouseButtonPress, stroke[0], LEFT, LEFT)
        next_move = time.perf_counter() + interval_s
        for point in stroke[1:]:
            run_until(app, next_move)
            moves.append(time.perf_counter())
            send(pad, QEvent.Type.MouseMove, point, Qt.MouseButton.NoButton, LEFT)
            next_move += interval_s
        run_until(app, time.perf_counter() + 0.1)
        # The release reads the finished stroke at once; it is not a move, leave it out.
        send(pad, QEvent.Type.MouseButtonRelease, stroke[-1], LEFT, Qt.MouseButton.NoButton)
        latencies.extend(_match(moves, readings, view.paints))
    pad.drawing_changed.disconnect(on_drawing)
    return np.asarray(latencies)


def _match(moves: list[float], readings: list[float], paints: list[float]) -> list[float]:
    reading_times = np.asarray(readings)
    paint_times = np.asarray(paints)
    matched = []
    for moved in moves:
        read = reading_times[reading_times >= moved]
        shown = paint_times[paint_times >= read[0]] if read.size else read
        if shown.size:
            matched.append(shown[0] - moved)
    return matched


def step_times(pad, view, network, repeats: int) -> dict[str, np.ndarray]:
    canvas = pad.canvas_array()
    image = preprocess_digit(canvas)
    reading = classify_drawing(canvas, network)
    x = image.reshape(1, 784)
    times: dict[str, list[float]] = {
        "preprocess": [],
        "forward": [],
        "classify_drawing": [],
        "show_prediction": [],
        "prediction repaint": [],
        "pad repaint": [],
    }
    for _ in range(repeats):
        t0 = time.perf_counter()
        preprocess_digit(canvas)
        t1 = time.perf_counter()
        network.forward(x)
        t2 = time.perf_counter()
        classify_drawing(canvas, network)
        t3 = time.perf_counter()
        view.show_prediction(reading)
        t4 = time.perf_counter()
        view.repaint()
        t5 = time.perf_counter()
        pad.repaint()
        t6 = time.perf_counter()
        times["preprocess"].append(t1 - t0)
        times["forward"].append(t2 - t1)
        times["classify_drawing"].append(t3 - t2)
        times["show_prediction"].append(t4 - t3)
        times["prediction repaint"].append(t5 - t4)
        times["pad repaint"].append(t6 - t5)
    return {name: np.asarray(values) for name, values in times.items()}


def summary(seconds: np.ndarray) -> str:
    ms = np.asarray(seconds) * 1000.0
    return (
        f"mean {ms.mean():6.2f} ms   median {np.median(ms):6.2f}   "
        f"p95 {np.percentile(ms, 95):6.2f}   max {ms.max():6.2f}   (n={ms.size})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=500, help="repeats per step (breakdown)")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QWidget()
    layout = QHBoxLayout(window)
    pad = DrawingPad()
    view = TimedPredictionView()
    layout.addWidget(pad)
    layout.addWidget(view)
    window.resize(900, 480)
    window.show()
    run_until(app, time.perf_counter() + 0.3)
    network = load_model_file(PRETRAINED_MODEL).network()

    print(
        f"Qt platform: {app.platformName()}; pad {pad.width()}×{pad.height()}, "
        f"view {view.width()}×{view.height()}"
    )
    if hasattr(os, "getloadavg"):
        # Other busy processes stretch every number here; this says how busy the machine was.
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(not set)')}")
    print("mouse move → repainted reading (target ≤ 20 ms)")
    for name, interval in (("paced, a move every 25 ms", 0.025), ("125 Hz mouse", 0.008)):
        latencies = stroke_latencies(app, pad, view, network, interval)
        print(f"  {name:<26} {summary(latencies)}")

    print("each step alone, on the finished drawing")
    for name, seconds in step_times(pad, view, network, args.repeats).items():
        print(f"  {name:<26} {summary(seconds)}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
