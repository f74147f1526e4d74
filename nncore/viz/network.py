"""A multi-layer network drawn as TensorFlow Playground does: neurons as circles in columns
(input on the left), one edge per weight, coloured by sign (blue positive, orange negative)
and as thick as its magnitude.

The edges can show other numbers of the weights' shape (``edge_values``: the gradients
∂J/∂W of the last step, say), one column can be highlighted (``active_layer``: the layer a
step-through is at), and every neuron can carry a small picture (``pictures``: its output
over the plane) or a label. So one builder serves the training pages and a page that walks
through one training step layer by layer.

Column ``c`` has ``sizes[c]`` neurons; ``weights[l]`` (N_out × N_in, as ``Linear.W``) joins
column ``l`` to column ``l + 1``: entry [j, i] is the edge from neuron i to neuron j.

:func:`network_spec` is the figure as a plain dict (no validation), for a live chart redrawn
many times a second; with ``edge_shapes`` the edges are layout shapes, one per edge, and
without ``hover_values`` the hover texts name the edges without their values: a frame then
changes only the layout (shapes, pictures), which plotly redraws without recomputing a trace
(a trace's new hover texts cost a browser as much as redrawing the whole figure).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from nncore.model import Sequential
from nncore.viz.style import ACTIVE, FONT_SIZE, NEGATIVE, NODE, NODE_LINE, POSITIVE, hex_to_rgb

WIDTHS = (0.6, 1.4, 2.6, 4.0, 6.0)  # edge widths, weakest to strongest fifth of |value|
ALPHAS = (0.3, 0.5, 0.7, 0.85, 1.0)
LABEL_ROOM = 6  # pixels per character of the longest label beside the first or last column


def model_weights(model: Sequential) -> tuple[list[int], list[np.ndarray]]:
    """Column sizes (input first) and weight matrices of a model's Linear layers."""
    weights = [layer.W for layer in model.layers if getattr(layer, "W", None) is not None]
    return [weights[0].shape[1], *(W.shape[0] for W in weights)], weights


def node_positions(sizes: Sequence[int], gap: float = 1.0) -> list[np.ndarray]:
    """(x, y) of every neuron, per column: x = column index × ``gap``; the neurons of a column
    centred on y = 0, the first at the top, one unit apart in the tallest column and further
    apart in short ones (so that two inputs beside 64 hidden neurons do not touch)."""
    tallest = max(sizes)
    positions = []
    for c, n in enumerate(sizes):
        spacing = min(tallest / n, max(2.0, tallest / 8))
        positions.append(np.column_stack([np.full(n, c * gap),
                                          spacing * ((n - 1) / 2 - np.arange(n))]))
    return positions


def strongest_edges(values: Sequence[np.ndarray], budget: int) -> list[np.ndarray]:
    """A boolean mask per matrix keeping about ``budget`` edges in all, the largest |value| of
    each layer in proportion to its size (all of them when they fit)."""
    total = sum(v.size for v in values)
    masks = []
    for v in values:
        if total <= budget:
            masks.append(np.ones(v.shape, dtype=bool))
            continue
        keep = max(1, round(budget * v.size / total))
        magnitude = np.nan_to_num(np.abs(v), nan=0.0, posinf=0.0).ravel()
        mask = np.zeros(v.size, dtype=bool)
        mask[np.argpartition(-magnitude, keep - 1)[:keep]] = True
        masks.append(mask.reshape(v.shape))
    return masks


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = hex_to_rgb(colour)
    return f"rgba({r},{g},{b},{alpha})"


