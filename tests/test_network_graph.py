"""The live network graph: layout, edge bins and colours, the strongest filter, mouse picking.

Snapshots are made with the real engine: a seeded ``Network``, its gradient on a small batch of
random pixels, and the forward pass of one of them as the input view.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage

from app.core.network import Architecture, Network
from app.core.training import Hyperparameters
from app.training.snapshot import InputView, Snapshot, frozen
from app.ui.graph.layout import (
    LEGIBLE_NODES,
    MAX_INPUT_CELLS,
    NODES_SHOWN_WHEN_CUT,
    graph_layout,
)
from app.ui.graph.view import NetworkGraphView

DEFAULT = (784, 16, 16, 10)
ARCHITECTURES = [DEFAULT, (784, 10), (784, 128, 64, 32, 16, 10), (784, 100, 10)]
LEARNING_RATE = 0.5


def make_snapshot(
    sizes: tuple[int, ...] = DEFAULT,
    *,
    serial: int = 1,
    stepped: bool = True,
    activation: str = "sigmoid",
    seed: int = 0,
) -> Snapshot:
    architecture = Architecture(sizes, activation=activation)
    network = Network(architecture, seed=seed)
    rng = np.random.default_rng(seed + 1)
    x = rng.random((8, sizes[0]))
    labels = rng.integers(0, sizes[-1], size=8)
    _, gradients = network.gradient(x, labels)
    forward = network.forward(x[:1])
    probabilities = network.predict_proba(x[:1])[0]
    input_view = InputView(
        image=frozen(x[0].reshape(28, 28)),
        activations=tuple(frozen(a[0]) for a in forward.activations),
        weighted_sums=tuple(None if z is None else frozen(z[0]) for z in forward.weighted_sums),
        probabilities=frozen(probabilities),
        label=int(labels[0]),
        source="training",
    )
    gradient = gradients.flat if stepped else None
    return Snapshot(
        serial=serial,
        architecture=architecture,
        hyper=Hyperparameters(learning_rate=LEARNING_RATE),
        params=frozen(network.params),
        gradient=frozen(gradient),
        change=frozen(None if gradient is None else -LEARNING_RATE * gradient),
        step=1 if stepped else 0,
        epoch=0,
        position_in_epoch=8 if stepped else 0,
        n_train=4500,
        dataset_name="random pixels",
        loss_steps=np.zeros(0),
        loss_values=np.zeros(0),
        epochs=(),
        watched=None,
        last_loss=gradients.loss if stepped else None,
        running=False,
        steps_per_second=0.0,
        input_view=input_view,
    )


def drawn_sizes(sizes: tuple[int, ...]) -> list[int]:
    out = []
    for layer, n in enumerate(sizes):
        if (layer == 0 and n <= MAX_INPUT_CELLS) or n <= LEGIBLE_NODES:
            out.append(n)
        else:
            out.append(NODES_SHOWN_WHEN_CUT)
    return out


def drawn_segments(view: NetworkGraphView) -> int:
    return sum(len(b.flat_indices) for b in view.edge_bins())


@pytest.fixture
def view(qtbot) -> NetworkGraphView:
    widget = NetworkGraphView()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def viewport_point(view: NetworkGraphView, point: QPointF) -> QPoint:
    """Where a view-coordinate point is on the graphics view's viewport, in pixels."""
    return view.plot_widget.mapFromScene(view.viewbox.mapViewToScene(point))


def grabbed_rgb(view: NetworkGraphView) -> np.ndarray:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = pixels.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].astype(int)  # BGRA in memory → RGB


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
def test_every_weight_between_drawn_neurons_is_one_segment(view, sizes):
    snapshot = make_snapshot(sizes)
    view.show_snapshot(snapshot)

    assert view.architecture == snapshot.architecture
    drawn = drawn_sizes(sizes)
    expected = sum(drawn[i] * drawn[i + 1] for i in range(len(sizes) - 1))
    assert drawn_segments(view) == expected
    bins = view.edge_bins()
    for edge_bin in bins:
        assert edge_bin.x.shape == edge_bin.y.shape == (len(edge_bin.flat_indices), 2)
    indices = np.concatenate([b.flat_indices for b in bins])
    assert len(np.unique(indices)) == expected


