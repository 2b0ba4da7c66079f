"""Model files: a full round trip, and every kind of bad file refused with a clear message."""

from __future__ import annotations

import io
import json
import os
import sys
import time
import zipfile

import numpy as np
import pytest

from app.core.model_file import (
    FORMAT_VERSION,
    STALE_PART_AGE_S,
    ModelFile,
    load_model,
    load_model_file,
    save_model,
    sweep_stale_parts,
)
from app.core.network import Architecture, Network
from app.core.training import Hyperparameters, Trainer
from app.errors import ModelFileError


@pytest.fixture
def trained(tmp_path):
    rng = np.random.default_rng(0)
    x, y = rng.random((40, 784)), rng.integers(0, 10, 40)
    net = Network(Architecture((784, 12, 10), "tanh", "cross_entropy"), seed=3)
    trainer = Trainer(net, x, y, Hyperparameters(0.01, 8, "adam", 4), val_x=x[:8], val_y=y[:8])
    trainer.step_epoch()
    trainer.step_batch()
    path = save_model(tmp_path / "model.npz", ModelFile.from_trainer(trainer, {"note": "test"}))
    return trainer, path


def test_round_trip_keeps_everything(trained):
    trainer, path = trained
    loaded = load_model_file(path)
    assert loaded.architecture == trainer.network.architecture
    assert np.array_equal(loaded.params, trainer.network.params)
    assert loaded.hyperparameters == trainer.hyper
    assert loaded.step_count == trainer.step_count == 6
    assert loaded.epoch == trainer.epoch == 1
    assert loaded.metadata == {"note": "test"}
    assert np.array_equal(loaded.history.losses.losses, trainer.history.losses.losses)
    assert loaded.history.epochs == trainer.history.epochs
    for key, value in trainer.optimizer.state().items():
        assert np.array_equal(loaded.optimizer_state[key], value)
    # The restored optimizer continues exactly where the saved one stopped.
    g = np.full(trainer.network.params.shape, 0.1)
    assert np.array_equal(loaded.optimizer().change(g, 0.01), trainer.optimizer.change(g, 0.01))


def test_a_bare_network_round_trips(tmp_path):
    net = Network(seed=9)
    loaded = load_model(save_model(tmp_path / "n.npz", net))
    assert np.array_equal(loaded.params, net.params)
    assert loaded.architecture == net.architecture


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "m.npz"
    save_model(path, Network(seed=1))
    save_model(path, Network(seed=2))
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    assert path.stat().st_mode & 0o777 == 0o644
    assert np.array_equal(load_model(path).params, Network(seed=2).params)


def test_save_into_an_unwritable_place_says_so(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ModelFileError, match="cannot write"):
        save_model(blocker / "m.npz", Network())


def write_npz(path, **arrays):
    with open(path, "wb") as f:
        np.savez(f, **arrays)
    return path


def good_arrays() -> dict[str, np.ndarray]:
    net = Network(Architecture((4, 3, 2)), seed=0)
    return {
        "format": np.array("backprop-lab-model"),
        "format_version": np.array(FORMAT_VERSION),
        "architecture": np.array(
            json.dumps({"layer_sizes": [4, 3, 2], "activation": "sigmoid", "loss": "mse"})
        ),
        "hyperparameters": np.array(json.dumps(Hyperparameters().to_dict())),
        "params": net.params,
    }


def test_a_minimal_handwritten_file_loads(tmp_path):
    assert load_model(write_npz(tmp_path / "ok.npz", **good_arrays())).layer_sizes == (4, 3, 2)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": np.array("something-else")}, "not a Backprop Lab model"),
        ({"format_version": np.array(FORMAT_VERSION + 1)}, "newer"),
        ({"format_version": np.array("one")}, "version"),
        ({"architecture": np.array("{not json")}, "JSON"),
        ({"architecture": np.array(json.dumps([1, 2]))}, "JSON object"),
        ({"architecture": np.array(json.dumps({"layer_sizes": [4, 2]}))}, "incomplete"),
        (
            {
                "architecture": np.array(
                    json.dumps({"layer_sizes": [4, -3, 2], "activation": "sigmoid", "loss": "mse"})
                )
            },
            "neurons",
        ),
        ({"hyperparameters": np.array(json.dumps({"learning_rate": -1}))}, "learning rate"),
        ({"params": np.zeros(5)}, "needs 23 parameters"),
        ({"params": np.full(23, np.nan)}, "not finite"),
        ({"params": np.arange(23)}, "needs 23 parameters"),
        ({"optimizer/velocity": np.zeros(3)}, None),
        ({"history/steps": np.zeros(3), "history/losses": np.zeros(4)}, "history"),
        ({"progress": np.array([-1, 0])}, "progress"),
    ],
)
def test_bad_fields_are_refused_with_a_message_naming_the_file(tmp_path, change, message):
    arrays = good_arrays()
    arrays.update(change)
    if "optimizer/velocity" in change:
        arrays["hyperparameters"] = np.array(
            json.dumps(Hyperparameters(optimizer="momentum").to_dict())
        )
        message = "velocity"
    path = write_npz(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ModelFileError, match=message) as info:
        load_model_file(path)
    assert "bad.npz" in str(info.value)


