"""How late the GUI thread's event loop runs while training runs in the worker thread.

Builds the real window as ``python -m app`` does (``build_training()``, ``MainWindow``, shown,
worker started; settings in a throw-away ini file), then fires a 10 ms precise QTimer and
records, per tick, its lateness: the actual interval minus 10 ms (``time.perf_counter``).
First with training paused, then with training on at full speed (``Play``, no speed limit),
which is when the worker competes with the GUI thread for the interpreter. Prints ticks and
the mean, median, 95th and 99th percentile and maximum lateness for each, and the training
steps a second during the "on" phase. Target: p99 ≤ 30 ms with training on.

Qt keeps a timer on its schedule: a tick a few ms late is followed by one as many ms early
(a negative lateness), so the mean stays near 0 while the loop keeps up; a tick later than
the interval restarts the schedule. The tick count says how often the loop got round at all
(about 100 a second when idle).

``--draw`` also feeds the window a drawing every 50 ms during the "on" phase (as the pad does
while a class draws), so every render reads it with the latest weights as well.
``--trace`` times every event the GUI thread delivers and lists the slowest kinds, to find
what a lateness spike was spent on.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py [--seconds 10] [--draw]

Other busy processes on the machine stretch every number here; the load average is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.training import commands as cmd
from app.ui.application import build_training
from app.ui.main_window import MainWindow

TICK_MS = 10
DRAW_EVERY_MS = 50
TARGET_P99_MS = 30.0
#: --trace lists single event deliveries at least this long.
SLOW_EVENT_MS = 15.0


class TracingApplication(QApplication):
    """Times every top-level event delivery in the GUI thread (slows delivery down a little)."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.enabled = False
        self._depth = 0
        self.totals: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.slow: list[tuple[float, float, str, str]] = []

    def notify(self, receiver, event) -> bool:
        # Top-level deliveries, and paints wherever they happen (they are what a slow frame
        # was spent on; a scene's queued update call, for one, paints its views inside it).
        nested = self._depth > 0
        if not self.enabled or (nested and event.type() != QEvent.Type.Paint):
            self._depth += 1
            try:
                return super().notify(receiver, event)
            finally:
                self._depth -= 1
        # Read the names before delivery: a delivered DeferredDelete event deletes the receiver.
        key = (_receiver_name(receiver), _event_name(event) + (" (nested)" if nested else ""))
        self._depth += 1
        start = time.perf_counter()
        try:
            return super().notify(receiver, event)
        finally:
            took = time.perf_counter() - start
            self._depth -= 1
            self.totals[key].append(took)
            if took * 1000.0 >= SLOW_EVENT_MS:
                self.slow.append((start, took, *key))


def _receiver_name(receiver) -> str:
    """The class, with its parents' for a plain widget (a view's viewport, say)."""
    names = [type(receiver).__name__]
    parent = receiver.parent() if names[0] in ("QWidget", "QObject") else None
    while parent is not None and len(names) < 3:
        names.append(type(parent).__name__)
        parent = parent.parent()
    return " in ".join(names)


def _event_name(event) -> str:
    kind = event.type()
    name = getattr(kind, "name", str(kind))
    if kind == QEvent.Type.Timer:
        name += f"#{event.timerId()}"
    return name


class LatenessProbe:
    """A precise 10 ms timer; each tick records the actual interval minus 10 ms."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def measure(self, seconds: float) -> np.ndarray:
        """Lateness per tick, in ms, over ``seconds`` of the event loop running."""
        self.ticks = [time.perf_counter()]
        self.timer.start()
        run_for(seconds)
        self.timer.stop()
        return (np.diff(np.asarray(self.ticks)) * 1000.0) - TICK_MS


def run_for(seconds: float) -> None:
    """Run the event loop (a nested one, delivering everything as ``app.exec()`` would)."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def drawings(n: int = 12) -> list[np.ndarray]:
    """A "0" being drawn: black ink (0) on white paper (255), 280×280 uint8, the arc growing."""
    yy, xx = np.mgrid[0:280, 0:280]
    radius = np.hypot((xx - 140) / 0.7, yy - 140)
    angle = np.arctan2(xx - 140, -(yy - 140)) % (2 * np.pi)
    ring = np.abs(radius - 90) < 12
    canvases = []
    for k in range(1, n + 1):
        canvas = np.full((280, 280), 255, dtype=np.uint8)
        canvas[ring & (angle <= 2 * np.pi * k / n)] = 0
        canvases.append(canvas)
    return canvases


