"""How long the classroom stage takes to change scene: from the key to the new scene drawn.

Opens the real window as ``python -m app`` does (settings in a throw-away ini file), trains a
few hundred steps, turns presenter mode on at a 1280×720 projector's size, then for every
scene: the first visit (the scene is made then) and, after a round of the others, the median
of later visits. A visit is ``Stage.show_scene`` (what PageDown calls) followed by a
synchronous ``repaint()`` of the stage: the time until the class sees the new scene, fed
the latest snapshot. A scene whose picture is computed in the background (the landscape,
the points map, layer health) shows its last picture at once and the new one when ready;
that wait is not counted here. Target: ≤ 100 ms.

The window makes the scenes not made yet one by one while the stage is idle
(``Stage.make_ahead``): a teacher who presses PageDown a few seconds after F5 sees the later
visits' times. Here that is turned off, so the first visits measure the making.

    QT_QPA_PLATFORM=offscreen python benchmarks/scene_switch.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from app.training import commands as cmd
from benchmarks.gui_latency import open_window, present_scene, run_for


def visit(window, name: str) -> float:
    """Seconds from show_scene to the stage painted."""
    stage = window.stage
    start = time.perf_counter()
    stage.show_scene(name)
    stage.repaint()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="later visits per scene")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with open_window() as window:
        window.stage.make_ahead(False)  # the first visits make their scenes
        window.send(cmd.SetSpeedLimit(None))
        window.send(cmd.Play())
        run_for(2.0)
        window.send(cmd.Pause())
        run_for(0.5)
        present_scene(window, "network")
        run_for(1.0)
        names = window.stage.scene_names()
        first = {}
        for name in names:
            first[name] = visit(window, name)
            run_for(1.5)  # its background picture, if any, computed
        later: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.rounds):
            for name in names:
                later[name].append(visit(window, name))
                run_for(0.2)
        print(f"Qt platform: {app.platformName()}; window {window.width()}×{window.height()}")
        print(f"{'scene':10} {'first visit':>12} {'later (median)':>15} {'later (max)':>12}")
        for name in names:
            median, worst = statistics.median(later[name]), max(later[name])
            print(
                f"{name:10} {first[name] * 1000:10.1f} ms {median * 1000:13.1f} ms"
                f" {worst * 1000:10.1f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
