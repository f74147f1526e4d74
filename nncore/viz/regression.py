"""Regression figures: the prediction ŷ(x) as a curve through the points (one input), or ŷ(x1, x2)
as a picture under the points coloured by their target (two inputs), and the R² axis range.

Colours for values are TensorFlow Playground's: orange negative, white 0, blue positive, on
±``limit`` (one limit for a data set, e.g. max |y| over its targets, so a colour keeps its
meaning while the network trains). The 2-D prediction is a PNG in the layout (as the live
decision boundary, :mod:`nncore.viz.boundary`), the points carry the colour bar.

Both builders return plain ``{"data", "layout"}`` dicts (for ``ui.live_chart``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nncore.model.plane import Bounds
from nncore.regression import PredictionGrid
from nncore.viz.boundary import legend_entry, square_layout
from nncore.viz.pictures import diverging_rgb, png_data_uri
from nncore.viz.style import DIVERGING, GRID, NODE_LINE, base_layout, class_colour

PREDICTION_COLOUR = "#24292f"
VALID_OUTLINE = "#24292f"


def colour_limit(target_range: tuple[float, float]) -> float:
    """The colour scale's ±limit for targets in ``target_range``: max |y| (1 if all are 0)."""
    return max(abs(target_range[0]), abs(target_range[1])) or 1.0


def r2_range(*curves: Sequence[float]) -> tuple[float, float]:
    """A y range for R² curves: up to 1 (a perfect fit), down to the lowest value shown but
    not below −1 (worse than the mean is worse; how much is not the story)."""
    values = [v for curve in curves for v in curve if np.isfinite(v)]
    low = max(-1.0, min([0.0, *values]))
    return low - 0.05, 1.05


def prediction_image(grid: PredictionGrid, limit: float) -> dict:
    """A layout image of ŷ over the grid of a two-input network, under the traces."""
    xs, ys = grid.xs, grid.ys
    if ys is None:
        raise ValueError("a picture needs the prediction grid of a two-input network")
    return {"source": png_data_uri(diverging_rgb(grid.values, limit)), "xref": "x",
            "yref": "y", "x": float(xs[0]), "y": float(ys[-1]), "sizex": float(xs[-1] - xs[0]),
            "sizey": float(ys[-1] - ys[0]), "sizing": "stretch", "layer": "below"}


def value_points_trace(
    X: np.ndarray, values: np.ndarray, name: str, limit: float, *, symbol: str = "circle",
    outline: str = "white", colour_bar: str | None = None,
) -> dict:
    """Points in the plane coloured by their value on the ±``limit`` scale (one scatter
    trace); ``colour_bar`` titles the colour bar this trace shows (None: no bar)."""
    X = np.asarray(X, dtype=np.float64)
    marker = {"color": np.asarray(values, dtype=np.float64), "colorscale": DIVERGING,
              "cmin": -limit, "cmax": limit, "size": 10,
              "symbol": symbol, "line": {"color": outline, "width": 1.5},
              "showscale": colour_bar is not None}
    if colour_bar is not None:
        marker["colorbar"] = {"title": {"text": colour_bar}, "thickness": 14, "len": 0.7}
    return {"type": "scatter", "x": X[:, 0], "y": X[:, 1], "mode": "markers", "name": name,
            "marker": marker, "showlegend": False,
            "hovertemplate": "(%{x:.2f}, %{y:.2f}): %{marker.color:.3f}<extra>" + name
                             + "</extra>"}


def value_legend_entry(trace: dict) -> dict:
    """The grey legend twin of a value-coloured points trace (without its colour bar)."""
    entry = legend_entry(trace)
    entry["marker"] = {key: value for key, value in entry["marker"].items()
                       if key in ("color", "size", "symbol", "line")}
    return entry


def _curve_points(X: np.ndarray, y: np.ndarray, name: str, colour: str, symbol: str) -> dict:
    return {"type": "scatter", "x": np.asarray(X, dtype=np.float64)[:, 0],
            "y": np.asarray(y, dtype=np.float64), "mode": "markers", "name": name,
            "marker": {"color": colour, "size": 8, "symbol": symbol, "opacity": 0.8,
                       "line": {"color": "white" if symbol == "circle" else VALID_OUTLINE,
                                "width": 1}},
            "hovertemplate": "x = %{x:.3f}, y = %{y:.3f}<extra>" + name + "</extra>"}


def prediction_curve_spec(
    grid: PredictionGrid, X_train: np.ndarray, y_train: np.ndarray,
    X_valid: np.ndarray | None = None, y_valid: np.ndarray | None = None, *, bounds: Bounds,
    train_name: str = "training", valid_name: str = "validation",
    prediction_name: str = "prediction ŷ(x)", axis_titles: tuple[str, str] = ("x", "y"),
    title: str = "", width: int = 620, height: int = 460,
) -> dict:
    """A one-input network's curve ŷ(x) through the training points (circles) and the
    validation points (diamonds), over the fixed box ``bounds`` (x, y)."""
    traces = [_curve_points(X_train, y_train, train_name, class_colour(0), "circle")]
    if X_valid is not None and y_valid is not None and len(X_valid):
        traces.append(_curve_points(X_valid, y_valid, valid_name, class_colour(1), "diamond"))
    traces.append({"type": "scatter", "x": grid.xs, "y": grid.values, "mode": "lines",
                   "name": prediction_name, "line": {"color": PREDICTION_COLOUR, "width": 4},
                   "hovertemplate": "ŷ(%{x:.3f}) = %{y:.3f}<extra></extra>"})
    layout = base_layout(title, height=height)
    axis = {"gridcolor": GRID, "zeroline": True, "zerolinecolor": NODE_LINE}
    layout.update(
        width=width, showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
        margin={"l": 60, "r": 10, "t": 50 if title else 10, "b": 110},
        xaxis={**axis, "range": [bounds.x_min, bounds.x_max],
               "title": {"text": axis_titles[0]}},
        yaxis={**axis, "range": [bounds.y_min, bounds.y_max],
               "title": {"text": axis_titles[1]}},
    )
    return {"data": traces, "layout": layout}


def prediction_map_spec(
    grid: PredictionGrid, X_train: np.ndarray, y_train: np.ndarray,
    X_valid: np.ndarray | None = None, y_valid: np.ndarray | None = None, *, limit: float,
    train_name: str = "training", valid_name: str = "validation", colour_bar: str = "y",
    axis_titles: tuple[str, str] = ("x1", "x2"), title: str = "", size: int = 560,
) -> dict:
    """A two-input network's ŷ(x1, x2) as a picture, with the training points (circles) and
    validation points (diamonds) coloured by their target on the same ±``limit`` scale: a
    point that stands out from the colour under it is a miss."""
    points = [value_points_trace(X_train, y_train, train_name, limit, colour_bar=colour_bar)]
    if X_valid is not None and y_valid is not None and len(X_valid):
        points.append(value_points_trace(X_valid, y_valid, valid_name, limit, symbol="diamond",
                                         outline=VALID_OUTLINE))
    layout = square_layout(title, size, axis_titles, (grid.xs[0], grid.xs[-1]),
                           (grid.ys[0], grid.ys[-1]))
    layout["images"] = [prediction_image(grid, limit)]
    layout["legend"]["y"] = -0.2  # below the axis title
    layout["margin"]["b"] = 110
    return {"data": [*points, *(value_legend_entry(p) for p in points)], "layout": layout}
