"""The bundle's entry point: ``backprop-lab`` with no Python installed (PyInstaller).

It only calls ``app.__main__.main`` (no arguments: the window; ``train|evaluate|classify …``:
the command line) and exits with its code, so the bundle behaves exactly as the installed app.

One addition, for the build script's smoke test and nothing else: when the environment
variable ``BACKPROP_LAB_QUIT_AFTER_S`` is set to a number of seconds and the window is opened,
the window is asked to close that long after it is up (its event loop has started), the way
closing it by hand would: ``QApplication.quit()`` closes the windows, so the session is saved
and its lock released, and the exit code is the window's. Unset (the normal case), nothing
here differs from ``backprop-lab``. The app itself (app/) knows nothing of it.
"""

from __future__ import annotations

import os
import sys

QUIT_AFTER_VARIABLE = "BACKPROP_LAB_QUIT_AFTER_S"


def _quit_after(seconds: float) -> None:
    """Make the application now, and ask it to quit ``seconds`` after its event loop starts
    (that is, once the window is built and shown)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    # The same QApplication run_window would make (it takes the existing one); made here
    # because a timer needs the application to exist.
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    QTimer.singleShot(0, lambda: QTimer.singleShot(round(seconds * 1000), qt.quit))


def launch() -> int:
    # app.__main__ first: it sets OPENBLAS_NUM_THREADS before numpy is loaded.
    from app.__main__ import main

    quit_after = os.environ.get(QUIT_AFTER_VARIABLE)
    if quit_after and len(sys.argv) == 1:
        _quit_after(float(quit_after))
    return main()


if __name__ == "__main__":
    sys.exit(launch())
