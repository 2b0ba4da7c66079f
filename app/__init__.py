"""Backprop Lab (反向傳播實驗室): watch a neural network learn handwritten digits.

The package is layered so that each layer only imports the ones below it:

- ``app.core``     the science in plain numpy (network, losses, optimizers, model files); never Qt.
- ``app.data``     datasets (bundled subset, IDX files, download) and drawn-digit preprocessing.
- ``app.training`` the worker thread that owns the model and publishes snapshots.
- ``app.ui``       the Qt widgets; they read snapshots and send commands.

Importing ``app`` itself imports nothing heavy, so ``python -m app train`` stays Qt-free.
"""

from importlib.resources import files
from pathlib import Path

#: The one place the version is written (pyproject.toml reads it from here).
__version__ = "0.1.0"

#: Bundled data, the pretrained model and the compiled translations: package data inside
#: ``app/resources/``, installed with the package (a wheel, an sdist, a bundle) and found
#: through ``importlib.resources``, so the same files are there in a checkout and an install.
#: ``files()`` of a package on disk is a real folder; Qt and numpy need real paths.
RESOURCES_DIR = Path(str(files(__name__) / "resources"))

#: The lesson's 784-16-16-10 network, trained by ``python -m app train`` (README).
PRETRAINED_MODEL = RESOURCES_DIR / "models" / "pretrained.npz"
#: The lesson's network, whose pretrained model is ``PRETRAINED_MODEL`` (layers, activation, loss).
LESSON_ARCHITECTURE = ((784, 16, 16, 10), "sigmoid", "mse")


def pretrained_model_for(architecture) -> Path | None:
    """The shipped pretrained model for ``architecture`` (an ``app.core.network.Architecture``,
    or anything with its ``layer_sizes``, ``activation`` and ``loss``), or None if none ships.

    The lesson's network is ``PRETRAINED_MODEL``; a larger one is
    ``pretrained-<layer sizes joined by ->-<activation>-<loss>.npz`` beside it, e.g.
    ``pretrained-784-64-32-10-relu-mse.npz`` (README, "The pretrained model").
    """
    key = (tuple(architecture.layer_sizes), architecture.activation, architecture.loss)
    if key == LESSON_ARCHITECTURE:
        return PRETRAINED_MODEL
    sizes = "-".join(str(n) for n in key[0])
    path = PRETRAINED_MODEL.with_name(f"pretrained-{sizes}-{key[1]}-{key[2]}.npz")
    return path if path.is_file() else None
