"""The path the weights took, kept for the loss landscape: bounded, and never changed once shown."""

from __future__ import annotations

import numpy as np

from app.core.history import Trajectory


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


def test_a_view_of_a_dropped_point_keeps_it_from_being_reused():
    trajectory = Trajectory(4)
    for step in range(4):
        trajectory.offer(step, params(step), finite=True)
    first_row_of_step_1 = trajectory.points[1][:2]  # a view: its base is the point
    for step in range(4, 40):
        trajectory.offer(step, params(step), finite=True)
    np.testing.assert_array_equal(first_row_of_step_1, params(1, 2))


def test_dropped_points_nobody_holds_are_reused_for_new_ones():
    trajectory = Trajectory(4)
    for step in range(4):
        trajectory.offer(step, params(step), finite=True)
    dropped_ids = {id(p) for p in trajectory.points[1::2]}
    trajectory.offer(4, params(4), finite=True)  # full: thins to steps 0, 2 and keeps 4
    assert trajectory.steps == (0, 2, 4)
    assert id(trajectory.points[-1]) in dropped_ids
    np.testing.assert_array_equal(trajectory.points[-1], params(4))
    assert all(not p.flags.writeable for p in trajectory.points)


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
