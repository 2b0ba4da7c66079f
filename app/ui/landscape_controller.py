"""The loss landscape, wired: when a surface is asked for, on its own job thread, and where
the result goes (the contour view and, for the lesson's preset, the five-number panel).

    settings / edge picks / new steps ──(tab on screen, ≤ 1 a second while training)──▶
        JobThread("landscape") ──finished──▶ LandscapeView, DescentPanel

Surfaces take up to a few hundred ms, so they never run on the GUI thread, and a newer
request replaces a waiting one (the job worker keeps the newest of each kind).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from app.core.lesson_preset import LessonPreset
from app.core.training import default_watched
from app.training.background import JobThread
from app.training.landscape_job import LandscapeRequest
from app.training.landscape_job import compute as compute_landscape
from app.training.snapshot import Snapshot
from app.ui.descent_panel import weights_now
from app.ui.host import ViewHost

#: While training, the loss landscape is recomputed at most this often (and only when visible).
LANDSCAPE_REFRESH_S = 1.0


class LandscapeController(QObject):
    """``on_screen()`` says whether the landscape's tab is showing; ``selected()`` gives the
    weights picked in the graph (the two newest are the map's axes)."""

    def __init__(
        self,
        host: ViewHost,
        view,
        descent,
        on_screen: Callable[[], bool],
        selected: Callable[[], tuple[int, ...]],
    ) -> None:
        super().__init__(view)  # deleted with its view: no result is shown on a deleted map
        self.host = host
        self.view = view
        self.descent = descent
        self.on_screen = on_screen
        self.selected = selected
        self.jobs = JobThread("landscape")
        self.jobs.worker.finished.connect(self._finished)
        self.jobs.worker.failed.connect(self._failed)
        view.settings_changed.connect(self.request)
        view.recompute_requested.connect(self.request)
        self.busy = False
        #: The five numbers of the lesson's step on the map (None until its map is shown).
        self.lesson_step = None
        self._step = -1
        self._asked_at = 0.0
        self.jobs.start()

    def lesson_shown(self) -> bool:
        return self.on_screen() and self.view.settings().kind == "lesson"

    def request(self) -> None:
        """Ask for the surface the view's settings describe (only while it is on screen)."""
        if not self.on_screen():
            return
        settings = self.view.settings()
        snap = self.host.current_snapshot()
        if settings.kind == "lesson":
            request = LandscapeRequest(
                "lesson",
                resolution=settings.resolution,
                log_scale=settings.log_scale,
                learning_rate=settings.lesson_learning_rate,
                optimizers=("gd", "momentum", "adam") if settings.compare_optimizers else ("gd",),
            )
        elif snap is None or snap.sample_x is None:
            return
        else:
            selected = self.selected() or default_watched(snap.architecture)
            if len(selected) < 2:
                self.view.show_error(self.tr("Click two edges in the graph to choose two weights."))
                return
            request = LandscapeRequest(
                settings.kind,
                resolution=settings.resolution,
                half_width=settings.half_width,
                log_scale=settings.log_scale,
                architecture=snap.architecture,
                params=snap.params,
                gradient=snap.gradient,
                learning_rate=(
                    snap.hyper.learning_rate
                    if snap.learning_rate_now is None
                    else snap.learning_rate_now
                ),
                optimizer=snap.optimizer,
                selected=(selected[-2], selected[-1]),
                trajectory=snap.trajectory,
                x=snap.sample_x[: settings.sample_size],
                labels=snap.sample_y[: settings.sample_size],
                serial=snap.serial,
            )
            self._step = snap.step
        self.busy = True
        self._asked_at = time.perf_counter()
        self.jobs.worker.submit("landscape", compute_landscape, request)

    def refresh(self, snap: Snapshot) -> None:
        """While training, keep the map current: one computation in flight, ≤ 1 a second."""
        if (
            self.on_screen()
            and self.view.settings().kind != "lesson"
            and snap.step != self._step
            and not self.busy
            and time.perf_counter() - self._asked_at >= LANDSCAPE_REFRESH_S
        ):
            self.request()

    @Slot(str, object)
    def _finished(self, _kind: str, result) -> None:
        self.busy = False
        self.view.show_result(result)
        if result.request.kind == "lesson":
            # The five-step panel follows the lesson while its map is on screen.
            self.lesson_step = LessonPreset().step(result.current, result.request.learning_rate)
        snap = self.host.current_snapshot()
        if self.lesson_shown():
            self.descent.show_step(self.lesson_step)
        elif snap is not None:
            self.descent.show_step(snap.watched, weights_now(snap))

    @Slot(str, str)
    def _failed(self, _kind: str, message: str) -> None:
        self.busy = False
        self.view.show_error(message)

    def stop(self, timeout_ms: int = 2000) -> bool:
        return self.jobs.stop(timeout_ms)
