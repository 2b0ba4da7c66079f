"""Screenshots of the classroom stage on a virtual projector, every scene, both languages.

    python scripts/stage_screenshots.py OUT_DIR                  # 1280x720 and 1024x768
    python scripts/stage_screenshots.py OUT_DIR --sizes 1920x1080 --chrome

For each size it starts a virtual screen of that size (``Xvfb`` on a free display number)
and a window manager (``openbox``), opens the stage full screen in presenter mode's look
with a real training worker (one step taken, an example drawn on the pad), visits every
scene in English and in 繁體中文, saves ``OUT_DIR/stage_<lang>_<W>x<H>_<n>_<scene>.png``
(the screen, with ImageMagick's ``import -window root``; the window's own grab without it),
and prints per scene: the window's geometry against the screen's, the smallest text in
pixels and what it is, the share of the window the scene's picture covers, the answer
digit's and the five numbers' sizes, and any clipped text. ``--chrome`` adds the window's
menu and status bars; the stage's new texts show in Chinese with the translations proposed
in ``PROPOSED_ZH_TW`` until the catalogue has them.

Needs Xvfb and openbox (and ImageMagick for ``import``); run from a checkout with the
test dependencies installed (it reuses the tests' measures).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Until the catalogue has them: the stage's new texts in 繁體中文, (context, source) → text.
PROPOSED_ZH_TW = {
    ("Stage", "Network"): "網路",
    ("Stage", "Draw"): "寫數字",
    ("Stage", "Five numbers"): "五個數字",
    ("Stage", "Loss curve"): "損失曲線",
    ("Stage", "Landscape"): "損失地形",
    ("Stage", "{0} / {1}"): "{0} / {1}",
    ("Stage", "Play or pause training (Space)"): "開始或暫停訓練（空白鍵）",
    (
        "Stage",
        "Take one step (Return or S), as much as Step in the controls learns from",
    ): "走一步（Enter 或 S），學習的量和控制面板的「走一步」相同",
    (
        "Stage",
        "Key {0}. PageDown and PageUp (or → and ←) go to the next and the previous scene.",
    ): "按鍵 {0}。PageDown 和 PageUp（或 → 和 ←）換到下一個和上一個場景。",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("--sizes", default="1280x720,1024x768", help="screens, WxH,WxH")
    parser.add_argument("--languages", default="en,zh_TW")
    parser.add_argument("--chrome", action="store_true", help="with menu and status bars")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return photograph(args)
    failures = 0
    for size in args.sizes.split(","):
        failures += on_virtual_screen(size, args)
    return 1 if failures else 0


def free_display(start: int = 91) -> int:
    for number in range(start, start + 100):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise SystemExit("no free X display number")


def on_virtual_screen(size: str, args) -> int:
    """Start Xvfb and openbox for one screen size, photograph there, stop both."""
    number = free_display()
    display = f":{number}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    openbox = None
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise SystemExit(f"Xvfb did not start on {display}")
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        openbox = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(0.5)  # the window manager takes the screen before the window opens
        child = [sys.executable, __file__, str(args.out), "--child", "--sizes", size]
        child += ["--languages", args.languages] + (["--chrome"] if args.chrome else [])
        return subprocess.run(child, env=env, cwd=ROOT).returncode
    finally:
        for process in (openbox, xvfb):
            if process is not None:
                process.terminate()
                process.wait(5)


# -- in the virtual screen ------------------------------------------------------------------


def photograph(args) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from app.ui.application import build_training
    from app.ui.presenter import apply_presentation
    from tests.test_stage import HostWindow

    class Proposed(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return PROPOSED_ZH_TW.get((context, source))  # None: the next translator

    app = QApplication([sys.argv[0]])
    training, _problem = build_training()
    window = HostWindow(training, chrome=args.chrome)
    window.show()
    training.start()
    try:
        return visit_every_scene(app, window, args, Proposed(app))
    finally:
        for jobs in window.stage.job_threads():
            jobs.stop(5000)
        training.stop(5000)
        apply_presentation(window, False)
        window.close()


def visit_every_scene(app, window, args, proposed) -> int:
    from app.training import commands as cmd
    from app.ui import i18n
    from app.ui.presenter import apply_presentation

    apply_presentation(window, True)  # full screen
    wait(app, window.render)
    # A few hundred steps at full speed: a loss curve to show, and the five numbers.
    window.send(cmd.SetSpeedLimit(None))
    window.send(cmd.Play())
    wait(app, lambda: window.render() and window.current_snapshot().step >= 300)
    window.send(cmd.Pause())
    wait(app, lambda: window.render() and not window.current_snapshot().running)
    snap = window.current_snapshot()
    stage = window.stage
    stage.show_scene("draw")
    stage.current_scene().pad.load_image(snap.sample_x[3].reshape(28, 28))
    problems = 0
    for language in args.languages.split(","):
        i18n.install_language(language, app)
        if language != i18n.ENGLISH:
            app.installTranslator(proposed)
        wait(app, lambda: True, 0.3)
        for index, name in enumerate(stage.scene_names()):
            stage.show_scene(name)
            settle(app, window, name)
            file = args.out / f"stage_{language}_{args.sizes}_{index + 1}_{name}.png"
            save(window, file)
            problems += report(window, name, language, file)
        # The lesson's own map too: a model of two weights, its η buttons above the map.
        scene = stage.current_scene()
        scene.view.set_kind("lesson")
        settle(app, window, "landscape")
        file = args.out / f"stage_{language}_{args.sizes}_6_landscape-lesson.png"
        save(window, file)
        problems += report(window, "lesson", language, file)
        scene.view.set_kind("weights")
        app.removeTranslator(proposed)
    return 1 if problems else 0


def wait(app, condition, at_least: float = 0.0, timeout: float = 15.0) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        app.processEvents()
        if time.monotonic() - started >= at_least and condition():
            return
        time.sleep(0.02)


def settle(app, window, name: str) -> None:
    """Long enough for the scene to be laid out and drawn (a landscape to be computed)."""
    scene = window.stage.current_scene()
    if name == "landscape":
        wait(app, lambda: scene.view.image.image is not None or scene.view.showing_error())
        wait(app, lambda: not scene.controller.busy)
    wait(app, lambda: True, 0.6)


def save(window, file: Path) -> None:
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(file)], check=True)
    else:
        window.grab().save(str(file))


def report(window, name: str, language: str, file: Path) -> int:
    from tests.test_presenter import clipped_texts
    from tests.test_stage import (
        clipped_cells,
        picture_share,
        smallest_text,
        squeezed_labels,
    )

    stage = window.stage
    scene = stage.current_scene()
    screen = window.screen().geometry()
    geometry = window.geometry()
    px, what = smallest_text(stage)
    extra = []
    if name == "network":
        extra.append(f"digit {scene.answer.digit.font().pixelSize()} px")
        extra.append(f"confidence {scene.answer.confidence.font().pixelSize()} px")
    if hasattr(scene, "numbers"):
        extra.append(f"numbers {scene.numbers.number_px} px")
    problems = clipped_texts(window) + squeezed_labels(stage)
    if hasattr(scene, "numbers"):
        problems += clipped_cells(scene.numbers.panel.table)
    fits = geometry.size() == screen.size()
    print(
        f"{language:5} {name:9} window {geometry.width()}x{geometry.height()} on screen "
        f"{screen.width()}x{screen.height()}{'' if fits else ' (DOES NOT FILL IT)'}; "
        f"text {stage.text_px} px, smallest {px} px ({what}); "
        f"picture {picture_share(stage):.0%}; {', '.join(extra)} -> {file.name}"
    )
    for problem in problems:
        print(f"      clipped: {problem}")
    return len(problems) + (not fits)


if __name__ == "__main__":
    sys.exit(main())
