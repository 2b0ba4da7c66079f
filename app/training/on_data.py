"""A trainer on a dataset: where the data layer's images meet the science's trainer.

``app.data`` reads files and pixels and knows nothing of networks; ``app.core`` trains on
arrays and knows nothing of files. This is the one place the two meet (for the window, the
command line and notebooks alike).
"""

from __future__ import annotations

import numpy as np

from app.core.network import Network
from app.core.training import Augment, Hyperparameters, Trainer
from app.data.datasets import Dataset


def trainer_on(
    data: Dataset, network: Network, hyper: Hyperparameters, augment: Augment | None = None
) -> Trainer:
    """A trainer for ``network`` on ``data``'s training and validation sets: float32 inputs
    (N, n_0) in [0, 1] from the stored uint8 images (the trainer keeps the training bytes
    too, see ``app.core.pixel_bytes``), labels as stored."""
    images = data.train_images
    return Trainer(
        network,
        images.reshape(len(images), -1) if images.dtype == np.uint8 else data.train_x,
        data.train_y,
        hyper,
        val_x=data.val_x,
        val_y=data.val_y,
        augment=augment,
    )


#: How many times each class drawing counts in training by default ("Teach it"): repeated
#: this often in the training set, so that ten drawings of a new style are learned in about a
#: minute at the default speed without the bundled digits being forgotten. Measured by
#: ``benchmarks/teach_style.py`` (README, "Teaching it a new style"): at the lesson's η = 1,
#: ten drawings of a 1 with a flag and a foot were read 81 % (64–98 % over 2 seeds) at 20,
#: 95 % (94–96 %) at 30 and 88 % at 40; the validation accuracy rose at 30 (by 0.4–1.2).
TAUGHT_WEIGHT = 30
#: At most this many rows of repeated drawings (float32, 784 each: 63 MB): a class may keep
#: up to 10,000 drawings (``MAX_TAUGHT_DRAWINGS``), and 20 copies of each would be 630 MB.
#: Past 1,000 drawings each counts fewer times (at least once).
MAX_TAUGHT_ROWS = 20_000


def with_drawings(
    base_x: np.ndarray,
    base_y: np.ndarray,
    images: list[np.ndarray],
    labels: list[int],
    weight: float = TAUGHT_WEIGHT,
) -> tuple[np.ndarray, np.ndarray]:
    """The training set: ``base_x`` (N, n_0) and ``base_y`` (N,), then each of the K class
    drawings (``images``, each (n_0,)) r = ``round(weight)`` times (at least once, and at
    most ``MAX_TAUGHT_ROWS`` // K), so a drawing is picked r times as often as one bundled
    digit. Returns (N + K·r, n_0) and (N + K·r,); the base itself without drawings."""
    if not labels:
        return base_x, base_y
    repeats = max(1, min(round(weight), MAX_TAUGHT_ROWS // len(labels)))
    drawn = np.repeat(np.stack(images).astype(base_x.dtype, copy=False), repeats, axis=0)
    return (
        np.concatenate([base_x, drawn]),
        np.concatenate([base_y, np.repeat(np.asarray(labels, dtype=base_y.dtype), repeats)]),
    )
