"""A stop on the step-through may open at a sub-step: a clicker's PageDown goes from stop to
stop and cannot walk sub-steps, so a stop about the backward pass opens there itself."""

from __future__ import annotations

import pytest

from app.core.lesson_file import (
    Lesson,
    Stop,
    StopState,
    Text,
    load_lesson,
    parse_lesson,
    save_lesson,
)
from app.errors import LessonFileError
from tests.test_lesson_author import form_for_a_stop


def lesson_text(scene: str, substep: str) -> str:
    return f"""format = 1
title.en = "t"

[[stops]]
scene = "{scene}"
{substep}
caption.en = "c"
"""


def test_a_step_stop_keeps_its_substep_through_a_save_and_a_load(tmp_path):
    lesson = parse_lesson(lesson_text("step", "substep = 5"), tmp_path / "a.toml")
    assert lesson.stops[0].substep == 5
    assert parse_lesson(lesson_text("step", ""), tmp_path / "b.toml").stops[0].substep == 1
    saved = save_lesson(tmp_path / "c.toml", lesson)
    assert load_lesson(saved).stops[0].substep == 5


@pytest.mark.parametrize(
    ("scene", "line", "words"),
    [
        ("network", "substep = 4", 'only read with scene = "step"'),
        ("step", "substep = 0", "whole number from 1"),
        ("step", "substep = 2.5", "whole number from 1"),
    ],
)
def test_a_substep_where_it_cannot_be_says_why_with_its_line(tmp_path, scene, line, words):
    with pytest.raises(LessonFileError, match=words) as caught:
        parse_lesson(lesson_text(scene, line), tmp_path / "bad.toml")
    assert caught.value.line == 6


def test_the_lesson_opens_the_step_through_at_the_stops_substep_and_lets_go_after(qtbot, window):
    stops = (
        Stop("step", Text(en="the error"), StopState(granularity="example"), substep=4),
        Stop("network", Text(en="on")),
    )
    stage = window.stage
    window.presenter.action.setChecked(True)  # the stage on screen: its scenes enter
    stage.open_lesson(Lesson(Text(en="substeps"), stops))
    player = stage.lesson
    try:
        panel = stage.scene_named("step").panel
        qtbot.wait_until(
            lambda: (
                panel.current_frame() is not None and panel.current_frame().substep.kind == "error"
            ),
            timeout=10_000,
        )
        assert panel.current_frame().index == 3
        player.next_stop()
        assert panel.first_index == 0  # the next stop asks for none
    finally:
        player.close_lesson()
        window.presenter.action.setChecked(False)


def test_a_stop_added_on_the_step_through_records_its_substep(qtbot, window):
    stage = window.stage
    window.presenter.action.setChecked(True)
    stage.show_scene("step")
    panel = stage.scene_named("step").panel
    qtbot.wait_until(lambda: panel.current_frame() is not None, timeout=10_000)
    panel.next_substep()
    panel.next_substep()
    form = form_for_a_stop(qtbot, window)
    try:
        assert form.stop().scene == "step"
        assert form.stop().substep == 3
        form.scene_choice.setCurrentIndex(form.scene_choice.findData("network"))
        assert form.stop().substep == 1  # another scene has no sub-steps
    finally:
        form.reject()
        window.presenter.action.setChecked(False)
