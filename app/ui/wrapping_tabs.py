"""Tabs whose titles wrap onto a second row instead of scrolling.

At 1280×720 the desktop's plots (loss curve, loss landscape, step through, neuron lab, layer
health) needed 497 px of tabs in 376 px: Qt's tab bar scrolled and "Layer h…" was cut. Here
the ``QTabWidget`` keeps its pages and its API (``setCurrentWidget``, ``setTabText``,
``currentChanged``); its own bar is hidden and a row of checkable buttons, one per tab, in
a ``FlowLayout`` takes its place: every title whole, on two rows only where one is too
narrow.

    tabs = QTabWidget(); tabs.addTab(page, "Loss curve") …
    holder = WrappingTabs(tabs)   # put ``holder`` in the layout instead of ``tabs``
    holder.sync()                 # after setTabText / setTabToolTip (a language change)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.ui.flow_layout import FlowLayout


class WrappingTabs(QWidget):
    """``tabs`` under a wrapping row of its titles (see the module's docstring)."""

    def __init__(self, tabs: QTabWidget, keys: str = "", parent: QWidget | None = None) -> None:
        """``keys``: the modifier of the tabs' number keys ("Ctrl", "Alt"), for the
        tooltips ("Loss curve (Ctrl+1)"); none by default."""
        super().__init__(parent)
        self.tabs = tabs
        self.keys = keys
        tabs.tabBar().hide()
        # The tab widget hands its focus to its bar; with the bar hidden, Tab stopped there
        # and went back: a keyboard trap. The buttons take the bar's place in the chain (one
        # stop, as a tab bar is; the arrow keys move between them).
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.row = QWidget()
        self.flow = FlowLayout(self.row, spacing=2)
        for index in range(tabs.count()):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.group.addButton(button, index)
            self.flow.addWidget(button)
        self.group.idClicked.connect(self._clicked)
        tabs.currentChanged.connect(self._show_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.row)
        layout.addWidget(tabs, 1)
        self.setStyleSheet(
            "QPushButton { padding: 3px 10px; border: 1px solid palette(mid);"
            " border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px;"
            " background: palette(button); }"
            " QPushButton:checked { background: palette(base); border-top: 3px solid"
            " palette(highlight); }"
        )
        self.sync()

    def buttons(self) -> list[QPushButton]:
        return [self.group.button(index) for index in range(self.tabs.count())]

    def sync(self) -> None:
        """The buttons' titles and tooltips from the tabs' (after a change of language)."""
        for index, button in enumerate(self.buttons()):
            title = self.tabs.tabText(index)
            button.setText(title)
            key = f" ({self.keys}+{index + 1})" if self.keys else ""
            button.setToolTip(self.tabs.tabToolTip(index) or title + key)
        self._show_current(self.tabs.currentIndex())
        self.flow.invalidate()

    def _clicked(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def _show_current(self, index: int) -> None:
        button = self.group.button(index)
        if button is not None:
            button.setChecked(True)
