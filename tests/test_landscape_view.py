"""The loss landscape in the window: computed off the GUI thread, drawn, the lesson's numbers."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.core.lesson_preset import LessonPreset
from app.core.network import Network
from app.training import commands as cmd


def shown_result(qtbot, win, predicate=lambda r: True, timeout=10_000):
    qtbot.wait_until(
        lambda: win.landscape._result is not None and bool(predicate(win.landscape._result)),
        timeout=timeout,
    )
    return win.landscape._result


@pytest.mark.parametrize("kind", ["weights", "random", "pca", "lesson"])
def test_every_plane_is_computed_off_the_gui_thread_and_drawn(qtbot, window, kind):
    win = window
    win.send(cmd.Step("batch"))
    win.send(cmd.Step("batch"))
    win.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: win._snapshot.step == 3, timeout=5000)
    win.plots.setCurrentWidget(win.landscape)
    win.landscape.resolution.setValue(21)
    win.landscape.set_kind(kind)
    result = shown_result(qtbot, win, lambda r: r.request.kind == kind)
    assert result.thread_name != threading.main_thread().name
    assert result.grid.shape == (21, 21)
    assert np.isfinite(result.grid).all()
    image = win.landscape.plot_widget.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20, "the contour looks blank"


def test_the_weights_plane_path_ends_at_the_current_weights(qtbot, window):
    win = window
    for _ in range(4):
        win.send(cmd.Step("batch"))
    qtbot.wait_until(lambda: win._snapshot.step == 4, timeout=5000)
    win.plots.setCurrentWidget(win.landscape)
    snap = win._snapshot
    result = shown_result(
        qtbot, win, lambda r: r.request.kind == "weights" and r.request.serial == snap.serial
    )
    i, j = result.request.selected
    np.testing.assert_allclose(result.current, [snap.params[i], snap.params[j]])
    np.testing.assert_allclose(result.paths["path"][-1], result.current)
    # The arrows: downhill is −gradient along the two weights of the loss the map draws (its
    # own sample, not the last mini-batch), the step is η times it.
    # In float64, as the landscape computes (the window's network trains in float32).
    weights = Network(snap.architecture, params=snap.params, dtype=np.float64)
    _, own = weights.gradient(result.request.x, result.request.labels)
    np.testing.assert_allclose(result.downhill, [-own.flat[i], -own.flat[j]], atol=1e-12)
    np.testing.assert_allclose(result.next_step, snap.hyper.learning_rate * result.downhill)


def test_clicking_edges_chooses_the_plane(qtbot, window):
    win = window
    win.plots.setCurrentWidget(win.landscape)
    arch = win._snapshot.architecture
    a, b = arch.weight_index(1, 2, 3), arch.weight_index(2, 4, 5)
    win.graph.edge_selected.emit(a)
    win.graph.edge_selected.emit(b)
    result = shown_result(qtbot, win, lambda r: r.request.selected == (a, b))
    assert result.axis_names == ("w2[2,3]", "w3[4,5]")


def test_the_lesson_preset_shows_the_five_numbers_and_the_regimes(qtbot, window):
    win = window
    win.plots.setCurrentWidget(win.landscape)
    win.landscape.set_kind("lesson")
    result = shown_result(qtbot, win, lambda r: r.request.kind == "lesson")
    caption = win.landscape.caption.text()
    assert "negative gradient = (0.1, 0.2)" in caption
    assert "change = (0.01, 0.02)" in caption
    assert "new (w1, w2) = (0.51, 0.22)" in caption
    np.testing.assert_allclose(result.current, (0.5, 0.2))
    table = win.descent.table
    assert [table.item(r, 0).text() for r in range(5)] == ["0.5", "-0.1", "0.1", "0.01", "0.51"]
    assert [table.item(r, 1).text() for r in range(5)] == ["0.2", "-0.2", "0.1", "0.02", "0.22"]
    regimes = LessonPreset().learning_rate_regimes
    for name, lr in regimes.items():
        win.landscape.regime_buttons[name].click()
        result = shown_result(qtbot, win, lambda r, lr=lr: r.request.learning_rate == lr)
        assert result.paths["gd"].shape[1] == 2
    win.landscape.compare.setChecked(True)
    result = shown_result(qtbot, win, lambda r: len(r.paths) == 3)
    assert set(result.paths) == {"gd", "momentum", "adam"}
    for path in result.paths.values():
        np.testing.assert_allclose(path[0], (0.5, 0.2))


def test_a_landscape_error_is_shown_not_raised(qtbot, window):
    win = window
    win.plots.setCurrentWidget(win.landscape)
    win.landscape.set_kind("pca")  # no steps yet: the path has no directions
    qtbot.wait_until(lambda: "step" in win.landscape.caption.text().lower(), timeout=10_000)
