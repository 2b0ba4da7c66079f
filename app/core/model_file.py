"""Model files: weights, architecture, hyperparameters, optimizer state and history in one ``.npz``.

Opening a file never runs code: arrays are read with ``allow_pickle=False``, text fields are
plain unicode arrays holding JSON, and every array header is checked against sane limits
*before* numpy allocates anything, so a file that lies about its sizes is refused cheaply.

Layout (format version 3)::

    format               "backprop-lab-model"
    format_version       1, 2 or 3 (see below)
    architecture         JSON {"layer_sizes": [...], "activation": ..., "loss": ...}
    hyperparameters      JSON {"learning_rate", "batch_size", "optimizer", "seed"}; from
                         format 2 on also {"weight_decay", "lr_schedule", "lr_step_epochs",
                         "lr_step_factor", "lr_cosine_epochs", "lr_cosine_floor"}; in
                         format 3 also {"augment_shift", "augment_rotation", "augment_scale",
                         "augment_thickness", "augment_noise"}
    params               float64 (P,)
    optimizer/<key>      the optimizer's state arrays
    history/steps        float64 (K,)   loss history (decimated, see LossHistory)
    history/losses       float64 (K,)
    history/epochs       float64 (E, 4) epoch, step, validation loss, validation accuracy
    progress             int64 (2,)     step count, epoch
    metadata             JSON, free-form (e.g. how the file was made)
    taught/images        float32 (K, n_0)  optional: drawings the class added
    taught/labels        int64 (K,)

Format 2 only added weight decay and the learning-rate schedule; format 3 only added data
augmentation. A file is written in the lowest format that holds its run: one that uses
neither (all at their defaults) leaves those fields out and is format 1, so an older Backprop
Lab still opens it; one with decay or a schedule but no augmentation is format 2; one with
augmentation is format 3 (and holds every field), so a Backprop Lab that reads only up to 2
refuses it as "made by a newer Backprop Lab" instead of misreading it. Reading an older file,
the missing fields take their defaults: constant rate, no decay, no augmentation, exactly how
it was trained.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.core.network import Architecture, Network
from app.core.optimizers import Optimizer, make_optimizer
from app.core.training import (
    AUGMENT_FIELDS,
    EpochRecord,
    Hyperparameters,
    LossHistory,
    Trainer,
    TrainingHistory,
)
from app.data.augment import SIDE
from app.errors import BackpropLabError, ConfigError, ModelFileError

FORMAT_NAME = "backprop-lab-model"
FORMAT_VERSION = 3
#: The hyperparameters format 2 added (see the module docstring).
FORMAT_2_HYPERPARAMETERS = (
    "weight_decay",
    "lr_schedule",
    "lr_step_epochs",
    "lr_step_factor",
    "lr_cosine_epochs",
    "lr_cosine_floor",
)
#: The hyperparameters format 3 added: data augmentation.
FORMAT_3_HYPERPARAMETERS = AUGMENT_FIELDS
SUFFIX = ".npz"
# A real model file of this app is a few MB; anything far larger is not one of ours.
MAX_ARRAY_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 64


@dataclass
class ModelFile:
    """What a model file holds, ready to rebuild a network and a trainer."""

    architecture: Architecture
    params: np.ndarray
    hyperparameters: Hyperparameters = field(default_factory=Hyperparameters)
    optimizer_state: dict[str, np.ndarray] = field(default_factory=dict)
    history: TrainingHistory = field(default_factory=TrainingHistory)
    step_count: int = 0
    epoch: int = 0
    metadata: dict = field(default_factory=dict)
    #: Drawings the class added to the training data: (K, n_0) float32 in [0, 1], labels (K,).
    taught_images: np.ndarray | None = None
    taught_labels: np.ndarray | None = None

    def network(self) -> Network:
        return Network(self.architecture, params=self.params)

    def optimizer(self) -> Optimizer:
        opt = make_optimizer(self.hyperparameters.optimizer)
        opt.load_state(self.optimizer_state, self.architecture.n_parameters)
        return opt

    @classmethod
    def from_trainer(cls, trainer: Trainer, metadata: dict | None = None) -> ModelFile:
        return cls(
            architecture=trainer.network.architecture,
            params=trainer.network.params.copy(),
            hyperparameters=trainer.hyper,
            optimizer_state=trainer.optimizer.state(),
            history=trainer.history,
            step_count=trainer.step_count,
            epoch=trainer.epoch,
            metadata=dict(metadata or {}),
        )


def save_model(path: str | Path, model: ModelFile | Network) -> Path:
    """Write atomically: a temporary file in the same folder, fsync, then rename over ``path``."""
    if isinstance(model, Network):
        model = ModelFile(model.architecture, model.params.copy())
    path = Path(path)
    arch = model.architecture
    epochs = np.array(
        [[e.epoch, e.step, e.val_loss, e.val_accuracy] for e in model.history.epochs],
        dtype=np.float64,
    ).reshape(-1, 4)
    hyper, version = _hyperparameters_field(model.hyperparameters)
    arrays: dict[str, np.ndarray] = {
        "format": np.array(FORMAT_NAME),
        "format_version": np.array(version, dtype=np.int64),
        "architecture": np.array(
            json.dumps(
                {
                    "layer_sizes": list(arch.layer_sizes),
                    "activation": arch.activation,
                    "loss": arch.loss,
                }
            )
        ),
        "hyperparameters": np.array(json.dumps(hyper)),
        "params": np.asarray(model.params, dtype=np.float64),
        "history/steps": model.history.losses.steps,
        "history/losses": model.history.losses.losses,
        "history/epochs": epochs,
        "progress": np.array([model.step_count, model.epoch], dtype=np.int64),
        "metadata": np.array(json.dumps(model.metadata)),
        **(
            {}
            if model.taught_images is None or model.taught_labels is None
            else {
                "taught/images": np.asarray(model.taught_images, dtype=np.float32),
                "taught/labels": np.asarray(model.taught_labels, dtype=np.int64),
            }
        ),
    }
    for key, value in model.optimizer_state.items():
        arrays[f"optimizer/{key}"] = np.asarray(value)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ModelFileError(path, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a saved model gets the usual permissions, or
        # keeps those of the file it replaces.
        os.chmod(tmp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise ModelFileError(path, f"could not save: {exc.strerror or exc}") from None
    return path


def _hyperparameters_field(hyper: Hyperparameters) -> tuple[dict, int]:
    """The hyperparameters as saved, and the lowest format version that holds them."""
    fields = hyper.to_dict()
    defaults = Hyperparameters().to_dict()
    # Newest first: a format holds every field of the formats before it.
    for version, added in ((3, FORMAT_3_HYPERPARAMETERS), (2, FORMAT_2_HYPERPARAMETERS)):
        if any(fields[key] != defaults[key] for key in added):
            return {k: v for k, v in fields.items() if k not in _added_after(version)}, version
    return {k: v for k, v in fields.items() if k not in _added_after(1)}, 1


def _added_after(version: int) -> tuple[str, ...]:
    """The hyperparameters that formats newer than ``version`` added."""
    return (FORMAT_2_HYPERPARAMETERS if version < 2 else ()) + (
        FORMAT_3_HYPERPARAMETERS if version < 3 else ()
    )


def load_model_file(path: str | Path) -> ModelFile:
    """Read and check everything in a model file. Raises ``ModelFileError`` for any problem."""
    path = Path(path)
    arrays = _read_arrays(path)

    def text(key: str) -> str:
        arr = _require(arrays, key, path)
        if arr.dtype.kind != "U" or arr.shape != ():
            raise ModelFileError(path, f"field {key!r} is not text")
        return str(arr)

    def json_field(key: str) -> dict:
        try:
            value = json.loads(text(key))
        except json.JSONDecodeError:
            raise ModelFileError(path, f"field {key!r} is not valid JSON") from None
        if not isinstance(value, dict):
            raise ModelFileError(path, f"field {key!r} is not a JSON object")
        return value

    if "format" not in arrays or text("format") != FORMAT_NAME:
        raise ModelFileError(path, "not a Backprop Lab model file (it has no 'format' field)")
    version = _require(arrays, "format_version", path)
    if version.shape != () or version.dtype.kind not in "iu":
        raise ModelFileError(path, "the format version is not a whole number")
    if int(version) > FORMAT_VERSION:
        raise ModelFileError(
            path,
            f"made by a newer Backprop Lab (format {int(version)}; this one reads up to "
            f"{FORMAT_VERSION})",
        )
    try:
        arch_fields = json_field("architecture")
        architecture = Architecture(
            tuple(arch_fields["layer_sizes"]), arch_fields["activation"], arch_fields["loss"]
        )
        hyper = Hyperparameters(**json_field("hyperparameters"))
    except (KeyError, TypeError) as exc:
        raise ModelFileError(path, f"architecture or hyperparameters incomplete: {exc}") from None
    except ConfigError as exc:
        raise ModelFileError(path, str(exc)) from None

    if hyper.augmenting and architecture.layer_sizes[0] != SIDE * SIDE:
        raise ModelFileError(
            path, f"augmentation is on, but the network does not read {SIDE}×{SIDE} images"
        )

    params = _require(arrays, "params", path)
    if params.shape != (architecture.n_parameters,) or params.dtype.kind != "f":
        raise ModelFileError(
            path,
            f"{architecture.describe()} needs {architecture.n_parameters} parameters, "
            f"the file has an array of shape {params.shape}",
        )
    if not np.all(np.isfinite(params)):
        raise ModelFileError(path, "some weights are not finite numbers (NaN or infinity)")

    optimizer_state = {
        k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith("optimizer/")
    }
    try:
        make_optimizer(hyper.optimizer).load_state(optimizer_state, architecture.n_parameters)
    except ConfigError as exc:
        raise ModelFileError(path, str(exc)) from None

    history = TrainingHistory()
    steps, losses = arrays.get("history/steps"), arrays.get("history/losses")
    if steps is not None and losses is not None:
        if steps.ndim != 1 or steps.shape != losses.shape or steps.dtype.kind not in "fiu":
            raise ModelFileError(path, "the loss history is malformed")
        history.losses = LossHistory.from_arrays(steps, losses, max(20_000, len(steps)))
    epochs = arrays.get("history/epochs")
    if epochs is not None:
        if epochs.ndim != 2 or epochs.shape[1] != 4 or epochs.dtype.kind != "f":
            raise ModelFileError(path, "the epoch history is malformed")
        history.epochs = [
            EpochRecord(int(e), int(s), float(vl), float(va)) for e, s, vl, va in epochs
        ]
    progress = arrays.get("progress", np.zeros(2, dtype=np.int64))
    if progress.shape != (2,) or progress.dtype.kind not in "iu" or progress.min() < 0:
        raise ModelFileError(path, "the training progress field is malformed")
    metadata = json_field("metadata") if "metadata" in arrays else {}
    taught_images, taught_labels = arrays.get("taught/images"), arrays.get("taught/labels")
    if (taught_images is None) != (taught_labels is None):
        raise ModelFileError(path, "the class's drawings are stored without their labels")
    if taught_images is not None and taught_labels is not None:
        n_in, n_out = architecture.layer_sizes[0], architecture.layer_sizes[-1]
        if (
            taught_images.ndim != 2
            or taught_images.shape[1] != n_in
            or taught_images.dtype.kind != "f"
            or taught_labels.shape != (taught_images.shape[0],)
            or taught_labels.dtype.kind not in "iu"
        ):
            raise ModelFileError(path, "the class's drawings do not fit this network")
        in_range = np.all(np.isfinite(taught_images)) and (
            taught_images.size == 0 or (taught_images.min() >= 0 and taught_images.max() <= 1)
        )
        if not in_range:
            raise ModelFileError(path, "the class's drawings have pixel values outside 0–1")
        if taught_labels.size and (taught_labels.min() < 0 or taught_labels.max() >= n_out):
            raise ModelFileError(path, f"a drawing's label is not a digit 0–{n_out - 1}")
    return ModelFile(
        architecture,
        params.astype(np.float64),
        hyper,
        optimizer_state,
        history,
        int(progress[0]),
        int(progress[1]),
        metadata,
        taught_images,
        taught_labels,
    )


def load_model(path: str | Path) -> Network:
    """Just the network (architecture and weights) from a model file."""
    return load_model_file(path).network()


def _require(arrays: dict[str, np.ndarray], key: str, path: Path) -> np.ndarray:
    if key not in arrays:
        raise ModelFileError(path, f"the field {key!r} is missing")
    return arrays[key]


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        raise ModelFileError(path, "file not found")
    if not path.is_file():
        raise ModelFileError(path, "not a file")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > MAX_MEMBERS:
                raise ModelFileError(path, f"too many entries ({len(members)}) for a model file")
            for info in members:
                _check_member_header(path, zf, info)
        with np.load(path, allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except BackpropLabError:
        raise
    except zipfile.BadZipFile:
        raise ModelFileError(path, "not a model file (not an .npz archive)") from None
    except (
        ValueError,
        OSError,
        EOFError,
        KeyError,
        RuntimeError,
        NotImplementedError,
        struct.error,
        zlib.error,
        zipfile.LargeZipFile,
    ) as exc:
        # numpy and zipfile report a damaged archive in many ways; all mean the same here.
        raise ModelFileError(path, f"the file is damaged ({type(exc).__name__}: {exc})") from None


def _check_member_header(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read one member's .npy header and refuse it before numpy allocates its array."""
    if not info.filename.endswith(".npy"):
        raise ModelFileError(path, f"unexpected entry {info.filename!r}")
    with zf.open(info) as f:
        try:
            major, _minor = np.lib.format.read_magic(f)
            if major == 1:
                shape, _fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif major in (2, 3):
                shape, _fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                raise ModelFileError(path, f"entry {info.filename!r} has an unknown .npy version")
        except ValueError as exc:
            raise ModelFileError(path, f"entry {info.filename!r} is damaged: {exc}") from None
    if dtype.hasobject:
        raise ModelFileError(path, f"entry {info.filename!r} holds Python objects; refused")
    n_bytes = int(np.prod(shape, dtype=np.float64)) * dtype.itemsize
    if n_bytes > MAX_ARRAY_BYTES or n_bytes > info.file_size:
        raise ModelFileError(
            path, f"entry {info.filename!r} claims {n_bytes:,} bytes, more than it holds"
        )
