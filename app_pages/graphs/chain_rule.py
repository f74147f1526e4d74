"""Computational graphs: f = (x + y)·z, the max-gate example and your own function, stepped
through gate by gate, with the patterns of backward flow found on the current graph."""

from functools import partial

import streamlit as st

from nncore.graph import ExpressionError, Graph, examples, parse_expression
from nncore.graph.expression import MAX_LENGTH, variable_names
from ui.classroom import classroom_panel, player_only
from ui.graphs.graph_view import graph_stepper, number_inputs, run_graph
from ui.graphs.patterns import ALL_PATTERNS_EXPRESSION, patterns_panel
from ui.i18n import t
from ui.layout import page_header
from ui.messages import show_error
from ui.url_state import FREE, Setting, UrlState, hidden

# The lecture's values (001 "A simple example", "More example").
EXAMPLES = {
    "simple": (examples.simple, {"x": -2.0, "y": 5.0, "z": -4.0}),
    "max_gate": (examples.max_gate, {"x": 3.0, "y": -4.0, "z": 2.0, "w": -1.0}),
}
KEYS = {"simple": "chain_simple", "max_gate": "chain_max", "own": "chain_own"}
OWN_DEFAULTS = {"x": -2.0, "y": 5.0, "z": -4.0, "w": -1.0}  # other names start at 1
MAX_VARIABLES = 8
# In the URL: ?example=own&own_expr=x*y&x=3&y=-4 (the inputs by their names, hide=inputs).
PAGE = UrlState("chain", (
    Setting("example", "simple", choices=tuple(KEYS), label="chain.example"),
    Setting("own_expr", ALL_PATTERNS_EXPRESSION, label="chain.expression", max_length=MAX_LENGTH),
))
RESERVED = {"lang", "hide", "present", "step", *PAGE.settings}  # not an input's URL name
STATES: list[UrlState] = [PAGE]  # the states of this run, for the classroom panel


def show_all_patterns() -> None:
    """The patterns' "show it" button: switch to a function that has all four."""
    st.session_state["chain_example"] = "own"
    st.session_state["chain_own_expr"] = ALL_PATTERNS_EXPRESSION


def value_inputs(prefix: str, defaults: dict[str, float]) -> dict[str, float]:
    """One number box per input (keys ``{prefix}_{name}``), kept in the URL by name; with
    ``hide=inputs`` not drawn, the link's values used."""
    state = UrlState(prefix, [Setting(name, default, -FREE, FREE, label="graphs.inputs",
                                      group="inputs")
                              for name, default in defaults.items() if name not in RESERVED])
    state.restore()
    if hidden(state, "inputs"):
        values = {name: float(st.session_state.get(f"{prefix}_{name}", default))
                  for name, default in defaults.items()}
    else:
        values = number_inputs(prefix, defaults)
    state.save()
    STATES.append(state)
    return values


def own_function() -> partial[Graph] | None:
    """The text box and one number box per variable it uses; None (with the message shown)
    when the text cannot be read."""
    text = PAGE.draw("own_expr", st.text_input, t("chain.expression"),
                     help=t("chain.expression_help"))
    try:
        names = variable_names(text)
    except ExpressionError as exc:
        show_error(exc, wrap="graphs.error")
        return None
    if len(names) > MAX_VARIABLES:
        st.warning(t("chain.too_many", limit=MAX_VARIABLES, count=len(names)))
        return None
    values = value_inputs("chain_own_var", {name: OWN_DEFAULTS.get(name, 1.0) for name in names})
    return partial(parse_expression, text, values)


page_header("chain_rule")
PAGE.restore()
names = {k: t(f"chain.name.{k}") for k in KEYS}  # translated now, not when the widget asks
example = PAGE.draw("example", st.radio, t("chain.example"), list(KEYS),
                    format_func=names.__getitem__, horizontal=True)
if example == "own":
    build = own_function()
else:
    builder, defaults = EXAMPLES[example]
    build = partial(builder, **value_inputs(KEYS[example], defaults))
PAGE.save()
result = run_graph(build) if build is not None else None
if result is not None:
    if not result[0].inputs:  # only once it computes: a refused constant gets the error alone
        st.info(t("chain.constant"))
    decimals = graph_stepper(KEYS[example], *result)
    player_only(*STATES)
    patterns_panel(result[1], decimals, on_try=show_all_patterns)
classroom_panel(*STATES)
