"""Before the first step the five numbers are not all known, but (1) is: the watched weights'
values show at once, and the other four wait for the step ("?")."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from app.core.descent import DescentStep
from app.core.network import Architecture, Network
from app.training import commands as cmd
from app.training.snapshot import Snapshot
from app.ui.descent_panel import NOT_YET, DescentPanel, weights_now
from app.ui.scenes import short_number
from tests import test_stage
from tests.test_stage import stepped

# The stage's fixtures: a real worker, the stage in a window of the projector's size.
training = test_stage.training
host = test_stage.host


def column(panel: DescentPanel, col: int) -> list[str]:
    return [panel.table.item(row, col).text() for row in range(panel.table.rowCount())]


def test_the_panel_shows_the_values_before_a_step_and_all_five_after_it(qtbot):
    panel = DescentPanel()
    qtbot.addWidget(panel)
    before = (("w3[0,0]", "w3[0,1]"), np.array([0.5, 0.2]))
    panel.show_step(None, before)
    assert [panel.table.horizontalHeaderItem(c).text() for c in range(2)] == list(before[0])
    assert column(panel, 0) == ["0.5", NOT_YET, NOT_YET, NOT_YET, NOT_YET]
    assert column(panel, 1) == ["0.2", NOT_YET, NOT_YET, NOT_YET, NOT_YET]
    assert not panel.hint.isHidden()  # "take a step to see the five numbers" still says so
    step = DescentStep(
        before[0], before[1], np.array([-0.1, -0.2]), 0.1, np.array([0.01, 0.02]),
        np.array([0.51, 0.22]),
    )  # fmt: skip
    panel.show_step(step, before)  # a step wins over the values from before it
    assert column(panel, 0) == ["0.5", "-0.1", "0.1", "0.01", "0.51"]
    assert panel.hint.isHidden()
    panel.show_step(None, None)
    assert panel.table.columnCount() == 0
    assert not panel.hint.isHidden()


def test_a_strip_under_a_picture_keeps_its_height_without_the_hint(qtbot):
    panel = DescentPanel()
    qtbot.addWidget(panel)
    panel.set_presentation(short_number, panel.font(), steps_as_columns=True)
    panel.show_step(None, (("w3[0,0]",), np.array([0.5])))
    assert panel.table.rowCount() == 1
    assert panel.hint.isHidden()


def test_weights_now_reads_the_watched_weights_from_the_snapshots_params():
    arch = Architecture((4, 3, 2))
    network = Network(arch, seed=1)
    watched = (arch.weight_index(1, 1, 2), arch.bias_index(0, 0))
    snap = mock_snapshot(arch, network.params, watched)
    names, values = weights_now(snap)
    assert names == (arch.parameter_name(watched[0]), arch.parameter_name(watched[1]))
    np.testing.assert_array_equal(values, network.params[list(watched)])
    assert weights_now(mock_snapshot(arch, network.params, ())) is None
    assert weights_now(None) is None


def mock_snapshot(arch, params, watched) -> Snapshot:
    """Only the fields ``weights_now`` reads are meaningful."""
    fields = dict.fromkeys(Snapshot.__dataclass_fields__)
    fields.update(architecture=arch, params=params, watched_indices=watched)
    return Snapshot(**fields)


def test_the_stage_shows_the_watched_weights_values_right_after_a_reset(qtbot, host):
    stepped(qtbot, host)
    host.send(cmd.Reset())
    qtbot.wait_until(lambda: host.render() and host.current_snapshot().watched is None)
    snap = host.current_snapshot()
    host.stage.show_scene("numbers")
    panel = host.stage.current_scene().numbers.panel
    qtbot.wait_until(lambda: panel.table.columnCount() == len(snap.watched_indices))
    expected = [short_number(v) for v in snap.params[list(snap.watched_indices)]]
    assert [column(panel, c)[0] for c in range(panel.table.columnCount())] == expected
    assert all(column(panel, c)[1:] == [NOT_YET] * 4 for c in range(panel.table.columnCount()))


def test_tab_passes_the_filled_table_in_one_press(qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    panel, after = DescentPanel(), QLineEdit()
    layout = QVBoxLayout(holder)
    layout.addWidget(panel)
    layout.addWidget(after)
    panel.show_step(None, (("w3[0,0]", "w3[0,1]"), np.array([0.5, 0.2])))
    holder.show()
    qtbot.wait_exposed(holder)
    holder.activateWindow()
    panel.table.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is panel.table)
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
