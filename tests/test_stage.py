"""The classroom stage: one scene at a time, filling a 1280×720 projector, readable from the
back of the room (presenter mode's look), switched by a presentation clicker's keys.

The measures at the top (``text_sizes``, ``picture_share``, ``clipped_cells``,
``squeezed_labels``, ``graph_label_problems``) are shared with scripts/stage_screenshots.py
and tests/test_stage_on_screen.py.
"""

from __future__ import annotations

import itertools
import math
import re

import pyqtgraph as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6 import QtGui
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QKeySequence, QShortcut, QTextDocument
from PySide6.QtGui import QTextFormat as Fmt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QWidget,
)

from app.training import commands as cmd
from app.ui import theme
from app.ui.presenter import apply_presentation
from app.ui.scenes import MINUS, SCENES, short_number
from app.ui.stage import Stage, text_px_for
from tests.conftest import collect_qt_garbage
from tests.test_presenter import clipped_texts

PROJECTOR = (1280, 720)
SMALLEST_TEXT_PX = 20
NUMBERS_PX = 40
DIGIT_PX = 200
CONFIDENCE_PX = 32
PICTURE_SHARE = 0.55


# -- the measures -----------------------------------------------------------------------------


def font_px(font: QFont) -> int:
    return QFontInfo(font).pixelSize()


def _document_sizes(document: QTextDocument) -> list[int]:
    """The pixel size of every run of text in a rich text (its own sizes, else the default)."""
    sizes = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid() and fragment.text().strip():
                fmt = fragment.charFormat()
                font = QFont(document.defaultFont())
                if fmt.hasProperty(Fmt.Property.FontPixelSize):
                    font.setPixelSize(fmt.intProperty(Fmt.Property.FontPixelSize))
                elif fmt.hasProperty(Fmt.Property.FontPointSize):
                    font.setPointSizeF(fmt.doubleProperty(Fmt.Property.FontPointSize))
                sizes.append(font_px(font))
            fragments += 1
        block = block.next()
    return sizes


def _rich_sizes(html: str, font: QFont) -> list[int]:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setHtml(html)
    return _document_sizes(document)


def _scene_text_sizes(view: QGraphicsView) -> list[tuple[int, str]]:
    """Texts drawn in a graphics view (pyqtgraph's titles, legends, labels, tick numbers),
    at their size on screen."""
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    sizes = []
    for item in view.scene().items():
        if not item.isVisible() or not item.sceneBoundingRect().intersects(shown):
            continue
        transform = item.deviceTransform(view.viewportTransform())
        scale = math.hypot(transform.m21(), transform.m22())
        if isinstance(item, QGraphicsTextItem) and item.toPlainText().strip():
            what = f"{item.toPlainText()[:30]!r} drawn in {type(view.parentWidget()).__name__}"
            sizes += [(round(px * scale), what) for px in _document_sizes(item.document())]
        elif isinstance(item, QGraphicsSimpleTextItem) and item.text().strip():
            sizes.append((round(font_px(item.font()) * scale), f"{item.text()[:30]!r}"))
        elif isinstance(item, pg.AxisItem) and item.style["showValues"]:
            font = item.style["tickFont"] or QApplication.font()
            sizes.append((font_px(font), f"tick numbers of {item.orientation} axis"))
    return sizes


