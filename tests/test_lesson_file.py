"""Lesson files: read, checked line by line, written back identically, hostile ones refused."""

from __future__ import annotations

import os
import re
import time
import tomllib
from pathlib import Path

import pytest

from app import RESOURCES_DIR
from app.core import lesson_file, lesson_toml
from app.core.lesson_file import (
    CONTROL_NAMES,
    MAX_FILE_BYTES,
    MAX_STOPS,
    Lesson,
    PlaneState,
    Question,
    Stop,
    StopState,
    Text,
    dumps_lesson,
    load_lesson,
    parse_lesson,
    save_lesson,
)
from app.core.model_file import save_model
from app.core.network import Network
from app.errors import LessonFileError

LESSONS = sorted((RESOURCES_DIR / "lessons").glob("*.toml"))

GOOD = """\
format = 1
title.en = "A lesson"
title.zh_TW = "一堂課"

[[stops]]
scene = "network"
caption.en = "First"

[stops.state]
network = "random"
seed = 3

[[stops]]
scene = "landscape"
caption = { en = "Second", zh_TW = "第二" }
hidden = ["optimizer", "experiments"]

[stops.state]
learning_rate = 0.5
watch = ["w3[2,0]", "w3[2,1]"]

[stops.state.plane]
kind = "lesson"
learning_rate = 0.19

[stops.question]
kind = "regime"
text.en = "What will it do?"
"""


def write(folder: Path, text: str, name: str = "lesson.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(folder: Path, text: str) -> LessonFileError:
    with pytest.raises(LessonFileError) as caught:
        load_lesson(write(folder, text))
    return caught.value


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_good_file_reads_into_its_stops_with_defaults_filled_in(tmp_path):
    lesson = load_lesson(write(tmp_path, GOOD))
    assert lesson.title == Text("A lesson", "一堂課")
    first, second = lesson.stops
    assert first.state == StopState(network="random", seed=3)
    assert first.line == line_of(GOOD, "[[stops]]")
    assert second.caption.get("zh_TW") == "第二"
    assert second.hidden == ("optimizer", "experiments")
    assert second.state.plane == PlaneState(kind="lesson", learning_rate=0.19)
    assert second.question == Question(kind="regime", text=Text(en="What will it do?"))


def test_a_text_in_one_language_shows_in_both():
    assert Text(en="Hi").get("zh_TW") == "Hi"
    assert Text(zh_TW="你好").get("en") == "你好"
    assert Text("Hi", "你好").get("zh_TW") == "你好"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_a_shipped_lesson_written_back_reads_the_same(path, tmp_path):
    lesson = load_lesson(path)
    text = dumps_lesson(lesson)
    assert parse_lesson(text, tmp_path / "copy.toml") == lesson
    assert dumps_lesson(parse_lesson(text, tmp_path / "copy.toml")) == text


def test_every_field_and_awkward_text_survive_a_save_and_a_load(tmp_path):
    awkward = 'quote " backslash \\ tab \t newline \n 中文 emoji 🙂 \u2028 # [[stops]] = x'
    model = tmp_path / "models" / "start.npz"
    model.parent.mkdir()
    save_model(model, Network(seed=1))
    state = StopState(
        network="file", model="models/start.npz", order_seed=7, digit=4, granularity="example",
        steps=3, learning_rate=1e-6, optimizer="adam", batch_size=1000,
        watch=("w1[0,0]", "w2[15,15]", "w3[9,15]"),
        plane=PlaneState(kind="weights", weights=("w1[0,0]", "w3[9,15]"), seed=2**32 - 1),
    )  # fmt: skip
    question = Question(
        kind="number", text=Text(awkward, "第 2 題"), quantity="new_value",
        of=("w3[9,15]", "w1[0,0]"), tolerance=1e-9, relative=0.0,
    )  # fmt: skip
    lesson = Lesson(
        Text(en=awkward),
        (
            Stop("step", Text(awkward, awkward), state, ("play",), ("step", "speed"), question),
            Stop("draw", Text(zh_TW="畫"), StopState(network="pretrained")),
        ),
    )
    saved = save_lesson(tmp_path / "mine.toml", lesson)
    assert load_lesson(saved) == lesson
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml", "models"]


def test_a_lesson_that_cannot_be_written_says_so_and_leaves_nothing(tmp_path):
    lesson = load_lesson(write(tmp_path, GOOD))
    with pytest.raises(LessonFileError, match="cannot be written"):
        save_lesson(tmp_path / "no such folder" / "x.toml", lesson)


BAD_VALUES = [
    # (what is replaced, by what, words the message must hold)
    ('scene = "landscape"', 'scene = "kitchen"', "scene"),
    ("seed = 3", "seed = -1", "seed"),
    ("seed = 3", "seed = 99999999999999999999999", "seed"),
    ("seed = 3", "seed = 3.0", "seed"),
    ("seed = 3", 'seed = "3"', "seed"),
    ("seed = 3", "seed = true", "seed"),
    ("learning_rate = 0.5", "learning_rate = nan", "learning_rate"),
    ("learning_rate = 0.5", "learning_rate = inf", "learning_rate"),
    ("learning_rate = 0.5", "learning_rate = -inf", "learning_rate"),
    ("learning_rate = 0.5", "learning_rate = 1e308", "learning_rate"),
    ("learning_rate = 0.5", "learning_rate = 0", "learning_rate"),
    ("learning_rate = 0.19", "learning_rate = nan", "plane.learning_rate"),
    ("learning_rate = 0.5", "batch_size = 100000", "batch_size"),
    ("learning_rate = 0.5", "steps = 1000000", "steps"),
    ("learning_rate = 0.5", 'optimizer = "sgd"', "optimizer"),
    ("learning_rate = 0.5", "digit = 10", "digit"),
    ("learning_rate = 0.5", "colour = 3", "colour"),
    ('kind = "regime"', 'kind = "essay"', "kind"),
    ('"optimizer", "experiments"', '"optimizer", "self_destruct"', "hidden"),
    ('"optimizer", "experiments"', '"optimizer", "optimizer"', "hidden"),
    ('"optimizer", "experiments"', '"optimizer", 7', "hidden"),
    ('watch = ["w3[2,0]", "w3[2,1]"]', 'watch = ["w3[10,0]"]', "w3[10,0]"),
    ('watch = ["w3[2,0]", "w3[2,1]"]', 'watch = ["w4[0,0]"]', "w4"),
    ('watch = ["w3[2,0]", "w3[2,1]"]', 'watch = "w3[2,0]"', "watch"),
    ('text.en = "What will it do?"', 'text.en = ""', "text.en"),
    ('text.en = "What will it do?"', 'text.en = "bell \\u0007"', "control"),
    ('text.en = "What will it do?"', 'text.fr = "Quoi ?"', "text.fr"),
    ('text.en = "What will it do?"', 'text.en = "x"\nof = ["w1"]', "of"),
    ('caption.en = "First"', 'caption.en = "' + "x" * 5000 + '"', "caption.en"),
    ('network = "random"', 'network = "cloud"', "network"),
    ('network = "random"', 'model = "a.npz"', "model"),
]


@pytest.mark.parametrize(("old", "new", "words"), BAD_VALUES)
def test_a_wrong_value_gets_one_message_naming_its_line_and_key(tmp_path, old, new, words):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    error = error_of(tmp_path, text)
    assert error.line == line_of(text, new.splitlines()[-1]), str(error)
    assert words in str(error)
    second = [i for i, line in enumerate(text.splitlines(), 1) if line == "[[stops]]"][1]
    stop = 1 if error.line < second else 2
    assert str(error).startswith(f"{tmp_path / 'lesson.toml'}: line {error.line}: stop {stop}")


def test_a_syntax_error_names_tomls_line(tmp_path):
    text = GOOD.replace("seed = 3", "seed = = 3")
    error = error_of(tmp_path, text)
    assert error.line == line_of(text, "seed = = 3")
    assert "not valid TOML" in str(error)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("format = 1", "format = 2"), "newer"),
        (("format = 1", 'format = "1"'), "format"),
        (("format = 1\n", ""), "format"),
        (('title.en = "A lesson"\ntitle.zh_TW = "一堂課"\n', ""), "title"),
        (('title.en = "A lesson"', 'title.en = "A lesson"\nauthor = "me"'), "author"),
    ],
)
def test_a_wrong_top_of_the_file_is_named(tmp_path, change, words):
    error = error_of(tmp_path, GOOD.replace(*change))
    assert words in str(error)


