"""The divergence watch: when a run has exploded, and which weights it keeps to go back to."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.divergence import MIN_SPAN, DivergenceWatch


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
    # Looks 6 steps apart: the third look that finds it too high is MIN_SPAN = 12 steps on.
    watch = DivergenceWatch()
    watch.reset(100, 0.12, params(100))
    assert watch.observe(101, 0.11, params(101)) is None
    assert watch.observe(106, 0.95, params(106)) is None
    assert watch.observe(112, 0.97, params(112)) is None
    found = watch.observe(118, 0.96, params(118))
    assert found is not None
    assert (found.step, found.loss, found.best_loss, found.kept_step) == (106, 0.96, 0.11, 101)
    assert not found.overflow
    assert "learning rate is too large" in found.message()
    assert "step 106" in found.message()
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


def test_a_spike_of_five_steps_looked_at_after_every_step_is_not_an_explosion():
    # Measured stepping the pretrained weights at η = 3, float32 (seed 2): best 0.074, then
    # five steps in a row above the line (0.32), peaking at 0.53, and back.
    watch = DivergenceWatch()
    watch.reset(0, 0.074, params(0))
    losses = [0.1, 0.36, 0.45, 0.53, 0.41, 0.37, 0.15, 0.12, 0.4, 0.11]
    for step, loss in enumerate(losses, start=1):
        assert watch.observe(step, loss, params(step)) is None


def test_a_jump_looked_at_after_every_step_is_called_once_it_has_lasted_min_span_steps():
    watch = DivergenceWatch()
    watch.reset(0, 0.074, params(0))
    found = [watch.observe(step, 0.9, params(step)) for step in range(1, MIN_SPAN + 2)]
    assert found[:-1] == [None] * MIN_SPAN
    assert (found[-1].step, found[-1].kept_step) == (1, 0)


def test_the_margin_keeps_tiny_losses_from_false_alarms():
    # 0.001 → 0.01 is ×10 but still a near-perfect fit: not an explosion.
    watch = DivergenceWatch(persist=1, min_span=0)
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
    watch = DivergenceWatch(persist=1, min_span=0)
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
    with pytest.raises(ValueError, match="span"):
        DivergenceWatch(min_span=-1)


def watched_run(learning_rate: float, steps: int, seed: int = 0):
    """The pretrained weights trained in float32 (as the app trains them) at ``learning_rate``,
    batch 10, with the watch looking after every step (as when stepping by hand, its strictest):
    the explosion it reports, or None, and the step it was reported at."""
    from app import PRETRAINED_MODEL
    from app.core.model_file import load_model_file
    from app.core.network import TRAINING_DTYPE
    from app.core.training import Hyperparameters, Trainer
    from app.data.datasets import load_bundled

    data = load_bundled()
    network = load_model_file(PRETRAINED_MODEL).network(TRAINING_DTYPE)
    hyper = Hyperparameters(learning_rate=learning_rate, batch_size=10, seed=seed)
    trainer = Trainer(network, data.train_x, data.train_y, hyper)
    pick = np.random.default_rng(0).permutation(trainer.n_train)[:500]  # the worker's sample
    sample_x, sample_y = trainer.train_x[pick], trainer.train_y[pick]
    watch = DivergenceWatch()
    watch.reset(0, network.evaluate(sample_x, sample_y)[0], network.params)
    for step in range(1, steps + 1):
        trainer.step_batch()
        found = watch.observe(step, network.evaluate(sample_x, sample_y)[0], network.params)
        if found is not None:
            return found, step
    return None, steps


@pytest.mark.parametrize(
    ("learning_rate", "steps", "seed"),
    # The lesson's η = 1 for two epochs; η = 3 through seed 8's spike of 7 steps in a row.
    [(1.0, 900, 0), (3.0, 1350, 8)],
)
def test_a_healthy_float32_run_from_the_pretrained_weights_raises_nothing(
    learning_rate, steps, seed
):
    found, _ = watched_run(learning_rate, steps, seed)
    assert found is None


def test_a_real_explosion_of_the_float32_pretrained_weights_is_caught_within_a_few_steps():
    found, at = watched_run(10.0, 100)
    assert found is not None
    assert found.cause == "loss"
    assert found.loss > 5 * found.best_loss
    assert at <= found.step + MIN_SPAN
    assert found.step <= 5
