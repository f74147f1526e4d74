"""Loss surfaces of two parameters with the optimizers' paths on them: a contour map, the
surface in 3-D, and the small multiples of a learning-rate sweep.

Contour lines are drawn at levels of log₁₀(1 + f − min f): a monotone change of f keeps every
level set where it is, and spreads the lines so that a flat valley (Rosenbrock) and a deep
bowl both show. Hovering reads the plain f. The axes are fixed to the surface's window, so a
path that runs away leaves the picture instead of shrinking it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from nncore.viz.curves import Curve, curves_figure
from nncore.viz.style import ACTIVE, FONT_SIZE, base_layout

SURFACE_SCALE = [[0.0, "#f6f8fa"], [0.5, "#d0d7de"], [1.0, "#8c959f"]]  # pale greys: paths on top
MINIMUM_COLOUR = "#1a7f37"  # figure 1.5's green optimum
START_COLOUR = "#24292f"


@dataclass(frozen=True)
class PathLine:
    """One optimizer's path: its legend ``name``, the points ``path`` (T+1, 2), f at the
    points that have a value (``losses``, at most T+1) and its ``colour``."""

    name: str
    path: np.ndarray
    losses: np.ndarray
    colour: str


@dataclass(frozen=True)
class Labels:
    """The translated words the figures show."""

    w1: str = "w1"
    w2: str = "w2"
    f: str = "f"
    start: str = "start"
    minimum: str = "minimum"
    saddle: str = "saddle point"


def levels(Z: np.ndarray) -> np.ndarray:
    """log₁₀(1 + Z − min Z), the height the contour lines and the 3-D surface are drawn at."""
    finite = Z[np.isfinite(Z)]
    low = float(finite.min()) if finite.size else 0.0
    with np.errstate(invalid="ignore"):
        return np.log10(1.0 + np.maximum(Z - low, 0.0))


def _hover_text(Z: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda v: f"{v:.4g}")(Z)


def _marker_traces(points: Sequence[Sequence[float]], name: str, colour: str, symbol: str,
                   size: int = 16) -> list[dict]:
    if not points:
        return []
    xy = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return [{"type": "scatter", "x": xy[:, 0], "y": xy[:, 1], "mode": "markers", "name": name,
             "marker": {"symbol": symbol, "size": size, "color": colour,
                        "line": {"color": "white", "width": 1.5}},
             "hovertemplate": f"{name}<br>(%{{x:.3g}}, %{{y:.3g}})<extra></extra>",
             "showlegend": False}]


def _path_traces(line: PathLine, xaxis: str = "x", yaxis: str = "y",
                 legend: bool = True) -> list[dict]:
    path = np.asarray(line.path, dtype=np.float64).reshape(-1, 2)
    common = {"xaxis": xaxis, "yaxis": yaxis, "legendgroup": line.name}
    return [
        {"type": "scatter", "x": path[:, 0], "y": path[:, 1], "mode": "lines+markers",
         "name": line.name, "line": {"color": line.colour, "width": 3},
         "marker": {"color": line.colour, "size": 5}, "showlegend": legend,
         "hovertemplate": f"{line.name}<br>t = %{{pointNumber}}<br>(%{{x:.4g}}, %{{y:.4g}})"
                          "<extra></extra>", **common},
        {"type": "scatter", "x": path[-1:, 0], "y": path[-1:, 1], "mode": "markers",
         "name": line.name, "showlegend": False, "hoverinfo": "skip",
         "marker": {"color": line.colour, "size": 14, "line": {"color": "white", "width": 2}},
         **common},
    ]


def _contour_trace(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, labels: Labels,
                   xaxis: str = "x", yaxis: str = "y") -> dict:
    return {"type": "contour", "x": w1, "y": w2, "z": levels(Z), "text": _hover_text(Z),
            "colorscale": SURFACE_SCALE, "showscale": False, "ncontours": 24,
            "contours": {"coloring": "fill", "showlines": True},
            "line": {"color": "#ffffff", "width": 1}, "xaxis": xaxis, "yaxis": yaxis,
            "hovertemplate": f"{labels.w1} = %{{x:.3g}}, {labels.w2} = %{{y:.3g}}<br>"
                             f"{labels.f} = %{{text}}<extra></extra>"}


def click_grid_trace(w1: np.ndarray, w2: np.ndarray, n: int) -> dict:
    """Invisible points on an n × n grid over the window: clicking one selects it (the page
    reads the selection to move the start there)."""
    g1, g2 = np.meshgrid(np.linspace(w1[0], w1[-1], n), np.linspace(w2[0], w2[-1], n))
    return {"type": "scatter", "x": g1.ravel(), "y": g2.ravel(), "mode": "markers",
            "name": "grid", "showlegend": False, "hoverinfo": "none",
            "marker": {"size": 14, "color": "rgba(0,0,0,0)"},
            "selected": {"marker": {"color": "rgba(0,0,0,0)"}},
            "unselected": {"marker": {"opacity": 0}}}


def aspect_height(w1: np.ndarray, w2: np.ndarray, low: int = 340, high: int = 640) -> int:
    """A figure height for a full-width map of the window: taller for a square window."""
    ratio = float(w2[-1] - w2[0]) / float(w1[-1] - w1[0])
    return int(min(high, max(low, 200 + 440 * ratio)))


def contour_figure(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, paths: Sequence[PathLine],
                   **options: Any) -> go.Figure:
    """:func:`contour_spec` as a ``go.Figure``."""
    return go.Figure(contour_spec(w1, w2, Z, paths, **options))


def contour_spec(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, paths: Sequence[PathLine],
                 *, start: Sequence[float], minima: Sequence[Sequence[float]] = (),
                 saddles: Sequence[Sequence[float]] = (), labels: Labels = Labels(),
                 click_grid: int = 0, height: int | None = None) -> dict:
    """The contour map of Z[j, i] = f(w1[i], w2[j]) with every path, the start (a black
    cross), the known minima (green stars) and saddle points; with ``click_grid`` > 0 an
    invisible grid of that many points a side to click on. Both axes have the same scale;
    the height follows the window's shape unless given. A plain ``{"data", "layout"}`` dict
    (no validation: cheap enough to rebuild for every frame of a live chart)."""
    data = [_contour_trace(w1, w2, Z, labels)]
    if click_grid:
        data.append(click_grid_trace(w1, w2, click_grid))
    data += _marker_traces(minima, labels.minimum, MINIMUM_COLOUR, "star", 20)
    data += _marker_traces(saddles, labels.saddle, ACTIVE, "x", 14)
    for line in paths:
        data += _path_traces(line)
    data += _marker_traces([start], labels.start, START_COLOUR, "x-thin-open", 18)
    layout = base_layout("", height or aspect_height(w1, w2))
    layout.update(showlegend=bool(paths), legend={"orientation": "h", "y": 1.02, "x": 0,
                                                   "yanchor": "bottom"},
                  margin={"l": 60, "r": 20, "t": 40, "b": 50}, clickmode="event+select",
                  dragmode=False, uirevision="keep")
    layout["xaxis"] = {"title": {"text": labels.w1}, "range": [float(w1[0]), float(w1[-1])],
                       "zeroline": False, "showgrid": False, "constrain": "domain"}
    # one unit is as long on both axes, so the gradient is seen crossing the level lines at
    # right angles and a ravine looks as narrow as it is
    layout["yaxis"] = {"title": {"text": labels.w2}, "range": [float(w2[0]), float(w2[-1])],
                       "zeroline": False, "showgrid": False, "scaleanchor": "x",
                       "scaleratio": 1, "constrain": "domain"}
    return {"data": data, "layout": layout}


def surface_figure(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, paths: Sequence[PathLine],
                   *, labels: Labels = Labels(), height: int = 420) -> go.Figure:
    """The surface in 3-D at height log₁₀(1 + f − min f), each path drawn on it."""
    low = float(np.nanmin(Z)) if np.isfinite(Z).any() else 0.0
    data: list[dict] = [{"type": "surface", "x": w1, "y": w2, "z": levels(Z),
                         "colorscale": SURFACE_SCALE, "showscale": False, "opacity": 0.85,
                         "text": _hover_text(Z), "hovertemplate": f"{labels.f} = %{{text}}"
                                                                   "<extra></extra>"}]
    for line in paths:
        n = len(line.losses)
        xy = np.asarray(line.path, dtype=np.float64).reshape(-1, 2)[:n]
        inside = ((xy[:, 0] >= w1[0]) & (xy[:, 0] <= w1[-1]) & (xy[:, 1] >= w2[0])
                  & (xy[:, 1] <= w2[-1]))
        height_of = np.log10(1.0 + np.maximum(np.asarray(line.losses) - low, 0.0))
        z = np.where(inside, height_of, np.nan) + 0.02
        data.append({"type": "scatter3d", "x": xy[:, 0], "y": xy[:, 1], "z": z,
                     "mode": "lines+markers", "name": line.name,
                     "line": {"color": line.colour, "width": 6},
                     "marker": {"color": line.colour, "size": 3}})
    layout = base_layout("", height)
    layout.update(showlegend=False, margin={"l": 0, "r": 0, "t": 10, "b": 0},
                  uirevision="keep",
                  scene={"xaxis": {"title": {"text": labels.w1}},
                         "yaxis": {"title": {"text": labels.w2}},
                         "zaxis": {"title": {"text": ""}},
                         "camera": {"eye": {"x": -1.4, "y": -1.6, "z": 1.1}}})
    return go.Figure({"data": data, "layout": layout})


def sweep_figure(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, runs: Sequence[PathLine],
                 titles: Sequence[str], *, start: Sequence[float],
                 minima: Sequence[Sequence[float]] = (), labels: Labels = Labels(),
                 height: int | None = None, gap: float = 0.02) -> go.Figure:
    """One small contour map per run, side by side, each titled (α and what happened), both
    axes on one scale. Pass a coarse grid (31 a side is plenty): the maps repeat it."""
    width = (1.0 - gap * (len(runs) - 1)) / max(len(runs), 1)
    ratio = float(w2[-1] - w2[0]) / float(w1[-1] - w1[0])
    layout = base_layout("", height or int(min(340, max(180, 90 + 900 * width * ratio))))
    layout.update(margin={"l": 10, "r": 10, "t": 60, "b": 10}, showlegend=False)
    data, annotations = [], []
    for k, line in enumerate(runs):
        axis = "" if k == 0 else str(k + 1)
        xaxis, yaxis, left = f"x{axis}", f"y{axis}", k * (width + gap)
        contour = _contour_trace(w1, w2, Z, labels, xaxis, yaxis)
        contour.pop("text")
        contour.update(hoverinfo="skip", hovertemplate=None)
        data += [contour, *_path_traces(line, xaxis, yaxis, legend=False)]
        data += [{**trace, "xaxis": xaxis, "yaxis": yaxis} for trace in (
            *_marker_traces(minima, labels.minimum, MINIMUM_COLOUR, "star", 14),
            *_marker_traces([start], labels.start, START_COLOUR, "x-thin-open", 14))]
        layout[f"xaxis{axis}"] = {"domain": [left, left + width], "anchor": yaxis,
                                  "range": [float(w1[0]), float(w1[-1])], "showgrid": False,
                                  "zeroline": False, "showticklabels": False,
                                  "constrain": "domain"}
        layout[f"yaxis{axis}"] = {"anchor": xaxis, "range": [float(w2[0]), float(w2[-1])],
                                  "showgrid": False, "zeroline": False, "showticklabels": False,
                                  "scaleanchor": xaxis, "scaleratio": 1, "constrain": "domain"}
        annotations.append({"text": titles[k], "x": left + width / 2, "y": 1.0,
                            "xref": "paper", "yref": "paper", "xanchor": "center",
                            "yanchor": "bottom", "showarrow": False, "font": {"size": FONT_SIZE}})
    layout["annotations"] = annotations
    return go.Figure({"data": data, "layout": layout})


def loss_figure(lines: Sequence[PathLine], *, title: str = "", x_title: str = "step",
                y_title: str = "f(w)", height: int = 300) -> go.Figure:
    """f per step for every path, step 0 being the start; on a log scale when every value is
    positive (then ``figure.layout.yaxis.type`` is "log"), else linear."""
    positive = all(len(line.losses) and float(np.min(line.losses)) > 0 for line in lines)
    curves = [Curve(line.name, line.losses, line.colour) for line in lines]
    figure = curves_figure(curves, title=title, x_title=x_title, y_title=y_title,
                           log_y=positive, height=height)
    for trace in figure.data:
        trace.x = np.arange(len(trace.y))
    figure.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                                 "yanchor": "top"}, margin={"r": 10})
    figure.update_yaxes(exponentformat="power")
    return figure
