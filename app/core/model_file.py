"""Model files: weights, architecture, hyperparameters, optimizer state and history in one ``.npz``.

Opening a file never runs code: arrays are read with ``allow_pickle=False``, text fields are
plain unicode arrays holding JSON. A member a model file does not have is refused by name, and
every member's .npy header is checked against what the file's architecture needs there (and
the ``MAX_*`` limits) *before* numpy allocates anything, so a file that lies about its sizes,
or is small on disk but huge unpacked (zeros pack ~1000:1), is refused cheaply.

Layout (format version 4)::

    format               "backprop-lab-model"
    format_version       1 to 4 (see below)
    architecture         JSON {"layer_sizes": [...], "activation": ..., "loss": ...}
    hyperparameters      JSON {"learning_rate", "batch_size", "optimizer", "seed"}; from
                         format 2 on also {"weight_decay", "lr_schedule", "lr_step_epochs",
                         "lr_step_factor", "lr_cosine_epochs", "lr_cosine_floor"}; in
                         format 3 also {"augment_shift", "augment_rotation", "augment_scale",
                         "augment_thickness", "augment_noise"}; in format 4 also
                         {"augment_shear", "augment_elastic"}
    params               float32 or float64 (P,): the dtype the network computes in, kept
                         on loading (the app trains in float32; older files hold float64)
    optimizer/<key>      the optimizer's state arrays
    history/steps        float64 (K,)   loss history (decimated, see LossHistory)
    history/losses       float64 (K,)
    history/epochs       float64 (E, 4) epoch, step, validation loss, validation accuracy
    progress             int64 (2,)     step count, epoch
    metadata             JSON, free-form (e.g. how the file was made)
    taught/images        float32 (K, n_0)  optional: drawings the class added
    taught/labels        int64 (K,)
    taught/weight        float64 ()     format 4: how many times each drawing counts in
                                        training (see ``TAUGHT_WEIGHT_LIMITS``); 1 if absent

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

import contextlib
import json
import math
import os
import re
import struct
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.core.augment import SIDE
from app.core.history import MAX_EPOCHS, EpochRecord, LossHistory, TrainingHistory
from app.core.network import Architecture, Network
from app.core.optimizers import Optimizer, make_optimizer, state_in
from app.core.training import AUGMENT_FIELDS, Hyperparameters, Trainer
from app.errors import BackpropLabError, ConfigError, ModelFileError

FORMAT_NAME = "backprop-lab-model"
FORMAT_VERSION = 4
#: The hyperparameters format 2 added (see the module docstring).
FORMAT_2_HYPERPARAMETERS = ("weight_decay", "lr_schedule", "lr_step_epochs", "lr_step_factor",
                            "lr_cosine_epochs", "lr_cosine_floor")  # fmt: skip
#: The hyperparameters format 3 added: data augmentation.
FORMAT_3_HYPERPARAMETERS = AUGMENT_FIELDS[:5]  # shift, rotation, scale, thickness, noise
#: The hyperparameters format 4 added: the augmentation's shear and elastic distortion.
FORMAT_4_HYPERPARAMETERS = tuple(f for f in AUGMENT_FIELDS if f not in FORMAT_3_HYPERPARAMETERS)
#: What each format added, by version.
FORMAT_ADDED = dict(zip((2, 3, 4), (FORMAT_2_HYPERPARAMETERS, FORMAT_3_HYPERPARAMETERS,
                                    FORMAT_4_HYPERPARAMETERS), strict=True))  # fmt: skip
#: How many times each class drawing may count in training (``taught/weight``): 1 is once, as
#: before format 4; past 1,000, 10 drawings would outweigh the 4,500 bundled digits twice.
TAUGHT_WEIGHT_LIMITS = (1.0, 1000.0)
SUFFIX = ".npz"
# A real model file of this app is a few MB; anything far larger is not one of ours.
MAX_ARRAY_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 64

#: The longest text field, in characters. The longest this app writes is the command that
#: made a model (``metadata``), a few hundred characters.
MAX_TEXT_CHARS = 100_000
#: The most loss-history points: ``LossHistory``'s capacity (it halves its points when full),
#: so no file this app writes holds more, and rebuilding them takes milliseconds.
MAX_LOSS_POINTS = 20_000
#: The most epoch records (one per epoch). A lesson runs tens to hundreds of epochs (the
#: pretrained model 160); this is hours of non-stop training at the engine's top speed on the
#: bundled digits, and rebuilding that many records costs ~0.3 s and ~40 MB at most. The
#: trainer keeps no more (``TrainingHistory.add_epoch``), so every session it saves opens.
MAX_EPOCH_RECORDS = MAX_EPOCHS
#: The most drawings the class can have added ("Teach it", one 28×28 drawing a click): more
#: than a class draws in days, and 31 MB of float32 at most.
MAX_TAUGHT_DRAWINGS = 10_000
#: A scalar or short field may hold this many bytes whatever its type, so a field of the wrong
#: type (text for a number) still loads and gets its own precise message.
SMALL_MEMBER_BYTES = 64
#: What each optimizer's ``state()`` keeps (``app.core.optimizers``): a vector of one value per
#: parameter, or a count.
OPTIMIZER_STATE: dict[str, dict[str, str]] = {
    "gd": {},
    "momentum": {"velocity": "vector"},
    "adam": {"m": "vector", "v": "vector", "t": "count"},
}
#: Every member a model file can have (see the module docstring); any other is refused.
MEMBERS = frozenset((
    "format", "format_version", "architecture", "hyperparameters", "params", "progress",
    "metadata", "history/steps", "history/losses", "history/epochs", "taught/images",
    "taught/labels", "taught/weight",
    *(f"optimizer/{key}" for state in OPTIMIZER_STATE.values() for key in state),
))  # fmt: skip

#: A ``.part`` untouched this long is left from a save that was killed; see sweep_stale_parts.
STALE_PART_AGE_S = 15 * 60
#: The temporary name ``save_model`` writes to: mkstemp(prefix=".NAME.", suffix=".part"), whose
#: random middle is 8 of a-z, 0-9 and _.
_PART_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
_ZIP_START = b"PK\x03\x04"


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
    #: How many times each drawing counts in training (the worker repeats it that often).
    taught_weight: float = 1.0

    def network(self, dtype: np.dtype | None = None) -> Network:
        """In ``dtype`` (the app trains in float32), or None: the file's, bit for bit."""
        return Network(self.architecture, params=self.params, dtype=dtype)

    def optimizer(self, dtype: np.dtype | None = None) -> Optimizer:
        """With its saved state, in ``dtype`` (the network's) or None: the file's."""
        opt = make_optimizer(self.hyperparameters.optimizer)
        opt.load_state(state_in(self.optimizer_state, dtype), self.architecture.n_parameters)
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
        "params": np.asarray(model.params, dtype=_params_dtype(model.params)),
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
    if model.taught_weight != 1.0:
        arrays["taught/weight"] = np.array(float(model.taught_weight))
        arrays["format_version"] = np.array(4, dtype=np.int64)
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
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise ModelFileError(path, f"could not save: {exc.strerror or exc}") from None
    except BaseException:
        # Ctrl-C, or SIGTERM turned into an exception by the command line: no part left.
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return path


