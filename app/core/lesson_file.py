"""Lesson files: a guided lesson as a list of stops, in TOML a teacher can read and edit.

A lesson file is never code and never a pickle: ``tomllib`` reads it, then every value is
checked against the schema below before anything else happens, so a bad file gets one
``LessonFileError`` naming its line and what is wrong, and a hostile one cannot make the app
hang or allocate much (limits on size, nesting, counts, text lengths and every number). The
format is described for teachers in ``docs/lesson_files.md``.

    format = 1                              # FORMAT_VERSION
    title.en = "…"  title.zh_TW = "…"       # every text in both languages, side by side
    [[stops]]                               # 1 to MAX_STOPS of them, in order
    scene = "network"                       # SCENE_NAMES
    hidden = ["optimizer"]  locked = []     # CONTROL_NAMES
    caption.en = "…"  caption.zh_TW = "…"
    [stops.state]                           # StopState: the network, the data, the settings
    [stops.state.plane]                     # PlaneState: the landscape's plane (optional)
    [stops.question]                        # Question (optional); its answer is computed

Weights are named as the app names them (``Architecture.parameter_name``): ``w3[2,5]`` is
the weight of weight layer 3 (1-based) from neuron 5 of layer 2 to neuron 2 of layer 3.
Neurons are ``a2[5]``: neuron 5 of layer 2 (layer 0 the input, layer L the output). The
two weights of the landscape's lesson preset (``on = "preset"``) are ``w1`` and ``w2``.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from app import RESOURCES_DIR
from app.core import lesson_disk, lesson_toml
from app.core.network import Architecture
from app.core.optimizers import OPTIMIZER_NAMES
from app.core.training import MAX_LEARNING_RATE, MIN_LEARNING_RATE
from app.errors import ConfigError, LessonFileError

FORMAT_VERSION = 1
SUFFIX = ".toml"
#: The lessons that ship with the app (package data), by name: the file's stem.
LESSONS_DIR = RESOURCES_DIR / "lessons"
LANGUAGES = ("en", "zh_TW")
#: The stage's scenes a stop may show (``app.ui.scenes.SCENES`` names; "step" is the
#: step-through). The window checks that each is one of its scenes; extend both together.
SCENE_NAMES = (
    *("network", "draw", "numbers", "step", "loss", "landscape", "points", "health"),
    *("evaluation", "data", "lab"),
)
#: Controls a stop may hide or lock. The window maps each name to its widgets.
CONTROL_NAMES = frozenset({
    "play", "step", "granularity", "reset", "speed",              # running
    "learning_rate", "batch_size", "optimizer", "experiments",   # settings
    "architecture", "teach", "drawing_pad", "edge_select",       # the network and drawing
    "edge_display",                                               # what the edges show
    "landscape_settings", "landscape_lesson", "scene_bar",       # the landscape, the stage
})  # fmt: skip
NETWORK_KINDS = ("pretrained", "random", "file")
GRANULARITIES = ("example", "batch")
PLANE_KINDS = ("lesson", "weights", "random", "pca")
QUESTION_KINDS = ("number", "output", "sign", "regime")
#: What a number question asks of its weights; "parameter_count" asks of the network.
WEIGHT_QUANTITIES = ("value", "gradient", "negative_gradient", "change", "new_value")
NUMBER_QUANTITIES = ("parameter_count", *WEIGHT_QUANTITIES)
QUESTION_ON = ("network", "preset")
PRESET_WEIGHTS = ("w1", "w2")

# Limits. The two shipped lessons are 6.3 and 8.7 KB, with 10 and 11 stops and captions of
# at most 265 characters; each limit leaves room for a long lesson and none lets a file cost much.
MAX_FILE_BYTES = 256 * 1024
MAX_NESTING = 8  # deepest [ or { of values: a list of names is 1, a whole lesson inline 5
#: Parts of one dotted key: the lesson's longest is 4 (``stops.state.plane.kind`` written
#: as one key); ``tomllib``'s time grows with the square of a key's parts (see
#: ``lesson_toml.longest_dotted_key``), and at 8 it is nothing.
MAX_KEY_PARTS = 8
MAX_STOPS = 100
MAX_TITLE_CHARS = 120
MAX_CAPTION_CHARS = 1500
MAX_QUESTION_CHARS = 500
MAX_MODEL_PATH_CHARS = 200
#: A stop's model file is read when the stop is set up. The lesson's network saved with a
#: long history and the class's drawings is about 1–3 MB; 64 MB leaves room for bigger
#: networks and keeps a stop from reading a file of hundreds of MB.
MAX_MODEL_BYTES = 64 * 1024 * 1024
MAX_WATCHED = 8
#: A step-through has 2L + 2 sub-steps (forward 1…L, error, backward L…1, update): 8 for the
#: lesson's 784-16-16-10. A larger number opens at the step's last sub-step.
MAX_SUBSTEP = 40
MAX_QUESTION_WEIGHTS = 4
#: Steps taken before a stop shows, and their batch size: 200 × 1,000 examples is about
#: 2 s of training on the lesson's network, the most a stop may make a class wait.
MAX_STEPS = 200
MAX_BATCH_SIZE = 1000
MAX_SEED = 2**32 - 1
#: The landscape preset's rate: 0.25 already leaves the map; 10 is far past any use.
MAX_PRESET_LEARNING_RATE = 10.0
MAX_TOLERANCE = 1e9

_WEIGHT_NAME = re.compile(r"^w(\d{1,3})\[(\d{1,6}),(\d{1,6})\]$")
_NEURON_NAME = re.compile(r"^a(\d{1,3})\[(\d{1,6})\]$")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Text:
    """One text in both languages; ``get`` falls back to the other when one is missing."""

    en: str = ""
    zh_TW: str = ""

    def get(self, language: str) -> str:
        first = self.zh_TW if language.startswith("zh") else self.en
        return first or self.en or self.zh_TW


@dataclass(frozen=True)
class PlaneState:
    """The landscape's plane. ``kind`` one of PLANE_KINDS. "lesson": the two-weight valley
    walked by ``optimizer`` at ``learning_rate`` (``compare``: gd, momentum and Adam side by
    side). "weights": ``weights``, two weight names (default: the first two watched).
    "random": two random directions seeded by ``seed``. "pca": the path's main directions."""

    kind: str = "lesson"
    learning_rate: float = 0.1
    optimizer: str = "gd"
    compare: bool = False
    weights: tuple[str, ...] = ()
    seed: int = 0


