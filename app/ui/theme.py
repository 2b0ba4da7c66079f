"""Colours and sizes shared by the views, chosen for a classroom projector.

Blue/orange is a colour-blind-safe diverging pair (it survives deuteranopia and protanopia):
blue for positive weights and for "good", orange for negative and for "attention".

Two looks: the normal one, and presenter mode (F5, ``app.ui.presenter``), for a projector
at the back of a classroom: text ``FONT_SCALE`` times larger, lines ``LINE_SCALE`` times
thicker, black on white with pure, saturated blue and orange (never red against green).
Views ask for their sizes and colours here (``colours()``, ``pt()``, ``px()``,
``line_width()``) when they are built and again in their ``apply_theme()``, which the
presenter calls on every widget of the window when the look changes.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Presenter mode: the application font is this many times larger ...
FONT_SCALE = 1.5
#: ... and the plots' lines this many times thicker.
LINE_SCALE = 2.0


@dataclass(frozen=True)
class Colours:
    """Every colour a view paints with, as "#rrggbb" (pyqtgraph and QColor take both)."""

    positive: str
    negative: str
    loss_raw: str
    loss_smooth: str
    validation: str
    accuracy: str
    epoch_mark: str
    grid: str
    background: str
    foreground: str
    #: Secondary text (captions, hints): still readable, quieter than the foreground.
    muted: str
    #: The network's answer and the chosen digit.
    winner: str
    #: The nine other digits' bars.
    bar: str
    #: A reading that matches its label, and one that does not.
    right: str
    wrong: str
    #: The drawing pad's MNIST box, its frame and its "Draw a digit here".
    guide: str
    frame: str
    hint: str


NORMAL = Colours(
    positive="#2166ac",
    negative="#e66101",
    # Opaque greys where a translucent grey on white would look the same: Qt strokes a
    # translucent zigzag of 1,000 points as one overlapping polygon, about 20 ms a paint
    # instead of 1 ms.
    loss_raw="#cdcdcd",
    loss_smooth="#1b1b1b",
    validation="#e66101",
    accuracy="#2166ac",
    epoch_mark="#aaaaaa",
    grid="#e8e8e8",
    background="#ffffff",
    foreground="#000000",
    muted="#6e6e6e",
    winner="#1c7ed6",
    bar="#a0aab6",
    right="#2f9e44",
    wrong="#e03131",
    guide="#b0bed2",
    frame="#969eaa",
    hint="#969ca6",
)

#: Black on white, pure saturated blue (7.8:1 on white) and orange (4.7:1), darker greys;
#: right and wrong are blue and orange too, so no reading depends on telling red from green.
HIGH_CONTRAST = Colours(
    positive="#0044cc",
    negative="#c44e00",
    loss_raw="#9a9a9a",
    loss_smooth="#000000",
    validation="#c44e00",
    accuracy="#0044cc",
    epoch_mark="#707070",
    grid="#c8c8c8",
    background="#ffffff",
    foreground="#000000",
    muted="#303030",
    winner="#0044cc",
    bar="#707070",
    right="#0044cc",
    wrong="#c44e00",
    guide="#5a6e8c",
    frame="#000000",
    hint="#404040",
)

# The normal look's colours by their old names (pyqtgraph's "w" and "k" for the plots).
POSITIVE = NORMAL.positive
NEGATIVE = NORMAL.negative
LOSS_RAW = NORMAL.loss_raw
LOSS_SMOOTH = NORMAL.loss_smooth
VALIDATION = NORMAL.validation
ACCURACY = NORMAL.accuracy
EPOCH_MARK = NORMAL.epoch_mark
GRID = NORMAL.grid
BACKGROUND = "w"
FOREGROUND = "k"

_presenting = False


def presenting() -> bool:
    """True while presenter mode is on."""
    return _presenting


def set_presenting(on: bool) -> None:
    """Switch the look; ``app.ui.presenter.apply_presentation`` does this and the rest."""
    global _presenting
    _presenting = bool(on)


def scale() -> float:
    """How much larger than normal text is now: 1, or ``FONT_SCALE`` in presenter mode."""
    return FONT_SCALE if _presenting else 1.0


def pt(base: float) -> float:
    """A font size written in points for the normal look, in the current look."""
    return round(base * scale(), 2)


def px(base: float) -> int:
    """A size in pixels (a button's height, a font's pixel size) in the current look."""
    return round(base * scale())


def line_width(base: float) -> float:
    """A line width for the normal look, in the current look (thicker when presenting)."""
    return base * (LINE_SCALE if _presenting else 1.0)


def colours() -> Colours:
    """The current look's colours."""
    return HIGH_CONTRAST if _presenting else NORMAL