def test_layer_too_tall_shows_its_first_neurons_and_how_many_more(view):
    view.show_snapshot(make_snapshot((784, 128, 64, 32, 16, 10)))
    texts = [
        item.toPlainText() for item in view.viewbox.addedItems if isinstance(item, pg.TextItem)
    ]
    hidden = 128 - NODES_SHOWN_WHEN_CUT
    assert [t for t in texts if "more" in t] == [f"… {hidden} more"]
    for title in ("Input 784", "Hidden 128", "Hidden 64", "Hidden 16", "Output 10"):
        assert title in texts
    assert view.node_position(1, NODES_SHOWN_WHEN_CUT - 1) is not None
    assert view.node_position(1, NODES_SHOWN_WHEN_CUT) is None
    assert view.node_position(2, 63) is not None


def test_segments_run_between_the_right_neurons(view):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    layout = graph_layout(snapshot.architecture)
    arch = snapshot.architecture
    for edge_bin in view.edge_bins():
        x, y = edge_bin.x, edge_bin.y
        w0 = arch.offsets[edge_bin.layer][0]
        to_neuron, from_neuron = np.divmod(
            edge_bin.flat_indices - w0, arch.layer_sizes[edge_bin.layer]
        )
        source, target = layout.columns[edge_bin.layer], layout.columns[edge_bin.layer + 1]
        np.testing.assert_allclose(y[:, 0], source.ys[from_neuron])
        np.testing.assert_allclose(y[:, 1], target.ys[to_neuron])
        assert np.all(x[:, 0] < x[:, 1])


@pytest.mark.parametrize("mode", ["weights", "gradients", "change"])
def test_positive_values_are_blue_and_negative_orange(view, mode):
    snapshot = make_snapshot()
    view.set_edge_mode(mode)
    view.show_snapshot(snapshot)
    values = {"weights": snapshot.params, "gradients": snapshot.gradient}.get(mode, snapshot.change)
    bins = view.edge_bins()
    assert {b.negative for b in bins} == {False, True}
    for edge_bin in bins:
        signs = np.sign(values[edge_bin.flat_indices])
        red, blue = edge_bin.color.red(), edge_bin.color.blue()
        if edge_bin.negative:
            assert np.all(signs < 0)
            assert red > blue  # orange, or an orange tint for a faint edge
        else:
            assert np.all(signs > 0)
            assert blue > red  # blue, or a blue tint


def test_stronger_edges_are_more_opaque(view):
    view.show_snapshot(make_snapshot())
    first_layer = [b for b in view.edge_bins() if b.layer == 0 and not b.negative]
    alphas = [b.color.alpha() for b in sorted(first_layer, key=lambda b: b.level)]
    assert alphas == sorted(alphas)
    assert alphas[0] < alphas[-1]


def test_strongest_ten_percent_keeps_the_largest_tenth_of_each_layer(view):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    view.set_strongest_percent(10)
    arch = snapshot.architecture
    for layer in range(arch.n_layers):
        w0, b0, _ = arch.offsets[layer]
        everything = np.arange(w0, b0)
        kept = np.concatenate([b.flat_indices for b in view.edge_bins() if b.layer == layer])
        assert len(kept) == math.ceil(0.1 * len(everything))
        dropped = np.setdiff1d(everything, kept)
        magnitude = np.abs(snapshot.params)
        assert magnitude[kept].min() >= magnitude[dropped].max()
    view.set_strongest_percent(100)
    assert drawn_segments(view) == arch.n_weights


def test_gradients_before_the_first_step_show_a_calm_note_and_no_edges(view):
    view.show_snapshot(make_snapshot(stepped=False))
    assert view.message() == ""
    view.set_edge_mode("gradients")
    assert view.edge_mode == "gradients"
    assert drawn_segments(view) == 0
    assert "first step" in view.message()
    view.set_edge_mode("change")
    assert drawn_segments(view) == 0
    assert "first step" in view.message()
    view.set_edge_mode("weights")
    assert drawn_segments(view) == 12_960
    assert view.message() == ""


def test_unknown_edge_mode_is_refused(view):
    with pytest.raises(ValueError, match="unknown edge mode"):
        view.set_edge_mode("biases")


