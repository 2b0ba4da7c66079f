"""The points map: every example of a fixed sample as a dot, placed by what one layer makes of it.

The window computes each layer's principal plane (``app.core.points_map.all_layers``) off the
GUI thread and hands the results to ``PointsMapView.show_planes``; the view only draws them. A
switch picks the layer (input pixels, each hidden layer, the output) and redraws from the
planes it holds, with no new computation. Dots are coloured by the true digit; hovering one
shows its picture, its digit and the network's answer.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.points_map import PrincipalPlane
from app.ui import theme
from app.ui.empty_state import EmptyStateStack
from app.ui.images import grey, paper_image

#: One colour per digit 0..9: the eight of Okabe & Ito (2008), chosen to stay apart for the
#: common colour-blindnesses, with their yellow darkened to show on white, then a grey and
#: Tol's wine. No ten colours are safe for everyone; these keep the neighbours in a trained
#: map (4/9, 3/5/8, 7/9) on clearly different hues.
DIGIT_COLOURS = (
    "#000000",  # 0 black
    "#e69f00",  # 1 orange
    "#56b4e9",  # 2 sky blue
    "#009e73",  # 3 bluish green
    "#c9b400",  # 4 yellow, darkened
    "#0072b2",  # 5 blue
    "#d55e00",  # 6 vermillion
    "#cc79a7",  # 7 reddish purple
    "#8c8c8c",  # 8 grey
    "#882255",  # 9 wine
)
IMAGE_PIXELS = 28
DOT_SIZE = 8
#: A dot counts as hovered within this many screen pixels of the cursor.
PICK_RADIUS_PX = 9
#: The axes keep their range while the cloud stays inside it and fills at least this share of
#: it along some axis; otherwise they are fitted again (see ``PointsMapView._fit_range``).
MIN_FILL = 0.5
RANGE_MARGIN = 0.06


class _HoverCard(QFrame):
    """The floating card with the hovered example; never takes the mouse itself."""

    SCALE = 4

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pointsHoverCard")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "#pointsHoverCard { background: #ffffff; border: 2px solid #303030;"
            " border-radius: 6px; } QLabel { color: #181818; font-size: 13pt; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(10)
        self.image = QLabel(self)
        side = IMAGE_PIXELS * self.SCALE
        self.image.setFixedSize(side + 2, side + 2)
        self.image.setStyleSheet("border: 1px solid #b0b0b0;")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.image)
        layout.addWidget(self.text)
        self.hide()

    def show_image(self, image: np.ndarray) -> None:
        """``image`` (28, 28) uint8, 255 = ink; drawn as dark ink on white paper, like the pad."""
        picture = paper_image(image)
        side = IMAGE_PIXELS * self.SCALE
        self.image.setPixmap(
            QPixmap.fromImage(picture).scaled(
                side,
                side,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation,  # crisp pixels, as the network sees
            )
        )


class PointsMapView(QWidget):
    """A layer switch, the scatter of the sample on that layer's plane, and a digit legend.

    Feed it with ``show_planes``; ``layer_changed(layer)`` is emitted when the shown layer
    changes (0 = input pixels, 1..L−1 hidden layers, L = output).
    """

    layer_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._planes: list[PrincipalPlane] = []
        self._dims: tuple[int, ...] = ()
        self._labels = np.empty(0, dtype=np.intp)
        self._images = np.empty((0, IMAGE_PIXELS, IMAGE_PIXELS), dtype=np.uint8)
        self._answers = np.empty(0, dtype=np.intp)
        self._members: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * 10
        self._step: int | None = None
        self._layer = 0
        self._fitted: tuple[float, float, float, float] | None = None
        self._hovered: int | None = None
        self._coords = np.empty((0, 2))  # the shown layer's plane, (S, 2)
        self._finite = np.empty(0, dtype=bool)  # (S,) which of its dots are drawn

        self.layer_title = QLabel()
        self.layer_switch = QComboBox()
        self.layer_switch.setMinimumContentsLength(18)
        self.layer_switch.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.variance_label = QLabel()
        self.variance_label.setWordWrap(True)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-weight: bold;")
        row = QHBoxLayout()
        row.addWidget(self.layer_title)
        row.addWidget(self.layer_switch, 1)
        row.addWidget(self.variance_label, 1)
        row.addWidget(self.step_label)

        self.plot_widget = pg.PlotWidget(background=theme.BACKGROUND)
        self.plot = self.plot_widget.getPlotItem()
        self.viewbox = self.plot.getViewBox()
        # The view follows the data (see _fit_range); a stray drag in class would lose it.
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        # Same scale on both axes: the first direction's wider spread is part of the picture.
        self.viewbox.setAspectLocked(True)
        for name in ("bottom", "left"):
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self.scatters: list[pg.ScatterPlotItem] = []
        for colour in DIGIT_COLOURS:
            brush = pg.mkColor(colour)
            brush.setAlpha(215)  # overlapping dots show where a cloud is dense
            item = pg.ScatterPlotItem(size=DOT_SIZE, pen=None, brush=brush)
            self.plot.addItem(item)
            self.scatters.append(item)
        self.ring = pg.ScatterPlotItem(size=18, brush=None, pen=pg.mkPen("#181818", width=2.5))
        self.ring.setZValue(10)
        self.plot.addItem(self.ring)
        self.stack = EmptyStateStack(self.plot_widget)

        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setStyleSheet("font-size: 13pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.legend)

        self.hover_card = _HoverCard(self)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.viewport().installEventFilter(self)
        self.layer_switch.currentIndexChanged.connect(self._switched)
        self.layer_switch.setEnabled(False)  # nothing to switch between before the first data
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.layer_title.setText(self.tr("Layer"))
        tip = self.tr(
            "Which layer's view of the examples to draw. Switch between layers: the digits "
            "separate more in the deeper layers. Train and watch them pull apart."
        )
        self.layer_switch.setToolTip(tip)
        self.layer_title.setToolTip(tip)
        self.variance_label.setToolTip(
            self.tr(
                "The two directions of the plane are the layer's two directions of largest "
                "spread (PCA). The share says how much of the whole spread they keep: the "
                "rest is hidden, so digits that overlap here may still be apart."
            )
        )
        self.stack.message.setText(
            self.tr(
                "The map appears after the first computation: every example of a fixed "
                "sample as one dot, coloured by its digit."
            )
        )
        self._name_layers()
        dots = "  ".join(
            f'<span style="color:{colour}">●</span>&nbsp;{digit}'
            for digit, colour in enumerate(DIGIT_COLOURS)
        )
        self.legend.setText(self.tr("True digit:") + "&nbsp;&nbsp;" + dots)
        self.legend.setToolTip(
            self.tr("Each dot is one example, coloured by its true digit. Hover a dot to see it.")
        )
        self._show_labels()
        self._describe_hovered()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def layer_name(self, layer: int, n_layers: int, size: int) -> str:
        """The switch's name of layer ``layer`` of 0..``n_layers`` with ``size`` neurons."""
        if layer == 0:
            return self.tr("input pixels (%1)").replace("%1", str(size))
        if layer == n_layers:
            return self.tr("output (%1)").replace("%1", str(size))
        return self.tr("hidden layer %1 (%2)").replace("%1", str(layer)).replace("%2", str(size))

    def _name_layers(self) -> None:
        last = len(self._dims) - 1
        for layer, size in enumerate(self._dims):
            self.layer_switch.setItemText(layer, self.layer_name(layer, last, size))

    def _show_labels(self) -> None:
        if not self._planes:
            self.plot.setLabel("bottom", "")
            self.plot.setLabel("left", "")
            self.variance_label.setText("")
            self.step_label.setText("")
            return
        ratio = self._planes[self._layer].explained_variance_ratio
        for axis, k in (("bottom", 0), ("left", 1)):
            self.plot.setLabel(
                axis,
                self.tr("direction %1 (%2 of the spread)")
                .replace("%1", str(k + 1))
                .replace("%2", _percent(ratio[k])),
            )
        self.variance_label.setText(
            self.tr("This plane keeps %1 of the spread").replace("%1", _percent(ratio.sum()))
        )
        self.step_label.setText(
            "" if self._step is None else self.tr("step %1").replace("%1", f"{self._step:,}")
        )

    # -- data --------------------------------------------------------------------------------

    def show_planes(
        self,
        planes: list[PrincipalPlane],
        labels: np.ndarray,
        images: np.ndarray,
        answers: np.ndarray,
        step: int | None = None,
    ) -> None:
        """Show the sample on every layer's plane.

        ``planes``   one per layer 0..L (input pixels, hidden layers, output), each with
                     ``coords`` (S, 2) for the same S examples in the same order.
        ``labels``   (S,) the true digits 0..9.
        ``images``   (S, 28, 28) the examples' pictures: integers 0..255 (255 = ink, as the
                     data sets store them) or floats 0..1 (1 = ink).
        ``answers``  (S,) the network's answer (winning output) for each example.
        ``step``     the training step the network was at, shown as "step N".
        """
        labels = np.asarray(labels)
        answers = np.asarray(answers)
        images = grey(images)
        n = len(labels)
        if len(planes) < 2:
            raise ValueError(f"a points map needs a plane per layer 0..L, got {len(planes)}")
        if labels.shape != (n,) or answers.shape != (n,):
            raise ValueError(f"labels {labels.shape} and answers {answers.shape} must be (S,)")
        if images.shape != (n, IMAGE_PIXELS, IMAGE_PIXELS):
            raise ValueError(f"images must have shape ({n}, 28, 28), got {images.shape}")
        for plane in planes:
            if np.shape(plane.coords) != (n, 2):
                raise ValueError(f"every plane needs coords ({n}, 2), got {plane.coords.shape}")
        if n and (labels.min() < 0 or labels.max() > 9):
            raise ValueError("labels must be digits 0..9")

        dims = tuple(int(np.shape(p.components)[1]) for p in planes)
        old_count, old_layer = len(self._dims), self._layer
        self._planes = list(planes)
        self._labels = labels.astype(np.intp)
        self._images = images
        self._answers = answers.astype(np.intp)
        self._members = [np.flatnonzero(self._labels == digit) for digit in range(10)]
        self._step = step
        if self._hovered is not None and self._hovered >= n:
            self._hovered = None  # a smaller sample: that example is gone
        if dims != self._dims:
            self._rebuild_switch(dims, old_count, old_layer)
        self._draw(refit=False)
        self.stack.show_content()

    def set_layer(self, layer: int) -> None:
        """Show layer ``layer`` (0..L) of the planes held."""
        if not 0 <= layer < self.layer_switch.count():
            raise ValueError(f"no layer {layer}; the map has layers 0..{self.n_layers}")
        self.layer_switch.setCurrentIndex(layer)

    @property
    def layer(self) -> int:
        return self._layer

    @property
    def n_layers(self) -> int:
        """L: the switch offers layers 0..L (−1 before any data)."""
        return len(self._dims) - 1

    @property
    def hovered(self) -> int | None:
        """Index into the sample of the hovered example, or None."""
        return self._hovered

    def shown_points(self, digit: int) -> tuple[np.ndarray, np.ndarray]:
        """Sample indices (k,) and drawn coordinates (k, 2) of ``digit``'s dots."""
        x, y = self.scatters[digit].getData()
        return self._members[digit][self._finite[self._members[digit]]], np.column_stack([x, y])

    def _rebuild_switch(self, dims: tuple[int, ...], old_count: int, old_layer: int) -> None:
        self.layer_switch.blockSignals(True)
        self.layer_switch.clear()
        self.layer_switch.addItems([""] * len(dims))
        self._dims = dims
        self._name_layers()
        # A new architecture: the output stays the output; any other layer stays if it exists.
        if old_count and old_layer == old_count - 1:
            layer = len(dims) - 1
        else:
            layer = min(old_layer, len(dims) - 1)
        self.layer_switch.setCurrentIndex(layer)
        self.layer_switch.blockSignals(False)
        self.layer_switch.setEnabled(True)
        self._fitted = None
        if layer != self._layer:
            self._layer = layer
            self.layer_changed.emit(layer)

    def _switched(self, index: int) -> None:
        if index < 0 or index == self._layer:
            return
        self._layer = index
        if self._planes:
            self._draw(refit=True)
        self.layer_changed.emit(index)

    def _draw(self, refit: bool) -> None:
        coords = np.asarray(self._planes[self._layer].coords, dtype=np.float64)
        # The engine refuses non-finite data, so this is a guard: a NaN dot is never drawn.
        self._finite = np.all(np.isfinite(coords), axis=1)
        for digit, item in enumerate(self.scatters):
            members = self._members[digit]
            members = members[self._finite[members]]
            item.setData(x=coords[members, 0], y=coords[members, 1])
        self._coords = coords
        self._fit_range(refit)
        self._show_labels()
        self._describe_hovered()

    def _fit_range(self, force: bool) -> None:
        """Keep the axes still while training moves the dots a little; refit when needed.

        Auto-ranging on every update would make the whole picture breathe at each frame, and
        the class would see the axes move rather than the digits; a range fitted once per
        layer would let a cloud that spreads as it learns run off the edge. So the range is
        kept while every dot stays inside it and the cloud fills at least ``MIN_FILL`` of it
        along one axis, and fitted again (always on a layer switch) when either fails.
        """
        points = self._coords[self._finite]
        if len(points) == 0:
            return
        x0, y0 = points.min(axis=0)
        x1, y1 = points.max(axis=0)
        if self._fitted is not None and not force:
            fx0, fx1, fy0, fy1 = self._fitted
            inside = fx0 <= x0 and x1 <= fx1 and fy0 <= y0 and y1 <= fy1
            fills = (x1 - x0) >= MIN_FILL * (fx1 - fx0) or (y1 - y0) >= MIN_FILL * (fy1 - fy0)
            if inside and fills:
                return
        span = max(x1 - x0, y1 - y0)
        span = span if span > 0 else 1.0  # one point, or all alike: any window shows it
        pad = RANGE_MARGIN * span
        # A flat cloud (one direction of spread) still gets a window of some height.
        half_x = max((x1 - x0) / 2 + pad, 0.05 * span)
        half_y = max((y1 - y0) / 2 + pad, 0.05 * span)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        self._fitted = (cx - half_x, cx + half_x, cy - half_y, cy + half_y)
        self.viewbox.setRange(
            xRange=self._fitted[:2], yRange=self._fitted[2:], padding=0, disableAutoRange=True
        )

    # -- hover -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget.viewport() and event.type() == QEvent.Type.Leave:
            self.hover_point(None)
        return super().eventFilter(watched, event)

    def point_at(self, view_pos: QPointF) -> int | None:
        """The sample index of the dot nearest ``view_pos`` (plot coordinates), if close."""
        if not self._planes:
            return None
        candidates = np.flatnonzero(self._finite)
        if len(candidates) == 0:
            return None
        sx, sy = self.viewbox.viewPixelSize()
        if not (sx > 0 and sy > 0):
            return None
        dx = (self._coords[candidates, 0] - view_pos.x()) / sx
        dy = (self._coords[candidates, 1] - view_pos.y()) / sy
        distance_sq = dx * dx + dy * dy
        best = int(np.argmin(distance_sq))
        if distance_sq[best] > PICK_RADIUS_PX**2:
            return None
        return int(candidates[best])

    def scene_position(self, index: int) -> QPointF:
        """Where example ``index``'s dot is in the plot's scene (for placing the card)."""
        x, y = self._coords[index]
        return self.viewbox.mapViewToScene(QPointF(float(x), float(y)))

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self._planes:
            return
        index = self.point_at(self.viewbox.mapSceneToView(scene_pos))
        if index != self._hovered:
            self.hover_point(index)

    def hover_point(self, index: int | None) -> None:
        """Show example ``index``'s card and ring (None hides them), as the mouse does."""
        if index is not None and not 0 <= index < len(self._labels):
            raise ValueError(f"no example {index} in a sample of {len(self._labels)}")
        self._hovered = index
        self._describe_hovered()

    def _describe_hovered(self) -> None:
        index = self._hovered
        if index is None or not self._planes or not self._finite[index]:
            self.ring.setData(x=[], y=[])
            self.hover_card.hide()
            return
        x, y = self._coords[index]
        self.ring.setData(x=[x], y=[y])
        truth, answer = int(self._labels[index]), int(self._answers[index])
        right = answer == truth
        verdict = self.tr("right") if right else self.tr("wrong")
        colour = theme.POSITIVE if right else theme.NEGATIVE
        self.hover_card.text.setText(
            self.tr("True digit: %1").replace("%1", f"<b>{truth}</b>")
            + "<br>"
            + self.tr("The network's answer: %1").replace("%1", f"<b>{answer}</b>")
            + f'<br><span style="color:{colour}"><b>{verdict}</b></span>'
        )
        self.hover_card.show_image(self._images[index])
        self.hover_card.adjustSize()
        self._place_card(self.scene_position(index))
        self.hover_card.show()
        self.hover_card.raise_()

    def _place_card(self, scene_pos: QPointF) -> None:
        at = self.plot_widget.mapFromScene(scene_pos)
        at = self.plot_widget.viewport().mapTo(self, at)
        card = self.hover_card
        gap = 14
        x = at.x() + gap
        if x + card.width() > self.width():
            x = at.x() - gap - card.width()  # flip to the left of the dot near the right edge
        y = at.y() + gap
        if y + card.height() > self.height():
            y = at.y() - gap - card.height()
        card.move(QPoint(max(0, x), max(0, y)))


def _percent(share: float) -> str:
    return f"{100.0 * float(share):.0f} %"