class DrawingFeeder:
    """Every 50 ms, hands the window the next stage of the drawing, as the pad would."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.canvases = drawings()
        self.calls: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(DRAW_EVERY_MS)
        self.timer.timeout.connect(self._draw)
        self._next = 0

    def _draw(self) -> None:
        canvas = self.canvases[self._next % len(self.canvases)]
        self._next += 1
        start = time.perf_counter()
        self.window.reader.drawing_changed(canvas.copy())
        self.calls.append(time.perf_counter() - start)


def summary(ms: np.ndarray) -> str:
    return (
        f"ticks {ms.size:5d}   mean {ms.mean():6.2f}   p50 {np.percentile(ms, 50):6.2f}   "
        f"p95 {np.percentile(ms, 95):6.2f}   p99 {np.percentile(ms, 99):6.2f}   "
        f"max {ms.max():7.2f}  (ms late)"
    )


def spikes(ms: np.ndarray, threshold: float = TARGET_P99_MS) -> str:
    late = ms[ms > threshold]
    return f"{late.size} tick(s) more than {threshold:.0f} ms late ({late.size / ms.size:.1%})"


def print_trace(app: TracingApplication, top: int = 12) -> None:
    rows = []
    for (receiver, event), took in app.totals.items():
        took_ms = np.asarray(took) * 1000.0
        rows.append((took_ms.sum(), took_ms.size, took_ms.mean(), took_ms.max(), receiver, event))
    rows.sort(reverse=True)
    print(f"  event deliveries in the GUI thread, by total time (top {top}):")
    print(f"    {'receiver':<46} {'event':<22} {'count':>6} {'total s':>8} {'mean':>7} {'max':>7}")
    for total, count, mean, peak, receiver, event in rows[:top]:
        print(
            f"    {receiver:<46} {event:<22} {count:6d} {total / 1000:8.2f} {mean:7.2f} {peak:7.2f}"
        )
    slow = sorted(app.slow, key=lambda row: -row[1])
    print(f"  {len(slow)} single deliveries ≥ {SLOW_EVENT_MS:.0f} ms; the slowest:")
    for _start, took, receiver, event in slow[:top]:
        print(f"    {took * 1000:7.2f} ms  {receiver} {event}")


#: What ``--view`` puts on screen: a tab of the graph's place or one below it (the hidden
#: look-inside views sit in pages built when first shown, ``app.ui.lazy_page``).
VIEWS = {
    "network": ("views", "graph"),
    "evaluation": ("views", "inside_pages.evaluation"),
    "points-map": ("views", "inside_pages.points_map"),
    "data": ("views", "inside_pages.data"),
    "health": ("plots", "health_page"),
    "landscape": ("plots", "landscape"),
}


def show_view(window: MainWindow, view: str) -> None:
    tabs, path = VIEWS[view]
    widget = window
    for name in path.split("."):
        widget = widget[name] if isinstance(widget, dict) else getattr(widget, name)
    getattr(window, tabs).setCurrentWidget(widget)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per phase")
    parser.add_argument("--draw", action="store_true", help="classify a drawing every 50 ms")
    parser.add_argument("--trace", action="store_true", help="time every event delivery")
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        metavar="S",
        help="sys.setswitchinterval for the run (Python's default is 0.005 s)",
    )
    parser.add_argument(
        "--view",
        choices=sorted(VIEWS),
        default="network",
        help="the tab on screen while measuring (the look-inside views recompute as it trains)",
    )
    parser.add_argument(
        "--scene",
        default=None,
        metavar="NAME",
        help="measure in presenter mode with this stage scene on screen (network, draw, "
        "numbers, step, loss, landscape, points, health, evaluation, data, lab), the window "
        "1280×720",
    )
    args = parser.parse_args(argv)
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)

    app_class = TracingApplication if args.trace else QApplication
    app = QApplication.instance() or app_class(sys.argv[:1])
    with open_window() as window:
        if args.scene is None:
            show_view(window, args.view)
        else:
            present_scene(window, args.scene)
        return measure(app, window, args)


def present_scene(window: MainWindow, scene: str) -> None:
    """Presenter mode's stage at a 1280×720 projector's size, ``scene`` on it."""
    from app.ui.presenter import apply_presentation

    apply_presentation(window, True, full_screen=False)
    window.show_stage(True)
    window.resize(1280, 720)
    window.stage.show_scene(scene)


@contextlib.contextmanager
def open_window() -> Iterator[MainWindow]:
    """The window as ``python -m app`` builds it (settings in a throw-away ini file), shown
    and training-ready; paused, stopped and closed afterwards."""
    with tempfile.TemporaryDirectory(prefix="backprop-lab-bench-") as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        training, problem = build_training()
        if problem:
            print(f"note: {problem}")
        window = MainWindow(training, settings)
        window.show()
        training.start()
        try:
            yield window
        finally:
            window.send(cmd.Pause())
            if not training.stop(2000):
                print("warning: the training thread did not stop within 2 s")
            window.close()
            settings.sync()  # before the folder goes


def measure(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    run_for(1.0)  # first paints, the first snapshots, layouts settling
    print(
        f"Qt platform: {app.platformName()}; window {window.width()}×{window.height()}; "
        f"{args.seconds:g} s per phase; switch interval {sys.getswitchinterval() * 1000:g} ms"
    )
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (before)")
    probe = LatenessProbe()
    tracing = isinstance(app, TracingApplication)

    window.send(cmd.Pause())
    run_for(0.2)
    if tracing:
        app.enabled = True
    off = probe.measure(args.seconds)
    if tracing:
        app.enabled = False
    print(f"training off   {summary(off)}")
    print(f"               {spikes(off)}")
    if tracing:
        print_trace(app)
        app.totals.clear()
        app.slow.clear()

    window.send(cmd.SetSpeedLimit(None))
    window.send(cmd.Play())
    run_for(0.5)  # the worker is running and snapshots are coming
    feeder = DrawingFeeder(window) if args.draw else None
    if feeder:
        feeder.timer.start()
    step0, t0 = window._snapshot.step, time.perf_counter()
    if tracing:
        app.enabled = True
    on = probe.measure(args.seconds)
    if tracing:
        app.enabled = False
    step1, t1 = window._snapshot.step, time.perf_counter()
    if feeder:
        feeder.timer.stop()
    rate = (step1 - step0) / (t1 - t0)
    label = "training on" + (" + drawing" if feeder else "")
    print(f"{label:<14} {summary(on)}")
    print(f"               {spikes(on)}")
    print(f"               training {rate:,.0f} steps/s ({step1 - step0:,} steps)")
    if feeder and feeder.calls:
        calls = np.asarray(feeder.calls) * 1000.0
        print(
            f"               drawing_changed: {calls.size} calls, mean {calls.mean():.2f} ms, "
            f"p95 {np.percentile(calls, 95):.2f} ms, max {calls.max():.2f} ms"
        )
    if tracing:
        print_trace(app)
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (after)")
    p99 = float(np.percentile(on, 99))
    verdict = "meets" if p99 <= TARGET_P99_MS else "MISSES"
    print(f"p99 with training on: {p99:.2f} ms, {verdict} the target of ≤ {TARGET_P99_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
