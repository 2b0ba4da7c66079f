"""What the controls' boxes share: the translation context, form labels, combo items, spins.

Translations: every text of the boxes keeps the context it had when the whole panel was one
class, ``ControlsPanel``, so the catalogue's translations still find it. A box therefore calls
``translate("ControlsPanel", "…")`` instead of ``self.tr("…")``, whose context would be the
box's own class name; the context must be written out, as lupdate reads only a literal.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QWidget

translate = QCoreApplication.translate


def double_spin(low: float, high: float, step: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    return spin


def buddy_label(field: QWidget) -> QLabel:
    """A form row's label, as ``QFormLayout.addRow(text, field)`` would make it."""
    label = QLabel()
    label.setBuddy(field)
    return label


def set_items(combo: QComboBox, texts: dict[str, str]) -> None:
    """Name each item of ``combo`` by its data (the selection and the signals stay as they are)."""
    for index in range(combo.count()):
        text = texts.get(combo.itemData(index))
        if text is not None:
            combo.setItemText(index, text)


def let_shrink(combo: QComboBox) -> None:
    """Let ``combo`` be narrower than its longest item (the list still shows every item in
    full): combos as wide as their texts would set the window's minimum width, and the window
    has to fit 1280×720."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
