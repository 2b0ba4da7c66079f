"""Fuzzing model files: damaged real files may only raise ModelFileError, never crash or hang.

Real files (a bare network and a full session with optimizer state, history and drawings) get
bytes flipped, runs overwritten, cuts and tails. CI runs a modest number of examples; set
BACKPROP_LAB_FUZZ_EXAMPLES (e.g. 5000) for a long run.
"""

from __future__ import annotations

import functools
import os
import tempfile
import zlib
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.model_file import ModelFile, load_model_file, save_model
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.errors import ModelFileError

EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "150"))


def _saved_bytes(model) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.npz"
        save_model(path, model)
        return path.read_bytes()


@functools.cache
def originals() -> dict[str, bytes]:
    """A bare network and a full session (optimizer state, history, the class's drawings)."""
    return {
        "bare": _saved_bytes(Network(Architecture((16, 5, 3)), seed=0)),
        "session": _saved_bytes(_session()),
    }


def _session() -> ModelFile:
    rng = np.random.default_rng(0)
    x, y = rng.random((30, 16)), rng.integers(0, 3, 30)
    net = Network(Architecture((16, 5, 3), "relu", "cross_entropy"), seed=1)
    trainer = Trainer(net, x, y, Hyperparameters(0.01, 8, "adam"), val_x=x[:5], val_y=y[:5])
    trainer.step_epoch()
    model = ModelFile.from_trainer(trainer, {"note": "fuzz"})
    model.taught_images = rng.random((2, 16)).astype(np.float32)
    model.taught_labels = np.array([0, 2])
    return model


damage = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(1, 255)),
    st.tuples(st.just("overwrite"), st.integers(0, 10**9), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("truncate"), st.integers(0, 10**9), st.just(b"")),
    st.tuples(st.just("extend"), st.just(0), st.binary(min_size=1, max_size=256)),
)


def damaged(data: bytes, how: tuple) -> bytes:
    kind, where, what = how
    buf = bytearray(data)
    if not buf:
        return bytes(what) if kind == "extend" else b""
    at = where % len(buf)
    if kind == "flip":
        buf[at] ^= what
    elif kind == "overwrite":
        buf[at : at + len(what)] = what
    elif kind == "truncate":
        del buf[at:]
    else:
        buf += what
    return bytes(buf)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(which=st.sampled_from(["bare", "session"]), hows=st.lists(damage, min_size=1, max_size=4))
def test_a_damaged_model_file_loads_or_says_what_is_wrong(tmp_path, which, hows):
    data = originals()[which]
    for how in hows:
        data = damaged(data, how)
    path = tmp_path / f"damaged-{zlib.crc32(data):08x}.npz"
    path.write_bytes(data)
    try:
        model = load_model_file(path)
    except ModelFileError as exc:
        message = str(exc)
    else:
        message = None
    if message is not None:
        assert path.name in message
        return
    # A file that still loads must be fully usable: every weight finite, the network runs.
    assert np.all(np.isfinite(model.params))
    out = model.network().forward(np.zeros((1, model.architecture.layer_sizes[0])))
    assert out.output.shape == (1, model.architecture.layer_sizes[-1])
