"""What the window remembers between launches (QSettings), read defensively.

The settings file is the user's to edit, break or copy from another machine: every value is
checked, and anything unreadable is ``None`` (the window then keeps its default). Reading never
raises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from app.core.training import Hyperparameters
from app.errors import BackpropLabError


@dataclass(frozen=True)
class Preferences:
    geometry: QByteArray | None
    splitter: QByteArray | None
    hyper: Hyperparameters | None
    speed_index: int | None


def read_preferences(settings: QSettings) -> Preferences:
    def value(key: str) -> object:
        try:
            return settings.value(key)
        except Exception:  # a value QSettings cannot even decode is as good as absent
            return None

    geometry = value("window/geometry")
    splitter = value("window/splitter")
    try:
        learning_rate = float(value("training/learning_rate"))  # type: ignore[arg-type]
        batch_size = _whole(value("training/batch_size"))
        if batch_size is None or not math.isfinite(learning_rate):
            raise ValueError
        hyper = Hyperparameters(
            learning_rate=learning_rate,
            batch_size=batch_size,
            optimizer=str(value("training/optimizer")),
        )
    except (TypeError, ValueError, OverflowError, BackpropLabError):
        hyper = None  # nothing saved yet, or an edited settings file: keep the lesson's defaults
    return Preferences(
        geometry=geometry if isinstance(geometry, QByteArray) else None,
        splitter=splitter if isinstance(splitter, QByteArray) else None,
        hyper=hyper,
        speed_index=_whole(value("training/speed_index")),
    )


def _whole(raw: object) -> int | None:
    """A non-negative whole number written as digits (as QSettings stores ints in ini files)."""
    text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def write_preferences(settings: QSettings, saved: Preferences) -> None:
    """Write what ``read_preferences`` reads back (None: leave that value as it is)."""
    if saved.geometry is not None:
        settings.setValue("window/geometry", saved.geometry)
    if saved.splitter is not None:
        settings.setValue("window/splitter", saved.splitter)
    if saved.hyper is not None:
        settings.setValue("training/learning_rate", saved.hyper.learning_rate)
        settings.setValue("training/batch_size", saved.hyper.batch_size)
        settings.setValue("training/optimizer", saved.hyper.optimizer)
    if saved.speed_index is not None:
        settings.setValue("training/speed_index", saved.speed_index)
    settings.sync()
