"""The answers to a lesson's questions, computed from the live engine, and the class's grade.

A lesson file never holds an answer: each is computed here, from what the app really does.

- Questions about the network's next step read the ``LessonStep`` the worker plans for it
  (``app.core.lesson.plan_step``: the very numbers the real step then uses).
- Questions about the landscape's two-weight valley run ``LessonPreset``.
- "How many weights and biases?" counts the architecture.

Every ``Answer`` carries its true value and ``why``: the numbers behind it, as (key, numbers)
pairs the window labels and shows (``WHY_KEYS`` lists them). For a weight's gradient on one
example they are its factors, dC/dw = a_prev × f′(z) × dC/da, so the class sees the chain
rule multiply out to the engine's own gradient.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.core.activations import get_activation
from app.core.lesson import LessonStep
from app.core.lesson_file import (
    PRESET_WEIGHTS,
    Question,
    StopState,
    neuron_position,
    weight_position,
)
from app.core.lesson_preset import LessonPreset
from app.core.network import Architecture, Network
from app.errors import ConfigError

REGIMES = ("crawls", "converges", "zig-zags", "diverges")
SIGNS = ("up", "down", "zero")  # a weight that goes up grows; a nudge up wants it higher
#: Steps a learning rate walks on the valley before its regime is judged: the lesson
#: preset's documented horizon (η = 0.01 leaves a quarter of the excess cost after 50).
REGIME_STEPS = 50
#: More than this share of the excess cost (above the valley floor) left after
#: REGIME_STEPS steps is crawling. Measured: η = 0.01 leaves 0.26, η = 0.1 leaves 2.0e-5.
CRAWL_LEFT = 0.1
#: More than this share of consecutive moves turning back (a negative dot product) is a
#: zig-zag. Measured: η = 0.19 turns back at every move (1.0), η = 0.1 and 0.01 never (0).
ZIGZAG_TURNS = 0.5

#: What the ``why`` keys mean (the window's labels translate these).
WHY_KEYS = {
    "weights": "weights of each weight layer (n_in × n_out)",
    "biases": "biases of each weight layer (n_out)",
    "value": "the weights' values now",
    "gradient": "dC/dw, averaged over the step's examples",
    "negative_gradient": "−dC/dw, downhill",
    "learning_rate": "η the step uses",
    "change": "what the step changes each weight by",
    "new_value": "the values after the step",
    "a_prev": "activation of the neuron the weight comes from, per example",
    "slope": "f′(z) of the neuron the weight goes into, per example",
    "dC_da": "nudge dC/da of that neuron, per example",
    "dC_dz": "dC/dz of that neuron, per example (softmax outputs)",
    "product": "a_prev × slope × dC_da (or a_prev × dC_dz), per example",
    "wanted": "−dC/da of each output neuron: how the example(s) want it to move",
    "activation": "each output neuron's activation (mean over the examples)",
    "target": "the one-hot target (mean over the examples)",
    "contributions": "δ_k × w_kj from each neuron k of the next layer (they sum to dC/da)",
    "label": "the digit of each example",
    "cost_left": "share of the cost above the valley floor left after the walk",
    "turns": "share of moves that turned back against the one before",
    "steps_walked": "steps walked before the path stopped (it stops when it leaves)",
}


@dataclass(frozen=True)
class Answer:
    """The true answer. ``value``: numbers (tuple of float) for "number", the output neuron
    (int) for "output", one of SIGNS for "sign", one of REGIMES for "regime"; ``names``:
    what each number is of; ``why``: (key, numbers) pairs, keys from ``WHY_KEYS``."""

    kind: str
    value: tuple[float, ...] | int | str
    names: tuple[str, ...]
    why: tuple[tuple[str, tuple[float, ...]], ...]

    def why_of(self, key: str) -> tuple[float, ...]:
        return dict(self.why)[key]


@dataclass(frozen=True)
class Grade:
    """The class's guess against the answer: ``right`` is None when the class skipped."""

    right: bool | None
    guess: object
    answer: Answer


def needs_step(question: Question) -> bool:
    """Whether the answer needs the network's planned next step (a ``LessonStep``)."""
    return (
        question.on == "network"
        and question.quantity != "parameter_count"
        and (question.kind in ("number", "output", "sign"))
    )


