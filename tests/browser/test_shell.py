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
