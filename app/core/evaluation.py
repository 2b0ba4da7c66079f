"""How a network does on a whole test set: which digits it gets right, which it mixes up,
how sure it is, and what it would score if it could say "I don't know".

For ``n`` examples and a network with ``K`` outputs (ten for digits), ``evaluate`` runs the
network once and keeps

    outputs      (n, K)  the output activations
    predictions  (n,)    the answer, argmax of the outputs
    confidence   (n,)    the network's share for its answer, in (0, 1]

and from those the confusion matrix ``C`` (K, K): ``C[t, a]`` counts the examples of true
digit ``t`` answered ``a``. Rows are the truth, columns the answer, so

    count         = Σ C                (every example is in exactly one cell)
    accuracy      = trace(C) / Σ C     (the diagonal is the right answers)
    per_class[t]  = C[t, t] / Σ_a C[t, a]

Everything here is plain numpy and read-only once made, so a worker thread can compute an
``Evaluation`` and hand it to the window as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from app.core.network import Network
from app.errors import ConfigError

#: Examples per forward pass: bounds the memory of the hidden activations, not the result.
DEFAULT_CHUNK = 4096


@dataclass(frozen=True)
class AbstainResult:
    """What the network scores if it answers only when its share is at least the threshold.

    ``answered_share``     n_answered / n, in [0, 1].
    ``accuracy_answered``  right answers / n_answered; NaN when nothing was answered.
    ``n_answered``         how many examples it answered.
    """

    answered_share: float
    accuracy_answered: float
    n_answered: int


@dataclass(frozen=True, eq=False)
class AbstainCurve:
    """``abstain`` at many thresholds at once; every array has shape (T,), read-only."""

    thresholds: np.ndarray
    answered_share: np.ndarray
    accuracy_answered: np.ndarray
    n_answered: np.ndarray


@dataclass(frozen=True, eq=False)
class Evaluation:
    """One network's answers on one labelled set. Arrays are read-only; see the module notes.

    ``outputs``      float32 (n, K): output activations (sigmoid scores or softmax shares).
    ``labels``       intp (n,): the true digits, 0..K−1.
    ``predictions``  intp (n,): the answers (ties go to the lowest digit, like argmax).
    ``confidence``   float64 (n,): ``Network.output_shares`` of the answer, so sigmoid and
                     softmax networks are compared on the same scale: shares summing to 1.
    ``confusion``    int64 (K, K): rows the true digit, columns the answer.
    """

    outputs: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    confidence: np.ndarray
    confusion: np.ndarray

    # -- the summary figures -------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self.labels)

    @property
    def n_outputs(self) -> int:
        return self.confusion.shape[0]

    @cached_property
    def accuracy(self) -> float:
        """Share of right answers, 0..1: the diagonal of the confusion matrix over its sum."""
        return int(np.trace(self.confusion)) / self.count

    @cached_property
    def per_class(self) -> np.ndarray:
        """float64 (K,): for each true digit, the share of its examples answered right.

        NaN for a digit with no examples in the set: there is nothing to be right or wrong
        about, and 0 would read as "always wrong". Read-only.
        """
        right = np.diag(self.confusion).astype(np.float64)
        examples = self.confusion.sum(axis=1)
        out = np.full(self.n_outputs, np.nan)
        np.divide(right, examples, out=out, where=examples > 0)
        return _read_only(out)

    @cached_property
    def correct(self) -> np.ndarray:
        """bool (n,): whether each example was answered right. Read-only."""
        return _read_only(self.predictions == self.labels)

    # -- examples to look at -------------------------------------------------------------------

    def examples_in_cell(self, true: int, answer: int) -> np.ndarray:
        """Indices of the examples of digit ``true`` answered ``answer``, most confident first.

        For a cell off the diagonal that is the wrongest first: the network was surest of an
        answer that is not the truth. Ties keep the set's order.
        """
        k = self.n_outputs
        if not (0 <= true < k and 0 <= answer < k):
            raise ConfigError(f"no cell ({true}, {answer}); the matrix is {k}×{k}")
        return self._most_confident_first((self.labels == true) & (self.predictions == answer))

    def mistakes(self, limit: int | None = None) -> np.ndarray:
        """Indices of the wrong answers, wrongest (most confident) first; at most ``limit``."""
        if limit is not None and limit < 0:
            raise ConfigError(f"limit must be 0 or more, got {limit}")
        return self._most_confident_first(~self.correct)[:limit]

    def _most_confident_first(self, mask: np.ndarray) -> np.ndarray:
        where = np.flatnonzero(mask)
        # Stable, so equal confidences stay in the set's order.
        return where[np.argsort(-self.confidence[where], kind="stable")]

    # -- "I don't know" ------------------------------------------------------------------------

    def abstain(self, threshold: float) -> AbstainResult:
        """Answer only where ``confidence >= threshold``, say "I don't know" elsewhere.

        At threshold 0 every example is answered and the accuracy is ``accuracy``; raising it
        answers fewer, usually with a higher accuracy on those it does answer.
        """
        curve = self.abstain_curve([threshold])
        return AbstainResult(
            float(curve.answered_share[0]),
            float(curve.accuracy_answered[0]),
            int(curve.n_answered[0]),
        )

    def abstain_curve(self, thresholds) -> AbstainCurve:
        """``abstain`` for each threshold in ``thresholds`` (shape (T,), each in [0, 1]).

        One sort of the confidences serves every threshold: with them ascending, the answered
        examples at threshold t are those from ``searchsorted(t)`` on, and a running count of
        right answers from the top end gives how many of them are right.
        """
        t = np.array(thresholds, dtype=np.float64).reshape(-1)
        if not np.all((t >= 0.0) & (t <= 1.0)):
            raise ConfigError("confidence thresholds must be between 0 and 1")
        order = np.argsort(self.confidence, kind="stable")
        ascending = self.confidence[order]
        # right_from[i]: right answers among the examples from sorted position i on.
        right_from = np.zeros(self.count + 1, dtype=np.int64)
        right_from[:-1] = np.cumsum(self.correct[order][::-1])[::-1]
        first = np.searchsorted(ascending, t, side="left")
        n_answered = self.count - first
        accuracy = np.full(len(t), np.nan)
        np.divide(right_from[first], n_answered, out=accuracy, where=n_answered > 0)
        return AbstainCurve(
            _read_only(t),
            _read_only(n_answered / self.count),
            _read_only(accuracy),
            _read_only(n_answered),
        )


def evaluate(
    network: Network,
    images_or_inputs: np.ndarray,
    labels: np.ndarray,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[float], None] | None = None,
) -> Evaluation:
    """Run ``network`` over a labelled set and keep what it answered and how sure it was.

    ``images_or_inputs``: network inputs (n, n_0), float in [0, 1], or stored images: any
    (n, …) array with n_0 values per example, of which uint8 is read as 0..255 ink (what
    ``app.data.datasets.to_inputs`` does). ``labels``: (n,) whole numbers 0..K−1.
    ``chunk``: examples per forward pass (memory only; the result is the same).
    ``progress(fraction)``, if given, is called after each chunk with the share of examples
    read, in (0, 1], the last call with 1.0; to stop early, raise from it (the exception
    passes through and nothing is returned).
    """
    n_in, n_out = network.layer_sizes[0], network.layer_sizes[-1]
    labels = np.asarray(labels)
    x = np.asarray(images_or_inputs)
    if x.ndim >= 1 and len(x) == 0:
        raise ConfigError("cannot evaluate on an empty dataset")
    if x.ndim < 2 or x[0].size != n_in:
        raise ConfigError(f"expected {n_in} inputs per example, got an array of shape {x.shape}")
    if labels.shape != (len(x),):
        raise ConfigError(f"{len(x)} examples but labels of shape {labels.shape}")
    if labels.dtype.kind not in "iu" or labels.min() < 0 or labels.max() >= n_out:
        raise ConfigError(f"labels must be whole numbers 0 to {n_out - 1}")
    if chunk < 1:
        raise ConfigError(f"chunk must be at least 1 example, got {chunk}")
    labels = labels.astype(np.intp)
    outputs = _outputs(network, x.reshape(len(x), n_in), chunk, progress)
    # From the float64 outputs, so the answers are exactly those of Network.predict/evaluate.
    predictions = outputs.argmax(axis=1)
    confidence = _answer_shares(network, outputs, predictions)
    confusion = np.bincount(labels * n_out + predictions, minlength=n_out * n_out)
    return Evaluation(
        outputs=_read_only(outputs.astype(np.float32)),
        labels=_read_only(labels),
        predictions=_read_only(predictions),
        confidence=_read_only(confidence),
        confusion=_read_only(confusion.astype(np.int64).reshape(n_out, n_out)),
    )


def _outputs(
    network: Network, x: np.ndarray, chunk: int, progress: Callable[[float], None] | None
) -> np.ndarray:
    """The network's outputs (n, K) for inputs ``x`` (n, n_0), ``chunk`` examples a pass;
    uint8 inputs are read as 0..255, one chunk at a time (never a float copy of them all)."""
    parts = []
    for start in range(0, len(x), chunk):
        part = x[start : start + chunk]
        if part.dtype == np.uint8:
            part = part.astype(np.float32) / np.float32(255.0)
        parts.append(network.outputs(part, chunk=chunk))
        if progress is not None:
            progress(min(start + chunk, len(x)) / len(x))
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _answer_shares(network: Network, outputs: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """The share of each row's answer, shape (n,); 1/K where the outputs are all zero.

    Sigmoid outputs that all underflowed to 0 (only from absurd weights) have no shares; such
    a network has no preference, which is what 1/K says.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = network.output_shares(outputs)
    confidence = shares[np.arange(len(answers)), answers]
    confidence[~np.isfinite(confidence)] = 1.0 / outputs.shape[1]
    return confidence


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array)
    array.flags.writeable = False
    return array
