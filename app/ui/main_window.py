"""The main window: the network graph, the drawing pad, the loss curve, the controls.

Data flow, one way each:
- commands go from the controls (and menus, shortcuts) to the worker's queue;
- a 30 Hz timer takes the worker's latest snapshot and hands it to every view;
- a drawing is read on the GUI thread with a read-only copy of the latest weights (one forward
  pass, no training), so the class sees the answer improve while training runs.
"""

from __future__ import annotations

import math
import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMetaObject, QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QMainWindow,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import places
from app.core.lesson_preset import LessonPreset
from app.core.training import default_watched
from app.training import commands as cmd
from app.training.autosave import SessionGuard
from app.training.snapshot import Snapshot
from app.training.training_thread import TrainingThread
from app.ui.confirmations import architecture_choice, reset_confirmed
from app.ui.controls import ControlsPanel
from app.ui.descent_panel import DescentPanel, weights_now
from app.ui.drawing_pad import DrawingPad
from app.ui.drawing_reader import DrawingReader
from app.ui.file_actions import FileActions
from app.ui.graph.view import NetworkGraphView
from app.ui.grip_splitter import splitter
from app.ui.guided_tour import GuidedTour
from app.ui.hints_panel import HintsPanel
from app.ui.landscape_controller import LandscapeController
from app.ui.landscape_view import LandscapeView
from app.ui.lazy_page import LazyPage
from app.ui.lesson_mode import LessonMode
from app.ui.look_inside import LookInside
from app.ui.loss_plot import LossPlotView
from app.ui.message_banner import MessageBanner
from app.ui.page_stack import CurrentPageStack
from app.ui.prediction_view import PredictionView
from app.ui.preferences import Preferences, read_preferences, write_preferences
from app.ui.presenter import PresenterMode
from app.ui.scenes import SCENES
from app.ui.session_keeper import SessionKeeper
from app.ui.stage import Stage
from app.ui.status_line import StatusLine
from app.ui.weight_editor import WeightEditor
from app.ui.window_menus import WindowMenus
from app.ui.wrapping_scroll_area import WrappingScrollArea
from app.ui.wrapping_tabs import WrappingTabs

RENDER_HZ = 30
#: While training runs flat out, the weights move imperceptibly between frames; redrawing all
#: 12,960 edges (~30 ms a frame, measured) at 10 Hz keeps the window responsive. Paused or
#: stepping, every snapshot is drawn at once.
GRAPH_HZ_WHILE_TRAINING = 10
#: The loss curve is a trend: a few updates a second read the same and cost far less.
LOSS_PLOT_HZ = 4
# Hints look at the whole loss history: once a second is often enough to read them.
HINTS_EVERY_S = 1.0
# Queued hops before training resumes after a frame (measured, 8 s each at full speed:
# p99 lateness 33–40 ms after one hop, 25–28 ms after two or three, 30 ms after five).
FRAME_EVENT_HOPS = 3
#: After a frame that took t, wait at least t × this before the next one, so the GUI thread
#: is idle at least half the time and input (drawing, keys) is never queued behind frames.
RENDER_IDLE_RATIO = 1.0


