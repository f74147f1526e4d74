"""Matrices and vectors as annotated heatmaps: every entry printed, full precision on hover."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import DIVERGING, base_layout


def as_matrix(values: np.ndarray | float) -> np.ndarray:
    """A scalar as 1×1, a vector as a column (the course writes vectors as columns)."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        return array.reshape(-1, 1)
    if array.ndim == 2:
        return array
    raise ValueError(f"can only draw up to 2-D arrays, got shape {array.shape}")


def matrix_figure(
    values: np.ndarray | float,
    title: str = "",
    *,
    decimals: int = 2,
    row_labels: list[str] | None = None,
    column_labels: list[str] | None = None,
    cell_size: int = 56,
) -> go.Figure:
    """A signed heatmap of ``values`` titled ``title (rows×columns)``, zero in white.

    The colour range is symmetric around zero so that the sign reads at a glance; the printed
    numbers use ``decimals`` (the slides print 2), the hover shows the full value.
    """
    matrix = as_matrix(values)
    rows, columns = matrix.shape
    finite = np.abs(matrix[np.isfinite(matrix)])
    limit = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    x = column_labels or [str(j + 1) for j in range(columns)]
    y = row_labels or [str(i + 1) for i in range(rows)]
    heatmap = go.Heatmap(
        z=matrix, x=x, y=y, zmin=-limit, zmax=limit, colorscale=DIVERGING, showscale=False,
        text=np.vectorize(lambda v: f"{v:.{decimals}f}")(matrix),
        texttemplate="%{text}", hovertemplate="%{y}, %{x}: %{z:.10g}<extra></extra>",
        xgap=2, ygap=2,
    )
    figure = go.Figure(heatmap)
    layout = base_layout(f"{title} ({rows}×{columns})" if title else "", height=0)
    layout["height"] = max(140, rows * cell_size + (90 if title else 50))
    layout["width"] = max(160, columns * cell_size + 90)
    figure.update_layout(**layout)
    figure.update_yaxes(autorange="reversed", showgrid=False, zeroline=False,
                        showticklabels=bool(row_labels))
    figure.update_xaxes(side="top", showgrid=False, zeroline=False,
                        showticklabels=bool(column_labels))
    return figure
