"""Lessons for instructors: ready links that open a page on a preset, with the controls the class
does not need hidden (and in presentation mode where it helps), each with its goal, what to ask
the class and what they should see. The lessons are data, in ``ui/lessons.py``."""

import streamlit as st

from ui.classroom import classroom_panel
from ui.i18n import t
from ui.layout import page_header
from ui.lessons import LESSONS, lesson_link
from ui.navigation import COURSE
from ui.share import link_block

PAGE_TITLES = {page.slug: page.title for page in COURSE}

page_header("lessons")
for number, lesson in enumerate(LESSONS, start=1):
    link = lesson_link(lesson)
    with st.container(border=True, key=f"lesson_{lesson.slug}"):
        st.subheader(f"{number}. {t(f'lessons.{lesson.slug}.title')}")
        st.caption(t("lessons.opens", page=PAGE_TITLES[lesson.page])
                   + (" · " + t("lessons.in_presentation") if lesson.present else ""))
        st.markdown(f"**{t('lessons.goal')}** {t(f'lessons.{lesson.slug}.goal')}")
        ask, see = st.columns(2)
        ask.markdown(f"**{t('lessons.ask')}**\n\n{t(f'lessons.{lesson.slug}.ask')}")
        see.markdown(f"**{t('lessons.see')}**\n\n{t(f'lessons.{lesson.slug}.see')}")
        st.link_button(t("lessons.open"), link, icon=":material/open_in_new:", type="primary")
        with st.expander(t("lessons.link_and_qr"), icon=":material/qr_code:"):
            link_block(link, f"lesson_{lesson.slug}", qr_width=220)
classroom_panel()