def answer(
    question: Question,
    state: StopState,
    architecture: Architecture,
    step: LessonStep | None = None,
) -> Answer:
    """The answer to ``question`` at a stop in ``state``. ``step`` is the network's planned
    next step (the stop's granularity), needed when ``needs_step(question)``."""
    if question.kind == "regime":
        plane = state.plane
        if plane is None or plane.kind != "lesson":
            raise ConfigError("a regime question needs the lesson's valley on the landscape")
        return regime_answer(plane.optimizer, plane.learning_rate)
    if question.on == "preset":
        return _preset_answer(question, state)
    if question.quantity == "parameter_count":
        return _count_answer(architecture)
    if step is None or step.architecture != architecture:
        raise ConfigError("this question is about the network's next step: plan it first")
    if question.kind == "output":
        return _output_answer(step)
    if question.kind == "sign" and question.of[0].startswith("a"):
        return _nudge_answer(step, question.of[0])
    positions = [weight_position(architecture, name) for name in question.of]
    if question.kind == "sign":
        change = float(step.change[positions[0]])
        why = _weight_why(step, positions, question.of)
        return Answer("sign", _sign(change), question.of, why)
    return _number_answer(question, step, positions)


def grade(question: Question, truth: Answer, guess) -> Grade:
    """Right or wrong: numbers within max(tolerance, relative × |answer|) each, the rest
    exactly. ``guess`` None is a skip. A guess of the wrong shape raises ConfigError."""
    if guess is None:
        return Grade(None, None, truth)
    if truth.kind == "number":
        values = np.atleast_1d(np.asarray(guess, dtype=np.float64))
        want = np.asarray(truth.value, dtype=np.float64)
        if values.shape != want.shape or not np.all(np.isfinite(values)):
            raise ConfigError(f"the answer is {len(want)} number(s); the guess is {guess!r}")
        allowed = np.maximum(question.tolerance, question.relative * np.abs(want))
        return Grade(bool(np.all(np.abs(values - want) <= allowed)), tuple(values), truth)
    if truth.kind == "output":
        if isinstance(guess, bool) or not isinstance(guess, int | np.integer):
            raise ConfigError(f"the answer is an output neuron's number, not {guess!r}")
        return Grade(int(guess) == truth.value, int(guess), truth)
    choices = REGIMES if truth.kind == "regime" else SIGNS
    if guess not in choices:
        raise ConfigError(f"the answer is one of {', '.join(choices)}, not {guess!r}")
    return Grade(guess == truth.value, guess, truth)


# -- the valley -------------------------------------------------------------------------------


def regime_answer(optimizer: str, learning_rate: float, steps: int = REGIME_STEPS) -> Answer:
    """What ``learning_rate`` does on the lesson's valley, decided by walking it.

    The walk (``LessonPreset.path``) has *diverged* if it left the map or ends higher than
    it started; it *zig-zags* if most moves turn back against the one before (a negative dot
    product of consecutive moves); it *crawls* if more than CRAWL_LEFT of the cost above the
    valley floor is left; else it *converges*.
    """
    preset = LessonPreset()
    path = preset.path(optimizer, learning_rate, steps)
    floor = preset.min_loss
    start_excess = float(preset.loss(path[0])) - floor
    with np.errstate(over="ignore", invalid="ignore"):
        left = (float(preset.loss(path[-1])) - floor) / start_excess
        moves = np.diff(path, axis=0)
        dots = np.sum(moves[:-1] * moves[1:], axis=1)
    turns = float(np.mean(dots < 0)) if len(dots) else 0.0
    if len(path) < steps + 1 or not left <= 1.0:
        regime = "diverges"
    elif turns > ZIGZAG_TURNS:
        regime = "zig-zags"
    elif left > CRAWL_LEFT:
        regime = "crawls"
    else:
        regime = "converges"
    why = (
        ("learning_rate", (float(learning_rate),)),
        ("steps_walked", (float(len(path) - 1),)),
        ("cost_left", (left,)),
        ("turns", (turns,)),
    )
    return Answer("regime", regime, (), why)


def _preset_answer(question: Question, state: StopState) -> Answer:
    plane = state.plane
    if plane is None or plane.kind != "lesson":
        raise ConfigError("a question on the preset needs the lesson's valley on the landscape")
    preset = LessonPreset()
    step = preset.step(np.array(preset.start), plane.learning_rate)
    picks = [PRESET_WEIGHTS.index(name) for name in question.of]
    rows = {
        "value": step.value,
        "gradient": step.gradient,
        "negative_gradient": step.negative_gradient,
        "learning_rate": np.full(2, step.learning_rate),
        "change": step.change,
        "new_value": step.new_value,
    }
    why = tuple((key, tuple(float(v) for v in np.asarray(row)[picks])) for key, row in rows.items())
    if question.kind == "sign":
        return Answer("sign", _sign(float(step.change[picks[0]])), question.of, why)
    value = tuple(float(v) for v in np.asarray(rows[question.quantity])[picks])
    return Answer("number", value, question.of, why)


# -- the network ------------------------------------------------------------------------------


