"""The stage's neuron lab: the network graph large, the lab's controls in a column beside it.

The lab edits a copy of the network (``app.core.neuron_lab``): it opens when the scene comes
on screen (training pauses, as on the desktop; Play closes it, and it opens again on the
weights training paused at), every edit is drawn at once on the scene's
own graph (the edited weights, the edited neurons marked), a click on a hidden neuron in
the graph chooses it, and the accuracy on the validation set is measured in the stage's
look-inside thread. Leaving the scene closes the lab and "Restore all" takes every edit
back: either way the weights are exactly the ones from before (keeping edits for training
is the desktop lab's). The lab is the stage's own ``NeuronLabView`` (of
the stage's ``LookInside``): the desktop's lab and its edits are not touched.

    ┌──────────────────────────┬─────────────┐
    │                          │ accuracy    │
    │      the graph           │ one neuron  │
    │  (edits drawn, marked)   │ whole net   │
    │                          │ edits, undo │
    └──────────────────────────┴─────────────┘
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.training.snapshot import Snapshot
from app.ui.inside_scenes import stage_inside
from app.ui.stage import Scene, StageContext
from app.ui.step_scene import selectable_graph

#: The controls' column's share of the scene's width: the graph keeps the rest (55 % of a
#: 1280×720 screen needs about 770 of its 1,272 px across, the bar taking 50 px of height).
COLUMN_SHARE = 0.37


class LabScene(Scene):
    """The graph with the lab's edits, and the lab's controls in one column beside it."""

    max_hz_while_training = 10.0  # the graph's pace (the lab pauses training anyway)

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.inside = stage_inside(ctx)
        #: Between ``entered`` and ``left`` (the lab opens only then).
        self.on_stage = False
        # Play closes the lab (training goes on unedited); when the worker says it paused,
        # the lab opens again on the first paused snapshot (an earlier one, shown just
        # after Play, would have paused training again).
        self._reopen = False
        if ctx.worker is not None:
            ctx.worker.running_changed.connect(self._running_changed)
        self.graph = selectable_graph(ctx)
        self.graph.show_toolbar(False)  # what the edges show is the lab's: the weights
        # The picture's caption, fitted to its width, was 15 px on a 1024×768 screen.
        self.graph.show_image_caption(False)
        self.lab = self.inside.lab
        self.inside.attach_graph(self.graph)
        self.inside.lab_weights_changed.connect(self._redraw)
        # Leaving is leaving the scene, and the stage's lab only shows: nothing it does stays
        # (the desktop's lab keeps edits). Its sentence about that is the desktop's; the
        # spins' captions are said by the line under them ("Chosen: hidden layer 1, neuron
        # 0"): with them the row did not fit a 1024 px screen's column.
        for widget in (
            self.lab.leave_button,
            self.lab.keep_button,
            self.lab.title,
            self.lab.layer_caption,
            self.lab.neuron_caption,
        ):
            widget.setVisible(False)
        # "Prune smallest [50] % of all weights" did not fit the column at 24 px: the share
        # says "%" itself (the box is "The whole network"; the tooltip says the rest).
        self.lab.prune_unit.setVisible(False)
        self.lab.prune_spin.setSuffix(" %")
        self.column = QWidget()
        column = QVBoxLayout(self.column)
        column.setContentsMargins(0, 0, 0, 0)
        # Tight rows: the column holds 16 lines of 24 px text in 670 px (Chinese is taller).
        column.setSpacing(2)
        for box in (self.lab.neuron_box, self.lab.prune_box, self.lab.edits_box):
            box.layout().setContentsMargins(6, 2, 6, 2)
            box.layout().setSpacing(3)
        for part in (self.lab.accuracy_label, self.lab.neuron_box, self.lab.prune_box):
            column.addWidget(part)
        column.addWidget(self.lab.edits_box, 1)
        self.lab.setParent(self)  # its logic and texts (their language) stay with the scene
        self.lab.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graph, 1)
        layout.addWidget(self.column)

    def show_snapshot(self, snap: Snapshot) -> None:
        if self._reopen and not snap.running:  # the first snapshot after the pause
            self._reopen = False
            if self.on_stage and not self.lab.is_open:
                self.inside.open_lab()
        self.graph.show_snapshot(self.inside.lab_snapshot(snap))
        self.graph.set_input_view(self.ctx.reading(snap))

    def _running_changed(self, running: bool) -> None:
        self._reopen = not running

    def _redraw(self) -> None:
        """The lab's weights changed, or it closed: the graph shows what is now in force."""
        snap = self.ctx.host.current_snapshot()
        if snap is not None:
            self.graph.show_snapshot(self.inside.lab_snapshot(snap))

    def entered(self) -> None:
        self.on_stage = True
        if not self.lab.is_open:
            self.inside.open_lab()
        snap = self.ctx.host.current_snapshot()
        if snap is not None:
            self.inside.refresh(snap, force=True)

    def left(self) -> None:
        self.on_stage = False
        if self.lab.is_open:
            self.inside.leave_lab()  # the copy and its edits go: nothing was changed

    def selection_changed(self) -> None:
        self.graph.set_selected(self.ctx.selected())

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.graph.plot_widget,)

    def ready(self) -> bool:
        """The lab open, its accuracy measured and laid out (a layout comes a turn later)."""
        label = self.lab.accuracy_label
        laid_out = label.height() >= label.heightForWidth(label.width())
        measured = self.lab.is_open and not self.lab.measuring()
        return measured and laid_out and super().ready()

    def job_threads(self) -> tuple:
        return (self.inside.jobs,)

    def resizeEvent(self, event) -> None:
        # As wide as its rows need, where that is more (the graph gives way).
        need = self.column.minimumSizeHint().width()
        self.column.setFixedWidth(max(round(self.width() * COLUMN_SHARE), need))
        super().resizeEvent(event)

    def restyle(self) -> None:
        """The lab's words at the stage's size (it sizes them for the desktop)."""
        from app.ui.stage_context import px_font

        px = self.ctx.text_px
        for widget in (self.column, *self.column.findChildren(QWidget)):
            if widget is self.lab.accuracy_label:
                widget.setFont(px_font(px, bold=True))
            elif widget is self.lab.edits_list:
                widget.setFont(px_font(px))
            else:
                font = widget.font()
                font.setPixelSize(px)
                widget.setFont(font)
