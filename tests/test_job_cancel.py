"""Long background jobs say how far they are, show what they have so far, and stop when asked:
the robustness curves kind by kind, a cancelled download, and a window closed while the
robustness curves of 2,500 test digits are being computed (a real process that must exit
cleanly, its session saved)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.core.damage import DAMAGES
from app.data.datasets import load_bundled

ROOT = Path(__file__).resolve().parents[1]


def spy(monkeypatch, target, name: str) -> list:
    """Record the arguments of every call of ``target.name`` (which still runs)."""
    calls = []
    original = getattr(target, name)

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, recording)
    return calls


def test_the_robustness_curves_are_drawn_kind_by_kind_with_their_progress(
    qtbot, window, monkeypatch
):
    page = window.inside.evaluation.robustness_page
    drawn = spy(monkeypatch, page, "show_robustness")
    progress = spy(monkeypatch, page, "show_progress")
    data = load_bundled()
    window.inside.load_test_set(data.val_images[:300], data.val_y[:300], "three hundred")
    window.inside.evaluation.pages.setCurrentWidget(page)
    page.button.click()
    qtbot.wait_until(lambda: bool(drawn) and not drawn[-1][0][2], timeout=30_000)
    kinds = [list(args[0]) for args, _ in drawn]
    every = list(DAMAGES)
    assert kinds == [every[:1], every[:2], every[:3], every]
    assert [args[2] for args, _ in drawn] == [True, True, True, False]
    fractions = [args[0] for args, _ in progress]
    assert len(fractions) > 4
    assert fractions == sorted(fractions)
    assert page.button.isEnabled()


class Ended(QObject):
    """The kinds of the interrupted jobs, as the GUI thread hears of them."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[str] = []

    @Slot(str)
    def interrupted(self, kind: str) -> None:
        self.kinds.append(kind)


def test_cancelling_the_download_interrupts_its_job_and_changes_nothing(
    qtbot, window, mirror, tmp_path, monkeypatch
):
    from tests.test_download import FAILING_FILE

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setenv("BACKPROP_LAB_DATA", str(tmp_path / "data"))
    mirror.misbehave("silent")  # the server never answers for this file
    ended = Ended()
    window.files.jobs.worker.interrupted.connect(ended.interrupted)
    window.files.download_mnist(base_url=mirror.base_url, files=mirror.files)
    qtbot.wait_until(lambda: FAILING_FILE in mirror.requests, timeout=10_000)
    assert window.files.jobs.worker.running() == "download"
    window.files.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel
    qtbot.wait_until(lambda: ended.kinds == ["download"], timeout=5_000)
    assert not window.files.progress_dialog.isVisible()
    assert shown == []  # a job ends once: interrupted, so it never failed
    assert window._snapshot.n_train == 4_500
    assert not list((tmp_path / "data").rglob("*.part"))
    assert window.files.jobs.worker.done == {}


#: The window as ``app.ui.application.run_window`` opens it (no tour), an MNIST test folder of
#: 2,500 digits, the robustness curves asked for, and the window closed as soon as the job
#: reports progress in the rotation curves (the slowest). Prints what happened, one
#: ``key value`` a line.
CLOSE_WHILE_COMPUTING = r"""
import sys, time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QSettings, QTimer, Slot
from PySide6.QtWidgets import QApplication

from app import places
from app.core.damage import DAMAGES
from app.data.datasets import load_bundled
from app.data.idx import write_idx
from app.training.autosave import SessionGuard
from app.ui.application import build_training
from app.ui.main_window import MainWindow

tmp = Path(sys.argv[1])
data = load_bundled()
folder = tmp / "mnist-test"
folder.mkdir()
write_idx(folder / "t10k-images-idx3-ubyte", np.concatenate([data.val_images] * 5))
write_idx(folder / "t10k-labels-idx1-ubyte", np.concatenate([data.val_y] * 5))

app = QApplication(sys.argv[:1])
places.name_application()
training, problem = build_training()
guard = SessionGuard()
window = MainWindow(
    training, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat), guard
)
crashed = guard.begin()
window.show()
training.start()
window.begin_session(crashed)
jobs = window.inside.jobs
# Past the noise curves: in the rotation curves, the slowest to compute.
NOISE_SHARE = len(DAMAGES["noise"].levels) / sum(len(d.levels) for d in DAMAGES.values())


class Closer(QObject):
    @Slot(str, float)
    def progressed(self, kind, fraction):
        if kind == "robustness" and fraction > NOISE_SHARE and window.isVisible():
            print("closed_at_progress", fraction, flush=True)
            started = time.perf_counter()
            print("close_accepted", window.close(), flush=True)
            print("close_seconds", f"{time.perf_counter() - started:.3f}", flush=True)

    @Slot()
    def ask_once_shown(self):
        if window.current_snapshot() is None:
            return
        timer.stop()
        assert window.files.load_test_folder(str(folder))
        window.inside.evaluation.robustness_page.button.click()


closer = Closer()
jobs.worker.progressed.connect(closer.progressed)
timer = QTimer()
timer.timeout.connect(closer.ask_once_shown)
timer.start(10)
code = app.exec()
print("robustness_done", jobs.worker.done.get("robustness", 0), flush=True)
print("job_thread_running", jobs.thread.isRunning(), flush=True)
print("autosave", guard.autosave_path, flush=True)
sys.exit(code)
"""


def test_closing_the_window_while_a_long_job_runs_exits_cleanly_with_the_session_saved(
    tmp_path,
):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BACKPROP_LAB_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_COMPUTING, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
    assert proc.returncode == 0, proc.stderr
    assert "QThread: Destroyed" not in proc.stderr
    assert 0.0 < float(said["closed_at_progress"]) < 1.0
    # Accepted at once: the job thread ended within the close's wait, not after the job.
    assert said["close_accepted"] == "True"
    assert said["robustness_done"] == "0", "the job was interrupted, not finished"
    assert said["job_thread_running"] == "False"
    autosave = Path(said["autosave"])
    assert autosave.exists()
    assert autosave.is_relative_to(tmp_path / "data")
