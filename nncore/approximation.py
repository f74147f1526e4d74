"""Universal approximation with one hidden layer of ReLUs (003 "Universal approximation theorem").

A 1-H-1 network with ReLU hidden units and a linear output computes a sum of hinges

    n_i(x) = ReLU(w_i x + b_i),        Z(x) = Σ_i v_i n_i(x) + c

Each hinge is flat on one side of its kink x = −b_i / w_i and a line of slope w_i on the other,
so Z is piecewise linear with a kink per unit: enough units follow any continuous curve on a
bounded interval (Cybenko 1989; Hornik et al. 1991). 003 builds its example from six units,
:data:`COURSE_UNITS`. The trained version is :func:`train_relu_sum`, the same network trained by
:mod:`nncore` on samples of a target (a :class:`~nncore.model.Sequential` ``mlp([1, H, 1])``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore.errors import CodedError
from nncore.graph.expression import parse_expression, variable_names
from nncore.model import Sequential, mlp
from nncore.training import Trainer


@dataclass(frozen=True)
class ReluUnit:
    """One hidden unit and its output weight: it adds ``v · ReLU(w x + b)`` to Z."""

    w: float
    b: float
    v: float

    @property
    def kink(self) -> float | None:
        """Where the unit switches on, x = −b / w (None for a flat unit, w = 0)."""
        return None if self.w == 0 else -self.b / self.w


# 003: n1 = ReLU(−5x − 7.7), n2 = ReLU(−1.2x − 1.3), n3 = ReLU(1.2x + 1), n4 = ReLU(1.2x − 0.2),
# n5 = ReLU(2x − 1.1), n6 = ReLU(5x − 5); Z = −n1 − n2 − n3 + n4 + n5 + n6.
COURSE_UNITS: tuple[ReluUnit, ...] = (
    ReluUnit(-5.0, -7.7, -1.0),
    ReluUnit(-1.2, -1.3, -1.0),
    ReluUnit(1.2, 1.0, -1.0),
    ReluUnit(1.2, -0.2, 1.0),
    ReluUnit(2.0, -1.1, 1.0),
    ReluUnit(5.0, -5.0, 1.0),
)
MAX_UNITS = 12  # hand mode
MAX_WIDTH = 64  # train mode
X_RANGE = (-2.0, 2.0)

TARGETS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "course": lambda x: relu_sum(COURSE_UNITS, x),
    "sin": lambda x: np.sin(np.pi * x / 2) * 2,
    "abs": np.abs,
    "step": lambda x: np.where(x >= 0, 1.0, -1.0),
    "bump": lambda x: 2 * np.exp(-4 * x**2),
    "square": lambda x: x**2,
}


def unit_curves(units: tuple[ReluUnit, ...] | list[ReluUnit], x: np.ndarray) -> np.ndarray:
    """Row i is v_i · n_i(x) = v_i · ReLU(w_i x + b_i): the i-th unit's share of Z."""
    w = np.array([u.w for u in units], dtype=float)[:, None]
    b = np.array([u.b for u in units], dtype=float)[:, None]
    v = np.array([u.v for u in units], dtype=float)[:, None]
    return v * np.maximum(w * np.asarray(x, dtype=float)[None, :] + b, 0.0)


def relu_sum(units: tuple[ReluUnit, ...] | list[ReluUnit], x: np.ndarray,
             bias: float = 0.0) -> np.ndarray:
    """Z(x) = Σ_i v_i ReLU(w_i x + b_i) + c."""
    x = np.asarray(x, dtype=float)
    if len(units) == 0:
        return np.full_like(x, bias)
    return unit_curves(units, x).sum(axis=0) + bias


@dataclass(frozen=True)
class Fit:
    """How well Z follows the target on the sample points: RMS error and a 0–100 score,
    100 · max(0, 1 − RMS / spread) with spread the target's RMS distance from its own mean
    (a flat line at the mean scores 0, a perfect match 100)."""

    rms: float
    score: float


def fit_quality(prediction: np.ndarray, target: np.ndarray) -> Fit:
    rms = float(np.sqrt(np.mean((prediction - target) ** 2)))
    spread = float(np.sqrt(np.mean((target - target.mean()) ** 2)))
    score = 100.0 if spread == 0 and rms == 0 else 100.0 * max(0.0, 1.0 - rms / max(spread, 1e-12))
    return Fit(rms, round(score, 1))


