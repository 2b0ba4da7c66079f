"""A lesson stop's seeded state as the worker's own commands, and the same state in-process.

``stop_setup`` turns a stop into the commands the window sends the training worker to put it
exactly in that state (and back in it whenever the stop is revisited):

    Pause                       nothing runs while the stop is set up
    SetArchitecture(arch)       the lesson's 784-16-16-10 (or the model file's layers)
    Reset(seed)                 fresh seeded weights; step 0, epoch 0, history cleared
    SetParams(params)           the pretrained or saved weights ("pretrained" / "file"; a
                                saved model in the dtype it was saved in)
    SetHyperparameters(hyper)   the stop's η, batch size, optimizer and example order
    Watch(indices)              the watched weights' five numbers
    Step(granularity) × steps   the steps the stop starts after
    PlanLesson(granularity)     the next step taken apart, when the stop's question or scene
                                needs it (the answers read it: ``app.core.lesson_answers``)

Reset then SetParams (not LoadModel) keeps the class's drawings in the training data and
starts the example order at epoch 0 with a fresh optimizer, so the state depends on the stop
alone and the training labels. ``trainer_for_stop`` builds the same state in this thread
(for tests, the command line and answers computed without a window).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from app import PRETRAINED_MODEL
from app.core.lesson_answers import needs_step
from app.core.lesson_file import (
    MAX_BATCH_SIZE,
    MAX_SEED,
    MAX_WATCHED,
    Lesson,
    PlaneState,
    Stop,
    StopState,
    check_names,
    weight_position,
)
from app.core.model_file import ModelFile, load_model_file
from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.training import Hyperparameters, Trainer, default_watched, epoch_order
from app.errors import BackpropLabError, ConfigError, LessonFileError
from app.training import commands as cmd

#: Example orders tried for a stop's ``digit``; each finds it with chance ≈ 1/10, so 10,000
#: tries all fail with chance 0.9^10000 (never) unless that digit is not in the data at all.
MAX_ORDER_SEARCH = 10_000


@dataclass(frozen=True, eq=False)
class StopSetup:
    """What a stop sets, worked out: ``commands`` to send in order; the ``architecture``,
    starting ``params`` (P,) (read-only) and ``hyper`` they set; ``watched`` flat positions;
    ``plane_weights`` the flat positions of a "weights" plane's two axes (else None);
    ``example`` the training example (position in the training labels) the next step
    starts with; ``granularity`` and ``steps`` as in the stop."""

    commands: tuple[cmd.Command, ...]
    architecture: Architecture
    params: np.ndarray
    hyper: Hyperparameters
    watched: tuple[int, ...]
    plane_weights: tuple[int, int] | None
    example: int
    granularity: str
    steps: int


def stop_setup(lesson: Lesson, stop: Stop, training_labels: np.ndarray) -> StopSetup:
    """The commands that put the worker in ``stop``'s state.

    ``training_labels`` (N,) are the labels the worker trains on (the dataset's and the
    class's drawings'): a stop's ``digit`` picks the first example order from its
    ``order_seed`` on whose first example is that digit. A model file that cannot be read
    or does not fit the stop raises LessonFileError naming the stop's line; nothing is sent.
    """
    state = stop.state
    network = _network(lesson, stop)
    arch = network.architecture
    try:
        check_names(arch, stop)
    except ConfigError as exc:
        reason = f"this stop does not fit its network: {exc}"
        raise LessonFileError(_where(lesson), reason, stop.line) from None
    labels = np.asarray(training_labels)
    seed = state.order_seed
    if state.digit is not None:
        seed = order_seed_for(labels, state.digit, state.order_seed)
    hyper = Hyperparameters(
        learning_rate=state.learning_rate,
        batch_size=state.batch_size,
        optimizer=state.optimizer,
        seed=seed,
    )
    watched = tuple(weight_position(arch, name) for name in state.watch) or default_watched(arch)
    plane = state.plane
    plane_weights = None
    if plane is not None and plane.kind == "weights":
        i, j = (weight_position(arch, name) for name in plane.weights)
        plane_weights = (i, j)
    commands: list[cmd.Command] = [
        cmd.Pause(),
        cmd.SetArchitecture(arch),
        cmd.Reset(state.seed if state.network == "random" else 0),
    ]
    # A saved model comes back in the dtype it was saved in (a float64 network recorded
    # with "Add this as a stop" is replayed bit for bit); the bundled one as the app trains.
    dtype = network.dtype if state.network == "file" else TRAINING_DTYPE
    if state.network == "file":
        commands.append(cmd.SetParams(network.params.copy(), dtype=dtype.name))
    elif state.network == "pretrained":
        commands.append(cmd.SetParams(network.params.copy()))
    commands += [cmd.SetHyperparameters(hyper), cmd.Watch(watched)]
    granularity = state.granularity
    commands += [cmd.Step(granularity) for _ in range(state.steps)]
    if stop.scene == "step" or (stop.question is not None and needs_step(stop.question)):
        commands.append(cmd.PlanLesson(granularity))
    # As the worker holds them: a Reset makes its network compute in TRAINING_DTYPE, and
    # SetParams keeps that unless it names the saved model's dtype.
    params = network.params.astype(dtype)
    params.flags.writeable = False
    example = int(epoch_order(seed, 0, len(labels))[0]) if len(labels) else -1
    return StopSetup(
        tuple(commands), arch, params, hyper, watched, plane_weights, example, granularity,
        state.steps,
    )  # fmt: skip


def trainer_for_stop(
    setup: StopSetup,
    train_x: np.ndarray,
    train_y: np.ndarray,
    val_x: np.ndarray | None = None,
    val_y: np.ndarray | None = None,
) -> Trainer:
    """A trainer in the state ``setup``'s commands put the worker in: the same weights, the
    same example order, the same optimizer state and the same steps taken."""
    network = Network(setup.architecture, params=setup.params)
    trainer = Trainer(network, train_x, train_y, setup.hyper, val_x=val_x, val_y=val_y)
    trainer.watch(*setup.watched)
    for _ in range(setup.steps):
        if setup.granularity == "example":
            trainer.step_example()
        else:
            trainer.step_batch()
    return trainer


def recorded_state(
    architecture: Architecture,
    hyper: Hyperparameters,
    watched: tuple[int, ...],
    model: str,
    granularity: str = "batch",
    plane: PlaneState | None = None,
) -> StopState:
    """The state of a stop recorded from the app as it is ("Add this as a stop").

    The weights are the model file ``model`` (a name in the lesson's folder, which the
    window writes with ``SaveModel`` next to the lesson before saving it); the learning
    rate, batch size, optimizer and example order are ``hyper``'s; ``watched`` are flat
    positions (the weights among them, at most MAX_WATCHED). What a stop does not hold is
    left behind: weight decay, the schedule, augmentation, and how far into the epoch
    training was (a stop starts at its order's first example). ConfigError for a batch
    larger than a stop may take.
    """
    if hyper.batch_size > MAX_BATCH_SIZE:
        raise ConfigError(f"a lesson stop takes batches of at most {MAX_BATCH_SIZE:,}")
    names = [architecture.parameter_name(i) for i in watched]
    weights = tuple(n for n in names if n.startswith("w"))[:MAX_WATCHED]
    return StopState(
        network="file",
        model=model,
        order_seed=hyper.seed,
        granularity=granularity,
        learning_rate=hyper.learning_rate,
        optimizer=hyper.optimizer,
        batch_size=hyper.batch_size,
        watch=weights,
        plane=plane,
    )


def order_seed_for(labels: np.ndarray, digit: int, start: int = 0) -> int:
    """The first seed from ``start`` on whose epoch-0 order begins with an example of
    ``digit`` (``labels`` (N,)); ConfigError if the data holds no such digit."""
    labels = np.asarray(labels)
    if not np.any(labels == digit):
        raise ConfigError(f"the training data holds no {digit} to show")
    for seed in range(start, min(start + MAX_ORDER_SEARCH, MAX_SEED + 1)):
        if labels[epoch_order(seed, 0, len(labels))[0]] == digit:
            return seed
    raise ConfigError(f"no example order from seed {start} starts with a {digit}")


def check_networks(lesson: Lesson) -> None:
    """Every model file of ``lesson`` reads and fits its stops (the app's pixels in, its
    digits out; every weight a stop names there): checked when the lesson is opened, so a
    bad one is refused before anything changes. LessonFileError naming the first bad stop's
    line. Each file is read once."""
    read: dict[str, Architecture] = {}
    for stop in lesson.stops:
        if stop.state.network != "file":
            continue
        if stop.state.model not in read:
            read[stop.state.model] = _network(lesson, stop).architecture
        try:
            check_names(read[stop.state.model], stop)
        except ConfigError as exc:
            reason = f"this stop does not fit its network: {exc}"
            raise LessonFileError(_where(lesson), reason, stop.line) from None


def _network(lesson: Lesson, stop: Stop) -> Network:
    """The stop's network: the bundled pretrained one, seeded random, or its model file
    (LessonFileError if it cannot be read or does not take the app's pixels to its digits)."""
    kind = stop.state.network
    if kind == "random":
        return Network(Architecture(), seed=stop.state.seed, dtype=TRAINING_DTYPE)
    try:
        model = _pretrained() if kind == "pretrained" else load_model_file(lesson.model_path(stop))
        network = model.network()
    except BackpropLabError as exc:
        raise LessonFileError(_where(lesson), f"this stop's network: {exc}", stop.line) from None
    sizes, app_sizes = network.layer_sizes, Architecture().layer_sizes
    if (sizes[0], sizes[-1]) != (app_sizes[0], app_sizes[-1]):
        # The worker would refuse it and the stop would show the network it had before.
        reason = (
            f"this stop's network: {stop.state.model} takes {sizes[0]} inputs to {sizes[-1]} "
            f"outputs, not the app's {app_sizes[0]} pixels to {app_sizes[-1]} digits"
        )
        raise LessonFileError(_where(lesson), reason, stop.line)
    return network


@functools.lru_cache(maxsize=1)
def _pretrained() -> ModelFile:
    return load_model_file(PRETRAINED_MODEL)


def _where(lesson: Lesson):
    return lesson.path if lesson.path is not None else "this lesson"
