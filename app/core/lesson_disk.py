"""Lesson files on disk: read one as text, bounded; write a lesson and its model files
whole or not at all.

``read_text`` is what ``app.core.lesson_file.load_lesson`` reads before it parses: at most
``max_bytes`` + 1 bytes of a regular file (a pipe would make ``open`` wait for ever), UTF-8
with or without Windows' byte order mark, and a UTF-16 file named as such. ``write_whole``
writes several files as one save: each in full to a ``.NAME.XXXXXXXX.part`` beside its
target (synced), then all renamed into place in order, so a full disk or a folder that cannot
be written changes no file, and a save killed outright leaves only ``.part`` files.
Two Backprop Labs saving into one folder take turns by a ``QLockFile``
(``app.ui.lesson_author.saving_in``): locking is the platform's, from Qt, and core has no Qt.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from app.errors import LessonFileError


def read_text(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of the file ``path`` (a leading byte order mark dropped: TOML has
    none, Notepad may write one); LessonFileError saying why not, with the line of a byte
    that is not UTF-8."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise LessonFileError(path, "is not a file")
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise LessonFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > max_bytes:
        raise LessonFileError(path, f"is larger than a lesson file can be ({max_bytes:,} B)")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise LessonFileError(path, "is UTF-16 text: save it again as UTF-8", 1)
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LessonFileError(path, "is not UTF-8 text", line) from exc


def write_whole(files: Sequence[tuple[Path, bytes | Path]]) -> None:
    """Write each (target, content) of ``files``: ``content`` the bytes, or a file to copy.
    All are written to parts first and renamed into place only when every part is whole,
    in the order given; LessonFileError naming the target that failed, every part removed
    and no target changed, if one cannot be written."""
    parts: list[tuple[str, Path]] = []
    target = Path()
    try:
        for target, content in files:
            parts.append((_written_part(Path(target), content), Path(target)))
        for part, target in parts:
            os.replace(part, target)
    except OSError as exc:
        for part, _ in parts:
            with contextlib.suppress(OSError):
                os.unlink(part)
        reason = f"cannot be written ({exc.strerror or exc}); the lesson was not saved"
        raise LessonFileError(Path(target), reason) from exc


def _written_part(target: Path, content: bytes | Path) -> str:
    """A temporary file beside ``target`` holding ``content`` (bytes, or a file's copy),
    synced to the disk, with ``target``'s permissions (0644 for a new file); OSError, and
    no part left, if it cannot be written whole."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(content, bytes):
                f.write(content)
            else:
                with open(content, "rb") as copied:
                    shutil.copyfileobj(copied, f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return name
