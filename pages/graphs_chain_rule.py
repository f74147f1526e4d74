"""Computational graphs: f = (x + y)·z, the max-gate example and your own function, stepped
through gate by gate, with the patterns of backward flow found on the current graph."""

from functools import partial

import streamlit as st

from nncore.graph import ExpressionError, Graph, examples, parse_expression
from nncore.graph.expression import variable_names
from ui.graph_view import graph_stepper, number_inputs, run_graph
from ui.i18n import t
from ui.layout import page_header
from ui.patterns import ALL_PATTERNS_EXPRESSION, patterns_panel

# The lecture's values (001 "A simple example", "More example").
EXAMPLES = {
    "simple": (examples.simple, {"x": -2.0, "y": 5.0, "z": -4.0}),
    "max_gate": (examples.max_gate, {"x": 3.0, "y": -4.0, "z": 2.0, "w": -1.0}),
}
KEYS = {"simple": "chain_simple", "max_gate": "chain_max", "own": "chain_own"}
OWN_DEFAULTS = {"x": -2.0, "y": 5.0, "z": -4.0, "w": -1.0}  # other names start at 1
MAX_VARIABLES = 8


def show_all_patterns() -> None:
    """The patterns' "show it" button: switch to a function that has all four."""
    st.session_state["chain_example"] = "own"
    st.session_state["chain_own_expr"] = ALL_PATTERNS_EXPRESSION


def own_function() -> partial[Graph] | None:
    """The text box and one number box per variable it uses; None (with the message shown)
    when the text cannot be read."""
    st.session_state.setdefault("chain_own_expr", ALL_PATTERNS_EXPRESSION)
    text = st.text_input(t("chain.expression"), key="chain_own_expr",
                         help=t("chain.expression_help"))
    try:
        names = variable_names(text)
    except ExpressionError as exc:
        st.error(t("graphs.error", message=str(exc)), icon=":material/error:")
        return None
    if len(names) > MAX_VARIABLES:
        st.warning(t("chain.too_many", limit=MAX_VARIABLES, count=len(names)))
        return None
    if not names:
        st.info(t("chain.constant"))
    values = number_inputs("chain_own_var", {name: OWN_DEFAULTS.get(name, 1.0) for name in names})
    return partial(parse_expression, text, values)


page_header("chain_rule")
names = {k: t(f"chain.name.{k}") for k in KEYS}  # translated now, not when the widget asks
example = st.radio(t("chain.example"), list(KEYS), format_func=names.__getitem__,
                   horizontal=True, key="chain_example")
if example == "own":
    build = own_function()
else:
    builder, defaults = EXAMPLES[example]
    build = partial(builder, **number_inputs(KEYS[example], defaults))
result = run_graph(build) if build is not None else None
if result is not None:
    decimals = graph_stepper(KEYS[example], *result)
    patterns_panel(result[1], decimals, on_try=show_all_patterns)
