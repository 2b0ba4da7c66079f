"""A teacher makes a lesson in the app: "Add this as a stop" records the state (the weights
written by the worker), a form adds caption, question and controls, and File → Save lesson
writes a file that reopens as the same lesson, its weights bit for bit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.lesson_file import Text, find_lesson, load_lesson
from app.core.model_file import load_model_file
from app.errors import BackpropLabError
from app.training import commands as cmd
from app.training.lesson_stops import stop_setup
from app.ui.lesson_author import model_name
from tests.test_stage import activate


@pytest.fixture(autouse=True)
def _a_draft_left_by_a_test_is_let_go_unasked(monkeypatch):
    """A draft a test leaves unsaved makes the window's close ask (a modal question that
    would wait for ever); pytest-qt closes the window before fixtures end: Discard answers."""
    discard = QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: discard)


def steps_taken(qtbot, window, steps: int):
    start = window.current_snapshot().step
    for _ in range(steps):
        window.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: window.current_snapshot().step >= start + steps, timeout=10_000)
    return window.current_snapshot()


def form_for_a_stop(qtbot, window, by_key: bool = False):
    """Ctrl+Shift+A (its action, or ``by_key`` the key pressed on the stage) and wait for
    the form (after the worker saved the weights)."""
    maker = window.menus.maker
    before = maker.dialog
    if by_key:
        activate(qtbot, window)
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window.stage, Qt.Key.Key_A, modifiers)
    else:
        window.menus.add_stop_action.trigger()
    qtbot.wait_until(
        lambda: maker.dialog is not before and maker.dialog.isVisible(), timeout=10_000
    )
    return maker.dialog


def tick(controls, names) -> None:
    for row in range(controls.count()):
        item = controls.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in names:
            item.setCheckState(Qt.CheckState.Checked)


def test_a_lesson_made_with_add_this_as_a_stop_reopens_identically(qtbot, window, tmp_path):
    maker = window.menus.maker
    snap = steps_taken(qtbot, window, 3)
    arch = snap.architecture
    chosen = (arch.weight_index(2, 2, 5), arch.weight_index(2, 3, 5))
    window.stage.set_selected(chosen)
    window.controls.granularity.setCurrentIndex(0)  # one example
    form = form_for_a_stop(qtbot, window)
    recorded = window.worker.latest_snapshot()  # paused before the weights were saved
    assert not recorded.running
    form.title_en.setText("My first lesson")
    form.title_zh.setText("我的第一課")
    form.caption_en.setPlainText("Three steps in: what will this weight do?")
    form.kind.setCurrentIndex(form.kind.findData("number"))
    form.quantity.setCurrentIndex(form.quantity.findData("change"))
    form.of.setText("w3[2,5]")
    form.tolerance.setValue(0.0005)
    form.question_zh.setText("w3[2,5] 會改變多少？")
    tick(form.hidden, {"optimizer", "experiments"})
    tick(form.locked, {"play"})
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert not form.isVisible()

    window.stage.show_scene("landscape")
    view = window.stage.scene_named("landscape").view
    view.set_kind("lesson")
    view.set_lesson_learning_rate(0.25)
    form = form_for_a_stop(qtbot, window)
    form.caption_zh.setPlainText("學習率 0.25 會怎樣？")
    form.kind.setCurrentIndex(form.kind.findData("regime"))
    form.question_en.setText("What will η = 0.25 do?")
    form.accept()
    made = maker.draft
    assert len(made.stops) == 2
    assert maker.unsaved

    saved = maker.save(tmp_path / "mine")
    assert saved.path == tmp_path / "mine.toml"
    assert not maker.unsaved
    again = load_lesson(tmp_path / "mine.toml")
    assert again == saved
    assert again.title == Text("My first lesson", "我的第一課")
    first, second = again.stops
    names = [model_name(again.path, 0), model_name(again.path, 1)]
    assert [s.state.model for s in again.stops] == names
    expected = [
        replace(s, state=replace(s.state, model=n)) for s, n in zip(made.stops, names, strict=True)
    ]
    assert list(again.stops) == expected
    assert first.scene == "network"
    assert second.scene == "landscape"
    assert first.caption == Text(en="Three steps in: what will this weight do?")
    assert first.question.of == ("w3[2,5]",)
    assert first.question.tolerance == 0.0005
    assert first.hidden == ("experiments", "optimizer")
    assert first.locked == ("play",)
    assert first.state.granularity == "example"
    assert first.state.watch == tuple(arch.parameter_name(i) for i in chosen)
    assert first.state.learning_rate == recorded.hyper.learning_rate
    assert first.state.order_seed == recorded.hyper.seed
    assert second.state.plane.kind == "lesson"
    assert second.state.plane.learning_rate == 0.25
    assert second.question.kind == "regime"
    assert second.caption.en == ""

    weights = load_model_file(tmp_path / names[0]).params
    assert weights.dtype == recorded.params.dtype
    assert np.array_equal(weights, recorded.params)  # bit for bit (no NaN in weights)
    labels = np.zeros(10, dtype=np.int64)
    setup = stop_setup(again, first, labels)
    assert setup.params.dtype == recorded.params.dtype
    assert setup.params.tobytes() == recorded.params.tobytes()

    # Opened as a lesson, the worker holds exactly the recorded weights again.
    window.send(cmd.Step("batch"))
    try:
        assert window.menus.open_lesson(tmp_path / "mine.toml")
        qtbot.wait_until(lambda: window.stage.lesson.setup is not None, timeout=10_000)
        qtbot.wait_until(
            lambda: window.worker.latest_snapshot().params.tobytes() == recorded.params.tobytes(),
            timeout=10_000,
        )
    finally:
        window.stage.lesson.close_lesson()
        window.presenter.action.setChecked(False)


def test_the_form_shows_the_recorded_scene_and_a_teacher_may_choose_another(qtbot, window):
    """From the desktop the recorded scene is the stage's last one: the form says which, in
    the window's words, and the stop takes the scene chosen there."""
    window.stage.show_scene("loss")
    form = form_for_a_stop(qtbot, window)
    try:
        assert form.scene_choice.currentData() == "loss"
        assert form.scene_choice.currentText() == "Loss curve"
        assert form.scene_choice.count() == len(window.stage.scene_names())
        form.scene_choice.setCurrentIndex(form.scene_choice.findData("numbers"))
        assert form.stop().scene == "numbers"
    finally:
        form.reject()


