"""Downloading the full MNIST dataset (60,000 training + 10,000 test digits) on request.

The four published gzip files are fetched from a public mirror into the user's data folder and
checked against their well-known MD5 sums. A file already there with the right sum is reused
without asking the server. Each file is streamed into a hidden ``.part`` file beside its final
name and renamed into place only once complete and verified, so a failure, a cancel or a crash
never leaves a partial file under the real name.

Only :class:`app.errors.DownloadError` (and its subclass ``DownloadCancelled``) escape; their
messages say what went wrong and at which address.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import http.client
import io
import os
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from app import __version__
from app.errors import DownloadCancelled, DownloadError
from app.places import user_data_dir

MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/"


@dataclass(frozen=True)
class RemoteFile:
    """One file to fetch: its name under the base address, its MD5 and, if known, its size."""

    name: str
    md5: str
    size_hint: int | None = None


MNIST_FILES: tuple[RemoteFile, ...] = (
    RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9_912_422),
    RemoteFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28_881),
    RemoteFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1_648_877),
    RemoteFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4_542),
)

#: ``progress(done_bytes, total_bytes_or_None, file_name)``.
ProgressCallback = Callable[[int, int | None, str], None]

#: Longest wait on the network between two looks at the cancel flag.
POLL_INTERVAL = 0.25
#: Progress is reported at most this often (plus at the start and end of each file).
PROGRESS_INTERVAL = 0.05
_CHUNK = 1 << 16


class Cancellable(Protocol):
    """A cancel flag, such as ``threading.Event``."""

    def is_set(self) -> bool: ...


# -- where the data lives -----------------------------------------------------------------------


def default_mnist_dir() -> Path:
    """Where :func:`download_mnist` puts MNIST unless told otherwise: ``user_data_dir()/mnist``."""
    return user_data_dir() / "mnist"


def is_mnist_cached(
    dest_dir: str | os.PathLike[str] | None = None, files: tuple[RemoteFile, ...] = MNIST_FILES
) -> bool:
    """True when every file in ``files`` is in ``dest_dir`` with the right MD5 (no download)."""
    folder = Path(dest_dir) if dest_dir is not None else default_mnist_dir()
    return all(_cached_size(folder / remote.name, remote) is not None for remote in files)


def _cached_size(path: Path, remote: RemoteFile) -> int | None:
    """The size of ``path`` if it holds ``remote`` intact (right MD5), else None."""
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    try:
        with open(path, "rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return size if digest.hexdigest() == remote.md5.lower() else None


# -- downloading --------------------------------------------------------------------------------


def download_mnist(
    dest_dir: str | os.PathLike[str] | None = None,
    *,
    base_url: str = MNIST_MIRROR,
    files: tuple[RemoteFile, ...] = MNIST_FILES,
    progress: ProgressCallback | None = None,
    cancel: Cancellable | None = None,
    timeout: float = 30.0,
) -> Path:
    """Makes sure every file in ``files`` is in ``dest_dir`` and intact; returns the folder.

    ``dest_dir`` defaults to :func:`default_mnist_dir`. Files already present with the right
    MD5 are kept and not requested again. The others are fetched from ``base_url + name`` one
    after the other.

    ``progress(done_bytes, total_bytes, file_name)`` is called for each file as its bytes arrive
    (at most every 50 ms, and always at 0 and at the end, where ``done_bytes == total_bytes``);
    ``total_bytes`` is None while the size is unknown. A cached file reports (size, size).

    ``cancel`` (a ``threading.Event`` or anything with ``is_set()``) is checked between chunks
    and at least every quarter second while the server is silent. ``timeout`` is how many
    seconds the server may stay silent (when connecting or mid-file) before giving up.

    Raises DownloadCancelled when cancelled and DownloadError for any failure, after deleting
    the file being fetched; files completed before it stay.
    """
    folder = Path(dest_dir) if dest_dir is not None else default_mnist_dir()
    try:
        scheme = urllib.parse.urlsplit(base_url).scheme
    except ValueError as error:
        raise DownloadError(f"cannot download from {base_url}: {error}") from None
    if scheme not in ("http", "https"):
        raise DownloadError(f"cannot download from {base_url}: only http and https addresses")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot create the folder {folder}: {_os_reason(error)}") from None

    for remote in files:
        _check_cancel(cancel, f"download of {remote.name} cancelled")
        target = folder / remote.name
        cached_size = _cached_size(target, remote)
        if cached_size is not None:
            if progress is not None:
                progress(cached_size, cached_size, remote.name)
            continue
        url = base_url.rstrip("/") + "/" + urllib.parse.quote(remote.name)
        _download_file(remote, url, target, progress, cancel, timeout)
    return folder


def _download_file(
    remote: RemoteFile,
    url: str,
    target: Path,
    progress: ProgressCallback | None,
    cancel: Cancellable | None,
    timeout: float,
) -> None:
    """Fetches ``url`` into ``target`` via a temporary ``.part`` file that is always cleaned up."""
    try:
        descriptor, part_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{remote.name}.", suffix=".part"
        )
    except OSError as error:
        raise DownloadError(_disk_failure(error, target)) from None
    part = Path(part_name)
    try:
        with os.fdopen(descriptor, "wb") as out:
            actual_md5 = _stream(remote, url, out, target, progress, cancel, timeout)
            try:
                out.flush()
                os.fsync(out.fileno())
            except OSError as error:
                raise DownloadError(_disk_failure(error, target)) from None
        if actual_md5 != remote.md5.lower():
            raise DownloadError(
                f"checksum mismatch for {remote.name}: expected {remote.md5.lower()}, "
                f"got {actual_md5}; the file was discarded (downloaded from {url})"
            )
        try:
            os.chmod(part, 0o644)  # mkstemp makes it private; a data file should not be
            os.replace(part, target)
        except OSError as error:
            raise DownloadError(_disk_failure(error, target)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise


def _stream(
    remote: RemoteFile,
    url: str,
    out: BinaryIO,
    target: Path,
    progress: ProgressCallback | None,
    cancel: Cancellable | None,
    timeout: float,
) -> str:
    """Copies the body at ``url`` into ``out``; returns its MD5 (hex)."""
    watch = _Watch(cancel, timeout, f"download of {remote.name} from {url} cancelled")
    opener = urllib.request.build_opener(_PatientHTTPHandler(watch), _PatientHTTPSHandler(watch))
    digest = hashlib.md5(usedforsecurity=False)
    done = 0
    try:
        request = urllib.request.Request(url, headers={"User-Agent": f"BackpropLab/{__version__}"})
        with opener.open(request, timeout=timeout) as response:
            expected = _content_length(response)
            total = expected if expected is not None else remote.size_hint
            reporter = _ProgressReporter(progress, remote.name, total)
            reporter(done)
            while chunk := response.read1(_CHUNK):
                try:
                    _write_chunk(out, chunk)
                except OSError as error:
                    raise DownloadError(_disk_failure(error, target)) from None
                digest.update(chunk)
                done += len(chunk)
                reporter(done)
                watch.check()
    except DownloadError:
        raise
    except urllib.error.HTTPError as error:
        error.close()  # it holds the connection open
        raise DownloadError(_http_failure(error, remote.name, url)) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, BaseException):
            raise DownloadError(_network_failure(reason, remote.name, url, timeout)) from None
        raise DownloadError(f"cannot download {remote.name} from {url}: {reason}") from None
    except (OSError, http.client.HTTPException) as error:
        raise DownloadError(_network_failure(error, remote.name, url, timeout)) from None
    except ValueError as error:  # urllib's word for an address it cannot parse
        raise DownloadError(f"cannot download {remote.name} from {url}: {error}") from None

    if expected is not None and done != expected:
        raise DownloadError(
            f"the connection dropped after {done:,} of {expected:,} bytes of {remote.name} "
            f"({url}); the partial file was discarded"
        )
    reporter.finish(done)
    return digest.hexdigest()


def _write_chunk(out: BinaryIO, chunk: bytes) -> None:
    """Writes one chunk of a download (its own function so tests can make the disk fill up)."""
    out.write(chunk)


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        length = int(value) if value is not None else None
    except ValueError:
        return None
    return length if length is not None and length >= 0 else None


class _ProgressReporter:
    """Calls the progress callback for one file, at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, callback: ProgressCallback | None, name: str, total: int | None) -> None:
        self._callback = callback
        self._name = name
        self._total = total
        self._last_call: float | None = None

    def __call__(self, done: int) -> None:
        if self._callback is None:
            return
        now = time.monotonic()
        if self._last_call is None or now - self._last_call >= PROGRESS_INTERVAL:
            self._last_call = now
            # A size hint may be off; never show more done than total.
            total = self._total if self._total is None or done <= self._total else None
            self._callback(done, total, self._name)

    def finish(self, done: int) -> None:
        if self._callback is not None:
            self._callback(done, done, self._name)


