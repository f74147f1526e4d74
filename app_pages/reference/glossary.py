"""Reference: the course's words in English and Vietnamese, and the notation the app uses."""

import streamlit as st

from ui.classroom import classroom_panel
from ui.i18n import LANGUAGES, current_language, subkeys, t, translate
from ui.layout import page_header
from ui.messages import escape_markdown
from ui.url_state import Setting, UrlState

# The same fully connected layer as each course document writes it (maths needs no translation).
LAYER_CONVENTIONS = {
    "batch": r"Y = X W^{\top} + \mathbf{b}, \quad \Delta W = \Delta Y^{\top} X, \quad "
    r"\Delta \mathbf{b} = \textstyle\sum_{rows} \Delta Y, \quad \Delta X = \Delta Y\, W",
    "column": r"a^{l} = \sigma(W^{l} a^{l-1} + b^{l}), \quad \delta^{l} = ((W^{l+1})^{\top} "
    r"\delta^{l+1}) \odot \sigma'(z^{l}), \quad \frac{\partial C}{\partial W^{l}} = "
    r"\delta^{l} (a^{l-1})^{\top}",
    "transposed": r"a^{(l)} = f\left( (W^{(l)})^{\top} a^{(l-1)} + b^{(l)} \right)",
}

STATE = UrlState("glossary", (Setting("search", "", label="glossary.search", max_length=60),))

page_header("glossary")
STATE.restore()

lang = current_language()
other = next(code for code in LANGUAGES if code != lang)
rows = [
    {
        t("glossary.col_term"): t(f"glossary.term.{term}.name"),
        LANGUAGES[other]: translate(other, f"glossary.term.{term}.name"),
        t("glossary.col_meaning"): t(f"glossary.term.{term}.meaning"),
    }
    for term in subkeys("glossary.term")
]
query = str(STATE.draw("search", st.text_input, t("glossary.search"))).strip().lower()
STATE.save()
if query:
    rows = [row for row in rows if any(query in value.lower() for value in row.values())]
if rows:
    st.table(rows, hide_index=True, border="horizontal")
else:
    st.info(t("glossary.no_match", query=escape_markdown(query)))

st.header(t("glossary.notation_title"))
st.markdown(t("glossary.notation_intro"))
for convention, formula in LAYER_CONVENTIONS.items():
    with st.container(border=True):
        st.markdown(t(f"glossary.notation.{convention}.source"))
        st.latex(formula)
        st.caption(t(f"glossary.notation.{convention}.note"))
st.header(t("glossary.symbols_title"))
st.markdown(t("glossary.symbols"))
classroom_panel(STATE)
