"""The two lessons that ship follow the articles, and every answer comes out of the engine."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import numpy as np
import pytest

from app import RESOURCES_DIR
from app.core.lesson import plan_step
from app.core.lesson_answers import answer, gradient_factors, needs_step
from app.core.lesson_file import (
    LANGUAGES,
    find_lesson,
    load_lesson,
    shipped_lessons,
    weight_position,
)
from app.core.network import Network
from app.data.datasets import load_bundled
from app.errors import LessonFileError
from app.training.lesson_stops import stop_setup, trainer_for_stop

ROOT = Path(__file__).resolve().parents[1]
FOLDER = RESOURCES_DIR / "lessons"
LESSON_1 = FOLDER / "how_a_network_learns.toml"
LESSON_2 = FOLDER / "gradient_descent.toml"


@pytest.fixture(scope="module")
def data():
    return load_bundled()


def answers(path: Path, data) -> list:
    """Each stop's answer (None without a question), computed on a trainer in its state."""
    lesson = load_lesson(path)
    out = []
    for stop in lesson.stops:
        setup = stop_setup(lesson, stop, data.train_y)
        if stop.question is None:
            out.append(None)
            continue
        step = None
        if needs_step(stop.question):
            trainer = trainer_for_stop(setup, data.train_x, data.train_y)
            step = plan_step(trainer, setup.granularity)
        out.append((answer(stop.question, stop.state, setup.architecture, step), step))
    return out


def test_both_lessons_ship_as_package_data_in_both_languages():
    assert sorted(p.name for p in FOLDER.glob("*.toml")) == sorted([LESSON_1.name, LESSON_2.name])
    with open(ROOT / "pyproject.toml", "rb") as f:
        globs = tomllib.load(f)["tool"]["setuptools"]["package-data"]["app"]
    assert any(fnmatch("resources/lessons/gradient_descent.toml", g) for g in globs)
    for path in (LESSON_1, LESSON_2):
        lesson = load_lesson(path)
        texts = [lesson.title] + [s.caption for s in lesson.stops]
        texts += [s.question.text for s in lesson.stops if s.question]
        for text in texts:
            assert all(getattr(text, language) for language in LANGUAGES), text


def test_the_first_lesson_asks_what_the_article_asks_where_it_asks():
    lesson = load_lesson(LESSON_1)
    asked = [(s.scene, s.question and (s.question.kind, s.question.quantity)) for s in lesson.stops]
    assert asked == [
        ("network", ("number", "parameter_count")),  # the 13,002 weights and biases
        ("network", None),  # one neuron: weighted sum plus bias through the sigmoid
        ("network", None),  # an untrained network's output is a mess
        ("network", ("output", "")),  # for this 2, which output should go up?
        ("step", ("sign", "")),  # a real edge into output 2: grow or shrink?
        ("step", ("number", "gradient")),  # its value, a_prev × σ′(z) × dC/da
        ("step", None),  # one example's wishes for every weight
        ("step", None),  # many examples' wishes and their average
        ("numbers", None),  # one step moves every weight once
        ("loss", None),  # many iterations
        ("draw", None),  # draw your own digit
    ]


def test_the_first_lessons_answers_come_from_the_network(data):
    found = answers(LESSON_1, data)
    count, _ = found[0]
    assert count.value == (13_002.0,)
    output, step = found[3]
    assert step.labels.tolist() == [2]
    assert output.value == 2
    sign, step = found[4]
    assert sign.value == "up"
    assert sign.names == ("w3[2,5]",)
    gradient, step = found[5]
    factors = dict(gradient_factors(step, "w3[2,5]"))
    product = factors["a_prev"][0] * factors["slope"][0] * factors["dC_da"][0]
    assert gradient.value == pytest.approx((product,), rel=1e-6)  # the network is float32
    assert gradient.value[0] < 0  # the weight grows, as the stop before revealed
    # A central difference of this one example's cost in that weight (in float64) agrees to
    # 1e-5 with the float32 network's gradient.
    lesson = load_lesson(LESSON_1)
    trainer = trainer_for_stop(
        stop_setup(lesson, lesson.stops[5], data.train_y), data.train_x, data.train_y
    )
    x, labels = trainer.step_inputs(step.indices)
    i = weight_position(trainer.network.architecture, "w3[2,5]")
    costs = []
    for h in (1e-6, -1e-6):
        params = trainer.network.params.astype(np.float64)
        params[i] += h
        costs.append(
            Network(trainer.network.architecture, params=params).gradient(x, labels)[1].loss
        )
    assert (costs[0] - costs[1]) / 2e-6 == pytest.approx(gradient.value[0], rel=1e-5)


def test_the_untrained_network_really_gets_the_2_wrong(data):
    lesson = load_lesson(LESSON_1)
    setup = stop_setup(lesson, lesson.stops[2], data.train_y)
    trainer = trainer_for_stop(setup, data.train_x, data.train_y)
    x = data.train_x[setup.example]
    assert data.train_y[setup.example] == 2
    assert trainer.network.predict(x[np.newaxis])[0] != 2


def test_the_second_lesson_gives_the_articles_five_numbers_and_four_regimes(data):
    lesson = load_lesson(LESSON_2)
    found = answers(LESSON_2, data)
    change, _ = found[3]
    assert change.value == pytest.approx((0.01, 0.02), abs=1e-15)
    new, _ = found[4]
    assert new.value == pytest.approx((0.51, 0.22), abs=1e-15)
    regimes = [(s.state.plane.learning_rate, a.value) for s, (a, _) in zip(
        lesson.stops[5:9], found[5:9], strict=True
    )]  # fmt: skip
    assert regimes == [
        (0.1, "converges"),
        (0.01, "crawls"),
        (0.19, "zig-zags"),
        (0.25, "diverges"),
    ]
    last = stop_setup(lesson, lesson.stops[-1], data.train_y)
    assert last.plane_weights == last.watched


def test_a_lesson_is_found_by_its_shipped_name_or_its_path(tmp_path):
    assert shipped_lessons() == {LESSON_2.stem: LESSON_2, LESSON_1.stem: LESSON_1}
    assert find_lesson("gradient_descent") == LESSON_2
    mine = tmp_path / "gradient_descent"
    mine.write_text("format = 1")
    assert find_lesson(mine) == mine
    with pytest.raises(LessonFileError, match="how_a_network_learns"):
        find_lesson("how_a_network_teaches")
