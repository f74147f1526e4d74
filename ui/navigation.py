"""The course path: every page of the app, its section, and the course document it follows.

This one registry drives the router (``app.py``), the home page's course path and the smoke tests,
so a new page is added here once and is then navigable, listed and tested.
A section appears in the navigation only when it has a page.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.i18n import t


@dataclass(frozen=True)
class CoursePage:
    """One page, ``pages/<section>_<slug>.py`` served at ``/<slug>``; its texts are the
    ``page.<slug>.*`` translation keys."""

    slug: str
    section: str  # "start" | "graphs" | "training" | "reference"
    icon: str

    @property
    def path(self) -> str:
        return f"pages/{self.section}_{self.slug}.py"

    @property
    def url_path(self) -> str:
        """The URL (``/glossary``). It differs from the file's stem on purpose: AppTest treats a
        page whose URL equals its ``pages/`` file stem as an old-style ``pages/`` page and runs it
        without the router (no sidebar)."""
        return self.slug

    @property
    def title(self) -> str:
        return t(f"page.{self.slug}.title")

    @property
    def summary(self) -> str:
        return t(f"page.{self.slug}.summary")

    @property
    def source(self) -> str:
        return t(f"page.{self.slug}.source")


SECTIONS: tuple[str, ...] = ("start", "graphs", "training", "reference")

COURSE: tuple[CoursePage, ...] = (
    CoursePage("home", "start", ":material/school:"),
    CoursePage("chain_rule", "graphs", ":material/account_tree:"),
    CoursePage("sigmoid_gate", "graphs", ":material/function:"),
    CoursePage("vectorized", "graphs", ":material/grid_on:"),
    CoursePage("xor", "training", ":material/join_inner:"),
    CoursePage("mlp_step", "training", ":material/stairs:"),
    CoursePage("playground", "training", ":material/scatter_plot:"),
    CoursePage("activations", "reference", ":material/show_chart:"),
    CoursePage("glossary", "reference", ":material/translate:"),
)


def pages_in(section: str) -> list[CoursePage]:
    return [page for page in COURSE if page.section == section]


def build_navigation() -> st.Page:
    """``st.navigation`` over the registry, sections labelled in the session's language.
    The first page (home) is the default page."""
    menu: dict[str, list[st.Page]] = {}
    for section in SECTIONS:
        pages = pages_in(section)
        if pages:
            menu[t(f"nav.section.{section}")] = [
                st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path)
                for p in pages
            ]
    return st.navigation(menu)
