"""Answers computed from the engine, their reasons, and grading the class's guess."""

from __future__ import annotations

import numpy as np
import pytest

from app.core.lesson import plan_step
from app.core.lesson_answers import (
    REGIME_STEPS,
    answer,
    grade,
    gradient_factors,
    needs_step,
    regime_answer,
)
from app.core.lesson_file import PlaneState, Question, StopState, Text, weight_position
from app.core.lesson_preset import LessonPreset
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.errors import ConfigError

VALLEY = StopState(plane=PlaneState(kind="lesson", learning_rate=0.1))
ARCH = Architecture()


def question(kind: str, **fields) -> Question:
    return Question(kind=kind, text=Text(en="?"), **fields)


def trainer(arch: Architecture = ARCH, batch: int = 10, optimizer: str = "gd") -> Trainer:
    rng = np.random.default_rng(5)
    x = rng.random((60, arch.layer_sizes[0]))
    y = rng.integers(0, arch.layer_sizes[-1], 60)
    hyper = Hyperparameters(learning_rate=0.5, batch_size=batch, optimizer=optimizer)
    return Trainer(Network(arch, seed=2), x, y, hyper)


@pytest.mark.parametrize(
    ("rate", "regime"),
    [
        (0.01, "crawls"),
        (0.1, "converges"),
        (0.19, "zig-zags"),
        (0.25, "diverges"),
        (0.21, "diverges"),
    ],
)
def test_what_a_learning_rate_does_is_decided_by_walking_the_valley(rate, regime):
    truth = regime_answer("gd", rate)
    assert truth.value == regime
    path = LessonPreset().path("gd", rate, REGIME_STEPS)
    assert truth.why_of("steps_walked") == (float(len(path) - 1),)


def test_the_regimes_reasons_are_the_walks_numbers():
    crawl, good, zigzag = (regime_answer("gd", r) for r in (0.01, 0.1, 0.19))
    assert crawl.why_of("cost_left")[0] == pytest.approx(0.2615, abs=1e-4)
    assert good.why_of("cost_left")[0] < 1e-4
    assert good.why_of("turns") == (0.0,)
    assert zigzag.why_of("turns") == (1.0,)


def test_the_valleys_five_numbers_are_the_articles():
    change = answer(
        question("number", on="preset", quantity="change", of=("w1", "w2")), VALLEY, ARCH
    )
    assert change.value == pytest.approx((0.01, 0.02), abs=1e-15)
    new = answer(
        question("number", on="preset", quantity="new_value", of=("w1", "w2")), VALLEY, ARCH
    )
    assert new.value == pytest.approx((0.51, 0.22), abs=1e-15)
    assert new.why_of("negative_gradient") == pytest.approx((0.1, 0.2), abs=1e-15)
    assert new.why_of("learning_rate") == (0.1, 0.1)
    w2 = answer(question("sign", on="preset", of=("w2",)), VALLEY, ARCH)
    assert w2.value == "up"
    assert w2.names == ("w2",)


def test_the_count_of_weights_and_biases_is_the_architectures():
    truth = answer(question("number", quantity="parameter_count"), StopState(), ARCH)
    assert truth.value == (13_002.0,)
    assert sum(truth.why_of("weights")) + sum(truth.why_of("biases")) == 13_002
    assert truth.why_of("weights") == (784 * 16, 16 * 16, 16 * 10)


def test_a_network_question_without_its_planned_step_is_refused():
    with pytest.raises(ConfigError, match="plan it first"):
        answer(question("output"), StopState(), ARCH)
    assert needs_step(question("output"))
    assert not needs_step(question("number", quantity="parameter_count"))
    assert not needs_step(question("number", on="preset", quantity="change", of=("w1",)))


def test_the_gradients_factors_multiply_to_the_engines_gradient_and_a_finite_difference():
    t = trainer(batch=1)
    step = plan_step(t, "example")
    name = "w3[2,5]"
    factors = dict(gradient_factors(step, name))
    a_prev, slope, nudge = factors["a_prev"][0], factors["slope"][0], factors["dC_da"][0]
    i = weight_position(ARCH, name)
    assert a_prev * slope * nudge == pytest.approx(step.gradient[i], rel=1e-12)
    assert factors["product"] == pytest.approx((step.gradient[i],), rel=1e-12)
    # The cost of this one example as the weight moves by ±h, central difference.
    x, labels = t.step_inputs(step.indices)
    h = 1e-6
    costs = []
    for sign in (1, -1):
        params = t.network.params.copy()
        params[i] += sign * h
        _, grads = Network(ARCH, params=params).gradient(x, labels)
        costs.append(grads.loss)
    assert (costs[0] - costs[1]) / (2 * h) == pytest.approx(step.gradient[i], rel=1e-6)


def test_a_hidden_weights_factors_use_the_hidden_activations_slope():
    arch = Architecture((784, 16, 16, 10), activation="tanh")
    step = plan_step(trainer(arch, batch=3), "batch")
    factors = dict(gradient_factors(step, "w2[4,7]"))
    products = np.array(factors["a_prev"]) * np.array(factors["slope"]) * np.array(factors["dC_da"])
    assert products == pytest.approx(factors["product"], rel=1e-12)
    assert np.mean(products) == pytest.approx(step.gradient[weight_position(arch, "w2[4,7]")])


