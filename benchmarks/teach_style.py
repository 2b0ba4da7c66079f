"""Teaching a new style: ten drawings and a minute of training at the default speed.

A style MNIST lacks is drawn programmatically as pad canvases (QPainter, the pad's round
pen), each drawing different: the control points jitter, the digit slants, its size, place
and pen vary. Styles: ``one`` (a 1 with a flag and a foot, as many European schools teach
it) and ``seven`` (a crossed 7). For each weight, from the shipped 784-16-16-10 model:
ten drawings are added to the bundled training set as "Teach it" adds them
(``app.training.on_data.with_drawings``), and the app's lesson training runs for one minute
at the default speed (``DEFAULT_SPEED`` mini-batch steps a second, the app's
``LESSON_HYPERPARAMETERS``). Reported: the style's 200 held-out drawings read right, before
and after, and the validation accuracy before and after (target: ≥ 80 % and a drop ≤ 1
point), and the MNIST test set's before and after (a steadier measure of what is forgotten).
Weight 0 runs the same minute without drawings: what training on from the pretrained
weights at the lesson's η = 3 costs by itself. Asserts nothing.

    QT_QPA_PLATFORM=offscreen python benchmarks/teach_style.py [--weights 1 10 30 100]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

from app import PRETRAINED_MODEL
from app.core.model_file import load_model_file
from app.data.datasets import load_bundled, to_inputs
from app.data.idx import load_idx_folder
from app.data.preprocess import preprocess_digit
from app.training.on_data import TAUGHT_WEIGHT, trainer_on, with_drawings
from app.ui.application import LESSON_HYPERPARAMETERS
from app.ui.controls.run_box import DEFAULT_SPEED

CANVAS = 280
MNIST_TEST_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mnist"
#: Each style: its label and strokes as (row, col) points in a unit box.
STYLES = {
    "one": (1, [[(0.3, 0.15), (0.0, 0.6), (1.0, 0.55)], [(1.0, 0.15), (1.0, 0.95)]]),
    "seven": (7, [[(0.0, 0.0), (0.0, 1.0), (1.0, 0.35)], [(0.52, 0.3), (0.52, 0.95)]]),
}
TAUGHT = 10
HELD_OUT = 200
MINUTE_S = 60


def style_drawings(style: str, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` drawings of ``style`` as the network's inputs (count, 784)."""
    _label, strokes = STYLES[style]
    out = []
    for _ in range(count):
        height = rng.uniform(110, 200)
        width = height * rng.uniform(0.5, 0.8)
        slant = rng.uniform(-0.2, 0.2)
        top = rng.uniform(20, CANVAS - 20 - height)
        left = rng.uniform(10 + height * 0.1, CANVAS - 10 - width - height * 0.1)
        image = QImage(CANVAS, CANVAS, QImage.Format.Format_Grayscale8)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(0, 0, 0), rng.uniform(14, 26), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)
        for stroke in strokes:
            points = np.array(stroke) + rng.normal(0, 0.04, (len(stroke), 2))
            rows = top + points[:, 0] * height
            cols = left + points[:, 1] * width + slant * (top + height / 2 - rows)
            painter.drawPolyline([QPointF(c, r) for r, c in zip(rows, cols, strict=True)])
        painter.end()
        bits = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
        canvas = bits.reshape(CANVAS, image.bytesPerLine())[:, :CANVAS]
        out.append(preprocess_digit(canvas).reshape(-1))
    return np.array(out)


def teach(network_path: Path, style: str, weight: float, seed: int) -> dict[str, float]:
    """One teaching run; accuracies before and after, as shares."""
    label, _strokes = STYLES[style]
    rng = np.random.default_rng([seed, list(STYLES).index(style)])
    taught = style_drawings(style, TAUGHT, rng)
    held_out = style_drawings(style, HELD_OUT, rng)
    data = load_bundled()
    trainer = trainer_on(data, load_model_file(network_path).network(), LESSON_HYPERPARAMETERS)
    if weight > 0:  # weight 0: the same minute without drawings, for comparison
        images, labels = list(taught.astype(np.float32)), [label] * TAUGHT
        x, y = with_drawings(trainer.train_x, trainer.train_y, images, labels, weight)
        trainer.set_data(x, y, trainer.val_x, trainer.val_y)
    held_y = np.full(HELD_OUT, label)
    sets = {"style": (held_out, held_y), "val": (trainer.val_x, trainer.val_y), **test_set()}
    result = {f"{k}_before": trainer.network.evaluate(*xy)[1] for k, xy in sets.items()}
    for _ in range(DEFAULT_SPEED * MINUTE_S):
        trainer.step_batch()
    result.update({f"{k}_after": trainer.network.evaluate(*xy)[1] for k, xy in sets.items()})
    return result


def test_set() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The MNIST test set as a steadier yardstick than 500 validation digits, if present."""
    if not (MNIST_TEST_DIR / "t10k-images-idx3-ubyte.gz").exists():
        return {}
    images, labels = load_idx_folder(MNIST_TEST_DIR, "t10k")
    return {"test": (to_inputs(images).astype(np.float64), labels)}


def report(weights: list[float], seeds: int, model: Path = PRETRAINED_MODEL) -> None:
    steps = DEFAULT_SPEED * MINUTE_S
    print(
        f"teach a style: {TAUGHT} drawings, {steps} steps of {LESSON_HYPERPARAMETERS.batch_size} "
        f"({DEFAULT_SPEED} steps/s for {MINUTE_S} s), {model.name}, {seeds} seeds; "
        f"mean (min-max) over seeds, in %"
    )
    for style in STYLES:
        for weight in weights:
            runs = [teach(model, style, weight, seed) for seed in range(seeds)]

            def cell(key: str, runs=runs) -> str:
                values = 100 * np.array([r[key] for r in runs])
                return f"{values.mean():5.1f} ({values.min():.0f}-{values.max():.0f})"

            drop = 100 * np.array([r["val_before"] - r["val_after"] for r in runs])
            test = ""
            if "test_after" in runs[0]:
                test = f"   MNIST test {cell('test_before')} -> {cell('test_after')}"
            print(
                f"{style:6s} weight {weight:5g}: style {cell('style_before')} -> "
                f"{cell('style_after')}   validation {cell('val_before')} -> "
                f"{cell('val_after')} drop {drop.mean():+.1f} (max {drop.max():+.1f}){test}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--weights", nargs="*", type=float, default=[0, 1, TAUGHT_WEIGHT], help="0: no drawings"
    )
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--model", type=Path, default=PRETRAINED_MODEL)
    args = parser.parse_args()
    _app = QGuiApplication.instance() or QGuiApplication([])
    report(args.weights, args.seeds, args.model)


if __name__ == "__main__":
    main()
