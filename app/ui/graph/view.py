"""The live network graph: every layer a column of nodes, every weight an edge.

What the class sees on the projector: the input digit as its 28×28 picture, unrolled into a
column of 784 input cells, then the hidden layers and the ten output digits. Edges are
coloured by sign (blue positive, orange negative: a colour-blind-safe pair) and fade with
magnitude; nodes are shaded by how strongly they fire for the current input.

The view keeps what is shown (the snapshot, the input, a lesson frame, the selection, the
lab's marks), builds the scene from its rooms for each architecture (``app.ui.graph``), and
turns the mouse into hover marks, the hover card and signals.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QSizePolicy, QVBoxLayout, QWidget

from app.core.lesson import LessonFrame, LessonStep
from app.core.network import Architecture
from app.training.snapshot import InputView, Snapshot
from app.ui import theme
from app.ui.graph import hover_text
from app.ui.graph.edges import EDGE_MODES, EdgeBin, EdgeLayersItem, fan_thinned_while_running
from app.ui.graph.hover import HoverCard, HoverItem
from app.ui.graph.input_image import InputImageItem
from app.ui.graph.lab_marks import LabMarksItem
from app.ui.graph.layout import (
    Column,
    GraphLayout,
    activation_shade,
    edge_at,
    find_drawn_edge,
    fitted_view,
    graph_layout,
    hover_marks,
    lab_marks,
    node_at,
)
from app.ui.graph.lesson_overlay import LessonOverlayItem
from app.ui.graph.nodes import NodesItem
from app.ui.graph.selection import SelectionItem
from app.ui.graph.style import BACKGROUND, grey_ramp, qrect
from app.ui.graph.texts import SceneTexts
from app.ui.graph.toolbar import GraphToolbar


class NetworkGraphView(QWidget):
    """The whole network, live: nodes filled by activation, edges by weight/gradient/change.

    Feed it with ``show_snapshot`` (cheap when the serial has not changed) and, to fill the
    nodes with a particular input, ``set_input_view``. Clicking an edge emits
    ``edge_selected(flat_index)``; the owner decides what is selected and tells the view with
    ``set_selected``. ``node_hovered(layer, neuron)`` fires when the cursor reaches a node and
    ``(-1, -1)`` when it leaves it; ``neuron_clicked(layer, neuron)`` when a node is clicked.

    Step-through lesson: ``show_lesson_frame(step, frame)`` draws one sub-step of a planned
    step (unknown activations empty, nudges as rings, gradient layers lit, the others faded)
    until ``clear_lesson()``; snapshots that arrive meanwhile are kept but not drawn.
    ``show_lab_marks`` crosses out the neurons the neuron lab switched off.
    """

    edge_selected = Signal(int)
    node_hovered = Signal(int, int)
    neuron_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout: GraphLayout | None = None
        self._snapshot: Snapshot | None = None
        self._explicit_input: InputView | None = None
        self._edge_mode = "weights"
        self._strongest_percent = 100
        self._selected: tuple[int, ...] = ()
        self._hover: tuple[str, int, int] | None = None
        self._hovered_node: tuple[int, int] = (-1, -1)
        self._winner = -1
        self._rendered_input: InputView | None = None
        self._lesson: tuple[LessonStep, LessonFrame] | None = None
        self._lesson_source: np.ndarray | None = None
        self._node_shades: list[np.ndarray | None] = []
        self._lab_marked: frozenset[tuple[int, int]] = frozenset()

        self._grey_ramp = grey_ramp()
        self._node_brushes = np.array(
            [pg.mkBrush(*rgb) for rgb in self._grey_ramp.tolist()], dtype=object
        )
        self._caption_shown = True
        self._input = None
        self._title_font = QFont()
        self._title_font.setPointSizeF(theme.pt(13))
        self._title_font.setBold(True)
        self._label_font = QFont()
        self._label_font.setPointSizeF(theme.pt(12))

        self._toolbar = GraphToolbar(self)
        self._toolbar.mode_chosen.connect(self.set_edge_mode)
        self._toolbar.percent_chosen.connect(self.set_strongest_percent)
        self.plot_widget = pg.GraphicsView(self, background=BACKGROUND)
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.viewbox = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.viewbox.setMenuEnabled(False)
        self.plot_widget.setCentralItem(self.viewbox)
        # Almost everything changes on every update; painting the union of many small dirty
        # rectangles clips every line against a complex region, several times slower than
        # one full repaint.
        self.plot_widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        # Items change every frame: a BSP index would be rebuilt each time (measured as the
        # largest GUI cost while training); without one, the scene just draws everything.
        self.plot_widget.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot_widget.viewport().installEventFilter(self)
        # Refit when the view box itself has its new size (a parent's resizeEvent comes first).
        self.viewbox.sigResized.connect(self._fit_view)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._toolbar)
        outer.addWidget(self.plot_widget, stretch=1)
        self.hover_card = HoverCard(self)

        self.set_architecture(Architecture())
        self._show_message(self.tr("Waiting for the network…"))
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self._toolbar.retranslate_ui()
        self._texts.retranslate(self._input.caption)
        self._fit_scene_texts()  # new words, new widths
        self._lesson_overlay.show_caption(self._lesson[0] if self._lesson is not None else None)
        # The calm note and the legend, then the hover card, from what is shown now.
        self._render_edges()
        self._refresh_hover()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API --------------------------------------------------------------------------

    @property
    def architecture(self) -> Architecture | None:
        return self._layout.architecture if self._layout else None

    @property
    def edge_mode(self) -> str:
        return self._edge_mode

    @property
    def strongest_percent(self) -> int:
        return self._strongest_percent

    @property
    def selected(self) -> tuple[int, ...]:
        return self._selected

    def set_architecture(self, architecture: Architecture) -> None:
        """Rebuild every item for ``architecture``; values come with the next snapshot."""
        if self._layout is not None and self._layout.architecture == architecture:
            return
        self._layout = graph_layout(architecture)
        if self._snapshot is not None and self._snapshot.architecture != architecture:
            self._snapshot = None
        if self._lesson is not None and self._lesson[0].architecture != architecture:
            self._lesson = None
            self._lesson_source = None
        self._build_scene()
        self._render_selection()
        self._render_lab_marks()
        self._render_all()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw ``snapshot``; a snapshot with the serial already shown costs nothing."""
        if self._snapshot is not None and snapshot.serial == self._snapshot.serial:
            return
        self._snapshot = snapshot
        if self.architecture != snapshot.architecture:
            self.set_architecture(snapshot.architecture)
            return
        self._render_all()

    def set_input_view(self, view: InputView | None) -> None:
        """Fill the nodes with ``view``; None goes back to the snapshot's own input."""
        self._explicit_input = view
        if self._input_view() is not self._rendered_input:
            self._render_input()
            self._refresh_hover()

    def set_selected(self, indices: tuple[int, ...]) -> None:
        """Mark these parameters (flat indices): weights as edges, biases as node rings."""
        self._selected = tuple(int(i) for i in indices)
        self._render_selection()

    def set_edge_mode(self, mode: str) -> None:
        if mode not in EDGE_MODES:
            raise ValueError(f"unknown edge mode {mode!r}; choose one of {', '.join(EDGE_MODES)}")
        if mode == self._edge_mode:
            return
        self._edge_mode = mode
        self._toolbar.show_mode(mode)
        self._render_edges()
        self._refresh_hover()

    def set_strongest_percent(self, percent: int) -> None:
        percent = min(max(int(percent), 1), 100)
        if percent == self._strongest_percent:
            return
        self._strongest_percent = percent
        self._toolbar.show_percent(percent)
        self._render_edges()

    def edge_bins(self) -> list[EdgeBin]:
        """What is drawn now: one entry per non-empty bin, in paint order within a layer."""
        return self._edges.edge_bins()

    def edge_midpoint(self, flat_index: int) -> QPointF | None:
        """Where the edge of weight ``flat_index`` is drawn (view coordinates), if it is."""
        found = find_drawn_edge(self._layout, flat_index)
        if found is None:
            return None
        edges, e = found
        return QPointF(float(edges.x[e].mean()), float(edges.y[e].mean()))

    def node_position(self, layer: int, neuron: int) -> QPointF | None:
        """Centre of a drawn node (view coordinates), None if it is not drawn."""
        column = self._layout.columns[layer]
        if not 0 <= neuron < column.n_drawn:
            return None
        return QPointF(column.x, float(column.ys[neuron]))

    def message(self) -> str:
        """The calm note shown instead of edges (empty when edges are shown); during a lesson,
        the caption saying which example the graph shows."""
        if self._texts.message.isVisible():
            return self._texts.message.toPlainText()
        caption = self._lesson_overlay.caption
        if self._lesson is not None and caption.isVisible():
            return caption.toPlainText()
        return ""

    # -- step-through lesson ------------------------------------------------------------------

    @property
    def lesson_frame(self) -> LessonFrame | None:
        """The lesson sub-step drawn now, None outside the lesson."""
        return self._lesson[1] if self._lesson is not None else None

    def show_lesson_frame(self, step: LessonStep, frame: LessonFrame) -> None:
        """Draw sub-step ``frame`` of ``step`` instead of the snapshot.

        Edges: ``frame.params``' weights, faded, except the weight layers of
        ``frame.gradient_layers``, which show ``step.gradient`` at full strength. Nodes: the
        first example's activations for layers below ``frame.known_activations``, empty
        above; a ring by the sign and size of dC/da on every layer of ``frame.nudged_layers``.
        """
        self._lesson = (step, frame)
        # One composite vector of P values lets the binned edge drawing run unchanged: each
        # weight layer's slice holds what that layer shows.
        source = np.array(frame.params, dtype=float)
        for k in frame.gradient_layers:
            w0, b0, _ = step.architecture.offsets[k - 1]
            source[w0:b0] = step.gradient[w0:b0]
        self._lesson_source = source
        if self.architecture != step.architecture:
            self.set_architecture(step.architecture)  # renders the lesson too
            return
        self._render_all()

    def clear_lesson(self) -> None:
        """Back to the snapshot display."""
        if self._lesson is None:
            return
        self._lesson = None
        self._lesson_source = None
        self._end_lesson_items()
        self._render_all()

    def node_shades(self) -> list[np.ndarray | None]:
        """Per layer, the drawn nodes' fill (0 white … 1 ink), shape (n_drawn,); None for a
        layer drawn empty (a lesson layer whose activations are not computed yet)."""
        return list(self._node_shades)

    @property
    def lab_marks(self) -> frozenset[tuple[int, int]]:
        return self._lab_marked

    def show_lab_marks(self, marked: set[tuple[int, int]]) -> None:
        """Cross out these (layer, neuron) nodes (the neuron lab's switched-off neurons);
        an empty set clears. Neurons not drawn (beyond a cut layer's first ones) are skipped."""
        self._lab_marked = frozenset((int(layer), int(neuron)) for layer, neuron in marked)
        self._render_lab_marks()

    def show_toolbar(self, on: bool) -> None:
        """Show or hide the toolbar (a scene that sets the edges shows ``legend_text``)."""
        self._toolbar.setVisible(on)

    def show_image_caption(self, on: bool) -> None:
        """Show or hide "28 × 28 pixels" under the picture (narrow, it shrinks to fit)."""
        self._caption_shown = on
        if self._input is not None and self._input.caption is not None:
            self._input.caption.setVisible(on)

    def legend_text(self) -> str:
        """The legend of what the edges and rings show now (rich text)."""
        return self._toolbar.legend.text()

    def label_boxes(self) -> tuple[list[QRectF], list[QRectF], int]:
        """The titles' and output digits' boxes and least pixel size (``SceneTexts``)."""
        return self._texts.label_boxes() if self._layout is not None else ([], [], 0)

    def lab_mark_positions(self) -> list[QPointF]:
        """Where the crosses are drawn now (view coordinates)."""
        return self._lab_marks.positions()

    # -- building ----------------------------------------------------------------------------

    def apply_theme(self) -> None:
        """Presenter mode changed the look: fonts, the toolbar and the legend follow it."""
        self._title_font.setPointSizeF(theme.pt(13))
        self._label_font.setPointSizeF(theme.pt(12))
        self._toolbar.restyle()
        self.hover_card.apply_theme()
        if self._layout is not None:
            architecture, self._layout = self._layout.architecture, None
            self.set_architecture(architecture)  # the scene's texts take the new fonts
            if self._snapshot is not None:
                self.show_snapshot(self._snapshot)
        self._toolbar.legend.setText("")
        self._update_legend()

    def _build_scene(self) -> None:
        """Every item for the current layout, in a new scene.

        Stacking (z): the edges 0, the input picture and strip 20, the nodes 30, the lesson's
        rings 35, a hovered edge 40, the lab's crosses 42, the selection 44, a hovered node
        47, the texts 50, the calm note 60.
        """
        layout = self._layout
        vb = self.viewbox
        vb.clear()
        self._hover = None
        self._edges = EdgeLayersItem(layout)
        self._nodes = NodesItem(layout, self._node_brushes)
        self._input = InputImageItem(layout, self._grey_ramp, self._label_font)
        self._lesson_overlay = LessonOverlayItem(layout, self._label_font)
        self._hover_mark = HoverItem()
        self._lab_marks = LabMarksItem()
        self._selection = SelectionItem()
        for item in (self._edges, self._nodes, self._input):
            vb.addItem(item)
        self._texts = SceneTexts(vb, layout, self._title_font, self._label_font)
        self._texts.retranslate(self._input.caption)
        self.show_image_caption(self._caption_shown)
        self._winner = -1
        for item in (self._hover_mark, self._selection, self._lesson_overlay, self._lab_marks):
            vb.addItem(item)
        self._fit_view()
        self.hover_card.hide()

    def _fit_view(self) -> None:
        """Show the whole layout plus room in *pixels* for the titles and digit labels, and
        fit the texts to the new scale."""
        if self._layout is None:
            return
        box, title_px = self.viewbox, self._texts.title_height_px()  # a CJK title is taller
        rect = fitted_view(self._layout.view_rect, box.width(), box.height(), title_px)
        self.viewbox.setRange(qrect(rect), padding=0.0, disableAutoRange=True)
        self._fit_scene_texts()

    def _fit_scene_texts(self) -> None:
        pixel = self.viewbox.viewPixelSize()[0]
        if self._layout is not None and pixel > 0:
            self._texts.fit(pixel, self._input.caption)

    # -- rendering ---------------------------------------------------------------------------

    def _render_all(self) -> None:
        self._render_edges()
        self._render_input()
        self._refresh_hover()

    def _edge_source(self) -> np.ndarray | None:
        if self._lesson is not None:
            return self._lesson_source
        if self._snapshot is None:
            return None
        return {
            "weights": self._snapshot.params,
            "gradients": self._snapshot.gradient,
            "change": self._snapshot.change,
        }[self._edge_mode]

    def _render_edges(self) -> None:
        source = self._edge_source()
        if source is None:
            self._edges.clear()
            if self._snapshot is None:
                self._show_message(self.tr("Waiting for the network…"))
            elif self._edge_mode == "gradients":
                self._show_message(
                    self.tr("No training step yet.\nThe gradients appear after the first step.")
                )
            else:
                self._show_message(
                    self.tr("No training step yet.\nThe changes appear after the first step.")
                )
            self._update_legend()
            return
        self._show_message("")
        lesson = self._lesson
        self._edges.render(
            source,
            self._strongest_percent,
            running=lesson is None and self._snapshot.running,
            lit_layers=lesson[1].gradient_layers if lesson is not None else None,
        )
        self._update_legend()

    def _update_legend(self) -> None:
        if self._lesson is not None:
            self._toolbar.show_lesson_legend()
        else:
            thinned = fan_thinned_while_running(self._layout, self._strongest_percent)
            self._toolbar.show_legend(self._edge_mode, thinned)

    def _show_message(self, text: str) -> None:
        self._texts.show_message(text)

    def _input_view(self) -> InputView | None:
        view = self._explicit_input
        if view is None and self._snapshot is not None:
            view = self._snapshot.input_view
        if view is None or self._layout is None:
            return None
        sizes = self._layout.architecture.layer_sizes
        if len(view.activations) != len(sizes) or any(
            np.size(a) != n for a, n in zip(view.activations, sizes, strict=True)
        ):
            return None  # a forward pass of another architecture (e.g. before a reset)
        return view

    def _shade(self, column: Column, activations: np.ndarray | None) -> np.ndarray:
        """The drawn nodes' fill for one layer's activations (n,); None: all white."""
        if activations is None:
            return np.zeros(column.n_drawn)
        values = np.asarray(activations, dtype=float).reshape(-1)[: column.n_drawn]
        hidden = 0 < column.layer < len(self._layout.columns) - 1
        return activation_shade(
            values, self._layout.architecture.activation if hidden else "sigmoid"
        )

    def _render_input(self) -> None:
        if self._lesson is not None:
            self._render_lesson_nodes()
            return
        columns = self._layout.columns
        view = self._input_view()
        self._rendered_input = view
        self._node_shades = [
            self._shade(c, None if view is None else view.activations[c.layer]) for c in columns
        ]
        self._nodes.fill(self._node_shades)
        self._input.show_input(self._node_shades[0], None if view is None else view.image)
        winner = -1
        if view is not None:
            winner = int(np.argmax(np.asarray(view.activations[-1]).reshape(-1)))
        self._show_winner(winner)

    def _show_winner(self, winner: int) -> None:
        """Ring the winning output node and invert its digit label (−1: no winner)."""
        if winner != self._winner:
            self._winner = winner
            self._nodes.ring_winner(winner)
            self._texts.mark_digit(winner)

    def _render_lesson_nodes(self) -> None:
        """Nodes for the lesson frame: known layers filled by the first example, the rest
        empty; rings for the nudges; the input picture of the lesson example."""
        step, frame = self._lesson
        layout = self._layout
        last = len(layout.columns) - 1
        self._rendered_input = None
        self._node_shades = [
            self._shade(c, step.activations[c.layer][0])
            if c.layer < frame.known_activations
            else None
            for c in layout.columns
        ]
        self._nodes.fill(self._node_shades, plain_outlines=True)
        self._input.show_input(self._node_shades[0], step.activations[0][0])
        # The output column's pens carry the winner ring: start from the plain ones each time.
        self._winner = -2
        if frame.known_activations > last:
            self._show_winner(int(np.argmax(step.activations[-1][0])))
        else:
            self._show_winner(-1)
            self._nodes.dash_output()
            self._winner = -2
        self._lesson_overlay.show_frame(layout, step, frame)

    def _end_lesson_items(self) -> None:
        self._lesson_overlay.clear()
        self._nodes.plain_outlines()
        self._winner = -2  # the output pens were the lesson's: set them again

    def _render_lab_marks(self) -> None:
        self._lab_marks.show_marks(lab_marks(self._layout, self._lab_marked))

    def _render_selection(self) -> None:
        if self._layout is not None:
            self._selection.show_selected(self._layout, self._selected, self._label_font)

    # -- mouse -------------------------------------------------------------------------------

    def _pixel_size(self) -> float:
        px = self.viewbox.viewPixelSize()[0]
        return px if px > 0 else 1.0

    def _target_at(self, scene_pos: QPointF) -> tuple[str, int, int] | None:
        """("node", layer, neuron) or ("edge", weight layer, drawn edge) under the cursor."""
        point = self.viewbox.mapSceneToView(scene_pos)
        x, y, pixel = point.x(), point.y(), self._pixel_size()
        node = node_at(self._layout, x, y, pixel)
        if node is not None:
            return ("node", *node)
        edge = edge_at(self._layout, x, y, pixel, self._edges.codes)
        return ("edge", *edge) if edge is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget.viewport() and event.type() == QEvent.Type.Leave:
            self._set_hover(None, None)
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if self._layout is not None:
            self._set_hover(self._target_at(scene_pos), scene_pos)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._layout is None:
            return
        target = self._target_at(event.scenePos())
        if target is None:
            return
        kind, a, b = target
        event.accept()
        if kind == "node":
            self.neuron_clicked.emit(a, b)
        else:
            self.edge_selected.emit(int(self._layout.edges[a].flat_index[b]))

    def _set_hover(self, target: tuple[str, int, int] | None, scene_pos: QPointF | None) -> None:
        # Every change repaints the whole graph, so moving within the same node or edge
        # changes nothing, not even where the card is.
        if target == self._hover:
            return
        self._hover = target
        node = (target[1], target[2]) if target is not None and target[0] == "node" else (-1, -1)
        if node != self._hovered_node:
            self._hovered_node = node
            self.node_hovered.emit(*node)
        self._refresh_hover()
        if target is not None and scene_pos is not None:
            at = self.plot_widget.mapTo(self, self.plot_widget.mapFromScene(scene_pos))
            self.hover_card.place_near(at, self.size())

    def _refresh_hover(self) -> None:
        target = self._hover
        self._hover_mark.clear()
        if target is None or self._layout is None:
            self.hover_card.hide()
            return
        kind, a, b = target
        layout, lesson, card = self._layout, self._lesson, self.hover_card
        if kind == "node":
            self._hover_mark.show_node(hover_marks(layout, a, b))
            if lesson is not None:
                card.text.setText(hover_text.lesson_node_text(layout, a, b, *lesson))
                card.show_inset(None)
            else:
                view = self._input_view()
                card.text.setText(hover_text.node_text(layout, a, b, view, self._snapshot))
                card.show_inset(*hover_text.node_inset(layout, a, b, self._snapshot))
        else:
            self._hover_mark.show_edge(layout.edges[a], b)
            if lesson is not None:
                card.text.setText(hover_text.lesson_edge_text(layout, a, b, *lesson))
            else:
                card.text.setText(hover_text.edge_text(layout, a, b, self._snapshot))
            card.show_inset(None)
        card.adjustSize()
        card.show()
        card.raise_()
