"""The stage's look-inside scenes: the evaluation, the points map, the training data and
layer health, one filling the screen (the neuron lab's scene is ``lab_scene``).

The desktop's look-inside views as instances of the stage's own: one ``LookInside`` made for
the stage the first time one of its scenes is shown (``stage_inside``), which makes only the
views its scenes ask for and computes in its own background thread only what the scene on
screen shows (``LookInside.refresh`` asks each view whether it is visible), at the same
bounded rates as on the desktop.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.training.snapshot import Snapshot
from app.ui import theme
from app.ui.look_inside import LookInside
from app.ui.stage import Scene, StageContext


def stage_inside(ctx: StageContext) -> LookInside:
    """The stage's one ``LookInside`` (made on first use, kept in the context)."""
    if ctx.inside is None:
        ctx.inside = LookInside(ctx.host, ctx.worker, graph=None)
    return ctx.inside


class InsideScene(Scene):
    """One look-inside view, filling the scene; ``view_name`` is its ``LookInside`` field."""

    view_name = ""
    max_hz_while_training = 4.0  # the views compute at their own bounded rates anyway

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.inside = stage_inside(ctx)
        self.view: QWidget = getattr(self.inside, self.view_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_snapshot(self, snap: Snapshot) -> None:
        self.inside.refresh(snap)

    def entered(self) -> None:
        snap = self.ctx.host.current_snapshot()
        if snap is not None:
            self.inside.refresh(snap, force=True)

    def job_threads(self) -> tuple:
        return (self.inside.jobs,)

    def restyle(self) -> None:
        """The view's words and plot texts at the stage's size."""
        from app.ui.scenes import enlarge_plot_texts

        px, ink = self.ctx.text_px, theme.colours().foreground
        for widget in self.view.findChildren(QWidget):
            if hasattr(widget, "getPlotItem"):
                plot = widget.getPlotItem()
                enlarge_plot_texts(plot, px, title_px=round(px * 1.1))
                for name in ("left", "bottom"):  # black, not pyqtgraph's grey: read from afar
                    plot.getAxis(name).setTextPen(pg.mkPen(ink))
            elif widget.font().pixelSize() < px and widget.font().pointSizeF() * 4 / 3 < px:
                font = QFont(widget.font())
                font.setPixelSize(px)
                widget.setFont(font)


class PointsMapScene(InsideScene):
    """Where the validation digits lie in a layer's activations, by colour of digit."""

    view_name = "points_map"

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.view.plot_widget,)

    def ready(self) -> bool:
        return self.view.n_layers > 0 and super().ready()

    def restyle(self) -> None:
        super().restyle()
        # The digits' colours: the view sizes its legend in a style sheet (13 pt, 17 px).
        self.view.legend.setStyleSheet(f"font-size: {self.ctx.text_px}px;")


class HealthScene(InsideScene):
    """Each layer's weights, gradient sizes and activations: is every layer learning?"""

    view_name = "health"

    def pictures(self) -> tuple[QWidget, ...]:
        view = self.view
        widgets = (view.sizes_widget, view.weights_widget, view.gradients_widget)
        return (*widgets, view.health_widget)

    def ready(self) -> bool:
        return bool(self.view.health_lines()) and super().ready()


class EvaluationScene(InsideScene):
    """How well the network reads the validation set: the accuracy above, the confusion
    matrix large (a click lists the cell's images beside it); the other pages (per digit,
    mistakes, "I don't know", robustness) one tab away. Its "I don't know" threshold is
    the desktop's (``StageContext.threshold``)."""

    view_name = "evaluation"

    def __init__(self, ctx: StageContext) -> None:
        super().__init__(ctx)
        self.view.pages.setCurrentWidget(self.view.confusion_page)
        ctx.threshold.link(self.view.threshold)
        # A page's parts made when it is first shown (robustness's panels) at the stage's size.
        self.view.pages.currentChanged.connect(lambda _index: self.restyle_soon())

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.view.pages.currentWidget(),)

    def restyle(self) -> None:
        super().restyle()
        # The accuracy's height before it comes (empty, the row was 21 px tall and the
        # number arrived clipped until the next layout).
        label = self.view.accuracy_label
        label.setMinimumHeight(QFontMetrics(label.font()).height())

    def ready(self) -> bool:
        shown = self.view.body.currentWidget() is self.view.pages
        label = self.view.accuracy_label  # the number laid out (a layout comes a turn later)
        laid_out = label.width() >= label.sizeHint().width()
        return shown and laid_out and not self.view.status_label.text() and super().ready()


class DataScene(InsideScene):
    """The training data: a digit's images as one large grid, every digit's average and
    count beside it, and the class's drawings one button away."""

    view_name = "data"

    def entered(self) -> None:
        self.inside.want_data()
        super().entered()

    def pictures(self) -> tuple[QWidget, ...]:
        return (self.view.stack, self.view.summary)

    def ready(self) -> bool:
        return self.view.images is not None and super().ready()
