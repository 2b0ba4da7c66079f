"""The MNIST download (app/data/download.py) against a local HTTP server that misbehaves on
request: every failure must leave no partial file, say what happened, and allow a retry.

No test touches the internet: each serves small generated IDX files on 127.0.0.1.
"""

from __future__ import annotations

import errno
import hashlib
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from app import places
from app.data import download
from app.data.download import (
    MNIST_FILES,
    MNIST_MIRROR,
    RemoteFile,
    download_mnist,
    is_mnist_cached,
    user_data_dir,
)
from app.data.idx import load_idx_folder, write_idx
from app.errors import DownloadCancelled, DownloadError

FAILING_FILE = "t10k-images-idx3-ubyte.gz"  # third of four: two good files come before it


# -- a local MNIST mirror that can misbehave ----------------------------------------------------


@dataclass
class Mirror:
    """What the local server serves, how it misbehaves, and what it was asked for."""

    base_url: str = ""
    payloads: dict[str, bytes] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    files: tuple[RemoteFile, ...] = ()
    #: file name → "normal" | "corrupt" | "drop" | "404" | "500" | "trickle" | "silent" |
    #: "silent-body" (headers, then nothing) | "pause" (0.7 s of silence mid-file) |
    #: "slow-start" (0.7 s before the headers) | "chunked" (no Content-Length)
    behaviour: dict[str, str] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    #: Set at teardown so that handlers still stalling or trickling give up.
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def misbehave(self, how: str, name: str = FAILING_FILE) -> None:
        self.behaviour[name] = how

    def behave(self) -> None:
        self.behaviour.clear()


