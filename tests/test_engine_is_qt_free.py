"""The engine is plain numpy: importing it (and the command line's training path) loads no Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app.core

# Every module of app/core (found, not listed, so a new one cannot slip by), and the data side.
ENGINE_MODULES = [f"app.core.{info.name}" for info in pkgutil.iter_modules(app.core.__path__)] + [
    "app.training.landscape_job",
    "app.data.idx",
    "app.data.datasets",
    "app.data.download",
    "app.data.preprocess",
    "app.core.augment",
    "app.core.damage",
]


def test_importing_the_engine_loads_no_qt():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in ENGINE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "", f"the engine imported: {out.stdout.strip()}"
