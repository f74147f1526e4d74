"""The sigmoid gate: f = σ(w0·x0 + w1·x1 + w2) expanded gate by gate or fused into one gate; both
reach the same gradients, and the (1 − σ)σ shortcut is worked out with the numbers."""

from functools import partial

import streamlit as st

from nncore.graph import examples
from nncore.viz.numbers import slide_number
from ui.classroom import classroom_panel, player_only
from ui.graphs.graph_view import graph_stepper, number_inputs, run_graph
from ui.i18n import t
from ui.layout import page_header
from ui.url_state import FREE, Setting, UrlState, hidden

DEFAULTS = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}  # 001 "Another example"
FORMS = ("expanded", "fused")
# In the URL: ?w0=2&x0=-1&…&form=fused (hide=inputs hides the five number boxes).
STATE = UrlState("sig", (
    *(Setting(name, value, -FREE, FREE, label="graphs.inputs", group="inputs")
      for name, value in DEFAULTS.items()),
    Setting("form", "expanded", choices=FORMS, label="sigmoid.form"),
))

page_header("sigmoid_gate")
st.latex(r"f(w, x) = \frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}} "
         r"= \sigma(w_0 x_0 + w_1 x_1 + w_2)")
STATE.restore()
values = ({name: float(STATE.value(name)) for name in DEFAULTS} if hidden(STATE, "w0")
          else number_inputs("sig", DEFAULTS))
names = {k: t(f"sigmoid.name.{k}") for k in FORMS}  # translated now, not when the widget asks
form = STATE.draw("form", st.radio, t("sigmoid.form"), FORMS, format_func=names.__getitem__,
                  horizontal=True)
STATE.save()
runs = {}
for name in FORMS:
    runs[name] = run_graph(partial(examples.sigmoid_gate, name == "fused", **values))
    if runs[name] is None:
        st.stop()
decimals = graph_stepper(f"sig_{form}", *runs[form])
player_only(STATE)
expanded, fused = runs["expanded"][0], runs["fused"][0]

st.header(t("sigmoid.compare_title"))
st.caption(t("sigmoid.compare_intro"))
st.table([{t("sigmoid.col_input"): f"∂f/∂{name}",
           t("sigmoid.col_expanded"): slide_number(expanded[name].grad, decimals),
           t("sigmoid.col_fused"): slide_number(fused[name].grad, decimals)}
          for name in DEFAULTS], hide_index=True)

st.header(t("sigmoid.shortcut_title"))
st.latex(r"\sigma(x) = \frac{1}{1 + e^{-x}}, \qquad "
         r"\frac{d\sigma}{dx} = \frac{e^{-x}}{(1 + e^{-x})^2} = (1 - \sigma(x))\,\sigma(x)")
fused_step = next(s for s in runs["fused"][1] if s.phase == "backward" and s.op == "sigmoid")
st.markdown(t("sigmoid.shortcut_chain", **{label: slide_number(expanded[label].grad, decimals)
                                           for label in ("k", "h", "g", "d")}))
st.markdown(t("sigmoid.shortcut_fused", s=slide_number(fused["f"].value, decimals),
              local=slide_number(fused_step.edges[0].local, decimals),
              d=slide_number(fused["d"].grad, decimals)))
classroom_panel(STATE)
