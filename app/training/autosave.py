"""Nothing lost: the session is saved every few minutes and on close; a crash is noticed.

A lock file holding the process id marks a running session; a clean close removes it. If the
next launch finds a lock whose process is gone, that session ended without closing (killed,
crashed, power cut) and its last autosave is offered for restoring. Plain files, no Qt.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.data.download import user_data_dir

#: Seconds between autosaves (environment ``BACKPROP_LAB_AUTOSAVE_S`` overrides, for tests).
AUTOSAVE_INTERVAL_S = 180.0
AUTOSAVE_NAME = "autosave.npz"
LOCK_NAME = "running.lock"


def autosave_interval_s() -> float:
    try:
        value = float(os.environ.get("BACKPROP_LAB_AUTOSAVE_S", AUTOSAVE_INTERVAL_S))
    except ValueError:
        return AUTOSAVE_INTERVAL_S
    return value if value > 0 else AUTOSAVE_INTERVAL_S


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


class SessionGuard:
    """The lock and the autosave of one running window, in ``folder``.

    ``begin()`` returns the autosave of a session that ended without closing (or None) and
    marks this one as running. ``active`` is False when another window is already running:
    that one owns the autosave and this one leaves it alone.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else user_data_dir() / "session"
        self.autosave_path = self.folder / AUTOSAVE_NAME
        self.lock_path = self.folder / LOCK_NAME
        self.active = False

    def begin(self) -> Path | None:
        crashed = None
        other = self._lock_pid()
        if other is not None and other != os.getpid() and process_alive(other):
            return None  # another window is running: it owns the session files
        if other is not None and self.autosave_path.exists():
            crashed = self.autosave_path
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.lock_path.with_suffix(".tmp")
            tmp.write_text(str(os.getpid()))
            os.replace(tmp, self.lock_path)
        except OSError:
            return crashed  # cannot mark the session; autosave stays off, nothing breaks
        self.active = True
        return crashed

    def end(self) -> None:
        """A clean close: the lock goes, the last autosave stays (for File → Open)."""
        if self.active:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            self.active = False

    def _lock_pid(self) -> int | None:
        try:
            return int(self.lock_path.read_text().strip())
        except (OSError, ValueError):
            return None if not self.lock_path.exists() else -1
