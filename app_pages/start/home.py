"""Home: what Backprop Lab is for, the course path through its pages, and how to use it in
class (lessons, links, presentation mode)."""

import streamlit as st

from ui.classroom import classroom_panel
from ui.i18n import t
from ui.layout import page_header
from ui.navigation import SECTIONS, pages_in

page_header("home")

st.header(t("home.path_title"))
step = 0
for section in SECTIONS[1:]:
    pages = pages_in(section)
    if not pages:
        continue
    st.subheader(t(f"nav.section.{section}"))
    for page in pages:
        step += 1
        with st.container(border=True):
            st.page_link(page.path, label=f"{step}. {page.title}", icon=page.icon)
            st.markdown(page.summary)
            st.caption(t("common.follows", source=page.source))

st.header(t("home.classroom_title"))
st.page_link("app_pages/start/lessons.py", label=t("page.lessons.title"),
             icon=":material/co_present:")
st.markdown(t("lessons.home.body"))
classroom_panel()