def test_missing_params_field(tmp_path):
    arrays = good_arrays()
    del arrays["params"]
    with pytest.raises(ModelFileError, match="'params' is missing"):
        load_model(write_npz(tmp_path / "m.npz", **arrays))


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"PK\x03\x04" + b"\x00" * 40, b"\x93NUMPY" + b"\x00" * 100],
)
def test_garbage_is_not_a_model(tmp_path, content):
    path = tmp_path / "junk.npz"
    path.write_bytes(content)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "junk.npz" in str(info.value)


def test_truncated_file_is_refused(trained, tmp_path):
    _, path = trained
    data = path.read_bytes()
    for cut in (10, len(data) // 3, len(data) // 2, len(data) - 30):
        broken = tmp_path / f"cut{cut}.npz"
        broken.write_bytes(data[:cut])
        with pytest.raises(ModelFileError, match=f"cut{cut}.npz"):
            load_model_file(broken)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        load_model(tmp_path / "nope.npz")
    with pytest.raises(ModelFileError, match="not a file"):
        load_model(tmp_path)


def test_a_pickled_object_array_is_refused_without_running_it(tmp_path):
    arrays = good_arrays()
    arrays["metadata"] = np.array([{"evil": 1}], dtype=object)
    path = tmp_path / "pickle.npz"
    with open(path, "wb") as f:
        np.savez(f, **arrays)  # allow_pickle defaults to True on save
    with pytest.raises(ModelFileError, match="Python objects"):
        load_model_file(path)


def test_a_header_that_lies_about_its_size_is_refused_before_allocating(tmp_path):
    """An .npy header claiming 10⁹ × 10⁹ floats must be refused, not allocated."""
    buf = io.BytesIO()
    header = {"descr": "<f8", "fortran_order": False, "shape": (10**9, 10**9)}
    np.lib.format.write_array_header_1_0(buf, header)
    buf.write(b"\x00" * 64)
    path = tmp_path / "liar.npz"
    with zipfile.ZipFile(path, "w") as zf:
        for name, arr in good_arrays().items():
            if name != "params":
                member = io.BytesIO()
                np.save(member, arr)
                zf.writestr(name + ".npy", member.getvalue())
        zf.writestr("params.npy", buf.getvalue())
    with pytest.raises(ModelFileError, match="claims"):
        load_model_file(path)


def test_foreign_member_names_are_refused(tmp_path):
    path = tmp_path / "zip.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ModelFileError, match="unexpected entry"):
        load_model_file(path)


# -- weight decay and the learning-rate schedule (format 2) ------------------------------------


def stored(path) -> tuple[int, dict]:
    with np.load(path, allow_pickle=False) as npz:
        return int(npz["format_version"]), json.loads(str(npz["hyperparameters"]))


def test_decay_and_schedule_round_trip_as_format_2(tmp_path):
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 784)), rng.integers(0, 10, 20)
    hyper = Hyperparameters(
        learning_rate=0.5,
        weight_decay=1e-3,
        lr_schedule="cosine",
        lr_cosine_epochs=12,
        lr_cosine_floor=0.05,
        lr_step_epochs=3,
        lr_step_factor=0.25,
    )
    trainer = Trainer(Network(seed=0), x, y, hyper)
    trainer.step_epoch()
    path = save_model(tmp_path / "m.npz", ModelFile.from_trainer(trainer))
    version, fields = stored(path)
    assert version == 2
    assert fields["weight_decay"] == 1e-3
    assert fields["lr_schedule"] == "cosine"
    loaded = load_model_file(path)
    assert loaded.hyperparameters == hyper
    # A resumed run continues at the rate the saved one had reached.
    resumed = Trainer(loaded.network(), x, y, loaded.hyperparameters)
    resumed.epoch = loaded.epoch
    assert resumed.current_learning_rate == trainer.current_learning_rate


def test_a_run_without_decay_or_schedule_stays_readable_by_older_versions(tmp_path):
    path = save_model(tmp_path / "m.npz", ModelFile(Architecture(), Network().params))
    version, fields = stored(path)
    assert version == 1
    assert set(fields) == {"learning_rate", "batch_size", "optimizer", "seed"}
    assert load_model_file(path).hyperparameters == Hyperparameters()


