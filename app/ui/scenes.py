"""The classroom stage's scenes: one picture at a time, filling the screen, with its numbers.

Each scene is made of the app's own views, as instances of its own (the window's views stay
where they are): the network graph with the answer beside it, the drawing pad with its
reading, the five numbers of gradient descent, the loss curve, and the loss landscape with
the five numbers under it. ``SCENES`` lists them, one line each; a scene is a ``Scene``
(``app.ui.stage``) made from a ``StageContext`` (what the stage shares with its scenes).

A scene's ``show_snapshot`` is only called while it is on screen (the stage feeds the
visible scene alone); ``pictures()`` names the widgets that are its picture (for the tests'
and the screenshots' measure of how much of the screen it fills).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.descent import DescentStep
from app.core.lesson_preset import LessonPreset
from app.training import commands as cmd
from app.training.snapshot import InputView, Snapshot
from app.ui import theme
from app.ui.descent_panel import DescentPanel, weights_now
from app.ui.drawing_pad import DrawingPad
from app.ui.drawing_reader import DrawingReader
from app.ui.inside_scenes import DataScene, EvaluationScene, HealthScene, PointsMapScene
from app.ui.lab_scene import LabScene
from app.ui.landscape_controller import LandscapeController
from app.ui.landscape_view import LandscapeView
from app.ui.loss_plot import LossPlotView
from app.ui.prediction_view import PredictionView
from app.ui.stage import Scene, SceneSpec, StageContext
from app.ui.stage_context import px_font
from app.ui.step_scene import StepScene, selectable_graph

MINUS = "\u2212"
_SPACE = "\u00a0"  # no break between a number's parts
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def short_number(x: float) -> str:
    """A number as a class reads it from the back of the room, never elided.

    3 significant digits from 0.001 to 999 (0.51, 3.03, −0.00123), the whole number from
    1,000 to 9,999 (4 digits), else powers of ten with two significant digits, as written
    on a board: −1.35e-7 reads "−1.4 × 10⁻⁷". A true minus sign; 0 is "0".
    """
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "∞" if x > 0 else MINUS + "∞"
    if x == 0.0:
        return "0"
    sign = MINUS if x < 0 else ""
    size = abs(x)
    exponent = int(f"{size:.2e}".split("e")[1])  # after rounding to 3 significant digits
    if -3 <= exponent <= 2:
        text = f"{size:.{2 - exponent}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
    elif exponent == 3:
        text = f"{size:.0f}"
    else:
        mantissa, power = f"{size:.1e}".split("e")
        text = f"{mantissa}{_SPACE}×{_SPACE}10{str(int(power)).translate(_SUPERSCRIPTS)}"
    return sign + text


def _fill(owner: QWidget, layout, *parts) -> None:
    """``owner`` filled edge to edge by ``parts``, (widget or layout, stretch) each."""
    owner.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    for part, stretch in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part, stretch)
        else:
            layout.addLayout(part, stretch)


# -- the answer -----------------------------------------------------------------------------


class AnswerPanel(QWidget):
    """The network's answer, large: the digit it reads, how sure it is, and the true digit
    when it is a training example. The sizes follow the panel's (``resizeEvent``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: InputView | None = None
        self.caption = QLabel()
        self.digit = QLabel()
        self.confidence = QLabel()
        self.truth = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addStretch(1)
        for label in (self.caption, self.digit, self.confidence, self.truth):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.caption.setWordWrap(True)
        self.truth.setWordWrap(True)
        self.setMinimumWidth(180)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # The answer's words are the prediction view's own (and so are their translations).
        self.caption.setText(QCoreApplication.translate("PredictionView", "The network reads"))
        self.show_view(self._view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        self.show_view(self._view)

    def show_view(self, view: InputView | None) -> None:
        self._view = view
        colours = theme.colours()
        _set_colour(self.digit, colours.winner)
        self.digit.setText("" if view is None else str(view.answer))
        share = "" if view is None else f"{float(np.max(view.probabilities)):.0%}"
        self.confidence.setText(share)
        if view is None or view.label is None:
            self.truth.setText("")
            return
        _set_colour(self.truth, colours.right if view.answer == view.label else colours.wrong)
        label = QCoreApplication.translate("PredictionView", "label: {0}")
        self.truth.setText(label.format(view.label))

    def resizeEvent(self, event) -> None:
        """The digit as large as the panel allows, its confidence a fifth of it (36 px at
        least), the caption and the true digit at the stage's text size."""
        layout = self.layout()
        margins, spacing = layout.contentsMargins(), layout.spacing()
        width = self.width() - margins.left() - margins.right()
        taken = self.caption.heightForWidth(width) + self.fontMetrics().height() + 4 * spacing
        room = self.height() - margins.top() - margins.bottom() - taken
        line = QFontMetricsF(px_font(100, bold=True)).height() / 100
        digit = max(40, int(min(width * 1.3, room / (1.2 * line) - 2, self.height() * 0.5)))
        for label, px in ((self.digit, digit), (self.confidence, max(36, round(digit * 0.2)))):
            font = px_font(px, bold=True)
            label.setFont(font)
            box = QFontMetrics(font).boundingRect(
                0, 0, 9999, 9999, Qt.AlignmentFlag.AlignCenter, "0%"
            )
            label.setFixedHeight(box.height())
        super().resizeEvent(event)


def _set_colour(label: QLabel, colour: str) -> None:
    """A label's text colour (a palette, not a style sheet: those fix the font they find)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


# -- the five numbers, large ----------------------------------------------------------------


class LargeNumbers(QWidget):
    """A ``DescentPanel`` whose numbers are as large as its room allows, written short and
    never elided: at least ``min_px`` (the table asks for the room that needs) and, only
    where even that does not fit across, down to ``floor_px``. With ``steps_as_columns`` a
    strip: exactly as tall as its rows, each step as wide as it needs (η is narrow).

    ``show_step`` is the panel's; the landscape controller calls it too. Text widths are
    measured once at 100 px (they grow in proportion to the font).
    """

    def __init__(self, min_px: int, max_px: int, steps_as_columns=False, floor_px=None):
        super().__init__()
        self.min_px, self.max_px = min_px, max_px
        self.floor_px = min_px if floor_px is None else floor_px
        self.steps_as_columns = steps_as_columns
        self.text_px = 24
        self.number_px = min_px
        self._fitted_for: tuple | None = None
        self._metrics = QFontMetricsF(px_font(100))
        self.panel = DescentPanel()
        table = self.panel.table
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setWordWrap(False)
        table.setMinimumWidth(0)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if steps_as_columns:
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        _fill(self, QVBoxLayout(), (self.panel, 1))
        self.panel.set_presentation(short_number, px_font(min_px), steps_as_columns)

    def show_step(self, step: DescentStep | None, before=None) -> None:
        """The panel's ``show_step``; ``before`` (``weights_now``) fills (1) before a step."""
        self.panel.show_step(step, before)
        self.fit()

    def set_text_px(self, px: int) -> None:
        self.text_px = px
        self.fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def _texts(self) -> tuple[list[list[str]], list[str], list[str]]:
        """Each column's numbers (a minus sign always counted: one that comes and goes
        moves nothing), the columns' names and the rows' names."""
        table = self.panel.table
        columns = [
            [
                MINUS + item.text().lstrip(MINUS)
                for r in range(table.rowCount())
                if (item := table.item(r, c))
            ]
            for c in range(table.columnCount())
        ]
        cols = [table.horizontalHeaderItem(k) for k in range(table.columnCount())]
        rows = [table.verticalHeaderItem(k) for k in range(table.rowCount())]
        return columns, [i.text() for i in cols if i], [i.text() for i in rows if i]

    def header_px(self, px: int) -> int:
        return max(self.text_px, round(px * 0.55))

    def _width(self, texts: list[str], px: float) -> float:
        return max((self._metrics.horizontalAdvance(t) for t in texts), default=0.0) * px / 100

    def column_widths(self, px: int, texts) -> list[float]:
        columns, names, _rows = texts
        widths = [
            max(
                self._width(columns[k] if k < len(columns) else [], px) + 0.3 * px + 10,
                self._width(names[k : k + 1], self.header_px(px)) + 16,
            )
            for k in range(max(len(columns), len(names)))
        ]
        return widths if self.steps_as_columns else [max(widths, default=0)] * len(widths)

    def needed(self, px: int, texts) -> tuple[float, float]:
        """The table's width and height with numbers of ``px`` pixels."""
        frame = 2 * self.panel.table.frameWidth()
        header, line = self.header_px(px), self._metrics.height() / 100
        width = self._width(texts[2], header) + 20 + sum(self.column_widths(px, texts))
        height = line * header + 12 + self.panel.table.rowCount() * (line * px + 8)
        return width + frame, height + frame

    def _largest(self, texts, width: int, height: int, low: int, high: int) -> int:
        for px in range(high, low, -2):
            need_w, need_h = self.needed(px, texts)
            if need_w <= width and need_h <= height:
                return px
        return low

    def fit(self) -> None:
        """Choose the numbers' size and ask for the room it needs (nothing to do while the
        same forms of numbers stay in the same room)."""
        table = self.panel.table
        texts = self._texts()
        shape = [max(map(len, c), default=0) for c in texts[0]], texts[1], texts[2]
        key = (repr(shape), table.width(), table.height(), self.text_px)
        if key == self._fitted_for:
            return
        self._fitted_for = key
        # A strip is as tall as its rows need: only its width limits the numbers.
        height = 10**6 if self.steps_as_columns else table.height()
        px = self._largest(texts, table.width(), height, self.min_px, self.max_px)
        if self.needed(px, texts)[0] > table.width():
            px = self._largest(texts, table.width(), 10**6, self.floor_px, self.min_px)
        self.number_px = px
        for header in (table.horizontalHeader(), table.verticalHeader()):
            header.setFont(px_font(self.header_px(px)))
        self.panel.set_presentation(short_number, px_font(px), self.steps_as_columns)
        least = self.needed(self.floor_px, texts)
        table.setMinimumSize(math.ceil(least[0]), math.ceil(least[1]))
        if self.steps_as_columns:  # as tall as its header (Chinese is taller) and rows
            rows = table.rowCount() * (QFontMetrics(px_font(px)).height() + 8)
            header = table.horizontalHeader().sizeHint().height()
            table.setFixedHeight(header + rows + 2 * table.frameWidth())
            self._share_width(self.column_widths(px, texts))

    def _share_width(self, needs: list[float]) -> None:
        """The strip's columns as wide as they need, the room to spare shared out evenly,
        together exactly as wide as the table (nothing to scroll)."""
        table = self.panel.table
        room = table.width() - 2 * table.frameWidth() - table.verticalHeader().sizeHint().width()
        widths = [math.ceil(need) for need in needs]
        spare = room - sum(widths)
        for column, width in enumerate(widths):
            extra = spare // len(widths) + (1 if column < spare % len(widths) else 0)
            table.horizontalHeader().resizeSection(column, width + extra)


# -- the plots' texts -----------------------------------------------------------------------


def enlarge_plot_texts(plot: pg.PlotItem, px: int, title_px: int | None = None) -> None:
    """A plot's tick numbers, axis names, legend and notes at ``px`` (and its title at
    ``title_px``): the views size them for the desktop, the stage for the room."""
    font = px_font(px)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        if axis.isVisible():
            _enlarge_axis(axis, font)
    # Room above the view for half a tick number: a range ending on a tick (a decade of the
    # log scale, a round loss) put that tick's number on the edge, cut in half ("0.01").
    left, _top, right, bottom = plot.layout.getContentsMargins()
    plot.layout.setContentsMargins(left, px // 2 + 1, right, bottom)
    legend = plot.legend
    if legend is not None:
        legend.setLabelTextSize(f"{px}px")
        for _sample, label in legend.items:
            label.setText(label.text)
        legend.updateSize()
    for item in plot.items:
        if isinstance(item, pg.TextItem):
            item.setFont(font)
    if title_px is not None and plot.titleLabel.text:
        plot.titleLabel.setText(plot.titleLabel.text, size=f"{title_px}px")


def _enlarge_axis(axis: pg.AxisItem, font: QFont) -> None:
    axis.setTickFont(font)
    axis.label.setFont(font)
    if axis.labelText:
        axis.setLabel(axis.labelText, axis.labelUnits)  # lays the larger name out again


# -- the scenes -----------------------------------------------------------------------------


class NetworkScene(Scene):
    """The network graph, large, and the answer it gives beside it."""

    max_hz_while_training = 10.0  # all 12,960 edges: the window's graph pace

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.graph = selectable_graph(ctx)
        self.answer = AnswerPanel()
        _fill(self, QHBoxLayout(), (self.graph, 1), (self.answer, 0))

    def show_snapshot(self, snap: Snapshot) -> None:
        self.graph.show_snapshot(self.ctx.lab.lab_snapshot(snap))
        view = self.ctx.reading(snap)
        self.graph.set_input_view(view)
        self.answer.show_view(view)

    def selection_changed(self) -> None:
        self.graph.set_selected(self.ctx.selected())

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.graph.plot_widget,)

    def resizeEvent(self, event) -> None:
        self.answer.setFixedWidth(max(180, round(self.width() * 0.18)))
        super().resizeEvent(event)


class DrawScene(Scene):
    """The drawing pad and, beside it, what the network reads in the drawing."""

    max_hz_while_training = 10.0

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.pad = DrawingPad()
        self.prediction = PredictionView()
        self.reader = DrawingReader(ctx.host, ctx.drawing, self.prediction, ctx.lab, lambda: False)
        ctx.reader = self.reader  # the network scene shows the drawing too
        self.pad.drawing_changed.connect(self.reader.drawing_changed)
        self.prediction.example_taught.connect(self._taught)
        # Unsure below the evaluation's "I don't know" threshold, as the desktop's pad is.
        self._unsure_below(ctx.threshold.percent)
        ctx.threshold.changed.connect(self._unsure_below)
        _fill(self, QHBoxLayout(), (self.pad, 1), (self.prediction, 1))

    def _unsure_below(self, percent: int) -> None:
        self.prediction.set_unsure_threshold(percent / 100)

    def show_snapshot(self, snap: Snapshot) -> None:
        self.reader.new_snapshot(snap)

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.pad, self.prediction)

    def _taught(self, image, label: int) -> None:
        self.ctx.host.send(cmd.AddExample(image, int(label)))
        text = QCoreApplication.translate(
            "MainWindow", "Added your drawing as a %1 to the training data."
        )
        self.ctx.host.status(text.replace("%1", str(label)), 4000)


