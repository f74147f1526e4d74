"""``variable_names``: the names an expression needs values for, found without evaluating it."""

import pytest

from nncore.graph import ExpressionError, parse_expression
from nncore.graph.expression import variable_names


@pytest.mark.parametrize(("text", "names"), [
    ("(x + y) * z", ("x", "y", "z")),
    ("x * y + max(x, z)", ("x", "y", "z")),
    ("exp(b) - a * b + sigmoid(w0)", ("b", "a", "w0")),
    ("sum(square(W @ x))", ("W", "x")),
    ("2 + 3", ()),
    ("foo(x)", ("x",)),  # a call target is a function name, not a variable
])
def test_names_in_order_of_first_appearance(text: str, names: tuple[str, ...]) -> None:
    assert variable_names(text) == names


def test_the_names_are_what_the_parser_needs() -> None:
    text = "((x * y) + max(z, w)) * 2"
    values = dict.fromkeys(variable_names(text), 1.0)
    assert parse_expression(text, values).output.value == 4.0


@pytest.mark.parametrize("text", ["", "x +", "(" * 40 + "x" + ")" * 40, "x" * 2000])
def test_bad_text_raises_the_parsers_error(text: str) -> None:
    with pytest.raises(ExpressionError):
        variable_names(text)
