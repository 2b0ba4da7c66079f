"""The speed benchmark compares like with like: its bare numpy loop takes the engine's step."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "training_speed.py"


@pytest.fixture(scope="module")
def speed():
    spec = importlib.util.spec_from_file_location("training_speed", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    # It sets the BLAS thread count for its own process; keep this one's environment as it is.
    with mock.patch.dict(os.environ):
        spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("batch", [1, 10, 32])
def test_the_bare_loop_takes_the_same_steps_as_the_engine(speed, batch):
    rng = np.random.default_rng(4)
    x = rng.random((300, 784), dtype=np.float32)
    y = rng.integers(0, 10, 300)
    trainer, bare = speed.engine(x, y, batch), speed.BareLoop(x, y, batch)
    np.testing.assert_allclose(trainer.network.weights[0], bare.w[0], rtol=1e-6)
    for _ in range(40):  # past the end of the first epoch at batch 10 and 32
        used = len(trainer.step_batch().indices)
        assert bare.step() == used
    assert trainer.epoch == bare.epoch
    for ours, theirs in zip(trainer.network.weights, bare.w, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)
    for ours, theirs in zip(trainer.network.biases, bare.b, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


def test_the_peer_is_measured_only_where_it_is_installed(speed):
    x, y = np.zeros((20, 784), np.float32), np.zeros(20, dtype=np.intp)
    try:
        import nn_digits  # noqa: F401
    except ImportError:
        assert speed.peer_step(x, y, 4) is None
    else:
        assert speed.peer_step(x, y, 4)() == 4