def test_an_older_file_without_the_new_fields_loads_with_the_defaults(tmp_path):
    arrays = good_arrays()
    arrays["format_version"] = np.array(1)
    arrays["hyperparameters"] = np.array(
        json.dumps({"learning_rate": 0.5, "batch_size": 4, "optimizer": "gd", "seed": 2})
    )
    hyper = load_model_file(write_npz(tmp_path / "old.npz", **arrays)).hyperparameters
    assert hyper == Hyperparameters(0.5, 4, "gd", 2)
    assert hyper.weight_decay == 0.0
    assert hyper.lr_schedule == "constant"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weight_decay": -1}, "weight decay"),
        ({"weight_decay": "a lot"}, "weight decay"),
        ({"lr_schedule": "linear"}, "schedule"),
        ({"lr_step_epochs": 2.5}, "epochs"),
        ({"lr_cosine_floor": 3}, "floor"),
        ({"lr_warmup": 3}, "incomplete"),
    ],
)
def test_bad_decay_or_schedule_in_a_file_is_refused(tmp_path, change, message):
    arrays = good_arrays()
    arrays["hyperparameters"] = np.array(json.dumps({**Hyperparameters().to_dict(), **change}))
    with pytest.raises(ModelFileError, match=message) as info:
        load_model_file(write_npz(tmp_path / "bad.npz", **arrays))
    assert "bad.npz" in str(info.value)


# -- augmentation (format 3) -------------------------------------------------------------------


def test_augmentation_round_trips_as_format_3(tmp_path):
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 784)), rng.integers(0, 10, 20)
    hyper = Hyperparameters(
        learning_rate=0.5,
        augment_shift=1.5,
        augment_rotation=12.0,
        augment_scale=0.05,
        augment_thickness=0.5,
        augment_noise=0.1,
    )
    trainer = Trainer(Network(seed=0), x, y, hyper)
    trainer.step_epoch()
    path = save_model(tmp_path / "m.npz", ModelFile.from_trainer(trainer))
    version, fields = stored(path)
    assert version == 3
    assert fields["augment_shift"] == 1.5
    assert fields["augment_noise"] == 0.1
    assert fields["weight_decay"] == 0.0  # a format holds every field of those before it
    loaded = load_model_file(path)
    assert loaded.hyperparameters == hyper
    # The resumed run augments with the same ranges as the saved one.
    assert Trainer(loaded.network(), x, y, loaded.hyperparameters).augment == trainer.augment


def test_decay_without_augmentation_stays_format_2(tmp_path):
    model = ModelFile(Architecture(), Network().params, Hyperparameters(weight_decay=1e-3))
    version, fields = stored(save_model(tmp_path / "m.npz", model))
    assert version == 2
    assert "weight_decay" in fields
    assert not any(key.startswith("augment") for key in fields)


def test_augmentation_alone_is_format_3_and_an_older_reader_would_refuse_it(tmp_path):
    model = ModelFile(Architecture(), Network().params, Hyperparameters(augment_noise=0.2))
    version, fields = stored(save_model(tmp_path / "m.npz", model))
    assert version == 3
    assert "augment_shear" not in fields
    assert "augment_elastic" not in fields


def test_a_format_2_file_loads_without_augmentation(tmp_path):
    arrays = good_arrays()
    arrays["format_version"] = np.array(2)
    fields = Hyperparameters(weight_decay=0.01).to_dict()
    old = {k: v for k, v in fields.items() if not k.startswith("augment")}
    arrays["hyperparameters"] = np.array(json.dumps(old))
    hyper = load_model_file(write_npz(tmp_path / "v2.npz", **arrays)).hyperparameters
    assert hyper.weight_decay == 0.01
    assert not hyper.augmenting
    assert hyper.augmentation() is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"augment_shift": -1}, "shift"),
        ({"augment_rotation": 400}, "rotation"),
        ({"augment_noise": "grainy"}, "noise"),
        ({"augment_thickness": None}, "thickness"),
        ({"augment_flip": True}, "incomplete"),
        # good_arrays' network reads 4 inputs, not a 28×28 image
        ({"augment_shift": 2.0}, "28×28"),
    ],
)
def test_bad_augmentation_in_a_file_is_refused(tmp_path, change, message):
    arrays = good_arrays()
    arrays["hyperparameters"] = np.array(json.dumps({**Hyperparameters().to_dict(), **change}))
    with pytest.raises(ModelFileError, match=message) as info:
        load_model_file(write_npz(tmp_path / "bad.npz", **arrays))
    assert "bad.npz" in str(info.value)


