"""The keyboard sheet (F1) fits the screen and shows every description whole."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui import theme
from app.ui.shortcut_sheet import SCREEN_MARGIN, ShortcutSheet, shortcut_rows


def test_in_presenter_mode_the_sheet_stays_within_the_screen_and_its_close_button_on_it(qtbot):
    theme.set_presenting(True)
    try:
        sheet = ShortcutSheet()
        qtbot.addWidget(sheet)
        sheet.show()
        qtbot.wait_exposed(sheet)
        room = sheet.screen().availableGeometry()
        # Presenter mode asks for 750 px of height; the offscreen screen has fewer.
        assert theme.px(500) > room.height() - SCREEN_MARGIN
        assert sheet.height() <= room.height() - SCREEN_MARGIN
        assert sheet.width() <= room.width() - SCREEN_MARGIN
    finally:
        theme.set_presenting(False)


def test_a_long_description_wraps_instead_of_ending_in_an_ellipsis(qtbot):
    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.wait_exposed(sheet)
    QApplication.processEvents()
    table = sheet.table
    lengths = [len(what) for _keys, what in shortcut_rows()]
    longest, shortest = lengths.index(max(lengths)), lengths.index(min(lengths))
    column = table.columnWidth(1)
    text_width = table.fontMetrics().horizontalAdvance(table.item(longest, 1).text())
    assert text_width > column  # it would not fit on one line
    assert table.rowHeight(longest) > table.rowHeight(shortest)