class MainWindow(QMainWindow):
    def __init__(
        self,
        training: TrainingThread,
        settings: QSettings | None = None,
        session_guard: SessionGuard | None = None,
    ) -> None:
        super().__init__()
        self.training = training
        self._release_hops = 0
        self.session_guard = session_guard
        self.worker = training.worker
        self.settings = settings or QSettings(places.ORGANIZATION, places.APPLICATION)

        self._selected: tuple[int, ...] = ()
        self._snapshot: Snapshot | None = None
        self._hints_at = 0.0
        self._preview_sample = None
        self._last_loss_plot = 0.0
        self._last_graph = 0.0
        self._closing = False
        self._make_views()
        self._make_controllers()
        self.stage = Stage(self, SCENES, lab=self.inside, worker=self.worker)
        self.stage.make_ahead(True)  # after F5, PageDown finds its scenes made
        self.weights = WeightEditor(self, self.graph, self.landscapes, self.stage, self.lesson)
        self.pages = CurrentPageStack()  # the desktop's instrument panel, or the stage (F5)
        self.pages.addWidget(self._desktop_layout())
        self.pages.addWidget(self.stage)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        for row_widget in [*self.keeper.widgets(), self.banner]:
            layout.addWidget(row_widget)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status_line = StatusLine(self.statusBar())
        self.presenter = PresenterMode(self, self.settings)
        self.menus = WindowMenus(self)
        self._connect()
        self.render_timer = QTimer(self)
        self.render_timer.setSingleShot(True)
        self.render_timer.timeout.connect(self._render_tick)
        self.render_timer.start(1000 // RENDER_HZ)
        self.retranslate_ui()  # before the first size is chosen from what the texts need
        self._restore_settings()
        self.presenter.restore()
        self.tour = GuidedTour(self, self.settings)
        self.render_latest()

    def _make_views(self) -> None:
        """The views, each its own part (none knows the window)."""
        self.graph = NetworkGraphView()
        self.pad = DrawingPad()
        self.prediction = PredictionView()
        self.loss_plot = LossPlotView()
        self.descent = DescentPanel()
        self.controls = ControlsPanel()
        self.banner = MessageBanner()
        self.hints = HintsPanel()
        self.landscape = LandscapeView(LessonPreset().learning_rate_regimes)

    def _make_controllers(self) -> None:
        """What decides when each view is computed and what a command does; they get this
        window as their host (app.ui.host.ViewHost) and the views they drive, by name."""
        self.lesson = LessonMode(
            self, self.worker, self.graph, self.descent, self.controls.granularity.currentData
        )
        self.inside = LookInside(self, self.worker, self.graph)
        self.keeper = SessionKeeper(self, self.session_guard, self.settings)
        self.files = FileActions(self, self, self.keeper)
        self.reader = DrawingReader(
            self, self.graph, self.prediction, self.inside, lambda: self.lesson.active
        )
        self.landscapes = LandscapeController(
            self,
            self.landscape,
            self.descent,
            on_screen=lambda: self.plots.currentWidget() is self.landscape,
            selected=lambda: self._selected,
        )

    def _desktop_layout(self) -> QWidget:
        """The desktop's instrument panel: controls and hints on the left, the big views above
        the plots and the five numbers in the middle, the pad and its answer on the right."""
        controls_scroll = QScrollArea()
        controls_scroll.setWidget(self.controls)
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setMinimumWidth(self.controls.minimumSizeHint().width() + 24)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.controls_scroll = controls_scroll
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(controls_scroll, 1)
        left_layout.addWidget(self.hints)
        self.plots = QTabWidget()
        self.plots.addTab(self.loss_plot, "")
        self.plots.addTab(self.landscape, "")
        # In scroll areas: their natural widths (420–550 px) would otherwise force the whole
        # window past 1280 px; with the five-number panel set aside (see _plots_tab_changed)
        # they get that room at 1280×720 and scroll only in a smaller window.
        self.lesson_scroll = WrappingScrollArea(self.lesson.panel)
        # Pages hidden at start: built when first shown or their view made (app.ui.lazy_page).
        self.lab_scroll = LazyPage(lambda: WrappingScrollArea(self.inside.lab))
        self.health_page = LazyPage(lambda: self.inside.health)
        for page in (self.lesson_scroll, self.lab_scroll, self.health_page):
            self.plots.addTab(page, "")
        # The big views share the graph's place: a class looks at one of them at a time.
        self.views = QTabWidget()
        self.views.addTab(self.graph, "")
        names = ("evaluation", "points_map", "data")
        self.inside_pages = {name: LazyPage(partial(getattr, self.inside, name)) for name in names}
        for page in self.inside_pages.values():
            self.views.addTab(page, "")
        pages = {**self.inside_pages, "health": self.health_page, "lab": self.lab_scroll}
        self.inside.view_made.connect(lambda name: pages[name].build())
        # Whole titles, on a second row where one is too narrow (the plots' five needed 497
        # px in 376 at 1280×720: Qt's bar scrolled them, "Layer h…" cut).
        self.plot_tabs = WrappingTabs(self.plots, keys="Ctrl")
        self.view_tabs = WrappingTabs(self.views, keys="Alt")
        bottom = splitter(Qt.Orientation.Horizontal, (self.plot_tabs, 3), (self.descent, 2))
        bottom.setSizes([520, 420])
        centre = splitter(Qt.Orientation.Vertical, (self.view_tabs, 3), (bottom, 2))
        centre.setSizes([560, 300])
        self.centre_splitter = centre
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pad, 3)
        right_layout.addWidget(self.prediction, 2)
        self.splitter = splitter(Qt.Orientation.Horizontal, (left, 0), (centre, 3), (right, 1))
        self.splitter.setSizes([controls_scroll.minimumWidth(), 900, 330])
        return self.splitter

    def _connect(self) -> None:
        self.banner.restore_requested.connect(lambda: self.send(cmd.RestoreWeights()))
        self.lesson.left.connect(self.lesson_left)
        self.inside.example_chosen.connect(self.show_example)
        self.inside.network_wanted.connect(self.show_network)
        self.inside.lab_weights_changed.connect(self.show_lab_weights)
        self.inside.lab_left.connect(self._lab_left)
        self.worker.session_loaded.connect(self._session_loaded)
        self.files.test_set_loaded.connect(self._test_set_loaded)
        self.controls.command_requested.connect(self.send)
        self.controls.architecture_change_requested.connect(self._confirm_architecture)
        self.controls.reset_requested.connect(self.confirm_reset)
        self.graph.edge_selected.connect(self._edge_selected)
        self.pad.drawing_changed.connect(self.reader.drawing_changed)
        self.prediction.example_taught.connect(self._example_taught)
        # The evaluation's "I don't know" threshold (%) is the pad's too.
        self.inside.unsure_threshold_changed.connect(self.prediction.set_unsure_threshold)
        # Bound slots, not lambdas: a lambda would run in the worker's thread, not this one.
        self.worker.diverged.connect(self.banner.show_explosion)
        self.worker.failed.connect(self.banner.show_failure)
        self.worker.saved.connect(self._saved)
        self.plots.currentChanged.connect(self._plots_tab_changed)
        self.views.currentChanged.connect(lambda _index: self._inside_tabs_changed())
        self.stage.play_toggled.connect(self.controls.toggle_play)
        self.stage.step_requested.connect(self.controls.request_step)
        self.stage.edge_selected.connect(self._edge_selected)
        self.presenter.toggled.connect(self.show_stage)
        self.hints.apply_requested.connect(self.controls.apply_changes)
        self.hints.enabled_changed.connect(lambda _on: self._update_hints(force=True))

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change).

        The views set their own texts on the same ``LanguageChange`` event.
        """
        self.setWindowTitle(self.tr("Backprop Lab · 反向傳播實驗室"))
        self.keeper.retranslate_ui()  # a QObject: no LanguageChange event of its own
        self.plots.setTabText(self.plots.indexOf(self.loss_plot), self.tr("Loss curve"))
        self.plots.setTabText(self.plots.indexOf(self.landscape), self.tr("Loss landscape"))
        self.plots.setTabText(self.plots.indexOf(self.lesson_scroll), self.tr("Step through"))
        self.plots.setTabText(self.plots.indexOf(self.lab_scroll), self.tr("Neuron lab"))
        self.plots.setTabText(self.plots.indexOf(self.health_page), self.tr("Layer health"))
        self.views.setTabText(self.views.indexOf(self.graph), self.tr("Network"))
        pages = self.inside_pages
        self.views.setTabText(self.views.indexOf(pages["evaluation"]), self.tr("Evaluation"))
        self.views.setTabText(self.views.indexOf(pages["points_map"]), self.tr("Points map"))
        self.views.setTabText(self.views.indexOf(pages["data"]), self.tr("Training data"))
        self.plot_tabs.sync()
        self.view_tabs.sync()
        self.menus.retranslate_ui()
        # Qt names the tab bar's scroll buttons once, when it makes them: name them again
        # (for screen readers) with Qt's own translation, which the language brought.
        translate = QCoreApplication.translate
        for bar in self.findChildren(QTabBar):
            for name, text in (
                ("ScrollLeftButton", "Scroll Left"),
                ("ScrollRightButton", "Scroll Right"),
            ):
                button = bar.findChild(QToolButton, name)
                if button is not None:
                    button.setAccessibleName(translate("QTabBar", text))
        if self._snapshot is not None:
            self.status_line.show_snapshot(self._snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            # After the children have their new texts (they get the event after the window):
            # the controls' column keeps the room its texts need, and a message from this
            # window on the landscape is asked for again in the new language.
            QTimer.singleShot(0, self, self._after_language_change)
        super().changeEvent(event)

    @Slot()
    def _after_language_change(self) -> None:
        self.controls_scroll.setMinimumWidth(self.controls.minimumSizeHint().width() + 24)
        if self.landscape.showing_error():
            self.landscapes.request()

    # -- commands ----------------------------------------------------------------------------

    @Slot(object)
    def send(self, command: cmd.Command) -> None:
        self.worker.send(command)

    def _confirm_architecture(self, architecture) -> None:
        choice = architecture_choice(self, architecture)
        if choice is not None:
            self._selected = ()
            self._select(())
            self.send(cmd.SetArchitecture(architecture, pretrained=choice == "pretrained"))

    def _edge_selected(self, index: int) -> None:
        self._edge_pick(index)
        if self.landscape.settings().kind == "weights":
            self.landscapes.request()

    def _edge_pick(self, index: int) -> None:
        # The two most recent picks, like w1 and w2 in the lesson; the defaults count as picks.
        if not self._selected and self._snapshot is not None:
            self._selected = default_watched(self._snapshot.architecture)
        selected = (*[i for i in self._selected if i != index], index)[-2:]
        self._selected = selected
        self._select(selected)
        self.send(cmd.Watch(selected))

    def _example_taught(self, image, label: int) -> None:
        self.send(cmd.AddExample(image, int(label)))
        self.statusBar().showMessage(
            self.tr("Added your drawing as a %1 to the training data.").replace("%1", str(label)),
            4000,
        )

    # -- rendering ---------------------------------------------------------------------------

    @Slot()
    def _render_tick(self) -> None:
        started = time.perf_counter()
        self.hold_frame()
        self.render_latest()
        spent_ms = (time.perf_counter() - started) * 1000
        if not self._closing:
            delay = max(1000 / RENDER_HZ - spent_ms, spent_ms * RENDER_IDLE_RATIO, 1.0)
            self.render_timer.start(int(delay))

    # -- the host (app.ui.host.ViewHost): what controllers may ask of the window -------------

    def current_snapshot(self) -> Snapshot | None:
        return self._snapshot

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def hold_frame(self) -> None:
        """Training steps wait while this frame is built and painted.

        Python runs one thread at a time, and a paint calls back into Python hundreds of times:
        each time it had to win the interpreter back from the worker, and a frame took twice as
        long (GUI lateness p99 73 ms with training at full speed). Qt delivers posted events in
        order, and a scene change reaches the screen through a short chain of them (dirty items,
        then the scene's update, then the paint), so the release goes behind that chain. The
        worker waits ``GUI_PRIORITY_WAIT_S`` at most, whatever happens here.
        """
        if self.worker.gui_idle.is_set():
            self.worker.gui_idle.clear()
            QMetaObject.invokeMethod(self, "_release_training", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _release_training(self) -> None:
        self._release_hops += 1
        if self._release_hops < FRAME_EVENT_HOPS:
            QMetaObject.invokeMethod(self, "_release_training", Qt.ConnectionType.QueuedConnection)
            return
        self._release_hops = 0
        self.worker.gui_idle.set()

    @Slot()
    def render_latest(self) -> None:
        snapshot = self.worker.latest_snapshot()
        if snapshot is None or snapshot is self._snapshot:
            return
        self._snapshot = snapshot
        if self.pages.currentWidget() is self.stage:
            self.stage.show_snapshot(snapshot)  # the visible scene only; the desktop waits
        else:
            self._render_desktop(snapshot)
        self.controls.show_snapshot(snapshot)
        self.status_line.show_snapshot(snapshot)
        self.banner.show_snapshot(snapshot)
        self.menus.undo_reset_action.setEnabled(snapshot.can_undo_reset)
        self.landscapes.refresh(snapshot)
        self.inside.refresh(snapshot)
        self._update_hints()
        if snapshot.sample_x is not None and snapshot.sample_x is not self._preview_sample:
            # One training image for the augmentation preview, new with each dataset.
            self._preview_sample = snapshot.sample_x
            side = math.isqrt(snapshot.sample_x.shape[1])
            if side * side == snapshot.sample_x.shape[1] and side == 28:
                self.controls.set_preview_image(snapshot.sample_x[0].reshape(side, side))

    def _render_desktop(self, snapshot: Snapshot) -> None:
        now = time.perf_counter()
        # Any change in the graph's scene repaints all of its edges, so while training runs
        # its nodes, input and the drawing's answer refresh together at the graph's own pace.
        graph_due = now - self._last_graph >= 1.0 / GRAPH_HZ_WHILE_TRAINING
        plot_due = now - self._last_loss_plot >= 1.0 / LOSS_PLOT_HZ
        if snapshot.running and graph_due and plot_due:
            # The two costliest paints take turns: together they held the window up too long.
            graph_due = now - self._last_graph > now - self._last_loss_plot
            plot_due = not graph_due
        if not snapshot.running or graph_due:
            self._last_graph = now
            self.graph.show_snapshot(self.inside.lab_snapshot(snapshot))
            self.reader.new_snapshot(snapshot)
        if not snapshot.running or plot_due:
            self._last_loss_plot = now
            self.loss_plot.show_snapshot(snapshot)
        if not self.lesson.active:
            if self.landscapes.lesson_shown():
                self.descent.show_step(self.landscapes.lesson_step)
            else:
                self.descent.show_step(snapshot.watched, weights_now(snapshot))

    def show_stage(self, on: bool) -> None:
        """Presenter mode shows the stage, one scene at a time; the desktop comes back off.
        The window's own keys for Space, ←/→ and the digits step aside (the stage's win)."""
        self.pages.setCurrentWidget(self.stage if on else self.pages.widget(0))
        self.menus.set_desktop_keys(not on)
        self.menuBar().setVisible(not on)  # F5 and F1 still work: they are window actions
        self.statusBar().setVisible(not on)
        if self._snapshot is not None:
            (self.stage.show_snapshot if on else self._render_desktop)(self._snapshot)

    def _select(self, indices: tuple[int, ...]) -> None:
        self.graph.set_selected(indices)
        self.stage.set_selected(indices)

    def _update_hints(self, force: bool = False) -> None:
        """Plain-language hints from the state of training, at most once a second."""
        snap = self._snapshot
        now = time.perf_counter()
        if snap is None or not self.hints.hints_enabled():
            return
        if not force and now - self._hints_at < HINTS_EVERY_S:
            return
        self._hints_at = now
        health = self.inside.latest_health
        measured = health.health if health is not None and health.step <= snap.step else ()
        self.hints.show_hints(self.hints.hints_for(snap, measured))

    def show_example(self, image, label: int) -> None:
        """Load an example (a mistake from the evaluation) into the graph and the pad's preview,
        as if drawn: ``image`` (28, 28) float in [0, 1], ``label`` its true digit."""
        self.pad.clear()
        self.show_network()
        self.reader.show_example(image)
        self.statusBar().showMessage(
            self.tr("Showing an example whose true digit is %1.").replace("%1", str(label)), 6000
        )

    def show_network(self) -> None:
        self.views.setCurrentWidget(self.graph)

    def show_lab_weights(self) -> None:
        """The lab's weights changed (or the lab closed): redraw the graph and reread the pad."""
        snap = self._snapshot
        if snap is None:
            return
        self.graph.show_snapshot(self.inside.lab_snapshot(snap))
        self.reader.lab_weights_changed()

    def _inside_tabs_changed(self) -> None:
        self.inside.tabs_changed(lab_on_screen=self.plots.currentWidget() is self.lab_scroll)

    @Slot()
    def _lab_left(self) -> None:
        if self.plots.currentWidget() is self.lab_scroll:
            self.plots.setCurrentWidget(self.loss_plot)

    @Slot()
    def lesson_left(self) -> None:
        if self.plots.currentWidget() is self.lesson_scroll:
            self.plots.setCurrentWidget(self.loss_plot)
        if (snap := self._snapshot) is not None:
            self.descent.show_step(snap.watched, weights_now(snap))

    @Slot(int)
    def _plots_tab_changed(self, _index: int) -> None:
        # The five numbers belong to descent; the lab and layer health need the room more.
        current = self.plots.currentWidget()
        self.descent.setVisible(current not in (self.lab_scroll, self.health_page))
        if current is self.lesson_scroll:
            if not self.lesson.active:
                self.show_network()
                self.lesson.enter()
        elif self.lesson.active:
            self.lesson.leave()
        self._inside_tabs_changed()
        self.landscapes.request()

    def right_key(self) -> None:
        if self.lesson.active:
            self.lesson.panel.next_substep()
        else:
            self.controls.request_step()

    def left_key(self) -> None:
        if self.lesson.active:
            self.lesson.panel.previous_substep()

    def confirm_reset(self) -> None:
        """Reset asks first (it throws the learning away); Training → Undo reset brings it back."""
        if reset_confirmed(self, None if self._snapshot is None else self._snapshot.step):
            self.send(cmd.Reset())

    # -- messages from the worker, and nothing lost (the keeper does it) ---------------------

    @Slot(str)
    def _saved(self, path: str) -> None:
        if self.menus.maker.owns(path):
            return  # a lesson stop's weights (``app.ui.lesson_author``), not a session
        if self.keeper.is_autosave(path):
            self.status(self.tr("Session saved automatically"), 3000)
        else:
            self.keeper.remember(path)
            self.status(self.tr("Saved %1").replace("%1", path), 5000)

    def begin_session(self, crashed: Path | None) -> None:
        """Once shown: offer what the last run left, then start autosaving."""
        self.keeper.begin(crashed)

    def load_session(self, path: str) -> None:
        self.files.load_session(path)

    @Slot(str)
    def _session_loaded(self, path: str) -> None:
        """A session is in: the edges picked in the old one mean nothing now."""
        self._selected = ()
        self._select(())
        self.keeper.remember(path)
        self.status(self.tr("Opened %1").replace("%1", Path(path).name))

    @Slot(object, object, str)
    def _test_set_loaded(self, images, labels, name: str) -> None:
        self.inside.load_test_set(images, labels, name)
        self.views.setCurrentWidget(self.inside_pages["evaluation"])

    # -- lifetime ----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        saved = read_preferences(self.settings)
        if saved.geometry is None or not self.restoreGeometry(saved.geometry):
            # First start: most of the screen (a projector is often 1280×720), never less
            # than what the layout needs.
            screen = self.screen().availableGeometry()
            minimum = self.minimumSizeHint()
            self.resize(
                max(int(screen.width() * 0.95), minimum.width()),
                max(int(screen.height() * 0.92), minimum.height()),
            )
        if saved.splitter is not None:
            self.splitter.restoreState(saved.splitter)
        if saved.hyper is not None:
            self.send(cmd.SetHyperparameters(saved.hyper))
        if saved.speed_index is not None:
            self.controls.speed.setValue(min(saved.speed_index, self.controls.speed.maximum()))

    def _save_settings(self) -> None:
        """What the window remembers between launches (read back by ``_restore_settings``)."""
        snap = self._snapshot
        saved = Preferences(
            self.saveGeometry(),
            self.splitter.saveState(),
            None if snap is None else snap.hyper,
            self.controls.speed.value(),
        )
        write_preferences(self.settings, saved)

    def closeEvent(self, event) -> None:
        if not self._closing:
            self._closing = True
            self.render_timer.stop()
            self.files.cancel_download()
            self._save_settings()
        # The session first: saved, and the worker's thread ended (or the teacher chose).
        if not self.keeper.ready_to_close():
            if self.keeper.closing.value == "open":  # Cancel after a failed save
                self._closing = False
                self.render_timer.start(1000 // RENDER_HZ)
            event.ignore()
            return
        # Then the background jobs: a QThread destroyed while it runs aborts the interpreter,
        # so a job still running keeps the window until its thread ends.
        threads = (self.landscapes.jobs, self.inside.jobs, self.files.jobs)
        for jobs in (*threads, *self.stage.job_threads()):
            if not jobs.stop(2000):
                jobs.thread.finished.connect(self.close, Qt.ConnectionType.SingleShotConnection)
                event.ignore()
                return
        if self.session_guard is not None:
            self.session_guard.end()
        event.accept()
