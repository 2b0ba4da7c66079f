"""A guided lesson on the stage: the clicker walks its stops, each stop sets its scene and its
seeded state, and a question waits for the class's guess before Reveal shows the answer the
engine computes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.core.lesson_answers import Answer
from app.core.lesson_file import find_lesson, load_lesson
from app.ui.lesson_player import _factor_chain, _shown, parse_numbers
from tests.test_stage import activate, host, training  # noqa: F401 (fixtures)


@pytest.fixture
def lesson_on_stage(qtbot, host):  # noqa: F811
    lesson = load_lesson(find_lesson("gradient_descent"))
    host.stage.open_lesson(lesson)
    player = host.stage.lesson
    qtbot.wait_until(lambda: player.setup is not None, timeout=5000)
    activate(qtbot, host)
    return host, player, lesson


@pytest.mark.parametrize(
    ("said", "numbers"),
    [("0.01, 0.02", (0.01, 0.02)), ("0.51 0.22", (0.51, 0.22)), ("−1e-3", (-0.001,)), ("", ())],
)
def test_the_class_guess_reads_as_numbers(said, numbers):
    assert parse_numbers(said) == numbers


def test_the_clicker_walks_the_stops_not_the_scenes_and_stops_at_the_ends(qtbot, lesson_on_stage):
    window, player, lesson = lesson_on_stage
    stage = window.stage
    assert player.index == 0
    assert stage.current_name() == lesson.stops[0].scene
    qtbot.keyClick(stage, Qt.Key.Key_PageUp)
    assert player.index == 0
    qtbot.keyClick(stage, Qt.Key.Key_PageDown)
    assert player.index == 1
    qtbot.keyClick(stage, Qt.Key.Key_End)
    assert player.index == len(lesson.stops) - 1
    assert stage.current_name() == lesson.stops[-1].scene
    qtbot.keyClick(stage, Qt.Key.Key_Home)
    assert player.index == 0
    player.close_lesson()
    qtbot.keyClick(stage, Qt.Key.Key_PageDown)  # the scenes again
    assert stage.current_index == stage.scene_names().index(lesson.stops[0].scene) + 1


def test_a_question_waits_for_reveal_hides_its_answer_and_grades_the_class(qtbot, lesson_on_stage):
    window, player, lesson = lesson_on_stage
    stage = window.stage
    asks = next(i for i, stop in enumerate(lesson.stops) if stop.question is not None)
    player.go(asks)
    assert player.holds_training()
    numbers = stage.current_scene().numbers
    assert not numbers.isVisible()  # the five numbers would give the change away
    with qtbot.assert_not_emitted(stage.step_requested):
        qtbot.keyClick(stage, Qt.Key.Key_S)
    with qtbot.assert_not_emitted(stage.play_toggled):
        qtbot.keyClick(stage, Qt.Key.Key_Space)
    player.guess_text.setText("0.01, 0.02")
    player.reveal()
    assert player.revealed.right is True
    assert player.revealed.answer.value == pytest.approx((0.01, 0.02))
    assert "0.01" in player.result.text()
    assert numbers.isVisible()
    assert not player.holds_training()
    # The valley's stops lock the network's Step too (the lesson walks the valley instead):
    # the question no longer holds it, the lock does.
    assert "step" in lesson.stops[asks].locked
    with qtbot.assert_not_emitted(stage.step_requested):
        qtbot.keyClick(stage, Qt.Key.Key_S)
    player.hold.release()
    with qtbot.wait_signal(stage.step_requested):
        qtbot.keyClick(stage, Qt.Key.Key_S)


def test_a_wrong_guess_or_a_skip_still_shows_the_answer(qtbot, lesson_on_stage):
    _window, player, lesson = lesson_on_stage
    asks = next(i for i, stop in enumerate(lesson.stops) if stop.question is not None)
    player.go(asks)
    player.guess_text.setText("0.1 0.2")
    player.reveal()
    assert player.revealed.right is False
    player.go(asks)  # back to the stop: asked again
    assert player.revealed is None
    player.skip()
    assert player.revealed.right is None
    assert player.result.isVisible()


def test_the_clickers_next_shows_a_waiting_answer_before_it_moves_on(qtbot, lesson_on_stage):
    window, player, lesson = lesson_on_stage
    stage = window.stage
    asks = next(i for i, stop in enumerate(lesson.stops) if stop.question is not None)
    player.go(asks)
    qtbot.keyClick(stage, Qt.Key.Key_PageDown)
    assert player.index == asks  # still here: the answer first
    assert player.revealed is not None
    assert player.revealed.right is None  # nothing was said
    assert player.result.isVisible()
    qtbot.keyClick(stage, Qt.Key.Key_PageDown)
    assert player.index == asks + 1


def test_return_in_the_guess_reveals_it_graded(qtbot, lesson_on_stage):
    _window, player, lesson = lesson_on_stage
    asks = next(i for i, s in enumerate(lesson.stops) if s.question and s.question.kind == "number")
    player.go(asks)
    player.guess_text.setFocus()
    qtbot.keyClicks(player.guess_text, "0.01, 0.02")
    qtbot.keyClick(player.guess_text, Qt.Key.Key_Return)
    assert player.revealed is not None
    assert player.revealed.right is True
    assert player.index == asks


def test_a_choice_nobody_made_is_not_graded_as_the_class_answer(qtbot, lesson_on_stage):
    _window, player, lesson = lesson_on_stage
    asks = next(i for i, s in enumerate(lesson.stops) if s.question and s.question.kind != "number")
    player.go(asks)
    assert player.guess_choice.currentData() is None  # "(no guess)" comes first
    player.reveal()
    assert player.revealed.right is None
    player.go(asks)
    player.guess_choice.setCurrentIndex(1)
    player.reveal()
    assert player.revealed.right is not None


def test_going_back_to_a_stop_sets_the_same_state_again(qtbot, lesson_on_stage):
    _window, player, _lesson = lesson_on_stage
    first = player.setup
    player.go(2)
    player.go(0)
    assert np.array_equal(player.setup.params, first.params)
    assert [type(c) for c in player.setup.commands] == [type(c) for c in first.commands]
    assert player.setup.example == first.example  # the same training example first


def test_the_network_lesson_answers_from_the_planned_step(qtbot, host):  # noqa: F811
    lesson = load_lesson(find_lesson("how_a_network_learns"))
    stage = host.stage
    stage.open_lesson(lesson)
    player = stage.lesson
    qtbot.wait_until(lambda: player.setup is not None, timeout=5000)
    asks = next(
        i
        for i, stop in enumerate(lesson.stops)
        if stop.question is not None and stop.question.kind == "output"
    )
    player.go(asks)
    qtbot.wait_until(lambda: player._plan is not None, timeout=10_000)
    player.skip()
    truth = player.revealed.answer
    assert truth.value == int(player._plan.labels[0])  # the training digit's own output


def test_file_lessons_opens_a_lesson_on_the_stage_and_a_bad_file_changes_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.presenter import apply_presentation, is_presenting

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\ntitle.en = "x"\n[[stops]]\nscene = "nowhere"\n', encoding="utf-8")
    assert not window.menus.open_lesson(bad)
    assert "line 4" in said[0]
    assert "nowhere" in said[0]
    assert not is_presenting(window)
    assert not window.stage.lesson.is_open
    try:
        assert window.menus.open_lesson(find_lesson("how_a_network_learns"))
        assert is_presenting(window)
        assert window.pages.currentWidget() is window.stage
        qtbot.wait_until(lambda: window.stage.lesson.setup is not None, timeout=5000)
    finally:
        window.stage.lesson.close_lesson()
        apply_presentation(window, False)


def test_the_lesson_option_takes_exactly_one_lesson(capsys):
    from app.__main__ import main

    assert main(["--lesson"]) == 2
    assert "--lesson takes one lesson" in capsys.readouterr().err


def test_the_scene_bar_steps_aside_while_a_lesson_runs(qtbot, lesson_on_stage):
    window, player, _lesson = lesson_on_stage
    assert not window.stage.bar.isVisible()
    player.close_lesson()
    assert window.stage.bar.isVisible()


def test_one_examples_gradient_reads_as_its_factors_and_the_step_they_make():
    why = (("value", (0.475,)), ("gradient", (-0.133,)), ("learning_rate", (3.0,)))
    why += (("change", (0.399,)), ("a_prev", (0.631,)), ("slope", (0.245,)))
    why += (("dC_da", (-0.858,)),)
    chain = _factor_chain(Answer("sign", "up", ("w3[2,5]",), why))
    assert chain == (
        "dC/dw = a_prev × f′(z) × dC/da = 0.631 × 0.245 × (−0.858) = −0.133"
        " · Δw = η × (−dC/dw) = 3 × 0.133 = 0.399"
    )
    batch = tuple((k, v * 2) if k == "a_prev" else (k, v) for k, v in why)
    assert _factor_chain(Answer("sign", "up", ("w3[2,5]",), batch)) is None  # many examples


def test_the_count_of_weights_and_biases_is_shown_in_every_digit():
    why = (("weights", (12544.0, 256.0, 160.0)), ("biases", (16.0, 16.0, 10.0)))
    shown = _shown(Answer("number", (13002.0,), ("parameters",), why))
    assert shown == "13,002 weights and biases (weights 12,544 + 256 + 160, biases 16 + 16 + 10)"


def test_leaving_a_stop_and_pressing_b_brings_it_back_bit_for_bit(qtbot, host):  # noqa: F811
    from dataclasses import replace

    from app.training import commands as cmd

    lesson = load_lesson(find_lesson("how_a_network_learns"))
    stage = host.stage
    stage.open_lesson(lesson)
    player = stage.lesson
    qtbot.wait_until(lambda: player.setup is not None, timeout=5000)
    asks = next(i for i, s in enumerate(lesson.stops) if s.question and s.question.kind == "sign")
    stop = lesson.stops[asks]
    player.go(asks)
    qtbot.wait_until(lambda: host.render() and player.arrived, timeout=10_000)
    qtbot.wait_until(lambda: player._plan is not None, timeout=10_000)
    at_stop = host.worker.latest_snapshot()
    player.skip()
    revealed = player.revealed
    assert not player.back_button.isVisible()

    # Explore: another η, two steps, another scene.
    host.send(cmd.SetHyperparameters(replace(at_stop.hyper, learning_rate=0.5)))
    host.send(cmd.Step("batch"))
    host.send(cmd.Step("batch"))
    stage.show_scene("loss")
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().step == 2, timeout=10_000)
    assert player.departed
    assert player.back_button.isVisible()
    assert f"{asks + 1}" in player.back_button.text()

    activate(qtbot, host)
    qtbot.keyClick(stage, Qt.Key.Key_B)

    def back() -> bool:
        snap = host.render() and host.current_snapshot()
        return snap.params.tobytes() == at_stop.params.tobytes() and snap.step == at_stop.step

    qtbot.wait_until(back, timeout=10_000)
    snap = host.current_snapshot()
    assert snap.params.dtype == at_stop.params.dtype
    assert snap.hyper == at_stop.hyper
    assert stage.current_name() == stop.scene
    assert player.index == asks
    assert player.revealed is revealed  # the answer shown stays shown
    assert not player.holds_training()
    assert player.arrived
    assert not player.departed
    assert not player.back_button.isVisible()


def test_b_on_the_desktop_brings_the_stage_and_the_stop_back(qtbot, window):
    from app.training import commands as cmd
    from app.ui.presenter import apply_presentation, is_presenting

    assert window.menus.open_lesson(find_lesson("gradient_descent"))
    player = window.stage.lesson
    try:
        qtbot.wait_until(lambda: player.setup is not None and player.arrived, timeout=10_000)
        at_stop = window.worker.latest_snapshot()
        window.presenter.action.setChecked(False)  # F5: the desktop
        assert not is_presenting(window)
        for _ in range(3):
            window.send(cmd.Step("example"))
        qtbot.wait_until(lambda: window.worker.latest_snapshot().step == 3, timeout=10_000)
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_B)
        assert is_presenting(window)
        qtbot.wait_until(
            lambda: window.worker.latest_snapshot().params.tobytes() == at_stop.params.tobytes(),
            timeout=10_000,
        )
        assert window.worker.latest_snapshot().step == 0
        assert window.stage.current_name() == player.current_stop().scene
    finally:
        player.close_lesson()
        apply_presentation(window, False)
