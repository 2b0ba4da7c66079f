"""The shipped models read real MNIST test digits as well as the README says (the lesson's at
least 93 %), were made by the commands it shows, and are found for their architectures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import PRETRAINED_MODEL, pretrained_model_for
from app.core.model_file import load_model_file
from app.core.network import Architecture
from app.data.datasets import to_inputs
from app.data.idx import load_idx_folder

ROOT = Path(__file__).resolve().parents[1]
MNIST_TEST_DIR = ROOT.parent / "shared" / "data" / "mnist"

needs_mnist = pytest.mark.skipif(
    not (MNIST_TEST_DIR / "t10k-images-idx3-ubyte.gz").exists(),
    reason=f"the real MNIST test set is not at {MNIST_TEST_DIR}",
)


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_pretrained_model_is_the_lesson_network_made_by_the_documented_command():
    model = load_model_file(PRETRAINED_MODEL)
    assert model.architecture.layer_sizes == (784, 16, 16, 10)
    command = model.metadata["made_by"]
    assert command.startswith("python -m app train ")
    # The README documents the same command (flag values, in any spelling of defaults).
    documented = re.search(
        r"python -m app train [^\n`]*--out app/resources/models/pretrained\.npz", readme()
    )
    assert documented, "the README does not show how the pretrained model was made"
    for flag in ("--optimizer", "--lr", "--batch-size", "--epochs", "--seed"):
        value = re.search(rf"{flag} (\S+)", documented.group(0)).group(1)
        assert re.search(rf"{flag} {re.escape(value)}(\s|$)", command), (flag, value, command)
    assert ("--augment" in command) == ("--augment" in documented.group(0))


@needs_mnist
def test_pretrained_accuracy_on_the_real_test_set_is_at_least_90_percent_and_as_documented():
    images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
    assert len(labels) == 10_000
    network = load_model_file(PRETRAINED_MODEL).network()
    _, accuracy = network.evaluate(to_inputs(images), labels)
    assert accuracy >= 0.93
    stated = re.search(r"real MNIST test set[^*]*\*\*(\d+\.\d+) %\*\*", readme().replace("\n", " "))
    assert stated, "the README does not state the pretrained model's accuracy"
    assert float(stated.group(1)) == pytest.approx(100 * accuracy, abs=0.005)


#: The larger networks shipped beside the lesson's (README, "The pretrained model").
LARGER = {
    "pretrained-784-32-10-sigmoid-mse.npz": Architecture((784, 32, 10), "sigmoid", "mse"),
    "pretrained-784-64-32-10-relu-mse.npz": Architecture((784, 64, 32, 10), "relu", "mse"),
}


@pytest.mark.parametrize("name", LARGER)
def test_each_larger_model_is_found_for_its_architecture_and_made_as_documented(name):
    path = pretrained_model_for(LARGER[name])
    assert path == PRETRAINED_MODEL.with_name(name)
    model = load_model_file(path)
    assert model.architecture == LARGER[name]
    made = rf"python -m app train [^\n`]*--out app/resources/models/{name}"
    documented = re.search(made, readme())
    assert documented, f"the README does not show how {name} was made"
    for flag in ("--layers", "--activation", "--lr", "--epochs", "--seed", "--augment-shear"):
        value = re.search(rf"{flag} (\S+)", documented.group(0)).group(1)
        assert re.search(rf"{flag} {re.escape(value)}(\s|$)", model.metadata["made_by"]), flag


def test_the_lesson_network_finds_the_lesson_model_and_others_find_none():
    assert pretrained_model_for(Architecture()) == PRETRAINED_MODEL
    assert pretrained_model_for(Architecture((784, 16, 16, 10), "tanh")) is None
    assert pretrained_model_for(Architecture((784, 32, 10), "sigmoid", "cross_entropy")) is None
    assert pretrained_model_for(Architecture((784, 12, 10))) is None


@needs_mnist
@pytest.mark.parametrize("name", LARGER)
def test_each_larger_model_reads_the_test_set_as_documented_and_better_than_the_lesson(name):
    images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
    x = to_inputs(images)
    accuracy = load_model_file(PRETRAINED_MODEL.with_name(name)).network().evaluate(x, labels)[1]
    lesson = load_model_file(PRETRAINED_MODEL).network().evaluate(x, labels)[1]
    assert accuracy > lesson
    stated = re.search(rf"`{re.escape(name)}`[^\n]*\*\*(\d+\.\d+) %\*\*", readme())
    assert stated, f"the README does not state {name}'s accuracy"
    assert float(stated.group(1)) == pytest.approx(100 * accuracy, abs=0.005)
