"""A scene of the classroom stage as a picture, for slides and worksheets.

    backprop-lab export-scene NAME --size 1920x1080 --out FILE.png|svg
                              [--language en|zh_TW] [--model FILE]

The scene is rendered off screen at the asked size with presenter mode's look (large text,
high contrast), from a model's weights (the pretrained model unless ``--model`` names a saved
model or session) on the bundled digits: the stage of a window of that size, one scene, the
same views. NAME is a scene's name (``SCENE_NAMES``; "lesson" is the landscape scene on the
lesson's model of two weights). A PNG is the window's pixels; an SVG keeps the pictures as
vector paths (graphics views render their items as paths), sharp at any size.

``app.ui.images.save_picture`` writes the picture (as File → Export graph does).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QThread, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMainWindow

from app.errors import BackpropLabError
from app.training.snapshot import Snapshot
from app.ui.images import save_picture
from app.ui.scenes import SCENES
from app.ui.stage import Stage

#: The stage's scenes, and the landscape scene on the lesson's two-weight model.
SCENE_NAMES = (*(spec.name for spec in SCENES), "lesson")
FORMATS = (".png", ".svg")
#: From an old projector's 640×480 to an 8K screen; past that a PNG runs to hundreds of MB.
SMALLEST, LARGEST = (640, 480), (7680, 4320)
#: Long enough for a landscape of 10,000 loss evaluations on a loaded 2-core machine.
SETTLE_SECONDS = 60.0


def parse_size(text: str) -> tuple[int, int]:
    """ "1920x1080" (or 1920×1080) as (width, height), within ``SMALLEST``…``LARGEST``."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*[x×X]\s*(\d{1,5})\s*", text)
    if match is None:
        raise BackpropLabError(f"the size must be WIDTHxHEIGHT in pixels (1920x1080), not {text!r}")
    width, height = int(match[1]), int(match[2])
    if not (SMALLEST[0] <= width <= LARGEST[0] and SMALLEST[1] <= height <= LARGEST[1]):
        raise BackpropLabError(
            f"the size must be from {SMALLEST[0]}x{SMALLEST[1]} to {LARGEST[0]}x{LARGEST[1]},"
            f" not {width}x{height}"
        )
    return width, height


def check_request(name: str, out: Path) -> None:
    """A clear message for a scene that does not exist or a file type we cannot write."""
    if name not in SCENE_NAMES:
        raise BackpropLabError(f"no scene {name!r}; choose one of {', '.join(SCENE_NAMES)}")
    if out.suffix.lower() not in FORMATS:
        raise BackpropLabError(f"the picture must be a .png or .svg file, not {out.name!r}")


class ExportWindow(QMainWindow):
    """A window holding only the stage (``ViewHost``), fed by its own training worker."""

    def __init__(self, training) -> None:
        super().__init__()
        self.training = training
        self.worker = training.worker
        self._snapshot: Snapshot | None = None
        self.stage = Stage(self, SCENES, worker=self.worker)
        self.setCentralWidget(self.stage)
        self.stage.bar.setVisible(False)  # a slide shows the scene, not the buttons

    def send(self, command) -> None:
        self.worker.send(command)

    def current_snapshot(self) -> Snapshot | None:
        return self._snapshot

    def hold_frame(self) -> None:
        pass

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        pass

    def render_latest(self) -> bool:
        """Hand the worker's latest snapshot to the stage; True once there is one."""
        snap = self.worker.latest_snapshot()
        if snap is not None and snap is not self._snapshot:
            self._snapshot = snap
            self.stage.show_snapshot(snap)
        return self._snapshot is not None


def quiet_offscreen_warning() -> None:
    """Off screen, Qt warns "This plugin does not support propagateSizeHints()" for every
    window: not the user's business. Every other message still reaches stderr."""
    import sys

    def handler(kind: QtMsgType, _context, message: str) -> None:
        if "propagateSizeHints" not in message and kind != QtMsgType.QtDebugMsg:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _wait(app: QApplication, done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + SETTLE_SECONDS
    while not done():
        if time.monotonic() > deadline:
            raise BackpropLabError(f"gave up after {SETTLE_SECONDS:g} s waiting for {what}")
        app.processEvents()
        QThread.msleep(10)


def export_scene(
    name: str, size: tuple[int, int], out: Path, model: str | None = None, language: str = "en"
) -> Path:
    """Render scene ``name`` at ``size`` into ``out`` (.png or .svg); returns ``out``.

    Needs a ``QApplication`` (the command line makes one, off screen). Raises
    ``BackpropLabError`` with the reason when the scene, the file type, the model or the
    writing fails; nothing is left half written (the picture goes to ``out`` in one save).
    """
    from app.ui import i18n
    from app.ui.application import build_training
    from app.ui.presenter import apply_presentation

    check_request(name, out)
    app = QApplication.instance()
    i18n.install_language(language, app)
    training, problem = build_training(model)
    if problem is not None and model is not None:
        raise BackpropLabError(problem.splitlines()[0])
    window = ExportWindow(training)
    apply_presentation(window, True, full_screen=False)
    window.resize(*size)
    window.show()
    training.start()
    try:
        _wait(app, window.render_latest, "the network")
        scene_name = "landscape" if name == "lesson" else name
        window.stage.show_scene(scene_name)
        scene = window.stage.current_scene()
        if name == "lesson":
            scene.view.set_kind("lesson")
        if name == "draw":  # a digit on the pad, as the class would have drawn one
            scene.pad.load_image(window.current_snapshot().sample_x[0].reshape(28, 28))
        _wait(app, lambda: window.render_latest() and scene.ready(), f"the {name} scene")
        for _ in range(5):  # the scene's last layout and restyle (they run on the next turn)
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not save_picture(window, out):
            raise BackpropLabError(f"could not write {out}")
        return out
    finally:
        for jobs in window.stage.job_threads():
            jobs.stop(5000)
        training.stop(5000)
        apply_presentation(window, False)
        window.close()
        # Gone now, before the application: left to the interpreter's exit, it crashed it.
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
