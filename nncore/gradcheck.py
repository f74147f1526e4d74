"""Numerical gradient check: compare backward's gradients with centred differences.

For every entry x of an array,   ∂f/∂x ≈ (f(x + h) − f(x − h)) / (2h),
and the relative error (CS231n) is   |a − n| / max(|a|, |n|, floor),
a the analytic (backward) value, n the numerical one; ``floor`` avoids 0/0. In float64 a
correct backward gives errors around 1e-8 or less; a bug gives errors near 1.

- :func:`check_layer`  – one layer, on the input X and every parameter;
- :func:`check_loss`   – a loss, on its prediction argument;
- :func:`check_model`  – a model + loss (+ regulariser), on every parameter and on X.

Each returns :class:`GradCheck` results keyed by name ("X", "W1", "b1", …, "pred") with the
arrays a page can show: ``analytic``, ``numeric``, ``rel_error`` and ``max_error``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore.layers import Layer
from nncore.losses import Loss
from nncore.model import Sequential
from nncore.regularization import Regularizer


@dataclass
class GradCheck:
    """The comparison for one array: analytic vs numerical gradient, elementwise."""

    name: str
    analytic: np.ndarray
    numeric: np.ndarray
    rel_error: np.ndarray

    @property
    def max_error(self) -> float:
        return float(self.rel_error.max(initial=0.0))

    def ok(self, tol: float = 1e-6) -> bool:
        return self.max_error < tol


def relative_error(a: np.ndarray, n: np.ndarray, floor: float = 1e-12) -> np.ndarray:
    """|a − n| / max(|a|, |n|, floor), elementwise."""
    return np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Centred differences of the scalar f() with respect to every entry of x.

    x is perturbed in place (and restored), so f must read x, e.g. a parameter's value.
    """
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f()
        flat[i] = old - h
        f_minus = f()
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2.0 * h)
    return grad


def _compare(
    f: Callable[[], float], arrays: dict[str, tuple[np.ndarray, np.ndarray]], h: float
) -> dict[str, GradCheck]:
    """For each name: (the array f reads, its analytic gradient) → a GradCheck."""
    out = {}
    for name, (x, analytic) in arrays.items():
        numeric = numerical_gradient(f, x, h)
        out[name] = GradCheck(name, analytic, numeric, relative_error(analytic, numeric))
    return out


def check_layer(
    layer: Layer | Sequential, X: np.ndarray, seed: int = 0, h: float = 1e-5
) -> dict[str, GradCheck]:
    """Check a layer (or a model without loss) through the scalar f = Σ (forward(X) ⊙ G),
    G a fixed random matrix, so ΔY = G. Results for "X" and each parameter."""
    X = np.array(X, dtype=np.float64)
    layer.train()
    Y = layer.forward(X)
    G = np.random.default_rng(seed).standard_normal(Y.shape)
    for p in layer.params():
        p.zero_grad()
    dX = layer.backward(G)
    arrays = {"X": (X, dX)} | {p.name: (p.value, p.grad.copy()) for p in layer.params()}
    return _compare(lambda: float(np.sum(layer.forward(X) * G)), arrays, h)


def check_loss(loss: Loss, pred: np.ndarray, target: np.ndarray, h: float = 1e-5) -> GradCheck:
    """Check ``loss.backward()`` against the numerical derivative of the loss value
    (for ``reduction="none"``, of the sum of the per-sample losses)."""
    pred = np.array(pred, dtype=np.float64)

    def f() -> float:
        return float(np.sum(loss.forward(pred, target)))

    f()
    analytic = loss.backward()
    return _compare(f, {"pred": (pred, analytic)}, h)["pred"]


def check_model(
    model: Sequential,
    loss: Loss,
    X: np.ndarray,
    target: np.ndarray,
    regularizer: Regularizer | None = None,
    h: float = 1e-5,
) -> dict[str, GradCheck]:
    """Check the full training gradient of J = loss(model(X), target) + R(W):
    every parameter (W1, b1, …) and the input "X"."""
    X = np.array(X, dtype=np.float64)
    params = model.params()

    def f() -> float:
        value = float(loss.forward(model.forward(X), target))
        return value + (regularizer.penalty(params) if regularizer else 0.0)

    model.train()
    f()
    model.zero_grad()
    dX = model.backward(loss.backward())
    if regularizer:
        regularizer.add_grad(params)
    arrays = {"X": (X, dX)} | {p.name: (p.value, p.grad.copy()) for p in params}
    return _compare(f, arrays, h)
