"""Datasets as the engine wants them: flattened float images in [0, 1] and integer labels.

The bundled default is a real MNIST subset (``app/resources/data/``, see its README): 5,000
training-split digits, 500 of each. It is split the same way every time: within each digit,
the first 450 in file order train and the last 50 validate (4,500 / 500).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app import RESOURCES_DIR
from app.data.idx import find_idx_pair, load_idx_pair
from app.errors import DataFileError

BUNDLED_DIR = RESOURCES_DIR / "data"
BUNDLED_IMAGES = BUNDLED_DIR / "mnist-5k-images-idx3-ubyte.gz"
BUNDLED_LABELS = BUNDLED_DIR / "mnist-5k-labels-idx1-ubyte.gz"
VALIDATION_PER_DIGIT = 50
#: The fewest images a folder needs to train on: one for the training split and one for the
#: validation split. The trainer refuses an empty split, and the window measures the
#: validation split after every epoch (loss, accuracy, the evaluation views); with fewer,
#: there is nothing to learn from or nothing held out to check it by.
MIN_FOLDER_IMAGES = 2


@dataclass(frozen=True)
class Dataset:
    """Images and labels for training and validation.

    ``train_images`` uint8 (N, 28, 28) as stored; ``train_x`` float32 (N, 784) in [0, 1], what
    the network reads; ``train_y`` uint8 (N,). Likewise ``val_*`` (may be empty).
    """

    name: str
    train_images: np.ndarray
    train_y: np.ndarray
    val_images: np.ndarray
    val_y: np.ndarray

    @property
    def train_x(self) -> np.ndarray:
        return to_inputs(self.train_images)

    @property
    def val_x(self) -> np.ndarray:
        return to_inputs(self.val_images)

    def describe(self) -> str:
        return f"{self.name}: {len(self.train_y):,} training, {len(self.val_y):,} validation"


def to_inputs(images: np.ndarray) -> np.ndarray:
    """uint8 images (N, 28, 28) → float32 network inputs (N, 784) in [0, 1]."""
    return images.reshape(len(images), -1).astype(np.float32) / np.float32(255.0)


def bundled_split(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, validation): the last ``VALIDATION_PER_DIGIT`` of each digit validate."""
    train, val = [], []
    for digit in range(10):
        where = np.flatnonzero(labels == digit)
        train.append(where[:-VALIDATION_PER_DIGIT])
        val.append(where[-VALIDATION_PER_DIGIT:])
    return np.concatenate(train), np.concatenate(val)


def load_bundled() -> Dataset:
    """The bundled 5,000-digit MNIST subset, split 4,500 / 500."""
    images, labels = load_idx_pair(BUNDLED_IMAGES, BUNDLED_LABELS)
    counts = np.bincount(labels, minlength=10)
    if np.any(counts <= VALIDATION_PER_DIGIT):
        raise DataFileError(BUNDLED_LABELS, f"too few examples of some digit: {counts.tolist()}")
    train, val = bundled_split(labels)
    return Dataset("bundled MNIST 5k", images[train], labels[train], images[val], labels[val])


def load_folder(folder: str | Path, validation_share: float = 1 / 12) -> Dataset:
    """MNIST files in ``folder`` for training: the ``train`` split if present.

    The last ``validation_share`` of the training files validates (the usual 55,000 / 5,000
    for full MNIST), at least one image each way. A folder with only ``t10k`` files is refused
    for training: the test set is the held-out yardstick. So is one with fewer than
    ``MIN_FOLDER_IMAGES`` images (DataFileError), before anything is returned.
    """
    folder = Path(folder)
    images_path, labels_path = find_idx_pair(folder, "train")
    images, labels = load_idx_pair(images_path, labels_path)
    if len(labels) < MIN_FOLDER_IMAGES:
        raise DataFileError(
            images_path,
            f"holds {len(labels)} image{'s' if len(labels) != 1 else ''}, too few to train on: "
            f"training needs at least {MIN_FOLDER_IMAGES}, one to learn from and one to check "
            "the learning by (validation)",
        )
    n_val = min(max(round(len(labels) * validation_share), 1), len(labels) - 1)
    cut = len(labels) - n_val
    return Dataset(f"MNIST ({folder.name})", images[:cut], labels[:cut], images[cut:], labels[cut:])
