"""The drawing pad and the prediction panel: draw with a mouse, pen or finger, and read it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.data.datasets import load_bundled
from app.data.preprocess import preprocess_digit, stroke_width
from app.ui.drawing_pad import CANVAS_SIZE, DrawingPad
from app.ui.prediction_view import PredictionView, classify_drawing, read_digit

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton

# Canvas coordinates (the paper is 280×280; the guide box is 40..240).
VERTICAL_ONE = [(140.0, y) for y in np.linspace(45, 235, 40)]
OVAL_ZERO = [(140 + 62 * np.sin(t), 140 - 92 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 73)]
SHORT_BAR = [(x, 80.0) for x in np.linspace(80, 200, 10)]


@pytest.fixture(scope="module")
def network():
    return load_model_file(PRETRAINED_MODEL).network()


@pytest.fixture
def pad(qtbot):
    widget = DrawingPad()
    qtbot.addWidget(widget)
    widget.resize(420, 470)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def view(qtbot):
    widget = PredictionView()
    qtbot.addWidget(widget)
    widget.resize(440, 440)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def send_mouse(pad: DrawingPad, kind, point, button, buttons) -> None:
    position = pad.map_from_canvas(QPointF(*point))
    event = QMouseEvent(
        kind, position, pad.mapToGlobal(position), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(pad, event)


def draw(pad: DrawingPad, points) -> None:
    """One stroke through ``points`` (canvas coordinates), with the left button held.

    QMouseEvents are sent directly: QTest.mouseMove does not say a button is held on every
    platform, and these carry sub-pixel positions.
    """
    send_mouse(pad, QEvent.Type.MouseButtonPress, points[0], LEFT, LEFT)
    for point in points[1:]:
        send_mouse(pad, QEvent.Type.MouseMove, point, NO_BUTTON, LEFT)
    send_mouse(pad, QEvent.Type.MouseButtonRelease, points[-1], LEFT, NO_BUTTON)


def ink_pixels(canvas: np.ndarray) -> int:
    return int((canvas < 128).sum())


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint32, count=image.sizeInBytes() // 4)
    return len(np.unique(rows))


# -- drawing -------------------------------------------------------------------------------------


def test_a_mouse_stroke_puts_ink_on_the_canvas_and_the_network_reads_it(qtbot, pad, network):
    assert pad.is_empty()
    assert ink_pixels(pad.canvas_array()) == 0
    start = pad.map_from_canvas(QPointF(140, 50)).toPoint()
    with qtbot.waitSignal(pad.drawing_changed, timeout=1000) as changed:
        qtbot.mousePress(pad, LEFT, pos=start)
        for y in range(60, 231, 10):
            qtbot.mouseMove(pad, pad.map_from_canvas(QPointF(140, y)).toPoint())
        qtbot.mouseRelease(pad, LEFT, pos=pad.map_from_canvas(QPointF(140, 230)).toPoint())

    canvas = changed.args[0]
    assert canvas.shape == (CANVAS_SIZE, CANVAS_SIZE)
    assert canvas.dtype == np.uint8
    assert ink_pixels(canvas) > 2000  # ~180 px long, ~20 px wide
    assert not pad.is_empty()
    assert len(pad.strokes) == 1
    assert pad.hasFocus()

    reading = classify_drawing(pad.canvas_array(), network)
    assert reading is not None
    assert reading.image.shape == (28, 28)
    assert reading.image.max() == pytest.approx(1.0)
    assert reading.probabilities.sum() == pytest.approx(1.0)
    assert [a.shape for a in reading.activations] == [(784,), (16,), (16,), (10,)]
    assert reading.weighted_sums[0] is None
    assert [z.shape for z in reading.weighted_sums[1:]] == [(16,), (16,), (10,)]
    assert reading.source == "drawing"
    assert reading.label is None
    arrays = [
        reading.image,
        reading.probabilities,
        *reading.activations,
        *reading.weighted_sums[1:],
    ]
    assert not any(a.flags.writeable for a in arrays)
    expected = network.predict_proba(reading.image.reshape(1, 784))[0]
    np.testing.assert_allclose(reading.probabilities, expected)


def test_the_brush_makes_mnist_wide_strokes(pad, network):
    assert 18 <= pad.brush_width <= 22
    draw(pad, OVAL_ZERO)
    reading = classify_drawing(pad.canvas_array(), network)
    # MNIST's stroke width, by the same estimate: median 2.56 px, 5–95 % range 2.0–3.8.
    assert 2.0 <= stroke_width(reading.image) <= 3.8
    with pytest.raises(ValueError, match="brush width"):
        pad.brush_width = 0


@pytest.mark.parametrize(
    ("digit", "stroke"), [(1, VERTICAL_ONE), (0, OVAL_ZERO)], ids=["one", "zero"]
)
def test_the_pretrained_model_reads_a_drawn_digit(pad, network, digit, stroke):
    draw(pad, stroke)
    reading = classify_drawing(pad.canvas_array(), network)
    assert reading is not None
    assert reading.answer == digit, np.round(reading.probabilities, 3)


def test_drawing_changed_is_coalesced_while_drawing(qtbot, pad):
    emitted = []
    pad.drawing_changed.connect(emitted.append)
    send_mouse(pad, QEvent.Type.MouseButtonPress, (60, 60), LEFT, LEFT)
    for x in range(61, 221):
        send_mouse(pad, QEvent.Type.MouseMove, (x, 60 + x / 4), NO_BUTTON, LEFT)
    assert emitted == []  # nothing until the event loop runs: the moves share one emit
    qtbot.waitUntil(lambda: len(emitted) == 1, timeout=1000)
    qtbot.wait(50)
    assert len(emitted) == 1
    assert ink_pixels(emitted[0]) > 2000
    send_mouse(pad, QEvent.Type.MouseButtonRelease, (220, 115), LEFT, NO_BUTTON)
    assert len(emitted) == 2  # the end of a stroke is told at once


def test_a_pen_draws_and_its_eraser_rubs_out(pad):
    def pen(kind, point, button, buttons, pointer):
        device = QPointingDevice(
            "test pen",
            1001 if pointer == QPointingDevice.PointerType.Pen else 1002,
            QInputDevice.DeviceType.Stylus,
            pointer,
            QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
            1,
            3,
        )
        position = pad.map_from_canvas(QPointF(*point))
        event = QTabletEvent(
            kind,
            device,
            position,
            pad.mapToGlobal(position),
            0.5,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            button,
            buttons,
        )
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()

    def stroke(points, pointer):
        pen(QEvent.Type.TabletPress, points[0], LEFT, LEFT, pointer)
        for point in points[1:]:
            pen(QEvent.Type.TabletMove, point, NO_BUTTON, LEFT, pointer)
        pen(QEvent.Type.TabletRelease, points[-1], LEFT, NO_BUTTON, pointer)

    stroke(VERTICAL_ONE, QPointingDevice.PointerType.Pen)
    drawn = ink_pixels(pad.canvas_array())
    assert drawn > 2000
    stroke([(140.0, 100.0), (140.0, 180.0)], QPointingDevice.PointerType.Eraser)
    assert ink_pixels(pad.canvas_array()) < drawn / 2
    assert len(pad.strokes) == 2


def test_a_finger_draws(pad):
    touchscreen = QTest.createTouchDevice()
    points = [pad.map_from_canvas(QPointF(*p)).toPoint() for p in SHORT_BAR]
    QTest.touchEvent(pad, touchscreen).press(0, points[0], pad).commit()
    for point in points[1:]:
        QTest.touchEvent(pad, touchscreen).move(0, point, pad).commit()
    QTest.touchEvent(pad, touchscreen).release(0, points[-1], pad).commit()
    assert len(pad.strokes) == 1
    assert ink_pixels(pad.canvas_array()) > 1500


# -- undo and clear ------------------------------------------------------------------------------


def test_undo_takes_back_the_last_stroke_only(pad):
    draw(pad, VERTICAL_ONE)
    with_one = pad.canvas_array()
    draw(pad, SHORT_BAR)
    with_two = pad.canvas_array()
    assert ink_pixels(with_two) > ink_pixels(with_one)

    pad.undo()
    np.testing.assert_array_equal(pad.canvas_array(), with_one)  # no trace of the bar left
    assert len(pad.strokes) == 1
    pad.undo()
    assert ink_pixels(pad.canvas_array()) == 0
    assert pad.is_empty()
    pad.undo()  # nothing left to undo: no error
    assert pad.is_empty()


def test_the_clear_button_empties_the_pad(qtbot, pad):
    draw(pad, VERTICAL_ONE)
    draw(pad, SHORT_BAR)
    assert pad.clear_button.isEnabled()
    with qtbot.waitSignal(pad.drawing_changed, timeout=1000) as changed:
        qtbot.mouseClick(pad.clear_button, LEFT)
    assert ink_pixels(changed.args[0]) == 0
    assert pad.is_empty()
    assert pad.strokes == []
    assert not pad.clear_button.isEnabled()
    assert not pad.undo_button.isEnabled()


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_escape_and_delete_clear_the_pad(qtbot, pad, key):
    draw(pad, VERTICAL_ONE)
    assert pad.hasFocus()  # the press gave it focus
    qtbot.keyClick(pad, key)
    assert pad.is_empty()
    assert ink_pixels(pad.canvas_array()) == 0


def test_ctrl_z_undoes_the_last_stroke(qtbot, pad):
    draw(pad, VERTICAL_ONE)
    with_one = pad.canvas_array()
    draw(pad, SHORT_BAR)
    qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_array_equal(pad.canvas_array(), with_one)


def test_a_loaded_example_is_a_background_that_undo_keeps_and_clear_removes(pad, network):
    data = load_bundled()
    outputs = network.outputs(data.val_x[:50])
    index = int(np.flatnonzero(outputs.argmax(axis=1) == data.val_y[:50])[0])
    example, label = data.val_images[index], int(data.val_y[index])

    pad.load_image(example)
    canvas = pad.canvas_array()
    # Whole pixels scaled ×10, ink dark on the paper.
    expected = 255 - np.repeat(np.repeat(example, 10, axis=0), 10, axis=1)
    np.testing.assert_array_equal(canvas, expected)
    assert not pad.is_empty()
    reading = classify_drawing(canvas, network)
    np.testing.assert_allclose(reading.image, preprocess_digit(example), atol=1e-12)
    assert reading.answer == label

    draw(pad, SHORT_BAR)
    pad.undo()
    np.testing.assert_array_equal(pad.canvas_array(), expected)
    pad.undo()
    np.testing.assert_array_equal(pad.canvas_array(), expected)
    pad.clear()
    assert pad.is_empty()
    assert ink_pixels(pad.canvas_array()) == 0


# -- the prediction panel ------------------------------------------------------------------------


def winner_pixels(widget) -> int:
    """Pixels in the colour of the winning digit and bar."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint32, count=image.sizeInBytes() // 4)
    return int((rows == 0xFF1C7ED6).sum())


