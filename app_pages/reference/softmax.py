"""Reference: the classification head. Softmax with a temperature, cross-entropy with hard and
soft labels, the gradient p − y from the engine's own backward pass, the Jacobian
diag(p) − p pᵀ and its check, the reductions none/sum/mean, the stable log-sum-exp, and BCE
against a 2-logit softmax (000 §5.6 and §6, 002 §1.3.2, 004)."""

import streamlit as st

from nncore.softmax_head import binary_comparison, log_sum_exp, softmax_head
from ui.classroom import classroom_panel
from ui.i18n import t
from ui.layout import page_header
from ui.softmax.settings import STATE, label_widgets, logit_widgets
from ui.softmax.views import (
    batch_section,
    binary_section,
    head_section,
    jacobian_section,
    log_sum_exp_section,
    scale_widget,
)

page_header("softmax")
STATE.restore()

st.header(t("softmax.head_title"))
z, temperature = logit_widgets()
y = label_widgets(len(z))
if y is not None:
    head = softmax_head(z, y, temperature)
    head_section(head)
    st.header(t("softmax.jacobian_title"))
    jacobian_section(head)

st.header(t("softmax.batch_title"))
st.markdown(t("softmax.batch_intro"))
batch_section(len(z))

st.header(t("softmax.lse_title"))
st.markdown(t("softmax.lse_intro"))
scale = scale_widget()
log_sum_exp_section(log_sum_exp(z * scale / temperature), scale)

st.header(t("softmax.binary_title"))
st.markdown(t("softmax.binary_intro"))
a_col, y_col = st.columns(2)
with a_col:
    a = STATE.draw("a", st.slider, t("softmax.binary_logit"), -10.0, 10.0, step=0.01)
with y_col:
    yb = STATE.draw("yb", st.slider, t("softmax.binary_label"), 0.0, 1.0, step=0.05)
binary_section(binary_comparison(a, yb))

STATE.save()
classroom_panel(STATE)
