"""How the network bends space (ConvNetJS's 2-D demo): the input box's grid lines and the data
points mapped into the space of the last hidden layer, a⁽ᴸ⁻¹⁾ = f(W⁽ᴸ⁻¹⁾ … f(W⁽¹⁾x + b⁽¹⁾) … ).

The output layer only draws a straight line (a plane) there: z⁽ᴸ⁾ = W⁽ᴸ⁾a⁽ᴸ⁻¹⁾ + b⁽ᴸ⁾. So a
network separates classes that are tangled in the input by moving the points, layer by layer,
until a line separates them in its last hidden layer. With 2 (or 3) neurons in that layer the
space can be drawn: the straight grid of the input box comes out warped, folded and squeezed,
and watching it while the network trains shows the classes pulled apart.

    space = hidden_space(model, bounds, X)       # None unless the last hidden layer has 2 or 3
    space.lines     # (L, P, d): L mapped grid lines of P points each, d = 2 or 3
    space.points    # (N, d): the data points' activations
    space.bounds()  # a box around both, or the activation's own range (tanh: [−1, 1])

The grid: ``lines`` lines per direction (x1 = const and x2 = const), ``points`` points along
each, through the input box (one input x: one line along x). All of it is one forward pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.layers import Sigmoid, Tanh
from nncore.model.plane import Bounds, hidden_layer_indices
from nncore.model.sequential import Sequential

DRAWN_WIDTHS = (2, 3)  # a hidden space that can be drawn: a plane or a 3-D box
LINES, POINTS = 21, 50  # grid lines per direction, points along each
BOUNDED = {Sigmoid: (0.0, 1.0), Tanh: (-1.0, 1.0)}  # activations with a fixed range


def input_lines(bounds: Bounds, n_inputs: int = 2, lines: int = LINES,
                points: int = POINTS) -> np.ndarray:
    """The grid lines of the input box, (L, P, n_inputs): for two inputs ``lines`` lines
    x1 = const (each from y_min to y_max) then ``lines`` lines x2 = const; for one input a
    single line of ``lines`` · ``points`` points along [x_min, x_max]."""
    if n_inputs == 1:
        return np.linspace(bounds.x_min, bounds.x_max, lines * points)[None, :, None]
    along_x = np.linspace(bounds.x_min, bounds.x_max, points)
    along_y = np.linspace(bounds.y_min, bounds.y_max, points)
    x_at = np.linspace(bounds.x_min, bounds.x_max, lines)
    y_at = np.linspace(bounds.y_min, bounds.y_max, lines)
    vertical = np.stack(np.broadcast_arrays(x_at[:, None], along_y[None, :]), axis=-1)
    horizontal = np.stack(np.broadcast_arrays(along_x[None, :], y_at[:, None]), axis=-1)
    return np.concatenate([vertical, horizontal])


def last_hidden_layer(model: Sequential) -> int | None:
    """The index in ``model.layers`` of the layer whose output is the last hidden layer's
    activation a⁽ᴸ⁻¹⁾ (None for a network without hidden layers)."""
    indices = hidden_layer_indices(model)
    return indices[-1] if indices else None


def last_hidden_width(model: Sequential) -> int:
    """The number of neurons of the last hidden layer (0 without hidden layers)."""
    layer = last_hidden_layer(model)
    if layer is None:
        return 0
    return int(model.layers[layer + 1].params()[0].shape[1])  # the next Linear's inputs


@dataclass(frozen=True)
class HiddenSpace:
    """The mapped grid ``lines`` (L, P, d) and data ``points`` (N, d) in the space of layer
    ``layer`` (an index of ``model.layers``); ``value_range`` is the activation's own range
    when it has one (sigmoid (0, 1), tanh (−1, 1)), else None."""

    layer: int
    lines: np.ndarray
    points: np.ndarray
    value_range: tuple[float, float] | None = None

    @property
    def dims(self) -> int:
        return int(self.points.shape[1])

    def ranges(self, margin: float = 0.05) -> list[tuple[float, float]]:
        """Each axis's range: the activation's own range widened by ``margin`` of it, or the
        span of every finite line point and data point, widened as much."""
        if self.value_range is not None:
            low, high = self.value_range
            pad = margin * (high - low)
            return [(low - pad, high + pad)] * self.dims
        values = np.concatenate([self.lines.reshape(-1, self.dims), self.points])
        values = values[np.isfinite(values).all(axis=1)]
        if not len(values):
            return [(-1.0, 1.0)] * self.dims
        low, high = values.min(axis=0), values.max(axis=0)
        pad = np.maximum(margin * (high - low), 1e-6)
        return [(float(a), float(b)) for a, b in zip(low - pad, high + pad, strict=True)]

    def bounds(self, margin: float = 0.05) -> Bounds:
        """The first two axes' ranges as a drawing box (for a 2-D hidden space)."""
        (x0, x1), (y0, y1) = self.ranges(margin)[:2]
        return Bounds(x0, x1, y0, y1)


def hidden_space(
    model: Sequential, bounds: Bounds, X: np.ndarray, *, lines: int = LINES,
    points: int = POINTS,
) -> HiddenSpace | None:
    """The input box's grid (see :func:`input_lines`) and the points ``X`` mapped into the
    last hidden layer, or None when that layer's width is not 2 or 3 (see the module
    docstring). Non-finite activations (a diverged network) are NaN."""
    layer = last_hidden_layer(model)
    if layer is None or last_hidden_width(model) not in DRAWN_WIDTHS:
        return None
    X = np.asarray(X, dtype=np.float64)
    grid = input_lines(bounds, X.shape[1], lines, points)
    inputs = np.concatenate([grid.reshape(-1, X.shape[1]), X])
    with np.errstate(all="ignore"):
        mapped = model.layer_outputs(inputs)[layer]
    mapped = np.where(np.isfinite(mapped), mapped, np.nan)
    n_grid = grid.shape[0] * grid.shape[1]
    activation = type(model.layers[layer])
    return HiddenSpace(layer, mapped[:n_grid].reshape(*grid.shape[:2], -1), mapped[n_grid:],
                       BOUNDED.get(activation))
