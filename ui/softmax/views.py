"""The softmax page's sections: the head of one sample (bars, loss, gradient, Jacobian and its
check), a batch under each reduction, log-sum-exp with huge logits, and BCE against a 2-logit
softmax. Numbers come from ``nncore.softmax_head`` (the engine's own backward passes)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore.softmax_head import (
    BinaryComparison,
    HeadResult,
    LogSumExp,
    batch_head,
    example_batch,
)
from nncore.viz.softmax import bars_figure
from ui.i18n import t
from ui.matrices import matrix_chart
from ui.softmax.settings import SCALES, STATE, class_names

CHECK_TOLERANCE = 1e-12
CHART_CONFIG = {"displayModeBar": False}


def _g(x: float) -> str:
    return f"{x + 0.0:.6g}"  # + 0.0: no "-0"


def head_section(head: HeadResult) -> None:
    """p, y and p − y as bars; the loss with its terms; the gradient three ways."""
    names = class_names(len(head.p))
    st.plotly_chart(bars_figure(names, {"p": head.p, "y": head.y, "p − y": head.grad_s},
                                title=t("softmax.bars_title")),
                    key="sm_bars", width="stretch", config=CHART_CONFIG)
    terms = " + ".join(rf"{_g(y)} \log {_g(p)}" for y, p in zip(head.y, head.p, strict=True)
                       if y > 0)
    st.latex(rf"\ell = -\sum_i y_i \log p_i = -\left({terms}\right) = {_g(head.loss)}")
    st.markdown(t("softmax.gradient_intro", t=f"{head.temperature:g}"))
    st.table([{t("softmax.col_class"): name, "z": _g(z), "p": _g(p), "y": _g(y),
               t("softmax.col_fused"): _g(fused), t("softmax.col_layers"): _g(layers),
               "∂ℓ/∂z = (p − y)/T": _g(dz)}
              for name, z, p, y, fused, layers, dz in zip(
                  names, head.z, head.p, head.y, head.grad_s, head.grad_s_layers, head.grad_z,
                  strict=True)], hide_index=True)


def jacobian_section(head: HeadResult) -> None:
    """J = diag(p) − p pᵀ as a matrix and the check Jᵀ(−y/p) = p − y."""
    names = class_names(len(head.p))
    st.markdown(t("softmax.jacobian_intro"))
    matrix_chart("sm_jacobian", head.jacobian, "J = diag(p) − p pᵀ", decimals=3,
                 row_labels=names, column_labels=names)
    st.table([{t("softmax.col_class"): name, "−y/p": _g(up), "Jᵀ(−y/p)": _g(chained),
               "p − y": _g(fused)}
              for name, up, chained, fused in zip(names, head.grad_p, head.chained, head.grad_s,
                                                  strict=True)], hide_index=True)
    error = head.check_error
    if error <= CHECK_TOLERANCE:
        st.success(t("softmax.check_ok", error=f"{error:.1e}", tol=f"{CHECK_TOLERANCE:g}"),
                   icon=":material/check_circle:")
    else:
        st.error(t("softmax.check_failed", error=f"{error:.1e}"), icon=":material/error:")


def batch_section(k: int) -> None:
    """N samples, the reduction, the loss and the gradient's scale."""
    n_col, red_col, seed_col = st.columns(3)
    with n_col:
        n = STATE.draw("n", st.slider, t("softmax.batch_size"), 1, 8)
    with red_col:
        reduction = STATE.select("red", t("softmax.reduction"), names="softmax.reductions")
    with seed_col:
        seed = STATE.number("bseed", t("softmax.batch_seed"))
    Z, labels = example_batch(int(n), k, int(seed))
    result = batch_head(Z, labels, str(reduction))
    rows = [t("softmax.row", i=i + 1, label=class_names(k)[c]) for i, c in enumerate(labels)]
    left, right = st.columns(2)
    with left:
        matrix_chart("sm_batch_z", Z, "Z", row_labels=rows)
    with right:
        matrix_chart("sm_batch_grad", result.grad, "∂L/∂Z", decimals=3, row_labels=rows)
    if reduction == "none":
        loss = "(" + ", ".join(_g(v) for v in result.losses) + ")"
    else:
        loss = _g(float(result.loss))
    st.markdown(t(f"softmax.reduction_effect.{reduction}", loss=loss, n=n,
                  scale=_g(result.scale)))


def log_sum_exp_section(lse: LogSumExp, scale: int) -> None:
    """Naive and stable log-sum-exp side by side; the overflow notice."""
    st.table([
        {t("softmax.col_quantity"): "s", t("softmax.col_naive"): _vector(lse.s),
         t("softmax.col_stable"): _vector(lse.s - lse.m)},
        {t("softmax.col_quantity"): t("softmax.exp_row"), t("softmax.col_naive"): _vector(lse.exp),
         t("softmax.col_stable"): _vector(lse.shifted_exp)},
        {t("softmax.col_quantity"): "log Σ e^s", t("softmax.col_naive"): _g(lse.naive),
         t("softmax.col_stable"): f"{_g(lse.m)} + {_g(lse.stable - lse.m)} = {_g(lse.stable)}"},
        {t("softmax.col_quantity"): "p", t("softmax.col_naive"): _vector(lse.naive_p),
         t("softmax.col_stable"): _vector(lse.stable_p)},
    ], hide_index=True)
    if lse.overflowed:
        st.error(t("softmax.overflow", scale=scale), icon=":material/warning:")
    else:
        st.success(t("softmax.no_overflow"), icon=":material/check_circle:")


def _vector(x: np.ndarray) -> str:
    return "(" + ", ".join(_g(v) for v in np.asarray(x)) + ")"


def scale_widget() -> int:
    return int(STATE.draw("scale", st.select_slider, t("softmax.scale"), SCALES,
                          format_func=lambda s: f"× {s}", help=t("softmax.scale_help")))


def binary_section(result: BinaryComparison) -> None:
    """BCE on σ(a) and softmax CE on (0, a): the same loss and the same gradient."""
    st.table([
        {"": t("softmax.sigmoid_row"), t("softmax.col_probability"): _g(result.sigmoid),
         t("softmax.col_loss"): _g(result.bce), t("softmax.col_gradient"): f"∂ℓ/∂a = "
                                                                           f"{_g(result.bce_grad)}"},
        {"": t("softmax.softmax_row"), t("softmax.col_probability"): _vector(result.softmax_p),
         t("softmax.col_loss"): _g(result.ce),
         t("softmax.col_gradient"): f"∂ℓ/∂z = {_vector(result.ce_grad)}"},
    ], hide_index=True)
    same = abs(result.bce - result.ce) < 1e-12 and abs(result.bce_grad - result.ce_grad[1]) < 1e-12
    st.markdown(t("softmax.binary_same" if same else "softmax.binary_differ"))
