"""Weights set by hand in the training worker: ``SetWeight`` and ``UndoWeight``.

Mixed into ``TrainingWorker`` (``WeightEditing``): the worker owns the model, so a weight is
set in its thread, between two steps, and the answer goes out with the next snapshot as a
``WeightEdit``:

    SetWeight(i, v) ──▶ pause; record the old value; θ[i] = v; measure the nudge
    UndoWeight()    ──▶ pause; θ[i] = the recorded old value (the same bits)
    snapshot.weight_edit ──▶ the last nudge (predicted and real Δloss) and how many undos

The record holds each edit's exact old value in the network's own dtype, so undoing every
edit in reverse order gives back the very same array. It is good only for the weights it was
made on: a training step, a reset or a loaded model (any other trainer, or another step
count) forgets it, and Undo then says there is nothing to take back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.core.weight_nudge import WeightNudge, checked_value, nudge_weight
from app.errors import BackpropLabError, ConfigError
from app.training import commands as cmd


@dataclass(frozen=True)
class WeightEdit:
    """What the snapshot says about the weights set by hand.

    ``nudge`` the last edit's measure (a drag: from where it started; None after an Undo);
    ``undo_depth`` how many edits Undo can still take back; ``serial`` counts every edit and
    undo, so a view knows an answer is new.
    """

    nudge: WeightNudge | None
    undo_depth: int
    serial: int


@dataclass
class _Record:
    """The edits made on one trainer at one step count: (index, old value as stored)."""

    trainer: object
    step: int
    undo: list[tuple[int, np.generic]]
    nudge: WeightNudge | None = None
    serial: int = 0


class WeightEditing:
    """The worker's half of "drag a weight". Expects the worker's ``_trainer``,
    ``_set_running``, ``_epoch_target``, ``_restart_watch`` and ``_publish_due``."""

    _weight_record: _Record | None = None
    _weight_serial: int = 0

    def _edit_weight(self, command: cmd.SetWeight | cmd.UndoWeight) -> None:
        """Carry out a SetWeight or an UndoWeight (training pauses first, either way)."""
        self._set_running(False)
        self._epoch_target = None
        record = self._current_record()
        trainer = self._trainer
        if isinstance(command, cmd.UndoWeight):
            if record is None or not record.undo:
                raise BackpropLabError("there is no weight set by hand to take back")
            index, old = record.undo.pop()
            trainer.network.params[index] = old
            record.nudge = None
        else:
            try:
                index, value = checked_value(trainer.network, command.index, command.value)
            except ConfigError as exc:
                raise BackpropLabError(f"this weight was not set: {exc}") from exc
            if record is None:
                record = _Record(trainer, trainer.step_count, [])
            params = trainer.network.params
            drag = command.continues and record.undo and record.undo[-1][0] == index
            if not drag:
                record.undo.append((index, params[index].copy()))
            start = trainer.network.copy()
            start.params[index] = record.undo[-1][1]  # where this drag (or edit) began
            x, labels = trainer.step_inputs(trainer.next_indices(trainer.hyper.batch_size))
            record.nudge = nudge_weight(start, x, labels, index, value)
            params[index] = record.nudge.new_value
        self._weight_serial += 1
        record.serial = self._weight_serial
        self._weight_record = record
        self._restart_watch()  # a weight set by hand is no explosion: judge from here on

    def _current_record(self) -> _Record | None:
        """The record, if it was made on the weights as they are; else forget it."""
        record = self._weight_record
        trainer = self._trainer
        if record is not None and (
            record.trainer is not trainer or record.step != trainer.step_count
        ):
            record = self._weight_record = None
        return record

    def _weight_edit_state(self) -> WeightEdit | None:
        """For the snapshot: None until a weight is set by hand on the weights as they are."""
        record = self._current_record()
        if record is None:
            return None
        return WeightEdit(record.nudge, len(record.undo), record.serial)
