"""The main window: the network graph, the drawing pad, the loss curve, the controls.

Data flow, one way each:
- commands go from the controls (and menus, shortcuts) to the worker's queue;
- a 30 Hz timer takes the worker's latest snapshot and hands it to every view;
- a drawing is read on the GUI thread with a read-only copy of the latest weights (one forward
  pass, no training), so the class sees the answer improve while training runs.
"""

from __future__ import annotations

import math
import threading
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMetaObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.divergence import Explosion
from app.core.hints import training_hints
from app.core.landscape import LessonPreset
from app.core.model_file import load_model_file
from app.core.network import Network
from app.core.training import default_watched
from app.data.preprocess import preprocess_digit
from app.errors import BackpropLabError, DownloadCancelled
from app.training import commands as cmd
from app.training.autosave import SessionGuard, autosave_interval_s
from app.training.background import JobThread
from app.training.landscape_job import LandscapeRequest
from app.training.landscape_job import compute as compute_landscape
from app.training.snapshot import InputView, Snapshot
from app.training.worker import TrainingThread
from app.ui import i18n
from app.ui.controls import ControlsPanel
from app.ui.descent_panel import DescentPanel
from app.ui.drawing_pad import DrawingPad
from app.ui.guided_tour import GuidedTour
from app.ui.hints_panel import HintsPanel
from app.ui.landscape_view import LandscapeView
from app.ui.lesson_mode import LessonMode
from app.ui.look_inside import LookInside
from app.ui.loss_plot import LossPlotView
from app.ui.network_graph import NetworkGraphView
from app.ui.prediction_view import PredictionView, read_digit
from app.ui.preferences import read_preferences
from app.ui.presenter import PresenterMode
from app.ui.shortcut_sheet import ShortcutSheet

RENDER_HZ = 30
#: While training, the loss landscape is recomputed at most this often (and only when visible).
LANDSCAPE_REFRESH_S = 1.0
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
SETTINGS_ORG, SETTINGS_APP = "BackpropLab", "BackpropLab"
#: Names of the datasets ``app.data`` makes, translated where they are shown.
DATASET_NAMES = {"bundled MNIST 5k": QT_TRANSLATE_NOOP("MainWindow", "bundled MNIST 5k")}