@dataclass(frozen=True)
class StopState:
    """The seeded state a stop puts the app in, from which it is reproduced exactly.

    ``network``        "pretrained" (the bundled model), "random" (seeded by ``seed``) or
                       "file" (``model``, a ``.npz`` beside the lesson file).
    ``order_seed``     the seed of the order the training examples come in
                       (``Hyperparameters.seed``); with ``digit``, the first seed from it on
                       whose next example is that digit (see ``app.training.lesson_stops``).
    ``granularity``    "example" or "batch": what a Step takes (and what a question's step is).
    ``steps``          steps of that size taken before the stop shows.
    ``learning_rate``, ``optimizer``, ``batch_size``: the network's hyperparameters.
    ``watch``          weight names whose five numbers show.
    ``plane``          the landscape's plane, or None to leave it as it is.
    """

    network: str = "pretrained"
    seed: int = 0
    model: str = ""
    order_seed: int = 0
    digit: int | None = None
    granularity: str = "batch"
    steps: int = 0
    learning_rate: float = 3.0
    optimizer: str = "gd"
    batch_size: int = 10
    watch: tuple[str, ...] = ()
    plane: PlaneState | None = None


@dataclass(frozen=True)
class Question:
    """A question the class answers before Reveal; the file never holds its answer.

    ``kind``       "number" (``quantity`` of the weights ``of``, within ``tolerance`` or
                   ``relative`` × |answer|), "output" (which output neuron should go up),
                   "sign" (will the weight ``of[0]`` grow or shrink; will the neuron
                   ``of[0]``'s nudge be up or down) or "regime" (what the plane's learning
                   rate does on the lesson's valley).
    ``on``         "network" (the live network's next step) or "preset" (the valley's w1, w2).
    """

    kind: str
    text: Text
    on: str = "network"
    quantity: str = ""
    of: tuple[str, ...] = ()
    tolerance: float = 0.0
    relative: float = 0.01


