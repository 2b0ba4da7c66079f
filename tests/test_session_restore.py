"""Nothing lost: autosave, crash detection by a stale lock, and restoring after a real SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, QSysInfo
from PySide6.QtWidgets import QMessageBox

from app.core.model_file import load_model_file
from app.training import commands as cmd
from app.training.autosave import RECENT_KEPT, SessionGuard, Where
from app.training.background import JobThread

ROOT = Path(__file__).resolve().parents[1]


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def lock_file(pid: int, program: str = "python3.11") -> str:
    """A lock as QLockFile writes it: process id, program name, host name."""
    return f"{pid}\n{program}\n{QSysInfo.machineHostName()}\n"


def test_a_fresh_start_offers_nothing_and_marks_the_session(tmp_path):
    guard = SessionGuard(tmp_path)
    assert guard.begin() is None
    assert guard.active
    assert guard.where is Where.DATA_FOLDER
    assert guard.lock_path.read_text().splitlines()[0] == str(os.getpid())
    guard.end()
    assert not guard.lock_path.exists()


@pytest.mark.parametrize("content", ["{pid}", "{pid}\npython3.11\n{host}\n"])
def test_a_stale_lock_with_an_autosave_is_a_crashed_session_kept_among_the_recent(
    tmp_path, content
):
    (tmp_path / "running.lock").write_text(
        content.format(pid=dead_pid(), host=QSysInfo.machineHostName())
    )
    (tmp_path / "autosave.npz").write_bytes(b"the class's work")
    guard = SessionGuard(tmp_path)
    crashed = guard.begin()
    assert guard.active
    assert crashed is not None
    assert crashed.parent == tmp_path / "recent"
    assert crashed.read_bytes() == b"the class's work"
    assert not guard.autosave_path.exists()  # this run's autosaves cannot overwrite it


def test_a_clean_close_offers_no_restore_but_keeps_the_session_to_continue(tmp_path):
    first = SessionGuard(tmp_path)
    first.begin()
    (tmp_path / "autosave.npz").write_bytes(b"last lesson")
    first.end()
    again = SessionGuard(tmp_path)
    assert again.begin() is None
    assert [r.path.read_bytes() for r in again.recent_sessions()] == [b"last lesson"]


def test_the_autosave_and_the_one_before_it_are_both_kept(tmp_path):
    (tmp_path / "autosave.previous.npz").write_bytes(b"before the reset")
    (tmp_path / "autosave.npz").write_bytes(b"after the reset")
    os.utime(tmp_path / "autosave.previous.npz", (1_000_000_000, 1_000_000_000))
    guard = SessionGuard(tmp_path)
    guard.begin()
    kept = [r.path.read_bytes() for r in guard.recent_sessions()]
    assert kept == [b"after the reset", b"before the reset"]


def test_only_the_newest_recent_sessions_are_kept(tmp_path):
    for launch in range(RECENT_KEPT + 3):
        guard = SessionGuard(tmp_path)
        guard.begin()
        guard.autosave_path.write_bytes(b"launch %d" % launch)
        os.utime(guard.autosave_path, (1_000_000_000 + launch, 1_000_000_000 + launch))
        guard.end()
    guard = SessionGuard(tmp_path)
    guard.begin()
    kept = [r.path.read_bytes() for r in guard.recent_sessions()]
    assert kept == [b"launch %d" % n for n in range(RECENT_KEPT + 2, 2, -1)]


@pytest.mark.parametrize("content", ["", "not a number", "-5"])
def test_a_damaged_lock_counts_as_a_crash(tmp_path, content):
    (tmp_path / "running.lock").write_text(content)
    (tmp_path / "autosave.npz").write_bytes(b"whatever")
    guard = SessionGuard(tmp_path)
    crashed = guard.begin()
    assert guard.active
    assert guard.folder == tmp_path
    assert crashed is not None
    assert crashed.read_bytes() == b"whatever"


def test_a_lock_naming_a_live_unrelated_program_is_stale(tmp_path):
    """After a reboot the lock's number may belong to another program: not a live window."""
    other = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / "running.lock").write_text(lock_file(other.pid))
        (tmp_path / "autosave.npz").write_bytes(b"whatever")
        guard = SessionGuard(tmp_path)
        assert guard.begin() is not None
        assert guard.folder == tmp_path
        assert other.poll() is None  # asked about, never signalled
    finally:
        other.kill()
        other.wait()


HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_second_window_gets_its_own_session_and_never_signals_the_first(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "session" / "running.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        (tmp_path / "session").mkdir()
        (tmp_path / "session" / "autosave.npz").write_bytes(b"the first window's")
        assert holder.stdout.readline() == "locked\n"
        second = SessionGuard(tmp_path / "session")
        assert second.begin() is None
        assert second.active
        assert second.where is Where.DATA_FOLDER
        assert second.folder == tmp_path / "session-2"
        assert (tmp_path / "session" / "autosave.npz").read_bytes() == b"the first window's"
        assert holder.poll() is None
    finally:
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    # The first has closed: the next window takes the first folder again, with no crash.
    third = SessionGuard(tmp_path / "session")
    assert third.begin() is None
    assert third.folder == tmp_path / "session"


def test_an_unwritable_data_folder_falls_back_to_a_writable_place_and_says_so(tmp_path):
    (tmp_path / "home-is-a-file").write_text("")  # mkdir below it fails, even for root
    base = tmp_path / "home-is-a-file" / "session"
    guard = SessionGuard(base, fallback=tmp_path / "temp" / "session")
    guard.begin()
    assert guard.active
    assert guard.where is Where.FALLBACK
    assert guard.unwritable == base
    assert guard.folder == tmp_path / "temp" / "session"


def test_with_nowhere_to_write_autosave_is_off_and_says_so(tmp_path):
    (tmp_path / "file").write_text("")
    guard = SessionGuard(tmp_path / "file" / "a", fallback=tmp_path / "file" / "b")
    assert guard.begin() is None
    assert not guard.active
    assert guard.where is Where.OFF


def test_an_autosave_needs_room_for_two_files(tmp_path):
    guard = SessionGuard(tmp_path)
    guard.begin()
    free = shutil.disk_usage(tmp_path).free
    assert guard.has_room_for(1000) == (True, pytest.approx(free, rel=0.01))
    assert guard.has_room_for(free // 2 + 10**9)[0] is False


def test_the_window_autosaves_and_a_restore_brings_the_session_back(qtbot, tmp_path, monkeypatch):
    from app.ui.application import build_training
    from app.ui.main_window import MainWindow

    monkeypatch.setenv("BACKPROP_LAB_AUTOSAVE_S", "0.3")
    guard = SessionGuard(tmp_path / "session")
    guard.begin()
    training, _ = build_training()
    win = MainWindow(
        training, QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat), guard
    )
    qtbot.addWidget(win)
    training.start()
    win.begin_session(None)
    win.send(cmd.AddExample(np.full((28, 28), 0.5), 6))
    win.send(cmd.Step("batch"))
    win.send(cmd.Step("batch"))
    qtbot.wait_until(
        lambda: (
            guard.autosave_path.exists() and load_model_file(guard.autosave_path).step_count == 2
        ),
        timeout=10_000,
    )
    saved_params = load_model_file(guard.autosave_path).params
    # A crash: the window's process "dies" without closing (the lock stays, pid gone).
    win.keeper.timer.stop()
    guard._lock = None  # as if the process were gone: the lock file stays behind
    guard.lock_path.write_text(lock_file(dead_pid()))
    assert training.stop(2000)

    again = SessionGuard(tmp_path / "session")
    crashed = again.begin()
    assert crashed is not None
    np.testing.assert_array_equal(load_model_file(crashed).params, saved_params)
    training, _ = build_training()
    second = MainWindow(
        training, QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat), again
    )
    qtbot.addWidget(second)
    training.start()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert second.keeper.offer_restore(crashed)
    qtbot.wait_until(
        lambda: second._snapshot is not None and second._snapshot.step == 2, timeout=5000
    )
    np.testing.assert_array_equal(second._snapshot.params, saved_params)
    assert second._snapshot.n_train == 4_500 + 1  # the class's drawing came back
    second.close()
    assert not again.lock_path.exists()


