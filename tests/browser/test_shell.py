"""The app in a real browser: home page, language switch, another page; never an exception."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, IDLE, open_page

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
