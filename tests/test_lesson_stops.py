"""A stop's state as worker commands: run on a real worker, it lands where the trainer does."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from app import RESOURCES_DIR
from app.core.lesson import plan_step
from app.core.lesson_answers import answer
from app.core.lesson_file import (
    Lesson,
    PlaneState,
    Question,
    Stop,
    StopState,
    Text,
    load_lesson,
    save_lesson,
)
from app.core.model_file import save_model
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, epoch_order
from app.data.datasets import load_bundled
from app.errors import ConfigError, LessonFileError
from app.training import commands as cmd
from app.training.lesson_stops import (
    order_seed_for,
    recorded_state,
    stop_setup,
    trainer_for_stop,
)
from app.training.on_data import trainer_on
from app.training.training_thread import TrainingThread
from app.training.worker import TrainingWorker

LESSON_1 = RESOURCES_DIR / "lessons" / "how_a_network_learns.toml"


@pytest.fixture(scope="module")
def data():
    return load_bundled()


@pytest.fixture
def worker(qtbot, data):
    trainer = trainer_on(data, Network(seed=9), Hyperparameters(learning_rate=1.0, batch_size=5))
    worker = TrainingWorker(trainer, data.name)
    thread = TrainingThread(worker)
    thread.start()
    yield worker
    assert thread.stop(5000), "the worker did not stop within 5 s"


class Planned(QObject):
    """Receives ``lesson_planned`` in the GUI thread, as the window does."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list = []

    @Slot(object)
    def record(self, step) -> None:
        self.steps.append(step)


def apply(qtbot, worker, setup):
    """Send a stop's commands and a PlanLesson after them; the worker's plan and snapshot."""
    planned = Planned()
    worker.lesson_planned.connect(planned.record)
    for command in setup.commands:
        worker.send(command)
    if not isinstance(setup.commands[-1], cmd.PlanLesson):
        worker.send(cmd.PlanLesson(setup.granularity))
    qtbot.wait_until(lambda: len(planned.steps) == 1, timeout=15000)
    worker.lesson_planned.disconnect(planned.record)
    step = planned.steps[0]
    qtbot.wait_until(
        lambda: np.array_equal(worker.latest_snapshot().params, step.params_before), timeout=5000
    )
    return step, worker.latest_snapshot()


def test_the_first_order_starting_with_the_digit_is_found(data):
    seed = order_seed_for(data.train_y, 2, 0)
    assert data.train_y[epoch_order(seed, 0, len(data.train_y))[0]] == 2
    assert all(data.train_y[epoch_order(s, 0, len(data.train_y))[0]] != 2 for s in range(seed))
    assert order_seed_for(data.train_y, 2, seed + 1) > seed
    with pytest.raises(ConfigError, match="no 7"):
        order_seed_for(np.array([0, 1, 1, 0]), 7)


def test_a_random_stop_is_a_reset_then_its_settings(data):
    lesson = load_lesson(LESSON_1)
    setup = stop_setup(lesson, lesson.stops[3], data.train_y)
    kinds = [type(c).__name__ for c in setup.commands]
    assert kinds == [
        "Pause", "SetArchitecture", "Reset", "SetHyperparameters", "Watch", "PlanLesson",
    ]  # fmt: skip
    assert setup.commands[2] == cmd.Reset(0)
    assert setup.hyper == Hyperparameters(3.0, 10, "gd", seed=setup.hyper.seed)
    assert data.train_y[setup.example] == 2
    pretrained = stop_setup(lesson, lesson.stops[0], data.train_y)
    assert [type(c).__name__ for c in pretrained.commands][2:4] == ["Reset", "SetParams"]


def test_stops_applied_on_a_real_worker_land_where_the_trainer_does(qtbot, worker, data):
    lesson = load_lesson(LESSON_1)
    steps = {}
    for i in (0, 4, 7, 4):  # pretrained; random, one example; random, a batch; back again
        stop = lesson.stops[i]
        setup = stop_setup(lesson, stop, data.train_y)
        step, snap = apply(qtbot, worker, setup)
        here = trainer_for_stop(setup, data.train_x, data.train_y, data.val_x, data.val_y)
        mine = plan_step(here, setup.granularity)
        assert np.array_equal(snap.params, here.network.params)
        assert snap.step == 0
        assert snap.hyper == setup.hyper
        assert np.array_equal(step.indices, mine.indices)
        assert np.array_equal(step.gradient, mine.gradient)
        assert np.array_equal(step.params_after, mine.params_after)
        if stop.state.digit is not None:
            assert step.labels[0] == stop.state.digit == snap.input_view.label
        if stop.question is not None:
            arch = setup.architecture
            assert answer(stop.question, stop.state, arch, step) == answer(
                stop.question, stop.state, arch, mine
            )
        if i in steps:  # revisited: exactly the same state and the same next step
            assert np.array_equal(steps[i].params_before, step.params_before)
            assert np.array_equal(steps[i].change, step.change)
        steps[i] = step


def test_steps_before_a_stop_and_adam_are_reproduced(qtbot, worker, data, tmp_path):
    state = StopState(
        network="random", seed=4, order_seed=11, granularity="batch", steps=3,
        learning_rate=0.01, optimizer="adam", batch_size=7, watch=("w2[3,4]",),
    )  # fmt: skip
    lesson = Lesson(Text(en="t"), (Stop("network", Text(en="c"), state),))
    setup = stop_setup(lesson, lesson.stops[0], data.train_y)
    assert sum(isinstance(c, cmd.Step) for c in setup.commands) == 3
    step, snap = apply(qtbot, worker, setup)
    here = trainer_for_stop(setup, data.train_x, data.train_y)
    assert snap.step == here.step_count == 3
    assert np.array_equal(snap.params, here.network.params)
    assert np.array_equal(step.change, plan_step(here, "batch").change)  # Adam's state too


