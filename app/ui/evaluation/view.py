"""How well the network reads a whole labelled set: the "Evaluation" tab.

``EvaluationView`` shows an ``app.core.evaluation.Evaluation`` that someone else computed
(the window runs ``evaluate`` off the GUI thread and calls ``show_evaluation``) on five pages,
each a module of this package:

    Per digit      the share of each digit's images read right, as bars   (per_digit.py)
    Confusion      the 10×10 matrix (rows the true digit, columns the answer); a click lists
                   that cell's images, most confident first                (confusion.py)
    Mistakes       the wrong answers, wrongest (most confident) first      (mistakes.py)
    I don't know   a confidence threshold below which the network abstains (abstain.py)
    Robustness     accuracy as the images are damaged, from ``show_robustness``
                                                                           (robustness.py)

Above them, always: the overall accuracy, which set and which weights it was measured on, and
"Refresh". Clicking any image emits ``example_chosen`` so the window can send it through the
graph. Items are built once and only their data changes with each evaluation: the window
may send one after every epoch while training runs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.evaluation import Evaluation
from app.ui import theme
from app.ui.evaluation.abstain import AbstainPage
from app.ui.evaluation.common import percent
from app.ui.evaluation.confusion import ConfusionPage
from app.ui.evaluation.mistakes import MistakesPage
from app.ui.evaluation.per_digit import PerDigitPage
from app.ui.evaluation.robustness import RobustnessPage
from app.ui.images import unit_image


class EvaluationView(QWidget):
    """Accuracy, confusion matrix, mistakes, "I don't know" and robustness of one evaluation.

    Signals:
        ``evaluation_requested()``  "Refresh": measure again with the current weights.
        ``robustness_requested()``  "Compute robustness": run ``robustness_curve`` for every
                                    kind in ``DAMAGES`` on the evaluation images (slow).
        ``example_chosen(image, label)``  an image was clicked: ``image`` a read-only float32
                                    (28, 28) in [0, 1], ``label`` its true digit.

    Methods the window calls with results: ``show_evaluation``, ``show_evaluation_error``,
    ``show_evaluation_progress``, ``show_robustness`` (also with the kinds done so far),
    ``show_robustness_progress``, ``show_robustness_error``.
    """

    evaluation_requested = Signal()
    robustness_requested = Signal()
    #: The set to measure on changed (an index of ``set_choices``' names).
    set_chosen = Signal(int)
    example_chosen = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What is shown: the evaluation and its images (N, 28, 28), uint8 or float in [0, 1].
        self._evaluation: Evaluation | None = None
        self._images: np.ndarray | None = None
        self._source = ""
        self._step: int | None = None
        self._busy = False
        self._progress: float | None = None
        self._error: str | None = None
        header = self._build_header()

        # -- before any data -------------------------------------------------------------------
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message_font = QFont(self.font())
        message_font.setPointSizeF(max(message_font.pointSizeF(), 9.0) * 1.4)
        self.empty_label.setFont(message_font)

        self._build_pages()
        self.body = QStackedWidget()
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.pages)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        self.retranslate_ui()

    def _build_header(self) -> QHBoxLayout:
        """Refresh, the set to measure on, the accuracy, what was measured, and the status."""
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.accuracy_label = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.4)
        big.setBold(True)
        self.accuracy_label.setFont(big)
        self.accuracy_label.setStyleSheet(f"color: {theme.POSITIVE};")
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        # Which set to measure on: shown once there is more than the validation set (an MNIST
        # test folder loaded from the File menu).
        self.set_box = QComboBox()
        self.set_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.set_box.setMinimumContentsLength(8)
        self.set_box.hide()
        self.set_box.currentIndexChanged.connect(self.set_chosen)
        header = QHBoxLayout()
        header.addWidget(self.refresh_button)
        header.addWidget(self.set_box)
        header.addWidget(self.accuracy_label)
        header.addWidget(self.source_label, 1)
        header.addWidget(self.status_label, 1)
        return header

    def _build_pages(self) -> None:
        """The five pages as tabs, and their pieces under the names the window and tests use."""
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.per_digit_page = PerDigitPage()
        self.confusion_page = ConfusionPage()
        self.mistakes_page = MistakesPage()
        self.abstain_page = AbstainPage()
        self.robustness_page = RobustnessPage()
        for page in (
            self.per_digit_page,
            self.confusion_page,
            self.mistakes_page,
            self.abstain_page,
            self.robustness_page,
        ):
            self.pages.addTab(page, "")
        self.confusion_page.tiles.example_chosen.connect(self.example_chosen)
        self.mistakes_page.tiles.example_chosen.connect(self.example_chosen)
        self.robustness_page.requested.connect(self.robustness_requested)

        # The pages' pieces, also under the names they had when the tab was one class: the
        # window and its tests reach them there.
        self.digit_bars = self.per_digit_page.bars
        self.digit_texts = self.per_digit_page.texts
        self.overall_line = self.per_digit_page.overall_line
        self.matrix = self.confusion_page.matrix
        self.cell_title = self.confusion_page.title
        self.cell_tiles = self.confusion_page.tiles
        self.cell_more = self.confusion_page.more
        self.mistakes_title = self.mistakes_page.title
        self.mistake_tiles = self.mistakes_page.tiles
        self.mistakes_more = self.mistakes_page.more
        self.threshold = self.abstain_page.threshold
        self.threshold_value = self.abstain_page.value
        self.threshold_line = self.abstain_page.threshold_line
        self.abstain_label = self.abstain_page.result
        self.answered_curve = self.abstain_page.answered_curve
        self.right_curve = self.abstain_page.right_curve
        self.robustness_button = self.robustness_page.button
        self.robustness_status = self.robustness_page.status
        self.robustness_message = self.robustness_page.message
        self.robustness_body = self.robustness_page.body
        self.robustness_panels = self.robustness_page.panels

    # -- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the header's and the tabs' texts in the current language (at the start and on a
        language change; each page does its own)."""
        self.refresh_button.setText(self.tr("Refresh"))
        self.set_box.setToolTip(
            self.tr(
                "The images to measure on. The test folder's digits were never trained on: "
                "compare its accuracy with the validation set's."
            )
        )
        self.refresh_button.setToolTip(
            self.tr(
                "Measure again with the current weights. It is also measured after every epoch; "
                "press it after a few steps to see what they changed."
            )
        )
        self.accuracy_label.setToolTip(
            self.tr("Share of all the images the network reads right (its accuracy).")
        )
        self.empty_label.setText(
            self.tr(
                "Press Refresh to measure how well the network reads the validation digits: "
                "its accuracy for each digit, the digits it mixes up and its worst mistakes."
            )
        )
        tabs = (
            (
                self.per_digit_page,
                self.tr("Per digit"),
                self.tr("How often each digit is read right"),
            ),
            (
                self.confusion_page,
                self.tr("Confusion"),
                self.tr("Which digits are mistaken for which: click a cell to see its images"),
            ),
            (
                self.mistakes_page,
                self.tr("Mistakes"),
                self.tr("The wrong answers the network was surest of"),
            ),
            (
                self.abstain_page,
                self.tr("I don't know"),
                self.tr('Let the network say "I don\'t know" when it is unsure'),
            ),
            (
                self.robustness_page,
                self.tr("Robustness"),
                self.tr("Accuracy on noisy, turned, moved and thinner or thicker digits"),
            ),
        )
        for page, name, tip in tabs:
            index = self.pages.indexOf(page)
            self.pages.setTabText(index, name)
            self.pages.setTabToolTip(index, tip)
        self._show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_texts(self) -> None:
        """The header's texts made from the data, in the current language."""
        ev = self._evaluation
        if self._error is not None:
            self.status_label.setText(self._error)
        elif self._busy and self._progress is not None:
            self.status_label.setText(
                self.tr("measuring… %1 %").replace("%1", f"{100 * self._progress:.0f}")
            )
        elif self._busy:
            self.status_label.setText(self.tr("measuring…"))
        else:
            self.status_label.setText("")
        self.status_label.setStyleSheet(
            f"color: {theme.NEGATIVE}; font-weight: bold;" if self._error else ""
        )
        if ev is None:
            self.accuracy_label.setText("")
            self.source_label.setText("")
            return
        self.accuracy_label.setText(self.tr("%1 %").replace("%1", percent(ev.accuracy)))
        text = self.tr("right on the %1").replace("%1", self._source)
        if self._step is not None:
            text += " · " + self.tr("weights of step %1").replace("%1", f"{self._step:,}")
        self.source_label.setText(text)

    # -- results ---------------------------------------------------------------------------------

    def show_evaluation(
        self, evaluation: Evaluation, images: np.ndarray, source: str, step: int | None = None
    ) -> None:
        """Show ``evaluation`` of ``images`` (N, 28, 28) uint8 or float in [0, 1], read-only.

        ``images[i]`` is the image of ``evaluation.labels[i]``; ``source`` names the set in
        the current language ("validation set (500)"); ``step`` is the training step of the
        weights measured, if known.
        """
        if len(images) != evaluation.count:
            raise ValueError(f"{len(images)} images for an evaluation of {evaluation.count}")
        self._evaluation = evaluation
        self._images = images
        self._source = source
        self._step = step
        self._busy = False
        self._progress = None
        self._error = None
        self.body.setCurrentWidget(self.pages)
        self.per_digit_page.show_evaluation(evaluation)
        self.confusion_page.show_evaluation(evaluation, images)
        self.mistakes_page.show_evaluation(evaluation, images)
        self.abstain_page.show_evaluation(evaluation)
        self._show_texts()
        self.robustness_page.set_image(unit_image(images, 0))

    def show_evaluation_progress(self, fraction: float) -> None:
        """An evaluation is under way, ``fraction`` (0..1) of its images read: say so beside
        the accuracy. The end (1.0) is not shown: the result comes next, and an evaluation
        in one go (the validation set after every epoch) would only flicker."""
        if fraction >= 1.0:
            return
        self._busy = True
        self._progress = fraction
        self._error = None
        self._show_texts()

    def show_evaluation_error(self, message: str) -> None:
        """The evaluation failed: say why (already translated); the last result stays."""
        self._busy = False
        self._progress = None
        self._error = message
        if self._evaluation is None:
            self.empty_label.setText(message)
        self._show_texts()

    def show_cell(self, true: int, answer: int) -> None:
        """List the images of digit ``true`` answered ``answer``, most confident first."""
        self.confusion_page.show_cell(true, answer)

    def show_robustness(
        self,
        curves: Mapping[str, tuple[np.ndarray, np.ndarray]],
        step: int | None = None,
        partial: bool = False,
    ) -> None:
        """Draw ``curves``: kind (a key of ``DAMAGES``) → ``robustness_curve``'s (levels,
        accuracies), each of shape (T,), accuracies 0..1. ``step``: the weights' step.
        ``partial``: the kinds done so far, the others still being computed."""
        self.robustness_page.show_robustness(curves, step, partial)

    def show_robustness_progress(self, fraction: float) -> None:
        """The robustness curves are ``fraction`` (0..1) done."""
        self.robustness_page.show_progress(fraction)

    def show_robustness_error(self, message: str) -> None:
        """Robustness could not be computed: say why (already translated)."""
        self.robustness_page.show_error(message)

    # -- controls --------------------------------------------------------------------------------

    def set_choices(self, names: list[str], chosen: int = 0) -> None:
        """The sets one may measure on (already translated names); the box shows when > 1."""
        self.set_box.blockSignals(True)
        self.set_box.clear()
        self.set_box.addItems(names)
        self.set_box.setCurrentIndex(chosen)
        self.set_box.blockSignals(False)
        self.set_box.setVisible(len(names) > 1)

    def chosen_set(self) -> int:
        return max(self.set_box.currentIndex(), 0)

    def _refresh_clicked(self) -> None:
        self._busy = True
        self._error = None
        self._show_texts()
        self.evaluation_requested.emit()