class NumbersScene(Scene):
    """The five numbers of the last step, as large as the screen allows."""

    max_hz_while_training = 10.0  # faster is a blur to read anyway

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.numbers = LargeNumbers(min_px=40, max_px=160)
        self.numbers.set_text_px(ctx.text_px)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.numbers)

    def show_snapshot(self, snap: Snapshot) -> None:
        self.numbers.show_step(snap.watched, weights_now(snap))

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.numbers.panel.table,)

    def hide_answers(self, hidden: bool) -> None:
        self.numbers.setVisible(not hidden)

    def set_text_px(self, px: int) -> None:
        self.numbers.set_text_px(px)
        super().set_text_px(px)


class LossScene(Scene):
    """The loss curve and the validation accuracy, filling the screen."""

    max_hz_while_training = 4.0  # a trend: a few updates a second read the same

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.plot = LossPlotView()
        _fill(self, QVBoxLayout(), (self.plot, 1))

    def show_snapshot(self, snap: Snapshot) -> None:
        self.plot.show_snapshot(snap)

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.plot.canvas,)

    def restyle(self) -> None:
        px = self.ctx.text_px
        enlarge_plot_texts(self.plot.loss_plot, px, title_px=round(px * 1.2))
        enlarge_plot_texts(self.plot.accuracy_plot, px)