def test_a_stop_the_form_cannot_make_says_why_and_the_form_stays(qtbot, window):
    form = form_for_a_stop(qtbot, window)
    form.accept()  # no caption at all
    assert form.isVisible()
    assert "caption" in form.problem.text()
    assert form.problem.isVisible()
    form.caption_en.setPlainText("A weight that is not there")
    form.kind.setCurrentIndex(form.kind.findData("sign"))
    form.question_en.setText("Up or down?")
    form.of.setText("w9[0,0]")
    form.accept()
    assert form.isVisible()
    assert "w9[0,0]" in form.problem.text()
    form.of.setText("w3[2,5]")
    form.accept()
    assert not form.isVisible()
    assert len(window.menus.maker.draft.stops) == 1


def test_a_lesson_that_cannot_be_saved_says_why_and_loses_nothing(qtbot, window, tmp_path):
    maker = window.menus.maker
    with pytest.raises(BackpropLabError, match="no stops"):
        maker.save(tmp_path / "empty.toml")
    form = form_for_a_stop(qtbot, window)
    form.caption_en.setPlainText("Kept")
    form.accept()
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BackpropLabError, match="cannot be written"):
        maker.save(blocker / "lesson.toml")
    assert maker.unsaved
    assert len(maker.draft.stops) == 1
    assert list(tmp_path.iterdir()) == [blocker]
    assert maker.save(tmp_path / "kept.toml").stops[0].caption.en == "Kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file", "kept.toml", "kept_stop01.npz"]


def test_a_stop_added_while_a_lesson_is_open_joins_that_lesson(qtbot, window, tmp_path):
    maker = window.menus.maker
    shipped = load_lesson(find_lesson("gradient_descent"))
    assert window.menus.open_lesson(find_lesson("gradient_descent"))
    player = window.stage.lesson
    try:
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        player.go(2)
        assert window.pages.currentWidget() is window.stage  # on the stage, menus hidden
        form = form_for_a_stop(qtbot, window, by_key=True)
        assert form.lesson_title() == shipped.title
        form.caption_en.setPlainText("One more")
        form.accept()
        assert player.lesson is maker.draft
        assert player.index == 2
        assert len(player.lesson.stops) == len(shipped.stops) + 1
        assert str(len(shipped.stops) + 1) in player.heading.text()
        saved = maker.save(tmp_path / "longer.toml")
        assert saved.stops[: len(shipped.stops)] == shipped.stops
        assert saved.stops[-1].caption.en == "One more"
    finally:
        player.close_lesson()
        window.presenter.action.setChecked(False)
