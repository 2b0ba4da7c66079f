"""Fuzzing the settings file: whatever it holds, the window reads defaults, never a crash.

Ini files are generated from the keys the window writes, with values that are numbers, words,
junk, Qt's own ``@ByteArray(…)`` and ``@Variant(…)`` encodings of random bytes, and whole files
of random bytes. CI runs a modest number of examples; BACKPROP_LAB_FUZZ_EXAMPLES raises it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.core.training import Hyperparameters
from app.ui.preferences import read_preferences

EXAMPLES = int(os.environ.get("BACKPROP_LAB_FUZZ_EXAMPLES", "150"))
KEYS = [
    "window/geometry",
    "window/splitter",
    "training/learning_rate",
    "training/batch_size",
    "training/optimizer",
    "training/speed_index",
    "language",
]


def _escaped(data: bytes) -> str:
    return "".join(chr(b) if 32 <= b < 127 and chr(b) not in '\\"' else f"\\x{b:02x}" for b in data)


values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["gd", "adam", "momentum", "", "true", "@Invalid()", "1e999", "-0"]),
    st.text(max_size=30).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
    st.binary(max_size=80).map(lambda b: f"@ByteArray({_escaped(b)})"),
    st.binary(max_size=80).map(lambda b: f"@Variant({_escaped(b)})"),
)
lines = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=10)


def ini_text(pairs) -> str:
    sections: dict[str, list[str]] = {}
    for key, value in pairs:
        section, _, name = key.rpartition("/")
        sections.setdefault(section or "General", []).append(f"{name}={value}")
    return "\n".join(f"[{s}]\n" + "\n".join(body) for s, body in sections.items()) + "\n"


@pytest.fixture(scope="module")
def window(qapp):
    win = QMainWindow()
    win.setCentralWidget(QSplitter())
    yield win
    win.deleteLater()


# QSettings warns about the junk it skips; here that is what is being tested.
@pytest.mark.qt_log_level_fail("CRITICAL")
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=lines.map(ini_text).map(str.encode) | st.binary(max_size=400))
def test_any_settings_file_reads_as_valid_preferences_or_defaults(window, content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.ini"
        path.write_bytes(content)
        saved = read_preferences(QSettings(str(path), QSettings.Format.IniFormat))
    if saved.hyper is not None:
        assert isinstance(saved.hyper, Hyperparameters)
    if saved.speed_index is not None:
        assert 0 <= saved.speed_index < 10**10
    # The window's restore path with whatever bytes came out: refused or applied, no crash.
    if saved.geometry is not None:
        window.restoreGeometry(saved.geometry)
    if saved.splitter is not None:
        window.centralWidget().restoreState(saved.splitter)


def test_values_the_window_wrote_are_read_back(tmp_path, window):
    path = tmp_path / "settings.ini"
    written = QSettings(str(path), QSettings.Format.IniFormat)
    written.setValue("window/geometry", window.saveGeometry())
    written.setValue("training/learning_rate", 0.3)
    written.setValue("training/batch_size", 32)
    written.setValue("training/optimizer", "adam")
    written.setValue("training/speed_index", 4)
    written.sync()
    saved = read_preferences(QSettings(str(path), QSettings.Format.IniFormat))
    assert saved.hyper == Hyperparameters(learning_rate=0.3, batch_size=32, optimizer="adam")
    assert saved.speed_index == 4
    assert saved.geometry == window.saveGeometry()
