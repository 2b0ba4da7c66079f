"""The divergence watch: when a run has exploded, and which weights it keeps to go back to."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.divergence import DivergenceWatch


def params(value: float) -> np.ndarray:
    return np.full(4, value)


def test_a_falling_loss_never_explodes_and_keeps_the_best_weights():
    watch = DivergenceWatch()
    watch.reset(0, 1.0, params(0))
    for step, loss in enumerate([0.9, 0.7, 0.8, 0.5, 0.6, 0.4], start=1):
        assert watch.observe(step, loss, params(step)) is None
    step, kept = watch.kept
    assert step == 6
    np.testing.assert_array_equal(kept, params(6))
    assert not kept.flags.writeable


@given(st.lists(st.floats(0.01, 3.0), min_size=1, max_size=60))
def test_a_healthy_wobble_within_the_margin_is_not_an_explosion(losses):
    # Each loss at most 1.5x the lowest so far, and never above it by the margin: healthy.
    watch = DivergenceWatch()
    watch.reset(0, losses[0], params(0))
    best = losses[0]
    for step, loss in enumerate(losses[1:], start=1):
        loss = min(loss, 1.5 * best, best + 0.2)
        best = min(best, loss)
        assert watch.observe(step, loss, params(step)) is None


def test_a_lasting_jump_is_an_explosion_from_its_first_step_and_the_weights_before_are_kept():
    watch = DivergenceWatch()
    watch.reset(100, 0.12, params(100))
    assert watch.observe(101, 0.11, params(101)) is None
    assert watch.observe(102, 0.95, params(102)) is None
    assert watch.observe(103, 0.97, params(103)) is None
    found = watch.observe(104, 0.96, params(104))
    assert found is not None
    assert (found.step, found.loss, found.best_loss, found.kept_step) == (102, 0.96, 0.11, 101)
    assert not found.overflow
    assert "learning rate is too large" in found.message()
    assert "step 102" in found.message()
    assert watch.explosion == found
    step, kept = watch.kept
    assert step == 101
    np.testing.assert_array_equal(kept, params(101))


def test_a_lone_spike_is_not_an_explosion():
    # Measured at the lesson's η = 3 from the pretrained weights: best 0.08, one look at 0.39.
    watch = DivergenceWatch()
    watch.reset(0, 0.08, params(0))
    for step, loss in enumerate([0.15, 0.39, 0.19, 0.16, 0.39, 0.39, 0.2], start=1):
        assert watch.observe(step, loss, params(step)) is None


def test_the_margin_keeps_tiny_losses_from_false_alarms():
    # 0.001 → 0.01 is ×10 but still a near-perfect fit: not an explosion.
    watch = DivergenceWatch(persist=1)
    watch.reset(0, 0.001, params(0))
    assert watch.observe(1, 0.01, params(1)) is None
    assert watch.observe(2, 0.3, params(2)) is not None


@pytest.mark.parametrize("loss", [math.nan, math.inf])
def test_a_loss_that_is_not_finite_is_an_overflow(loss):
    watch = DivergenceWatch()
    watch.reset(0, 0.2, params(0))
    found = watch.observe(7, loss, params(7))
    assert found is not None
    assert found.overflow
    assert found.kept_step == 0
    assert "overflowed" in found.message()


def test_reset_forgets_the_explosion_and_starts_from_the_given_weights():
    watch = DivergenceWatch(persist=1)
    watch.reset(0, 0.2, params(0))
    watch.observe(1, 2.0, params(1))
    watch.reset(1, 2.0, params(1))
    assert watch.explosion is None
    assert watch.kept[0] == 1
    assert watch.threshold == pytest.approx(4.0)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="factor"):
        DivergenceWatch(factor=1.0)
    with pytest.raises(ValueError, match="persist"):
        DivergenceWatch(persist=0)
