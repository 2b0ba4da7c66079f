"""A trainer on a dataset: where the data layer's images meet the science's trainer.

``app.data`` reads files and pixels and knows nothing of networks; ``app.core`` trains on
arrays and knows nothing of files. This is the one place the two meet (for the window, the
command line and notebooks alike).
"""

from __future__ import annotations

from app.core.network import Network
from app.core.training import Augment, Hyperparameters, Trainer
from app.data.datasets import Dataset


def trainer_on(
    data: Dataset, network: Network, hyper: Hyperparameters, augment: Augment | None = None
) -> Trainer:
    """A trainer for ``network`` on ``data``'s training and validation sets: float32 inputs
    (N, n_0) in [0, 1] from the stored uint8 images, labels as stored."""
    return Trainer(
        network,
        data.train_x,
        data.train_y,
        hyper,
        val_x=data.val_x,
        val_y=data.val_y,
        augment=augment,
    )
