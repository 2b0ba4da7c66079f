"""How well the shipped models read digits drawn on the pad, against the same digits as 28×28.

Real MNIST test digits are redrawn as the drawing pad draws: each digit is thinned to its
centre line (Zhang-Suen thinning of the digit enlarged 4×), and that line is painted with
QPainter on a 280×280 white canvas, with a round-capped antialiased pen as the pad's
(``app.ui.drawing_pad._paint_stroke``). The canvas then takes the pad's own way to the
network (``preprocess_digit``, as ``app.ui.drawing_reader``). One variation at a time, then
all together:

* ``pad``       the reference drawing: 200 px tall (the pad's guide), centred, upright, the
                pad's 20 px pen;
* ``size``      the longer side 60 to 260 px, same 20 px pen (a small digit comes out bold);
* ``position``  the 200 px digit anywhere on the canvas (off-centre);
* ``rotation``  turned up to ±15°;
* ``width``     pen 6 to 40 px (thin to thick: 0.6 to 4 px at MNIST's scale);
* ``soft``      soft ink: the stroke blurred by a quarter of the pen's width and 50-100 % dark
                (a brush or a pencil photo) instead of the hard pen;
* ``all``       all of these at once (the pen 3 % to 20 % of the size, as in ``width``).

Reported per model shipped in ``app/resources/models``: the accuracy on the canvases, on
the same digits as 28×28 originals, and the gap (canvas − original, points). With
``--teach`` it also runs the teach-a-style experiment (see ``teach_style``). Asserts nothing.

    QT_QPA_PLATFORM=offscreen python benchmarks/drawn_digits.py [--count 2000] [--teach]
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

from app import RESOURCES_DIR
from app.core.model_file import load_model_file
from app.data.datasets import to_inputs
from app.data.idx import load_idx_folder
from app.data.preprocess import preprocess_digit

MNIST_TEST_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"
CANVAS = 280
#: The pad's pen (DEFAULT_BRUSH_WIDTH) and guide (200 px box).
PAD_PEN = 20.0
PAD_SIZE = 200.0
#: Thinning works on the digit enlarged this many times: centre lines at 1/4 MNIST pixel.
UPSAMPLE = 4

VARIATIONS = ("pad", "size", "position", "rotation", "width", "soft", "all")


def centre_line(image: np.ndarray) -> np.ndarray:
    """The centre line of a digit (28, 28) uint8: (K, 2) points (row, col) in 28-px units."""
    side = image.shape[0]
    n = side * UPSAMPLE
    # Bilinear enlargement (separable): output pixel centres mapped back onto the source.
    src = (np.arange(n) + 0.5) / UPSAMPLE - 0.5
    lo = np.clip(np.floor(src).astype(int), 0, side - 1)
    hi = np.clip(lo + 1, 0, side - 1)
    frac = np.clip(src - lo, 0.0, 1.0)
    m = np.zeros((n, side))
    m[np.arange(n), lo] += 1 - frac
    m[np.arange(n), hi] += frac
    big = m @ (image.astype(np.float64) / 255.0) @ m.T
    skeleton = zhang_suen(big > 0.4)
    rows, cols = np.nonzero(skeleton)
    return np.column_stack([(rows + 0.5) / UPSAMPLE - 0.5, (cols + 0.5) / UPSAMPLE - 0.5])


def zhang_suen(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean image: a one-pixel-wide centre line (bool, same shape)."""
    img = np.pad(mask.astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            p = img
            n2, n3, n4 = p[:-2, 1:-1], p[:-2, 2:], p[1:-1, 2:]
            n5, n6, n7 = p[2:, 2:], p[2:, 1:-1], p[2:, :-2]
            n8, n9 = p[1:-1, :-2], p[:-2, :-2]
            ring = [n2, n3, n4, n5, n6, n7, n8, n9, n2]
            count = n2 + n3 + n4 + n5 + n6 + n7 + n8 + n9
            turns = sum(((a == 0) & (b == 1)).astype(np.uint8) for a, b in itertools.pairwise(ring))
            if step == 0:
                c1, c2 = n2 * n4 * n6, n4 * n6 * n8
            else:
                c1, c2 = n2 * n4 * n8, n2 * n6 * n8
            remove = (p[1:-1, 1:-1] == 1) & (count >= 2) & (count <= 6) & (turns == 1)
            remove &= (c1 == 0) & (c2 == 0)
            if remove.any():
                img[1:-1, 1:-1][remove] = 0
                changed = True
        if not changed:
            return img[1:-1, 1:-1].astype(bool)


def segments(points: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of centre-line points that are 8-neighbours on the 4× grid (each pair once)."""
    grid = {(round(r * UPSAMPLE), round(c * UPSAMPLE)): i for i, (r, c) in enumerate(points)}
    pairs = []
    for (r, c), i in grid.items():
        for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):
            j = grid.get((r + dr, c + dc))
            if j is not None:
                pairs.append((i, j))
    return pairs


def draw(points, pairs, size, pen, angle_deg, offset, soft, rng) -> np.ndarray:
    """Paint a centre line as the pad would: uint8 (280, 280), paper 255, ink 0.

    The line is turned by ``angle_deg``, scaled so the drawn digit's longer side (pen
    included) is ``size`` px, and its box centred at the canvas centre plus ``offset``.
    """
    a = np.deg2rad(angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    p = (points - points.mean(axis=0)) @ rot.T
    extent = float((p.max(axis=0) - p.min(axis=0)).max())
    k = max(size - pen, 1.0) / max(extent, 1e-6)
    p = p * k
    p -= (p.max(axis=0) + p.min(axis=0)) / 2
    p += CANVAS / 2 + np.asarray(offset)
    image = QImage(CANVAS, CANVAS, QImage.Format.Format_Grayscale8)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(
        QPen(QColor(0, 0, 0), pen, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
             Qt.PenJoinStyle.RoundJoin)
    )  # fmt: skip
    painter.drawLines([QLineF(p[i, 1], p[i, 0], p[j, 1], p[j, 0]) for i, j in pairs])
    painter.drawPoints([QPointF(c, r) for r, c in p])  # lone points and the line's ends
    painter.end()
    rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    canvas = rows.reshape(CANVAS, image.bytesPerLine())[:, :CANVAS].astype(np.float64)
    if soft:
        ink = blur(1.0 - canvas / 255.0, pen / 4)
        canvas = 255.0 * (1.0 - ink / max(ink.max(), 1e-9) * rng.uniform(0.5, 1.0))
    return np.clip(np.round(canvas), 0, 255).astype(np.uint8)


def blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur, zero outside."""
    radius = max(1, int(3 * sigma))
    x = np.arange(-radius, radius + 1)
    kernel = np.exp(-0.5 * (x / sigma) ** 2)
    kernel /= kernel.sum()
    n = image.shape[0]
    m = np.zeros((n, n))
    for shift, w in zip(x, kernel, strict=True):
        m += w * np.eye(n, k=int(shift))
    return m @ image @ m.T


def variation_params(name: str, rng: np.random.Generator) -> dict:
    """One drawing's size, pen, angle, offset and ink for variation ``name``."""
    size, pen, angle, soft = PAD_SIZE, PAD_PEN, 0.0, False
    place = False
    if name in ("size", "all"):
        size = rng.uniform(60, 260)
    if name == "width":
        pen = rng.uniform(6, 40)
    if name == "all":
        pen = size * rng.uniform(0.03, 0.20)
    if name in ("rotation", "all"):
        angle = rng.uniform(-15, 15)
    if name == "soft" or (name == "all" and rng.random() < 0.5):
        soft = True
    if name in ("position", "all"):
        place = True
    # Off-centre: anywhere the digit's box (with room for the turn) stays on the canvas.
    room = max(0.0, (CANVAS - 8 - size * 1.15) / 2) if place else 0.0
    offset = rng.uniform(-room, room, 2)
    return {"size": size, "pen": pen, "angle_deg": angle, "offset": offset, "soft": soft}


def canvases(images: np.ndarray, name: str, seed: int, normalise: bool = True) -> np.ndarray:
    """The network's inputs (N, 784) for ``images`` (N, 28, 28) drawn with variation ``name``."""
    rng = np.random.default_rng([seed, VARIATIONS.index(name)])
    out = np.zeros((len(images), 784))
    for n, image in enumerate(images):
        points = centre_line(image)
        if len(points) == 0:
            continue
        canvas = draw(points, segments(points), rng=rng, **variation_params(name, rng))
        field = preprocess_digit(canvas, normalise_width=normalise)
        if field is not None:
            out[n] = field.reshape(-1)
    return out


def shipped_models() -> list[Path]:
    return sorted((RESOURCES_DIR / "models").glob("*.npz"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="test digits (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--models", nargs="*", type=Path, default=None)
    parser.add_argument("--variations", nargs="*", default=list(VARIATIONS))
    parser.add_argument(
        "--no-width", action="store_true", help="preprocess without normalising stroke width"
    )
    parser.add_argument("--teach", action="store_true", help="also the teach-a-style experiment")
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication([])
    print(f"load average {os.getloadavg()[0]:.2f}")
    images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
    pick = np.random.default_rng(args.seed).permutation(len(labels))[: args.count]
    images, labels = images[pick], labels[pick]
    models = {p.name: load_model_file(p).network() for p in (args.models or shipped_models())}
    originals = to_inputs(images).astype(np.float64)
    base = {m: net.evaluate(originals, labels)[1] for m, net in models.items()}
    print(f"{args.count} MNIST test digits (seed {args.seed}); accuracy %, gap in points")
    print(f"{'variation':10s} " + " ".join(f"{m:>28s}" for m in models))
    print(f"{'28x28':10s} " + " ".join(f"{100 * base[m]:27.2f} " for m in models))
    for name in args.variations:
        start = time.perf_counter()
        x = canvases(images, name, args.seed, normalise=not args.no_width)
        cells = []
        for m, net in models.items():
            acc = net.evaluate(x, labels)[1]
            cells.append(f"{100 * acc:6.2f} ({100 * (acc - base[m]):+6.2f})".rjust(28))
        took = time.perf_counter() - start
        print(f"{name:10s} " + " ".join(cells) + f"   [{took:.0f} s]", flush=True)
    if args.teach:
        from benchmarks.teach_style import TAUGHT_WEIGHT, report

        report([0, 1, TAUGHT_WEIGHT], seeds=3)


if __name__ == "__main__":
    main()
