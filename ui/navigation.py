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
    """One page, ``app_pages/<section>/<slug>.py`` served at ``/<slug>``; its texts are the
    ``page.<slug>.*`` translation keys."""

    slug: str
    section: str  # "start" | "graphs" | "training" | "reference"
    icon: str

    @property
    def path(self) -> str:
        return f"app_pages/{self.section}/{self.slug}.py"

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
    CoursePage("lessons", "start", ":material/co_present:"),
    CoursePage("chain_rule", "graphs", ":material/account_tree:"),
    CoursePage("sigmoid_gate", "graphs", ":material/function:"),
    CoursePage("vectorized", "graphs", ":material/grid_on:"),
    CoursePage("xor", "training", ":material/join_inner:"),
    CoursePage("mlp_step", "training", ":material/stairs:"),
    CoursePage("playground", "training", ":material/scatter_plot:"),
    CoursePage("universal_approximation", "training", ":material/ssid_chart:"),
    CoursePage("deep_networks", "training", ":material/layers:"),
    CoursePage("optimizer_race", "training", ":material/sports_score:"),
    CoursePage("activations", "reference", ":material/show_chart:"),
    CoursePage("softmax", "reference", ":material/bar_chart:"),
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
                st.Page(p.path, title=p.title, icon=p.icon)
                for p in pages
            ]
    return st.navigation(menu)
