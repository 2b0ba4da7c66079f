"""The look-inside jobs the background thread runs: right numbers, from read-only inputs."""

from __future__ import annotations

import numpy as np
import pytest

from app import PRETRAINED_MODEL
from app.core.layer_health import hidden_layer_health
from app.core.model_file import load_model_file
from app.core.network import Network
from app.core.points_map import principal_plane
from app.data.datasets import load_bundled, to_inputs
from app.errors import ConfigError
from app.training.inside_jobs import (
    EVALUATION_CHUNK,
    POINTS_MAP_SAMPLE,
    evaluation_job,
    health_job,
    points_map_job,
    robustness_job,
)
from app.training.snapshot import frozen


class Interrupted(Exception):
    pass


class State:
    """A stand-in for the job thread's ``JobState``: records what a job tells it and, once
    ``stop_after`` progress reports, says stop (``check`` raises)."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.progress: list[float] = []
        self.partial: list[object] = []
        self.stop_after = stop_after

    def check(self) -> None:
        if self.stop_after is not None and len(self.progress) >= self.stop_after:
            raise Interrupted

    def set_progress(self, fraction: float) -> None:
        self.progress.append(fraction)

    def set_partial_result(self, result: object) -> None:
        self.partial.append(result)


@pytest.fixture(scope="module")
def model():
    network = load_model_file(PRETRAINED_MODEL).network()
    data = load_bundled()
    return network, frozen(to_inputs(data.val_images)), frozen(data.val_y)


def test_evaluation_job_counts_against_a_direct_count(model):
    network, x, y = model
    result = evaluation_job(network.architecture, frozen(network.params), x, y, step=7)
    answers = np.argmax(network.forward(x.astype(np.float64)).output, axis=1)
    direct = np.zeros((10, 10), int)
    np.add.at(direct, (y, answers), 1)
    np.testing.assert_array_equal(result.evaluation.confusion, direct)
    assert result.evaluation.accuracy == pytest.approx(np.mean(answers == y))
    assert result.images.shape == (len(x), 28, 28)
    np.testing.assert_array_equal(result.images[3].ravel(), x[3])
    assert result.step == 7


def test_points_map_job_is_every_layer_of_a_stratified_sample(model):
    network, x, y = model
    result = points_map_job(network.architecture, frozen(network.params), x, y, step=0)
    assert len(result.planes) == network.architecture.n_layers + 1
    assert len(result.labels) == min(POINTS_MAP_SAMPLE, len(x))
    np.testing.assert_array_equal(np.bincount(result.labels), np.bincount(y))  # all 500 here
    # Layer 0's plane is the pixels' own principal plane.
    pixels = result.images.reshape(len(result.images), -1)
    np.testing.assert_allclose(
        np.abs(result.planes[0].coords), np.abs(principal_plane(pixels).coords), atol=1e-9
    )
    expected = np.argmax(network.forward(pixels.astype(np.float64)).output, axis=1)
    np.testing.assert_array_equal(result.answers, expected)


def test_health_job_compares_with_the_start_and_counts_stuck_neurons(model):
    network, x, y = model
    start = Network(network.architecture, seed=0).params
    gradient = np.linspace(-1, 1, network.architecture.n_parameters)
    result = health_job(network.architecture, network.params, start, gradient, x, y, step=3)
    assert len(result.weights) == len(result.now) == len(result.initial) == 3
    w0, b0, _ = network.architecture.offsets[0]
    assert result.now[0].counts.sum() == b0 - w0 == result.initial[0].counts.sum()
    assert result.gradients is not None
    assert len(result.gradients) == 3
    direct = hidden_layer_health(network, x)  # 500 examples: the whole set is the sample
    for got, want in zip(result.health, direct, strict=True):
        np.testing.assert_array_equal(got.saturated, want.saturated)
    assert health_job(network.architecture, network.params, start, None, x, y, 0).gradients is None


def test_robustness_job_has_every_damage_with_previews(model):
    network, x, y = model
    result = robustness_job(network.architecture, network.params, x[:60], y[:60], step=1)
    assert set(result.curves) == set(result.previews)
    assert len(result.curves) == 4
    for kind, (levels, accuracies) in result.curves.items():
        assert result.previews[kind].shape == (len(levels), 28, 28)
        assert np.all((accuracies >= 0) & (accuracies <= 1))
    assert result.n_images == 60


def test_no_validation_set_is_a_clear_error(model):
    network, _, _ = model
    with pytest.raises(ConfigError, match="no validation set"):
        evaluation_job(network.architecture, network.params, None, None, step=0)


def test_the_points_map_reuses_the_pixels_plane_and_gets_the_same_map(model):
    network, x, y = model
    fresh = points_map_job(network.architecture, network.params, x, y, step=0)
    again = points_map_job(
        network.architecture, network.params, x, y, step=1, pixel_plane=fresh.planes[0]
    )
    assert again.planes[0] is fresh.planes[0]
    for a, b in zip(fresh.planes, again.planes, strict=True):
        np.testing.assert_allclose(a.coords, b.coords, atol=1e-9)


def test_the_robustness_job_streams_each_kind_as_it_is_done_with_progress(model):
    network, x, y = model
    state = State()
    result = robustness_job(network.architecture, network.params, x[:60], y[:60], 1, state=state)
    kinds = list(result.curves)
    assert [list(partial.curves) for partial in state.partial] == [kinds[:1], kinds[:2], kinds[:3]]
    for partial in state.partial:
        for kind, (levels, accuracies) in partial.curves.items():
            np.testing.assert_array_equal(accuracies, result.curves[kind][1])
            assert partial.previews[kind].shape == (len(levels), 28, 28)
    assert state.progress == sorted(state.progress)
    assert state.progress[-1] == pytest.approx(1.0)
    # One report per chunk and level: each a chance to stop.
    assert len(state.progress) == sum(len(levels) for levels, _ in result.curves.values())
    quiet = robustness_job(network.architecture, network.params, x[:60], y[:60], 1)
    for kind in kinds:
        np.testing.assert_array_equal(result.curves[kind][1], quiet.curves[kind][1])


def test_a_robustness_job_asked_to_stop_stops_within_one_chunk(model):
    network, x, y = model
    state = State(stop_after=3)
    with pytest.raises(Interrupted):
        robustness_job(network.architecture, network.params, x, y, 1, state=state)
    assert len(state.progress) == 3
    assert state.partial == []


def test_the_evaluation_of_ten_thousand_images_goes_in_chunks_with_progress(model):
    network, x, y = model
    big_x, big_y = frozen(np.tile(x, (20, 1))), frozen(np.tile(y, 20))
    state = State()
    result = evaluation_job(network.architecture, network.params, big_x, big_y, 0, state=state)
    assert len(state.progress) == 10_000 // EVALUATION_CHUNK
    assert state.progress[-1] == 1.0
    assert result.evaluation.count == 10_000
    assert result.evaluation.accuracy == pytest.approx(
        evaluation_job(network.architecture, network.params, x, y, 0).evaluation.accuracy
    )
    with pytest.raises(Interrupted):
        evaluation_job(
            network.architecture, network.params, big_x, big_y, 0, state=State(stop_after=2)
        )
