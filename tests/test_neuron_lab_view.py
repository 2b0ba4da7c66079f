"""The neuron lab tab: its buttons make exactly the engine's edits, on a copy, undoably."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.core.network import Architecture, Network
from app.core.neuron_lab import NeuronLab
from app.ui.neuron_lab_view import NeuronLabView, lab_accuracy

ARCH = Architecture((784, 16, 12, 10))


@pytest.fixture
def setup(qtbot):
    """An open lab on a seeded network, its read-only params, and everything it emitted."""
    net = Network(ARCH, seed=4)
    params = net.params.copy()
    params.flags.writeable = False
    rng = np.random.default_rng(5)
    x = rng.random((300, 784))
    y = rng.integers(0, 10, 300)
    view = NeuronLabView()
    qtbot.addWidget(view)
    emitted: dict[str, list] = {"params": [], "marks": [], "keep": [], "closed": []}
    view.params_edited.connect(emitted["params"].append)
    view.marks_changed.connect(emitted["marks"].append)
    view.keep_requested.connect(emitted["keep"].append)
    view.closed.connect(lambda: emitted["closed"].append(True))
    view.open_lab(ARCH, params, x, y)
    # Opening shows the lab's (still unedited) copy and no marks.
    assert len(emitted["params"]) == 1
    assert np.array_equal(emitted["params"][0], params)
    assert emitted["marks"] == [set()]
    for signals in emitted.values():
        signals.clear()
    return view, net, params, x, y, emitted


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_switching_off_in_the_ui_zeroes_exactly_the_outgoing_weights(qtbot, setup):
    view, net, params, _, _, emitted = setup
    assert view.select_neuron(2, 7)
    click(qtbot, view.switch_off_button)
    edited = Network(ARCH, params=emitted["params"][-1])
    expected = net.copy()
    expected.weights[2][:, 7] = 0.0
    assert np.array_equal(edited.params, expected.params)
    assert not np.array_equal(edited.params, params)
    assert view.edits_list.count() == 1
    assert view.edits_list.item(0).text() == "hidden layer 2, neuron 7: switched off"
    assert np.array_equal(params, net.params), "the params handed in were changed"


def test_scale_shift_and_prune_change_exactly_what_the_engine_changes(qtbot, setup):
    view, net, params, _, _, emitted = setup
    view.select_neuron(1, 3)
    view.scale_spin.setValue(2.5)
    click(qtbot, view.scale_button)
    scaled = Network(ARCH, params=emitted["params"][-1])
    np.testing.assert_array_equal(scaled.weights[0][3], net.weights[0][3] * 2.5)
    changed = np.flatnonzero(scaled.params != params)
    assert set(changed) <= set(range(3 * 784, 4 * 784))

    view.select_neuron(2, 11)
    view.shift_spin.setValue(-4.5)
    click(qtbot, view.shift_button)
    shifted = Network(ARCH, params=emitted["params"][-1])
    assert shifted.biases[1][11] == net.biases[1][11] - 4.5
    assert np.flatnonzero(shifted.params != scaled.params).tolist() == [ARCH.bias_index(1, 11)]

    view.prune_spin.setValue(30)
    click(qtbot, view.prune_button)
    pruned = emitted["params"][-1]

    lab = NeuronLab(net)
    lab.scale_incoming(1, 3, 2.5)
    lab.shift_bias(2, 11, -4.5)
    lab.prune(30)
    assert np.array_equal(pruned, lab.params)
    # Independently of the engine: 30 % of the weights are now zero, none of them larger
    # than any weight left standing, and no bias was touched.
    weights = np.concatenate([w.ravel() for w in Network(ARCH, params=pruned).weights])
    before = np.concatenate([w.ravel() for w in shifted.weights])
    zeroed = (weights == 0) & (before != 0)
    assert (weights == 0).sum() == round(0.3 * ARCH.n_weights)
    assert np.abs(before[zeroed]).max() <= np.abs(weights[weights != 0]).min()
    biases = np.concatenate(Network(ARCH, params=pruned).biases)
    assert np.array_equal(biases, np.concatenate(shifted.biases))
    assert [view.edits_list.item(i).text() for i in range(3)] == [
        "hidden layer 1, neuron 3: incoming weights × 2.5",
        "hidden layer 2, neuron 11: bias shifted by -4.5",
        f"pruned the smallest 30 % of all weights ({round(0.3 * ARCH.n_weights):,} set to 0)",
    ]


def test_undo_takes_edits_back_one_by_one_and_restore_is_bit_exact(qtbot, setup):
    view, _, params, _, _, emitted = setup
    view.select_neuron(1, 0)
    click(qtbot, view.switch_off_button)
    view.select_neuron(1, 15)
    click(qtbot, view.scale_button)
    click(qtbot, view.shift_button)
    click(qtbot, view.prune_button)
    states = [params, *emitted["params"]]
    assert len(states) == 5
    for back in range(1, 5):
        click(qtbot, view.undo_button)
        assert np.array_equal(emitted["params"][-1], states[-1 - back])
        assert view.edits_list.count() == 4 - back
    assert not view.undo_button.isEnabled()

    click(qtbot, view.prune_button)
    click(qtbot, view.switch_off_button)
    assert not np.array_equal(emitted["params"][-1], params)
    click(qtbot, view.restore_button)
    restored = emitted["params"][-1]
    assert np.array_equal(restored, params)
    assert restored.tobytes() == params.tobytes()
    assert restored.dtype == params.dtype
    assert view.edits_list.count() == 0
    assert not restored.flags.writeable


def test_keep_asks_a_second_click_and_carries_the_edited_params(qtbot, setup):
    view, _, params, _, _, emitted = setup
    assert not view.keep_button.isEnabled(), "nothing to keep before an edit"
    view.select_neuron(2, 1)
    click(qtbot, view.switch_off_button)
    click(qtbot, view.keep_button)
    assert emitted["keep"] == []
    click(qtbot, view.keep_button)
    assert len(emitted["keep"]) == 1
    kept = emitted["keep"][0]
    assert np.array_equal(kept, emitted["params"][-1])
    assert not np.array_equal(kept, params)
    assert not kept.flags.writeable
    # An edit between the two clicks disarms it.
    click(qtbot, view.keep_button)
    click(qtbot, view.prune_button)
    click(qtbot, view.keep_button)
    assert len(emitted["keep"]) == 1


def test_marks_are_the_neurons_switched_off_or_edited(qtbot, setup):
    view, _, _, _, _, emitted = setup
    view.select_neuron(1, 4)
    click(qtbot, view.switch_off_button)
    assert emitted["marks"][-1] == {(1, 4)}
    view.select_neuron(2, 9)
    click(qtbot, view.shift_button)
    click(qtbot, view.prune_button)
    assert emitted["marks"][-1] == {(1, 4), (2, 9)}
    click(qtbot, view.undo_button)
    click(qtbot, view.undo_button)
    assert emitted["marks"][-1] == {(1, 4)}
    click(qtbot, view.restore_button)
    assert emitted["marks"][-1] == set()


def test_input_and_output_neurons_are_refused_with_a_message(qtbot, setup):
    view, _, _, _, _, emitted = setup
    view.select_neuron(1, 5)
    assert not view.select_neuron(3, 4)
    assert "output neuron of digit 4" in view.selection_message.text()
    assert view.selected() == (1, 5)
    assert not view.select_neuron(0, 300)
    assert "input pixel 300" in view.selection_message.text()
    assert view.selected() == (1, 5)
    assert emitted["params"] == []
    assert view.layer_spin.maximum() == 2
    view.select_neuron(2, 11)
    assert view.neuron_spin.maximum() == 11
    assert view.selection_message.text() == "Chosen: hidden layer 2, neuron 11"


def test_within_the_inline_limit_sets_are_measured_at_once(qtbot, setup):
    view, net, _, x, y, emitted = setup
    view.INLINE_LIMIT = 1000  # a notebook's choice; the window keeps 0 (always off-thread)
    view.open_lab(ARCH, net.params, x, y)
    before = net.evaluate(x, y)[1]
    assert view.accuracy_label.text() == (
        f"accuracy before: {before * 100:.1f} % → now: {before * 100:.1f} %"
    )
    view.prune_spin.setValue(97)
    click(qtbot, view.prune_button)
    now = lab_accuracy(ARCH, emitted["params"][-1], x, y)
    assert now == Network(ARCH, params=emitted["params"][-1]).evaluate(x, y)[1]
    assert view.accuracy_label.text() == (
        f"accuracy before: {before * 100:.1f} % → now: {now * 100:.1f} %"
    )


def test_large_validation_sets_are_asked_for_and_answers_update_the_text(qtbot):
    view = NeuronLabView()
    qtbot.addWidget(view)
    assert view.INLINE_LIMIT == 0, "the window never evaluates on the GUI thread"
    requests = []
    view.accuracy_requested.connect(lambda p, r: requests.append((p, r)))
    net = Network(ARCH, seed=1)
    rng = np.random.default_rng(2)
    x, y = rng.random((400, 784)), rng.integers(0, 10, 400)
    view.open_lab(ARCH, net.params, x, y)
    assert len(requests) == 1
    assert np.array_equal(requests[0][0], net.params)
    assert view.accuracy_label.text() == "accuracy before: measuring… → now: measuring…"
    view.show_accuracy(0.924, requests[0][1])
    assert view.accuracy_label.text() == "accuracy before: 92.4 % → now: 92.4 %"

    view.select_neuron(1, 2)
    view.switch_off()
    assert len(requests) == 2
    assert view.accuracy_label.text() == "accuracy before: 92.4 % → now: measuring…"
    view.show_accuracy(0.5, 9999)  # an answer to nothing asked is ignored
    assert view.accuracy_label.text() == "accuracy before: 92.4 % → now: measuring…"
    view.show_accuracy(0.88, requests[1][1])
    assert view.accuracy_label.text() == "accuracy before: 92.4 % → now: 88.0 %"
    # Undo goes back to a state measured already: no new request, the number at once.
    view.undo()
    assert len(requests) == 2
    assert view.accuracy_label.text() == "accuracy before: 92.4 % → now: 92.4 %"


def test_leave_closes_the_lab(qtbot, setup):
    view, _, _, _, _, emitted = setup
    click(qtbot, view.leave_button)
    assert emitted["closed"] == [True]
    assert not view.is_open
    assert not view.switch_off_button.isEnabled()
    assert not view.select_neuron(1, 1)


def test_the_tab_is_drawn(qtbot, setup):
    view, *_ = setup
    view.select_neuron(1, 2)
    view.switch_off()
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)
    }
    assert len(colours) > 10, "the lab looks blank"


def test_presenter_mode_makes_the_accuracy_and_the_edits_larger(qtbot, setup):
    from app.ui import theme

    view, *_ = setup
    normal = view.accuracy_label.font().pointSizeF(), view.edits_list.font().pointSizeF()
    theme.set_presenting(True)
    try:
        view.apply_theme()
        larger = view.accuracy_label.font().pointSizeF(), view.edits_list.font().pointSizeF()
    finally:
        theme.set_presenting(False)
        view.apply_theme()
    assert larger[0] > normal[0]
    assert larger[1] > normal[1]
    assert view.accuracy_label.font().pointSizeF() == normal[0]
