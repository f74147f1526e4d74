"""Hiding controls by link (``hide=``), and the "Make a lesson link" panel that builds one.

After TensorFlow Playground's ``*_hide`` parameters: ``?hide=lr,batch`` opens a page with those
controls hidden, ``?hide=all`` with every control hidden (only the player, or Play/Pause,
remains). A name is a control's name, which is the setting's ``group`` or its ``name`` (see
:class:`ui.url_state.Setting`). A hidden control is not drawn, but its setting keeps the link's
value. ``UrlState.select``, ``.number`` and ``.draw`` skip a hidden control by themselves;
for any other widget a page asks first::

    lr = STATE.select("lr", t("training.lr"))       # the link's value, drawn or not
    if not hidden(STATE, "batch"):
        st.select_slider(..., key=STATE.key("batch"))
    batch = STATE.value("batch")

(``hidden``/``hides_all`` live in :mod:`ui.url_state`, which the widget helpers need; they are
re-exported here.) The set is read from the URL on the page's first run in a session and kept
for the session (so it survives leaving the page and coming back); ``classroom_panel`` writes
it back to the URL on every run.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.i18n import t
from ui.messages import literal
from ui.share import link_block, open_panel, view_link
from ui.url_state import (
    ALL,
    HIDE,
    UrlState,
    hidden,
    hidden_controls,
    hides_all,
    url_was_read,
)

PRESENT = "present"
__all__ = ["PRESENT", "hidden", "hidden_controls", "hides_all", "keep_hidden_in_url",
           "lesson_link_panel", "lesson_query"]


def _controls(states: Sequence[UrlState]) -> dict[str, str | None]:
    controls: dict[str, str | None] = {}
    for state in states:
        for name, label in state.controls().items():
            controls.setdefault(name, label)
    return controls


def keep_hidden_in_url(states: Sequence[UrlState]) -> None:
    """Write ``hide=`` back to the URL (a page switch clears it); on the page's first run, name
    the hidden controls the page does not have."""
    names = hidden_controls()
    known = _controls(states)
    if not url_was_read() and (unknown := sorted(names - set(known) - {ALL})):
        st.warning(t("classroom.hide_unknown", names=", ".join(map(literal, unknown))),
                   icon=":material/visibility_off:")
    text = ALL if ALL in names else ",".join(n for n in known if n in names)
    if not text:
        if HIDE in st.query_params:
            del st.query_params[HIDE]
    elif st.query_params.get(HIDE) != text:
        st.query_params[HIDE] = text


def lesson_query(hide: Sequence[str], present: bool) -> dict[str, str]:
    """The current view's query parameters with ``hide`` and ``present`` replaced."""
    query = {k: v for k, v in st.query_params.to_dict().items() if k not in (HIDE, PRESENT)}
    if hide:
        query[HIDE] = ALL if ALL in hide else ",".join(hide)
    if present:
        query[PRESENT] = "1"
    return query


def lesson_link_panel(states: Sequence[UrlState], key: str = "lesson") -> None:
    """The "Make a lesson link" expander: a checkbox per control, "only the player",
    "presentation mode", and the link they make (with its copy button and QR code)."""
    panel = open_panel(t("classroom.lesson_title"), key, ":material/school:")
    if panel is None:
        return
    controls = _controls(states)
    now = hidden_controls()
    with panel:
        st.markdown(t("classroom.lesson_intro"))
        everything = st.checkbox(t("classroom.hide_all"), value=ALL in now, key=f"{key}_all")
        columns = st.columns(3)
        chosen = [name for i, (name, label) in enumerate(controls.items())
                  if columns[i % 3].checkbox(t(label) if label else name, value=name in now,
                                             key=f"{key}_hide_{name}", disabled=everything)]
        present = st.checkbox(t("classroom.present"), key=f"{key}_present")
        link = view_link(lesson_query([ALL] if everything else chosen, present))
        link_block(link, key)
        st.link_button(t("classroom.open"), link, icon=":material/open_in_new:")
