"""The worked examples of shared/reference/worked-examples.md §1–4, to 1e-9.

Each case is built three ways where possible (examples builder, expression, unrolled) and every
value, intermediate and gradient is compared with numbers recomputed here in float64.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.graph import examples, parse_expression
from nncore.graph.examples import gather

TOL = 1e-9
SIG = 1 / (1 + math.exp(-1))  # σ(s) at s = 1
DS = (1 - SIG) * SIG
W = np.array([[0.1, 0.5], [-0.3, 0.8]])
X = np.array([0.2, 0.4])

SIMPLE = {"x": (-2, -4), "y": (5, -4), "q": (3, -4), "z": (-4, 3), "f": (-12, 1)}
MAX_GATE = {"x": (3, -8), "y": (-4, 6), "p": (-12, 2), "z": (2, 2), "w": (-1, 0), "m": (2, 2),
            "s": (-10, 2), "f": (-20, 1)}
SIGMOID_TRUNK = {"w0": (2, -DS), "x0": (-1, 2 * DS), "a": (-2, DS), "w1": (-3, -2 * DS),
                 "x1": (-2, -3 * DS), "b": (6, DS), "c": (4, DS), "w2": (-3, DS), "d": (1, DS)}
SIGMOID_EXPANDED = {**SIGMOID_TRUNK, "g": (-1, -DS), "h": (math.exp(-1), -SIG**2),
                    "k": (1 + math.exp(-1), -SIG**2), "f": (SIG, 1)}
SIGMOID_FUSED = {**SIGMOID_TRUNK, "f": (SIG, 1)}
VECTOR = {"W": (W, 2 * np.outer(W @ X, X)), "x": (X, 2 * W.T @ (W @ X)),
          "q": (W @ X, 2 * W @ X), "s": ((W @ X) ** 2, np.ones(2)), "f": (0.116, 1)}

CASES = {
    "simple": (examples.simple, SIMPLE),
    "max_gate": (examples.max_gate, MAX_GATE),
    "sigmoid_expanded": (lambda: examples.sigmoid_gate(fused=False), SIGMOID_EXPANDED),
    "sigmoid_fused": (lambda: examples.sigmoid_gate(fused=True), SIGMOID_FUSED),
    "vectorized": (examples.vectorized, VECTOR),
}


@pytest.mark.parametrize("case", CASES)
def test_every_value_and_gradient(case: str) -> None:
    build, expected = CASES[case]
    g = build()
    g.run()
    assert [n.label for n in g.nodes] == list(expected)
    for label, (value, grad) in expected.items():
        np.testing.assert_allclose(g[label].value, value, rtol=0, atol=TOL, err_msg=label)
        np.testing.assert_allclose(g[label].grad, grad, rtol=0, atol=TOL, err_msg=label)


PRINTED = {  # the reference file's own rounding, checked to its last digit
    "sigmoid": {"f": 0.73105858, "k": -0.53444665, "g": -0.19661193, "d": 0.19661193,
                "w0": -0.19661193, "x0": 0.39322387, "w1": -0.39322387, "x1": -0.58983580,
                "w2": 0.19661193},
}


def test_the_printed_sigmoid_numbers() -> None:
    g = examples.sigmoid_gate(fused=False)
    g.run()
    for label, printed in PRINTED["sigmoid"].items():
        got = g[label].value if label == "f" else g[label].grad
        assert abs(got - printed) < 5e-9, label


def test_the_fused_gate_explains_the_same_ds() -> None:
    g = examples.sigmoid_gate(fused=True)
    step = g.run()[-len(g.nodes)]
    (edge,) = step.edges
    assert step.op == "sigmoid" and edge.rule.text == "(1 − σ(d))·σ(d)"
    assert abs(edge.local - 0.19661193) < 5e-9 and abs(edge.contribution - DS) < TOL


EXPRESSIONS = {
    "simple": ("(x + y) * z", dict(x=-2, y=5, z=-4), {}),
    "max_gate": ("((x * y) + max(z, w)) * 2", dict(x=3, y=-4, z=2, w=-1), {}),
    "sigmoid_lecture": ("1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))",
                        dict(w0=2, x0=-1, w1=-3, x1=-2, w2=-3), {}),
    "sigmoid_fused": ("sigmoid(w0*x0 + w1*x1 + w2)", dict(w0=2, x0=-1, w1=-3, x1=-2, w2=-3), {}),
    "sigmoid_expanded": ("sigmoid(w0*x0 + w1*x1 + w2)", dict(w0=2, x0=-1, w1=-3, x1=-2, w2=-3),
                         {"expand_sigmoid": True}),
    "vectorized_pow": ("sum((W @ x) ** 2)", dict(W=W, x=X), {}),
    "vectorized_square": ("sum(square(W @ x))", dict(W=W, x=X), {}),
}
EXPECTED_FROM = {"simple": SIMPLE, "max_gate": MAX_GATE, "sigmoid_lecture": SIGMOID_FUSED,
                 "sigmoid_fused": SIGMOID_FUSED, "sigmoid_expanded": SIGMOID_FUSED,
                 "vectorized_pow": VECTOR, "vectorized_square": VECTOR}


@pytest.mark.parametrize("case", EXPRESSIONS)
def test_the_reference_expressions(case: str) -> None:
    text, values, options = EXPRESSIONS[case]
    g = parse_expression(text, values, **options)
    g.run()
    expected = EXPECTED_FROM[case]
    assert g.output.label == "f"
    np.testing.assert_allclose(g.output.value, expected["f"][0], atol=TOL)
    for name in values:
        np.testing.assert_allclose(g[name].grad, expected[name][1], atol=TOL, err_msg=name)


def test_the_expanded_sigmoid_expression_has_the_lecture_gates() -> None:
    g = parse_expression("sigmoid(s)", dict(s=1.0), expand_sigmoid=True)
    assert [n.op for n in g.nodes] == ["input", "mul_const", "exp", "add_const", "reciprocal"]
    fused = parse_expression("sigmoid(s)", dict(s=1.0))
    assert [n.op for n in fused.nodes] == ["input", "sigmoid"]


def test_the_unrolled_graph_gives_the_same_gradients() -> None:
    g = examples.vectorized_unrolled()
    g.run()
    assert abs(g.output.value - 0.116) < TOL
    np.testing.assert_allclose(gather(g, "W", (2, 2)), VECTOR["W"][1], atol=TOL)
    np.testing.assert_allclose(gather(g, "x", (2,)), VECTOR["x"][1], atol=TOL)
    np.testing.assert_allclose([g["q1"].value, g["q2"].value], [0.22, 0.26], atol=TOL)


@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (2, 3)])
def test_unrolled_matches_vectorized_for_other_sizes(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    Wr, xr = rng.normal(size=shape), rng.normal(size=shape[1])
    vec, unrolled = examples.vectorized(Wr, xr), examples.vectorized_unrolled(Wr, xr)
    vec.run()
    unrolled.run()
    np.testing.assert_allclose(gather(unrolled, "W", shape), vec["W"].grad, atol=TOL)
    np.testing.assert_allclose(gather(unrolled, "x", shape[1:]), vec["x"].grad, atol=TOL)


def test_builders_accept_other_inputs() -> None:
    g = examples.simple(x=1, y=2, z=3)
    g.run()
    assert (g.output.value, g["x"].grad, g["z"].grad) == (9, 3, 3)
    g = examples.max_gate(z=-5)
    g.run()
    assert (g["z"].grad, g["w"].grad) == (0, 2)


def test_unrolling_refuses_mismatched_or_large_inputs() -> None:
    with pytest.raises(ValueError, match="n×m"):
        examples.vectorized_unrolled(W, [1, 2, 3])
    with pytest.raises(ValueError, match="limited"):
        examples.vectorized_unrolled(np.ones((10, 10)), np.ones(10))
