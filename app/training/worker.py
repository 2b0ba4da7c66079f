"""The training worker: the one owner of the model, running in its own thread.

The window never trains and never touches the model's arrays. It sends commands (see
``commands``) through a thread-safe queue, which the worker drains between steps (a queued
slot would never run while the worker's loop is busy). The worker publishes immutable
snapshots at most ``MAX_PUBLISH_HZ`` times a second; views render the latest one from a timer.

    window ──commands──▶ queue ──▶ TrainingWorker.run() loop ──▶ latest snapshot ──▶ views
"""

from __future__ import annotations

import collections
import contextlib
import copy
import queue
import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from app import pretrained_model_for
from app.core.divergence import DivergenceWatch, Explosion
from app.core.layer_health import GradientSizeHistory
from app.core.lesson import plan_step
from app.core.model_file import ModelFile, load_model_file, save_model
from app.core.network import TRAINING_DTYPE, Architecture, Network
from app.core.training import DivergenceError, StepResult, Trainer
from app.data.datasets import to_inputs
from app.errors import BackpropLabError
from app.training import commands as cmd
from app.training.handover import quick_handover
from app.training.on_data import TAUGHT_WEIGHT, with_drawings
from app.training.snapshot import (
    Snapshot,
    TrainingData,
    example_view,
    frozen,
    next_example_view,
    read_only,
)
from app.training.weight_edits import WeightEditing

MAX_PUBLISH_HZ = 30.0
#: The largest fixed sample a loss landscape may average over (the view offers 100–5,000).
LANDSCAPE_SAMPLE_MAX = 5000
# While paused the loop waits on the queue this long at most, so shutdown is prompt.
IDLE_WAIT_S = 0.05
# Running flat out, the loop never sleeps on a clock: it yields only when the GUI thread
# waits. Between frames the GUI gets the interpreter within the switch interval of asking
# (``quick_handover``: 1 ms while training runs); through a frame the GUI holds ``gui_idle``
# and the loop waits on it (below). A fixed 1 ms sleep every 4 ms cost 20 % of the steps.
# While the GUI thread is busy (painting, laying out), a step waits for it this long at most.
# Python runs one thread at a time: a paint that has to win the interpreter back from the
# worker after every call into Qt took twice as long, and the window stuttered (p99 73 ms).
GUI_PRIORITY_WAIT_S = 0.03
# The divergence watch's fixed sample (examples) and how often it looks while running: a look
# (the loss of 500 examples) takes about 1 ms, 4 % of the headless loop at every 50 ms; every
# 100 ms an explosion is still confirmed (three looks) within a third of a second.
WATCH_SAMPLE = 500
WATCH_EVERY_S = 0.1
# Layer health records one weight's mean |gradient| per layer at most this often while running
# (every step taken by hand): about 47 µs a record, 4 % of the headless loop at every 4 ms.
GRADIENT_SIZE_EVERY_S = 0.01