def test_a_snapshot_already_shown_is_skipped(view):
    view.show_snapshot(make_snapshot(serial=5, seed=0))
    before = view.edge_bins()
    view.show_snapshot(make_snapshot(serial=5, seed=1))
    after = view.edge_bins()
    assert [(b.layer, b.negative, b.level) for b in before] == [
        (a.layer, a.negative, a.level) for a in after
    ]
    for b, a in zip(before, after, strict=True):
        np.testing.assert_array_equal(b.flat_indices, a.flat_indices)
    view.show_snapshot(make_snapshot(serial=6, seed=1))
    changed = any(
        not np.array_equal(b.flat_indices, a.flat_indices)
        for b, a in zip(before, view.edge_bins(), strict=False)
    )
    assert changed


def test_the_architecture_follows_the_snapshot(view):
    view.show_snapshot(make_snapshot(DEFAULT, serial=1))
    view.show_snapshot(make_snapshot((784, 32, 10), serial=2))
    assert view.architecture.layer_sizes == (784, 32, 10)
    assert drawn_segments(view) == 784 * 32 + 32 * 10


def isolated_edge(view: NetworkGraphView, layer: int, clearance_px: float = 4.0) -> int:
    """A drawn edge of ``layer`` whose midpoint no other drawn edge comes near.

    Edges between evenly spaced columns cross exactly at many midpoints (k + j constant), so
    a click there is ambiguous; the test clicks where only one edge is.
    """
    bins = [b for b in view.edge_bins() if b.layer == layer]
    indices = np.concatenate([b.flat_indices for b in bins])
    x = np.concatenate([b.x for b in bins])
    y = np.concatenate([b.y for b in bins])
    pixel = view.viewbox.viewPixelSize()[0]
    dx, dy = x[:, 1] - x[:, 0], y[:, 1] - y[:, 0]
    for e in range(len(indices)):
        px, py = x[e].mean(), y[e].mean()
        t = np.clip(((px - x[:, 0]) * dx + (py - y[:, 0]) * dy) / (dx * dx + dy * dy), 0, 1)
        distance = np.hypot(x[:, 0] + t * dx - px, y[:, 0] + t * dy - py)
        distance[e] = np.inf
        if distance.min() > clearance_px * pixel:
            return int(indices[e])
    raise AssertionError(f"no isolated edge in weight layer {layer}")


@pytest.mark.parametrize(("layer", "percent"), [(0, 1), (1, 100), (2, 100)])
def test_clicking_an_edge_emits_its_flat_index(view, qtbot, layer, percent):
    view.show_snapshot(make_snapshot())
    view.set_strongest_percent(percent)
    index = isolated_edge(view, layer)
    with qtbot.waitSignal(view.edge_selected, timeout=1000) as blocker:
        qtbot.mouseClick(
            view.plot_widget.viewport(),
            Qt.MouseButton.LeftButton,
            pos=viewport_point(view, view.edge_midpoint(index)),
        )
    assert blocker.args == [index]


def test_clicking_empty_space_selects_nothing(view, qtbot):
    view.show_snapshot(make_snapshot())
    with qtbot.assertNotEmitted(view.edge_selected):
        qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_hovering_a_first_hidden_neuron_shows_what_it_looks_for(view, qtbot):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    neuron = 4
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(
            view.plot_widget.viewport(), viewport_point(view, view.node_position(1, neuron))
        )
    assert blocker.args == [1, neuron]
    card = view.hover_card
    assert card.isVisible()
    assert card.inset_visible
    arch = snapshot.architecture
    start = arch.offsets[0][0] + neuron * 784
    expected = snapshot.params[start : start + 784].reshape(28, 28)
    np.testing.assert_array_equal(card.inset_image.image, expected)
    text = card.text.text()
    view_ = snapshot.input_view
    assert "neuron 4" in text
    assert f"{view_.activations[1][neuron]:.4g}".replace("-", "−") in text
    assert f"{view_.weighted_sums[1][neuron]:.4g}".replace("-", "−") in text
    bias = snapshot.params[arch.bias_index(0, neuron)]
    assert f"bias b = {bias:.4g}".replace("-", "−") in text


