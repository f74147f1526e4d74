"""The optimizer race in a real browser: Play moves the paths on the contour map in place —
the same chart element, redrawn many times, never a frame without the paths."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.browser.conftest import EXCEPTION, fresh, open_page

pytestmark = pytest.mark.browser

LIVE = fresh("or_chart_contour_live")
PAUSED = fresh("or_chart_contour")


def button(key: str) -> str:
    """The button with widget key ``key``: not a stale copy kept while the page reruns, and
    the one shown (a button with help is in the page twice, once inside its tooltip)."""
    return f'{fresh(key)} [data-testid^="stBaseButton"] >> visible=true >> nth=0'

# Sampled on every animation frame until the drawing has changed `target` times (or `ms`
# milliseconds have passed): is the live chart's plot there with a drawn path, is it the same
# DOM node as on the first frame, and what does the first path look like (its "d" attribute:
# a fingerprint of the drawing).
SAMPLE = """
async ([selector, ms, target]) => {
  const frames = [];
  let first = null, changes = 0;
  const end = performance.now() + ms;
  while (performance.now() < end && changes < target) {
    await new Promise(requestAnimationFrame);
    const plot = document.querySelector(`${selector} .js-plotly-plot`);
    const line = plot?.querySelector(".scatterlayer .trace path.js-line");
    const d = line?.getAttribute("d") ?? "";
    if (plot && first === null) first = plot;
    if (frames.length && d !== frames[frames.length - 1].d) changes += 1;
    frames.push({drawn: Boolean(plot) && d.length > 0, same: plot === first, d});
  }
  return frames;
}
"""
REDRAWS = 8


def test_playing_updates_the_paths_in_place(page, app_url: str, shots: Path) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(90_000)  # a page of five charts and many formulas
    expect.set_options(timeout=60_000)
    open_page(page, f"{app_url}/optimizer_race?race=sgd,momentum&speed=1&steps=500&solid=0")
    page.wait_for_selector(f"{PAUSED} .main-svg")
    page.locator(button("or_reset")).click()
    expect(page.locator(button("or_step"))).to_be_enabled()
    page.locator(button("or_play")).click()
    expect(page.locator(button("or_pause"))).to_be_visible()
    page.wait_for_selector(f"{LIVE} .scatterlayer .trace path.js-line")

    # the plain class: while the fragment reruns Streamlit marks the chart stale, yet keeps it
    frames = page.evaluate(SAMPLE, [".st-key-or_chart_contour_live", 60_000, REDRAWS])
    page.locator(LIVE).screenshot(path=shots / "race-playing.png")
    page.locator(button("or_pause")).click()
    expect(page.locator(button("or_play"))).to_be_visible()

    drawings = [f["d"] for f in frames]
    changes = sum(a != b for a, b in itertools.pairwise(drawings))
    assert all(f["drawn"] for f in frames), "a frame without the paths"
    assert all(f["same"] for f in frames), "the chart element was re-created"
    assert changes >= REDRAWS, f"the paths were redrawn only {changes} times in a minute"
    assert page.locator(EXCEPTION).count() == 0
