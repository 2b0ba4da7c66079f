"""Step-through mode: one training step taken apart on the graph, sub-step by sub-step.

The worker plans the next step without taking it (``PlanLesson`` → ``lesson_planned``); the
panel walks its sub-steps and the graph draws each frame; after "update" the real ``Step``
is sent, which lands on the plan bit for bit, and the next step is planned at once, so the
teacher can go on pressing → through as many steps as the lesson needs.

    LessonPanel ──frame_changed──▶ graph.show_lesson_frame, descent panel at "update"
    LessonPanel ──step_finished──▶ Step(g), PlanLesson(g) ──▶ worker ──lesson_planned──▶ panel
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from app.core.lesson import LessonFrame, LessonStep
from app.training import commands as cmd
from app.ui.host import ViewHost
from app.ui.lesson_panel import LessonPanel


class LessonMode(QObject):
    """Owns the lesson panel and ties it to the graph, the five-number panel (if any: None
    on the stage) and the worker.

    ``chosen_granularity`` says what the controls ask for now ("example", "batch" or
    "epoch"); ``left`` is emitted when the lesson ends (the window puts its tabs back).
    """

    left = Signal()

    def __init__(
        self, host: ViewHost, worker, graph, descent, chosen_granularity: Callable[[], str]
    ) -> None:
        super().__init__()
        self.host = host
        self.graph = graph
        self.descent = descent
        self._chosen = chosen_granularity
        self.panel = LessonPanel()
        self.active = False
        self._granularity = "batch"
        self.panel.frame_changed.connect(self._frame_changed)
        self.panel.step_finished.connect(self._step_finished)
        self.panel.closed.connect(self.leave)
        worker.lesson_planned.connect(self._planned)
        worker.running_changed.connect(self._running_changed)
        worker.diverged.connect(self._diverged)

    def granularity(self) -> str:
        """A lesson takes one example or one mini-batch apart (an epoch is too many)."""
        return "example" if self._chosen() == "example" else "batch"

    def enter(self) -> None:
        """Plan the next step and show its first sub-step (training pauses)."""
        self.active = True
        self._granularity = self.granularity()
        self.host.send(cmd.PlanLesson(self._granularity))

    @Slot()
    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.panel.clear()
        self.graph.clear_lesson()
        self.left.emit()

    @Slot(object)
    def _planned(self, step: LessonStep) -> None:
        if self.active:
            self.panel.show_step(step)

    @Slot(object)
    def _frame_changed(self, frame: LessonFrame) -> None:
        step = self.panel.step()
        if not self.active or step is None:
            return
        self.graph.show_lesson_frame(step, frame)
        # The five numbers of the watched weights belong to the update; before it, the panel
        # shows the last real step's, as the lesson has not moved anything yet.
        if frame.substep.kind == "update" and self.descent is not None:
            self.descent.show_step(step.watched)

    @Slot()
    def _step_finished(self) -> None:
        # Same granularity as planned: the real step then lands on the plan's params_after.
        self.host.send(cmd.Step(self._granularity))
        self._granularity = self.granularity()  # the next step may be of the newly chosen size
        self.host.send(cmd.PlanLesson(self._granularity))

    @Slot(bool)
    def _running_changed(self, running: bool) -> None:
        if running and self.active:
            self.leave()  # Play: the graph follows training again

    @Slot(object)
    def _diverged(self, _explosion) -> None:
        if self.active:
            self.panel.clear()
            self.graph.clear_lesson()
