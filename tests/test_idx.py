"""The IDX reader and writer (app/data/idx.py): round trips, the real MNIST test files, and
every way a file can be bad, each of which must end in DataFileError naming the file."""

from __future__ import annotations

import gzip
import os
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.data import idx
from app.data.idx import (
    find_idx_pair,
    load_idx_folder,
    load_idx_pair,
    read_idx,
    read_images,
    read_labels,
    write_idx,
)
from app.errors import DataFileError

# The fuzz test's examples per file: modest in CI, thousands for a dedicated run.
EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "200"))

MNIST_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"

rng = np.random.default_rng(20240611)


def header(type_code: int, *shape: int) -> bytes:
    return bytes([0, 0, type_code, len(shape)]) + struct.pack(f">{len(shape)}I", *shape)


def write_bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def assert_bad(path: Path, *fragments: str, reader=read_idx) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        reader(path)
    message = str(caught.value)
    assert path.name in message
    for fragment in fragments:
        assert fragment in message
    return caught.value


def images_and_labels(count: int) -> tuple[np.ndarray, np.ndarray]:
    images = rng.integers(0, 256, size=(count, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=count, dtype=np.uint8)
    return images, labels


# -- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["u1", "i1", ">i2", "<i2", "i4", "f4", ">f8", "<f8"])
@pytest.mark.parametrize("name", ["array.idx", "array.idx.gz"])
def test_write_then_read_gives_the_same_array(tmp_path, dtype, name):
    original = (np.arange(2 * 3 * 5).reshape(2, 3, 5) * 37 - 100).astype(dtype)
    write_idx(tmp_path / name, original)

    loaded = read_idx(tmp_path / name)

    assert loaded.shape == original.shape
    assert loaded.dtype == original.dtype.newbyteorder("=")
    assert loaded.dtype.isnative
    np.testing.assert_array_equal(loaded, original)
    assert loaded.flags.writeable


def test_gzip_is_detected_by_content_not_by_name(tmp_path):
    original = np.arange(10, dtype=np.uint8)
    write_idx(tmp_path / "labels.raw", original, compress=True)
    write_idx(tmp_path / "labels.gz", original, compress=False)

    assert (tmp_path / "labels.raw").read_bytes()[:2] == b"\x1f\x8b"
    assert (tmp_path / "labels.gz").read_bytes()[:4] == bytes([0, 0, 8, 1])
    np.testing.assert_array_equal(read_idx(tmp_path / "labels.raw"), original)
    np.testing.assert_array_equal(read_idx(tmp_path / "labels.gz"), original)


def test_a_gzip_file_of_several_members_is_read_whole(tmp_path):
    content = header(0x08, 6) + bytes(range(6))
    path = write_bytes(
        tmp_path / "multi.gz", gzip.compress(content[:7]) + gzip.compress(content[7:])
    )

    np.testing.assert_array_equal(read_idx(path), np.arange(6, dtype=np.uint8))


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "labels-idx1-ubyte"
    write_idx(path, np.zeros(3, np.uint8))
    write_idx(path, np.ones(4, np.uint8))  # replaces the first

    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    np.testing.assert_array_equal(read_idx(path), np.ones(4, np.uint8))


def test_writing_the_same_array_twice_gives_the_same_gzip_bytes(tmp_path):
    images, _ = images_and_labels(3)
    path = tmp_path / "images.gz"
    write_idx(path, images)
    first = path.read_bytes()
    write_idx(path, images)
    assert path.read_bytes() == first


@pytest.mark.parametrize(
    "array", [np.zeros(3, np.int64), np.zeros(3, np.uint16), np.zeros(3, bool), np.uint8(4)]
)
def test_write_refuses_what_idx_cannot_hold(tmp_path, array):
    with pytest.raises(ValueError, match="IDX"):
        write_idx(tmp_path / "x.idx", array)
    assert list(tmp_path.iterdir()) == []


def test_write_into_a_missing_folder_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot write"):
        write_idx(tmp_path / "nowhere" / "x.idx", np.zeros(3, np.uint8))


def test_images_labels_pair_and_folder(tmp_path):
    images, labels = images_and_labels(12)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", images)
    write_idx(tmp_path / "train-labels.idx1-ubyte", labels)  # the other spelling, raw

    found = find_idx_pair(tmp_path, "train")
    loaded_images, loaded_labels = load_idx_folder(tmp_path, "train")

    assert found == (tmp_path / "train-images-idx3-ubyte.gz", tmp_path / "train-labels.idx1-ubyte")
    np.testing.assert_array_equal(loaded_images, images)
    np.testing.assert_array_equal(loaded_labels, labels)
    assert loaded_images.dtype == np.uint8
    assert loaded_labels.dtype == np.uint8


def test_find_names_the_folder_and_what_it_looked_for(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images_and_labels(2)[0])

    with pytest.raises(DataFileError) as caught:
        find_idx_pair(tmp_path, "t10k")

    message = str(caught.value)
    assert str(tmp_path) in message
    assert "t10k-labels-idx1-ubyte.gz" in message
    assert "t10k-labels.idx1-ubyte" in message


def test_find_in_a_missing_folder(tmp_path):
    with pytest.raises(DataFileError, match="folder not found"):
        find_idx_pair(tmp_path / "absent")


# -- the real MNIST test set ---------------------------------------------------------------------


@pytest.mark.skipif(
    not (MNIST_DIR / "t10k-images-idx3-ubyte.gz").is_file(),
    reason=f"the real MNIST test files are not at {MNIST_DIR}",
)
def test_the_real_mnist_test_set():
    images, labels = load_idx_folder(MNIST_DIR, "t10k")

    assert images.shape == (10_000, 28, 28)
    assert images.dtype == np.uint8
    assert labels.shape == (10_000,)
    assert labels.dtype == np.uint8
    assert labels[0] == 7
    counts = np.bincount(labels, minlength=10)
    assert len(counts) == 10
    assert counts.sum() == 10_000
    assert counts.min() > 800  # every digit is well represented
    assert images.max() == 255
    assert images.min() == 0


# -- bad files -----------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    assert_bad(tmp_path / "absent-idx3-ubyte.gz", "file not found")


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "folder-idx1-ubyte").mkdir()
    assert_bad(tmp_path / "folder-idx1-ubyte", "folder")


