"""The command line when its surroundings fail: output that cannot be written (a closed pipe, a
full disk, no stdout) and signals during the final save. Each ends with one line on stderr and
a non-zero exit, never a traceback; a model is still saved, and no temporary file is left."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from app.cli import main
from app.core.model_file import STALE_PART_AGE_S, load_model_file, sweep_stale_parts
from app.data.idx import write_idx

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes, fds and signals")


@pytest.fixture(scope="module")
def small_data(tmp_path_factory):
    """A folder of 60 MNIST-style training images: an epoch takes no time."""
    folder = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(0)
    write_idx(folder / "train-images-idx3-ubyte", rng.integers(0, 256, (60, 28, 28), np.uint8))
    write_idx(folder / "train-labels-idx1-ubyte", (np.arange(60) % 10).astype(np.uint8))
    write_idx(folder / "t10k-images-idx3-ubyte", rng.integers(0, 256, (20, 28, 28), np.uint8))
    write_idx(folder / "t10k-labels-idx1-ubyte", (np.arange(20) % 10).astype(np.uint8))
    return folder


def train_args(data: Path, out: Path) -> list[str]:
    return ["train", "--data", str(data), "--layers", "784,4,10", "--epochs", "2", "--quiet",
            "--out", str(out)]  # fmt: skip


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    assert "Traceback" not in stderr
    return lines[0]


# -- output that cannot be written -------------------------------------------------------------


def test_train_into_a_closed_pipe_says_so_in_one_line_and_still_saves_the_model(
    tmp_path, small_data
):
    out = tmp_path / "m.npz"
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first line, as after `| head -0`
    try:
        result = subprocess.run(
            app_command(*train_args(small_data, out)),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        os.close(writer)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "Broken pipe" in line
    assert str(out) in line
    assert load_model_file(out).epoch == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_evaluate_json_into_a_full_disk_says_so_in_one_line(small_data):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            app_command("evaluate", "--data", str(small_data), "--json"),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    assert result.returncode == 1
    assert "No space left on device" in one_line(result.stderr)


def run_with_stdout_closed(*args: str) -> subprocess.CompletedProcess:
    """``python -m app ARGS >&-``: the program starts with no file descriptor 1 at all."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *app_command(*args)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_classify_with_stdout_closed_says_so_in_one_line(tmp_path):
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    path = tmp_path / "blank.png"
    assert image.save(str(path))
    result = run_with_stdout_closed("classify", str(path))
    assert result.returncode == 1
    assert "standard output: it is closed" in one_line(result.stderr)


def test_train_with_stdout_closed_still_saves_a_model_that_loads(tmp_path, small_data):
    out = tmp_path / "m.npz"
    result = run_with_stdout_closed(*train_args(small_data, out))
    assert result.returncode == 1
    assert "the model was saved all the same" in one_line(result.stderr)
    assert load_model_file(out).epoch == 2
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


# -- signals during the final save -------------------------------------------------------------

#: A child that trains, then stalls inside the final save with part of the file written (as a
#: big model's save would take a while), saying "saving" when it gets there.
STALLED_SAVE = """
import sys, time
import numpy as np

def stalled_save(file, **arrays):
    file.write(b"PK\\x03\\x04" + bytes(4096))
    file.flush()
    print("saving", flush=True)
    time.sleep(120)

np.savez_compressed = stalled_save
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


class StalledSave:
    """The child above, in a test: ``wait_until_saving``, signal it, then ``finish``."""

    def __init__(self, data: Path, out: Path) -> None:
        self.out = out
        self.child = subprocess.Popen(
            [sys.executable, "-c", STALLED_SAVE, *train_args(data, out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.child.stdout:
            self._lines.put(line)

    def wait_until_saving(self) -> None:
        """Until the child says it is inside the save (a queue read, no sleep)."""
        try:
            while self._lines.get(timeout=120).strip() != "saving":
                pass
        except queue.Empty:
            pytest.fail("the child never reached its save")
        assert parts_in(self.out.parent), "the save should have its temporary file by now"

    def finish(self) -> tuple[int, str]:
        """The child's exit code and stderr, once it has ended."""
        code = self.child.wait(timeout=60)
        self._reader.join(timeout=60)
        stderr = self.child.stderr.read()
        self.child.stdout.close()
        self.child.stderr.close()
        return code, stderr


@pytest.fixture
def stalled_save(tmp_path, small_data):
    save = StalledSave(small_data, tmp_path / "m.npz")
    yield save
    if save.child.poll() is None:
        save.child.kill()
    if not save.child.stdout.closed:
        save.finish()


def parts_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


@pytest.mark.parametrize(
    ("signum", "code", "words"),
    [(signal.SIGTERM, 143, "stopped by SIGTERM"), (signal.SIGINT, 130, "interrupted")],
    ids=["SIGTERM", "Ctrl-C"],
)
def test_a_stop_during_the_final_save_exits_cleanly_and_leaves_no_part(
    tmp_path, stalled_save, signum, code, words
):
    stalled_save.wait_until_saving()
    stalled_save.child.send_signal(signum)
    exit_code, stderr = stalled_save.finish()
    assert exit_code == code
    assert words in one_line(stderr)
    assert parts_in(tmp_path) == []
    assert not stalled_save.out.exists()


def test_a_part_left_by_a_killed_save_is_swept_once_stale(tmp_path, stalled_save):
    stalled_save.wait_until_saving()
    stalled_save.child.kill()  # SIGKILL: nothing in the process can clean up
    stalled_save.finish()
    [part] = parts_in(tmp_path)
    assert sweep_stale_parts(tmp_path) == []  # as young as a save in progress: kept
    old = time.time() - STALE_PART_AGE_S - 1
    os.utime(part, (old, old))
    assert sweep_stale_parts(tmp_path) == [part]
    assert parts_in(tmp_path) == []


def test_train_sweeps_stale_parts_beside_its_output_and_keeps_fresh_ones(
    tmp_path, small_data, capsys
):
    stale, fresh = tmp_path / ".m.npz.a1b2c3d4.part", tmp_path / ".m.npz.e5f6g7h8.part"
    for part in (stale, fresh):
        part.write_bytes(b"PK\x03\x04" + bytes(100))
    old = time.time() - STALE_PART_AGE_S - 60
    os.utime(stale, (old, old))
    assert main(train_args(small_data, tmp_path / "m.npz")) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "m.npz"]
