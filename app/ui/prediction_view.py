"""What the network reads in a drawing: its answer, how sure it is, and what it was shown.

``classify_drawing`` turns the drawing pad's paper into an ``InputView`` (preprocess the way
MNIST was made, then one forward pass). ``PredictionView`` shows one: the winning digit large
enough to read from the back of a classroom, its share of the ten outputs, a bar for every
digit, and the 28×28 image the network actually received. When its top share is below the
"I don't know" threshold (the evaluation view's, ``set_unsure_threshold``) it says it is not
sure and gives its second guess. Below, "Teach it: this is a [k]" hands the image and the
right answer to whoever trains the network.

Everything is painted with QPainter: ten bars, two texts and one tiny image cost well under
a millisecond, and the view repaints on every stroke.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.network import Network
from app.data.preprocess import FIELD_SIZE, preprocess_digit
from app.training.snapshot import InputView
from app.ui import theme
from app.ui.evaluation.abstain import DEFAULT_THRESHOLD
from app.ui.images import digit_image

N_DIGITS = 10

_EMPTY_FIELD_COLOR = QColor(24, 24, 24)


def _digit_button_style() -> str:
    """The chosen digit has to be plain from the back of the room, which the native "checked"
    look of a tool button is not."""
    winner = theme.colours().winner
    border = round(theme.line_width(1))
    return f"""