def test_a_lesson_without_stops_or_with_too_many_is_refused(tmp_path):
    head = GOOD.split("[[stops]]")[0]
    assert "1 to" in str(error_of(tmp_path, head))
    stop = '[[stops]]\nscene = "draw"\ncaption.en = "x"\n'
    assert "stops" in str(error_of(tmp_path, head + stop * (MAX_STOPS + 1)))
    assert len(load_lesson(write(tmp_path, head + stop * MAX_STOPS)).stops) == MAX_STOPS


@pytest.mark.parametrize(
    "question",
    [
        'kind = "regime"\ntext.en = "?"',  # on a stop whose plane is not the valley
        'kind = "number"\non = "preset"\nquantity = "change"\nof = ["w1"]\ntext.en = "?"',
        'kind = "number"\nquantity = "parameter_count"\nof = ["w3[2,0]"]\ntext.en = "?"',
        'kind = "number"\nquantity = "change"\ntext.en = "?"',
        'kind = "sign"\nof = ["w3[2,0]", "w3[2,1]"]\ntext.en = "?"',
        'kind = "output"\non = "preset"\ntext.en = "?"',
        'kind = "output"\nquantity = "change"\ntext.en = "?"',
        'kind = "number"\nquantity = "value"\nof = ["w1"]\ntext.en = "?"',
        'kind = "sign"\nof = ["a9[0]"]\ntext.en = "?"',
        'kind = "number"\nquantity = "value"\nof = ["a2[0]"]\ntext.en = "?"',
        'kind = "number"\nquantity = "value"\nof = ["w3[2,0]"]\ntext.en = "?"\ntolerance = -1',
        'kind = "number"\nquantity = "value"\nof = ["w3[2,0]"]\ntext.en = "?"\nrelative = 2',
    ],
)
def test_a_question_that_cannot_be_answered_is_refused_at_its_stop(tmp_path, question):
    text = GOOD.split('[[stops]]\nscene = "landscape"')[0] + "\n[stops.question]\n" + question
    error = error_of(tmp_path, text)
    assert error.line is not None, str(error)
    assert error.line >= line_of(text, "[[stops]]"), str(error)
    assert "stop 1" in str(error)


