"""The network diagram of a traced training step at one position of the step-through.

Built on :func:`nncore.viz.network.network_figure`: the column of the current layer is
highlighted, and the edges show what the step has reached:

- before the step, the forward pass and the loss: the weights W⁽ˡ⁾;
- the backward pass: the gradients ∂C/∂W⁽ˡ⁾ of the layers already reached (the others are
  drawn at zero, thin), so the error is seen flowing back from the output;
- the update: the new weights of the layers already updated, the old ones elsewhere.

For one sample, each neuron is labelled with what the step knows about it: its activation a
in the forward pass, its error δ in the backward pass.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.mlp_step import StepTrace
from nncore.viz.network import network_spec
from nncore.viz.step_notation import number


def _labels(trace: StepTrace, position: int, decimals: int) -> list[list[str] | None]:
    """Per column: the activations computed so far (forward, loss), then the errors δ of the
    layers the backward pass has reached; the inputs are always labelled."""
    columns: list[list[str] | None] = [None] * len(trace.sizes)
    done = [] if trace.batch else trace.steps[:position]
    for record in done:
        if record.phase == "forward":
            if record.layer == 1:
                columns[0] = [number(v, decimals) for v in record.matrices["a_prev"].ravel()]
            columns[record.layer] = [number(v, decimals) for v in record.matrices["a"].ravel()]
    backward = [r for r in done if r.phase == "backward"]
    if backward and not any(r.phase == "update" for r in done):
        for record in backward:
            columns[record.layer] = [f"δ {number(v, decimals)}"
                                     for v in record.matrices["delta"].ravel()]
    if columns[0] is None:
        columns[0] = [f"x{k + 1}" for k in range(trace.sizes[0])]
    return columns


def step_edges(trace: StepTrace, position: int) -> tuple[list[np.ndarray], str]:
    """The edge values at ``position`` (0: nothing done yet, k: after step k) and their name
    for the hover text."""
    done = trace.steps[:position]
    phases = {r.phase for r in done}
    if "update" in phases:
        updated = {r.layer for r in done if r.phase == "update"}
        return [trace.new_weights[k] if k + 1 in updated else trace.weights[k]
                for k in range(trace.n_layers)], "W"
    if "backward" in phases:
        reached = {r.layer for r in done if r.phase == "backward"}
        return [trace.grads[k] if k + 1 in reached else np.zeros_like(trace.grads[k])
                for k in range(trace.n_layers)], "∂C/∂W"
    return list(trace.weights), "W"


def step_network_spec(
    trace: StepTrace, position: int, *, column_titles: Sequence[str] | None = None,
    title: str = "", decimals: int = 2, width: int = 640, height: int = 420,
) -> dict:
    """The network at ``position`` with the active layer's column highlighted, as a plain
    ``{"data", "layout"}`` dict (:func:`~nncore.viz.network.network_spec`: no validation, for
    a live chart stepped many times)."""
    record = trace.steps[position - 1] if position else None
    edges, name = step_edges(trace, position)
    return network_spec(
        trace.sizes, trace.weights, edge_values=edges, edge_name=name,
        active_layer=record.layer if record else None,
        node_labels=_labels(trace, position, decimals), column_titles=column_titles,
        label_boxes=True,
        title=title, width=width, height=height)


def step_network_figure(
    trace: StepTrace, position: int, *, column_titles: Sequence[str] | None = None,
    title: str = "", decimals: int = 2, width: int = 640, height: int = 420,
) -> go.Figure:
    """:func:`step_network_spec` as a ``go.Figure`` (same arguments)."""
    return go.Figure(step_network_spec(trace, position, column_titles=column_titles,
                                       title=title, decimals=decimals, width=width,
                                       height=height))
