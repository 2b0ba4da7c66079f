"""A lesson stop's hidden and locked controls (``Stop.hidden``, ``Stop.locked``).

Each name of ``CONTROL_NAMES`` is a set of widgets, on the stage and on the desktop alike
(a lesson left to explore keeps them): a locked control is disabled, a hidden one is not
shown, so Tab never lands on it (Qt's focus chain skips hidden and disabled widgets); a
hidden control is locked too (its keys do nothing). ``edge_select`` is not a widget but
clicks on the graphs: held, they are swallowed (hidden or locked alike).

The views set some of these widgets' visibility and enabled state themselves (Teach it is
enabled once there is a drawing and a digit; the valley's row shows for the valley only). A
held widget keeps the lesson's state: what the view asks meanwhile is remembered and given
back when the lesson lets go (``release``, on the next stop and when the lesson closes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.core.lesson_file import CONTROL_NAMES

_CLICKS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


def _get(obj, path: str):
    """``obj.a.b.c`` for ``path`` "a.b.c", or None where a part is missing."""
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


#: Each control's widgets, as attribute paths from the window (``w.``) and from the stage's
#: scenes (``<scene>.``; a scene not made yet has none).
_PATHS: dict[str, tuple[str, ...]] = {
    "play": ("w.controls.play_button", "stage.play_button"),
    "step": ("w.controls.step_button", "stage.step_button"),
    "granularity": ("w.controls.granularity", "w.controls.run_box.granularity_label"),
    "reset": ("w.controls.reset_button",),
    "speed": (
        "w.controls.speed",
        "w.controls.speed_label",
        "w.controls.full_speed",
        "w.controls.run_box.speed_title",
    ),
    "learning_rate": (
        "w.controls.lr_slider",
        "w.controls.lr_label",
        "w.controls.hyper_box.lr_title",
    ),
    "batch_size": ("w.controls.batch_size", "w.controls.hyper_box.batch_size_title"),
    "optimizer": ("w.controls.optimizer", "w.controls.hyper_box.optimizer_title"),
    "experiments": ("w.controls.experiments_toggle", "w.controls.experiments"),
    "architecture": ("w.controls.net_box",),
    "teach": (
        "w.prediction.teach_label",
        "w.prediction.teach_button",
        "draw.prediction.teach_label",
        "draw.prediction.teach_button",
    ),
    "drawing_pad": ("w.pad", "draw.pad"),
    "edge_select": ("w.graph", "network.graph"),
    "landscape_settings": ("w.landscape.settings_bar", "landscape.plane"),
    "landscape_lesson": ("w.landscape.lesson_controls", "landscape.view.lesson_controls"),
    "scene_bar": ("stage.bar",),
}
#: The window's menu actions of a control (disabled while it is held).
_ACTIONS = {"play": ("play_action",), "step": ("step_action",), "reset": ("reset_action",)}


def control_widgets(window, stage, name: str) -> list[QWidget]:
    """The widgets of the control ``name`` that exist now (the teach row's digit buttons
    included), on the desktop (``window``) and on the ``stage``'s scenes made so far."""
    scenes = stage.built_scenes()
    found: list[QWidget] = []
    for path in _PATHS[name]:
        root, _, rest = path.partition(".")
        base = {"w": window, "stage": stage}.get(root, scenes.get(root))
        widget = _get(base, rest) if base is not None else None
        if isinstance(widget, QWidget):
            found.append(widget)
        if name == "teach" and path.endswith("teach_button") and base is not None:
            found += list(_get(base, rest.rpartition(".")[0] + ".digit_buttons") or ())
    return found


def click_targets(graph: QWidget) -> list[QWidget]:
    """Where a click on ``graph``'s edges arrives: its pictures' viewports (not its own
    option boxes)."""
    return [view.viewport() for view in graph.findChildren(QGraphicsView)]


class ControlHold(QObject):
    """Holds the controls a stop names (``apply``) until ``release``; ``held(name)`` says
    whether a control is held (hidden or locked) now."""

    def __init__(self, window, stage) -> None:
        super().__init__(stage)
        self.window, self.stage = window, stage
        self.hidden: frozenset[str] = frozenset()
        self.locked: frozenset[str] = frozenset()
        self._shown: dict[QWidget, bool] = {}  # widget → visible as the app wants it
        self._enabled: dict[QWidget, bool] = {}  # widget → enabled as the app wants it
        self._actions: dict[object, bool] = {}
        self._clicks: set[QWidget] = set()
        self._busy = False

    def held(self, name: str) -> bool:
        return name in self.hidden or name in self.locked

    def apply(self, hidden, locked) -> None:
        """Hide ``hidden`` and disable ``hidden`` + ``locked`` (names of CONTROL_NAMES); every
        other control as the app wants it."""
        self.release()
        self.hidden, self.locked = frozenset(hidden), frozenset(locked) | frozenset(hidden)
        self.refresh()

    def refresh(self) -> None:
        """Hold the widgets made since (a scene shown for the first time)."""
        for name in sorted(CONTROL_NAMES & (self.hidden | self.locked)):
            for widget in control_widgets(self.window, self.stage, name):
                self._hold(name, widget)
            menus = getattr(self.window, "menus", None)
            for attribute in _ACTIONS.get(name, ()):
                action = getattr(menus, attribute, None)
                if action is not None and action not in self._actions:
                    self._actions[action] = action.isEnabled()
                    action.setEnabled(False)

    def _hold(self, name: str, widget: QWidget) -> None:
        self._busy = True
        try:
            if name == "edge_select":
                for target in click_targets(widget):
                    if target not in self._clicks:
                        self._clicks.add(target)
                        target.installEventFilter(self)
                return
            if name in self.hidden and widget not in self._shown:
                self._shown[widget] = not widget.isHidden()
                widget.hide()
                widget.installEventFilter(self)
            if widget not in self._enabled:
                self._enabled[widget] = widget.isEnabled()
                widget.setEnabled(False)
                widget.installEventFilter(self)
        finally:
            self._busy = False

    def release(self) -> None:
        """Every held control back as the app wants it."""
        self._busy = True
        try:
            for widget, shown in self._shown.items():
                widget.removeEventFilter(self)
                widget.setVisible(shown)
            for widget, enabled in self._enabled.items():
                widget.removeEventFilter(self)
                widget.setEnabled(enabled)
            for target in self._clicks:
                target.removeEventFilter(self)
            for action, enabled in self._actions.items():
                action.setEnabled(enabled)
        finally:
            self._busy = False
        self._shown, self._enabled, self._actions, self._clicks = {}, {}, {}, set()
        self.hidden = self.locked = frozenset()

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if obj in self._clicks and kind in _CLICKS:
            return True  # edges cannot be chosen now
        if self._busy:
            return False
        if kind == QEvent.Type.Show and obj in self._shown:
            self._shown[obj] = True  # the view shows it: it comes back so
            self._busy = True
            obj.hide()
            self._busy = False
        elif kind == QEvent.Type.EnabledChange and obj in self._enabled and obj.isEnabled():
            self._enabled[obj] = True
            self._busy = True
            obj.setEnabled(False)
            self._busy = False
        return False