def _hyperparameters_field(hyper: Hyperparameters) -> tuple[dict, int]:
    """The hyperparameters as saved, and the lowest format version that holds them."""
    fields = hyper.to_dict()
    defaults = Hyperparameters().to_dict()
    # Newest first: a format holds every field of the formats before it.
    for version, added in sorted(FORMAT_ADDED.items(), reverse=True):
        if any(fields[key] != defaults[key] for key in added):
            return {k: v for k, v in fields.items() if k not in _added_after(version)}, version
    return {k: v for k, v in fields.items() if k not in _added_after(1)}, 1


def _added_after(version: int) -> tuple[str, ...]:
    """The hyperparameters that formats newer than ``version`` added."""
    return tuple(f for later in range(version + 1, 5) for f in FORMAT_ADDED[later])


def load_model_file(path: str | Path) -> ModelFile:
    """Read and check everything in a model file. Raises ``ModelFileError`` for any problem.

    Each member's .npy header is read first and its unpacked size checked against what this
    architecture needs there (see ``_Archive.array``); only then is it loaded, so a file that
    is small on disk but huge unpacked costs nothing but its headers.
    """
    path = Path(path)
    if not path.exists():
        raise ModelFileError(path, "file not found")
    if not path.is_file():
        raise ModelFileError(path, "not a file")
    try:
        with zipfile.ZipFile(path) as zf:
            return _load(path, _Archive(path, zf))
    except ModelFileError:
        raise
    except BackpropLabError as exc:  # a ConfigError from the engine's own checks
        raise ModelFileError(path, str(exc)) from None
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


