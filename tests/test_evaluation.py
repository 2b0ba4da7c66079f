"""The evaluation engine: confusion matrix, per-digit accuracy, mistakes and "I don't know",
each checked against a plain count over the examples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import PRETRAINED_MODEL
from app.core.evaluation import Evaluation, evaluate
from app.core.model_file import load_model
from app.core.network import Architecture, Network
from app.data.datasets import load_bundled, to_inputs
from app.data.idx import load_idx_folder
from app.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
MNIST_TEST_DIR = ROOT.parent / "shared" / "data" / "mnist"

needs_mnist = pytest.mark.skipif(
    not (MNIST_TEST_DIR / "t10k-images-idx3-ubyte.gz").exists(),
    reason=f"the real MNIST test set is not at {MNIST_TEST_DIR}",
)


@pytest.fixture(scope="module")
def bundled():
    """All 5,000 bundled digits: (uint8 images (N, 28, 28), inputs (N, 784), labels (N,))."""
    data = load_bundled()
    images = np.concatenate([data.train_images, data.val_images])
    return images, to_inputs(images), np.concatenate([data.train_y, data.val_y])


NETWORKS = {
    "pretrained": lambda: load_model(PRETRAINED_MODEL),
    "random sigmoid": lambda: Network(Architecture((784, 16, 16, 10)), seed=1),
    "random softmax": lambda: Network(Architecture((784, 32, 10), "relu", "cross_entropy"), seed=2),
}


@pytest.fixture(scope="module", params=list(NETWORKS))
def network(request) -> Network:
    return NETWORKS[request.param]()


@pytest.fixture(scope="module")
def evaluation(network, bundled) -> Evaluation:
    _, x, y = bundled
    return evaluate(network, x, y)


def direct_confusion(answers: np.ndarray, labels: np.ndarray, k: int = 10) -> np.ndarray:
    counts = np.zeros((k, k), dtype=np.int64)
    for true, answer in zip(labels, answers, strict=True):
        counts[true, answer] += 1
    return counts


def check_against_a_direct_count(ev: Evaluation, network: Network, x, y) -> None:
    answers = network.predict(x)
    k = network.layer_sizes[-1]
    np.testing.assert_array_equal(ev.predictions, answers)
    np.testing.assert_array_equal(ev.confusion, direct_confusion(answers, y, k))
    assert ev.confusion.shape == (k, k)
    assert ev.confusion.dtype == np.int64
    assert ev.confusion.sum() == ev.count == len(y)
    right = sum(int(a == t) for a, t in zip(answers, y, strict=True))
    assert np.trace(ev.confusion) == right
    assert ev.accuracy == right / len(y)
    assert ev.accuracy == pytest.approx(network.evaluate(x, y)[1], abs=0)
    for digit in range(k):
        mine = [a == digit for a, t in zip(answers, y, strict=True) if t == digit]
        if mine:
            assert ev.per_class[digit] == sum(mine) / len(mine)
        else:
            assert np.isnan(ev.per_class[digit])


def test_the_confusion_matrix_and_per_digit_accuracy_match_a_direct_count(
    evaluation, network, bundled
):
    _, x, y = bundled
    check_against_a_direct_count(evaluation, network, x, y)
    np.testing.assert_array_equal(evaluation.confusion.sum(axis=1), np.bincount(y, minlength=10))


def test_the_pretrained_network_is_mostly_on_the_diagonal(bundled):
    _, x, y = bundled
    ev = evaluate(load_model(PRETRAINED_MODEL), x, y)
    assert ev.accuracy > 0.9
    assert np.all(ev.per_class > 0.8)


def test_outputs_are_read_only_float32_and_everything_else_is_read_only(evaluation, bundled):
    _, x, _ = bundled
    assert evaluation.outputs.shape == (len(x), 10)
    assert evaluation.outputs.dtype == np.float32
    for array in (
        evaluation.outputs,
        evaluation.labels,
        evaluation.predictions,
        evaluation.confidence,
        evaluation.confusion,
        evaluation.per_class,
        evaluation.correct,
    ):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0


def test_confidence_is_the_share_of_the_answer_for_sigmoid_and_softmax(
    evaluation, network, bundled
):
    _, x, _ = bundled
    shares = network.predict_proba(x)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(evaluation.confidence, shares.max(axis=1), rtol=1e-12)
    assert np.all(evaluation.confidence >= 1 / 10 - 1e-12)
    assert np.all(evaluation.confidence <= 1.0 + 1e-12)


def test_a_digit_with_no_examples_has_no_accuracy_not_zero(bundled):
    _, x, y = bundled
    keep = y != 3
    ev = evaluate(load_model(PRETRAINED_MODEL), x[keep], y[keep])  # no warning either
    assert np.isnan(ev.per_class[3])
    assert np.all(np.isfinite(np.delete(ev.per_class, 3)))
    assert ev.confusion[3].sum() == 0


def test_mistakes_are_all_wrong_and_wrongest_first(evaluation):
    wrong = evaluation.mistakes()
    assert len(wrong) == evaluation.count - np.trace(evaluation.confusion)
    assert np.all(evaluation.predictions[wrong] != evaluation.labels[wrong])
    assert np.all(np.diff(evaluation.confidence[wrong]) <= 0)
    np.testing.assert_array_equal(evaluation.mistakes(limit=5), wrong[:5])
    assert len(evaluation.mistakes(limit=0)) == 0


def test_every_cell_lists_exactly_its_examples_most_confident_first(evaluation):
    seen = []
    for true in range(10):
        for answer in range(10):
            cell = evaluation.examples_in_cell(true, answer)
            assert len(cell) == evaluation.confusion[true, answer]
            direct = [
                i
                for i in range(evaluation.count)
                if evaluation.labels[i] == true and evaluation.predictions[i] == answer
            ]
            assert sorted(cell.tolist()) == direct
            assert np.all(np.diff(evaluation.confidence[cell]) <= 0)
            seen.extend(cell.tolist())
    assert sorted(seen) == list(range(evaluation.count))


def test_abstaining_at_threshold_0_answers_everything_with_the_accuracy(evaluation):
    result = evaluation.abstain(0.0)
    assert result.n_answered == evaluation.count
    assert result.answered_share == 1.0
    assert result.accuracy_answered == evaluation.accuracy


@settings(max_examples=40, deadline=None)
@given(threshold=st.floats(0.0, 1.0))
def test_abstaining_matches_a_direct_count(bundled, threshold):
    _, x, y = bundled
    ev = evaluate(load_model(PRETRAINED_MODEL), x[:600], y[:600])
    result = ev.abstain(threshold)
    answered = [i for i in range(ev.count) if ev.confidence[i] >= threshold]
    assert result.n_answered == len(answered)
    assert result.answered_share == len(answered) / ev.count
    if answered:
        right = sum(int(ev.predictions[i] == ev.labels[i]) for i in answered)
        assert result.accuracy_answered == pytest.approx(right / len(answered), abs=1e-15)
    else:
        assert np.isnan(result.accuracy_answered)


def test_the_abstain_curve_answers_fewer_as_the_threshold_rises(evaluation):
    thresholds = np.linspace(0, 1, 21)
    curve = evaluation.abstain_curve(thresholds)
    np.testing.assert_array_equal(curve.thresholds, thresholds)
    assert np.all(np.diff(curve.n_answered) <= 0)
    assert curve.answered_share[0] == 1.0
    for i, t in enumerate(thresholds):
        single = evaluation.abstain(t)
        assert curve.n_answered[i] == single.n_answered
        assert curve.answered_share[i] == single.answered_share
        np.testing.assert_equal(curve.accuracy_answered[i], single.accuracy_answered)


def test_stored_images_and_chunks_give_the_same_evaluation(bundled):
    images, x, y = bundled
    network = load_model(PRETRAINED_MODEL)
    whole = evaluate(network, x[:700], y[:700])
    for other in (
        evaluate(network, images[:700], y[:700]),  # uint8 (N, 28, 28), as stored
        evaluate(network, x[:700], y[:700], chunk=64),
    ):
        # BLAS may sum in another order for another batch size: equal to rounding.
        np.testing.assert_allclose(other.outputs, whole.outputs, rtol=1e-6)
        np.testing.assert_allclose(other.confidence, whole.confidence, rtol=1e-12)
        np.testing.assert_array_equal(other.confusion, whole.confusion)


def test_progress_is_told_after_every_chunk_and_changes_nothing(bundled):
    images, _, y = bundled
    network = load_model(PRETRAINED_MODEL)
    told = []
    quiet = evaluate(network, images[:700], y[:700], chunk=300)
    ev = evaluate(network, images[:700], y[:700], chunk=300, progress=told.append)
    assert told == [300 / 700, 600 / 700, 1.0]
    np.testing.assert_array_equal(ev.outputs, quiet.outputs)
    np.testing.assert_array_equal(ev.confusion, quiet.confusion)


def test_raising_from_progress_stops_the_evaluation(bundled):
    _, x, y = bundled
    told = []

    def progress(fraction):
        told.append(fraction)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        evaluate(load_model(PRETRAINED_MODEL), x, y, chunk=1000, progress=progress)
    assert told == [1000 / len(y)]


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    n_outputs=st.integers(2, 12),
    n=st.integers(1, 60),
    loss=st.sampled_from(["mse", "cross_entropy"]),
)
def test_any_number_of_outputs(seed, n_outputs, n, loss):
    rng = np.random.default_rng(seed)
    network = Network(Architecture((6, 5, n_outputs), "tanh", loss), seed=seed)
    x = rng.random((n, 6))
    y = rng.integers(0, n_outputs, n)
    ev = evaluate(network, x, y)
    check_against_a_direct_count(ev, network, x, y)
    assert len(ev.mistakes()) + np.trace(ev.confusion) == n
    assert ev.abstain(0).accuracy_answered == ev.accuracy


@pytest.mark.parametrize(
    ("x", "y", "words"),
    [
        (np.zeros((0, 784)), np.zeros(0, int), "empty"),
        (np.zeros((3, 100)), np.zeros(3, int), "784 inputs"),
        (np.zeros(784), np.zeros(1, int), "784 inputs"),
        (np.zeros((3, 784)), np.zeros(2, int), "labels"),
        (np.zeros((3, 784)), np.array([0, 1, 10]), "0 to 9"),
        (np.zeros((3, 784)), np.array([0.0, 1.0, 2.0]), "0 to 9"),
        (np.zeros((3, 784)), np.array([0, -1, 2]), "0 to 9"),
    ],
)
def test_bad_input_is_a_config_error(x, y, words):
    with pytest.raises(ConfigError, match=words):
        evaluate(Network(), x, y)


def test_bad_questions_are_config_errors(bundled):
    _, x, y = bundled
    ev = evaluate(Network(), x[:50], y[:50])
    with pytest.raises(ConfigError, match="chunk"):
        evaluate(Network(), x[:50], y[:50], chunk=0)
    with pytest.raises(ConfigError, match="no cell"):
        ev.examples_in_cell(10, 0)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        ev.abstain(1.5)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        ev.abstain_curve([0.2, float("nan")])
    with pytest.raises(ConfigError, match="limit"):
        ev.mistakes(limit=-1)


def test_the_engine_parts_load_no_qt():
    code = (
        "import sys, app.core.evaluation, app.core.damage\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


@needs_mnist
def test_the_real_test_set_matches_a_direct_count():
    images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
    network = load_model(PRETRAINED_MODEL)
    x = to_inputs(images)
    ev = evaluate(network, images, labels)
    assert ev.count == 10_000
    check_against_a_direct_count(ev, network, x, labels)
    assert np.all(np.isfinite(ev.per_class))
