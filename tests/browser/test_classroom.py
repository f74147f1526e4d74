"""Classroom features in a real browser: a lesson link in a fresh browser, presentation mode at
projector sizes (bounding boxes), the copy button, user text shown literally, embedding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import EXCEPTION, fresh, open_page
from ui.lessons import LESSONS

pytestmark = pytest.mark.browser
LESSON = {lesson.slug: lesson for lesson in LESSONS}
GRAPH = fresh("chain_simple_graph")


@pytest.fixture
def sized(browser, app_url: str, request) -> Iterator[object]:
    """A fresh tab of ``request.param`` = (width, height) that can reach localhost only, with
    the clipboard allowed."""
    width, height = getattr(request, "param", (1280, 720))
    context = browser.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1",
                                                   "data:", "blob:"))
                  else route.abort())
    tab = context.new_page()
    tab.set_default_timeout(60_000)  # a busy machine: the first run of a page is slow
    yield tab
    context.close()


def box(page, selector: str) -> dict[str, float]:
    located = page.locator(selector).first
    located.wait_for(state="visible")
    return located.bounding_box()


def lesson_url(app_url: str, slug: str) -> str:
    lesson = LESSON[slug]
    return f"{app_url}/{lesson.page}?{urlencode(lesson.params('en'))}"


def test_a_lesson_link_shows_the_preset_with_the_controls_hidden(sized, app_url: str,
                                                                 shots: Path) -> None:
    open_page(sized, lesson_url(app_url, "chain_by_hand"))
    sized.wait_for_selector(f"{GRAPH} .main-svg")
    assert sized.locator(".st-key-chain_example").count() == 0
    assert sized.locator(".st-key-chain_simple_x").count() == 0
    assert sized.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    assert sized.locator("[data-testid='stSidebar'][data-collapsed='true']").count() == 1
    sized.screenshot(path=shots / "lesson-chain.png")

    open_page(sized, lesson_url(app_url, "lr_diverges"))
    assert sized.locator(".st-key-pg_act").count() == 0
    assert sized.locator(".st-key-pg_data").count() == 0
    assert sized.locator(".st-key-pg_lr").count() == 1
    assert sized.locator(".st-key-pg_play").count() == 1
    assert sized.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("sized", [(1280, 720), (1920, 1080)], indirect=True)
def test_presentation_mode_fits_the_chart_and_the_player_on_a_projector(
        sized, app_url: str, shots: Path) -> None:
    width, height = sized.viewport_size["width"], sized.viewport_size["height"]
    open_page(sized, f"{app_url}/chain_rule?present=1&hide=all")
    sized.wait_for_selector(f"{GRAPH} .main-svg")
    chart, main = box(sized, GRAPH), box(sized, "[data-testid='stMainBlockContainer']")
    following = box(sized, ".st-key-chain_simple_next button")
    sized.screenshot(path=shots / f"present-{width}x{height}.png")
    assert following["y"] >= 0 and following["y"] + following["height"] <= height
    assert chart["y"] >= 0 and chart["y"] + chart["height"] <= height
    assert chart["width"] >= 0.9 * (main["width"] - 2 * 36)  # the main column's content width
    assert sized.locator(".st-key-chain_simple_decimals").count() == 0

    # every control shown: scrolled to the player, its chart is on the same screen
    open_page(sized, f"{app_url}/chain_rule?present=1")
    sized.wait_for_selector(f"{GRAPH} .main-svg")
    sized.evaluate("""() => {  // the player's buttons just below the (2.5rem) header
        const main = document.querySelector('[data-testid="stMain"]');
        const reset = document.querySelector('.st-key-chain_simple_reset');
        main.scrollBy(0, reset.getBoundingClientRect().top - 64);
    }""")
    sized.wait_for_timeout(300)
    chart = box(sized, GRAPH)
    assert box(sized, ".st-key-chain_simple_next button")["y"] >= 0
    assert chart["y"] + chart["height"] <= height


def test_the_copy_button_copies_the_link_of_the_view(sized, app_url: str) -> None:
    open_page(sized, f"{app_url}/xor?hidden=4")
    panel = sized.locator("[data-testid='stExpander']", has_text="Share this view")
    panel.get_by_text("Share this view").click()
    link = panel.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert link.startswith(f"{app_url}/xor?") and "hidden=4" in link
    sized.locator(".st-key-share_copy button").click()
    assert sized.evaluate("navigator.clipboard.readText()") == link
    assert panel.locator("[data-testid='stImage'] img").count() == 1  # the QR code


def test_a_refused_expression_is_shown_as_typed(sized, app_url: str) -> None:
    from playwright.sync_api import expect

    open_page(sized, f"{app_url}/chain_rule?example=own")
    box_ = sized.locator(".st-key-chain_own_expr input")
    box_.fill("__import__('os')")
    box_.press("Enter")
    alert = sized.locator("[data-testid='stAlertContentError']")
    expect(alert).to_contain_text("__import__")
    assert sized.locator(EXCEPTION).count() == 0


def test_embedded_the_playground_keeps_its_settings_in_the_main_area(sized,
                                                                    app_url: str) -> None:
    from playwright.sync_api import expect

    open_page(sized, f"{app_url}/playground?embed=true&lr=0.3")
    # (Streamlit 1.67 still shows the page list in the sidebar; older ones hid it all)
    assert sized.locator("[data-testid='stSidebar'] .st-key-pg_lr").count() == 0
    assert sized.locator("[data-testid='stMain'] .st-key-lang").count() == 1
    sized.get_by_text("Settings", exact=True).click()
    lr = sized.locator("[data-testid='stMain'] .st-key-pg_lr")
    expect(lr).to_contain_text("0.3")
