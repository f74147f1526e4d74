"""The sidebar every page shares: the language switch, kept in the session and in ``?lang=``."""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANG_STATE_KEY, LANGUAGES, current_language, t


def language_switch() -> str:
    """Draw the English / Tiếng Việt switch; keep the choice in the session and in the URL.

    The URL's ``?lang=`` seeds a new session (so a shared link opens in its language); after that
    the widget's value is written back to the URL on every run, page switches included.
    """
    if LANG_STATE_KEY not in st.session_state:
        st.session_state[LANG_STATE_KEY] = current_language()
    lang = st.sidebar.radio(
        t("sidebar.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANG_STATE_KEY,
        horizontal=True,
    )
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    return lang


def render_sidebar() -> None:
    """Everything the sidebar shows on every page."""
    language_switch()
    st.sidebar.caption(t("sidebar.about"))
