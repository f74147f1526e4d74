"""Soak of a diverging run in a real browser (not a test; issue 16, item 1). Run:
``python bench/divergence_soak.py [--seconds 150] [--query "lr=10&opt=sgd"]``.

Serves the app (``streamlit run``, as the browser tests do), opens the playground with the
query in headless Chromium and presses Play; every 5 s it prints the epoch counter and how
many buttons are disabled (a page that lost its connection disables every widget), then
presses Pause and prints how long the Play button took to come back and every console
message about a missed message cache entry ("Cached ForwardMsg MISS") or a lost connection.
Before the fix the page froze after 26–33 s of play at lr 10 on a loaded machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, IDLE, serve_app

METRIC = '.st-key-pg_epoch [data-testid="stMetricValue"]'
WAIT = 120_000  # ms: a loaded machine may take long to open the page


def soak(url: str, seconds: float) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        log: list[str] = []
        page.on("console", lambda message: log.append(message.text))
        page.goto(url, timeout=WAIT)
        page.wait_for_selector(IDLE, timeout=WAIT)
        page.locator(".st-key-pg_play button").click()
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            time.sleep(5)
            print(f"{time.monotonic() - started:5.0f} s  epoch {page.inner_text(METRIC):>6}  "
                  f"disabled buttons {page.locator('button:disabled').count()}", flush=True)
        clicked = time.monotonic()
        page.locator(".st-key-pg_pause button").click()
        page.wait_for_selector(".st-key-pg_play button", timeout=WAIT)
        print(f"Pause: Play back after {time.monotonic() - clicked:.2f} s")
        lost = [m for m in log if "MISS" in m or "disconnect" in m.lower()]
        print(f"cache misses and lost connections: {len(lost)} {lost[:3]}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=150.0)
    parser.add_argument("--query", default="lr=10&opt=sgd")
    args = parser.parse_args()
    with serve_app() as url:
        soak(f"{url}/playground?{args.query}", args.seconds)


if __name__ == "__main__":
    main()
