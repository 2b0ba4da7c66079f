"""The File menu's work: sessions, data folders, an MNIST test folder, exports, the download.

Each action asks its question (a file dialog), does the work, and says what went wrong in a
message box that names the file; nothing changes when something is wrong. It asks the window
(its host, ``app.ui.host.ViewHost``) only to send commands, and tells it the rest by signals:
and ``test_set_loaded``
(images, labels, the folder's name).

The full-MNIST download runs on a background job thread of its own (kind "download"): its
progress moves the progress dialog, and Cancel (or closing the window) interrupts it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from app.errors import BackpropLabError
from app.training import commands as cmd
from app.training.background import JobThread
from app.ui.host import ViewHost
from app.ui.images import save_picture

DOWNLOAD = "download"


class FileActions(QObject):
    """The File menu's work (see the module's docstring). ``jobs``: the download's job
    thread, started by the first download; whoever closes the window stops it."""

    test_set_loaded = Signal(object, object, str)

    def __init__(self, host: ViewHost, window: QWidget, keeper) -> None:
        super().__init__()
        self.host = host
        self.window = window  # the parent of dialogs
        self.keeper = keeper
        self.progress_dialog: QProgressDialog | None = None
        self.jobs = JobThread(DOWNLOAD)
        self.jobs.worker.progressed.connect(self._download_progress)
        self.jobs.worker.partial_result.connect(self._download_file)
        self.jobs.worker.finished.connect(self._download_finished)
        self.jobs.worker.failed.connect(self._download_failed)
        self.jobs.worker.interrupted.connect(self._download_cancelled)

    def cancel_download(self) -> None:
        self.jobs.worker.interrupt(DOWNLOAD)

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open session"),
            self.keeper.open_folder(),
            self.tr("Backprop Lab model (*.npz)"),
        )
        if path:
            self.load_session(path)  # remembered once it is in (MainWindow._session_loaded)

    def load_session(self, path: str) -> None:
        """Open a session file: the worker reads it in its own thread (a big file never
        freezes the window); the banner says why if it cannot (nothing changes then), and
        ``session_loaded`` follows when it is in."""
        self.host.status(self.tr("Opening %1…").replace("%1", Path(path).name))
        self.host.send(cmd.LoadModelFile(str(path)))

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
        ok = save_picture(widget, path)
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
        from app.data.download import MNIST_FILES, MNIST_MIRROR, default_mnist_dir

        self.progress_dialog = QProgressDialog(
            self.tr("Downloading MNIST (about 11 MB)…"), self.tr("Cancel"), 0, 100, self.window
        )
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.canceled.connect(self.cancel_download)
        self.progress_dialog.show()
        if not self.jobs.thread.isRunning():
            self.jobs.start()
        self.jobs.worker.submit(
            DOWNLOAD,
            download_job,
            default_mnist_dir(),
            base_url or MNIST_MIRROR,
            tuple(files or MNIST_FILES),
        )

    @Slot(str, float)
    def _download_progress(self, _kind: str, fraction: float) -> None:
        self.progress_dialog.setValue(round(100 * fraction))

    @Slot(str, object)
    def _download_file(self, _kind: str, name: str) -> None:
        self.progress_dialog.setLabelText(self.tr("Downloading %1…").replace("%1", name))

    @Slot(str, object)
    def _download_finished(self, _kind: str, folder: str) -> None:
        self.progress_dialog.reset()
        self.load_folder(folder)

    @Slot(str, str)
    def _download_failed(self, _kind: str, error: str) -> None:
        self.progress_dialog.reset()
        QMessageBox.warning(self.window, self.tr("Download failed"), error)

    @Slot(str)
    def _download_cancelled(self, _kind: str) -> None:
        self.progress_dialog.reset()


class _Interruption:
    """The download's ``cancel`` flag (anything with ``is_set()``): the job's interruption."""

    def __init__(self, state) -> None:
        self.is_set = state.interruption_requested


def download_job(folder: Path, base_url: str, files: tuple, state) -> str:
    """Fetch ``files`` (``app.data.download.RemoteFile``) from ``base_url`` into ``folder``,
    as a background job: the share of all their bytes as progress, each file's name as a
    partial result as it starts; an interruption cancels it. Returns the folder."""
    from app.data.download import download_mnist

    sizes = [remote.size_hint or 0 for remote in files]
    if not all(sizes):
        sizes = [1] * len(files)  # sizes unknown: each file an equal share
    names = [remote.name for remote in files]
    before = [sum(sizes[:i]) for i in range(len(files))]
    shown: set[str] = set()

    def progress(done: int, total: int | None, name: str) -> None:
        if name not in shown:
            shown.add(name)
            state.set_partial_result(name)
        i = names.index(name)
        within = min(done / total, 1.0) if total else 0.0
        state.set_progress((before[i] + sizes[i] * within) / sum(sizes))

    return str(
        download_mnist(
            folder, base_url=base_url, files=files, progress=progress, cancel=_Interruption(state)
        )
    )
