"""Nothing lost: the session is saved every few minutes and on close; a crash is noticed.

A running window holds a lock (Qt's ``QLockFile``) in its session folder. A clean close removes
the lock; a lock left behind by a process that is gone (killed, crashed, power cut) is stale,
and the next launch offers that session's last autosave. ``QLockFile`` decides staleness the
portable way: the holder's process id, its program name and the machine's boot, so a live
holder is never signalled (``os.kill(pid, 0)`` would *terminate* it on Windows) and a lock whose
number now belongs to another program counts as stale.

Where the sessions go, in order:

1. ``<data folder>/session``; a second window at once takes ``session-2``, a third
   ``session-3``…, so every window has its own autosave and none is left without one;
2. when the data folder cannot be written (a read-only or full home), the same under a
   folder of the platform's temporary place (``places.fallback_data_dir``), and the window
   says so in a banner that stays;
3. when nothing can be written, autosave is off and the window says that instead.

Each launch first moves the autosave the last run left (closed cleanly or not) into
``recent/``, newest first, keeping ``RECENT_KEPT``: a new run's autosaves can never overwrite
what the last one left, and "continue where you left off" has something to offer.
"""

from __future__ import annotations

import contextlib
import enum
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from app.core import model_file
from app.places import fallback_data_dir, user_data_dir

#: Seconds between autosaves (environment ``BACKPROP_LAB_AUTOSAVE_S`` overrides, for tests).
AUTOSAVE_INTERVAL_S = 180.0
AUTOSAVE_NAME = "autosave.npz"
#: The autosave before the newest (the window keeps it while it writes the next one).
PREVIOUS_NAME = "autosave.previous.npz"
LOCK_NAME = "running.lock"
RECENT_FOLDER = "recent"
#: Sessions kept from earlier runs: enough to step back past a few launches that were closed
#: straight away (each would otherwise push a long lesson out), few enough to stay small.
RECENT_KEPT = 5
#: Windows at once with one data folder, each with its own session folder. A classroom
#: machine runs one or two; past this many something is starting windows in a loop.
MAX_WINDOWS = 8
#: An autosave is written beside the last one before it replaces it, so it needs room for
#: both (checked before saving, and said when short).
ROOM_FACTOR = 2


def autosave_interval_s() -> float:
    try:
        value = float(os.environ.get("BACKPROP_LAB_AUTOSAVE_S", AUTOSAVE_INTERVAL_S))
    except ValueError:
        return AUTOSAVE_INTERVAL_S
    return value if value > 0 else AUTOSAVE_INTERVAL_S


class Where(enum.Enum):
    """Where this window's autosave goes."""

    DATA_FOLDER = "data folder"
    FALLBACK = "temporary folder"  # the data folder cannot be written
    OFF = "off"  # nowhere can be written


@dataclass(frozen=True)
class RecentSession:
    """An autosave an earlier run left: the file and when it was written (seconds since epoch)."""

    path: Path
    saved_at: float


