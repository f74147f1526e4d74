"""Figures of universal approximation: the hinges v_i·ReLU(w_i x + b_i), their sum Z and the
target (:mod:`nncore.approximation`), and the error against the width of the network."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import GRID, NODE_LINE, base_layout, class_colour

SUM_COLOUR = "#000000"
TARGET_COLOUR = "#cf222e"


def hinges_figure(
    x: np.ndarray,
    curves: np.ndarray,
    z: np.ndarray,
    target: np.ndarray | None,
    names: Sequence[str],
    sum_name: str,
    target_name: str,
    height: int = 460,
) -> go.Figure:
    """Each unit's share v_i·n_i(x) as a thin line (``names[i]``), Z(x) thick, the target dashed."""
    figure = go.Figure()
    for i, (row, name) in enumerate(zip(curves, names, strict=True)):
        figure.add_trace(go.Scatter(x=x, y=row, mode="lines", name=name, opacity=0.8,
                                    line={"width": 1.5, "color": class_colour(i)}))
    if target is not None:
        figure.add_trace(go.Scatter(x=x, y=target, mode="lines", name=target_name,
                                    line={"width": 3, "color": TARGET_COLOUR, "dash": "dash"}))
    figure.add_trace(go.Scatter(x=x, y=z, mode="lines", name=sum_name,
                                line={"width": 4, "color": SUM_COLOUR}))
    layout = base_layout("", height)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.15}
    figure.update_layout(**layout)
    figure.update_xaxes(title="x", zeroline=True, zerolinecolor=NODE_LINE, gridcolor=GRID)
    figure.update_yaxes(zeroline=True, zerolinecolor=NODE_LINE, gridcolor=GRID)
    return figure


def width_error_figure(
    widths: Sequence[int],
    shallow: Sequence[float],
    deep: Sequence[float],
    names: tuple[str, str],
    x_title: str,
    y_title: str,
    height: int = 380,
) -> go.Figure:
    """RMS error against the hidden width H (log–log): 1-H-1 and the 1-h-h-1 of the same size."""
    figure = go.Figure()
    for k, (values, name) in enumerate(zip((shallow, deep), names, strict=True)):
        figure.add_trace(go.Scatter(x=list(widths), y=list(values), mode="lines+markers",
                                    name=name, line={"width": 3, "color": class_colour(k)}))
    layout = base_layout("", height)
    layout["showlegend"] = True
    figure.update_layout(**layout)
    figure.update_xaxes(title=x_title, type="log", gridcolor=GRID)
    figure.update_yaxes(title=y_title, type="log", gridcolor=GRID)
    return figure
