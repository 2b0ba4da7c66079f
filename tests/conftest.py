"""Fixtures shared across test files.

``mirror`` serves small MNIST-named IDX files from a local HTTP server on 127.0.0.1 (see
tests/test_download.py). ``window`` is the real main window with the pretrained model and the
bundled data, its training thread running, settings in a temporary file.
"""

import pytest
from PySide6.QtCore import QSettings

from tests.test_download import generated, mirror  # noqa: F401 (fixtures, re-exported)


@pytest.fixture
def window(qtbot, tmp_path):
    from app.ui.application import build_training
    from app.ui.main_window import MainWindow

    training, problem = build_training()
    assert problem is None
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(training, settings)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.show()
    training.start()
    qtbot.wait_until(lambda: win._snapshot is not None, timeout=5000)
    yield win
    win.close()
    assert not training.thread.isRunning(), "closing the window left training running"
    collect_qt_garbage()


def collect_qt_garbage() -> None:
    """Collect a closed window's reference cycles here, in the GUI thread. Left to the
    cyclic collector they may be freed in whichever thread allocates next: a landscape job
    thread destroying a Qt object (and waiting for the GIL) while the GUI thread, holding the
    GIL, waited for that object's lock hung the suite once (py-spy: QObject::~QObject in both).
    """
    import gc

    gc.collect()
