"""A computational graph at one step of its trace, drawn left to right like the CS231n slides.

``graph_figure(graph, trace, position)`` shows the graph after the first ``position`` steps of
``trace`` (position 0: nothing computed yet):

- every edge carries the value flowing forward **above** it (``style.FORWARD``) once its source
  is computed, and the gradient flowing back **below** it (``style.GRADIENT``) once its gate's
  backward step is done; a short stub leaves the output with f above and ∂f/∂f = 1 below;
- nodes are circles: the gate's symbol (``+``, ``×``, ``max``, ``σ``...) or the leaf's name
  inside, the gate's label (q, f...) above; the node of the current step is filled with
  ``style.ACTIVE``; outlines turn blue when a value is known, red when the gradient is;
- numbers as the slides print them (``decimals``), full precision on hover; nodes not reached
  show nothing.

- the step's value (or gradient) travels: a dot moves along each edge the step fills, from
  the node to its consumer going forward, from the gate back to its input going backward; the
  layout's ``transition`` makes a chart updated in place (``Plotly.react``) animate it.

Traces, in order (tests read them by name): ``edges`` (one scatter of None-separated segments),
``values``, ``gradients`` (text along the edges, ``customdata`` = edge ids ``"n0>n2:0"``),
``nodes`` (markers, label above, ``customdata`` = node ids), ``symbols``, then the moving dots
``forward_flow`` and ``backward_flow`` (one per edge, size 0 when still). Arrowheads are
layout annotations. Where things go is fixed for the whole trace (:mod:`graph_layout`), so
stepping only changes what is shown.

:func:`graph_scene` does the fixed part once (geometry, edges, arrows, layout) and gives each
position as plain plotly JSON (:meth:`GraphScene.frame`, fast enough for every Next click);
:func:`graph_figure` is one position as a ``go.Figure``. Both are pure functions of their
arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from nncore.graph import Graph, Trace, layered_layout, to_networkx
from nncore.viz import style
from nncore.viz.graph_layout import (
    LABEL_SIZE,
    GraphGeometry,
    Segment,
    graph_geometry,
    node_size,
    node_symbol,
)
from nncore.viz.numbers import full_value, slide_value

SYMBOL_SIZE = style.FONT_SIZE + 6  # "+", "×" inside the circles
EdgeKey = tuple[str, str, int]


@dataclass
class Revealed:
    """What the first ``position`` steps of a trace have computed."""

    values: dict[str, Any] = field(default_factory=dict)  # node id -> value
    grads: dict[str, Any] = field(default_factory=dict)  # node id -> ∂f/∂node
    edge_grads: dict[EdgeKey, Any] = field(default_factory=dict)  # edge -> contribution
    active: str | None = None


def revealed(trace: Trace, position: int) -> Revealed:
    """Values, gradients and the active node after ``position`` steps (clamped to the trace)."""
    position = max(0, min(position, len(trace)))
    state = Revealed()
    for step in trace[:position]:
        if step.phase == "forward":
            state.values[step.node_id] = step.value
        else:
            state.grads[step.node_id] = step.upstream
            for edge in step.edges:
                state.edge_grads[(edge.source_id, edge.target_id, edge.operand)] = (
                    edge.contribution)
    if position:
        state.active = trace[position - 1].node_id
    return state


def column_count(graph: Graph) -> int:
    """How many columns the layered layout has (pages put wide graphs on the full width)."""
    return len({round(x, 9) for x, _ in layered_layout(graph).values()})


def _edge_values(graph: Graph, state: Revealed, edge_id: str) -> tuple[Any, Any]:
    """What an edge carries so far: its source's value and the gradient sent back along it."""
    source, rest = edge_id.split(">")
    if rest == "out":
        return state.values.get(source), state.grads.get(source)  # f, then ∂f/∂f = 1
    target, operand = rest.split(":")
    return state.values.get(source), state.edge_grads.get((source, target, int(operand)))


def _labels(graph: Graph, edge_ids: list[str], state: Revealed, decimals: int
            ) -> dict[str, tuple[tuple[str, str], tuple[str, str]]]:
    """Per edge id: (value text, hover) and (gradient text, hover); empty where not reached."""
    output = graph.output.label
    out = {}
    for edge_id in edge_ids:
        label = graph[edge_id.split(">")[0]].label
        value, grad = _edge_values(graph, state, edge_id)
        out[edge_id] = (
            ("", "") if value is None else (slide_value(value, decimals),
                                            f"{label} = {full_value(value)}"),
            ("", "") if grad is None else (slide_value(grad, decimals),
                                           f"∂{output}/∂{label} = {full_value(grad)}"),
        )
    return out


FLOW_SIZE = 13  # px, the travelling dot
TRANSITION = {"duration": 350, "easing": "cubic-in-out"}  # ms: how long a value travels