def test_hovering_an_output_neuron_has_no_picture(view, qtbot):
    view.show_snapshot(make_snapshot())
    qtbot.mouseMove(view.plot_widget.viewport(), viewport_point(view, view.node_position(3, 7)))
    qtbot.waitUntil(lambda: view.hover_card.isVisible(), timeout=1000)
    assert "digit 7" in view.hover_card.text.text()
    assert not view.hover_card.inset_visible


def test_hovering_an_edge_shows_its_weight_and_last_gradient(view, qtbot):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    arch = snapshot.architecture
    index = isolated_edge(view, 2)
    qtbot.mouseMove(view.plot_widget.viewport(), viewport_point(view, view.edge_midpoint(index)))
    qtbot.waitUntil(lambda: view.hover_card.isVisible(), timeout=1000)
    text = view.hover_card.text.text()
    assert arch.parameter_name(index) in text
    assert f"{snapshot.params[index]:.4g}".replace("-", "−") in text
    assert f"{snapshot.gradient[index]:.4g}".replace("-", "−") in text


def test_selected_weights_are_marked_and_biases_ringed(view):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    arch = snapshot.architecture
    view.set_selected((arch.weight_index(1, 3, 5), arch.weight_index(0, 2, 300)))
    assert len(view._selection.line.xData) == 4
    labels = [label.toPlainText() for label in view._selection.labels]
    assert labels == ["w2[3,5]", "w1[2,300]"]
    view.set_selected((arch.bias_index(2, 7),))
    assert len(view._selection.line.xData) == 0
    assert len(view._selection.rings.data) == 1
    view.set_selected(())
    assert len(view._selection.rings.data) == 0


def test_nodes_show_the_input_view_and_the_winner(view):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    answer = snapshot.input_view.answer
    winner_label = view._texts.output_labels[answer]
    assert winner_label.fill.style() != Qt.BrushStyle.NoBrush
    other = view._texts.output_labels[(answer + 1) % 10]
    assert other.fill.style() == Qt.BrushStyle.NoBrush
    # A forward pass of another architecture (a drawing from before a reset) is ignored.
    stale = make_snapshot((784, 32, 10)).input_view
    view.set_input_view(stale)
    assert view._winner == -1
    view.set_input_view(None)
    assert view._winner == answer


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_other_activations_render(view, activation):
    view.show_snapshot(make_snapshot(activation=activation))
    assert drawn_segments(view) == 12_960


def test_the_picture_shows_both_edge_colours(view, qtbot):
    view.show_snapshot(make_snapshot())
    qtbot.wait(10)
    rgb = grabbed_rgb(view)
    assert rgb.std() > 20
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    bluish = (blue > red + 60) & (blue > green + 20)
    orangish = (red > blue + 100) & (red > green + 40)
    assert bluish.sum() > 2000
    assert orangish.sum() > 2000


def test_leaving_a_node_says_so_and_hides_the_card(view, qtbot):
    view.show_snapshot(make_snapshot())
    viewport = view.plot_widget.viewport()
    qtbot.mouseMove(viewport, viewport_point(view, view.node_position(2, 3)))
    qtbot.waitUntil(lambda: view.hover_card.isVisible(), timeout=1000)
    with qtbot.waitSignal(view.node_hovered, timeout=1000) as blocker:
        qtbot.mouseMove(viewport, QPoint(5, 5))
    assert blocker.args == [-1, -1]
    assert not view.hover_card.isVisible()


def test_a_selection_survives_a_change_of_architecture(view):
    snapshot = make_snapshot()
    view.show_snapshot(snapshot)
    arch = snapshot.architecture
    view.set_selected((arch.weight_index(2, 1, 1), arch.bias_index(0, 3)))
    view.show_snapshot(make_snapshot((784, 100, 10), serial=2))
    assert view.selected == (arch.weight_index(2, 1, 1), arch.bias_index(0, 3))
    # In 784-100-10 both indices fall in W[0], between drawn neurons: two marked edges.
    assert len(view._selection.line.xData) == 4


