"""Build the no-Python bundle with PyInstaller, then check that it works.

    python scripts/build_bundle.py                  # build into dist/bundle/, then smoke-test
    python scripts/build_bundle.py --skip-build     # only smoke-test the bundle already there
    python scripts/build_bundle.py --clean          # rebuild from scratch (PyInstaller --clean)

Run it with a Python that has PyInstaller and the app's dependencies, in a venv of its own
(not the development one): ``python -m venv bundle-venv``, then ``bundle-venv/bin/pip install
pyinstaller .`` (Windows: ``bundle-venv\\Scripts\\pip``), then ``bundle-venv/bin/python
scripts/build_bundle.py``. PyInstaller builds for the system it runs on; the spec
(packaging/backprop_lab.spec) is the same on Linux, Windows and macOS. The result is the folder
``dist/bundle/backprop-lab/``: copy the whole folder; its ``backprop-lab`` executable is the app.

The smoke test runs the bundle as a teacher's machine would, with no Python on the PATH (PATH
is an empty folder plus the bundle's own), no PYTHON* variables, and its own empty data folder
(BACKPROP_LAB_DATA) and, on Linux, settings folder (XDG_CONFIG_HOME), so your sessions and
settings are not touched (on Windows and macOS Qt keeps settings in the registry and in
cfprefsd, which no variable moves: the window run may mark the guided tour as seen there):

1. contents: the app's files are in (digits, model, .qm) and the .ts source and the excluded
   Qt modules are not;
2. window: opens offscreen (QT_QPA_PLATFORM=offscreen), is still running after 5 s, then
   closes the way a user closes it (``BACKPROP_LAB_QUIT_AFTER_S``, see packaging/launch.py):
   exit code 0, the session saved on close and its lock released;
3. evaluate: ``evaluate --data ../shared/data/mnist --json`` reaches accuracy >= 0.90
   (skipped, with a message, when that folder is absent; ``--mnist DIR`` points elsewhere);
4. classify: the 500 bundled validation digits, written as PNGs from the bundle's own data
   (black ink on white, twice MNIST's size), are read by ``classify --json``: >= 85 % right.

It prints the build time and the bundle's size on disk, and exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "backprop_lab.spec"
DIST = ROOT / "dist" / "bundle"
WORK = ROOT / "build" / "bundle"
NAME = "backprop-lab"
BUNDLE = DIST / NAME
DEFAULT_MNIST = ROOT.parent / "shared" / "data" / "mnist"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
#: The window's executable; on Windows it has no console, so the command line has its own.
WINDOW_EXE = BUNDLE / f"{NAME}{EXE_SUFFIX}"
CLI_EXE = BUNDLE / (f"{NAME}-cli.exe" if WINDOWS else NAME)

MIN_ACCURACY = 0.90
#: Of the 500 bundled validation digits classify reads as PNG files, at least this share must
#: come out right (the pretrained model reads 92 % of MNIST's test set and 91 % of these).
MIN_CLASSIFIED_SHARE = 0.85
VALIDATION_PER_DIGIT = 50
#: The app's run-time files, as paths inside the bundle's app package (pyproject's package-data).
APP_FILES = (
    "resources/data/mnist-5k-images-idx3-ubyte.gz",
    "resources/data/mnist-5k-labels-idx1-ubyte.gz",
    "resources/data/README.md",
    "resources/models/pretrained.npz",
    "resources/lessons/how_a_network_learns.toml",
    "resources/lessons/gradient_descent.toml",
    "resources/translations/backprop_lab_zh_TW.qm",
)
#: Qt modules the spec leaves out: none of them may be in the bundle.
EXCLUDED_QT = ("QtNetwork", "QtTest", "QtDBus", "QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore")


class Report:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def line(self, status: str, check: str, detail: str) -> None:
        print(f"{status:4}  {check:9} {detail}", flush=True)
        if status == "FAIL":
            self.failed.append(check)

    def check(self, ok: bool, check: str, detail: str) -> bool:
        self.line("PASS" if ok else "FAIL", check, detail)
        return ok


# -- build -------------------------------------------------------------------------------------


def preflight() -> None:
    """The build Python must have PyInstaller, and a PySide6 that works (not 6.12.0)."""
    try:
        pyinstaller = importlib.metadata.version("pyinstaller")
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"PyInstaller is not installed for {sys.executable}: pip install pyinstaller .")
    pyside = None
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            pyside = importlib.metadata.version(dist)
            break
        except importlib.metadata.PackageNotFoundError:
            continue
    if pyside is None:
        sys.exit(f"PySide6 is not installed for {sys.executable}: pip install pyinstaller .")
    if pyside == "6.12.0":
        # pyproject excludes it: it aborts the interpreter after a few thousand signal emits.
        sys.exit(
            "PySide6 6.12.0 must not be bundled (see pyproject.toml): "
            "pip install 'PySide6-Essentials!=6.12.0'"
        )
    print(
        f"Python {sys.version.split()[0]}, PyInstaller {pyinstaller}, PySide6 {pyside}", flush=True
    )


def build(clean: bool) -> float:
    WORK.mkdir(parents=True, exist_ok=True)
    log = WORK / "pyinstaller.log"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(DIST),
               "--workpath", str(WORK), str(SPEC)]  # fmt: skip
    if clean:
        command.insert(3, "--clean")
    print("building:", " ".join(command), flush=True)
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(log.read_text(encoding="utf-8", errors="replace")[-4000:], file=sys.stderr)
        sys.exit(f"PyInstaller failed (exit {done.returncode}); the whole log: {log}")
    print(f"built in {seconds:.1f} s (log: {log.relative_to(ROOT)})", flush=True)
    return seconds


def size_on_disk(folder: Path) -> tuple[int, int]:
    """Bytes the folder takes on disk (allocated blocks where the system says, as du does)."""
    total = files = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            st = os.lstat(os.path.join(dirpath, name))
            blocks = getattr(st, "st_blocks", None)
            total += blocks * 512 if blocks is not None else st.st_size
            files += 1
    return total, files


# -- the checks --------------------------------------------------------------------------------


def app_package(bundle: Path) -> Path | None:
    """The bundled ``app`` package (``_internal/app`` in a one-folder PyInstaller 6 build)."""
    for candidate in (bundle / "_internal" / "app", bundle / "app"):
        if (candidate / "resources").is_dir():
            return candidate
    return None


def check_contents(report: Report) -> Path | None:
    app = app_package(BUNDLE)
    if app is None:
        report.check(False, "contents", f"no app/resources in {BUNDLE}")
        return None
    missing = [f for f in APP_FILES if not (app / f).is_file()]
    sources = sorted(str(p.relative_to(BUNDLE)) for p in app.rglob("*.ts"))
    # the Python modules (QtCore.abi3.so, QtCore.pyd), not pyqtgraph's QtTest.pyi stubs
    qt_modules = {p.name.split(".")[0] for p in BUNDLE.rglob("Qt*") if p.suffix in (".so", ".pyd")}
    excluded_found = sorted(set(EXCLUDED_QT) & qt_modules)
    gtk = sorted(p.name for p in BUNDLE.rglob("libgtk-3*"))
    ok = not (missing or sources or excluded_found or gtk)
    detail = (
        "app files in, no .ts, no excluded Qt modules"
        if ok
        else f"missing {missing}, .ts {sources}, excluded Qt modules {excluded_found}, GTK {gtk}"
    )
    report.check(ok, "contents", detail)
    return app


def clean_env(scratch: Path) -> dict[str, str]:
    """An environment with no Python on the PATH and its own empty data and settings folders."""
    empty = scratch / "empty-bin"
    empty.mkdir()
    env = {
        "PATH": os.pathsep.join([str(empty), str(BUNDLE)]),
        "BACKPROP_LAB_DATA": str(scratch / "data"),
    }
    if WINDOWS:
        # What any Windows program needs. APPDATA and LOCALAPPDATA are set apart, but Qt asks
        # Windows itself for its folders, and QSettings lives in the registry
        # (HKCU\Software\BackpropLab): on Windows only the data folder is the test's own.
        for name in ("SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "USERPROFILE", "COMSPEC", "PATHEXT"):
            if name in os.environ:
                env[name] = os.environ[name]
        env["TEMP"] = env["TMP"] = str(scratch / "tmp")
        env["APPDATA"] = str(scratch / "appdata")
        env["LOCALAPPDATA"] = str(scratch / "localappdata")
    else:
        runtime = scratch / "runtime"
        runtime.mkdir(mode=0o700)
        env.update(
            HOME=str(scratch / "home"),  # macOS keeps QSettings in cfprefsd, by user, not HOME
            XDG_CONFIG_HOME=str(scratch / "config"),  # QSettings on Linux
            XDG_DATA_HOME=str(scratch / "share"),
            XDG_CACHE_HOME=str(scratch / "cache"),
            XDG_RUNTIME_DIR=str(runtime),
            LANG="en_US.UTF-8" if sys.platform == "darwin" else "C.UTF-8",
            TMPDIR=str(scratch / "tmp"),
        )
    for name in ("home", "tmp", "appdata", "localappdata"):
        (scratch / name).mkdir(exist_ok=True)
    for python in ("python3", "python", "py"):
        found = shutil.which(python, path=env["PATH"])
        if found:
            sys.exit(f"the smoke test's PATH must hold no Python, but has {found}")
    return env


def run_cli(args: list[str], env: dict[str, str], cwd: Path, timeout: float):
    return subprocess.run(
        [str(CLI_EXE), *args], env=env, cwd=cwd, capture_output=True, text=True,
        encoding="utf-8", errors="replace", timeout=timeout,
    )  # fmt: skip


def check_window(report: Report, env: dict[str, str], scratch: Path, seconds: float) -> None:
    env = dict(env, QT_QPA_PLATFORM="offscreen", BACKPROP_LAB_QUIT_AFTER_S=str(seconds))
    out, err = scratch / "window.out", scratch / "window.err"
    start = time.monotonic()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        process = subprocess.Popen([str(WINDOW_EXE)], env=env, cwd=scratch, stdout=stdout,
                                   stderr=stderr)  # fmt: skip
        while time.monotonic() - start < seconds and process.poll() is None:
            time.sleep(0.1)
        alive = process.poll() is None
        try:
            code = process.wait(timeout=60 + seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = None
    lived = time.monotonic() - start
    errors = err.read_text(errors="replace")
    session = Path(env["BACKPROP_LAB_DATA"]) / "session"
    saved = (session / "autosave.npz").is_file()
    unlocked = not (session / "running.lock").exists()
    ok = alive and code == 0 and saved and unlocked and "Traceback" not in errors
    detail = (
        f"offscreen window ran {lived:.1f} s, still up after {seconds:g} s: {alive}; "
        f"exit {code}; session saved on close: {saved}; lock released: {unlocked}"
    )
    if not ok and errors.strip():
        detail += "\n" + errors.strip()[-3000:]
    report.check(ok, "window", detail)


def check_evaluate(report: Report, env: dict[str, str], scratch: Path, mnist: Path) -> None:
    if not mnist.is_dir():
        report.line(
            "SKIP", "evaluate", f"no MNIST test set at {mnist} (--mnist DIR to point at one)"
        )
        return
    start = time.monotonic()
    done = run_cli(["evaluate", "--data", str(mnist), "--json"], env, scratch, timeout=600)
    seconds = time.monotonic() - start
    try:
        result = json.loads(done.stdout)
        accuracy, count = float(result["accuracy"]), int(result["count"])
    except (ValueError, KeyError, TypeError):
        report.check(
            False, "evaluate", f"exit {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
        return
    ok = done.returncode == 0 and accuracy >= MIN_ACCURACY
    report.check(ok, "evaluate", f"accuracy {accuracy:.4f} on {count} MNIST test images "
                 f"(needs >= {MIN_ACCURACY}), {seconds:.1f} s, no Python on PATH")  # fmt: skip


def read_idx_gz(path: Path) -> tuple[list[int], bytes, int, int]:
    """(labels or [], image bytes, rows, cols) of a gzipped IDX file, by the standard library."""
    data = gzip.decompress(path.read_bytes())
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x801:
        return list(data[8 : 8 + count]), b"", 0, 0
    rows, cols = struct.unpack(">II", data[8:16])
    return [], data[16 : 16 + count * rows * cols], rows, cols


def write_png(path: Path, pixels: bytes, width: int, height: int) -> None:
    """An 8-bit grayscale PNG, with the standard library."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    raw = b"".join(b"\0" + pixels[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))  # fmt: skip


