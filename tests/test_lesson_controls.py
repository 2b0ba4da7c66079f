"""A lesson stop hides or locks any control it names: a locked one is disabled, a hidden one
is not shown and Tab never lands on it, on the stage and on the desktop; the next stop and
closing the lesson give every control back as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.core.lesson_file import CONTROL_NAMES, Lesson, Stop, Text
from app.ui.lesson_controls import click_targets, control_widgets
from tests.test_stage import activate

#: Controls whose widgets the desktop's Tab reaches when nothing holds them.
TABBED = {
    "play", "step", "granularity", "reset", "speed", "learning_rate", "batch_size",
    "optimizer", "experiments", "architecture", "drawing_pad", "edge_display",
}  # fmt: skip


def tab_cycle(qtbot, window, presses: int = 150) -> set[QWidget]:
    """The widgets Tab lands on, pressed ``presses`` times from the controls' top."""
    activate(qtbot, window)
    window.controls.setFocus()
    landed = set()
    for _ in range(presses):
        focus = QApplication.focusWidget()
        qtbot.keyClick(focus if focus is not None else window, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not None:
            landed.add(QApplication.focusWidget())
    return landed


def family(widgets) -> set[QWidget]:
    """The widgets and every widget inside them."""
    out = set(widgets)
    for widget in widgets:
        out |= set(widget.findChildren(QWidget))
    return out


def lesson_holding(name: str) -> Lesson:
    caption = Text(en="c")
    return Lesson(
        Text(en="controls"),
        (
            Stop("network", caption, hidden=(name,)),
            Stop("network", caption, locked=(name,)),
            Stop("network", caption),
        ),
    )


@pytest.mark.parametrize("name", sorted(CONTROL_NAMES))
def test_a_stop_hides_or_locks_each_control_and_gives_it_back(qtbot, window, name):
    stage = window.stage
    for scene in ("network", "draw", "landscape"):
        stage.scene_named(scene)  # made now: their controls too
    widgets = control_widgets(window, stage, name)
    assert widgets, f"{name} names no widget"
    before = {w: (w.isHidden(), w.isEnabled()) for w in widgets}
    # The graphs stay (only their clicks are held): what is in them is not edge_select's.
    tabbed = set() if name == "edge_select" else family(widgets)
    assert bool(tab_cycle(qtbot, window) & tabbed) == (name in TABBED)

    stage.open_lesson(lesson_holding(name))
    player = stage.lesson
    try:
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        held = player.hold
        assert held.held(name)
        if name == "edge_select":
            click = QMouseEvent(
                QEvent.Type.MouseButtonPress,
                QPointF(5, 5),
                QPointF(5, 5),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
            targets = [t for w in widgets for t in click_targets(w)]
            assert len(targets) >= len(widgets)
            assert all(held.eventFilter(t, click) for t in targets)
        else:
            assert all(w.isHidden() and not w.isEnabled() for w in widgets)
        assert not tab_cycle(qtbot, window) & tabbed

        player.next_stop()  # locked: shown as before, disabled
        if name != "edge_select":
            assert all(w.isHidden() == before[w][0] for w in widgets if w is not stage.bar)
            assert not any(w.isEnabled() for w in widgets)
        assert not tab_cycle(qtbot, window) & tabbed

        player.next_stop()  # nothing held
        assert not held.held(name)
        assert {w: (w.isHidden(), w.isEnabled()) for w in widgets if w is not stage.bar} == {
            w: state for w, state in before.items() if w is not stage.bar
        }
    finally:
        player.close_lesson()
    assert {w: (w.isHidden(), w.isEnabled()) for w in widgets} == before


def test_locked_play_and_step_keys_do_nothing_on_the_stage_and_the_desktop(qtbot, window):
    stage = window.stage
    lesson = Lesson(Text(en="t"), (Stop("network", Text(en="c"), locked=("play", "step")),))
    stage.open_lesson(lesson)
    player = stage.lesson
    try:
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        assert not window.menus.play_action.isEnabled()
        with qtbot.assert_not_emitted(stage.play_toggled):
            stage.play()
        with qtbot.assert_not_emitted(stage.step_requested):
            stage.step()
        activate(qtbot, window)
        with qtbot.assert_not_emitted(window.controls.command_requested):
            qtbot.keyClick(window, Qt.Key.Key_Space)
            qtbot.keyClick(window, Qt.Key.Key_Right)
    finally:
        player.close_lesson()
    assert window.menus.play_action.isEnabled()
    with qtbot.wait_signal(window.controls.command_requested):
        qtbot.keyClick(window, Qt.Key.Key_Space)
    with qtbot.wait_signal(window.controls.command_requested):
        qtbot.keyClick(window, Qt.Key.Key_Space)  # and pause again


def test_a_view_that_enables_a_held_control_gets_it_back_enabled_after_the_lesson(qtbot, window):
    teach = window.prediction.teach_button
    teach.setEnabled(False)
    lesson = Lesson(Text(en="t"), (Stop("network", Text(en="c"), locked=("teach",)),))
    window.stage.open_lesson(lesson)
    player = window.stage.lesson
    qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
    teach.setEnabled(True)  # a drawing and a digit, say
    assert not teach.isEnabled()
    player.close_lesson()
    assert teach.isEnabled()


def test_a_held_scene_bar_holds_its_number_keys_too(qtbot, window):
    stage = window.stage
    window.presenter.set_on(True)
    try:
        stage.open_lesson(lesson_holding("scene_bar"))
        player = stage.lesson
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        activate(qtbot, window)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)  # hidden: the keys too
        assert stage.current_name() == "network"
        player.next_stop()  # locked
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
        assert stage.current_name() == "network"
        player.next_stop()  # free: 2 is the second scene
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
        assert stage.current_name() == stage.scene_names()[1]
    finally:
        player.close_lesson()
        window.presenter.set_on(False)
