"""Every gate's backward against centred differences (scalars, arrays, broadcasting), the numeric
hazards, and explicit Jacobians."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.graph import (
    ExpressionError,
    GateError,
    Graph,
    gate_jacobian,
    op_jacobian,
    parse_expression,
)
from nncore.graph.elementwise import SPECS
from nncore.graph.jacobian import MAX_SIDE
from nncore.graph.ops import OPS

from .helpers import numerical_gradients, relative_error

TOL = 1e-6
POSITIVE = {"log", "pow"}  # the other gates also get operands of random sign
CONSTANTS = {"add_const": 1.5, "mul_const": -2.5, "pow": 1.5}
ELEMENTWISE = sorted(SPECS)


def draw(op: str, shape: tuple[int, ...], operand: int, rng: np.random.Generator) -> np.ndarray:
    """Values inside the gate's domain, away from zero and kinks; the first operand's magnitudes
    lie in (0.5, 1), the second's in (1.5, 2), so max and min never meet a tie."""
    low = 0.5 + operand
    magnitude = rng.uniform(low, low + 0.5, size=shape)
    if op in POSITIVE:
        return magnitude
    return magnitude * rng.choice([-1.0, 1.0], size=shape)


def scalar_loss_graph(op: str, shapes: list[tuple[int, ...]], seed: int = 0) -> Graph:
    """Inputs a (and b) -> the gate -> Σ(gate ⊙ R) with a fixed random R, so f is a scalar."""
    rng = np.random.default_rng(seed)
    g = Graph()
    operands = [g.input(name, draw(op, shape, k, rng))
                for k, (name, shape) in enumerate(zip("ab", shapes, strict=False))]
    node = g.apply(op, *operands, const=CONSTANTS.get(op))
    out = g.forward()
    weights = rng.normal(size=np.shape(out))
    g.sum(g.mul(node, g.const(weights) if np.ndim(out) else float(weights)))
    g.forward()
    return g


BINARY = {"add", "sub", "mul", "div", "max", "min"}
SHAPES = {  # operand shapes per case; the broadcasting ones only for binary gates
    "scalar": [(), ()], "array": [(2, 3), (2, 3)], "broadcast": [(2, 3), (3,)],
    "outer": [(2, 1), (1, 3)], "scalar_array": [(), (2, 3)],
}


def shapes_for(op: str, kind: str) -> list[tuple[int, ...]]:
    return SHAPES[kind][:2 if op in BINARY else 1]


ELEMENTWISE_CASES = [(op, kind) for op in ELEMENTWISE for kind in SHAPES
                     if op in BINARY or kind in ("scalar", "array")]
ARRAY_CASES = [
    ("matmul", [(2, 3), (3,)]), ("matmul", [(2, 3), (3, 4)]), ("matmul", [(3,), (3, 2)]),
    ("matmul", [(3,), (3,)]), ("dot", [(4,), (4,)]), ("sum", [(2, 3)]), ("sum", [()]),
]


@pytest.mark.parametrize(("op", "kind"), ELEMENTWISE_CASES)
def test_elementwise_backward_matches_centred_differences(op: str, kind: str) -> None:
    g = scalar_loss_graph(op, shapes_for(op, kind))
    analytic = g.backward()
    numeric = numerical_gradients(g)
    for name, grad in analytic.items():
        assert np.shape(grad) == np.shape(g[name].value)  # un-broadcast to the variable's shape
        assert relative_error(grad, numeric[name]) < TOL, name


@pytest.mark.parametrize(("op", "shapes"), ARRAY_CASES)
def test_array_backward_matches_centred_differences(op: str, shapes: list) -> None:
    g = scalar_loss_graph(op, shapes, seed=len(shapes))
    analytic = g.backward()
    numeric = numerical_gradients(g)
    for name, grad in analytic.items():
        assert np.shape(grad) == np.shape(g[name].value)
        assert relative_error(grad, numeric[name]) < TOL, name


def test_every_gate_is_tested() -> None:
    tested = {op for op, _ in ELEMENTWISE_CASES} | {op for op, _ in ARRAY_CASES}
    assert tested == set(OPS)


def test_add_distributes_max_routes_mul_switches() -> None:
    g = Graph()
    x, y = g.input("x", 3.0), g.input("y", -4.0)
    g.add(g.max(x, y), g.mul(x, y))
    grads = g.run() and g.backward()
    assert grads == {"x": 1 + -4.0, "y": 0 + 3.0}


