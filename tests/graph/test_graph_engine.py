"""The graph engine: branches, repeated backward, deterministic ids and layout, the trace and its
text, the networkx export, seeds and the builder API."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from nncore.graph import (
    Graph,
    clause,
    edge_fields,
    examples,
    forward_fields,
    layered_layout,
    parse_expression,
    to_networkx,
)

BUILDERS = {
    "simple": examples.simple, "max_gate": examples.max_gate,
    "sigmoid_expanded": lambda: examples.sigmoid_gate(fused=False),
    "sigmoid_fused": lambda: examples.sigmoid_gate(fused=True),
    "vectorized": examples.vectorized, "unrolled": examples.vectorized_unrolled,
    "expression": lambda: parse_expression("x * x + x * y", dict(x=3.0, y=2.0)),
}


# The templates a page fills with the engine's fields (the app's are ``explain.*`` in the
# i18n tables); the fields' names are the placeholders.
TEMPLATES = {
    "forward": "{label} = {formula} = {numbers} = {value}",
    "product": "∂{output}/∂{input} = {rule} · {upstream_sym} = {local} · {upstream} = {result}",
    "product_plugged": "∂{output}/∂{input} = {rule} · {upstream_sym} = {rule_numbers} · "
                       "{upstream} = {local} · {upstream} = {result}",
    "vjp": "∂{output}/∂{input} = {rule} = {rule_numbers} = {result} (g = {upstream_sym})",
}


def built(kind: str) -> Graph:
    g = BUILDERS[kind]()
    g.run()
    return g


def x_times_x_plus_x() -> Graph:
    g = Graph()
    x = g.input("x", 3.0)
    g.add(g.mul(x, x), x)
    return g


@pytest.mark.parametrize("build", [lambda: parse_expression("x * x + x", dict(x=3.0)),
                                   x_times_x_plus_x])
def test_gradients_add_at_branches(build) -> None:
    g = build()
    g.run()
    assert g["x"].grad == 2 * 3.0 + 1  # d(x² + x)/dx
    x = g["x"]
    assert len([e for e in to_networkx(g).out_edges(x.id, keys=True)]) == 3  # one node, 3 edges
    leaf = g.trace[-1]
    assert leaf.node_id == x.id and len(leaf.incoming) == 3
    assert sum(e.contribution for e in leaf.incoming) == leaf.upstream == 7
    assert len({e.target_id for e in leaf.incoming}) == 2  # two gates, one of them twice


def test_the_same_node_feeds_both_operands_of_mul() -> None:
    g = Graph()
    x = g.input("x", -1.5)
    f = x * x
    g.run()
    assert x.grad == -3.0
    assert [i.id for i in f.inputs] == [x.id, x.id]
    edges = to_networkx(g).get_edge_data(x.id, f.id)
    assert sorted(edges) == [0, 1] and all(e["grad"] == -1.5 for e in edges.values())


@pytest.mark.parametrize("kind", BUILDERS)
def test_backward_twice_gives_the_same_answer(kind: str) -> None:
    g = built(kind)
    first = {n.id: np.copy(n.grad) for n in g.nodes}
    trace = g.trace
    g.backward()
    g.backward()
    for node in g.nodes:
        np.testing.assert_array_equal(node.grad, first[node.id])
    assert len(g.trace) == len(trace) == 2 * len(g.nodes)


@pytest.mark.parametrize("kind", BUILDERS)
def test_ids_labels_order_and_layout_are_deterministic(kind: str) -> None:
    one, two = built(kind), built(kind)
    assert [(n.id, n.label, n.op) for n in one.nodes] == [(n.id, n.label, n.op) for n in two.nodes]
    assert [n.id for n in one.nodes] == [f"n{k}" for k in range(len(one))]
    assert layered_layout(one) == layered_layout(two)
    assert [(s.phase, s.node_id) for s in one.trace] == [(s.phase, s.node_id) for s in two.trace]


def test_layout_puts_inputs_left_and_a_late_input_next_to_its_gate() -> None:
    g = examples.simple()
    pos = {g[n.id].label: xy for n, xy in zip(g.nodes, layered_layout(g).values(), strict=True)}
    assert pos["x"][0] == pos["y"][0] < pos["q"][0] == pos["z"][0] < pos["f"][0]
    assert pos["x"][1] > pos["y"][1]  # creation order top to bottom
    assert layered_layout(to_networkx(g)) == layered_layout(g)
    assert layered_layout(parse_expression("x", dict(x=1.0))) == {"n0": (0.0, -0.0)}


def test_the_trace_has_one_step_per_node_per_pass_in_order() -> None:
    g = examples.simple()
    trace = g.run()
    labels = [s.label for s in trace]
    assert labels == ["x", "y", "q", "z", "f", "f", "z", "q", "y", "x"]
    assert [s.phase for s in trace] == ["forward"] * 5 + ["backward"] * 5
    assert [s.index for s in trace] == list(range(10))
    forward_q = trace[2]
    assert (forward_q.op, forward_q.formula.text, forward_q.formula.numbers()) == \
        ("add", "x + y", "-2 + 5")
    assert forward_fields(forward_q) == {"label": "q", "formula": "x + y", "numbers": "-2 + 5",
                                         "value": "3"}
    assert forward_fields(trace[0]) == {"label": "x", "formula": "", "numbers": "", "value": "-2"}


def test_the_mul_step_of_the_simple_example() -> None:
    g = examples.simple()
    step = g.run()[5]
    assert (step.phase, step.op, step.label, step.upstream, step.upstream_symbol) == \
        ("backward", "mul", "f", 1.0, "∂f/∂f")
    q_edge, z_edge = step.edges
    assert (q_edge.source_label, q_edge.rule.text, q_edge.local, q_edge.contribution) == \
        ("q", "z", -4.0, -4.0)
    assert (z_edge.source_label, z_edge.rule.text, z_edge.local, z_edge.contribution) == \
        ("z", "q", 3.0, 3.0)
    assert q_edge.rule.bindings[0].symbol == "z" and q_edge.rule.bindings[0].value == -4.0
    assert [clause(step, edge, 3, TEMPLATES) for edge in step.edges] == [
        "∂f/∂q = z · ∂f/∂f = -4 · 1 = -4", "∂f/∂z = q · ∂f/∂f = 3 · 1 = 3"]


def test_explanations_plug_numbers_and_round() -> None:
    g = examples.max_gate()
    trace = g.run()
    mul = next(s for s in trace if s.phase == "backward" and s.label == "p")
    assert [clause(mul, edge, 3, TEMPLATES) for edge in mul.edges] == [
        "∂f/∂x = y · ∂f/∂p = -4 · 2 = -8", "∂f/∂y = x · ∂f/∂p = 3 · 2 = 6"]
    sig = examples.sigmoid_gate(fused=False)
    reciprocal = sig.run()[len(sig.nodes)]
    assert clause(reciprocal, reciprocal.edges[0], 2, TEMPLATES) == (
        "∂f/∂k = (-1/k²) · ∂f/∂f = (-1/1.37²) · 1 = -0.53 · 1 = -0.53")


def test_fields_serve_other_languages() -> None:
    g = examples.simple()
    step = g.run()[5]
    vietnamese = "∂{output}/∂{input} = {rule} · {upstream_sym} = {local} · {upstream} = " \
                 "{result} (gradient cục bộ × gradient thượng nguồn)"
    assert vietnamese.format(**edge_fields(step, step.edges[0])) == \
        "∂f/∂q = z · ∂f/∂f = -4 · 1 = -4 (gradient cục bộ × gradient thượng nguồn)"
    assert forward_fields(g.trace[2])["numbers"] == "-2 + 5"
    vector = examples.vectorized()
    matmul = vector.run()[-3]
    fields = edge_fields(matmul, matmul.edges[1])
    assert (fields["rule"], matmul.edges[1].form, fields["result"]) == \
        ("Wᵀ·g", "vjp", "[-0.112, 0.636]")
    assert clause(matmul, matmul.edges[1], 3, TEMPLATES).endswith("(g = ∂f/∂q)")


def test_to_networkx_carries_values_and_gradients() -> None:
    g = examples.simple()
    g.run()
    nxg = to_networkx(g)
    assert list(nxg.nodes) == ["n0", "n1", "n2", "n3", "n4"] and nxg.graph["output"] == "n4"
    assert nxg.nodes["n2"] == {"op": "add", "label": "q", "value": 3.0, "grad": -4.0, "order": 2}
    assert nxg.edges["n2", "n4", 0] == {"operand": 0, "value": 3.0, "grad": -4.0}
    assert nxg.edges["n3", "n4", 1] == {"operand": 1, "value": -4.0, "grad": 3.0}
    arrays = examples.vectorized()
    arrays.run()
    np.testing.assert_allclose(to_networkx(arrays).edges["n0", "n2", 0]["grad"],
                               [[0.088, 0.176], [0.104, 0.208]])


def test_a_non_scalar_output_needs_a_seed() -> None:
    g = parse_expression("W @ x", dict(W=np.eye(2) * 2, x=np.ones(2)))
    with pytest.raises(ValueError, match="scalar output or an explicit seed"):
        g.backward()
    grads = g.backward(seed=[1.0, 0.5])
    np.testing.assert_array_equal(grads["x"], [2.0, 1.0])
    with pytest.raises(ValueError, match="shape"):
        g.backward(seed=[1.0, 2.0, 3.0])


def test_builder_operators_and_constants() -> None:
    g = Graph()
    x, y = g.input("x", 2.0), g.input("y", 3.0)
    f = (1 - x) / y + 2 * x ** 3 - 1 / y + x / 4 + (-x) + 1
    g.output = f
    g.run()
    ops = [n.op for n in g.nodes]
    assert {"mul_const", "pow", "reciprocal", "add_const", "sub", "div", "neg"} <= set(ops)
    assert ops.count("const") == 2  # the 1 in 1 − x and the 4 in x / 4
    expected = (1 - 2) / 3 + 16 - 1 / 3 + 0.5 - 2 + 1
    assert abs(f.value - expected) < 1e-12
    assert abs(x.grad - (-1 / 3 + 24 + 0.25 - 1)) < 1e-12
    assert abs(y.grad - (1 / 9 + 1 / 9)) < 1e-12


def test_numpy_arrays_on_the_left_defer_to_nodes() -> None:
    g = Graph()
    x = g.input("x", [1.0, 2.0])
    f = g.sum(np.array([[1.0, 2.0], [3.0, 4.0]]) @ x)
    g.run()
    assert f.value == 4 + 2 * 6 and list(x.grad) == [4.0, 6.0]


def test_labels_are_unique_and_inputs_can_change() -> None:
    g = Graph()
    x = g.input("x", 1.0)
    with pytest.raises(ValueError, match="already used"):
        g.input("x", 2.0)
    q = g.exp(x)
    assert q.label == "q1" and g["q1"] is q and g["n1"] is q
    g.set_value("x", 0.0)
    assert g.forward() == 1.0
    with pytest.raises(KeyError):
        g.set_value("q1", 2.0)
    with pytest.raises(ValueError, match="finite"):
        g.set_value("x", float("nan"))


def test_gates_refuse_wrong_use() -> None:
    g = Graph()
    x = g.input("x", 1.0)
    with pytest.raises(ValueError, match="unknown gate"):
        g.apply("softmax", x)
    with pytest.raises(ValueError, match="takes 2"):
        g.apply("add", x)
    with pytest.raises(ValueError, match="number constant"):
        g.pow(x, x)
    with pytest.raises(ValueError, match="not a node of this graph"):
        g.add(x, Graph().input("y", 1.0))


@pytest.mark.parametrize("kind", BUILDERS)
@pytest.mark.parametrize("decimals", [0, 2, 6])
def test_every_step_renders(kind: str, decimals: int) -> None:
    g = built(kind)
    lines = [TEMPLATES["forward"].format(**forward_fields(step, decimals)) for step in g.trace]
    lines += [clause(step, edge, decimals, TEMPLATES) for step in g.trace for edge in step.edges]
    assert all(lines) and all("{" not in line for line in lines)


def test_graphs_and_traces_pickle_for_caching() -> None:
    g = examples.sigmoid_gate()
    trace = g.run()
    copy = pickle.loads(pickle.dumps(g))
    assert copy.run()[-1].upstream == trace[-1].upstream
    assert [s.label for s in pickle.loads(pickle.dumps(trace))] == [s.label for s in trace]
