"""Loss surfaces of two parameters w = (w1, w2), each with its analytic gradient.

The optimizer race and the learning-rate sweep move one point w over one of these:

===========  ==========================================================  ===================
ravine       f = ½ (w1² + 10 w2²)          (ill-conditioned quadratic)   min (0, 0), f* = 0
rosenbrock   f = (1 − w1)² + 100 (w2 − w1²)²    (a curved, flat valley)  min (1, 1), f* = 0
beale        f = Σ_{i=1..3} (c_i − w1 + w1 w2^i)²,  c = (1.5, 2.25, 2.625)  min (3, ½), f* = 0
saddle       f = w1² + ¼ (w2² − 1)²     (saddle at the origin)           min (0, ±1), f* = 0
two_minima   f = (w1 + 1)² ((w1 − 1)² + 0.1) + w2²                       global (−1, 0), f* = 0,
             local ((1 + √0.8)/2, 0), f ≈ 0.38  (002 figure 1.5: a local minimum)
===========  ==========================================================  ===================

Every built-in is shifted so that its lowest value is 0, so the loss can be drawn on a log
scale. The quadratic keeps its (constant) Hessian H: gradient descent on it is stable exactly
when α < 2/λ_max(H) (:meth:`Surface.critical_lr`). Everything is vectorized: ``evaluate``
takes R points at once (the racers) and ``values_on`` a whole grid (the contour plot).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Point = tuple[float, float]
Gradient = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Window:
    """The rectangle drawn: w1 ∈ [w1_low, w1_high], w2 ∈ [w2_low, w2_high]."""

    w1: tuple[float, float]
    w2: tuple[float, float]

    def axes(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """n evenly spaced values along each axis."""
        return np.linspace(*self.w1, n), np.linspace(*self.w2, n)

    def clamp(self, point: Point) -> Point:
        """The point moved inside the window (a start typed outside it)."""
        return (float(np.clip(point[0], *self.w1)), float(np.clip(point[1], *self.w2)))

    @property
    def radius(self) -> float:
        """The largest distance of the window's corners from the origin."""
        return float(np.hypot(max(map(abs, self.w1)), max(map(abs, self.w2))))


