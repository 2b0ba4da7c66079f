"""The graph's toolbar: what the edges show, how much of them, and the legend that says so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.flow_layout import FlowLayout
from app.ui.graph.edges import EDGE_MODES, STRONGEST_PERCENT_WHILE_RUNNING


class GraphToolbar(QWidget):
    """The edge-mode box and the strongest-percent box on a line that wraps, the legend on a
    line of its own below them.

    ``mode_chosen(mode)`` and ``percent_chosen(percent)`` fire when the teacher changes a
    box; ``show_mode`` and ``show_percent`` set a box without firing. Texts are translated
    with the graph's context, "NetworkGraphView" (the view calls ``retranslate_ui``).
    """

    mode_chosen = Signal(str)
    percent_chosen = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("graphToolbar")
        # A QWidget subclass paints no style-sheet background (the grey and the line below)
        # unless asked to; a plain QWidget does.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.restyle()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 4, 8, 4)
        rows.setSpacing(2)
        # The switches wrap onto a second line when narrow (presenter mode's large fonts);
        # the legend has a line of its own below them, where it can wrap in place.
        row = FlowLayout(spacing=16)
        rows.addLayout(row)
        self.edges_title = QLabel(self)
        self.mode_box = QComboBox(self)
        for mode in EDGE_MODES:
            self.mode_box.addItem("", mode)
        self.mode_box.currentIndexChanged.connect(
            lambda index: self.mode_chosen.emit(self.mode_box.itemData(index))
        )
        self.strongest_title = QLabel(self)
        self.percent_box = QSpinBox(self)
        self.percent_box.setRange(1, 100)
        self.percent_box.setValue(100)
        self.percent_box.valueChanged.connect(self.percent_chosen.emit)
        for title, box in (
            (self.edges_title, self.mode_box),
            (self.strongest_title, self.percent_box),
        ):
            pair = QWidget(self)
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.setSpacing(8)
            pair_row.addWidget(title)
            pair_row.addWidget(box)
            row.addWidget(pair)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # The legend wraps rather than setting the window's minimum width: the window must fit
        # a 1280×720 projector beside the controls and the pad.
        self.legend.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.addWidget(self.legend)

    def restyle(self) -> None:
        """Font sizes for the current look (presenter mode scales them)."""
        self.setStyleSheet(
            "#graphToolbar { background: #f2f2f2; border-bottom: 1px solid #c8c8c8; }"
            f"QLabel, QComboBox, QSpinBox {{ font-size: {theme.pt(12):g}pt; color: #181818; }}"
        )

    def retranslate_ui(self) -> None:
        """The titles, the mode names and the tips in the current language (not the legend:
        the view sets it from what it shows)."""
        self.edges_title.setText(QCoreApplication.translate("NetworkGraphView", "Edges show:"))
        modes = {
            "weights": QCoreApplication.translate("NetworkGraphView", "Weights"),
            "gradients": QCoreApplication.translate("NetworkGraphView", "Gradients (last step)"),
            "change": QCoreApplication.translate("NetworkGraphView", "Change (last step)"),
        }
        for index in range(self.mode_box.count()):
            self.mode_box.setItemText(index, modes[self.mode_box.itemData(index)])
        mode_tip = QCoreApplication.translate(
            "NetworkGraphView",
            "Show the gradients, then press Step: the edges that change most light up",
        )
        self.edges_title.setToolTip(mode_tip)
        self.mode_box.setToolTip(mode_tip)
        self.strongest_title.setText(QCoreApplication.translate("NetworkGraphView", "Strongest:"))
        self.percent_box.setSuffix(QCoreApplication.translate("NetworkGraphView", " %"))
        percent_tip = QCoreApplication.translate(
            "NetworkGraphView",
            "Show only this share of edges, the largest ones. Try 10 %: the few weights "
            "that matter most stand out",
        )
        self.strongest_title.setToolTip(percent_tip)
        self.percent_box.setToolTip(percent_tip)

    def show_mode(self, mode: str) -> None:
        index = self.mode_box.findData(mode)
        if self.mode_box.currentIndex() != index:
            self.mode_box.blockSignals(True)
            self.mode_box.setCurrentIndex(index)
            self.mode_box.blockSignals(False)

    def show_percent(self, percent: int) -> None:
        if self.percent_box.value() != percent:
            self.percent_box.blockSignals(True)
            self.percent_box.setValue(percent)
            self.percent_box.blockSignals(False)

    def _set_legend(self, text: str) -> None:
        if text != self.legend.text():  # a new text re-lays out and repaints the toolbar
            self.legend.setText(text)

    def show_legend(self, mode: str, thinned: bool) -> None:
        """The colours of the signs, and a note while the dense fan is thinned."""
        what = {
            "weights": QCoreApplication.translate("NetworkGraphView", "weights"),
            "gradients": QCoreApplication.translate(
                "NetworkGraphView", "gradient of the last step"
            ),
            "change": QCoreApplication.translate("NetworkGraphView", "change of the last step"),
        }[mode]
        swatch = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">■</span>'
        blue = swatch.format(c="#2166ac")
        orange = swatch.format(c="#e66101")
        # lupdate does not look inside f-strings: the texts are translated first.
        positive = QCoreApplication.translate("NetworkGraphView", "positive")
        negative = QCoreApplication.translate("NetworkGraphView", "negative")
        text = f"{blue} {positive} &nbsp; {orange} {negative}"
        if thinned:
            note = QCoreApplication.translate(
                "NetworkGraphView", "input fan: strongest {p} % while training"
            ).format(p=STRONGEST_PERCENT_WHILE_RUNNING)
            text += (
                f' &nbsp;<span style="color:#606060; font-size:{theme.pt(10):g}pt">{note}</span>'
            )
        self._set_legend(text)
        self.legend.setToolTip(
            QCoreApplication.translate(
                "NetworkGraphView", "Edges show the {what}; stronger = darker"
            ).format(what=what)
        )

    def show_lesson_legend(self) -> None:
        """The step-through's legend: bright gradient edges over faint weights, and rings."""
        swatch = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">■</span>'
        ring = f'<span style="color:{{c}}; font-size:{theme.pt(16):g}pt">○</span>'
        positive = QCoreApplication.translate("NetworkGraphView", "positive")
        negative = QCoreApplication.translate("NetworkGraphView", "negative")
        edges = QCoreApplication.translate(
            "NetworkGraphView", "bright edges: gradient dC/dw, faint: weights"
        )
        rings = QCoreApplication.translate(
            "NetworkGraphView", "ring: wanted change −dC/da (blue up, orange down)"
        )
        # A word joiner after each slash: Qt would otherwise break "dC/da" at the slash.
        edges, rings = (t.replace("/", "/\u2060") for t in (edges, rings))
        text = (
            f"{swatch.format(c='#2166ac')} {positive} &nbsp; {swatch.format(c='#e66101')} "
            f"{negative} &nbsp; {edges} &nbsp; {ring.format(c='#303030')} {rings}"
        )
        self._set_legend(text)
        self.legend.setToolTip(
            QCoreApplication.translate(
                "NetworkGraphView",
                "A ring is the change the loss wants of a neuron, −dC/da (dC/da is how much "
                "the loss grows as the neuron grows): a blue ring wants it higher, an orange "
                "ring lower; a thicker ring, more. Empty neurons are not computed yet.",
            )
        )
