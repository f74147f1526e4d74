"""Real-browser fixtures: the app served by ``streamlit run`` and Debian's Chromium via Playwright.

Without Chromium the browser tests skip with the reason; with ``CI=true`` that is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
RERUN = 20_000  # ms a click's rerun may take on a busy machine (the full parallel run)
LOAD = 90_000  # ms a page's first load may take there (plotly.js is loaded and started once)
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_app() -> Iterator[str]:
    """``streamlit run app.py`` on a free localhost port, until the block ends; stopped by PID."""
    port = _free_port()
    streamlit = shutil.which("streamlit") or f"{sys.executable} -m streamlit"
    command = [*streamlit.split(), "run", str(ROOT / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(server, url)
        yield url
    finally:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_healthy(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"streamlit did not start:\n{output}")
            time.sleep(0.2)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The app served once for the whole browser session."""
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url: str) -> Iterator[object]:
    """A fresh tab (tall viewport, so screenshots show the whole page) that can reach localhost
    only."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1", "http://localhost",
                                                   "ws://127.0.0.1", "data:", "blob:"))
                  else route.abort())
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where a test saves its screenshots."""
    return tmp_path_factory.mktemp("screenshots")


def fresh(key: str) -> str:
    """The element with widget/element ``key``, not the stale copy Streamlit keeps on screen
    while a fragment redraws it (``data-stale="true"``)."""
    return f'.st-key-{key}:not([data-stale="true"])'


def open_page(tab, url: str) -> None:
    """Go to ``url`` and wait until the script has finished and nothing failed."""
    tab.goto(url)
    tab.wait_for_selector(IDLE)
    assert tab.locator(EXCEPTION).count() == 0
