"""Colours and sizes shared by the views, chosen for a classroom projector.

Blue/orange is a colour-blind-safe diverging pair (it survives deuteranopia and protanopia):
blue for positive weights and for "good", orange for negative and for "attention".
"""

from __future__ import annotations

POSITIVE = "#2166ac"
NEGATIVE = "#e66101"
LOSS_RAW = (120, 120, 120, 90)
LOSS_SMOOTH = "#1b1b1b"
VALIDATION = "#e66101"
ACCURACY = "#2166ac"
EPOCH_MARK = (150, 150, 150, 120)
BACKGROUND = "w"
FOREGROUND = "k"
