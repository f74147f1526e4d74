"""Curves of functions of one variable: an activation and its derivative."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import GRID, NODE_LINE, base_layout, class_colour


def function_figure(
    z: np.ndarray,
    curves: dict[str, np.ndarray],
    title: str = "",
    *,
    x_title: str = "z",
    y_range: tuple[float, float] | None = None,
    height: int = 420,
) -> go.Figure:
    """One line per named curve over ``z``, with the axes through the origin and a legend."""
    figure = go.Figure()
    for k, (label, values) in enumerate(curves.items()):
        figure.add_trace(go.Scatter(
            x=z, y=values, mode="lines", name=label,
            line={"width": 3, "color": class_colour(k)},
            hovertemplate=f"{label}<br>z = %{{x:.3f}}<br>%{{y:.6g}}<extra></extra>",
        ))
    layout = base_layout(title, height)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.18}
    figure.update_layout(**layout)
    figure.update_xaxes(title=x_title, zeroline=True, zerolinecolor=NODE_LINE, gridcolor=GRID)
    figure.update_yaxes(zeroline=True, zerolinecolor=NODE_LINE, gridcolor=GRID,
                        range=list(y_range) if y_range else None)
    return figure