class WrappingScrollArea(QScrollArea):
    """A scroll area whose page keeps the height its wrapped texts need at the width it gets.

    QScrollArea sizes its page from the page's minimum size, which knows nothing of a
    word-wrapped label's height at a given width: a long explanation was squashed to two
    lines. Here the page's minimum height follows its layout's height for the width, on every
    resize and every change of its contents, and the area scrolls vertically instead.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        page.installEventFilter(self)

    def _fit_page(self) -> None:
        page, layout = self.widget(), self.widget().layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        width = self.viewport().width()
        needed = layout.totalHeightForWidth(max(width, page.minimumSizeHint().width()))
        if page.minimumHeight() != needed:
            page.setMinimumHeight(needed)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_page()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._fit_page)
        return False


class MainWindow(QMainWindow):
    download_progressed = Signal(int, int, str)
    download_finished = Signal(str, str)  # folder or "", error message or ""

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
        self.settings = settings or QSettings(SETTINGS_ORG, SETTINGS_APP)

        self.graph = NetworkGraphView()
        self.pad = DrawingPad()
        self.prediction = PredictionView()
        self.loss_plot = LossPlotView()
        self.descent = DescentPanel()
        self.controls = ControlsPanel()

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        # No font in the stylesheet: a stylesheet font ignores presenter mode's larger one.
        self.banner.setStyleSheet("background: #e66101; color: white; padding: 8px;")
        self.banner_restore = QPushButton()
        self.banner_restore.clicked.connect(self._restore_weights)
        self.banner_close = QPushButton()
        self.banner_close.clicked.connect(self._hide_banner)
        self._explosion: Explosion | None = None
        banner_row = QWidget()
        row = QHBoxLayout(banner_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.banner_restore)
        row.addWidget(self.banner_close)
        self.banner_restore.hide()
        self.banner_row = banner_row
        banner_row.hide()

        controls_scroll = QScrollArea()
        controls_scroll.setWidget(self.controls)
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setMinimumWidth(self.controls.minimumSizeHint().width() + 24)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.controls_scroll = controls_scroll
        self.hints = HintsPanel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(controls_scroll, 1)
        left_layout.addWidget(self.hints)

        self.landscape = LandscapeView(LessonPreset().learning_rate_regimes)
        # Loss surfaces take up to a few hundred ms: their own thread, newest request first.
        self.landscape_thread = JobThread("landscape")
        self.plots = QTabWidget()
        self.plots.addTab(self.loss_plot, "")
        self.plots.addTab(self.landscape, "")
        self.lesson = LessonMode(self)
        self.inside = LookInside(self)
        # In scroll areas: their natural widths (420–550 px) would otherwise force the whole
        # window past 1280 px; with the five-number panel set aside (see _plots_tab_changed)
        # they get that room at 1280×720 and scroll only in a smaller window.
        self.lesson_scroll = WrappingScrollArea(self.lesson.panel)
        self.lab_scroll = WrappingScrollArea(self.inside.lab)
        self.plots.addTab(self.lesson_scroll, "")
        self.plots.addTab(self.lab_scroll, "")
        self.plots.addTab(self.inside.health, "")
        # The big views share the graph's place: a class looks at one of them at a time.
        self.views = QTabWidget()
        self.views.addTab(self.graph, "")
        self.views.addTab(self.inside.evaluation, "")
        self.views.addTab(self.inside.points_map, "")
        self.views.addTab(self.inside.data, "")
        for tabs in (self.plots, self.views):
            # Whole names and scroll arrows when they do not fit (presenter mode at 1280×720):
            # an elided "Step t…h" helps no one on a projector.
            tabs.setElideMode(Qt.TextElideMode.ElideNone)
            tabs.setUsesScrollButtons(True)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.plots)
        bottom.addWidget(self.descent)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        bottom.setSizes([520, 420])
        centre = QSplitter(Qt.Orientation.Vertical)
        centre.addWidget(self.views)
        centre.addWidget(bottom)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setSizes([560, 300])
        self.centre_splitter = centre
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pad, 3)
        right_layout.addWidget(self.prediction, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([controls_scroll.minimumWidth(), 900, 330])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(banner_row)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_data = QLabel()
        self.status_step = QLabel()
        self.status_speed = QLabel()
        self.status_accuracy = QLabel()
        self.status_loss = QLabel()
        for label in (
            self.status_data,
            self.status_step,
            self.status_speed,
            self.status_loss,
            self.status_accuracy,
        ):
            self.statusBar().addPermanentWidget(label)

        self._build_menus()
        self._selected: tuple[int, ...] = ()
        self._snapshot: Snapshot | None = None
        self._network: Network | None = None
        self._network_serial = -1
        self._canvas = None
        self._drawing_image = None
        self._cancel_download = threading.Event()

        self.controls.command_requested.connect(self.send)
        self.controls.architecture_change_requested.connect(self._confirm_architecture)
        self.graph.edge_selected.connect(self._edge_selected)
        self.pad.drawing_changed.connect(self._drawing_changed)
        self.prediction.example_taught.connect(self._example_taught)
        self.worker.diverged.connect(self._diverged)
        self.worker.failed.connect(self._failed)
        self.worker.saved.connect(self._saved)
        # Bound slots, not lambdas: a lambda would run in the job's thread, not this one.
        self.landscape_thread.worker.finished.connect(self._landscape_finished)
        self.landscape_thread.worker.failed.connect(self._landscape_job_failed)
        self.landscape.settings_changed.connect(self.request_landscape)
        self.landscape.recompute_requested.connect(self.request_landscape)
        self.plots.currentChanged.connect(self._plots_tab_changed)
        self.views.currentChanged.connect(lambda _index: self.inside.tabs_changed())
        self._landscape_busy = False
        self._lesson_step = None
        self._landscape_step = -1
        self._landscape_at = 0.0
        self.landscape_thread.start()
        self.hints.apply_requested.connect(self.controls.apply_changes)
        self.hints.enabled_changed.connect(lambda _on: self._update_hints(force=True))
        self._hints_at = 0.0
        self._preview_sample = None
        self.download_progressed.connect(self._download_progress)
        self.download_finished.connect(self._download_done)

        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.controls.toggle_play)
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, self._right_key)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, self._left_key)
        # A lesson from the keyboard alone (the F1 sheet lists them); text fields keep their
        # digits, as Qt lets an editor claim a plain key before a shortcut does.
        for key, index in ((Qt.Key.Key_1, 0), (Qt.Key.Key_2, 1), (Qt.Key.Key_3, 2)):
            QShortcut(
                QKeySequence(key),
                self,
                lambda index=index: self.controls.granularity.setCurrentIndex(index),
            )
        digits = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
        for index, key in enumerate(digits):
            QShortcut(
                QKeySequence(Qt.KeyboardModifier.ControlModifier | key),
                self,
                lambda index=index: self.plots.setCurrentIndex(index),
            )
        for index, key in enumerate(digits[:4]):
            QShortcut(
                QKeySequence(Qt.KeyboardModifier.AltModifier | key),
                self,
                lambda index=index: self.views.setCurrentIndex(index),
            )
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.show_shortcuts)
        self.shortcut_sheet: ShortcutSheet | None = None

        self.render_timer = QTimer(self)
        self.render_timer.setSingleShot(True)
        self.render_timer.timeout.connect(self._render_tick)
        self._last_loss_plot = 0.0
        self._last_graph = 0.0
        self._closing = False
        self.render_timer.start(1000 // RENDER_HZ)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        if session_guard is not None and session_guard.active:
            self.autosave_timer.start(int(autosave_interval_s() * 1000))
        self.retranslate_ui()  # before the first size is chosen from what the texts need
        self._restore_settings()
        self.apply_theme()
        self.presenter.restore()
        self.tour = GuidedTour(self, self.settings)
        self.render_latest()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change).

        The views set their own texts on the same ``LanguageChange`` event.
        """
        self.setWindowTitle(self.tr("Backprop Lab · 反向傳播實驗室"))
        self.banner_close.setText(self.tr("OK"))
        self.banner_close.setToolTip(self.tr("Hide this message"))
        self.banner_restore.setToolTip(
            self.tr(
                "Go back to the weights from before the loss exploded; training stays paused. "
                "Then try a smaller learning rate."
            )
        )
        if self._explosion is not None and self.banner_restore.isVisibleTo(self):
            self._diverged(self._explosion)
        self.plots.setTabText(self.plots.indexOf(self.loss_plot), self.tr("Loss curve"))
        self.plots.setTabText(self.plots.indexOf(self.landscape), self.tr("Loss landscape"))
        self.plots.setTabText(self.plots.indexOf(self.lesson_scroll), self.tr("Step through"))
        self.plots.setTabText(self.plots.indexOf(self.lab_scroll), self.tr("Neuron lab"))
        self.plots.setTabText(self.plots.indexOf(self.inside.health), self.tr("Layer health"))
        self.views.setTabText(self.views.indexOf(self.graph), self.tr("Network"))
        self.views.setTabText(self.views.indexOf(self.inside.evaluation), self.tr("Evaluation"))
        self.views.setTabText(self.views.indexOf(self.inside.points_map), self.tr("Points map"))
        self.views.setTabText(self.views.indexOf(self.inside.data), self.tr("Training data"))
        self._retranslate_menus()
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
            self._update_status(self._snapshot)

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
            self.request_landscape()

    # -- commands ----------------------------------------------------------------------------

    @Slot(object)
    def send(self, command: cmd.Command) -> None:
        self.worker.send(command)

    def _confirm_architecture(self, architecture) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Change the network?"),
            self.tr(
                "The network becomes %1 with %2 weights and biases. This starts again from "
                "random weights. Continue?"
            )
            .replace("%1", architecture.describe())
            .replace("%2", f"{architecture.n_parameters:,}"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._selected = ()
            self.graph.set_selected(())
            self.send(cmd.SetArchitecture(architecture))

    def _edge_selected(self, index: int) -> None:
        self._edge_pick(index)
        if self.landscape.settings().kind == "weights":
            self.request_landscape()

    def _edge_pick(self, index: int) -> None:
        # The two most recent picks, like w1 and w2 in the lesson; the defaults count as picks.
        if not self._selected and self._snapshot is not None:
            self._selected = default_watched(self._snapshot.architecture)
        selected = (*[i for i in self._selected if i != index], index)[-2:]
        self._selected = selected
        self.graph.set_selected(selected)
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
        self._hold_training_for_frame()
        self.render_latest()
        spent_ms = (time.perf_counter() - started) * 1000
        if not self._closing:
            delay = max(1000 / RENDER_HZ - spent_ms, spent_ms * RENDER_IDLE_RATIO, 1.0)
            self.render_timer.start(int(delay))

    def _hold_training_for_frame(self) -> None:
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
            if self._canvas is not None:
                self._read_drawing()
            else:
                self.graph.set_input_view(snapshot.input_view)
        if not snapshot.running or plot_due:
            self._last_loss_plot = now
            self.loss_plot.show_snapshot(snapshot)
        if not self.lesson.active:
            self.descent.show_step(self._lesson_step if self._lesson_shown() else snapshot.watched)
        self.controls.show_snapshot(snapshot)
        self._update_status(snapshot)
        self._maybe_refresh_landscape(snapshot)
        self.inside.refresh(snapshot)
        self._update_hints()
        if snapshot.sample_x is not None and snapshot.sample_x is not self._preview_sample:
            # One training image for the augmentation preview, new with each dataset.
            self._preview_sample = snapshot.sample_x
            side = math.isqrt(snapshot.sample_x.shape[1])
            if side * side == snapshot.sample_x.shape[1] and side == 28:
                self.controls.set_preview_image(snapshot.sample_x[0].reshape(side, side))

    # -- the loss landscape ------------------------------------------------------------------

    def landscape_visible(self) -> bool:
        return self.plots.currentWidget() is self.landscape

    def request_landscape(self) -> None:
        """Ask the landscape worker for the surface the view's settings describe."""
        if not self.landscape_visible():
            return
        settings = self.landscape.settings()
        snap = self._snapshot
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
            selected = self._selected or default_watched(snap.architecture)
            if len(selected) < 2:
                self.landscape.show_error(
                    self.tr("Click two edges in the graph to choose two weights.")
                )
                return
            request = LandscapeRequest(
                settings.kind,
                resolution=settings.resolution,
                half_width=settings.half_width,
                log_scale=settings.log_scale,
                architecture=snap.architecture,
                params=snap.params,
                gradient=snap.gradient,
                learning_rate=snap.hyper.learning_rate,
                selected=(selected[-2], selected[-1]),
                trajectory=snap.trajectory,
                x=snap.sample_x[: settings.sample_size],
                labels=snap.sample_y[: settings.sample_size],
                serial=snap.serial,
            )
            self._landscape_step = snap.step
        self._landscape_busy = True
        self._landscape_at = time.perf_counter()
        self.landscape_thread.worker.submit("landscape", compute_landscape, request)

    def _maybe_refresh_landscape(self, snap: Snapshot) -> None:
        """While training, keep the map current: at most one computation in flight, ≤ 1 a second."""
        if (
            self.landscape_visible()
            and self.landscape.settings().kind != "lesson"
            and snap.step != self._landscape_step
            and not self._landscape_busy
            and time.perf_counter() - self._landscape_at >= LANDSCAPE_REFRESH_S
        ):
            self.request_landscape()

    def _lesson_shown(self) -> bool:
        return self.landscape_visible() and self.landscape.settings().kind == "lesson"

    @Slot(str, object)
    def _landscape_finished(self, _kind: str, result) -> None:
        self._landscape_busy = False
        self.landscape.show_result(result)
        if result.request.kind == "lesson":
            # The five-step panel follows the lesson while its map is on screen.
            self._lesson_step = LessonPreset().step(result.current, result.request.learning_rate)
        if self._lesson_shown():
            self.descent.show_step(self._lesson_step)
        elif self._snapshot is not None:
            self.descent.show_step(self._snapshot.watched)

    @Slot(str, str)
    def _landscape_job_failed(self, _kind: str, message: str) -> None:
        self._landscape_busy = False
        self.landscape.show_error(message)

    def current_network(self) -> Network | None:
        """A read-only-weights copy of the latest snapshot's network, for reading drawings
        (the neuron lab's edited copy while the lab is open)."""
        snap = self._snapshot
        if snap is None:
            return None
        lab = self.inside.lab_network(snap)
        if lab is not None:
            return lab
        if self._network_serial != snap.serial:
            self._network = Network(snap.architecture, params=snap.params)
            self._network_serial = snap.serial
        return self._network

    def _drawing_changed(self, canvas) -> None:
        # Preprocess once per drawing; new weights only need a new forward pass.
        self._hold_training_for_frame()
        self._canvas = canvas
        self._drawing_image = preprocess_digit(canvas)
        # While training runs the graph keeps its own pace (the next frame shows this drawing):
        # repainting every edge for every mouse move as well held the window up.
        snap = self._snapshot
        self._read_drawing(with_graph=snap is None or not snap.running)

    def _classify(self, canvas) -> InputView | None:
        """Read ``canvas`` with the latest weights (tests call this directly)."""
        self._drawing_changed(canvas)
        return self.prediction.current_view()

    def _read_drawing(self, with_graph: bool = True) -> None:
        network = self.current_network()
        if network is None:
            return
        image = self._drawing_image
        view = None if image is None else read_digit(image, network)
        self.prediction.show_prediction(view)
        if not with_graph or self.lesson.active:
            return
        if view is None:
            self._canvas = None
            self.graph.set_input_view(self._snapshot.input_view if self._snapshot else None)
        else:
            self.graph.set_input_view(view)

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
        hints = training_hints(
            snap.loss_steps,
            snap.loss_values,
            snap.epochs,
            snap.hyper,
            health.health if health is not None and health.step <= snap.step else (),
            diverged=snap.explosion is not None,
            augmenting=snap.hyper.augmenting,
        )
        self.hints.show_hints(hints)

    def apply_theme(self) -> None:
        """Presenter mode changed the fonts: the banner's bold follows the application font."""
        font = QFont(QApplication.font())
        font.setBold(True)
        self.banner.setFont(font)

    def show_example(self, image, label: int) -> None:
        """Load an example (a mistake from the evaluation) into the graph and the pad's preview,
        as if drawn: ``image`` (28, 28) float in [0, 1], ``label`` its true digit."""
        self.pad.clear()
        self._canvas = "example"
        self._drawing_image = np.asarray(image, dtype=np.float64)
        self.show_network()
        self._read_drawing()
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
        self._network_serial = -1  # current_network() must pick the lab's weights up
        if self._drawing_image is not None:
            self._read_drawing()
        else:
            self.graph.set_input_view(snap.input_view)

    def lesson_left(self) -> None:
        if self.plots.currentWidget() is self.lesson_scroll:
            self.plots.setCurrentWidget(self.loss_plot)
        snap = self._snapshot
        if snap is not None:
            self.descent.show_step(snap.watched)

    @Slot(int)
    def _plots_tab_changed(self, _index: int) -> None:
        # The five numbers belong to the plots of descent; the lab and layer health need the
        # room more (a hidden panel gives its width to the tabs).
        current = self.plots.currentWidget()
        self.descent.setVisible(current not in (self.lab_scroll, self.inside.health))
        if current is self.lesson_scroll:
            if not self.lesson.active:
                self.show_network()
                self.lesson.enter()
        elif self.lesson.active:
            self.lesson.leave()
        self.inside.tabs_changed()
        self.request_landscape()

    def _right_key(self) -> None:
        if self.lesson.active:
            self.lesson.panel.next_substep()
        else:
            self.controls.request_step()

    def _left_key(self) -> None:
        if self.lesson.active:
            self.lesson.panel.previous_substep()

    def _update_status(self, snap: Snapshot) -> None:
        name = snap.dataset_name
        if name in DATASET_NAMES:
            name = self.tr(DATASET_NAMES[name])
        self.status_data.setText(
            self.tr("Data: %1 (%2 training)").replace("%1", name).replace("%2", f"{snap.n_train:,}")
        )
        self.status_step.setText(
            self.tr("Step %1 · epoch %2")
            .replace("%1", f"{snap.step:,}")
            .replace("%2", str(snap.epoch + 1))
        )
        self.status_speed.setText(
            self.tr("%1 steps/s").replace("%1", f"{snap.steps_per_second:,.0f}")
            if snap.running
            else self.tr("paused")
        )
        self.status_loss.setText(
            ""
            if snap.last_loss is None
            else self.tr("loss %1").replace("%1", f"{snap.last_loss:.4f}")
        )
        acc = snap.val_accuracy
        self.status_accuracy.setText(
            self.tr("validation accuracy %1").replace("%1", "–" if acc is None else f"{acc:.1%}")
        )

    # -- messages from the worker ------------------------------------------------------------

    @Slot(object)
    def _diverged(self, explosion: Explosion) -> None:
        self._explosion = explosion
        self._show_banner(self._explosion_text(explosion))
        self.banner_restore.setText(
            self.tr("Restore the weights from step %1").replace("%1", f"{explosion.kept_step:,}")
        )
        self.banner_restore.show()

    def _explosion_text(self, explosion: Explosion) -> str:
        if explosion.overflow:
            what = self.tr("the loss exploded at step %1 (the numbers overflowed).")
        else:
            what = self.tr("the loss exploded at step %1 (from %2 to %3 on a fixed sample).")
        what = (
            what.replace("%1", f"{explosion.step:,}")
            .replace("%2", f"{explosion.best_loss:.3g}")
            .replace("%3", f"{explosion.loss:.3g}")
        )
        return (
            self.tr("The learning rate is too large: %1 Training paused. Lower the learning rate, "
                    "or restore the weights from before it happened.").replace("%1", what)
        )  # fmt: skip

    @Slot()
    def _restore_weights(self) -> None:
        self.send(cmd.RestoreWeights())
        self._hide_banner()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.banner_restore.hide()
        self._show_banner(message)

    @Slot(str)
    def _saved(self, path: str) -> None:
        if self.session_guard is not None and Path(path) == self.session_guard.autosave_path:
            self.statusBar().showMessage(self.tr("Session saved automatically"), 3000)
            return
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 5000)

    # -- nothing lost ------------------------------------------------------------------------

    @Slot()
    def autosave(self) -> None:
        """Save the whole session (atomically, by the worker) to the autosave file."""
        if self.session_guard is not None and self.session_guard.active:
            self.send(cmd.SaveModel(str(self.session_guard.autosave_path)))

    def offer_restore(self, path: Path) -> bool:
        """After a session that ended without closing: ask, then restore it."""
        when = time.strftime("%H:%M", time.localtime(path.stat().st_mtime))
        answer = QMessageBox.question(
            self,
            self.tr("Restore the last session?"),
            self.tr(
                "Backprop Lab did not close normally last time. Restore the session saved at "
                "%1 (weights, settings, history and the class's drawings)?"
            ).replace("%1", when),
        )
        return answer == QMessageBox.StandardButton.Yes and self.load_session(str(path))

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_row.show()

    def _hide_banner(self) -> None:
        self.banner_row.hide()
        self.banner_restore.hide()

    # -- menus -------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """The menus, their texts set by ``_retranslate_menus``."""
        self.file_menu = self.menuBar().addMenu("")
        file_menu = self.file_menu
        self.open_action = self._action(file_menu, self.open_session, QKeySequence.StandardKey.Open)
        self.save_action = self._action(file_menu, self.save_session, QKeySequence.StandardKey.Save)
        file_menu.addSeparator()
        self.load_folder_action = self._action(file_menu, self.load_data_folder)
        self.download_action = self._action(file_menu, lambda: self.download_mnist())
        self.test_folder_action = self._action(file_menu, self.choose_test_folder)
        file_menu.addSeparator()
        self.export_graph_action = self._action(file_menu, lambda: self.export(self.graph))
        self.export_loss_action = self._action(file_menu, lambda: self.export(self.loss_plot))
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.close, QKeySequence.StandardKey.Quit)

        self.train_menu = self.menuBar().addMenu("")
        self.play_action = self._action(self.train_menu, self.controls.toggle_play)
        self.step_action = self._action(self.train_menu, self.controls.request_step)
        self.reset_action = self._action(
            self.train_menu, lambda: self.send(cmd.Reset()), QKeySequence("Ctrl+R")
        )

        self.view_menu = self.menuBar().addMenu("")
        self.presenter = PresenterMode(self, self.settings)
        self.view_menu.addAction(self.presenter.action)
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.available_languages().items():
            # Each language is named in its own language, never translated.
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = self.menuBar().addMenu("")
        self.shortcuts_action = self._action(self.help_menu, self.show_shortcuts)
        self.tour_action = self._action(self.help_menu, lambda: self.tour.start())

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open session…"))
        self.save_action.setText(self.tr("&Save session…"))
        self.load_folder_action.setText(self.tr("Load MNIST &folder…"))
        self.download_action.setText(self.tr("&Download full MNIST…"))
        self.test_folder_action.setText(self.tr("Evaluate on an MNIST &test folder…"))
        self.export_graph_action.setText(self.tr("&Export graph as PNG or SVG…"))
        self.export_loss_action.setText(self.tr("Export &loss plot as PNG or SVG…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.play_action.setText(self.tr("Play / Pause (Space)"))
        self.step_action.setText(self.tr("Step (→)"))
        self.reset_action.setText(self.tr("Reset weights"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.shortcuts_action.setText(self.tr("Keyboard shortcuts (F1)"))
        self.tour_action.setText(self.tr("Show the tour again"))
        current = i18n.current_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == current)

    def show_shortcuts(self) -> None:
        """The keyboard sheet (F1), one per window, raised if already open."""
        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self)
        if self.shortcut_sheet.isVisible():
            self.shortcut_sheet.raise_()
        else:
            self.shortcut_sheet.show()
        self.shortcut_sheet.activateWindow()

    def set_language(self, language: str) -> None:
        """Show every text in ``language`` now, and at the next start (View → Language)."""
        if language != i18n.current_language():
            i18n.set_language(language, self.settings)
        else:
            self.settings.setValue(i18n.SETTINGS_KEY, language)
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())

    def _action(self, menu, slot, shortcut=None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open session"), "", self.tr("Backprop Lab model (*.npz)")
        )
        if path:
            self.load_session(path)

    def load_session(self, path: str) -> bool:
        try:
            model = load_model_file(path)
        except BackpropLabError as exc:
            QMessageBox.warning(self, self.tr("Cannot open this file"), str(exc))
            return False
        self._selected = ()
        self.graph.set_selected(())
        self.send(cmd.LoadModel(model))
        return True

    def save_session(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save session"), "session.npz", self.tr("Backprop Lab model (*.npz)")
        )
        if path:
            if not path.endswith(".npz"):
                path += ".npz"
            self.send(cmd.SaveModel(path))

    def load_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with MNIST IDX files"))
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str) -> bool:
        from app.data.datasets import load_folder

        try:
            data = load_folder(folder)
        except BackpropLabError as exc:
            QMessageBox.warning(self, self.tr("Cannot use this folder"), str(exc))
            return False
        self.send(
            cmd.SetData(data.name, data.train_images, data.train_y, data.val_images, data.val_y)
        )
        return True

    def choose_test_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("A folder with the MNIST test files (t10k-…)")
        )
        if folder:
            self.load_test_folder(folder)

    def load_test_folder(self, folder: str) -> bool:
        """Measure the evaluation on the MNIST test set in ``folder`` (never trained on)."""
        from app.data.idx import load_idx_folder

        try:
            images, labels = load_idx_folder(folder, "t10k")
        except BackpropLabError as exc:
            QMessageBox.warning(self, self.tr("Cannot use this folder"), str(exc))
            return False
        self.inside.load_test_set(images, labels, Path(folder).name)
        self.views.setCurrentWidget(self.inside.evaluation)
        return True

    def export(self, widget: QWidget) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), "backprop-lab.png", self.tr("Images (*.png *.svg)")
        )
        if path:
            self.export_to(widget, path)

    def export_to(self, widget: QWidget, path: str) -> bool:
        if path.lower().endswith(".svg"):
            # Graphics views render their items as vector paths, so the SVG stays sharp.
            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(widget.size())
            generator.setViewBox(widget.rect())
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint(0, 0))
            finally:
                painter.end()
            ok = Path(path).exists()
        else:
            ok = widget.grab().save(path)
        if not ok:
            QMessageBox.warning(
                self, self.tr("Export failed"), self.tr("Could not write %1").replace("%1", path)
            )
        return ok

    # -- download ----------------------------------------------------------------------------

    def download_mnist(self, base_url: str | None = None, files=None) -> None:
        """Download full MNIST with a cancellable progress dialog, then train on it.

        ``base_url`` and ``files`` default to the public mirror and MNIST's checksums.
        """
        from app.data.download import MNIST_FILES, MNIST_MIRROR, default_mnist_dir, download_mnist

        self._cancel_download.clear()
        self.progress_dialog = QProgressDialog(
            self.tr("Downloading MNIST (about 11 MB)…"), self.tr("Cancel"), 0, 100, self
        )
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.canceled.connect(self._cancel_download.set)
        self.progress_dialog.show()

        def run() -> None:
            try:
                folder = download_mnist(
                    default_mnist_dir(),
                    base_url=base_url or MNIST_MIRROR,
                    files=files or MNIST_FILES,
                    progress=lambda done, total, name: self.download_progressed.emit(
                        done, total or 0, name
                    ),
                    cancel=self._cancel_download,
                )
                self.download_finished.emit(str(folder), "")
            except DownloadCancelled:
                self.download_finished.emit("", "")
            except BackpropLabError as exc:
                self.download_finished.emit("", str(exc))

        threading.Thread(target=run, name="download", daemon=True).start()

    @Slot(int, int, str)
    def _download_progress(self, done: int, total: int, name: str) -> None:
        if total:
            self.progress_dialog.setValue(int(100 * done / total))
        self.progress_dialog.setLabelText(self.tr("Downloading %1…").replace("%1", name))

    @Slot(str, str)
    def _download_done(self, folder: str, error: str) -> None:
        self.progress_dialog.reset()
        if error:
            QMessageBox.warning(self, self.tr("Download failed"), error)
        elif folder:
            self.load_folder(folder)

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

    def closeEvent(self, event) -> None:
        self._closing = True
        self.render_timer.stop()
        self._cancel_download.set()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self._snapshot is not None:
            hyper = self._snapshot.hyper
            self.settings.setValue("training/learning_rate", hyper.learning_rate)
            self.settings.setValue("training/batch_size", hyper.batch_size)
            self.settings.setValue("training/optimizer", hyper.optimizer)
        self.settings.setValue("training/speed_index", self.controls.speed.value())
        self.settings.sync()
        self.autosave_timer.stop()
        self.autosave()  # queued before Shutdown: the worker saves, then stops
        self.landscape_thread.stop(2000)
        self.inside.stop()
        if not self.training.stop(2000):
            QMessageBox.warning(
                self, self.tr("Still busy"), self.tr("Training did not stop in time; try again.")
            )
            event.ignore()
            return
        if self.session_guard is not None:
            self.session_guard.end()
        event.accept()
