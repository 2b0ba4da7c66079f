"""The command line: the same engine as the window, without it.

    python -m app train    [--layers 784,16,16,10] [--activation sigmoid] [--loss mse]
                           [--optimizer gd] [--lr 3] [--batch-size 10] [--epochs 30]
                           [--seed 0] [--data bundled|DIR] [--out FILE]
                           [--weight-decay 0] [--lr-schedule constant|step|cosine]
                           [--lr-step-epochs 10] [--lr-step-factor 0.5]
                           [--lr-cosine-epochs 30] [--lr-cosine-floor 0.01]
                           [--augment] [--augment-shift PX] [--augment-rotation DEG]
                           [--augment-scale SHARE] [--augment-thickness PX]
                           [--augment-noise STD] [--augment-shear SHARE]
                           [--augment-elastic PX]
    python -m app evaluate [--model FILE] --data DIR [--json]
    python -m app classify IMAGE... [--model FILE] [--json]

``evaluate --json`` also gives each digit's accuracy (``per_class``, null for a digit with no
examples) and the confusion matrix (``confusion``, rows the true digit, columns the answer).
Bad arguments or unreadable files: one clear line on stderr and exit code 2. Output that
cannot be written (a closed pipe, a full disk, no stdout at all): one line on stderr and exit
code 1, and ``train`` still saves its model. Ctrl-C exits with 130, SIGTERM with 143, leaving
no half-written file. Nothing here imports Qt except reading image files for ``classify``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import numpy as np

from app import PRETRAINED_MODEL
from app.core.augment import AUGMENT_RANGES
from app.core.losses import LOSSES
from app.core.model_file import ModelFile, load_model, save_model, sweep_stale_parts
from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.optimizers import OPTIMIZER_NAMES
from app.core.training import (
    AUGMENT_FIELDS,
    DEFAULT_AUGMENTATION,
    LR_SCHEDULES,
    DivergenceError,
    Hyperparameters,
)
from app.errors import BackpropLabError

EXIT_USAGE = 2
EXIT_OUTPUT = 1
EXIT_INTERRUPTED = 128 + 2  # the shell's code for a process ended by SIGINT
#: The signals that end a run the way Ctrl-C does, unwinding so no half-written file is left.
#: SIGTERM exists on every platform (Windows only raises it from within); the others are POSIX
#: (SIGHUP: the terminal closed) or Windows (SIGBREAK: Ctrl-Break).
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGBREAK")


class CommandLineError(BackpropLabError):
    """A problem to report as one line on stderr with exit code 2."""


class Stopped(BaseException):
    """A stop signal arrived. A BaseException, like KeyboardInterrupt, so no ``except
    Exception`` on the way swallows it and every cleanup on the way runs."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


