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


def edge_traces(
    positions: list[np.ndarray], values: Sequence[np.ndarray], edge_name: str, budget: int
) -> list[dict]:
    """Edges binned by sign and fifth of |value| (one line trace per bin), plus invisible
    midpoints that show each edge's value on hover."""
    finite = [np.nan_to_num(v, nan=0.0, posinf=0.0, neginf=0.0) for v in values]
    largest = max((float(np.abs(v).max()) for v in finite if v.size), default=0.0) or 1.0
    segments: dict[tuple[bool, int], list[float | None]] = {}
    ys: dict[tuple[bool, int], list[float | None]] = {}
    mid_x, mid_y, hover = [], [], []
    for layer, (v, mask) in enumerate(zip(finite, strongest_edges(finite, budget), strict=True)):
        for j, i in zip(*np.nonzero(mask), strict=True):
            value = float(v[j, i])
            (x0, y0), (x1, y1) = positions[layer][i], positions[layer + 1][j]
            level = min(4, int(abs(value) / largest * 5))
            key = (value >= 0, level)
            segments.setdefault(key, []).extend([x0, x1, None])
            ys.setdefault(key, []).extend([y0, y1, None])
            mid_x.append(x0 + 0.5 * (x1 - x0))
            mid_y.append(y0 + 0.5 * (y1 - y0))
            hover.append(f"{edge_name}{layer + 1}[{j + 1},{i + 1}] = {value:.4g}")
    traces = [
        {"type": "scatter", "x": segments[key], "y": ys[key], "mode": "lines",
         "hoverinfo": "skip", "line": {"color": _rgba(POSITIVE if key[0] else NEGATIVE,
                                                      ALPHAS[key[1]]), "width": WIDTHS[key[1]]}}
        for key in sorted(segments, key=lambda k: k[1])
    ]
    traces.append({"type": "scatter", "x": mid_x, "y": mid_y, "mode": "markers", "text": hover,
                   "hovertemplate": "%{text}<extra></extra>",
                   "marker": {"size": 8, "opacity": 0}})
    return traces


def _label_room(labels: Sequence[Sequence[str] | None] | None, column: int) -> int:
    """Pixels to keep free beside a column for its labels."""
    if not labels or not labels[column]:
        return 0
    return LABEL_ROOM * max(len(label) for label in labels[column])


def network_figure(
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
) -> go.Figure:
    """The network of ``network`` (a model, or column sizes with ``weights``).

    ``edge_values`` (same shapes as the weights) replace the weights as the edges' colour and
    thickness; ``edge_name`` names them on hover ("W", "dW"…). ``active_layer`` is a column
    index to highlight. Per column (None for none): ``node_labels`` (text by each neuron),
    ``node_colours`` (fills), ``pictures`` (PNG data URIs drawn in the neurons, see
    :mod:`nncore.viz.pictures`). ``column_titles`` go above the columns. ``label_boxes``
    draws the labels on a white box, readable over the edges of a middle column. Above
    ``max_edges`` edges only the strongest are drawn.
    """
    if isinstance(network, Sequential):
        sizes, weights = model_weights(network)
    else:
        sizes = list(network)
        if weights is None:
            raise ValueError("give the weight matrices with the layer sizes")
    values = list(edge_values) if edge_values is not None else list(weights)
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
    traces = edge_traces(positions, values, edge_name, max_edges)
    images, shapes, boxes = [], [], []
    frame_x: list[float | None] = []
    frame_y: list[float | None] = []
    for c, xy in enumerate(positions):
        labels = node_labels[c] if node_labels and c < len(node_labels) else None
        colours = node_colours[c] if node_colours and c < len(node_colours) else None
        uris = pictures[c] if pictures and c < len(pictures) else None
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
    if active_layer is not None:
        shapes.append({"type": "rect", "x0": (active_layer - 0.4) * gap,
                       "x1": (active_layer + 0.4) * gap, "y0": -y_half + 0.1,
                       "y1": y_half - 0.1, "fillcolor": ACTIVE, "opacity": 0.18,
                       "line": {"width": 0}, "layer": "below"})
    axis = {"visible": False, "fixedrange": True, "constrain": "domain"}
    annotations = [{"x": c * gap, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                    "text": text, "showarrow": False, "font": {"size": FONT_SIZE}}
                   for c, text in enumerate(column_titles or [])] + boxes
    layout = {
        "title": {"text": title}, "width": width, "height": height, "images": images,
        "shapes": shapes, "annotations": annotations, "margin": margin,
        "font": {"size": FONT_SIZE}, "showlegend": False, "plot_bgcolor": "white",
        "paper_bgcolor": "white", "hovermode": "closest",
        "xaxis": {**axis, "range": [-gap / 2, (n_columns - 0.5) * gap]},
        "yaxis": {**axis, "range": [-y_half, y_half], "scaleanchor": "x", "scaleratio": 1},
    }
    return go.Figure({"data": traces, "layout": layout})
