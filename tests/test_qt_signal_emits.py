"""Regression guard: PySide6 6.12.0 on Python 3.11 aborts the interpreter after a few thousand
signal emits (a reference to ``True`` is dropped on every emit: ``Fatal Python error:
bool_dealloc``). pyproject.toml excludes it; this test would catch it coming back.

The emits run in a subprocess so that an abort shows up as a failed test with its message,
not as a crashed test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

EMITS = 200_000

SCRIPT = f"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(bool)
    counted = Signal(int, object)

app = QCoreApplication([])
source = Source()
received = []
source.changed.connect(lambda flag: received.append(flag) if len(received) < 1 else None)
total = 0
def count(i, payload):
    global total
    total += 1
source.counted.connect(count)
before = sys.getrefcount(True)
for i in range({EMITS}):
    source.changed.emit(i % 2 == 0)
    source.counted.emit(i, None)
print(total, sys.getrefcount(True) - before)
"""


def test_two_hundred_thousand_signal_emits_do_not_crash_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, f"interpreter died: {result.stderr[-2000:]}"
    total, refcount_drift = map(int, result.stdout.split())
    assert total == EMITS
    # A leak or a drop of one reference per emit would show as a drift of about EMITS.
    assert abs(refcount_drift) < 1_000
