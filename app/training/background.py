"""Background jobs: loss landscapes and the "look inside" computations, off the GUI thread.

An evaluation over 10,000 images, a points map of every layer, a robustness curve (seconds),
the health of every layer on a fixed sample: none of it may run on the GUI thread, and none of
it needs the training worker's arrays (a snapshot carries read-only copies). So each view asks
for its job by *kind*; a newer request of the same kind replaces one not yet started (a view
that asks twice a second while training only ever waits for the latest), and kinds are served
oldest request first, so a slow robustness curve does not starve the confusion matrix for long.
A newer request does not interrupt the job of its kind that is already running: a view asking
twice a second for a job of a second would then never see a result.

A job that takes a keyword ``state`` is given a ``JobState`` (as Orange's widgets give their
tasks one): it reports how far it is and what it has so far, and looks whether it should stop,
at least every 100 ms. Plain functions run as they are (and cannot be interrupted):

    window ──submit(kind, fn, *args)──▶ pending[kind] ──▶ JobWorker.run() ──▶ finished(kind, result)
    in the job, fn(*args, state=JobState):
        state.set_progress(fraction)      ──▶ progressed(kind, fraction)
        state.set_partial_result(result)  ──▶ partial_result(kind, result)
        state.interruption_requested()    ◀── interrupt(kind), JobThread.stop()
                                              (the job then ends with interrupted(kind))
"""

from __future__ import annotations

import inspect
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import BackpropLabError

IDLE_WAIT_S = 0.1
#: Progress is passed on when it moved by at least this much (or reached the end): a job may
#: report after every chunk without flooding the GUI thread's event queue.
PROGRESS_STEP = 0.01


class JobInterrupted(Exception):
    """Raised by ``JobState.check`` in a job asked to stop; the worker reports ``interrupted``."""


class JobState:
    """What a running job may ask and tell (thread-safe; made by the worker, one per job).

    ``interruption_requested()``  whether the job should stop (the window closes, the kind was
                                  interrupted); a long job looks at least every 100 ms.
    ``check()``                   raise ``JobInterrupted`` if so: the shortest way out.
    ``set_progress(fraction)``    how far it is, 0..1: ``progressed(kind, fraction)``.
    ``set_partial_result(r)``     what it has so far: ``partial_result(kind, r)``.

    Progress is passed on when it moved forward by ``PROGRESS_STEP`` or reached 1; after an
    interruption nothing more is reported: what it would say is no longer wanted.
    """

    def __init__(self, worker: JobWorker, kind: str) -> None:
        self.kind = kind
        self._worker = worker
        self._interrupted = threading.Event()
        self._progress = -1.0

    def interruption_requested(self) -> bool:
        return self._interrupted.is_set()

    def request_interruption(self) -> None:
        self._interrupted.set()

    def check(self) -> None:
        if self._interrupted.is_set():
            raise JobInterrupted(self.kind)

    def set_progress(self, fraction: float) -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        if self._interrupted.is_set():
            return
        at_the_end = fraction == 1.0 and self._progress < 1.0
        if fraction - self._progress >= PROGRESS_STEP or at_the_end:
            self._progress = fraction
            self._worker.progressed.emit(self.kind, fraction)

    def set_partial_result(self, result: object) -> None:
        if not self._interrupted.is_set():
            self._worker.partial_result.emit(self.kind, result)


@dataclass(frozen=True)
class Job:
    kind: str
    function: Callable[..., object]
    args: tuple
    submitted_at: float


def takes_state(function: Callable[..., object]) -> bool:
    """Whether ``function`` declares a keyword parameter ``state`` (then it is given one)."""
    try:
        parameter = inspect.signature(function).parameters.get("state")
    except (TypeError, ValueError):  # a builtin without a signature: a plain function
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.KEYWORD_ONLY,
    )


