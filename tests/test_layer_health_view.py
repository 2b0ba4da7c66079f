"""The layer health view shows real engine results: gradient sizes, histograms, stuck neurons."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app import PRETRAINED_MODEL
from app.core.layer_health import (
    GradientSizeHistory,
    HiddenLayerHealth,
    Histogram,
    WeightHistograms,
    gradient_histograms,
    hidden_layer_health,
    weight_histograms,
)
from app.core.model_file import load_model
from app.core.network import Architecture, Network
from app.core.points_map import fixed_sample
from app.data.datasets import load_bundled
from app.ui.layer_health_view import LayerHealthView


@dataclass(frozen=True)
class Results:
    architecture: Architecture
    history: GradientSizeHistory
    weights: list[WeightHistograms]
    gradients: list[Histogram]
    health: list[HiddenLayerHealth]


@pytest.fixture(scope="module")
def data():
    return load_bundled()


def trained(network: Network, data, steps: int = 12, lr: float = 0.5, seed: int = 0) -> Results:
    """``steps`` mini-batch steps of plain gradient descent, recorded as the window would."""
    arch = network.architecture
    start = network.params.copy()
    history = GradientSizeHistory()
    rng = np.random.default_rng(seed)
    x, y = data.train_x, data.train_y
    gradient = None
    for step in range(1, steps + 1):
        batch = rng.choice(len(y), 32, replace=False)
        _, gradient = network.gradient(x[batch], y[batch])
        history.append(gradient.flat, arch, step)
        network.set_params(network.params - lr * gradient.flat)
    sample = data.val_x[fixed_sample(data.val_y)]
    return Results(
        arch,
        history,
        weight_histograms(network.params, start, arch),
        gradient_histograms(gradient.flat, arch),
        hidden_layer_health(network, sample),
    )


@pytest.fixture(scope="module")
def lesson(data) -> Results:
    """The pretrained lesson network (sigmoid), trained a few steps more."""
    return trained(load_model(PRETRAINED_MODEL), data)


@pytest.fixture
def view(qtbot) -> LayerHealthView:
    widget = LayerHealthView()
    qtbot.addWidget(widget)
    widget.resize(900, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show_all(view: LayerHealthView, results: Results) -> None:
    view.set_architecture(results.architecture)
    view.show_gradient_sizes(results.history.steps, results.history.sizes)
    view.show_histograms(results.weights, results.gradients)
    view.show_health(results.health)


def grabbed_rgb(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = pixels.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].astype(int)


def coloured_pixels(widget) -> int:
    """Pixels that are neither grey nor white: the curves, fills and bars."""
    rgb = grabbed_rgb(widget)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def test_before_any_data_every_page_says_what_will_appear(view):
    assert [view.tabs.tabText(i) for i in range(3)] == [
        "Gradient size per layer",
        "Weights and gradients",
        "Stuck neurons",
    ]
    assert view.sizes_stack.showing_message
    assert "No steps yet" in view.sizes_stack.message.text()
    assert view.histograms_stack.showing_message
    assert view.health_stack.showing_message
    # Before any step, an empty history keeps the empty page.
    view.set_architecture(Architecture())
    view.show_gradient_sizes(np.empty(0), np.empty((0, 3)))
    assert view.sizes_stack.showing_message


def test_gradient_sizes_are_one_log_scale_curve_per_weight_layer(view, lesson):
    show_all(view, lesson)
    assert not view.sizes_stack.showing_message
    steps, sizes = lesson.history.steps, lesson.history.sizes
    assert sizes.shape == (12, 3)
    assert view.sizes_plot.getAxis("left").logMode
    assert len(view.size_curves) == 3
    for i, curve in enumerate(view.size_curves):
        np.testing.assert_array_equal(curve.xData, steps)
        np.testing.assert_allclose(curve.yData, sizes[:, i])
        np.testing.assert_allclose(curve.getData()[1], np.log10(sizes[:, i]))
    names = [view.sizes_legend.getLabel(c).text for c in view.size_curves]
    assert names == ["weight layer 1 (784→16)", "weight layer 2 (16→16)", "weight layer 3 (16→10)"]
    # Each layer in its own colour.
    assert len({c.opts["pen"].color().name() for c in view.size_curves}) == 3


def test_a_long_runs_noisy_gradient_sizes_are_drawn_as_each_layers_trend(view):
    view.set_architecture(Architecture((784, 16, 10)))
    rng = np.random.default_rng(0)
    steps = np.arange(1.0, 2001.0)
    levels = np.array([1e-4, 1e-2])  # a vanishing first layer under a healthy last one
    sizes = levels * np.exp(rng.normal(0.0, 0.7, (2000, 2)))  # one mini-batch each: noisy
    view.show_gradient_sizes(steps, sizes)
    for i, curve in enumerate(view.size_curves):
        np.testing.assert_array_equal(curve.xData, steps)
        raw_jumps = np.abs(np.diff(np.log10(sizes[:, i]))).mean()
        drawn_jumps = np.abs(np.diff(np.log10(curve.yData))).mean()
        assert drawn_jumps < raw_jumps / 10
        # The trend is where the sizes are (their geometric mean), each layer at its level.
        assert abs(np.log10(curve.yData[-500:]).mean() - np.log10(levels[i])) < 0.1


def test_sizes_that_a_log_scale_cannot_show_are_left_out(view):
    view.set_architecture(Architecture((784, 16, 10)))
    steps = np.arange(1.0, 6.0)
    sizes = np.array([[1e-3, 0.1], [np.nan, 0.2], [0.0, np.inf], [2e-3, -1.0], [3e-3, 0.3]])
    view.show_gradient_sizes(steps, sizes)
    first, second = view.size_curves
    np.testing.assert_array_equal(first.xData, [1, 4, 5])
    np.testing.assert_array_equal(first.yData, [1e-3, 2e-3, 3e-3])
    np.testing.assert_array_equal(second.xData, [1, 2, 5])
    assert np.all(np.isfinite(first.getData()[1]))
    # Nothing drawable at all: back to the empty page.
    view.show_gradient_sizes(steps[:2], np.array([[0.0, np.nan], [np.inf, 0.0]]))
    assert view.sizes_stack.showing_message
    with pytest.raises(ValueError, match=r"\(K, L\)"):
        view.show_gradient_sizes(steps, sizes[:3])


def test_histograms_show_the_weights_now_and_at_the_start_and_the_last_gradients(view, lesson):
    show_all(view, lesson)
    assert not view.histograms_stack.showing_message
    assert [view.layer_picker.itemText(i) for i in range(3)] == [
        "weight layer 1 (784→16)",
        "weight layer 2 (16→16)",
        "weight layer 3 (16→10)",
    ]
    for i in (0, 2, 1):
        view.set_picked_layer(i)
        weights, gradient = lesson.weights[i], lesson.gradients[i]
        np.testing.assert_array_equal(view.now_curve.xData, weights.edges)
        np.testing.assert_array_equal(view.now_curve.yData, weights.now)
        np.testing.assert_array_equal(view.initial_curve.xData, weights.edges)
        np.testing.assert_array_equal(view.initial_curve.yData, weights.initial)
        np.testing.assert_array_equal(view.gradient_curve.xData, gradient.edges)
        np.testing.assert_array_equal(view.gradient_curve.yData, gradient.counts)
        assert view.layer_picker.currentText() == view.weight_layer_name(i)
    # Training moved the weights: now and at the start differ, on the same number of weights.
    assert not np.array_equal(lesson.weights[1].now, lesson.weights[1].initial)
    assert lesson.weights[1].now.sum() == lesson.weights[1].initial.sum() == 16 * 16
    legend = [view.weights_legend.getLabel(c).text for c in (view.now_curve, view.initial_curve)]
    assert legend == ["now", "at initialisation"]
    # Before the first step there is no gradient to show, and the plot says so.
    view.show_histograms(lesson.weights, None)
    assert view.gradient_curve.xData is None or len(view.gradient_curve.xData) == 0
    assert "No gradient yet" in view.gradients_plot.titleLabel.text
    np.testing.assert_array_equal(view.now_curve.yData, lesson.weights[1].now)


def test_stuck_neuron_counts_are_the_engines(view, lesson):
    show_all(view, lesson)
    assert not view.health_stack.showing_message
    lines = view.health_lines()
    assert len(lines) == 2
    for line, health in zip(lines, lesson.health, strict=True):
        saturated = int(health.saturated.sum())
        assert line == f"hidden layer {health.layer}: {saturated} of 16 saturated, 0 dead"
    assert [t.toPlainText() for t in view.health_texts] == [
        f"{int(h.saturated.sum())} of 16 saturated, 0 dead" for h in lesson.health
    ]
    bars = view.health_bars["saturated"].opts
    expected = [100.0 * h.saturated.sum() / 16 for h in lesson.health]
    np.testing.assert_allclose(bars["width"], expected)
    explanation = view.health_explanation.text()
    assert "sigmoid" in explanation
    assert "0.02" in explanation
    assert "0.98" in explanation
    assert "90 %" in explanation


def test_dead_relu_neurons_are_counted_and_explained(view, data):
    network = Network(Architecture((784, 32, 16, 12, 10), activation="relu"), seed=4)
    # Switch off five neurons of hidden layer 2 for good: a bias no input can overcome.
    arch = network.architecture
    for neuron in (0, 3, 5, 8, 13):
        network.params[arch.bias_index(1, neuron)] = -1e3
    results = trained(network, data, steps=3, lr=0.05)
    assert results.health[1].dead.sum() >= 5
    show_all(view, results)
    for line, health in zip(view.health_lines(), results.health, strict=True):
        n, dead = health.n_neurons, int(health.dead.sum())
        assert line == f"hidden layer {health.layer}: 0 of {n} saturated, {dead} dead"
    widths = view.health_bars["dead"].opts["width"]
    np.testing.assert_allclose(widths, [100.0 * h.dead.mean() for h in results.health])
    assert "ReLU" in view.health_explanation.text()


def test_a_new_architecture_rebuilds_the_layers_and_ignores_late_results(view, lesson, data):
    show_all(view, lesson)
    view.set_picked_layer(2)
    small = trained(Network(Architecture((784, 20, 10), activation="tanh"), seed=5), data, 4)
    view.set_architecture(small.architecture)
    for stack in (view.sizes_stack, view.histograms_stack, view.health_stack):
        assert stack.showing_message
    assert len(view.size_curves) == 2
    assert view.layer_picker.count() == 2
    assert view.picked_layer == 1
    # A result computed for the network just replaced arrives late: it is not drawn.
    view.show_gradient_sizes(lesson.history.steps, lesson.history.sizes)
    view.show_histograms(lesson.weights, lesson.gradients)
    view.show_health(lesson.health)
    for stack in (view.sizes_stack, view.histograms_stack, view.health_stack):
        assert stack.showing_message
    show_all(view, small)
    names = [view.sizes_legend.getLabel(c).text for c in view.size_curves]
    assert names == ["weight layer 1 (784→20)", "weight layer 2 (20→10)"]
    assert view.health_lines() == [
        f"hidden layer 1: {int(small.health[0].saturated.sum())} of 20 saturated, 0 dead"
    ]
    assert "tanh" in view.health_explanation.text()
    assert "−0.96" in view.health_explanation.text()


def test_a_network_without_hidden_layers_has_no_neurons_to_get_stuck(view, data):
    results = trained(Network(Architecture((784, 10)), seed=6), data, 2)
    show_all(view, results)
    assert results.health == []
    assert "no hidden layer" in view.health_counts.text()
    assert not view.health_counts.isHidden()
    assert view.health_widget.isHidden()
    assert view.health_texts == []
    assert len(view.size_curves) == 1


@pytest.mark.parametrize(
    ("sizes", "activation"), [((784, 20, 10), "sigmoid"), ((784, 32, 16, 12, 10), "relu")]
)
def test_every_page_draws_at_projector_sizes(qtbot, view, data, sizes, activation):
    results = trained(Network(Architecture(sizes, activation=activation), seed=7), data, 6, 0.1)
    show_all(view, results)
    for width, height in ((900, 450), (700, 350)):
        view.resize(width, height)
        for page in range(3):
            view.tabs.setCurrentIndex(page)
            qtbot.wait(10)
            widget = view.tabs.currentWidget()
            assert not widget.showing_message
            assert coloured_pixels(widget) > 300, f"page {page} at {width}×{height} looks blank"


def test_without_an_architecture_the_layers_are_numbered(view, lesson):
    view.show_gradient_sizes(lesson.history.steps, lesson.history.sizes)
    names = [view.sizes_legend.getLabel(c).text for c in view.size_curves]
    assert names == ["weight layer 1", "weight layer 2", "weight layer 3"]
    view.show_histograms(lesson.weights, lesson.gradients)
    assert view.layer_picker.count() == 3
    view.set_architecture(lesson.architecture)
    names = [view.sizes_legend.getLabel(c).text for c in view.size_curves]
    assert names[0] == "weight layer 1 (784→16)"


def test_a_language_change_sets_every_text_again_with_the_data_kept(view, lesson):
    show_all(view, lesson)
    lines = view.health_lines()
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.health_lines() == lines
    assert [view.sizes_legend.getLabel(c).text for c in view.size_curves][2] == (
        "weight layer 3 (16→10)"
    )
    assert len(view.sizes_legend.items) == 3  # renamed, not added again
    assert len(view.weights_legend.items) == 2


def test_the_gradient_size_range_holds_every_size_in_whole_decades(qtbot):
    view = LayerHealthView()
    qtbot.addWidget(view)
    view.set_architecture(Architecture())
    steps = np.arange(1.0, 1201.0)
    sizes = np.column_stack([np.geomspace(3e-5, 2e-3, 1200), np.full(1200, 0.02), np.ones(1200)])
    sizes[5, 0] = 0.0  # no place on a log scale: left out, and it does not stretch the axis
    view.show_gradient_sizes(steps, sizes)
    (x0, x1), (y0, y1) = view.sizes_plot.getViewBox().viewRange()
    assert x0 == 0
    assert x1 == 1500
    assert (y0, y1) == (-5.0, 0.0)  # 10^-5 .. 10^0, log10 view units


def curve_points_in_scene(plot, curves) -> list:
    """Every plotted point of ``curves``, where it is drawn (scene coordinates)."""
    from PySide6.QtCore import QPointF

    view_box = plot.getViewBox()
    points = []
    for curve in curves:
        xs, ys = curve.getData()  # the plotted values (log10 on a log axis)
        for x, y in zip(xs, ys, strict=True):
            points.append(view_box.mapViewToScene(QPointF(float(x), float(y))))
    return points


def test_the_gradient_size_legend_covers_no_curve(qtbot, view, lesson):
    show_all(view, lesson)
    view.tabs.setCurrentIndex(0)
    qtbot.wait_until(lambda: view.sizes_legend.isVisible() and view.sizes_legend.height() > 0)
    legend = view.sizes_legend.sceneBoundingRect()
    points = curve_points_in_scene(view.sizes_plot, view.size_curves)
    assert len(points) == 36
    assert not any(legend.contains(point) for point in points)
    # Not over the data area at all: under the axis, all three names on screen.
    assert not legend.intersects(view.sizes_plot.getViewBox().sceneBoundingRect())
    assert view.sizes_widget.sceneRect().contains(legend)
    assert len(view.sizes_legend.items) == 3