def text_sizes(root: QWidget) -> list[tuple[int, str]]:
    """(pixel size, what) of every text shown in ``root``: the widgets' and the texts drawn
    in its pictures."""
    sizes: list[tuple[int, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text().strip():
            text = widget.text()
            if widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
            ):
                sizes += [(px, f"label {text[:30]!r}") for px in _rich_sizes(text, widget.font())]
            else:
                sizes.append((font_px(widget.font()), f"label {text[:30]!r}"))
        elif isinstance(widget, QAbstractButton) and widget.text().strip():
            sizes.append((font_px(widget.font()), f"button {widget.text()!r}"))
        elif isinstance(widget, QComboBox) and widget.currentText():
            sizes.append((font_px(widget.font()), f"combo box {widget.currentText()!r}"))
        elif isinstance(widget, QAbstractSpinBox):
            sizes.append((font_px(widget.font()), f"spin box {widget.text()!r}"))
        elif isinstance(widget, QHeaderView) and widget.count():
            sizes.append((font_px(widget.font()), "table header"))
        elif isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for col in range(widget.columnCount()):
                    item = widget.item(row, col)
                    if item is not None and item.text():
                        sizes.append((font_px(item.font()), f"cell {item.text()!r}"))
        elif isinstance(widget, QGraphicsView):
            sizes += _scene_text_sizes(widget)
    return sizes


def smallest_text(root: QWidget) -> tuple[int, str]:
    return min(text_sizes(root), key=lambda size: size[0])


def picture_share(stage: Stage) -> float:
    """How much of the window the scene's picture covers."""
    window = stage.window()
    pictures = [w for w in stage.current_scene().pictures() if w.isVisible()]
    area = sum(w.width() * w.height() for w in pictures)
    return area / (window.width() * window.height())


def clipped_cells(table: QTableWidget) -> list[str]:
    """Cells and headers whose text does not fit, and scroll bars: all must be whole. Rows
    left out (hidden: the stage's step-through leaves out what does not fit) are not shown."""
    problems = []
    for row in range(table.rowCount()):
        if table.isRowHidden(row):
            continue
        for col in range(table.columnCount()):
            item = table.item(row, col)
            if item is None:
                continue
            rect = table.visualItemRect(item)
            metrics = QFontMetrics(item.font())
            if metrics.horizontalAdvance(item.text()) + 4 > rect.width():
                problems.append(f"cell {item.text()!r} in {rect.width()} px")
            if metrics.height() > rect.height():
                problems.append(f"cell {item.text()!r} {rect.height()} px tall")
    for header, count, size in (
        (table.verticalHeader(), table.rowCount(), table.verticalHeader().width()),
        (table.horizontalHeader(), table.columnCount(), None),
    ):
        metrics = QFontMetrics(header.font())
        for k in range(count):
            if header.isSectionHidden(k):
                continue
            item = (
                table.verticalHeaderItem(k)
                if header.orientation() == Qt.Orientation.Vertical
                else table.horizontalHeaderItem(k)
            )
            if item is None:
                continue
            room = size if size is not None else header.sectionSize(k)
            if metrics.horizontalAdvance(item.text()) + 4 > room:
                problems.append(f"header {item.text()!r} in {room} px")
    for bar in (table.verticalScrollBar(), table.horizontalScrollBar()):
        if bar.isVisible() or bar.maximum() > 0:
            problems.append(f"a scroll bar ({bar.maximum()} px to scroll)")
    return problems


def squeezed_labels(root: QWidget) -> list[str]:
    """Labels given less height than their text needs (``clipped_texts`` checks widths)."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        if label.textFormat() == Qt.TextFormat.RichText or QtGui.Qt.mightBeRichText(label.text()):
            continue
        room = label.contentsRect()
        flags = int(label.alignment()) | (int(Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0)
        needed = label.fontMetrics().boundingRect(QRect(room), flags, label.text())
        if needed.height() > room.height() + 1:
            problems.append(f"label {label.text()[:30]!r}: {room.height()} of {needed.height()} px")
    return problems


def graph_label_px(graph) -> int:
    """The graph's column titles' and output digits' smallest font size, in pixels."""
    return graph.label_boxes()[2]


def graph_label_problems(graph) -> list[str]:
    """Column titles or output digits that overlap or leave the graph's view."""
    titles, digits, _px = graph.label_boxes()
    problems = []
    for kind, boxes in (("title", titles), ("digit", digits)):
        for k, (one, other) in enumerate(itertools.pairwise(boxes)):
            if one.intersects(other):
                problems.append(f"{kind}s {k} and {k + 1} overlap")
    viewport = QRectF(graph.plot_widget.viewport().rect())
    for k, box in enumerate(titles + digits):
        if not viewport.contains(box):
            problems.append(f"graph label {k} leaves the view")
    return problems


# -- a host for the stage -----------------------------------------------------------------


class HostWindow(QMainWindow):
    """What the main window is to the stage (``ViewHost``), with a real training worker:
    ``render()`` hands the latest snapshot to the stage, as the window's frame does."""

    def __init__(self, training, chrome: bool = False) -> None:
        super().__init__()
        self.training = training
        self.worker = training.worker
        self._snapshot = None
        self.messages: list[str] = []
        self.stage = Stage(self, SCENES, worker=self.worker)
        self.setCentralWidget(self.stage)
        if chrome:  # the window's menu and status bars, as the window has them today
            for name in ("File", "Training", "View", "Help"):
                self.menuBar().addMenu(name)
            self.statusBar().showMessage("Step 0 · epoch 1 paused")
        self.stage.play_toggled.connect(self._toggle_play)
        self.stage.step_requested.connect(lambda: self.send(cmd.Step("batch")))
        self.stage.edge_selected.connect(self._select)

    def send(self, command) -> None:
        self.worker.send(command)

    def current_snapshot(self):
        return self._snapshot

    def hold_frame(self) -> None:
        pass

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        self.messages.append(text)

    def render(self) -> bool:
        """Show the worker's latest snapshot (True when there is one)."""
        snap = self.worker.latest_snapshot()
        if snap is not None and snap is not self._snapshot:
            self._snapshot = snap
            self.stage.show_snapshot(snap)
        return self._snapshot is not None

    def _toggle_play(self) -> None:
        running = self._snapshot is not None and self._snapshot.running
        self.send(cmd.Pause() if running else cmd.Play())

    def _select(self, index: int) -> None:
        self.stage.set_selected((*self.stage.selected(), index)[-2:])


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def training():
    from app.ui.application import build_training

    training, problem = build_training()
    assert problem is None
    training.start()
    yield training
    assert training.stop(5000)


@pytest.fixture
def host(qtbot, training):
    """The stage in a window of the projector's size, fed by a real worker."""
    window = HostWindow(training)
    qtbot.addWidget(window)
    window.resize(*PROJECTOR)
    window.show()
    qtbot.wait_until(window.render, timeout=5000)
    yield window
    for jobs in window.stage.job_threads():
        assert jobs.stop(5000)
    window.close()
    collect_qt_garbage()


@pytest.fixture
def presented(qtbot, host):
    """The same in presenter mode's look (×1.5 text, high contrast), not full screen."""
    apply_presentation(host, True, full_screen=False)
    host.resize(*PROJECTOR)
    yield host
    apply_presentation(host, False)
    assert not theme.presenting()


def stepped(qtbot, host, steps: int = 1):
    """Take ``steps`` steps and wait for the snapshot after them."""
    start = host.current_snapshot().step
    for _ in range(steps):
        host.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().step >= start + steps)
    return host.current_snapshot()


