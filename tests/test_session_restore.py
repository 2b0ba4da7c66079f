"""Nothing lost: autosave, crash detection by a stale lock, and restoring after a real SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.core.model_file import load_model_file
from app.training import commands as cmd
from app.training.autosave import SessionGuard

ROOT = Path(__file__).resolve().parents[1]


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_fresh_start_offers_nothing_and_marks_the_session(tmp_path):
    guard = SessionGuard(tmp_path)
    assert guard.begin() is None
    assert guard.active
    assert guard.lock_path.read_text() == str(os.getpid())
    guard.end()
    assert not guard.lock_path.exists()


def test_a_stale_lock_with_an_autosave_is_a_crashed_session(tmp_path):
    (tmp_path / "running.lock").write_text(str(dead_pid()))
    (tmp_path / "autosave.npz").write_bytes(b"whatever")
    guard = SessionGuard(tmp_path)
    assert guard.begin() == tmp_path / "autosave.npz"
    assert guard.active


def test_a_clean_close_leaves_no_offer(tmp_path):
    first = SessionGuard(tmp_path)
    first.begin()
    (tmp_path / "autosave.npz").write_bytes(b"whatever")
    first.end()
    assert SessionGuard(tmp_path).begin() is None


@pytest.mark.parametrize("content", ["", "not a number", "-5"])
def test_a_damaged_lock_counts_as_a_crash(tmp_path, content):
    (tmp_path / "running.lock").write_text(content)
    (tmp_path / "autosave.npz").write_bytes(b"whatever")
    assert SessionGuard(tmp_path).begin() == tmp_path / "autosave.npz"


def test_another_running_window_keeps_the_session(tmp_path):
    (tmp_path / "running.lock").write_text("1")  # pid 1 is always alive
    (tmp_path / "autosave.npz").write_bytes(b"whatever")
    guard = SessionGuard(tmp_path)
    assert guard.begin() is None
    assert not guard.active
    assert (tmp_path / "running.lock").read_text() == "1"


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
    guard.lock_path.write_text(str(dead_pid()))
    guard.active = False
    win.autosave_timer.stop()
    assert training.stop(2000)

    again = SessionGuard(tmp_path / "session")
    crashed = again.begin()
    assert crashed == guard.autosave_path
    training, _ = build_training()
    second = MainWindow(
        training, QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat), again
    )
    qtbot.addWidget(second)
    training.start()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert second.offer_restore(crashed)
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
    assert (folder / "running.lock").read_text() == str(proc.pid)
    crashed = SessionGuard(folder).begin()
    assert crashed == folder / "autosave.npz"
    restored = load_model_file(crashed)
    assert restored.architecture.n_parameters == 13_002
