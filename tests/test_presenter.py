"""Presenter mode (F5): larger text, high contrast, full screen, and everything still fits a
1280×720 projector; off puts back exactly what was there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QStyle,
    QTabBar,
    QWidget,
)

from app.ui import theme
from app.ui.presenter import (
    SETTINGS_KEY,
    PresenterMode,
    apply_presentation,
    is_presenting,
    scaled_font,
)
from app.ui.shortcut_sheet import SCREEN_MARGIN

PROJECTOR = (1280, 720)


@pytest.fixture
def presented(window):
    """The window at 1280×720; presenter mode is off again after the test, whatever happens."""
    window.resize(*PROJECTOR)
    QApplication.processEvents()
    yield window
    apply_presentation(window, False)
    assert not theme.presenting()


def shown(window, widget: QWidget) -> bool:
    return widget.isVisible() and not widget.isWindow() and widget.window() is window


def scrolled(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: clipped by design, reachable by scrolling."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def clipped_texts(window) -> list[str]:
    """Every shown label, button, check box, combo box and tab whose text does not fit."""
    problems = []
    style = window.style()
    for label in window.findChildren(QLabel):
        text = label.text()
        if not shown(window, label) or not text or label.textFormat() == Qt.TextFormat.RichText:
            continue
        room = label.contentsRect()
        if label.wordWrap():
            if room.height() < label.heightForWidth(room.width()) - 2:
                problems.append(f"wrapped label {text!r}: {room.height()} px tall")
        elif label.fontMetrics().horizontalAdvance(text) > room.width():
            problems.append(f"label {text!r} in {room.width()} px")
    for button in window.findChildren(QPushButton):
        text = button.text().replace("&", "")
        if shown(window, button) and text:
            icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
            if button.fontMetrics().horizontalAdvance(text) + icon > button.width():
                problems.append(f"button {text!r} in {button.width()} px")
    for box in window.findChildren(QCheckBox):
        if shown(window, box) and box.text():
            indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box)
            needed = box.fontMetrics().horizontalAdvance(box.text()) + indicator
            if needed > box.width():
                problems.append(f"check box {box.text()!r} in {box.width()} px")
    for combo in window.findChildren(QComboBox):
        if not shown(window, combo) or not combo.currentText():
            continue
        metrics = combo.fontMetrics()
        room = combo.width() - style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        fits = metrics.horizontalAdvance(combo.currentText()) <= room
        # A combo made to shrink elides its text (the list shows every item in full); it
        # still shows ten characters.
        shrinks = (
            combo.sizeAdjustPolicy()
            in (QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon,)
            or combo.minimumWidth() > 0
        )
        if not fits and not (shrinks and room >= 10 * metrics.averageCharWidth()):
            problems.append(f"combo box {combo.currentText()!r} in {combo.width()} px")
    for bar in window.findChildren(QTabBar):
        if not shown(window, bar):
            continue
        for index in range(bar.count()):
            text = bar.tabText(index).replace("&", "")
            rect = bar.tabRect(index)
            # Never elided; a bar too short for all its tabs scrolls them (arrows, and Ctrl+N
            # or Alt+N), but the chosen tab is always whole on screen.
            if bar.fontMetrics().horizontalAdvance(text) > rect.width():
                problems.append(f"tab {text!r} in {rect.width()} px")
            if index == bar.currentIndex() and not bar.rect().contains(rect):
                problems.append(f"the chosen tab {text!r} is not whole on screen")
    return problems


def outside(window) -> list[str]:
    """Shown widgets (not scrolled ones) that reach past the window's edges."""
    area = window.rect()
    problems = []
    for widget in window.findChildren(QWidget):
        if not shown(window, widget) or scrolled(widget) or widget.size().isEmpty():
            continue
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not area.contains(rect):
            name = widget.objectName() or type(widget).__name__
            problems.append(f"{name} at {rect.getRect()}")
    return problems