class MirrorHandler(BaseHTTPRequestHandler):
    server: MirrorServer

    def do_GET(self) -> None:
        mirror = self.server.mirror
        name = self.path.rsplit("/", 1)[-1]
        with mirror.lock:
            mirror.requests.append(name)
        payload = mirror.payloads.get(name)
        how = mirror.behaviour.get(name, "normal")
        try:
            if payload is None or how == "404":
                self.send_error(404)
            elif how == "500":
                self.send_error(500)
            elif how == "silent":
                mirror.release.wait(5)
            elif how == "chunked":
                self.serve_chunked(payload)
            else:
                if how == "slow-start" and mirror.release.wait(0.7):
                    return
                self.serve(payload, how, mirror.release)
        except OSError:
            pass  # the client went away, as cancelled and timed-out downloads do

    def serve(self, payload: bytes, how: str, release: threading.Event) -> None:
        if how == "corrupt":
            payload = corrupted(payload)
        self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if how == "drop":
            self.wfile.write(payload[: len(payload) // 2])
        elif how == "pause":
            self.wfile.write(payload[:1000])
            if not release.wait(0.7):
                self.wfile.write(payload[1000:])
        elif how == "silent-body":
            release.wait(5)
        elif how == "trickle":
            for start in range(0, len(payload), 8):
                if release.wait(0.05):
                    return
                self.wfile.write(payload[start : start + 8])
        else:
            self.wfile.write(payload)

    def serve_chunked(self, payload: bytes) -> None:
        self.protocol_version = "HTTP/1.1"  # chunked transfer needs 1.1
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(payload), 4096):
            piece = payload[start : start + 4096]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output quiet


def corrupted(payload: bytes) -> bytes:
    """The same length with one byte changed in the middle, as a bad disk or proxy might."""
    middle = len(payload) // 2
    return payload[:middle] + bytes([payload[middle] ^ 0xFF]) + payload[middle + 1 :]


class MirrorServer(ThreadingHTTPServer):
    # Handler threads are joined on server_close(), so none outlives its test.
    daemon_threads = False

    def __init__(self, mirror: Mirror) -> None:
        super().__init__(("127.0.0.1", 0), MirrorHandler)
        self.mirror = mirror


def make_mnist_like_files() -> dict[str, np.ndarray]:
    """Small IDX files with the four MNIST names (30 training, 20 test digits), gzipped."""
    rng = np.random.default_rng(7)
    arrays = {}
    for split, count in (("train", 30), ("t10k", 20)):
        arrays[f"{split}-images-idx3-ubyte.gz"] = rng.integers(
            0, 256, (count, 28, 28), dtype=np.uint8
        )
        arrays[f"{split}-labels-idx1-ubyte.gz"] = rng.integers(0, 10, count, dtype=np.uint8)
    return arrays


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[dict[str, np.ndarray], dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("mnist-source")
    arrays = make_mnist_like_files()
    payloads = {}
    for name, array in arrays.items():
        write_idx(folder / name, array)
        payloads[name] = (folder / name).read_bytes()
    return arrays, payloads


@pytest.fixture
def mirror(generated) -> Iterator[Mirror]:
    arrays, payloads = generated
    files = tuple(
        RemoteFile(remote.name, hashlib.md5(payloads[remote.name]).hexdigest())
        for remote in MNIST_FILES
    )
    state = Mirror(payloads=payloads, arrays=arrays, files=files)
    server = MirrorServer(state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/mnist/"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def fetch(mirror: Mirror, folder: Path, **kwargs) -> Path:
    return download_mnist(folder, base_url=mirror.base_url, files=mirror.files, **kwargs)


def assert_loaded_equal_generated(mirror: Mirror, folder: Path) -> None:
    for split in ("train", "t10k"):
        images, labels = load_idx_folder(folder, split)
        np.testing.assert_array_equal(images, mirror.arrays[f"{split}-images-idx3-ubyte.gz"])
        np.testing.assert_array_equal(labels, mirror.arrays[f"{split}-labels-idx1-ubyte.gz"])


def assert_nothing_partial(folder: Path, mirror: Mirror) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".part") or n.startswith(".")], names
    assert FAILING_FILE not in names
    # The files completed before the failure stay, intact.
    for good in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"):
        assert (folder / good).read_bytes() == mirror.payloads[good]


# -- downloading ---------------------------------------------------------------------------------


def test_download_fetches_every_file_and_they_load(mirror, tmp_path):
    folder = fetch(mirror, tmp_path / "mnist")

    assert folder == tmp_path / "mnist"
    assert sorted(mirror.requests) == sorted(r.name for r in mirror.files)
    assert sorted(p.name for p in folder.iterdir()) == sorted(r.name for r in mirror.files)
    assert_loaded_equal_generated(mirror, folder)
    assert is_mnist_cached(folder, mirror.files)


def test_a_second_download_reuses_the_cache_without_requests(mirror, tmp_path):
    fetch(mirror, tmp_path)
    mirror.requests.clear()
    progress_calls = []

    fetch(mirror, tmp_path, progress=lambda *call: progress_calls.append(call))

    assert mirror.requests == []
    assert [(name, done == total) for done, total, name in progress_calls] == [
        (r.name, True) for r in mirror.files
    ]


def test_a_damaged_cached_file_is_fetched_again(mirror, tmp_path):
    fetch(mirror, tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not the file")
    mirror.requests.clear()

    assert not is_mnist_cached(tmp_path, mirror.files)
    fetch(mirror, tmp_path)

    assert mirror.requests == ["t10k-labels-idx1-ubyte.gz"]
    assert_loaded_equal_generated(mirror, tmp_path)


def test_progress_rises_to_each_files_total(mirror, tmp_path):
    calls = []
    fetch(mirror, tmp_path, progress=lambda *call: calls.append(call))

    for remote in mirror.files:
        done_values = [done for done, _, name in calls if name == remote.name]
        totals = {total for _, total, name in calls if name == remote.name}
        size = len(mirror.payloads[remote.name])
        assert done_values[0] == 0
        assert done_values == sorted(done_values)
        assert done_values[-1] == size
        assert totals == {size}  # the server sent Content-Length


@pytest.mark.parametrize("how", ["pause", "slow-start"])
def test_a_pause_longer_than_the_cancel_check_does_not_break_a_download(mirror, tmp_path, how):
    # The reader waits in short steps to look at the cancel flag; a server that goes quiet for
    # several of them (but less than the timeout) must still be read to the end.
    mirror.misbehave(how)
    started = time.monotonic()

    fetch(mirror, tmp_path, timeout=5)

    assert time.monotonic() - started > 0.6
    assert_loaded_equal_generated(mirror, tmp_path)


def test_a_body_without_content_length(mirror, tmp_path):
    mirror.misbehave("chunked")
    calls = []

    fetch(mirror, tmp_path, progress=lambda *call: calls.append(call))

    assert_loaded_equal_generated(mirror, tmp_path)
    size = len(mirror.payloads[FAILING_FILE])
    reported = [(done, total) for done, total, name in calls if name == FAILING_FILE]
    assert reported[0] == (0, None)  # the size is unknown until the end
    assert reported[-1] == (size, size)


def test_the_default_folder_comes_from_the_environment(mirror, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPROP_LAB_DATA", str(tmp_path / "data"))

    folder = download_mnist(base_url=mirror.base_url, files=mirror.files)

    assert folder == tmp_path / "data" / "mnist"
    assert is_mnist_cached(files=mirror.files)


# -- failures: a clear message, nothing partial, and a retry that works ---------------------------


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("404", f"{FAILING_FILE} not found (HTTP 404) at http://127.0.0.1:"),
        ("500", "server error (HTTP 500"),
        ("corrupt", f"checksum mismatch for {FAILING_FILE}: expected "),
        ("drop", "the connection dropped after"),
    ],
)
def test_a_failure_leaves_nothing_partial_and_a_retry_succeeds(mirror, tmp_path, how, expected):
    mirror.misbehave(how)

    with pytest.raises(DownloadError) as caught:
        fetch(mirror, tmp_path)

    message = str(caught.value)
    assert expected in message
    assert f"{mirror.base_url}{FAILING_FILE}" in message
    assert type(caught.value) is DownloadError
    assert_nothing_partial(tmp_path, mirror)
    assert mirror.requests[-1] == FAILING_FILE  # stopped there: the last file was not tried

    mirror.behave()
    mirror.requests.clear()
    fetch(mirror, tmp_path)
    assert mirror.requests == [FAILING_FILE, "t10k-labels-idx1-ubyte.gz"]
    assert_loaded_equal_generated(mirror, tmp_path)


def test_the_checksum_message_says_the_file_was_discarded(mirror, tmp_path):
    mirror.misbehave("corrupt")
    right = next(r.md5 for r in mirror.files if r.name == FAILING_FILE)
    wrong = hashlib.md5(corrupted(mirror.payloads[FAILING_FILE])).hexdigest()

    with pytest.raises(DownloadError, match="the file was discarded") as caught:
        fetch(mirror, tmp_path)

    assert f"checksum mismatch for {FAILING_FILE}: expected {right}, got {wrong}" in str(
        caught.value
    )


def test_disk_full_leaves_nothing_partial_and_a_retry_succeeds(mirror, tmp_path, monkeypatch):
    real_write = download._write_chunk

    def fill_the_disk(out, chunk):
        if mirror.requests[-1] == FAILING_FILE:
            real_write(out, chunk[: len(chunk) // 2])  # some bytes land, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(out, chunk)

    monkeypatch.setattr(download, "_write_chunk", fill_the_disk)
    with pytest.raises(DownloadError, match="the disk is full while saving") as caught:
        fetch(mirror, tmp_path)
    assert FAILING_FILE in str(caught.value)
    assert_nothing_partial(tmp_path, mirror)

    monkeypatch.setattr(download, "_write_chunk", real_write)
    fetch(mirror, tmp_path)
    assert_loaded_equal_generated(mirror, tmp_path)


def test_connection_refused(tmp_path):
    with socket.socket() as placeholder:  # a port that was free a moment ago
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    files = (RemoteFile("t10k-labels-idx1-ubyte.gz", "0" * 32),)

    with pytest.raises(DownloadError, match="connection refused") as caught:
        download_mnist(tmp_path, base_url=f"http://127.0.0.1:{port}/", files=files)

    assert f"127.0.0.1:{port}" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_silent_server_times_out(mirror, tmp_path):
    mirror.misbehave("silent-body")
    started = time.monotonic()

    with pytest.raises(DownloadError, match="timed out") as caught:
        fetch(mirror, tmp_path, timeout=0.6)

    assert 0.5 < time.monotonic() - started < 2.0
    assert type(caught.value) is DownloadError
    assert FAILING_FILE in str(caught.value)
    assert_nothing_partial(tmp_path, mirror)


def test_only_http_addresses(tmp_path):
    with pytest.raises(DownloadError, match="only http and https"):
        download_mnist(tmp_path, base_url="file:///etc/", files=())


# -- cancelling ----------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["trickle", "silent-body", "silent"])
def test_cancel_is_noticed_within_a_second(mirror, tmp_path, how):
    """However slow the server (bytes trickling, or nothing at all), a cancel ends the download
    quickly, cleans up, and a retry then succeeds."""
    mirror.misbehave(how)
    cancel = threading.Event()
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(DownloadCancelled) as caught:
            fetch(mirror, tmp_path, cancel=cancel)
    finally:
        timer.cancel()
        timer.join()

    assert time.monotonic() - started < 1.5
    assert "cancelled" in str(caught.value)
    assert FAILING_FILE in str(caught.value)
    assert_nothing_partial(tmp_path, mirror)

    mirror.behave()
    fetch(mirror, tmp_path)
    assert_loaded_equal_generated(mirror, tmp_path)


def test_cancel_before_starting_requests_nothing(mirror, tmp_path):
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(DownloadCancelled):
        fetch(mirror, tmp_path, cancel=cancel)

    assert mirror.requests == []


# -- where the data lives ------------------------------------------------------------------------


def test_user_data_dir_override(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKPROP_LAB_DATA", str(tmp_path))
    assert user_data_dir() == tmp_path


def test_user_data_dir_follows_the_platforms_rules_through_qt(monkeypatch, tmp_path):
    """No platform is hand-coded: the folder is Qt's data place for this platform."""
    from PySide6.QtCore import QStandardPaths

    monkeypatch.delenv("BACKPROP_LAB_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # read by Qt on Linux only
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    assert user_data_dir() == Path(base) / "backprop-lab"
    if sys.platform.startswith("linux"):
        assert user_data_dir() == tmp_path / "xdg" / "backprop-lab"


def test_the_fallback_data_folder_is_a_users_own_folder_in_the_temporary_place():
    from PySide6.QtCore import QStandardPaths

    temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    folder = places.fallback_data_dir()
    assert folder.parent == Path(temp)
    assert folder.name.startswith("backprop-lab-")


def test_the_standard_mirror_and_checksums():
    assert MNIST_MIRROR.startswith("https://")
    assert {r.name: r.md5 for r in MNIST_FILES} == {
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    }
