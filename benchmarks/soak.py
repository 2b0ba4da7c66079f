"""Soak: the real window training at full speed for a long time, memory and lateness sampled.

Builds the window as ``python -m app`` does (settings in a throw-away ini file), presses Play
with no speed limit and keeps a 10 ms precise timer running. Every ``--every`` seconds it
prints the process's resident memory (VmRSS) and the GUI lateness of that interval (p50, p99,
max of the timer's ticks, as in ``gui_latency.py``), and the steps taken. If the divergence
watch pauses training, the soak counts it and presses Play again. At the end: memory growth
after the warm-up (targets: ≤ 20 MB), and the p99 lateness of every interval (target ≤ 30 ms
throughout).

``--trace`` times every event the GUI thread delivers and adds to each row the three kinds
that took the most time in that interval (mean ms per delivery, and count), so a lateness that
grows with the run can be pinned on what grew.

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--minutes 30] [--every 10] [--trace]

Other busy processes on the machine stretch every lateness number; the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_latency import TICK_MS, LatenessProbe, TracingApplication, open_window, run_for

from app.training import commands as cmd
from app.ui.main_window import MainWindow

WARM_UP_S = 60.0
MEMORY_TARGET_MB = 20.0
LATENESS_TARGET_MS = 30.0


def resident_mb() -> float:
    """VmRSS of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--trace", action="store_true", help="time every event delivery")
    args = parser.parse_args(argv)

    app_class = TracingApplication if args.trace else QApplication
    app = QApplication.instance() or app_class(sys.argv[:1])
    with open_window() as window:
        return soak(window, args)
    del app


def soak(window: MainWindow, args: argparse.Namespace) -> int:
    run_for(1.0)
    window.send(cmd.SetSpeedLimit(None))
    window.send(cmd.Play())
    probe = LatenessProbe()
    app = QApplication.instance()
    tracing = isinstance(app, TracingApplication)
    if tracing:
        app.enabled = True
    start = time.perf_counter()
    end = start + args.minutes * 60.0
    rows: list[tuple[float, float, float, float, float, int]] = []
    restarts = 0
    print(f"{'t s':>7} {'RSS MB':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'steps':>10}")
    while time.perf_counter() < end:
        late = probe.measure(args.every)
        snap = window._snapshot
        if snap is not None and not snap.running:
            restarts += 1  # the divergence watch paused it: play on, as a class would
            window.send(cmd.Play())
        row = (
            time.perf_counter() - start,
            resident_mb(),
            float(np.percentile(late, 50)),
            float(np.percentile(late, 99)),
            float(late.max()),
            0 if snap is None else snap.step,
        )
        rows.append(row)
        busiest = busiest_events(app) if tracing else ""
        print(
            f"{row[0]:7.0f} {row[1]:8.1f} {row[2]:7.2f} {row[3]:7.2f} {row[4]:7.2f} {row[5]:10,}"
            f"{busiest}"
        )
        sys.stdout.flush()
    return report(np.array(rows), restarts)


def busiest_events(app: TracingApplication, top: int = 3) -> str:
    """The kinds of event delivery that took the most time since the last call, then forgets."""
    rows = sorted(
        ((sum(took), len(took), receiver, event) for (receiver, event), took in app.totals.items()),
        reverse=True,
    )
    app.totals.clear()
    app.slow.clear()
    parts = [
        f"{receiver.split(' in ')[-1]} {event.split(' ')[0]} {total * 1000 / count:.1f}×{count}"
        for total, count, receiver, event in rows[:top]
    ]
    return "   " + "; ".join(parts)


def report(rows: np.ndarray, restarts: int) -> int:
    after = rows[rows[:, 0] >= WARM_UP_S]
    if len(after) < 2:
        print("too short to judge (the first minute is warm-up)")
        return 1
    growth = after[-1, 1] - after[0, 1]
    peak_growth = after[:, 1].max() - after[0, 1]
    worst = after[:, 3].max()
    print(
        f"memory after warm-up: {after[0, 1]:.1f} → {after[-1, 1]:.1f} MB "
        f"(growth {growth:+.1f} MB, peak {peak_growth:+.1f} MB; target ≤ {MEMORY_TARGET_MB:g})"
    )
    print(
        f"p99 lateness per {TICK_MS} ms tick, per interval: median {np.median(after[:, 3]):.1f} ms,"
        f" worst {worst:.1f} ms (target ≤ {LATENESS_TARGET_MS:g} throughout); "
        f"{int((after[:, 3] > LATENESS_TARGET_MS).sum())} of {len(after)} intervals above"
    )
    print(f"steps: {int(rows[-1, 5]):,}; paused by the divergence watch and resumed: {restarts}")
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (at the end)")
    ok = growth <= MEMORY_TARGET_MB and worst <= LATENESS_TARGET_MS
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
