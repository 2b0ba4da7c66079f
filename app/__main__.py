"""``python -m app``: the window (``--lesson NAME|FILE``: a guided lesson on the stage);
``python -m app train|evaluate|classify|export-scene``: the command line."""

from __future__ import annotations

import os
import sys

# One BLAS thread, set before numpy loads: the matrices here are small, and with the training
# worker busy a second BLAS thread only fights it for the other core, making a drawing's
# preprocessing ~8× slower (measured: ~2 ms → ~16 ms). Training speed does not change.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] == "--lesson":
        from app.ui.application import run_window

        if argv and len(argv) != 2:
            print("backprop-lab: --lesson takes one lesson: a name or a file", file=sys.stderr)
            return 2
        return run_window(lesson=argv[1] if argv else None)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
