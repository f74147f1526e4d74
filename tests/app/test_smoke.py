"""Every page the router registers runs in English and Vietnamese: no exception, no raw key."""

from pathlib import Path

import pytest

from tests.app.apptest import open_app, open_page, raw_keys, registered_pages, shown_text
from ui.i18n import LANGUAGES
from ui.navigation import COURSE

PAGES = registered_pages(open_app())


def test_navigation_registers_every_page_file() -> None:
    root = Path(__file__).parents[2]
    files = (root / "app_pages").glob("*/*.py")
    assert sorted(str(p.relative_to(root)) for p in files if p.name != "__init__.py") == PAGES
    assert len(PAGES) == len(COURSE)


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception_or_raw_key(page: str, lang: str) -> None:
    at = open_page(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="lang").value == lang
    text = shown_text(at)
    assert text.strip()
    assert raw_keys(text) == []


def test_language_switch_changes_the_page_text() -> None:
    at = open_app("en")
    english = shown_text(at)
    at.radio(key="lang").set_value("vi").run()
    vietnamese = shown_text(at)
    assert "Lộ trình học" in vietnamese and "Lộ trình học" not in english
    assert not at.exception


def test_language_survives_a_page_switch() -> None:
    at = open_app("vi")
    at.switch_page(PAGES[-1]).run()
    assert at.radio(key="lang").value == "vi"
    assert "Ngôn ngữ" in shown_text(at)
