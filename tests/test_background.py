"""Background jobs: run off the GUI thread, newest request of a kind wins, bounded stop; a
job that takes a state reports progress and partial results and stops when asked."""

from __future__ import annotations

import functools
import threading
import time

import pytest
from PySide6.QtCore import QObject, Slot

from app.errors import BackpropLabError, DownloadCancelled
from app.training.background import PROGRESS_STEP, JobThread, takes_state


class Results(QObject):
    """Everything the worker says, as received in the GUI thread (and on which thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.finished: list[tuple[str, object]] = []
        self.failed: list[tuple[str, str]] = []
        self.progress: list[tuple[str, float]] = []
        self.partial: list[tuple[str, object]] = []
        self.interrupted: list[str] = []
        self.threads: set[int] = set()

    def connect_to(self, worker) -> None:
        worker.finished.connect(self.on_finished)
        worker.failed.connect(self.on_failed)
        worker.progressed.connect(self.on_progress)
        worker.partial_result.connect(self.on_partial)
        worker.interrupted.connect(self.on_interrupted)

    @Slot(str, object)
    def on_finished(self, kind, result) -> None:
        self.threads.add(threading.get_ident())
        self.finished.append((kind, result))

    @Slot(str, str)
    def on_failed(self, kind, message) -> None:
        self.threads.add(threading.get_ident())
        self.failed.append((kind, message))

    @Slot(str, float)
    def on_progress(self, kind, fraction) -> None:
        self.threads.add(threading.get_ident())
        self.progress.append((kind, fraction))

    @Slot(str, object)
    def on_partial(self, kind, result) -> None:
        self.threads.add(threading.get_ident())
        self.partial.append((kind, result))

    @Slot(str)
    def on_interrupted(self, kind) -> None:
        self.threads.add(threading.get_ident())
        self.interrupted.append(kind)


@pytest.fixture
def jobs(qtbot):
    thread = JobThread()
    results = Results()
    results.connect_to(thread.worker)
    thread.start()
    yield thread.worker, results
    assert thread.stop(2000)


def until_interrupted(started: threading.Event, state) -> str:
    """A job that works (in small pieces) until it is asked to stop."""
    started.set()
    while not state.interruption_requested():
        threading.Event().wait(0.005)  # a piece of work
    return "stopped by itself"


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


def test_a_job_with_a_state_reports_progress_and_partial_results_to_the_gui_thread(qtbot, jobs):
    worker, results = jobs

    def job(n, state):
        for i in range(n):
            state.set_partial_result(i)
            state.set_progress((i + 1) / n)
        return "done"

    worker.submit("count", job, 4)
    qtbot.wait_until(lambda: bool(results.finished))
    assert results.partial == [("count", 0), ("count", 1), ("count", 2), ("count", 3)]
    assert results.progress == [("count", 0.25), ("count", 0.5), ("count", 0.75), ("count", 1.0)]
    assert results.finished == [("count", "done")]
    assert results.threads == {threading.get_ident()}


def test_tiny_steps_of_progress_are_thinned_out_but_the_end_always_arrives(qtbot, jobs):
    worker, results = jobs

    def job(state):
        for i in range(1, 10_001):
            state.set_progress(i / 10_000)

    worker.submit("fine", job)
    qtbot.wait_until(lambda: bool(results.finished))
    fractions = [fraction for _kind, fraction in results.progress]
    assert len(fractions) <= 1 / PROGRESS_STEP + 1
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0


def test_only_a_function_that_declares_a_state_keyword_is_given_one():
    def plain(a, b):
        return a + b

    def keyword_only(a, *, state):
        return a

    def anything(*args, **kwargs):
        return args

    assert not takes_state(plain)
    assert not takes_state(lambda: None)
    assert not takes_state(anything)
    assert not takes_state(time.sleep)
    assert takes_state(keyword_only)
    assert takes_state(until_interrupted)
    assert takes_state(functools.partial(until_interrupted, threading.Event()))


def test_stop_interrupts_a_cooperating_job_and_the_thread_ends(qtbot):
    """The job would run forever: ``stop`` returning True means it looked at its state."""
    thread = JobThread()
    results = Results()
    results.connect_to(thread.worker)
    thread.start()
    started = threading.Event()
    thread.worker.submit("forever", until_interrupted, started)
    assert started.wait(10)
    assert thread.worker.running() == "forever"
    assert thread.stop(2000)
    assert not thread.thread.isRunning()
    qtbot.wait_until(lambda: results.interrupted == ["forever"])
    assert results.finished == []
    assert thread.worker.done == {}


def test_interrupting_a_kind_stops_its_job_drops_its_waiting_one_and_the_worker_lives_on(
    qtbot, jobs
):
    worker, results = jobs
    started = threading.Event()
    worker.submit("long", until_interrupted, started)
    assert started.wait(10)
    worker.submit("long", lambda: "the newer one")
    worker.interrupt("short")  # another kind: nothing happens to "long"
    assert worker.running() == "long"
    worker.interrupt("long")
    qtbot.wait_until(lambda: results.interrupted == ["long"])
    assert worker.pending() == ()
    worker.submit("short", lambda: "fine")
    qtbot.wait_until(lambda: bool(results.finished))
    assert results.finished == [("short", "fine")]


def test_a_cancelled_download_error_after_an_interruption_is_an_interruption(qtbot, jobs):
    worker, results = jobs
    started = threading.Event()

    def download(state):
        until_interrupted(started, state)
        raise DownloadCancelled("download of t10k cancelled")

    worker.submit("download", download)
    assert started.wait(10)
    worker.interrupt("download")
    qtbot.wait_until(lambda: results.interrupted == ["download"])
    assert results.failed == []


def test_a_newer_request_does_not_interrupt_the_running_job_of_its_kind(qtbot, jobs):
    """A view asking twice a second while training must still see its results."""
    worker, results = jobs
    gate, started = threading.Event(), threading.Event()

    def slow(value, state):
        started.set()
        while not gate.wait(0.005):
            state.check()
        return value

    worker.submit("map", slow, "first")
    assert started.wait(10)
    worker.submit("map", slow, "second")
    gate.set()
    qtbot.wait_until(lambda: len(results.finished) == 2)
    assert results.finished == [("map", "first"), ("map", "second")]
    assert results.interrupted == []
