"""Reading and writing IDX files, the format MNIST is published in.

An IDX file is a small header followed by one flat block of numbers, all big-endian:

- the magic number, 4 bytes: two zero bytes, a type code for the numbers (0x08 unsigned byte,
  0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and the number of
  dimensions. MNIST images are 0x00000803 (unsigned bytes, 3 dimensions), labels 0x00000801;
- the size of each dimension, one unsigned 32-bit integer each (images: count, rows, columns;
  labels: count);
- the numbers themselves, in C order (the last dimension varies fastest).

The published files are gzip-compressed (``.gz``); a file is treated as gzip when it starts with
the gzip signature 1f 8b, whatever its name.

Every problem with a file's content (or reading it) raises :class:`app.errors.DataFileError`
naming the file and what is wrong; no other exception escapes the readers.
"""

from __future__ import annotations

import contextlib
import gzip
import math
import os
import stat
import struct
import tempfile
import zlib
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

import numpy as np

from app.errors import DataFileError

#: Default ceiling on the data block a header may announce (the MNIST training images are
#: 47 MB). A corrupt header claiming more is refused before anything is allocated.
DEFAULT_MAX_BYTES = 200_000_000

MNIST_IMAGE_SHAPE = (28, 28)

IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801

#: Type code → the big-endian numpy dtype it stores, and a name a reader understands.
_IDX_TYPES: dict[int, tuple[np.dtype, str]] = {
    0x08: (np.dtype(">u1"), "unsigned bytes"),
    0x09: (np.dtype(">i1"), "signed bytes"),
    0x0B: (np.dtype(">i2"), "16-bit integers"),
    0x0C: (np.dtype(">i4"), "32-bit integers"),
    0x0D: (np.dtype(">f4"), "32-bit floats"),
    0x0E: (np.dtype(">f8"), "64-bit floats"),
}
#: (numpy kind, item size) → type code, for writing.
_TYPE_CODE_FOR: dict[tuple[str, int], int] = {
    (dtype.kind, dtype.itemsize): code for code, (dtype, _) in _IDX_TYPES.items()
}

#: numpy 1.x allows at most 32 dimensions; no IDX file in the wild has more than 4.
_MAX_NDIM = 32
_GZIP_SIGNATURE = b"\x1f\x8b"
_CHUNK = 1 << 16
#: After the data block, at most this much more is decompressed to say how much extra there is.
_EXTRA_BYTES_COUNTED = 1 << 20

Split = Literal["t10k", "train"]


# -- reading ------------------------------------------------------------------------------------


