"""The command line: train, evaluate, classify; bad input is one line on stderr and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from app.cli import build_parser, main, train_hyperparameters
from app.core.model_file import load_model_file, save_model
from app.core.network import Network
from app.core.training import DEFAULT_AUGMENTATION, Hyperparameters
from app.data.datasets import load_bundled
from app.data.idx import write_idx


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    return lines[0]


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    """A quickly trained 784-16-10 model (one epoch on the bundled data)."""
    path = tmp_path_factory.mktemp("model") / "m.npz"
    assert (
        main(["train", "--layers", "784,16,10", "--epochs", "1", "--quiet", "--out", str(path)])
        == 0
    )
    return path


@pytest.fixture(scope="module")
def test_folder(tmp_path_factory):
    """MNIST-style t10k files made from 200 bundled validation digits."""
    folder = tmp_path_factory.mktemp("idx")
    data = load_bundled()
    write_idx(folder / "t10k-images-idx3-ubyte.gz", data.val_images[::2][:200])
    write_idx(folder / "t10k-labels-idx1-ubyte.gz", data.val_y[::2][:200])
    return folder


def test_train_writes_a_model_that_learned(small_model):
    model = load_model_file(small_model)
    assert model.architecture.layer_sizes == (784, 16, 10)
    assert model.epoch == 1
    assert model.history.epochs[0].val_accuracy > 0.5
    assert "python -m app train" in model.metadata["made_by"]


def test_train_prints_each_epoch(tmp_path, capsys):
    code, out, _ = run(
        capsys,
        "train", "--layers", "784,8,10", "--epochs", "2", "--lr", "0.01", "--optimizer", "adam",
        "--batch-size", "64", "--augment", "--out", str(tmp_path / "m.npz"),
    )  # fmt: skip
    assert code == 0
    assert "784-8-10 (6,370 weights and biases)" in out
    assert "epoch   1/2" in out
    assert "epoch   2/2" in out
    assert "val accuracy" in out


def test_evaluate_json_matches_a_direct_count(small_model, test_folder, capsys):
    code, out, _ = run(
        capsys, "evaluate", "--model", str(small_model), "--data", str(test_folder), "--json"
    )
    assert code == 0
    report = json.loads(out)
    data = load_bundled()
    x = data.val_x[::2][:200]
    y = data.val_y[::2][:200]
    direct = float(np.mean(load_model_file(small_model).network().predict(x) == y))
    assert report["count"] == 200
    assert report["accuracy"] == pytest.approx(direct)


def strict_json(text: str) -> dict:
    """json.loads that refuses NaN and Infinity, which are not JSON."""

    def refuse(name: str):
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_evaluate_json_has_the_confusion_matrix_and_per_digit_accuracy(
    small_model, test_folder, capsys
):
    code, out, _ = run(
        capsys, "evaluate", "--model", str(small_model), "--data", str(test_folder), "--json"
    )
    assert code == 0
    report = strict_json(out)
    data = load_bundled()
    y = data.val_y[::2][:200]
    answers = load_model_file(small_model).network().predict(data.val_x[::2][:200])
    direct = [[0] * 10 for _ in range(10)]
    for true, answer in zip(y, answers, strict=True):
        direct[true][answer] += 1
    assert report["confusion"] == direct  # rows the true digit, columns the answer
    assert sum(map(sum, report["confusion"])) == report["count"]
    assert sum(report["confusion"][d][d] for d in range(10)) == report["correct"]
    assert len(report["per_class"]) == 10
    for digit in range(10):
        if sum(direct[digit]):
            expected = pytest.approx(direct[digit][digit] / sum(direct[digit]))
        else:
            expected = None  # test_folder holds 25 each of 0 to 7, no 8 or 9
        assert report["per_class"][digit] == expected


def test_evaluate_json_per_class_is_null_for_a_digit_with_no_examples(
    small_model, tmp_path, capsys
):
    data = load_bundled()
    keep = data.val_y != 7
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", data.val_images[keep])
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", data.val_y[keep])
    code, out, _ = run(
        capsys, "evaluate", "--model", str(small_model), "--data", str(tmp_path), "--json"
    )
    assert code == 0
    report = strict_json(out)
    assert report["per_class"][7] is None
    assert all(isinstance(report["per_class"][d], float) for d in range(10) if d != 7)
    assert report["confusion"][7] == [0] * 10
    assert report["count"] == 450


def test_evaluate_plain_text(small_model, test_folder, capsys):
    code, out, _ = run(capsys, "evaluate", "--model", str(small_model), "--data", str(test_folder))
    assert code == 0
    assert "accuracy" in out
    assert "of 200" in out


def digit_png(tmp_path, image: np.ndarray, name: str):
    """Save a 28×28 MNIST digit enlarged 8× as dark ink on white paper, like a drawing."""
    from PySide6.QtGui import QImage

    big = np.kron(255 - image, np.ones((8, 8), dtype=np.uint8))
    big = np.ascontiguousarray(np.pad(big, 40, constant_values=255))
    h, w = big.shape
    qimage = QImage(big.data, w, h, w, QImage.Format.Format_Grayscale8)
    path = tmp_path / name
    assert qimage.save(str(path))
    return path


def test_classify_json_lines(small_model, tmp_path, capsys):
    data = load_bundled()
    paths = [digit_png(tmp_path, data.val_images[i], f"d{i}.png") for i in (0, 100, 250)]
    blank = tmp_path / "blank.png"
    digit_png(tmp_path, np.zeros((28, 28), np.uint8), "blank.png")
    code, out, err = run(
        capsys, "classify", *map(str, paths), str(blank), "--model", str(small_model), "--json"
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in rows] == [*map(str, paths), str(blank)]
    for row in rows[:3]:
        assert row["digit"] in range(10)
        assert len(row["probabilities"]) == 10
        assert sum(row["probabilities"]) == pytest.approx(1, abs=1e-4)
        assert row["digit"] == int(np.argmax(row["probabilities"]))
    assert rows[3]["digit"] is None  # nothing drawn is not a guess


def test_classify_reports_a_bad_file_and_goes_on(small_model, tmp_path, capsys):
    good = digit_png(tmp_path, load_bundled().val_images[0], "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    code, out, err = run(capsys, "classify", str(bad), str(good), "--model", str(small_model))
    assert code == 2
    assert "bad.png" in one_line_error(err)
    assert "good.png" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["train", "--layers", "784,abc,10"], "--layers"),
        (["train", "--layers", "100,16,10"], "784"),
        (["train", "--lr", "-1"], "learning rate"),
        (["train", "--lr", "fast"], "--lr"),
        (["train", "--batch-size", "0"], "batch size"),
        (["train", "--epochs", "0"], "--epochs"),
        (["train", "--activation", "swish"], "--activation"),
        (["train", "--weight-decay", "-1"], "weight decay"),
        (["train", "--weight-decay", "nan"], "weight decay"),
        (["train", "--weight-decay", "lots"], "--weight-decay"),
        (["train", "--lr-schedule", "linear"], "--lr-schedule"),
        (["train", "--lr-schedule", "step", "--lr-step-factor", "0"], "factor"),
        (["train", "--lr-schedule", "step", "--lr-step-epochs", "0"], "epochs"),
        (["train", "--lr-schedule", "cosine", "--lr-cosine-floor", "2"], "floor"),
        (["train", "--lr-step-epochs", "3"], "--lr-schedule step"),
        (["train", "--lr-schedule", "step", "--lr-cosine-epochs", "3"], "--lr-schedule cosine"),
        (["train", "--augment-shift", "20"], "shift"),
        (["train", "--augment", "--augment-rotation", "-5"], "rotation"),
        (["train", "--augment-noise", "grainy"], "--augment-noise"),
        (["train", "--augment-thickness", "inf"], "thickness"),
        (["train", "--layers", "784,10", "--augment-scale", "0.9"], "size change"),
        (["train", "--data", "/nonexistent/folder"], "nonexistent"),
        (["evaluate"], "--data"),
        (["evaluate", "--data", "/nonexistent/folder"], "nonexistent"),
        (["evaluate", "--model", "/nonexistent/m.npz", "--data", "."], "m.npz"),
        (["classify"], "IMAGE"),
        (["classify", "/nonexistent/x.png"], "x.png"),
        (["fly"], "fly"),
        ([], "COMMAND"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(argv, words, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits by itself
        code = exc.code
    _, err = capsys.readouterr()
    assert code == 2
    assert words in one_line_error(err)


def test_evaluate_refuses_a_garbage_model(tmp_path, test_folder, capsys):
    model = tmp_path / "junk.npz"
    model.write_bytes(b"junk")
    code, _, err = run(capsys, "evaluate", "--model", str(model), "--data", str(test_folder))
    assert code == 2
    assert "junk.npz" in one_line_error(err)


def test_evaluate_refuses_a_model_of_the_wrong_input_size(tmp_path, test_folder, capsys):
    from app.core.network import Architecture

    model = save_model(tmp_path / "small.npz", Network(Architecture((100, 10))))
    code, _, err = run(capsys, "evaluate", "--model", str(model), "--data", str(test_folder))
    assert code == 2
    assert "100 pixels" in one_line_error(err)


def test_evaluate_refuses_a_model_with_too_few_outputs(tmp_path, test_folder, capsys):
    from app.core.network import Architecture

    model = save_model(tmp_path / "five.npz", Network(Architecture((784, 16, 5))))
    code, _, err = run(
        capsys, "evaluate", "--model", str(model), "--data", str(test_folder), "--json"
    )
    assert code == 2
    assert "answers 5 digits" in one_line_error(err)


def test_python_dash_m_app_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "app", "train", "--epochs", "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--epochs" in result.stderr


def test_train_records_decay_schedule_and_augmentation(tmp_path, capsys):
    out = tmp_path / "m.npz"
    code, _, _ = run(
        capsys,
        "train", "--layers", "784,8,10", "--epochs", "1", "--quiet", "--out", str(out),
        "--weight-decay", "0.0001", "--lr-schedule", "cosine", "--lr-cosine-epochs", "5",
        "--lr-cosine-floor", "0.1", "--augment", "--augment-noise", "0.05",
    )  # fmt: skip
    assert code == 0
    model = load_model_file(out)
    hyper = model.hyperparameters
    assert hyper.weight_decay == 0.0001
    assert (hyper.lr_schedule, hyper.lr_cosine_epochs, hyper.lr_cosine_floor) == ("cosine", 5, 0.1)
    # --augment's moves, plus the noise asked for on top
    assert (hyper.augment_shift, hyper.augment_rotation, hyper.augment_scale) == (2.0, 10.0, 0.1)
    assert (hyper.augment_thickness, hyper.augment_noise) == (0.0, 0.05)
    made_by = model.metadata["made_by"]
    for words in (
        "--weight-decay 0.0001",
        "--lr-schedule cosine",
        "--lr-cosine-epochs 5",
        "--lr-cosine-floor 0.1",
        "--augment ",
        "--augment-noise 0.05",
    ):
        assert words in made_by
    assert "--augment-shift" not in made_by  # implied by --augment


def test_train_arguments_become_hyperparameters():
    def hyper(*argv: str):
        return train_hyperparameters(build_parser().parse_args(["train", *argv]))

    assert hyper() == Hyperparameters()
    assert hyper("--augment") == Hyperparameters(**DEFAULT_AUGMENTATION)
    assert hyper("--augment-rotation", "30") == Hyperparameters(augment_rotation=30.0)
    assert hyper("--augment", "--augment-shift", "0").augment_shift == 0.0
    assert hyper("--lr-schedule", "step") == Hyperparameters(lr_schedule="step")
    assert hyper("--lr-schedule", "step", "--lr-step-epochs", "4", "--lr-step-factor", "0.1") == (
        Hyperparameters(lr_schedule="step", lr_step_epochs=4, lr_step_factor=0.1)
    )
    assert hyper("--weight-decay", "1e-3", "--lr", "0.5", "--seed", "7") == Hyperparameters(
        learning_rate=0.5, seed=7, weight_decay=1e-3
    )
