"""A training worker and the QThread it runs in (``app.training.worker``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThread

from app.training import commands as cmd

if TYPE_CHECKING:
    from app.training.worker import TrainingWorker


class TrainingThread:
    """A worker and the QThread it runs in, started and stopped together.

    ``stop`` asks the loop to end (cooperatively: never ``QThread.terminate``) and waits at
    most ``timeout_ms``; it returns whether the thread really ended.
    """

    def __init__(self, worker: TrainingWorker) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName("training")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 2000) -> bool:
        self.request_stop()
        return self.thread.wait(timeout_ms) if self.thread.isRunning() else True

    def request_stop(self) -> None:
        """Ask the loop to end after the commands queued before; do not wait."""
        self.worker.gui_idle.set()
        if self.thread.isRunning():
            self.worker.send(cmd.Shutdown())
