"""The loss curve: what is drawn of a long, noisy history, and the view through snapshots."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from app.ui.loss_plot import (
    MAX_COLUMNS,
    NICE_MULTIPLES,
    LossPlotView,
    envelope,
    nice_ceiling,
    smoothed,
    stepped_range,
)


@given(
    hnp.arrays(np.float64, st.integers(1, 5000), elements=st.floats(0, 100)),
    st.integers(1, 700),
)
def test_envelope_keeps_every_extreme_and_stays_small(losses, columns):
    steps = np.arange(len(losses), dtype=float)
    x, y = envelope(steps, losses, columns)
    assert len(x) == len(y) <= max(2 * columns + 2, len(losses))
    assert y.max() == losses.max()
    assert y.min() == losses.min()
    # Columns follow the steps in order, and every drawn point is a real loss.
    assert np.all(np.diff(x) >= 0)
    assert np.isin(y, losses).all()


def test_envelope_shows_a_lone_spike_that_striding_would_skip():
    losses = np.full(20_000, 0.1)
    losses[12_345] = 9.0
    _, y = envelope(np.arange(20_000.0), losses)
    assert 9.0 in y
    assert len(y) <= 2 * MAX_COLUMNS + 2


def test_smoothed_is_a_trailing_mean():
    values = np.array([1.0, 3.0, 5.0, 7.0])
    assert np.allclose(smoothed(values, 2), [1.0, 2.0, 4.0, 6.0])


def test_the_legend_steps_aside_when_the_plot_is_too_small_for_it(qtbot):
    from types import SimpleNamespace

    from app.ui.loss_plot import LossPlotView

    view = LossPlotView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    snapshot = SimpleNamespace(
        serial=1, loss_steps=np.arange(100.0), loss_values=np.linspace(1, 0.1, 100), epochs=[]
    )
    view.show_snapshot(snapshot)
    qtbot.wait_until(view.legend_shown)
    assert view.canvas.toolTip() == ""
    view.resize(400, 180)
    qtbot.wait_until(lambda: not view.legend_shown())
    assert "smoothed" in view.canvas.toolTip()


def test_a_long_run_draws_a_bounded_picture(qtbot):
    """Thousands of epochs (half an hour at full speed): marks and dots stay few."""
    from types import SimpleNamespace

    from app.ui.loss_plot import MAX_EPOCH_MARKS, LossPlotView

    view = LossPlotView()
    qtbot.addWidget(view)
    epochs = [SimpleNamespace(step=450 * k, val_loss=0.2, val_accuracy=0.9) for k in range(4000)]
    snapshot = SimpleNamespace(
        serial=1,
        loss_steps=np.arange(20_000.0),
        loss_values=np.full(20_000, 0.2),
        epochs=epochs,
    )
    view.show_snapshot(snapshot)
    assert len(view._loss_guides.mark_x) == MAX_EPOCH_MARKS
    assert view._loss_guides.mark_x[-1] == 450 * 3999
    assert view.val_curve.opts["symbol"] is None
    assert len(view.val_curve.xData) <= 2 * MAX_COLUMNS


def test_epoch_curves_convert_only_new_epochs_and_start_again_on_a_new_history(qtbot):
    from app.core.history import EpochRecord

    view = LossPlotView()
    qtbot.addWidget(view)
    history = [EpochRecord(i + 1, 450 * (i + 1), 0.5 / (i + 1), 0.8 + i / 100) for i in range(5)]
    steps, losses, accuracies = view._epoch_arrays(tuple(history))
    history += [EpochRecord(6, 2700, 0.09, 0.86)]
    steps, losses, accuracies = view._epoch_arrays(tuple(history))
    np.testing.assert_array_equal(steps, [450 * (i + 1) for i in range(6)])
    np.testing.assert_allclose(losses, [e.val_loss for e in history])
    np.testing.assert_allclose(accuracies, [100 * e.val_accuracy for e in history])
    restarted = (EpochRecord(1, 450, 0.7, 0.5),)  # a reset: another history
    steps, losses, accuracies = view._epoch_arrays(restarted)
    np.testing.assert_array_equal(steps, [450])
    assert view._epoch_arrays(())[0].size == 0


@given(st.floats(1e-9, 1e12))
def test_nice_ceiling_is_a_nice_number_just_above(value):
    top = nice_ceiling(value)
    assert value <= top * (1 + 1e-9)
    assert top < 1.5 * value * (1 + 1e-9)  # the widest gap in the ladder
    mantissa = top / 10.0 ** np.floor(np.log10(top) + 1e-12)
    assert any(np.isclose(mantissa, m) for m in NICE_MULTIPLES)


@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), float("inf")])
def test_nice_ceiling_of_nothing_drawable_is_one(value):
    assert nice_ceiling(value) == 1.0


@given(st.floats(0, 1e9), st.floats(1e-3, 1e9))
@example(999_999_999.9999999, 0.001)  # once started past its data: float rounding
def test_stepped_range_holds_the_data(low, width):
    high = low + width
    start, end = stepped_range(low, high)
    assert start <= low
    assert high <= end * (1 + 1e-12)
    assert start >= 0


def loss_snapshot(serial: int, steps: np.ndarray, losses: np.ndarray):
    from types import SimpleNamespace

    return SimpleNamespace(serial=serial, loss_steps=steps, loss_values=losses, epochs=())


def test_the_range_holds_every_finite_loss_and_moves_only_in_steps(qtbot):
    view = LossPlotView()
    qtbot.addWidget(view)
    viewbox = view.loss_plot.getViewBox()
    moves = []
    viewbox.sigRangeChanged.connect(lambda *_: moves.append(viewbox.viewRange()))
    rng = np.random.default_rng(0)
    losses = 2.0 * np.exp(-np.arange(2000) / 500) + 0.1 * rng.random(2000)
    losses[700] = np.nan  # a diverged step is not drawn and does not stretch the axis
    losses[701] = np.inf
    for serial, n in enumerate(range(100, 2001, 100)):
        view.show_snapshot(loss_snapshot(serial, np.arange(1.0, n + 1), losses[:n]))
        (x0, x1), (y0, y1) = viewbox.viewRange()
        finite = losses[:n][np.isfinite(losses[:n])]
        assert x0 <= 1
        assert n <= x1 < 1.5 * n
        assert y0 == 0
        assert finite.max() <= y1 < 1.5 * finite.max()
    # 20 updates; the x range stepped through 100, 150, 200, 300, ... 2000: 10 values.
    assert len(moves) <= 11


def test_a_zoom_lasts_until_the_next_update(qtbot):
    view = LossPlotView()
    qtbot.addWidget(view)
    viewbox = view.loss_plot.getViewBox()
    steps, losses = np.arange(1.0, 501), np.linspace(1.0, 0.2, 500)
    view.show_snapshot(loss_snapshot(1, steps, losses))
    shown = viewbox.viewRange()
    viewbox.scaleBy((0.5, 0.5))  # as a mouse wheel does
    viewbox.sigRangeChangedManually.emit(viewbox.state["mouseEnabled"])
    assert viewbox.viewRange() != shown
    view.show_snapshot(loss_snapshot(2, steps, losses))
    np.testing.assert_allclose(viewbox.viewRange(), shown)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_the_first_steps_show_as_dots_on_a_step_axis_from_zero(qtbot, n):
    view = LossPlotView()
    qtbot.addWidget(view)
    view.show_snapshot(loss_snapshot(1, np.arange(1.0, n + 1), np.linspace(0.3, 0.2, n)))
    (x0, x1), _ = view.loss_plot.getViewBox().viewRange()
    assert (x0, x1) == (0, 10)  # not −40…40 around a single step, nor ticks at 0.5, 1.5
    assert view.smooth_curve.opts["symbol"] == "o"  # one step is a dot, not an empty line
    many = np.arange(1.0, 1001)
    view.show_snapshot(loss_snapshot(2, many, np.linspace(0.3, 0.2, 1000)))
    assert view.smooth_curve.opts["symbol"] is None


def test_the_loss_legend_sits_under_the_plot_and_covers_no_curve(qtbot):
    from types import SimpleNamespace

    from PySide6.QtCore import QPointF

    from app.ui.loss_plot import LossPlotView

    view = LossPlotView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    # A loss that stays high on the right: the top right corner, where the legend was.
    steps = np.arange(200.0)
    losses = np.where(steps < 100, np.linspace(0.1, 2.0, 200), 2.0)
    epochs = [SimpleNamespace(step=199, val_loss=2.0, val_accuracy=0.5)]
    view.show_snapshot(
        SimpleNamespace(serial=1, loss_steps=steps, loss_values=losses, epochs=epochs)
    )
    qtbot.wait_until(view.legend_shown)
    legend = view._legend.sceneBoundingRect()
    box = view.loss_plot.getViewBox()
    points = [
        box.mapViewToScene(QPointF(float(x), float(y)))
        for curve in (view.raw_curve, view.smooth_curve, view.val_curve)
        for x, y in zip(*curve.getData(), strict=True)
    ]
    assert len(points) > 3
    assert not any(legend.contains(point) for point in points)
    assert not legend.intersects(box.sceneBoundingRect())
    assert view.canvas.sceneRect().contains(legend)  # whole, on screen
