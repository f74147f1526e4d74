"""Benchmark of the step players as a person sees them (not a test). Run:
``python bench/step_players.py [--root DIR] [--clicks N] [--play S]``.

For each step player (the chain-rule graph, the MLP step, the XOR perceptron) it serves the app
with ``streamlit run``, opens the page in headless Chromium and, inside the page:

1. **Next, click to drawn**: clicks the player's Next button from JavaScript and samples the
   chart on every animation frame (``requestAnimationFrame``) until its drawing (the text of
   its SVG and the colours of its markers) differs from the one before the click; the time from
   the click to that frame is the latency. Median and worst of ``--clicks`` clicks, and whether
   the chart stayed the same DOM node.
2. **Play**: presses Play and samples every frame for ``--play`` seconds: how many frames
   showed the chart blank (no plot, no drawn trace, or collapsed), how many distinct pictures
   were shown, and how often the chart's DOM node was replaced.

Goal: Next → new step drawn ≤ 100 ms; Play with no blank frame and one DOM node throughout.
The page's animation-frame rate when idle is printed too: on a loaded machine (a few frames a
second) every latency is at least a frame or two.
``--root`` serves another checkout (e.g. ``git archive HEAD | tar -x -C /tmp/head`` for the
numbers before a change).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WAIT = 120_000  # ms: a loaded machine may take long to open a page


@dataclass(frozen=True)
class Player:
    page: str  # URL path
    key: str  # the player's key: buttons are <key>_next, <key>_play
    chart: str  # the chart's element key


PLAYERS = (Player("chain_rule", "chain_simple", "chain_simple_graph"),
           Player("mlp_step", "mlp_step", "mlp_step_diagram"),
           Player("xor", "xor_pla", "xor_pla_plane"))

# In the page: the chart's plot, its drawing's fingerprint, whether it is blank.
PROBE = """
window.__probe = (chartKey) => {
  const plot = () => document.querySelector(`.st-key-${chartKey} .js-plotly-plot`);
  const print = (el) => {
    if (!el || !el.querySelector('.main-svg')) return null;
    let s = '';
    for (const t of el.querySelectorAll('text')) s += t.textContent + '|';
    for (const p of el.querySelectorAll('path.point, .annotation')) {
      s += (p.style.fill || '') + (p.style.stroke || '') + (p.getAttribute('transform') || '');
    }
    return s;
  };
  const blank = (el) => !el || !el.querySelector('.main-svg') || !el.querySelector('g.trace')
      || el.getBoundingClientRect().height < 20;
  return {plot, print, blank};
};
window.__next = (chartKey, button) => new Promise((resolve) => {
  const {plot, print} = window.__probe(chartKey);
  const node = plot(), before = print(node), t0 = performance.now();
  document.querySelector(button).click();
  const loop = () => {
    const el = plot(), now = print(el);
    if (now !== null && now !== before) {
      resolve({ms: performance.now() - t0, same: el === node});
    } else if (performance.now() - t0 > 10000) {
      resolve({ms: null, same: el === node});
    } else {
      requestAnimationFrame(loop);
    }
  };
  requestAnimationFrame(loop);
});
window.__watch = (chartKey, seconds) => new Promise((resolve) => {
  const {plot, print, blank} = window.__probe(chartKey);
  const first = plot(), pictures = new Set();
  let frames = 0, blanks = 0, replaced = 0, node = first;
  const t0 = performance.now();
  const loop = () => {
    const el = plot();
    frames += 1;
    if (blank(el)) blanks += 1; else pictures.add(print(el));
    if (el !== node) { replaced += 1; node = el; }
    if (performance.now() - t0 < seconds * 1000) requestAnimationFrame(loop);
    else resolve({frames, blanks, pictures: pictures.size, replaced});
  };
  requestAnimationFrame(loop);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(root: Path):
    """``streamlit run app.py`` from ``root`` on a free port; stopped by its PID."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def press(tab, *keys: str) -> None:
    """Click the first button keyed one of ``keys`` from JavaScript (as the Next clicks are)."""
    tab.evaluate("(keys) => keys.map((k) => document.querySelector(`.st-key-${k} button`))"
                 ".find(Boolean).click()", list(keys))


def measure(tab, url: str, player: Player, clicks: int, play: float) -> dict:
    """Next latencies and a Play sample of one player (see the module docstring)."""
    tab.goto(f"{url}/{player.page}")
    tab.wait_for_selector(IDLE, state="attached", timeout=WAIT)
    tab.wait_for_timeout(1000)
    if tab.locator("[role='dialog']").count():  # "Page not found" of an older router
        tab.keyboard.press("Escape")
    tab.locator(f".st-key-{player.chart}").first.scroll_into_view_if_needed()  # drawn lazily
    tab.wait_for_selector(f".st-key-{player.chart} .js-plotly-plot .main-svg", state="attached",
                          timeout=WAIT)
    tab.evaluate(PROBE)
    idle = tab.evaluate("([c, s]) => window.__watch(c, s)", [player.chart, 1.0])
    button = f".st-key-{player.key}_next button"
    latencies, same = [], True
    for _ in range(clicks):
        tab.wait_for_timeout(400)  # let the last step settle
        tab.wait_for_selector(IDLE, state="attached", timeout=WAIT)
        if tab.locator(button).first.is_disabled():
            break
        result = tab.evaluate("([c, b]) => window.__next(c, b)", [player.chart, button])
        if result["ms"] is not None:
            latencies.append(result["ms"])
        same = same and result["same"]
    tab.wait_for_timeout(400)
    press(tab, f"{player.key}_reset")
    tab.wait_for_timeout(600)
    press(tab, f"{player.key}_play")
    watched = tab.evaluate("([c, s]) => window.__watch(c, s)", [player.chart, play])
    press(tab, f"{player.key}_pause", f"{player.key}_play")  # Pause (one button, before)
    return {"latencies": latencies, "same_node": same, "idle_fps": idle["frames"], **watched}


def report(name: str, result: dict) -> str:
    lat = result["latencies"]
    next_text = (f"Next click→drawn median {statistics.median(lat):.0f} ms, "
                 f"max {max(lat):.0f} ms over {len(lat)}" if lat else "Next: no change seen")
    return (f"{name:12s} {next_text}; same node on Next: {result['same_node']}; "
            f"Play: {result['blanks']}/{result['frames']} blank frames, "
            f"{result['pictures']} pictures, node replaced {result['replaced']}×; "
            f"idle {result['idle_fps']} frames/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--clicks", type=int, default=8)
    parser.add_argument("--play", type=float, default=4.0)
    parser.add_argument("--only", default=None, help="one page: chain_rule, mlp_step or xor")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with served(options.root.resolve()) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for player in PLAYERS:
            if options.only and player.page != options.only:
                continue
            tab = browser.new_page(viewport={"width": 1400, "height": 1800})
            print(report(player.page, measure(tab, url, player, options.clicks, options.play)),
                  flush=True)
            tab.close()
        browser.close()


if __name__ == "__main__":
    main()
