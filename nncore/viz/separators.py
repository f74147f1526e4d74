"""Points in the plane with straight separating lines: the perceptron's line wᵀx + b = 0 as
it learns, the two lines of the sign network's hidden neurons, the output neuron's line in the
hidden space (004).

Labels are 0/1 (drawn with the class colours); a shaded line colours its positive side
(wᵀx + b ≥ 0, predicted 1) with class 1's tint and its negative side with class 0's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from nncore.model.plane import Bounds, half_plane, line_segment
from nncore.viz.boundary import legend_entry, points_trace, square_layout
from nncore.viz.style import ACTIVE, NODE_LINE, class_colour, tint


@dataclass(frozen=True)
class Separator:
    """The line w₁x₁ + w₂x₂ + b = 0, named in the legend; ``shade`` colours its two sides."""

    w: Sequence[float]
    b: float
    name: str
    colour: str = NODE_LINE
    dash: str = "solid"
    shade: bool = False


def _region(polygon: np.ndarray, colour: str) -> dict:
    closed = np.vstack([polygon, polygon[:1]]) if len(polygon) else np.zeros((0, 2))
    return {"type": "scatter", "x": closed[:, 0], "y": closed[:, 1], "mode": "lines",
            "fill": "toself", "fillcolor": tint(colour, 0.8), "line": {"width": 0},
            "hoverinfo": "skip", "showlegend": False}


def separator_spec(
    X: np.ndarray,
    y: np.ndarray,
    separators: Sequence[Separator],
    bounds: Bounds,
    *,
    point_name: str = "",
    point_text: Sequence[str] | None = None,
    highlight: Sequence[int] = (),
    highlight_name: str = "",
    axis_titles: tuple[str, str] = ("x1", "x2"),
    title: str = "",
    size: int = 480,
) -> dict:
    """``X`` coloured by ``y`` with every separator inside ``bounds``; the points listed in
    ``highlight`` get a ring (the point of the current update, or the misclassified ones).
    A plain ``{"data", "layout"}`` dict (for a live chart); :func:`separator_figure` wraps it."""
    traces: list[dict] = []
    for s in separators:
        if s.shade:
            positive = half_plane(s.w, s.b, bounds)
            negative = half_plane(-np.asarray(s.w, dtype=np.float64), -s.b, bounds)
            traces += [_region(negative, class_colour(0)), _region(positive, class_colour(1))]
    for s in separators:
        ends = line_segment(s.w, s.b, bounds)
        if ends is not None:
            traces.append({"type": "scatter", "x": ends[:, 0], "y": ends[:, 1], "mode": "lines",
                           "name": s.name, "line": {"color": s.colour, "width": 4,
                                                    "dash": s.dash}})
    if len(highlight):
        ring = np.asarray(X)[list(highlight)]
        traces.append({"type": "scatter", "x": ring[:, 0], "y": ring[:, 1], "mode": "markers",
                       "name": highlight_name, "hoverinfo": "skip",
                       "marker": {"size": 30, "symbol": "circle-open", "color": ACTIVE,
                                  "line": {"width": 4}}})
    points = points_trace(X, y, point_name, text=point_text, outline="#24292f")
    traces += [points, legend_entry(points)]
    layout = square_layout(title, size, axis_titles, (bounds.x_min, bounds.x_max),
                           (bounds.y_min, bounds.y_max))
    layout["legend"]["y"] = -0.15
    layout["margin"]["t"] = 60 if title else 10
    return {"data": traces, "layout": layout}


def separator_figure(*args: Any, **kwargs: Any) -> go.Figure:
    """:func:`separator_spec` as a plotly figure."""
    return go.Figure(separator_spec(*args, **kwargs))
