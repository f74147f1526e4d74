"""The softmax page's settings (kept in the URL, see ``ui.url_state``) and the widgets for the
logits, the temperature and the label. Widget keys are ``sm_<setting>``."""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore.errors import CodedError
from nncore.losses import REDUCTIONS
from nncore.softmax_head import label_distribution
from ui.i18n import t
from ui.messages import show_error
from ui.url_state import Setting, UrlState

MAX_CLASSES = 6
# 000 figure 16: Cat 6 %, Chicken 83 %, Dog 2 %, Horse 9 % come from these logits.
DEFAULT_LOGITS = (0.0, 2.63, -1.1, 0.41, 0.5, -0.5)
DEFAULT_SOFT = (0.8, 0.0, 0.2, 0.0, 0.0, 0.0)  # 000 §6.1: 80 % Cat, 20 % Dog
TEMPERATURES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
SCALES = (1, 10, 100, 1000)
LABEL_KINDS = ("hard", "soft")

SETTINGS = (
    Setting("k", 4, 2, MAX_CLASSES, label="softmax.classes"),
    *(Setting(f"z{i}", DEFAULT_LOGITS[i - 1], -10.0, 10.0, label="softmax.logits", group="z")
      for i in range(1, MAX_CLASSES + 1)),
    Setting("temp", 1.0, choices=TEMPERATURES, label="softmax.temperature"),
    Setting("label", "hard", choices=LABEL_KINDS, label="softmax.label_kind"),
    Setting("cls", 1, 0, MAX_CLASSES - 1, label="softmax.hard_class"),
    *(Setting(f"y{i}", DEFAULT_SOFT[i - 1], 0.0, 1.0, step=0.05, label="softmax.soft_label",
              group="y") for i in range(1, MAX_CLASSES + 1)),
    Setting("n", 4, 1, 8, label="softmax.batch_size"),
    Setting("red", "mean", choices=REDUCTIONS, label="softmax.reduction"),
    Setting("bseed", 0, 0, 999, label="softmax.batch_seed"),
    Setting("scale", 1, choices=SCALES, label="softmax.scale"),
    Setting("a", 0.7, -10.0, 10.0, label="softmax.binary_logit"),
    Setting("yb", 1.0, 0.0, 1.0, step=0.05, label="softmax.binary_label"),
)
STATE = UrlState("sm", SETTINGS)


def class_names(k: int) -> list[str]:
    return [t(f"softmax.class.{i}") for i in range(k)]


def logit_widgets() -> tuple[np.ndarray, float]:
    """K, one slider per logit z_i, the temperature T."""
    k_col, t_col = st.columns(2)
    with k_col:
        k = STATE.draw("k", st.slider, t("softmax.classes"), 2, MAX_CLASSES)
    with t_col:
        temperature = STATE.select("temp", t("softmax.temperature"), slider=True,
                                   help=t("softmax.temperature_help"))
    names = class_names(k)
    columns = st.columns(k)
    z = []
    for i, column in enumerate(columns, start=1):
        with column:
            z.append(STATE.draw(f"z{i}", st.slider, f"z{i} ({names[i - 1]})", -10.0, 10.0,
                                step=0.01))
    return np.array(z, dtype=np.float64), float(temperature)


def label_widgets(k: int) -> np.ndarray | None:
    """Hard (a class) or soft (weights, normalised) label y; None, with the message shown,
    for soft weights that are all zero."""
    names = class_names(k)
    kind = STATE.select("label", t("softmax.label_kind"), names="softmax.label_kinds",
                        help=t("softmax.label_help"))
    if kind == "hard":
        st.session_state[STATE.key("cls")] = min(int(STATE.value("cls")), k - 1)
        hard = STATE.draw("cls", st.selectbox, t("softmax.hard_class"), range(k),
                          format_func=names.__getitem__)
        return label_distribution(k, hard=int(hard))
    columns = st.columns(k)
    weights = []
    for i, column in enumerate(columns, start=1):
        with column:
            weights.append(STATE.draw(f"y{i}", st.slider, f"y{i} ({names[i - 1]})", 0.0, 1.0,
                                      step=0.05))
    try:
        return label_distribution(k, weights=weights)
    except CodedError as error:
        show_error(error)
        return None