class JobWorker(QObject):
    """``submit`` from any thread; ``started(kind)``, ``progressed(kind, fraction)``,
    ``partial_result(kind, result)``, ``finished(kind, result)``, ``failed(kind, message)``
    and ``interrupted(kind)`` come from the worker's thread (connect them to a QObject living
    in the GUI thread, so the slots run there, queued). A job ends with exactly one of the
    last three; ``interrupted`` when it was asked to stop, whatever it then returned."""

    started = Signal(str)
    progressed = Signal(str, float)
    partial_result = Signal(str, object)
    finished = Signal(str, object)
    failed = Signal(str, str)
    interrupted = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False
        self._running: JobState | None = None
        #: Jobs carried out to their end (not interrupted), by kind (read by tests and
        #: benchmarks).
        self.done: dict[str, int] = {}
        #: The thread each kind last ran on (a test checks it is never the GUI thread).
        self.ran_on: dict[str, int] = {}

    def submit(self, kind: str, function: Callable[..., object], *args: object) -> None:
        """Run ``function(*args)`` in the background (with ``state=`` if it takes one);
        replaces a waiting job of this kind."""
        with self._lock:
            self._pending[kind] = Job(kind, function, args, time.perf_counter())
        self._wake.set()

    def pending(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._pending)

    def running(self) -> str | None:
        """The kind of the job running now, if any."""
        with self._lock:
            return None if self._running is None else self._running.kind

    def interrupt(self, kind: str) -> None:
        """Drop a waiting job of ``kind`` and ask the running one of ``kind`` to stop."""
        with self._lock:
            self._pending.pop(kind, None)
            if self._running is not None and self._running.kind == kind:
                self._running.request_interruption()

    def request_stop(self) -> None:
        """End the loop after the running job, which is asked to stop now."""
        with self._lock:
            self._stop = True
            if self._running is not None:
                self._running.request_interruption()
        self._wake.set()

    def _next_job(self) -> tuple[Job, JobState] | None:
        with self._lock:
            if not self._pending or self._stop:
                return None
            job = min(self._pending.values(), key=lambda j: j.submitted_at)
            del self._pending[job.kind]
            self._running = JobState(self, job.kind)
            return job, self._running

    @Slot()
    def run(self) -> None:
        try:
            while not self._stop:
                taken = self._next_job()
                if taken is None:
                    self._wake.wait(IDLE_WAIT_S)
                    self._wake.clear()
                    continue
                try:
                    self._carry_out(*taken)
                finally:
                    with self._lock:
                        self._running = None
        finally:
            self.thread().quit()

    def _carry_out(self, job: Job, state: JobState) -> None:
        self.started.emit(job.kind)
        try:
            if takes_state(job.function):
                result = job.function(*job.args, state=state)
            else:
                result = job.function(*job.args)
        except JobInterrupted:
            self.interrupted.emit(job.kind)
        except BackpropLabError as exc:
            # A cancelled download says so with an error of its own: still an interruption.
            if state.interruption_requested():
                self.interrupted.emit(job.kind)
            else:
                self.failed.emit(job.kind, str(exc))
        except Exception as exc:
            traceback.print_exc()  # a bug: keep the trace, tell the user, live on
            self.failed.emit(job.kind, f"unexpected error ({job.kind}): {exc!r}")
        else:
            self.ran_on[job.kind] = threading.get_ident()
            if state.interruption_requested() or self._stop:
                self.interrupted.emit(job.kind)
            else:
                self.done[job.kind] = self.done.get(job.kind, 0) + 1
                self.finished.emit(job.kind, result)


class JobThread:
    """The job worker and its QThread, started and stopped together (cooperatively: the
    running job is asked to stop, and the loop ends when it has; never ``QThread.terminate``)."""

    def __init__(self, name: str = "jobs") -> None:
        self.worker = JobWorker()
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 2000) -> bool:
        """Ask the running job to stop and end the loop; True once the thread has ended
        (within ``timeout_ms``: a job that looks at its state ends within about 0.1 s)."""
        if not self.thread.isRunning():
            return True
        self.worker.request_stop()
        return self.thread.wait(timeout_ms)