class LandscapeScene(Scene):
    """The loss landscape with a controller of its own: above the map its plane and the key
    to its arrows, under it the five numbers, the steps left to right as the lesson
    computes them (a row under the map leaves it more room than a column beside it, the
    numbers being 40 px). The view's finer settings (grid, range, sample) and its caption
    (the five numbers, small) stay on the desktop; an error still shows in the caption."""

    max_hz_while_training = 10.0

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.view = LandscapeView(LessonPreset().learning_rate_regimes)
        self.view.settings_bar.setVisible(False)
        self.view.caption.setVisible(False)
        self.plane = QComboBox()  # the view's own list of planes, names and all
        self.plane.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.plane.setModel(self.view.kind.model())
        self.plane.setCurrentIndex(self.view.kind.currentIndex())
        self.plane.currentIndexChanged.connect(self.view.kind.setCurrentIndex)
        self.view.kind.currentIndexChanged.connect(self.plane.setCurrentIndex)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.numbers = LargeNumbers(min_px=40, max_px=40, steps_as_columns=True, floor_px=28)
        self.numbers.panel.title.setVisible(False)  # the columns name the numbers
        self.controller = LandscapeController(
            ctx.host, self.view, self.numbers, on_screen=self.isVisible, selected=ctx.selected
        )
        self.controller.jobs.worker.finished.connect(self._caption_for_errors)
        self.controller.jobs.worker.failed.connect(self._caption_for_errors)
        self.set_text_px(ctx.text_px)
        top = QHBoxLayout()
        top.addWidget(self.plane)
        top.addWidget(self.key, 1)
        # Every pixel of height is the map's: the lesson's map, under its η row and over
        # its numbers, had 54 % of a 1280×720 screen with the layouts' usual spacing.
        self.view.layout().setContentsMargins(0, 0, 0, 0)
        self.view.layout().setSpacing(2)
        _fill(self, QVBoxLayout(), (top, 0), (self.view, 1), (self.numbers, 0))
        self.layout().setSpacing(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # The view's own words (and their translations).
        translate = QCoreApplication.translate
        self.key.setText(
            translate(
                "LandscapeView",
                "Yellow: downhill (−gradient) direction. Red: the next step, η × −gradient.",
            )
        )
        self.plane.setToolTip(
            translate(
                "LandscapeView",
                "Which slice of the loss to draw. Click two edges in the graph to choose the "
                "two weights.",
            )
        )

    def show_snapshot(self, snap: Snapshot) -> None:
        self.controller.refresh(snap)
        lesson = self.controller.lesson_shown()
        if lesson:
            self.numbers.show_step(self.controller.lesson_step)
        else:
            self.numbers.show_step(snap.watched, weights_now(snap))
        self._caption_for_errors()

    def entered(self) -> None:
        self.controller.request()
        self._caption_for_errors()

    def ready(self) -> bool:
        computed = self.view.image.image is not None or self.view.showing_error()
        return computed and not self.controller.busy and super().ready()

    def _caption_for_errors(self, *_args) -> None:
        """The caption says what went wrong (an error has nowhere else to show)."""
        self.view.caption.setVisible(self.view.showing_error())

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.view.plot_widget,)

    def hide_answers(self, hidden: bool) -> None:
        self.numbers.setVisible(not hidden)  # the map gets their room meanwhile

    def set_text_px(self, px: int) -> None:
        self.numbers.max_px = max(40, round(px * 5 / 3))  # 40 px at 720, larger above
        self.numbers.set_text_px(px)
        super().set_text_px(px)

    def restyle(self) -> None:
        px, ink = self.ctx.text_px, theme.colours().foreground
        # A short η slider keeps the lesson's row on one line at 1024×768 (the regimes'
        # buttons set η exactly; the slider is for in between).
        self.view.lesson_lr.setMaximumWidth(5 * px)
        enlarge_plot_texts(self.view.plot, px)
        _enlarge_axis(self.view.colour_bar.axis, px_font(px))
        self.view.colour_bar.axis.setWidth(None)  # its 45 px drop larger numbers: fit them
        # Black, not pyqtgraph's grey, for the axes' numbers and names: read from afar.
        for axis in (self.view.plot.getAxis("left"), self.view.plot.getAxis("bottom")):
            axis.setTextPen(pg.mkPen(ink))
        self.view.colour_bar.axis.setTextPen(pg.mkPen(ink))

    def job_threads(self) -> tuple:
        return (self.controller.jobs,)


