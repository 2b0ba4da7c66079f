"""The window as a class uses it: opens with the pretrained model, reads a drawing, steps,
plays and pauses, and closes promptly while training, with no Qt warning."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.training import commands as cmd
from app.ui.application import LESSON_HYPERPARAMETERS, build_training
from app.ui.main_window import MainWindow


def snapshot_after(qtbot, win, predicate, timeout=5000):
    qtbot.wait_until(
        lambda: win._snapshot is not None and bool(predicate(win._snapshot)), timeout=timeout
    )
    return win._snapshot


def drag(widget, points) -> None:
    """A mouse stroke through ``points`` (widget coordinates), left button held."""

    def send(kind, point, buttons):
        pos = QPointF(*point)
        global_pos = QPointF(widget.mapToGlobal(QPoint(int(pos.x()), int(pos.y()))))
        button = (
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        )
        event = QMouseEvent(kind, pos, global_pos, button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    held = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, points[0], held)
    for point in points[1:]:
        send(QEvent.Type.MouseMove, point, held)
    send(QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def test_the_window_opens_with_the_pretrained_model(window):
    snap = window._snapshot
    # Trained in float32, as every network the app trains: the shipped weights, rounded once.
    expected = load_model_file(PRETRAINED_MODEL).params.astype(np.float32)
    assert snap.params.dtype == np.float32
    np.testing.assert_array_equal(snap.params, expected)
    assert snap.architecture.n_parameters == 13_002
    assert snap.hyper == LESSON_HYPERPARAMETERS
    assert "4,500" in window.status_line.data.text()


def test_a_drawn_stroke_is_read_and_the_preview_is_not_empty(qtbot, window):
    pad = window.pad
    w, h = pad.width(), pad.height()
    # A vertical stroke down the middle of the pad: a "1".
    stroke = [(w * 0.5, h * (0.2 + 0.6 * t / 20)) for t in range(21)]
    drag(pad, stroke)
    qtbot.wait_until(lambda: window.reader._canvas is not None, timeout=3000)
    view = window.reader.classify(window.reader._canvas)
    assert view is not None
    assert view.image.shape == (28, 28)
    assert view.image.max() > 0.5
    assert view.probabilities.sum() == pytest.approx(1.0)
    assert view.answer == 1


def test_one_step_changes_the_weights_by_minus_lr_times_gradient(qtbot, window):
    before = window._snapshot.params.copy()
    window.controls.request_step()
    snap = snapshot_after(qtbot, window, lambda s: s.step == 1)
    np.testing.assert_array_equal(
        snap.change, -LESSON_HYPERPARAMETERS.learning_rate * snap.gradient
    )
    np.testing.assert_array_equal(snap.params, before + snap.change)
    assert window.descent.table.columnCount() == 2


def test_play_then_pause_stops_the_worker(qtbot, window):
    window.controls.toggle_play()
    snapshot_after(qtbot, window, lambda s: s.running and s.step > 10)
    assert "Pause" in window.controls.play_button.text()
    window.controls.toggle_play()
    snap = snapshot_after(qtbot, window, lambda s: not s.running)
    qtbot.wait(300)
    assert window.worker.latest_snapshot().step == snap.step


def test_closing_while_training_quits_within_2_seconds(qtbot, window):
    window.send(cmd.Play())
    snapshot_after(qtbot, window, lambda s: s.step > 10)
    import time

    start = time.perf_counter()
    window.close()
    assert time.perf_counter() - start < 2.0
    assert not window.training.thread.isRunning()


def test_a_grab_is_not_blank_and_shows_both_edge_colours(qtbot, window):
    qtbot.wait(200)
    image = window.grab().toImage()
    assert image.width() > 500
    colours = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            colours.add(image.pixel(x, y))
    assert len(colours) > 50, "the window looks blank"

    def near(target: str) -> bool:
        t = QColor(target)
        for p in colours:
            c = QColor(p)
            if abs(c.red() - t.red()) + abs(c.green() - t.green()) + abs(c.blue() - t.blue()) < 60:
                return True
        return False

    assert near("#2166ac"), "no blue (positive) edges"
    assert near("#e66101"), "no orange (negative) edges"


def test_selecting_an_edge_watches_it(qtbot, window):
    arch = window._snapshot.architecture
    index = arch.weight_index(0, 3, 400)
    window.graph.edge_selected.emit(index)
    window.controls.request_step()
    snap = snapshot_after(
        qtbot, window, lambda s: s.watched is not None and "w1[3,400]" in s.watched.names
    )
    assert len(snap.watched.names) == 2


def test_teaching_a_drawing_adds_it_to_the_training_data(qtbot, window):
    n = window._snapshot.n_train
    window.prediction.example_taught.emit(np.full((28, 28), 0.5), 4)
    snapshot_after(qtbot, window, lambda s: s.n_train == n + 1)


def test_a_bad_session_file_gets_a_message_and_changes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"nonsense")
    before = window._snapshot.params.copy()
    window.send(cmd.Step("batch"))
    window.load_session(str(bad))
    window.send(cmd.Step("batch"))  # after the failed load: it went on from where it was
    qtbot.wait_until(lambda: "bad.npz" in window.banner.label.text(), timeout=5000)
    assert window.banner.isVisible()
    snap = snapshot_after(qtbot, window, lambda s: s.step == 2)
    assert snap.origin == "pretrained"  # still the same network, two real steps on
    assert not np.array_equal(snap.params, before)


def test_a_session_file_is_read_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch):
    """Reading (and unpacking) a file is the worker's: a big one never freezes the window."""
    import threading

    from app.training import worker as worker_module

    window.send(cmd.Step("batch"))
    snapshot_after(qtbot, window, lambda s: s.step == 1)
    path = tmp_path / "lesson.npz"
    window.send(cmd.SaveModel(str(path)))
    qtbot.wait_until(path.exists)
    readers = []
    real = worker_module.load_model_file

    def watched(p):
        readers.append(threading.current_thread() is threading.main_thread())
        return real(p)

    monkeypatch.setattr(worker_module, "load_model_file", watched)
    window.send(cmd.Reset())
    snapshot_after(qtbot, window, lambda s: s.step == 0)
    window.load_session(str(path))
    snapshot_after(qtbot, window, lambda s: s.step == 1)
    assert readers == [False]
    qtbot.wait_until(lambda: str(path) in window.keeper.recent_files())