class Surface:
    """A function f(w1, w2) with its gradient; subclasses give ``_evaluate``.

    ``key`` names it (translations ``optimizer_race.surface.<key>``), ``formula`` is LaTeX,
    ``start`` a good first start, ``minima`` the known minima (global first), ``saddles`` the
    known saddle points, ``minimum_value`` f* (None when unknown), ``hessian`` the constant
    Hessian of a quadratic (None otherwise).
    """

    key: str = ""
    formula: str = ""
    window: Window = Window((-1.0, 1.0), (-1.0, 1.0))
    start: Point = (0.5, 0.5)
    minima: tuple[Point, ...] = ()
    saddles: tuple[Point, ...] = ()
    minimum_value: float | None = None
    hessian: np.ndarray | None = None
    log_contours: bool = False

    def _evaluate(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                np.ndarray]:
        """f, ∂f/∂w1, ∂f/∂w2 at the points (w1[r], w2[r]), arrays of one shape."""
        raise NotImplementedError

    def evaluate(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values (R,) and gradients (R, 2) at R points (R, 2)."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        with np.errstate(all="ignore"):
            f, g1, g2 = self._evaluate(points[:, 0], points[:, 1])
        return np.asarray(f, dtype=np.float64), np.stack([g1, g2], axis=-1)

    def value(self, point: Point | np.ndarray) -> float:
        return float(self.evaluate(np.asarray(point))[0][0])

    def gradient(self, point: Point | np.ndarray) -> np.ndarray:
        """∇f = (∂f/∂w1, ∂f/∂w2) at one point, shape (2,)."""
        return self.evaluate(np.asarray(point))[1][0]

    def values_on(self, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        """f on the grid of the axes w1 (n1,) and w2 (n2,): Z[j, i] = f(w1[i], w2[j])."""
        W1, W2 = np.meshgrid(w1, w2)
        values, _ = self.evaluate(np.stack([W1.ravel(), W2.ravel()], axis=1))
        return values.reshape(W1.shape)

    @property
    def lambda_max(self) -> float | None:
        """The largest eigenvalue of the Hessian of a quadratic (None for other surfaces)."""
        if self.hessian is None:
            return None
        return float(np.linalg.eigvalsh(self.hessian).max())

    def critical_lr(self) -> float | None:
        """2/λ_max: gradient descent on a quadratic converges for α < 2/λ_max and diverges
        above (each step multiplies the error along the steepest axis by 1 − α λ_max)."""
        lam = self.lambda_max
        return None if lam is None or lam <= 0 else 2.0 / lam


class AnalyticSurface(Surface):
    """A built-in surface: ``f`` and its hand-derived gradient ``df`` (see :class:`Surface`
    for the other fields)."""

    def __init__(self, key: str, formula: str, f: Callable[[np.ndarray, np.ndarray], np.ndarray],
                 df: Gradient, window: Window, start: Point, minima: tuple[Point, ...], *,
                 saddles: tuple[Point, ...] = (), hessian: np.ndarray | None = None,
                 log_contours: bool = False) -> None:
        self.key, self.formula, self.f, self.df = key, formula, f, df
        self.window, self.start, self.minima, self.saddles = window, start, minima, saddles
        self.minimum_value = 0.0
        self.hessian = hessian
        self.log_contours = log_contours

    def __repr__(self) -> str:
        return f"AnalyticSurface({self.key!r})"

    def _evaluate(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                np.ndarray]:
        g1, g2 = self.df(w1, w2)
        return self.f(w1, w2), g1, g2


# --- the built-ins -------------------------------------------------------------------------
RAVINE_CURVATURES = (1.0, 10.0)  # the Hessian's eigenvalues: a condition number of 10


def _ravine(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    a, b = RAVINE_CURVATURES
    return 0.5 * (a * w1 * w1 + b * w2 * w2)


def _ravine_grad(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = RAVINE_CURVATURES
    return a * w1, b * w2


def _rosenbrock(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    return (1.0 - w1) ** 2 + 100.0 * (w2 - w1 * w1) ** 2


def _rosenbrock_grad(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r = w2 - w1 * w1
    return -2.0 * (1.0 - w1) - 400.0 * w1 * r, 200.0 * r


BEALE_CONSTANTS = (1.5, 2.25, 2.625)


def _beale_terms(w1: np.ndarray, w2: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(i, c_i − w1 + w1 w2^i) for i = 1, 2, 3."""
    return [(i, c - w1 + w1 * w2**i) for i, c in enumerate(BEALE_CONSTANTS, start=1)]


def _beale(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    return sum(a * a for _, a in _beale_terms(w1, w2))


def _beale_grad(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    terms = _beale_terms(w1, w2)
    g1 = sum(2.0 * a * (w2**i - 1.0) for i, a in terms)
    g2 = sum(2.0 * a * w1 * i * w2 ** (i - 1) for i, a in terms)
    return g1, g2


def _saddle(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    return w1 * w1 + 0.25 * (w2 * w2 - 1.0) ** 2


def _saddle_grad(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return 2.0 * w1, w2 * (w2 * w2 - 1.0)


TWO_MINIMA_C = 0.1  # the smaller, the deeper the local minimum on the right


def _two_minima(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    return (w1 + 1.0) ** 2 * ((w1 - 1.0) ** 2 + TWO_MINIMA_C) + w2 * w2


def _two_minima_grad(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return 2.0 * (w1 + 1.0) * (2.0 * w1 * w1 - 2.0 * w1 + TWO_MINIMA_C), 2.0 * w2


_ROOT = np.sqrt(1.0 - 2.0 * TWO_MINIMA_C)  # f′ = 0 at w1 = −1 and w1 = (1 ± √(1 − 2c)) / 2

SURFACES: dict[str, AnalyticSurface] = {
    surface.key: surface
    for surface in (
        AnalyticSurface(
            "ravine", r"f = \tfrac12\,(w_1^2 + 10\,w_2^2)", _ravine, _ravine_grad,
            Window((-10.0, 10.0), (-4.0, 4.0)), (-9.0, 3.0), ((0.0, 0.0),),
            hessian=np.diag(RAVINE_CURVATURES)),
        AnalyticSurface(
            "rosenbrock", r"f = (1 - w_1)^2 + 100\,(w_2 - w_1^2)^2", _rosenbrock,
            _rosenbrock_grad, Window((-2.0, 2.0), (-1.0, 3.0)), (-1.5, 2.5), ((1.0, 1.0),),
            log_contours=True),
        AnalyticSurface(
            "beale", r"f = (1.5 - w_1 + w_1 w_2)^2 + (2.25 - w_1 + w_1 w_2^2)^2 "
            r"+ (2.625 - w_1 + w_1 w_2^3)^2", _beale, _beale_grad,
            Window((-4.5, 4.5), (-4.5, 4.5)), (1.0, 1.5), ((3.0, 0.5),), log_contours=True),
        AnalyticSurface(
            "saddle", r"f = w_1^2 + \tfrac14\,(w_2^2 - 1)^2", _saddle, _saddle_grad,
            Window((-2.0, 2.0), (-2.0, 2.0)), (-1.8, 0.01), ((0.0, 1.0), (0.0, -1.0)),
            saddles=((0.0, 0.0),)),
        AnalyticSurface(
            "two_minima", r"f = (w_1 + 1)^2\,\big((w_1 - 1)^2 + 0.1\big) + w_2^2",
            _two_minima, _two_minima_grad, Window((-2.0, 2.5), (-1.5, 1.5)), (2.2, 1.0),
            ((-1.0, 0.0), ((1.0 + _ROOT) / 2.0, 0.0)), saddles=(((1.0 - _ROOT) / 2.0, 0.0),)),
    )
}


def make_surface(key: str) -> AnalyticSurface:
    """The built-in surface called ``key`` (see :data:`SURFACES`)."""
    try:
        return SURFACES[key]
    except KeyError:
        raise ValueError(f"unknown surface {key!r}; choose one of {sorted(SURFACES)}") from None
