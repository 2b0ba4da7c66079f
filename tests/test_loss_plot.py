"""The loss curve: what is drawn of a long, noisy history, and the view through snapshots."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from app.ui.loss_plot import MAX_COLUMNS, LossPlotView, envelope, smoothed


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
    from app.core.training import EpochRecord

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
