"""The step-through lesson: the panel's walk through one step, its nudges table, and the
network graph drawing each sub-step (plus the neuron lab's click and marks).

Steps are planned with the real engine (``plan_step``) on a ``Trainer`` over the bundled
digits, as the window's worker will plan them.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from app.core.lesson import LessonStep, plan_step
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.data.datasets import load_bundled
from app.ui.graph.layout import activation_shade
from app.ui.graph.view import NetworkGraphView
from app.ui.lesson_panel import LessonPanel
from tests.test_network_graph import isolated_edge, make_snapshot

TWO_HIDDEN = (784, 16, 16, 10)
ONE_HIDDEN = (784, 16, 10)
FOUR_HIDDEN = (784, 20, 12, 9, 7, 10)
ARCHITECTURES = [TWO_HIDDEN, ONE_HIDDEN, FOUR_HIDDEN]
BATCH = 6
LEARNING_RATE = 0.5


@functools.cache
def bundled():
    return load_bundled()


def make_step(
    sizes=TWO_HIDDEN,
    granularity="batch",
    *,
    loss="mse",
    optimizer="gd",
    activation="sigmoid",
) -> LessonStep:
    data = bundled()
    network = Network(Architecture(sizes, activation=activation, loss=loss), seed=2)
    hyper = Hyperparameters(
        learning_rate=LEARNING_RATE, batch_size=BATCH, optimizer=optimizer, seed=3
    )
    trainer = Trainer(network, data.train_x, data.train_y, hyper)
    return plan_step(trainer, granularity)


def ids(sizes):
    return "-".join(map(str, sizes))


def assert_same_frame(got, expected) -> None:
    # LessonFrame holds an array, so == between frames is not a yes/no: field by field.
    assert got.index == expected.index
    assert got.substep == expected.substep
    assert got.known_activations == expected.known_activations
    assert got.gradient_layers == expected.gradient_layers
    assert got.nudged_layers == expected.nudged_layers
    assert got.error_shown == expected.error_shown
    assert got.params is expected.params


def expected_title(substep, n_layers) -> str:
    if substep.kind == "forward":
        return f"Forward: layer {substep.layer} of {n_layers}"
    if substep.kind == "backward":
        return f"Backward: weight layer {substep.layer}"
    return {"error": "Error", "update": "Update"}[substep.kind]


@pytest.fixture
def panel(qtbot) -> LessonPanel:
    widget = LessonPanel()
    qtbot.addWidget(widget)
    widget.resize(520, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def graph(qtbot) -> NetworkGraphView:
    widget = NetworkGraphView()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def grabbed_rgb(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = pixels.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].astype(int)  # BGRA in memory → RGB


def viewport_point(view: NetworkGraphView, point: QPointF) -> QPoint:
    return view.plot_widget.mapFromScene(view.viewbox.mapViewToScene(point))


# -- the panel ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=ids)
def test_the_panel_walks_forward_error_backward_update(panel, qtbot, sizes):
    step = make_step(sizes)
    big_l = len(sizes) - 1
    with qtbot.waitSignal(panel.frame_changed, timeout=1000) as blocker:
        panel.show_step(step)
    assert_same_frame(blocker.args[0], step.frame(0))
    assert panel.step() is step
    seen = [(panel.current_frame().substep.kind, panel.current_frame().substep.layer)]
    for i in range(1, len(step)):
        with qtbot.waitSignal(panel.frame_changed, timeout=1000) as blocker:
            panel.next_substep()
        assert_same_frame(blocker.args[0], step.frame(i))
        assert_same_frame(panel.current_frame(), step.frame(i))
        assert panel.title.text() == expected_title(step.substeps[i], big_l)
        assert panel.position_label.text() == f"sub-step {i + 1} of {2 * big_l + 2}"
        assert panel.explanation.text()
        seen.append((panel.current_frame().substep.kind, panel.current_frame().substep.layer))
    assert seen == (
        [("forward", k) for k in range(1, big_l + 1)]
        + [("error", big_l)]
        + [("backward", k) for k in range(big_l, 0, -1)]
        + [("update", big_l)]
    )


def test_previous_goes_back_and_stops_at_the_first_substep(panel, qtbot):
    step = make_step()
    panel.show_step(step)
    for _ in range(4):
        panel.next_substep()
    with qtbot.waitSignal(panel.frame_changed, timeout=1000) as blocker:
        qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert_same_frame(blocker.args[0], step.frame(3))
    for _ in range(3):
        panel.previous_substep()
    assert panel.current_frame().index == 0
    assert not panel.previous_button.isEnabled()
    with qtbot.assertNotEmitted(panel.frame_changed):
        panel.previous_substep()
    assert panel.current_frame().index == 0


def test_next_on_update_asks_for_the_real_step_once(panel, qtbot):
    step = make_step()
    panel.show_step(step)
    for _ in range(len(step) - 1):
        panel.next_substep()
    assert panel.current_frame().substep.kind == "update"
    with (
        qtbot.waitSignal(panel.step_finished, timeout=1000),
        qtbot.assertNotEmitted(panel.frame_changed),
    ):
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.waiting_for_step
    assert not panel.next_button.isEnabled()
    # A second press before the window has planned the next step must not take two steps.
    with qtbot.assertNotEmitted(panel.step_finished):
        panel.next_substep()
    following = make_step(ONE_HIDDEN)
    with qtbot.waitSignal(panel.frame_changed, timeout=1000) as blocker:
        panel.show_step(following)
    assert_same_frame(blocker.args[0], following.frame(0))
    assert not panel.waiting_for_step
    assert panel.next_button.isEnabled()


def test_auto_play_advances_at_its_pace_and_finishes_the_step(panel, qtbot):
    step = make_step(ONE_HIDDEN)
    panel.show_step(step)
    panel.set_pace(0.5)
    assert panel.timer.interval() == 500
    panel.set_auto_play(True)
    assert panel.auto_play_button.isChecked()
    assert panel.auto_playing
    with qtbot.waitSignal(panel.frame_changed, timeout=3000) as blocker:
        pass
    assert blocker.args[0].index == 1
    for _ in range(len(step) - 2):
        qtbot.waitSignal(panel.frame_changed, timeout=3000).wait()
    assert panel.current_frame().substep.kind == "update"
    with qtbot.waitSignal(panel.step_finished, timeout=3000):
        pass
    # The toggle button drives the same switch.
    qtbot.mouseClick(panel.auto_play_button, Qt.MouseButton.LeftButton)
    assert not panel.auto_playing
    panel.set_pace(99)
    assert panel.pace == 5.0


def test_leave_stops_auto_play_and_says_closed(panel, qtbot):
    panel.show_step(make_step())
    panel.set_auto_play(True)
    with qtbot.waitSignal(panel.closed, timeout=1000):
        qtbot.mouseClick(panel.leave_button, Qt.MouseButton.LeftButton)
    assert not panel.auto_playing
    assert not panel.auto_play_button.isChecked()


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_the_nudges_table_averages_the_wanted_changes(panel, loss):
    step = make_step(loss=loss)
    big_l = step.n_layers
    panel.show_step(step)
    for _ in range(big_l):
        assert not panel.table.isVisible()
        assert panel.nudges_table_values().shape[0] == 0
        panel.next_substep()
    assert panel.current_frame().substep.kind == "error"
    assert panel.table.isVisible()
    values = panel.nudges_table_values()
    assert values.shape == (BATCH + 1, 10)
    np.testing.assert_allclose(values[:BATCH], step.wanted)
    average = values[BATCH]
    np.testing.assert_allclose(average, values[:BATCH].mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(average, -step.nudges[big_l].mean(axis=0), rtol=1e-12)
    headers = [panel.table.verticalHeaderItem(r).text() for r in range(BATCH + 1)]
    assert headers[:BATCH] == [f"#{b + 1}: a {int(d)}" for b, d in enumerate(step.labels)]
    assert headers[BATCH] == "average"
    assert panel.table.verticalHeaderItem(BATCH).font().bold()
    for r in range(BATCH + 1):
        for j in range(10):
            colour = panel.table.item(r, j).background().color()
            if values[r, j] > 0:
                assert colour.blue() > colour.red()
            elif values[r, j] < 0:
                assert colour.red() > colour.blue()
            else:
                assert colour == QColor("#ffffff")
    assert "average" in panel.explanation.text()

    while panel.current_frame().substep.kind != "update":
        panel.next_substep()
        assert panel.table.isVisible()
    values = panel.nudges_table_values()
    assert values.shape == (BATCH + 2, 10)
    # The update uses the average: the output biases move by η × the mean wanted change,
    # pushed through each output's slope (the engine's identity for each loss).
    _, b0, b1 = step.architecture.offsets[-1]
    bias_change = values[-1]
    np.testing.assert_allclose(bias_change, step.change[b0:b1], rtol=1e-12)
    a, y = step.activations[-1], step.targets
    if loss == "mse":
        expected = LEARNING_RATE * (step.wanted * a * (1 - a)).mean(axis=0)
    else:
        expected = LEARNING_RATE * (y - a).mean(axis=0)
    np.testing.assert_allclose(bias_change, expected, rtol=1e-9, atol=1e-15)
    assert "η × (−average gradient)" in panel.explanation.text()


def test_one_example_has_one_row_and_names_its_wish(panel):
    step = make_step(granularity="example")
    digit = int(step.labels[0])
    panel.show_step(step)
    while panel.current_frame().substep.kind != "error":
        panel.next_substep()
    values = panel.nudges_table_values()
    assert values.shape == (1, 10)
    np.testing.assert_allclose(values[0], step.wanted[0])
    text = panel.explanation.text()
    assert f"This example is a {digit}: it wants output {digit} up and the others down" in text
    assert f"up by {abs(step.wanted[0, digit]):.3g}" in text
    other = (digit + 1) % 10
    assert f"{other}: {abs(step.wanted[0, other]):.3g}" in text
    assert panel.table.item(0, digit).font().bold()
    while panel.current_frame().substep.kind != "update":
        panel.next_substep()
    assert "η × (−gradient)" in panel.explanation.text()
    assert panel.nudges_table_values().shape == (2, 10)  # the example, then the bias change


def test_the_panel_picture_is_not_blank(panel, qtbot):
    panel.show_step(make_step())
    while panel.current_frame().substep.kind != "error":
        panel.next_substep()
    qtbot.wait(10)
    rgb = grabbed_rgb(panel)
    assert rgb.std() > 20
    red, blue = rgb[..., 0], rgb[..., 2]
    assert ((blue > red + 40).sum()) > 100  # the blue cells of the table
    assert ((red > blue + 40).sum()) > 100  # the orange ones


# -- the graph in lesson mode --------------------------------------------------------------------


def edge_ink(colour: QColor) -> float:
    """How far an edge colour is from the white paper: 0 (invisible) … 255 (full colour)."""
    return (255 - min(colour.red(), colour.green(), colour.blue())) * colour.alphaF()


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=ids)
def test_the_graph_draws_every_frame(graph, sizes):
    step = make_step(sizes)
    big_l = step.n_layers
    for i in range(len(step)):
        frame = step.frame(i)
        graph.show_lesson_frame(step, frame)
        assert graph.lesson_frame is frame
        shades = graph.node_shades()
        assert len(shades) == big_l + 1
        for layer, shade in enumerate(shades):
            if layer < frame.known_activations:
                assert shade is not None
            else:
                assert shade is None
        rings = len(graph._lesson_overlay.rings.data)
        expected_rings = sum(
            int(np.count_nonzero(step.nudges[layer][0])) for layer in frame.nudged_layers
        )
        assert rings == expected_rings
        for edge_bin in graph.edge_bins():
            shown = step.gradient if edge_bin.layer + 1 in frame.gradient_layers else frame.params
            signs = np.sign(shown[edge_bin.flat_indices])
            assert np.all(signs < 0) if edge_bin.negative else np.all(signs > 0)


def test_known_layers_fill_and_deeper_layers_are_empty(graph):
    step = make_step(TWO_HIDDEN)
    frame = step.frame(0)  # after "forward 1": input and hidden layer 1 known
    assert frame.known_activations == 2
    graph.show_lesson_frame(step, frame)
    shades = graph.node_shades()
    np.testing.assert_allclose(shades[1], activation_shade(step.activations[1][0], "sigmoid"))
    assert shades[2] is None
    assert shades[3] is None
    for layer in (2, 3):
        brushes = graph._nodes.columns[layer].brushes
        assert all(b.color() == QColor(255, 255, 255) for b in brushes)
    filled = [b.color() for b in graph._nodes.columns[1].brushes]
    assert any(c != QColor(255, 255, 255) for c in filled)
    assert "first of the batch's 6 examples" in graph.message()
    # The output fills in after "forward 3".
    graph.show_lesson_frame(step, step.frame(2))
    assert graph.node_shades()[3] is not None
    assert graph._winner == int(np.argmax(step.activations[-1][0]))


def test_gradient_layers_light_up_and_the_others_fade(graph):
    step = make_step(TWO_HIDDEN)
    big_l = step.n_layers
    frame = step.frame(big_l + 1)  # "backward 3": weight layer 3 has its gradient
    assert frame.substep.kind == "backward"
    assert frame.gradient_layers == {3}
    graph.show_lesson_frame(step, frame)
    ink = {}
    for edge_bin in graph.edge_bins():
        ink[edge_bin.layer] = max(ink.get(edge_bin.layer, 0.0), edge_ink(edge_bin.color))
    assert ink[2] > 3 * ink[1]  # weight layer 3 (0-based 2) against weight layer 2
    assert ink[2] > 3 * ink[0]
    gradient_indices = np.concatenate([b.flat_indices for b in graph.edge_bins() if b.layer == 2])
    w0, b0, _ = step.architecture.offsets[2]
    assert len(gradient_indices) == np.count_nonzero(step.gradient[w0:b0])


def test_clear_lesson_returns_to_the_snapshot_display(graph):
    snapshot = make_snapshot(TWO_HIDDEN)
    graph.show_snapshot(snapshot)
    step = make_step(TWO_HIDDEN)
    graph.show_lesson_frame(step, step.frame(0))
    assert graph.node_shades()[3] is None
    # A snapshot arriving during the lesson is kept, not drawn.
    graph.show_snapshot(make_snapshot(TWO_HIDDEN, serial=2, seed=4))
    assert graph.lesson_frame is not None
    assert graph.node_shades()[3] is None
    graph.clear_lesson()
    assert graph.lesson_frame is None
    assert len(graph._lesson_overlay.rings.data) == 0
    assert graph.message() == ""
    current = make_snapshot(TWO_HIDDEN, serial=2, seed=4)
    for layer, shade in enumerate(graph.node_shades()):
        np.testing.assert_allclose(
            shade, activation_shade(np.asarray(current.input_view.activations[layer]), "sigmoid")
        )
    for edge_bin in graph.edge_bins():
        signs = np.sign(current.params[edge_bin.flat_indices])
        assert np.all(signs < 0) if edge_bin.negative else np.all(signs > 0)
    ink = max(edge_ink(b.color) for b in graph.edge_bins() if b.layer == 1)
    assert ink > 200  # no longer faded


def test_hovering_a_neuron_in_the_lesson_shows_its_sum_bias_value_and_nudge(graph, qtbot):
    step = make_step(TWO_HIDDEN)
    frame = step.frame(step.n_layers + 1)  # "backward 3": layers 2 and 3 have nudges
    graph.show_lesson_frame(step, frame)
    neuron = 5
    with qtbot.waitSignal(graph.node_hovered, timeout=1000):
        qtbot.mouseMove(
            graph.plot_widget.viewport(), viewport_point(graph, graph.node_position(2, neuron))
        )
    text = graph.hover_card.text.text()

    def shown(x):
        return f"{x:.4g}".replace("-", "−")

    assert shown(step.weighted_sums[2][0, neuron]) in text
    assert shown(step.activations[2][0, neuron]) in text
    bias = step.params_before[step.architecture.bias_index(1, neuron)]
    assert f"bias b = {shown(bias)}" in text
    assert f"nudge dC/da = {shown(step.nudges[2][0, neuron])}" in text


def test_clicking_a_node_says_which_neuron(graph, qtbot):
    step = make_step(TWO_HIDDEN)
    graph.show_lesson_frame(step, step.frame(0))
    with (
        qtbot.waitSignal(graph.neuron_clicked, timeout=1000) as blocker,
        qtbot.assertNotEmitted(graph.edge_selected),
    ):
        qtbot.mouseClick(
            graph.plot_widget.viewport(),
            Qt.MouseButton.LeftButton,
            pos=viewport_point(graph, graph.node_position(2, 3)),
        )
    assert blocker.args == [2, 3]
    with qtbot.assertNotEmitted(graph.neuron_clicked):
        qtbot.mouseClick(graph.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_lab_marks_draw_and_clear(graph, qtbot):
    graph.show_lesson_frame(*first_frame(make_step(TWO_HIDDEN)))
    graph.clear_lesson()
    qtbot.wait(10)
    before = grabbed_rgb(graph)
    graph.show_lab_marks({(1, 2), (2, 7), (1, 9999)})
    assert graph.lab_marks == {(1, 2), (2, 7), (1, 9999)}
    positions = graph.lab_mark_positions()
    assert sorted((p.x(), p.y()) for p in positions) == sorted(
        (graph.node_position(layer, n).x(), graph.node_position(layer, n).y())
        for layer, n in [(1, 2), (2, 7)]
    )
    qtbot.wait(10)
    marked = grabbed_rgb(graph)
    red, green, blue = marked[..., 0], marked[..., 1], marked[..., 2]
    dark_red = (red > 140) & (green < 80) & (blue < 90)
    was_dark_red = (before[..., 0] > 140) & (before[..., 1] < 80) & (before[..., 2] < 90)
    assert dark_red.sum() > was_dark_red.sum() + 10
    # The marks survive a new architecture's scene (the neuron lab stays on).
    graph.show_lesson_frame(*first_frame(make_step(ONE_HIDDEN)))
    assert len(graph.lab_mark_positions()) == 2  # (2, 7) is the output's digit 7 now
    graph.show_lab_marks(set())
    assert graph.lab_mark_positions() == []


def first_frame(step: LessonStep):
    return step, step.frame(0)


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=ids)
def test_the_lesson_picture_is_not_blank(graph, qtbot, sizes):
    step = make_step(sizes)
    graph.show_lesson_frame(step, step.frame(step.n_layers))  # "error"
    qtbot.wait(10)
    rgb = grabbed_rgb(graph)
    assert rgb.std() > 20
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    assert ((blue > red + 60) & (blue > green + 20)).sum() > 50
    assert ((red > blue + 100) & (red > green + 40)).sum() > 50


def test_the_graph_controls_say_what_to_try(graph):
    assert "press Step" in graph._toolbar.mode_box.toolTip()
    assert "10 %" in graph._toolbar.percent_box.toolTip()


def test_hovering_before_the_neuron_is_computed_and_an_edge_at_the_update(graph, qtbot):
    step = make_step(TWO_HIDDEN)
    graph.show_lesson_frame(step, step.frame(0))
    viewport = graph.plot_widget.viewport()
    with qtbot.waitSignal(graph.node_hovered, timeout=1000):
        qtbot.mouseMove(viewport, viewport_point(graph, graph.node_position(3, 4)))
    assert "not computed yet" in graph.hover_card.text.text()
    assert "nudge" not in graph.hover_card.text.text()

    update = step.frame(len(step) - 1)
    graph.show_lesson_frame(step, update)
    qtbot.mouseMove(viewport, QPoint(5, 5))
    qtbot.wait_until(lambda: not graph.hover_card.isVisible(), timeout=1000)
    index = isolated_edge(graph, 2)
    qtbot.mouseMove(viewport, viewport_point(graph, graph.edge_midpoint(index)))
    qtbot.wait_until(lambda: graph.hover_card.isVisible(), timeout=1000)
    text = graph.hover_card.text.text()
    assert step.architecture.parameter_name(index) in text
    assert f"gradient dC/dw = {step.gradient[index]:.4g}".replace("-", "−") in text
    assert f"new weight {step.params_after[index]:.4g}".replace("-", "−") in text


def test_a_language_change_keeps_the_sub_step_in_words(panel, graph):
    from PySide6.QtCore import QCoreApplication, QEvent

    step = make_step()
    panel.show_step(step)
    panel.next_substep()
    graph.show_lesson_frame(step, panel.current_frame())
    before = (panel.title.text(), panel.explanation.text(), graph.message())
    QCoreApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    QCoreApplication.sendEvent(graph, QEvent(QEvent.Type.LanguageChange))
    assert (panel.title.text(), panel.explanation.text(), graph.message()) == before
    assert graph.lesson_frame.index == 1


def test_sentences_join_with_a_space_in_english_and_none_in_chinese():
    from app.ui.i18n import join_sentences

    assert join_sentences(["One.", "Two."]) == "One. Two."
    assert join_sentences(["第一句。", "第二句。"]) == "第一句。第二句。"
    assert join_sentences(["輸出 2：", "2(y − a)"]) == "輸出 2：2(y − a)"
    assert join_sentences([]) == ""


def test_in_chinese_every_sub_step_reads_without_gaps_between_sentences(panel, qapp):
    from app.ui import i18n

    assert i18n.install_language("zh_TW", qapp) == "zh_TW"
    try:
        step = make_step()
        panel.show_step(step)
        texts = []
        for i in range(len(step)):
            if i:
                panel.next_substep()
            texts += [panel.explanation.text(), panel.table_caption.text()]
        joined = "\n".join(texts)
        assert "。" in joined
        assert "。 " not in joined
        assert "： " not in joined
    finally:
        i18n.install_language("en", qapp)
