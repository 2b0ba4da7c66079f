"""Every scene of the classroom stage on a virtual projector, in the real window, measured.

    python scripts/stage_screenshots.py OUT_DIR                  # 1280x720 and 1024x768
    python scripts/stage_screenshots.py OUT_DIR --sizes 1920x1080 --json
    python scripts/stage_screenshots.py OUT_DIR --sizes 1280x720 --lessons

For each size it starts a virtual screen of that size (``Xvfb`` on a free display number)
and a window manager (``openbox``: without one a window may grow past the screen and
nothing notices), opens the app's own main window with the bundled data and the pretrained
model, trains a few hundred steps, presses F5 (presenter mode: the stage, full screen),
draws an example on the pad, visits every scene in English and in 繁體中文, saves
``OUT_DIR/stage_<lang>_<W>x<H>_<n>_<scene>.png`` (the screen, with ImageMagick's
``import -window root`` where it is installed, else the window's own grab) and prints per
scene: the window's geometry against the screen's, the smallest text in pixels and what it
is, the share of the window the scene's picture covers, the answer's, the five numbers'
and the graph labels' sizes, any clipped text and any overlapping graph labels. ``--json``
prints one JSON object a scene instead (tests/test_stage_on_screen.py reads them).

``--lessons`` walks the shipped guided lessons instead, by the keyboard alone, as a teacher
with a clicker does: PageDown from stop to stop; where a question waits, a number guess is
typed (the guess field reached with Tab) and Return reveals it, and a choice is left to
PageDown (the answer with no guess). Every stop is measured, and again with its answer shown
(``lesson:NAME:STOP`` and ``lesson:NAME:STOP:answer``).

Needs Xvfb and openbox; run from a checkout with the test dependencies installed (it reuses
the tests' measures).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("--sizes", default="1280x720,1024x768", help="screens, WxH,WxH")
    parser.add_argument("--languages", default="en,zh_TW")
    parser.add_argument("--json", action="store_true", help="a JSON object a scene")
    parser.add_argument("--lessons", action="store_true", help="walk the shipped lessons")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return photograph(args)
    extra = (["--json"] if args.json else []) + (["--lessons"] if args.lessons else [])
    failures = 0
    for size in args.sizes.split(","):
        failures += on_virtual_screen(size, args, Path(__file__), extra)
    return 1 if failures else 0


def free_display(start: int = 91) -> int:
    for number in range(start, start + 100):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise SystemExit("no free X display number")


def on_virtual_screen(size: str, args, script: Path, extra: list[str], start: int = 91) -> int:
    """Start Xvfb and openbox for one screen size, run ``script`` there as the child that
    photographs (with ``extra`` options), stop both; the child's exit status."""
    number = free_display(start)
    display = f":{number}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    openbox = None
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise SystemExit(f"Xvfb did not start on {display}")
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        openbox = subprocess.Popen(
            ["openbox", "--startup", "touch " + str(args.out / f".wm-{number}")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # The window manager has the screen once it runs its start-up command.
        marker = args.out / f".wm-{number}"
        while not marker.exists():
            if time.monotonic() > deadline or openbox.poll() is not None:
                raise SystemExit(f"openbox did not start on {display}")
            time.sleep(0.05)
        marker.unlink()
        child = [sys.executable, str(script), str(args.out), "--child", "--sizes", size]
        child += ["--languages", args.languages, *extra]
        return subprocess.run(child, env=env, cwd=ROOT).returncode
    finally:
        for process in (openbox, xvfb):
            if process is not None:
                process.terminate()
                process.wait(5)


# -- in the virtual screen ------------------------------------------------------------------


def photograph(args) -> int:
    walk = walk_every_lesson if args.lessons else visit_every_scene
    return in_each_language(args, walk)


def in_each_language(args, visit) -> int:
    """The app's own main window in each of ``args.languages``, ``visit(app, window,
    language, args)`` run on it (the problems it counts summed), then closed; 1 if any."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.application import build_training
    from app.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    problems = 0
    for language in args.languages.split(","):
        i18n.install_language(language, app)
        with tempfile.TemporaryDirectory() as folder:
            settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)
            training, _problem = build_training()
            window = MainWindow(training, settings)
            window.show()
            training.start()
            try:
                problems += visit(app, window, language, args) or 0
            finally:
                window.close()
                # Gone before the next window and before the application: a window left
                # for the interpreter's exit to delete crashed it there.
                window.deleteLater()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
                del window, training
    return 1 if problems else 0


def visit_every_scene(app, window, language: str, args) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.training import commands as cmd

    wait(app, lambda: window.current_snapshot() is not None)
    # A few hundred steps at full speed: a loss curve to show, and the five numbers.
    window.send(cmd.SetSpeedLimit(None))
    window.send(cmd.Play())
    wait(app, lambda: window.current_snapshot().step >= 300)
    window.send(cmd.Pause())
    wait(app, lambda: not window.current_snapshot().running)
    window.activateWindow()
    wait(app, lambda: app.activeWindow() is window)
    QTest.keyClick(window, Qt.Key.Key_F5)  # as the teacher does
    stage = window.stage
    wait(app, lambda: stage.isVisible() and window.isFullScreen(), 0.5)
    snap = window.current_snapshot()
    stage.show_scene("draw")
    stage.current_scene().pad.load_image(snap.sample_x[3].reshape(28, 28))
    problems = 0
    shown = [(name, name) for name in stage.scene_names()]
    shown.insert(shown.index(("step", "step")) + 1, ("step", "nudges"))
    shown.append(("landscape", "lesson"))
    for index, (name, called) in enumerate(shown):
        stage.show_scene(name)
        scene = stage.current_scene()
        if called == "lesson":  # the lesson's own map: two weights, its η buttons above
            scene.view.set_kind("lesson")
        if name == "step":
            wait(app, lambda scene=scene: scene.panel.current_frame() is not None)
        if called == "nudges":  # on to the wishes of the last layer: the nudges table
            while scene.panel.current_frame().substep.kind != "backward":
                QTest.keyClick(stage, Qt.Key.Key_Right)
        settle(app, window, name)
        file = args.out / f"stage_{language}_{args.sizes}_{index + 1}_{called}.png"
        save(window, file)
        problems += report(window, called, language, file, args.json)
        if called == "lesson":
            scene.view.set_kind("weights")
    QTest.keyClick(window, Qt.Key.Key_F5)
    wait(app, lambda: not stage.isVisible())
    return problems


def walk_every_lesson(app, window, language: str, args) -> int:
    """Each shipped lesson from its first stop to its last, by keys sent where the focus is."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.core.lesson_file import shipped_lessons

    def press(key) -> None:
        QTest.keyClick(app.focusWidget() or window, key)
        app.processEvents()

    wait(app, lambda: window.current_snapshot() is not None)
    window.activateWindow()
    wait(app, lambda: app.activeWindow() is window)
    problems = 0
    for name, path in shipped_lessons().items():
        assert window.menus.open_lesson(path), path
        stage, player = window.stage, window.stage.lesson
        wait(app, lambda p=player: p.setup is not None and window.isFullScreen(), 0.5)
        while True:
            index = player.index
            problems += photograph_stop(app, window, language, args, f"{name}:{index + 1}")
            if player.holds_training():
                if player.guess_text.isVisible():  # a number: the class's guess, typed
                    problems += not reach_by_tab(app, window, player.guess_text)
                    asked = player.current_stop().question
                    QTest.keyClicks(player.guess_text, ", ".join(["0.5"] * max(1, len(asked.of))))
                    press(Qt.Key.Key_Return)
                else:
                    press(Qt.Key.Key_PageDown)
                wait(app, lambda p=player: p.revealed is not None)
                called = f"{name}:{index + 1}:answer"
                problems += photograph_stop(app, window, language, args, called)
            press(Qt.Key.Key_PageDown)
            if player.index == index:  # the last stop
                break
        player.close_lesson()
        del stage
    return problems


def reach_by_tab(app, window, widget) -> bool:
    """Tab until ``widget`` has the focus (as a teacher without a mouse does)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for _ in range(60):
        if widget.hasFocus():
            return True
        QTest.keyClick(app.focusWidget() or window, Qt.Key.Key_Tab)
        app.processEvents()
    print("      the guess field cannot be reached with Tab", file=sys.stderr)
    widget.setFocus()
    return False


def photograph_stop(app, window, language: str, args, called: str) -> int:
    settle(app, window, called)
    file = args.out / f"lesson_{language}_{args.sizes}_{called.replace(':', '_')}.png"
    save(window, file)
    return report(window, f"lesson:{called}", language, file, args.json)


def wait(app, condition, at_least: float = 0.0, timeout: float = 20.0) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        app.processEvents()
        if time.monotonic() - started >= at_least and condition():
            return
        time.sleep(0.02)
    raise SystemExit(f"timed out after {timeout:g} s waiting for {condition}")


def settle(app, window, name: str) -> None:
    """Long enough for the scene to be laid out and drawn (a landscape to be computed)."""
    scene = window.stage.current_scene()
    wait(app, scene.ready)  # a picture computed in the background is done
    wait(app, lambda: True, 0.6)


def save(window, file: Path) -> None:
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(file)], check=True)
    else:
        window.grab().save(str(file))


def measure(window, name: str) -> dict:
    """What a teacher at the back of the room would check, of the scene on screen."""
    from tests.test_presenter import clipped_texts
    from tests.test_stage import (
        clipped_cells,
        graph_label_problems,
        graph_label_px,
        picture_share,
        smallest_text,
        squeezed_labels,
    )

    stage = window.stage
    scene = stage.current_scene()
    screen = window.screen().geometry()
    geometry = window.frameGeometry()
    px, what = smallest_text(stage)
    result = {
        "scene": name,
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "text_px": stage.text_px,
        "smallest_px": px,
        "smallest": what,
        "picture_share": round(picture_share(stage), 3),
        "clipped": clipped_texts(window) + squeezed_labels(stage),
    }
    if hasattr(scene, "answer"):
        result["digit_px"] = scene.answer.digit.font().pixelSize()
        result["confidence_px"] = scene.answer.confidence.font().pixelSize()
    if hasattr(scene, "numbers"):
        result["numbers_px"] = scene.numbers.number_px
        result["clipped"] += clipped_cells(scene.numbers.panel.table)
    if hasattr(scene, "panel"):  # the step-through's nudges table
        result["clipped"] += clipped_cells(scene.panel.table)
    if hasattr(scene, "graph"):
        result["graph_label_px"] = graph_label_px(scene.graph)
        result["graph_label_problems"] = graph_label_problems(scene.graph)
    return result


def report(window, name: str, language: str, file: Path, as_json: bool) -> int:
    result = measure(window, name)
    result.update(language=language, file=file.name)
    screen, geometry = result["screen"], result["window"]
    inside = (
        geometry[0] >= screen[0]
        and geometry[1] >= screen[1]
        and geometry[0] + geometry[2] <= screen[0] + screen[2]
        and geometry[1] + geometry[3] <= screen[1] + screen[3]
    )
    problems = result["clipped"] + result.get("graph_label_problems", [])
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    extra = [
        f"{key.removesuffix('_px')} {result[key]} px"
        for key in ("digit_px", "confidence_px", "numbers_px", "graph_label_px")
        if key in result
    ]
    print(
        f"{language:5} {name:9} window {geometry[2]}x{geometry[3]}+{geometry[0]}+{geometry[1]}"
        f" on screen {screen[2]}x{screen[3]}{'' if inside else ' (NOT WITHIN IT)'}; "
        f"text {result['text_px']} px, smallest {result['smallest_px']} px "
        f"({result['smallest']}); picture {result['picture_share']:.0%}; {', '.join(extra)}"
        f" -> {file.name}"
    )
    for problem in problems:
        print(f"      clipped: {problem}")
    return len(problems) + (not inside)


if __name__ == "__main__":
    sys.exit(main())