def test_a_model_file_beside_the_lesson_is_read_and_one_outside_is_refused(tmp_path):
    lesson_dir = tmp_path / "lesson"
    lesson_dir.mkdir()
    save_model(lesson_dir / "inside.npz", Network(seed=0))
    save_model(tmp_path / "outside.npz", Network(seed=0))
    os.symlink(tmp_path / "outside.npz", lesson_dir / "link.npz")

    def with_model(name: str) -> str:
        return GOOD.replace('network = "random"', f'network = "file"\nmodel = {name}')

    lesson = load_lesson(write(lesson_dir, with_model('"inside.npz"')))
    assert lesson.model_path(lesson.stops[0]) == lesson_dir / "inside.npz"
    for name in (
        '"../outside.npz"', f'"{tmp_path / "outside.npz"}"', '"link.npz"', '"sub\\\\x.npz"',
        '"C:/x.npz"', '"missing.npz"', '"inside.toml"', '""', "3",
    ):  # fmt: skip
        error = error_of(lesson_dir, with_model(name))
        assert error.line == line_of(with_model(name), "model ="), name
        assert "model" in str(error)


def test_a_model_file_too_large_is_refused(tmp_path, monkeypatch):
    save_model(tmp_path / "big.npz", Network(seed=0))
    text = GOOD.replace('network = "random"', 'network = "file"\nmodel = "big.npz"')
    monkeypatch.setattr(lesson_file, "MAX_MODEL_BYTES", 1000)
    error = error_of(tmp_path, text)
    assert "larger" in str(error)
    assert error.line == line_of(text, "model =")


def test_a_file_too_large_is_refused_before_it_is_parsed(tmp_path):
    text = GOOD + "# " + "x" * MAX_FILE_BYTES + "\n"
    error = error_of(tmp_path, text)
    assert error.line is None
    assert "larger" in str(error)


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "lesson.toml"
    path.write_bytes(GOOD.encode() + b"# \xff\n")
    with pytest.raises(LessonFileError, match="UTF-8") as caught:
        load_lesson(path)
    assert caught.value.line == len(GOOD.splitlines()) + 1


def test_a_missing_file_says_it_cannot_be_read(tmp_path):
    with pytest.raises(LessonFileError, match="cannot be read"):
        load_lesson(tmp_path / "nothing.toml")


@pytest.mark.parametrize("opener", ["[", "{a = "])
def test_deep_nesting_is_refused_quickly_with_its_line(tmp_path, opener):
    closer = "]" if opener == "[" else "}"
    depth = 30_000
    text = GOOD + "deep = " + opener * depth + "1" + closer * depth + "\n"
    started = time.perf_counter()
    error = error_of(tmp_path, text)
    assert time.perf_counter() - started < 5.0  # a hang, not a speed target
    assert "nested" in str(error)
    assert error.line == len(text.splitlines())


def test_a_long_file_of_junk_lines_is_refused_in_linear_time(tmp_path):
    # One long line of quotes and brackets: the scans must not be quadratic in it.
    text = GOOD + 'junk = "' + '\\"[{' * 60_000 + '"\n'
    started = time.perf_counter()
    error = error_of(tmp_path, text)
    assert time.perf_counter() - started < 5.0
    assert "junk" in str(error)


def test_brackets_inside_strings_and_comments_are_not_nesting():
    text = 'a = "[[[[[[[[[[[[" # {{{{{{{{{{{{{\nb = """\n[[[[[[[[[[[[\n"""\nc = [[1], [2]]\n'
    assert lesson_toml.deepest_nesting(text) == (2, 5)


def test_every_key_of_a_shipped_lesson_is_found_on_its_line():
    for path in LESSONS:
        text = path.read_text(encoding="utf-8")
        lines = lesson_toml.key_lines(text)
        data = tomllib.loads(text)
        for i, stop in enumerate(data["stops"]):
            assert text.splitlines()[lines[("stops", i)] - 1] == "[[stops]]"
            for key in stop.get("state", {}):
                line = text.splitlines()[lines[("stops", i, "state", key)] - 1]
                assert re.match(rf"{key}\s*=", line) or line == f"[stops.state.{key}]"


def test_the_control_names_are_plain_words():
    assert all(re.fullmatch(r"[a-z_]+", name) for name in CONTROL_NAMES)


def test_a_written_value_must_be_finite():
    with pytest.raises(ValueError, match="finite"):
        lesson_toml.toml_value(float("nan"))
    assert tomllib.loads("x = " + lesson_toml.toml_value(1e-300))["x"] == 1e-300