def load_model(path: str | Path) -> Network:
    """Just the network (architecture and weights) from a model file."""
    return load_model_file(path).network()


def _load(path: Path, archive: _Archive) -> ModelFile:
    """Every member of the model file at ``path``, checked; the first fault raises."""
    _check_format(path, archive)
    try:
        arch_fields = _json_field(path, archive, "architecture")
        architecture = Architecture(
            tuple(arch_fields["layer_sizes"]), arch_fields["activation"], arch_fields["loss"]
        )
        hyper = Hyperparameters(**_json_field(path, archive, "hyperparameters"))
    except (KeyError, TypeError) as exc:
        raise ModelFileError(path, f"architecture or hyperparameters incomplete: {exc}") from None
    except ConfigError as exc:
        raise ModelFileError(path, str(exc)) from None
    metadata = _json_field(path, archive, "metadata") if "metadata" in archive else {}

    if hyper.augmenting and architecture.layer_sizes[0] != SIDE * SIDE:
        raise ModelFileError(
            path, f"augmentation is on, but the network does not read {SIDE}×{SIDE} images"
        )

    # From here on every member's size is known from the architecture (see _Archive.array).
    n_parameters = architecture.n_parameters
    of_network = f"one value per parameter of {architecture.describe()}"
    params = archive.array("params", n_parameters, 8 * n_parameters, of_network)
    if params is None:
        raise ModelFileError(path, "the field 'params' is missing")
    if params.shape != (n_parameters,) or params.dtype.kind != "f":
        raise ModelFileError(
            path,
            f"{architecture.describe()} needs {n_parameters} parameters, "
            f"the file has an array of shape {params.shape}",
        )
    if not np.all(np.isfinite(params)):
        raise ModelFileError(path, "some weights are not finite numbers (NaN or infinity)")

    optimizer_state = _optimizer_state(path, archive, hyper.optimizer, n_parameters, of_network)
    try:
        make_optimizer(hyper.optimizer).load_state(optimizer_state, n_parameters)
    except ConfigError as exc:
        raise ModelFileError(path, str(exc)) from None

    history = _history(path, archive)
    progress = archive.array("progress", 2, SMALL_MEMBER_BYTES, "two counts")
    if progress is None:
        progress = np.zeros(2, dtype=np.int64)
    if progress.shape != (2,) or progress.dtype.kind not in "iu" or progress.min() < 0:
        raise ModelFileError(path, "the training progress field is malformed")
    taught = _taught(path, archive, architecture)
    return ModelFile(
        architecture,
        params.astype(_params_dtype(params), copy=False),
        hyper,
        optimizer_state,
        history,
        int(progress[0]),
        int(progress[1]),
        metadata,
        *taught,
    )


def _text(path: Path, archive: _Archive, key: str) -> str:
    """The text field ``key`` (at most ``MAX_TEXT_CHARS``); refused if missing or not text."""
    arr = archive.array(key, 1, 4 * MAX_TEXT_CHARS, f"{MAX_TEXT_CHARS:,} characters")
    if arr is None:
        raise ModelFileError(path, f"the field {key!r} is missing")
    if arr.dtype.kind != "U" or arr.shape != ():
        raise ModelFileError(path, f"field {key!r} is not text")
    return str(arr)


def _json_field(path: Path, archive: _Archive, key: str) -> dict:
    """The text field ``key`` read as a JSON object."""
    try:
        value = json.loads(_text(path, archive, key))
    except (json.JSONDecodeError, RecursionError):  # RecursionError: [[[[…]]]] nested deep
        raise ModelFileError(path, f"field {key!r} is not valid JSON") from None
    if not isinstance(value, dict):
        raise ModelFileError(path, f"field {key!r} is not a JSON object")
    return value


def _check_format(path: Path, archive: _Archive) -> None:
    """Refuse a file that is not a model file of this app, or one of a newer format."""
    if "format" not in archive or _text(path, archive, "format") != FORMAT_NAME:
        raise ModelFileError(path, "not a Backprop Lab model file (it has no 'format' field)")
    version = archive.array("format_version", 1, SMALL_MEMBER_BYTES, "one number")
    if version is None:
        raise ModelFileError(path, "the field 'format_version' is missing")
    if version.shape != () or version.dtype.kind not in "iu":
        raise ModelFileError(path, "the format version is not a whole number")
    if int(version) > FORMAT_VERSION:
        raise ModelFileError(
            path,
            f"made by a newer Backprop Lab (format {int(version)}; this one reads up to "
            f"{FORMAT_VERSION})",
        )