def test_export_png(window, tmp_path):
    path = tmp_path / "graph.png"
    assert window.files.export_to(window.graph, str(path))
    assert path.stat().st_size > 1000


def test_export_svg(window, tmp_path):
    path = tmp_path / "loss.svg"
    assert window.files.export_to(window.loss_plot, str(path))
    assert "<svg" in path.read_text()


def test_last_values_are_remembered(qtbot, tmp_path):
    settings_path = str(tmp_path / "remember.ini")
    training, _ = build_training()
    first = MainWindow(training, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    training.start()
    first.send(cmd.SetHyperparameters(LESSON_HYPERPARAMETERS.__class__(0.5, 32, "adam")))
    first.controls.speed.setValue(2)
    snapshot_after(qtbot, first, lambda s: s.hyper.optimizer == "adam")
    first.close()

    training, _ = build_training()
    second = MainWindow(training, QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    training.start()
    snap = snapshot_after(qtbot, second, lambda s: s.hyper.optimizer == "adam")
    assert (snap.hyper.learning_rate, snap.hyper.batch_size) == (0.5, 32)
    assert second.controls.speed.value() == 2
    second.close()


def test_download_full_mnist_shows_progress_and_trains_on_it(
    qtbot, window, mirror, tmp_path, monkeypatch
):
    """The menu's download, against a local mirror serving small MNIST-named files."""
    monkeypatch.setenv("BACKPROP_LAB_DATA", str(tmp_path / "data"))
    window.files.download_mnist(base_url=mirror.base_url, files=mirror.files)
    assert window.files.progress_dialog.isVisible()
    snap = snapshot_after(qtbot, window, lambda s: s.n_train == 28, timeout=10_000)
    assert "mnist" in snap.dataset_name.lower()
    assert not window.files.progress_dialog.isVisible()
    assert len(mirror.requests) == 4


def test_a_failed_download_says_what_happened(qtbot, window, mirror, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setenv("BACKPROP_LAB_DATA", str(tmp_path / "data"))
    mirror.misbehave("404")
    window.files.download_mnist(base_url=mirror.base_url, files=mirror.files)
    qtbot.wait_until(lambda: len(shown) == 1, timeout=10_000)
    assert "404" in shown[0]
    assert window._snapshot.n_train == 4_500


@pytest.mark.parametrize(
    "values",
    [
        {"learning_rate": "fast", "batch_size": "-5", "optimizer": "sgd++", "speed_index": "999"},
        {"learning_rate": "1e9", "batch_size": "0", "optimizer": "adam", "speed_index": "-1"},
        {"learning_rate": "nan", "batch_size": "10.5", "optimizer": "", "speed_index": "two"},
    ],
)
def test_a_garbage_settings_file_starts_with_the_defaults(qtbot, tmp_path, values):
    path = tmp_path / "edited.ini"
    lines = ["[window]", "geometry=not a geometry", "splitter=@ByteArray(junk)", "[training]"]
    lines += [f"{key}={value}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n")
    training, _ = build_training()
    win = MainWindow(training, QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    training.start()
    qtbot.wait_until(lambda: win._snapshot is not None, timeout=5000)
    qtbot.wait(200)
    snap = win.worker.latest_snapshot()
    assert snap.hyper == LESSON_HYPERPARAMETERS
    assert 0 <= win.controls.speed.value() <= win.controls.speed.maximum()
    win.close()


def test_the_window_fits_a_1280_by_720_projector(window):
    """Every view has room at the usual projector resolution (nothing forces it wider)."""
    needed = window.minimumSizeHint()
    assert needed.width() <= 1280, f"the window needs {needed.width()} px of width"
    assert needed.height() <= 720, f"the window needs {needed.height()} px of height"
    window.plots.setCurrentWidget(window.landscape)
    window.landscape.set_kind("lesson")  # the widest settings the landscape shows
    assert window.minimumSizeHint().width() <= 1280


def test_an_exploding_loss_pauses_says_so_and_one_click_restores(qtbot, window):
    start = window._snapshot
    window.send(cmd.SetHyperparameters(replace(start.hyper, learning_rate=30.0)))
    window.send(cmd.Play())
    qtbot.wait_until(lambda: window.banner.restore.isVisible(), timeout=5000)
    text = window.banner.label.text()
    assert "learning rate is too large" in text
    assert "exploded at step" in text
    qtbot.wait_until(lambda: window._snapshot.explosion is not None, timeout=3000)
    assert not window._snapshot.running
    assert "nan" not in text.lower()
    qtbot.mouseClick(window.banner.restore, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: window._snapshot.explosion is None, timeout=3000)
    # One step at η = 30 already throws the pretrained weights off: the first ones come back.
    np.testing.assert_array_equal(window._snapshot.params, start.params)
    assert not window.banner.isVisible()


def test_a_whole_lesson_from_the_keyboard(qtbot, window):
    """Granularity, step, play, pause, tabs, reset and the F1 sheet: no mouse."""
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)

    def key(k, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(window, k, modifier)

    key(Qt.Key.Key_1)
    assert window.controls.granularity.currentData() == "example"
    start = window._snapshot.step
    key(Qt.Key.Key_Right)
    qtbot.wait_until(lambda: window._snapshot.step == start + 1, timeout=3000)
    assert len(window._snapshot.input_view.activations[0]) > 0

    key(Qt.Key.Key_2)
    assert window.controls.granularity.currentData() == "batch"
    key(Qt.Key.Key_Space)
    qtbot.wait_until(lambda: window._snapshot.running, timeout=3000)
    key(Qt.Key.Key_Space)
    qtbot.wait_until(lambda: not window._snapshot.running, timeout=3000)
    assert window._snapshot.step > start + 1

    key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.plots.currentWidget() is window.landscape
    key(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.plots.currentWidget() is window.loss_plot

    # Ctrl+R asks first (a reset throws the learning away); Enter answers Yes.
    def answer_when_asked() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer_when_asked)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer_when_asked)
    key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait_until(lambda: window._snapshot.step == 0, timeout=3000)
    window.activateWindow()  # the question's dialog had the keyboard
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)

    key(Qt.Key.Key_F1)
    qtbot.wait_until(
        lambda: window.menus.shortcut_sheet is not None and window.menus.shortcut_sheet.isVisible()
    )
    assert window.menus.shortcut_sheet.table.rowCount() >= 10
    qtbot.keyClick(window.menus.shortcut_sheet, Qt.Key.Key_Escape)
    qtbot.wait_until(lambda: not window.menus.shortcut_sheet.isVisible(), timeout=2000)


def test_a_step_through_lesson_from_the_keyboard(qtbot, window):
    """Ctrl+3 opens step-through; → walks every sub-step and then takes the real step, which
    lands on the plan bit for bit; ← goes back; Space (play) leaves the lesson."""
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)
    panel = window.lesson.panel
    start = window._snapshot

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.lesson.active
    qtbot.wait_until(lambda: panel.step() is not None, timeout=5000)
    plan = panel.step()
    np.testing.assert_array_equal(plan.params_before, start.params)
    assert window.graph.lesson_frame is not None

    kinds = [panel.current_frame().substep.kind]
    for _ in range(len(plan) - 1):
        qtbot.keyClick(window, Qt.Key.Key_Right)
        kinds.append(panel.current_frame().substep.kind)
    n_layers = plan.architecture.n_layers
    assert kinds == ["forward"] * n_layers + ["error"] + ["backward"] * n_layers + ["update"]
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert panel.current_frame().substep.kind == "backward"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window._snapshot.step == start.step, "walking the sub-steps trains nothing"

    qtbot.keyClick(window, Qt.Key.Key_Right)  # past "update": the real step
    qtbot.wait_until(lambda: window._snapshot.step == start.step + 1, timeout=5000)
    np.testing.assert_array_equal(window._snapshot.params, plan.params_after)
    qtbot.wait_until(lambda: panel.step() is not None and panel.step() is not plan, timeout=5000)
    assert panel.step().step == plan.step + 1, "the next step is planned at once"

    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.wait_until(lambda: not window.lesson.active, timeout=3000)
    assert window.graph.lesson_frame is None
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.wait_until(lambda: not window._snapshot.running, timeout=3000)


def test_every_look_inside_view_computes_off_the_gui_thread_and_shows_data(qtbot, window):
    gui = threading.get_ident()
    jobs = window.inside.jobs.worker
    views, pages = window.inside, window.inside_pages
    for kind in ("evaluation", "points_map"):
        window.views.setCurrentWidget(pages[kind])  # the tab builds its view: it computes
        qtbot.wait_until(lambda kind=kind: jobs.done.get(kind, 0) > 0, timeout=10000)
        assert jobs.ran_on[kind] != gui
        qtbot.wait(100)
        assert pages[kind].view is getattr(views, kind)
        assert distinct_colours(pages[kind].view.grab()) > 5, kind
    window.views.setCurrentWidget(pages["data"])
    qtbot.wait_until(lambda: views.data.counts.sum() > 0, timeout=5000)
    assert views.data.counts.sum() == window._snapshot.n_train
    assert distinct_colours(views.data.grab()) > 5
    window.views.setCurrentWidget(window.graph)

    window.plots.setCurrentWidget(window.health_page)
    window.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: jobs.done.get("health", 0) > 0, timeout=10000)
    assert jobs.ran_on["health"] != gui
    qtbot.wait(200)
    assert distinct_colours(views.health.grab()) > 3

    window.plots.setCurrentWidget(window.lab_scroll)
    qtbot.wait_until(lambda: jobs.done.get("lab_accuracy", 0) > 0, timeout=10000)
    assert jobs.ran_on["lab_accuracy"] != gui
    qtbot.wait_until(lambda: "%" in views.lab.accuracy_label.text(), timeout=5000)


