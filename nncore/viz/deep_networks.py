"""Figures of a deep network's layers (:mod:`nncore.layer_stats`, :mod:`nncore.deep_networks`):
the gradient norm of every layer on a log scale beside the bound m^(L − l), and the spread of
every layer's activations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.viz.style import ACTIVE, FORWARD, GRADIENT, GRID, base_layout

MAX_POINTS_PER_LAYER = 400  # activations drawn per layer (a sample keeps the update small)
FLOOR = 1e-300  # a zero norm drawn on a log axis


def gradient_norms_figure(
    norms: Sequence[float],
    bound: Sequence[float],
    names: tuple[str, str],
    y_title: str,
    height: int = 380,
) -> go.Figure:
    """‖∂L/∂W⁽ˡ⁾‖ as bars for l = 1 … L, and the bound m^(L − l) · ‖∂L/∂W⁽ᴸ⁾‖ as markers."""
    layers = [f"W{layer}" for layer in range(1, len(norms) + 1)]
    measured = [max(float(n), FLOOR) if np.isfinite(n) else None for n in norms]
    last = measured[-1] if measured and measured[-1] is not None else 1.0
    figure = go.Figure([
        go.Bar(x=layers, y=measured, name=names[0], marker_color=GRADIENT,
               hovertemplate="%{x}: %{y:.3g}<extra></extra>"),
        go.Scatter(x=layers, y=[b * last for b in bound], name=names[1], mode="lines+markers",
                   line={"color": ACTIVE, "width": 3, "dash": "dot"}),
    ])
    layout = base_layout("", height)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -0.2}
    layout["uirevision"] = "gradient_norms"
    figure.update_layout(**layout)
    figure.update_yaxes(title=y_title, type="log", gridcolor=GRID, exponentformat="power")
    return figure


def activations_figure(activations: Sequence[np.ndarray], y_title: str,
                       height: int = 380) -> go.Figure:
    """One box per layer: the distribution of a⁽ˡ⁾ over the batch and the units (a fixed
    sample of :data:`MAX_POINTS_PER_LAYER` values each)."""
    rng = np.random.default_rng(0)
    figure = go.Figure()
    for layer, values in enumerate(activations, start=1):
        flat = np.asarray(values, dtype=float).ravel()
        flat = flat[np.isfinite(flat)]
        if flat.size > MAX_POINTS_PER_LAYER:
            flat = rng.choice(flat, MAX_POINTS_PER_LAYER, replace=False)
        figure.add_trace(go.Box(y=flat, name=f"a{layer}", marker_color=FORWARD,
                                boxpoints=False, showlegend=False))
    layout = base_layout("", height)
    layout["uirevision"] = "activations"
    figure.update_layout(**layout)
    figure.update_yaxes(title=y_title, gridcolor=GRID)
    return figure