def landscape_shown(qtbot, scene, kind: str | None = None):
    """Wait for the landscape scene's map (of ``kind``) to be computed and shown."""

    def shown() -> bool:
        result = scene.controller.busy is False and scene.view.image.image is not None
        return result and (kind is None or scene.view.settings().kind == kind)

    qtbot.wait_until(shown, timeout=15_000)
    qtbot.wait_until(lambda: not scene.controller.busy, timeout=15_000)


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)


# -- the scenes -----------------------------------------------------------------------------


def test_every_scene_shows_a_snapshot_from_the_real_worker(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    assert stage.scene_names() == (
        *("network", "draw", "numbers", "step", "loss", "landscape", "points", "health"),
        *("evaluation", "data", "lab"),
    )

    stage.show_scene("network")
    scene = stage.current_scene()
    assert scene.graph.architecture == snap.architecture
    assert scene.answer.digit.text() == str(snap.input_view.answer)
    assert scene.answer.confidence.text().endswith("%")

    stage.show_scene("draw")
    scene = stage.current_scene()
    scene.pad.load_image(snap.sample_x[0].reshape(28, 28))
    assert scene.prediction.current_view() is not None

    stage.show_scene("numbers")
    table = stage.current_scene().numbers.panel.table
    assert table.columnCount() == 2
    assert table.item(0, 0).text() == short_number(snap.watched.value[0])

    stage.show_scene("loss")
    curve = stage.current_scene().plot.smooth_curve
    assert len(curve.getData()[0]) >= 1

    stage.show_scene("landscape")
    scene = stage.current_scene()
    landscape_shown(qtbot, scene)
    assert not scene.view.showing_error()
    assert scene.numbers.panel.table.rowCount() == 2  # a row per watched weight


def test_the_step_scene_walks_a_step_with_the_arrows_and_takes_it_for_real(qtbot, host):
    start = stepped(qtbot, host)
    stage = host.stage
    activate(qtbot, host)
    stage.show_scene("step")
    scene = stage.current_scene()
    panel = scene.panel
    qtbot.wait_until(lambda: panel.step() is not None, timeout=5000)
    plan = panel.step()
    assert len(plan.indices) == 1  # one example: its wishes fit the table whole
    assert panel.current_frame().substep.kind == "forward"
    qtbot.keyClick(stage, Qt.Key.Key_Right)
    assert panel.current_frame() == plan.frame(1)
    qtbot.keyClick(stage, Qt.Key.Key_Left)
    assert panel.current_frame() == plan.frame(0)
    for _ in range(len(plan) - 1):
        qtbot.keyClick(stage, Qt.Key.Key_Return)  # the clicker's Step walks on too
    assert panel.current_frame().substep.kind == "update"
    assert stage.current_name() == "step"  # the arrows never left the scene
    qtbot.keyClick(stage, Qt.Key.Key_Right)  # on "update": the step is taken for real
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().step == start.step + 1)
    assert (host.current_snapshot().params == plan.params_after).all()
    qtbot.wait_until(lambda: panel.step() is not None and panel.step() is not plan)
    qtbot.keyClick(stage, Qt.Key.Key_PageDown)  # the next scene: the step-through ends
    assert stage.current_name() == "loss"
    assert not scene.mode.active
    host.render()
    assert host.current_snapshot().step == start.step + 1  # leaving took nothing


