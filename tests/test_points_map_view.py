"""The points map view draws real planes of the pretrained network on the bundled digits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from app import PRETRAINED_MODEL
from app.core.model_file import load_model
from app.core.network import Architecture, Network
from app.core.points_map import PrincipalPlane, all_layers, fixed_sample
from app.data.datasets import load_bundled
from app.ui.points_map_view import DIGIT_COLOURS, PICK_RADIUS_PX, PointsMapView


@dataclass(frozen=True)
class Sample:
    x: np.ndarray  # (S, 784)
    labels: np.ndarray  # (S,)
    images: np.ndarray  # (S, 28, 28) uint8


@dataclass(frozen=True)
class Computed:
    planes: list[PrincipalPlane]
    answers: np.ndarray  # (S,)


@pytest.fixture(scope="module")
def sample() -> Sample:
    data = load_bundled()
    chosen = fixed_sample(data.val_y)
    return Sample(data.val_x[chosen], data.val_y[chosen], data.val_images[chosen])


@pytest.fixture(scope="module")
def pretrained(sample) -> Computed:
    network = load_model(PRETRAINED_MODEL)
    return Computed(all_layers(network, sample.x), network.predict(sample.x))


def computed(network: Network, sample: Sample) -> Computed:
    return Computed(all_layers(network, sample.x), network.predict(sample.x))


@pytest.fixture
def view(qtbot) -> PointsMapView:
    widget = PointsMapView()
    qtbot.addWidget(widget)
    widget.resize(900, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show(view: PointsMapView, result: Computed, sample: Sample, step: int | None = 7) -> None:
    view.show_planes(result.planes, sample.labels, sample.images, result.answers, step)


def assert_shows_layer(view: PointsMapView, plane: PrincipalPlane, labels: np.ndarray) -> None:
    total = 0
    for digit in range(10):
        indices, coords = view.shown_points(digit)
        np.testing.assert_array_equal(indices, np.flatnonzero(labels == digit))
        np.testing.assert_allclose(coords, plane.coords[labels == digit])
        total += len(coords)
    assert total == len(labels)


def assert_in_view(view: PointsMapView, coords: np.ndarray) -> None:
    (x0, x1), (y0, y1) = view.viewbox.viewRange()
    lows, highs = coords.min(axis=0), coords.max(axis=0)
    assert np.all(lows >= [x0, y0]), "a dot is off the left or bottom edge"
    assert np.all(highs <= [x1, y1]), "a dot is off the right or top edge"


def grabbed_rgb(widget) -> np.ndarray:
    """The widget as drawn, (height, width, 3) ints."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = pixels.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].astype(int)  # BGRA in memory → RGB


def digits_seen(widget, alpha: int) -> set[int]:
    """The digits whose dot colour (over white, at ``alpha``) fills at least 20 pixels."""
    rgb = grabbed_rgb(widget)
    seen = set()
    for digit, name in enumerate(DIGIT_COLOURS):
        colour = QColor(name)
        over_white = np.array([colour.red(), colour.green(), colour.blue()]) * alpha / 255 + (
            255 * (1 - alpha / 255)
        )
        if (np.abs(rgb - over_white).max(axis=2) <= 6).sum() >= 20:
            seen.add(digit)
    return seen


def viewport_pixel(view: PointsMapView, index: int) -> QPoint:
    return view.plot_widget.mapFromScene(view.scene_position(index))


def test_before_any_data_the_map_says_when_it_appears(view):
    assert view.stack.showing_message
    assert "first computation" in view.stack.message.text()
    assert view.layer_switch.count() == 0
    assert not view.layer_switch.isEnabled()
    assert view.n_layers == -1
    assert view.hovered is None
    assert view.step_label.text() == ""


def test_every_example_is_one_dot_of_its_digit_on_the_input_plane(view, sample, pretrained):
    assert len(sample.labels) == 500  # the whole bundled validation set (under 2,000)
    show(view, pretrained, sample, step=1234)
    assert not view.stack.showing_message
    assert view.layer == 0
    assert_shows_layer(view, pretrained.planes[0], sample.labels)
    assert [view.layer_switch.itemText(i) for i in range(4)] == [
        "input pixels (784)",
        "hidden layer 1 (16)",
        "hidden layer 2 (16)",
        "output (10)",
    ]
    assert view.step_label.text() == "step 1,234"
    ratio = pretrained.planes[0].explained_variance_ratio
    assert f"{100 * ratio[0]:.0f} %" in view.plot.getAxis("bottom").labelText
    assert f"{100 * ratio[1]:.0f} %" in view.plot.getAxis("left").labelText
    assert f"{100 * ratio.sum():.0f} %" in view.variance_label.text()
    # Every digit's dots in its own colour; the legend names all ten in the same colours.
    for digit, item in enumerate(view.scatters):
        assert item.opts["brush"].color().name() == QColor(DIGIT_COLOURS[digit]).name()
        assert f'color:{DIGIT_COLOURS[digit]}">●</span>&nbsp;{digit}' in view.legend.text()