HAZARDS = [
    ("log(x)", {"x": -1.0}, "expression.log_domain"),
    ("log(x)", {"x": 0.0}, "expression.log_domain"),
    ("y / x", {"x": 0.0, "y": 1.0}, "expression.division_by_zero"),
    ("1 / x", {"x": np.array([1.0, 0.0])}, "expression.division_by_zero"),
    ("exp(x)", {"x": 1000.0}, "expression.overflow"),
    ("x * y", {"x": 1e200, "y": 1e200}, "expression.overflow"),
    ("x ** -1", {"x": 0.0}, "expression.zero_to_negative_power"),
    ("x ** 0.5", {"x": -4.0}, "expression.negative_base"),
    ("W @ x", {"W": np.ones((2, 3)), "x": np.ones(2)}, "expression.matmul_shapes"),
    ("x @ y", {"x": 1.0, "y": 2.0}, "expression.matmul_rank"),
    ("dot(W, x)", {"W": np.ones((2, 2)), "x": np.ones(2)}, "expression.dot_shapes"),
    ("x + y", {"x": np.ones(2), "y": np.ones(3)}, "expression.shapes"),
]


@pytest.mark.parametrize(("text", "values", "code"), HAZARDS)
def test_numeric_hazards_are_refused_with_a_code_and_a_column(text: str, values: dict,
                                                              code: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, values)
    assert info.value.code == code and info.value.details["column"] == 1
    assert str(info.value).endswith("(column 1)")


def test_a_pass_that_fails_at_a_node_names_it() -> None:
    g = Graph()
    g.log(g.input("x", 1.0), name="q")
    g.set_value("x", -1.0)
    with pytest.raises(GateError) as info:
        g.forward()
    assert (info.value.code, dict(info.value.details)) == \
        ("expression.log_domain", {"gate": "log", "node": "n1", "label": "q"})
    assert str(info.value) == "log of a non-positive value (the log gate needs inputs > 0) " \
                              "at node n1 (q)"


def test_a_backward_hazard_is_refused_at_its_node() -> None:
    g = parse_expression("x ** 0.5", {"x": 4.0})
    with pytest.raises(GateError) as info:
        g.evaluate({"x": 0.0})  # forward √0 = 0 is fine; the local derivative 0.5/√0 is not
    assert info.value.code == "expression.division_by_zero"
    assert info.value.details["label"] == "f"


def test_sigmoid_does_not_overflow_far_out() -> None:
    g = parse_expression("sigmoid(x) + tanh(x)", dict(x=-1000.0))
    g.run()
    assert g.output.value == -1.0 and g["x"].grad == 0.0


@pytest.mark.parametrize("op", ["relu", "sigmoid", "tanh", "exp", "square", "neg"])
def test_elementwise_jacobians_are_diagonal(op: str) -> None:
    x = np.array([0.5, -1.0, 2.0, -0.25])
    jac = op_jacobian(op, x)
    assert jac.shape == (4, 4)
    assert np.count_nonzero(jac - np.diag(np.diag(jac))) == 0
    g = parse_expression("-x" if op == "neg" else f"{op}(x)", dict(x=x))
    np.testing.assert_array_equal(gate_jacobian(g, g.output, "x"), jac)


def test_the_jacobian_of_w_x_with_respect_to_x_is_w() -> None:
    W = np.array([[0.1, 0.5], [-0.3, 0.8]])
    g = parse_expression("W @ x", dict(W=W, x=np.array([0.2, 0.4])))
    np.testing.assert_array_equal(gate_jacobian(g, "f", "x"), W)
    np.testing.assert_array_equal(gate_jacobian(g, "f", 1), W)
    np.testing.assert_allclose(gate_jacobian(g, "f", "W"), [[0.2, 0.4, 0, 0], [0, 0, 0.2, 0.4]])


def test_a_node_used_twice_gets_the_total_jacobian() -> None:
    g = parse_expression("x * x", dict(x=np.array([1.0, 3.0])))
    np.testing.assert_array_equal(gate_jacobian(g, "f", "x"), np.diag([2.0, 6.0]))
    np.testing.assert_array_equal(gate_jacobian(g, "f", 0), np.diag([1.0, 3.0]))


@pytest.mark.parametrize("size", [MAX_SIDE + 1, 4096])
def test_absurd_jacobians_are_refused(size: int) -> None:
    with pytest.raises(ValueError, match="limited"):
        op_jacobian("relu", np.ones(size))


def test_jacobian_misuse_is_refused() -> None:
    g = parse_expression("x * y", dict(x=1.0, y=2.0))
    with pytest.raises(ValueError, match="not an input"):
        gate_jacobian(g, "f", g.input("z", 1.0))
    with pytest.raises(ValueError, match="not a gate"):
        gate_jacobian(g, "x", 0)
    with pytest.raises(ValueError, match="operand"):
        op_jacobian("exp", 1.0, wrt=1)