def _optimizer_state(
    path: Path, archive: _Archive, optimizer: str, n_parameters: int, of_network: str
) -> dict[str, np.ndarray]:
    """The ``optimizer/<key>`` members, each refused unless ``optimizer`` keeps such a key."""
    kept = OPTIMIZER_STATE.get(optimizer, {})
    state = {}
    for name in archive.names("optimizer/"):
        key = name.split("/", 1)[1]
        if key not in kept:
            raise ModelFileError(
                path, f"entry {name!r} is not part of a model file trained with {optimizer}"
            )
        most = n_parameters if kept[key] == "vector" else 1
        state[key] = archive.array(name, most, max(8 * most, SMALL_MEMBER_BYTES), of_network)
    return state


def _history(path: Path, archive: _Archive) -> TrainingHistory:
    history = TrainingHistory()
    loss_points = f"{MAX_LOSS_POINTS:,} loss points"
    steps = archive.array("history/steps", MAX_LOSS_POINTS, 8 * MAX_LOSS_POINTS, loss_points)
    losses = archive.array("history/losses", MAX_LOSS_POINTS, 8 * MAX_LOSS_POINTS, loss_points)
    if steps is not None and losses is not None:
        if (
            steps.ndim != 1
            or steps.shape != losses.shape
            or steps.dtype.kind not in "fiu"
            or losses.dtype.kind not in "fiu"
        ):
            raise ModelFileError(path, "the loss history is malformed")
        # At most MAX_LOSS_POINTS, LossHistory's capacity: it keeps them as they are.
        history.losses = LossHistory.from_arrays(steps, losses, MAX_LOSS_POINTS)
    most = 4 * MAX_EPOCH_RECORDS
    epochs = archive.array("history/epochs", most, 8 * most, f"{MAX_EPOCH_RECORDS:,} epoch records")
    if epochs is not None:
        if epochs.ndim != 2 or epochs.shape[1] != 4 or epochs.dtype.kind != "f":
            raise ModelFileError(path, "the epoch history is malformed")
        # Epoch and step are whole counts (stored as floats); NaN or a count past 2**53 is not.
        counts = epochs[:, :2]
        if not np.all(np.isfinite(counts) & (counts >= 0) & (counts < 2.0**53)):
            raise ModelFileError(path, "the epoch history is malformed")
        # Whole columns to Python numbers at once (numpy, not a float() per value).
        columns = (
            counts[:, 0].astype(np.int64).tolist(),
            counts[:, 1].astype(np.int64).tolist(),
            epochs[:, 2].astype(np.float64).tolist(),
            epochs[:, 3].astype(np.float64).tolist(),
        )
        history.epochs = list(map(EpochRecord, *columns))
    return history


def _taught(
    path: Path, archive: _Archive, architecture: Architecture
) -> tuple[np.ndarray | None, np.ndarray | None, float]:
    """The class's drawings (K, n_0) float32, their labels (K,) (or None, None) and how many
    times each counts (``taught/weight``, 1 without it)."""
    stored = archive.array("taught/weight", 1, SMALL_MEMBER_BYTES, "one number")
    weight, (low, high) = (1.0 if stored is None else stored), TAUGHT_WEIGHT_LIMITS
    if np.shape(weight) or np.asarray(weight).dtype.kind not in "iuf" or not low <= weight <= high:
        raise ModelFileError(path, f"the drawings' weight is not a number from {low:g} to {high:g}")
    weight = float(weight)
    n_in, n_out = architecture.layer_sizes[0], architecture.layer_sizes[-1]
    drawings = f"{MAX_TAUGHT_DRAWINGS:,} drawings of {SIDE}×{SIDE}"
    most = MAX_TAUGHT_DRAWINGS * SIDE * SIDE
    # Written as float32; 8 bytes a pixel still allowed, as any float was before.
    images = archive.array("taught/images", most, 8 * most, drawings)
    labels = archive.array("taught/labels", MAX_TAUGHT_DRAWINGS, 8 * MAX_TAUGHT_DRAWINGS, drawings)
    if (images is None) != (labels is None):
        raise ModelFileError(path, "the class's drawings are stored without their labels")
    if images is None or labels is None:
        return None, None, weight
    if (
        images.ndim != 2
        or images.shape[1] != n_in
        or images.dtype.kind != "f"
        or labels.shape != (images.shape[0],)
        or labels.dtype.kind not in "iu"
    ):
        raise ModelFileError(path, "the class's drawings do not fit this network")
    if not (np.all(np.isfinite(images)) and np.all((images >= 0) & (images <= 1))):
        raise ModelFileError(path, "the class's drawings have pixel values outside 0–1")
    if labels.size and (labels.min() < 0 or labels.max() >= n_out):
        raise ModelFileError(path, f"a drawing's label is not a digit 0–{n_out - 1}")
    return images, labels, weight


