"""The classification head's pictures: probabilities, labels and gradients as bars per class."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import FORWARD, GRADIENT, GRID, MUTED, NODE_LINE, base_layout

SERIES_COLOURS = (FORWARD, MUTED, GRADIENT)  # p, y, p − y


def bars_figure(classes: Sequence[str], series: Mapping[str, np.ndarray], *, title: str = "",
                y_range: tuple[float, float] | None = None, height: int = 320) -> go.Figure:
    """One group of bars per class, one bar per named series (e.g. p, y, p − y), each bar
    labelled with its value (2 decimals; hover: full precision)."""
    figure = go.Figure()
    for k, (name, values) in enumerate(series.items()):
        values = np.asarray(values, dtype=np.float64)
        figure.add_trace(go.Bar(
            x=list(classes), y=values, name=name,
            marker_color=SERIES_COLOURS[k % len(SERIES_COLOURS)],
            text=[f"{v:.2f}" for v in values], textposition="outside",
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.10g}}<extra></extra>"))
    layout = base_layout(title, height)
    layout.update(barmode="group", showlegend=len(series) > 1,
                  legend={"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right",
                          "yanchor": "bottom"})
    figure.update_layout(**layout)
    figure.update_yaxes(gridcolor=GRID, zeroline=True, zerolinecolor=NODE_LINE,
                        range=list(y_range) if y_range else None)
    return figure
