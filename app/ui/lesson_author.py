"""A teacher makes a lesson in the app: "Add this as a stop", then File → Save lesson….

    Add this as a stop (Ctrl+Shift+A)
        ├─ Pause, SaveModel(draft folder/stopN.npz)       the weights, by the worker itself
        ├─ the state: η, batch size, optimizer, example order (``recorded_state``), the
        │  watched weights, what a Step takes, the landscape's plane when it is on screen
        └─ once the worker said "saved": the form (``StopDialog``) → the stop is appended

    Save lesson…  → folder/NAME.toml and folder/NAME_stop01.npz …, all written whole or
                    none (``.part`` files, then renamed, the lesson last), then read back;
                    a model file already there is never written over (``free_model_name``)

The lesson being made is a draft in a folder of its own (a temporary one): the open lesson
when one is open (its model files copied in, so saving it elsewhere, or over itself, never
reads a file it has just written), else a new one. A draft with stops not yet saved is
never dropped for another: the teacher is told to save it first.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import shutil
import tempfile
import weakref
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.lesson_file import (
    MAX_WATCHED,
    SUFFIX,
    Lesson,
    PlaneState,
    Stop,
    StopState,
    Text,
    check_names,
    dumps_lesson,
    load_lesson,
    parse_lesson,
    save_lesson,
)
from app.core.model_file import sweep_stale_parts
from app.core.network import Architecture
from app.errors import BackpropLabError, ConfigError, LessonFileError
from app.training import commands as cmd
from app.training.lesson_stops import recorded_state
from app.ui import i18n
from app.ui.lesson_author_dialog import StopDialog

#: The draft's own file name in its folder (never shown: the teacher saves elsewhere).
DRAFT_NAME = "lesson.toml"
#: A saved lesson's model files are named after it: at most this much of its name.
MAX_STEM_CHARS = 60
#: Names tried for one stop's model file (``free_model_name``): a folder holding this many
#: other files of that name is not one a lesson should be saved into.
MAX_MODEL_VERSIONS = 100


def model_name(lesson_path: Path, position: int) -> str:
    """The model file of the stop at ``position`` (0-based) of the lesson saved as
    ``lesson_path``: ``NAME_stop03.npz`` beside it (letters, digits, ``-`` and ``_`` only)."""
    stem = re.sub(r"[^\w-]", "_", lesson_path.stem)[:MAX_STEM_CHARS] or "lesson"
    return f"{stem}_stop{position + 1:02d}.npz"


def saved_models(lesson_path: Path) -> set[str]:
    """The model files named like ours (``model_name``) that the lesson now at
    ``lesson_path`` uses; empty if there is none or it cannot be read."""
    try:
        lesson = load_lesson(lesson_path)
    except BackpropLabError:
        return set()
    stem = re.escape(model_name(lesson_path, 0).removesuffix("01.npz"))
    ours = re.compile(rf"{stem}\d{{2,}}(-\d+)?\.npz")
    names = {s.state.model for s in lesson.stops if s.state.network == "file"}
    return {name for name in names if ours.fullmatch(name)}


def free_model_name(
    lesson_path: Path, position: int, source: Path, before: set[str]
) -> tuple[str, bool]:
    """The model file for the stop at ``position``, its weights in ``source``, of the lesson
    to be saved as ``lesson_path``: ``NAME_stop03.npz``, else ``NAME_stop03-2.npz``, ``-3``…
    A file already there is never written over: one the lesson saved over uses (``before``)
    is taken again only when it holds the same bytes, and any other is another lesson's.
    So until the new lesson file replaces the old one, the old one keeps every weight it
    had, and a save that fails or is killed half-way changes no lesson. The name, and
    whether ``source`` must be copied there (not if it is there already, under any name)."""
    first = model_name(lesson_path, position)
    stem, free = first.removesuffix(".npz"), None
    for n in range(1, MAX_MODEL_VERSIONS + 1):
        name = first if n == 1 else f"{stem}-{n}.npz"
        target = lesson_path.parent / name
        if name in before:
            with contextlib.suppress(OSError):
                if filecmp.cmp(target, source, shallow=False):
                    return name, False
        if free is None and not os.path.lexists(target):
            free = name
    if free is None:
        raise LessonFileError(
            lesson_path,
            f"has {MAX_MODEL_VERSIONS} model files of stop {position + 1} beside it already: "
            "save it under another name",
        )
    return free, True


def copy_whole(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` whole or not at all (``.part``, then a rename)."""
    part = target.with_name(f".{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, part)
        os.replace(part, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a folder that is not one: no part was made
            part.unlink()
        raise LessonFileError(target, f"cannot be written ({exc.strerror or exc})") from exc


def recorded_plane(view, selected: tuple[int, ...], architecture: Architecture) -> PlaneState:
    """The landscape's plane as ``view`` (a ``LandscapeView``) shows it; a plane of two
    weights takes the two newest ``selected`` ones, as the landscape does."""
    settings = view.settings()
    kind = settings.kind
    if kind == "lesson":
        return PlaneState(
            kind="lesson",
            learning_rate=settings.lesson_learning_rate,
            compare=settings.compare_optimizers,
        )
    if kind == "weights" and len(selected) >= 2:
        names = tuple(architecture.parameter_name(i) for i in selected[-2:])
        if all(name.startswith("w") for name in names):
            return PlaneState(kind="weights", weights=names)
    return PlaneState(kind=kind if kind in ("random", "pca") else "pca")


#: How long a save waits for another one into the same folder: a lesson of 100 stops
#: copies 100 model files of ~100 KB, well under a second.
LOCK_WAIT_MS = 10_000
#: The lock's file, beside the lessons while a save runs (removed after it).
LOCK_NAME = ".backprop-lab-saving.lock"


@contextlib.contextmanager
def saving_in(folder: Path):
    """Hold ``folder`` while a lesson is saved into it: another Backprop Lab saving there
    waits. Two windows saving the same lesson at once each read the folder, chose names and
    removed the replaced lesson's files as if alone: a lesson with another one's weights,
    or a missing file. Qt's ``QLockFile`` (on every platform; a lock left by a process that
    died is taken over). A folder where no lock can be made (read-only, say) is saved into
    unlocked, and the save itself says why it cannot be. LessonFileError if the other save
    holds it past ``LOCK_WAIT_MS``."""
    lock = QLockFile(str(Path(folder) / LOCK_NAME))
    locked = lock.tryLock(LOCK_WAIT_MS)
    if not locked and lock.error() == QLockFile.LockError.LockFailedError:
        raise LessonFileError(Path(folder), "another Backprop Lab is saving here")
    try:
        yield
    finally:
        if locked:
            lock.unlock()


class LessonMaker(QObject):
    """The lesson being made (``draft``) for a window (its stage, controls and worker)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.draft: Lesson | None = None
        self.unsaved = False  # stops added since the draft was made or saved
        self.dialog: StopDialog | None = None
        self._folder: Path | None = None
        self._made = 0  # model files made in the draft's folder (names are never reused)
        self._waiting: tuple[str, str, StopState] | None = None  # path, scene, state
        self._substep = 1
        self._architecture = Architecture()  # the recorded network's (its names are checked)
        window.worker.saved.connect(self._model_saved)
        window.worker.failed.connect(self._model_failed)
        window.installEventFilter(self)  # its close: ``ready_to_close`` first

    def eventFilter(self, watched, event) -> bool:
        """The window's close waits for ``ready_to_close`` (before the window's own
        ``closeEvent``, which saves the session and ends the worker). A close already under
        way (the window waiting for a thread) is not asked about twice."""
        closing = getattr(self.window, "_closing", False)
        asked = watched is self.window and event.type() == QEvent.Type.Close and not closing
        if asked and not self.ready_to_close():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # -- the draft ---------------------------------------------------------------------------

    def owns(self, path: str) -> bool:
        """Whether ``path`` is one of the draft's model files (the window does not list
        them among the sessions it saved)."""
        return self._folder is not None and Path(path).parent == self._folder

    def _new_folder(self) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="backprop-lesson-"))
        weakref.finalize(self, shutil.rmtree, folder, True)
        return folder

    def _draft_for_now(self) -> Lesson | None:
        """The lesson stops go to: the open one, or the draft, or a new one. None (and the
        teacher told why) when that would drop stops not yet saved."""
        player = self.window.stage.lesson
        open_lesson = player.lesson if player is not None else None
        if open_lesson is not None and open_lesson is self.draft:
            return self.draft
        if open_lesson is None and self.draft is not None:
            return self.draft
        if self.unsaved:
            QMessageBox.warning(
                self.window,
                self.tr("Lesson not changed"),
                self.tr(
                    "The lesson you are making has stops that are not saved. Save it first "
                    "(File → Save lesson…), or close the lesson that is open."
                ),
            )
            return None
        folder = self._new_folder()
        if open_lesson is None:
            title = Text(**{i18n.current_language(): self.tr("My lesson")})
            draft = Lesson(title, (), folder / DRAFT_NAME)
        else:
            for stop in open_lesson.stops:
                if stop.state.network == "file":
                    copy_whole(open_lesson.model_path(stop), folder / stop.state.model)
            draft = Lesson(open_lesson.title, open_lesson.stops, folder / DRAFT_NAME)
            player.replace_lesson(draft)
        self.draft, self._folder = draft, folder
        return draft

    # -- Add this as a stop ------------------------------------------------------------------

    def add_this_as_a_stop(self) -> None:
        """Record the state now (the worker writes the weights), then open the form."""
        window = self.window
        snap = window.current_snapshot()
        if self._waiting is not None or (self.dialog is not None and self.dialog.isVisible()):
            return
        if snap is None:
            return
        try:
            draft = self._draft_for_now()
            if draft is None:
                return
            self._made += 1
            name = f"stop{self._made:03d}.npz"
            scene, state = self._recorded(snap, name)
            self._substep = 1  # the step-through's sub-step, on its scene
            if scene == "step":
                frame = self.window.stage.scene_named("step").panel.current_frame()
                self._substep = 1 if frame is None else frame.index + 1
            self._architecture = snap.architecture
        except BackpropLabError as exc:
            QMessageBox.warning(window, self.tr("Stop not added"), str(exc))
            return
        path = str(self._folder / name)
        self._waiting = (path, scene, state)
        window.send(cmd.Pause())
        window.send(cmd.SaveModel(path))

    def _recorded(self, snap, model: str) -> tuple[str, StopState]:
        """The scene on the stage and the state of the app now, its weights in ``model``."""
        stage = self.window.stage
        scene = stage.current_name()
        arch = snap.architecture
        watched = tuple(i for i in stage.selected() if arch.parameter_name(i).startswith("w"))
        granularity = self.window.controls.granularity.currentData()
        plane = None
        if scene == "landscape":
            view = stage.scene_named("landscape").view
            plane = recorded_plane(view, stage.selected(), arch)
        state = recorded_state(
            arch,
            snap.hyper,
            watched[-MAX_WATCHED:],
            model,
            granularity if granularity in ("example", "batch") else "batch",
            plane,
        )
        return scene, state

    @Slot(str)
    def _model_saved(self, path: str) -> None:
        if self._waiting is None or path != self._waiting[0]:
            return
        _path, scene, state = self._waiting
        self._waiting = None
        self.dialog = StopDialog(
            self.window, self.draft.title, scene, state, self.problem, self._substep
        )
        self.dialog.accepted.connect(self._stop_made)
        self.dialog.open()

    @Slot(str)
    def _model_failed(self, reason: str) -> None:
        if self._waiting is not None:
            self._waiting = None
            QMessageBox.warning(self.window, self.tr("Stop not added"), reason)

    def problem(self, stop: Stop, title: Text) -> str | None:
        """Why ``stop`` cannot be the draft's next stop (the lesson file's reader's words:
        the draft with it is written and read back; the weights it names are looked for in
        the recorded network), or None."""
        draft = self.draft
        candidate = Lesson(title, (*draft.stops, stop), draft.path)
        try:
            parse_lesson(dumps_lesson(candidate), draft.path)
            check_names(self._architecture, stop)
        except LessonFileError as exc:
            return exc.reason
        except ConfigError as exc:
            return self.tr("The network has no such weight or neuron: %1").replace("%1", str(exc))
        return None

    def add_stop(self, stop: Stop, title: Text) -> None:
        """Append ``stop`` (checked by ``problem``) to the draft, under ``title``."""
        draft = self.draft
        self.draft = Lesson(title, (*draft.stops, stop), draft.path)
        self.unsaved = True
        player = self.window.stage.lesson
        if player is not None and player.lesson is draft:
            player.replace_lesson(self.draft)
        count = len(self.draft.stops)
        self.window.status(
            self.tr("Stop %1 added; File → Save lesson… writes the lesson").replace(
                "%1", str(count)
            )
        )

    def _stop_made(self) -> None:
        dialog = self.dialog
        self.add_stop(dialog.stop(), dialog.lesson_title())

    # -- Save lesson -------------------------------------------------------------------------

    def choose_and_save(self) -> bool:
        """File → Save lesson…: a file name from the teacher, then ``save``; a failure says
        why (and the draft stays as it was). True once saved."""
        try:
            draft = self._draft_for_now()
        except BackpropLabError as exc:
            QMessageBox.warning(self.window, self.tr("Lesson not saved"), str(exc))
            return False
        return draft is not None and self._ask_and_save()

    def _ask_and_save(self) -> bool:
        """The draft saved where the teacher says. The file dialog asks before it replaces
        the file it names; ``NAME`` typed for an existing ``NAME.toml`` is asked about here."""
        window = self.window
        chosen, _ = QFileDialog.getSaveFileName(
            window, self.tr("Save the lesson"), "", self.tr("Lessons (*.toml)")
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
            if path.exists() and not self._replace_confirmed(path):
                return False
        try:
            saved = self.save(path)
        except BackpropLabError as exc:
            QMessageBox.warning(window, self.tr("Lesson not saved"), str(exc))
            return False
        window.status(self.tr("Lesson saved to %1").replace("%1", str(saved.path)))
        return True

    def _replace_confirmed(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Replace the lesson?"),
            self.tr("%1 already exists. Replace it with this lesson?").replace("%1", path.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ready_to_close(self) -> bool:
        """Whether the window may close now: no stops unsaved, or the teacher, asked, saved
        the lesson or let it go (Discard). False: Cancel, or the save did not happen."""
        if not self.unsaved or self.draft is None:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            self.tr("Save the lesson?"),
            self.tr(
                "The lesson you are making (%1 stops) has stops that are not saved. "
                "Save it before closing?"
            ).replace("%1", str(len(self.draft.stops))),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Discard:
            self.unsaved = False
            return True
        return answer == buttons.Save and self._ask_and_save()

    def save(self, path: Path) -> Lesson:
        """Write the draft to ``path`` (``.toml`` added if missing) with its model files
        beside it, each whole or not at all, and read it back; the lesson as read.
        BackpropLabError (nothing of the draft lost) when there is nothing to save or a
        file cannot be written."""
        draft = self.draft
        if draft is None or not draft.stops:
            raise ConfigError(
                self.tr("The lesson has no stops yet: add one with “Add this as a stop”.")
            )
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        with saving_in(path.parent):
            before = saved_models(path)
            stops, copies, kept = [], [], set()
            for position, stop in enumerate(draft.stops):
                if stop.state.network == "file":
                    source = draft.model_path(stop)
                    name, copy = free_model_name(path, position, source, before)
                    if copy:
                        copies.append((source, path.parent / name))
                    else:
                        kept.add(name)  # the same weights, already beside the lesson
                    stop = replace(stop, state=replace(stop.state, model=name))
                stops.append(stop)
            saved = Lesson(draft.title, tuple(stops), path)
            save_lesson(path, saved, copies)
            self.unsaved = False
            sweep_stale_parts(path.parent)  # model files' parts of saves killed long ago
            for name in before - kept:  # the replaced lesson's own, now used by no lesson
                with contextlib.suppress(OSError):
                    (path.parent / name).unlink()
        return load_lesson(path)