def test_the_neuron_lab_edits_a_copy_and_keeps_only_when_asked(qtbot, window):
    training_params = window._snapshot.params.copy()
    window.plots.setCurrentWidget(window.lab_scroll)
    lab = window.inside.lab
    assert lab.is_open
    node = window.graph.node_position(1, 3)
    assert node is not None
    lab.select_neuron(1, 3)
    lab.switch_off()
    edited = window.inside.lab_params
    arch = window._snapshot.architecture
    direct = training_params.copy()
    for k in range(arch.layer_sizes[2]):
        direct[arch.weight_index(1, k, 3)] = 0.0
    np.testing.assert_array_equal(edited, direct)
    assert (1, 3) in window.graph.lab_marks
    assert window.reader.current_network().params[arch.weight_index(1, 0, 3)] == 0.0
    np.testing.assert_array_equal(window.worker.latest_snapshot().params, training_params)

    window.plots.setCurrentWidget(window.loss_plot)  # leaving the lab drops the edits
    assert not lab.is_open
    assert not window.graph.lab_marks
    np.testing.assert_array_equal(window.reader.current_network().params, training_params)

    window.plots.setCurrentWidget(window.lab_scroll)
    lab.select_neuron(1, 3)
    lab.switch_off()
    window.inside._keep_lab(window.inside.lab_params)
    qtbot.wait_until(
        lambda: np.array_equal(window.worker.latest_snapshot().params, direct), timeout=5000
    )