class TrainingWorker(QObject, WeightEditing):
    """Owns a Trainer. Create it, move it to a QThread, connect ``thread.started`` to ``run``.

    Signals (all emitted from the worker thread; connect with the default auto connection so
    slots run in the receiver's thread):
    ``snapshot_ready(Snapshot)`` a new snapshot is available (at most 30 a second),
    ``running_changed(bool)``, ``diverged(Explosion)`` training stopped because the loss exploded,
    ``failed(str)`` a command could not be carried out, ``saved(str)`` a model file was written,
    ``lesson_planned(LessonStep)`` the answer to ``PlanLesson``, ``data_shared(TrainingData)``
    the answer to ``ShareData`` (and sent again after the drawings change).
    """

    snapshot_ready = Signal(object)
    running_changed = Signal(bool)
    diverged = Signal(object)
    failed = Signal(str)
    saved = Signal(str)
    session_loaded = Signal(str)
    lesson_planned = Signal(object)
    data_shared = Signal(object)

    def __init__(self, trainer: Trainer, dataset_name: str, origin: str = "random") -> None:
        super().__init__()
        self._trainer = trainer
        #: Where the weights came from: "pretrained", "random" or "session" (the status bar
        #: says so: a pretrained network at step 0 is not an untrained one).
        self._origin = origin
        #: The trainer as it was before the last Reset, for UndoReset (bit-exact: the old
        #: trainer object itself, never touched after the reset).
        self._before_reset: tuple[Trainer, np.ndarray, str] | None = None
        self._start_accuracy: tuple[object, object, float | None] = (None, None, None)
        self._dataset_name = dataset_name
        self._commands: queue.Queue[cmd.Command] = queue.Queue()
        self._latest: Snapshot | None = None
        self._latest_lock = threading.Lock()
        self._running = False
        self._epoch_target: int | None = None
        self._speed_limit: float | None = None
        self._serial = 0
        self._last_result: StepResult | None = None
        # The training data is always the dataset plus the class's drawings, kept apart so a
        # loaded session replaces the drawings instead of adding them a second time.
        self._base_x, self._base_y = trainer.train_x, trainer.train_y
        self._taught_images: list[np.ndarray] = []
        self._taught_labels: list[int] = []
        #: How many times each drawing counts in training (``with_drawings``); saved with them.
        self._taught_weight: float = TAUGHT_WEIGHT
        # The times of the last 64 steps (a deque: no list slicing at every step).
        self._rate_window: collections.deque[float] = collections.deque(maxlen=64)
        self._publish_due = True
        #: The GUI thread clears this while it works through a frame (a render, a stroke) and
        #: sets it when done; meanwhile no step starts, unless a short wait runs out.
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self._watch = DivergenceWatch()
        self._last_watch = 0.0
        self._gradient_sizes = GradientSizeHistory()
        self._last_gradient_size = 0.0
        self._initial_params = frozen(trainer.network.params)
        self.save_errors: dict[str, str | None] = {}
        self._data_shared = False
        self._make_sample()
        self._restart_watch()
        self._publish_now()

    # -- the window's side (any thread) -----------------------------------------------------

    def send(self, command: cmd.Command) -> None:
        """Queue a command; it is carried out between two steps."""
        self._commands.put(command)

    def latest_snapshot(self) -> Snapshot | None:
        with self._latest_lock:
            return self._latest

    # -- the worker's side --------------------------------------------------------------------

    @Slot()
    def run(self) -> None:
        self._next_step_at = 0.0
        self._last_publish = 0.0
        try:
            with quick_handover():  # the GUI gets the interpreter within 1 ms of asking
                while self._loop_once_safely():
                    pass
        finally:
            self._running = False
            with contextlib.suppress(Exception):
                self._publish_now()
            # Directly, not through a signal: the GUI thread may be blocked in wait() on us.
            self.thread().quit()

    def _loop_once_safely(self) -> bool:
        try:
            return self._loop_once()
        except Exception as exc:
            # A bug must neither kill training silently nor hang the window's close: say so,
            # pause, and keep serving commands.
            traceback.print_exc()
            self._set_running(False)
            self._epoch_target = None
            self.failed.emit(f"unexpected error in training: {exc!r}")
            return True

    def _loop_once(self) -> bool:
        """Commands, maybe a step, maybe a snapshot. False once Shutdown arrives."""
        busy = self._running or self._epoch_target is not None
        wait = 0.0 if busy else IDLE_WAIT_S
        if busy and self._speed_limit:
            wait = max(0.0, self._next_step_at - time.perf_counter())
        if not self._drain_commands(wait):
            return False
        now = time.perf_counter()
        busy = self._running or self._epoch_target is not None
        if busy and (not self._speed_limit or now >= self._next_step_at):
            if not self.gui_idle.is_set():
                self.gui_idle.wait(GUI_PRIORITY_WAIT_S)
                if not self._commands.empty():
                    return True  # a Pause may have come meanwhile: it goes first
            self._take_step("batch")
            if self._speed_limit:
                self._next_step_at = max(self._next_step_at + 1.0 / self._speed_limit, now)
            elif self._epoch_target is None:
                self._steps_until_needed()
            if self._epoch_target is not None and self._trainer.epoch >= self._epoch_target:
                self._epoch_target = None
                self._publish_due = True
        now = time.perf_counter()
        if self._publish_due and now - self._last_publish >= 1.0 / MAX_PUBLISH_HZ:
            self._publish_now()
            self._last_publish = now
        return True

    def _steps_until_needed(self) -> None:
        """Running flat out: more steps, until a command waits, the GUI thread wants the
        interpreter, a snapshot is due or training stopped. One pass of ``_loop_once`` per
        step cost ~2 µs, 3 % of a step at batch 10."""
        commands, gui_idle = self._commands.queue, self.gui_idle
        due = self._last_publish + 1.0 / MAX_PUBLISH_HZ
        while self._running and not commands and gui_idle.is_set():
            if self._take_step("batch") >= due:
                return

    def _drain_commands(self, wait: float) -> bool:
        """Carry out every queued command; False once Shutdown arrives."""
        if wait <= 0 and not self._commands.queue:  # between steps: a look, without the lock
            return True  # (a command put meanwhile is seen next step) or a queue.Empty raised
        try:
            command = self._commands.get(timeout=wait) if wait > 0 else self._commands.get_nowait()
        except queue.Empty:
            return True
        while True:
            if isinstance(command, cmd.Shutdown):
                return False
            try:
                self._handle(command)
            except BackpropLabError as exc:
                self.failed.emit(str(exc))
            self._publish_due = True
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return True

    def _handle(self, command: cmd.Command) -> None:
        trainer = self._trainer
        match command:
            case cmd.Play():
                self._set_running(True)
            case cmd.Pause():
                self._set_running(False)
                self._epoch_target = None
            case cmd.Step(granularity=granularity):
                self._set_running(False)
                if granularity == "epoch":
                    self._epoch_target = trainer.epoch + 1
                else:
                    self._take_step(granularity)
            case cmd.SetSpeedLimit(steps_per_second=limit):
                self._speed_limit = limit if limit and limit > 0 else None
            case cmd.SetHyperparameters(hyper=hyper):
                trainer.set_hyperparameters(hyper)
            case cmd.Watch(indices=indices):
                trainer.watch(*indices)
            case cmd.Reset(seed=seed):
                seed = trainer.hyper.seed if seed is None else seed
                self._before_reset = (trainer, self._initial_params, self._origin)
                fresh = Network(trainer.network.architecture, seed=seed, dtype=TRAINING_DTYPE)
                self._replace_network(fresh)
            case cmd.UndoReset():
                if self._before_reset is not None:
                    self._trainer, self._initial_params, self._origin = self._before_reset
                    self._before_reset = None
                    self._last_result = None
                    self._gradient_sizes.clear()
                    self._restart_watch()
            case cmd.RestoreWeights():
                self._restore_kept()
            case cmd.SetArchitecture(architecture=architecture, pretrained=pretrained):
                if architecture.layer_sizes == trainer.network.layer_sizes:
                    # Same shapes, other functions: the weights carry over, learning goes on.
                    network = Network(architecture, params=trainer.network.params)
                    self._replace_network(network, keep_history=True)
                else:
                    self._new_network(architecture, pretrained)
            case cmd.AddExample(image=image, label=label):
                self._add_example(image, label)
            case cmd.LoadModel(model=model):
                self._load_model(model)
            case cmd.LoadModelFile(path=path):
                # Read before anything changes: a file that fails leaves the session as it is.
                model = load_model_file(path)
                self._load_model(model)
                self.session_loaded.emit(path)
            case cmd.SetData():
                self._set_data(command)
            case cmd.PlanLesson(granularity=granularity):
                self._set_running(False)
                self._epoch_target = None
                try:
                    step = plan_step(trainer, granularity)
                except DivergenceError as exc:
                    self._stop_for(self._watch.overflowed(exc.step, exc.loss))
                    return
                self.lesson_planned.emit(step)
            case cmd.SetParams(params=params, dtype=wanted):
                params = np.asarray(params, dtype=np.float64)
                if params.shape != trainer.network.params.shape or not np.all(np.isfinite(params)):
                    raise BackpropLabError("these weights do not fit the network")
                arch = trainer.network.architecture
                dtype = np.dtype(wanted) if wanted else trainer.network.dtype
                self._replace_network(Network(arch, params=params, dtype=dtype), keep_history=True)
                self._last_result = None
            case cmd.SetWeight() | cmd.UndoWeight():
                self._edit_weight(command)
            case cmd.ShareData():
                self._data_shared = True
                self._share_data()
            case cmd.RemoveExamples(indices=indices):
                self._remove_examples(indices)
            case cmd.SaveModel(path=path):
                self.save_session(path)
                self.saved.emit(path)

    def save_session(self, path: str) -> None:
        """Write the whole session to ``path`` (atomically); remember how it went.

        Called in the worker's thread, or in the GUI thread once the worker's thread has
        ended (saving on close after the last step). ``save_errors`` maps each path saved to
        the reason it failed, or None: a close reads it to know whether the session is safe.
        """
        trainer = self._trainer
        model = ModelFile.from_trainer(trainer, {"dataset": self._dataset_name})
        if self._taught_labels:
            model.taught_images = np.stack(self._taught_images)
            model.taught_labels = np.array(self._taught_labels)
            model.taught_weight = float(self._taught_weight)
        try:
            save_model(path, model)
        except BackpropLabError as exc:
            self.save_errors[path] = str(exc)
            raise
        self.save_errors[path] = None

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)

    def _take_step(self, granularity: str) -> float:
        """One step of ``granularity`` ("example" or "batch"); returns the time after it."""
        trainer = self._trainer
        try:
            result = trainer.step_example() if granularity == "example" else trainer.step_batch()
        except DivergenceError as exc:
            self._stop_for(self._watch.overflowed(exc.step, exc.loss))
            return time.perf_counter()
        self._last_result = result
        now = time.perf_counter()
        if not self._running or now - self._last_gradient_size >= GRADIENT_SIZE_EVERY_S:
            self._last_gradient_size = now
            self._gradient_sizes.append(
                result.gradients.flat, trainer.network.architecture, trainer.step_count
            )
        self._rate_window.append(now)
        self._publish_due = True
        # Every step taken by hand is checked; a run is checked a few times a second.
        if not self._running or now - self._last_watch >= WATCH_EVERY_S:
            self._last_watch = now
            explosion = self._watch.observe(
                trainer.step_count, self._sample_loss(), trainer.network.params
            )
            if explosion is not None:
                self._stop_for(explosion)
        return now

    def _stop_for(self, explosion: Explosion) -> None:
        self._set_running(False)
        self._epoch_target = None
        self._publish_due = True
        self.diverged.emit(explosion)

    def _sample_loss(self) -> float:
        network = self._trainer.network
        with np.errstate(all="ignore"):  # a blown-up network is what the watch looks for
            loss, _ = network.evaluate(self._sample_x[:WATCH_SAMPLE], self._sample_y[:WATCH_SAMPLE])
        return loss

    def _restart_watch(self) -> None:
        """New weights or new data: explosions are judged from here on."""
        trainer = self._trainer
        self._watch.reset(trainer.step_count, self._sample_loss(), trainer.network.params)

    def _restore_kept(self) -> None:
        kept = self._watch.kept
        if kept is None:
            raise BackpropLabError("there are no earlier weights to restore")
        _step, params = kept
        # In the dtype it trained in (the watch keeps float64 copies, exact for float32 too).
        current = self._trainer.network
        network = Network(current.architecture, params=params, dtype=current.dtype)
        self._replace_network(network, keep_history=True)
        self._last_result = None
        self._restart_watch()

    def _replace_network(self, network: Network, keep_history: bool = False) -> None:
        old = self._trainer
        self._trainer = old.with_network(network)
        if keep_history:
            self._trainer.history = old.history
            self._trainer.step_count, self._trainer.epoch = old.step_count, old.epoch
            self._trainer.watch(*old.watched)
        else:
            self._last_result = None
            self._rate_window.clear()
            self._gradient_sizes.clear()
            self._initial_params = frozen(network.params)
            self._origin = "random"
        self._restart_watch()

    def _new_network(self, architecture: Architecture, pretrained: bool) -> None:
        """New layers: their shipped pretrained weights if asked and shipped, else seeded ones."""
        path = pretrained_model_for(architecture) if pretrained else None
        if path is None:
            seed = self._trainer.hyper.seed
            self._replace_network(Network(architecture, seed=seed, dtype=TRAINING_DTYPE))
            return
        model = load_model_file(path)
        if model.architecture != architecture:
            raise BackpropLabError(f"{path.name} does not hold a {architecture.describe()} network")
        self._replace_network(Network(architecture, params=model.params, dtype=TRAINING_DTYPE))
        self._origin = "pretrained"

    def _add_example(self, image: np.ndarray, label: int) -> None:
        image = np.asarray(image, dtype=np.float32).reshape(1, -1)
        if image.shape[1] != self._trainer.network.layer_sizes[0]:
            raise BackpropLabError("this drawing does not fit the network's input layer")
        if not 0 <= label < self._trainer.network.layer_sizes[-1]:
            raise BackpropLabError(f"{label} is not a digit this network answers")
        self._taught_images.append(image[0])
        self._taught_labels.append(int(label))
        self._apply_data()

    def _remove_examples(self, indices: tuple[int, ...]) -> None:
        n_base = len(self._base_y)
        drop = set()
        for i in indices:
            if isinstance(i, bool) or not isinstance(i, int | np.integer):
                raise BackpropLabError(f"{i!r} is not a position in the training data")
            if not n_base <= i < n_base + len(self._taught_labels):
                raise BackpropLabError(
                    "only the class's own drawings can be removed from the training data"
                )
            drop.add(int(i) - n_base)
        keep = [k for k in range(len(self._taught_labels)) if k not in drop]
        self._taught_images = [self._taught_images[k] for k in keep]
        self._taught_labels = [self._taught_labels[k] for k in keep]
        self._apply_data()

    def _share_data(self) -> None:
        # Each drawing once, however many times it counts in training.
        taught = (self._taught_images, self._taught_labels)
        x, y = with_drawings(self._base_x, self._base_y, *taught, weight=1)
        side = round(x.shape[1] ** 0.5)
        images = x.reshape(len(x), side, side).view()
        images.flags.writeable = False  # a view: the worker never writes into its data
        drawn = np.zeros(len(y), dtype=bool)
        drawn[len(self._base_y) :] = True
        self.data_shared.emit(
            TrainingData(
                name=self._dataset_name,
                images=images,
                labels=frozen(y),
                drawn=read_only(drawn),
                trained_labels=frozen(self._trainer.train_y),
            )
        )

    def _apply_data(self) -> None:
        """Train on the dataset plus the class's drawings, each ``_taught_weight`` times."""
        trainer = self._trainer
        x, y = with_drawings(
            self._base_x,
            self._base_y,
            self._taught_images,
            self._taught_labels,
            self._taught_weight,
        )
        trainer.set_data(x, y, trainer.val_x, trainer.val_y)
        if self._data_shared:
            self._share_data()  # the explorer shows the drawings as they are now

    def _load_model(self, model: ModelFile) -> None:
        # Trained on in float32 like every network here; an older float64 file is rounded.
        network, optimizer = model.network(TRAINING_DTYPE), model.optimizer(TRAINING_DTYPE)
        trainer = self._trainer.with_network(network, model.hyperparameters, optimizer)
        trainer.history = model.history
        trainer.step_count, trainer.epoch = model.step_count, model.epoch
        self._trainer = trainer
        self._last_result = None
        self._gradient_sizes.clear()
        self._initial_params = frozen(trainer.network.params)
        self._origin = "session"
        self._before_reset = None
        taught = model.taught_labels is not None and model.taught_images is not None
        self._taught_images = list(model.taught_images) if taught else []
        self._taught_labels = [int(k) for k in model.taught_labels] if taught else []
        # As the file trained them (once each before weights were saved), else the default.
        self._taught_weight = model.taught_weight if taught else TAUGHT_WEIGHT
        self._apply_data()
        self._restart_watch()

    def _set_data(self, command: cmd.SetData) -> None:
        self._dataset_name = command.name
        images = command.train_images
        # Bytes as stored: the trainer makes the floats and fetches each step's rows as bytes.
        pixels = images.reshape(len(images), -1) if images.dtype == np.uint8 else to_inputs(images)
        self._trainer.set_data(
            pixels, command.train_labels, to_inputs(command.val_images), command.val_labels
        )
        self._base_x, self._base_y = self._trainer.train_x, command.train_labels
        self._apply_data()
        self._make_sample()
        self._restart_watch()

    def _make_sample(self) -> None:
        """The landscape's fixed sample: same examples every frame, so the surface is steady."""
        trainer = self._trainer
        size = min(LANDSCAPE_SAMPLE_MAX, trainer.n_train)
        # Not sorted: the views and the watch take prefixes of it, and a dataset may come
        # ordered by digit (the bundled one does), so a sorted prefix was all 0s and 1s.
        pick = np.random.default_rng(0).permutation(trainer.n_train)[:size]
        self._sample_x = frozen(trainer.train_x[pick])
        self._sample_y = frozen(trainer.train_y[pick])
        has_val = trainer.val_x is not None and trainer.val_y is not None
        self._val_x = frozen(trainer.val_x) if has_val else None
        self._val_y = frozen(trainer.val_y) if has_val else None

    def _accuracy_at_start(self) -> float | None:
        """Validation accuracy of the weights this network started from (its reset, load or
        the pretrained file), measured once per start and validation set (500 digits: ~1 ms)."""
        params, val_x, accuracy = self._start_accuracy
        if params is self._initial_params and val_x is self._val_x:
            return accuracy
        accuracy = None
        if self._val_x is not None and len(self._val_x):
            arch = self._trainer.network.architecture
            if self._initial_params.shape == (arch.n_parameters,):
                start = Network(arch, params=self._initial_params)
                accuracy = float(np.mean(start.predict(self._val_x) == self._val_y))
        self._start_accuracy = (self._initial_params, self._val_x, accuracy)
        return accuracy

    def _publish_now(self) -> None:
        self._publish_due = False
        trainer = self._trainer
        result = self._last_result
        self._serial += 1
        history = trainer.history
        rate = 0.0
        if len(self._rate_window) >= 2 and self._running:
            span = self._rate_window[-1] - self._rate_window[0]
            rate = (len(self._rate_window) - 1) / span if span > 0 else 0.0
        snapshot = Snapshot(
            serial=self._serial,
            architecture=trainer.network.architecture,
            hyper=trainer.hyper,
            params=frozen(trainer.network.params),
            gradient=None if result is None else frozen(result.gradients.flat),
            change=None if result is None else frozen(result.change),
            step=trainer.step_count,
            epoch=trainer.epoch,
            position_in_epoch=trainer.position_in_epoch,
            n_train=len(self._base_y) + len(self._taught_labels),
            dataset_name=self._dataset_name,
            # LossHistory hands out fresh copies already.
            loss_steps=read_only(history.losses.steps),
            loss_values=read_only(history.losses.losses),
            epochs=tuple(history.epochs),
            watched=None if result is None else result.watched,
            last_loss=None if result is None else result.loss,
            running=self._running or self._epoch_target is not None,
            steps_per_second=rate,
            input_view=example_view(trainer.network, result)
            if result is not None
            else next_example_view(trainer),
            trajectory=trainer.trajectory.points,
            sample_x=self._sample_x,
            sample_y=self._sample_y,
            explosion=self._watch.explosion,
            gradient_steps=read_only(self._gradient_sizes.steps),
            gradient_sizes=read_only(self._gradient_sizes.sizes),
            initial_params=self._initial_params,
            origin=self._origin,
            start_accuracy=self._accuracy_at_start(),
            can_undo_reset=self._before_reset is not None,
            learning_rate_now=trainer.current_learning_rate,
            optimizer=copy.copy(trainer.optimizer),
            val_x=self._val_x,
            val_y=self._val_y,
            weight_edit=self._weight_edit_state(),
            watched_indices=trainer.watched,
        )
        with self._latest_lock:
            self._latest = snapshot
        self.snapshot_ready.emit(snapshot)
