"""Tabs whose titles wrap onto a second row instead of scrolling (app.ui.wrapping_tabs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget

from app.ui.wrapping_tabs import WrappingTabs

TITLES = ("Loss curve", "Loss landscape", "Step through", "Neuron lab", "Layer health")


def make(qtbot) -> WrappingTabs:
    tabs = QTabWidget()
    for title in TITLES:
        tabs.addTab(QLabel(title), title)
    holder = WrappingTabs(tabs, keys="Ctrl")
    qtbot.addWidget(holder)
    return holder


def rows(holder: WrappingTabs) -> int:
    return len({button.y() for button in holder.buttons()})


def test_titles_too_wide_for_one_row_wrap_onto_a_second_whole(qtbot):
    holder = make(qtbot)
    one_row = sum(b.sizeHint().width() for b in holder.buttons())
    holder.resize(one_row * 2 // 3, 300)
    holder.show()
    qtbot.wait_until(lambda: rows(holder) == 2)
    for button in holder.buttons():
        assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width()
        assert holder.row.rect().contains(button.geometry())
    assert not holder.tabs.tabBar().isVisible()  # Qt's bar, which would scroll, is gone
    holder.resize(one_row + 40, 300)
    qtbot.wait_until(lambda: rows(holder) == 1)


def test_a_title_chooses_its_tab_and_the_chosen_tab_shows_checked(qtbot):
    holder = make(qtbot)
    holder.show()
    holder.buttons()[3].click()
    assert holder.tabs.currentIndex() == 3
    holder.tabs.setCurrentIndex(1)
    assert holder.group.checkedId() == 1
    assert holder.buttons()[4].toolTip() == "Layer health (Ctrl+5)"


def test_new_titles_arrive_with_sync(qtbot):
    holder = make(qtbot)
    holder.tabs.setTabText(0, "損失曲線")
    holder.sync()
    assert holder.buttons()[0].text() == "損失曲線"


def test_tab_moves_on_past_the_tabs_and_a_click_on_the_current_one_keeps_it(qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget, QVBoxLayout, QWidget

    window = QWidget()
    tabs = QTabWidget()
    for title in ("one", "two", "three"):
        tabs.addTab(QWidget(), title)
    after = QLineEdit()
    layout = QVBoxLayout(window)
    holder = WrappingTabs(tabs)
    layout.addWidget(holder)
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    holder.buttons()[0].setFocus()
    seen = set()
    for _ in range(6):
        seen.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert after in seen  # Tab leaves the tabs (the hidden bar, the tabs' focus proxy, held it)
    holder.buttons()[0].click()
    assert holder.buttons()[0].isChecked()
    assert [b.isChecked() for b in holder.buttons()] == [True, False, False]