def _text_trace(name: str, segments: tuple[Segment, ...], texts: list[tuple[str, str]],
                colour: str, below: bool, nudge: float) -> dict:
    """The values (or gradients, ``below``) of all edges at their spots, ``nudge`` off."""
    anchors = [s.anchor for s in segments]
    return {
        "type": "scatter", "mode": "text", "name": name,
        "x": [a[0] for a in anchors],
        "y": [a[1] - nudge if below else a[1] + nudge for a in anchors],
        "text": [t[0] for t in texts], "hovertext": [t[1] for t in texts],
        "customdata": [s.edge_id for s in segments], "hoverinfo": "text",
        "textposition": [s.sides[1] if below else s.sides[0] for s in segments],
        "textfont": {"size": LABEL_SIZE, "color": colour},
    }


def _nodes(graph: Graph, geometry: GraphGeometry, state: Revealed, active: str | None
           ) -> list[dict]:
    """The circles (label above, hover with full precision) and the symbols inside them."""
    ids = list(geometry.pos)
    symbols = [node_symbol(graph, nid) for nid in ids]
    output = graph.output.label
    fills, outlines, hover = [], [], []
    for nid in ids:
        label, known, grad = graph[nid].label, nid in state.values, state.grads.get(nid)
        fills.append(style.ACTIVE if nid == active else style.NODE if known else "white")
        outlines.append(style.GRADIENT if grad is not None else style.FORWARD if known
                        else style.MUTED)
        lines = [f"{label} = {full_value(state.values[nid])}" if known else label]
        if grad is not None:
            lines.append(f"∂{output}/∂{label} = {full_value(grad)}")
        hover.append("<br>".join(lines))
    xs, ys = [geometry.pos[n][0] for n in ids], [geometry.pos[n][1] for n in ids]
    above = ["" if graph[n].gate is None else graph[n].label for n in ids]
    return [
        {"type": "scatter", "x": xs, "y": ys, "mode": "markers+text", "name": "nodes",
         "text": above, "customdata": ids, "hovertext": hover, "hoverinfo": "text",
         "textposition": "top center",
         "textfont": {"size": style.FONT_SIZE, "color": style.NODE_LINE},
         # opacity 1: with an array of sizes plotly would draw see-through bubbles
         "marker": {"size": [node_size(s) for s in symbols], "color": fills, "opacity": 1,
                    "line": {"color": outlines, "width": 3}}},
        {"type": "scatter", "x": xs, "y": ys, "mode": "text", "name": "symbols",
         "text": symbols, "hoverinfo": "skip", "textposition": "middle center",
         "textfont": {"size": SYMBOL_SIZE,
                      "color": ["black" if n in state.values else style.MUTED for n in ids]}},
    ]


def _target(segment: Segment) -> str:
    """The node an edge ends at (``"out"`` for the output's stub)."""
    return segment.edge_id.split(">")[1].split(":")[0]


def _filled_by(segment: Segment) -> tuple[str, str]:
    """Which nodes' steps fill the edge: (forward: its source, backward: its target; the
    output's stub is filled both ways by the output's steps)."""
    target = _target(segment)
    return segment.source, segment.source if target == "out" else target