def test_a_batch_taken_apart_on_the_stage_leaves_out_the_examples_that_do_not_fit(qtbot, presented):
    from app.ui.step_scene import TABLE_SHARE

    host, stage = presented, presented.stage
    stage.show_scene("step")
    scene, panel = stage.current_scene(), stage.current_scene().panel
    qtbot.wait_until(lambda: panel.step() is not None, timeout=5000)
    scene.mode.leave()
    scene.mode._chosen = lambda: "batch"  # as a lesson's stop of batch granularity plans it
    scene.mode.enter()
    qtbot.wait_until(lambda: panel.step() is not None and len(panel.step().indices) == 10)
    scene.open_at(4)  # "error": the table of every example's wishes and their average
    qtbot.wait_until(lambda: panel.table.isVisible() and scene.ready(), timeout=5000)
    host.render()
    table = panel.table
    shown = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert 2 <= len(shown) < table.rowCount() == 11  # ten examples and their average
    assert table.verticalHeaderItem(shown[-1]).text() == "average"
    assert table.height() <= scene.height() * TABLE_SHARE + 2 * table.frameWidth()
    assert f"Shown: {len(shown) - 1} of the 10 examples." in panel.table_caption.text()
    assert clipped_cells(table) == []
    assert "Wanted nudges" not in panel.explanation.text()  # they are the table's first row
    assert host.minimumSizeHint().height() <= PROJECTOR[1]
    scene.open_at(1)  # "forward 1": no table, and the note goes with it
    assert "Shown:" not in panel.table_caption.text() or not panel.table_caption.isVisible()


