"""What the evaluation's pages share: the colours of right and wrong, percentages, calm plots.

Translations: every text of the pages keeps the context it had when the whole tab was one
class, ``EvaluationView``, so the catalogue's translations still find it. A page therefore
calls ``translate("EvaluationView", "…")`` instead of ``self.tr("…")``, whose context would
be the page's own class name; the context must be written out, as lupdate reads only a
literal. The confusion matrix and the robustness panels were classes of their own and keep
their names, hence their ``self.tr``.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.ui import theme

N_DIGITS = 10

#: Right answers and the true digit are blue, wrong answers orange, on every page.
BLUE = QColor(theme.POSITIVE)
ORANGE = QColor(theme.NEGATIVE)

translate = QCoreApplication.translate


def percent(share: float, decimals: int = 1) -> str:
    """0.9613 → "96.1"; the caller's text adds the " %" so a translation can place it."""
    return f"{100.0 * share:.{decimals}f}"


def quiet_plot(plot_widget: pg.PlotWidget) -> pg.PlotItem:
    """A plot a click or a wheel cannot move: on a projector a stray drag only confuses."""
    plot = plot_widget.getPlotItem()
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)
        axis.setTextPen(theme.FOREGROUND)
        axis.setPen(theme.FOREGROUND)
    return plot
