"""What every scene of the classroom stage is (``app.ui.stage``): a ``Scene`` shows one or two
views at the stage's text size, and a ``SceneSpec`` names it and makes it the first time it
is needed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QWidget

from app.training.snapshot import Snapshot
from app.ui.stage_context import StageContext


class Scene(QWidget):
    """One scene of the stage, made from the ``StageContext``. ``show_snapshot`` draws a
    snapshot (only while on screen); ``entered()`` runs each time the scene comes on screen;
    ``pictures()`` are the widgets that make its picture; ``job_threads()`` its background
    threads (the window stops them when it closes).

    ``restyle()`` enlarges what the views size for the desktop (a plot's tick numbers):
    the views set their sizes again on a change of look or language, which the scene hears
    of first, so it runs on the next turn of the event loop (``restyle_soon``).
    """

    #: While training runs, at most this many redraws a second (the costly pictures less).
    max_hz_while_training = 30.0

    def __init__(self, ctx: StageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.restyle_pending = False

    def show_snapshot(self, snap: Snapshot) -> None:
        raise NotImplementedError

    def pictures(self) -> tuple[QWidget, ...]:
        raise NotImplementedError

    def entered(self) -> None:
        """The scene came on screen."""

    def left(self) -> None:
        """The scene went off screen (another scene, or the desktop, took its place)."""

    def arrow(self, direction: int) -> bool:
        """→ (+1) or ← (−1) pressed: True if the scene used it (a step-through walks its
        sub-steps), else the stage changes scene."""
        return False

    def step_key(self) -> bool:
        """Step pressed (Return, S, the bar's button): True if the scene used it."""
        return False

    def hide_answers(self, hidden: bool) -> None:
        """Hide (or show again) what would give away a lesson's answer before Reveal: the
        numbers a question asks for."""

    def ready(self) -> bool:
        """Whether the scene shows all it will (a picture computed in the background is
        done): what an export of the scene waits for."""
        return not self.restyle_pending

    def job_threads(self) -> tuple:
        return ()

    def retranslate_ui(self) -> None:
        """The scene's own texts (its views set theirs)."""

    def selection_changed(self) -> None:
        """The selected weights (``ctx.selected()``) changed."""

    def restyle(self) -> None:
        """Enlarge the views' own texts to the stage's size."""

    def set_text_px(self, px: int) -> None:
        """The stage's text size changed (with its height)."""
        self.restyle_soon()

    def apply_theme(self) -> None:
        self.restyle_soon()

    def restyle_soon(self) -> None:
        if not self.restyle_pending:
            self.restyle_pending = True
            QTimer.singleShot(0, self, self._restyle_now)

    def _restyle_now(self) -> None:
        self.restyle_pending = False
        self.restyle()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.restyle_soon()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self.restyle_soon()
        super().changeEvent(event)


@dataclass(frozen=True)
class SceneSpec:
    """One scene: its name, its title (translated in the "Stage" context) and its maker."""

    name: str
    title: str
    make: Callable[[StageContext], Scene]
