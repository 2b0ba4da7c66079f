"""The project's own error types: the only exceptions a loader lets escape.

Every message names the file (or address) it is about and says what is wrong in words a
teacher can act on, so the window and the command line can show it as it is.
"""

from __future__ import annotations

from pathlib import Path


class BackpropLabError(Exception):
    """Base of every error this project raises on purpose."""


class FileFormatError(BackpropLabError):
    """A file exists but its content is not what it should be (truncated, corrupt, foreign).

    ``path`` is the file; ``reason`` is what is wrong with it.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class DataFileError(FileFormatError):
    """An IDX or dataset file cannot be used."""


class ModelFileError(FileFormatError):
    """A model or session file cannot be used."""


class ImageFileError(FileFormatError):
    """An image given to ``classify`` cannot be read."""


class DownloadError(BackpropLabError):
    """A download failed; nothing partial was left in the cache."""


class DownloadCancelled(DownloadError):
    """The user cancelled a download; nothing partial was left in the cache."""


class ConfigError(BackpropLabError, ValueError):
    """A hyperparameter or architecture that the engine cannot use."""


class LessonFileError(FileFormatError):
    """A lesson file cannot be used. ``line`` is the line (1-based) the problem is on, or
    None when it is about the whole file (too big, unreadable); the message names both."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.line = line
        where = reason if line is None else f"line {line}: {reason}"
        super().__init__(path, where)
        self.reason = reason