#: The classroom's scenes, in order (keys 1…9, 0: ``stage.scene_key``; PageDown/PageUp go
#: through them).
SCENES: tuple[SceneSpec, ...] = (
    SceneSpec("network", QT_TRANSLATE_NOOP("Stage", "Network"), NetworkScene),
    SceneSpec("draw", QT_TRANSLATE_NOOP("Stage", "Draw"), DrawScene),
    SceneSpec("numbers", QT_TRANSLATE_NOOP("Stage", "Five numbers"), NumbersScene),
    SceneSpec("step", QT_TRANSLATE_NOOP("Stage", "Step through"), StepScene),
    SceneSpec("loss", QT_TRANSLATE_NOOP("Stage", "Loss curve"), LossScene),
    SceneSpec("landscape", QT_TRANSLATE_NOOP("Stage", "Landscape"), LandscapeScene),
    SceneSpec("points", QT_TRANSLATE_NOOP("Stage", "Points map"), PointsMapScene),
    SceneSpec("health", QT_TRANSLATE_NOOP("Stage", "Layer health"), HealthScene),
    SceneSpec("evaluation", QT_TRANSLATE_NOOP("Stage", "Evaluation"), EvaluationScene),
    SceneSpec("data", QT_TRANSLATE_NOOP("Stage", "Training data"), DataScene),
    SceneSpec("lab", QT_TRANSLATE_NOOP("Stage", "Neuron lab"), LabScene),
)
