"""The lesson's two-weight model: the article's gradient descent in five steps, exactly.

w = (0.5, 0.2), negative gradient (0.1, 0.2), η = 0.1, change (0.01, 0.02), new w
(0.51, 0.22); and what too small, good, too large and far too large learning rates do on its
contour, for gradient descent, momentum and Adam side by side.
"""

from __future__ import annotations

import numpy as np

from app.core.descent import DescentStep, descent_step
from app.core.optimizers import make_optimizer
from app.errors import ConfigError

#: A lesson path that passes this distance from the origin has diverged; it stops there.
DIVERGED = 1e6


class LessonPreset:
    """A linear neuron with two weights (no bias) fit by squared error to four fixed examples.

    The neuron answers ``x · w`` for an input ``x`` of two numbers; its cost over the
    examples ``(x_n, t_n)`` is

        L(w) = ½ · mean_n (x_n · w − t_n)²  =  ½ (w − w*)ᵀ H (w − w*) + L_min

    exactly quadratic, with H = XᵀX / n = diag(1, 10), the best weights w* = (0.6, 0.22) and
    L_min = 0.0125 (no two weights fit all four examples). Its gradient is H (w − w*): at the
    lesson's start w = (0.5, 0.2) that is (−0.1, −0.2), so the negative gradient is the
    lesson's (0.1, 0.2), and one step with η = 0.1 changes w by (0.01, 0.02) to (0.51, 0.22).

    The valley is ten times steeper across w2 than along w1. Gradient descent multiplies the
    distance to w* along each axis by (1 − η h) per step, h the curvature there (1 or 10):

    * η = 0.01 ("too small"): factors 0.99 and 0.9; after 50 steps a quarter of the cost above
      L_min is left, crawling along w1.
    * η = 0.1 ("good"): factors 0.9 and 0; the first step lands w2 exactly on the valley
      floor (that is why the lesson's new w2, 0.22, is w2*), then it walks along the floor.
    * η = 0.19 ("too large"): factor −0.9 across the valley: every step overshoots to the
      other side, a zig-zag that dies out only slowly. It still converges, since |−0.9| < 1.
    * η = 0.25 ("far too large"): factor −1.5: every overshoot is larger than the last and
      the path leaves the map (any η > 0.2 does).

    η = 2/11 ≈ 0.18 would be the fastest plain gradient descent here, a little zig-zag and
    all: the regimes show what η does to the path, not a race.
    """

    start: tuple[float, float] = (0.5, 0.2)
    names: tuple[str, str] = ("w1", "w2")

    def __init__(self) -> None:
        #: The examples: inputs (4, 2) and targets (4,).
        self.x = np.array([[1.0, 4.0], [1.0, -4.0], [-1.0, 2.0], [-1.0, -2.0]])
        self.minimum = np.array([0.6, 0.22])
        # Orthogonal to both columns of x, so it moves no weight, only lifts the floor.
        misfit = np.array([0.1, -0.1, -0.2, 0.2])
        self.t = self.x @ self.minimum + misfit
        self.hessian = self.x.T @ self.x / len(self.x)  # diag(1, 10), exactly
        self.min_loss = 0.5 * float(np.mean(misfit**2))  # 0.0125
        #: Learning rates showing the four things η can do here (checked by the tests).
        self.learning_rate_regimes: dict[str, float] = {
            "too small": 0.01,
            "good": 0.1,
            "too large": 0.19,
            "far too large": 0.25,
        }

    def loss(self, w: np.ndarray) -> np.ndarray:
        """L(w) for w of shape (..., 2): shape (...)."""
        d = np.asarray(w, dtype=np.float64) - self.minimum
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d) + self.min_loss

    def gradient(self, w: np.ndarray) -> np.ndarray:
        """∇L(w) = H (w − w*) for w of shape (..., 2): shape (..., 2)."""
        d = np.asarray(w, dtype=np.float64) - self.minimum
        return d @ self.hessian.T

    def grid(self, a_values: np.ndarray, b_values: np.ndarray) -> np.ndarray:
        """L over the grid w1 = a_values, w2 = b_values: shape (len(b_values), len(a_values))."""
        w1, w2 = np.meshgrid(np.asarray(a_values, float), np.asarray(b_values, float))
        return self.loss(np.stack([w1, w2], axis=-1))

    def step(self, w: np.ndarray, learning_rate: float) -> DescentStep:
        """The lesson's five numbers for one gradient-descent step from ``w``."""
        w = np.asarray(w, dtype=np.float64)
        return descent_step(w, self.gradient(w), learning_rate, names=self.names)

    def path(
        self,
        optimizer: str,
        learning_rate: float,
        steps: int,
        start: tuple[float, float] | np.ndarray | None = None,
    ) -> np.ndarray:
        """The weights after 0, 1, …, ``steps`` steps of ``optimizer``: shape (steps + 1, 2).

        Uses the app's own optimizers (``change`` then ``accept``), so momentum and Adam
        behave here as they do on the network. A path whose next point would be farther than
        ``DIVERGED`` from the origin has diverged: it stops before that point and is shorter.
        """
        opt = make_optimizer(optimizer)
        w = np.array(self.start if start is None else start, dtype=np.float64)
        if w.shape != (2,):
            raise ConfigError(f"the lesson's start is two weights, got shape {w.shape}")
        points = [w.copy()]
        with np.errstate(all="ignore"):
            for _ in range(steps):
                new = w + opt.change(self.gradient(w), learning_rate)
                if not (np.all(np.isfinite(new)) and np.linalg.norm(new) <= DIVERGED):
                    break
                opt.accept()
                w = new
                points.append(w.copy())
        return np.array(points)


#: Learning rates for which the three optimizers' paths across the lesson's valley differ
#: the most: gradient descent walks straight down the steep side then along the floor,
#: momentum overshoots and curls in, Adam starts diagonally (it steps every weight alike).
COMPARISON_LEARNING_RATES: dict[str, float] = {"gd": 0.1, "momentum": 0.02, "adam": 0.05}


def compare_optimizers(
    preset: LessonPreset, learning_rates: dict[str, float] | None = None, steps: int = 60
) -> dict[str, np.ndarray]:
    """Paths of gradient descent, momentum and Adam from ``preset.start``.

    ``learning_rates`` overrides ``COMPARISON_LEARNING_RATES`` per optimizer name. Returns
    ``{name: path}``, each path shape (≤ steps + 1, 2) as ``LessonPreset.path`` gives it.
    """
    rates = {**COMPARISON_LEARNING_RATES, **(learning_rates or {})}
    return {name: preset.path(name, rate, steps) for name, rate in rates.items()}
