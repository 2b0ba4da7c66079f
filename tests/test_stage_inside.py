"""The stage's look-inside scenes beyond the points map and layer health: the evaluation, the
training data and the neuron lab, each on the stage's own views; the "I don't know" threshold
the draw scene shares with the desktop's evaluation; the keys of the tenth scene and after.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.training import commands as cmd
from app.ui.evaluation import EvaluationView
from app.ui.scenes import SCENES
from app.ui.stage import Stage, scene_key
from tests import test_stage
from tests.test_stage import activate, stepped

# The stage's fixtures: a real worker, the stage in a window of the projector's size.
training = test_stage.training
host = test_stage.host


def test_the_evaluation_scene_shows_the_confusion_matrix_large_and_the_accuracy(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("evaluation")
    scene = stage.current_scene()
    qtbot.wait_until(scene.ready, timeout=15_000)
    view = scene.view
    assert view.pages.currentWidget() is view.confusion_page
    assert scene.pictures() == (view.confusion_page,)
    confusion = view.matrix._confusion
    assert confusion.sum() == len(snap.val_y)  # every validation image, counted once
    accuracy = np.trace(confusion) / confusion.sum()
    assert view.accuracy_label.text().replace("\u00a0", " ").startswith(f"{accuracy:.1%}"[:-3])


def test_the_training_data_scene_asks_for_the_data_and_shows_a_digits_grid(qtbot, host):
    stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("data")
    scene = stage.current_scene()
    qtbot.wait_until(scene.ready, timeout=10_000)
    view = scene.view
    assert view.images is not None
    assert len(view.images) == host.current_snapshot().n_train
    assert view.counts.sum() == len(view.images)
    assert view.stack.isVisible()
    assert view.summary.isVisible()


def test_the_stage_makes_only_the_look_inside_views_its_scenes_show(qtbot, host):
    stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("points")
    inside = stage.context.inside
    made = ("evaluation", "points_map", "data", "lab", "health")
    assert [name for name in made if inside.made(name)] == ["points_map"]
    stage.show_scene("data")
    assert [name for name in made if inside.made(name)] == ["points_map", "data"]


def test_the_lab_scene_draws_its_edits_on_its_graph_and_leaving_gives_the_weights_back(qtbot, host):
    snap = stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("lab")
    scene = stage.current_scene()
    qtbot.wait_until(scene.ready, timeout=5000)
    lab = scene.lab
    assert lab.select_neuron(1, 3)
    lab.switch_off()
    shown = scene.graph._snapshot
    assert shown.params is not snap.params
    assert not np.array_equal(shown.params, snap.params)  # the edit, drawn
    assert (1, 3) in scene.graph.lab_marks
    qtbot.wait_until(lambda: "%" in lab.accuracy_label.text(), timeout=10_000)
    lab.restore()
    np.testing.assert_array_equal(scene.graph._snapshot.params, snap.params)

    lab.switch_off()
    stage.show_scene("network")  # leaving the scene drops the edits
    assert not lab.is_open
    assert not scene.graph.lab_marks
    np.testing.assert_array_equal(scene.graph._snapshot.params, snap.params)
    # Training's own weights were never touched.
    stepped(qtbot, host)
    assert host.current_snapshot().step == snap.step + 1


def test_a_click_on_a_hidden_neuron_in_the_lab_scenes_graph_chooses_it(qtbot, host):
    stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("lab")
    scene = stage.current_scene()
    qtbot.wait_until(scene.ready, timeout=5000)
    scene.graph.neuron_clicked.emit(2, 5)
    assert scene.lab.selected() == (2, 5)


@pytest.fixture
def desktop_evaluation(qtbot, training):
    """A stage whose lab (the window's look-inside) has the desktop's evaluation view."""

    class DesktopInside:
        def __init__(self) -> None:
            self.evaluation = EvaluationView()

        def share_threshold(self, shared):
            shared.link(self.evaluation.threshold)

        def lab_network(self, _snap):
            return None

        def lab_snapshot(self, snap):
            return snap

    window = test_stage.HostWindow(training)
    desktop = DesktopInside()
    window.stage = Stage(window, SCENES, lab=desktop, worker=window.worker)
    window.setCentralWidget(window.stage)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait_until(window.render, timeout=5000)
    yield window, desktop.evaluation
    for jobs in window.stage.job_threads():
        assert jobs.stop(5000)
    window.close()


def test_the_draw_scene_is_unsure_below_the_desktops_i_dont_know_threshold(
    qtbot, desktop_evaluation
):
    window, evaluation = desktop_evaluation
    evaluation.threshold.setValue(80)  # set on the desktop before the scene exists
    stage = window.stage
    stage.show_scene("draw")
    prediction = stage.current_scene().prediction
    assert prediction._unsure_below == pytest.approx(0.80)
    evaluation.threshold.setValue(35)
    assert prediction._unsure_below == pytest.approx(0.35)
    stage.show_scene("evaluation")  # the stage's evaluation moves the same threshold
    stage.current_scene().view.threshold.setValue(65)
    assert evaluation.threshold.value() == 65
    assert prediction._unsure_below == pytest.approx(0.65)


def test_keys_1_to_9_and_0_choose_the_first_ten_scenes(qtbot, host):
    stage = host.stage
    activate(qtbot, host)
    assert [scene_key(i) for i in range(11)] == [*"1234567890", None]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
    assert stage.current_index == 9
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_9)
    assert stage.current_index == 8
    tip = stage.scene_buttons.button(10).toolTip()
    assert tip.startswith("Neuron lab\n")
    assert "Key" not in tip
    assert "Key 0." in stage.scene_buttons.button(9).toolTip()


def test_play_closes_the_lab_scenes_lab_and_a_pause_opens_it_again(qtbot, host):
    stepped(qtbot, host)
    stage = host.stage
    stage.show_scene("lab")
    scene = stage.current_scene()
    qtbot.wait_until(scene.ready, timeout=5000)
    scene.lab.select_neuron(1, 2)
    scene.lab.switch_off()
    host.send(cmd.Play())
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().running, timeout=5000)
    qtbot.wait_until(lambda: not scene.lab.is_open, timeout=5000)  # training goes on unedited
    host.send(cmd.Pause())
    qtbot.wait_until(lambda: host.render() and not host.current_snapshot().running)
    qtbot.wait_until(lambda: scene.lab.is_open, timeout=5000)
    paused = host.current_snapshot()
    assert scene.lab.marks() == frozenset()  # a fresh lab on the weights training paused at
    np.testing.assert_array_equal(scene.graph._snapshot.params, paused.params)