@dataclass(frozen=True)
class Stop:
    """One stop: a scene, its state, a caption, hidden and locked controls, a question.
    ``line`` is where the stop begins in its file (for messages; not compared)."""

    scene: str
    caption: Text
    state: StopState = StopState()
    hidden: tuple[str, ...] = ()
    locked: tuple[str, ...] = ()
    question: Question | None = None
    line: int | None = field(default=None, compare=False)
    #: The step-through's sub-step the stop opens at, 1-based (scene "step" only).
    substep: int = 1


@dataclass(frozen=True)
class Lesson:
    """A lesson: a title and its stops. ``path`` is the file it was read from (None for one
    made in the app); model files of its stops are found beside it."""

    title: Text
    stops: tuple[Stop, ...]
    path: Path | None = field(default=None, compare=False)

    def model_path(self, stop: Stop) -> Path:
        """The model file of a "file" stop: ``stop.state.model`` in the lesson's folder."""
        if self.path is None:
            raise ConfigError("a lesson that was never saved has no folder for model files")
        return self.path.parent / stop.state.model


# -- names of weights and neurons ------------------------------------------------------------


def weight_position(architecture: Architecture, name: str) -> int:
    """Position in ``params`` of the weight named ``name`` (``w3[2,5]``); ConfigError if it
    is not a weight of ``architecture``."""
    found = _WEIGHT_NAME.match(name)
    if found is None:
        raise ConfigError(f"{name!r} is not a weight's name like w3[2,5]")
    layer, to_neuron, from_neuron = (int(g) for g in found.groups())
    sizes = architecture.layer_sizes
    if not 1 <= layer <= architecture.n_layers:
        raise ConfigError(f"{name}: the network has weight layers w1 to w{architecture.n_layers}")
    if not (to_neuron < sizes[layer] and from_neuron < sizes[layer - 1]):
        raise ConfigError(
            f"{name}: w{layer} goes from {sizes[layer - 1]} neurons (0 to {sizes[layer - 1] - 1}) "
            f"to {sizes[layer]} (0 to {sizes[layer] - 1})"
        )
    return architecture.weight_index(layer - 1, to_neuron, from_neuron)


def neuron_position(architecture: Architecture, name: str) -> tuple[int, int]:
    """(layer, neuron) of the neuron named ``name`` (``a2[5]``), layer 1..L; ConfigError if
    it is not a neuron of ``architecture`` (an input pixel is not a neuron that moves)."""
    found = _NEURON_NAME.match(name)
    if found is None:
        raise ConfigError(f"{name!r} is not a neuron's name like a2[5]")
    layer, neuron = int(found.group(1)), int(found.group(2))
    sizes = architecture.layer_sizes
    if not 1 <= layer < len(sizes) or not 0 <= neuron < sizes[layer]:
        raise ConfigError(f"{name}: no such neuron (layers 1 to {len(sizes) - 1})")
    return layer, neuron


