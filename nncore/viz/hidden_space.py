"""The hidden space figure (ConvNetJS's "how the network bends space"): the input box's grid
lines and the data points as the last hidden layer sees them (:mod:`nncore.hidden_space`).

Two neurons give a flat figure: the lines x1 = const (one colour) and x2 = const (another) as
two polylines broken by NaN gaps (two traces however many lines, so a live chart sends two
arrays per frame), the points on top, and optionally under everything a picture of what the
output layer makes of that space (its decision regions, or ŷ for regression), where its
boundary is a straight line. Three neurons give the same in a 3-D scene (no picture).

Points are coloured by class (``limit=None``) or by their target on the ±``limit`` value scale
(regression, see :mod:`nncore.viz.regression`). The figure is a plain ``{"data", "layout"}``
dict for ``ui.live_chart``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nncore.hidden_space import HiddenSpace
from nncore.viz.boundary import legend_entry, points_trace, square_layout
from nncore.viz.regression import value_legend_entry, value_points_trace
from nncore.viz.style import DIVERGING, FONT_SIZE, base_layout, class_colour

LINE_COLOURS = ("#57606a", "#8250df")  # lines x1 = const, lines x2 = const
LINE_WIDTH = 1.2


def polyline(lines: np.ndarray) -> np.ndarray:
    """Lines (L, P, d) as one array (L·(P + 1), d): each line followed by a row of NaN, the
    gap plotly leaves between two lines of one trace (float32: half the bytes to send)."""
    lines = np.asarray(lines, dtype=np.float32)
    gaps = np.full((lines.shape[0], 1, lines.shape[2]), np.nan, dtype=np.float32)
    return np.concatenate([lines, gaps], axis=1).reshape(-1, lines.shape[2])


def _line_groups(space: HiddenSpace) -> list[np.ndarray]:
    """The x1 = const lines and the x2 = const lines (one group for a one-input network)."""
    lines = space.lines
    if lines.shape[0] < 2:
        return [polyline(lines)]
    half = lines.shape[0] // 2
    return [polyline(lines[:half]), polyline(lines[half:])]


def _line_trace(coords: np.ndarray, name: str, colour: str, three_d: bool) -> dict:
    trace = {"type": "scatter3d" if three_d else "scatter", "mode": "lines", "name": name,
             "x": coords[:, 0], "y": coords[:, 1], "hoverinfo": "skip", "showlegend": True,
             "line": {"color": colour, "width": LINE_WIDTH * (2 if three_d else 1)},
             "connectgaps": False}
    if three_d:
        trace["z"] = coords[:, 2]
    else:
        trace["opacity"] = 0.7
    return trace


def _points_3d(points: np.ndarray, y: np.ndarray, name: str, limit: float | None) -> dict:
    marker: dict = {"size": 4, "line": {"color": "white", "width": 0.5}}
    if limit is None:
        marker["color"] = [class_colour(int(k)) for k in np.asarray(y).ravel()]
    else:
        marker.update(color=np.asarray(y, dtype=np.float64), colorscale=DIVERGING,
                      cmin=-limit, cmax=limit)
    return {"type": "scatter3d", "mode": "markers", "name": name, "x": points[:, 0],
            "y": points[:, 1], "z": points[:, 2], "marker": marker, "showlegend": False,
            "hovertemplate": "(%{x:.2f}, %{y:.2f}, %{z:.2f})<extra>" + name + "</extra>"}


def _points_2d(points: np.ndarray, y: np.ndarray, name: str, limit: float | None,
               text: Sequence[str] | None) -> list[dict]:
    if limit is None:
        trace = points_trace(points, y, name, text=text)
        return [trace, legend_entry(trace)]
    trace = value_points_trace(points, y, name, limit)
    return [trace, value_legend_entry(trace)]


def hidden_space_spec(
    space: HiddenSpace,
    y: np.ndarray,
    *,
    limit: float | None = None,
    image: dict | None = None,
    line_names: tuple[str, str] = ("x1 = const", "x2 = const"),
    points_name: str = "points",
    axis_titles: Sequence[str] = ("a1", "a2", "a3"),
    point_text: Sequence[str] | None = None,
    title: str = "",
    size: int = 520,
) -> dict:
    """The mapped grid and points of ``space`` (labels or targets ``y``, see the module
    docstring); ``image`` (a layout image, e.g. ``boundary_image`` of the output layer's
    decision grid over ``space.bounds()``) goes under a 2-D figure."""
    three_d = space.dims == 3
    groups = _line_groups(space)
    traces = [_line_trace(coords, name, colour, three_d)
              for coords, name, colour in zip(groups, line_names, LINE_COLOURS, strict=False)]
    ranges = space.ranges()
    if three_d:
        traces.append(_points_3d(space.points, y, points_name, limit))
        layout = base_layout(title, height=size)
        axes = {f"{axis}axis": {"title": {"text": axis_titles[i]}, "range": list(ranges[i])}
                for i, axis in enumerate("xyz")}
        layout.update(width=size, showlegend=True, scene={**axes, "aspectmode": "cube"},
                      legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top"},
                      margin={"l": 0, "r": 0, "t": 50 if title else 10, "b": 40},
                      uirevision="hidden-space")
        return {"data": traces, "layout": layout}
    traces += _points_2d(space.points, y, points_name, limit, point_text)
    layout = square_layout(title, size, (axis_titles[0], axis_titles[1]), ranges[0], ranges[1])
    layout["yaxis"].pop("scaleanchor", None)  # each neuron keeps its own scale
    layout["legend"].update(y=-0.24, font={"size": FONT_SIZE - 2})  # below the axis title
    layout["margin"]["b"] = 120
    if image is not None:
        layout["images"] = [image]
    return {"data": traces, "layout": layout}