def test_the_network_scene_shows_what_was_drawn_and_its_answer(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("draw")
    stage.current_scene().pad.load_image(snap.sample_x[5].reshape(28, 28))
    drawn = stage.current_scene().prediction.current_view()
    stage.show_scene("network")
    answer = stage.current_scene().answer
    assert answer.digit.text() == str(drawn.answer)
    assert answer.truth.text() == ""  # a drawing has no true digit


def test_teach_it_in_the_draw_scene_adds_the_drawing_to_the_training_data(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("draw")
    scene = stage.current_scene()
    scene.pad.load_image(snap.sample_x[1].reshape(28, 28))
    n_train = snap.n_train
    scene.prediction.choose_digit(int(snap.sample_y[1]))
    scene.prediction.teach_button.click()
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().n_train == n_train + 1)
    assert host.messages
    assert str(int(snap.sample_y[1])) in host.messages[-1]


def test_only_the_scene_on_screen_is_fed(qtbot, host):
    stage = host.stage
    for name in stage.scene_names():
        stage.show_scene(name)  # every scene made
    fed: dict[str, int] = {}
    for name, scene in stage.built_scenes().items():
        scene.show_snapshot = lambda snap, name=name: fed.__setitem__(name, fed.get(name, 0) + 1)
    for name in ("numbers", "loss"):
        stage.show_scene(name)
        fed.clear()
        stepped(qtbot, host, steps=2)
        assert set(fed) == {name}
    stage.hide()
    fed.clear()
    stepped(qtbot, host)
    assert fed == {}  # a hidden stage feeds nothing


def test_a_scene_is_made_the_first_time_it_is_shown(host):
    stage = host.stage
    assert set(stage.built_scenes()) == {"network"}
    stage.show_scene("loss")
    assert set(stage.built_scenes()) == {"network", "loss"}
    assert stage.job_threads() == ()  # the landscape's thread starts with the landscape


# -- the keys -------------------------------------------------------------------------------


def test_page_down_and_page_up_walk_the_scenes_and_stop_at_the_ends(qtbot, host):
    stage = host.stage
    activate(qtbot, host)
    names = stage.scene_names()
    seen = [stage.current_name()]
    for _ in range(len(names)):  # one press too many: it stays on the last
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
        seen.append(stage.current_name())
    assert seen == [*names, names[-1]]
    assert stage.position.text() == f"{len(names)} / {len(names)}"
    for _ in range(len(names) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp)
    assert stage.current_name() == names[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert stage.current_name() == names[1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert stage.current_name() == names[0]


def test_number_keys_choose_a_scene_and_its_button_shows_it(qtbot, host):
    stage = host.stage
    activate(qtbot, host)
    for number in (3, 5, 1, 4):
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{number}"))
        assert stage.current_index == number - 1
        assert stage.scene_buttons.checkedId() == number - 1
    stage.scene_buttons.button(1).click()
    assert stage.current_name() == "draw"


def test_space_plays_and_pauses_and_return_and_s_take_a_step(qtbot, host):
    stage = host.stage
    activate(qtbot, host)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_S):
        step = host.current_snapshot().step
        with qtbot.wait_signal(stage.step_requested):
            qtbot.keyClick(QApplication.focusWidget(), key)
        qtbot.wait_until(lambda step=step: host.render() and host.current_snapshot().step > step)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().running)
    assert stage.play_button.accessibleName() == "Pause"  # its words, or its icon alone
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.wait_until(lambda: host.render() and not host.current_snapshot().running)
    assert stage.play_button.accessibleName() == "Play"


def test_the_keys_keep_working_when_a_widget_in_the_scene_has_the_focus(qtbot, host):
    stage = host.stage
    activate(qtbot, host)
    stage.show_scene("draw")
    pad = stage.current_scene().pad
    pad.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is pad)
    qtbot.keyClick(pad, Qt.Key.Key_PageDown)
    assert stage.current_name() == "numbers"
    focus = QApplication.focusWidget()  # the pad went off screen with its scene
    assert focus.isVisible()
    assert stage.isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_PageUp)
    assert stage.current_name() == "draw"


def test_the_stage_leaves_its_keys_to_the_desktop_while_hidden(qtbot, host):
    stage = host.stage
    desktop = QWidget()
    desktop.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    pressed = []
    space = QShortcut(QKeySequence(Qt.Key.Key_Space), host)  # as the window's own
    space.activated.connect(lambda: pressed.append("space"))
    space.setEnabled(False)  # the window's, disabled while the stage is shown
    assert QKeySequence(Qt.Key.Key_Space) in stage.claimed_keys()
    activate(qtbot, host)
    with qtbot.wait_signal(stage.play_toggled):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)

    host.takeCentralWidget()  # the desktop takes the window's place
    host.setCentralWidget(desktop)
    stage.setParent(host)
    stage.hide()
    space.setEnabled(True)
    desktop.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is desktop)
    with qtbot.assert_not_emitted(stage.play_toggled):
        qtbot.keyClick(desktop, Qt.Key.Key_Space)
        qtbot.keyClick(desktop, Qt.Key.Key_PageDown)
    assert pressed == ["space"]
    assert stage.current_name() == "network"


# -- legible at the back of the room --------------------------------------------------------


def settled(qtbot, stage, name: str) -> None:
    stage.show_scene(name)
    scene = stage.current_scene()
    if name == "landscape":
        landscape_shown(qtbot, scene)
    qtbot.wait_until(scene.ready, timeout=10_000)