def test_a_diverged_network_draws_without_warnings(view):
    snapshot = make_snapshot()
    params = np.array(snapshot.params)
    params[[0, 1, 12_600]] = [np.inf, -np.inf, np.nan]
    gradient = np.full_like(params, np.nan)
    diverged = replace(snapshot, serial=2, params=frozen(params), gradient=frozen(gradient))
    view.show_snapshot(diverged)
    indices = np.concatenate([b.flat_indices for b in view.edge_bins()])
    assert 0 in indices
    assert 1 in indices
    assert 12_600 not in indices
    top = {
        b.negative: b.level for b in view.edge_bins() if 0 in b.flat_indices or 1 in b.flat_indices
    }
    assert top == {False: 7, True: 7}
    view.set_edge_mode("gradients")
    assert drawn_segments(view) == 0


def test_while_training_runs_the_dense_fan_shows_only_its_strongest_edges(view):
    """Level of detail in motion: the full fan returns as soon as training pauses."""
    from dataclasses import replace

    snapshot = make_snapshot()
    n_fan = 784 * 16
    view.show_snapshot(replace(snapshot, running=True, serial=snapshot.serial + 1))
    running = sum(len(m) for m in view._edges.members[0])
    legend = view.legend_text()
    assert "while training" in legend
    view.show_snapshot(replace(snapshot, running=False, serial=snapshot.serial + 2))
    # The same legend paused: a note that came and went with Play wrapped the legend and
    # resized the graph as training started.
    assert view.legend_text() == legend
    paused = sum(len(m) for m in view._edges.members[0])
    assert running <= 0.26 * n_fan
    assert paused > 0.9 * n_fan


def test_each_weight_layer_paints_its_bins_faint_first_from_one_array(view):
    view.show_snapshot(make_snapshot())
    bins = view.edge_bins()
    for layer, item in enumerate(view._edges.layer_items):
        mine = [b for b in bins if b.layer == layer]
        assert [b.level for b in mine] == sorted(b.level for b in mine)
        assert [(pen.color(), rows) for pen, _, rows in item.runs] == [
            (b.color, len(b.flat_indices)) for b in mine
        ]
        sizes = [len(b.flat_indices) for b in mine]
        assert [first for _, first, _ in item.runs] == np.cumsum([0, *sizes[:-1]]).tolist()
        rows = [np.column_stack([b.x[:, 0], b.y[:, 0], b.x[:, 1], b.y[:, 1]]) for b in mine]
        np.testing.assert_array_equal(item.lines, np.concatenate(rows))


def test_a_node_is_painted_as_dark_as_it_fires(view, qtbot):
    view.show_snapshot(make_snapshot())
    qtbot.wait(10)
    shades = view.node_shades()[1]
    darkest, lightest = int(np.argmax(shades)), int(np.argmin(shades))
    assert shades[darkest] - shades[lightest] > 0.3
    image = view.plot_widget.grab().toImage()

    def grey(neuron: int) -> int:
        point = viewport_point(view, view.node_position(1, neuron))
        return QColor(image.pixel(point)).lightness()

    assert grey(darkest) < grey(lightest) - 60


@pytest.mark.parametrize("size", [(520, 320), (1280, 720)])
def test_titles_digits_and_caption_fit_the_graph_without_overlapping(view, qtbot, size):
    view.show_snapshot(make_snapshot())
    view.resize(*size)
    qtbot.wait_until(lambda: view.plot_widget.width() < size[0] + 1)
    qtbot.wait(50)

    titles, digits, _px = view.label_boxes()
    for left, right in itertools.pairwise(titles):
        assert not left.intersects(right)
    # The digits' glyphs (a text box also holds line spacing and margins) stay apart.
    for upper, lower in itertools.pairwise(digits):
        assert not upper.intersects(lower)
    viewport = QRectF(view.plot_widget.viewport().rect())
    caption = view._input.caption.textItem
    caption_box = caption.mapRectToScene(caption.boundingRect()).adjusted(2, 2, -2, -2)
    for box in [*titles, *digits, caption_box]:
        assert viewport.contains(box)
    shrunk = (
        view._texts.column_titles[0][0].textItem.font().pointSizeF() < view._title_font.pointSizeF()
    )
    assert not shrunk or size == (520, 320)  # full size wherever there is room
