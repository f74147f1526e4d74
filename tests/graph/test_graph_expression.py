"""The safe expression parser: what it accepts, what it refuses (and says where), and fuzzing."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nncore.graph import ExpressionError, Graph
from nncore.graph.expression import MAX_LENGTH

VALUES = {"x": 1.5, "y": -0.5, "z": 2.0, "W": np.array([[0.1, 0.5], [-0.3, 0.8]]),
          "v": np.array([0.2, 0.4])}


@pytest.mark.parametrize(("text", "value"), [
    ("(x + y) * z", 2.0), ("x - y / z", 1.75), ("-x ** 2", -2.25), ("+x", 1.5),
    ("2 * 3 * x", 9.0), ("max(x, 0) + min(y, 0) + relu(y)", 1.0), ("log(exp(x))", 1.5),
    ("sum(square(W @ v))", 0.116), ("dot(v, v)", 0.2), ("tanh(0) + sigmoid(0)", 0.5),
    ("x ** 0.5 ** 2", 1.5 ** 0.25), ("1 / x", 1 / 1.5), ("3 - x", 1.5), ("2 + 3", 5.0),
])
def test_whitelisted_expressions_compute(text: str, value: float) -> None:
    g = Graph.from_expression(text, **VALUES)
    assert abs(g.output.value - value) < 1e-12


def test_numbers_fold_into_constant_gates() -> None:
    g = Graph.from_expression("2 * 3 * x + (4 - 1)", x=1.0)
    assert [(n.op, n.label) for n in g.nodes] == [("input", "x"), ("mul_const", "q1"),
                                                  ("add_const", "f")]
    assert g.trace[-1].formula.text == "q1 + 3"


def test_auto_labels_skip_taken_names() -> None:
    g = Graph.from_expression("q1 * f + q1", q1=2.0, f=3.0)
    assert [n.label for n in g.nodes] == ["q1", "f", "q2", "q3"] and g.output.label == "q3"


NASTY = "(" * 10_000 + "x" + ")" * 10_000
REFUSED = [
    ("__import__('os')", "calling '__import__' is not allowed", 1),
    ("x.__class__", "attribute access not allowed", 1),
    ("[x for x in y]", "comprehensions not allowed", 1),
    ("lambda: 1", "lambdas not allowed", 1),
    ("'a'", "str constants are not allowed", 1),
    ("x ** 10**9", "exponent 1e+09 is beyond the cap", 6),
    (NASTY, "too long", None),
    ("(" * 40 + "x" + ")" * 40, "nested deeper than 32", 33),
    ("x+" * 50_000 + "x", "too long", None),
    ("x + foo", "the name 'foo' has no value", 5),
    ("exp", "must be called", 1),
    ("exp(x, y)", "exp takes 1 argument", 1),
    ("exp(x=1)", "keyword arguments", 5),
    ("x[0]", "subscripts not allowed", 1),
    ("x if y else z", "conditionals not allowed", 1),
    ("x < y", "comparisons not allowed", 1),
    ("x // y", "operator FloorDiv is not allowed", 1),
    ("~x", "operator Invert is not allowed", 1),
    ("x ** y", "exponent must be a number", 6),
    ("2 ** x", "exponent must be a number", 6),
    ("True + x", "bool constants", 1),
    ("1j * x", "complex constants", 1),
    ("x = 1", "syntax error", None),
    ("x +", "syntax error", None),
    ("", "empty", None),
    ("x\n+ y", "not allowed (column 2)", 2),
    ("f'{x}'", "f-strings not allowed", 1),
    ("(x := 2)", "assignments not allowed", 2),
    ("-" * 200 + "x", "nests deeper than 64", None),
    ("1e999 * x", "too large", 1),
    ("9" * 400 + " * x", "too large", 1),
    ("σ * x", "the name 'σ' has no value", 1),
    ("x * σ", "(column 5)", 5),
    ("dot(2, 3)", "1-D vectors", 1),
]


@pytest.mark.parametrize(("text", "message", "column"), REFUSED,
                         ids=[r[1][:30] for r in REFUSED])
def test_everything_else_is_refused_with_a_column(text: str, message: str,
                                                  column: int | None) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        Graph.from_expression(text, **VALUES)
    assert isinstance(info.value, ExpressionError)
    if column is not None:
        assert f"column {column})" in str(info.value)


def test_length_cap_and_bad_values() -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_LENGTH}"):
        Graph.from_expression("x" * (MAX_LENGTH + 1))
    with pytest.raises(ValueError, match="'x' is not a real number"):
        Graph.from_expression("x + 1", x="abc")
    with pytest.raises(ValueError, match="must be text"):
        Graph.from_expression(b"x")  # type: ignore[arg-type]


# --- fuzzing -----------------------------------------------------------------------------
def check_graph_or_value_error(text: str, expand_sigmoid: bool = False) -> None:
    """Build the graph (and run both passes when the output is a scalar): a Graph or a
    ValueError, never another exception, and no warning escapes."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            g = Graph.from_expression(text, expand_sigmoid=expand_sigmoid, **VALUES)
        except ValueError:
            return
        assert isinstance(g, Graph)
        if np.ndim(g.output.value) == 0:
            try:
                g.run()
            except ValueError:
                return


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80) | st.text(alphabet="xyzWv0123456789.+-*/@()_, eqlm", max_size=80))
def test_random_text_gives_a_graph_or_a_value_error(text: str) -> None:
    check_graph_or_value_error(text)


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
def test_random_expression_trees_give_a_graph_or_a_value_error(text: str, expand: bool) -> None:
    check_graph_or_value_error(text, expand_sigmoid=expand)
