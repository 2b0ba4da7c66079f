"""The stage's step-through scene: one training step taken apart on a large graph.

The desktop's step-through (``LessonMode``: the worker plans the next step without taking
it, a ``LessonPanel`` walks its sub-steps and the graph draws each) as a scene of its own,
with instances of its own: the graph on the left, the sub-step's name and its sentence or
two on the right, the nudges table under both, at the stage's text size.

    → / ← (and the clicker's Step, Return or S) walk the sub-steps; on "update" the step is
    taken for real and the next one planned. PageDown / PageUp still change the scene.

It starts when the scene comes on screen and ends (nothing taken) when it leaves; Play
ends it too (the graph follows training), and it starts again when training pauses.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from app.training.snapshot import Snapshot
from app.ui.graph.view import NetworkGraphView
from app.ui.i18n import join_sentences
from app.ui.lesson_mode import LessonMode
from app.ui.stage import Scene, StageContext
from app.ui.stage_context import px_font

#: The nudges' cells shrink to this where ten do not fit across at the stage's text size.
MIN_CELL_PX = 20
#: The most of the scene's height the nudges table may take. A batch's table is ten rows and
#: two more; all of them at the stage's 24 px made a 1280×720 window 1,871 px tall. With a
#: lesson's caption above, 27 % still made it 722 px; 25 % fits; the examples that do not
#: fit are left out (the first ones, their average and the bias row stay), and the caption
#: says how many are shown.
TABLE_SHARE = 0.25
#: The sub-step's explanation shrinks to this where it would not fit beside the graph (the
#: stage's legibility floor at 1280×720). A batch's "error" sub-step names all ten outputs'
#: wishes and the batch's average: at the stage's size it made the window 1,864 px tall.
MIN_EXPLANATION_PX = 20


def selectable_graph(ctx: StageContext) -> NetworkGraphView:
    """A graph of a scene's own whose clicked edges select weights, as the desktop's do."""
    graph = NetworkGraphView()
    graph.edge_selected.connect(ctx.edge_clicked)
    graph.set_selected(ctx.selected())
    return graph


class StepScene(Scene):
    """The graph, large, and the step-through beside it."""

    max_hz_while_training = 10.0  # all 12,960 edges: the window's graph pace

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.graph = selectable_graph(ctx)
        # One example at a time: its wishes for every output fit the stage's table whole
        # (a batch of ten is ten rows more, their average the desktop's to show).
        self.mode = LessonMode(ctx.host, ctx.worker, self.graph, None, lambda: "example")
        self.panel = self.mode.panel
        self.panel.leave_button.setVisible(False)  # leaving the scene leaves it
        self.panel.numbers_in_table = True  # the table runs under the graph, at every error
        table = self.panel.table
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The step-through chooses what the edges show; its legend goes under the graph,
        # which gets the toolbar's height.
        self.graph.show_toolbar(False)
        # The step names its example under the graph; the picture's own caption, fitted to
        # the picture's width, was 14 px on a 1024×768 screen.
        self.graph.show_image_caption(False)
        for widget in (self.panel.pace_title, self.panel.pace_box):
            widget.setVisible(False)  # auto-play at its usual pace: the row stays one line
        self.panel.retranslated.connect(self._arrows_only)
        self._arrows_only()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.panel.frame_changed.connect(self._show_legend)
        self.panel.frame_changed.connect(self._size_cells)
        self.panel.frame_changed.connect(self._fit_wrapped_soon)
        self.panel.installEventFilter(self)  # its new width: the wrapped texts' new heights
        self.mode.left.connect(self._show_legend)
        self._running = False
        self._fit_pending = False
        self._answers_hidden = False
        self._note = ""  # the sentence ``_fit_rows`` added to the table's caption, if any
        self.panel.frame_changed.connect(self._show_table)
        # The nudges table, ten outputs across, runs under both: beside the graph its ten
        # columns would not fit at the stage's text size.
        picture = QVBoxLayout()
        picture.addWidget(self.graph, 1)
        picture.addWidget(self.legend)  # under the graph: the panel's height is its text's
        top = QHBoxLayout()
        # 5:2, not 2:1: at 1024 px across the graph's titles need the extra width to stay
        # at 20 px and more. 3:1 gives the graph 55 % of a 1280×720 screen under a lesson's
        # caption (51–53 % at 5:2).
        top.addLayout(picture, 3)
        top.addWidget(self.panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top, 1)
        layout.addWidget(self.panel.table_caption)
        layout.addWidget(self.panel.table)
        ctx.worker.running_changed.connect(self._running_changed)
        self.restyle()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_cells()

    def show_snapshot(self, snap: Snapshot) -> None:
        self.graph.show_snapshot(self.ctx.lab.lab_snapshot(snap))
        self._running = snap.running

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.graph.plot_widget, self.panel.table)

    def entered(self) -> None:
        if not self._running and not self.mode.active:
            self.mode.enter()

    def left(self) -> None:
        self.panel.set_auto_play(False)
        self.mode.leave()

    def ready(self) -> bool:
        shown = self.panel.current_frame() is not None and not self._fit_pending
        return shown and super().ready()

    def hide_answers(self, hidden: bool) -> None:
        self._answers_hidden = hidden
        self._show_table()

    def _show_table(self, *_args) -> None:
        """The nudges table as the sub-step has it, unless a lesson's question asks for
        what it shows."""
        frame = self.panel.current_frame()
        shown = frame is not None and frame.error_shown and not self._answers_hidden
        self.panel.table.setVisible(shown)
        self.panel.table_caption.setVisible(shown)

    def arrow(self, direction: int) -> bool:
        """→ and ← walk the sub-steps while a step is shown."""
        if not self.mode.active:
            return False
        if direction > 0:
            self.panel.next_substep()
        else:
            self.panel.previous_substep()
        return True

    def open_at(self, substep: int) -> None:
        """Each step shown from now on starts at ``substep`` (1-based; 1 is "forward 1"),
        the one shown now too: a lesson's stop about the backward pass opens there."""
        panel = self.panel
        panel.first_index = max(0, substep - 1)
        step = panel.step()
        if step is not None and not panel.waiting_for_step:
            panel.show_step(step)

    def step_key(self) -> bool:
        """The clicker's Step walks on, as → does."""
        return self.arrow(+1)

    def selection_changed(self) -> None:
        self.graph.set_selected(self.ctx.selected())

    def restyle(self) -> None:
        """The stage's text size for the panel (it sets its own fonts on a change of look,
        which the scene hears of first: this runs after)."""
        px = self.ctx.text_px
        font = px_font(px)
        panel = self.panel
        for widget in (panel, panel.explanation, panel.table_caption):
            widget.setFont(font)
        # The legend a sixth smaller (20 px at 720p, the floor): one line less of it leaves
        # the graph 55 % of the screen under a lesson's caption.
        self.legend.setFont(px_font(max(20, round(px * 5 / 6))))
        for header in (panel.table.horizontalHeader(), panel.table.verticalHeader()):
            header.setFont(font)
        title = QFont(font)
        title.setPixelSize(round(px * 1.25))
        title.setBold(True)
        panel.title.setFont(title)
        self._size_cells()

    def _arrows_only(self) -> None:
        """Previous and Next as arrows (their tooltips name them): with their words the
        panel's row was too wide beside the graph at 1024×768."""
        self.panel.previous_button.setText("")
        self.panel.next_button.setText("")

    def _size_cells(self, *_args) -> None:
        """The table's cells at the stage's size where ten of them fit across, else smaller
        (20 px at least): the panel fills its cells again on every sub-step, at the table's
        font or, bold, at a font of their own."""
        table = self.panel.table
        cells = [(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
        items = [table.item(r, c) for r, c in cells]
        texts = [item.text() for item in items if item is not None]
        metrics = QFontMetricsF(px_font(100))
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0.0)
        px = self.ctx.text_px
        # Each column's share of the width, less the rows' names and the cells' padding.
        room = (self.width() - 5 * px) / max(table.columnCount(), 1) - 14
        if widest > 0 and widest * px / 100 > room:
            px = max(MIN_CELL_PX, int(room * 100 / widest))
        table.setFont(px_font(px))
        table.verticalHeader().setFont(px_font(px))
        items += [table.verticalHeaderItem(r) for r in range(table.rowCount())]
        for item in items:
            if item is not None:
                font = item.font()
                font.setPixelSize(px)
                item.setFont(font)
        table.resizeRowsToContents()
        self._fit_rows()
        self.panel.fit_table_height()

    def _fit_rows(self) -> None:
        """Leave out the examples' rows that do not fit in ``TABLE_SHARE`` of the scene's
        height (one at least stays, and so do the average and the bias rows), and say so."""
        table, step = self.panel.table, self.panel.step()
        batch = 0 if step is None else int(step.wanted.shape[0])
        rows = table.rowCount()
        for r in range(rows):
            table.setRowHidden(r, False)
        caption = self.panel.table_caption
        note = self.tr("Shown: %1 of the %2 examples.")
        text = caption.text()
        if self._note and text.endswith(self._note):  # this method's own, from before
            caption.setText(text[: len(text) - len(self._note)].rstrip())
        self._note = ""
        if batch < 2 or rows == 0 or self.height() <= 0:
            return
        row_px = max(1, table.rowHeight(0))
        # The scene's height, or the screen's where the window has already grown past it.
        screen = self.screen()
        height = min(self.height(), screen.availableGeometry().height() if screen else 10**6)
        room = height * TABLE_SHARE - table.horizontalHeader().height()
        others = rows - batch  # the average, and the bias row at the update
        kept = max(1, min(batch, int(room // row_px) - others))
        if kept == batch:
            return
        for r in range(kept, batch):
            table.setRowHidden(r, True)
        self._note = note.replace("%1", str(kept)).replace("%2", str(batch))
        caption.setText(join_sentences([caption.text(), self._note]))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.panel and event.type() == QEvent.Type.Resize:
            self._fit_wrapped_soon()
        return super().eventFilter(watched, event)

    def _fit_wrapped_soon(self, *_args) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_wrapped)

    def _fit_wrapped(self) -> None:
        """Each wrapped text as tall as its lines at its width: a box layout beside the
        graph gave a two-line title the height of one."""
        self._fit_pending = False
        panel = self.panel
        self._fit_explanation()
        for label in (panel.title, panel.explanation, panel.table_caption, self.legend):
            if label.isVisible() and label.width() > 0:
                label.setMinimumHeight(max(0, label.heightForWidth(label.width())))

    def _fit_explanation(self) -> None:
        """The explanation at the stage's text size, or smaller (``MIN_EXPLANATION_PX`` at
        least) where the panel beside the graph has no room for it."""
        panel = self.panel
        label = panel.explanation
        width = label.width()
        if width <= 0 or self.height() <= 0:
            return
        spacing = self.layout().spacing()
        below = sum(
            (w.heightForWidth(w.width()) if w is panel.table_caption else w.height()) + spacing
            for w in (panel.table_caption, panel.table)
            if w.isVisible()
        )
        margins = panel.layout().contentsMargins()
        rows = (
            panel.previous_button.sizeHint().height() + panel.auto_play_button.sizeHint().height()
        )
        title = panel.title.heightForWidth(panel.title.width()) if panel.title.isVisible() else 0
        room = self.height() - below - margins.top() - margins.bottom() - rows - title
        room -= 4 * panel.layout().spacing()
        font = QFont(label.font())
        px = self.ctx.text_px
        while True:
            font.setPixelSize(px)
            label.setFont(font)
            if px <= MIN_EXPLANATION_PX or label.heightForWidth(width) <= room:
                return
            px = max(MIN_EXPLANATION_PX, px - 2)

    def _show_legend(self, *_args) -> None:
        self.legend.setText(self.graph.legend_text())

    def _running_changed(self, running: bool) -> None:
        self._running = running
        if not running and self.isVisible():
            self.mode.enter()  # paused on this scene: take the next step apart
