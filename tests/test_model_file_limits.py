"""Model files small on disk but huge unpacked: refused from their headers, before unpacking.

A zip member of zeros packs about 1000:1, so each crafted file here is a few KB on disk while
its members claim megabytes; the limits are checked against what the file's own architecture
needs, so none of it is ever allocated.
"""

from __future__ import annotations

import json
import tracemalloc
import zipfile

import numpy as np
import pytest

from app.core.history import EpochRecord, LossHistory
from app.core.model_file import (
    MAX_EPOCH_RECORDS,
    MAX_LOSS_POINTS,
    MAX_TAUGHT_DRAWINGS,
    MAX_TEXT_CHARS,
    SMALL_MEMBER_BYTES,
    ModelFile,
    load_model_file,
    save_model,
)
from app.core.network import Architecture, Network
from app.core.optimizers import OPTIMIZER_NAMES
from app.core.training import Hyperparameters, Trainer
from app.errors import ModelFileError

LESSON = Architecture((784, 16, 16, 10))


def lesson_file(tmp_path, optimizer: str = "gd", name: str = "base.npz"):
    """A real session file of the lesson's network, after one mini-batch with ``optimizer``."""
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 784)), rng.integers(0, 10, 20)
    hyper = Hyperparameters(0.1, 10, optimizer)
    trainer = Trainer(Network(LESSON, seed=0), x, y, hyper, val_x=x[:5], val_y=y[:5])
    trainer.step_epoch()
    return save_model(tmp_path / name, ModelFile.from_trainer(trainer, {"note": "limits"}))


def stream_member(zf: zipfile.ZipFile, name: str, shape: tuple[int, ...], dtype="<f8") -> None:
    """A true .npy member of zeros, written in chunks: its header and data agree."""
    dtype = np.dtype(dtype)
    with zf.open(name + ".npy", "w", force_zip64=True) as f:
        header = {"descr": dtype.str, "fortran_order": False, "shape": shape}
        np.lib.format.write_array_header_2_0(f, header)
        left = int(np.prod(shape)) * dtype.itemsize
        chunk = bytes(1 << 20)
        while left:
            f.write(chunk[: min(left, len(chunk))])
            left -= min(left, len(chunk))