def test_presenter_mode_scales_the_font_and_switches_to_high_contrast(qtbot, presented):
    app = QApplication.instance()
    before = QFont(app.font())
    apply_presentation(presented, True, full_screen=False)
    assert is_presenting(presented)
    ratio = app.font().pointSizeF() / before.pointSizeF()
    assert 1.5 <= ratio <= 2.0
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.WindowText) == QColor("#000000")
    assert palette.color(QPalette.ColorRole.Window) == QColor("#ffffff")
    # The views' own sizes followed: thicker curves, larger digits and legend texts.
    plot = presented.loss_plot
    assert plot.smooth_curve.opts["pen"].widthF() == pytest.approx(2.5 * theme.LINE_SCALE)
    assert plot.smooth_curve.opts["pen"].color() == QColor(theme.HIGH_CONTRAST.loss_smooth)
    assert presented.landscape.legend.opts["labelTextSize"] == f"{9 * theme.FONT_SCALE:g}pt"
    digit = presented.prediction.digit_buttons[0].font()
    assert digit.pointSizeF() >= 1.3 * app.font().pointSizeF() - 0.01
    assert presented.pad.undo_button.minimumHeight() == round(30 * theme.FONT_SCALE)


def test_at_1280_by_720_every_text_fits_and_nothing_is_outside(qtbot, presented):
    apply_presentation(presented, True, full_screen=False)
    presented.resize(*PROJECTOR)
    qtbot.wait(50)
    needed = presented.minimumSizeHint()
    assert needed.width() <= PROJECTOR[0], f"presenter mode needs {needed.width()} px of width"
    assert needed.height() <= PROJECTOR[1], f"presenter mode needs {needed.height()} px"
    assert (presented.width(), presented.height()) == PROJECTOR
    for index in range(presented.plots.count()):
        presented.plots.setCurrentIndex(index)
        settles(qtbot, presented, presented.plots.tabText(index))
    presented.plots.setCurrentWidget(presented.loss_plot)
    for index in range(presented.views.count()):
        presented.views.setCurrentIndex(index)
        settles(qtbot, presented, presented.views.tabText(index))
    presented.views.setCurrentWidget(presented.graph)
    presented.plots.setCurrentWidget(presented.landscape)
    presented.landscape.set_kind("lesson")  # its widest settings
    assert presented.minimumSizeHint().width() <= PROJECTOR[0]
    settles(qtbot, presented, "the lesson's landscape")


def settles(qtbot, window, what: str, timeout_ms: int = 15_000) -> None:
    """Within ``timeout_ms`` no text is clipped and nothing lies outside the window.

    Views fill in when a background result arrives (the step-through's plan, an evaluation,
    a landscape) and lay out again after it: a check in between sees a label at its old
    height for a moment. What must hold is the picture once it has settled. (The bound is
    generous: with the machine loaded by other work a landscape took over 3 s to arrive.)
    """
    try:
        qtbot.wait_until(
            lambda: not clipped_texts(window) and not outside(window), timeout=timeout_ms
        )
    except qtbot.TimeoutError:
        assert clipped_texts(window) == [], what
        assert outside(window) == [], what


def test_the_checks_do_find_a_clipped_text(qtbot, presented):
    """The geometry checks above are not vacuous."""
    label = QLabel("a label much too long for the twenty pixels it is given", presented)
    label.setGeometry(5, 5, 20, 20)
    label.show()
    stray = QWidget(presented)
    stray.setGeometry(1270, 700, 40, 40)
    stray.show()
    assert any("much too long" in problem for problem in clipped_texts(presented))
    assert len(outside(presented)) == 1


def test_off_puts_back_font_colours_sizes_and_window_state(qtbot, presented):
    app = QApplication.instance()
    font, palette = QFont(app.font()), QPalette(app.palette())
    geometry, state = presented.geometry(), presented.windowState()
    scroll_width = presented.controls_scroll.minimumWidth()
    plot = presented.loss_plot
    pen = plot.smooth_curve.opts["pen"]
    digit_style = presented.prediction.digit_buttons[0].styleSheet()
    digit_font = QFont(presented.prediction.digit_buttons[0].font())
    legend_size = presented.landscape.legend.opts["labelTextSize"]

    apply_presentation(presented, True)
    qtbot.wait_until(lambda: presented.isFullScreen(), timeout=3000)
    assert app.font() != font
    apply_presentation(presented, False)
    qtbot.wait_until(lambda: not presented.isFullScreen(), timeout=3000)
    qtbot.wait_until(lambda: presented.geometry() == geometry, timeout=3000)

    assert not is_presenting(presented)
    assert app.font() == font
    assert app.palette() == palette
    assert presented.windowState() == state
    assert presented.controls_scroll.minimumWidth() == scroll_width
    assert plot.smooth_curve.opts["pen"].widthF() == pen.widthF()
    assert plot.smooth_curve.opts["pen"].color() == pen.color()
    assert presented.prediction.digit_buttons[0].styleSheet() == digit_style
    assert presented.prediction.digit_buttons[0].font() == digit_font
    assert presented.landscape.legend.opts["labelTextSize"] == legend_size


