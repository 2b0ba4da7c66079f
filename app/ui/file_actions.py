"""The File menu's work: sessions, data folders, an MNIST test folder, exports, the download.

Each action asks its question (a file dialog), does the work, and says what went wrong in a
message box that names the file; nothing changes when something is wrong. It asks the window
(its host, ``app.ui.host.ViewHost``) only to send commands, and tells it the rest by signals:
``new_model`` (a session is being opened: forget the picked edges) and ``test_set_loaded``
(images, labels, the folder's name).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.core.model_file import load_model_file
from app.errors import BackpropLabError, DownloadCancelled
from app.training import commands as cmd
from app.ui.host import ViewHost


class FileActions(QObject):
    new_model = Signal()
    test_set_loaded = Signal(object, object, str)
    download_progressed = Signal(int, int, str)
    download_finished = Signal(str, str)  # folder or "", error message or ""

    def __init__(self, host: ViewHost, window: QWidget, keeper) -> None:
        super().__init__()
        self.host = host
        self.window = window  # the parent of dialogs
        self.keeper = keeper
        self._cancel_download = threading.Event()
        self.progress_dialog: QProgressDialog | None = None
        self.download_progressed.connect(self._download_progress)
        self.download_finished.connect(self._download_done)

    def cancel_download(self) -> None:
        self._cancel_download.set()

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open session"),
            self.keeper.open_folder(),
            self.tr("Backprop Lab model (*.npz)"),
        )
        if path and self.load_session(path):
            self.keeper.remember(path)

    def load_session(self, path: str) -> bool:
        try:
            model = load_model_file(path)
        except BackpropLabError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot open this file"), str(exc))
            return False
        self.new_model.emit()
        self.host.send(cmd.LoadModel(model))
        return True

    def save_session(self) -> None:
        path = self.keeper.save_as()
        if path:
            self.host.send(cmd.SaveModel(path))

    def load_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder with MNIST IDX files")
        )
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str) -> bool:
        from app.data.datasets import load_folder

        try:
            data = load_folder(folder)
        except BackpropLabError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot use this folder"), str(exc))
            return False
        self.host.send(
            cmd.SetData(data.name, data.train_images, data.train_y, data.val_images, data.val_y)
        )
        return True

    def choose_test_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("A folder with the MNIST test files (t10k-…)")
        )
        if folder:
            self.load_test_folder(folder)

    def load_test_folder(self, folder: str) -> bool:
        """Measure the evaluation on the MNIST test set in ``folder`` (never trained on)."""
        from app.data.idx import load_idx_folder

        try:
            images, labels = load_idx_folder(folder, "t10k")
        except BackpropLabError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot use this folder"), str(exc))
            return False
        self.test_set_loaded.emit(images, labels, Path(folder).name)
        return True

    def export(self, widget: QWidget) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export"), "backprop-lab.png", self.tr("Images (*.png *.svg)")
        )
        if path:
            self.export_to(widget, path)

    def export_to(self, widget: QWidget, path: str) -> bool:
        if path.lower().endswith(".svg"):
            # Graphics views render their items as vector paths, so the SVG stays sharp.
            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(widget.size())
            generator.setViewBox(widget.rect())
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint(0, 0))
            finally:
                painter.end()
            ok = Path(path).exists()
        else:
            ok = widget.grab().save(path)
        if not ok:
            QMessageBox.warning(
                self.window,
                self.tr("Export failed"),
                self.tr("Could not write %1").replace("%1", path),
            )
        return ok

    # -- download ----------------------------------------------------------------------------

    def download_mnist(self, base_url: str | None = None, files=None) -> None:
        """Download full MNIST with a cancellable progress dialog, then train on it.

        ``base_url`` and ``files`` default to the public mirror and MNIST's checksums.
        """
        from app.data.download import MNIST_FILES, MNIST_MIRROR, default_mnist_dir, download_mnist

        self._cancel_download.clear()
        self.progress_dialog = QProgressDialog(
            self.tr("Downloading MNIST (about 11 MB)…"), self.tr("Cancel"), 0, 100, self.window
        )
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.canceled.connect(self._cancel_download.set)
        self.progress_dialog.show()

        def run() -> None:
            try:
                folder = download_mnist(
                    default_mnist_dir(),
                    base_url=base_url or MNIST_MIRROR,
                    files=files or MNIST_FILES,
                    progress=lambda done, total, name: self.download_progressed.emit(
                        done, total or 0, name
                    ),
                    cancel=self._cancel_download,
                )
                self.download_finished.emit(str(folder), "")
            except DownloadCancelled:
                self.download_finished.emit("", "")
            except BackpropLabError as exc:
                self.download_finished.emit("", str(exc))

        threading.Thread(target=run, name="download", daemon=True).start()

    @Slot(int, int, str)
    def _download_progress(self, done: int, total: int, name: str) -> None:
        if total:
            self.progress_dialog.setValue(int(100 * done / total))
        self.progress_dialog.setLabelText(self.tr("Downloading %1…").replace("%1", name))

    @Slot(str, str)
    def _download_done(self, folder: str, error: str) -> None:
        self.progress_dialog.reset()
        if error:
            QMessageBox.warning(self.window, self.tr("Download failed"), error)
        elif folder:
            self.load_folder(folder)
