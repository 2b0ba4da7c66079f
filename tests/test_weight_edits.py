"""Weights set by hand through the training worker: the measure, Undo bit for bit, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.core.network import TRAINING_DTYPE, Network
from app.core.training import Hyperparameters, Trainer
from app.core.weight_nudge import nudge_weight
from app.data.datasets import load_bundled
from app.training import commands as cmd
from app.training.training_thread import TrainingThread
from app.training.worker import TrainingWorker
from tests.test_worker import Recorder, received, wait_for


@pytest.fixture
def pretrained(qtbot):
    """The app's own set-up: the pretrained weights in float32, the bundled digits, η = 1."""
    model = load_model_file(PRETRAINED_MODEL)
    data = load_bundled()
    network = Network(model.architecture, params=model.params, dtype=TRAINING_DTYPE)
    trainer = Trainer(
        network, data.train_x, data.train_y, Hyperparameters(learning_rate=1.0, batch_size=32),
        val_x=data.val_x, val_y=data.val_y,
    )  # fmt: skip
    worker = TrainingWorker(trainer, "bundled")
    thread = TrainingThread(worker)
    thread.start()
    yield worker, trainer
    assert thread.stop(2000), "the worker did not stop within 2 s"


def edited(qtbot, worker, command, serial_before: int):
    worker.send(command)
    return wait_for(
        qtbot,
        worker,
        lambda s: s.weight_edit is not None and s.weight_edit.serial > serial_before,
    )


def serial(snap) -> int:
    return 0 if snap.weight_edit is None else snap.weight_edit.serial


def steep_weights(trainer: Trainer, count: int) -> list[int]:
    """The parameters with the largest gradients on the next mini-batch (read while idle)."""
    x, labels = trainer.step_inputs(trainer.next_indices(trainer.hyper.batch_size))
    wide = Network(trainer.network.architecture, params=trainer.network.params, dtype=np.float64)
    gradient = wide.gradient(x.astype(np.float64), labels)[1].flat
    return [int(i) for i in np.argsort(-np.abs(gradient))[:count]]


def test_a_thousandth_set_by_hand_predicts_the_real_change_within_one_percent(qtbot, pretrained):
    worker, trainer = pretrained
    first = worker.latest_snapshot()
    assert first.weight_edit is None
    index = steep_weights(trainer, 1)[0]
    old = float(first.params[index])
    snap = edited(qtbot, worker, cmd.SetWeight(index, old + 1e-3), 0)
    nudge = snap.weight_edit.nudge
    assert nudge.index == index
    assert nudge.old_value == old
    assert snap.params[index] == np.float32(old + 1e-3)
    assert nudge.relative_gap < 0.01
    assert snap.weight_edit.undo_depth == 1
    # The mini-batch measured is the one the next step learns from: its loss, in float32.
    worker.send(cmd.Step("batch"))
    stepped = wait_for(qtbot, worker, lambda s: s.step == 1)
    assert stepped.last_loss == pytest.approx(nudge.loss_after, rel=1e-4)
    assert stepped.weight_edit is None  # a step makes the edits part of training


def test_undo_after_several_drags_gives_back_the_very_same_weights(qtbot, pretrained):
    worker, trainer = pretrained
    before = worker.latest_snapshot().params.copy()
    a, b, c = steep_weights(trainer, 3)
    done = 0
    moves = [
        cmd.SetWeight(a, 0.3),
        cmd.SetWeight(a, 0.35, continues=True),  # the same drag
        cmd.SetWeight(a, 1.7, continues=True),
        cmd.SetWeight(b, -2.123456789),
        cmd.SetWeight(a, 0.1),  # a new drag of the first weight
        cmd.SetWeight(c, 4.0),
        cmd.SetWeight(c, 3.0, continues=True),
    ]
    for move in moves:
        snap = edited(qtbot, worker, move, done)
        done = snap.weight_edit.serial
    assert snap.weight_edit.undo_depth == 4
    # The drag is measured from where it started: c's value before the drag.
    assert snap.weight_edit.nudge.old_value == float(before[c])
    assert snap.weight_edit.nudge.new_value == 3.0
    changed = np.flatnonzero(snap.params != before)
    assert sorted(changed) == sorted({a, b, c})
    for depth in (3, 2, 1, 0):
        snap = edited(qtbot, worker, cmd.UndoWeight(), done)
        done = snap.weight_edit.serial
        assert snap.weight_edit.undo_depth == depth
        assert snap.weight_edit.nudge is None
    assert snap.params.tobytes() == before.tobytes()
    assert snap.step == 0
    message = received(qtbot, worker.failed, lambda: worker.send(cmd.UndoWeight()))[0]
    assert "no weight set by hand" in message


def test_setting_a_weight_pauses_training(qtbot, pretrained):
    worker, _trainer = pretrained
    worker.send(cmd.Play())
    wait_for(qtbot, worker, lambda s: s.running and s.step > 3)
    snap = edited(qtbot, worker, cmd.SetWeight(7, 0.25), 0)
    assert not snap.running
    qtbot.wait(200)
    later = worker.latest_snapshot()
    assert later.step == snap.step
    assert not later.running
    assert later.params[7] == np.float32(0.25)


def test_undo_is_refused_once_a_step_was_taken(qtbot, pretrained):
    worker, _trainer = pretrained
    edited(qtbot, worker, cmd.SetWeight(11, 1.5), 0)
    worker.send(cmd.Step("batch"))
    stepped = wait_for(qtbot, worker, lambda s: s.step == 1)
    message = received(qtbot, worker.failed, lambda: worker.send(cmd.UndoWeight()))[0]
    assert "no weight set by hand" in message
    qtbot.wait(100)
    assert worker.latest_snapshot().params.tobytes() == stepped.params.tobytes()


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (cmd.SetWeight(13_002, 0.5), "not a weight or bias"),
        (cmd.SetWeight(-1, 0.5), "not a weight or bias"),
        (cmd.SetWeight(3, float("nan")), "finite"),
        (cmd.SetWeight(3, float("-inf")), "finite"),
        (cmd.SetWeight(3, 1e40), "finite"),
    ],
)
def test_a_bad_index_or_value_changes_nothing_and_says_why(qtbot, pretrained, command, words):
    worker, _trainer = pretrained
    before = worker.latest_snapshot().params.copy()
    recorder = Recorder()
    worker.snapshot_ready.connect(recorder.record)
    message = received(qtbot, worker.failed, lambda: worker.send(command))[0]
    assert message.startswith("this weight was not set")
    assert words in message
    qtbot.wait_until(lambda: len(recorder.calls) > 0)
    snap = worker.latest_snapshot()
    assert snap.params.tobytes() == before.tobytes()
    assert snap.weight_edit is None


def test_the_worker_measures_what_the_core_measures(qtbot, pretrained):
    worker, trainer = pretrained
    index = steep_weights(trainer, 5)[4]
    x, labels = trainer.step_inputs(trainer.next_indices(32))
    expected = nudge_weight(trainer.network.copy(), x, labels, index, -0.75)
    snap = edited(qtbot, worker, cmd.SetWeight(index, -0.75), 0)
    assert snap.weight_edit.nudge == expected
