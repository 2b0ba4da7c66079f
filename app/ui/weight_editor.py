"""Drag a weight: a clicked edge's weight set by hand, on the desktop's graph and the stage's.

    edge clicked ──▶ WeightPanel over that graph ──SetWeight / UndoWeight──▶ worker
    the window's snapshot (looked at while a panel is open) ──weight_edit: predicted and
        real Δloss, undos left──▶ the panel
    the weight moved ──▶ the loss landscape: the point moves on the map while a drag goes on
                         (when the weight is one of its axes), the map is redrawn after
    the weight's name tag on the graph dragged up or down ──▶ the same (``weight_drag``)

The worker pauses training for a weight set by hand (``app.training.weight_edits``); the
status bar says so when it was running. The panel stays away while the desktop's
step-through runs (its planned step would no longer be the one taken) and while a guided
lesson's question waits on the stage.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer

from app.training import commands as cmd
from app.training.snapshot import Snapshot
from app.ui.graph.view import NetworkGraphView
from app.ui.host import ViewHost
from app.ui.stage_context import px_font
from app.ui.weight_drag import EdgeDrag
from app.ui.weight_panel import MAX_HAND_WEIGHT, WeightPanel

# Pixels between the panel and the graph's lower left corner.
MARGIN_PX = 6
# A drag sends at most one move per this many ms, and always its last one: each move costs
# the worker a float64 gradient on the batch and the divergence watch's 500-example loss
# (5–35 ms measured with the machine under load), so every mouse move (60–125 a second)
# would queue up behind the worker and the weight would trail the mouse.
DRAG_SEND_MS = 33
# While a panel is open it looks at the window's snapshot at the window's render pace
# (``RENDER_HZ``, 30 a second); closed, it does nothing.
LOOK_MS = 33


class WeightEditor(QObject):
    """Places a ``WeightPanel`` on each graph it is given and carries out what it asks.

    ``landscape``: the window's ``LandscapeController`` (None without one); ``stage``: the
    classroom stage, whose network scene gets a panel of its own; ``lesson``: the desktop's
    step-through (``LessonMode``), while ``active`` no weight is set by hand on ``graph``.
    """

    def __init__(
        self, host: ViewHost, graph: NetworkGraphView, landscape=None, stage=None, lesson=None
    ) -> None:
        super().__init__(graph)
        self.host = host
        self.landscape = landscape
        self.stage = stage
        self.panels: dict[NetworkGraphView, WeightPanel] = {}
        self._blocked: dict[NetworkGraphView, Callable[[], bool]] = {}
        self.edge_drags: dict[NetworkGraphView, EdgeDrag] = {}
        self._stage_graphs: set[NetworkGraphView] = set()
        self._serial = -1
        self._pending: cmd.SetWeight | None = None  # a drag's newest move, not sent yet
        self._send_timer = QTimer(self)
        self._send_timer.setSingleShot(True)
        self._send_timer.timeout.connect(self._send_pending)
        self._seen: Snapshot | None = None
        self._look_timer = QTimer(self)
        self._look_timer.setInterval(LOOK_MS)
        self._look_timer.timeout.connect(self._look)
        self.attach(graph, lambda: lesson is not None and lesson.active)
        if stage is not None:
            stage.scene_changed.connect(self._stage_scene_changed)
            # The stage opens on the scene it was left at, with no scene_changed for it.
            stage.installEventFilter(self)

    def attach(self, graph: NetworkGraphView, blocked: Callable[[], bool] = lambda: False):
        """Give ``graph`` a panel of its own (once); returns it."""
        if graph in self.panels:
            return self.panels[graph]
        panel = WeightPanel(graph.plot_widget)
        panel.hide()
        self.panels[graph] = panel
        self._blocked[graph] = blocked
        graph.edge_selected.connect(lambda index: self.choose(graph, index))
        graph.plot_widget.installEventFilter(self)
        panel.value_chosen.connect(lambda value, goes_on: self._set(panel, value, goes_on))
        panel.undo_requested.connect(self.undo)
        panel.drag_ended.connect(self._drag_ended)
        drag = self.edge_drags[graph] = EdgeDrag(graph, panel)
        drag.moved.connect(lambda value, goes_on: self._set(panel, value, goes_on))
        drag.ended.connect(self._drag_ended)
        return panel

    def _stage_scene_changed(self, name: str) -> None:
        """The stage's network scene on screen: its graph gets a panel (once)."""
        scene = self.stage.built_scenes().get(name)
        if name != "network" or scene is None:
            return
        for graph in scene.findChildren(NetworkGraphView):
            if graph not in self.panels:
                self.attach(graph, self._question_waits)
                self._stage_graphs.add(graph)
                self._place(graph)

    def _question_waits(self) -> bool:
        """A guided lesson's question waits for Reveal: a weight set by hand now could change
        its answer, or give it away (the panel shows the sign of the gradient)."""
        lesson = getattr(self.stage, "lesson", None)
        return lesson is not None and lesson.holds_training()

    # -- choosing and setting ------------------------------------------------------------------

    def choose(self, graph: NetworkGraphView, index: int) -> None:
        """An edge of ``graph`` was clicked: its panel shows that weight (not while blocked)."""
        panel = self.panels[graph]
        snap = self.host.current_snapshot()
        if self._blocked[graph]() or snap is None or not 0 <= index < len(snap.params):
            panel.hide()
            return
        panel.choose(index, snap.architecture.parameter_name(index), float(snap.params[index]))
        self._show_edit(panel, snap)
        panel.show()
        self._place(graph)
        self._look_timer.start()

    def _set(self, panel: WeightPanel, value: float, continues: bool) -> None:
        value = min(max(float(value), -MAX_HAND_WEIGHT), MAX_HAND_WEIGHT)
        command = cmd.SetWeight(panel.index, value, continues)
        if continues:  # a drag goes on: its newest move, at most every DRAG_SEND_MS
            self._pending = command
            if not self._send_timer.isActive():
                self._send_timer.start(DRAG_SEND_MS)
            return
        self._send_pending()
        snap = self.host.current_snapshot()
        if snap is not None and snap.running:
            self.host.status(self.tr("Training paused: a weight is being set by hand."))
        self.host.send(command)

    def _send_pending(self) -> None:
        if self._pending is not None:
            self.host.send(self._pending)
            self._pending = None

    def _drag_ended(self) -> None:
        self._send_timer.stop()
        self._send_pending()
        self._redraw_map()

    def undo(self) -> None:
        self._send_pending()
        self.host.send(cmd.UndoWeight())

    # -- what the worker answers ---------------------------------------------------------------

    def _look(self) -> None:
        """A panel is open: refresh with the window's snapshot when it is a new one; stop
        looking once every panel is closed."""
        if all(panel.isHidden() for panel in self.panels.values()):
            self._look_timer.stop()
            return
        snap = self.host.current_snapshot()
        if snap is not None and snap is not self._seen:
            self.refresh(snap)

    def refresh(self, snap: Snapshot) -> None:
        """A new snapshot: each shown panel's value and last measure; the map follows."""
        self._seen = snap
        edit = snap.weight_edit
        serial = -1 if edit is None else edit.serial
        fresh = serial != self._serial
        self._serial = serial
        dragging = False
        for graph, panel in self.panels.items():
            if panel.isHidden():  # closed (a panel off screen with its page still follows)
                continue
            if panel.index >= len(snap.params) or self._blocked[graph]():
                panel.hide()
                continue
            dragging = dragging or panel.dragging() or self.edge_drags[graph].dragging()
            panel.show_value(float(snap.params[panel.index]))
            if fresh:
                self._show_edit(panel, snap)
        if fresh and edit is not None:
            if dragging:
                self._move_point(snap)
            else:
                self._redraw_map()

    def _show_edit(self, panel: WeightPanel, snap: Snapshot) -> None:
        edit = snap.weight_edit
        if edit is None:
            panel.show_nudge(None, 0)
            return
        nudge = edit.nudge if edit.nudge is not None and edit.nudge.index == panel.index else None
        panel.show_nudge(nudge, edit.undo_depth)

    def _map_follows(self, kinds: tuple[str, ...]) -> bool:
        landscape = self.landscape
        return (
            landscape is not None
            and landscape.on_screen()
            and landscape.view.settings().kind in kinds
        )

    def _move_point(self, snap: Snapshot) -> None:
        """While a drag goes on: the map's point moves to the weights as they are, when the
        map's axes are two weights (every other weight is held, so the map itself is the same
        and only the point moves across it)."""
        if not self._map_follows(("weights",)):
            return
        axes = tuple(self.landscape.selected())[-2:]
        if len(axes) == 2:
            point = self.landscape.view.current_point
            point.setData([float(snap.params[axes[0]])], [float(snap.params[axes[1]])])

    def _redraw_map(self) -> None:
        """The map, drawn again around the weights as they are now."""
        if self._map_follows(("weights", "random", "pca")):
            self.landscape.request()

    # -- placing -------------------------------------------------------------------------------

    def _place(self, graph: NetworkGraphView) -> None:
        panel = self.panels[graph]
        area = graph.plot_widget
        if graph in self._stage_graphs:  # the stage's text size, which follows its height
            panel.setFont(px_font(self.stage.text_px))
        panel.resize(max(area.width() - 2 * MARGIN_PX, 0), panel.sizeHint().height())
        panel.move(QPoint(MARGIN_PX, area.height() - panel.height() - MARGIN_PX))
        panel.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stage and event.type() == QEvent.Type.Show:
            # After the stage's own showEvent, which makes its scene.
            QTimer.singleShot(0, self, lambda: self._stage_scene_changed(self.stage.current_name()))
        elif event.type() == QEvent.Type.Resize:
            for graph in self.panels:
                if graph.plot_widget is watched:
                    self._place(graph)
        return super().eventFilter(watched, event)