def test_softmax_outputs_give_the_weights_gradient_as_a_prev_times_dc_dz():
    arch = Architecture((784, 16, 16, 10), loss="cross_entropy")
    step = plan_step(trainer(arch, batch=1), "example")
    factors = dict(gradient_factors(step, "w3[1,3]"))
    assert "slope" not in factors
    assert factors["a_prev"][0] * factors["dC_dz"][0] == pytest.approx(
        step.gradient[weight_position(arch, "w3[1,3]")], rel=1e-12
    )


def test_for_one_example_the_output_to_raise_is_its_label():
    step = plan_step(trainer(batch=1), "example")
    truth = answer(question("output"), StopState(), ARCH, step)
    assert truth.value == int(step.labels[0])
    wanted = np.array(truth.why_of("wanted"))
    assert (wanted > 0).sum() == 1
    assert wanted[truth.value] > 0


def test_a_weights_sign_is_the_direction_the_step_moves_it_with_any_optimizer():
    for optimizer in ("gd", "adam"):
        t = trainer(optimizer=optimizer)
        t.step_batch()  # Adam with a history: its change is not −η·gradient
        step = plan_step(t, "batch")
        for name in ("w3[2,5]", "w1[3,400]", "w2[0,0]"):
            truth = answer(question("sign", of=(name,)), StopState(), ARCH, step)
            change = step.change[weight_position(ARCH, name)]
            assert truth.value == ("up" if change > 0 else "down")
            assert truth.why_of("change") == (change,)


def test_a_neurons_nudge_is_the_sum_of_what_the_next_layer_sends_it():
    step = plan_step(trainer(batch=4), "batch")
    for layer, neuron in ((2, 11), (1, 0)):
        name = f"a{layer}[{neuron}]"
        truth = answer(question("sign", of=(name,)), StopState(), ARCH, step)
        nudge = step.nudges[layer][:, neuron].mean()
        assert sum(truth.why_of("contributions")) == pytest.approx(nudge, rel=1e-9)
        assert truth.value == ("up" if -nudge > 0 else "down")
    out = answer(question("sign", of=("a3[4]",)), StopState(), ARCH, step)
    assert out.why_of("dC_da")[0] == pytest.approx(step.nudges[3][:, 4].mean())


def test_a_number_question_on_the_network_reads_the_planned_step():
    t = trainer()
    step = plan_step(t, "batch")
    names = ("w3[2,5]", "w1[0,300]")
    idx = [weight_position(ARCH, n) for n in names]
    for quantity, row in (
        ("value", step.params_before), ("gradient", step.gradient),
        ("negative_gradient", -step.gradient), ("change", step.change),
        ("new_value", step.params_after),
    ):  # fmt: skip
        truth = answer(question("number", quantity=quantity, of=names), StopState(), ARCH, step)
        assert truth.value == tuple(row[idx])
    after = answer(question("number", quantity="new_value", of=names[:1]), StopState(), ARCH, step)
    t.step_batch()
    assert after.value == (t.network.params[idx[0]],)  # what the real step lands on


def test_a_guess_is_right_within_the_tolerance_or_the_relative_share():
    truth = answer(
        question("number", on="preset", quantity="change", of=("w1", "w2")), VALLEY, ARCH
    )
    absolute = question("number", on="preset", quantity="change", of=("w1", "w2"), tolerance=5e-4)
    assert grade(absolute, truth, (0.0104, 0.0196)).right
    assert not grade(absolute, truth, (0.011, 0.02)).right
    relative = question("number", quantity="change", of=("w1", "w2"), relative=0.1)
    assert grade(relative, truth, [0.0109, 0.0219]).right
    assert not grade(relative, truth, [0.0111, 0.02]).right
    skipped = grade(absolute, truth, None)
    assert skipped.right is None
    assert skipped.answer is truth
    for bad in ((0.01,), (0.01, float("nan")), "0.01, 0.02"):
        with pytest.raises((ConfigError, ValueError)):
            grade(absolute, truth, bad)


def test_other_guesses_are_graded_exactly():
    step = plan_step(trainer(batch=1), "example")
    out = answer(question("output"), StopState(), ARCH, step)
    assert grade(question("output"), out, out.value).right
    assert not grade(question("output"), out, (out.value + 1) % 10).right
    with pytest.raises(ConfigError):
        grade(question("output"), out, True)
    regime = regime_answer("gd", 0.25)
    assert grade(question("regime"), regime, "diverges").right
    assert not grade(question("regime"), regime, "crawls").right
    with pytest.raises(ConfigError):
        grade(question("regime"), regime, "explodes")
    sign = answer(question("sign", on="preset", of=("w1",)), VALLEY, ARCH)
    assert grade(question("sign"), sign, "up").right
    assert not grade(question("sign"), sign, "down").right
