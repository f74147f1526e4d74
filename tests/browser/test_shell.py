"""The app in a real browser: home page, language switch, another page; never an exception."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, IDLE, LOAD, open_page

pytestmark = pytest.mark.browser


def test_home_language_switch_and_navigation(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    open_page(page, app_url)
    expect(page.get_by_role("heading", name="The course path")).to_be_visible()
    page.screenshot(path=shots / "home-en.png")

    page.get_by_text("Tiếng Việt", exact=True).click()
    expect(page.get_by_role("heading", name="Lộ trình học")).to_be_visible()
    expect(page).to_have_url(re.compile(r"lang=vi"))
    page.screenshot(path=shots / "home-vi.png")

    page.get_by_role("link", name="Thuật ngữ và ký hiệu").first.click()
    page.wait_for_selector(IDLE)
    expect(page.get_by_role("heading", name="Thuật ngữ và ký hiệu")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/glossary\?(.*&)?lang=vi"))
    page.screenshot(path=shots / "glossary-vi.png")
    assert page.locator(EXCEPTION).count() == 0
    assert len(list(shots.glob("*.png"))) == 3


def test_shared_link_opens_in_its_language(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/glossary?lang=vi")
    expect(page.get_by_role("heading", name="Thuật ngữ và ký hiệu")).to_be_visible()


def test_first_visit_to_a_deep_link_after_start(browser) -> None:
    """Right after ``streamlit run app.py``, the very first browser to open a handed-out link
    gets the page in the link's language, not "Page not found" (the pages live in
    ``app_pages/``, so Streamlit's legacy ``pages/`` discovery never runs)."""
    from playwright.sync_api import expect

    from tests.browser.conftest import serve_app

    with serve_app() as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        open_page(tab, f"{url}/playground?lang=vi")
        expect(tab.get_by_role("heading", name="Sân chơi huấn luyện")).to_be_visible()
        assert tab.get_by_text("Page not found").count() == 0
        assert tab.get_by_text("not found", exact=False).count() == 0
        context.close()


def test_plotly_js_is_loaded_once_as_a_static_file(page, app_url: str) -> None:
    """The live charts load plotly.js from the app's static/ folder (the browser caches it), not
    from the websocket: one request for it, answered by Streamlit as JavaScript."""
    from playwright.sync_api import expect

    answers = []
    page.on("response", lambda r: "plotly-" in r.url and answers.append(r))
    open_page(page, f"{app_url}/playground")
    expect(page.locator(".st-key-pg_boundary .main-svg").first).to_be_attached(timeout=LOAD)
    assert page.evaluate("typeof Plotly") == "object"
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(s => s)")
    assert [s for s in scripts if "/app/static/plotly-" in s] and not any(
        s.startswith("blob:") for s in scripts)
    assert len(answers) == 1 and answers[0].status == 200
    assert "javascript" in answers[0].headers["content-type"]


def test_the_charts_code_is_loaded_once_as_a_static_file(page, app_url: str) -> None:
    """The live charts' code comes from the app's static/ folder, once per page (each
    element's message carries a small loader), and the charts draw."""
    from playwright.sync_api import expect

    answers = []
    page.on("response", lambda r: "/live_chart-" in r.url and answers.append(r))
    open_page(page, f"{app_url}/playground")
    expect(page.locator(".st-key-pg_network .main-svg").first).to_be_attached(timeout=LOAD)
    assert len(answers) == 1 and answers[0].status == 200
    assert "javascript" in answers[0].headers["content-type"]
    assert page.locator(EXCEPTION).count() == 0


def test_the_charts_draw_when_the_static_copy_of_their_code_fails(page, app_url: str) -> None:
    """A page that cannot load the static copy asks for the inline code, and draws."""
    from playwright.sync_api import expect

    page.route("**/live_chart-*.js", lambda route: route.abort())
    open_page(page, f"{app_url}/playground")
    expect(page.locator(".st-key-pg_network .main-svg").first).to_be_attached(timeout=LOAD)
    expect(page.locator(".st-key-pg_boundary svg image").first).to_be_attached(timeout=LOAD)
    assert page.locator(EXCEPTION).count() == 0