def test_empty_file(tmp_path):
    assert_bad(write_bytes(tmp_path / "empty-idx1-ubyte", b""), "empty")


def test_empty_gzip_file(tmp_path):
    assert_bad(write_bytes(tmp_path / "empty.gz", gzip.compress(b"")), "nothing")


def test_wrong_magic(tmp_path):
    path = write_bytes(tmp_path / "photo.jpg", b"\x12\x34\x56\x78" + bytes(100))
    error = assert_bad(
        path, "not an IDX file", "0x12345678", "0x00000803 for images", reader=read_images
    )
    assert error.path == path


def test_unknown_type_code(tmp_path):
    assert_bad(write_bytes(tmp_path / "odd.idx", bytes([0, 0, 0x0A, 1, 0, 0, 0, 0])), "0x00000A01")


def test_truncated_header(tmp_path):
    assert_bad(write_bytes(tmp_path / "short.idx", bytes([0, 0, 8, 3, 0, 0])), "truncated header")
    assert_bad(write_bytes(tmp_path / "tiny.idx", bytes([0, 0])), "too short")


def test_truncated_data(tmp_path):
    path = write_bytes(tmp_path / "cut-idx3-ubyte", header(0x08, 2, 28, 28) + bytes(1000))
    assert_bad(path, "truncated: header promises 1568 bytes of data, file has 1000")


def test_truncated_data_in_gzip(tmp_path):
    content = gzip.compress(header(0x08, 2, 28, 28) + bytes(1000))
    assert_bad(write_bytes(tmp_path / "cut.gz", content), "truncated: header promises 1568 bytes")


