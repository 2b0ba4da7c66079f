"""The landscape worker: computes loss surfaces in its own thread, newest request first.

Grids take from milliseconds (the lesson preset) to a few hundred (41×41 over 1,000 samples of
the real network); the GUI thread never computes one. Requests replace each other: when the
teacher drags a slider, only the latest request is computed once the current one is done.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import BackpropLabError
from app.training.landscape_job import LandscapeRequest, compute

IDLE_WAIT_S = 0.1


class LandscapeWorker(QObject):
    """``submit`` from any thread; ``result_ready(LandscapeResult)`` and ``failed(str)`` come
    from the worker's thread (connect them to a QObject living in the GUI thread)."""

    result_ready = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._pending: LandscapeRequest | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False

    def submit(self, request: LandscapeRequest) -> None:
        with self._lock:
            self._pending = request
        self._wake.set()

    def request_stop(self) -> None:
        self._stop = True
        self._wake.set()

    @Slot()
    def run(self) -> None:
        try:
            while not self._stop:
                self._wake.wait(IDLE_WAIT_S)
                self._wake.clear()
                with self._lock:
                    request, self._pending = self._pending, None
                if request is None or self._stop:
                    continue
                try:
                    self.result_ready.emit(compute(request))
                except BackpropLabError as exc:
                    self.failed.emit(str(exc))
                except Exception as exc:
                    traceback.print_exc()  # a bug: keep the trace, tell the user, live on
                    self.failed.emit(f"unexpected error computing the landscape: {exc!r}")
        finally:
            self.thread().quit()


class LandscapeThread:
    """The worker and its QThread, started and stopped together (cooperatively)."""

    def __init__(self) -> None:
        self.worker = LandscapeWorker()
        self.thread = QThread()
        self.thread.setObjectName("landscape")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 2000) -> bool:
        if not self.thread.isRunning():
            return True
        self.worker.request_stop()
        # A grid in progress finishes first; the largest take well under a second.
        return self.thread.wait(timeout_ms)