@pytest.mark.slow
def test_a_killed_app_leaves_a_session_the_next_launch_restores(tmp_path):
    """A real `python -m app`, killed with SIGKILL after it autosaved."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BACKPROP_LAB_DATA": str(tmp_path / "data"),
        "BACKPROP_LAB_AUTOSAVE_S": "0.5",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    folder = tmp_path / "data" / "session"
    proc = subprocess.Popen(
        [sys.executable, "-m", "app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (folder / "autosave.npz").exists():
            assert proc.poll() is None, "the app exited on its own"
            assert time.monotonic() < deadline, "no autosave within 60 s"
            time.sleep(0.1)
        time.sleep(0.3)  # let a save in progress finish; a half-written one is a .part file
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert (folder / "running.lock").read_text().splitlines()[0] == str(proc.pid)
    crashed = SessionGuard(folder).begin()
    assert crashed is not None
    assert crashed.parent == folder / "recent"
    restored = load_model_file(crashed)
    assert restored.architecture.n_parameters == 13_002


# -- the window: restore, continue, a safe close ----------------------------------------------


def open_window(qtbot, tmp_path, guard, monkeypatch, autosave_s="0.3"):
    from app.ui.application import build_training
    from app.ui.main_window import MainWindow

    monkeypatch.setenv("BACKPROP_LAB_AUTOSAVE_S", autosave_s)
    training, _ = build_training()
    win = MainWindow(
        training, QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat), guard
    )
    qtbot.addWidget(win)
    training.start()
    return win


def test_no_autosave_runs_while_the_restore_question_is_open(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "session"
    folder.mkdir()
    (folder / "running.lock").write_text(lock_file(dead_pid()))
    (folder / "autosave.npz").write_bytes(
        (ROOT / "app/resources/models/pretrained.npz").read_bytes()
    )
    guard = SessionGuard(folder)
    crashed = guard.begin()
    win = open_window(qtbot, tmp_path, guard, monkeypatch)
    seen = []

    def answer(*_args):
        seen.append(win.keeper.timer.isActive())
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    win.begin_session(crashed)
    assert seen == [False]
    assert win.keeper.timer.isActive()
    # The first autosave: a new file, never the one that was offered.
    qtbot.wait_until(guard.autosave_path.exists, timeout=10_000)
    assert crashed.exists()
    assert guard.autosave_path != crashed


def test_after_a_normal_close_the_next_launch_offers_to_continue(qtbot, tmp_path, monkeypatch):
    first = SessionGuard(tmp_path / "session")
    first.begin()
    win = open_window(qtbot, tmp_path, first, monkeypatch, autosave_s="600")
    win.send(cmd.AddExample(np.full((28, 28), 0.5), 6))
    win.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: win._snapshot is not None and win._snapshot.step == 1)
    assert win.close()
    assert not first.lock_path.exists()

    again = SessionGuard(tmp_path / "session")
    assert again.begin() is None
    second = open_window(qtbot, tmp_path, again, monkeypatch, autosave_s="600")
    second.begin_session(None)
    assert second.keeper.continue_row.isVisibleTo(second)
    assert "step 1," in second.keeper.continue_label.text()
    assert "1 drawings" in second.keeper.continue_label.text()
    second.keeper.continue_button.click()
    qtbot.wait_until(lambda: second._snapshot is not None and second._snapshot.n_train == 4_501)
    assert second._snapshot.step == 1
    second.keeper._fill_recent_menu()
    assert len(second.keeper.recent_menu.actions()) == 1


def break_the_autosave(guard: SessionGuard) -> None:
    """Folders where the autosave and the one before it go: every save fails, for root too."""
    for path in (guard.autosave_path, guard.folder / "autosave.previous.npz"):
        path.mkdir()
        (path / "keep").write_text("")


def test_a_close_whose_save_failed_asks_and_cancel_keeps_the_window_and_its_worker(
    qtbot, tmp_path, monkeypatch
):
    guard = SessionGuard(tmp_path / "session")
    guard.begin()
    win = open_window(qtbot, tmp_path, guard, monkeypatch, autosave_s="600")
    break_the_autosave(guard)
    asked = []
    monkeypatch.setattr(
        win.keeper, "_ask_after_failed_save", lambda error: asked.append(error) or "cancel"
    )
    assert not win.close()
    assert len(asked) == 1
    assert guard.lock_path.exists()
    assert win.training.thread.isRunning()
    win.send(cmd.AddExample(np.full((28, 28), 0.5), 3))  # the worker still takes drawings
    qtbot.wait_until(lambda: win._snapshot is not None and win._snapshot.n_train == 4_501)

    monkeypatch.setattr(win.keeper, "_ask_after_failed_save", lambda error: "close")
    assert win.close()
    assert not guard.lock_path.exists()


def test_a_close_whose_save_failed_can_save_elsewhere(qtbot, tmp_path, monkeypatch):
    guard = SessionGuard(tmp_path / "session")
    guard.begin()
    win = open_window(qtbot, tmp_path, guard, monkeypatch, autosave_s="600")
    win.send(cmd.AddExample(np.full((28, 28), 0.5), 3))
    qtbot.wait_until(lambda: win._snapshot is not None and win._snapshot.n_train == 4_501)
    break_the_autosave(guard)
    monkeypatch.setattr(win.keeper, "_ask_after_failed_save", lambda error: "elsewhere")
    monkeypatch.setattr(win.keeper, "save_as", lambda: str(tmp_path / "usb" / "lesson.npz"))
    assert win.close()
    saved = load_model_file(tmp_path / "usb" / "lesson.npz")
    assert saved.taught_labels.tolist() == [3]


def test_a_close_while_the_worker_is_busy_waits_for_it_then_saves_and_closes(
    qtbot, tmp_path, monkeypatch
):
    from app.ui import session_keeper

    monkeypatch.setattr(session_keeper, "CLOSE_WAIT_MS", 0)  # as if a step took long
    guard = SessionGuard(tmp_path / "session")
    guard.begin()
    win = open_window(qtbot, tmp_path, guard, monkeypatch, autosave_s="600")
    win.show()
    gate = threading.Event()
    original = win.worker.save_session
    monkeypatch.setattr(win.worker, "save_session", lambda path: (gate.wait(), original(path)))
    assert not win.close()  # not yet: the worker is still busy (saving, here)
    assert win.isVisible()
    gate.set()
    qtbot.wait_until(lambda: not win.isVisible(), timeout=10_000)
    assert guard.autosave_path.exists()
    assert not guard.lock_path.exists()


def test_a_close_while_a_background_job_runs_waits_for_the_job(qtbot, tmp_path, monkeypatch):
    guard = SessionGuard(tmp_path / "session")
    guard.begin()
    win = open_window(qtbot, tmp_path, guard, monkeypatch, autosave_s="600")
    win.show()
    gate, started = threading.Event(), threading.Event()

    def long_job():
        started.set()
        gate.wait()

    win.inside.jobs.worker.submit("long", long_job)
    assert started.wait(10)
    monkeypatch.setattr(
        win.inside.jobs, "stop", lambda timeout_ms=0: JobThread.stop(win.inside.jobs, 0)
    )
    assert not win.close()
    gate.set()
    qtbot.wait_until(lambda: not win.isVisible(), timeout=10_000)
    assert not win.inside.jobs.thread.isRunning()
