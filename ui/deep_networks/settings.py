"""The settings of the deep-networks page, kept in the URL, and the presets that load them.

Widget keys are ``deep_<setting>`` (``deep_depth``, ``deep_init``, …); the URL parameters the
settings' names (``?depth=8&activation=sigmoid&init=small``).
"""

from __future__ import annotations

import streamlit as st

from nncore.choices import LEARNING_RATES
from nncore.deep_networks import ACTIVATIONS, INITS, MAX_DEPTH, PRESETS, WIDTHS
from ui.i18n import t
from ui.url_state import Setting, UrlState

DEFAULT = PRESETS["sigmoid_small"]
STATE = UrlState("deep", (
    Setting("depth", DEFAULT.depth, 1, MAX_DEPTH, label="deep.depth"),
    Setting("width", DEFAULT.width, choices=WIDTHS, label="deep.width"),
    Setting("activation", DEFAULT.activation, choices=ACTIVATIONS, label="deep.activation"),
    Setting("init", DEFAULT.init, choices=INITS, label="deep.init"),
    Setting("lr", DEFAULT.lr, choices=LEARNING_RATES, label="deep.lr"),
))


def _load_preset(name: str) -> None:
    preset = PRESETS[name]
    for setting in ("depth", "width", "activation", "init", "lr"):
        st.session_state[STATE.key(setting)] = getattr(preset, setting)


def preset_buttons() -> None:
    """One button per preset: each loads a network that shows one claim of the course."""
    for column, name in zip(st.columns(len(PRESETS)), PRESETS, strict=True):
        column.button(t(f"deep.preset.{name}"), key=f"deep_preset_{name}", width="stretch",
                      on_click=_load_preset, args=(name,), help=t(f"deep.preset_help.{name}"))


def settings_row() -> None:
    """Depth, width, activation, initialisation and learning rate, in one row."""
    depth, width, activation, init, lr = st.columns(5)
    with depth:
        STATE.draw("depth", st.slider, t("deep.depth"), 1, MAX_DEPTH)
    with width:
        STATE.select("width", t("deep.width"))
    with activation:
        STATE.select("activation", t("deep.activation"), names="activations.name")
    with init:
        STATE.select("init", t("deep.init"), names="deep.inits")
    with lr:
        STATE.select("lr", t("deep.lr"), slider=True)
