"""Where everything of a graph figure goes, fixed for the whole trace so nothing jumps while
stepping: node positions, edge segments, the axes, the height, and a spot on each edge for its
two labels (value above, gradient below) chosen so that labels do not cover each other.

Built once per graph and trace by :func:`graph_geometry`, from ``to_networkx`` and
``layered_layout``; :mod:`nncore.viz.graph_figure` draws a position of the trace with it.
Label spots are chosen with the labels of the *end* of the trace (the longest texts), in pixels
estimated from the figure's height and a width hint (the width is the page's, unknown here).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from nncore.graph import Graph, layered_layout, to_networkx
from nncore.graph.gate import format_constant
from nncore.viz import style

SYMBOLS = {
    "add": "+", "sub": "−", "mul": "×", "div": "÷", "max": "max", "min": "min", "neg": "−",
    "exp": "exp", "log": "log", "reciprocal": "1/x", "relu": "relu", "sigmoid": "σ",
    "tanh": "tanh", "square": "x²", "matmul": "@", "dot": "dot", "sum": "Σ",
}
NODE_SIZE = 50  # px, enough for "max" or "1/x"
LABEL_SIZE = style.FONT_SIZE + 2  # the numbers on the edges, readable on a projector
PARALLEL_GAP = 0.08  # how far apart the two edges of x·x are drawn (layout units)
STUB = 0.9  # the output's stub, as a fraction of the gap between columns
ROW_HEIGHT = 110  # px per node in the fullest column
NUDGE = 4  # px between an edge and its labels
GUTTER = 6  # px kept free left and right of a label
SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where along an edge labels may go, best first
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px, y up


@dataclass(frozen=True)
class Segment:
    """One edge (or the output's stub ``"<id>>out"``): its ends, where its labels go along it
    (``spot``, 0 = source, 1 = target) and on which sides (plotly text positions)."""

    edge_id: str
    source: str
    start: Point
    end: Point
    spot: float
    sides: tuple[str, str]

    @property
    def anchor(self) -> Point:
        return (self.start[0] + self.spot * (self.end[0] - self.start[0]),
                self.start[1] + self.spot * (self.end[1] - self.start[1]))


@dataclass(frozen=True)
class GraphGeometry:
    """Positions (layout units), segments, axis ranges, height (px), the labels' nudge off
    their edge (layout units) and about how many px a layout unit is (x, y)."""

    pos: dict[str, Point]
    segments: tuple[Segment, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    height: int
    nudge: float
    scale: Point = (1.0, 1.0)


def node_symbol(graph: Graph, node_id: str) -> str:
    """What the node's circle shows: the gate symbol (``+``, ``×2``, ``^3``) or the leaf's name."""
    node = graph[node_id]
    if node.gate is None:
        return node.label
    const = node.gate.const
    if const is not None:
        text = format_constant(const)
        wrapped = f"({text})" if const < 0 else text
        added = f"−{format_constant(-const)}" if const < 0 else f"+{text}"
        return {"add_const": added, "mul_const": f"×{wrapped}",
                "pow": f"^{wrapped}"}.get(node.op, node.op)
    return SYMBOLS.get(node.op, node.op)


def node_size(symbol: str) -> int:
    """The circle's diameter in px: wider symbols get bigger circles."""
    return NODE_SIZE + 11 * max(0, len(symbol) - 3)


def label_sides(start: Point, end: Point) -> tuple[str, str]:
    """Where the value and the gradient labels of an edge go: above and below it, shifted to the
    side the edge leaves free (right of a falling edge for the value, left for the gradient; the
    other way round for a rising edge) so that no label sits on the line."""
    rise = end[1] - start[1]
    if abs(rise) < 0.05 * max(abs(end[0] - start[0]), 1e-9):
        return "top center", "bottom center"
    return ("top right", "bottom left") if rise < 0 else ("top left", "bottom right")


def untangled(g: Any, pos: dict[str, Point]) -> dict[str, Point]:
    """``pos`` with each column reordered, right to left, by the mean height of the nodes'
    consumers (the barycentre heuristic), so that fewer edges cross: in (x + y)·max(x, z), x
    moves between y and z. Ties keep the layout's order, so the lecture's graphs are unchanged."""
    columns: dict[float, list[str]] = {}
    for node, (x, _) in pos.items():
        columns.setdefault(round(x, 9), []).append(node)
    out = dict(pos)
    for x in sorted(columns, reverse=True):
        nodes = columns[x]
        slots = sorted((out[n][1] for n in nodes), reverse=True)

        def height(node: str) -> float:
            heights = [out[s][1] for s in g.successors(node)]
            return sum(heights) / len(heights) if heights else out[node][1]

        ranked = sorted(nodes, key=lambda n: (-height(n), -out[n][1]))
        out.update({n: (out[n][0], y) for n, y in zip(ranked, slots, strict=True)})
    return out


def graph_geometry(graph: Graph, labels: dict[str, tuple[str, str]], *,
                   height: int | None = None, width_hint: int = 1000) -> GraphGeometry:
    """The geometry of ``graph``; ``labels`` maps edge ids to the (value, gradient) texts the
    edge will carry at the end of the trace (they size the figure and place the labels)."""
    g = to_networkx(graph)
    pos = untangled(g, layered_layout(g))
    columns = sorted({round(x, 9) for x, _ in pos.values()})
    gap = min((b - a for a, b in pairwise(columns)), default=1.0)
    ends = _ends(graph, g, pos, gap)
    rows = max(Counter(round(x, 9) for x, _ in pos.values()).values())
    lines = max((1 + text.count("<br>") for pair in labels.values() for text in pair), default=1)
    height = height or round(max(300, 60 + rows * ROW_HEIGHT * (1 + 0.6 * (lines - 1))))
    ys = [y for _, y in pos.values()]
    span = max(ys) - min(ys)
    pad = 0.6 * span / (rows - 1) if rows > 1 and span else 0.5
    x_range = (min(columns) - 0.45 * gap, ends[-1][2][0] + 0.1 * gap)
    y_range = (min(ys) - pad, max(ys) + pad)
    scale = (width_hint / (x_range[1] - x_range[0]), (height - 20) / (y_range[1] - y_range[0]))
    obstacles = [_node_box(pos[n], scale, node_size(node_symbol(graph, n)),
                           g.nodes[n]["op"] not in ("input", "const")) for n in g.nodes]
    segments = []
    for edge_id, start, end in ends:
        sides = label_sides(start, end)
        spot = _free_spot(start, end, sides, labels.get(edge_id, ("", "")), scale, obstacles)
        segments.append(Segment(edge_id, edge_id.split(">")[0], start, end, spot, sides))
    return GraphGeometry(pos, tuple(segments), x_range, y_range, height, NUDGE / scale[1],
                         scale)


def _ends(graph: Graph, g: Any, pos: dict[str, Point], gap: float
          ) -> list[tuple[str, Point, Point]]:
    """(edge id, start, end) of every edge, parallel edges (x·x) drawn apart, and last the
    output's stub."""
    parallel = Counter((u, v) for u, v in g.edges())
    seen: Counter[tuple[str, str]] = Counter()
    ends = []
    for u, v, k in g.edges(keys=True):
        shift = (seen[(u, v)] - (parallel[(u, v)] - 1) / 2) * PARALLEL_GAP
        seen[(u, v)] += 1
        ends.append((f"{u}>{v}:{k}", (pos[u][0], pos[u][1] + shift),
                     (pos[v][0], pos[v][1] + shift)))
    out_x, out_y = pos[graph.output.id]
    ends.append((f"{graph.output.id}>out", (out_x, out_y), (out_x + STUB * gap, out_y)))
    return ends


def _node_box(point: Point, scale: Point, size: int, labelled: bool) -> Box:
    """The circle in px, with room for the gate's label above it."""
    x, y = point[0] * scale[0], point[1] * scale[1]
    r = size / 2
    return (x - r, y - r, x + r, y + r + (1.3 * style.FONT_SIZE if labelled else 0))


def _text_box(anchor: Point, side: str, text: str) -> Box | None:
    """The box of ``text`` drawn at ``anchor`` (px) with plotly's text position ``side``."""
    if not text:
        return None
    rows = text.split("<br>")
    width, tall = 0.58 * LABEL_SIZE * max(map(len, rows)), 1.25 * LABEL_SIZE * len(rows)
    vertical, horizontal = side.split()
    x0 = {"center": anchor[0] - width / 2, "right": anchor[0] + 2,
          "left": anchor[0] - 2 - width}[horizontal]
    y0 = anchor[1] + NUDGE if vertical == "top" else anchor[1] - NUDGE - tall
    return (x0 - GUTTER, y0, x0 + width + GUTTER, y0 + tall)  # labels side by side stay apart


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _free_spot(start: Point, end: Point, sides: tuple[str, str], texts: tuple[str, str],
               scale: Point, taken: list[Box]) -> float:
    """The first of :data:`SPOTS` where the edge's two labels cover least of what is already
    placed (nodes, other labels); the chosen boxes join ``taken``."""
    best: tuple[float, float, list[Box]] | None = None
    for spot in SPOTS:
        anchor = ((start[0] + spot * (end[0] - start[0])) * scale[0],
                  (start[1] + spot * (end[1] - start[1])) * scale[1])
        boxes = [box for side, text in zip(sides, texts, strict=True)
                 if (box := _text_box(anchor, side, text)) is not None]
        covered = sum(_overlap(box, other) for box in boxes for other in taken)
        if best is None or covered < best[0]:
            best = (covered, spot, boxes)
        if covered == 0:
            break
    assert best is not None
    taken.extend(best[2])
    return best[1]
