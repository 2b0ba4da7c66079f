"""``python -m app``: the window; ``python -m app train|evaluate|classify``: the command line."""

from __future__ import annotations

import os
import sys

# One BLAS thread, set before numpy loads: the matrices here are small, and with the training
# worker busy a second BLAS thread only fights it for the other core, making a drawing's
# preprocessing ~8× slower (measured: ~2 ms → ~16 ms). Training speed does not change.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from app.ui.application import run_window

        return run_window()
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
