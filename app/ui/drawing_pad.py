"""The drawing pad: a square of paper the class draws a digit on for the network to read.

The paper is a 280×280 grayscale image, ten times MNIST's 28×28, white with black ink. Every
stroke is kept as a list of points in those canvas coordinates, so that undo can paint the
paper again from the strokes that remain. A digit shown with ``load_image`` (a training
example, say) is a background layer under the strokes: undo leaves it, clear removes it.

The pad draws with a mouse, a pen (tablet events; the eraser end erases) or a finger (the
first finger down draws, others are ignored, so a resting palm does not scribble).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from app.ui import theme
from app.ui.images import ink, paper_image

#: Side of the paper in canvas pixels: MNIST's 28 × 10.
CANVAS_SIZE = 280
#: MNIST scaled every digit into a 20×20 box inside its 28×28 field; ×10 that is a 200 px box
#: with a 40 px margin. The guide shows it, so a digit drawn inside it is about MNIST's size.
GUIDE_MARGIN = 40
#: MNIST strokes are 2–3 px wide on a 20 px tall digit. A digit drawn to fill the 200 px guide
#: is scaled by 20/200 on its way to the network, so 20 px here arrives as MNIST's 2 px, and
#: the grey edges from anti-aliasing widen it towards MNIST's median of 2.6.
DEFAULT_BRUSH_WIDTH = 20.0
#: At most ~60 ``drawing_changed`` a second while a stroke is drawn: a screen refreshes no
#: faster, and a 1 kHz mouse would otherwise run the network a thousand times a second.
EMIT_INTERVAL_MS = 16
#: Points closer than this (canvas px) to the previous one add nothing visible and only make
#: the stroke slower to paint again.
MIN_POINT_SPACING = 0.5
#: The eraser end of a pen is wider than the ink: rubbing out should be easier than drawing.
ERASER_WIDTH_FACTOR = 2.0

PAPER = 255
INK = 0

_FRAME_WIDTH = 2.0


@dataclass
class _Stroke:
    width: float
    value: int  # INK, or PAPER for the eraser
    points: list[QPointF] = field(default_factory=list)


class DrawingPad(QWidget):
    """A square canvas to draw a digit on, with its own Undo / Clear toolbar.

    ``drawing_changed(canvas)`` carries a copy of the paper, uint8 (280, 280), 255 paper and 0
    ink: while a stroke is drawn at most every ``EMIT_INTERVAL_MS``, and at once when a stroke
    ends, on undo, clear and ``load_image``.

    Keys while the pad has focus (a click gives it): Ctrl+Z (the platform's Undo) takes back
    the last stroke; Esc, Delete and Backspace clear.
    """

    drawing_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._brush_width = DEFAULT_BRUSH_WIDTH
        self._background: QImage | None = None
        self._strokes: list[_Stroke] = []
        self._current: _Stroke | None = None
        self._touch_id: int | None = None
        # The paper with the background and every finished stroke; the stroke being drawn is
        # painted over a copy of it (``_canvas``) when someone needs to see it.
        self._committed = _blank_paper()
        self._canvas = self._committed.copy()
        self._canvas_stale = False

        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.timeout.connect(self._emit_now)
        self._last_emit: float | None = None  # time.perf_counter() of the last emit

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)

        self.undo_button = self._tool_button()
        self.undo_button.clicked.connect(self.undo)
        self.clear_button = self._tool_button()
        self.clear_button.clicked.connect(self.clear)
        self._toolbar = QWidget(self)
        toolbar_layout = QHBoxLayout(self._toolbar)
        toolbar_layout.setContentsMargins(0, 0, 0, 0)
        toolbar_layout.addStretch(1)
        toolbar_layout.addWidget(self.undo_button)
        toolbar_layout.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self._toolbar)
        layout.addStretch(1)
        self._update_buttons()
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """Sizes and colours of the current look (``theme``): larger buttons in presenter mode."""
        for button in (self.undo_button, self.clear_button):
            button.setMinimumSize(theme.px(64), theme.px(30))
        self.update()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.setAccessibleName(self.tr("Drawing pad"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo the last stroke"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the pad (Esc)"))
        self.update()  # the hint on the empty paper is painted in the current language

    # -- public API ---------------------------------------------------------------------------

    @property
    def brush_width(self) -> float:
        """Width of the ink in canvas pixels (the paper is 280 wide); new strokes use it."""
        return self._brush_width

    @brush_width.setter
    def brush_width(self, width: float) -> None:
        width = float(width)
        if not 1.0 <= width <= CANVAS_SIZE:
            raise ValueError(f"brush width must be 1 to {CANVAS_SIZE} canvas pixels, got {width}")
        self._brush_width = width

    @property
    def strokes(self) -> list[list[tuple[float, float]]]:
        """The finished strokes, oldest first, as points in canvas coordinates."""
        return [[(p.x(), p.y()) for p in stroke.points] for stroke in self._strokes]

    def canvas_array(self) -> np.ndarray:
        """A copy of the paper: uint8 (280, 280), 255 where it is blank, 0 under the ink."""
        image = self._rendered_canvas()
        rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
        return rows.reshape(CANVAS_SIZE, image.bytesPerLine())[:, :CANVAS_SIZE].copy()

    def is_empty(self) -> bool:
        """True when nothing is on the pad: no stroke, none being drawn, no loaded image."""
        return not self._strokes and self._current is None and self._background is None

    def clear(self) -> None:
        """Remove every stroke and the loaded image."""
        self._current = None
        self._touch_id = None
        self._strokes.clear()
        self._background = None
        self._repaint_committed()
        self._changed_now()

    def undo(self) -> None:
        """Take back the last stroke (or the one being drawn). The loaded image stays."""
        if self._current is not None:
            self._current = None
            self._touch_id = None
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        self._repaint_committed()
        self._changed_now()

    def load_image(self, image: np.ndarray) -> None:
        """Show a digit on the pad, e.g. a 28×28 training example, replacing what is there.

        ``image`` is 2-D with ink high, as in MNIST: uint8 0–255 or float 0–1. It is scaled up
        with whole pixels (nearest neighbour: 28×28 becomes exactly 280×280, and
        ``preprocess_digit`` makes of the pad what it makes of the 28×28 image itself) and
        becomes a background that undo leaves and clear removes.
        """
        array = np.asarray(image)
        if array.ndim != 2 or array.size == 0:
            raise ValueError(f"expected a 2-D grayscale image, got shape {array.shape}")
        # In float64, as the pad always read an image: its grey levels are rounded from that.
        small = paper_image(ink(array, np.float64))
        scaled = small.scaled(
            CANVAS_SIZE,
            CANVAS_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        background = _blank_paper()
        painter = QPainter(background)
        painter.drawImage(
            (CANVAS_SIZE - scaled.width()) // 2, (CANVAS_SIZE - scaled.height()) // 2, scaled
        )
        painter.end()
        self._current = None
        self._touch_id = None
        self._strokes.clear()
        self._background = background
        self._repaint_committed()
        self._changed_now()

    def canvas_rect(self) -> QRectF:
        """Where the paper is drawn, in widget coordinates: the largest square that fits."""
        margins = self.layout().contentsMargins()
        top = self._toolbar.geometry().bottom() + 1 + self.layout().spacing()
        area = QRectF(self.rect()).adjusted(
            margins.left() + _FRAME_WIDTH,
            max(top, margins.top()) + _FRAME_WIDTH,
            -margins.right() - _FRAME_WIDTH,
            -margins.bottom() - _FRAME_WIDTH,
        )
        side = max(1.0, min(area.width(), area.height()))
        return QRectF(area.center().x() - side / 2, area.center().y() - side / 2, side, side)

    def map_to_canvas(self, position: QPointF) -> QPointF:
        """A point in widget coordinates as a point on the 280×280 paper."""
        rect = self.canvas_rect()
        scale = CANVAS_SIZE / rect.width()
        return QPointF((position.x() - rect.x()) * scale, (position.y() - rect.y()) * scale)

    def map_from_canvas(self, point: QPointF) -> QPointF:
        """A point on the paper as a point in widget coordinates."""
        rect = self.canvas_rect()
        scale = rect.width() / CANVAS_SIZE
        return QPointF(rect.x() + point.x() * scale, rect.y() + point.y() * scale)

    def sizeHint(self) -> QSize:
        return QSize(420, 470)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 240)

    # -- strokes ------------------------------------------------------------------------------

    def _begin_stroke(self, position: QPointF, erase: bool = False) -> None:
        if self._current is not None:
            self._end_stroke()
        width = self._brush_width * (ERASER_WIDTH_FACTOR if erase else 1.0)
        self._current = _Stroke(width, PAPER if erase else INK, [self.map_to_canvas(position)])
        self._canvas_stale = True
        self._update_buttons()
        self.update()
        self._schedule_emit()

    def _extend_stroke(self, position: QPointF) -> None:
        if self._current is None:
            return
        point = self.map_to_canvas(position)
        last = self._current.points[-1]
        if math.hypot(point.x() - last.x(), point.y() - last.y()) < MIN_POINT_SPACING:
            return
        self._current.points.append(point)
        self._canvas_stale = True
        self.update()
        self._schedule_emit()

    def _end_stroke(self) -> None:
        if self._current is None:
            return
        self._committed = self._rendered_canvas().copy()
        self._strokes.append(self._current)
        self._current = None
        self._touch_id = None
        self._changed_now()

    def _rendered_canvas(self) -> QImage:
        if self._canvas_stale:
            self._canvas = self._committed.copy()
            if self._current is not None:
                painter = QPainter(self._canvas)
                _paint_stroke(painter, self._current)
                painter.end()
            self._canvas_stale = False
        return self._canvas

    def _repaint_committed(self) -> None:
        # Painting the strokes again in the order they were drawn, each on top of the last,
        # gives exactly the pixels they had when drawn: undo leaves no trace.
        self._committed = self._background.copy() if self._background else _blank_paper()
        if self._strokes:
            painter = QPainter(self._committed)
            for stroke in self._strokes:
                _paint_stroke(painter, stroke)
            painter.end()
        self._canvas_stale = True

    # -- telling the world --------------------------------------------------------------------

    def _schedule_emit(self) -> None:
        if self._emit_timer.isActive():
            return
        # Zero when the last emit is long past: the timer then fires as soon as the events
        # already queued (more mouse moves, usually) are handled, so they share one emit.
        wait_ms = 0
        if self._last_emit is not None:
            since_last_ms = (time.perf_counter() - self._last_emit) * 1000.0
            wait_ms = max(0, math.ceil(EMIT_INTERVAL_MS - since_last_ms))
        self._emit_timer.start(wait_ms)

    def _changed_now(self) -> None:
        self._update_buttons()
        self.update()
        self._emit_now()

    def _emit_now(self) -> None:
        self._emit_timer.stop()
        self._last_emit = time.perf_counter()
        self.drawing_changed.emit(self.canvas_array())

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(bool(self._strokes) or self._current is not None)
        self.clear_button.setEnabled(not self.is_empty())

    # -- input events -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._begin_stroke(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # Without mouse tracking, moves only arrive while a button is held; a stroke in
        # progress is the test, because some synthetic moves do not say which button is down.
        if self._current is None:
            super().mouseMoveEvent(event)
            return
        self._extend_stroke(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._current is None:
            super().mouseReleaseEvent(event)
            return
        self._extend_stroke(event.position())
        self._end_stroke()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt does not also send the same pen movement as mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            erase = event.pointerType() == QPointingDevice.PointerType.Eraser
            self._begin_stroke(event.position(), erase=erase)
        elif kind == QEvent.Type.TabletMove:
            self._extend_stroke(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._extend_stroke(event.position())
            self._end_stroke()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in _TOUCH_EVENTS:
            self._touch_event(event)
            return True
        if kind == QEvent.Type.ShortcutOverride and self._is_pad_key(event):
            # Claim the key before a window-wide shortcut with the same key can take it.
            event.accept()
            return True
        return super().event(event)

    def _touch_event(self, event: QTouchEvent) -> None:
        event.accept()
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            # The system took the touch over (a gesture, a dialog): the stroke was not meant.
            if self._current is not None:
                self._current = None
                self._touch_id = None
                self._canvas_stale = True
                self._changed_now()
            return
        points = event.points()
        if not points:
            return
        if self._touch_id is None:
            if kind == QEvent.Type.TouchBegin or any(
                p.state() == QEventPoint.State.Pressed for p in points
            ):
                first = points[0]
                self._touch_id = first.id()
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self._begin_stroke(first.position())
            return
        for point in points:
            if point.id() != self._touch_id:
                continue
            self._extend_stroke(point.position())
            if point.state() == QEventPoint.State.Released or kind == QEvent.Type.TouchEnd:
                self._end_stroke()
            return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif self._is_pad_key(event):
            self.clear()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    @staticmethod
    def _is_pad_key(event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Undo):
            return True
        return event.key() in _CLEAR_KEYS and event.modifiers() in _NO_MODIFIERS

    # -- looks --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.canvas_rect()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

        colours = theme.colours()
        focused = self.hasFocus()
        frame_color = self.palette().highlight().color() if focused else QColor(colours.frame)
        frame_width = theme.line_width(_FRAME_WIDTH) + (1.0 if focused else 0.0)
        painter.setPen(QPen(frame_color, frame_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = frame_width / 2
        painter.drawRoundedRect(rect.adjusted(-half, -half, half, half), 3, 3)
        # Scaling an RGB32 copy is twice as fast as scaling the grayscale image directly.
        paper = self._rendered_canvas().convertToFormat(QImage.Format.Format_RGB32)
        painter.drawImage(rect, paper)

        # Darken: the guide shows on the paper but never over the ink.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Darken)
        scale = rect.width() / CANVAS_SIZE
        guide = QRectF(
            rect.x() + GUIDE_MARGIN * scale,
            rect.y() + GUIDE_MARGIN * scale,
            (CANVAS_SIZE - 2 * GUIDE_MARGIN) * scale,
            (CANVAS_SIZE - 2 * GUIDE_MARGIN) * scale,
        )
        # Solid, not dashed: a dashed outline costs more to paint than the paper itself.
        painter.setPen(QPen(QColor(colours.guide), max(theme.line_width(1.5), 1.2 * scale)))
        painter.drawRoundedRect(guide, 6 * scale, 6 * scale)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

        if self.is_empty():
            font = QFont(self.font())
            font.setPixelSize(max(theme.px(12), round(rect.height() * 0.065)))
            painter.setFont(font)
            painter.setPen(QColor(colours.hint))
            painter.drawText(guide, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def _tool_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setCursor(Qt.CursorShape.ArrowCursor)
        return button


_TOUCH_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)
# Backspace too: the key macOS labels "delete" sends Backspace.
_CLEAR_KEYS = frozenset({Qt.Key.Key_Escape, Qt.Key.Key_Delete, Qt.Key.Key_Backspace})
_NO_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def _blank_paper() -> QImage:
    paper = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
    paper.fill(QColor(PAPER, PAPER, PAPER))
    return paper


def _paint_stroke(painter: QPainter, stroke: _Stroke) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(stroke.value, stroke.value, stroke.value)
    painter.setPen(
        QPen(
            color,
            stroke.width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    if len(stroke.points) == 1:
        painter.drawPoint(stroke.points[0])  # a round cap makes a click a dot
    else:
        painter.drawPolyline(stroke.points)
