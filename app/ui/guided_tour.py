"""A short guided tour of the window at the first start: skippable, and remembered.

Six steps, each a bubble beside one part of the window (the network graph, the drawing pad,
the controls, the loss curve, the five numbers of gradient descent, the loss landscape tab)
with a frame around that part: what it is and what to try first. "Next" (Enter or →) goes on,
"Skip tour" (Esc) ends it; either way QSettings remembers (``SETTINGS_KEY``) and it does not
start again by itself (``GuidedTour.should_start``). Help → "Show the tour again" calls
``start()``.

The controls' step suggests an experiment only if it is true for the network as it is when
the tour starts: "try a learning rate of 10 and see what happens" is said only when a trial
on a copy of the current network (``app.core.divergence.learning_rate_trial``) shows that
rate making the loss explode. From the pretrained weights it does; from fresh sigmoid weights
it does not (they train at 10, unsteadily), and then the step says something else.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.divergence import learning_rate_trial
from app.core.network import Network
from app.errors import BackpropLabError
from app.ui import theme

SETTINGS_KEY = "tour_done"
#: The learning rate the tour suggests trying: the top of the controls' slider.
TOUR_LEARNING_RATE = 10.0
#: Room between a bubble and the part of the window it points at.
GAP = 12

_NEXT_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right})
_SKIP_KEYS = frozenset({Qt.Key.Key_Escape})


@dataclass(frozen=True)
class TourStep:
    """One stop: the window's attribute it points at, a title and a sentence or two."""

    target: str
    title: str
    text: str


