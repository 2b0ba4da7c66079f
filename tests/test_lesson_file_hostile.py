"""Lesson files a hostile tester made: keys of thousands of parts, a byte order mark, UTF-16,
a pipe, and saves that fail half-way. Each gets a clear message and changes nothing."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from app.core import lesson_toml
from app.core.lesson_file import (
    MAX_KEY_PARTS,
    Lesson,
    Stop,
    StopState,
    Text,
    load_lesson,
    save_lesson,
    shipped_lessons,
)
from app.core.model_file import save_model
from app.core.network import Network
from app.errors import LessonFileError
from tests.test_lesson_file import GOOD, error_of

PARTS = 30_000  # 60 KB of key: tomllib alone took ~20 s on it, key_lines as long again


@pytest.mark.parametrize(
    "key",
    [
        "a" + ".a" * PARTS + " = 1",  # a key
        '"a"' + '."a"' * PARTS + " = 1",  # a key of quoted parts
        "x = {a" + ".a" * PARTS + " = 1}",  # in an inline table
        "[a" + ".a" * PARTS + "]",  # a table's header
    ],
    ids=["bare", "quoted", "inline", "header"],
)
def test_a_key_of_thousands_of_dotted_parts_is_refused_at_once_with_its_line(tmp_path, key):
    text = GOOD + key + "\n"
    started = time.perf_counter()
    error = error_of(tmp_path, text)
    assert time.perf_counter() - started < 5.0  # a hang, not a speed target
    assert "dotted key" in str(error)
    assert error.line == len(text.splitlines())


def test_dots_in_texts_numbers_and_short_keys_are_not_a_long_key():
    text = 'a.b.c.d = 0.5\nb = "1.2.3.4.5.6.7.8.9.10"  # x.y.z.w.v.u.t.s.r.q\nc = [0.1, 0.2, 0.3]\n'
    assert lesson_toml.longest_dotted_key(text) == (4, 1)
    for path in shipped_lessons().values():
        parts, _ = lesson_toml.longest_dotted_key(path.read_text(encoding="utf-8"))
        assert parts <= MAX_KEY_PARTS


def test_a_file_saved_with_a_byte_order_mark_reads_as_without_it(tmp_path):
    plain = load_lesson(_write_bytes(tmp_path / "plain.toml", GOOD.encode()))
    marked = load_lesson(_write_bytes(tmp_path / "marked.toml", b"\xef\xbb\xbf" + GOOD.encode()))
    assert marked == plain


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(tmp_path, encoding):
    raw = GOOD.encode(encoding)
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = b"\xfe\xff" + raw
    with pytest.raises(LessonFileError, match="UTF-16") as caught:
        load_lesson(_write_bytes(tmp_path / "wide.toml", raw))
    assert "UTF-8" in str(caught.value)


def test_a_pipe_or_a_folder_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "folder.toml").mkdir()
    for name in ("pipe.toml", "folder.toml"):
        with pytest.raises(LessonFileError, match="is not a file"):
            load_lesson(tmp_path / name)


def _write_bytes(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path


# -- saving --------------------------------------------------------------------------------


def _lesson_with_models(folder: Path, tag: str, seeds: list[int]) -> tuple[Lesson, list]:
    """A lesson whose stops use model files in ``folder`` (the draft's), and its models as
    (source, name) pairs."""
    folder.mkdir(exist_ok=True)
    stops, models = [], []
    for i, seed in enumerate(seeds):
        name = f"{tag}{i}.npz"
        save_model(folder / name, Network(seed=seed))
        stops.append(Stop("network", Text(en=f"{tag} {i}"), StopState("file", model=name)))
        models.append((folder / name, f"L_stop{i + 1:02d}.npz"))
    return Lesson(Text(en=tag), tuple(stops), folder / "draft.toml"), models


def _save(lesson: Lesson, models: list, path: Path) -> Path:
    stops = [
        Stop(s.scene, s.caption, StopState("file", model=name))
        for s, (_source, name) in zip(lesson.stops, models, strict=True)
    ]
    copies = [(source, path.parent / name) for source, name in models]
    return save_lesson(path, Lesson(lesson.title, tuple(stops)), copies)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_save_whose_disk_fills_half_way_changes_no_file_and_leaves_no_part(tmp_path, monkeypatch):
    target = tmp_path / "saved"
    target.mkdir()
    old, old_models = _lesson_with_models(tmp_path / "old", "old", [1])
    _save(old, old_models, target / "L.toml")
    before = _contents(target)
    new, new_models = _lesson_with_models(tmp_path / "new", "new", [2, 3, 4])
    real_fsync, synced = os.fsync, []

    def disk_full_at_the_second_file(fd):
        synced.append(fd)
        if len(synced) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_at_the_second_file)
    with pytest.raises(LessonFileError, match="No space left") as caught:
        _save(new, new_models, target / "L.toml")
    assert caught.value.path == target / "L_stop02.npz"
    assert "not saved" in str(caught.value)
    assert _contents(target) == before  # the old lesson's own weights, and no .part
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert load_lesson(_save(new, new_models, target / "L.toml")).title.en == "new"
    assert sorted(_contents(target)) == ["L.toml", *(f"L_stop0{i}.npz" for i in (1, 2, 3))]
