"""The safe expression parser: what it accepts, how it labels, and fuzzing (the refusals are in
test_hostile_expressions.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nncore.errors import CodedError
from nncore.graph import GateError, Graph, parse_expression

VALUES = {"x": 1.5, "y": -0.5, "z": 2.0, "W": np.array([[0.1, 0.5], [-0.3, 0.8]]),
          "v": np.array([0.2, 0.4])}


@pytest.mark.parametrize(("text", "value"), [
    ("(x + y) * z", 2.0), ("x - y / z", 1.75), ("-x ** 2", -2.25), ("+x", 1.5),
    ("2 * 3 * x", 9.0), ("max(x, 0) + min(y, 0) + relu(y)", 1.0), ("log(exp(x))", 1.5),
    ("sum(square(W @ v))", 0.116), ("dot(v, v)", 0.2), ("tanh(0) + sigmoid(0)", 0.5),
    ("x ** 0.5 ** 2", 1.5 ** 0.25), ("1 / x", 1 / 1.5), ("3 - x", 1.5), ("2 + 3", 5.0),
])
def test_whitelisted_expressions_compute(text: str, value: float) -> None:
    g = parse_expression(text, VALUES)
    assert abs(g.output.value - value) < 1e-12


def test_numbers_fold_into_constant_gates() -> None:
    g = parse_expression("2 * 3 * x + (4 - 1)", dict(x=1.0))
    assert [(n.op, n.label) for n in g.nodes] == [("input", "x"), ("mul_const", "q1"),
                                                  ("add_const", "f")]
    assert g.trace[-1].formula.text == "q1 + 3"


def test_auto_labels_skip_taken_names() -> None:
    g = parse_expression("q1 * f + q1", dict(q1=2.0, f=3.0))
    assert [n.label for n in g.nodes] == ["q1", "f", "q2", "q3"] and g.output.label == "q3"


# --- fuzzing -----------------------------------------------------------------------------
def check_graph_or_coded_error(text: str, expand_sigmoid: bool = False) -> None:
    """Build the graph (and run both passes when the output is a scalar): a Graph or a
    CodedError, never another exception, and no warning escapes."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            g = parse_expression(text, VALUES, expand_sigmoid=expand_sigmoid)
        except CodedError as exc:
            assert exc.code.startswith("expression.") and str(exc)
            return
        assert isinstance(g, Graph)
        if np.ndim(g.output.value) == 0:
            try:
                g.run()
            except GateError as exc:
                assert exc.details["node"] in g
                return


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80) | st.text(alphabet="xyzWv0123456789.+-*/@()_, eqlm", max_size=80))
def test_random_text_gives_a_graph_or_a_coded_error(text: str) -> None:
    check_graph_or_coded_error(text)


def number_text(x: float) -> str:
    return f"({x!r})" if x < 0 else repr(x)


LEAVES = st.sampled_from(["x", "y", "z", "W", "v"]) | st.integers(-3, 3).map(number_text) | \
    st.floats(-4, 4, allow_nan=False, allow_infinity=False).map(number_text)


def compound(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "@"]), children)
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, st.integers(-3, 4)).map(lambda t: f"({t[0]}) ** {t[1]}"),
        st.tuples(st.sampled_from(["exp", "log", "relu", "sigmoid", "tanh", "sum", "square"]),
                  children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["max", "min", "dot"]), children, children)
        .map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        children.map(lambda c: f"-{c}"),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(LEAVES, compound, max_leaves=16), st.booleans())
def test_random_expression_trees_give_a_graph_or_a_coded_error(text: str, expand: bool) -> None:
    check_graph_or_coded_error(text, expand_sigmoid=expand)


def test_a_name_used_after_an_automatic_label_keeps_its_name() -> None:
    g = parse_expression("exp(x) + q1", {"x": 0.0, "q1": 2.0})
    assert g.output.value == 3.0 and g["q1"].op == "input" and g["q2"].op == "exp"