@pytest.mark.parametrize("name", [spec.name for spec in SCENES])
def test_at_1280_by_720_presented_the_scenes_picture_fills_most_of_the_window(
    qtbot, presented, name
):
    stepped(qtbot, presented)
    stage = presented.stage
    settled(qtbot, stage, name)
    assert (presented.width(), presented.height()) == PROJECTOR
    assert picture_share(stage) >= PICTURE_SHARE, name


@pytest.mark.parametrize("name", [spec.name for spec in SCENES])
def test_at_1280_by_720_presented_no_text_is_small_or_clipped(qtbot, presented, name):
    snap = stepped(qtbot, presented)
    stage = presented.stage
    if name == "draw":
        stage.show_scene("draw")
        stage.current_scene().pad.load_image(snap.sample_x[2].reshape(28, 28))
    settled(qtbot, stage, name)
    assert (presented.width(), presented.height()) == PROJECTOR
    assert smallest_text(stage)[0] >= SMALLEST_TEXT_PX, smallest_text(stage)
    assert clipped_texts(presented) == []
    assert squeezed_labels(stage) == []
    scene = stage.current_scene()
    if hasattr(scene, "numbers"):
        table = scene.numbers.panel.table
        assert clipped_cells(table) == []
        cells = [
            table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())
        ]
        assert cells
        assert min(font_px(cell.font()) for cell in cells) >= NUMBERS_PX
    if name == "network":
        assert font_px(scene.answer.digit.font()) >= DIGIT_PX
        assert font_px(scene.answer.confidence.font()) >= CONFIDENCE_PX


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_stage_fits_1024_by_768_and_grows_with_1920_by_1080(qtbot, presented, size):
    stepped(qtbot, presented)
    presented.resize(*size)
    stage = presented.stage
    qtbot.wait_until(lambda: (presented.width(), presented.height()) == size)
    assert stage.text_px == text_px_for(stage.height())
    for spec in SCENES:
        settled(qtbot, stage, spec.name)
        assert (presented.width(), presented.height()) == size, spec.name
        assert clipped_texts(presented) == [], spec.name
        scene = stage.current_scene()
        if hasattr(scene, "numbers"):
            assert clipped_cells(scene.numbers.panel.table) == [], spec.name
    if size == (1920, 1080):
        assert stage.text_px >= 34
        assert smallest_text(stage)[0] >= SMALLEST_TEXT_PX


def test_the_lessons_landscape_shows_its_five_numbers_large_under_the_map(qtbot, presented):
    stage = presented.stage
    stage.show_scene("landscape")
    scene = stage.current_scene()
    scene.plane.setCurrentIndex(scene.plane.findData("lesson"))
    assert scene.view.settings().kind == "lesson"
    landscape_shown(qtbot, scene, "lesson")
    table = scene.numbers.panel.table
    qtbot.wait_until(lambda: table.rowCount() == 2)
    w1 = [table.item(0, c).text() for c in range(5)]
    assert w1 == ["0.5", MINUS + "0.1", "0.1", "0.01", "0.51"]
    assert table.horizontalHeaderItem(4).text() == "(5) new value"
    assert clipped_cells(table) == []
    qtbot.wait_until(lambda: not scene.restyle_pending)
    # The layout settles an event or two after the restyle (the strip's new rows).
    qtbot.wait_until(lambda: picture_share(stage) >= PICTURE_SHARE)  # the η buttons too