def test_an_empty_pad_gives_no_guess(pad, view, network):
    assert classify_drawing(pad.canvas_array(), network) is None
    view.show_prediction(None)
    assert view.current_view() is None
    assert winner_pixels(view) == 0  # no highlighted digit, no highlighted bar
    assert not view.teach_button.isEnabled()
    assert not any(button.isEnabled() for button in view.digit_buttons)

    draw(pad, VERTICAL_ONE)
    view.show_prediction(classify_drawing(pad.canvas_array(), network))
    assert winner_pixels(view) > 500
    pad.clear()
    view.show_prediction(classify_drawing(pad.canvas_array(), network))
    assert winner_pixels(view) == 0


def test_teach_it_sends_the_image_with_the_chosen_digit(qtbot, pad, view, network):
    assert not view.teach_button.isEnabled()
    draw(pad, VERTICAL_ONE)
    reading = classify_drawing(pad.canvas_array(), network)
    view.show_prediction(reading)
    assert not view.teach_button.isEnabled()  # no digit chosen yet
    qtbot.mouseClick(view.digit_buttons[7], LEFT)
    assert view.chosen_digit == 7
    assert view.teach_button.isEnabled()
    with qtbot.waitSignal(view.example_taught, timeout=1000) as taught:
        qtbot.mouseClick(view.teach_button, LEFT)
    image, label = taught.args
    assert label == 7
    assert image.shape == (28, 28)
    np.testing.assert_array_equal(image, reading.image)

    view.show_prediction(None)
    assert view.chosen_digit is None
    assert not view.teach_button.isEnabled()
    with qtbot.assertNotEmitted(view.example_taught):
        qtbot.mouseClick(view.teach_button, LEFT)


