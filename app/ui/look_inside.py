"""Look inside: evaluation, points map, training data, neuron lab and layer health, wired.

The views only draw; this controller decides *when* each is computed and hands the work to
the background job thread (``app.training.background``) with read-only arrays from the latest
snapshot, so the GUI thread never evaluates, projects or histograms anything big:

    snapshot ──(tab visible, new step, at a bounded rate)──▶ JobWorker ──finished──▶ view
                                                  ──progressed, partial_result──▶ view

A long job (an evaluation of a 10,000-image test folder, the robustness curves) says how far
it is, and the robustness curves are drawn kind by kind as each is done.

Rates: a view is only refreshed while it is on screen; the points map and layer health at
most every ``MAP_REFRESH_S`` / ``HEALTH_REFRESH_S`` while training runs, the evaluation after
each epoch (and on request). The neuron lab pauses training and shows its own copy of the
weights in the graph and the pad until the teacher leaves it (or keeps the edits).

Each view is made the first time it is asked for: the desktop's when its tab is first shown
(``app.ui.lazy_page``), the classroom stage's own ``LookInside`` those of the scenes shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.core.network import Network
from app.training import commands as cmd
from app.training.background import JobThread
from app.training.inside_jobs import (
    EvaluationResult,
    HealthResult,
    PointsMapResult,
    RobustnessResult,
    evaluation_job,
    health_job,
    points_map_job,
    robustness_job,
    taught_reading_job,
)
from app.training.snapshot import Snapshot, TrainingData, frozen
from app.ui.data_explorer import DataExplorer
from app.ui.evaluation import EvaluationView
from app.ui.host import ViewHost
from app.ui.layer_health_view import LayerHealthView
from app.ui.neuron_lab_view import NeuronLabView, lab_accuracy
from app.ui.points_map_view import PointsMapView

# While training runs. Measured (benchmarks/gui_latency.py --view …): the evaluation after
# every epoch (3 a second at full speed) held the window up to p99 42 ms, layer health
# redrawn every second 38 ms; at these rates both stay under 30 ms.
MAP_REFRESH_S = 1.0
HEALTH_REFRESH_S = 2.0
GRADIENT_CURVES_REFRESH_S = 1.0
EVALUATION_REFRESH_S = 4.0


@dataclass(frozen=True)
class Route:
    """Where a background job's result goes, and its error (None: the status bar); for a
    long job, where its progress (a fraction 0..1) and its partial results go (None: nowhere)."""

    show: Callable[[object], None]
    error: Callable[[str], None] | None = None
    progress: Callable[[float], None] | None = None
    partial: Callable[[object], None] | None = None


class LookInside(QObject):
    """The look-inside views and when each is computed (see the module's docstring).

    It gets the host (``app.ui.host.ViewHost``), the worker's signals and the graph; it asks
    the window for nothing else, and says what the window should do by its signals:
    ``example_chosen(image, label)`` (show a mistake in the graph and the pad),
    ``network_wanted`` (bring the graph's tab forward), ``lab_weights_changed`` (the lab's
    weights changed or it closed: redraw the graph, reread the pad), ``lab_left``,
    ``view_made(name)`` (a view was made: the window places it) and
    ``unsure_threshold_changed(share)`` (the "I don't know" threshold, 0..1, shared with the
    stage by ``share_threshold``: the pad's answer uses it too).
    """

    example_chosen = Signal(object, int)
    network_wanted = Signal()
    lab_weights_changed = Signal()
    lab_left = Signal()
    unsure_threshold_changed = Signal(float)
    view_made = Signal(str)

    def __init__(self, host: ViewHost, worker, graph) -> None:
        super().__init__()
        self.host = host
        self.graph = graph
        #: The views made so far, by name (each is made the first time it is asked for).
        self._views: dict[str, QWidget] = {}
        self.jobs = JobThread("inside")
        self.jobs.worker.finished.connect(self._finished)
        self.jobs.worker.failed.connect(self._failed)
        self.jobs.worker.progressed.connect(self._progressed)
        self.jobs.worker.partial_result.connect(self._partial_result)
        self.jobs.worker.interrupted.connect(self._interrupted)
        self._busy: set[str] = set()
        self._done_at: dict[str, float] = {}
        self._done_step: dict[str, int] = {}
        self._evaluated_epochs = -1
        self._data_asked = False
        self._architecture = None
        self._last_curves = 0.0
        self.lab_params: np.ndarray | None = None
        #: The window's "I don't know" threshold (``stage_context.SharedThreshold``), if shared.
        self._threshold = None
        self._lab_val: tuple[np.ndarray, np.ndarray] | None = None
        self.latest_health: HealthResult | None = None
        #: The last training data shared, for a data view made after it came.
        self._shared: TrainingData | None = None
        #: The class's drawings (K, 28, 28) and labels (K,), from the last data shared.
        self._drawings: tuple[np.ndarray, np.ndarray] | None = None
        # An MNIST test folder (File menu): (N, 784) inputs and (N,) labels, read-only.
        self.test_set: tuple[np.ndarray, np.ndarray, str] | None = None
        self._evaluation_source = ""
        # (the validation inputs it was made for, the plane): the pixels' plane of the map.
        self._pixel_plane = None
        self._points_key = None
        worker.data_shared.connect(self._data_shared)
        if graph is not None:
            graph.neuron_clicked.connect(self._neuron_clicked)
        worker.running_changed.connect(self._running_changed)
        #: Each background job's kind, and how its result and its error are shown. A new
        #: look-inside view adds its route here (and its refresh rule in ``refresh``).
        self.routes: dict[str, Route] = {
            "evaluation": Route(
                self._show_evaluation,
                lambda message: self.evaluation.show_evaluation_error(message),
                progress=lambda share: self.evaluation.show_evaluation_progress(share),
            ),
            "robustness": Route(
                self._show_robustness,
                lambda message: self.evaluation.show_robustness_error(message),
                progress=lambda share: self.evaluation.show_robustness_progress(share),
                partial=self._show_partial_robustness,
            ),
            "points_map": Route(self._show_points_map),
            "health": Route(self._show_health),
            "lab_accuracy": Route(lambda result: self.lab.show_accuracy(*result)),
            "taught": Route(lambda result: self.data.show_taught_reading(*result)),
        }
        self.jobs.start()

    # -- the views, each made on first use ------------------------------------------------------
    # The desktop's tabs ask for theirs when first shown; a stage scene for its own only (the
    # evaluation view alone took 80 ms to make, layer health 40 ms: the points map's first
    # visit waited 150–180 ms for all five).

    @property
    def evaluation(self) -> EvaluationView:
        return self._view("evaluation", EvaluationView, self._wire_evaluation)

    @property
    def points_map(self) -> PointsMapView:
        return self._view("points_map", PointsMapView)

    @property
    def data(self) -> DataExplorer:
        return self._view("data", DataExplorer, self._wire_data)

    @property
    def lab(self) -> NeuronLabView:
        return self._view("lab", NeuronLabView, self._wire_lab)

    @property
    def health(self) -> LayerHealthView:
        return self._view("health", LayerHealthView, self._wire_health)

    def _view(self, name: str, make, wire=None):
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = make()
            if wire is not None:
                wire(view)
            self.view_made.emit(name)
        return view

    def made(self, name: str) -> bool:
        """Whether the view called ``name`` (``evaluation``, ``data``…) was made."""
        return name in self._views

    def _on_screen(self, name: str) -> bool:
        return name in self._views and self._views[name].isVisible()

    def _wire_evaluation(self, view: EvaluationView) -> None:
        view.evaluation_requested.connect(lambda: self._submit_evaluation(force=True))
        view.set_chosen.connect(lambda _index: self._submit_evaluation(force=True))
        view.robustness_requested.connect(self._submit_robustness)
        view.example_chosen.connect(self.example_chosen)
        if self._threshold is not None:
            self._threshold.link(view.threshold)

    def _wire_data(self, view: DataExplorer) -> None:
        view.delete_requested.connect(
            lambda indices: self.host.send(cmd.RemoveExamples(tuple(int(i) for i in indices)))
        )
        if self._shared is not None:
            self._show_data(view, self._shared)

    def _wire_lab(self, view: NeuronLabView) -> None:
        view.params_edited.connect(self._lab_params)
        view.accuracy_requested.connect(self._submit_lab_accuracy)
        view.keep_requested.connect(self._keep_lab)
        view.closed.connect(self._lab_closed)
        view.marks_changed.connect(self._lab_marks)

    def _wire_health(self, view: LayerHealthView) -> None:
        if self._architecture is not None:
            view.set_architecture(self._architecture)

    def share_threshold(self, shared) -> None:
        """Show and move ``shared`` (a ``stage_context.SharedThreshold``, whole percent) with
        the evaluation's slider, now or when the view is made; say its changes as shares."""
        self._threshold = shared
        shared.changed.connect(lambda percent: self.unsure_threshold_changed.emit(percent / 100))
        if self.made("evaluation"):
            shared.link(self.evaluation.threshold)

    def _lab_marks(self, marks) -> None:
        if self.graph is not None:
            self.graph.show_lab_marks(set(marks))

    # -- what is on screen ---------------------------------------------------------------------

    def tabs_changed(self, lab_on_screen: bool) -> None:
        """A tab came on screen: compute what it shows if it is stale; the lab opens/closes."""
        if lab_on_screen:
            if not self.lab.is_open:
                self.open_lab()
        elif self.made("lab") and self.lab.is_open:
            self.leave_lab()
        if self.made("data") and self.data.isVisibleTo(self.data.window()):
            self.want_data()
        snap = self.host.current_snapshot()
        if snap is not None:
            self.refresh(snap, force=True)

    def want_data(self) -> None:
        """Ask the worker for the training data (once: later changes come by themselves)."""
        if not self._data_asked:
            self._data_asked = True
            self.host.send(cmd.ShareData())

    def attach_graph(self, graph) -> None:
        """The graph the lab marks its neurons in and whose clicks choose one (the stage's
        lab scene brings its own; the desktop's is given when this is made)."""
        self.graph = graph
        graph.neuron_clicked.connect(self._neuron_clicked)

    def refresh(self, snap: Snapshot, force: bool = False) -> None:
        """Called with every new snapshot the window renders."""
        if snap.architecture != self._architecture:
            self._architecture = snap.architecture
            if self.made("health"):
                self.health.set_architecture(snap.architecture)
        now = time.perf_counter()
        if self._on_screen("health") and (
            force or now - self._last_curves >= GRADIENT_CURVES_REFRESH_S
        ):
            self._last_curves = now
            if snap.gradient_steps is not None:
                self.health.show_gradient_sizes(snap.gradient_steps, snap.gradient_sizes)
        if self._on_screen("evaluation") and "evaluation" not in self._busy:
            new_epoch = len(snap.epochs) != self._evaluated_epochs
            rested = now - self._done_at.get("evaluation", 0.0) >= EVALUATION_REFRESH_S
            if (new_epoch and (rested or not snap.running)) or (
                force and self._done_step.get("evaluation") != snap.step
            ):
                self._submit_evaluation()
        if self._on_screen("points_map") and self._due("points_map", snap, MAP_REFRESH_S, force):
            cached = self._pixel_plane
            plane = cached[1] if cached is not None and cached[0] is snap.val_x else None
            self._points_key = snap.val_x  # the inputs this request's plane belongs to
            self._submit(
                "points_map", partial(points_map_job, pixel_plane=plane), snap.val_x, snap.val_y
            )
        drawings = self._drawings
        if (
            self._on_screen("data")
            and drawings is not None
            and len(drawings[1])
            and self._due("taught", snap, MAP_REFRESH_S, force)
        ):
            self._submit("taught", taught_reading_job, *drawings)
        if self._on_screen("health") and self._due("health", snap, HEALTH_REFRESH_S, force):
            self._submit(
                "health",
                health_job,
                snap.initial_params
                if snap.initial_params is not None
                else snap.params,  # before the worker knew where it started
                snap.gradient,
                snap.val_x,
                snap.val_y,
            )

    def _due(self, kind: str, snap: Snapshot, every_s: float, force: bool) -> bool:
        if kind in self._busy or self._done_step.get(kind) == snap.step:
            return False
        return force or time.perf_counter() - self._done_at.get(kind, 0.0) >= every_s

    # -- jobs ----------------------------------------------------------------------------------

    def _submit(self, kind: str, function, *args) -> None:
        snap = self.host.current_snapshot()
        if snap is None:
            return
        self._busy.add(kind)
        self._done_step[kind] = snap.step
        # Arguments are the snapshot's read-only arrays: shared, never copied, never written.
        self.jobs.worker.submit(kind, function, snap.architecture, snap.params, *args, snap.step)

    def load_test_set(self, images: np.ndarray, labels: np.ndarray, name: str) -> None:
        """Measure on these images from now on (and offer the validation set beside them):
        ``images`` uint8 (N, 28, 28) as stored, ``labels`` (N,)."""
        x = frozen(images.reshape(len(images), -1).astype(np.float32) / np.float32(255.0))
        self.test_set = (x, frozen(np.asarray(labels)), name)
        self._show_set_choices(chosen=1)
        self._submit_evaluation(force=True)

    def _show_set_choices(self, chosen: int) -> None:
        names = [self.tr("validation set")]
        if self.test_set is not None:
            names.append(self.tr("test folder: %1").replace("%1", self.test_set[2]))
        self.evaluation.set_choices(names, chosen)

    def _measured_set(self, snap: Snapshot) -> tuple[np.ndarray | None, np.ndarray | None, str]:
        """The chosen set's inputs, labels and its name for the view's header."""
        if self.test_set is not None and self.evaluation.chosen_set() == 1:
            x, y, name = self.test_set
            return (
                x,
                y,
                self.tr("test folder %1 (%2 images)")
                .replace("%1", name)
                .replace("%2", f"{len(y):,}"),
            )
        n = 0 if snap.val_y is None else len(snap.val_y)
        return snap.val_x, snap.val_y, self.tr("validation set (%1 images)").replace("%1", f"{n:,}")

    def _submit_evaluation(self, force: bool = False) -> None:
        snap = self.host.current_snapshot()
        if snap is None:
            return
        self._evaluated_epochs = len(snap.epochs)
        x, y, self._evaluation_source = self._measured_set(snap)
        self._submit("evaluation", evaluation_job, x, y)

    @Slot()
    def _submit_robustness(self) -> None:
        snap = self.host.current_snapshot()
        if snap is not None:
            x, y, _name = self._measured_set(snap)
            self._submit("robustness", robustness_job, x, y)

    @Slot(object, int)
    def _submit_lab_accuracy(self, params, revision: int) -> None:
        lab = self.lab.lab
        if lab is None or self._lab_val is None:
            return
        x, labels = self._lab_val
        architecture = lab.architecture
        self.jobs.worker.submit(
            "lab_accuracy",
            lambda: (lab_accuracy(architecture, params, x, labels), revision),
        )

    @Slot(str, object)
    def _finished(self, kind: str, result) -> None:
        # Drawing a result is a frame's worth of work: training waits for it, as for a frame.
        self.host.hold_frame()
        self._busy.discard(kind)
        self._done_at[kind] = time.perf_counter()
        route = self.routes.get(kind)
        if route is not None:
            route.show(result)

    @Slot(str, float)
    def _progressed(self, kind: str, fraction: float) -> None:
        route = self.routes.get(kind)
        if route is not None and route.progress is not None:
            route.progress(fraction)

    @Slot(str, object)
    def _partial_result(self, kind: str, result) -> None:
        route = self.routes.get(kind)
        if route is not None and route.partial is not None:
            self.host.hold_frame()
            route.partial(result)

    @Slot(str)
    def _interrupted(self, kind: str) -> None:
        # Asked to stop (the window closes): nothing to show. A newer request of the kind,
        # if one waits, keeps it busy.
        if kind not in self.jobs.worker.pending():
            self._busy.discard(kind)

    @Slot(str, str)
    def _failed(self, kind: str, message: str) -> None:
        self._busy.discard(kind)
        route = self.routes.get(kind)
        if route is not None and route.error is not None:
            route.error(message)
        else:
            self.host.status(message)

    def _show_evaluation(self, result: EvaluationResult) -> None:
        self.evaluation.show_evaluation(
            result.evaluation, result.images, self._evaluation_source, result.step
        )

    def _show_robustness(self, result: RobustnessResult) -> None:
        self.evaluation.show_robustness(result.curves, result.step)

    def _show_partial_robustness(self, result: RobustnessResult) -> None:
        self.evaluation.show_robustness(result.curves, result.step, partial=True)

    def _show_points_map(self, result: PointsMapResult) -> None:
        self._pixel_plane = (self._points_key, result.planes[0])
        self.points_map.show_planes(
            result.planes, result.labels, result.images, result.answers, result.step
        )

    def _show_health(self, result: HealthResult) -> None:
        self.health.show_histograms(result.weights, result.gradients)
        self.health.show_health(result.health)
        self.latest_health = result

    # -- the training data -----------------------------------------------------------------------

    @staticmethod
    def _show_data(view: DataExplorer, data: TrainingData) -> None:
        # The window's translation of a dataset's name (status_line.DATASET_NAMES); a folder's
        # name stays as it is.
        name = QCoreApplication.translate("MainWindow", data.name)
        view.show_data(data.images, data.labels, data.drawn, name)

    @Slot(object)
    def _data_shared(self, data: TrainingData) -> None:
        self._shared = data
        self._drawings = (data.images[data.drawn], data.labels[data.drawn])
        self._done_step.pop("taught", None)  # new drawings: read them now, paused or not
        if not self.made("data"):
            return  # shown when the view is made
        self._show_data(self.data, data)
        snap = self.host.current_snapshot()
        if snap is not None and self.data.isVisible():
            self.refresh(snap, force=True)

    # -- the neuron lab --------------------------------------------------------------------------

    def open_lab(self) -> None:
        snap = self.host.current_snapshot()
        if snap is None or snap.val_x is None:
            return
        self.host.send(cmd.Pause())
        self.network_wanted.emit()
        self._lab_val = (snap.val_x, snap.val_y)
        self.lab.open_lab(snap.architecture, snap.params, snap.val_x, snap.val_y)

    def leave_lab(self) -> None:
        self.lab.close_lab()
        self._lab_closed()

    @Slot(object)
    def _lab_params(self, params: np.ndarray) -> None:
        self.lab_params = params
        self.lab_weights_changed.emit()

    @Slot()
    def _lab_closed(self) -> None:
        self.lab_params = None
        if self.graph is not None:
            self.graph.show_lab_marks(set())
        self.lab_weights_changed.emit()
        self.lab_left.emit()

    @Slot(object)
    def _keep_lab(self, params: np.ndarray) -> None:
        self.host.send(cmd.SetParams(np.array(params)))
        self.host.status(self.tr("Training goes on from the edited weights."))
        self.leave_lab()

    @Slot(int, int)
    def _neuron_clicked(self, layer: int, neuron: int) -> None:
        if self.made("lab") and self.lab.is_open:
            self.lab.select_neuron(layer, neuron)

    @Slot(bool)
    def _running_changed(self, running: bool) -> None:
        if running and self.made("lab") and self.lab.is_open:
            # Training goes on from the unedited weights; the edits stay in the lab's list
            # only as long as the lab is open, so say what happened.
            self.leave_lab()
            self.host.status(self.tr("Training resumed from the unedited weights; the lab closed."))

    def lab_snapshot(self, snap: Snapshot) -> Snapshot:
        """``snap`` with the lab's weights, for the graph (no gradient: nothing was trained).
        Its serial is the lab's revision, negative: a graph redraws what it has not drawn
        (each edit while paused, and the training weights again after the lab)."""
        if self.lab_params is None or self.lab_params.shape != snap.params.shape:
            return snap
        serial = -1 - self.lab.revision
        return replace(snap, params=self.lab_params, gradient=None, change=None, serial=serial)

    def lab_network(self, snap: Snapshot) -> Network | None:
        if self.lab_params is None or self.lab_params.shape != snap.params.shape:
            return None
        return Network(snap.architecture, params=self.lab_params)

    def stop(self, timeout_ms: int = 2000) -> bool:
        return self.jobs.stop(timeout_ms)
