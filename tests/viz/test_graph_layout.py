"""The graph geometry: columns untangled, label spots that keep labels apart."""

import pytest

from nncore.graph import Graph, examples, layered_layout, parse_expression, to_networkx
from nncore.viz.graph_figure import graph_figure
from nncore.viz.graph_layout import GUTTER, _text_box, graph_geometry, untangled


def boxes(graph, figure) -> list[tuple]:
    """The labels' boxes (px, as the placement estimates them) at the end of the trace."""
    texts = {}
    for trace in figure.data:
        if trace.name in ("values", "gradients"):
            for edge_id, text in zip(trace.customdata, trace.text, strict=True):
                texts.setdefault(edge_id, []).append(text)
    geometry = graph_geometry(graph, {e: tuple(t) for e, t in texts.items()})
    scale = (1000 / (geometry.x_range[1] - geometry.x_range[0]),
             (geometry.height - 20) / (geometry.y_range[1] - geometry.y_range[0]))
    found = []
    for segment in geometry.segments:
        anchor = (segment.anchor[0] * scale[0], segment.anchor[1] * scale[1])
        for side, text in zip(segment.sides, texts[segment.edge_id], strict=True):
            if (box := _text_box(anchor, side, text)) is not None:
                found.append((box[0] + GUTTER, box[1], box[2] - GUTTER, box[3]))  # the text
    return found


def overlapping(found: list[tuple], tolerance: float = 2.0) -> int:
    """Pairs of boxes that share more than ``tolerance`` px both ways."""
    return sum(1 for i, a in enumerate(found) for b in found[i + 1:]
               if min(a[2], b[2]) - max(a[0], b[0]) > tolerance
               and min(a[3], b[3]) - max(a[1], b[1]) > tolerance)


def test_the_lectures_graphs_keep_their_layout() -> None:
    for graph in (examples.simple(), examples.max_gate(), examples.sigmoid_gate()):
        g = to_networkx(graph)
        pos = layered_layout(g)
        assert untangled(g, pos) == pos


def test_a_value_used_twice_sits_between_its_consumers() -> None:
    graph = parse_expression("(x + y) * max(x, z)", dict(x=-2.0, y=5.0, z=-4.0))
    pos = untangled(to_networkx(graph), layered_layout(graph))
    heights = {graph[n].label: y for n, (_, y) in pos.items() if graph[n].op == "input"}
    assert heights["y"] > heights["x"] > heights["z"]


@pytest.mark.parametrize("graph", [
    examples.simple(), examples.max_gate(), examples.sigmoid_gate(), examples.vectorized(),
    examples.vectorized_unrolled(),
    parse_expression("(x + y) * max(x, z)", dict(x=-2.0, y=5.0, z=-4.0)),
], ids=["simple", "max_gate", "sigmoid", "vectorized", "unrolled", "branch"])
def test_labels_do_not_cover_each_other(graph: Graph) -> None:
    trace = graph.run()
    assert overlapping(boxes(graph, graph_figure(graph, trace, len(trace)))) == 0


def test_matrix_labels_make_the_figure_taller() -> None:
    graph = examples.vectorized()
    short = graph_geometry(graph, {"n0>n2:0": ("1", "2")})
    tall = graph_geometry(graph, {"n0>n2:0": ("[1, 2]<br>[3, 4]", "")})
    assert tall.height > short.height
