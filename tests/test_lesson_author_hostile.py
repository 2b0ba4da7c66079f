"""Making a lesson, attacked: quitting with stops not saved, saving over a lesson or beside
another's model files, a lesson whose model file is bad or goes away, another lesson opened
while the draft is not saved. Nothing the teacher made is lost without a question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.lesson_file import find_lesson, load_lesson
from app.core.model_file import save_model
from app.core.network import Architecture, Network
from app.errors import LessonFileError
from app.ui.presenter import apply_presentation, is_presenting
from tests.test_lesson_author import form_for_a_stop

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _a_draft_left_by_a_test_is_let_go_unasked(monkeypatch):
    """A draft a test leaves unsaved makes the window's close ask (a modal question that
    would wait for ever); pytest-qt closes the window before fixtures end: Discard answers."""
    discard = QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: discard)


def a_stop_made(qtbot, window, caption: str) -> None:
    form = form_for_a_stop(qtbot, window)
    form.caption_en.setPlainText(caption)
    form.accept()
    assert not form.isVisible()


def answering(monkeypatch, *answers: Button) -> list[str]:
    """QMessageBox.question answers ``answers`` in turn; the questions' texts are kept."""
    asked: list[str] = []
    replies = iter(answers)

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return next(replies)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def saving_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def test_quitting_with_stops_not_saved_asks_and_cancel_keeps_everything(
    qtbot, window, tmp_path, monkeypatch
):
    maker = window.menus.maker
    a_stop_made(qtbot, window, "Not saved yet")
    asked = answering(monkeypatch, Button.Cancel, Button.Save)
    assert not window.close()
    assert "not saved" in asked[0]
    assert window.isVisible()
    assert window.training.thread.isRunning()
    assert maker.unsaved
    assert len(maker.draft.stops) == 1
    saving_as(monkeypatch, tmp_path / "kept.toml")
    assert window.close()  # Save: the file dialog, the lesson written, then the window goes
    assert len(asked) == 2
    assert load_lesson(tmp_path / "kept.toml").stops[0].caption.en == "Not saved yet"


def test_quitting_after_a_save_or_with_nothing_made_asks_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    asked = answering(monkeypatch)  # any question would fail: no answers
    a_stop_made(qtbot, window, "Saved")
    window.menus.maker.save(tmp_path / "saved.toml")
    assert window.close()
    assert asked == []


def test_a_name_typed_without_toml_asks_before_it_replaces_that_lesson(
    qtbot, window, tmp_path, monkeypatch
):
    maker = window.menus.maker
    existing = tmp_path / "mine.toml"
    old_text = find_lesson("gradient_descent").read_text(encoding="utf-8")
    existing.write_text(old_text, encoding="utf-8")
    a_stop_made(qtbot, window, "New")
    saving_as(monkeypatch, tmp_path / "mine")  # the dialog confirmed "mine", not mine.toml
    asked = answering(monkeypatch, Button.No, Button.Yes)
    assert not maker.choose_and_save()
    assert "mine.toml" in asked[0]
    assert existing.read_text(encoding="utf-8") == old_text
    assert maker.unsaved
    assert maker.choose_and_save()
    assert load_lesson(existing).stops[0].caption.en == "New"
    assert not maker.unsaved


def test_a_save_never_writes_over_a_model_file_already_there(qtbot, window, tmp_path):
    maker = window.menus.maker
    a_stop_made(qtbot, window, "Mine")
    # Another lesson's model file with the name this one's first would take ("a b.toml"
    # and "a_b.toml" both name theirs a_b_stop01.npz).
    theirs = tmp_path / "a_b_stop01.npz"
    save_model(theirs, Network(seed=7))
    their_bytes = theirs.read_bytes()
    saved = maker.save(tmp_path / "a b.toml")
    assert saved.stops[0].state.model == "a_b_stop01-2.npz"
    assert theirs.read_bytes() == their_bytes

    # Saved over with other weights at the stop: a new file; the replaced one goes once
    # the new lesson is in place; the same weights are not copied again.
    draft = maker.draft
    save_model(draft.model_path(draft.stops[0]), Network(seed=8))
    again = maker.save(tmp_path / "a b.toml")
    assert again.stops[0].state.model == "a_b_stop01-3.npz"
    assert not (tmp_path / "a_b_stop01-2.npz").exists()
    assert theirs.read_bytes() == their_bytes
    made = (tmp_path / "a_b_stop01-3.npz").stat().st_mtime_ns
    assert maker.save(tmp_path / "a b.toml").stops[0].state.model == "a_b_stop01-3.npz"
    assert (tmp_path / "a_b_stop01-3.npz").stat().st_mtime_ns == made
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("settings"))
    assert names == ["a b.toml", "a_b_stop01-3.npz", "a_b_stop01.npz"]