def named(stop: Stop) -> list[tuple[tuple, str]]:
    """Every weight or neuron ``stop`` names on the network, with where it is in the stop
    (a path below the stop: ``("state", "watch", 0)``)."""
    state, question = stop.state, stop.question
    out = [(("state", "watch", i), name) for i, name in enumerate(state.watch)]
    if state.plane is not None:
        out += [(("state", "plane", "weights", i), n) for i, n in enumerate(state.plane.weights)]
    if question is not None and question.on == "network":
        out += [(("question", "of", i), name) for i, name in enumerate(question.of)]
    return out


def check_name(architecture: Architecture, name: str) -> None:
    """The weight or neuron ``name`` exists in ``architecture``; ConfigError if not."""
    if _NEURON_NAME.match(name):
        neuron_position(architecture, name)
    else:
        weight_position(architecture, name)


def check_names(architecture: Architecture, stop: Stop) -> None:
    """Every weight and neuron ``stop`` names exists in ``architecture``; ConfigError if not."""
    for _, name in named(stop):
        check_name(architecture, name)


# -- writing ---------------------------------------------------------------------------------


def dumps_lesson(lesson: Lesson) -> str:
    """The lesson as TOML text; ``parse_lesson`` of it gives the same lesson."""
    return lesson_toml.dumps(lesson_toml.lesson_data(lesson, FORMAT_VERSION))


def save_lesson(path: str | Path, lesson: Lesson, models: Sequence[tuple[Path, Path]] = ()) -> Path:
    """Write ``lesson`` to ``path`` and copy its ``models`` (source, target) beside it, all
    whole or none (``lesson_disk.write_whole``; the lesson is renamed into place last): a
    failure changes no file, so a lesson being saved over keeps its own model files."""
    path = Path(path)
    data = dumps_lesson(lesson).encode("utf-8")
    lesson_disk.write_whole([*((target, source) for source, target in models), (path, data)])
    return path


def shipped_lessons() -> dict[str, Path]:
    """The lessons that ship with the app: name (the file's stem) → path, sorted by name."""
    return {p.stem: p for p in sorted(LESSONS_DIR.glob(f"*{SUFFIX}"))}


