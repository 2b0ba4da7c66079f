"""The classroom stage: one picture at a time, filling the screen, with its numbers.

On a projector the desktop's instrument panel (every view at once) makes everything tiny. The
stage shows one scene at a time under a slim bar: the scenes' names (and 1…N), Play/Pause,
Step, and where you are ("3 / 5"). The window gives it its scenes, ``app.ui.scenes.SCENES``
(each built from the app's own views as instances of its own, the first time it is shown):

    Stage(window, SCENES, lab=...)

    window ──show_snapshot(snap), ~30×/s──▶ Stage ──▶ the visible scene only
    Stage ──play_toggled, step_requested, edge_selected(i)──▶ window (its controls)

Keys, while the stage (or a widget in it) has the focus: PageDown/PageUp (what presentation
clickers send) and →/← go to the next and the previous scene and stop at the ends (a click
too many never jumps back to the start); 1…9 and 0 the first ten scenes; Space plays and
pauses; Return or S takes a step. Text is sized by the stage's height (``text_px``): at least
``MIN_TEXT_PX``, a thirtieth of the height, so it scales with the projector.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.training.snapshot import Snapshot
from app.ui import theme
from app.ui.host import ViewHost
from app.ui.lesson_player import LessonPlayer
from app.ui.scene_base import Scene, SceneSpec
from app.ui.stage_context import MIN_TEXT_PX, NoLab, StageContext, px_font

#: The smallest text on the stage (``MIN_TEXT_PX``, from ``stage_context``), and its share
#: of the stage's height.
#: The bar's words shrink to this, no further, where they would not fit across.
MIN_BAR_PX = 20
TEXT_PX_PER_HEIGHT = 1 / 30
MAX_TEXT_PX = 48
#: The pause between two scenes made ahead while the stage is idle: a click waits for at
#: most one scene being made (≤ 160 ms), and eleven scenes are ready within ~3 s.
PREBUILD_EVERY_MS = 250


def scene_key(index: int) -> str | None:
    """The number key of the scene at ``index``: 1…9 as on the bar, then 0 for the tenth
    (the row of number keys ends there); none after it (PageDown reaches it)."""
    if index < 9:
        return str(index + 1)
    return "0" if index == 9 else None


def text_px_for(height: int) -> int:
    """The stage's text size for a stage ``height`` pixels tall."""
    return int(min(MAX_TEXT_PX, max(MIN_TEXT_PX, round(height * TEXT_PX_PER_HEIGHT))))


