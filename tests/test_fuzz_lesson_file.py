"""Fuzzing lesson files: damaged or hostile ones load or fail with LessonFileError, never more.

Two sources: the shipped lessons with bytes flipped, runs overwritten, cuts and tails; and
lessons whose values are replaced by anything TOML can hold (NaN, ±inf, huge numbers, deep
tables, long texts, wrong types), written inline. CI runs a modest number of examples; set
BACKPROP_LAB_FUZZ_EXAMPLES (e.g. 5000) for a long run.
"""

from __future__ import annotations

import math
import os
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import RESOURCES_DIR
from app.core.lesson_file import Lesson, parse_lesson
from app.core.lesson_toml import toml_string
from app.errors import LessonFileError
from tests.test_fuzz_model_file import damage, damaged  # the same damage as to model files

EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "150"))
ORIGINALS = {p.stem: p.read_bytes() for p in sorted((RESOURCES_DIR / "lessons").glob("*.toml"))}
FOLDER = Path(tempfile.gettempdir())


def read(raw: bytes) -> Lesson | LessonFileError:
    """What the app gets from these bytes: a lesson or the one clear error."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return LessonFileError("x", "not UTF-8")  # load_lesson's own answer
    try:
        return parse_lesson(text, FOLDER / "fuzz.toml")
    except LessonFileError as exc:
        error = exc
    assert str(error).startswith(str(FOLDER / "fuzz.toml"))
    return error


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(ORIGINALS)), hows=st.lists(damage, min_size=1, max_size=4))
def test_a_damaged_lesson_loads_or_fails_with_the_clear_error(name, hows):
    raw = ORIGINALS[name]
    for how in hows:
        raw = damaged(raw, how) or b"x"
    read(raw)


def inline(value) -> str:
    """Any value TOML holds, written inline (NaN and infinities included)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml_string(k)} = {inline(v)}" for k, v in value.items()) + "}"


scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["network", "w3[2,5]", "a2[1]", "lesson", "number", "../x.npz", "gd"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def places(data, path=()):
    """Every path into ``data`` that holds a value."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from places(value, (*path, i))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(ORIGINALS)),
    pick=st.integers(0, 10**6),
    value=values,
    extra_key=st.booleans(),
)
def test_a_lesson_with_any_value_anywhere_loads_or_fails_with_the_clear_error(
    name, pick, value, extra_key
):
    data = tomllib.loads(ORIGINALS[name].decode())
    spots = list(places(data))[1:]
    path = spots[pick % len(spots)]
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    if extra_key and isinstance(holder, dict):
        holder["extra"] = value
    else:
        holder[path[-1]] = value
    text = "\n".join(f"{toml_string(k)} = {inline(v)}" for k, v in data.items()) + "\n"
    result = read(text.encode())
    if isinstance(result, Lesson):
        assert len(result.stops) >= 1


def test_a_shipped_lesson_written_all_inline_is_the_same_lesson():
    for name, raw in ORIGINALS.items():
        data = tomllib.loads(raw.decode())
        text = "\n".join(f"{toml_string(k)} = {inline(v)}" for k, v in data.items()) + "\n"
        assert parse_lesson(text, FOLDER / "x.toml") == parse_lesson(
            raw.decode(), FOLDER / "y.toml"
        ), name
