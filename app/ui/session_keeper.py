"""Nothing lost, on the window's side: autosave, restore, recent sessions, and a safe close.

The window hands this keeper its ``SessionGuard`` (the lock and folders, ``app.training``) and
itself as the host: ``send(command)``, ``load_session(path)``, ``worker`` and ``training`` (the
worker and its thread) and ``statusBar()``. The keeper owns:

- the autosave timer, started only after the restore question is answered (a question left
  open for longer than the interval would otherwise overwrite what it offers);
- a notice that stays while autosave goes somewhere unexpected (a temporary folder) or
  nowhere (nothing writable), or lacks the room for the next save;
- "continue where you left off" after a normal close, and File → Recent sessions;
- the close: the session is saved, the worker's thread has ended (however long its step
  takes) and, when the save failed, the teacher chose: save elsewhere, close anyway, cancel.
"""

from __future__ import annotations

import contextlib
import enum
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.core.model_file import load_model_file
from app.errors import BackpropLabError
from app.training import commands as cmd
from app.training.autosave import PREVIOUS_NAME, SessionGuard, Where, autosave_interval_s

#: How long a close waits in place for the worker's thread before it lets the window live on
#: and closes when the thread ends (a long step of a big network; the wait keeps the common
#: case, a thread that ends at once, a plain synchronous close).
CLOSE_WAIT_MS = 2000
#: Files opened or saved by hand that File → Recent sessions lists, newest first.
RECENT_FILES_KEY = "session/recent_files"
RECENT_FILES_KEPT = 5
LAST_FOLDER_KEY = "session/last_folder"


class Closing(enum.Enum):
    OPEN = "open"
    WAITING = "waiting for the worker's thread"
    DONE = "done"