def test_switching_layer_redraws_that_layers_plane_from_the_stored_planes(
    view, qtbot, sample, pretrained
):
    show(view, pretrained, sample)
    for layer in (3, 1, 2, 0):
        with qtbot.waitSignal(view.layer_changed, timeout=1000) as blocker:
            view.layer_switch.setCurrentIndex(layer)
        assert blocker.args == [layer]
        assert view.layer == layer
        assert_shows_layer(view, pretrained.planes[layer], sample.labels)
        ratio = pretrained.planes[layer].explained_variance_ratio
        assert f"{100 * ratio.sum():.0f} %" in view.variance_label.text()
        # The window is fitted to the layer's cloud: every dot is inside it.
        assert_in_view(view, pretrained.planes[layer].coords)
    with pytest.raises(ValueError, match="no layer 4"):
        view.set_layer(4)


def test_small_moves_keep_the_axes_and_a_spreading_cloud_refits(view, sample, pretrained):
    show(view, pretrained, sample)
    view.set_layer(2)
    before = view.viewbox.viewRange()
    nudged = [p._replace(coords=p.coords * 1.03) for p in pretrained.planes]
    show(view, Computed(nudged, pretrained.answers), sample)
    assert view.viewbox.viewRange() == before
    assert_shows_layer(view, nudged[2], sample.labels)
    spread = [p._replace(coords=p.coords * 3.0) for p in pretrained.planes]
    show(view, Computed(spread, pretrained.answers), sample)
    assert_in_view(view, spread[2].coords)
    (x0, x1), _ = view.viewbox.viewRange()
    assert x1 - x0 > 2.0 * (before[0][1] - before[0][0])


def test_hovering_a_dot_shows_its_picture_digit_and_the_networks_answer(
    view, qtbot, sample, pretrained
):
    show(view, pretrained, sample)
    view.set_layer(3)
    coords = pretrained.planes[3].coords
    sx, sy = view.viewbox.viewPixelSize()
    pixels = coords / [sx, sy]
    gaps = np.linalg.norm(pixels[:, None] - pixels[None], axis=2)
    np.fill_diagonal(gaps, np.inf)
    wrong = np.flatnonzero(pretrained.answers != sample.labels)
    assert len(wrong) > 0, "the pretrained model reads every validation digit right"
    # A misread example with room around it, so the cursor's whole pixel lands on it alone.
    index = int(wrong[np.argmax(gaps[wrong].min(axis=1))])
    assert gaps[index].min() > 3
    hover(view, viewport_pixel(view, index))
    qtbot.waitUntil(lambda: view.hover_card.isVisible(), timeout=5000)
    assert view.hovered == index
    text = view.hover_card.text.text()
    assert f"True digit: <b>{sample.labels[index]}</b>" in text
    assert f"The network's answer: <b>{pretrained.answers[index]}</b>" in text
    assert "wrong" in text
    np.testing.assert_allclose(view.ring.getData()[0], [coords[index, 0]])
    # The card's picture is the example itself, ink dark on white, 4 screen pixels a pixel.
    picture = view.hover_card.image.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB32)
    scale = view.hover_card.SCALE
    shown = np.array(
        [
            [QColor(picture.pixel(c * scale + 1, r * scale + 1)).red() for c in range(28)]
            for r in range(28)
        ]
    )
    np.testing.assert_array_equal(shown, 255 - sample.images[index].astype(int))
    # The card stays inside the view.
    card = view.hover_card.geometry()
    assert view.rect().contains(card)
    # Far from every dot: nothing is hovered and the card goes.
    corner = QPointF(view.viewbox.viewRange()[0][0], view.viewbox.viewRange()[1][1])
    far = view.plot_widget.mapFromScene(view.viewbox.mapViewToScene(corner)) + QPoint(2, 2)
    assert view.point_at(view.viewbox.mapSceneToView(view.plot_widget.mapToScene(far))) is None
    qtbot.mouseMove(view.plot_widget.viewport(), far)
    qtbot.waitUntil(lambda: not view.hover_card.isVisible(), timeout=5000)
    assert view.hovered is None
    assert len(view.ring.getData()[0]) == 0


