"""A folder too small to train on is refused by the loader itself, before anything changes:
the command line says so in one line (exit 2), the window in a message, and nothing is sent."""

from __future__ import annotations

import numpy as np
import pytest

from app.cli import main
from app.core.network import Network
from app.core.training import Hyperparameters
from app.data.datasets import MIN_FOLDER_IMAGES, load_folder
from app.data.idx import write_idx
from app.errors import DataFileError
from app.training.on_data import trainer_on


def mnist_folder(tmp_path, count: int):
    """A folder with ``count`` MNIST-style training images and labels."""
    folder = tmp_path / f"mnist-{count}"
    folder.mkdir()
    rng = np.random.default_rng(count)
    images = rng.integers(0, 256, (count, 28, 28), dtype=np.uint8)
    write_idx(folder / "train-images-idx3-ubyte", images)
    write_idx(folder / "train-labels-idx1-ubyte", (np.arange(count) % 10).astype(np.uint8))
    return folder


@pytest.mark.parametrize("count", range(1, MIN_FOLDER_IMAGES))
def test_a_folder_with_too_few_images_is_a_data_file_error_naming_the_file(tmp_path, count):
    folder = mnist_folder(tmp_path, count)
    with pytest.raises(DataFileError) as caught:
        load_folder(folder)
    assert caught.value.path == folder / "train-images-idx3-ubyte"
    message = str(caught.value)
    assert f"holds {count} image" in message
    assert f"at least {MIN_FOLDER_IMAGES}" in message


def test_the_smallest_folder_splits_into_one_to_train_and_one_to_validate_and_trains(tmp_path):
    data = load_folder(mnist_folder(tmp_path, MIN_FOLDER_IMAGES))
    assert (len(data.train_y), len(data.val_y)) == (1, 1)
    trainer = trainer_on(data, Network(seed=0), Hyperparameters(batch_size=10))
    assert trainer.step_batch().epoch_finished
    assert len(trainer.history.epochs) == 1


@pytest.mark.parametrize(("count", "n_val"), [(3, 1), (12, 1), (24, 2), (120, 10)])
def test_a_folder_keeps_a_twelfth_to_validate_and_never_empties_a_split(tmp_path, count, n_val):
    data = load_folder(mnist_folder(tmp_path, count))
    assert (len(data.train_y), len(data.val_y)) == (count - n_val, n_val)


def test_training_on_a_one_image_folder_is_one_line_on_stderr_and_exit_2(tmp_path, capsys):
    folder = mnist_folder(tmp_path, 1)
    out = tmp_path / "m.npz"
    code = main(["train", "--data", str(folder), "--epochs", "1", "--quiet", "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "too few to train on" in lines[0]
    assert not out.exists()


def test_the_window_refuses_a_one_image_folder_with_a_message_and_sends_nothing(
    window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown, sent = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(window, "send", sent.append)
    folder = mnist_folder(tmp_path, 1)

    assert not window.files.load_folder(str(folder))

    assert len(shown) == 1
    assert "too few to train on" in shown[0]
    assert sent == []  # the training thread never heard of it: nothing half-switched
    assert window._snapshot.n_train == 4_500
