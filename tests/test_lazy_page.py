"""The desktop's hidden tabs are built when first shown (app/ui/lazy_page.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from app.ui.lazy_page import LazyPage

HIDDEN_VIEWS = ("evaluation", "points_map", "data", "health", "lab")


def test_a_lazy_page_asks_its_factory_once_when_its_tab_is_first_shown(qtbot):
    made: list[QLabel] = []

    def factory() -> QLabel:
        made.append(QLabel("built"))
        return made[-1]

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = LazyPage(factory)
    tabs.addTab(QLabel("first"), "first")
    tabs.addTab(page, "second")
    tabs.show()
    qtbot.wait_exposed(tabs)
    assert made == []
    assert not page.is_built
    assert page.view is None

    seen_on_switch = []
    tabs.currentChanged.connect(lambda _i: seen_on_switch.append(page.view.isVisible()))
    tabs.setCurrentWidget(page)
    assert page.is_built
    assert page.view is made[0]
    assert page.view.parent() is page
    assert seen_on_switch == [True], "on screen already when the tab's change is announced"

    tabs.setCurrentIndex(0)
    tabs.setCurrentWidget(page)
    assert len(made) == 1
    assert page.build() is made[0]


def test_a_view_made_before_its_page_is_shown_is_the_one_the_page_shows(qtbot):
    view = QLabel("made early")
    page = LazyPage(lambda: view)
    qtbot.addWidget(page)
    page.show()
    assert page.view is view
    assert view.parent() is page
    assert view.isVisible()


def test_after_the_window_opens_its_hidden_tabs_are_not_built(window):
    pages = [window.health_page, window.lab_scroll, *window.inside_pages.values()]
    assert [page.is_built for page in pages] == [False] * len(pages)
    assert [name for name in HIDDEN_VIEWS if window.inside.made(name)] == []


def test_a_tab_key_builds_its_page_and_fills_it(qtbot, window):
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)
    jobs = window.inside.jobs.worker

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # layer health
    assert window.plots.currentWidget() is window.health_page
    assert window.health_page.view is window.inside.health
    assert window.inside.health.isVisible()
    qtbot.wait_until(lambda: jobs.done.get("health", 0) > 0, timeout=10_000)
    qtbot.wait_until(lambda: window.inside.latest_health is not None, timeout=5000)
    assert window.inside.health.architecture == window._snapshot.architecture
    assert not window.descent.isVisible()  # layer health takes the five numbers' room

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # the evaluation
    page = window.inside_pages["evaluation"]
    assert window.views.currentWidget() is page
    assert page.view is window.inside.evaluation
    evaluation = window.inside.evaluation
    qtbot.wait_until(lambda: evaluation._evaluation is not None, timeout=10_000)
    assert evaluation._evaluation.count == window._snapshot.val_y.size
    assert not window.inside_pages["points_map"].is_built
    assert not window.lab_scroll.is_built


@pytest.mark.parametrize("moved_on", ["stage", "desktop"])
def test_the_pads_i_dont_know_threshold_follows_an_evaluation_built_later(window, moved_on):
    shared = window.stage.context.threshold
    shared.set(70)  # the stage's evaluation scene, before the desktop's view exists
    assert window.prediction._unsure_below == pytest.approx(0.70)
    evaluation = window.inside_pages["evaluation"].build()
    assert evaluation.threshold.value() == 70
    if moved_on == "desktop":
        evaluation.threshold.setValue(40)
    else:
        shared.set(40)
    assert evaluation.threshold.value() == 40
    assert shared.percent == 40
    assert window.prediction._unsure_below == pytest.approx(0.40)


def test_a_view_made_before_its_tab_is_shown_is_placed_in_the_window_at_once(window):
    """Not left without a parent (Python's collector could delete it in another thread)."""
    evaluation, lab = window.inside.evaluation, window.inside.lab
    assert window.inside_pages["evaluation"].view is evaluation
    assert window.lab_scroll.view.widget() is lab
    assert evaluation.window() is window
    assert lab.window() is window
    assert not evaluation.isVisible()
    window.views.setCurrentWidget(window.inside_pages["evaluation"])
    assert evaluation.isVisible()