def test_the_classs_drawings_stay_in_the_data_through_a_stop(qtbot, worker, data):
    worker.send(cmd.AddExample(np.zeros((28, 28)), 2))
    qtbot.wait_until(lambda: worker.latest_snapshot().n_train == len(data.train_y) + 1)
    shared = Planned()  # records in the GUI thread, as the window does
    worker.data_shared.connect(shared.record)
    worker.send(cmd.ShareData())
    qtbot.wait_until(lambda: len(shared.steps) == 1, timeout=5000)
    worker.data_shared.disconnect(shared.record)
    # The labels as the trainer goes through them: the drawing as often as it counts.
    labels = shared.steps[0].trained_labels
    assert len(labels) > len(data.train_y)
    assert list(shared.steps[0].labels[len(data.train_y) :]) == [2]  # shown once
    lesson = load_lesson(LESSON_1)
    setup = stop_setup(lesson, lesson.stops[3], labels)
    step, _snap = apply(qtbot, worker, setup)
    assert step.indices[0] == setup.example
    assert labels[setup.example] == 2


def test_a_model_file_beside_the_lesson_is_its_stops_network(qtbot, worker, data, tmp_path):
    small = Network(Architecture((784, 8, 10)), seed=3)
    save_model(tmp_path / "small.npz", small)
    state = StopState(network="file", model="small.npz", watch=("w2[2,7]",), digit=5)
    question = Question("sign", Text(en="?"), of=("w2[2,7]",))
    lesson = load_lesson(
        save_lesson(
            tmp_path / "l.toml",
            Lesson(Text(en="t"), (Stop("network", Text(en="c"), state, question=question),)),
        )
    )
    setup = stop_setup(lesson, lesson.stops[0], data.train_y)
    assert setup.architecture == small.architecture
    step, snap = apply(qtbot, worker, setup)
    # The saved weights come back in the dtype they were saved in, bit for bit.
    assert snap.params.dtype == small.params.dtype == setup.params.dtype
    assert snap.params.tobytes() == small.params.tobytes()
    assert snap.architecture == small.architecture
    assert step.labels[0] == 5
    assert answer(question, state, small.architecture, step).names == ("w2[2,7]",)


def test_a_stop_that_does_not_fit_its_model_file_names_its_line(data, tmp_path):
    save_model(tmp_path / "small.npz", Network(Architecture((784, 8, 10)), seed=3))
    state = StopState(network="file", model="small.npz", watch=("w3[2,7]",))
    stops = (Stop("draw", Text(en="a")), Stop("network", Text(en="c"), state))
    lesson = load_lesson(save_lesson(tmp_path / "l.toml", Lesson(Text(en="t"), stops)))
    with pytest.raises(LessonFileError, match="does not fit") as caught:
        stop_setup(lesson, lesson.stops[1], data.train_y)
    assert caught.value.line == lesson.stops[1].line
    (tmp_path / "small.npz").write_bytes(b"not a model")
    with pytest.raises(LessonFileError, match="network") as caught:
        stop_setup(lesson, lesson.stops[1], data.train_y)
    assert caught.value.line == lesson.stops[1].line


def test_a_weights_plane_gives_its_two_axes_positions(data):
    state = StopState(
        network="random", plane=PlaneState(kind="weights", weights=("w3[2,5]", "w1[0,0]"))
    )
    lesson = Lesson(Text(en="t"), (Stop("landscape", Text(en="c"), state),))
    setup = stop_setup(lesson, lesson.stops[0], data.train_y)
    arch = Architecture()
    assert setup.plane_weights == (arch.weight_index(2, 2, 5), arch.weight_index(0, 0, 0))


def test_a_recorded_stop_saved_with_its_model_reopens_on_the_same_weights(
    qtbot, worker, data, tmp_path
):
    hyper = Hyperparameters(learning_rate=0.7, batch_size=12, optimizer="momentum", seed=5)
    worker.send(cmd.SetHyperparameters(hyper))
    for _ in range(3):
        worker.send(cmd.Step("batch"))
    worker.send(cmd.SaveModel(str(tmp_path / "stop1.npz")))
    qtbot.wait_until(
        lambda: (tmp_path / "stop1.npz").exists() and worker.latest_snapshot().step == 3,
        timeout=10000,
    )
    snap = worker.latest_snapshot()
    arch = snap.architecture
    watched = (arch.weight_index(2, 2, 5), arch.bias_index(0, 3), arch.weight_index(0, 1, 300))
    state = recorded_state(arch, hyper, watched, "stop1.npz", "example")
    assert state.watch == ("w3[2,5]", "w1[1,300]")
    made = Lesson(Text(en="mine"), (Stop("network", Text(en="here"), state),))
    lesson = load_lesson(save_lesson(tmp_path / "mine.toml", made))
    assert lesson == made
    setup = stop_setup(lesson, lesson.stops[0], data.train_y)
    assert setup.hyper == hyper
    assert setup.params.dtype == snap.params.dtype  # as recorded, bit for bit
    assert setup.params.tobytes() == snap.params.tobytes()
    with pytest.raises(ConfigError, match="at most"):
        recorded_state(arch, Hyperparameters(batch_size=5000), (), "x.npz")