class _Archive:
    """The members of an open model file: every name and .npy header read, nothing loaded.

    ``array`` loads one member, after checking its header against the most it may hold; each
    header's shape and dtype are read (``numpy.lib.format``) without touching the data.
    """

    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path, self._zf = path, zf
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ModelFileError(path, f"too many entries ({len(infos)}) for a model file")
        unknown = list(
            dict.fromkeys(
                info.filename
                for info in infos
                if not info.filename.endswith(".npy") or info.filename[:-4] not in MEMBERS
            )
        )
        if unknown:
            named = ", ".join(repr(name) for name in unknown)
            many = "entries" if len(unknown) > 1 else "entry"
            raise ModelFileError(
                path, f"unexpected {many} {named}: not part of a Backprop Lab model file"
            )
        # The last of two members with one name wins, as zipfile and numpy read it.
        self._headers = {
            info.filename.removesuffix(".npy"): (info, *_read_header(path, zf, info))
            for info in infos
        }

    def __contains__(self, name: str) -> bool:
        return name in self._headers

    def names(self, prefix: str) -> list[str]:
        return [name for name in self._headers if name.startswith(prefix)]

    def array(self, name: str, most: int, most_bytes: int, what: str) -> np.ndarray | None:
        """Member ``name`` (None if absent), refused unless it holds at most ``most`` values
        and ``most_bytes`` bytes unpacked; ``what`` says what the limit is for."""
        if name not in self._headers:
            return None
        info, shape, dtype = self._headers[name]
        count = math.prod(shape)
        n_bytes = count * dtype.itemsize
        if count > most or n_bytes > most_bytes:
            raise ModelFileError(
                self.path,
                f"entry {name!r} unpacks to {n_bytes:,} bytes ({count:,} values of "
                f"{dtype}); a model file holds at most {most_bytes:,} bytes there ({what})",
            )
        with self._zf.open(info) as f:
            # The header again (read_array wants the whole member), then exactly count values.
            return np.lib.format.read_array(f, allow_pickle=False)


def _read_header(
    path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo
) -> tuple[tuple[int, ...], np.dtype]:
    """One member's .npy header (shape, dtype), refused if it could never be one of ours."""
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
    if any(n < 0 for n in shape):
        raise ModelFileError(path, f"entry {info.filename!r} is damaged: shape {shape}")
    n_bytes = math.prod(shape) * dtype.itemsize
    if n_bytes > MAX_ARRAY_BYTES or n_bytes > info.file_size:
        raise ModelFileError(
            path, f"entry {info.filename!r} claims {n_bytes:,} bytes, more than it holds"
        )
    return shape, dtype


# -- parts left by killed saves ----------------------------------------------------------------


def sweep_stale_parts(folder: str | Path, older_than_s: float = STALE_PART_AGE_S) -> list[Path]:
    """Remove from ``folder`` the ``.NAME.XXXXXXXX.part`` files of saves killed outright
    (kill -9, a power cut); returns those removed. Only parts named so, starting as a zip
    archive (or empty) and untouched for ``older_than_s`` seconds: a younger one may be
    another window's save in progress. Never raises: a part that cannot go is left."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _PART_NAME.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < older_than_s:
                continue
            with open(entry.path, "rb") as f:
                start = f.read(len(_ZIP_START))
            if start not in (b"", _ZIP_START):
                continue  # not an archive being written: not ours
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _params_dtype(params: np.ndarray) -> np.dtype:
    """float32 weights stay float32 (bit for bit); any other float becomes float64."""
    return np.dtype(np.float32 if np.asarray(params).dtype == np.float32 else np.float64)
