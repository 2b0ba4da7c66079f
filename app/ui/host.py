"""The narrow host: all a view or a controller may ask of the window that holds it.

Controllers (the lesson mode, the look-inside views, the landscape, the session keeper) get
a ``ViewHost``, never the window: they send commands, read the snapshot on screen, hold
training for a frame's worth of drawing and say a short thing in the status bar. Whatever
else they need (the graph, the worker's signals) is handed to them by name when they are
made, so each can be placed on its own, in any layout, and tested with a stand-in host.
"""

from __future__ import annotations

from typing import Protocol

from app.training import commands as cmd
from app.training.snapshot import Snapshot


class ViewHost(Protocol):
    def send(self, command: cmd.Command) -> None:
        """Queue a command for the training worker."""

    def current_snapshot(self) -> Snapshot | None:
        """The snapshot the window shows now (None before the first)."""

    def hold_frame(self) -> None:
        """Training waits while this frame is built and painted (see MainWindow.hold_frame)."""

    def status(self, text: str, timeout_ms: int = 6000) -> None:
        """A short message in the status bar."""
