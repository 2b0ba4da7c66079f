"""File → Export scene…: a classroom scene as a picture for slides, from the current weights.

The teacher picks the scene, the size and the file; the network's weights as they are now
are written to a temporary model file, and ``backprop-lab export-scene`` renders the scene
in a process of its own (``app.ui.scene_export``): off screen, at the asked size, with
presenter mode's look, and without touching the class's window, its session or training.
It says when the picture is written, or why not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTemporaryDir
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app.core.model_file import save_model
from app.core.network import Network
from app.errors import BackpropLabError
from app.ui import i18n
from app.ui.host import ViewHost
from app.ui.scenes import SCENES

# The sizes offered: a 1080p slide, the classroom's 720p projector, an older 4:3 one.
SIZES = ((1920, 1080), (1280, 720), (1024, 768))


def export_command(arguments: list[str]) -> tuple[str, list[str]]:
    """How to run ``backprop-lab`` with ``arguments``: the bundle is the program itself,
    an installed app runs as ``python -m app``."""
    if getattr(sys, "frozen", False):
        return sys.executable, arguments
    return sys.executable, ["-m", "app", *arguments]


class SceneExportAction(QObject):
    """Asks what to export and runs the export beside the window (``QProcess``)."""

    def __init__(self, host: ViewHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.process: QProcess | None = None
        self._folder: QTemporaryDir | None = None
        self._out = ""

    def scene_choices(self) -> list[tuple[str, str]]:
        """(name, title in the current language) of every scene that can be exported."""
        choices = [(spec.name, QCoreApplication.translate("Stage", spec.title)) for spec in SCENES]
        choices.append(("lesson", self.tr("Landscape: the lesson's model of two weights")))
        return choices

    def busy(self) -> bool:
        """An export is being rendered (one at a time)."""
        idle = QProcess.ProcessState.NotRunning
        return self.process is not None and self.process.state() != idle

    def run(self) -> None:
        snap = self.host.current_snapshot()
        if snap is None or (
            self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning
        ):
            return
        choices = self.scene_choices()
        title, ok = QInputDialog.getItem(
            self.parent_widget, self.tr("Export scene"), self.tr("Scene:"),
            [t for _name, t in choices], 0, False,
        )  # fmt: skip
        if not ok:
            return
        sizes = [f"{w} × {h}" for w, h in SIZES]
        size, ok = QInputDialog.getItem(
            self.parent_widget, self.tr("Export scene"), self.tr("Size in pixels:"), sizes, 0, False
        )
        if not ok:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Export scene"), "scene.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )  # fmt: skip
        if not path:
            return
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        name = {t: n for n, t in choices}[title]
        width, height = SIZES[sizes.index(size)]
        self.export(name, (width, height), path, Network(snap.architecture, params=snap.params))

    def export(self, name: str, size: tuple[int, int], path: str, network: Network) -> None:
        """Start rendering scene ``name`` of ``network`` at ``size`` into ``path``."""
        self._folder = QTemporaryDir()
        try:
            if not self._folder.isValid():
                raise BackpropLabError(self._folder.errorString())
            model = Path(self._folder.path()) / "weights.npz"
            save_model(model, network)
        except (BackpropLabError, OSError) as exc:
            self._failed(str(exc))
            return
        self._out = path
        arguments = ["export-scene", name, "--size", f"{size[0]}x{size[1]}", "--out", path]
        arguments += ["--model", str(model), "--language", i18n.current_language()]
        program, arguments = export_command(arguments)
        self.process = QProcess(self)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self.host.status(self.tr("Exporting the scene…"), 0)
        self.process.start(program, arguments)

    def _finished(self, code: int, _status) -> None:
        if code == 0:
            self.host.status(self.tr("Exported %1").replace("%1", self._out), 6000)
            return
        said = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        lines = [line for line in said.splitlines() if line.strip()]
        self._failed(
            lines[-1] if lines else self.tr("the export stopped (code %1)").replace("%1", str(code))
        )

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._failed(self.process.errorString())

    def _failed(self, reason: str) -> None:
        self.host.status("", 1)
        QMessageBox.warning(
            self.parent_widget,
            self.tr("Export failed"),
            self.tr("The scene was not exported: %1").replace("%1", reason),
        )
