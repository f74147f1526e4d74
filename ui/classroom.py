"""The classroom furniture at the end of every page: one call after the page's widgets.

    classroom_panel(STATE)            # or classroom_panel(PAGE_STATE, EXAMPLE_STATE, ...)

It closes the page's URL (drops parameters of states not used in this run, keeps ``hide=``),
then draws the "Share this view" panel (link, copy button, QR code) and the "Make a lesson
link" panel (a checkbox per control of the given states). A view that hides every control
(``hide=all``) draws neither; presentation mode adds a button to leave it. A page with a
player calls ``player_only(*states)`` right after it: with ``hide=all`` the page ends there.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.lesson_link import hides_all, keep_hidden_in_url, lesson_link_panel
from ui.presentation import leave_presentation, presenting
from ui.share import share_panel
from ui.url_state import UrlState, finish_url


def player_only(*states: UrlState) -> None:
    """Call right after the page's player: in a view that hides every control (``hide=all``)
    the page ends there (its URL closed as by :func:`classroom_panel`)."""
    if hides_all():
        classroom_panel(*states)
        st.stop()


def classroom_panel(*states: UrlState) -> None:
    """Close the page's URL and draw the share and lesson-link panels (see the module)."""
    keep_hidden_in_url(states)
    finish_url()
    if hides_all():
        return
    st.divider()
    share_panel()
    lesson_link_panel(states)
    if presenting():
        st.button(t("presentation.leave"), key="presentation_leave", on_click=leave_presentation,
                  icon=":material/close_fullscreen:")
