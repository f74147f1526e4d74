"""The graph figure: what each step reveals, where labels go, the active node, determinism."""

from __future__ import annotations

import json

import numpy as np
import pytest

from nncore.graph import Graph, examples, parse_expression
from nncore.viz import style
from nncore.viz.graph_figure import column_count, graph_figure, revealed
from nncore.viz.graph_layout import label_sides, node_symbol


def traces(figure) -> dict:
    return {trace.name: trace for trace in figure.data}


@pytest.fixture
def simple() -> tuple[Graph, tuple]:
    graph = examples.simple()
    return graph, graph.run()


def edge_text(figure, name: str) -> dict[str, str]:
    trace = traces(figure)[name]
    return dict(zip(trace.customdata, trace.text, strict=True))


def test_nothing_is_shown_before_the_first_step(simple) -> None:
    figure = graph_figure(*simple, 0)
    assert set(traces(figure)["values"].text) == {""}
    assert set(traces(figure)["gradients"].text) == {""}
    assert style.ACTIVE not in traces(figure)["nodes"].marker.color


def test_forward_values_appear_in_order_on_the_out_edges(simple) -> None:
    graph, trace = simple
    after_q = edge_text(graph_figure(graph, trace, 3), "values")
    assert after_q == {"n0>n2:0": "-2", "n1>n2:1": "5", "n2>n4:0": "3", "n3>n4:1": "",
                       "n4>out": ""}
    assert set(edge_text(graph_figure(graph, trace, 3), "gradients").values()) == {""}
    assert edge_text(graph_figure(graph, trace, 5), "values")["n4>out"] == "-12"


def test_gradients_flow_back_edge_by_edge(simple) -> None:
    graph, trace = simple
    seeded = edge_text(graph_figure(graph, trace, 6), "gradients")  # backward step of f
    assert seeded == {"n0>n2:0": "", "n1>n2:1": "", "n2>n4:0": "-4", "n3>n4:1": "3",
                      "n4>out": "1"}
    done = edge_text(graph_figure(graph, trace, len(trace)), "gradients")
    assert done == {"n0>n2:0": "-4", "n1>n2:1": "-4", "n2>n4:0": "-4", "n3>n4:1": "3",
                    "n4>out": "1"}


def test_active_node_is_highlighted(simple) -> None:
    graph, trace = simple
    for position in range(1, len(trace) + 1):
        nodes = traces(graph_figure(graph, trace, position)).get("nodes")
        colours = dict(zip(nodes.customdata, nodes.marker.color, strict=True))
        active = trace[position - 1].node_id
        assert colours[active] == style.ACTIVE
        assert [n for n, c in colours.items() if c == style.ACTIVE] == [active]
    plain = traces(graph_figure(graph, trace, 3, highlight=False))["nodes"].marker.color
    assert style.ACTIVE not in plain


def test_values_above_gradients_below(simple) -> None:
    figure = graph_figure(*simple, len(simple[1]))
    values, grads = traces(figure)["values"], traces(figure)["gradients"]
    assert all(p.startswith("top") for p in values.textposition)
    assert all(p.startswith("bottom") for p in grads.textposition)
    assert all(v > g for v, g in zip(values.y, grads.y, strict=True))
    assert values.textfont.color == style.FORWARD and grads.textfont.color == style.GRADIENT


def test_labels_leave_the_line_free() -> None:
    assert label_sides((0, 0), (1, 0)) == ("top center", "bottom center")
    assert label_sides((0, 1), (1, 0)) == ("top right", "bottom left")  # falling edge
    assert label_sides((0, 0), (1, 1)) == ("top left", "bottom right")  # rising edge


def test_edges_are_one_scatter_of_segments_and_arrowheads_annotations(simple) -> None:
    figure = graph_figure(*simple, 0)
    edges = traces(figure)["edges"]
    assert list(edges.x).count(None) == 5  # four edges and the output's stub
    assert len(figure.layout.annotations) == 5
    assert all(a.showarrow for a in figure.layout.annotations)


def test_node_labels_symbols_and_full_precision_hover() -> None:
    graph = examples.sigmoid_gate()
    trace = graph.run()
    figure = graph_figure(graph, trace, len(trace))
    nodes, symbols = traces(figure)["nodes"], traces(figure)["symbols"]
    by_id = dict(zip(nodes.customdata, symbols.text, strict=True))
    assert [by_id[graph[label].id] for label in ("w0", "a", "g", "h", "k", "f")] == [
        "w0", "×", "×(-1)", "exp", "+1", "1/x"]
    assert "a" in nodes.text and "f" in nodes.text and "w0" not in nodes.text
    hover = dict(zip(nodes.customdata, nodes.hovertext, strict=True))[graph["f"].id]
    assert "0.7310585786" in hover
    assert edge_text(figure, "values")[f"{graph['f'].id}>out"] == "0.73"


def test_array_values_are_labelled_as_rows() -> None:
    graph = examples.vectorized()
    trace = graph.run()
    labels = edge_text(graph_figure(graph, trace, len(trace)), "gradients")
    assert labels["n0>n2:0"] == "[0.09, 0.18]<br>[0.10, 0.21]"  # ∇W = 2q·xᵀ
    assert labels["n1>n2:1"] == "[-0.11, 0.64]"  # ∇x = 2Wᵀq
    assert node_symbol(graph, graph["q"].id) == "@"


def test_the_same_node_on_both_operands_gets_two_edges_apart() -> None:
    graph = parse_expression("x * x", dict(x=3.0))
    figure = graph_figure(graph, graph.run(), 4)
    edges = [k for k in edge_text(figure, "gradients") if k != "n1>out"]
    assert edges == ["n0>n1:0", "n0>n1:1"]
    assert set(edge_text(figure, "gradients").values()) == {"3", "1"}
    ys = traces(figure)["values"].y
    assert ys[0] != ys[1]


def test_decimals_and_full_precision() -> None:
    graph = examples.vectorized()
    trace = graph.run()
    figure = graph_figure(graph, trace, len(trace), decimals=3)
    assert edge_text(figure, "values")["n4>out"] == "0.116"
    hover = dict(zip(traces(figure)["values"].customdata, traces(figure)["values"].hovertext,
                     strict=True))
    assert hover["n4>out"].startswith("f = 0.116")


def test_nothing_moves_while_stepping() -> None:
    graph = examples.vectorized_unrolled()
    trace = graph.run()
    frames = [graph_figure(graph, trace, k) for k in (0, 7, len(trace))]
    for name in ("values", "gradients", "nodes"):
        assert len({(traces(f)[name].x, traces(f)[name].y) for f in frames}) == 1
    assert len({f.layout.height for f in frames}) == 1


def test_figure_is_deterministic(simple) -> None:
    graph, trace = simple
    first = graph_figure(graph, trace, 7).to_json()
    again = examples.simple()
    assert json.loads(graph_figure(again, again.run(), 7).to_json()) == json.loads(first)


def test_revealed_clamps_the_position(simple) -> None:
    _, trace = simple
    assert revealed(trace, -3).active is None
    end = revealed(trace, 999)
    assert end.active == trace[-1].node_id
    assert np.isclose(end.grads["n0"], -4.0)


def test_column_count() -> None:
    assert column_count(examples.simple()) == 3
    assert column_count(examples.sigmoid_gate()) == 8