class SessionGuard:
    """The lock, the autosave and the recent sessions of one running window.

    ``begin()`` returns the autosave of a session that ended without closing (or None),
    having moved it into the recent sessions; it takes this window's session folder (see the
    module's docstring). ``where`` says where the autosave goes; ``unwritable`` names the data
    folder that could not be used, if that is why.
    """

    def __init__(self, folder: Path | None = None, fallback: Path | None = None) -> None:
        self.base = Path(folder) if folder is not None else user_data_dir() / "session"
        self._fallback = fallback
        self.folder = self.base
        self.where = Where.OFF
        self.unwritable: Path | None = None
        self._lock: QLockFile | None = None

    @property
    def active(self) -> bool:
        return self._lock is not None

    @property
    def autosave_path(self) -> Path:
        return self.folder / AUTOSAVE_NAME

    @property
    def lock_path(self) -> Path:
        return self.folder / LOCK_NAME

    @property
    def recent_folder(self) -> Path:
        return self.folder / RECENT_FOLDER

    def begin(self) -> Path | None:
        taken = self._take_slot(self.base)
        if taken is not None:
            self.where = Where.DATA_FOLDER
            return taken[1]
        self.unwritable = self.base
        taken = self._take_slot(self._fallback or fallback_data_dir() / "session")
        self.where = Where.OFF if taken is None else Where.FALLBACK
        return None if taken is None else taken[1]

    def _take_slot(self, base: Path) -> tuple[Path, Path | None] | None:
        """The first session folder under ``base`` whose lock this window gets, and the crashed
        autosave found there; None when ``base`` cannot be written."""
        for number in range(1, MAX_WINDOWS + 1):
            folder = base if number == 1 else base.with_name(f"{base.name}-{number}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return None
            lock = QLockFile(str(folder / LOCK_NAME))
            lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
            left_behind = (folder / LOCK_NAME).exists()
            if not lock.tryLock(0) and _unreadable(lock):
                # A damaged lock (cut short by a full disk or a kill mid-write) names no
                # process, and QLockFile never calls such a lock stale when it is judged by
                # process alone: it is a crash's leftover all the same.
                lock.removeStaleLockFile()
                lock.tryLock(0)
            if lock.error() != QLockFile.LockError.NoError:
                if lock.error() == QLockFile.LockError.LockFailedError:
                    continue  # a live window holds it: try the next folder
                return None  # permission denied or another error: not writable
            if not _writable(folder):
                lock.unlock()
                return None
            self.folder, self._lock = folder, lock
            model_file.sweep_stale_parts(folder)  # temp files of saves killed mid-way
            moved = self._keep_last_autosave()
            return folder, (moved if left_behind else None)
        return None

    def _keep_last_autosave(self) -> Path | None:
        """Move what the last run left into ``recent/``; the newest file moved, if any.

        That is the autosave and the one before it (the window keeps the previous autosave
        beside the newest, so a failed or emptier save never leaves nothing behind).
        """
        newest = None
        for name in (PREVIOUS_NAME, AUTOSAVE_NAME):  # oldest first
            source = self.folder / name
            if not source.exists():
                continue
            try:
                self.recent_folder.mkdir(exist_ok=True)
                saved_at = time.localtime(source.stat().st_mtime)
                target = _free_name(self.recent_folder, time.strftime("%Y%m%d-%H%M%S", saved_at))
                os.replace(source, target)
            except OSError:
                newest = source  # cannot move it: offer it where it is
                continue
            newest = target
        for old in self.recent_sessions()[RECENT_KEPT:]:
            with contextlib.suppress(OSError):
                old.path.unlink()
        return newest

    def recent_sessions(self) -> list[RecentSession]:
        """The sessions earlier runs left, newest first."""
        found = []
        with contextlib.suppress(OSError):
            for path in self.recent_folder.glob("session-*.npz"):
                with contextlib.suppress(OSError):
                    found.append(RecentSession(path, path.stat().st_mtime))
        return sorted(found, key=lambda s: (s.saved_at, s.path.name), reverse=True)

    def has_room_for(self, expected_bytes: int) -> tuple[bool, int]:
        """Whether an autosave of about ``expected_bytes`` fits; and the free bytes."""
        try:
            free = shutil.disk_usage(self.folder).free
        except OSError:
            return False, 0
        return free >= ROOM_FACTOR * expected_bytes, free

    def end(self) -> None:
        """A clean close: the lock goes, the last autosave stays (the next launch keeps it)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _unreadable(lock: QLockFile) -> bool:
    """Whether the lock that stopped ``lock`` names no process (an empty or damaged file)."""
    pid = lock.getLockInfo()[0]
    return lock.error() == QLockFile.LockError.LockFailedError and not pid


def _free_name(folder: Path, stamp: str) -> Path:
    target = folder / f"session-{stamp}.npz"
    number = 2
    while target.exists():
        target = folder / f"session-{stamp}-{number}.npz"
        number += 1
    return target


def _writable(folder: Path) -> bool:
    """Whether a file can really be made in ``folder`` (a read-only mount passes mkdir)."""
    probe = folder / f".write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True