LESSON = """\
format = 1
title.en = "Two stops"

[[stops]]
scene = "network"
caption.en = "From a file"

[stops.state]
network = "file"
model = "{model}"

[[stops]]
scene = "loss"
caption.en = "Also from a file"

[stops.state]
network = "file"
model = "{model}"
"""


@pytest.mark.parametrize("problem", ["other inputs", "truncated", "not a zip"])
def test_a_lesson_whose_model_file_is_bad_is_refused_before_anything_changes(
    window, tmp_path, monkeypatch, problem
):
    good = tmp_path / "good.npz"
    save_model(good, Network(seed=0))
    model = tmp_path / "model.npz"
    if problem == "other inputs":
        save_model(model, Network(Architecture((100, 5, 10)), seed=0))
    elif problem == "truncated":
        model.write_bytes(good.read_bytes()[:5000])
    else:
        model.write_bytes(b"PK\x03\x04" + b"\x00" * 1000)
    path = tmp_path / "lesson.toml"
    path.write_text(LESSON.format(model="model.npz"), encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    assert not window.menus.open_lesson(path)
    assert "line 4" in said[0]
    assert "model.npz" in said[0]
    assert not is_presenting(window)
    assert not window.stage.lesson.is_open


def test_a_model_file_gone_while_the_lesson_runs_is_said_on_the_stage(
    qtbot, window, tmp_path, monkeypatch
):
    save_model(tmp_path / "one.npz", Network(seed=0))
    save_model(tmp_path / "two.npz", Network(seed=1))
    path = tmp_path / "lesson.toml"
    text = LESSON.format(model="one.npz")
    path.write_text(text[::-1].replace("one.npz"[::-1], "two.npz"[::-1], 1)[::-1], "utf-8")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    player = window.stage.lesson
    try:
        assert window.menus.open_lesson(path)
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        (tmp_path / "two.npz").unlink()  # the USB stick pulled out
        player.next_stop()
        assert player.index == 0
        assert "Stop 2" in said[0]
        assert "two.npz" in said[0]
    finally:
        player.close_lesson()
        apply_presentation(window, False)


def test_another_lesson_opened_while_stops_are_not_saved_leaves_the_draft_whole(
    qtbot, window, tmp_path, monkeypatch
):
    maker = window.menus.maker
    a_stop_made(qtbot, window, "Mine")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    player = window.stage.lesson
    try:
        assert window.menus.open_lesson(find_lesson("gradient_descent"))
        qtbot.wait_until(lambda: player.setup is not None, timeout=10_000)
        saving_as(monkeypatch, tmp_path / "mine.toml")
        assert not maker.choose_and_save()  # which lesson? the teacher is told to close one
        assert "not saved" in warned[0]
        player.close_lesson()
        assert maker.choose_and_save()
    finally:
        player.close_lesson()
        apply_presentation(window, False)
    assert [s.caption.en for s in load_lesson(tmp_path / "mine.toml").stops] == ["Mine"]


def test_two_saves_into_one_folder_wait_for_each_other(tmp_path, monkeypatch):
    from app.ui import lesson_author

    monkeypatch.setattr(lesson_author, "LOCK_WAIT_MS", 0)
    with lesson_author.saving_in(tmp_path):
        assert (tmp_path / lesson_author.LOCK_NAME).exists()
        with (
            pytest.raises(LessonFileError, match="another Backprop Lab is saving here"),
            lesson_author.saving_in(tmp_path),
        ):
            pass
    with lesson_author.saving_in(tmp_path):  # free again
        pass
    assert list(tmp_path.iterdir()) == []  # nothing left in the folder


def test_a_folder_where_no_lock_can_be_made_is_saved_into_unlocked(tmp_path):
    from app.ui import lesson_author

    missing = tmp_path / "not there"  # as a read-only folder: no lock file can be made
    with lesson_author.saving_in(missing):
        pass
