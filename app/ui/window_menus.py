"""The window's menus and keyboard shortcuts (the F1 sheet lists the keys).

Window chrome, not a view: it is built from the window's parts (its file actions, session
keeper, controls, presenter mode and tour) and calls their public methods only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.training import commands as cmd
from app.ui import i18n
from app.ui.scene_export_action import SceneExportAction
from app.ui.shortcut_sheet import ShortcutSheet


class WindowMenus(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.shortcut_sheet: ShortcutSheet | None = None
        self.desktop_keys: list[QShortcut] = []
        self._build()
        self._shortcuts()

    def _build(self) -> None:
        window = self.window
        self.file_menu = window.menuBar().addMenu("")
        file_menu = self.file_menu
        files = window.files
        self.open_action = self._action(
            file_menu, files.open_session, QKeySequence.StandardKey.Open
        )
        self.save_action = self._action(
            file_menu, files.save_session, QKeySequence.StandardKey.Save
        )
        file_menu.addMenu(window.keeper.recent_menu)
        self._build_lessons(file_menu)
        file_menu.addSeparator()
        self.load_folder_action = self._action(file_menu, files.load_data_folder)
        self.download_action = self._action(file_menu, lambda: files.download_mnist())
        self.test_folder_action = self._action(file_menu, files.choose_test_folder)
        file_menu.addSeparator()
        self.export_graph_action = self._action(file_menu, lambda: files.export(window.graph))
        self.export_loss_action = self._action(file_menu, lambda: files.export(window.loss_plot))
        self.scene_export = SceneExportAction(window, window)
        self.export_scene_action = self._action(file_menu, self.scene_export.run)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, window.close, QKeySequence.StandardKey.Quit)

        self.train_menu = window.menuBar().addMenu("")
        self.play_action = self._action(self.train_menu, window.controls.toggle_play)
        self.step_action = self._action(self.train_menu, window.controls.request_step)
        self.reset_action = self._action(
            self.train_menu, window.confirm_reset, QKeySequence("Ctrl+R")
        )
        self.undo_reset_action = self._action(self.train_menu, lambda: window.send(cmd.UndoReset()))
        self.undo_reset_action.setEnabled(False)

        self.view_menu = window.menuBar().addMenu("")
        self.view_menu.addAction(window.presenter.action)
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.available_languages().items():
            # Each language is named in its own language, never translated.
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = window.menuBar().addMenu("")
        self.shortcuts_action = self._action(self.help_menu, self.show_shortcuts)
        self.tour_action = self._action(self.help_menu, lambda: window.tour.start())

    def _build_lessons(self, file_menu) -> None:
        """File → Lessons: the lessons that ship with the app, and any lesson file."""
        from app.core.lesson_file import shipped_lessons

        self.lessons_menu = file_menu.addMenu("")
        self.lesson_actions = {}
        for name, path in shipped_lessons().items():
            action = self._action(self.lessons_menu, lambda _=False, p=path: self.open_lesson(p))
            self.lesson_actions[name] = (action, path)
        self.lessons_menu.addSeparator()
        self.lesson_file_action = self._action(self.lessons_menu, self.choose_lesson_file)
        # Making a lesson. Window actions too: their keys work on the stage, menu bar hidden.
        from app.ui.lesson_author import LessonMaker

        self.maker = LessonMaker(self.window)
        self.add_stop_action = self._action(
            file_menu, self.maker.add_this_as_a_stop, QKeySequence("Ctrl+Shift+A")
        )
        self.save_lesson_action = self._action(file_menu, self.maker.choose_and_save)
        self.window.addAction(self.add_stop_action)

    def choose_lesson_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open a lesson"), "", self.tr("Lessons (*.toml)")
        )
        if path:
            self.open_lesson(path)

    def open_lesson(self, path) -> bool:
        """Open the lesson in ``path`` on the stage (presenter mode comes on); a bad file
        gets its one message and nothing changes."""
        from app.core.lesson_file import load_lesson
        from app.errors import BackpropLabError
        from app.training.lesson_stops import check_networks

        try:
            lesson = load_lesson(path)
            check_networks(lesson)  # its model files too: a bad one is refused here
        except BackpropLabError as exc:
            QMessageBox.warning(self.window, self.tr("Lesson not opened"), str(exc))
            return False
        self.window.presenter.action.setChecked(True)
        self.window.stage.open_lesson(lesson)
        return True

    def _name_lessons(self) -> None:
        from app.core.lesson_file import load_lesson
        from app.errors import BackpropLabError

        self.lessons_menu.setTitle(self.tr("&Lessons"))
        language = i18n.current_language()
        for name, (action, path) in self.lesson_actions.items():
            try:
                action.setText(load_lesson(path).title.get(language))
            except BackpropLabError:  # a damaged install: the menu still names the file
                action.setText(name)
        self.lesson_file_action.setText(self.tr("Open a lesson file…"))
        self.add_stop_action.setText(self.tr("Add this as a lesson stop"))
        self.save_lesson_action.setText(self.tr("Save lesson…"))

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open session…"))
        self.save_action.setText(self.tr("&Save session…"))
        self.load_folder_action.setText(self.tr("Load MNIST &folder…"))
        self.download_action.setText(self.tr("&Download full MNIST…"))
        self.test_folder_action.setText(self.tr("Evaluate on an MNIST &test folder…"))
        self.export_graph_action.setText(self.tr("&Export graph as PNG or SVG…"))
        self.export_loss_action.setText(self.tr("Export &loss plot as PNG or SVG…"))
        self.export_scene_action.setText(self.tr("Export a classroom &scene for slides…"))
        self._name_lessons()
        self.quit_action.setText(self.tr("&Quit"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.play_action.setText(self.tr("Play / Pause (Space)"))
        self.step_action.setText(self.tr("Step (→)"))
        self.reset_action.setText(self.tr("Reset weights"))
        self.undo_reset_action.setText(self.tr("Undo reset"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.shortcuts_action.setText(self.tr("Keyboard shortcuts (F1)"))
        self.tour_action.setText(self.tr("Show the tour again"))
        current = i18n.current_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == current)

    def show_shortcuts(self) -> None:
        """The keyboard sheet (F1), one per window, raised if already open."""
        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self.window)
        if self.shortcut_sheet.isVisible():
            self.shortcut_sheet.raise_()
        else:
            self.shortcut_sheet.show()
        self.shortcut_sheet.activateWindow()

    def set_language(self, language: str) -> None:
        """Show every text in ``language`` now, and at the next start (View → Language)."""
        if language != i18n.current_language():
            i18n.set_language(language, self.window.settings)
        else:
            self.window.settings.setValue(i18n.SETTINGS_KEY, language)
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())

    def _action(self, menu, slot, shortcut=None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _shortcuts(self) -> None:
        """The desktop's keys. The stage has keys of its own for Space, ←/→ and the digits:
        ``set_desktop_keys(False)`` while it is shown, as two shortcuts for one key cancel
        each other out in Qt (neither fires)."""
        window = self.window
        add = self._desktop_key
        # A lesson stop may hide or lock Play, Step and the step's size: their keys follow.
        controls = window.controls
        add(Qt.Key.Key_Space, lambda: controls.play_button.isEnabled() and controls.toggle_play())
        add(Qt.Key.Key_Right, lambda: controls.step_button.isEnabled() and window.right_key())
        add(Qt.Key.Key_Left, window.left_key)
        # B (a clicker's "blank screen" button) brings an open lesson's stop back, stage and
        # all; on the stage the lesson's strip has the same key.
        add(
            Qt.Key.Key_B,
            lambda: window.stage.lesson is not None and window.stage.lesson.back_to_stop(),
        )
        # A lesson from the keyboard alone (the F1 sheet lists them); text fields keep their
        # digits, as Qt lets an editor claim a plain key before a shortcut does.
        for key, index in ((Qt.Key.Key_1, 0), (Qt.Key.Key_2, 1), (Qt.Key.Key_3, 2)):
            add(
                key,
                lambda index=index: (
                    controls.granularity.isEnabled() and controls.granularity.setCurrentIndex(index)
                ),
            )
        digits = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
        for index, key in enumerate(digits):
            add(
                Qt.KeyboardModifier.ControlModifier | key,
                lambda index=index: window.plots.setCurrentIndex(index),
            )
        for index, key in enumerate(digits[:4]):
            add(
                Qt.KeyboardModifier.AltModifier | key,
                lambda index=index: window.views.setCurrentIndex(index),
            )
        QShortcut(QKeySequence(Qt.Key.Key_F1), window, self.show_shortcuts)

    def _desktop_key(self, key, slot) -> None:
        self.desktop_keys.append(QShortcut(QKeySequence(key), self.window, slot))

    def set_desktop_keys(self, enabled: bool) -> None:
        for shortcut in self.desktop_keys:
            shortcut.setEnabled(enabled)
