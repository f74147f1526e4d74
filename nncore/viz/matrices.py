"""Matrices and vectors as annotated heatmaps: every entry printed, full precision on hover."""

from __future__ import annotations

import numpy as np

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
) -> dict:
    """A signed heatmap of ``values`` titled ``title (rows×columns)``, zero in white.

    The colour range is symmetric around zero so that the sign reads at a glance; the printed
    numbers use ``decimals`` (the slides print 2), the hover shows the full value. A plain
    plotly JSON dict (``{"data", "layout"}``, numbers as lists of floats): pages show many
    of these per step, and building a ``go.Figure`` (plotly validates every property) cost
    15 ms each against 0.1 ms."""
    matrix = as_matrix(values)
    rows, columns = matrix.shape
    finite = np.abs(matrix[np.isfinite(matrix)])
    limit = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    heatmap = {
        "type": "heatmap", "z": np.where(np.isfinite(matrix), matrix, np.nan).tolist(),
        "x": column_labels or [str(j + 1) for j in range(columns)],
        "y": row_labels or [str(i + 1) for i in range(rows)],
        "zmin": -limit, "zmax": limit, "colorscale": DIVERGING, "showscale": False,
        "text": [[_printed(v, decimals) for v in row] for row in matrix.tolist()],
        "texttemplate": "%{text}", "hovertemplate": "%{y}, %{x}: %{z:.10g}<extra></extra>",
        "xgap": 2, "ygap": 2,
    }
    full_title = f"{title} ({rows}×{columns})" if title else ""
    layout = base_layout(full_title, height=max(140, rows * cell_size + (90 if title else 50)))
    title_width = round(0.62 * FONT_SIZE * len(full_title)) + 30  # the title must not be cut
    layout["width"] = max(160, columns * cell_size + 90, title_width)
    axis = {"showgrid": False, "zeroline": False, "ticks": ""}
    layout["yaxis"] = {**axis, "autorange": "reversed", "showticklabels": bool(row_labels)}
    layout["xaxis"] = {**axis, "side": "top", "showticklabels": bool(column_labels)}
    return {"data": [heatmap], "layout": layout}


def _printed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals, never "-0.00"."""
    return f"{round(value, decimals) + 0.0:.{decimals}f}"


def confusion_figure(
    confusion: np.ndarray,
    class_names: list[str],
    *,
    title: str = "",
    true_title: str = "true class",
    predicted_title: str = "predicted class",
) -> dict:
    """A confusion matrix (000 §2.1.1): row i, column j counts the samples of true class i
    predicted as class j; the diagonal holds the correct ones. Plain plotly JSON, as
    :func:`matrix_figure`."""
    figure = matrix_figure(np.asarray(confusion, dtype=float), title, decimals=0,
                           row_labels=class_names, column_labels=class_names, cell_size=64)
    layout = figure["layout"]
    layout["xaxis"]["title"] = {"text": predicted_title, "standoff": 4}
    layout["yaxis"]["title"] = {"text": true_title}
    layout.update(width=layout["width"] + 60, height=layout["height"] + 40,
                  margin={**layout["margin"], "l": 90, "t": 110 if title else 70})
    return figure
