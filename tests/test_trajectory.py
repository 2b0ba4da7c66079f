"""The path the weights took, kept for the loss landscape: bounded, and never changed once shown."""

from __future__ import annotations

import numpy as np

from app.core.history import Trajectory
from app.core.network import Architecture, Network
from app.core.training import Trainer


def params(value: float, n: int = 5) -> np.ndarray:
    return np.full(n, value, dtype=np.float32)


def test_points_a_snapshot_holds_never_change_when_the_path_thins_and_grows():
    trajectory = Trajectory(4)
    for step in range(4):
        trajectory.offer(step, params(step), finite=True)
    held = trajectory.points  # what a snapshot keeps while training goes on
    copies = [p.copy() for p in held]
    for step in range(4, 40):
        trajectory.offer(step, params(step), finite=True)
    for point, copy in zip(held, copies, strict=True):
        np.testing.assert_array_equal(point, copy)
    # The path itself went on: every kept point is its step's weights.
    for step, point in zip(trajectory.steps, trajectory.points, strict=True):
        np.testing.assert_array_equal(point, params(step))


def test_a_point_offered_without_fresh_is_a_copy_the_caller_cannot_change():
    trajectory = Trajectory(4)
    weights = params(1.0)
    trajectory.offer(0, weights, finite=True)
    weights[:] = 7.0  # the network's own weights move on in place
    np.testing.assert_array_equal(trajectory.points[0], params(1.0))
    assert not trajectory.points[0].flags.writeable


def test_the_trainers_new_weights_are_kept_as_they_are_and_made_read_only():
    rng = np.random.default_rng(0)
    net = Network(Architecture((6, 4, 3)), seed=0, dtype=np.float32)
    trainer = Trainer(net, rng.random((20, 6)), rng.integers(0, 3, 20))
    proposed = trainer.propose(5)
    trainer.apply(proposed)
    assert trainer.trajectory.steps[-1] == 1
    assert trainer.trajectory.points[-1] is proposed.new_params  # no copy
    assert not proposed.new_params.flags.writeable
    np.testing.assert_array_equal(trainer.trajectory.points[-1], trainer.network.params)


def test_a_float64_network_s_new_weights_are_kept_as_a_float32_copy():
    rng = np.random.default_rng(0)
    trainer = Trainer(
        Network(Architecture((6, 4, 3)), seed=0), rng.random((20, 6)), rng.integers(0, 3, 20)
    )
    proposed = trainer.propose(5)
    trainer.apply(proposed)
    point = trainer.trajectory.points[-1]
    assert point.dtype == np.float32
    assert point is not proposed.new_params
    np.testing.assert_array_equal(point, proposed.new_params.astype(np.float32))


def test_float64_weights_are_kept_as_float32_and_beyond_its_range_refused_even_if_vouched():
    trajectory = Trajectory()
    trajectory.offer(0, np.array([0.1, 0.2]), finite=True)
    trajectory.offer(1, np.array([1.0, 4e45]), finite=True)  # finite in float64, not in float32
    assert trajectory.steps == (0,)
    assert trajectory.points[0].dtype == np.float32
    np.testing.assert_array_equal(trajectory.points[0], np.float32([0.1, 0.2]))


def test_unvouched_float32_weights_are_looked_at():
    trajectory = Trajectory()
    trajectory.offer(0, np.float32([1.0, np.inf]))
    trajectory.offer(1, np.float32([1.0, np.nan]))
    trajectory.offer(2, np.float32([1.0, 2.0]))
    assert trajectory.steps == (2,)
