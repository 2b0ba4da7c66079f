"""The guided tour's experiment is true for the network it is suggested to, and a loss jump
from switching the activation is not blamed on the learning rate."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from app import PRETRAINED_MODEL
from app.core.divergence import learning_rate_trial
from app.core.hints import LOSS_EXPLODING, training_hints
from app.core.model_file import load_model_file
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters
from app.data.datasets import load_bundled
from app.training import commands as cmd
from app.ui.guided_tour import TOUR_LEARNING_RATE, GuidedTour
from app.ui.hints_panel import HintsPanel


def controls_text(tour: GuidedTour) -> str:
    (step,) = [s for s in tour.steps() if s.target == "controls"]
    return step.text


@pytest.fixture
def tour(window, tmp_path):
    settings = QSettings(str(tmp_path / "tour.ini"), QSettings.Format.IniFormat)
    return GuidedTour(window, settings)


def test_a_learning_rate_of_10_explodes_the_pretrained_network_but_not_fresh_sigmoid_weights():
    data = load_bundled()
    x, labels = data.train_x[:5000], data.train_y[:5000]
    lesson = Hyperparameters(learning_rate=3.0, batch_size=10)
    pretrained = load_model_file(PRETRAINED_MODEL).network()
    before = pretrained.params.copy()
    found = learning_rate_trial(pretrained, x, labels, lesson, TOUR_LEARNING_RATE)
    assert found is not None
    assert found.loss > 5 * found.best_loss
    np.testing.assert_array_equal(pretrained.params, before)  # the trial used a copy
    # Fresh sigmoid weights train at 10 (unsteadily, to about 85 %): nothing explodes.
    assert learning_rate_trial(Network(seed=0), x, labels, lesson, TOUR_LEARNING_RATE) is None


def test_the_tour_suggests_10_when_it_really_makes_the_loss_explode(qtbot, window, tour):
    tour.start()
    assert tour.experiment_explodes
    assert "Try a learning rate of 10 and see what happens." in controls_text(tour)
    tour.skip()
    # Do what the tour says, as the class would: the banner must come.
    window.send(cmd.SetHyperparameters(Hyperparameters(learning_rate=TOUR_LEARNING_RATE)))
    window.send(cmd.Play())
    qtbot.wait_until(lambda: window.banner.restore.isVisible(), timeout=15_000)
    qtbot.wait_until(lambda: window.worker.latest_snapshot().explosion is not None, timeout=5000)
    snap = window.worker.latest_snapshot()
    assert snap.explosion.loss > 2 * snap.explosion.best_loss
    assert not snap.running  # training paused


def test_after_a_reset_the_tour_promises_no_explosion_that_would_not_come(qtbot, window, tour):
    pretrained = window._snapshot.params
    window.send(cmd.Reset())
    qtbot.wait_until(
        lambda: not np.array_equal(window.worker.latest_snapshot().params, pretrained),
        timeout=5000,
    )
    snap = window.worker.latest_snapshot()
    network = Network(snap.architecture, params=snap.params)
    # The engine's verdict on these weights, checked the way the tour checks it.
    trial = learning_rate_trial(
        network, snap.sample_x, snap.sample_y, snap.hyper, TOUR_LEARNING_RATE
    )
    assert trial is None
    tour.start()
    assert not tour.experiment_explodes
    text = controls_text(tour)
    assert "10" not in text
    assert "Press Play (Space) to train" in text


def test_switching_the_activation_is_not_blamed_on_the_learning_rate(qtbot, window):
    """Sigmoid → tanh with the weights kept: the loss jumps from 0.08 to about 3 at once. The
    watch restarts (no banner), and the hints judge only the steps since the switch."""
    panel = HintsPanel()
    qtbot.addWidget(panel)
    window.send(cmd.SetHyperparameters(Hyperparameters(learning_rate=0.3)))
    window.send(cmd.Step("epoch"))
    qtbot.wait_until(lambda: window.worker.latest_snapshot().epoch == 1, timeout=10_000)
    before = window.worker.latest_snapshot()
    assert panel.hints_for(before) == []
    sizes = before.architecture.layer_sizes
    window.send(cmd.SetArchitecture(Architecture(sizes, "tanh", before.architecture.loss)))
    qtbot.wait_until(
        lambda: window.worker.latest_snapshot().architecture.activation == "tanh", timeout=5000
    )
    panel.hints_for(window.worker.latest_snapshot())
    window.send(cmd.Step("epoch"))
    qtbot.wait_until(lambda: window.worker.latest_snapshot().epoch == 2, timeout=10_000)
    after = window.worker.latest_snapshot()
    jumped = after.loss_values[after.loss_steps > before.step]
    assert jumped.max() > 10 * before.loss_values[-100:].mean()  # the switch's jump is there
    # Read as one history, that jump looks like a learning rate far too large ...
    blamed = training_hints(after.loss_steps, after.loss_values, after.epochs, after.hyper)
    assert LOSS_EXPLODING in [h.kind for h in blamed]
    # ... but the panel knows the network changed, and the watch was restarted.
    assert LOSS_EXPLODING not in [h.kind for h in panel.hints_for(after)]
    assert after.explosion is None
    assert not window.banner.restore.isVisible()