def test_gzip_cut_short(tmp_path):
    content = gzip.compress(header(0x08, 20, 28, 28) + rng.bytes(20 * 784))
    path = write_bytes(tmp_path / "cut-in-transit.gz", content[: len(content) // 2])
    assert_bad(path, "truncated", "ends early")


def test_gzip_missing_only_its_final_check(tmp_path):
    content = gzip.compress(header(0x08, 4) + bytes(4))
    assert_bad(write_bytes(tmp_path / "no-crc.gz", content[:-4]), "truncated")


def test_trailing_bytes(tmp_path):
    path = write_bytes(tmp_path / "long-idx1-ubyte", header(0x08, 3) + bytes(5))
    assert_bad(path, "header promises 3 bytes of data, file has 5", "after the data")


def test_trailing_bytes_in_gzip(tmp_path):
    path = write_bytes(tmp_path / "long.gz", gzip.compress(header(0x08, 3) + bytes(5)))
    assert_bad(path, "header promises 3 bytes of data, file has 5")


def test_corrupt_gzip(tmp_path):
    assert_bad(write_bytes(tmp_path / "bad.gz", b"\x1f\x8b" + bytes(range(50))), "corrupt gzip")


def test_gzip_with_a_wrong_checksum(tmp_path):
    content = bytearray(gzip.compress(header(0x08, 10) + bytes(10)))
    content[-8] ^= 0xFF  # the CRC-32 of the trailer
    assert_bad(write_bytes(tmp_path / "crc.gz", bytes(content)), "corrupt gzip")


def test_garbage_after_the_gzip_stream(tmp_path):
    content = gzip.compress(header(0x08, 3) + bytes(3)) + b"garbage!"
    assert_bad(write_bytes(tmp_path / "tail.gz", content), "corrupt gzip")


def test_unreadable_file(tmp_path, monkeypatch):
    path = write_bytes(tmp_path / "locked.idx", header(0x08, 1) + b"\x01")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(idx, "open", refuse, raising=False)  # only the reader's open()
    assert_bad(path, "cannot read: Permission denied")


def test_absurd_size_is_refused_before_allocating(tmp_path):
    # 10**9 images of 28 × 28: 784 GB promised by a 16-byte header.
    raw = write_bytes(tmp_path / "huge-idx3-ubyte", header(0x08, 10**9, 28, 28) + bytes(64))
    packed = write_bytes(tmp_path / "huge.gz", gzip.compress(header(0x08, 10**9, 28, 28)))

    for path in (raw, packed):
        tracemalloc.start()
        started = time.perf_counter()
        try:
            assert_bad(path, "784,000,000,000 bytes", "limit")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert time.perf_counter() - started < 1.0
        assert peak < 2_000_000, f"peak allocation {peak:,} bytes"


def test_gzip_bomb_is_not_inflated(tmp_path):
    # A 10-label header followed by 64 MB of zeros that compress to ~64 KB.
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [compressor.compress(header(0x08, 10))]
    zeros = bytes(1 << 20)
    parts += [compressor.compress(zeros) for _ in range(64)]
    parts.append(compressor.flush())
    path = write_bytes(tmp_path / "bomb.gz", b"".join(parts))

    tracemalloc.start()
    try:
        assert_bad(path, "header promises 10 bytes of data, file has more than")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000, f"peak allocation {peak:,} bytes"


def test_max_bytes_is_respected(tmp_path):
    write_idx(tmp_path / "x.idx", np.zeros(100, np.uint8))
    assert read_idx(tmp_path / "x.idx", max_bytes=100).shape == (100,)
    assert_bad(tmp_path / "x.idx", "limit", reader=lambda p: read_idx(p, max_bytes=99))


def test_images_need_three_dimensions(tmp_path):
    write_idx(tmp_path / "labels-idx1-ubyte", np.arange(10, dtype=np.uint8))
    assert_bad(tmp_path / "labels-idx1-ubyte", "3 dimensions", "labels file", reader=read_images)


def test_labels_need_one_dimension(tmp_path):
    write_idx(tmp_path / "images-idx3-ubyte", np.zeros((2, 28, 28), np.uint8))
    assert_bad(tmp_path / "images-idx3-ubyte", "1 dimension", "images file", reader=read_labels)


def test_images_must_be_bytes(tmp_path):
    write_idx(tmp_path / "float-images", np.zeros((2, 28, 28), np.float32))
    assert_bad(tmp_path / "float-images", "unsigned bytes", "32-bit floats", reader=read_images)


def test_labels_out_of_range(tmp_path):
    write_idx(tmp_path / "labels-idx1-ubyte", np.array([3, 9, 10, 4, 200], np.uint8))
    assert_bad(tmp_path / "labels-idx1-ubyte", "label 10 at index 2", "0–9", reader=read_labels)


def test_counts_disagree(tmp_path):
    images, labels = images_and_labels(10)
    write_idx(tmp_path / "images.gz", images)
    write_idx(tmp_path / "labels.gz", labels[:9])

    with pytest.raises(DataFileError) as caught:
        load_idx_pair(tmp_path / "images.gz", tmp_path / "labels.gz")
    assert "counts disagree: 10 images" in str(caught.value)
    assert "but 9 labels" in str(caught.value)
    assert "labels.gz" in str(caught.value)


def test_pair_needs_28_by_28_images(tmp_path):
    write_idx(tmp_path / "small-images.gz", np.zeros((3, 8, 8), np.uint8))
    write_idx(tmp_path / "labels.gz", np.zeros(3, np.uint8))

    with pytest.raises(DataFileError, match=r"8×8.*28×28") as caught:
        load_idx_pair(tmp_path / "small-images.gz", tmp_path / "labels.gz")
    assert "small-images.gz" in str(caught.value)


# -- any bytes at all: an array or DataFileError, nothing else ----------------------------------


@st.composite
def damaged(draw, original: bytes) -> bytes:
    content = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "truncate", "extend", "set"]))
        if action == "flip" and content:
            index = draw(st.integers(0, len(content) - 1))
            content[index] ^= 1 << draw(st.integers(0, 7))
        elif action == "set" and content:
            index = draw(st.integers(0, len(content) - 1))
            content[index] = draw(st.integers(0, 255))
        elif action == "truncate":
            del content[draw(st.integers(0, len(content))) :]
        elif action == "extend":
            content += draw(st.binary(min_size=1, max_size=16))
    return bytes(content)


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("idx-samples")
    images = rng.integers(0, 256, size=(3, 4, 5), dtype=np.uint8)
    write_idx(folder / "raw-idx3-ubyte", images)
    write_idx(folder / "packed.gz", images)
    write_idx(folder / "ints.gz", np.arange(-6, 6, dtype=np.int16).reshape(3, 4))
    scratch = folder / "scratch"
    return {
        "scratch": str(scratch).encode(),
        **{p.name: p.read_bytes() for p in folder.iterdir()},
    }


@pytest.mark.parametrize("name", ["raw-idx3-ubyte", "packed.gz", "ints.gz"])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_gives_an_array_or_data_file_error(sample_files, name, data):
    content = data.draw(damaged(sample_files[name]))
    path = Path(sample_files["scratch"].decode())
    path.write_bytes(content)

    result = read_or_error(path)

    if isinstance(result, DataFileError):
        assert path.name in str(result)
    else:
        assert isinstance(result, np.ndarray)
        assert result.dtype.isnative


def read_or_error(path: Path) -> np.ndarray | DataFileError:
    """The array, or the DataFileError; any other exception fails the test."""
    try:
        return read_idx(path, max_bytes=1_000_000)
    except DataFileError as error:
        return error
