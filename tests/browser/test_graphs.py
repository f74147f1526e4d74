"""The graph pages in a real browser: the step player's chart is updated in place (the same DOM
node, never blank) by Next and Play; the keyboard steps and plays it; no page fails in either
language."""

from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, LOAD, fresh, open_page

pytestmark = pytest.mark.browser
PLOT = ".st-key-chain_simple_graph .js-plotly-plot"
SLIDER = f"{fresh('chain_simple_position')} input[type='range']"
PAGES = ["chain_rule", "sigmoid_gate", "vectorized"]

# Sampled on every animation frame until stopped: is the chart the node we started with, is it
# blank (no plot, no drawn trace, collapsed), and how many different pictures were shown.
WATCH = """(plot) => {
  const print = (el) => Array.from(el.querySelectorAll('text, path.point'),
      (n) => n.textContent + (n.style.fill || '') + (n.getAttribute('transform') || '')).join('|');
  const first = document.querySelector(plot);
  const out = {frames: 0, blanks: 0, replaced: 0, pictures: new Set(), running: true};
  const loop = () => {
    const el = document.querySelector(plot);
    out.frames += 1;
    if (el !== first) out.replaced += 1;
    if (!el || !el.querySelector('.main-svg g.trace') || el.getBoundingClientRect().height < 20)
      out.blanks += 1;
    else out.pictures.add(print(el));
    if (out.running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  window.__watch = out;
}"""
STOP = """() => { const w = window.__watch; w.running = false;
  return {frames: w.frames, blanks: w.blanks, replaced: w.replaced, pictures: w.pictures.size}; }"""


def wait_for_step(page, at_least: int, *, exactly: bool = False) -> None:
    """Wait until the player's slider stands at ``at_least`` (or later)."""
    test = "===" if exactly else ">="
    page.wait_for_function(f"([s, n]) => Number(document.querySelector(s)?.value) {test} n",
                           arg=[SLIDER, at_least], timeout=20_000)


def button(page, name: str):
    """The player's button ``name`` (Streamlit draws a hidden copy of a button: take the first)."""
    return page.locator(f"{fresh(f'chain_simple_{name}')} button").first


def test_next_and_play_update_the_chart_in_place(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/chain_rule")
    page.wait_for_selector(f"{PLOT} .main-svg g.trace")
    page.evaluate(WATCH, PLOT)
    button(page, "next").click()
    wait_for_step(page, 1, exactly=True)
    expect(page.locator(f"{PLOT} text", has_text="-2")).to_have_count(1)  # x's value appeared
    button(page, "play").click()
    expect(button(page, "pause")).to_be_visible()
    wait_for_step(page, 4)
    page.locator(PLOT).screenshot(path=shots / "playing.png")
    button(page, "pause").click()
    expect(button(page, "play")).to_be_visible()
    page.wait_for_timeout(600)  # the last step's transition
    seen = page.evaluate(STOP)
    assert seen["replaced"] == 0, seen  # the same DOM node before and after Next and Play
    assert seen["blanks"] == 0, seen  # not one frame showed the chart blank
    assert seen["pictures"] >= 4, seen  # and it did change: Next, then every step played
    assert seen["frames"] > 10, seen
    assert page.locator(EXCEPTION).count() == 0


def test_arrow_keys_and_space_step_and_play(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/chain_rule")
    page.wait_for_selector(f"{PLOT} .main-svg g.trace")
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 1, exactly=True)
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 2, exactly=True)
    page.keyboard.press("ArrowLeft")
    wait_for_step(page, 1, exactly=True)
    page.keyboard.press("Space")
    expect(button(page, "pause")).to_be_visible()
    wait_for_step(page, 3)
    page.keyboard.press("Space")
    expect(button(page, "play")).to_be_visible()
    page.keyboard.press("Home")
    wait_for_step(page, 0, exactly=True)
    assert page.locator(EXCEPTION).count() == 0


def test_graph_pages_render_without_exception(page, app_url: str, shots: Path) -> None:
    """Every graph page once, in English and Vietnamese by turns (AppTest reads every text of
    both languages)."""
    for slug, lang in zip(PAGES, ["en", "vi"] * len(PAGES), strict=False):
        open_page(page, f"{app_url}/{slug}?lang={lang}")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=LOAD)
        assert page.locator(EXCEPTION).count() == 0, slug
        page.screenshot(path=shots / f"{slug}-{lang}.png")