class _Highlight(QWidget):
    """A thick frame around the part of the window a step is about; never takes the mouse."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        width = theme.line_width(3)
        painter.setPen(QPen(QColor(theme.colours().negative), width))
        half = width / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 6, 6)
        painter.end()


class TourBubble(QFrame):
    """The bubble: title, text, "step 2 of 6", "Skip tour" and "Next"."""

    next_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourBubble")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.title = QLabel(self)
        self.title.setObjectName("tourTitle")
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.progress = QLabel(self)
        self.keys = QLabel(self)
        self.keys.setWordWrap(True)
        self.skip_button = QPushButton(self)
        self.next_button = QPushButton(self)
        # The bubble keeps the focus, so Enter, → and Esc reach it (see ``event``).
        for button in (self.skip_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.clicked.connect(self.skip_requested)
        self.next_button.clicked.connect(self.next_requested)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.skip_button)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.keys)
        layout.addLayout(row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.apply_theme()
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.skip_button.setText(self.tr("Skip tour"))
        self.next_button.setToolTip(self.tr("Next (Enter or →)"))
        self.skip_button.setToolTip(self.tr("End the tour (Esc)"))
        self.keys.setText(self.tr("Enter or →: next · Esc: skip the tour"))

    def apply_theme(self) -> None:
        """Border and text sizes of the current look (presenter mode: larger, thicker)."""
        accent = theme.colours().negative
        border = round(theme.line_width(2))
        self.setStyleSheet(
            f"#tourBubble {{ background: #ffffff; border: {border}px solid {accent};"
            " border-radius: 8px; }"
            f"#tourBubble QLabel {{ color: #000000; }}"
            f"#tourTitle {{ font-weight: bold; font-size: {theme.pt(12):g}pt; }}"
        )
        self.setFixedWidth(theme.px(340))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _tour_key(event):
            # Claim Enter, → and Esc before the window's shortcuts (→ is also "Step").
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = _tour_key(event)
        if key == "next":
            self.next_requested.emit()
        elif key == "skip":
            self.skip_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def _tour_key(event: QKeyEvent) -> str | None:
    if event.modifiers() not in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.KeypadModifier,
    ):
        return None
    if event.key() in _NEXT_KEYS:
        return "next"
    if event.key() in _SKIP_KEYS:
        return "skip"
    return None


class GuidedTour(QObject):
    """The tour of ``window``; ``settings`` remembers that it was finished or skipped.

    ``start()`` shows step 1 (again, if it was done), ``next()`` goes on (the last step's
    Next finishes), ``skip()`` ends it; ``finished()`` is emitted either way.
    """

    finished = Signal()

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self._index = -1
        self._focus_before: QWidget | None = None
        #: Whether ``TOUR_LEARNING_RATE`` makes the current network explode (checked by
        #: ``start``, by a trial on a copy; False until then).
        self.experiment_explodes = False
        self.highlight = _Highlight(window)
        self.bubble = TourBubble(window)
        self.bubble.next_requested.connect(self.next)
        self.bubble.skip_requested.connect(self.skip)
        window.installEventFilter(self)

    # -- what the tour says -------------------------------------------------------------------

    def steps(self) -> list[TourStep]:
        """The stops, in order, in the current language."""
        return [
            TourStep(
                "graph",
                self.tr("The network, live"),
                self.tr(
                    "Every line is a weight: blue positive, orange negative, darker is "
                    "stronger. Hover a neuron for its numbers; click a line to watch it."
                ),
            ),
            TourStep(
                "pad",
                self.tr("Draw a digit"),
                self.tr(
                    "Draw a digit here: the network reads it as you draw. Its answer and "
                    "how sure it is appear just below."
                ),
            ),
            TourStep(
                "controls",
                self.tr("Train it"),
                self.tr(
                    "Press Play (Space) to train, or Step (→) to learn from one mini-batch. "
                    "Try a learning rate of 10 and see what happens."
                )
                if self.experiment_explodes
                else self.tr(
                    "Press Play (Space) to train, or Step (→) to learn from one mini-batch, "
                    "and watch the loss fall. The learning rate sets how far each step goes."
                ),
            ),
            TourStep(
                "loss_plot",
                self.tr("The loss curve"),
                self.tr("Lower is better: watch the loss fall while the network learns."),
            ),
            TourStep(
                "descent",
                self.tr("One step of gradient descent"),
                self.tr(
                    "The five numbers of the last step for two watched weights: value, "
                    "gradient, learning rate, change and new value."
                ),
            ),
            TourStep(
                "plots",
                self.tr("Walk downhill"),
                self.tr(
                    "The Loss landscape tab (Ctrl+2) maps the loss over two weights, with "
                    "the path descent took. F1 lists every shortcut; F5 is presenter mode."
                ),
            ),
        ]

    # -- starting and stopping ----------------------------------------------------------------

    @staticmethod
    def should_start(settings: QSettings) -> bool:
        """True until the tour was once finished or skipped."""
        value = settings.value(SETTINGS_KEY)
        return not (value is True or str(value).lower() in {"true", "1"})

    @property
    def current_step(self) -> int:
        """The step shown (0 is the first), -1 when the tour is not running."""
        return self._index

    def is_running(self) -> bool:
        return self._index >= 0

    def start(self) -> None:
        """Show step 1 (from wherever the tour was)."""
        if not self.is_running():
            focus = self.window.focusWidget()
            self._focus_before = focus if focus is not self.bubble else None
        self.experiment_explodes = self._learning_rate_explodes()
        self._show(0)

    def _learning_rate_explodes(self) -> bool:
        """Would ``TOUR_LEARNING_RATE`` make the window's network explode? A trial of at most
        100 steps on a copy of it, on the worker's fixed sample (about 0.1 s)."""
        worker = getattr(self.window, "worker", None)  # a window without training: no claim
        snapshot = worker.latest_snapshot() if worker is not None else None
        if snapshot is None or snapshot.sample_x is None or snapshot.sample_y is None:
            return False
        if snapshot.hyper.learning_rate >= TOUR_LEARNING_RATE:
            return False  # nothing to try: the rate is there already
        network = Network(snapshot.architecture, params=snapshot.params)
        try:
            found = learning_rate_trial(
                network, snapshot.sample_x, snapshot.sample_y, snapshot.hyper, TOUR_LEARNING_RATE
            )
        except BackpropLabError:  # settings the trial cannot run with: make no claim
            return False
        return found is not None

    def next(self) -> None:
        """The next step; after the last one, the tour is done."""
        if not self.is_running():
            return
        if self._index + 1 < len(self.steps()):
            self._show(self._index + 1)
        else:
            self._end()

    def skip(self) -> None:
        """End the tour now; it does not start again by itself."""
        if self.is_running():
            self._end()

    def _end(self) -> None:
        self._index = -1
        self.bubble.hide()
        self.highlight.hide()
        self.settings.setValue(SETTINGS_KEY, True)
        self.settings.sync()
        if self._focus_before is not None:
            self._focus_before.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_before = None
        self.finished.emit()

    # -- showing a step -----------------------------------------------------------------------

    def target_widget(self, step: int | None = None) -> QWidget:
        """The part of the window a step points at (its nearest shown ancestor if hidden)."""
        index = self._index if step is None else step
        widget = getattr(self.window, self.steps()[index].target, None)
        if not isinstance(widget, QWidget):
            return self.window.centralWidget()
        while not widget.isVisibleTo(self.window) and widget.parentWidget() is not None:
            widget = widget.parentWidget()
        return widget

    def target_rect(self, step: int | None = None) -> QRect:
        """Where that part is, in the window's coordinates."""
        widget = self.target_widget(step)
        return QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())

    def _show(self, index: int) -> None:
        self._index = index
        self._fill()
        self.bubble.show()
        self.highlight.show()
        self._place()
        self.highlight.raise_()
        self.bubble.raise_()
        self.bubble.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        steps = self.steps()
        step = steps[self._index]
        self.bubble.title.setText(step.title)
        self.bubble.text.setText(step.text)
        self.bubble.progress.setText(
            self.tr("step %1 of %2")
            .replace("%1", str(self._index + 1))
            .replace("%2", str(len(steps)))
        )
        last = self._index == len(steps) - 1
        self.bubble.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.bubble.skip_button.setVisible(not last)

    def _place(self) -> None:
        """The bubble beside its target (right, left, below, above, else over its corner)."""
        target = self.target_rect()
        self.highlight.setGeometry(target)
        bubble = self.bubble
        bubble.adjustSize()
        size = bubble.size()
        area = self.window.rect()
        top = min(max(target.top(), area.top()), area.bottom() - size.height())
        left = min(max(target.left(), area.left()), area.right() - size.width())
        candidates = [
            QPoint(target.right() + GAP, top),
            QPoint(target.left() - GAP - size.width(), top),
            QPoint(left, target.bottom() + GAP),
            QPoint(left, target.top() - GAP - size.height()),
        ]
        for point in candidates:
            if area.contains(QRect(point, size)):
                bubble.move(point)
                return
        # No room outside it (the graph fills the middle): inside, at its top left.
        inside = QPoint(target.left() + GAP, target.top() + GAP)
        inside.setX(max(area.left(), min(inside.x(), area.right() - size.width())))
        inside.setY(max(area.top(), min(inside.y(), area.bottom() - size.height())))
        bubble.move(inside)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and self.is_running():
            kind = event.type()
            if kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
                self._place()
            elif kind == QEvent.Type.LanguageChange:
                self._fill()
                self._place()
        return False
