"""Colours and sizes shared by the views, chosen for a classroom projector.

Blue/orange is a colour-blind-safe diverging pair (it survives deuteranopia and protanopia):
blue for positive weights and for "good", orange for negative and for "attention".
"""

from __future__ import annotations

POSITIVE = "#2166ac"
NEGATIVE = "#e66101"
# Opaque greys where a translucent grey on white would look the same: Qt strokes a translucent
# zigzag of 1,000 points as one overlapping polygon, about 20 ms a paint instead of 1 ms.
LOSS_RAW = (205, 205, 205)
LOSS_SMOOTH = "#1b1b1b"
VALIDATION = "#e66101"
ACCURACY = "#2166ac"
EPOCH_MARK = (170, 170, 170)
GRID = (232, 232, 232)
BACKGROUND = "w"
FOREGROUND = "k"
