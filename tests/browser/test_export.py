"""Take it home, in a real browser: the playground's decision boundary has a toolbar with one
button, plotly's "download as PNG", which saves ``pg-boundary.png``; on a laptop's screen the
boundary fits its column (a live chart wider than its column is drawn smaller, same shape),
so the network chart beside it never covers it or its toolbar."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EXCEPTION, LOAD, open_page
from tests.browser.frames import live

pytestmark = pytest.mark.browser

BOUNDARY = live("pg_boundary")
NETWORK = live("pg_network")


@pytest.mark.parametrize("width", [1366, 1920])
def test_the_boundary_toolbar_saves_a_png(page, app_url: str, width: int) -> None:
    page.set_default_timeout(LOAD)
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, f"{app_url}/playground")
    page.wait_for_selector(f"{BOUNDARY} svg image")
    page.wait_for_selector(f"{NETWORK} svg")
    plot = page.locator(f"{BOUNDARY} .main-svg").first.bounding_box()
    column = page.locator(BOUNDARY).locator(
        "xpath=ancestor::*[@data-testid='stColumn'][1]").bounding_box()
    network = page.locator(f"{NETWORK} .main-svg").first.bounding_box()
    assert plot["x"] + plot["width"] <= column["x"] + column["width"] + 1, (plot, column)
    assert plot["x"] + plot["width"] <= network["x"] + 1, (plot, network)
    assert plot["height"] == pytest.approx(plot["width"], abs=2)  # still square
    page.locator(BOUNDARY).hover()
    buttons = page.locator(f"{BOUNDARY} .modebar-btn")
    assert buttons.count() == 1  # only "download as PNG": no zoom, no plotly logo
    assert "png" in (buttons.first.get_attribute("data-title") or "").lower()
    with page.expect_download() as download:
        buttons.first.click()
    assert download.value.suggested_filename == "pg-boundary.png"
    assert page.locator(EXCEPTION).count() == 0
