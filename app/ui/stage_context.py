"""What the classroom stage shares with its scenes (``StageContext``), apart from the stage
so that scenes and the stage read it without importing each other's internals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont

from app.training.snapshot import InputView, Snapshot
from app.ui.host import ViewHost

if TYPE_CHECKING:
    from app.ui.drawing_reader import DrawingReader

#: The smallest text on the stage, in pixels (see ``app.ui.stage``).
MIN_TEXT_PX = 22


def px_font(px: int, bold: bool = False) -> QFont:
    """The application's font at ``px`` pixels (the stage sizes its texts in pixels)."""
    font = QFont()
    font.setPixelSize(max(1, int(px)))
    if bold:  # only then: a weight set would stop the widget inheriting its parent's
        font.setBold(True)
    return font


class NoLab:
    """No neuron lab: the snapshot's own weights."""

    def lab_network(self, _snap):
        return None

    def lab_snapshot(self, snap):
        return snap


class GraphInput:
    """What the drawing reader would show in a graph: kept here until the network scene
    draws it (a scene off screen draws nothing)."""

    def __init__(self) -> None:
        self.view: InputView | None = None

    def set_input_view(self, view: InputView | None) -> None:
        self.view = view


class SharedThreshold(QObject):
    """The evaluation's "I don't know" threshold in whole percent, one for the window: the
    desktop's slider gives it, the stage's evaluation scene's slider moves it too, and the
    draw scene's pad reads its drawing with it (``changed`` carries the new percent)."""

    changed = Signal(int)

    def __init__(self, percent: int) -> None:
        super().__init__()
        self.percent = int(percent)

    def set(self, percent: int) -> None:
        if int(percent) != self.percent:
            self.percent = int(percent)
            self.changed.emit(self.percent)

    def link(self, slider) -> None:
        """``slider`` (a ``QSlider`` in percent) shows the threshold and moves it."""
        slider.setValue(self.percent)
        slider.valueChanged.connect(self.set)
        self.changed.connect(slider.setValue)


def _default_threshold() -> SharedThreshold:
    from app.ui.evaluation.abstain import DEFAULT_THRESHOLD

    return SharedThreshold(DEFAULT_THRESHOLD)


@dataclass
class StageContext:
    """What the stage shares with its scenes: the host, the worker, the selected weights,
    the neuron lab's weights, where edge clicks go, the text size, and the drawing (once
    the draw scene exists)."""

    host: ViewHost
    #: The training worker, for the scenes that hear its signals (the step-through's plans).
    worker: object = None
    selected: Callable[[], tuple[int, ...]] = tuple
    lab: object = field(default_factory=NoLab)
    edge_clicked: Callable[[int], None] = lambda _index: None
    text_px: int = MIN_TEXT_PX
    drawing: GraphInput = field(default_factory=GraphInput)
    reader: DrawingReader | None = None
    #: The stage's own look-inside views and jobs (``app.ui.inside_scenes.stage_inside``).
    inside: object = None
    #: The "I don't know" threshold the pads and the evaluations share.
    threshold: SharedThreshold = field(default_factory=lambda: _default_threshold())

    def reading(self, snap: Snapshot) -> InputView | None:
        """The drawing as the network reads it with ``snap``'s weights, else the example
        the snapshot carries."""
        if self.reader is None:
            return snap.input_view
        self.reader.new_snapshot(snap)
        return self.drawing.view or snap.input_view