def with_members(source, target, members: dict[str, tuple[tuple[int, ...], str]]):
    """``source`` with ``members`` (name → (shape, dtype) of zeros) added or replacing its own."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in zin.infolist():
            if info.filename.removesuffix(".npy") not in members:
                zf.writestr(info, zin.read(info))
        for name, (shape, dtype) in members.items():
            stream_member(zf, name, shape, dtype)
    return target


def load_measuring_peak(path) -> tuple[Exception | None, int]:
    """The error ``load_model_file(path)`` raises (or None) and the peak bytes it allocated."""
    tracemalloc.start()
    try:
        load_model_file(path)
    except ModelFileError as exc:
        return exc, tracemalloc.get_traced_memory()[1]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return None, peak


P = LESSON.n_parameters


@pytest.mark.parametrize(
    ("optimizer", "member", "shape", "dtype", "limit"),
    [
        ("gd", "params", (2_000_000,), "<f8", 8 * P),
        ("adam", "optimizer/m", (2_000_000,), "<f8", 8 * P),
        # One value per parameter, as it should be, but each value 4,000 bytes of text.
        ("momentum", "optimizer/velocity", (P,), "<U1000", 8 * P),
        ("gd", "history/losses", (2_000_000,), "<f8", 8 * MAX_LOSS_POINTS),
        ("gd", "history/epochs", (2_000_000, 4), "<f8", 32 * MAX_EPOCH_RECORDS),
        ("gd", "taught/images", (20_000, 784), "<f4", 8 * 784 * MAX_TAUGHT_DRAWINGS),
        ("gd", "metadata", (), "<U4000000", 4 * MAX_TEXT_CHARS),
        ("gd", "progress", (2_000_000,), "<i8", SMALL_MEMBER_BYTES),
        ("gd", "format_version", (2_000_000,), "<i8", SMALL_MEMBER_BYTES),
    ],
    ids=[
        "params",
        "adam m",
        "momentum velocity",
        "losses",
        "epochs",
        "drawings",
        "metadata",
        "progress",
        "format version",
    ],
)
def test_a_member_bigger_than_its_place_in_the_file_is_refused_without_unpacking_it(
    tmp_path, optimizer, member, shape, dtype, limit
):
    base = lesson_file(tmp_path, optimizer)
    hostile = with_members(base, tmp_path / "hostile.npz", {member: (shape, dtype)})
    claimed = int(np.prod(shape)) * np.dtype(dtype).itemsize
    with zipfile.ZipFile(hostile) as zf:
        assert zf.getinfo(member + ".npy").compress_size < claimed / 100, "should pack small"

    error, peak = load_measuring_peak(hostile)

    assert error is not None
    message = str(error)
    assert "hostile.npz" in message
    assert repr(member) in message
    assert f"unpacks to {claimed:,} bytes" in message
    assert f"at most {limit:,} bytes" in message
    # Never unpacked: loading allocated a small share of what the member claims.
    assert peak < claimed / 10


@pytest.mark.parametrize(
    ("member", "shape", "dtype"),
    [
        ("history/steps", (MAX_LOSS_POINTS + 1,), "<f8"),
        ("history/epochs", (MAX_EPOCH_RECORDS + 1, 4), "<f8"),
        ("taught/labels", (MAX_TAUGHT_DRAWINGS + 1,), "<i8"),
        ("metadata", (), f"<U{MAX_TEXT_CHARS + 1}"),
    ],
    ids=["steps", "epochs", "labels", "metadata"],
)
def test_one_value_past_a_limit_is_refused(tmp_path, member, shape, dtype):
    base = lesson_file(tmp_path)
    hostile = with_members(base, tmp_path / "past.npz", {member: (shape, dtype)})
    with pytest.raises(ModelFileError, match=f"entry '{member}' unpacks to"):
        load_model_file(hostile)


def test_epoch_records_up_to_the_limit_load(tmp_path):
    model = ModelFile(LESSON, Network(LESSON, seed=0).params)
    model.history.epochs = [EpochRecord(e, 10 * e, 0.5, 0.9) for e in range(MAX_EPOCH_RECORDS)]
    loaded = load_model_file(save_model(tmp_path / "many-epochs.npz", model))
    assert len(loaded.history.epochs) == MAX_EPOCH_RECORDS
    assert loaded.history.epochs[-1] == model.history.epochs[-1]


def test_the_history_of_twenty_million_losses_is_refused_in_a_blink(tmp_path):
    base = lesson_file(tmp_path)
    members = {"history/steps": ((20_000_000,), "<f8"), "history/losses": ((20_000_000,), "<f8")}
    hostile = with_members(base, tmp_path / "long.npz", members)

    error, peak = load_measuring_peak(hostile)

    assert error is not None
    assert "20,000,000 values" in str(error)
    assert f"{MAX_LOSS_POINTS:,} loss points" in str(error)
    assert peak < 10_000_000  # the history alone would be 320 MB


def test_members_a_model_file_does_not_have_are_refused_by_name(tmp_path):
    base = lesson_file(tmp_path)
    members = {"junk0": ((1000,), "<f8"), "weights/backup": ((10,), "<f8")}
    hostile = with_members(base, tmp_path / "extra.npz", members)
    with pytest.raises(ModelFileError) as caught:
        load_model_file(hostile)
    assert "'junk0.npy'" in str(caught.value)
    assert "'weights/backup.npy'" in str(caught.value)
    assert "not part of a Backprop Lab model file" in str(caught.value)


def test_state_of_another_optimizer_is_refused(tmp_path):
    base = lesson_file(tmp_path, "momentum")
    hostile = with_members(base, tmp_path / "mixed.npz", {"optimizer/m": ((P,), "<f8")})
    with pytest.raises(ModelFileError, match="'optimizer/m' is not part of a model file trained"):
        load_model_file(hostile)


@pytest.mark.parametrize("optimizer", OPTIMIZER_NAMES)
def test_every_optimizer_state_the_app_saves_loads_back(tmp_path, optimizer):
    path = lesson_file(tmp_path, optimizer)
    with zipfile.ZipFile(path) as zf:
        saved = {n[len("optimizer/") : -4] for n in zf.namelist() if n.startswith("optimizer/")}
    loaded = load_model_file(path)
    assert set(loaded.optimizer_state) == saved
    assert optimizer == "gd" or saved, "a step should have given the optimizer some state"


def test_the_loss_history_limit_is_what_the_app_keeps_and_a_full_history_loads(tmp_path):
    assert LossHistory().capacity == MAX_LOSS_POINTS
    model = ModelFile(LESSON, Network(LESSON, seed=0).params)
    for step in range(3 * MAX_LOSS_POINTS):  # past capacity: the history halves itself
        model.history.losses.append(step, 1.0 / (step + 1))
    path = save_model(tmp_path / "long-run.npz", model)
    loaded = load_model_file(path).history.losses
    np.testing.assert_array_equal(loaded.steps, model.history.losses.steps)
    np.testing.assert_array_equal(loaded.losses, model.history.losses.losses)
    assert loaded.capacity == MAX_LOSS_POINTS


def test_epoch_records_that_are_not_whole_counts_are_a_model_file_error(tmp_path):
    base = lesson_file(tmp_path)
    with np.load(base) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["history/epochs"] = np.array([[np.nan, 2.0, 0.5, 0.9]])
    path = tmp_path / "nan-epoch.npz"
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError, match="epoch history is malformed"):
        load_model_file(path)


def test_json_nested_too_deep_is_a_model_file_error(tmp_path):
    base = lesson_file(tmp_path)
    with np.load(base) as npz:
        arrays = {name: npz[name] for name in npz.files}
    arrays["metadata"] = np.array("[" * 50_000 + "]" * 50_000)
    path = tmp_path / "deep.npz"
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError, match="'metadata' is not valid JSON"):
        load_model_file(path)


def test_a_session_with_history_and_drawings_still_round_trips(tmp_path):
    rng = np.random.default_rng(1)
    x, y = rng.random((30, 784)), rng.integers(0, 10, 30)
    trainer = Trainer(
        Network(LESSON, seed=2), x, y, Hyperparameters(0.01, 8, "adam"), val_x=x, val_y=y
    )
    for _ in range(3):
        trainer.step_epoch()
    model = ModelFile.from_trainer(trainer, {"dataset": "bundled MNIST 5k"})
    model.taught_images = rng.random((4, 784)).astype(np.float32)
    model.taught_labels = np.array([1, 2, 3, 4])
    loaded = load_model_file(save_model(tmp_path / "session.npz", model))
    assert loaded.history.epochs == trainer.history.epochs
    assert [type(v) for v in vars(loaded.history.epochs[0]).values()] == [int, int, float, float]
    np.testing.assert_array_equal(loaded.taught_images, model.taught_images)
    assert loaded.metadata == {"dataset": "bundled MNIST 5k"}
    assert json.loads(json.dumps(loaded.metadata)) == loaded.metadata
