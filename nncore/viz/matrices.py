"""Matrices and vectors as annotated heatmaps: every entry printed, full precision on hover."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import DIVERGING, FONT_SIZE, base_layout


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
        text=np.vectorize(lambda v: f"{round(v, decimals) + 0.0:.{decimals}f}")(matrix),  # no -0.00
        texttemplate="%{text}", hovertemplate="%{y}, %{x}: %{z:.10g}<extra></extra>",
        xgap=2, ygap=2,
    )
    figure = go.Figure(heatmap)
    full_title = f"{title} ({rows}×{columns})" if title else ""
    layout = base_layout(full_title, height=0)
    layout["height"] = max(140, rows * cell_size + (90 if title else 50))
    title_width = round(0.62 * FONT_SIZE * len(full_title)) + 30  # the title must not be cut
    layout["width"] = max(160, columns * cell_size + 90, title_width)
    figure.update_layout(**layout)
    figure.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="",
                        showticklabels=bool(row_labels))
    figure.update_xaxes(side="top", showgrid=False, zeroline=False, ticks="",
                        showticklabels=bool(column_labels))
    return figure


def confusion_figure(
    confusion: np.ndarray,
    class_names: list[str],
    *,
    title: str = "",
    true_title: str = "true class",
    predicted_title: str = "predicted class",
) -> go.Figure:
    """A confusion matrix (000 §2.1.1): row i, column j counts the samples of true class i
    predicted as class j; the diagonal holds the correct ones."""
    figure = matrix_figure(np.asarray(confusion, dtype=float), title, decimals=0,
                           row_labels=class_names, column_labels=class_names, cell_size=64)
    figure.update_xaxes(title_text=predicted_title, title_standoff=4)
    figure.update_yaxes(title_text=true_title)
    figure.update_layout(width=figure.layout.width + 60, height=figure.layout.height + 40,
                         margin={"l": 90, "t": 110 if title else 70})
    return figure
