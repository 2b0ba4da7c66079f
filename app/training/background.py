"""Background jobs: loss landscapes and the "look inside" computations, off the GUI thread.

An evaluation over 10,000 images, a points map of every layer, a robustness curve (seconds),
the health of every layer on a fixed sample: none of it may run on the GUI thread, and none of
it needs the training worker's arrays (a snapshot carries read-only copies). So each view asks
for its job by *kind*; a newer request of the same kind replaces one not yet started (a view
that asks twice a second while training only ever waits for the latest), and kinds are served
oldest request first, so a slow robustness curve does not starve the confusion matrix for long.

    window ──submit(kind, fn, *args)──▶ pending[kind] ──▶ JobWorker.run() ──▶ finished(kind, result)
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import BackpropLabError

IDLE_WAIT_S = 0.1


@dataclass(frozen=True)
class Job:
    kind: str
    function: Callable[..., object]
    args: tuple
    submitted_at: float


class JobWorker(QObject):
    """``submit`` from any thread; ``finished(kind, result)``, ``failed(kind, message)`` and
    ``started(kind)`` come from the worker's thread (connect them to a QObject living in the
    GUI thread, so the slots run there)."""

    started = Signal(str)
    finished = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False
        #: Jobs carried out, by kind (read by tests and benchmarks).
        self.done: dict[str, int] = {}
        #: The thread each kind last ran on (a test checks it is never the GUI thread).
        self.ran_on: dict[str, int] = {}

    def submit(self, kind: str, function: Callable[..., object], *args: object) -> None:
        """Run ``function(*args)`` in the background; replaces a waiting job of this kind."""
        with self._lock:
            self._pending[kind] = Job(kind, function, args, time.perf_counter())
        self._wake.set()

    def pending(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._pending)

    def request_stop(self) -> None:
        self._stop = True
        self._wake.set()

    def _next_job(self) -> Job | None:
        with self._lock:
            if not self._pending:
                return None
            job = min(self._pending.values(), key=lambda j: j.submitted_at)
            del self._pending[job.kind]
            return job

    @Slot()
    def run(self) -> None:
        try:
            while not self._stop:
                job = self._next_job()
                if job is None:
                    self._wake.wait(IDLE_WAIT_S)
                    self._wake.clear()
                    continue
                self.started.emit(job.kind)
                try:
                    result = job.function(*job.args)
                except BackpropLabError as exc:
                    self.failed.emit(job.kind, str(exc))
                except Exception as exc:
                    traceback.print_exc()  # a bug: keep the trace, tell the user, live on
                    self.failed.emit(job.kind, f"unexpected error ({job.kind}): {exc!r}")
                else:
                    self.done[job.kind] = self.done.get(job.kind, 0) + 1
                    self.ran_on[job.kind] = threading.get_ident()
                    if not self._stop:
                        self.finished.emit(job.kind, result)
        finally:
            self.thread().quit()


class JobThread:
    """The job worker and its QThread, started and stopped together (cooperatively: a job in
    progress finishes, then the loop ends; never ``QThread.terminate``)."""

    def __init__(self, name: str = "jobs") -> None:
        self.worker = JobWorker()
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 2000) -> bool:
        if not self.thread.isRunning():
            return True
        self.worker.request_stop()
        return self.thread.wait(timeout_ms)