def test_switching_twice_the_same_way_changes_nothing(presented):
    app = QApplication.instance()
    font = QFont(app.font())
    apply_presentation(presented, False)
    assert app.font() == font
    apply_presentation(presented, True, full_screen=False)
    larger = QFont(app.font())
    apply_presentation(presented, True, full_screen=False)
    assert app.font() == larger


def test_f5_switches_it_and_the_setting_is_remembered(qtbot, presented, tmp_path):
    settings = QSettings(str(tmp_path / "presenter.ini"), QSettings.Format.IniFormat)
    mode = presented.presenter  # the window's own: View menu and F5
    assert mode.action in presented.menus.view_menu.actions()
    mode.settings = settings
    assert mode.action.shortcut().toString() == "F5"
    assert mode.action.text()
    presented.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is presented, timeout=3000)

    qtbot.keyClick(presented, Qt.Key.Key_F5)
    assert mode.is_on()
    assert mode.action.isChecked()
    assert settings.value(SETTINGS_KEY) in (True, "true")
    qtbot.keyClick(presented, Qt.Key.Key_F5)
    assert not mode.is_on()
    assert not mode.action.isChecked()
    assert settings.value(SETTINGS_KEY) in (False, "false")

    settings.setValue(SETTINGS_KEY, True)
    again = PresenterMode(presented, settings)
    again.restore()
    assert is_presenting(presented)
    again.set_on(False)
    assert not is_presenting(presented)


def test_a_dialog_made_while_presenting_is_presented_too(qtbot, presented):
    apply_presentation(presented, True, full_screen=False)
    presented.menus.show_shortcuts()
    sheet = presented.menus.shortcut_sheet
    room = sheet.screen().availableGeometry().width() - SCREEN_MARGIN
    assert sheet.width() >= min(round(560 * theme.FONT_SCALE), room) - 1
    assert sheet.width() > 560  # larger than the desktop's sheet, as far as the screen allows
    assert any(keys == "F5" for keys, _ in _rows(sheet))
    sheet.close()


def _rows(sheet):
    table = sheet.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_high_contrast_colours_are_blue_and_orange_and_readable_on_white():
    def contrast(name: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        colour = QColor(name)
        lum = sum(
            w * channel(c)
            for w, c in zip(
                (0.2126, 0.7152, 0.0722),
                (colour.redF(), colour.greenF(), colour.blueF()),
                strict=True,
            )
        )
        return 1.05 / (lum + 0.05)

    colours = theme.HIGH_CONTRAST
    assert QColor(colours.positive).hue() in range(200, 241)  # blue
    assert QColor(colours.negative).hue() in range(15, 41)  # orange
    assert QColor(colours.positive).saturationF() > 0.95
    assert QColor(colours.negative).saturationF() > 0.95
    assert contrast(colours.positive) >= 4.5
    assert contrast(colours.negative) >= 4.5  # text too, not only lines and large text
    assert contrast(colours.muted) >= 7.0
    # Right and wrong are never told apart by red against green alone.
    assert {colours.right, colours.wrong} == {colours.positive, colours.negative}


def test_scaled_font_keeps_the_family_and_scales_pixel_sized_fonts():
    font = QFont("Sans Serif")
    font.setPixelSize(12)
    larger = scaled_font(font, 1.75)
    assert larger.pixelSize() == 21
    assert larger.family() == font.family()


def test_on_the_stage_the_window_makes_the_other_scenes_while_idle_and_not_while_training(
    qtbot, presented
):
    from app.training import commands as cmd

    stage = presented.stage
    assert len(stage.built_scenes()) <= 1  # nothing is made before the stage is shown
    presented.send(cmd.Play())
    qtbot.wait_until(lambda: presented.current_snapshot().running, timeout=5000)
    presented.presenter.set_on(True)  # F5: the stage
    qtbot.wait_until(stage.isVisible, timeout=5000)
    made = set(stage.built_scenes())
    stage.make_one_more()  # what the idle timer calls: training runs, so none is made
    assert set(stage.built_scenes()) == made
    presented.send(cmd.Pause())
    qtbot.wait_until(lambda: len(stage.built_scenes()) == len(stage.scene_names()), timeout=20_000)
    assert stage.current_name() == "network"  # made, not shown
    presented.presenter.set_on(False)