def units_of(model: Sequential) -> tuple[tuple[ReluUnit, ...], float]:
    """The hinges of a trained 1-H-1 ReLU network and its output bias c."""
    hidden, out = model[0], model[-1]
    w, b = hidden.W[:, 0], hidden.b
    v, c = out.W[0], float(out.b[0])
    return tuple(ReluUnit(float(a), float(d), float(e)) for a, d, e in zip(w, b, v, strict=True)), c


def samples(target: Callable[[np.ndarray], np.ndarray], n: int = 200,
            x_range: tuple[float, float] = X_RANGE) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(*x_range, n)
    return x, np.asarray(target(x), dtype=float)


def make_relu_net(sizes: list[int], seed: int = 0) -> Sequential:
    """A ReLU MLP with a linear output for 1-D regression (He initialisation)."""
    return mlp(sizes, activation="relu", head="linear", seed=seed)


def trainer_for(model: Sequential, x: np.ndarray, y: np.ndarray, lr: float = 0.01,
                seed: int = 0) -> Trainer:
    """Full-batch Adam on the mean squared error (1/N) Σ (Z − y)² of the samples (the linear
    head's loss)."""
    return Trainer(model, x[:, None], y[:, None], optimizer="adam", lr=lr, batch_size=None,
                   seed=seed)


def train_relu_sum(target: Callable[[np.ndarray], np.ndarray], width: int, epochs: int = 2000,
                   seed: int = 0, lr: float = 0.01) -> tuple[Sequential, Fit]:
    """Train ``mlp([1, width, 1])`` on 200 samples of ``target`` over :data:`X_RANGE`."""
    x, y = samples(target)
    model = make_relu_net([1, int(np.clip(width, 1, MAX_WIDTH)), 1], seed=seed)
    trainer_for(model, x, y, lr=lr, seed=seed).run_epochs(epochs)
    return model, fit_quality(model.output(x[:, None])[:, 0], y)


def deep_width_for(width: int) -> int:
    """The width h of a 1-h-h-1 network with no more parameters than 1-``width``-1.

    1-H-1 has 3H + 1 parameters; 1-h-h-1 has h² + 4h + 1, so h = ⌊−2 + √(4 + 3H)⌋ (at least 1).
    """
    return max(1, int(np.floor(-2 + np.sqrt(4 + 3 * width))))


def width_sweep(target: Callable[[np.ndarray], np.ndarray], widths: tuple[int, ...],
                epochs: int = 1500, seed: int = 0) -> list[tuple[int, Fit, int, Fit]]:
    """For each H: the 1-H-1 fit, and h with the fit of 1-h-h-1 of about the same size."""
    x, y = samples(target)
    rows = []
    for width in widths:
        _, shallow_fit = train_relu_sum(target, width, epochs, seed)
        h = deep_width_for(width)
        deep = make_relu_net([1, h, h, 1], seed=seed)
        trainer_for(deep, x, y, seed=seed).run_epochs(epochs)
        rows.append((width, shallow_fit, h, fit_quality(deep.output(x[:, None])[:, 0], y)))
    return rows


class TargetError(CodedError):
    """A typed target that is not a function of x alone, or not finite on the interval."""


def target_from_expression(text: str) -> Callable[[np.ndarray], np.ndarray]:
    """A target typed by the student, read by the safe parser of :mod:`nncore.graph` (never
    ``eval``): a function of ``x`` only, finite on :data:`X_RANGE`. Refusals raise the
    parser's :class:`~nncore.graph.ExpressionError` or a :class:`TargetError`."""
    names = variable_names(text)
    if any(name != "x" for name in names):
        raise TargetError("approximation.variables",
                          "The target may use only the variable x, not {names}.",
                          names=", ".join(n for n in names if n != "x"))

    def target(x: np.ndarray) -> np.ndarray:
        value = np.broadcast_to(parse_expression(text, {"x": x}).output.value, x.shape)
        if not np.all(np.isfinite(value)):
            raise TargetError("approximation.not_finite",
                              "The target is not finite everywhere on [{low}, {high}].",
                              low=X_RANGE[0], high=X_RANGE[1])
        return np.asarray(value, dtype=float)

    target(np.linspace(*X_RANGE, 5))
    return target
