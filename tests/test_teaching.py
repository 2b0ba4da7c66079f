"""The class's drawings count more than one bundled digit each, so a new style is learned fast."""

from __future__ import annotations

import numpy as np

from app.training import commands as cmd
from app.training.on_data import MAX_TAUGHT_ROWS, TAUGHT_WEIGHT, with_drawings


def base() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((6, 784)).astype(np.float32), rng.integers(0, 10, 6)


def test_each_drawing_is_repeated_its_weight_times_after_the_dataset():
    x, y = base()
    drawings = [np.full(784, 0.25, np.float32), np.full(784, 0.75, np.float32)]
    tx, ty = with_drawings(x, y, drawings, [7, 1], weight=3)
    assert tx.shape == (6 + 2 * 3, 784)
    assert tx.dtype == x.dtype
    np.testing.assert_array_equal(tx[:6], x)
    np.testing.assert_array_equal(ty[:6], y)
    assert ty[6:].tolist() == [7, 7, 7, 1, 1, 1]
    np.testing.assert_array_equal(tx[6:9], 0.25)
    np.testing.assert_array_equal(tx[9:], 0.75)


def test_without_drawings_the_dataset_is_used_as_it_is():
    x, y = base()
    tx, ty = with_drawings(x, y, [], [])
    assert tx is x
    assert ty is y


def test_a_weight_below_one_still_counts_each_drawing_once_and_halves_round():
    x, y = base()
    assert len(with_drawings(x, y, [x[0]], [2], weight=0.2)[1]) == 7
    assert len(with_drawings(x, y, [x[0]], [2], weight=2.6)[1]) == 9


def test_the_default_weight_makes_ten_drawings_a_small_share_of_the_bundled_digits():
    """Ten drawings at the default weight are picked as often as this many bundled digits:
    enough to learn them in a minute (benchmarks/teach_style.py), few enough beside 4,500
    that the digits are not forgotten."""
    assert 5 <= TAUGHT_WEIGHT <= 100
    assert 10 * TAUGHT_WEIGHT <= 0.25 * 4500


def test_thousands_of_drawings_count_fewer_times_so_memory_stays_bounded():
    x, y = base()
    drawings = [np.zeros(784, np.float32)] * 4000
    _, ty = with_drawings(x, y, drawings, [5] * 4000, weight=TAUGHT_WEIGHT)
    assert len(ty) - len(y) <= MAX_TAUGHT_ROWS
    assert len(ty) - len(y) == 4000 * (MAX_TAUGHT_ROWS // 4000)
    many = with_drawings(x, y, [np.zeros(784, np.float32)] * 30_000, [5] * 30_000)[1]
    assert len(many) == len(y) + 30_000  # still each at least once


def test_the_taught_reading_counts_the_drawings_read_as_taught():
    from app import PRETRAINED_MODEL
    from app.core.model_file import load_model_file
    from app.data.datasets import load_bundled
    from app.training.inside_jobs import taught_reading_job

    network = load_model_file(PRETRAINED_MODEL).network()
    data = load_bundled()
    images = data.train_x[:50].reshape(50, 28, 28)
    read = network.predict(data.train_x[:50].astype(np.float64))
    right, total = taught_reading_job(network.architecture, network.params, images, read, step=0)
    assert (right, total) == (50, 50)  # taught as what it reads: all read as taught
    wrong = (read + 1) % 10
    assert taught_reading_job(network.architecture, network.params, images, wrong, 0) == (0, 50)
    empty = np.zeros((0, 28, 28))
    assert taught_reading_job(network.architecture, network.params, empty, [], 0) == (0, 0)


def test_the_data_explorer_says_how_many_drawings_the_network_reads_as_taught(qtbot, window):
    from app.data.datasets import load_bundled

    digit = load_bundled().train_x[0].reshape(28, 28)
    window.send(cmd.AddExample(digit, 7))
    window.views.setCurrentWidget(window.inside_pages["data"])
    label = window.inside.data.taught_reading
    qtbot.wait_until(lambda: "of the class's 1 drawings" in label.text(), timeout=10_000)
    assert label.text().endswith("%).")