# -- error messages -----------------------------------------------------------------------------


def _http_failure(error: urllib.error.HTTPError, name: str, url: str) -> str:
    status = f"HTTP {error.code}{f' {error.reason}' if error.reason else ''}"
    if error.code == 404:
        return f"{name} not found (HTTP 404) at {url}"
    if error.code >= 500:
        return f"server error ({status}) while downloading {name} from {url}; try again later"
    return f"the server refused {name} ({status}) at {url}"


def _network_failure(error: BaseException, name: str, url: str, timeout: float) -> str:
    host = urllib.parse.urlsplit(url).netloc
    if isinstance(error, TimeoutError):
        return f"timed out: {host} sent nothing for {timeout:g} s while downloading {name} ({url})"
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {host} while downloading {name} ({url})"
    if isinstance(error, ConnectionError | http.client.IncompleteRead):
        return (
            f"the connection to {host} was reset or dropped while downloading {name} ({url}); "
            "the partial file was discarded"
        )
    if isinstance(error, socket.gaierror):
        return f"cannot find the server {host} (no internet connection?) for {name} ({url})"
    if isinstance(error, http.client.InvalidURL):
        return f"cannot download {name}: {url} is not a valid address ({error})"
    if isinstance(error, http.client.HTTPException):
        return f"{host} sent an invalid response for {name} ({url}): {error!r}"
    detail = _os_reason(error) if isinstance(error, OSError) else str(error)
    return f"network error while downloading {name} from {url}: {detail}"


