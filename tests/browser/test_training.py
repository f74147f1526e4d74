"""The training pages in a real browser: Play animates the playground in place (the boundary is
the same DOM node throughout, its picture changes, no animation frame shows it blank, the
curves and the network keep up with the counter), settings change while playing, a diverging
run keeps the page alive and says so, a preset link opens with its settings; never an
exception."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EXCEPTION, LOAD, RERUN, open_page
from tests.browser.frames import PLAYGROUND_FRAMES as SAMPLE
from tests.browser.frames import live

pytestmark = pytest.mark.browser

BOUNDARY = live("pg_boundary")
EPOCH = '.st-key-pg_epoch [data-testid="stMetricValue"]'
PLAY, PAUSE = ".st-key-pg_play button", ".st-key-pg_pause button"

CURVES_END_AT_THE_COUNTER = f"""() => {{
  const x = document.querySelector('.st-key-pg_curves .live-chart')?.data?.[0]?.x;
  return x && x[x.length - 1] === Number(document.querySelector('{EPOCH}')?.textContent);
}}"""


# While playing, a new picture of the boundary is swapped into the drawn <image> (its href
# exactly the source sent) rather than re-encoded by plotly's relayout (a frame
# that changes more than the picture still goes through plotly: polled until a swapped one).
SWAPPED = f"""() => {{
  const image = document.querySelector('{BOUNDARY} svg image');
  const state = [...document.querySelectorAll('.st-key-pg_boundary *')]
    .find((e) => e.__liveChart)?.__liveChart;
  return Number(state?.div.dataset.frames) > 3
    && image?.getAttribute('href') === state.shownFigure.layout.images[0].source;
}}"""


def open_playground(page, url: str) -> None:
    page.set_default_timeout(LOAD)
    open_page(page, url)
    page.wait_for_selector(f"{BOUNDARY} svg image")


def epoch_reached(page, epochs: int, timeout: int = 60_000) -> None:
    page.wait_for_function(
        f"() => Number(document.querySelector('{EPOCH}')?.textContent) >= {epochs}",
        timeout=timeout)


def test_play_updates_the_live_views_in_place(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_playground(page, f"{app_url}/playground")
    expect(page.locator(EPOCH)).to_have_text("0")
    page.evaluate(f"window.__boundary = document.querySelector('{BOUNDARY}')")
    before = page.locator(f"{BOUNDARY} svg image").get_attribute("href")

    page.locator(PLAY).click()
    expect(page.locator(PAUSE)).to_contain_text("Pause", timeout=RERUN)
    epoch_reached(page, 5)
    seen = page.evaluate(SAMPLE, 4000)
    page.wait_for_function(SWAPPED, timeout=RERUN)  # polled on every animation frame
    page.locator(PAUSE).click()
    expect(page.locator(PLAY)).to_contain_text("Play", timeout=RERUN)

    assert page.evaluate(f"window.__boundary === document.querySelector('{BOUNDARY}')")
    after = page.locator(f"{BOUNDARY} svg image").get_attribute("href")
    assert after != before and seen["pictures"] >= 3  # the picture changed, several times
    assert seen["blank"] == 0 and seen["replaced"] == 0, seen  # never blank, never re-created
    assert seen["checks"] >= 10 and seen["behind"] == 0, seen  # curves, network keep up
    page.wait_for_function(CURVES_END_AT_THE_COUNTER)  # once drawn
    assert page.locator(EXCEPTION).count() == 0


# The network's edges and pictures and the curves' lines are redrawn in place while playing
# (ui/live_pictures.js), and each curve is drawn whole by plotly once the play stops (its hover
# then knows every point).
IN_PLACE = """(keys) => keys.every((key) => Number(document.querySelector(
  `.st-key-${key} .live-chart`)?.dataset.inPlace) >= 3)"""
CURVES = live("pg_curves")
LINE = f"() => document.querySelector('{CURVES} path.js-line')?.getAttribute('d')"
HOVER_KNOWS_EVERY_POINT = f"""() => {{
  const div = document.querySelector('{CURVES}');
  return div?.calcdata?.every((points, i) => points.length === div.data[i].x.length)
    && Number(div.dataset.frames) > Number(div.dataset.inPlace); }}"""


def test_network_and_curves_are_redrawn_in_place_while_playing(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_playground(page, f"{app_url}/playground")
    page.locator(PLAY).click()
    expect(page.locator(PAUSE)).to_contain_text("Pause", timeout=RERUN)
    page.wait_for_function(IN_PLACE, arg=["pg_network", "pg_curves"], timeout=RERUN)
    lines = set()
    for _ in range(12):
        lines.add(page.evaluate(LINE))
        page.wait_for_timeout(250)
    page.locator(PAUSE).click()
    expect(page.locator(PLAY)).to_contain_text("Play", timeout=RERUN)
    assert len(lines - {None}) >= 3  # the line moved
    page.wait_for_function(HOVER_KNOWS_EVERY_POINT, timeout=RERUN)
    page.wait_for_function(CURVES_END_AT_THE_COUNTER)
    assert page.locator(EXCEPTION).count() == 0


def test_settings_change_while_playing(page, app_url: str) -> None:
    from playwright.sync_api import expect

    open_playground(page, f"{app_url}/playground")
    page.evaluate(f"window.__boundary = document.querySelector('{BOUNDARY}')")
    page.locator(PLAY).click()
    epoch_reached(page, 3)
    page.get_by_role("slider", name="Learning rate η").press("ArrowRight")  # 0.1 → 0.3
    expect(page.locator(".st-key-pg_lr")).to_contain_text("0.3", timeout=RERUN)
    reached = int(page.locator(EPOCH).inner_text())
    epoch_reached(page, reached + 5)  # still playing, with the new rate
    expect(page.locator(PAUSE)).to_be_visible(timeout=RERUN)
    assert page.evaluate(f"window.__boundary === document.querySelector('{BOUNDARY}')")
    page.locator(PAUSE).click()
    expect(page.locator(PLAY)).to_be_visible(timeout=RERUN)
    assert page.locator(EXCEPTION).count() == 0


def test_a_diverging_run_keeps_the_page_alive(page, app_url: str) -> None:
    """At lr 10 the page used to freeze after half a minute ("Cached ForwardMsg MISS", every
    widget disabled); now it keeps training, names the divergence and still pauses."""
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "ForwardMsg" in m.text else None)
    open_playground(page, f"{app_url}/playground?lr=10")
    page.locator(PLAY).click()
    epoch_reached(page, 40)
    expect(page.get_by_text("The training diverges")).to_be_visible(timeout=RERUN)
    page.wait_for_timeout(6000)
    reached = int(page.locator(EPOCH).inner_text())
    epoch_reached(page, reached + 10)  # still training
    assert page.locator(PAUSE).is_enabled()
    page.locator(PAUSE).click()
    expect(page.locator(PLAY)).to_be_visible(timeout=RERUN)
    assert not errors and page.locator(EXCEPTION).count() == 0


def test_a_preset_link_opens_with_its_settings(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.set_default_timeout(LOAD)  # a loaded machine (the full parallel run) is slow here
    open_page(page, f"{app_url}/playground?lang=vi&data=circles&layers=1&n1=3&lr=0.03")
    expect(page.get_by_role("heading", name="Sân chơi huấn luyện")).to_be_visible(timeout=RERUN)
    expect(page.locator(".st-key-pg_data input")).to_have_value("Hai vòng tròn", timeout=RERUN)
    expect(page.locator(".st-key-pg_lr")).to_contain_text("0.03", timeout=RERUN)
    assert page.locator(EXCEPTION).count() == 0
