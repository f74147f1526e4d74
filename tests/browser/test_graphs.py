"""The graph pages in a real browser: Play animates the graph; no page fails in either language."""

import time
from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, fresh, open_page

pytestmark = pytest.mark.browser
GRAPH = fresh("chain_simple_graph")
CHART = f"{GRAPH} [data-testid='stPlotlyChart']"
PAGES = ["chain_rule", "sigmoid_gate", "vectorized"]


def chart_text(page) -> list[str]:
    return page.locator(f"{CHART} text").all_text_contents()


def wait_for_step(page, at_least: int) -> None:
    """Wait until the player's slider stands at ``at_least`` or later, and the graph is drawn."""
    slider = f"{fresh('chain_simple_position')} input[type='range']"
    page.wait_for_function("([slider, n]) => Number(document.querySelector(slider)?.value) >= n",
                           arg=[slider, at_least], timeout=20_000)
    page.wait_for_selector(f"{CHART} .main-svg")


def test_play_animates_the_graph(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/chain_rule")
    page.wait_for_selector(f"{CHART} .main-svg")
    before = chart_text(page)
    page.locator(".st-key-chain_simple_play button").click()
    expect(page.locator(".st-key-chain_simple_play button")).to_contain_text("Pause")
    wait_for_step(page, 2)
    first = page.locator(GRAPH).screenshot(path=shots / "play-1.png")
    early = chart_text(page)
    time.sleep(2.5)  # the timer advances a step a second
    wait_for_step(page, 5)
    second = page.locator(GRAPH).screenshot(path=shots / "play-2.png")
    late = chart_text(page)
    assert first != second
    assert early != late and late != before
    assert "-2" in late  # x's value appeared above its edge
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_graph_pages_render_without_exception(page, app_url: str, shots: Path,
                                              lang: str) -> None:
    for slug in PAGES:
        open_page(page, f"{app_url}/{slug}?lang={lang}")
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg")
        assert page.locator(EXCEPTION).count() == 0, slug
        page.screenshot(path=shots / f"{slug}-{lang}.png")
