"""The evaluation tab shows exactly what the evaluation says: the matrix's counts, the
per-digit bars, a cell's examples and the mistakes in order, the "I don't know" figures, the
robustness curves; clicks emit the image and its label."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor

from app import PRETRAINED_MODEL
from app.core.damage import DAMAGES, preview, robustness_curve
from app.core.evaluation import Evaluation, evaluate
from app.core.model_file import load_model
from app.data.datasets import load_bundled
from app.ui import i18n
from app.ui.evaluation.confusion import MAX_CELL_EXAMPLES
from app.ui.evaluation.mistakes import MAX_MISTAKES, MistakesPage
from app.ui.evaluation.tiles import INDEX_ROLE
from app.ui.evaluation.view import EvaluationView

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def network():
    return load_model(PRETRAINED_MODEL)


@pytest.fixture(scope="module")
def val():
    """The 500 bundled validation digits: (uint8 images (N, 28, 28), labels (N,))."""
    data = load_bundled()
    return data.val_images, data.val_y


@pytest.fixture(scope="module")
def evaluation(network, val) -> Evaluation:
    images, labels = val
    return evaluate(network, images, labels)


@pytest.fixture
def view(qtbot) -> EvaluationView:
    widget = EvaluationView()
    qtbot.addWidget(widget)
    widget.resize(900, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def shown(view, evaluation, val) -> EvaluationView:
    view.show_evaluation(evaluation, val[0], "validation set (500)", step=1234)
    return view


def tile_indices(tiles) -> list[int]:
    return [tiles.item(row).data(INDEX_ROLE) for row in range(tiles.count())]


def click_tile(qtbot, tiles, row: int) -> None:
    item = tiles.item(row)
    tiles.scrollToItem(item)
    qtbot.mouseClick(
        tiles.viewport(), Qt.MouseButton.LeftButton, pos=tiles.visualItemRect(item).center()
    )


def distinct_colours(widget, step: int = 5) -> int:
    image = widget.grab().toImage()
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def as_unit(image: np.ndarray) -> np.ndarray:
    return image.astype(np.float32) / np.float32(255.0)


# -- before any data -------------------------------------------------------------------------------


def test_before_any_data_it_says_to_press_refresh(view):
    assert view.body.currentWidget() is view.empty_label
    assert view.empty_label.isVisible()
    assert "Press Refresh" in view.empty_label.text()
    assert not view.pages.isVisible()
    assert view.accuracy_label.text() == ""


def test_refresh_asks_for_an_evaluation_and_says_it_is_measuring(qtbot, view, evaluation, val):
    with qtbot.waitSignal(view.evaluation_requested, timeout=1000):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert "measuring" in view.status_label.text()
    view.show_evaluation(evaluation, val[0], "validation set (500)")
    assert view.status_label.text() == ""
    assert view.body.currentWidget() is view.pages


def test_an_evaluation_error_is_shown(view, evaluation, val):
    view.show_evaluation_error("The IDX folder could not be read.")
    assert view.empty_label.text() == "The IDX folder could not be read."
    assert view.status_label.text() == "The IDX folder could not be read."
    view.show_evaluation(evaluation, val[0], "validation set (500)")
    assert view.status_label.text() == ""


# -- accuracy and the matrix -----------------------------------------------------------------------


def test_the_header_says_the_accuracy_the_set_and_the_step(shown, evaluation):
    assert shown.accuracy_label.text() == f"{100 * evaluation.accuracy:.1f} %"
    assert "validation set (500)" in shown.source_label.text()
    assert "1,234" in shown.source_label.text()


def test_the_matrix_cells_show_the_confusion_counts(shown, evaluation):
    matrix = shown.matrix
    counts = np.array([[int(matrix.cell_text(t, a)) for a in range(10)] for t in range(10)])
    np.testing.assert_array_equal(counts, evaluation.confusion)
    assert counts.sum() == evaluation.count == 500
    shown_accuracy = float(shown.accuracy_label.text().removesuffix(" %"))
    assert np.trace(counts) / counts.sum() * 100 == pytest.approx(shown_accuracy, abs=0.05)


def test_the_matrix_is_coloured_by_row_share(shown, evaluation):
    matrix = shown.matrix
    confusion = evaluation.confusion
    shares = confusion / confusion.sum(axis=1, keepdims=True)
    t, a = np.unravel_index(np.argmax(np.where(np.eye(10, dtype=bool), 0, shares)), shares.shape)
    zero_t, zero_a = np.argwhere(confusion == 0)[0]
    assert matrix.cell_colour(zero_t, zero_a) == QColor("white")
    # Lightness falls as the share grows: a full diagonal is darker than the worst mistake.
    diagonal = matrix.cell_colour(0, 0)
    mistake = matrix.cell_colour(t, a)
    assert diagonal.lightness() < mistake.lightness() < 255
    assert diagonal.blue() > diagonal.red()  # right answers blue, mistakes orange
    assert mistake.red() > mistake.blue()


def test_per_digit_bars_equal_per_class(shown, evaluation):
    heights = np.asarray(shown.digit_bars.opts["height"])
    np.testing.assert_allclose(heights, evaluation.per_class * 100)
    texts = [item.toPlainText() for item in shown.digit_texts]
    assert texts == [f"{100 * v:.0f}" for v in evaluation.per_class]
    assert shown.overall_line.value() == pytest.approx(evaluation.accuracy * 100)


def test_an_absent_digit_shows_a_dash(view, network, val):
    images, labels = val
    keep = labels != 3
    ev = evaluate(network, images[keep], labels[keep])
    view.show_evaluation(ev, images[keep], "no threes")
    assert np.isnan(ev.per_class[3])
    assert view.digit_texts[3].toPlainText() == "—"
    assert view.digit_bars.opts["height"][3] == 0
    assert view.matrix.cell_text(3, 3) == "0"
    assert view.matrix.cell_colour(3, 3) != view.matrix.cell_colour(4, 3)


# -- a cell's examples -----------------------------------------------------------------------------


def test_clicking_a_cell_lists_exactly_its_examples_in_order(qtbot, shown, evaluation, val):
    shown.pages.setCurrentWidget(shown.confusion_page)
    matrix = shown.matrix
    confusion = evaluation.confusion.copy()
    np.fill_diagonal(confusion, 0)
    t, a = np.unravel_index(np.argmax(confusion), confusion.shape)
    for true, answer in ((int(t), int(a)), (1, 1)):
        centre = matrix.cell_rect(true, answer).center().toPoint()
        with qtbot.waitSignal(matrix.cell_clicked, timeout=1000) as blocker:
            qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=centre)
        assert blocker.args == [true, answer]
        expected = evaluation.examples_in_cell(true, answer)
        assert len(expected) == evaluation.confusion[true, answer] > 0
        assert tile_indices(shown.cell_tiles) == list(expected[:MAX_CELL_EXAMPLES])
        assert f"{len(expected)} images of {true}" in shown.cell_title.text()
    # A click on a listed image sends it, with its true digit, to the graph.
    index = int(expected[0])
    with qtbot.waitSignal(shown.example_chosen, timeout=1000) as blocker:
        click_tile(qtbot, shown.cell_tiles, 0)
    np.testing.assert_array_equal(blocker.args[0], as_unit(val[0][index]))
    assert blocker.args[1] == int(val[1][index]) == 1


def test_before_a_cell_is_clicked_it_says_to_click_one(shown):
    assert shown.cell_title.text() == "Click a cell of the matrix to see its images."
    assert shown.cell_tiles.count() == 0
    assert shown.cell_more.text() == ""


def test_an_empty_cell_says_so(shown, evaluation):
    t, a = np.argwhere(evaluation.confusion == 0)[0]
    shown.show_cell(int(t), int(a))
    assert shown.cell_tiles.count() == 0
    assert not shown.cell_tiles.isVisibleTo(shown)
    assert f"No image of {t} was answered {a}" in shown.cell_title.text()


# -- the mistakes ----------------------------------------------------------------------------------


def test_the_gallery_lists_the_mistakes_wrongest_first(shown, evaluation):
    mistakes = evaluation.mistakes()
    assert 0 < len(mistakes) <= MAX_MISTAKES
    assert tile_indices(shown.mistake_tiles) == list(mistakes)
    for row, index in enumerate(mistakes):
        text = shown.mistake_tiles.item(row).text()
        answer, truth = evaluation.predictions[index], evaluation.labels[index]
        assert answer != truth
        assert text.startswith(f"answer {answer} · true {truth}\n")
        assert f"{100 * evaluation.confidence[index]:.0f} % sure" in text
    assert f"{len(mistakes)} mistakes in 500 images" in shown.mistakes_title.text()
    assert shown.mistakes_more.text() == ""


def test_clicking_a_mistake_emits_its_image_and_true_label(qtbot, shown, evaluation, val):
    shown.pages.setCurrentWidget(shown.mistakes_page)
    row = 3
    index = int(evaluation.mistakes()[row])
    with qtbot.waitSignal(shown.example_chosen, timeout=1000) as blocker:
        click_tile(qtbot, shown.mistake_tiles, row)
    image, label = blocker.args
    assert image.shape == (28, 28)
    assert image.dtype == np.float32
    assert not image.flags.writeable
    np.testing.assert_array_equal(image, as_unit(val[0][index]))
    assert label == int(val[1][index]) == int(evaluation.labels[index])


def test_a_mistake_tile_shows_the_image_and_the_ten_outputs(shown, evaluation, val):
    index = int(evaluation.mistakes()[0])
    icon = shown.mistake_tiles.item(0).icon()
    size = shown.mistake_tiles.iconSize()
    picture = icon.pixmap(size).toImage()
    side = picture.width()
    image = val[0][index]
    # The digit's pixels, sampled at their centres, are the image's grey levels.
    for row, col in ((14, 14), (10, 12), (20, 7), (5, 20)):
        x = int((col + 0.5) * side / 28)
        y = int((row + 0.5) * side / 28)
        assert QColor(picture.pixel(x, y)).red() == image[row, col]
    # The bar row: the answer's bar orange, the true digit's blue.
    bars = [
        QColor(picture.pixel(int((d + 0.5) * side / 10), picture.height() - 1)) for d in range(10)
    ]
    answer, truth = evaluation.predictions[index], evaluation.labels[index]
    assert bars[answer].name() == "#e66101"
    assert bars[truth].name() == "#2166ac"


# -- "I don't know" --------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [0, 50, 80, 95])
def test_the_threshold_text_matches_abstain(shown, evaluation, percent):
    shown.threshold.setValue(percent)
    result = evaluation.abstain(percent / 100)
    assert result.n_answered > 0
    text = shown.abstain_label.text()
    assert f"Answers {100 * result.answered_share:.1f} % of the images" in text
    assert f"({result.n_answered} of 500)" in text
    assert f"{100 * result.accuracy_answered:.1f} % of those are right" in text
    assert shown.threshold_value.text() == f"{percent} %"
    assert shown.threshold_line.value() == percent


def test_nothing_answered_says_i_do_not_know_to_all(shown, evaluation):
    shown.threshold.setValue(100)
    if evaluation.abstain(1.0).n_answered == 0:
        assert "none of the images" in shown.abstain_label.text()
    else:
        assert "Answers" in shown.abstain_label.text()


def test_the_abstain_curve_is_drawn(shown, evaluation):
    x, y = shown.answered_curve.getData()
    curve = evaluation.abstain_curve(np.arange(101) / 100)
    np.testing.assert_allclose(x, np.arange(101))
    np.testing.assert_allclose(y, curve.answered_share * 100)
    x, y = shown.right_curve.getData()
    finite = np.isfinite(curve.accuracy_answered)
    np.testing.assert_allclose(y, curve.accuracy_answered[finite] * 100)


# -- robustness ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def curves(network, val):
    images, labels = val
    return {kind: robustness_curve(network, images[:100], labels[:100], kind) for kind in DAMAGES}


def test_the_button_asks_for_robustness_and_says_computing(qtbot, shown):
    shown.pages.setCurrentWidget(shown.robustness_page)
    assert "Compute robustness" in shown.robustness_message.text()
    with qtbot.waitSignal(shown.robustness_requested, timeout=1000):
        qtbot.mouseClick(shown.robustness_button, Qt.MouseButton.LeftButton)
    assert "computing" in shown.robustness_message.text()
    assert not shown.robustness_button.isEnabled()
    shown.show_robustness_error("Out of memory.")
    assert shown.robustness_message.text() == "Out of memory."
    assert shown.robustness_button.isEnabled()


def test_show_robustness_draws_four_curves_and_previews(shown, curves, val):
    shown.pages.setCurrentWidget(shown.robustness_page)
    shown.show_robustness(curves, step=1234)
    assert shown.robustness_body.currentIndex() == 1
    assert "1,234" in shown.robustness_status.text()
    assert set(shown.robustness_panels) == set(DAMAGES)
    first = as_unit(val[0][0])
    for kind, panel in shown.robustness_panels.items():
        levels, accuracies = curves[kind]
        x, y = panel.curve.getData()
        np.testing.assert_allclose(x, levels)
        np.testing.assert_allclose(y, accuracies * 100)
        level = panel.chosen_level()
        assert level in levels
        assert panel.level_line.value() == level
        assert f"{100 * accuracies[list(levels).index(level)]:.1f} % right" in (
            panel.level_caption.text()
        )
        damaged = preview(first, kind, level)
        picture = panel.preview.pixmap().toImage()
        side = picture.width()
        grey = np.array(
            [
                [
                    QColor(
                        picture.pixel(int((c + 0.5) * side / 28), int((r + 0.5) * side / 28))
                    ).red()
                    for c in range(28)
                ]
                for r in range(28)
            ]
        )
        np.testing.assert_array_equal(grey, np.round(damaged * 255))
        assert not np.array_equal(damaged, first) or level == 0


def test_robustness_shows_its_progress_and_each_kind_as_soon_as_it_is_done(qtbot, shown, curves):
    shown.pages.setCurrentWidget(shown.robustness_page)
    qtbot.mouseClick(shown.robustness_button, Qt.MouseButton.LeftButton)
    shown.show_robustness_progress(0.25)
    assert "25 %" in shown.robustness_status.text()
    assert shown.robustness_body.currentIndex() == 0  # no curve yet
    first = {"noise": curves["noise"]}
    shown.show_robustness(first, step=1234, partial=True)
    assert shown.robustness_body.currentIndex() == 1
    x, _ = shown.robustness_panels["noise"].curve.getData()
    np.testing.assert_allclose(x, curves["noise"][0])
    x, _ = shown.robustness_panels["rotation"].curve.getData()
    assert x is None or len(x) == 0
    assert not shown.robustness_button.isEnabled(), "still computing the others"
    shown.show_robustness_progress(0.4)
    assert "40 %" in shown.robustness_status.text()
    shown.show_robustness(curves, step=1234)
    assert shown.robustness_button.isEnabled()
    assert "%" not in shown.robustness_status.text()
    assert "1,234" in shown.robustness_status.text()


def test_a_long_evaluation_says_how_far_it_is_until_its_result_comes(shown, evaluation, val):
    shown.show_evaluation_progress(0.3)
    assert "30 %" in shown.status_label.text()
    shown.show_evaluation_progress(1.0)  # the end: the result comes next, nothing to say
    assert "30 %" in shown.status_label.text()
    shown.show_evaluation(evaluation, val[0], "validation set (500)", step=1235)
    assert shown.status_label.text() == ""
    shown.show_evaluation_progress(1.0)  # an evaluation in one go never flickers
    assert shown.status_label.text() == ""


def test_moving_a_level_slider_changes_the_preview(shown, curves, val):
    shown.show_robustness(curves)
    panel = shown.robustness_panels["rotation"]
    before = panel.preview.pixmap().toImage()
    panel.level.setValue(0)
    assert panel.chosen_level() == 0.0
    after = panel.preview.pixmap().toImage()
    assert before != after
    assert "0°" in panel.level_caption.text()


# -- pictures, sizes and speed ---------------------------------------------------------------------


def test_every_page_is_drawn_with_colour(qtbot, shown, curves):
    shown.show_robustness(curves)
    shown.show_cell(4, 9)
    for index in range(shown.pages.count()):
        shown.pages.setCurrentIndex(index)
        qtbot.wait(10)
        assert distinct_colours(shown) >= 8, shown.pages.tabText(index)


def test_it_fits_a_small_tab(qtbot, shown):
    hint = shown.minimumSizeHint()
    assert hint.width() <= 700
    assert hint.height() <= 350
    shown.resize(700, 350)
    shown.pages.setCurrentWidget(shown.confusion_page)
    qtbot.wait(10)
    # Cells large enough to read a three-digit count from the back of the room.
    assert shown.matrix.cell_rect(0, 0).width() >= 20
    assert distinct_colours(shown) >= 8


def test_a_ten_thousand_image_evaluation_is_shown_quickly(qtbot, view, network, val):
    images = np.tile(val[0], (20, 1, 1))
    labels = np.random.default_rng(0).integers(0, 10, len(images)).astype(np.uint8)
    ev = evaluate(network, images, labels)
    start = time.perf_counter()
    view.show_evaluation(ev, images, "synthetic (10,000)")
    view.show_cell(4, 9)
    qtbot.wait(1)
    seconds = time.perf_counter() - start
    assert seconds < 2.0
    counts = np.array([[int(view.matrix.cell_text(t, a)) for a in range(10)] for t in range(10)])
    assert counts.sum() == 10_000
    n = len(ev.mistakes())
    assert tile_indices(view.mistake_tiles) == list(ev.mistakes(MAX_MISTAKES))
    assert view.mistakes_more.text() == f"and {n - MAX_MISTAKES:,} more mistakes not shown"
    in_cell = ev.examples_in_cell(4, 9)
    assert tile_indices(view.cell_tiles) == list(in_cell[:MAX_CELL_EXAMPLES])
    assert view.cell_more.text() == f"and {len(in_cell) - MAX_CELL_EXAMPLES:,} more not shown"
    # A second evaluation reuses the tiles: the same count, the new examples.
    again = evaluate(network, images[:500], labels[:500])
    view.show_evaluation(again, images[:500], "synthetic (500)")
    assert tile_indices(view.cell_tiles) == list(again.examples_in_cell(4, 9)[:MAX_CELL_EXAMPLES])


def test_a_language_change_keeps_the_numbers(qtbot, shown, evaluation):
    text = shown.abstain_label.text()
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendEvent(shown, QEvent(QEvent.Type.LanguageChange))
    assert shown.abstain_label.text() == text
    assert shown.accuracy_label.text() == f"{100 * evaluation.accuracy:.1f} %"


def test_hovering_a_cell_explains_it(shown, evaluation):
    tip = shown.matrix.cell_tooltip(4, 9)
    n = int(evaluation.confusion[4, 9])
    assert tip.startswith(f"True 4, answered 9: {n} of the {evaluation.confusion[4].sum()}")
    assert shown.matrix.cell_at(QPoint(-5, -5)) is None


# -- the pages as parts ----------------------------------------------------------------------------


def test_a_page_works_on_its_own(qtbot, evaluation, val):
    page = MistakesPage()
    qtbot.addWidget(page)
    page.resize(600, 400)
    page.show()
    page.show_evaluation(evaluation, val[0])
    assert tile_indices(page.tiles) == list(evaluation.mistakes(MAX_MISTAKES))
    index = int(evaluation.mistakes()[0])
    with qtbot.waitSignal(page.tiles.example_chosen, timeout=1000) as blocker:
        click_tile(qtbot, page.tiles, 0)
    np.testing.assert_array_equal(blocker.args[0], as_unit(val[0][index]))
    assert blocker.args[1] == int(evaluation.labels[index])


def test_every_page_keeps_its_chinese_translations(qapp, shown, curves):
    """The pages' texts kept their translation context (EvaluationView, ConfusionMatrix,
    _DamagePanel) when they moved out of the one class they were in."""
    shown.show_robustness(curves)
    shown.show_cell(4, 9)
    try:
        assert i18n.install_language("zh_TW", qapp) == "zh_TW"
        qapp.processEvents()
        texts = {
            "tab": shown.pages.tabText(0),
            "header": shown.refresh_button.text(),
            "per digit": shown.per_digit_page.title.text(),
            "matrix": shown.matrix.accessibleName(),
            "cell": shown.cell_title.text(),
            "cell tile": shown.cell_tiles.item(0).text(),
            "mistakes": shown.mistakes_title.text(),
            "mistake tile": shown.mistake_tiles.item(0).text(),
            "threshold": shown.abstain_page.title.text(),
            "abstain": shown.abstain_label.text(),
            "robustness": shown.robustness_button.text(),
            "panel": shown.robustness_panels["noise"].title.text(),
        }
        english = [name for name, text in texts.items() if not CJK.search(text)]
        assert english == [], texts
    finally:
        i18n.install_language("en", qapp)
        qapp.processEvents()
    assert shown.robustness_button.text() == "Compute robustness"


def test_every_control_of_every_page_says_what_it_does(view):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QSlider, QTabBar

    view.robustness_page.make_panels()  # made when the page is first shown
    controls = [
        control
        for kind in (QAbstractButton, QComboBox, QSlider)
        for control in view.findChildren(kind)
        if not isinstance(control.parent(), QTabBar)  # Qt's own scroll arrows of the tabs
    ]
    assert len(controls) >= 8  # refresh, the set, the threshold, compute, four damage levels
    assert [type(c).__name__ for c in controls if not c.toolTip()] == []


def test_the_robustness_panels_are_made_when_the_page_is_first_shown(qtbot, shown):
    assert shown.robustness_panels == {}  # the page not shown yet: no panel made
    shown.pages.setCurrentWidget(shown.robustness_page)
    qtbot.wait_until(lambda: len(shown.robustness_panels) == 4)
    panel = shown.robustness_panels["noise"]
    assert panel.title.text().startswith("Noise")
    assert panel.preview.pixmap() is None or panel.preview.pixmap().isNull()  # no curve yet