QToolButton {{
    border: {border}px solid palette(mid); border-radius: 4px; background: palette(button);
}}
QToolButton:hover {{ border-color: {winner}; }}
QToolButton:checked {{ background: {winner}; color: white; border-color: {winner}; }}
QToolButton:disabled {{ color: palette(mid); border-color: palette(midlight); }}
"""


def classify_drawing(canvas: np.ndarray, network: Network) -> InputView | None:
    """The network's reading of a drawing, or None when nothing is drawn.

    ``canvas`` is any 2-D grayscale image (the pad's uint8 (280, 280), dark ink on white).
    It is preprocessed as MNIST was (``preprocess_digit``) and sent through the network once;
    the view keeps that pass's activations and weighted sums for every layer, and the
    probabilities are the same numbers ``Network.predict_proba`` gives. Every array in the
    view is a read-only copy.
    """
    image = preprocess_digit(canvas)
    return None if image is None else read_digit(image, network)


def read_digit(image: np.ndarray, network: Network) -> InputView:
    """The network's reading of an already preprocessed (28, 28) image in [0, 1]."""
    with np.errstate(all="ignore"):  # the weights may be wild mid-lesson; the view is sanitised
        forward = network.forward(image.reshape(1, FIELD_SIZE * FIELD_SIZE))
    return InputView.from_forward(network, forward, None, "drawing")


class PredictionView(QWidget):
    """The network's answer to one input, and a row to teach it the right one.

    ``show_prediction(view)`` shows an ``InputView``, or the empty state for None.
    ``example_taught(image, label)`` is emitted by "Teach it" with the view's image, a
    read-only float (28, 28) in [0, 1], and the digit chosen in the row.
    """

    example_taught = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: InputView | None = None
        self._seen: QImage | None = None
        self._unsure_below = DEFAULT_THRESHOLD / 100.0

        self.teach_label = QLabel()
        self.teach_label.setWordWrap(True)  # two lines in a narrow column, not clipped
        self.teach_button = QPushButton()
        self.teach_button.clicked.connect(self._teach)
        self.digit_group = QButtonGroup(self)
        self.digit_group.setExclusive(True)
        buttons = []
        for digit in range(N_DIGITS):
            button = QToolButton()
            button.setText(str(digit))
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.digit_group.addButton(button, digit)
            buttons.append(button)
        self.digit_buttons: tuple[QToolButton, ...] = tuple(buttons)
        self.digit_group.idToggled.connect(self._update_teach_row)

        teach_row = QWidget(self)
        grid = QGridLayout(teach_row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.setHorizontalSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.teach_label, 1)
        heading.addWidget(self.teach_button)
        grid.addLayout(heading, 0, 0, 1, N_DIGITS)
        for digit, button in enumerate(self.digit_buttons):
            grid.addWidget(button, 1, digit)
        self._teach_row = teach_row

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)
        layout.addStretch(1)
        layout.addWidget(teach_row)
        self._update_teach_row()
        self.apply_theme()
        self.retranslate_ui()

    def apply_theme(self) -> None:
        """Fonts, sizes and colours of the current look (``theme``).

        The teach row's texts are a little larger than the application's, the digits larger
        still and bold; they follow the application font, so presenter mode scales them too.
        """
        base = QApplication.font()
        points = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
        row_font = QFont(base)
        row_font.setPointSizeF(max(points, 9.0 * theme.scale()) * 1.15)
        self.teach_label.setFont(row_font)
        self.teach_button.setFont(row_font)
        digit_font = QFont(base)
        digit_font.setPointSizeF(max(points, 9.0 * theme.scale()) * 1.3)
        digit_font.setBold(True)
        style = _digit_button_style()
        # Ten across the pad's column: each as narrow as its digit allows, never wider than
        # the column (the column's width is what the window can spare at 1280×720).
        digit_width = QFontMetrics(digit_font).horizontalAdvance("0")
        for button in self.digit_buttons:
            button.setFont(digit_font)
            button.setMinimumSize(digit_width + 6, theme.px(34))
            button.setStyleSheet(style)
        self.update()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at the start and on a language change)."""
        self.teach_label.setText(self.tr("Teach it: this is a"))
        self.teach_button.setText(self.tr("Teach it"))
        self.teach_button.setToolTip(
            self.tr("Train the network on this drawing as the digit chosen below")
        )
        for digit, button in enumerate(self.digit_buttons):
            button.setAccessibleName(self.tr("This is a {0}").format(digit))
            button.setToolTip(
                self.tr(
                    "Your drawing is a {0}: choose it, then press Teach it. Try teaching it a "
                    "few of your own {0}s, then train an epoch and draw one again."
                ).format(digit)
            )
        self.setAccessibleName(self.tr("What the network reads"))
        self._describe_reading()
        self.update()  # the answer's captions are painted in the current language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- public API ---------------------------------------------------------------------------

    def show_prediction(self, view: InputView | None) -> None:
        """Show what the network makes of one input; None shows "Draw a digit" and no guess."""
        self._view = view
        if view is None:
            self._seen = None
            self.clear_chosen_digit()
        else:
            self._seen = digit_image(view.image)
        self._describe_reading()
        self._update_teach_row()
        self.update(self._reading_rect().toAlignedRect())

    def current_view(self) -> InputView | None:
        return self._view

    def set_unsure_threshold(self, share: float) -> None:
        """Below this top share (0–1, the evaluation view's "I don't know" threshold) the
        answer is shown as unsure, with the second guess."""
        self._unsure_below = float(share)
        self._describe_reading()
        self.update()

    def second_guess(self) -> int | None:
        """The runner-up digit when the network is unsure of the shown input, else None."""
        view = self._view
        if view is None or float(np.max(view.probabilities)) >= self._unsure_below:
            return None
        return int(np.argsort(view.probabilities)[-2])

    def _describe_reading(self) -> None:
        view = self._view
        if view is None:
            self.setAccessibleDescription(self.tr("Nothing drawn"))
            return
        text = self.tr("Reads {0} ({1})").format(view.answer, _percent(view.probabilities))
        second = self.second_guess()
        if second is not None:
            text += " " + self.tr("Not sure: maybe a {0}").format(second)
        self.setAccessibleDescription(text)

    @property
    def chosen_digit(self) -> int | None:
        """The digit chosen in the "Teach it" row, None if none is."""
        digit = self.digit_group.checkedId()
        return None if digit < 0 else digit

    def choose_digit(self, digit: int) -> None:
        self.digit_buttons[digit].setChecked(True)

    def clear_chosen_digit(self) -> None:
        # An exclusive group refuses to uncheck its last checked button.
        self.digit_group.setExclusive(False)
        for button in self.digit_buttons:
            button.setChecked(False)
        self.digit_group.setExclusive(True)

    def sizeHint(self) -> QSize:
        return QSize(440, 440)

    def minimumSizeHint(self) -> QSize:
        # Never narrower than the ten digits need (they are not squeezed under their text).
        return QSize(260, 300).expandedTo(QSize(self.layout().minimumSize().width(), 0))

    # -- teaching -----------------------------------------------------------------------------

    def _teach(self) -> None:
        digit = self.chosen_digit
        if self._view is None or digit is None:
            return
        self.example_taught.emit(self._view.image, digit)

    def _update_teach_row(self, *_) -> None:
        has_input = self._view is not None
        self.teach_label.setEnabled(has_input)
        for button in self.digit_buttons:
            button.setEnabled(has_input)
        self.teach_button.setEnabled(has_input and self.chosen_digit is not None)

    # -- painting -----------------------------------------------------------------------------

    def _reading_rect(self) -> QRectF:
        margins = self.layout().contentsMargins()
        bottom = self._teach_row.geometry().top() - 8
        if bottom <= margins.top():
            bottom = self.height() - margins.bottom()
        return QRectF(
            margins.left(),
            margins.top(),
            self.width() - margins.left() - margins.right(),
            bottom - margins.top(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        area = self._reading_rect()
        if area.width() < 20 or area.height() < 40:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.windowText().color()
        muted = QColor(text_color)
        muted.setAlphaF(0.85 if theme.presenting() else 0.6)

        top = QRectF(area.x(), area.y(), area.width(), area.height() * 0.6)
        bars = QRectF(area.x(), top.bottom() + 6, area.width(), area.bottom() - top.bottom() - 6)
        answer_box = QRectF(top.x(), top.y(), top.width() * 0.5, top.height())
        field_box = QRectF(answer_box.right() + 8, top.y(), top.width() * 0.5 - 8, top.height())

        caption_px = int(
            np.clip(
                min(top.height() * 0.065, top.width() * 0.042 * theme.scale()),
                theme.px(11),
                theme.px(20),
            )
        )
        caption_font = QFont(self.font())
        caption_font.setPixelSize(caption_px)
        caption_height = caption_px * 1.6

        self._paint_answer(painter, answer_box, caption_font, caption_height, text_color, muted)
        self._paint_field(painter, field_box, caption_font, caption_height, muted)
        self._paint_bars(painter, bars, text_color, muted)
        painter.end()

    def _paint_answer(
        self,
        painter: QPainter,
        box: QRectF,
        caption_font: QFont,
        caption_height: float,
        text_color: QColor,
        muted: QColor,
    ) -> None:
        painter.setFont(caption_font)
        painter.setPen(muted)
        caption = QRectF(box.x(), box.y(), box.width(), caption_height)
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, self.tr("The network reads"))
        body = QRectF(box.x(), caption.bottom(), box.width(), box.bottom() - caption.bottom())

        view = self._view
        if view is None:
            font = QFont(self.font())
            font.setPixelSize(int(np.clip(body.height() * 0.14, 14, 40)))
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                body,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Draw a digit"),
            )
            return

        share_height = body.height() * 0.2
        unsure = view.label is None and self.second_guess() is not None
        label_height = body.height() * 0.12 if view.label is not None or unsure else 0.0
        digit_box = QRectF(
            body.x(), body.y(), body.width(), body.height() - share_height - label_height
        )
        digit_font = QFont(self.font())
        digit_font.setBold(True)
        digit_font.setPixelSize(max(16, int(min(digit_box.height() * 1.05, body.width() * 0.9))))
        painter.setFont(digit_font)
        painter.setPen(QColor(theme.colours().winner))
        painter.drawText(digit_box, Qt.AlignmentFlag.AlignCenter, str(view.answer))

        share_font = QFont(self.font())
        share_font.setBold(True)
        share_font.setPixelSize(max(12, int(share_height * 0.75)))
        painter.setFont(share_font)
        painter.setPen(text_color)
        share_box = QRectF(body.x(), digit_box.bottom(), body.width(), share_height)
        painter.drawText(share_box, Qt.AlignmentFlag.AlignCenter, _percent(view.probabilities))

        second = self.second_guess()
        if view.label is None and second is not None:
            # The drawing has no label: its line says the network is unsure, and what else.
            unsure_font = QFont(self.font())
            unsure_font.setPixelSize(max(11, int(label_height * 0.7)))
            painter.setFont(unsure_font)
            painter.setPen(QColor(theme.colours().wrong))
            unsure_box = QRectF(body.x(), share_box.bottom(), body.width(), label_height)
            painter.drawText(
                unsure_box,
                Qt.AlignmentFlag.AlignCenter,
                self.tr("not sure: maybe a {0}").format(second),
            )

        if view.label is not None:
            label_font = QFont(self.font())
            label_font.setPixelSize(max(11, int(label_height * 0.7)))
            painter.setFont(label_font)
            colours = theme.colours()
            painter.setPen(QColor(colours.right if view.answer == view.label else colours.wrong))
            label_box = QRectF(body.x(), share_box.bottom(), body.width(), label_height)
            painter.drawText(
                label_box, Qt.AlignmentFlag.AlignCenter, self.tr("label: {0}").format(view.label)
            )

    def _paint_field(
        self,
        painter: QPainter,
        box: QRectF,
        caption_font: QFont,
        caption_height: float,
        muted: QColor,
    ) -> None:
        painter.setFont(caption_font)
        caption_text = self.tr("What the network sees (28×28)")
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        needed = painter.fontMetrics().boundingRect(
            QRectF(box.x(), box.y(), box.width(), box.height()).toRect(), flags, caption_text
        )
        caption = QRectF(box.x(), box.y(), box.width(), max(caption_height, needed.height() + 4))
        painter.setPen(muted)
        painter.drawText(caption, flags, caption_text)

        side = max(1.0, min(box.width(), box.bottom() - caption.bottom()))
        # Whole screen pixels per image pixel, so every one of the 28×28 is the same size.
        side = max(FIELD_SIZE, side // FIELD_SIZE * FIELD_SIZE)
        square = QRectF(box.center().x() - side / 2, caption.bottom(), side, side)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_EMPTY_FIELD_COLOR)
        painter.drawRect(square)
        if self._seen is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(square.toAlignedRect(), self._seen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(theme.colours().bar), theme.line_width(1)))
        painter.drawRect(square)

    def _paint_bars(
        self, painter: QPainter, box: QRectF, text_color: QColor, muted: QColor
    ) -> None:
        label_px = int(np.clip(box.height() * 0.16, theme.px(12), theme.px(30)))
        winner_color, bar_color = QColor(theme.colours().winner), QColor(theme.colours().bar)
        label_height = label_px * 1.4
        plot = QRectF(box.x(), box.y(), box.width(), box.height() - label_height)
        slot = box.width() / N_DIGITS
        bar_width = slot * 0.64
        view = self._view
        winner = view.answer if view is not None else None
        label_font = QFont(self.font())
        label_font.setPixelSize(label_px)
        bold_font = QFont(label_font)
        bold_font.setBold(True)

        # Whole-pixel rectangles: filled without anti-aliasing, a tenth of the cost of
        # rounded ones, and the bars are what changes on every stroke.
        # Opaque: translucent fills cost as much again as the rest of the chart.
        track_color = _mix(self.palette().window().color(), text_color, 0.1)
        shares = np.zeros(N_DIGITS) if view is None else np.clip(view.probabilities, 0.0, 1.0)
        for digit in range(N_DIGITS):
            x = round(box.x() + slot * digit + (slot - bar_width) / 2)
            track = QRect(x, round(plot.y()), round(bar_width), round(plot.height()))
            painter.fillRect(track, track_color)
            height = round(float(shares[digit]) * track.height())
            if height > 0:
                color = winner_color if digit == winner else bar_color
                painter.fillRect(
                    QRect(x, track.bottom() + 1 - height, track.width(), height), color
                )

        for digit in range(N_DIGITS):
            label_box = QRectF(box.x() + slot * digit, plot.bottom(), slot, label_height)
            if digit == winner:
                painter.setFont(bold_font)
                painter.setPen(winner_color)
            else:
                painter.setFont(label_font)
                painter.setPen(text_color if view is not None else muted)
            painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, str(digit))


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _percent(probabilities: np.ndarray) -> str:
    return f"{float(np.max(probabilities)):.0%}"