class Output:
    """Standard output for results, where writing can fail: a pipe whose reader has gone
    (``| head -1``), a full disk (``> /dev/full``), or no stdout at all (``>&-``).

    The first failure is kept in ``problem`` and later lines are dropped, so the work goes on
    (``train`` still saves its model) and ``main`` reports it once, at the end.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.problem = (
            None if stream is not None else "cannot write to standard output: it is closed"
        )

    def line(self, text: str) -> None:
        if self.problem is not None or self.stream is None:
            return
        try:
            self.stream.write(text + "\n")
            # Line by line: a failure shows here, while it can still be reported.
            self.stream.flush()
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.problem = f"cannot write to standard output: {reason}"
            if self.stream is sys.__stdout__:
                _silence(self.stream)


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (not usage plus a line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="backprop-lab", description="Backprop Lab: watch a network learn digits.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    train = sub.add_parser("train", help="train a network and save it")
    train.add_argument("--layers", default="784,16,16,10", help="layer sizes (default %(default)s)")
    train.add_argument("--activation", default="sigmoid", choices=["sigmoid", "relu", "tanh"])
    train.add_argument("--loss", default="mse", choices=list(LOSSES))
    train.add_argument("--optimizer", default="gd", choices=list(OPTIMIZER_NAMES))
    train.add_argument("--lr", type=float, default=3.0, help="learning rate (default %(default)s)")
    train.add_argument("--batch-size", type=int, default=10)
    train.add_argument("--epochs", type=int, default=30)
    train.add_argument("--seed", type=int, default=0)
    train.add_argument(
        "--data", default="bundled", help="'bundled' or a folder with MNIST train-* IDX files"
    )
    train.add_argument(
        "--weight-decay",
        type=float,
        default=0.0,
        metavar="LAMBDA",
        help="L2 weight decay λ, 0 to 1; try 1e-4 (default 0 = off)",
    )
    train.add_argument(
        "--lr-schedule",
        default="constant",
        choices=list(LR_SCHEDULES),
        help="how the learning rate changes over the epochs (default %(default)s)",
    )
    defaults = Hyperparameters()
    for flag, kind, metavar, schedule, what in (
        ("--lr-step-epochs", int, "N", "step", "multiply the rate by the factor every N epochs"),
        ("--lr-step-factor", float, "F", "step", "the factor, more than 0 and at most 1"),
        ("--lr-cosine-epochs", int, "T", "cosine", "epochs to fall from the rate to the floor"),
        ("--lr-cosine-floor", float, "F", "cosine", "the floor as a share of the rate, 0 to 1"),
    ):
        default = getattr(defaults, flag[2:].replace("-", "_"))
        train.add_argument(
            flag,
            type=kind,
            default=None,
            metavar=metavar,
            help=f"{schedule} schedule: {what} (default {default})",
        )
    train.add_argument(
        "--augment",
        action="store_true",
        help="move each training image a little every step (±2 px, ±10°, ±10 %% size); "
        "the --augment-* flags below change one range",
    )
    for augment_range in AUGMENT_RANGES:
        train.add_argument(
            f"--augment-{augment_range.name}",
            type=float,
            default=None,
            metavar=augment_range.unit,
            help=f"augmentation: {augment_range.does}, 0 to {augment_range.largest:g}",
        )
    train.add_argument("--out", type=Path, default=Path("model.npz"), help="model file to write")
    train.add_argument("--quiet", action="store_true", help="no progress bar")

    evaluate = sub.add_parser("evaluate", help="accuracy of a model on IDX files")
    evaluate.add_argument("--model", type=Path, default=PRETRAINED_MODEL)
    evaluate.add_argument("--data", type=Path, required=True, help="folder with MNIST IDX files")
    evaluate.add_argument("--json", action="store_true", help="one JSON object on stdout")

    classify = sub.add_parser("classify", help="read digits from PNG or JPEG images")
    classify.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    classify.add_argument("--model", type=Path, default=PRETRAINED_MODEL)
    classify.add_argument("--json", action="store_true", help="one JSON object per line")
    _add_export_scene(sub)
    return parser


def _add_export_scene(sub) -> None:
    export = sub.add_parser(
        "export-scene", help="a classroom scene as a PNG or SVG picture, for slides"
    )
    export.add_argument(
        "scene",
        metavar="NAME",
        help="network, draw, numbers, step, loss, landscape or lesson (the two-weight map)",
    )
    export.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default %(default)s)")
    export.add_argument("--out", type=Path, required=True, help="the picture: .png or .svg")
    export.add_argument("--language", default="en", choices=["en", "zh_TW"])
    export.add_argument(
        "--model", type=Path, default=None, help="a saved model or session (default: pretrained)"
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _plug_closed_standard_streams()
    out = Output(sys.stdout)
    run = {
        "train": run_train,
        "evaluate": run_evaluate,
        "classify": run_classify,
        "export-scene": run_export_scene,
    }[args.command]
    try:
        with _stop_signals_unwind():
            code = run(args, out)
    except BackpropLabError as exc:
        return _fail(args.command, str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail(args.command, "interrupted", EXIT_INTERRUPTED)
    except Stopped as stop:
        return _fail(args.command, f"stopped by {stop}", 128 + stop.signum)
    if out.problem is not None:
        return _fail(args.command, out.problem, EXIT_OUTPUT)
    return code


def _fail(command: str, message: str, code: int) -> int:
    _say(command, message)
    return code


def _say(command: str, message: str) -> None:
    """``message`` as one line on stderr, if there is a stderr to say it on."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # AttributeError: None
        sys.stderr.write(f"backprop-lab {command}: {message}\n")
        sys.stderr.flush()


