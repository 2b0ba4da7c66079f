"""The worker under random sequences of commands: no deadlock, no lost step, no escape.

A hypothesis state machine drives a real worker thread with play, pause, step, reset,
hyperparameter and architecture changes, taught drawings, planned lesson steps and kept
lab edits. After every command it waits,
at most 5 s (longer means deadlock), for the command's effect; after a pause no step happens
any more; a step is whole: the new weights equal the old ones plus its change. Shutdown always
ends the thread within 2 s. CI runs a modest number of sequences;
BACKPROP_LAB_STATEFUL_EXAMPLES raises it.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtCore import Qt

from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.training import commands as cmd
from app.training.training_thread import TrainingThread
from app.training.worker import TrainingWorker

EXAMPLES = int(os.environ.get("BACKPROP_LAB_STATEFUL_EXAMPLES", "8"))
WAIT_S = 5.0


def wait_for(worker: TrainingWorker, predicate, what: str) -> object:
    """The first snapshot satisfying ``predicate``, waiting at most WAIT_S (else: deadlock)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        snap = worker.latest_snapshot()
        if predicate(snap):
            return snap
        assert time.monotonic() < deadline, f"the worker never got there: {what}"
        time.sleep(0.002)


class WorkerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        rng = np.random.default_rng(0)
        x = rng.random((120, 784)).astype(np.float32)
        y = rng.integers(0, 10, 120)
        trainer = Trainer(
            Network(seed=0), x, y, Hyperparameters(0.5, 8), val_x=x[:10], val_y=y[:10]
        )
        self.worker = TrainingWorker(trainer, "stateful")
        self.thread = TrainingThread(self.worker)
        self.thread.start()

    def after(self, command, predicate, what: str) -> object:
        self.worker.send(command)
        return wait_for(self.worker, predicate, what)

    @rule()
    def play_briefly(self):
        first = self.worker.latest_snapshot()
        running = self.after(
            cmd.Play(),
            lambda s: s.step > first.step and (s.running or s.explosion is not first.explosion),
            "training (or an explosion)",
        )
        snap = self.after(
            cmd.Pause(), lambda s: not s.running and s.serial > running.serial, "paused"
        )
        time.sleep(0.12)  # several snapshot intervals: a step would have been published
        assert self.worker.latest_snapshot().step == snap.step, "a step happened after Pause"

    @rule(granularity=st.sampled_from(["example", "batch"]))
    def step(self, granularity):
        before = self.worker.latest_snapshot()
        snap = self.after(
            cmd.Step(granularity), lambda s: s.step == before.step + 1, "one step further"
        )
        # Whole, never half: the new weights are the old ones plus this step's change.
        np.testing.assert_array_equal(snap.params, before.params + snap.change)

    @rule()
    def step_epoch(self):
        # At 5 steps/s and batch size 1 an epoch takes half a minute: lift the limit first.
        self.worker.send(cmd.SetSpeedLimit(None))
        before = self.worker.latest_snapshot()
        # A large learning rate may blow up on the way: the divergence watch then stops early.
        self.after(
            cmd.Step("epoch"),
            lambda s: (
                not s.running
                and (s.epoch == before.epoch + 1 or s.explosion is not before.explosion)
            ),
            "the next epoch (or an explosion)",
        )

    @rule(seed=st.integers(0, 5))
    def reset(self, seed):
        self.worker.send(cmd.Step("example"))  # so that the reset has something to undo
        wait_for(self.worker, lambda s: s.step > 0, "a step before the reset")
        snap = self.after(cmd.Reset(seed), lambda s: s.step == 0, "reset to step 0")
        fresh = Network(snap.architecture, seed=seed, dtype=TRAINING_DTYPE)
        np.testing.assert_array_equal(snap.params, fresh.params)
        assert snap.params.dtype == TRAINING_DTYPE  # a fresh network trains in float32

    @rule(
        lr=st.sampled_from([0.01, 0.5, 3.0, 10.0]),
        batch=st.integers(1, 40),
        optimizer=st.sampled_from(["gd", "momentum", "adam"]),
    )
    def hyperparameters(self, lr, batch, optimizer):
        hyper = Hyperparameters(lr, batch, optimizer)
        self.after(cmd.SetHyperparameters(hyper), lambda s: s.hyper == hyper, "new settings")

    @rule(
        hidden=st.lists(st.integers(1, 12), min_size=1, max_size=3),
        activation=st.sampled_from(["sigmoid", "relu", "tanh"]),
        loss=st.sampled_from(["mse", "cross_entropy"]),
    )
    def architecture(self, hidden, activation, loss):
        arch = Architecture((784, *hidden, 10), activation, loss)
        self.after(cmd.SetArchitecture(arch), lambda s: s.architecture == arch, "the new network")

    @rule(label=st.integers(0, 9), ink=st.floats(0.0, 1.0))
    def teach(self, label, ink):
        n = self.worker.latest_snapshot().n_train
        drawing = np.full((28, 28), ink)
        self.after(cmd.AddExample(drawing, label), lambda s: s.n_train == n + 1, "one more")

    @rule(granularity=st.sampled_from(["example", "batch"]))
    def lesson_then_step(self, granularity):
        """A planned step changes nothing; the real one then lands on its plan bit for bit."""
        planned: list = []
        self.worker.lesson_planned.connect(planned.append, Qt.ConnectionType.DirectConnection)
        first = self.worker.latest_snapshot()
        try:
            self.worker.send(cmd.PlanLesson(granularity))
            wait_for(
                self.worker,
                lambda s: planned or s.explosion is not first.explosion,
                "the lesson planned (or an overflow reported)",
            )
        finally:
            self.worker.lesson_planned.disconnect(planned.append)
        if not planned:
            return  # the planned step would overflow: the watch reported it instead
        lesson = planned[0]
        before = self.worker.latest_snapshot()
        np.testing.assert_array_equal(lesson.params_before, before.params)
        snap = self.after(
            cmd.Step(granularity), lambda s: s.step == before.step + 1, "the planned step"
        )
        np.testing.assert_array_equal(snap.params, lesson.params_after)

    @rule(scale=st.floats(-2.0, 2.0))
    def keep_lab_edits(self, scale):
        edited = self.worker.latest_snapshot().params * scale
        self.after(
            cmd.SetParams(edited), lambda s: np.array_equal(s.params, edited), "the kept edits"
        )

    @rule(limit=st.sampled_from([None, 5.0, 100.0]))
    def speed(self, limit):
        self.worker.send(cmd.SetSpeedLimit(limit))

    #: Commands carried out across all sequences (the invariant runs after every one).
    operations = 0

    @invariant()
    def weights_are_finite_and_read_only(self):
        WorkerMachine.operations += 1
        snap = self.worker.latest_snapshot()
        assert np.all(np.isfinite(snap.params))
        assert not snap.params.flags.writeable

    def teardown(self):
        assert self.thread.stop(2000), "shutdown did not end the thread within 2 s"


@pytest.mark.slow
def test_random_command_sequences(qapp):
    WorkerMachine.TestCase.settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    WorkerMachine.operations = 0
    WorkerMachine.TestCase().runTest()
    # Reported for long runs (pytest -s): how many commands the worker really went through.
    print(f"\nstateful worker: {WorkerMachine.operations:,} checks (one per command and sequence)")