# -- temporary files: none left by a stopped save, stale ones swept ----------------------------


def test_a_save_stopped_midway_by_ctrl_c_leaves_no_temporary_file(tmp_path, monkeypatch):
    def stopped_midway(file, **arrays):
        file.write(b"PK\x03\x04" + bytes(1000))
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez_compressed", stopped_midway)
    with pytest.raises(KeyboardInterrupt):
        save_model(tmp_path / "m.npz", Network(seed=0))
    assert list(tmp_path.iterdir()) == []


def aged(path, seconds: float):
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_sweep_removes_only_the_stale_parts_that_saves_left(tmp_path):
    zip_start = b"PK\x03\x04" + bytes(100)
    old = STALE_PART_AGE_S + 60

    def part(name: str, content: bytes, age: float):
        (tmp_path / name).write_bytes(content)
        return aged(tmp_path / name, age)

    stale = part(".m.npz.abcd1234.part", zip_start, old)
    stale_empty = part(".session.npz.x_y_z_09.part", b"", old)  # killed before writing
    kept = {
        part(".m.npz.qwertyui.part", zip_start, 5),  # a save in progress, maybe another's
        part(".notes.abcdefgh.part", b"hello", old),  # not an archive: someone else's
        part(".m.npz.tooshort.x.part", zip_start, old),  # not mkstemp's name
        part("download.part", zip_start, old),
        part("m.npz", zip_start, old),
    }
    folder = tmp_path / ".dir.abcdefgh.part"
    folder.mkdir()
    aged(folder, old)
    kept.add(folder)

    removed = sweep_stale_parts(tmp_path)

    assert sorted(removed) == sorted([stale, stale_empty])
    assert set(tmp_path.iterdir()) == kept


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_sweep_never_follows_a_link_named_like_a_part(tmp_path):
    target = tmp_path / "precious.npz"
    target.write_bytes(b"PK\x03\x04")
    aged(target, STALE_PART_AGE_S + 60)
    link = tmp_path / ".m.npz.abcd1234.part"
    link.symlink_to(target)
    aged(link, STALE_PART_AGE_S + 60)
    assert sweep_stale_parts(tmp_path) == []
    assert link.is_symlink()
    assert target.exists()


def test_sweep_of_a_missing_folder_or_a_file_removes_nothing_and_never_raises(tmp_path):
    assert sweep_stale_parts(tmp_path / "missing") == []
    (tmp_path / "file").write_text("x")
    assert sweep_stale_parts(tmp_path / "file") == []


# -- shear, elastic distortion and the drawings' weight (format 4) -----------------------------


def test_shear_and_elastic_distortion_round_trip_as_format_4(tmp_path):
    hyper = Hyperparameters(augment_shear=0.3, augment_elastic=1.5)
    model = ModelFile(Architecture(), Network().params, hyper)
    version, fields = stored(save_model(tmp_path / "m.npz", model))
    assert version == 4 == FORMAT_VERSION
    assert (fields["augment_shear"], fields["augment_elastic"]) == (0.3, 1.5)
    assert fields["augment_noise"] == 0.0  # a format holds every field of those before it
    assert load_model_file(tmp_path / "m.npz").hyperparameters == hyper


def test_the_drawings_weight_is_recorded_and_read_back_as_format_4(tmp_path):
    images = np.random.default_rng(0).random((3, 784)).astype(np.float32)
    model = ModelFile(Architecture(), Network().params, taught_images=images)
    model.taught_labels, model.taught_weight = np.array([7, 1, 7]), 40.0
    path = save_model(tmp_path / "m.npz", model)
    assert stored(path)[0] == 4
    loaded = load_model_file(path)
    assert loaded.taught_weight == 40.0
    np.testing.assert_array_equal(loaded.taught_labels, [7, 1, 7])


def test_drawings_without_a_weight_count_once_and_stay_readable_by_older_versions(tmp_path):
    images = np.zeros((2, 784), np.float32)
    model = ModelFile(Architecture(), Network().params, taught_images=images)
    model.taught_labels = np.array([3, 4])
    path = save_model(tmp_path / "m.npz", model)
    assert stored(path)[0] == 1
    assert load_model_file(path).taught_weight == 1.0


@pytest.mark.parametrize("weight", [0.5, 2000.0, float("nan"), "heavy", [2.0, 3.0]])
def test_a_drawings_weight_out_of_its_range_is_refused(tmp_path, weight):
    arrays = good_arrays()
    arrays["taught/weight"] = np.array(weight)
    with pytest.raises(ModelFileError, match="weight"):
        load_model_file(write_npz(tmp_path / "bad.npz", **arrays))
