"""Regression with the playground's networks: the loss choices, the prediction over the input
box, and R² from the MSE the training history records.

A regression network is an ``mlp`` with the "linear" head (000 §5.1.2): its one output is the
prediction ŷ = z⁽ᴸ⁾ itself, trained with one of

- MSE:   ℓ = (1/N) Σ_n (ŷ_n − y_n)²                (004's J; gradient 2(ŷ − y)/N)
- MAE:   ℓ = (1/N) Σ_n |ŷ_n − y_n|                  (gradient sign(ŷ − y)/N)
- Huber: ℓ = (1/N) Σ_n h_δ(ŷ_n − y_n), δ = 1        (002 formula 1.27: ½r² near 0, linear
  beyond δ, so an outlier pulls with at most δ)

(see :mod:`nncore.losses.regression`). The history's metric is the MSE whatever the loss, so
R² = 1 − MSE / Var(y) per epoch follows from it (:func:`r2_curve`).

    grid = prediction_grid(model, bounds, n_inputs=1)   # grid.xs, grid.values: the curve ŷ(x)
    grid = prediction_grid(model, bounds, n_inputs=2)   # grid.values[i, j] = ŷ(xs[j], ys[i])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nncore.losses import LOSSES, Huber, Loss
from nncore.model.plane import (
    Bounds,
    forward_from,
    grid_axes,
    grid_points,
    hidden_layer_indices,
)
from nncore.model.sequential import Sequential

REGRESSION_LOSSES = ("mse", "mae", "huber")
HUBER_DELTA = 1.0


def regression_loss(name: str) -> Loss:
    """A fresh loss of :data:`REGRESSION_LOSSES` by name (Huber with δ = :data:`HUBER_DELTA`)."""
    if name not in REGRESSION_LOSSES:
        raise ValueError(f"unknown regression loss {name!r}; choose one of {REGRESSION_LOSSES}")
    return Huber(HUBER_DELTA) if name == "huber" else LOSSES[name]()


@dataclass(frozen=True)
class PredictionGrid:
    """A regression network evaluated over its input box: for one input ``values[j]`` is
    ŷ(xs[j]) and ``ys`` is None; for two ``values[i, j]`` is ŷ(xs[j], ys[i]) (rows are y, the
    layout plotly's heatmaps use). Non-finite outputs (a diverged network) are NaN."""

    xs: np.ndarray
    ys: np.ndarray | None
    values: np.ndarray

    @property
    def n_inputs(self) -> int:
        return 1 if self.ys is None else 2


def prediction_grid(
    model: Sequential, bounds: Bounds, n_inputs: int, resolution: int = 100, *,
    start_layer: int = 0,
) -> PredictionGrid:
    """The network's output ŷ on ``resolution`` points over [x_min, x_max] (one input) or on a
    ``resolution`` × ``resolution`` grid over ``bounds`` (two). With ``start_layer`` > 0 the
    points lie in the input space of that layer (e.g. a 2-D hidden space)."""
    xs, ys = grid_axes(bounds, resolution)
    points = xs[:, None] if n_inputs == 1 else grid_points(bounds, resolution)
    with np.errstate(all="ignore"):
        out = np.asarray(forward_from(model, start_layer, points), dtype=np.float64)[:, 0]
    out = np.where(np.isfinite(out), out, np.nan)
    if n_inputs == 1:
        return PredictionGrid(xs, None, out)
    return PredictionGrid(xs, ys, out.reshape(resolution, resolution))


def r2_curve(mse_values: Sequence[float], y: np.ndarray) -> list[float]:
    """R² = 1 − MSE / Var(y) for each MSE of ``mse_values`` (an epoch's MSE on the targets
    ``y``), Var(y) = (1/N) Σ_n (y_n − ȳ)²; empty for no targets, 0 for constant ones."""
    y = np.asarray(y, dtype=np.float64)
    if not len(y):
        return []
    variance = float(np.mean((y - y.mean()) ** 2))
    if variance == 0:
        return [0.0] * len(mse_values)
    return [1.0 - float(m) / variance for m in mse_values]


def line_grids(
    model: Sequential, bounds: Bounds, resolution: int = 32
) -> tuple[np.ndarray, list[np.ndarray]]:
    """A one-input network's neuron pictures: the input x and every hidden layer's neurons at
    ``resolution`` points across [x_min, x_max], each repeated down its picture, so arrays
    (n, res, res) with ``[l][n, i, j]`` = neuron n of hidden layer l at xs[j] (the plane's
    pictures of :func:`~nncore.model.plane.neuron_grids`, for one input)."""
    xs = np.linspace(bounds.x_min, bounds.x_max, resolution)[:, None]
    with np.errstate(all="ignore"):
        outs = model.layer_outputs(xs)

    def strips(values: np.ndarray) -> np.ndarray:
        return np.repeat(values.T[:, None, :], resolution, axis=1)

    return strips(xs), [strips(outs[i]) for i in hidden_layer_indices(model)]
