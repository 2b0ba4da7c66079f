"""The "Mistakes" page: the wrong answers, wrongest (most confident) first.

Each tile shows the image over its ten outputs, the answer's bar orange and the true
digit's blue; at most ``MAX_MISTAKES`` tiles, the rest counted.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.evaluation import Evaluation
from app.ui.evaluation.common import translate
from app.ui.evaluation.tiles import ExampleTiles

#: Tiles in the mistakes gallery: a screenful or two; more is "N more".
MAX_MISTAKES = 60


class MistakesPage(QWidget):
    """A title, the gallery of ``Evaluation.mistakes()`` as tiles, and how many are not shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        #: Every mistake of the evaluation, wrongest first (indices into its images).
        self.indices = np.zeros(0, dtype=np.intp)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tiles = ExampleTiles(84, QSize(128, 160), with_digits=True)
        self.more = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.tiles, 1)
        layout.addWidget(self.more)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tiles.setToolTip(
            translate(
                "EvaluationView",
                "Under each image: its ten outputs (blue the true digit, orange the answer). "
                "Click one to watch the network read it in the graph.",
            )
        )
        self.show_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_evaluation(self, evaluation: Evaluation, images: np.ndarray) -> None:
        """The mistakes of ``evaluation`` of ``images`` (N, 28, 28), uint8 or float in [0, 1]."""
        self._evaluation = evaluation
        self.indices = evaluation.mistakes()
        self.tiles.show_examples(evaluation, images, self.indices[:MAX_MISTAKES])
        self.show_texts()

    def show_texts(self) -> None:
        """The title, the captions and the count not shown, once there is an evaluation."""
        ev = self._evaluation
        if ev is None:
            return
        n = len(self.indices)
        if n == 0:
            self.title.setText(
                translate("EvaluationView", "No mistakes: every image is read right.")
            )
        else:
            self.title.setText(
                translate(
                    "EvaluationView",
                    "%1 mistakes in %2 images, wrongest first: the network was surest of "
                    "these wrong answers. Click one to watch it go through the network.",
                )
                .replace("%2", f"{ev.count:,}")
                .replace("%1", f"{n:,}")
            )
        self.tiles.caption()
        rest = n - self.tiles.count()
        self.more.setText(
            translate("EvaluationView", "and %1 more mistakes not shown").replace("%1", f"{rest:,}")
            if rest > 0
            else ""
        )