@contextlib.contextmanager
def _stop_signals_unwind() -> Iterator[None]:
    """While inside, a stop signal raises ``Stopped`` (as Ctrl-C raises KeyboardInterrupt), so a
    save in progress removes its temporary file. A signal already ignored (``nohup``) stays
    ignored; handlers are put back on the way out."""
    previous: dict[int, signal.Handlers | int | None] = {}
    if threading.current_thread() is threading.main_thread():  # only it may set handlers

        def stop(signum: int, _frame: object) -> None:
            raise Stopped(signum)

        for name in STOP_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None or signal.getsignal(signum) is not signal.SIG_DFL:
                continue
            with contextlib.suppress(OSError, ValueError):
                previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _plug_closed_standard_streams() -> None:
    """Open the null device on a closed stdout or stderr (``>&-``). Otherwise the next file
    opened takes that number, and whatever writes to stdout or stderr at the C level (a Qt
    warning, say) would write into it: into a model file being saved."""
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is not None or sys.platform == "win32":
            continue
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                null = os.open(os.devnull, os.O_WRONLY)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)


def _silence(stream: TextIO) -> None:
    """Point the real stdout at the null device after it failed: Python flushes what is still
    buffered at exit, and would print a second error (a traceback-like "Exception ignored")."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


# -- train -------------------------------------------------------------------------------------


def parse_layers(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise CommandLineError(
            f"--layers must be whole numbers like 784,16,16,10, got {text!r}"
        ) from None
    if len(sizes) < 2 or sizes[0] != 784 or sizes[-1] != 10:
        raise CommandLineError(
            "--layers must start with 784 inputs (28×28 pixels) and end with 10 outputs, "
            f"got {text}"
        )
    return sizes


#: The flags of each schedule's parameters, by the schedule they belong to.
SCHEDULE_FLAGS = {
    "step": ("lr_step_epochs", "lr_step_factor"),
    "cosine": ("lr_cosine_epochs", "lr_cosine_floor"),
}
AUGMENT_FLAGS = AUGMENT_FIELDS


def train_hyperparameters(args: argparse.Namespace) -> Hyperparameters:
    """The ``Hyperparameters`` that ``train``'s flags ask for; ConfigError if any is bad.

    ``--augment`` switches on the default moves (``DEFAULT_AUGMENTATION``); each
    ``--augment-*`` flag sets its own range, on top of those or alone. A schedule's parameter
    given with another schedule is refused rather than silently ignored.
    """
    extra: dict[str, object] = {}
    for schedule, names in SCHEDULE_FLAGS.items():
        for name in names:
            value = getattr(args, name)
            if value is None:
                continue
            if args.lr_schedule != schedule:
                raise CommandLineError(
                    f"--{name.replace('_', '-')} only applies with --lr-schedule {schedule}"
                )
            extra[name] = value
    if args.augment:
        extra.update(DEFAULT_AUGMENTATION)
    for name in AUGMENT_FLAGS:
        value = getattr(args, name)
        if value is not None:
            extra[name] = value
    return Hyperparameters(
        learning_rate=args.lr,
        batch_size=args.batch_size,
        optimizer=args.optimizer,
        seed=args.seed,
        weight_decay=args.weight_decay,
        lr_schedule=args.lr_schedule,
        **extra,
    )


def run_train(args: argparse.Namespace, out: Output) -> int:
    from app.data.datasets import load_bundled, load_folder
    from app.training.on_data import trainer_on

    architecture = Architecture(parse_layers(args.layers), args.activation, args.loss)
    hyper = train_hyperparameters(args)
    if args.epochs < 1:
        raise CommandLineError(f"--epochs must be at least 1, got {args.epochs}")
    dataset = load_bundled() if args.data == "bundled" else load_folder(args.data)
    network = Network(architecture, seed=args.seed, dtype=TRAINING_DTYPE)
    # The augmentation is part of the hyperparameters, so the model file records it.
    trainer = trainer_on(dataset, network, hyper)
    # Temporary files that earlier saves, killed outright (kill -9), left beside the output.
    sweep_stale_parts(args.out.parent)
    out.line(
        f"training {architecture.describe()} ({architecture.n_parameters:,} weights and biases) "
        f"on {dataset.describe()}"
    )
    steps_per_epoch = -(-trainer.n_train // hyper.batch_size)
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        bar = ProgressBar(sys.stderr, steps_per_epoch, f"epoch {epoch}/{args.epochs}", args.quiet)
        try:
            while True:
                result = trainer.step_batch()
                bar.advance()
                if result.epoch_finished:
                    break
        except DivergenceError as exc:
            raise CommandLineError(str(exc)) from None
        finally:
            bar.close()
        record = trainer.history.epochs[-1]
        train_loss = float(np.mean(trainer.history.losses.losses[-steps_per_epoch:]))
        out.line(
            f"epoch {epoch:>3}/{args.epochs}  train loss {train_loss:.4f}  "
            f"val loss {record.val_loss:.4f}  val accuracy {record.val_accuracy:.2%}  "
            f"({time.perf_counter() - epoch_start:.1f} s)"
        )
    command = train_command(args, hyper)
    # Saved whether or not the progress could be shown (Output never raises).
    save_model(args.out, ModelFile.from_trainer(trainer, {"made_by": command}))
    out.line(f"saved {args.out} after {time.perf_counter() - started:.1f} s")
    if out.problem is not None:
        out.problem += f" (the model was saved all the same: {args.out})"
    return 0


def train_command(args: argparse.Namespace, hyper: Hyperparameters) -> str:
    """The command line that repeats this run (recorded in the model file as ``made_by``)."""
    pairs: list[tuple[str, object]] = [
        ("layers", args.layers),
        ("activation", args.activation),
        ("loss", args.loss),
        ("optimizer", args.optimizer),
        ("lr", args.lr),
        ("batch_size", args.batch_size),
        ("epochs", args.epochs),
        ("seed", args.seed),
        ("data", args.data),
    ]
    if hyper.weight_decay:
        pairs.append(("weight_decay", hyper.weight_decay))
    if hyper.lr_schedule != "constant":
        pairs.append(("lr_schedule", hyper.lr_schedule))
        pairs.extend((name, getattr(hyper, name)) for name in SCHEDULE_FLAGS[hyper.lr_schedule])
    text = "python -m app train " + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in pairs)
    if args.augment:
        text += " --augment"
    # Only the ranges that differ from what --augment (or no augmentation) gives already.
    implied = DEFAULT_AUGMENTATION if args.augment else {}
    for name in AUGMENT_FLAGS:
        value = getattr(hyper, name)
        if value != implied.get(name, 0.0):
            text += f" --{name.replace('_', '-')} {value:g}"
    return text


class ProgressBar:
    """A one-line text progress bar on stderr, redrawn at most ~20 times a second."""

    def __init__(self, stream: TextIO | None, total: int, label: str, quiet: bool = False) -> None:
        self.stream, self.total, self.label = stream, max(total, 1), label
        self.done = 0
        try:
            self.enabled = not quiet and stream is not None and stream.isatty()
        except ValueError:  # a closed stream
            self.enabled = False
        self._last_draw = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self.enabled and (now - self._last_draw > 0.05 or self.done >= self.total):
            self._last_draw = now
            filled = int(30 * self.done / self.total)
            self._write(
                f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
            )

    def close(self) -> None:
        if self.enabled:
            self._write("\r" + " " * (len(self.label) + 50) + "\r")

    def _write(self, text: str) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False  # the terminal went away; no progress is worth failing for


# -- evaluate ----------------------------------------------------------------------------------


def run_evaluate(args: argparse.Namespace, out: Output) -> int:
    from app.core.evaluation import evaluate
    from app.data.datasets import to_inputs
    from app.data.idx import find_idx_pair, load_idx_pair

    network = load_model(args.model)
    folder = args.data
    try:
        paths = find_idx_pair(folder, "t10k")
    except BackpropLabError:
        paths = find_idx_pair(folder, "train")
    images, labels = load_idx_pair(*paths)
    _check_input_size(network, images, args.model)
    _check_output_size(network, labels, args.model)
    inputs = to_inputs(images)
    loss, accuracy = network.evaluate(inputs, labels)
    # A second forward pass, but the loss stays Network.evaluate's own float64 figure.
    evaluation = evaluate(network, inputs, labels)
    report = {
        "accuracy": accuracy,
        "count": len(labels),
        "correct": round(accuracy * len(labels)),
        "loss": loss,
        "model": str(args.model),
        "images": str(paths[0]),
        # JSON has no NaN: a digit with no examples in the set has no accuracy, null.
        "per_class": [None if np.isnan(a) else float(a) for a in evaluation.per_class],
        "confusion": evaluation.confusion.tolist(),  # rows the true digit, columns the answer
    }
    if args.json:
        out.line(json.dumps(report))
    else:
        out.line(
            f"accuracy {accuracy:.2%} ({report['correct']:,} of {len(labels):,}) on {paths[0]}, "
            f"mean loss {loss:.4f}"
        )
    return 0


def _check_input_size(network: Network, images: np.ndarray, model_path: Path) -> None:
    if images.shape[1] * images.shape[2] != network.layer_sizes[0]:
        raise CommandLineError(
            f"{model_path} reads {network.layer_sizes[0]} pixels but the images have "
            f"{images.shape[1]}×{images.shape[2]}"
        )


def _check_output_size(network: Network, labels: np.ndarray, model_path: Path) -> None:
    n_out = network.layer_sizes[-1]
    if len(labels) and int(labels.max()) >= n_out:
        raise CommandLineError(
            f"{model_path} answers {n_out} digits (0 to {n_out - 1}) but the labels go up "
            f"to {int(labels.max())}"
        )


# -- classify ----------------------------------------------------------------------------------


def run_classify(args: argparse.Namespace, out: Output) -> int:
    from app.data.image_files import load_grayscale
    from app.data.preprocess import preprocess_digit

    network = load_model(args.model)
    if network.layer_sizes[0] != 784:
        raise CommandLineError(f"{args.model} does not read 28×28 images")
    failures = 0
    for path in args.images:
        if out.problem is not None:
            break  # the answers can no longer be written
        try:
            digit_image = preprocess_digit(load_grayscale(path))
        except BackpropLabError as exc:
            _say("classify", str(exc))
            failures += 1
            continue
        if digit_image is None:
            digit, probabilities = None, [0.0] * 10
        else:
            p = network.predict_proba(digit_image.reshape(1, 784))[0]
            digit, probabilities = int(p.argmax()), [round(float(v), 6) for v in p]
        if args.json:
            out.line(
                json.dumps({"path": str(path), "digit": digit, "probabilities": probabilities})
            )
        elif digit is None:
            out.line(f"{path}: nothing drawn")
        else:
            shares = " ".join(f"{d}:{v:.2f}" for d, v in enumerate(probabilities))
            out.line(f"{path}: {digit}  ({shares})")
    return EXIT_USAGE if failures else 0


def run_export_scene(args: argparse.Namespace, out: Output) -> int:
    """Render a stage scene off screen (it never needs a display) and say where it went."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from app import places
    from app.ui.scene_export import (
        check_request,
        export_scene,
        parse_size,
        quiet_offscreen_warning,
    )

    size = parse_size(args.size)
    check_request(args.scene, args.out)  # before the window: a typo costs nothing
    quiet_offscreen_warning()
    app = QApplication.instance() or QApplication(["backprop-lab"])
    places.name_application()
    model = None if args.model is None else str(args.model)
    written = export_scene(args.scene, size, args.out, model=model, language=args.language)
    app.processEvents()
    out.line(f"{args.scene} at {size[0]}x{size[1]} -> {written}")
    return 0
