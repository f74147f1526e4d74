"""A model over the 2-D plane: the decision-boundary grid, each neuron's picture, and lines.

The pages that train on 2-D points draw three things computed here:

- :func:`decision_grid`: the model's class probabilities on a regular grid over the plane
  (the decision-boundary heatmap), with the predicted class and a confidence in [0, 1];
- :func:`neuron_grids`: the output of every hidden neuron on a (coarser) grid, the
  thumbnails TensorFlow Playground draws inside each neuron;
- :func:`line_segment` and :func:`half_plane`: the part of a line wᵀx + b = 0 and of the
  half-plane wᵀx + b ≥ 0 inside the drawing box (a perceptron, a sign neuron, or the output
  neuron seen in the hidden space).

The grid's first axis is y and its second x (``grid[i, j]`` is at ``(xs[j], ys[i])``), the
layout plotly's heatmaps use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.model.sequential import Sequential


@dataclass(frozen=True)
class Bounds:
    """The drawing box [x_min, x_max] × [y_min, y_max]."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float

    @property
    def corners(self) -> np.ndarray:
        """The four corners, counter-clockwise from (x_min, y_min)."""
        return np.array([[self.x_min, self.y_min], [self.x_max, self.y_min],
                         [self.x_max, self.y_max], [self.x_min, self.y_max]])


def plane_bounds(*point_sets: np.ndarray, margin: float = 0.1, square: bool = True) -> Bounds:
    """A box around every point of ``point_sets`` (arrays of shape (N, 2)), widened by
    ``margin`` × its size on each side; ``square`` makes both sides equally long (around the
    same centre), so that a square plot keeps the plane's proportions."""
    points = [np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in point_sets]
    X = np.concatenate(points) if points else np.zeros((0, 2))
    X = X[np.isfinite(X).all(axis=1)]
    if len(X) == 0:
        return Bounds(-1.0, 1.0, -1.0, 1.0)
    low, high = X.min(axis=0), X.max(axis=0)
    centre, half = (low + high) / 2, (high - low) / 2
    if square:
        half = np.full(2, half.max())
    half = np.maximum(half * (1 + 2 * margin), 0.5)  # a single point still gets a box
    return Bounds(centre[0] - half[0], centre[0] + half[0], centre[1] - half[1],
                  centre[1] + half[1])


def grid_axes(bounds: Bounds, resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """``resolution`` evenly spaced x values and y values spanning ``bounds``."""
    if resolution < 2:
        raise ValueError("the grid needs a resolution of at least 2")
    return (np.linspace(bounds.x_min, bounds.x_max, resolution),
            np.linspace(bounds.y_min, bounds.y_max, resolution))


def grid_points(bounds: Bounds, resolution: int) -> np.ndarray:
    """The grid's points as rows (resolution², 2), y-major (row i·resolution + j is
    (xs[j], ys[i]))."""
    xs, ys = grid_axes(bounds, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])


@dataclass(frozen=True)
class DecisionGrid:
    """A classifier evaluated over the plane.

    ``proba[i, j, k]`` is P(class k) at (xs[j], ys[i]); ``label`` the predicted class;
    ``confidence`` rescales the winning probability from [1/K, 1] to [0, 1] (0 = a tie
    between all classes, 1 = certain).
    """

    xs: np.ndarray
    ys: np.ndarray
    proba: np.ndarray
    label: np.ndarray
    confidence: np.ndarray

    @property
    def n_classes(self) -> int:
        return self.proba.shape[-1]


def class_probabilities(model: Sequential, outputs: np.ndarray) -> np.ndarray:
    """(N, K) class probabilities from the model's raw outputs: a single sigmoid output p
    becomes the two columns (1 − p, p). Non-finite values (a diverged model) become 0."""
    with np.errstate(all="ignore"):
        proba = model.head.proba(np.array(outputs, dtype=np.float64), overwrite=True)
    proba = np.nan_to_num(proba, nan=0.0, posinf=1.0, neginf=0.0)
    if proba.ndim == 1:
        proba = proba[:, None]
    if proba.shape[1] == 1:
        proba = np.hstack([1.0 - proba, proba])
    return proba


