"""The guided tour: shown at the first start, each step beside its part of the window, Next
walks through, Skip (or Esc) ends it, and it is remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.ui.guided_tour import GAP, SETTINGS_KEY, GuidedTour


@pytest.fixture
def tour(window, tmp_path):
    window.resize(1280, 720)
    QApplication.processEvents()
    settings = QSettings(str(tmp_path / "tour.ini"), QSettings.Format.IniFormat)
    return GuidedTour(window, settings)


def near(bubble: QRect, target: QRect) -> bool:
    """The bubble touches its target, or lies within a gap of it."""
    return bubble.intersects(target.adjusted(-GAP - 2, -GAP - 2, GAP + 2, GAP + 2))


def test_first_start_shows_step_one_beside_its_widget(qtbot, tour, window):
    assert GuidedTour.should_start(tour.settings)
    tour.start()
    assert tour.current_step == 0
    assert tour.bubble.isVisible()
    assert tour.target_widget() is window.graph
    assert tour.highlight.geometry() == tour.target_rect()
    assert near(tour.bubble.geometry(), tour.target_rect())
    assert window.rect().contains(tour.bubble.geometry())
    assert "1" in tour.bubble.progress.text()
    assert str(len(tour.steps())) in tour.bubble.progress.text()
    assert tour.bubble.title.text()
    assert tour.bubble.next_button.text()


def test_next_walks_every_step_then_finishes_and_is_remembered(qtbot, tour, window):
    steps = tour.steps()
    assert 5 <= len(steps) <= 7
    tour.start()
    seen = []
    for index in range(len(steps)):
        assert tour.current_step == index
        seen.append(tour.target_widget())
        assert near(tour.bubble.geometry(), tour.target_rect()), steps[index].target
        assert window.rect().contains(tour.bubble.geometry())
        if index < len(steps) - 1:
            qtbot.mouseClick(tour.bubble.next_button, Qt.MouseButton.LeftButton)
    assert window.pad in seen
    assert window.controls in seen
    with qtbot.waitSignal(tour.finished, timeout=1000):
        qtbot.mouseClick(tour.bubble.next_button, Qt.MouseButton.LeftButton)
    assert tour.current_step == -1
    assert not tour.bubble.isVisible()
    assert not tour.highlight.isVisible()
    assert not GuidedTour.should_start(tour.settings)


def test_skip_ends_it_and_stores_tour_done(qtbot, tour):
    tour.start()
    tour.next()
    with qtbot.waitSignal(tour.finished, timeout=1000):
        qtbot.mouseClick(tour.bubble.skip_button, Qt.MouseButton.LeftButton)
    assert not tour.bubble.isVisible()
    assert tour.settings.value(SETTINGS_KEY) in (True, "true")
    assert not GuidedTour.should_start(tour.settings)
    reread = QSettings(tour.settings.fileName(), QSettings.Format.IniFormat)
    assert not GuidedTour.should_start(reread)


def test_keys_enter_and_right_go_on_and_esc_skips(qtbot, tour, window):
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)
    step_before = window._snapshot.step
    tour.start()
    assert tour.bubble.hasFocus()
    qtbot.keyClick(tour.bubble, Qt.Key.Key_Return)
    assert tour.current_step == 1
    qtbot.keyClick(tour.bubble, Qt.Key.Key_Right)
    assert tour.current_step == 2
    qtbot.wait(200)
    assert window._snapshot.step == step_before, "→ went to the tour, not to training"
    with qtbot.waitSignal(tour.finished, timeout=1000):
        qtbot.keyClick(tour.bubble, Qt.Key.Key_Escape)
    assert not tour.is_running()
    assert not GuidedTour.should_start(tour.settings)


def test_it_can_be_shown_again_and_follows_the_window(qtbot, tour, window):
    tour.start()
    tour.skip()
    tour.start()  # Help → Show the tour again
    assert tour.current_step == 0
    tour.next()
    window.resize(1400, 800)
    qtbot.wait(50)
    assert tour.highlight.geometry() == tour.target_rect()
    assert near(tour.bubble.geometry(), tour.target_rect())
    tour.skip()
