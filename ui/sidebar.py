"""The sidebar every page shares: the language switch (kept in the session and in ``?lang=``)
and the presentation-mode toggle (``?present=1``).

Streamlit's ``?embed=true`` (a page embedded in a course site) hides the sidebar, and with it
every setting drawn there. So when the app is embedded, everything that goes to the sidebar is
drawn in an expander in the main area instead: pages put their own sidebar settings in
``with settings_area():`` rather than ``with st.sidebar:``.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.i18n import LANG_STATE_KEY, LANGUAGES, current_language, t
from ui.presentation import presentation_style, presentation_toggle


def embedded() -> bool:
    """Whether the app runs embedded (``?embed=true``): no sidebar is shown."""
    return bool(st.context.is_embedded)


def settings_area(title: str | None = None) -> DeltaGenerator:
    """Where a page's sidebar settings go: the sidebar, or (embedded) an expander at this
    point of the main area, labelled ``title`` (default: "Settings")."""
    if not embedded():
        return st.sidebar
    return st.expander(title or t("classroom.embedded_settings"), icon=":material/tune:")


def language_switch(where: DeltaGenerator) -> str:
    """Draw the English / Tiếng Việt switch; keep the choice in the session and in the URL.

    The URL's ``?lang=`` seeds a new session (so a shared link opens in its language); after that
    the widget's value is written back to the URL on every run, page switches included.
    """
    if LANG_STATE_KEY not in st.session_state:
        st.session_state[LANG_STATE_KEY] = current_language()
    lang = where.radio(
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
    """Everything the sidebar shows on every page (or, embedded, the display expander)."""
    where = settings_area(t("classroom.embedded_display")) if embedded() else st.sidebar
    with where:
        language_switch(st)
        presentation_toggle(st)
        st.caption(t("sidebar.about"))
    presentation_style()
