"""The words of a lesson's answers: the true value, the class's guess and the numbers behind
it, as the strip under the stage shows them (``app.ui.lesson_player``).

    shown_answer(truth)   "w1 = 0.01, w2 = 0.02"; a count in every digit: "13,002 weights …"
    why_text(truth, scene) one line of the numbers behind it (or None where the scene shows
                           them already) and all of them, for the tooltip
    factor_chain(truth)    one example's gradient as its three factors and the step it makes
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core.lesson_answers import Answer

#: The words of the choices (``SIGNS``, ``REGIMES``), for the translations.
CHOICE_WORDS = (
    QT_TRANSLATE_NOOP("LessonPlayer", "up"),
    QT_TRANSLATE_NOOP("LessonPlayer", "down"),
    QT_TRANSLATE_NOOP("LessonPlayer", "zero"),
    QT_TRANSLATE_NOOP("LessonPlayer", "crawls"),
    QT_TRANSLATE_NOOP("LessonPlayer", "converges"),
    QT_TRANSLATE_NOOP("LessonPlayer", "zig-zags"),
    QT_TRANSLATE_NOOP("LessonPlayer", "diverges"),
)
#: How each number behind an answer is named beside it: symbols where the lessons use them
#: (the same in both languages), words where they do not (translated).
WHY_NAMES = {
    "value": "w",
    "gradient": "dC/dw",
    "negative_gradient": "−dC/dw",
    "learning_rate": "η",
    "change": "Δw = η × (−dC/dw)",
    "new_value": "w + Δw",
    "a_prev": "a_prev",
    "slope": "f′(z)",
    "dC_da": "dC/da",
    "dC_dz": "dC/dz",
    "product": "a_prev × f′(z) × dC/da",
    "wanted": "−dC/da",
    "activation": "a",
    "target": "y",
    "contributions": "δ × w",
    "label": QT_TRANSLATE_NOOP("LessonPlayer", "digit"),
    "cost_left": QT_TRANSLATE_NOOP("LessonPlayer", "cost left"),
    "turns": QT_TRANSLATE_NOOP("LessonPlayer", "turning back"),
    "steps_walked": QT_TRANSLATE_NOOP("LessonPlayer", "steps walked"),
}
#: The scenes whose picture holds the five numbers (value, gradient, η, change, new value).
SCENES_SHOWING_NUMBERS = frozenset({"numbers", "landscape"})
#: The why keys of those five numbers.
FIVE_NUMBERS = frozenset(
    {"value", "gradient", "negative_gradient", "learning_rate", "change", "new_value"}
)
#: At most this many numbers of one kind are shown (one per example of a batch of ten).
MAX_WHY_NUMBERS = 10
_NUMBER = re.compile(r"[-+−]?(\d+(\.\d*)?|\.\d+)([eE][-+−]?\d+)?")


def parse_numbers(text: str) -> tuple[float, ...]:
    """The numbers a class called out: "0.01, 0.02", "0.51 0.22", "−1e-3" (a true minus)."""
    return tuple(float(m.group(0).replace("−", "-")) for m in _NUMBER.finditer(text))


def factor_chain(truth: Answer) -> str | None:
    """One example's gradient as its factors and the step it makes, on one line:
    "dC/dw = a_prev × f′(z) × dC/da = 0.631 × 0.245 × (−0.858) = −0.133 · Δw = η × (−dC/dw)
    = 3 × 0.133 = 0.398"; None where there is no such chain (or a batch's many examples)."""
    why = dict(truth.why)
    keys = ("a_prev", "slope", "dC_da", "gradient", "learning_rate", "change")
    if any(key not in why or len(why[key]) != 1 for key in keys):
        return None
    a, f, d, g, eta, change = (why[key][0] for key in keys)
    factors = " × ".join(bracketed(v) for v in (a, f, d))
    gradient = f"dC/dw = a_prev × f′(z) × dC/da = {factors} = {numbers_text(g)}"
    step = f"Δw = η × (−dC/dw) = {numbers_text(eta)} × {bracketed(-g)} = {numbers_text(change)}"
    return f"{gradient} · {step}"


def bracketed(value: float) -> str:
    """A factor in a product: a negative one in brackets, as a textbook writes it."""
    return f"({numbers_text(value)})" if value < 0 else numbers_text(value)


def numbers_text(values) -> str:
    from app.ui.scenes import short_number

    return ", ".join(short_number(v) for v in np.atleast_1d(values))


def shown_answer(truth: Answer) -> str:
    if truth.kind == "number" and truth.names == ("parameters",):  # a count: every digit
        weights, biases = truth.why_of("weights"), truth.why_of("biases")
        sums = [" + ".join(f"{round(n):,}" for n in part) for part in (weights, biases)]
        text = QCoreApplication.translate(
            "LessonPlayer", "%1 weights and biases (weights %2, biases %3)"
        )
        return (
            text.replace("%1", f"{round(truth.value[0]):,}")
            .replace("%2", sums[0])
            .replace("%3", sums[1])
        )
    if truth.kind == "number":
        return ", ".join(
            f"{name} = {numbers_text(v)}" for name, v in zip(truth.names, truth.value, strict=False)
        ) or numbers_text(truth.value)
    if truth.kind in ("sign", "regime"):
        return QCoreApplication.translate("LessonPlayer", str(truth.value))
    return str(truth.value)


def shown_guess(guess) -> str:
    if isinstance(guess, tuple):
        return numbers_text(guess)
    if isinstance(guess, str):
        return QCoreApplication.translate("LessonPlayer", guess)
    return str(guess)


def why_text(truth: Answer, scene: str) -> tuple[str | None, list[str]]:
    """The line of numbers behind ``truth`` the strip shows on ``scene`` (None: none), and
    every number behind it (for the tooltip). Where the scene shows the five numbers
    themselves, a why of just those would repeat them: it waits in the tooltip instead of
    taking the picture's lines. An output's line is its wanted changes (−dC/da); one
    example's gradient is its factor chain."""
    shown_why = [(key, values) for key, values in truth.why if key in WHY_NAMES]
    why = [
        f"{QCoreApplication.translate('LessonPlayer', WHY_NAMES[key])} = "
        f"{numbers_text(np.atleast_1d(values)[:MAX_WHY_NUMBERS])}"
        for key, values in shown_why
    ]
    keys = {key for key, _ in shown_why}
    if not why or (keys <= FIVE_NUMBERS and scene in SCENES_SHOWING_NUMBERS):
        return None, why
    if truth.kind == "output":
        wanted = [w for (key, _), w in zip(shown_why, why, strict=True) if key == "wanted"]
        return " · ".join(wanted) or None, why
    return factor_chain(truth) or " · ".join(why), why