def read_idx(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> np.ndarray:
    """The array stored in the IDX file at ``path``, raw or gzip-compressed.

    Returns the shape from the header and the dtype of the header's type code in native byte
    order (uint8 for MNIST). The data block must be exactly as long as the header says, and at
    most ``max_bytes``; a longer claim is refused before any memory is allocated, and a gzip
    file is never decompressed beyond the data block plus a little.

    Raises DataFileError for every problem: missing or unreadable file, foreign or corrupt
    content, truncation, extra bytes.
    """
    return _read_checked(Path(path), max_bytes, expected_magic=None)


def read_images(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> np.ndarray:
    """uint8 images (N, rows, cols) from an IDX images file (magic 0x00000803)."""
    path = Path(path)
    images = _read_checked(path, max_bytes, IMAGES_MAGIC)
    if 0 in images.shape:
        count, rows, cols = images.shape
        raise DataFileError(path, f"holds no images (header says {count} of {rows}×{cols})")
    return images


def read_labels(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> np.ndarray:
    """uint8 labels (N,), each a digit 0–9, from an IDX labels file (magic 0x00000801)."""
    path = Path(path)
    labels = _read_checked(path, max_bytes, LABELS_MAGIC)
    if labels.size == 0:
        raise DataFileError(path, "holds no labels (header says 0)")
    not_digits = np.flatnonzero(labels > 9)
    if not_digits.size:
        index = int(not_digits[0])
        raise DataFileError(
            path,
            f"label {int(labels[index])} at index {index} is not a digit 0–9 "
            f"({not_digits.size} such labels in all)",
        )
    return labels


def load_idx_pair(
    images_path: str | os.PathLike[str], labels_path: str | os.PathLike[str]
) -> tuple[np.ndarray, np.ndarray]:
    """MNIST images uint8 (N, 28, 28) and their labels uint8 (N,), checked to belong together."""
    images_path, labels_path = Path(images_path), Path(labels_path)
    images = read_images(images_path)
    labels = read_labels(labels_path)
    if images.shape[1:] != MNIST_IMAGE_SHAPE:
        rows, cols = images.shape[1:]
        raise DataFileError(images_path, f"images are {rows}×{cols} pixels; MNIST's are 28×28")
    if len(images) != len(labels):
        raise DataFileError(
            labels_path,
            f"counts disagree: {len(images)} images (in {images_path.name}) "
            f"but {len(labels)} labels",
        )
    return images, labels


def find_idx_pair(folder: str | os.PathLike[str], split: Split = "t10k") -> tuple[Path, Path]:
    """Paths (images, labels) of the MNIST ``split`` ("t10k" test or "train") in ``folder``.

    Accepts the published names ``{split}-images-idx3-ubyte`` / ``{split}-labels-idx1-ubyte``
    and the ``{split}-images.idx3-ubyte`` spelling some mirrors use, each raw or ``.gz``.
    """
    if split not in ("t10k", "train"):
        raise ValueError(f"split must be 't10k' or 'train', not {split!r}")
    folder = Path(folder)
    if not folder.is_dir():
        reason = "is a file, not a folder" if folder.exists() else "folder not found"
        raise DataFileError(folder, reason)
    images = _first_existing(folder, split, "images", 3)
    labels = _first_existing(folder, split, "labels", 1)
    return images, labels


def load_idx_folder(
    folder: str | os.PathLike[str], split: Split = "t10k"
) -> tuple[np.ndarray, np.ndarray]:
    """Images uint8 (N, 28, 28) and labels uint8 (N,) of the MNIST ``split`` in ``folder``."""
    return load_idx_pair(*find_idx_pair(folder, split))


def _first_existing(folder: Path, split: str, kind: str, ndim: int) -> Path:
    names = [
        f"{split}-{kind}{separator}idx{ndim}-ubyte{suffix}"
        for separator in ("-", ".")
        for suffix in ("", ".gz")
    ]
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise DataFileError(
        folder, f"no MNIST {split} {kind} file here (looked for {', '.join(names)})"
    )


def _read_checked(path: Path, max_bytes: int, expected_magic: int | None) -> np.ndarray:
    """Opens ``path`` and parses it, turning every failure into DataFileError."""
    try:
        with open(path, "rb") as file:
            if file.read(2) == _GZIP_SIGNATURE:
                file.seek(0)
                source: _ByteSource = _GunzipSource(file)
            else:
                file.seek(0)
                source = _RawSource(file)
            return _parse(source, path, max_bytes, expected_magic)
    except DataFileError:
        raise
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file") from None
    except zlib.error as error:
        raise DataFileError(path, f"corrupt gzip data ({error})") from None
    except MemoryError:
        raise DataFileError(path, "not enough memory to load it") from None
    except OSError as error:
        raise DataFileError(path, f"cannot read: {error.strerror or error}") from None


def _parse(
    source: _ByteSource, path: Path, max_bytes: int, expected_magic: int | None
) -> np.ndarray:
    magic_bytes = _read_up_to(source, 4)
    if not magic_bytes:
        raise DataFileError(path, source.describe_empty())
    if len(magic_bytes) < 4:
        raise DataFileError(
            path, f"too short to be an IDX file ({len(magic_bytes)} bytes; the header needs 4+)"
        )
    (magic,) = struct.unpack(">I", magic_bytes)
    zeros, type_code, ndim = magic >> 16, magic_bytes[2], magic_bytes[3]
    if zeros != 0 or type_code not in _IDX_TYPES:
        raise DataFileError(path, f"not an IDX file ({_magic_expectation(magic, expected_magic)})")
    big_endian_dtype, type_name = _IDX_TYPES[type_code]
    if expected_magic is not None and magic != expected_magic:
        raise DataFileError(path, _wrong_kind(magic, expected_magic, ndim, type_name))
    if not 1 <= ndim <= _MAX_NDIM:
        raise DataFileError(
            path, f"header claims {ndim} dimensions; an IDX file has 1 to {_MAX_NDIM}"
        )

    size_bytes = _read_up_to(source, 4 * ndim)
    if len(size_bytes) < 4 * ndim:
        raise DataFileError(
            path,
            f"truncated header: {ndim} dimensions need {4 * ndim} bytes of sizes after the "
            f"magic number, file has {len(size_bytes)}{source.describe_cut()}",
        )
    shape = struct.unpack(f">{ndim}I", size_bytes)
    data_bytes = math.prod(shape) * big_endian_dtype.itemsize
    # Checked before allocating: a corrupt header must not be able to ask for gigabytes.
    if data_bytes > max_bytes:
        raise DataFileError(
            path,
            f"header claims {' × '.join(map(str, shape))} {type_name} = {data_bytes:,} bytes "
            f"of data, more than the {max_bytes:,}-byte limit; the file is corrupt or not MNIST",
        )
    available = source.bytes_left()
    if available is not None and available != data_bytes:
        raise DataFileError(path, _length_mismatch(data_bytes, available))

    # np.empty rather than bytes: no copy is needed to get a writable array afterwards.
    data = np.empty(data_bytes, dtype=np.uint8)
    received = _fill(source, memoryview(data))
    if received < data_bytes:
        raise DataFileError(path, _length_mismatch(data_bytes, received) + source.describe_cut())
    extra, counted_all = _count_extra(source)
    if extra:
        total = f"{data_bytes + extra}" if counted_all else f"more than {data_bytes + extra}"
        raise DataFileError(
            path,
            f"header promises {data_bytes} bytes of data, file has {total} "
            "(unexpected bytes after the data)",
        )
    if source.cut_short:
        raise DataFileError(
            path, "truncated: the data is complete but the gzip stream's final check is missing"
        )

    values = data.view(big_endian_dtype).reshape(shape)
    if big_endian_dtype.itemsize > 1 and big_endian_dtype != big_endian_dtype.newbyteorder("="):
        # Swap in place rather than astype(): no second copy of a possibly large array.
        values.byteswap(inplace=True)
        values = values.view(big_endian_dtype.newbyteorder("="))
    return values


def _magic_expectation(magic: int, expected_magic: int | None) -> str:
    if expected_magic == IMAGES_MAGIC:
        wanted = f"expected 0x{IMAGES_MAGIC:08X} for images"
    elif expected_magic == LABELS_MAGIC:
        wanted = f"expected 0x{LABELS_MAGIC:08X} for labels"
    else:
        wanted = f"expected 0x{IMAGES_MAGIC:08X} for images or 0x{LABELS_MAGIC:08X} for labels"
    return f"magic number 0x{magic:08X}; {wanted}"


def _wrong_kind(magic: int, expected_magic: int, ndim: int, type_name: str) -> str:
    wanted = "images" if expected_magic == IMAGES_MAGIC else "labels"
    wanted_ndim = expected_magic & 0xFF
    if ndim != wanted_ndim:
        hint = {
            LABELS_MAGIC: " (is this a labels file?)",
            IMAGES_MAGIC: " (is this an images file?)",
        }
        return (
            f"expected {wanted} ({wanted_ndim} dimension{'s' * (wanted_ndim > 1)}, magic "
            f"0x{expected_magic:08X}) but the file has {ndim} dimension{'s' * (ndim != 1)} "
            f"(magic 0x{magic:08X}){hint.get(magic, '')}"
        )
    return (
        f"{wanted} must be unsigned bytes (magic 0x{expected_magic:08X}) but the file holds "
        f"{type_name} (magic 0x{magic:08X})"
    )


def _length_mismatch(promised: int, actual: int) -> str:
    if actual < promised:
        return f"truncated: header promises {promised} bytes of data, file has {actual}"
    return (
        f"header promises {promised} bytes of data, file has {actual} "
        "(unexpected bytes after the data)"
    )


def _read_up_to(source: _ByteSource, size: int) -> bytes:
    buffer = bytearray(size)
    received = _fill(source, memoryview(buffer))
    return bytes(buffer[:received])


def _fill(source: _ByteSource, buffer: memoryview) -> int:
    """Reads into ``buffer`` until it is full or the source ends; returns the bytes read."""
    filled = 0
    while filled < len(buffer):
        received = source.readinto(buffer[filled:])
        if not received:
            break
        filled += received
    return filled


def _count_extra(source: _ByteSource) -> tuple[int, bool]:
    """How many bytes follow the data (counting at most about 1 MiB); and whether that is all."""
    scratch = memoryview(bytearray(_CHUNK))
    extra = 0
    while extra < _EXTRA_BYTES_COUNTED:
        received = source.readinto(scratch)
        if not received:
            return extra, True
        extra += received
    return extra, False


class _ByteSource(Protocol):
    """The decoded bytes of a file, read front to back."""

    #: True once a gzip stream turned out to end before its end marker.
    cut_short: bool

    def readinto(self, buffer: memoryview) -> int:
        """Fills some of ``buffer``; 0 only at the end."""
        ...

    def bytes_left(self) -> int | None:
        """How many bytes remain, when that is known without reading them."""
        ...

    def describe_empty(self) -> str: ...

    def describe_cut(self) -> str: ...


class _RawSource:
    """An uncompressed file."""

    cut_short = False

    def __init__(self, file: BinaryIO) -> None:
        self._file = file

    def readinto(self, buffer: memoryview) -> int:
        return self._file.readinto(buffer) or 0

    def bytes_left(self) -> int | None:
        # Lets a truncated or padded file be refused before its data block is allocated.
        try:
            status = os.fstat(self._file.fileno())
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):  # a pipe or device has no size to trust
            return None
        return status.st_size - self._file.tell()

    def describe_empty(self) -> str:
        return "empty file (0 bytes)"

    def describe_cut(self) -> str:
        return ""


class _GunzipSource:
    """A gzip file, decompressed on demand and never further than asked.

    Done with zlib rather than gzip.GzipFile: on a truncated stream GzipFile drops what it had
    already decompressed in that call, while here the count stays exact for the message, and a
    gzip bomb cannot make it inflate more than the caller's buffer.
    """

    _WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer, 32 KiB window

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._inflater = zlib.decompressobj(wbits=self._WBITS)
        self._pending = b""  # compressed bytes read from the file but not yet inflated
        self._file_ended = False
        self.cut_short = False

    def readinto(self, buffer: memoryview) -> int:
        if not buffer:
            return 0  # (zlib reads a max_length of 0 as "no limit")
        while not self.cut_short:
            if self._inflater.eof:
                # A gzip file may hold several members back to back (cat a.gz b.gz > c.gz).
                leftover = self._inflater.unused_data or self._read_compressed()
                if not leftover:
                    return 0
                self._inflater = zlib.decompressobj(wbits=self._WBITS)
                self._pending = leftover
            if not self._pending:
                self._pending = self._read_compressed()
            produced = self._inflater.decompress(self._pending, len(buffer))
            self._pending = self._inflater.unconsumed_tail
            if produced:
                buffer[: len(produced)] = produced
                return len(produced)
            if self._file_ended and not self._pending and not self._inflater.eof:
                self.cut_short = True
        return 0

    def _read_compressed(self) -> bytes:
        chunk = self._file.read(_CHUNK)
        self._file_ended = not chunk
        return chunk

    def bytes_left(self) -> int | None:
        return None

    def describe_empty(self) -> str:
        if self.cut_short:
            return "truncated: the gzip file ends before any data"
        return "the gzip file decompresses to nothing (0 bytes)"

    def describe_cut(self) -> str:
        return " (the gzip stream ends early: the file was cut short)" if self.cut_short else ""


# -- writing ------------------------------------------------------------------------------------


def write_idx(
    path: str | os.PathLike[str], array: np.ndarray, *, compress: bool | None = None
) -> None:
    """Writes ``array`` as an IDX file at ``path``; gzip when ``compress`` or the name ends .gz.

    The dtype must be one IDX stores: uint8, int8, int16, int32, float32 or float64 (any byte
    order); 1 to 32 dimensions. The file appears atomically: it is written to a temporary file
    beside it, synced to disk and renamed over ``path``, so a crash never leaves half a file.

    Raises ValueError for an array IDX cannot hold, DataFileError when the file cannot be written.
    """
    path = Path(path)
    array = np.asarray(array)
    type_code = _TYPE_CODE_FOR.get((array.dtype.kind, array.dtype.itemsize))
    if type_code is None:
        raise ValueError(f"IDX cannot store {array.dtype} values")
    if not 1 <= array.ndim <= _MAX_NDIM:
        raise ValueError(f"IDX stores 1 to {_MAX_NDIM} dimensions, not {array.ndim}")
    if max(array.shape) >= 2**32:
        raise ValueError(f"a dimension of {array.shape} does not fit in 32 bits")
    if compress is None:
        compress = path.suffix == ".gz"

    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    big_endian = np.ascontiguousarray(array, dtype=_IDX_TYPES[type_code][0])
    data = big_endian.reshape(-1).view(np.uint8)

    try:
        descriptor, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise DataFileError(path, f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as out:
            if compress:
                # mtime=0: the same array always gives the same bytes.
                with gzip.GzipFile(filename=path.name, mode="wb", fileobj=out, mtime=0) as gz:
                    gz.write(header)
                    gz.write(data)
            else:
                out.write(header)
                out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; a data file should not be
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise DataFileError(path, f"cannot write: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