def digit_pngs(app: Path, folder: Path, scale: int = 2) -> list[tuple[Path, int]]:
    """The bundled validation digits (the last 50 of each digit) as PNGs: black ink on white
    paper, ``scale`` times MNIST's size, the way a scanned drawing would come."""
    data = app / "resources" / "data"
    labels, _, _, _ = read_idx_gz(data / "mnist-5k-labels-idx1-ubyte.gz")
    _, images, rows, cols = read_idx_gz(data / "mnist-5k-images-idx3-ubyte.gz")
    made = []
    for digit in range(10):
        for i in [k for k, label in enumerate(labels) if label == digit][-VALIDATION_PER_DIGIT:]:
            image = images[i * rows * cols : (i + 1) * rows * cols]
            big = bytearray()
            for y in range(rows * scale):
                row = image[(y // scale) * cols : (y // scale + 1) * cols]
                big += bytes(255 - row[x // scale] for x in range(cols * scale))
            path = folder / f"digit-{digit}-{i}.png"
            write_png(path, bytes(big), cols * scale, rows * scale)
            made.append((path, digit))
    return made


def check_classify(report: Report, env: dict[str, str], scratch: Path, app: Path) -> None:
    folder = scratch / "pngs"
    folder.mkdir()
    pngs = digit_pngs(app, folder)
    start = time.monotonic()
    done = run_cli(["classify", *(str(p) for p, _ in pngs), "--json"], env, scratch, timeout=600)
    seconds = time.monotonic() - start
    try:
        read = [json.loads(line)["digit"] for line in done.stdout.splitlines() if line.strip()]
    except (ValueError, KeyError, TypeError):
        read = []
    right = sum(r == digit for r, (_, digit) in zip(read, pngs, strict=False))
    share = right / len(pngs)
    ok = done.returncode == 0 and len(read) == len(pngs) and share >= MIN_CLASSIFIED_SHARE
    detail = (
        f"{right}/{len(pngs)} PNG digits read right ({share:.1%}, needs >= "
        f"{MIN_CLASSIFIED_SHARE:.0%}), {seconds:.1f} s"
    )
    if not ok:
        detail += f"\nexit {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    report.check(ok, "classify", detail)


# -- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="only test dist/bundle/")
    parser.add_argument("--clean", action="store_true", help="PyInstaller --clean: no cache")
    parser.add_argument("--mnist", type=Path, default=DEFAULT_MNIST, help="MNIST test set folder")
    parser.add_argument("--window-seconds", type=float, default=5.0)
    args = parser.parse_args(argv)

    build_seconds = None
    if not args.skip_build:
        preflight()
        build_seconds = build(args.clean)
    if not WINDOW_EXE.is_file():
        sys.exit(f"no bundle at {BUNDLE}: build it first (without --skip-build)")

    size, files = size_on_disk(BUNDLE)
    if build_seconds is not None:
        print(f"build time: {build_seconds:.1f} s")
    print(f"bundle: {BUNDLE} ({size / 2**20:.1f} MiB on disk = {size / 1e6:.1f} MB, {files} files)")
    if sys.platform == "darwin" and (DIST / f"{NAME}.app").is_dir():
        print(f"macOS app: {DIST / f'{NAME}.app'}")

    report = Report()
    app = check_contents(report)
    with tempfile.TemporaryDirectory(prefix="backprop-lab-bundle-") as tmp:
        scratch = Path(tmp)
        env = clean_env(scratch)
        check_window(report, env, scratch, args.window_seconds)
        check_evaluate(report, env, scratch, args.mnist.resolve())
        if app is not None:
            check_classify(report, env, scratch, app)
    if report.failed:
        print(f"FAILED: {', '.join(report.failed)}")
        return 1
    print("bundle OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
