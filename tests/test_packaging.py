"""Install anywhere: the sdist and the wheel carry the data, the model and the translations.

A teacher runs ``pipx install backprop-lab`` and never sees this repository. This test builds
the sdist, builds the wheel *from that sdist* (so a file missing from either fails here),
installs the wheel into a fresh venv in a temporary folder and runs the installed app from
there: the command line on the real MNIST test set, a one-epoch train, a classify, and the
window (offscreen) with the pretrained model and the bundled digits.

Nothing is downloaded. The fresh venv gets only the wheel; its dependencies (numpy, PySide6,
pyqtgraph) are lent from this test's own environment by a ``.pth`` line, which adds that
site-packages folder to ``sys.path`` without running what is inside it, so this checkout's
editable install cannot leak in: the test checks that ``app`` is imported from the venv.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import numpy as np
import pytest

import app
from app.data.datasets import load_bundled

ROOT = Path(__file__).resolve().parents[1]
MNIST_TEST = ROOT.parent / "shared" / "data" / "mnist"

#: What the app needs at run time, as paths inside the wheel.
PACKAGE_DATA = (
    "app/resources/data/mnist-5k-images-idx3-ubyte.gz",
    "app/resources/data/mnist-5k-labels-idx1-ubyte.gz",
    "app/resources/data/README.md",
    "app/resources/models/pretrained.npz",
    "app/resources/lessons/how_a_network_learns.toml",
    "app/resources/lessons/gradient_descent.toml",
    "app/resources/translations/backprop_lab_zh_TW.qm",
)

WINDOW_CHECK = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings
import app
from app.ui import i18n
from app.ui.application import build_training
from app.ui.main_window import MainWindow

qt = QApplication([])
assert "zh_TW" in i18n.available_languages(), i18n.available_languages()
i18n.install_language("zh_TW", qt)
training, problem = build_training()
assert problem is None, problem
window = MainWindow(training, QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
training.start()
while window.worker.latest_snapshot() is None:
    qt.processEvents()
snapshot = window.worker.latest_snapshot()
print(app.__file__, snapshot.n_train, snapshot.architecture.layer_sizes, window.windowTitle())
window.close()
"""


def run(args, cwd, env=None, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, **kwargs
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The sdist, and the wheel built from it (both offline, with this environment's tools)."""
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", dist, ROOT], ROOT)
    (sdist,) = dist.glob("backprop_lab-*.tar.gz")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    run([*pip_wheel, "--no-index", "--wheel-dir", dist, sdist], dist)
    (wheel,) = dist.glob("backprop_lab-*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> dict[str, Path]:
    """A fresh venv, away from the checkout, with only the wheel installed in it."""
    home = tmp_path_factory.mktemp("teacher")
    venv = home / "venv"
    run([sys.executable, "-m", "venv", venv], home)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    run([python, "-m", "pip", "install", "--no-deps", "--no-index", built["wheel"]], home)
    purelib = run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], home
    ).stdout.strip()
    lent = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    Path(purelib, "lent_dependencies.pth").write_text("\n".join(dict.fromkeys(lent)) + "\n")
    return {"home": home, "python": python, "bin": bin_dir}


def app_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BACKPROP_LAB_DATA": str(home / "data"),
        "PYTHONPATH": "",
    }


def test_the_version_is_written_once_and_the_wheel_carries_it(built):
    assert built["wheel"].name.startswith(f"backprop_lab-{app.__version__}-")
    assert built["sdist"].name == f"backprop_lab-{app.__version__}.tar.gz"


def test_the_wheel_carries_the_data_the_model_and_the_translations(built):
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    missing = [name for name in PACKAGE_DATA if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert not any(name.endswith(".ts") for name in names), "the .ts source stays in the repo"


@pytest.mark.slow
def test_the_installed_app_is_imported_from_the_venv_not_the_checkout(installed):
    where = run(
        [installed["python"], "-c", "import app; print(app.__file__, app.RESOURCES_DIR)"],
        installed["home"],
        env=app_env(installed["home"]),
    ).stdout.split()
    venv = str(installed["home"] / "venv")
    assert where[0].startswith(venv)
    assert where[1].startswith(venv)
    assert not where[0].startswith(str(ROOT))


@pytest.mark.slow
@pytest.mark.skipif(not MNIST_TEST.is_dir(), reason="the MNIST test set is not in ../shared")
def test_the_installed_command_reads_the_mnist_test_set_from_any_folder(installed):
    done = run(
        [installed["bin"] / "backprop-lab", "evaluate", "--data", MNIST_TEST, "--json"],
        installed["home"],
        env=app_env(installed["home"]),
    )
    report = json.loads(done.stdout)
    assert report["accuracy"] >= 0.90


@pytest.mark.slow
def test_the_installed_command_trains_on_the_bundled_digits_and_classifies_a_png(installed):
    from PySide6.QtGui import QImage

    home, env = installed["home"], app_env(installed["home"])
    run(
        [installed["bin"] / "backprop-lab", "train", "--epochs", "1", "--out", home / "m.npz"],
        home,
        env=env,
    )
    assert (home / "m.npz").stat().st_size > 0
    data = load_bundled()
    digit = np.ascontiguousarray(data.val_images[0])  # a real validation digit, uint8 28×28
    image = QImage(digit.data, 28, 28, 28, QImage.Format.Format_Grayscale8)
    assert image.save(str(home / "digit.png"))
    done = run(
        [installed["bin"] / "backprop-lab", "classify", home / "digit.png", "--json"],
        home,
        env=env,
    )
    assert json.loads(done.stdout)["digit"] == int(data.val_y[0])


@pytest.mark.slow
def test_the_installed_window_opens_with_the_model_the_digits_and_chinese(installed):
    home = installed["home"]
    done = run(
        [installed["python"], "-c", WINDOW_CHECK, home / "settings.ini"],
        home,
        env=app_env(home),
        timeout=120,
    )
    file, n_train, *rest = done.stdout.split(maxsplit=2)
    assert file.startswith(str(home / "venv"))
    assert int(n_train) == 4_500
    assert "(784, 16, 16, 10)" in rest[0]
    assert "反向傳播實驗室" in rest[0]