def _count_answer(architecture: Architecture) -> Answer:
    sizes = architecture.layer_sizes
    weights = tuple(float(sizes[k] * sizes[k + 1]) for k in range(architecture.n_layers))
    biases = tuple(float(n) for n in sizes[1:])
    why = (("weights", weights), ("biases", biases))
    return Answer("number", (float(architecture.n_parameters),), ("parameters",), why)


def _number_answer(question: Question, step: LessonStep, positions: list[int]) -> Answer:
    idx = np.array(positions)
    rows = {
        "value": step.params_before[idx],
        "gradient": step.gradient[idx],
        "negative_gradient": -step.gradient[idx],
        "change": step.change[idx],
        "new_value": step.params_after[idx],
    }
    value = tuple(float(v) for v in rows[question.quantity])
    return Answer("number", value, question.of, _weight_why(step, positions, question.of))


def _weight_why(step: LessonStep, positions: list[int], names: Sequence[str]) -> tuple:
    """The five numbers of these weights, and for one weight the factors of its gradient."""
    idx = np.array(positions)
    why = [
        ("value", _floats(step.params_before[idx])),
        ("gradient", _floats(step.gradient[idx])),
        ("learning_rate", (float(step.learning_rate),)),
        ("change", _floats(step.change[idx])),
        ("new_value", _floats(step.params_after[idx])),
    ]
    if len(positions) == 1:
        why += list(gradient_factors(step, names[0]))
    return tuple(why)


def gradient_factors(step: LessonStep, name: str) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """The chain rule for the weight ``name`` = w_k[j,i], per example of the step:

        dC/dw = a[k−1]_i × f′(z[k]_j) × dC/da[k]_j          (the ``product``)

    averaged over the examples to the gradient (plus λ·w with weight decay, which lessons
    leave off). For softmax outputs f′ is not one number per neuron: the factors are
    a[k−1]_i and dC/dz[k]_j (= a − y) instead. Also the examples' ``label``.
    """
    arch = step.architecture
    layer = int(name[1 : name.index("[")])
    position = weight_position(arch, name)
    start, _, _ = arch.offsets[layer - 1]
    to_neuron, from_neuron = divmod(position - start, arch.layer_sizes[layer - 1])
    a_prev = step.activations[layer - 1][:, from_neuron]
    delta = step.deltas[layer][:, to_neuron]
    out = [("label", _floats(step.labels)), ("a_prev", _floats(a_prev))]
    if layer == arch.n_layers and arch.loss == "cross_entropy":
        out.append(("dC_dz", _floats(delta)))
    else:
        z = step.weighted_sums[layer][:, to_neuron]
        a = step.activations[layer][:, to_neuron]
        if layer == arch.n_layers:
            slope = a * (1.0 - a)  # the squared error's sigmoid outputs
        else:
            slope = get_activation(arch.activation).backward(z, a)
        out += [("slope", _floats(slope)), ("dC_da", _floats(step.nudges[layer][:, to_neuron]))]
    out.append(("product", _floats(a_prev * delta)))
    return tuple(out)


def _output_answer(step: LessonStep) -> Answer:
    """The output neuron the step's examples most want up: the largest mean −dC/da."""
    wanted = step.mean_wanted
    why = (
        ("label", _floats(step.labels)),
        ("wanted", _floats(wanted)),
        ("activation", _floats(step.activations[-1].mean(axis=0))),
        ("target", _floats(step.targets.mean(axis=0))),
    )
    return Answer("output", int(np.argmax(wanted)), (), why)


def _nudge_answer(step: LessonStep, name: str) -> Answer:
    """Will the neuron's nudge be up or down: the sign of −dC/da, averaged over the step's
    examples. Why: for an output, its target and activation; for a hidden neuron j of layer
    l, the contributions mean_b(δ[l+1]_k) × W[l][k, j] of each neuron k it feeds."""
    arch = step.architecture
    layer, neuron = neuron_position(arch, name)
    nudge = float(step.nudges[layer][:, neuron].mean())
    why = [("label", _floats(step.labels)), ("dC_da", (nudge,))]
    if layer == arch.n_layers:
        why += [
            ("target", (float(step.targets[:, neuron].mean()),)),
            ("activation", (float(step.activations[layer][:, neuron].mean()),)),
        ]
    else:
        weights = Network(arch, params=step.params_before).weights[layer][:, neuron]
        why.append(("contributions", _floats(step.deltas[layer + 1].mean(axis=0) * weights)))
    return Answer("sign", _sign(-nudge), (name,), tuple(why))


def _sign(x: float) -> str:
    return "up" if x > 0 else "down" if x < 0 else "zero"


def _floats(a) -> tuple[float, ...]:
    return tuple(float(v) for v in np.ravel(a))
