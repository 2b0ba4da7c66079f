"""A guided lesson on the classroom stage: stop by stop, with the class's guess before Reveal.

A lesson (``app.core.lesson_file``) is a list of stops; each sets a scene, a seeded state of
the network (sent to the worker as commands, ``app.training.lesson_stops.stop_setup``), a
caption, and maybe a question. The player is a strip under the stage's scene:

    "Gradient descent in five steps · 4 / 10"                        [Close lesson]
    the caption, at the stage's text size
    the question   [the class's guess]   [Reveal] [Skip]
    after Reveal: the true value, the guess, right or not, and the numbers behind it
    (on the step-through, folded to the question and its answer  [Details])

While a lesson is open the clicker's PageDown / PageUp (and Home / End) move between its
stops instead of the stage's scenes; Step and Play wait until the question is revealed or
skipped. The answer is computed from the live engine when Reveal is pressed
(``app.core.lesson_answers``): the file never holds it. Going back to a stop sets its state
again, exactly (the same seeded network, the same example).

A stop can be left to explore (train, change η, another scene, F5 for the desktop): the
stage's snapshots tell the strip (``notice``), which then offers "Back to stop N (B)";
``back_to_stop`` sets the stop again, its revealed answer kept. The stop's hidden and locked
controls are held meanwhile (``app.ui.lesson_controls``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.lesson import LessonStep
from app.core.lesson_answers import REGIMES, SIGNS, Grade, answer, grade
from app.core.lesson_file import Lesson, Stop
from app.errors import BackpropLabError
from app.training import commands as cmd
from app.training.lesson_stops import StopSetup, stop_setup
from app.ui import i18n
from app.ui.answer_text import parse_numbers, shown_answer, shown_guess, why_text
from app.ui.host import ViewHost
from app.ui.lesson_controls import ControlHold
from app.ui.stage_context import px_font

#: The smallest text a class must read from the back of the room (the classroom issue's).
STRIP_MIN_PX = 20
#: The scene whose picture is tall and whose own panel already shows a step's numbers: there
#: an answer shown folds the strip to its question-and-answer line (Details unfolds it). At
#: 1280×720 in presenter mode the whole strip (caption, question, answer, numbers; 286 px)
#: left the step-through's graph 35 % of the screen; folded, 55 % or more in both languages
#: (tests/test_stage_on_screen.py walks every stop).
FOLDING_SCENE = "step"


class LessonPlayer(QWidget):
    """The open lesson's strip (see the module's docstring). ``stage`` shows the scenes."""

    #: The lesson was closed (the stage's keys go back to its scenes).
    closed = Signal()

    def __init__(self, host: ViewHost, worker, stage) -> None:
        super().__init__()
        self.host = host
        self.stage = stage
        self.lesson: Lesson | None = None
        self.index = 0
        self.setup: StopSetup | None = None
        self._labels: np.ndarray | None = None
        self._plan: LessonStep | None = None
        self._pending: int | None = None  # a stop to show once the data's labels are known
        self.revealed: Grade | None = None
        #: The worker has reached the stop's state (``arrived``), and left it since
        #: (``departed``: the teacher explored; "Back to stop N" brings it back).
        self.arrived = False
        self.departed = False
        #: The stop's hidden and locked controls, on the stage and on the desktop.
        self.hold = ControlHold(host, stage)
        self._build()
        worker.data_shared.connect(self._data_shared)
        worker.lesson_planned.connect(self._planned)
        self.hide()

    def _build(self) -> None:
        self.heading = QLabel()  # "4 / 10", short; the lesson's title in its tooltip
        self.close_button = QPushButton()
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_lesson)
        self.back_button = QPushButton()
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back_to_stop)
        self.back_button.hide()
        self.details = QPushButton()
        self.details.setCheckable(True)
        self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.details.toggled.connect(lambda _on: self._fit())
        self.details.hide()
        # B: what a presentation clicker's "blank screen" button sends (Logitech R400/R500/
        # R800, Kensington; PowerPoint's black screen), so the clicker can bring a stop back.
        self.back_key = QShortcut(QKeySequence(Qt.Key.Key_B), self.stage)
        self.back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_key.activated.connect(self.back_to_stop)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.guess_text = QLineEdit()
        self.guess_choice = QComboBox()  # wide enough for its choices: ``_fit_choices``
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.reveal)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self.skip)
        for button in (self.reveal_button, self.skip_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.result = QLabel()
        self.result.setWordWrap(True)
        # Every line the strip takes is a line the picture loses (1280×720: the picture is
        # to keep 55 % of the screen), so where the class is (the heading) and Close sit at
        # the right of its last row instead of on a line of their own (``_show_texts``).
        self.heading.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.top_row = top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        for widget in self._corner():
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        self.ask_row = ask = QHBoxLayout()
        ask.addWidget(self.question, 1)
        ask.addWidget(self.guess_text)
        ask.addWidget(self.guess_choice)
        ask.addWidget(self.reveal_button)
        ask.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)
        for part in (top, ask, self.result):
            (layout.addLayout if isinstance(part, QHBoxLayout) else layout.addWidget)(part)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setText(self.tr("Close lesson"))
        self.details.setText(self.tr("Details"))
        self.details.setToolTip(
            self.tr("Show the caption, the question and the numbers behind the answer")
        )
        self.back_button.setToolTip(
            self.tr("Bring this stop back exactly as it was: weights, settings, scene (B)")
        )
        self.close_button.setToolTip(self.tr("End the lesson; the clicker changes scenes again"))
        self.reveal_button.setText(self.tr("Reveal"))
        self.reveal_button.setToolTip(
            self.tr("Compute the answer now and show it beside the class's guess")
        )
        self.skip_button.setText(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Show the answer without a guess"))
        self.guess_text.setPlaceholderText(self.tr("the class's guess"))
        self.guess_text.setToolTip(self.tr("Type the class's numbers, e.g. 0.01, 0.02"))
        self.guess_choice.setToolTip(self.tr("The class's answer"))
        if self.lesson is not None:
            self._show_texts()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_text_px(self, px: int) -> None:
        """The strip's text: a sixth smaller than the scene's (20 px at 720p, the classroom's
        floor), so its lines leave the picture its share of the screen."""
        font = px_font(max(STRIP_MIN_PX, round(px * 5 / 6)))
        self.setFont(font)
        for widget in self.findChildren(QWidget):
            widget.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        self.heading.setFont(bold)
        self._fit_choices()

    # -- moving between stops ---------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.lesson is not None

    def open_lesson(self, lesson: Lesson) -> None:
        """Start ``lesson`` at its first stop (the worker's training labels are asked for
        first: a stop's example is found among them)."""
        self.lesson = lesson
        self.show()
        self._pending = 0
        self.host.send(cmd.ShareData())
        if self._labels is not None:
            self.go(0)

    def replace_lesson(self, lesson: Lesson) -> None:
        """The open lesson, grown or copied ("Add this as a stop"): the same stop stays on
        screen, its state untouched; the heading counts the stops again."""
        if self.lesson is not None:
            self.lesson = lesson
            if self.setup is not None:
                self._show_texts()

    def close_lesson(self) -> None:
        self._open_step_at(1)
        self.hold.release()
        self.stage.hide_answers(False)
        self.lesson = None
        self.setup = None
        self.revealed = None
        self.hide()
        self.closed.emit()

    def go(self, index: int) -> None:
        """Show stop ``index``: its state sent to the worker, its scene, caption and question.
        A stop that cannot be set (its model file gone or changed since the lesson opened)
        says why in a box and changes nothing."""
        lesson = self.lesson
        if lesson is None:
            return
        index = min(max(int(index), 0), len(lesson.stops) - 1)
        if self._labels is None:
            self._pending = index
            return
        stop = lesson.stops[index]
        try:
            setup = stop_setup(lesson, stop, self._labels)
        except BackpropLabError as exc:
            # A box, not the status bar: on the stage (presenter mode) that is hidden, and
            # the stop on screen would be taken for the one asked for.
            QMessageBox.warning(
                self,
                self.tr("Stop not shown"),
                self.tr("Stop %1 cannot be set up, so the lesson stays where it was.\n\n%2")
                .replace("%1", str(index + 1))
                .replace("%2", str(exc)),
            )
            return
        self.index, self.setup, self._plan, self.revealed = index, setup, None, None
        self.guess_text.clear()  # a new question: the last one's guess is not its guess
        self.arrived = self.departed = False
        self.back_button.hide()
        self.details.setChecked(False)
        for command in setup.commands:
            self.host.send(command)
        controls = getattr(self.host, "controls", None)
        if controls is not None:  # what the stage's Step takes: the stop's step
            controls.granularity.setCurrentIndex(
                controls.granularity.findData(stop.state.granularity)
            )
        self._open_step_at(stop.substep if stop.scene == "step" else 1)
        self.stage.show_scene(stop.scene)
        self.hold.apply(stop.hidden, stop.locked)
        self._set_plane(stop)
        self._show_texts()
        self.stage.hide_answers(self.holds_training())

    def _open_step_at(self, substep: int) -> None:
        """The step-through's steps start at ``substep`` (made now if the stop needs it)."""
        step = self.stage.built_scenes().get("step")
        if step is None and substep != 1:
            step = self.stage.scene_named("step")
        if step is not None:
            step.open_at(substep)

    # -- leaving a stop and coming back ---------------------------------------------------

    def notice(self, snap) -> None:
        """A snapshot from the worker: once it shows the stop's state (its step count, its
        settings, and with no steps its very weights) the stop has ``arrived``; a snapshot
        that no longer does means the teacher left it (trained, changed η, edited weights)."""
        setup = self.setup
        if setup is None or self.departed:
            return
        at_stop = (
            snap.step == setup.steps
            and snap.hyper == setup.hyper
            and snap.architecture == setup.architecture
            and (setup.steps > 0 or np.array_equal(snap.params, setup.params))
        )
        if at_stop:
            self.arrived = True
        elif self.arrived:
            self._depart()

    def scene_left(self, name: str) -> None:
        """The stage shows ``name``: another scene than the stop's is leaving it."""
        stop = self.current_stop()
        if stop is not None and self.setup is not None and name != stop.scene:
            self._depart()
        if stop is not None:
            self._fit()

    def _depart(self) -> None:
        self.departed = True
        self.back_button.setText(self.tr("Back to stop %1 (B)").replace("%1", str(self.index + 1)))
        self.back_button.show()

    def back_to_stop(self) -> None:
        """Bring the stop back exactly: its weights bit for bit, its settings, scene and
        plane, and its question as it was (an answer revealed stays revealed). From the
        desktop, the stage comes back too."""
        if self.lesson is None:
            return
        presenter = getattr(self.host, "presenter", None)
        if presenter is not None and not presenter.action.isChecked():
            presenter.action.setChecked(True)
        revealed = self.revealed
        self.go(self.index)
        if revealed is not None and self.setup is not None:
            self.revealed = revealed
            self._show_result()
            self.stage.hide_answers(False)

    def next_stop(self) -> None:
        self.go(self.index + 1)

    def forward(self) -> None:
        """The clicker's next (PageDown): a waiting question's answer first (with the
        class's guess, if one was typed or chosen), then the next stop, as a slide's
        builds come before the next slide."""
        if self.holds_training():
            self.reveal()
        else:
            self.next_stop()

    def previous_stop(self) -> None:
        self.go(self.index - 1)

    def first_stop(self) -> None:
        self.go(0)

    def last_stop(self) -> None:
        if self.lesson is not None:
            self.go(len(self.lesson.stops) - 1)

    def current_stop(self) -> Stop | None:
        return None if self.lesson is None else self.lesson.stops[self.index]

    def holds_training(self) -> bool:
        """Step and Play wait while the question is neither revealed nor skipped."""
        stop = self.current_stop()
        return stop is not None and stop.question is not None and self.revealed is None

    def _set_plane(self, stop: Stop) -> None:
        plane = stop.state.plane
        scene = self.stage.built_scenes().get("landscape")
        if plane is None or (scene is None and stop.scene != "landscape"):
            return
        view = self.stage.scene_named("landscape").view
        if self.setup is not None and self.setup.plane_weights is not None:
            self.stage.set_selected(self.setup.plane_weights)  # the plane's two axes
        view.set_kind(plane.kind)
        if plane.kind == "lesson":
            view.set_lesson_learning_rate(plane.learning_rate)
            view.compare.setChecked(plane.compare)

    # -- the question ---------------------------------------------------------------------

    def _show_texts(self) -> None:
        lesson, stop = self.lesson, self.current_stop()
        language = i18n.current_language()
        where = (
            self.tr("stop %1 of %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(lesson.stops)))
        )
        self.heading.setText(f"{self.index + 1} / {len(lesson.stops)}")  # short: the picture's
        self.heading.setToolTip(f"{lesson.title.get(language)} · {where}")
        self.caption.setToolTip(lesson.title.get(language))
        self.caption.setText(stop.caption.get(language))
        question = stop.question
        asked = question is not None
        self.question.setVisible(asked)
        # Where the class is and Close end the strip's last row: the caption keeps the whole
        # width where a question follows it (a line less of a long caption).
        row = self.ask_row if asked else self.top_row
        for widget in self._corner():
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        if asked:
            self.question.setText(question.text.get(language))
            self._fill_choices(question.kind)
        self._show_result()

    def _corner(self) -> tuple[QWidget, ...]:
        """What ends the strip's last row: where the class is, Details, Back, Close."""
        return (self.heading, self.details, self.back_button, self.close_button)

    def _fit(self) -> None:
        """On the step-through (``FOLDING_SCENE``) an answer shown folds the strip to its
        question-and-answer line (the numbers behind it are in the tooltip); Details unfolds
        the caption and those numbers."""
        stop = self.current_stop()
        if stop is None:
            return
        folds = self.revealed is not None and self.stage.current_name() == FOLDING_SCENE
        folded = folds and not self.details.isChecked()
        self.details.setVisible(folds)
        self.caption.setVisible(not folded)
        answered = self.revealed is not None and bool(self.result.text())
        self.result.setVisible(answered and not folded)

    def _fill_choices(self, kind: str) -> None:
        translate = QCoreApplication.translate
        names = {
            "output": [(str(d), d) for d in range(10)],
            "sign": [(translate("LessonPlayer", s), s) for s in SIGNS],
            "regime": [(translate("LessonPlayer", r), r) for r in REGIMES],
        }.get(kind, [])
        self.guess_choice.clear()
        # First "no guess": a Reveal from the clicker, with nothing chosen, grades nothing
        # (a preselected "0" would be graded as the class's answer).
        self.guess_choice.addItem(translate("LessonPlayer", "(no guess)"), None)
        for text, data in names:
            self.guess_choice.addItem(text, data)
        self._fit_choices()

    def _fit_choices(self) -> None:
        """Wide enough for its longest choice at the strip's font (Qt's own size hint was
        taken before the stage's font: "（沒有猜）" was cut in 126 px)."""
        combo = self.guess_choice
        metrics = combo.fontMetrics()
        texts = [combo.itemText(i) for i in range(combo.count())]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        combo.setMinimumWidth(widest + 2 * metrics.height() + 16)  # the arrow and margins

    def _planned(self, step: LessonStep) -> None:
        self._plan = step

    def _data_shared(self, data) -> None:
        # As the trainer goes through them (a drawing "taught" counts several times).
        trained = data.trained_labels if data.trained_labels is not None else data.labels
        self._labels = np.asarray(trained)
        if self._pending is not None and self.lesson is not None:
            pending, self._pending = self._pending, None
            self.go(pending)

    def class_guess(self):
        """What the class said, in the form the answer takes (None: nothing said)."""
        question = self.current_stop().question
        if question.kind == "number":
            numbers = parse_numbers(self.guess_text.text())
            return numbers or None
        return self.guess_choice.currentData()

    def reveal(self) -> None:
        """The true answer, computed now from the engine, beside the class's guess (once a
        stop: Return typed in the guess arrives as the stage's Step key, ``Stage.step``)."""
        if self.revealed is None:
            self._reveal(self.class_guess())

    def skip(self) -> None:
        """No guess: the answer all the same."""
        self._reveal(None)

    def _reveal(self, guess) -> None:
        stop, setup = self.current_stop(), self.setup
        if stop is None or stop.question is None or setup is None:
            return
        try:
            truth = answer(stop.question, stop.state, setup.architecture, self._plan)
            self.revealed = grade(stop.question, truth, guess)
        except BackpropLabError as exc:
            self.result.setText(str(exc))
            self.result.show()
            return
        self._show_result()
        self.stage.hide_answers(False)

    def _show_result(self) -> None:
        graded = self.revealed
        asked = self.current_stop().question
        waits = asked is not None and graded is None  # once answered, they give the room back
        self.guess_text.setVisible(waits and asked.kind == "number")
        self.guess_choice.setVisible(waits and asked.kind != "number")
        self.reveal_button.setVisible(waits)
        self.skip_button.setVisible(waits)
        if graded is None:
            self._fit()
            return
        truth = graded.answer
        first = self.tr("Answer: %1").replace("%1", shown_answer(truth))
        if graded.right is None:
            first += " · " + self.tr("(no guess)")
        else:
            verdict = self.tr("right") if graded.right else self.tr("not quite")
            said = self.tr("guess %1: %2").replace("%1", shown_guess(graded.guess))
            first += " · " + said.replace("%2", verdict)
        # The answer follows its question on the question's line: a line less where both fit.
        asked_text = asked.text.get(i18n.current_language())
        self.question.setText(f"{asked_text}   {first}")
        why_line, why = why_text(truth, self.current_stop().scene)
        lines = [why_line] if why_line else []
        self.result.setText("\n".join(lines))  # shown or not by ``_fit``
        self.result.setToolTip(" · ".join(why))
        self.question.setToolTip(" · ".join(why))
        self._fit()
