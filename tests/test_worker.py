"""The training worker, driven through its queue in a real thread, observed through snapshots."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.training import commands as cmd
from app.training.training_thread import TrainingThread
from app.training.worker import TrainingWorker


@pytest.fixture
def training(qtbot):
    rng = np.random.default_rng(0)
    x = rng.random((200, 784)).astype(np.float32)
    y = rng.integers(0, 10, 200)
    trainer = Trainer(
        Network(seed=0), x, y, Hyperparameters(learning_rate=0.5, batch_size=10),
        val_x=x[:20], val_y=y[:20],
    )  # fmt: skip
    worker = TrainingWorker(trainer, "random test data")
    thread = TrainingThread(worker)
    thread.start()
    yield worker
    assert thread.stop(2000), "the worker did not stop within 2 s"


class Recorder(QObject):
    """Receives worker signals in the GUI thread, as the window does (a queued connection).

    Signals connected to a plain function would run in the worker's thread instead.
    """

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    @Slot(object)
    @Slot(bool)
    @Slot(str)
    def record(self, *args) -> None:
        self.calls.append(args)


def received(qtbot, signal, trigger, timeout=3000) -> tuple:
    recorder = Recorder()
    signal.connect(recorder.record)
    trigger()
    qtbot.wait_until(lambda: len(recorder.calls) > 0, timeout=timeout)
    signal.disconnect(recorder.record)
    return recorder.calls[0]


def wait_for(qtbot, worker, predicate, timeout=5000):
    qtbot.wait_until(lambda: bool(predicate(worker.latest_snapshot())), timeout=timeout)
    return worker.latest_snapshot()


def test_the_first_snapshot_is_there_before_any_step(training):
    snap = training.latest_snapshot()
    assert snap.step == 0
    assert snap.params.shape == (13_002,)
    assert snap.gradient is None
    assert not snap.running


def test_snapshot_arrays_are_read_only_copies(qtbot, training):
    training.send(cmd.Step("batch"))
    snap = wait_for(qtbot, training, lambda s: s.step == 1)
    for array in (snap.params, snap.gradient, snap.change, snap.loss_values):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    assert all(not a.flags.writeable for a in snap.input_view.activations)


def test_one_step_moves_the_weights_by_minus_lr_times_the_gradient(qtbot, training):
    before = training.latest_snapshot().params.copy()
    training.send(cmd.Step("batch"))
    snap = wait_for(qtbot, training, lambda s: s.step == 1)
    np.testing.assert_array_equal(snap.change, -0.5 * snap.gradient)
    np.testing.assert_array_equal(snap.params, before + snap.change)
    assert snap.watched.learning_rate == 0.5
    np.testing.assert_array_equal(snap.watched.new_value, snap.watched.value + snap.watched.change)


def test_step_granularities(qtbot, training):
    training.send(cmd.Step("example"))
    snap = wait_for(qtbot, training, lambda s: s.step == 1)
    assert snap.position_in_epoch == 1
    training.send(cmd.Step("batch"))
    snap = wait_for(qtbot, training, lambda s: s.step == 2)
    assert snap.position_in_epoch == 11
    training.send(cmd.Step("epoch"))
    snap = wait_for(qtbot, training, lambda s: s.epoch == 1 and not s.running)
    assert snap.position_in_epoch == 0
    assert snap.step == 2 + 19  # 189 examples left in batches of 10
    assert len(snap.epochs) == 1


def test_play_then_pause_stops_the_worker(qtbot, training):
    assert received(qtbot, training.running_changed, lambda: training.send(cmd.Play())) == (True,)
    wait_for(qtbot, training, lambda s: s.step > 20)
    assert received(qtbot, training.running_changed, lambda: training.send(cmd.Pause())) == (False,)
    snap = wait_for(qtbot, training, lambda s: not s.running)
    qtbot.wait(200)
    assert training.latest_snapshot().step == snap.step


def test_snapshots_are_published_at_most_30_times_a_second(qtbot, training):
    recorder = Recorder()
    training.snapshot_ready.connect(recorder.record)
    training.send(cmd.Play())
    qtbot.wait(1000)
    training.send(cmd.Pause())
    qtbot.wait(100)
    assert 5 <= len(recorder.calls) <= 35


def test_the_speed_limit_slows_training_down(qtbot, training):
    training.send(cmd.SetSpeedLimit(5.0))
    training.send(cmd.Play())
    start = time.perf_counter()
    qtbot.wait(1000)
    steps = training.latest_snapshot().step
    elapsed = time.perf_counter() - start
    training.send(cmd.Pause())
    assert steps <= 5 * elapsed + 2


def test_hyperparameters_apply_without_stopping(qtbot, training):
    training.send(cmd.Play())
    wait_for(qtbot, training, lambda s: s.step > 5)
    training.send(cmd.SetHyperparameters(Hyperparameters(learning_rate=0.05, batch_size=4)))
    snap = wait_for(qtbot, training, lambda s: s.watched and s.watched.learning_rate == 0.05)
    assert snap.running
    assert snap.hyper.batch_size == 4


def test_reset_gives_the_seeded_weights(qtbot, training):
    training.send(cmd.Step("batch"))
    wait_for(qtbot, training, lambda s: s.step == 1)
    training.send(cmd.Reset(seed=3))
    snap = wait_for(qtbot, training, lambda s: s.step == 0)
    np.testing.assert_array_equal(snap.params, Network(seed=3, dtype=TRAINING_DTYPE).params)
    assert snap.params.dtype == TRAINING_DTYPE
    assert len(snap.loss_values) == 0


def test_architecture_change(qtbot, training):
    training.send(cmd.SetArchitecture(Architecture((784, 32, 10), "relu", "cross_entropy")))
    snap = wait_for(qtbot, training, lambda s: s.architecture.layer_sizes == (784, 32, 10))
    assert snap.params.shape == (784 * 32 + 32 + 32 * 10 + 10,)
    training.send(cmd.Step("batch"))
    wait_for(qtbot, training, lambda s: s.step == 1)


def test_changing_only_the_activation_keeps_the_weights_and_history(qtbot, training):
    training.send(cmd.Step("batch"))
    before = wait_for(qtbot, training, lambda s: s.step == 1).params.copy()
    training.send(cmd.SetArchitecture(Architecture(activation="tanh")))
    snap = wait_for(qtbot, training, lambda s: s.architecture.activation == "tanh")
    np.testing.assert_array_equal(snap.params, before)
    assert snap.step == 1


def test_a_taught_drawing_joins_the_training_data(qtbot, training):
    n = training.latest_snapshot().n_train
    training.send(cmd.AddExample(np.ones((28, 28)) * 0.5, 7))
    wait_for(qtbot, training, lambda s: s.n_train == n + 1)


def test_a_bad_command_is_reported_and_nothing_changes(qtbot, training):
    (message,) = received(
        qtbot, training.failed, lambda: training.send(cmd.AddExample(np.ones((5, 5)), 7))
    )
    assert "input layer" in message
    assert training.latest_snapshot().n_train == 200


def test_divergence_pauses_and_keeps_the_weights(qtbot, training):
    training.send(cmd.SetArchitecture(Architecture((784, 16, 16, 10), "relu", "mse")))
    wait_for(qtbot, training, lambda s: s.architecture.activation == "relu")
    # Reach into the worker's model only to set up an overflow; views never do this.
    training._trainer.network.params[:] = 1e200
    before = training._trainer.network.params.copy()
    serial = training.latest_snapshot().serial
    (explosion,) = received(qtbot, training.diverged, lambda: training.send(cmd.Play()))
    assert explosion.overflow
    assert "learning rate" in explosion.message()
    snap = wait_for(qtbot, training, lambda s: not s.running and s.serial > serial)
    np.testing.assert_array_equal(snap.params, before)


def test_save_model(qtbot, training, tmp_path):
    from app.core.model_file import load_model_file

    training.send(cmd.Step("batch"))
    path = str(tmp_path / "session.npz")
    assert received(qtbot, training.saved, lambda: training.send(cmd.SaveModel(path))) == (path,)
    assert load_model_file(path).step_count == 1


def test_stop_while_training_at_full_speed_ends_within_2_seconds(qtbot, training):
    training.send(cmd.Play())
    wait_for(qtbot, training, lambda s: s.step > 10)
    # The fixture's teardown asserts the thread ends within 2 s.


def test_an_unexpected_error_is_reported_and_the_worker_lives_on(qtbot, training, capsys):
    original = training._trainer.step_batch
    calls = []

    def broken_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("simulated bug")
        return original()

    training._trainer.step_batch = broken_once
    (message,) = received(qtbot, training.failed, lambda: training.send(cmd.Step("batch")))
    assert "simulated bug" in message
    training.send(cmd.Step("batch"))
    wait_for(qtbot, training, lambda s: s.step == 1)
    assert "simulated bug" in capsys.readouterr().err  # the traceback is kept for the developer


def test_a_saved_session_keeps_the_class_drawings_and_brings_them_back(qtbot, training, tmp_path):
    from app.core.model_file import load_model_file

    training.send(cmd.AddExample(np.full((28, 28), 0.25), 3))
    training.send(cmd.AddExample(np.full((28, 28), 0.75), 8))
    training.send(cmd.Step("batch"))
    path = str(tmp_path / "session.npz")
    received(qtbot, training.saved, lambda: training.send(cmd.SaveModel(path)))
    model = load_model_file(path)
    assert model.taught_labels.tolist() == [3, 8]
    np.testing.assert_allclose(model.taught_images[1], 0.75)
    training.send(cmd.Reset())
    training.send(cmd.LoadModel(model))
    snap = wait_for(qtbot, training, lambda s: s.step == 1)
    assert snap.n_train == 200 + 2  # the session's drawings replace, never duplicate


@pytest.fixture
def pretrained_training(qtbot):
    from app.ui.application import build_training

    thread, problem = build_training()
    assert problem is None
    thread.start()
    yield thread.worker
    assert thread.stop(2000), "the worker did not stop within 2 s"


def test_a_learning_rate_far_too_large_is_caught_and_the_weights_restored(
    qtbot, pretrained_training
):
    worker = pretrained_training
    start = worker.latest_snapshot()
    assert start.explosion is None
    worker.send(cmd.SetHyperparameters(Hyperparameters(learning_rate=30.0, batch_size=10)))
    (found,) = received(qtbot, worker.diverged, lambda: worker.send(cmd.Play()))
    assert "learning rate is too large" in found.message()
    snap = wait_for(qtbot, worker, lambda s: not s.running and s.explosion is not None)
    explosion = snap.explosion
    assert 1 <= explosion.step <= snap.step
    assert explosion.loss > 2 * explosion.best_loss
    # Nothing NaN reaches the views: the sigmoid saturates, the numbers stay finite.
    assert np.isfinite(snap.params).all()
    assert np.isfinite(snap.loss_values).all()
    assert not np.array_equal(snap.params, start.params)

    worker.send(cmd.RestoreWeights())
    restored = wait_for(qtbot, worker, lambda s: s.explosion is None)
    # One step at η = 30 already throws the pretrained weights off: the best were the first.
    assert explosion.kept_step == 0
    np.testing.assert_array_equal(restored.params, start.params)
    assert restored.step == snap.step  # history goes on
    assert not restored.running


def test_restoring_with_nothing_kept_says_so(qtbot, training):
    training._watch.reset(0, float("nan"), training._trainer.network.params)
    (message,) = received(qtbot, training.failed, lambda: training.send(cmd.RestoreWeights()))
    assert "no earlier weights" in message


def test_a_planned_lesson_step_is_what_the_next_step_does(qtbot, training):
    (lesson,) = received(qtbot, training.lesson_planned, lambda: training.send(cmd.PlanLesson()))
    before = training.latest_snapshot()
    assert before.step == 0, "planning takes no step"
    np.testing.assert_array_equal(lesson.params_before, before.params)
    training.send(cmd.Step("batch"))
    after = wait_for(qtbot, training, lambda s: s.step == 1)
    np.testing.assert_array_equal(after.params, lesson.params_after)


def test_planning_a_lesson_pauses_training(qtbot, training):
    training.send(cmd.Play())
    wait_for(qtbot, training, lambda s: s.step > 3)
    received(qtbot, training.lesson_planned, lambda: training.send(cmd.PlanLesson("example")))
    snap = wait_for(qtbot, training, lambda s: not s.running)
    qtbot.wait(100)
    assert training.latest_snapshot().step == snap.step


def test_layer_health_history_and_initial_weights_in_the_snapshot(qtbot, training):
    start = training.latest_snapshot()
    assert len(start.gradient_steps) == 0 == len(start.gradient_sizes)
    for _ in range(3):
        training.send(cmd.Step("batch"))
    snap = wait_for(qtbot, training, lambda s: s.step == 3)
    np.testing.assert_array_equal(snap.gradient_steps, [1, 2, 3])
    assert snap.gradient_sizes.shape == (3, 3)
    arch = snap.architecture
    w0, b0, _ = arch.offsets[-1]
    assert snap.gradient_sizes[-1, -1] == pytest.approx(np.abs(snap.gradient[w0:b0]).mean())
    np.testing.assert_array_equal(snap.initial_params, start.params)
    assert not snap.initial_params.flags.writeable
    assert snap.val_x.shape == (20, 784)
    assert not snap.val_x.flags.writeable
    training.send(cmd.Reset(seed=5))
    reset = wait_for(qtbot, training, lambda s: s.step == 0)
    assert reset.gradient_sizes.shape[0] == 0
    fresh = Network(seed=5, dtype=TRAINING_DTYPE)
    np.testing.assert_array_equal(reset.initial_params, fresh.params)


def test_kept_lab_weights_become_the_training_weights(qtbot, training):
    training.send(cmd.Step("batch"))
    snap = wait_for(qtbot, training, lambda s: s.step == 1)
    edited = snap.params.copy()
    edited[:100] = 0.0
    training.send(cmd.SetParams(edited))
    after = wait_for(qtbot, training, lambda s: np.array_equal(s.params, edited))
    assert after.step == 1, "history and step count go on"
    bad = received(qtbot, training.failed, lambda: training.send(cmd.SetParams(np.full(5, np.nan))))
    assert "do not fit" in bad[0]


def test_shared_data_marks_the_drawings_and_only_they_can_be_removed(qtbot, training):
    drawing = np.zeros((28, 28), np.float32)
    drawing[10:18, 12:15] = 1.0
    training.send(cmd.AddExample(drawing, 1))
    (data,) = received(qtbot, training.data_shared, lambda: training.send(cmd.ShareData()))
    assert data.images.shape == (201, 28, 28)
    assert not data.images.flags.writeable
    assert data.drawn.sum() == 1
    assert data.drawn[200]
    assert data.labels[200] == 1
    np.testing.assert_array_equal(data.images[200], drawing)
    refused = received(qtbot, training.failed, lambda: training.send(cmd.RemoveExamples((3,))))
    assert "only the class's own drawings" in refused[0]
    (after,) = received(
        qtbot, training.data_shared, lambda: training.send(cmd.RemoveExamples((200,)))
    )
    assert after.images.shape == (200, 28, 28)
    assert not after.drawn.any()


def test_a_taught_drawing_counts_as_often_as_its_weight_and_is_shown_once(qtbot, training):
    """Ten drawings of a new style must be learned in a minute: each counts ``TAUGHT_WEIGHT``
    times in training, while the status line and the explorer list it once."""
    from app.training.on_data import TAUGHT_WEIGHT

    drawing = np.zeros((28, 28), np.float32)
    drawing[8:20, 13:15] = 1.0
    training.send(cmd.AddExample(drawing, 1))
    snap = wait_for(qtbot, training, lambda s: s.n_train == 201)
    assert snap.n_train == 201
    (data,) = received(qtbot, training.data_shared, lambda: training.send(cmd.ShareData()))
    assert data.images.shape == (201, 28, 28)
    trainer = training._trainer  # the worker's own trainer, read after the commands ran
    assert trainer.n_train == 200 + TAUGHT_WEIGHT
    repeated = trainer.train_x[200:].reshape(-1, 28, 28)
    np.testing.assert_array_equal(repeated, np.broadcast_to(drawing, repeated.shape))
    assert set(trainer.train_y[200:].tolist()) == {1}


def test_the_drawings_weight_is_saved_with_the_session_and_an_old_session_keeps_its_own(
    qtbot, training, tmp_path
):
    from app.core.model_file import load_model_file, save_model
    from app.training.on_data import TAUGHT_WEIGHT

    training.send(cmd.AddExample(np.full((28, 28), 0.5), 4))
    path = str(tmp_path / "session.npz")
    received(qtbot, training.saved, lambda: training.send(cmd.SaveModel(path)))
    model = load_model_file(path)
    assert model.taught_weight == TAUGHT_WEIGHT
    # A session saved before drawings had a weight trained them once each: it goes on so.
    model.taught_weight = 1.0
    old = save_model(tmp_path / "old.npz", model)
    training.send(cmd.LoadModelFile(str(old)))
    wait_for(qtbot, training, lambda s: s.n_train == 201)
    received(qtbot, training.saved, lambda: training.send(cmd.SaveModel(path)))
    assert load_model_file(path).taught_weight == 1.0
    assert training._trainer.n_train == 201


def test_new_layers_start_from_their_shipped_pretrained_weights_when_asked(qtbot, training):
    from app import pretrained_model_for
    from app.core.model_file import load_model_file

    bigger = Architecture((784, 32, 10))
    training.send(cmd.SetArchitecture(bigger, pretrained=True))
    snap = wait_for(qtbot, training, lambda s: s.architecture == bigger)
    shipped = load_model_file(pretrained_model_for(bigger)).params
    # Trained in float32 like every network the worker holds: the shipped weights, rounded.
    np.testing.assert_array_equal(snap.params, shipped.astype(np.float32))
    assert snap.params.dtype == TRAINING_DTYPE
    assert snap.origin == "pretrained"
    # Without a shipped model (or not asked): seeded random weights, as before.
    odd = Architecture((784, 12, 10))
    training.send(cmd.SetArchitecture(odd, pretrained=True))
    snap = wait_for(qtbot, training, lambda s: s.architecture == odd)
    assert snap.origin == "random"
    training.send(cmd.SetArchitecture(bigger))
    snap = wait_for(qtbot, training, lambda s: s.architecture == bigger)
    assert snap.origin == "random"
    assert not np.array_equal(snap.params, load_model_file(pretrained_model_for(bigger)).params)


def test_an_older_float64_session_and_its_restored_weights_train_in_float32(
    qtbot, training, tmp_path
):
    from app.core.model_file import ModelFile, save_model

    old = Network(Architecture(), seed=5)  # float64, as sessions were saved before
    assert old.dtype == np.float64
    path = save_model(tmp_path / "float64.npz", ModelFile(old.architecture, old.params.copy()))
    training.send(cmd.LoadModelFile(str(path)))
    snap = wait_for(qtbot, training, lambda s: s.origin == "session")
    assert snap.params.dtype == TRAINING_DTYPE
    np.testing.assert_array_equal(snap.params, old.params.astype(np.float32))
    training.send(cmd.Step("batch"))
    stepped = wait_for(qtbot, training, lambda s: s.step == 1).params
    training.send(cmd.RestoreWeights())  # the lower-loss weights of the two, bit for bit
    snap = wait_for(qtbot, training, lambda s: s.step == 1 and s.last_loss is None)
    kept = (old.params.astype(np.float32), stepped)
    assert snap.params.dtype == TRAINING_DTYPE
    assert any(np.array_equal(snap.params, weights) for weights in kept)
    # Reach into the worker's model only to read the dtype it now trains in.
    assert training._trainer.network.dtype == TRAINING_DTYPE


def test_new_images_are_trained_on_from_their_bytes_until_a_drawing_joins_them(qtbot, training):
    from app.data.datasets import to_inputs

    rng = np.random.default_rng(5)
    images, labels = rng.integers(0, 256, (30, 28, 28), dtype=np.uint8), rng.integers(0, 10, 30)
    training.send(cmd.SetData("bytes", images, labels, images[:5], labels[:5]))
    wait_for(qtbot, training, lambda s: s.dataset_name == "bytes")
    assert training._trainer._train_bytes is not None
    assert training._trainer.train_x.tobytes() == to_inputs(images).tobytes()
    training.send(cmd.AddExample(np.full((28, 28), 0.5), 7))  # not a byte / 255
    wait_for(qtbot, training, lambda s: s.n_train == 31)
    assert training._trainer._train_bytes is None
    training.send(cmd.RemoveExamples((30,)))
    wait_for(qtbot, training, lambda s: s.n_train == 30)
    assert training._trainer._train_bytes is not None