class Stage(QWidget):
    """The scene bar and one scene below it. ``host`` is the window (``ViewHost``); ``lab``
    gives the neuron lab's weights (``lab_network(snap)``, ``lab_snapshot(snap)``; none by
    default). The window feeds it with ``show_snapshot``, tells it the selected weights with
    ``set_selected``, and stops its background threads (``job_threads``) when it closes.
    """

    play_toggled = Signal()
    step_requested = Signal()
    #: An edge was clicked in the stage's graph (its flat index): the window selects it.
    edge_selected = Signal(int)
    #: The scene on screen changed (its name).
    scene_changed = Signal(str)

    def __init__(
        self,
        host: ViewHost,
        scenes: tuple[SceneSpec, ...],
        lab=None,
        worker=None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.specs = scenes
        self._selected: tuple[int, ...] = ()
        self.context = StageContext(
            host,
            worker=worker,
            selected=self.selected,
            lab=lab if lab is not None else NoLab(),
            edge_clicked=self.edge_selected.emit,
        )
        # The desktop's evaluation (the window's look-inside, also its lab) sets the threshold
        # (linked when that view is made: the desktop builds it when its tab is first shown).
        share_threshold = getattr(lab, "share_threshold", None)
        if share_threshold is not None:
            share_threshold(self.context.threshold)
        self._scenes: dict[int, Scene] = {}
        # Once on screen, the scenes not made yet are made one at a time while the stage is
        # idle, so the teacher's next PageDown shows a scene made already (a first visit,
        # which makes the scene, took 90–160 ms; a later one 20–55 ms).
        self._prebuild = QTimer(self)
        self._prebuild.setInterval(PREBUILD_EVERY_MS)
        self._prebuild.timeout.connect(self.make_one_more)
        self._ahead = False
        self._compact = False  # the bar's Play and Step without their words
        self._numbers_only = False  # the scenes not shown by their numbers only
        self._answers_hidden = False  # a lesson's question waits for Reveal
        self._index = 0
        self._running: bool | None = None
        self._fed_at = 0.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_bar()
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        # The bar fits its words to the stage's width (``_fit_bar``), so it must not set the
        # width: at a width it fitted, it held a window 1,125 px wide on a 1024 px screen.
        self.bar.setMinimumWidth(1)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        #: The open guided lesson's strip under the scene (hidden while none is open).
        self.lesson = LessonPlayer(host, worker, self) if worker is not None else None
        if self.lesson is not None:
            layout.addWidget(self.lesson)
            # The lesson's strip says where the class is; the scene bar gives the picture its
            # height back while a lesson runs (the keys still work).
            self.lesson.closed.connect(lambda: self.bar.setVisible(True))
            # A scene made for the first time: its controls a stop hides or locks, too.
            self.scene_changed.connect(lambda _name: self.lesson.hold.refresh())
            self.scene_changed.connect(self.lesson.scene_left)
        self._shortcuts = self._make_shortcuts()
        self._set_text_px(MIN_TEXT_PX, force=True)
        self.apply_theme()
        self.retranslate_ui()

    def _build_bar(self) -> None:
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.scene_buttons = QButtonGroup(self)
        self.scene_buttons.setExclusive(True)
        for index, _spec in enumerate(self.specs):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.scene_buttons.addButton(button, index)
            row.addWidget(button)
        self.scene_buttons.idClicked.connect(self.show_scene)
        row.addStretch(1)
        self.position = QLabel()
        row.addWidget(self.position)
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play_button = QPushButton(self._play_icon, "")
        self.play_button.clicked.connect(self.play)
        self.step_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), ""
        )
        self.step_button.clicked.connect(self.step)
        for button in (self.play_button, self.step_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)

    def _make_shortcuts(self) -> list[QShortcut]:
        bindings: list[tuple[QKeySequence, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.page(+1)),
            (QKeySequence(Qt.Key.Key_Right), lambda: self.arrow(+1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.page(-1)),
            (QKeySequence(Qt.Key.Key_Left), lambda: self.arrow(-1)),
            (QKeySequence(Qt.Key.Key_Home), lambda: self.page(-(10**6))),
            (QKeySequence(Qt.Key.Key_End), lambda: self.page(10**6)),
            (QKeySequence(Qt.Key.Key_Space), self.play),
            (QKeySequence(Qt.Key.Key_Return), self.step),
            (QKeySequence(Qt.Key.Key_Enter), self.step),
            (QKeySequence(Qt.Key.Key_S), self.step),
        ]
        for index in range(len(self.specs)):
            key = scene_key(index)
            if key is not None:
                bindings.append((QKeySequence(key), lambda index=index: self._number(index)))
        shortcuts = []
        for keys, slot in bindings:
            shortcut = QShortcut(keys, self)
            # Only while the focus is in the stage: hidden, it leaves the desktop its keys.
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcuts.append(shortcut)
        return shortcuts

    def _number(self, index: int) -> None:
        """A number key: its scene, unless a lesson's stop holds the scene bar (its keys
        are the bar's)."""
        lesson = self.lesson
        if lesson is None or not lesson.is_open or not lesson.hold.held("scene_bar"):
            self.show_scene(index)

    def claimed_keys(self) -> tuple[QKeySequence, ...]:
        """The keys the stage answers to. The window's own shortcuts for the same keys
        (Space, →, ←, 1, 2, 3) must be disabled while the stage is shown: Qt gives a key
        claimed by two enabled shortcuts to neither."""
        return tuple(shortcut.key() for shortcut in self._shortcuts)

    # -- texts and looks ------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        for index, spec in enumerate(self.specs):
            button = self.scene_buttons.button(index)
            key = scene_key(index)
            keys = (
                self.tr("PageDown and PageUp (or → and ←) go to the next and the previous scene.")
                if key is None
                else self.tr(
                    "Key {0}. PageDown and PageUp (or → and ←) go to the next and the previous"
                    " scene."
                ).format(key)
            )
            button.setToolTip(f"{self.tr(spec.title)}\n{keys}")
        running, self._running = bool(self._running), None
        self._show_running(running)
        self.play_button.setToolTip(self.tr("Play or pause training (Space)"))
        step_words = QCoreApplication.translate("ControlsPanel", "Step")
        self.step_button.setAccessibleName(step_words)
        if not self._compact:
            self.step_button.setText(step_words)
        self.step_button.setToolTip(
            self.tr("Take one step (Return or S), as much as Step in the controls learns from")
        )
        self._show_position()
        self._fit_bar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        self._fit_bar()

    def _fit_bar(self) -> None:
        """The bar's words at the stage's text size, smaller only where the bar would not
        fit across (``MIN_BAR_PX`` at least); the chosen scene in the answer's colour."""
        room = self.width() - self.layout().contentsMargins().left() * 2
        px = self.context.text_px
        self._set_compact(False)
        self._name_scenes()
        while True:
            self._style_bar(px)
            if self.bar.sizeHint().width() <= room:
                return
            if px <= MIN_BAR_PX:
                # Six scenes' names in English did not fit 1024 px even at 20 px: Play and
                # Step keep their icons (and tooltips), the position gives way; past that
                # the scenes not shown keep their numbers (their names are in the tooltips).
                self._set_compact(True)
                if self.bar.sizeHint().width() > room:
                    self._name_scenes(numbers_only=True)
                return
            px -= 1

    def _name_scenes(self, numbers_only: bool = False) -> None:
        """Each scene's button: its name, or (``numbers_only``) its key's number but for
        the scene on screen, which keeps its name."""
        self._numbers_only = numbers_only
        for index, spec in enumerate(self.specs):
            name = self.tr(spec.title)
            short = numbers_only and index != self._index
            self.scene_buttons.button(index).setText(str(index + 1) if short else name)

    def _set_compact(self, on: bool) -> None:
        if on == self._compact:
            return
        self._compact = on
        self.position.setVisible(not on)
        running, self._running = bool(self._running), None
        self._show_running(running)
        self.step_button.setText("" if on else QCoreApplication.translate("ControlsPanel", "Step"))

    def _style_bar(self, px: int) -> None:
        font = px_font(px)
        self.bar.setFont(font)
        winner = theme.colours().winner
        border = round(theme.line_width(1))
        # The size in the style sheet too: a style sheet keeps the font it found.
        style = (
            f"QPushButton {{ border: {border}px solid palette(mid); border-radius: 4px;"
            f" background: palette(button); padding: 4px 12px; font-size: {px}px; }}"
            f"QPushButton:checked {{ background: {winner}; color: white;"
            f" border-color: {winner}; }}"
        )
        for button in self.scene_buttons.buttons():
            button.setStyleSheet(style)

    @property
    def text_px(self) -> int:
        return self.context.text_px

    def _set_text_px(self, px: int, force: bool = False) -> None:
        if px == self.context.text_px and not force:
            return
        self.context.text_px = px
        font = px_font(px)
        self.setFont(font)  # only the size: the family and the rest follow the application
        self._fit_bar()
        if self.lesson is not None:
            self.lesson.set_text_px(px)
        for scene in self._scenes.values():
            scene.set_text_px(px)

    def resizeEvent(self, event) -> None:
        self._set_text_px(text_px_for(self.height()))
        if event.size().width() != event.oldSize().width():
            self._fit_bar()
        super().resizeEvent(event)

    # -- scenes ---------------------------------------------------------------------------

    def scene_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.specs)

    @property
    def current_index(self) -> int:
        return self._index

    def current_name(self) -> str:
        return self.specs[self._index].name

    def current_scene(self) -> Scene:
        """The scene on screen (made now if it was not yet)."""
        return self._scene(self._index)

    def scene_named(self, name: str) -> Scene:
        """The scene called ``name`` (made now if it was not yet; not shown)."""
        return self._scene(self.scene_names().index(name))

    def built_scenes(self) -> dict[str, Scene]:
        """The scenes made so far, by name."""
        return {self.specs[i].name: scene for i, scene in self._scenes.items()}

    def _scene(self, index: int) -> Scene:
        scene = self._scenes.get(index)
        if scene is None:
            scene = self.specs[index].make(self.context)
            scene.hide_answers(self._answers_hidden)
            self._scenes[index] = scene
            self.stack.addWidget(scene)
        return scene

    def show_scene(self, which: int | str) -> None:
        """Show a scene, by position or by name; it draws the current snapshot at once."""
        index = self.scene_names().index(which) if isinstance(which, str) else int(which)
        index = min(max(index, 0), len(self.specs) - 1)
        changed = index != self._index
        if changed and self._index in self._scenes:
            self._scenes[self._index].left()
        self._index = index
        scene = self._scene(index)
        self.stack.setCurrentWidget(scene)
        self.scene_buttons.button(index).setChecked(True)
        if self._numbers_only and changed:
            self._fit_bar()  # the scene on screen shows its name
        self._show_position()
        self._keep_focus()
        snap = self.host.current_snapshot()
        if snap is not None and self.isVisible():
            self._fed_at = time.perf_counter()
            scene.show_snapshot(snap)
        if self.isVisible():
            scene.entered()
        if changed:
            self.scene_changed.emit(self.current_name())

    def arrow(self, direction: int) -> None:
        """→ or ←: the scene's, where it walks something (a step-through), else as the
        clicker's keys."""
        if not self.current_scene().arrow(direction):
            self.page(direction)

    def page(self, moves: int) -> None:
        """PageDown (+1) / PageUp (−1), Home and End (far): between an open lesson's stops
        (PageDown reveals a waiting question's answer first), else between the scenes; both
        stop at the ends."""
        if self.lesson is not None and self.lesson.is_open:
            if moves == 1:
                self.lesson.forward()  # a waiting question's answer before the next stop
            else:
                self.lesson.go(self.lesson.index + moves)
        else:
            self.show_scene(min(max(self._index + moves, 0), len(self.specs) - 1))

    def _held(self) -> bool:
        """A lesson's question waits for Reveal or Skip before training goes on."""
        if self.lesson is not None and self.lesson.holds_training():
            self.host.status(self.tr("Reveal the answer (or skip the question) first."), 4000)
            return True
        return False

    def play(self) -> None:
        """Space or the bar's Play: training plays or pauses (unless a question waits)."""
        if not self._held() and self.play_button.isEnabled():  # a stop may lock Play
            self.play_toggled.emit()

    def step(self) -> None:
        """Step (Return, S, the bar's button): the scene's, where it takes steps its own
        way, else one training step as the controls ask (``step_requested``). Return typed
        in a lesson's guess reveals it."""
        lesson = self.lesson
        if lesson is not None and lesson.holds_training() and lesson.guess_text.hasFocus():
            lesson.reveal()
            return
        if self._held() or not self.step_button.isEnabled():  # a stop may lock Step
            return
        if not self.current_scene().step_key():
            self.step_requested.emit()

    def hide_answers(self, hidden: bool) -> None:
        """While a lesson's question waits, the scenes hide the numbers it asks for."""
        self._answers_hidden = hidden
        for scene in self._scenes.values():
            scene.hide_answers(hidden)

    def open_lesson(self, lesson) -> None:
        """Start a guided lesson at its first stop (``app.ui.lesson_player``)."""
        if self.lesson is not None:
            self.bar.setVisible(False)
            self.lesson.open_lesson(lesson)

    def next_scene(self) -> None:
        self.show_scene(min(self._index + 1, len(self.specs) - 1))

    def previous_scene(self) -> None:
        self.show_scene(max(self._index - 1, 0))

    def _show_position(self) -> None:
        self.position.setText(self.tr("{0} / {1}").format(self._index + 1, len(self.specs)))

    def make_ahead(self, on: bool) -> None:
        """Make the scenes not made yet while the stage is on screen and idle (the window
        turns it on; a stage made for a test or an export makes its scenes when shown)."""
        self._ahead = on
        if on and self.isVisible():
            self._prebuild.start()
        elif not on:
            self._prebuild.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.show_scene(self._index)
        if self._ahead:
            self._prebuild.start()

    def make_one_more(self) -> None:
        """Make the next scene not made yet (not shown); none while training runs (the
        frames come first); stop when all are made or the stage leaves the screen."""
        missing = [i for i in range(len(self.specs)) if i not in self._scenes]
        if not missing or not self.isVisible():
            self._prebuild.stop()
            return
        snap = self.host.current_snapshot()
        if snap is None or not snap.running:
            self._scene(missing[0])

    def hideEvent(self, event) -> None:
        if self._index in self._scenes:
            self._scenes[self._index].left()  # back to the desktop
        super().hideEvent(event)

    def _keep_focus(self) -> None:
        """The keys need the focus in the stage, on a widget that is on screen."""
        focus = QApplication.focusWidget()
        inside = focus is self or (focus is not None and self.isAncestorOf(focus))
        if self.isVisible() and not (inside and focus.isVisible()):
            self.setFocus()

    # -- from the window ------------------------------------------------------------------

    def show_snapshot(self, snap: Snapshot) -> None:
        """Feed the scene on screen (only it); cheap for the others. While training runs, a
        costly scene is redrawn at its own pace (``Scene.max_hz_while_training``)."""
        self._show_running(snap.running)
        if self.lesson is not None:
            self.lesson.notice(snap)  # has the teacher left the lesson's stop?
        if not self.isVisible():
            return
        scene = self.current_scene()
        now = time.perf_counter()
        if snap.running and now - self._fed_at < 1.0 / scene.max_hz_while_training:
            return
        self._fed_at = now
        scene.show_snapshot(snap)

    def selected(self) -> tuple[int, ...]:
        return self._selected

    def set_selected(self, indices: tuple[int, ...]) -> None:
        """The weights selected in the window (the graph marks them; the landscape of two
        chosen weights uses the two newest)."""
        self._selected = tuple(int(i) for i in indices)
        for scene in self._scenes.values():
            scene.selection_changed()

    def job_threads(self) -> tuple:
        """The background threads of the scenes made so far (the landscape's)."""
        jobs = (job for scene in self._scenes.values() for job in scene.job_threads())
        return tuple(dict.fromkeys(jobs))  # the look-inside scenes share one

    def _show_running(self, running: bool) -> None:
        if running == self._running:
            return
        self._running = running
        translate = QCoreApplication.translate
        words = (
            translate("ControlsPanel", "Pause") if running else translate("ControlsPanel", "Play")
        )
        self.play_button.setText("" if self._compact else words)
        self.play_button.setAccessibleName(words)  # said even where the bar shows the icon
        self.play_button.setIcon(self._pause_icon if running else self._play_icon)
