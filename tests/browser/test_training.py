"""The training pages in a real browser: Play animates the playground (the boundary changes and
the epoch counter runs), a preset link opens with its settings; never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, fresh, open_page

pytestmark = pytest.mark.browser

BOUNDARY = fresh("pg_boundary")
EPOCH = '.st-key-pg_epoch [data-testid="stMetricValue"]'


def test_play_animates_the_playground(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/playground")
    page.wait_for_selector(f"{BOUNDARY} .main-svg")
    expect(page.locator(EPOCH)).to_have_text("0")
    before = page.locator(BOUNDARY).screenshot(path=shots / "boundary-before.png")

    page.locator(".st-key-pg_play button").click()
    expect(page.locator(".st-key-pg_pause button")).to_contain_text("Pause")
    page.wait_for_function(
        f"() => Number(document.querySelector('{EPOCH}')?.textContent) >= 20", timeout=20_000)
    page.locator(".st-key-pg_pause button").click()
    expect(page.locator(".st-key-pg_play button")).to_contain_text("Play")
    page.wait_for_selector(f"{BOUNDARY} .main-svg")
    after = page.locator(BOUNDARY).screenshot(path=shots / "boundary-after.png")
    page.screenshot(path=shots / "playground-paused.png")

    assert int(page.locator(EPOCH).inner_text()) >= 20
    assert before != after
    assert page.locator(EXCEPTION).count() == 0


def test_a_preset_link_opens_with_its_settings(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/playground?lang=vi&data=circles&layers=1&n1=3&lr=0.03")
    expect(page.get_by_role("heading", name="Sân chơi huấn luyện")).to_be_visible()
    expect(page.locator(".st-key-pg_data input")).to_have_value("Hai vòng tròn")
    expect(page.locator(".st-key-pg_lr")).to_contain_text("0.03")
    assert page.locator(EXCEPTION).count() == 0