def test_a_mistake_from_the_evaluation_is_read_in_the_graph(qtbot, window):
    window.views.setCurrentWidget(window.inside_pages["evaluation"])
    jobs = window.inside.jobs.worker
    qtbot.wait_until(lambda: jobs.done.get("evaluation", 0) > 0, timeout=10000)
    evaluation = window.inside.evaluation
    qtbot.wait_until(lambda: evaluation._evaluation is not None, timeout=5000)
    wrongest = evaluation._evaluation.mistakes()[0]
    image = evaluation._images[wrongest].astype(np.float64)
    if image.max() > 1:
        image = image / 255.0
    window.show_example(image, int(evaluation._evaluation.labels[wrongest]))
    assert window.views.currentWidget() is window.graph
    shown = window.prediction.current_view()
    np.testing.assert_allclose(shown.image, image)
    assert shown.answer == int(evaluation._evaluation.predictions[wrongest])


def distinct_colours(pixmap) -> int:
    """How many different colours a grab holds (every 4th pixel): a blank view has one or two."""
    image = pixmap.toImage()
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    )


def test_every_control_says_what_it_does(window):
    """Buttons, lists, number boxes and sliders all carry a tooltip (what it does, what to try)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QSlider

    from app.ui.lazy_page import LazyPage

    for page in window.findChildren(LazyPage):
        page.build()  # the tabs not shown yet too
    qt_internal = ("QTabBar", "QScrollBar", "QTableWidget", "QMenuBar", "QTableView")
    missing = []
    for kind in (QAbstractButton, QComboBox, QAbstractSpinBox, QSlider):
        for control in window.findChildren(kind):
            parent = control.parent()
            if parent is not None and type(parent).__name__ in qt_internal:
                continue  # Qt's own scroll arrows and table corners
            if not control.toolTip():
                text = control.text() if hasattr(control, "text") else ""
                missing.append(f"{type(control).__name__} {text!r} in {type(parent).__name__}")
    assert missing == []


MNIST_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"


def test_an_unreadable_test_folder_says_why_and_keeps_the_validation_set(
    qtbot, window, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert not window.files.load_test_folder(str(tmp_path))
    assert "t10k" in shown[0]
    assert window.inside.test_set is None
    assert not window.inside.evaluation.set_box.isVisibleTo(window.inside.evaluation)


@pytest.mark.skipif(
    not (MNIST_DIR / "t10k-images-idx3-ubyte.gz").is_file(),
    reason=f"the real MNIST test files are not at {MNIST_DIR}",
)
def test_the_evaluation_measures_an_mnist_test_folder(qtbot, window):
    from app import PRETRAINED_MODEL
    from app.core.evaluation import evaluate
    from app.data.idx import load_idx_folder

    assert window.files.load_test_folder(str(MNIST_DIR))
    view = window.inside.evaluation
    assert window.views.currentWidget() is window.inside_pages["evaluation"]
    assert window.inside_pages["evaluation"].view is view
    qtbot.wait_until(lambda: view._evaluation is not None and view._evaluation.count == 10_000,
                     timeout=15000)  # fmt: skip
    images, labels = load_idx_folder(MNIST_DIR, "t10k")
    direct = evaluate(load_model_file(PRETRAINED_MODEL).network(), images, labels)
    np.testing.assert_array_equal(view._evaluation.confusion, direct.confusion)
    assert "10,000" in view.source_label.text()
    view.set_box.setCurrentIndex(0)  # back to the validation set
    qtbot.wait_until(lambda: view._evaluation.count == window._snapshot.val_y.size, timeout=15000)


def test_the_splitters_between_the_views_have_handles_one_can_see(window):
    from PySide6.QtGui import QImage

    from app.ui.grip_splitter import HANDLE_PX, GripHandle

    for splitter in (window.splitter, window.centre_splitter):
        handle = splitter.handle(1)
        assert isinstance(handle, GripHandle)
        assert splitter.handleWidth() == HANDLE_PX
        picture = handle.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        middle = picture.pixelColor(picture.width() // 2, picture.height() // 2)
        assert middle.lightness() < 160  # the grip's dot, darker than the handle around it
