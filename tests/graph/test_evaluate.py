"""``Graph.evaluate``: a graph built once, re-run at new inputs (scalars or arrays of points),
its gradients from its own backward pass checked against centred differences."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.graph import GateError, parse_expression

from .helpers import numerical_gradients, relative_error

ROSENBROCK = "(1 - w1)**2 + 10*(w2 - w1**2)**2"
FUNCTIONS = [ROSENBROCK, "w1**2 + 10 * w2**2", "log(1 + exp(w1 * w2)) + tanh(w1) * sigmoid(w2)",
             "max(w1, w2) * relu(w1 - w2) + w1 / (1 + w2**2)"]
POINTS = [(-1.2, 1.0), (0.5, 0.2), (1.3, -0.7)]


def rosenbrock_gradient(w1: float, w2: float) -> tuple[float, float]:
    return (-2 * (1 - w1) - 40 * w1 * (w2 - w1**2), 20 * (w2 - w1**2))


@pytest.mark.parametrize("point", POINTS)
def test_the_gradient_is_the_functions(point: tuple[float, float]) -> None:
    g = parse_expression(ROSENBROCK, {"w1": 0.0, "w2": 0.0})
    f, grads = g.evaluate(dict(zip(("w1", "w2"), point, strict=True)))
    w1, w2 = point
    assert abs(f - ((1 - w1) ** 2 + 10 * (w2 - w1**2) ** 2)) < 1e-12
    np.testing.assert_allclose([grads["w1"], grads["w2"]], rosenbrock_gradient(w1, w2),
                               rtol=1e-12)


@pytest.mark.parametrize("text", FUNCTIONS)
@pytest.mark.parametrize("point", POINTS)
def test_gradients_match_centred_differences(text: str, point: tuple[float, float]) -> None:
    g = parse_expression(text, {"w1": 0.3, "w2": 0.4})
    _, grads = g.evaluate({"w1": point[0], "w2": point[1]})
    numeric = numerical_gradients(g)
    for name in ("w1", "w2"):
        assert relative_error(grads[name], numeric[name]) < 1e-6, name


@pytest.mark.parametrize("text", FUNCTIONS)
def test_arrays_are_evaluated_point_by_point(text: str) -> None:
    g = parse_expression(text, {"w1": 0.3, "w2": 0.4})
    size = len(g)
    w1, w2 = np.meshgrid(np.linspace(-1.5, 1.5, 5), np.linspace(-1.0, 2.0, 4))
    f, grads = g.evaluate({"w1": w1, "w2": w2})
    assert f.shape == grads["w1"].shape == grads["w2"].shape == (4, 5) and len(g) == size
    for index in [(0, 0), (1, 3), (3, 4)]:
        f_k, grads_k = g.evaluate({"w1": w1[index], "w2": w2[index]})
        assert f[index] == pytest.approx(f_k, rel=1e-12)
        assert grads["w1"][index] == pytest.approx(grads_k["w1"], rel=1e-12, abs=1e-15)
        assert grads["w2"][index] == pytest.approx(grads_k["w2"], rel=1e-12, abs=1e-15)


def test_a_scalar_beside_an_array_is_broadcast_to_it() -> None:
    g = parse_expression(ROSENBROCK, {"w1": 0.0, "w2": 0.0})
    f, grads = g.evaluate({"w1": np.array([0.0, 0.5, 1.0]), "w2": 1.0})
    assert f.shape == grads["w2"].shape == (3,)
    np.testing.assert_allclose(grads["w2"], [20 * (1 - w**2) for w in (0.0, 0.5, 1.0)])


def test_evaluate_records_no_trace_and_run_still_does() -> None:
    g = parse_expression(ROSENBROCK, {"w1": 0.0, "w2": 0.0})
    g.run()
    f, grads = g.evaluate({"w1": 0.5, "w2": 0.2})
    assert g.trace == () and g["w1"].value == 0.5 and g["w1"].grad == grads["w1"]
    trace = g.run()
    assert trace[-1].phase == "backward" and trace[len(g)].upstream == 1.0
    assert g.output.value == f and g.backward() == grads


def test_leaving_a_gates_domain_is_a_gate_error_at_its_node() -> None:
    g = parse_expression("log(w1) + w2", {"w1": 1.0, "w2": 0.0})
    with pytest.raises(GateError) as info:
        g.evaluate({"w1": np.array([1.0, -1.0]), "w2": 0.0})
    assert info.value.code == "expression.log_domain" and info.value.details["label"] == "q1"
    with pytest.raises(GateError) as info:
        g.evaluate({"w1": np.ones(2), "w2": np.ones(3)})
    assert info.value.code == "expression.shapes"
    with pytest.raises(GateError) as info:
        g.evaluate({"w1": np.inf})
    assert info.value.code == "expression.value_not_finite"
