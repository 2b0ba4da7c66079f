"""Backprop Lab (反向傳播實驗室): watch a neural network learn handwritten digits.

The package is layered so that each layer only imports the ones below it:

- ``app.core``     the science in plain numpy (network, losses, optimizers, model files); never Qt.
- ``app.data``     datasets (bundled subset, IDX files, download) and drawn-digit preprocessing.
- ``app.training`` the worker thread that owns the model and publishes snapshots.
- ``app.ui``       the Qt widgets; they read snapshots and send commands.

Importing ``app`` itself imports nothing heavy, so ``python -m app train`` stays Qt-free.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Bundled data, the pretrained model, translations and icons (top-level ``resources/``).
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