def test_the_widgets_draw_something(pad, view, network):
    assert distinct_colours(pad.grab().toImage()) > 4  # paper, frame, guide, hint text
    draw(pad, OVAL_ZERO)
    view.show_prediction(classify_drawing(pad.canvas_array(), network))
    pad_image = pad.grab().toImage()
    view_image = view.grab().toImage()
    assert not pad_image.isNull()
    assert not view_image.isNull()
    assert distinct_colours(pad_image) > 20  # anti-aliased ink
    assert distinct_colours(view_image) > 20


def test_an_unsure_answer_says_so_and_gives_the_second_guess(view, network):
    """Below the "I don't know" threshold the panel names its runner-up; above it, nothing."""
    probabilities = np.array([0.05, 0.02, 0.03, 0.31, 0.02, 0.04, 0.03, 0.02, 0.44, 0.04])
    unsure = replace(read_digit(np.zeros((28, 28)), network), probabilities=probabilities)
    view.set_unsure_threshold(0.5)
    view.show_prediction(unsure)
    assert view.second_guess() == 3
    assert "maybe a 3" in view.accessibleDescription()
    before = view.grab().toImage()
    view.set_unsure_threshold(0.4)  # 44 % is sure enough now
    assert view.second_guess() is None
    assert "maybe" not in view.accessibleDescription()
    assert view.grab().toImage() != before  # the "not sure" line is gone
    view.show_prediction(None)
    assert view.second_guess() is None
