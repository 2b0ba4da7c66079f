"""Drag a weight in the real window: the panel on a clicked edge, typed and dragged values,
the predicted and real change of the loss, Undo bit for bit, the landscape's point, the stage."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from app.training import commands as cmd
from app.ui.graph.view import NetworkGraphView
from app.ui.stage_context import MIN_TEXT_PX
from app.ui.weight_drag import PX_PER_UNIT
from app.ui.weight_editor import WeightEditor
from app.ui.weight_panel import MAX_HAND_WEIGHT, SLIDER_REACH, TICKS_PER_UNIT, WeightPanel, signed
from tests.test_stage import text_sizes


def panel_of(win, graph=None) -> WeightPanel:
    return win.weights.panels[graph or win.graph]


def weight_edit_after(qtbot, win, serial: int):
    qtbot.wait_until(
        lambda: (
            win.current_snapshot() is not None
            and win.current_snapshot().weight_edit is not None
            and win.current_snapshot().weight_edit.serial > serial
        ),
        timeout=5000,
    )
    return win.current_snapshot()


def steep_weight(win) -> int:
    """The largest weight into the output layer: every example of a batch moves it, so its
    gradient is far from 0."""
    snap = win.current_snapshot()
    start, end = snap.architecture.offsets[-1][0], snap.architecture.offsets[-1][1]
    return start + int(np.argmax(np.abs(snap.params[start:end])))


def test_a_clicked_edge_opens_the_panel_at_its_weight(qtbot, window):
    panel = panel_of(window)
    assert not panel.isVisible()
    index = steep_weight(window)
    window.graph.edge_selected.emit(index)
    snap = window.current_snapshot()
    assert panel.isVisible()
    assert panel.index == index
    assert panel.name.text() == snap.architecture.parameter_name(index)
    assert panel.box.value() == pytest.approx(float(snap.params[index]), abs=5e-5)
    assert panel.slider.value() == 0  # centred on the weight as it is
    assert not panel.undo_button.isEnabled()
    # It lies over the graph's lower edge, inside it.
    area = window.graph.plot_widget.rect()
    assert area.contains(panel.geometry())


def test_a_typed_thousandth_shows_predicted_and_real_change_within_one_percent(qtbot, window):
    index = steep_weight(window)
    window.graph.edge_selected.emit(index)
    panel = panel_of(window)
    old = float(window.current_snapshot().params[index])
    panel.box.setValue(old + 1e-3)
    snap = weight_edit_after(qtbot, window, -1)
    nudge = snap.weight_edit.nudge
    assert nudge.index == index
    assert nudge.relative_gap < 0.01
    qtbot.wait_until(lambda: panel.real.text() == signed(nudge.real))
    assert panel.predicted.text() == signed(nudge.predicted)
    assert panel.change.text() == signed(nudge.delta)
    assert str(nudge.batch_size) in panel.real_head.text()
    assert panel.undo_button.isEnabled()


def test_a_drag_then_undo_gives_back_the_very_same_weights(qtbot, window):
    before = window.current_snapshot().params.copy()
    index = steep_weight(window)
    window.graph.edge_selected.emit(index)
    panel = panel_of(window)
    serial = -1
    for drag in ((150, 400, 900), (-300, -1200)):
        panel.slider.setSliderDown(True)
        for tick in drag:
            panel.slider.setValue(tick)
            serial = weight_edit_after(qtbot, window, serial).weight_edit.serial
        panel.slider.setSliderDown(False)
    snap = window.current_snapshot()
    assert snap.weight_edit.undo_depth == 2  # two drags, however many moves
    assert snap.params[index] == pytest.approx(panel.centre - 1200 / TICKS_PER_UNIT, abs=1e-6)
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    serial = weight_edit_after(qtbot, window, serial).weight_edit.serial
    panel.setFocus()
    qtbot.keySequence(panel, "Ctrl+Z")
    snap = weight_edit_after(qtbot, window, serial)
    assert snap.weight_edit.undo_depth == 0
    assert snap.params.tobytes() == before.tobytes()
    qtbot.wait_until(lambda: not panel.undo_button.isEnabled())
    assert panel.box.value() == pytest.approx(float(before[index]), abs=5e-5)


def test_a_drag_pauses_training_and_says_so(qtbot, window):
    window.controls.toggle_play()
    qtbot.wait_until(lambda: window.current_snapshot().running, timeout=5000)
    index = steep_weight(window)
    window.graph.edge_selected.emit(index)
    panel = panel_of(window)
    panel.slider.setValue(250)
    snap = weight_edit_after(qtbot, window, -1)
    assert not snap.running
    assert "paused" in window.statusBar().currentMessage()
    step = snap.step
    qtbot.wait(300)
    assert window.current_snapshot().step == step


def test_the_landscape_point_moves_with_a_weight_that_is_one_of_its_axes(qtbot, window):
    window.plots.setCurrentWidget(window.landscape)
    snap = window.current_snapshot()
    first, second = snap.architecture.weight_index(2, 2, 3), steep_weight(window)
    window.graph.edge_selected.emit(first)
    window.graph.edge_selected.emit(second)
    view = window.landscape

    def point() -> tuple[float, float]:
        xs, ys = view.current_point.getData()
        return (float(xs[0]), float(ys[0])) if len(xs) else (np.nan, np.nan)

    start = (float(snap.params[first]), float(snap.params[second]))
    qtbot.wait_until(lambda: point() == pytest.approx(start), timeout=10_000)
    panel = panel_of(window)
    panel.slider.setSliderDown(True)
    panel.slider.setValue(700)
    moved = weight_edit_after(qtbot, window, -1)
    target = float(moved.params[second])
    assert target == pytest.approx(float(snap.params[second]) + 0.7, abs=1e-6)
    # While the drag goes on the point moves across the map as it is.
    qtbot.wait_until(lambda: point() == pytest.approx((start[0], target)))
    drawn = view.image.image.copy()
    # After it the map is drawn again around the new weights, the point on them.
    panel.slider.setSliderDown(False)
    qtbot.wait_until(lambda: not np.array_equal(view.image.image, drawn), timeout=10_000)
    assert point() == pytest.approx((start[0], target))
    low, high = view.plot.getAxis("left").range
    assert low < target < high


def test_the_stage_network_scene_has_a_panel_of_its_own_at_the_stages_text_size(qtbot, window):
    window.show_stage(True)  # it opens on its first scene, the network
    assert window.stage.current_name() == "network"
    scene = window.stage.scene_named("network")
    qtbot.wait_until(lambda: scene.graph in window.weights.panels)
    panel = panel_of(window, scene.graph)
    index = steep_weight(window)
    scene.graph.edge_selected.emit(index)
    assert panel.isVisible()
    assert panel.font().pixelSize() == window.stage.text_px
    panel.box.setValue(0.125)
    snap = weight_edit_after(qtbot, window, -1)
    assert snap.params[index] == pytest.approx(0.125, abs=1e-7)
    qtbot.wait_until(lambda: panel.real.text() != "–")
    # The stage's legibility: no text under its smallest size, none cut short.
    assert min(px for px, _what in text_sizes(panel)) >= MIN_TEXT_PX
    labels = panel.findChildren(QLabel)
    qtbot.wait_until(lambda: all(lb.width() >= lb.sizeHint().width() for lb in labels))


def test_no_weight_is_set_by_hand_while_the_step_through_runs(qtbot, window):
    window.plots.setCurrentWidget(window.lesson_scroll)
    qtbot.wait_until(lambda: window.lesson.active)
    window.graph.edge_selected.emit(steep_weight(window))
    assert not panel_of(window).isVisible()


def test_the_slider_reaches_two_either_side_in_steps_of_a_thousandth():
    panel = WeightPanel()
    panel.choose(5, "w1[0,5]", 0.25)
    assert panel.slider.maximum() == round(SLIDER_REACH * TICKS_PER_UNIT)
    chosen = []
    panel.value_chosen.connect(lambda value, goes_on: chosen.append((value, goes_on)))
    panel.slider.setValue(1)
    assert chosen == [(pytest.approx(0.251), False)]
    assert signed(-1.234e-5) == "\u22121.23 × 10\u207b\u2075"
    assert signed(0.001) == "+0.001"


def test_the_weights_name_tag_dragged_up_on_the_graph_raises_the_weight(qtbot, window):
    index = steep_weight(window)
    window.graph.edge_selected.emit(index)
    drag = window.weights.edge_drags[window.graph]
    qtbot.wait_until(lambda: drag.tag_position() is not None)
    start = float(window.current_snapshot().params[index])
    viewport = window.graph.plot_widget.viewport()
    tag = drag.tag_position().toPoint()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=tag)
    assert drag.dragging()
    for up in (10, 30, 50):
        qtbot.mouseMove(viewport, QPoint(tag.x(), tag.y() - up))
    snap = weight_edit_after(qtbot, window, -1)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(tag.x(), tag.y() - 50))
    qtbot.wait_until(
        lambda: window.current_snapshot().params[index] == pytest.approx(start + 50 / PX_PER_UNIT)
    )
    snap = window.current_snapshot()
    assert snap.weight_edit.undo_depth == 1  # one drag
    assert snap.weight_edit.nudge.old_value == start
    assert not drag.dragging()
    # A press away from the tag is the graph's: nothing is dragged.
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not drag.dragging()


class SentCommands:
    """A stand-in host (``app.ui.host.ViewHost``): keeps what would go to the worker."""

    def __init__(self) -> None:
        self.sent: list = []

    def send(self, command) -> None:
        self.sent.append(command)

    def current_snapshot(self):
        return None

    def hold_frame(self) -> None:
        pass

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        pass


def test_a_fast_drag_sends_its_newest_move_at_a_bounded_rate_and_always_its_last(qtbot):
    graph = NetworkGraphView()
    qtbot.addWidget(graph)
    host = SentCommands()
    editor = WeightEditor(host, graph)
    panel = editor.panels[graph]
    panel.choose(40, "w1[0,40]", 0.0)
    panel.slider.setSliderDown(True)
    for tick in range(1, 101):  # a hundred mouse moves at once
        panel.slider.setValue(tick)
    assert [c.value for c in host.sent] == [pytest.approx(0.001)]  # the first goes at once
    qtbot.wait_until(lambda: len(host.sent) == 2)
    assert host.sent[1] == cmd.SetWeight(40, pytest.approx(0.1), True)  # the newest
    panel.slider.setValue(150)
    panel.slider.setSliderDown(False)  # released: the last move goes now
    assert host.sent[-1] == cmd.SetWeight(40, pytest.approx(0.15), True)
    assert len(host.sent) == 3
    panel.box.setValue(99.0)  # typed past the limit: the box stops at it
    assert host.sent[-1] == cmd.SetWeight(40, MAX_HAND_WEIGHT, False)


def test_no_weight_is_set_by_hand_on_the_stage_while_a_lessons_question_waits(
    qtbot, window, monkeypatch
):
    window.show_stage(True)
    scene = window.stage.scene_named("network")
    qtbot.wait_until(lambda: scene.graph in window.weights.panels)
    monkeypatch.setattr(window.stage.lesson, "holds_training", lambda: True)
    scene.graph.edge_selected.emit(steep_weight(window))
    assert not panel_of(window, scene.graph).isVisible()
    monkeypatch.setattr(window.stage.lesson, "holds_training", lambda: False)
    scene.graph.edge_selected.emit(steep_weight(window))
    assert panel_of(window, scene.graph).isVisible()