def test_a_right_answer_says_so_and_the_pick_radius_is_a_few_pixels(view, sample, pretrained):
    show(view, pretrained, sample)
    right = int(np.flatnonzero(pretrained.answers == sample.labels)[0])
    view.hover_point(right)
    assert view.hover_card.isVisible()
    assert "right" in view.hover_card.text.text()
    sx, _ = view.viewbox.viewPixelSize()
    x, y = pretrained.planes[0].coords[right]
    near = view.point_at(QPointF(x + 0.5 * sx, y))
    assert near is not None
    # Whatever is nearest to a point half a pixel away is within the pick radius of it.
    assert np.hypot(*(pretrained.planes[0].coords[near] - [x + 0.5 * sx, y]) / sx) <= (
        PICK_RADIUS_PX
    )
    view.hover_point(None)
    assert not view.hover_card.isVisible()


def test_a_new_architecture_rebuilds_the_switch(view, qtbot, sample, pretrained):
    show(view, pretrained, sample)
    view.set_layer(3)  # the output
    small = computed(Network(Architecture((784, 20, 10)), seed=1), sample)
    with qtbot.waitSignal(view.layer_changed, timeout=1000) as blocker:
        show(view, small, sample)
    assert blocker.args == [2]  # still the output, now layer 2
    assert [view.layer_switch.itemText(i) for i in range(view.layer_switch.count())] == [
        "input pixels (784)",
        "hidden layer 1 (20)",
        "output (10)",
    ]
    assert view.n_layers == 2
    assert_shows_layer(view, small.planes[2], sample.labels)
    view.set_layer(1)
    deep = computed(Network(Architecture((784, 32, 16, 12, 10), activation="relu"), seed=2), sample)
    show(view, deep, sample)
    assert view.layer_switch.count() == 5
    assert view.layer_switch.itemText(3) == "hidden layer 3 (12)"
    assert view.layer == 1  # a hidden layer that still exists stays chosen
    assert_shows_layer(view, deep.planes[1], sample.labels)
    view.set_layer(4)
    assert_shows_layer(view, deep.planes[4], sample.labels)


@pytest.mark.parametrize("sizes", [(784, 20, 10), (784, 32, 16, 12, 10)])
def test_the_picture_is_not_blank_at_projector_sizes(qtbot, view, sample, sizes):
    result = computed(Network(Architecture(sizes, activation="tanh"), seed=3), sample)
    show(view, result, sample)
    for width, height in ((900, 450), (700, 350)):
        view.resize(width, height)
        for layer in range(len(sizes)):
            view.set_layer(layer)
            qtbot.wait(10)
            assert view.plot_widget.height() > 150
            # Where dots do not overlap, each digit's colour shows as such.
            alpha = view.scatters[0].opts["brush"].color().alpha()
            seen = digits_seen(view.plot_widget, alpha)
            assert len(seen) >= 8, f"layer {layer} at {width}×{height}: {seen}"


def test_bad_input_is_refused(view, sample, pretrained):
    with pytest.raises(ValueError, match="coords"):
        view.show_planes(
            pretrained.planes, sample.labels[:-1], sample.images[:-1], pretrained.answers[:-1]
        )
    with pytest.raises(ValueError, match="28, 28"):
        view.show_planes(pretrained.planes, sample.labels, sample.x, pretrained.answers)
    assert view.stack.showing_message


def test_float_images_are_shown_like_stored_ones(view, sample, pretrained):
    floats = sample.images.astype(np.float32) / 255.0
    view.show_planes(pretrained.planes, sample.labels, floats, pretrained.answers)
    view.hover_point(0)
    as_floats = view.hover_card.image.pixmap().toImage()
    show(view, pretrained, sample)
    view.hover_point(0)
    assert view.hover_card.image.pixmap().toImage() == as_floats


def test_a_language_change_sets_every_text_again_with_the_data_kept(view, sample, pretrained):
    show(view, pretrained, sample, step=42)
    view.set_layer(1)
    view.hover_point(3)
    before = (view.step_label.text(), view.variance_label.text(), view.hover_card.text.text())
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert (view.step_label.text(), view.variance_label.text(), view.hover_card.text.text()) == (
        before
    )
    assert view.layer_switch.itemText(1) == "hidden layer 1 (16)"
    assert_shows_layer(view, pretrained.planes[1], sample.labels)


def hover(view, position: QPoint) -> None:
    """A mouse move with no button over the plot, sent as an event: qtbot.mouseMove moves the
    shared offscreen cursor, and a move to where an earlier test left it sends nothing."""
    viewport = view.plot_widget.viewport()
    point = QPointF(position)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        QPointF(viewport.mapToGlobal(position)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)