def test_the_five_numbers_keep_their_full_value_in_the_tooltip(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("numbers")
    table = stage.current_scene().numbers.panel.table
    gradient = table.item(1, 0)
    assert float(gradient.toolTip()) == snap.watched.gradient[0]
    assert gradient.text() == short_number(snap.watched.gradient[0])


def test_the_stage_follows_a_change_of_language(qtbot, host):
    from app.ui import i18n

    stage = host.stage
    try:
        i18n.install_language("zh_TW")
        qtbot.wait_until(lambda: stage.step_button.accessibleName() == "走一步")
        assert stage.play_button.accessibleName() == "播放"
    finally:
        i18n.install_language("en")
    qtbot.wait_until(lambda: stage.step_button.accessibleName() == "Step")


# -- the numbers, short ---------------------------------------------------------------------

_POWER = re.compile(r"^(−?)(\d(?:\.\d)?)\u00a0×\u00a010([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$")
_PLAIN = re.compile(r"^(−?)(\d+(?:\.\d+)?)$")


def read_back(text: str) -> float:
    """The value a short number writes."""
    power = _POWER.match(text)
    if power:
        sign, mantissa, exponent = power.groups()
        digits = exponent.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return float(f"{'-' if sign else ''}{mantissa}e{digits}")
    plain = _PLAIN.match(text)
    assert plain, f"{text!r} is neither plain nor a power of ten"
    sign, number = plain.groups()
    return float(f"{'-' if sign else ''}{number}")


def significant_digits(text: str) -> int:
    digits = (_POWER.match(text) or _PLAIN.match(text)).group(2).replace(".", "")
    return len(digits.lstrip("0")) if digits.strip("0") else 1


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.51, "0.51"),
        (-1.35e-7, "−1.4 × 10⁻⁷"),
        (0.0, "0"),
        (3.0312, "3.03"),
        (0.01, "0.01"),
        (-0.00123456, "−0.00123"),
        (1234.5, "1234"),
        (9999.7, "1.0 × 10⁴"),
        (0.000999, "1.0 × 10⁻³"),
        (123.456, "123"),
        (2.5e12, "2.5 × 10¹²"),
        (float("nan"), "NaN"),
        (float("-inf"), "−∞"),
    ],
)
def test_short_numbers_read_as_the_lesson_writes_them(value, text):
    assert short_number(value) == text.replace(" ", "\u00a0")


@settings(max_examples=400, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda x: x == 0 or 1e-300 < abs(x) < 1e300
    )
)
def test_a_short_number_has_at_most_four_significant_digits_and_reads_back_close(x):
    text = short_number(x)
    assert "e" not in text  # no computer notation
    assert "-" not in text  # a true minus sign
    assert len(text) <= 14
    back = read_back(text)
    assert (back < 0) == (x < 0) or x == 0
    powers = bool(_POWER.match(text))
    if powers:  # two significant digits: within 5 %
        assert significant_digits(text) <= 2
        assert abs(back - x) <= 0.05 * abs(x)
    else:  # three (four from 1,000 on): within 0.5 %
        assert significant_digits(text) <= (4 if abs(x) >= 999.5 else 3)
        assert abs(back - x) <= 0.005 * abs(x) + 1e-12
        assert x == 0 or 0.0009995 <= abs(x) < 9999.5


def test_a_narrow_stage_keeps_the_scene_on_screen_named_and_numbers_the_others(qtbot, host):
    stage = host.stage
    host.resize(760, 600)
    qtbot.wait_until(lambda: stage.width() <= 760)
    stage.show_scene("loss")
    texts = [button.text() for button in stage.scene_buttons.buttons()]
    assert texts[stage.current_index] == "Loss curve"
    others = [t for i, t in enumerate(texts) if i != stage.current_index]
    assert others == [str(i + 1) for i in range(len(texts)) if i != stage.current_index]
    assert stage.scene_buttons.button(0).toolTip().startswith("Network")  # named on hover
    assert stage.bar.sizeHint().width() <= stage.width()
    # Eleven names fit across a 1920 px projector (at 1280 px the others keep their numbers).
    host.resize(1920, 1080)
    qtbot.wait_until(lambda: stage.scene_buttons.button(0).text() == "Network")
    assert [b.text() for b in stage.scene_buttons.buttons()][-1] == "Neuron lab"


def test_every_scene_a_lesson_may_name_is_a_scene_of_the_stage():
    from app.core.lesson_file import SCENE_NAMES

    assert set(SCENE_NAMES) == {spec.name for spec in SCENES}


def test_a_stage_plot_leaves_room_above_it_for_the_top_tick_number(qtbot):
    """A range ending on a tick (a decade of a log scale) put its number on the plot's top
    edge: at the stage's size, "0.01" of layer health was cut in half."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetrics

    from app.ui.scenes import enlarge_plot_texts
    from app.ui.stage_context import px_font

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    for px in (24, 36):
        enlarge_plot_texts(plot, px)
        half_a_number = QFontMetrics(px_font(px)).ascent() / 2
        assert plot.layout.getContentsMargins()[1] >= half_a_number
        assert plot.getAxis("left").style["tickFont"].pixelSize() == px
