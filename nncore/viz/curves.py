"""Learning curves: loss and accuracy per epoch, training solid and validation dashed.

Several panels side by side share one figure (:func:`panels_figure`), so that a live page
redraws one chart per tick instead of one per quantity. :func:`panels_spec` is that figure as
a plain dict (no validation), for a live chart that appends points many times a second;
with ``growing`` its axes end at round numbers above the data (:func:`room_above`), so that
the browser can move the lines in place and redraw the axes only now and then.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import ACTIVE, FONT_SIZE, FORWARD, GRADIENT, GRID, base_layout

GAP = 0.1  # blank fraction of the width between two panels
ROOM_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)  # a growing axis ends at m·10^k
HEADROOM = 1.05  # … at least this many times its largest value


def room_above(value: float) -> float:
    """The smallest m·10^k ≥ ``value`` with m in ``ROOM_STEPS`` (1 for no positive value):
    where a growing axis ends, so that it changes about ten times per decade of growth."""
    if not (value > 0 and math.isfinite(value)):
        return 1.0
    base = 10.0 ** math.floor(math.log10(value))
    return next(m * base for m in ROOM_STEPS if m * base >= value * (1 - 1e-12))


@dataclass(frozen=True)
class Curve:
    """One line: its legend name, its values (one per epoch, or per step), its style, and
    the x of each value (default 1, 2, …; a thinned history gives its epoch numbers)."""

    name: str
    values: Sequence[float]
    colour: str = FORWARD
    dash: str = "solid"
    x: Sequence[float] | None = None


@dataclass(frozen=True)
class Panel:
    """One plot of curves over x = 1, 2, …, with its title and y axis."""

    curves: Sequence[Curve]
    title: str = ""
    y_title: str = ""
    y_range: tuple[float, float] | None = None
    log_y: bool = False
    marker_x: float | None = None


def train_valid_curves(
    train: Sequence[float], valid: Sequence[float], train_name: str, valid_name: str,
    x: Sequence[float] | None = None,
) -> list[Curve]:
    """The usual pair: training (blue, solid) and validation (red, dashed; left out when
    there is no validation data), both at ``x`` (default 1, 2, …)."""
    curves = [Curve(train_name, train, FORWARD, x=x)]
    if len(valid):
        curves.append(Curve(valid_name, valid, GRADIENT, "dash", x=x))
    return curves


def _trace(curve: Curve, axis: str, legend: bool) -> dict:
    n = len(curve.values)
    x = np.arange(1, n + 1) if curve.x is None else np.asarray(curve.x, dtype=np.float64)
    return {"type": "scatter", "x": x,
            "y": np.asarray(curve.values, dtype=np.float64), "name": curve.name,
            "mode": "lines" if n > 1 else "markers", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "line": {"color": curve.colour, "dash": curve.dash, "width": 3},
            "marker": {"color": curve.colour, "size": 8}, "showlegend": legend,
            "legendgroup": curve.name,
            "hovertemplate": "%{x}: %{y:.4f}<extra>" + curve.name + "</extra>"}


def _growing_ranges(panel: Panel) -> tuple[dict, dict]:
    """The x and y ranges of a growing panel: x from 0 and y from 0 (y only when linear,
    not given and never negative) up to ``room_above`` HEADROOM times the largest value."""
    xs = [np.asarray(c.x if c.x is not None else np.arange(1, len(c.values) + 1), float)
          for c in panel.curves if len(c.values)]
    ys = np.concatenate([np.asarray(c.values, float) for c in panel.curves] or [np.zeros(0)])
    ys = ys[np.isfinite(ys)]
    if not xs:
        return {}, {}
    x_range = {"range": [0, room_above(HEADROOM * max(float(x.max()) for x in xs))]}
    if panel.log_y or panel.y_range or not len(ys) or ys.min() < 0:
        return x_range, {}
    return x_range, {"range": [0, room_above(HEADROOM * float(ys.max()))]}


def panels_spec(panels: Sequence[Panel], *, x_title: str = "", height: int = 320,
                growing: bool = False) -> dict:
    """The panels side by side, one shared legend (the first panel's curves), as a plain
    ``{"data", "layout"}`` dict. A ``marker_x`` draws a vertical line there (the current
    step). Empty panels still show their axes (before the first epoch). ``growing``: for
    curves that grow while playing, axes of fixed range with room above the data
    (``_growing_ranges``)."""
    width = (1 - GAP * (len(panels) - 1)) / len(panels)
    layout = base_layout("", height=height)
    titled = any(p.title for p in panels)
    layout.update(
        showlegend=any(len(p.curves) > 1 for p in panels),
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.12 if titled else 1.02,
                "yanchor": "bottom"},
        margin={"l": 60, "r": 20, "t": 70 if titled else 30, "b": 50},
    )
    traces, annotations, shapes = [], [], []
    for i, panel in enumerate(panels):
        axis = "" if i == 0 else str(i + 1)
        left = i * (width + GAP)
        x_range, y_range = _growing_ranges(panel) if growing else ({}, {})
        layout[f"xaxis{axis}"] = {"title": {"text": x_title}, "gridcolor": GRID,
                                  "rangemode": "tozero", "domain": [left, left + width],
                                  "anchor": f"y{axis}", **x_range}
        layout[f"yaxis{axis}"] = {"title": {"text": panel.y_title}, "gridcolor": GRID,
                                  "type": "log" if panel.log_y else "linear",
                                  "anchor": f"x{axis}",
                                  **({"range": list(panel.y_range)} if panel.y_range else {}),
                                  **y_range}
        traces += [_trace(c, axis, i == 0) for c in panel.curves]
        if panel.title:
            annotations.append({"text": f"<b>{panel.title}</b>", "x": left, "y": 1.12,
                                "xref": "paper", "yref": "paper", "xanchor": "left",
                                "yanchor": "bottom", "showarrow": False,
                                "font": {"size": FONT_SIZE}})
        if panel.marker_x is not None:
            shapes.append({"type": "line", "x0": panel.marker_x, "x1": panel.marker_x,
                           "y0": 0, "y1": 1, "xref": f"x{axis}", "yref": f"y{axis} domain",
                           "line": {"color": ACTIVE, "width": 3}})
    layout.update(annotations=annotations, shapes=shapes)
    return {"data": traces, "layout": layout}


def panels_figure(panels: Sequence[Panel], *, x_title: str = "", height: int = 320) -> go.Figure:
    """:func:`panels_spec` as a ``go.Figure``."""
    return go.Figure(panels_spec(panels, x_title=x_title, height=height))


def curves_figure(
    curves: Sequence[Curve],
    *,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    log_y: bool = False,
    y_range: tuple[float, float] | None = None,
    marker_x: float | None = None,
    height: int = 320,
) -> go.Figure:
    """One panel of curves (see :func:`panels_figure`)."""
    panel = Panel(curves, title, y_title, y_range, log_y, marker_x)
    return panels_figure([panel], x_title=x_title, height=height)
