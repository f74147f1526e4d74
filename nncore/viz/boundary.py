"""The decision boundary: the plane coloured by predicted class, shaded by confidence, with the
training and validation points on top (TensorFlow Playground's main picture, for K classes).

One heatmap carries class and confidence together: cell value ``class + 0.999·confidence``
on a colour scale made of one band per class, from a pale tint of the class colour (a tie
between classes) to a strong tint (certain). The bands join at the boundary itself.

A live view draws the same colours as a picture instead (``image=True``): a 100×100 PNG in the
layout under the points, which a browser redraws several times faster than a heatmap of floats
and which is a tenth of its size (:func:`boundary_rgb` is the colour scale applied per cell,
in ``SHADES`` steps of confidence per class, as TensorFlow Playground's 30: the PNG is then an
indexed one, a third of the pixels and a third of the time to make).
:func:`boundary_spec` is the figure as a plain dict (no validation, for a chart that is
updated many times a second); :func:`boundary_figure` the same as a ``go.Figure``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.model.plane import DecisionGrid
from nncore.viz.pictures import png_indexed, png_uri
from nncore.viz.style import FONT_SIZE, base_layout, class_colour, hex_to_rgb, tint

PALE, STRONG = 0.9, 0.45  # how much white is mixed into a class colour at 0 and 1 confidence
SHADES = 25  # steps of confidence per class in the picture (10 classes · 25 ≤ 256 colours)
LEGEND_GREY = "#8c959f"


def class_colourscale(n_classes: int) -> list[list[float | str]]:
    """One band per class on [0, 1]: band k spans [k/K, (k+1)/K], pale to strong."""
    scale: list[list[float | str]] = []
    for k in range(n_classes):
        colour = class_colour(k)
        scale += [[k / n_classes, tint(colour, PALE)], [(k + 1) / n_classes, tint(colour, STRONG)]]
    return scale


def boundary_values(grid: DecisionGrid) -> np.ndarray:
    """The heatmap's cells: predicted class + 0.999 · confidence (float32, rows are y)."""
    return (grid.label + 0.999 * grid.confidence).astype(np.float32)


def boundary_palette(n_classes: int) -> np.ndarray:
    """The picture's colours, (n_classes · SHADES, 3) uint8: colour k·SHADES + j is class k at
    confidence c = j / (SHADES − 1), (1 − 0.999c)·pale_k + 0.999c·strong_k, the colour of
    :func:`class_colourscale` at ``k + 0.999·c``."""
    base = np.array([hex_to_rgb(class_colour(k)) for k in range(n_classes)], dtype=float)
    pale, strong = (np.round(base + (255 - base) * white) for white in (PALE, STRONG))  # tint
    c = 0.999 * np.linspace(0.0, 1.0, SHADES)[None, :, None]
    rgb = pale[:, None] * (1 - c) + strong[:, None] * c
    return rgb.reshape(-1, 3).round().astype(np.uint8)


def boundary_indices(grid: DecisionGrid) -> np.ndarray:
    """The picture as (h, w) uint8 indices into :func:`boundary_palette`, top row first (a
    non-finite confidence counts as 0)."""
    label = np.clip(np.asarray(grid.label, dtype=np.intp), 0, grid.n_classes - 1)
    c = np.nan_to_num(np.asarray(grid.confidence, dtype=np.float32), nan=0.0)
    shade = np.rint(np.clip(c, 0.0, 1.0) * (SHADES - 1)).astype(np.intp)
    return np.ascontiguousarray((label * SHADES + shade)[::-1].astype(np.uint8))


def boundary_rgb(grid: DecisionGrid) -> np.ndarray:
    """The heatmap's picture as an (h, w, 3) uint8 image, top row first (the palette's
    colours at :func:`boundary_indices`)."""
    return boundary_palette(grid.n_classes)[boundary_indices(grid)]


def boundary_image(grid: DecisionGrid) -> dict:
    """A layout image of the picture (an indexed PNG) spanning the grid's range, under the
    traces."""
    xs, ys = grid.xs, grid.ys
    png = png_indexed(boundary_indices(grid), boundary_palette(grid.n_classes))
    return {"source": png_uri(png), "xref": "x", "yref": "y",
            "x": float(xs[0]), "y": float(ys[-1]), "sizex": float(xs[-1] - xs[0]),
            "sizey": float(ys[-1] - ys[0]), "sizing": "stretch", "layer": "below"}