def _disk_failure(error: OSError, target: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"the disk is full while saving {target}; the partial file was discarded"
    return f"cannot save {target}: {_os_reason(error)}"


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


# -- cancel-aware HTTP ----------------------------------------------------------------------------
#
# http.client reads a response through socket.makefile(), which refuses to read again after a
# single socket timeout. So a short timeout (to look at the cancel flag often) would end the
# download at the first pause, and a long one would leave a cancel unnoticed for that long.
# These classes give each response a reader that waits in POLL_INTERVAL steps instead: it looks
# at the flag between steps and gives up only after ``timeout`` seconds without a byte. The
# rest (redirects, proxies, TLS, chunked bodies) is urllib's own.


@dataclass
class _Watch:
    """What a download is waiting under: the cancel flag and the silence it tolerates."""

    cancel: Cancellable | None
    silence_limit: float
    cancelled_message: str

    def check(self) -> None:
        _check_cancel(self.cancel, self.cancelled_message)


def _check_cancel(cancel: Cancellable | None, message: str) -> None:
    if cancel is not None and cancel.is_set():
        raise DownloadCancelled(message)


class _PatientSocketReader(io.RawIOBase):
    """A socket's incoming bytes, waited for in short steps with the cancel flag checked."""

    def __init__(self, sock: socket.socket, watch: _Watch) -> None:
        super().__init__()
        self._sock = sock
        self._watch = watch
        # Holding a makefile() keeps the socket open after http.client closes its own reference
        # (as it does once the response headers are in); closing this lets it go.
        self._keep_open = sock.makefile("rb", buffering=0)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._sock.fileno()

    def readinto(self, buffer: memoryview) -> int:
        silent_since = time.monotonic()
        while True:
            self._watch.check()
            previous_timeout = self._sock.gettimeout()
            self._sock.settimeout(POLL_INTERVAL)
            try:
                return self._sock.recv_into(buffer)
            except TimeoutError:
                if time.monotonic() - silent_since >= self._watch.silence_limit:
                    raise
            finally:
                self._sock.settimeout(previous_timeout)

    def close(self) -> None:
        if not self.closed:
            self._keep_open.close()
        super().close()


class _PatientResponse(http.client.HTTPResponse):
    """An HTTP response read through a _PatientSocketReader instead of socket.makefile()."""

    def __init__(self, sock: socket.socket, *args: object, watch: _Watch, **kwargs: object):
        super().__init__(sock, *args, **kwargs)
        self.fp.close()
        self.fp = io.BufferedReader(_PatientSocketReader(sock, watch))


class _PatientHandlerMixin:
    """Makes urllib's connections build their responses with a patient reader."""

    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self._watch = watch

    def do_open(self, http_class, request, **kwargs):
        def connect(*args, **connection_kwargs):
            connection = http_class(*args, **connection_kwargs)
            connection.response_class = functools.partial(_PatientResponse, watch=self._watch)
            return connection

        self._watch.check()
        return super().do_open(connect, request, **kwargs)


class _PatientHTTPHandler(_PatientHandlerMixin, urllib.request.HTTPHandler):
    pass


class _PatientHTTPSHandler(_PatientHandlerMixin, urllib.request.HTTPSHandler):
    pass
