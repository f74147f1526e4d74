"""Take it home, in a real browser: the playground's decision boundary has a toolbar with one
button, plotly's "download as PNG", which saves ``pg-boundary.png``.

At 1920 px: at 1400 px the boundary's 560 px figure is wider than its column and the network
chart beside it covers the toolbar's corner (reported to the page's owner)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EXCEPTION, open_page

pytestmark = pytest.mark.browser

BOUNDARY = ".st-key-pg_boundary .live-chart"
LOAD = 90_000  # ms the first load may take on a busy machine (plotly.js is sent once)


def test_the_boundary_toolbar_saves_a_png(page, app_url: str) -> None:
    page.set_default_timeout(LOAD)
    page.set_viewport_size({"width": 1920, "height": 1200})
    open_page(page, f"{app_url}/playground")
    page.wait_for_selector(f"{BOUNDARY} svg image")
    page.locator(BOUNDARY).hover()
    buttons = page.locator(f"{BOUNDARY} .modebar-btn")
    assert buttons.count() == 1  # only "download as PNG": no zoom, no plotly logo
    assert "png" in (buttons.first.get_attribute("data-title") or "").lower()
    with page.expect_download() as download:
        buttons.first.click()
    assert download.value.suggested_filename == "pg-boundary.png"
    assert page.locator(EXCEPTION).count() == 0
