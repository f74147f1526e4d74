"""The figures and formulas of a traced training step: symbols, LaTeX with the record's numbers,
and the network diagram at each position (edges, highlight, boxed labels)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nncore.mlp_step import PRESETS, run
from nncore.viz.network import network_figure
from nncore.viz.step_network import step_edges, step_network_figure
from nncore.viz.step_notation import bmatrix, chain, columns, formula_lines, sup, symbol

TRACE = run(PRESETS["3442"])
BATCH = run(replace(PRESETS["3442"], batch=3, optimizer="momentum"))


def test_symbols_follow_the_course() -> None:
    assert sup(12) == "⁽¹²⁾"
    assert symbol("a_prev", 1) == "a⁽⁰⁾ = x" and symbol("a_prev", 1, batch=True) == "A⁽⁰⁾ = X"
    assert symbol("delta", 2) == "δ⁽²⁾" and symbol("delta", 2, batch=True) == "Δ⁽²⁾"
    assert symbol("dW", 3) == "∂C/∂W⁽³⁾"
    assert symbol("W_new", 1, new="mới") == "W⁽¹⁾ mới"


def test_bmatrix_writes_the_numbers() -> None:
    assert bmatrix(np.array([[1.0, -0.004], [0.5, 2.0]])) == (
        r"\begin{bmatrix}1.00 & 0.00 \\ 0.50 & 2.00\end{bmatrix}")
    assert bmatrix(np.array([1.0, 2.0]), 1) == r"\begin{bmatrix}1.0 \\ 2.0\end{bmatrix}"
    assert bmatrix(np.zeros((7, 7))) == r"[\cdots]_{7\times 7}"


def test_formulas_carry_the_records_numbers() -> None:
    forward = TRACE[0]
    general, plugged = formula_lines(forward, activation="sigmoid")
    assert r"z^{(1)} = W^{(1)}\, a^{(0)} + b^{(1)}" in general[0] and r"\sigma" in general[0]
    assert bmatrix(forward.matrices["z"]) in plugged[0]
    assert bmatrix(forward.matrices["a"]) in plugged[1]
    backward = TRACE[5]  # layer 2
    general, plugged = formula_lines(backward, activation="sigmoid")
    assert r"W^{(3)}{}^\top \delta^{(3)}" in general[0]
    assert bmatrix(backward.matrices["dW"]) in plugged[1]
    general, plugged = formula_lines(BATCH[4], activation="identity", batch=True)
    assert r"\Delta^{(3)}{}^\top A^{(2)}" in general[1] and r"\frac{1}{N}\sum_n" in general[1]
    general, plugged = formula_lines(BATCH[7], batch=True)
    assert r"\rho\, v" in general[0] and "0.9 " in plugged[0]
    general, plugged = formula_lines(TRACE[3])
    assert "C = 41.27" in plugged[1] and r"\ell = \lVert a^{(3)} - t" in general[0]


def test_the_diagram_follows_the_step() -> None:
    edges, name = step_edges(TRACE, 0)
    assert name == "W" and all(np.array_equal(e, w) for e, w in zip(edges, TRACE.weights,
                                                                    strict=True))
    edges, name = step_edges(TRACE, 5)  # backward through layer 3 only
    assert name == "∂C/∂W" and np.array_equal(edges[2], TRACE.grads[2])
    assert not edges[0].any() and not edges[1].any()
    edges, name = step_edges(TRACE, 8)  # layer 1 updated
    assert np.array_equal(edges[0], TRACE.new_weights[0])
    assert np.array_equal(edges[2], TRACE.weights[2])
    figure = step_network_figure(TRACE, 1, column_titles=["x", "1", "2", "3"])
    boxes = [a.text for a in figure.layout.annotations if a.bgcolor]
    a1 = [f"{v:.2f}" for v in TRACE[0].matrices["a"].ravel()]
    assert boxes[3:] == a1  # the inputs, then a⁽¹⁾
    assert figure.layout.shapes[0].x0 < figure.layout.shapes[0].x1  # the highlight
    batch = step_network_figure(BATCH, 1)
    assert [a.text for a in batch.layout.annotations if a.bgcolor] == ["x1", "x2", "x3"]


def test_boxed_labels_are_optional() -> None:
    plain = network_figure([2, 1], [np.ones((1, 2))], node_labels=[["a", "b"], ["c"]])
    boxed = network_figure([2, 1], [np.ones((1, 2))], node_labels=[["a", "b"], ["c"]],
                           label_boxes=True)
    assert not plain.layout.annotations and len(boxed.layout.annotations) == 3
    neurons = [t for t in boxed.data if t.mode == "markers" and t.hoverinfo == "skip"]
    assert len(neurons) == 2 and all(t.text is None for t in neurons)


def test_wide_formulas_break_onto_lines() -> None:
    narrow = formula_lines(TRACE[0])[1][0]
    assert r"\begin{aligned}" not in narrow and columns(narrow) == 3 + 1 + 1 + 1
    wide_setup = replace(PRESETS["custom"], sizes=(6, 6, 2), batch=4)
    wide = formula_lines(run(wide_setup)[0], batch=True)[1][0]
    assert wide.startswith(r"\begin{aligned}") and r"&\quad + \mathbf{1}" in wide
    assert chain("x", "1", "- 2", "-1") == "x = 1 - 2 = -1"  # "- 2" continues, "-1" is a value