def _drawn_edges(
    positions: list[np.ndarray], values: Sequence[np.ndarray], edge_name: str, budget: int,
    hover_values: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The edges to draw (see :func:`strongest_edges`), layer by layer, row by row: their
    start and end points (n, 2), values (n,) and hover texts (name = value, or the name)."""
    starts, ends, drawn, hover = [], [], [], []
    for layer, (v, mask) in enumerate(zip(values, strongest_edges(values, budget), strict=True)):
        j, i = np.nonzero(mask)
        starts.append(positions[layer][i])
        ends.append(positions[layer + 1][j])
        drawn.append(v[j, i])
        hover += [f"{edge_name}{layer + 1}[{b + 1},{a + 1}]" + (f" = {w:.4g}" if hover_values
                                                               else "")
                  for b, a, w in zip(j.tolist(), i.tolist(), v[j, i].tolist(), strict=True)]
    if not drawn:
        return np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0), []
    return np.vstack(starts), np.vstack(ends), np.concatenate(drawn), hover


def _segments(a: np.ndarray, b: np.ndarray) -> list[float | None]:
    """[a0, b0, None, a1, b1, None, …]: line segments of one trace, None between them."""
    out: list[float | None] = [None] * (3 * len(a))
    out[0::3], out[1::3] = a.tolist(), b.tolist()
    return out


def edge_traces(
    positions: list[np.ndarray], values: Sequence[np.ndarray], edge_name: str, budget: int,
    as_shapes: bool = False,
    hover_values: bool = True,
) -> tuple[list[dict], list[dict]]:
    """(traces, shapes) of the edges, coloured by sign, as wide and opaque as the fifth of
    |value| they fall in: one line trace per fifth and sign, or with ``as_shapes`` one layout
    line shape per edge (no traces). Then invisible midpoints that show each edge's value on
    hover (``text``; ``hovertext`` with ``as_shapes``); without ``hover_values`` only the
    edges' names, which stay the same from frame to frame."""
    finite = [np.nan_to_num(v, nan=0.0, posinf=0.0, neginf=0.0) for v in values]
    largest = max((float(np.abs(v).max()) for v in finite if v.size), default=0.0) or 1.0
    start, end, value, hover = _drawn_edges(positions, finite, edge_name, budget, hover_values)
    level = np.minimum(4, (np.abs(value) / largest * 5).astype(int))
    key = 2 * level + (value >= 0)  # bins in the order (level, sign)
    styles = [{"color": _rgba(POSITIVE if b % 2 else NEGATIVE, ALPHAS[b // 2]),
               "width": WIDTHS[b // 2]} for b in range(10)]
    traces, shapes = [], []
    if as_shapes:
        shapes = [{"type": "line", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "layer": "below",
                   "line": styles[b]} for (x0, y0), (x1, y1), b in
                  zip(start.tolist(), end.tolist(), key.tolist(), strict=True)]
    else:  # the bins that occur, in order of first occurrence, then by level (stable)
        first = np.unique(key, return_index=True)[1] if len(key) else np.array([], int)
        for b in sorted((int(key[i]) for i in np.sort(first)), key=lambda k: k // 2):
            chosen = key == b
            traces.append({"type": "scatter", "x": _segments(start[chosen, 0], end[chosen, 0]),
                           "y": _segments(start[chosen, 1], end[chosen, 1]), "mode": "lines",
                           "hoverinfo": "skip", "line": styles[b]})
    middle = (start + end) / 2
    label = "hovertext" if as_shapes else "text"
    traces.append({"type": "scatter", "x": middle[:, 0].tolist(), "y": middle[:, 1].tolist(),
                   "mode": "markers", label: hover,
                   "hovertemplate": f"%{{{label}}}<extra></extra>",
                   "marker": {"size": 8, "opacity": 0}})
    return traces, shapes


def _label_room(labels: Sequence[Sequence[str] | None] | None, column: int) -> int:
    """Pixels to keep free beside a column for its labels."""
    if not labels or not labels[column]:
        return 0
    return LABEL_ROOM * max(len(label) for label in labels[column])


def _sizes_and_values(
    network: Sequential | Sequence[int], weights: Sequence[np.ndarray] | None,
    edge_values: Sequence[np.ndarray] | None,
) -> tuple[list[int], list[np.ndarray]]:
    """Column sizes and what the edges show (``edge_values``, else the weights)."""
    if isinstance(network, Sequential):
        sizes, weights = model_weights(network)
    else:
        sizes = list(network)
        if weights is None:
            raise ValueError("give the weight matrices with the layer sizes")
    return sizes, list(edge_values) if edge_values is not None else list(weights)


def _column(items: Sequence[Sequence[str] | None] | None, c: int) -> Sequence[str] | None:
    return items[c] if items and c < len(items) else None


def _neuron_columns(
    positions: list[np.ndarray],
    node: float,
    unit: float,
    node_labels: Sequence[Sequence[str] | None] | None,
    node_colours: Sequence[Sequence[str] | None] | None,
    pictures: Sequence[Sequence[str] | None] | None,
    label_boxes: bool,
) -> tuple[list[dict], list[dict], list[dict]]:
    """(traces, layout images, label annotations) of the neurons: one markers trace per
    column (``node`` data units wide, ``unit`` data units per pixel), the pictures with one
    trace of frames around them, and the labels as boxes when ``label_boxes``."""
    traces, images, boxes = [], [], []
    frame_x: list[float | None] = []
    frame_y: list[float | None] = []
    for c, xy in enumerate(positions):
        labels, colours = _column(node_labels, c), _column(node_colours, c)
        uris = _column(pictures, c)
        size = max(6.0, node / unit)  # pixels
        if labels and label_boxes:
            boxes += [{"x": x, "y": y, "text": label, "showarrow": False,
                       "xanchor": "right" if c == 0 else "left",
                       "xshift": (-1 if c == 0 else 1) * (size / 2 + 3),
                       "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": FONT_SIZE - 1}}
                      for label, (x, y) in zip(labels, xy, strict=False)]
            labels = None
        traces.append({
            "type": "scatter", "x": xy[:, 0], "y": xy[:, 1], "hoverinfo": "skip",
            "mode": "markers+text" if labels else "markers",
            "text": list(labels) if labels else None,
            "textposition": "middle left" if c == 0 else "middle right",
            "textfont": {"size": FONT_SIZE}, "cliponaxis": False,
            "marker": {"size": size, "color": list(colours) if colours else NODE,
                       "opacity": 0 if uris else 1, "line": {"color": NODE_LINE, "width": 2}},
        })
        for uri, (x, y) in zip(uris or [], xy, strict=False):
            images.append({"source": uri, "xref": "x", "yref": "y", "x": x, "y": y,
                           "sizex": node, "sizey": node, "xanchor": "center",
                           "yanchor": "middle", "sizing": "stretch", "layer": "above"})
            h = 0.52 * node  # just outside the picture, which is drawn above the traces
            frame_x += [x - h, x + h, x + h, x - h, x - h, None]
            frame_y += [y - h, y - h, y + h, y + h, y - h, None]
    if frame_x:  # the pictures' frames, drawn over them (one trace)
        traces.append({"type": "scatter", "x": frame_x, "y": frame_y, "mode": "lines",
                       "hoverinfo": "skip", "line": {"color": NODE_LINE, "width": 2}})
    return traces, images, boxes


def network_spec(
    network: Sequential | Sequence[int],
    weights: Sequence[np.ndarray] | None = None,
    *,
    edge_values: Sequence[np.ndarray] | None = None,
    edge_name: str = "W",
    active_layer: int | None = None,
    node_labels: Sequence[Sequence[str] | None] | None = None,
    node_colours: Sequence[Sequence[str] | None] | None = None,
    pictures: Sequence[Sequence[str] | None] | None = None,
    column_titles: Sequence[str] | None = None,
    label_boxes: bool = False,
    max_edges: int = 1200,
    title: str = "",
    width: int = 640,
    height: int = 440,
    edge_shapes: bool = False,
    hover_values: bool = True,
) -> dict:
    """The network of ``network`` (a model, or column sizes with ``weights``).

    ``edge_values`` (same shapes as the weights) replace the weights as the edges' colour and
    thickness; ``edge_name`` names them on hover ("W", "dW"…). ``active_layer`` is a column
    index to highlight. Per column (None for none): ``node_labels`` (text by each neuron),
    ``node_colours`` (fills), ``pictures`` (PNG data URIs drawn in the neurons, see
    :mod:`nncore.viz.pictures`). ``column_titles`` go above the columns. ``label_boxes``
    draws the labels on a white box, readable over the edges of a middle column. Above
    ``max_edges`` edges only the strongest are drawn. A plain ``{"data", "layout"}`` dict;
    ``edge_shapes`` and ``hover_values``: see the module docstring.
    """
    sizes, values = _sizes_and_values(network, weights, edge_values)
    n_columns, tallest = len(sizes), max(sizes)
    top = (50 if title else 20) + (30 if column_titles else 0)
    margin = {"l": 20 + _label_room(node_labels, 0), "r": 20 + _label_room(node_labels, -1),
              "b": 10, "t": top}
    plot_w = width - margin["l"] - margin["r"]
    plot_h = height - top - margin["b"]
    # One data unit between neurons of a column; columns spread to fill the width. Both axes
    # have the same scale, so pictures stay square however wide the figure is drawn.
    y_half = (tallest - 1) / 2 + 0.6
    unit = 2 * y_half / plot_h  # data units per pixel
    gap = plot_w * unit / n_columns
    positions = node_positions(sizes, gap)
    node = min(0.8, 0.5 * gap, (60 if pictures else 36) * unit)  # a neuron's size, data units
    traces, edges = edge_traces(positions, values, edge_name, max_edges, edge_shapes,
                                hover_values)
    neurons, images, boxes = _neuron_columns(positions, node, unit, node_labels, node_colours,
                                             pictures, label_boxes)
    traces += neurons
    shapes = edges if active_layer is None else [*edges, {
        "type": "rect", "x0": (active_layer - 0.4) * gap, "x1": (active_layer + 0.4) * gap,
        "y0": -y_half + 0.1, "y1": y_half - 0.1, "fillcolor": ACTIVE, "opacity": 0.18,
        "line": {"width": 0}, "layer": "below"}]
    annotations = [{"x": c * gap, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                    "text": text, "showarrow": False, "font": {"size": FONT_SIZE}}
                   for c, text in enumerate(column_titles or [])] + boxes
    layout = _layout(title, width, height, margin,
                     (-gap / 2, (n_columns - 0.5) * gap), (-y_half, y_half))
    layout.update(images=images, shapes=shapes, annotations=annotations)
    return {"data": traces, "layout": layout}


def _layout(title: str, width: int, height: int, margin: dict,
            x_range: tuple[float, float], y_range: tuple[float, float]) -> dict:
    """No axes, equal scales, white, hover on the nearest edge midpoint."""
    axis = {"visible": False, "fixedrange": True, "constrain": "domain"}
    return {"title": {"text": title}, "width": width, "height": height, "margin": margin,
            "font": {"size": FONT_SIZE}, "showlegend": False, "plot_bgcolor": "white",
            "paper_bgcolor": "white", "hovermode": "closest",
            "xaxis": {**axis, "range": list(x_range)},
            "yaxis": {**axis, "range": list(y_range), "scaleanchor": "x", "scaleratio": 1}}


def network_figure(network: Sequential | Sequence[int], *args: object,
                   **kwargs: object) -> go.Figure:
    """:func:`network_spec` as a ``go.Figure`` (same arguments)."""
    return go.Figure(network_spec(network, *args, **kwargs))
