"""What the hover card says, from the plain functions alone: no view, no scene."""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import pytest

from app.core.network import Architecture
from app.ui import i18n
from app.ui.graph import hover_text
from app.ui.graph.layout import graph_layout
from tests.test_lesson_panel import make_step
from tests.test_network_graph import make_snapshot


def shown(value: float) -> str:
    return f"{value:.4g}".replace("-", "−")


@functools.cache
def default_layout():
    return graph_layout(Architecture((784, 16, 16, 10)))


@functools.cache
def lesson_step():
    return make_step()


def test_a_first_hidden_neuron_shows_its_numbers_and_the_picture_it_looks_for():
    layout, snapshot = default_layout(), make_snapshot()
    view = snapshot.input_view
    text = hover_text.node_text(layout, 1, 4, view, snapshot)
    lines = text.split("<br>")
    assert lines[0] == "<b>Hidden layer 1 · neuron 4</b>"
    assert lines[1] == f"value a = {shown(view.activations[1][4])}"
    assert lines[2] == f"weighted sum z = {shown(view.weighted_sums[1][4])}"
    bias = snapshot.params[snapshot.architecture.bias_index(0, 4)]
    assert lines[3] == f"bias b = {shown(bias)}"
    inset, caption = hover_text.node_inset(layout, 1, 4, snapshot)
    start = snapshot.architecture.offsets[0][0] + 4 * 784
    np.testing.assert_array_equal(inset, snapshot.params[start : start + 784].reshape(28, 28))
    assert "What it looks for" in caption
    assert hover_text.node_inset(layout, 2, 4, snapshot) == (None, "")


def test_inputs_are_named_by_row_and_column_and_outputs_by_their_digit():
    layout = default_layout()
    assert hover_text.node_title(layout, 0, 2 * 28 + 5) == "Input pixel 61 (row 2, column 5)"
    assert hover_text.node_title(layout, 3, 7) == "Output: digit 7"
    assert hover_text.end_name(layout, 0, 2 * 28 + 5) == "pixel (2, 5)"
    assert hover_text.end_name(layout, 3, 7) == "digit 7"
    assert hover_text.end_name(layout, 2, 1) == "Hidden layer 2 #1"
    plain = graph_layout(Architecture((20, 8, 3)))
    assert hover_text.node_title(plain, 0, 5) == "Input · neuron 5"
    assert hover_text.node_title(plain, 2, 1) == "Output · neuron 1"
    assert hover_text.layer_name(plain, 1) == "Hidden layer"  # the only one: no number


def test_a_neuron_with_no_input_and_no_snapshot_says_so():
    text = hover_text.node_text(default_layout(), 2, 3, None, None)
    assert text.split("<br>") == ["<b>Hidden layer 2 · neuron 3</b>", "no input to show"]
    assert hover_text.node_inset(default_layout(), 1, 3, None) == (None, "")


def test_an_edge_names_its_weight_its_ends_and_its_last_step():
    layout, snapshot = default_layout(), make_snapshot()
    edges = layout.edges[1]
    e = 3 * 16 + 5
    index = int(edges.flat_index[e])
    lines = hover_text.edge_text(layout, 1, e, snapshot).split("<br>")
    assert lines[0] == "<b>w2[3,5]</b>"
    assert lines[1] == "Hidden layer 1 #5 → Hidden layer 2 #3"
    assert lines[2] == f"weight {shown(snapshot.params[index])}"
    assert lines[3] == f"last gradient {shown(snapshot.gradient[index])}"
    assert lines[4] == f"last change {shown(snapshot.change[index])}"
    assert "click to choose" in lines[5]
    unstepped = replace(snapshot, gradient=None, change=None)
    assert "no step yet" in hover_text.edge_text(layout, 1, e, unstepped).split("<br>")


def test_a_lesson_neuron_shows_only_what_is_known_at_the_sub_step():
    layout, step = default_layout(), lesson_step()
    first = hover_text.lesson_node_text(layout, 2, 3, step, step.frame(0)).split("<br>")
    assert first[1] == "for the batch's first example"
    assert "not computed yet: press Next" in first
    assert not any("nudge" in line for line in first)
    update = step.frame(step.n_layers * 2 + 1)
    assert update.substep.kind == "update"
    lines = hover_text.lesson_node_text(layout, 2, 3, step, update).split("<br>")
    assert f"value a = {shown(step.activations[2][0, 3])}" in lines
    assert f"nudge dC/da = {shown(float(step.nudges[2][0, 3]))}" in lines
    new_bias = step.params_after[step.architecture.bias_index(1, 3)]
    assert lines[-1] == f"new bias = {shown(new_bias)}"
    output = hover_text.lesson_node_text(layout, 3, 0, step, update).split("<br>")
    assert f"target y = {shown(step.targets[0, 0])}" in output


def test_a_lesson_edge_shows_its_gradient_once_known_and_its_change_at_the_update():
    layout, step = default_layout(), lesson_step()
    e = 2 * 16 + 1
    index = int(layout.edges[1].flat_index[e])
    early = hover_text.lesson_edge_text(layout, 1, e, step, step.frame(0)).split("<br>")
    assert early[2] == f"weight {shown(step.params_before[index])}"
    assert early[3] == "gradient: not known yet"
    update = step.frame(step.n_layers * 2 + 1)
    late = hover_text.lesson_edge_text(layout, 1, e, step, update).split("<br>")
    assert late[3] == f"gradient dC/dw = {shown(step.gradient[index])}"
    assert late[4:] == [
        f"change {shown(step.change[index])}",
        f"new weight {shown(step.params_after[index])}",
    ]


@pytest.fixture
def chinese(qapp):
    assert i18n.install_language("zh_TW", qapp) == "zh_TW"
    yield
    i18n.install_language("en", qapp)


def test_the_texts_are_translated_in_the_graph_s_own_context(chinese):
    layout = default_layout()
    assert hover_text.node_title(layout, 0, 61) == "輸入像素 61（列 2，行 5）"
    assert "它在找什麼" in hover_text.node_inset(layout, 1, 0, make_snapshot())[1]
