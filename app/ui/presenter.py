"""Presenter mode (F5, View menu): the whole window readable from the back of a classroom.

One switch, ``apply_presentation(window, on)``:

- the application font ``theme.FONT_SCALE`` times larger (every widget that does not set its
  own font follows it);
- the high-contrast look: black on white with pure, saturated blue and orange
  (``theme.HIGH_CONTRAST``), as the application palette and in every view's own painting,
  and the plots' lines ``theme.LINE_SCALE`` times thicker;
- every widget of the window with an ``apply_theme()`` method is asked to apply the new look
  (its explicit font sizes, pens, stylesheets: ``theme.pt``, ``theme.px``,
  ``theme.line_width``, ``theme.colours``);
- a column in a scroll area that never scrolls sideways keeps the width its larger texts need;
- full screen.

Off puts back exactly what was there: the font, the palette, the widths, the window's state
and geometry. ``PresenterMode`` is the window's checkable action for it (F5), remembered in
QSettings (``SETTINGS_KEY``).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QScrollArea, QWidget

from app.ui import theme

SETTINGS_KEY = "view/presenter"


@dataclass
class _Saved:
    """What presenter mode changed, to put back exactly."""

    font: QFont
    palette: QPalette
    state: Qt.WindowState
    geometry: QRect
    normal_geometry: QRect
    scroll_widths: dict[QScrollArea, int] = field(default_factory=dict)


_saved: weakref.WeakKeyDictionary[QMainWindow, _Saved] = weakref.WeakKeyDictionary()


def is_presenting(window: QMainWindow) -> bool:
    """True while ``window`` is in presenter mode."""
    return window in _saved


def apply_presentation(window: QMainWindow, on: bool, *, full_screen: bool = True) -> None:
    """Turn presenter mode on or off for ``window`` (nothing happens if it already is so).

    ``full_screen=False`` leaves the window's size alone (the tests check the layout at
    1280×720 on a virtual screen of another size).
    """
    app = QApplication.instance()
    if on == is_presenting(window):
        return
    if on:
        saved = _Saved(
            font=QFont(app.font()),
            palette=QPalette(app.palette()),
            state=window.windowState(),
            geometry=window.geometry(),
            normal_geometry=window.normalGeometry(),
        )
        _saved[window] = saved
        theme.set_presenting(True)
        app.setFont(scaled_font(saved.font, theme.FONT_SCALE))
        app.setPalette(high_contrast_palette(saved.palette))
        _propagate()
        apply_theme(window)
        _fit_scroll_areas(window, saved)
        if full_screen:
            window.showFullScreen()
        return

    saved = _saved.pop(window)
    theme.set_presenting(False)
    app.setFont(saved.font)
    app.setPalette(saved.palette)
    _propagate()
    apply_theme(window)
    for area, width in saved.scroll_widths.items():
        area.setMinimumWidth(width)
    if window.windowState() != saved.state or window.geometry() != saved.geometry:
        # Full screen ends; a window started full screen (so restored from the last session)
        # gets the size it had before that.
        window.setWindowState(saved.state & ~Qt.WindowState.WindowFullScreen)
        if saved.state & Qt.WindowState.WindowFullScreen:
            window.setGeometry(saved.normal_geometry)
        elif not saved.state & Qt.WindowState.WindowMaximized:
            window.setGeometry(saved.geometry)


def _propagate() -> None:
    """Deliver the font and palette now: Qt posts them, and sizes measured before that (a
    column's width) would be the old ones."""
    QApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    QApplication.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)


def apply_theme(root: QWidget) -> None:
    """Ask ``root`` and every widget in it (dialogs too) to apply the current look."""
    for widget in (root, *root.findChildren(QWidget)):
        method = getattr(type(widget), "apply_theme", None)
        if callable(method):
            widget.apply_theme()


def scaled_font(font: QFont, factor: float) -> QFont:
    """``font``, ``factor`` times larger (in points, or in pixels if it is sized so)."""
    larger = QFont(font)
    if font.pointSizeF() > 0:
        larger.setPointSizeF(font.pointSizeF() * factor)
    else:
        larger.setPixelSize(round(font.pixelSize() * factor))
    return larger


def high_contrast_palette(base: QPalette) -> QPalette:
    """Black on white, saturated blue selection, disabled text still dark enough to read."""
    colours = theme.HIGH_CONTRAST
    palette = QPalette(base)
    black, white = QColor(colours.foreground), QColor(colours.background)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for r in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText):
            palette.setColor(group, r, black)
        for r in (role.Window, role.Base, role.ToolTipBase):
            palette.setColor(group, r, white)
        palette.setColor(group, role.AlternateBase, QColor("#eeeeee"))
        palette.setColor(group, role.Button, QColor("#f0f0f0"))
        palette.setColor(group, role.Highlight, QColor(colours.positive))
        palette.setColor(group, role.HighlightedText, white)
        palette.setColor(group, role.Link, QColor(colours.positive))
        palette.setColor(group, role.PlaceholderText, QColor(colours.muted))
        palette.setColor(group, role.Mid, QColor("#606060"))
        palette.setColor(group, role.Dark, QColor("#303030"))
        palette.setColor(group, role.Shadow, black)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#5a5a5a"))
    for r in (role.Window, role.Base):
        palette.setColor(disabled, r, white)
    palette.setColor(disabled, role.Button, QColor("#f0f0f0"))
    return palette


def _fit_scroll_areas(window: QMainWindow, saved: _Saved) -> None:
    """A column that never scrolls sideways needs the width of its larger contents."""
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        if (
            content is None
            or not area.widgetResizable()
            or area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            continue
        saved.scroll_widths[area] = area.minimumWidth()
        content.adjustSize()
        needed = (
            content.minimumSizeHint().width()
            + area.verticalScrollBar().sizeHint().width()
            + 2 * area.frameWidth()
        )
        area.setMinimumWidth(max(area.minimumWidth(), needed))


class PresenterMode(QObject):
    """The window's "Presenter mode" action (F5, checkable) and its remembered setting.

    ``toggled(on)`` follows every switch. ``restore()`` turns it on at start if it was on
    when the app last closed.
    """

    toggled = Signal(bool)

    def __init__(self, window: QMainWindow, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.action = QAction(window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.action.toggled.connect(self.set_on)
        window.addAction(self.action)  # F5 works even when the action is in no menu
        window.installEventFilter(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.action.setText(self.tr("&Presenter mode"))  # the menu shows its key, F5
        self.action.setToolTip(
            self.tr("Large text, high contrast and full screen, for a projector. F5 again ends it.")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def is_on(self) -> bool:
        return is_presenting(self.window)

    def set_on(self, on: bool) -> None:
        on = bool(on)
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # toggled comes back here
            return
        if on == self.is_on():
            return
        apply_presentation(self.window, on)
        if self.settings is not None:
            self.settings.setValue(SETTINGS_KEY, on)
        self.toggled.emit(on)

    def toggle(self) -> None:
        self.set_on(not self.is_on())

    def restore(self) -> None:
        """Presenter mode on if it was on at the end of the last session."""
        if self.settings is not None and _truthy(self.settings.value(SETTINGS_KEY)):
            self.set_on(True)


def _truthy(value: object) -> bool:
    # An ini file gives back "true"; a native store gives back the bool.
    return value is True or str(value).lower() in {"true", "1"}