def points_trace(
    X: np.ndarray,
    y: np.ndarray,
    name: str,
    *,
    symbol: str = "circle",
    outline: str = "white",
    text: Sequence[str] | None = None,
    size: int | None = None,
) -> dict:
    """Labelled points coloured by class (one scatter trace). ``size`` defaults to large
    markers for a handful of points and smaller ones for a cloud."""
    X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
    trace = {
        "type": "scatter", "x": X[:, 0], "y": X[:, 1], "name": name, "showlegend": False,
        "mode": "markers+text" if text else "markers",
        "marker": {"color": [class_colour(int(k)) for k in np.asarray(y).ravel()],
                   "size": size or (16 if len(X) <= 20 else 10), "symbol": symbol,
                   "line": {"color": outline, "width": 1.5}},
        "hovertemplate": "(%{x:.2f}, %{y:.2f})<extra>" + name + "</extra>",
    }
    if text:
        trace.update(text=list(text), textposition="top center", textfont={"size": FONT_SIZE})
    return trace


def legend_entry(trace: dict) -> dict:
    """A legend-only twin of a points trace, in neutral grey (the points themselves carry
    several class colours, which a legend symbol cannot show)."""
    marker = {**trace["marker"], "color": LEGEND_GREY, "size": 12}
    return {"type": "scatter", "x": [None], "y": [None], "mode": "markers",
            "name": trace["name"], "marker": marker, "showlegend": bool(trace["name"])}


def square_layout(title: str, size: int, axis_titles: tuple[str, str],
                  x_range: tuple[float, float], y_range: tuple[float, float]) -> dict:
    """A square figure ``size`` pixels wide with equal scales on both axes over exactly the
    given ranges, no grid, the legend below."""
    axis = {"showgrid": False, "zeroline": False, "constrain": "domain"}
    layout = base_layout(title, height=size)
    layout.update(
        width=size, showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        margin={"l": 60, "r": 10, "t": 50 if title else 10, "b": 90},
        xaxis={**axis, "range": list(x_range), "title": {"text": axis_titles[0]}},
        yaxis={**axis, "range": list(y_range), "title": {"text": axis_titles[1]},
               "scaleanchor": "x", "scaleratio": 1},
    )
    return layout


def boundary_spec(
    grid: DecisionGrid,
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_valid: np.ndarray | None = None,
    y_valid: np.ndarray | None = None,
    *,
    train_name: str = "training",
    valid_name: str = "validation",
    axis_titles: tuple[str, str] = ("x1", "x2"),
    point_text: Sequence[str] | None = None,
    title: str = "",
    size: int = 560,
    image: bool = False,
) -> dict:
    """The decision regions of ``grid`` with the training points (circles, white outline) and
    the validation points (diamonds, dark outline); a square figure ``size`` pixels wide, as a
    plain ``{"data", "layout"}`` dict. The regions are a heatmap (the first trace), or with
    ``image`` a picture in ``layout.images``."""
    points = [points_trace(X_train, y_train, train_name, text=point_text)]
    if X_valid is not None and y_valid is not None and len(X_valid):
        points.append(points_trace(X_valid, y_valid, valid_name, symbol="diamond",
                                   outline="#24292f"))
    traces = [*points, *(legend_entry(p) for p in points)]
    layout = square_layout(title, size, axis_titles, (grid.xs[0], grid.xs[-1]),
                           (grid.ys[0], grid.ys[-1]))
    if image:
        layout["images"] = [boundary_image(grid)]
    else:
        traces.insert(0, {
            "type": "heatmap", "x": grid.xs, "y": grid.ys, "z": boundary_values(grid),
            "zmin": 0.0, "zmax": float(grid.n_classes), "showscale": False,
            "hoverinfo": "skip", "colorscale": class_colourscale(grid.n_classes)})
    return {"data": traces, "layout": layout}


def boundary_figure(*args: object, **kwargs: object) -> go.Figure:
    """:func:`boundary_spec` as a ``go.Figure`` (same arguments)."""
    return go.Figure(boundary_spec(*args, **kwargs))