class SessionKeeper(QObject):
    def __init__(self, host, guard: SessionGuard | None, settings: QSettings) -> None:
        super().__init__(host)
        self.host = host
        self.guard = guard
        self.settings = settings
        self.closing = Closing.OPEN
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave)
        self._short_of_room = False

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #b2182b; color: white; padding: 8px;")
        self.notice.hide()
        self.continue_row = QWidget()
        row = QHBoxLayout(self.continue_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.continue_label = QLabel()
        self.continue_label.setWordWrap(True)
        self.continue_label.setStyleSheet("background: #2166ac; color: white; padding: 8px;")
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._continue_last)
        self.continue_close = QPushButton()
        self.continue_close.clicked.connect(self.continue_row.hide)
        row.addWidget(self.continue_label, 1)
        row.addWidget(self.continue_button)
        row.addWidget(self.continue_close)
        self.continue_row.hide()
        self._continue_path: Path | None = None
        self.recent_menu = QMenu()
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.retranslate_ui()

    def widgets(self) -> list[QWidget]:
        """The rows the window shows above its views (each hidden until it has something)."""
        return [self.notice, self.continue_row]

    def retranslate_ui(self) -> None:
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setToolTip(
            self.tr("Open the session as it was when the window last closed")
        )
        self.continue_close.setText(self.tr("Start fresh"))
        self.continue_close.setToolTip(
            self.tr("Keep the new session; the last one stays under File → Recent sessions")
        )
        self.recent_menu.setTitle(self.tr("Recent sessions"))
        self._show_where()
        if self._continue_path is not None and self.continue_row.isVisible():
            self._offer_continue(self._continue_path)

    # -- the start ---------------------------------------------------------------------------

    def begin(self, crashed: Path | None) -> None:
        """After the window is shown: say where sessions go, offer the last one, then save."""
        self._show_where()
        if crashed is not None:
            self.offer_restore(crashed)
        elif self.guard is not None:
            recent = self.guard.recent_sessions()
            if recent:
                self._offer_continue(recent[0].path)
        if self.guard is not None and self.guard.active:
            self.timer.start(int(autosave_interval_s() * 1000))

    def offer_restore(self, path: Path) -> bool:
        """After a session that ended without closing: ask, then restore it."""
        when = time.strftime("%H:%M", time.localtime(path.stat().st_mtime))
        answer = QMessageBox.question(
            self.host,
            self.tr("Restore the last session?"),
            self.tr(
                "Backprop Lab did not close normally last time. Restore the session saved at "
                "%1 (weights, settings, history and the class's drawings)?"
            ).replace("%1", when),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.host.load_session(str(path))
        return True

    def _offer_continue(self, path: Path) -> None:
        try:
            model = load_model_file(path)
        except BackpropLabError:
            return  # a damaged leftover is not worth a question; it stays in Recent sessions
        drawings = 0 if model.taught_labels is None else len(model.taught_labels)
        when = time.strftime("%H:%M", time.localtime(path.stat().st_mtime))
        self._continue_path = path
        self.continue_label.setText(
            self.tr("Continue where you left off? The session saved at %1: step %2, %3 drawings.")
            .replace("%1", when)
            .replace("%2", f"{model.step_count:,}")
            .replace("%3", str(drawings))
        )
        self.continue_row.show()

    @Slot()
    def _continue_last(self) -> None:
        self.continue_row.hide()
        if self._continue_path is not None:
            self.host.load_session(str(self._continue_path))

    def _show_where(self) -> None:
        guard = self.guard
        if guard is None:
            return
        if guard.where is Where.FALLBACK:
            text = (
                self.tr(
                    "Your data folder %1 cannot be written, so the session is saved in %2, which "
                    "the system may empty when it restarts. Use File → Save session to keep the "
                    "class's work."
                )
                .replace("%1", str(guard.unwritable))
                .replace("%2", str(guard.folder))
            )
        elif guard.where is Where.OFF:
            text = self.tr(
                "Autosave is off: neither your data folder %1 nor a temporary folder can be "
                "written. Use File → Save session to keep the class's work."
            ).replace("%1", str(guard.base))
        else:
            return
        self.notice.setText(text)
        self.notice.show()

    # -- autosave ----------------------------------------------------------------------------

    @Slot()
    def autosave(self) -> None:
        """Save the whole session (atomically, by the worker), keeping the one before."""
        guard = self.guard
        if guard is None or not guard.active or self.closing is not Closing.OPEN:
            return
        fits, free = guard.has_room_for(self._expected_bytes())
        if not fits:
            self._short_of_room = True
            self.notice.setText(
                self.tr(
                    "Not enough free space to autosave in %1 (%2 MB free). Free some space, "
                    "or use File → Save session to save somewhere else."
                )
                .replace("%1", str(guard.folder))
                .replace("%2", f"{free / 1e6:.1f}")
            )
            self.notice.show()
            return
        if self._short_of_room:
            self._short_of_room = False
            self.notice.hide()
            self._show_where()
        self._keep_previous()
        self.host.send(cmd.SaveModel(str(guard.autosave_path)))

    def _expected_bytes(self) -> int:
        guard = self.guard
        with contextlib.suppress(OSError):
            return guard.autosave_path.stat().st_size
        snap = self.host.worker.latest_snapshot()
        return 0 if snap is None else int(snap.params.nbytes)

    def _keep_previous(self) -> None:
        """The last autosave becomes the previous one: a save that fails, or that writes a
        session emptier than the last (a reset), never leaves nothing behind."""
        with contextlib.suppress(OSError):
            os.replace(self.guard.autosave_path, self.guard.folder / PREVIOUS_NAME)

    def is_autosave(self, path: str) -> bool:
        return self.guard is not None and Path(path) == self.guard.autosave_path

    # -- files -------------------------------------------------------------------------------

    def open_folder(self) -> str:
        """Where File → Open starts: the last folder used, else the sessions this app left."""
        last = self.settings.value(LAST_FOLDER_KEY)
        if isinstance(last, str) and Path(last).is_dir():
            return last
        if self.guard is not None and self.guard.recent_folder.is_dir():
            return str(self.guard.recent_folder)
        return self.save_folder()

    def save_folder(self) -> str:
        last = self.settings.value(LAST_FOLDER_KEY)
        if isinstance(last, str) and Path(last).is_dir():
            return last
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        return QStandardPaths.writableLocation(documents) or str(Path.home())

    def remember(self, path: str) -> None:
        """A session opened or saved by hand: first in Recent sessions; its folder next time."""
        if self.is_autosave(path) or (
            self.guard is not None and Path(path).parent == self.guard.recent_folder
        ):
            return  # the app's own files: Recent sessions lists them already
        files = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue(RECENT_FILES_KEY, files[:RECENT_FILES_KEPT])
        self.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_FILES_KEY)
        if isinstance(value, str):
            value = [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    @Slot()
    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        autosaves = [] if self.guard is None else self.guard.recent_sessions()
        for recent in autosaves:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(recent.saved_at))
            text = self.tr("Autosave of %1").replace("%1", when)
            menu.addAction(text, lambda p=recent.path: self.host.load_session(str(p)))
        files = [p for p in self.recent_files() if Path(p).exists()]
        if autosaves and files:
            menu.addSeparator()
        for path in files:
            menu.addAction(Path(path).name, lambda p=path: self.host.load_session(p))
        if menu.isEmpty():
            menu.addAction(self.tr("No sessions yet")).setEnabled(False)

    def save_as(self) -> str | None:
        """Ask where to save; the chosen path (with ``.npz``) or None."""
        path, _ = QFileDialog.getSaveFileName(
            self.host,
            self.tr("Save session"),
            str(Path(self.save_folder()) / "session.npz"),
            self.tr("Backprop Lab model (*.npz)"),
        )
        if not path:
            return None
        return path if path.endswith(".npz") else path + ".npz"

    # -- the close ---------------------------------------------------------------------------

    def ready_to_close(self) -> bool:
        """True once the session is safe and the worker's thread has ended.

        False means: not now. Either the worker is still in a step (the window closes by
        itself when its thread ends), or the save failed and the teacher chose Cancel.
        """
        if self.closing is Closing.DONE:
            return True
        if self.closing is Closing.WAITING:
            return False
        self.timer.stop()
        training = self.host.training
        if self.guard is not None and self.guard.active:
            self._keep_previous()
            self.host.worker.save_errors.pop(str(self.guard.autosave_path), None)
            self.host.send(cmd.SaveModel(str(self.guard.autosave_path)))
        training.request_stop()
        if training.thread.isRunning() and not training.thread.wait(CLOSE_WAIT_MS):
            self.closing = Closing.WAITING
            training.thread.finished.connect(self._thread_ended)
            self.host.statusBar().showMessage(
                self.tr("Finishing the step in progress, then saving and closing…")
            )
            return False
        return self._after_worker_stopped()

    @Slot()
    def _thread_ended(self) -> None:
        if self.closing is Closing.WAITING:
            self.closing = Closing.OPEN
            if self._after_worker_stopped():
                self.host.close()

    def _after_worker_stopped(self) -> bool:
        """The worker's thread has ended: was the session saved? If not, ask."""
        guard = self.guard
        error = None
        if guard is not None and guard.active:
            error = self.host.worker.save_errors.get(str(guard.autosave_path), "")
            if error == "":  # the save never ran (the thread ended first): save here
                error = self._save_here(str(guard.autosave_path))
        while error:
            choice = self._ask_after_failed_save(error)
            if choice == "elsewhere":
                path = self.save_as()
                if path is None:
                    continue
                error = self._save_here(path)
                if not error:
                    self.remember(path)
            elif choice == "close":
                break
            else:  # cancel: the window lives on, with its worker and autosave
                self.host.training.start()
                if guard is not None and guard.active:
                    self.timer.start(int(autosave_interval_s() * 1000))
                return False
        self.closing = Closing.DONE
        return True

    def _save_here(self, path: str) -> str | None:
        """Save in this thread (the worker's has ended); the reason it failed, or None."""
        try:
            self.host.worker.save_session(path)
        except BackpropLabError as exc:
            return str(exc)
        return None

    def _ask_after_failed_save(self, error: str) -> str:
        box = QMessageBox(self.host)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("The session was not saved"))
        box.setText(
            self.tr(
                "The session could not be saved: %1\n\nSave it somewhere else before closing?"
            ).replace("%1", error)
        )
        elsewhere = box.addButton(self.tr("Save elsewhere…"), QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.exec()
        clicked = box.clickedButton()
        if clicked is elsewhere:
            return "elsewhere"
        return "close" if clicked is close else "cancel"