def find_lesson(name_or_path: str | Path) -> Path:
    """A lesson file by the name of a shipped lesson (``gradient_descent``) or a path (as
    ``--lesson NAME|FILE`` takes it); LessonFileError naming the choices if neither."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    shipped = shipped_lessons()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    names = ", ".join(shipped)
    raise LessonFileError(path, f"is neither a lesson file nor a shipped lesson ({names})")


# -- reading ---------------------------------------------------------------------------------


def load_lesson(path: str | Path) -> Lesson:
    """Read and check a lesson file; LessonFileError (one message, with the line) if bad."""
    path = Path(path)
    text = lesson_disk.read_text(path, MAX_FILE_BYTES)
    return parse_lesson(text, path)


def parse_lesson(text: str, path: str | Path) -> Lesson:
    """The lesson in ``text`` (a file's content; ``path`` names it and its folder)."""
    path = Path(path)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise LessonFileError(path, f"is larger than a lesson file can be ({MAX_FILE_BYTES:,} B)")
    depth, deep_line = lesson_toml.deepest_nesting(text)
    if depth > MAX_NESTING:
        raise LessonFileError(path, "lists or tables are nested too deeply", deep_line)
    parts, long_line = lesson_toml.longest_dotted_key(text)
    if parts > MAX_KEY_PARTS:
        reason = f"a dotted key has more than {MAX_KEY_PARTS} parts (like a.b.c)"
        raise LessonFileError(path, reason, long_line)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        reason = re.sub(r"\s*\(at .*\)$", "", str(exc))
        line = int(found.group(1)) if found else None
        raise LessonFileError(path, f"is not valid TOML: {reason}", line) from None
    except RecursionError:
        raise LessonFileError(path, "lists or tables are nested too deeply") from None
    return _Reader(path, text).lesson(data)


class _Reader:
    """Turns parsed TOML into a ``Lesson``, failing at the first wrong value with its line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = text
        self._lines: dict | None = None

    def fail(self, where: tuple, reason: str):
        if self._lines is None:
            self._lines = lesson_toml.key_lines(self.source)
        line = lesson_toml.line_of(self._lines, where)
        raise LessonFileError(self.path, f"{_describe(where)}{reason}", line)

    # -- values ----------------------------------------------------------------------------

    def table(self, value, where: tuple, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"should be a table, not {_kind(value)}")
        for key in value:
            if key not in allowed:
                self.fail((*where, key), f"is not a known key (known: {', '.join(allowed)})")
        return value

    def choice(self, data: dict, key: str, where: tuple, choices, default=None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or value not in choices:
            self.fail((*where, key), f"should be one of {', '.join(choices)}, not {value!r}")
        return value

    def whole(self, data: dict, key: str, where: tuple, low: int, high: int, default: int):
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail((*where, key), f"should be a whole number from {low} to {high:,}")
        return value

    def number(self, data: dict, key: str, where: tuple, low: float, high: float, default):
        value = data.get(key, default)
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or not low <= value <= high:
            self.fail((*where, key), f"should be a number from {low:g} to {high:g}, not {value!r}")
        return float(value)

    def flag(self, data: dict, key: str, where: tuple, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail((*where, key), "should be true or false")
        return value

    def names(self, data: dict, key: str, where: tuple, most: int, allowed=None) -> tuple:
        value = data.get(key, [])
        if not isinstance(value, list) or len(value) > most:
            self.fail((*where, key), f"should be a list of at most {most} names")
        for i, name in enumerate(value):
            bad = not isinstance(name, str) or (allowed is not None and name not in allowed)
            if bad or value.index(name) != i:
                self.fail((*where, key, i), f"{name!r} is not a known name, or twice in the list")
        return tuple(value)

    def text(self, value, where: tuple, most: int) -> Text:
        value = self.table(value, where, LANGUAGES)
        if not value:
            self.fail(where, f"needs a text in {' or '.join(LANGUAGES)}")
        for language, words in value.items():
            at = (*where, language)
            if not isinstance(words, str) or not words.strip():
                self.fail(at, "should be a text that is not empty")
            if len(words) > most:
                self.fail(at, f"is longer than {most:,} characters")
            if _CONTROL_CHARS.search(words):
                self.fail(at, "holds control characters")
        return Text(**value)

    # -- the schema --------------------------------------------------------------------------

    def lesson(self, data: dict) -> Lesson:
        self.table(data, (), ("format", "title", "stops"))
        version = data.get("format")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.fail(("format",), "should be the lesson format's number (format = 1)")
        if version > FORMAT_VERSION:
            self.fail(("format",), "was written by a newer Backprop Lab: update the app")
        title = self.text(data.get("title"), ("title",), MAX_TITLE_CHARS)
        stops = data.get("stops")
        if not isinstance(stops, list) or not 1 <= len(stops) <= MAX_STOPS:
            self.fail(("stops",), f"a lesson needs 1 to {MAX_STOPS} stops ([[stops]] tables)")
        return Lesson(title, tuple(self.stop(s, i) for i, s in enumerate(stops)), self.path)

    def stop(self, data, i: int) -> Stop:
        where = ("stops", i)
        allowed = ("scene", "caption", "state", "hidden", "locked", "question", "substep")
        data = self.table(data, where, allowed)
        scene = self.choice(data, "scene", where, SCENE_NAMES)
        caption = self.text(data.get("caption"), (*where, "caption"), MAX_CAPTION_CHARS)
        state = self.state(data.get("state", {}), (*where, "state"))
        hidden = self.names(data, "hidden", where, len(CONTROL_NAMES), CONTROL_NAMES)
        locked = self.names(data, "locked", where, len(CONTROL_NAMES), CONTROL_NAMES)
        question = None
        if "question" in data:
            question = self.question(data["question"], (*where, "question"), state)
        if self._lines is None:
            self._lines = lesson_toml.key_lines(self.source)
        line = self._lines.get(where)
        substep = self.whole(data, "substep", where, 1, MAX_SUBSTEP, 1)
        if substep != 1 and scene != "step":
            self.fail((*where, "substep"), 'is only read with scene = "step"')
        stop = Stop(scene, caption, state, tuple(hidden), tuple(locked), question, line, substep)
        if state.network != "file":
            # The bundled and the seeded networks are the lesson's 784-16-16-10; a model
            # file's layers are known once it is read (``app.training.lesson_stops``).
            for at, name in named(stop):
                try:
                    check_name(Architecture(), name)
                except ConfigError as exc:
                    self.fail((*where, *at), f"the network has no such weight or neuron: {exc}")
        return stop

    def state(self, data, where: tuple) -> StopState:
        keys = tuple(StopState.__dataclass_fields__)
        data = self.table(data, where, keys)
        d = StopState()
        network = self.choice(data, "network", where, NETWORK_KINDS, d.network)
        model = self.model(data, where) if network == "file" else ""
        if network != "file" and "model" in data:
            self.fail((*where, "model"), 'is only read with network = "file"')
        digit = None
        if "digit" in data:
            digit = self.whole(data, "digit", where, 0, 9, 0)
        plane = self.plane(data["plane"], (*where, "plane")) if "plane" in data else None
        watch = self.names(data, "watch", where, MAX_WATCHED)
        if plane is not None and plane.kind == "weights" and not plane.weights:
            if len(watch) < 2:
                self.fail((*where, "plane"), "a plane of weights needs two: give weights = […]")
            plane = PlaneState(**{**plane.__dict__, "weights": watch[:2]})
        return StopState(
            network=network,
            seed=self.whole(data, "seed", where, 0, MAX_SEED, d.seed),
            model=model,
            order_seed=self.whole(data, "order_seed", where, 0, MAX_SEED, d.order_seed),
            digit=digit,
            granularity=self.choice(data, "granularity", where, GRANULARITIES, d.granularity),
            steps=self.whole(data, "steps", where, 0, MAX_STEPS, d.steps),
            learning_rate=self.number(
                data, "learning_rate", where, MIN_LEARNING_RATE, MAX_LEARNING_RATE, d.learning_rate
            ),
            optimizer=self.choice(data, "optimizer", where, OPTIMIZER_NAMES, d.optimizer),
            batch_size=self.whole(data, "batch_size", where, 1, MAX_BATCH_SIZE, d.batch_size),
            watch=watch,
            plane=plane,
        )

    def model(self, data: dict, where: tuple) -> str:
        """The model file's name: relative, inside the lesson's folder, an existing .npz."""
        at = (*where, "model")
        name = data.get("model")
        if not isinstance(name, str) or not name or len(name) > MAX_MODEL_PATH_CHARS:
            self.fail(at, 'network = "file" needs model = "a file beside the lesson.npz"')
        posix, windows = PurePosixPath(name), PureWindowsPath(name)
        if posix.is_absolute() or windows.is_absolute() or windows.drive or "\\" in name:
            self.fail(at, "should be a path relative to the lesson's folder, with / between parts")
        if ".." in posix.parts or "\x00" in name or posix.suffix != ".npz":
            self.fail(at, "should be a .npz model file inside the lesson's folder")
        folder = os.path.realpath(self.path.parent)
        target = os.path.realpath(os.path.join(folder, name))
        if os.path.commonpath([folder, target]) != folder:
            self.fail(at, "leads out of the lesson's folder (a link?)")
        if not os.path.isfile(target):
            self.fail(at, f"no model file {name!r} beside the lesson")
        if os.path.getsize(target) > MAX_MODEL_BYTES:
            self.fail(at, f"is larger than a lesson's model file can be ({MAX_MODEL_BYTES:,} B)")
        return name

    def plane(self, data, where: tuple) -> PlaneState:
        data = self.table(data, where, tuple(PlaneState.__dataclass_fields__))
        d = PlaneState()
        kind = self.choice(data, "kind", where, PLANE_KINDS, d.kind)
        weights = self.names(data, "weights", where, 2)
        if weights and (kind != "weights" or len(weights) != 2):
            self.fail((*where, "weights"), 'two weights, and only with kind = "weights"')
        return PlaneState(
            kind=kind,
            learning_rate=self.number(
                data, "learning_rate", where, 1e-6, MAX_PRESET_LEARNING_RATE, d.learning_rate
            ),
            optimizer=self.choice(data, "optimizer", where, OPTIMIZER_NAMES, d.optimizer),
            compare=self.flag(data, "compare", where, d.compare),
            weights=weights,
            seed=self.whole(data, "seed", where, 0, MAX_SEED, d.seed),
        )

    def question(self, data, where: tuple, state: StopState) -> Question:
        keys = tuple(Question.__dataclass_fields__)
        data = self.table(data, where, keys)
        kind = self.choice(data, "kind", where, QUESTION_KINDS)
        text = self.text(data.get("text"), (*where, "text"), MAX_QUESTION_CHARS)
        on = self.choice(data, "on", where, QUESTION_ON, "network")
        quantity = ""
        if kind == "number":
            quantity = self.choice(data, "quantity", where, NUMBER_QUANTITIES)
        elif "quantity" in data:
            self.fail((*where, "quantity"), "is only read by a number question")
        of = self.names(data, "of", where, MAX_QUESTION_WEIGHTS)
        self.question_targets(kind, quantity, on, of, where, state)
        return Question(
            kind=kind,
            text=text,
            on=on,
            quantity=quantity,
            of=of,
            tolerance=self.number(data, "tolerance", where, 0.0, MAX_TOLERANCE, 0.0),
            relative=self.number(data, "relative", where, 0.0, 1.0, 0.01),
        )

    def question_targets(self, kind, quantity, on, of, where, state: StopState) -> None:
        """What a question may ask about: the rules of ``Question``'s docstring."""
        at = (*where, "of")
        wants_weights = kind == "sign" or (kind == "number" and quantity != "parameter_count")
        if on == "preset" and (kind == "output" or quantity == "parameter_count"):
            self.fail((*where, "on"), f'a {quantity or kind} question is on = "network"')
        valley = state.plane is not None and state.plane.kind == "lesson"
        if (kind == "regime" or on == "preset") and not valley:
            self.fail(where, f'a {kind} question on the valley needs plane kind = "lesson"')
        if not wants_weights:
            if of:
                self.fail(at, f"a {quantity or kind} question asks about no weight")
            return
        if not of or (kind == "sign" and len(of) != 1):
            self.fail(at, "name the weight (or, for a sign, the one weight or neuron) asked about")
        for i, name in enumerate(of):
            if on == "preset" and name not in PRESET_WEIGHTS:
                self.fail((*at, i), f"the preset's weights are w1 and w2, not {name!r}")
            neuron = kind == "sign" and _NEURON_NAME.match(name)
            if on == "network" and not (neuron or _WEIGHT_NAME.match(name)):
                self.fail((*at, i), f"{name!r} is not a weight like w3[2,5] (or neuron a2[5])")


def _describe(where: tuple) -> str:
    """``("stops", 2, "state", "seed")`` → "stop 3, state.seed: "."""
    if not where:
        return ""
    parts = list(where)
    head = ""
    if parts[0] == "stops" and len(parts) > 1 and isinstance(parts[1], int):
        head, parts = f"stop {parts[1] + 1}", parts[2:]
    keys = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in parts)
    keys = keys.replace(".[", "[")
    return f"{head}, {keys}: " if head and keys else f"{head or keys}: "


def _kind(value) -> str:
    return {dict: "a table", list: "a list", str: "a text"}.get(type(value), repr(value))
