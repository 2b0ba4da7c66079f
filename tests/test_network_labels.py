"""Labels the network learns from are checked: a wrong label is refused, never read as another.

numpy indexing would take −1 as the last class and fail on a single number or 2.5 with an
IndexError; the network says in plain words what it wants instead (a ``ConfigError``).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.losses import one_hot
from app.core.network import Architecture, Network
from app.errors import ConfigError

ARCH = Architecture((4, 3, 5))


@pytest.fixture
def net() -> Network:
    return Network(ARCH, seed=0)


def batch(n: int = 2) -> np.ndarray:
    return np.random.default_rng(0).random((n, 4))


def test_a_label_of_minus_one_is_refused_not_read_as_the_last_class(net):
    with pytest.raises(ConfigError, match=r"whole numbers 0 to 4 .*got -1"):
        net.gradient(batch(), np.array([0, -1]))


def test_a_label_past_the_last_output_neuron_is_refused(net):
    with pytest.raises(ConfigError, match=r"whole numbers 0 to 4 .*got 5"):
        net.gradient(batch(), np.array([5, 0]))


def test_a_single_number_as_the_labels_is_refused_with_a_clear_message(net):
    with pytest.raises(ConfigError, match=r"one whole number per example.*write \[3\]"):
        net.gradient(batch(1)[0], 3)


@pytest.mark.parametrize("labels", [[1.0, 2.0], [0.5, 1.0], [True, False], ["1", "2"]])
def test_labels_that_are_not_whole_numbers_are_refused(net, labels):
    with pytest.raises(ConfigError, match="whole numbers"):
        net.gradient(batch(), np.array(labels))


def test_there_must_be_one_label_per_example(net):
    with pytest.raises(ConfigError, match="3 examples but 2 labels"):
        net.gradient(batch(3), np.array([0, 1]))
    with pytest.raises(ConfigError, match="one whole number per example"):
        net.gradient(batch(2), np.array([[0], [1]]))


def test_evaluate_refuses_the_same_labels(net):
    with pytest.raises(ConfigError, match="got -1"):
        net.evaluate(batch(), np.array([-1, 0]))
    with pytest.raises(ConfigError, match="one whole number per example"):
        net.evaluate(batch(1), 2)
    with pytest.raises(ConfigError, match="2 examples but 3 labels"):
        net.evaluate(batch(), np.array([0, 1, 2]))


@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=6))
def test_every_label_in_range_is_learned_from_and_every_other_refused(labels):
    net = Network(ARCH, seed=0)
    x = np.random.default_rng(len(labels)).random((len(labels), 4))
    labels = np.array(labels)
    if np.all((labels >= 0) & (labels < 5)):
        _, grads = net.gradient(x, labels)
        assert np.isfinite(grads.loss)
        np.testing.assert_array_equal(one_hot(labels, 5).argmax(axis=1), labels)
    else:
        with pytest.raises(ConfigError):
            net.gradient(x, labels)