def _track(segment: Segment, graph: Graph, scale: tuple[float, float]
           ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a dot travels on ``segment``: from the rim of its source's circle to the rim of
    its target's (so it never covers a node's symbol)."""
    (x0, y0), (x1, y1) = segment.start, segment.end
    length = max(1e-9, ((x1 - x0) * scale[0]) ** 2 + ((y1 - y0) * scale[1]) ** 2) ** 0.5
    target = _target(segment)
    near = min(0.45, node_size(node_symbol(graph, segment.source)) / 2 / length)
    far = 1.0 if target == "out" else max(
        0.55, 1 - node_size(node_symbol(graph, target)) / 2 / length)
    return ((x0 + near * (x1 - x0), y0 + near * (y1 - y0)),
            (x0 + far * (x1 - x0), y0 + far * (y1 - y0)))


def _flow(phase: str, geometry: GraphGeometry, graph: Graph, trace: Trace,
          position: int) -> dict:
    """The dots of one pass: each edge's dot sits at the edge's start until the step that fills
    the edge, and at its end from then on (going backward, end and start swap); only the dots
    of the current step are drawn, so a chart updated with a transition shows the step's value
    travelling along its edges."""
    done = {s.node_id for s in trace[:max(0, position)] if s.phase == phase}
    step = trace[position - 1] if 0 < position <= len(trace) else None
    moving = step.node_id if step is not None and step.phase == phase else None
    forward = phase == "forward"
    xs, ys, sizes = [], [], []
    for segment in geometry.segments:
        node = _filled_by(segment)[0 if forward else 1]
        start, end = _track(segment, graph, geometry.scale)
        there = (end if forward else start) if node in done else (start if forward else end)
        xs.append(there[0])
        ys.append(there[1])
        sizes.append(FLOW_SIZE if node == moving else 0)
    return {"type": "scatter", "mode": "markers", "name": f"{phase}_flow", "x": xs, "y": ys,
            "hoverinfo": "skip",
            "marker": {"size": sizes, "opacity": 1,
                       "color": style.FORWARD if forward else style.GRADIENT,
                       "line": {"color": "white", "width": 2}}}


def _arrow(graph: Graph, segment: Segment) -> dict:
    """An annotation for the arrow along ``segment``, drawn over the edge's line from circle to
    circle (the standoffs, in px, are the radii; the output's stub ends in the open)."""
    target = _target(segment)
    return {"x": segment.end[0], "y": segment.end[1], "ax": segment.start[0],
            "ay": segment.start[1], "xref": "x", "yref": "y", "axref": "x", "ayref": "y",
            "showarrow": True, "arrowhead": 2, "arrowsize": 1.3, "arrowwidth": 2,
            "arrowcolor": style.NODE_LINE, "text": "",
            "startstandoff": node_size(node_symbol(graph, segment.source)) // 2 + 2,
            "standoff": 0 if target == "out" else node_size(node_symbol(graph, target)) // 2 + 2}


@dataclass(frozen=True)
class GraphScene:
    """A graph and its trace with everything that does not change while stepping worked out:
    the geometry, the edges' lines, the arrows and the layout. :meth:`frame` gives a position."""

    graph: Graph
    trace: Trace
    geometry: GraphGeometry
    decimals: int
    highlight: bool
    edges: dict
    layout: dict

    def frame(self, position: int) -> dict:
        """The figure after ``position`` steps as plotly JSON ``{"data", "layout"}``."""
        graph, geometry, segments = self.graph, self.geometry, self.geometry.segments
        state = revealed(self.trace, position)
        now = _labels(graph, [s.edge_id for s in segments], state, self.decimals)
        data = [
            self.edges,
            _text_trace("values", segments, [now[s.edge_id][0] for s in segments],
                        style.FORWARD, below=False, nudge=geometry.nudge),
            _text_trace("gradients", segments, [now[s.edge_id][1] for s in segments],
                        style.GRADIENT, below=True, nudge=geometry.nudge),
            *_nodes(graph, geometry, state, state.active if self.highlight else None),
            *(_flow(phase, geometry, graph, self.trace, position)
              for phase in ("forward", "backward")),
        ]
        return {"data": data, "layout": self.layout}


def graph_scene(graph: Graph, trace: Trace, *, decimals: int = 2, highlight: bool = True,
                height: int | None = None, width_hint: int = 1000) -> GraphScene:
    """The fixed part of the graph's figures (see :class:`GraphScene`); ``width_hint`` is about
    how wide (px) the page will draw it, for placing labels."""
    edge_ids = [f"{u}>{v}:{k}" for u, v, k in to_networkx(graph).edges(keys=True)]
    edge_ids.append(f"{graph.output.id}>out")
    final = _labels(graph, edge_ids, revealed(trace, len(trace)), decimals)
    geometry = graph_geometry(graph, {e: (v[0], g[0]) for e, (v, g) in final.items()},
                              height=height, width_hint=width_hint)
    segments = geometry.segments
    edges = {"type": "scatter", "mode": "lines", "name": "edges", "hoverinfo": "skip",
             "x": [x for s in segments for x in (s.start[0], s.end[0], None)],
             "y": [y for s in segments for y in (s.start[1], s.end[1], None)],
             "line": {"color": style.NODE_LINE, "width": 2}}
    axis = {"visible": False, "fixedrange": True}
    layout = {**style.base_layout(height=geometry.height),
              "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
              "annotations": [_arrow(graph, s) for s in segments],
              "dragmode": False, "hovermode": "closest", "transition": TRANSITION,
              "xaxis": {**axis, "range": list(geometry.x_range)},
              "yaxis": {**axis, "range": list(geometry.y_range)}}
    return GraphScene(graph, trace, geometry, decimals, highlight, edges, layout)


def graph_figure(graph: Graph, trace: Trace, position: int, *, decimals: int = 2,
                 highlight: bool = True, height: int | None = None,
                 width_hint: int = 1000) -> go.Figure:
    """The graph after ``position`` steps of ``trace`` (see the module docstring) as a
    ``go.Figure``; ``width_hint`` is about how wide (px) the page will draw it."""
    scene = graph_scene(graph, trace, decimals=decimals, highlight=highlight, height=height,
                        width_hint=width_hint)
    return go.Figure(scene.frame(position))
