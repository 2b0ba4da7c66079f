"""Background jobs: run off the GUI thread, newest request of a kind wins, bounded stop."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject, Slot

from app.errors import BackpropLabError
from app.training.background import JobThread


class Results(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.finished: list[tuple[str, object]] = []
        self.failed: list[tuple[str, str]] = []

    @Slot(str, object)
    def on_finished(self, kind, result) -> None:
        self.finished.append((kind, result))

    @Slot(str, str)
    def on_failed(self, kind, message) -> None:
        self.failed.append((kind, message))


@pytest.fixture
def jobs(qtbot):
    thread = JobThread()
    results = Results()
    thread.worker.finished.connect(results.on_finished)
    thread.worker.failed.connect(results.on_failed)
    thread.start()
    yield thread.worker, results
    assert thread.stop(2000)


def test_a_job_runs_off_the_gui_thread_and_its_result_arrives_in_it(qtbot, jobs):
    worker, results = jobs
    gui = threading.get_ident()
    worker.submit("sum", lambda a, b: (a + b, threading.get_ident()), 2, 3)
    qtbot.wait_until(lambda: bool(results.finished))
    kind, (value, ran_on) = results.finished[0]
    assert (kind, value) == ("sum", 5)
    assert ran_on != gui
    assert worker.ran_on["sum"] == ran_on


def test_a_newer_request_of_a_kind_replaces_a_waiting_one(qtbot, jobs):
    worker, results = jobs
    gate = threading.Event()
    worker.submit("slow", lambda: gate.wait(2) and "slow")
    qtbot.wait_until(lambda: "slow" not in worker.pending())
    for value in range(5):
        worker.submit("map", lambda v=value: v)
    gate.set()
    qtbot.wait_until(lambda: len(results.finished) >= 2)
    qtbot.wait(100)
    assert results.finished == [("slow", "slow"), ("map", 4)]


def test_errors_are_reported_and_the_worker_lives_on(qtbot, jobs, capsys):
    worker, results = jobs

    def refuse():
        raise BackpropLabError("no validation set")

    worker.submit("a", refuse)
    worker.submit("b", lambda: 1 / 0)
    worker.submit("c", lambda: "fine")
    qtbot.wait_until(lambda: len(results.failed) == 2 and bool(results.finished))
    assert results.failed[0] == ("a", "no validation set")
    assert results.failed[1][0] == "b"
    assert "ZeroDivisionError" in results.failed[1][1]
    assert results.finished == [("c", "fine")]
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_stop_waits_for_the_running_job_within_the_bound(qtbot):
    thread = JobThread()
    thread.start()
    thread.worker.submit("sleepy", time.sleep, 0.3)
    qtbot.wait_until(lambda: not thread.worker.pending())
    started = time.perf_counter()
    assert thread.stop(2000)
    assert time.perf_counter() - started < 2.0