def forward_from(model: Sequential, start: int, H: np.ndarray, dtype: type = np.float64
                 ) -> np.ndarray:
    """Run ``model.layers[start:]`` on ``H`` in eval mode, in ``dtype``: the raw outputs for
    points given in the input space of layer ``start`` (``start=0``: the plane itself)."""
    if start == 0:
        return model.output(H, dtype)
    out = np.asarray(H, dtype=dtype)
    with model.evaluating(), np.errstate(all="ignore"):
        for layer in model.layers[start:]:
            out = layer.forward(out)
    return out


def decision_grid(
    model: Sequential, bounds: Bounds, resolution: int = 100, *, start_layer: int = 0,
    dtype: type = np.float64,
) -> DecisionGrid:
    """The classifier ``model`` on a ``resolution`` × ``resolution`` grid over ``bounds``.

    With ``start_layer`` > 0 the grid lies in the (2-D) input space of that layer, e.g. the
    hidden space (a1, a2) of a 2-2-1 network with ``start_layer=2``. Computed in ``dtype``:
    float32 is 2.8× faster and enough for a picture drawn every frame, but a point exactly on
    a boundary (a sign network's) may fall on either side.
    """
    xs, ys = grid_axes(bounds, resolution)
    with np.errstate(all="ignore"):
        outputs = forward_from(model, start_layer, grid_points(bounds, resolution), dtype)
    proba = class_probabilities(model, outputs)
    k = proba.shape[1]
    label = proba.argmax(axis=1)
    top = proba[np.arange(len(proba)), label]
    confidence = np.clip((top - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
    shape = (resolution, resolution)
    return DecisionGrid(xs, ys, proba.reshape(*shape, k), label.reshape(shape),
                        confidence.reshape(shape))


def input_grids(bounds: Bounds, resolution: int = 32) -> np.ndarray:
    """The inputs themselves over the plane, (2, res, res): x1 and x2 (the pictures of the
    input neurons)."""
    return np.stack(np.meshgrid(*grid_axes(bounds, resolution)))


def hidden_layer_indices(model: Sequential) -> list[int]:
    """Indices of the layers whose outputs are the hidden activations a⁽ˡ⁾: every layer just
    before a Linear layer other than the first (for an mlp: the activation layers)."""
    linear = [i for i, layer in enumerate(model.layers) if layer.params()]
    return [i - 1 for i in linear[1:]]


def neuron_grids(model: Sequential, bounds: Bounds, resolution: int = 32) -> list[np.ndarray]:
    """Each hidden layer's activations over the plane: one array (n_neurons, res, res) per
    hidden layer, ``[l][n, i, j]`` = neuron n of hidden layer l at (xs[j], ys[i])."""
    outs = model.layer_outputs(grid_points(bounds, resolution))
    shape = (resolution, resolution)
    return [np.moveaxis(outs[i].reshape(*shape, -1), -1, 0) for i in hidden_layer_indices(model)]


def line_segment(w: np.ndarray, b: float, bounds: Bounds) -> np.ndarray | None:
    """The part of the line w₁x + w₂y + b = 0 inside ``bounds`` as its two ends (2, 2), or
    None when the line misses the box (or w = 0: there is no line)."""
    w = np.asarray(w, dtype=np.float64)
    if not np.any(w != 0):
        return None
    corners = bounds.corners
    values = corners @ w + b
    ends = [corners[i] for i in range(4) if values[i] == 0]
    for i in range(4):
        fp, fq = values[i], values[(i + 1) % 4]
        if fp * fq < 0:
            ends.append(corners[i] + (corners[(i + 1) % 4] - corners[i]) * (fp / (fp - fq)))
    unique = np.unique(np.round(np.array(ends).reshape(-1, 2), 12), axis=0)
    return unique[[0, -1]] if len(unique) >= 2 else None


def half_plane(w: np.ndarray, b: float, bounds: Bounds) -> np.ndarray:
    """The polygon {x in the box : wᵀx + b ≥ 0} as its vertices in order (M, 2); empty
    (0, 2) when the half-plane misses the box. (One Sutherland–Hodgman clip of the box.)"""
    w = np.asarray(w, dtype=np.float64)
    corners = bounds.corners
    values = corners @ w + b
    vertices: list[np.ndarray] = []
    for i in range(4):
        p, q = corners[i], corners[(i + 1) % 4]
        fp, fq = values[i], values[(i + 1) % 4]
        if fp >= 0:
            vertices.append(p)
        if fp * fq < 0:
            vertices.append(p + (q - p) * (fp / (fp - fq)))
    return np.array(vertices).reshape(-1, 2)
