"""Benchmark of the live views as a class sees them (not a test): the playground and TensorFlow
Playground side by side in the same headless Chromium, on the same machine, in the same run.

    python bench/live_views.py                  # both tools, 10 s of play each, default spiral
    python bench/live_views.py --app /tmp/old   # another checkout of Backprop Lab (before/after)
    python bench/live_views.py --sessions 3     # also: 3 students playing at once
    python bench/live_views.py --sizes          # also: bytes per update for bigger networks
    python bench/live_views.py --trace          # also: where the browser's time goes

Sampled inside each page on every animation frame (``requestAnimationFrame``): the epoch
counter, a fingerprint of the boundary's picture (the href of its ``<image>``, the pixels of
TensorFlow Playground's canvas) and whether the boundary shows anything at all. So:

- boundary updates/s: how often the picture a person sees changed;
- epochs/s: how fast the counter ran; frames/s: animation frames the browser delivered;
- blank frames: frames where the boundary chart was missing or empty;
- bytes per update: websocket bytes received / boundary updates (Backprop Lab only);
- pause latency: from the click on Pause to the last change of the counter, and until the
  Play button is back;
- server CPU per frame: the Streamlit process's CPU time over the sampling window / frames
  drawn, next to the training share (a frame trains at least ``ui.training.loop.MIN_SLICE``
  seconds).

Goals (the issue): boundary updates ≥ TensorFlow Playground's, epochs/s ≥ 5× its, no blank
frame, ≥ 30 frames/s while playing, Pause within 200 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TFP = ROOT.parent / "shared" / "anchors" / "tf-playground" / "dist"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TFP_HASH = ("#activation=tanh&batchSize=10&dataset=spiral&regDataset=reg-plane&learningRate=0.03"
            "&regularizationRate=0&noise=20&networkShape=8,8&seed=0.1&showTestData=false"
            "&discretize=false&percTrainData=80&x=true&y=true&problem=classification")
SIZES = {"6 layers × 8": "layers=6&n1=8&n2=8&n3=8&n4=8&n5=8&n6=8",
         "3-class spiral, 64-64": "classes=3&n1=64&n2=64"}

# Installed before any page script: counts websocket bytes received.
WS_COUNTER = """(() => {
  const Native = window.WebSocket; window.__wsBytes = 0;
  window.WebSocket = function (url, protocols) {
    const ws = new Native(url, protocols);
    ws.addEventListener('message', (e) => {
      window.__wsBytes += e.data.byteLength ?? e.data.size ?? e.data.length ?? 0;
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})()"""

# Starts sampling for `seconds` on every animation frame; the result lands in window.__sample.
SAMPLER = """([kind, seconds]) => {
  const read = kind === 'tfp' ? () => {
      const canvas = document.querySelector('#heatmap canvas');
      const counter = document.querySelector('#iter-number');
      if (!canvas) return [counter?.textContent, null];
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 0; for (let i = 0; i < pixels.length; i += 29) h = (h * 31 + pixels[i]) | 0;
      return [counter?.textContent, h];
    } : () => {
      const chart = document.querySelector('.st-key-pg_boundary');
      const counter = document.querySelector('.st-key-pg_epoch [data-testid="stMetricValue"]');
      const image = chart?.querySelector('svg image');
      return [counter?.textContent, image?.getAttribute('href') || null];
    };
  window.__sample = null;
  const out = {frames: 0, updates: 0, blank: 0, epochs: [], bytes: window.__wsBytes ?? 0};
  let last = undefined; const start = performance.now();
  const tick = () => {
    const [epoch, picture] = read();
    out.frames += 1;
    if (picture === null) out.blank += 1;
    else if (last !== undefined && picture !== last) out.updates += 1;
    if (picture !== null) last = picture;
    out.epochs.push(Number(String(epoch).replace(/[^0-9.]/g, '')));
    if (performance.now() - start < seconds * 1000) requestAnimationFrame(tick);
    else {
      out.seconds = (performance.now() - start) / 1000;
      out.bytes = (window.__wsBytes ?? 0) - out.bytes;
      window.__sample = out;
    }
  };
  requestAnimationFrame(tick);
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(command: list[str], cwd: Path, url: str) -> Iterator[subprocess.Popen]:
    """A server started with ``command`` until the block ends, once ``url`` answers."""
    import urllib.request

    server = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):
                break
            time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=15)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def new_page(browser: object) -> object:
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else route.abort())
    context.add_init_script(WS_COUNTER)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.errors = []  # what the page logged as errors, shown when a step fails
    page.on("console", lambda m: page.errors.append(m.text[:200])
            if m.type == "error" and "ERR_" not in m.text and "404" not in m.text else None)
    return page


def open_app(page: object, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE)
    page.wait_for_selector(".st-key-pg_boundary svg image")


def start_sampling(page: object, kind: str, seconds: float) -> None:
    page.evaluate(SAMPLER, [kind, seconds])


def collect(page: object) -> dict:
    page.wait_for_function("() => window.__sample !== null", timeout=120_000)
    out = page.evaluate("window.__sample")
    epochs = [e for e in out["epochs"] if e == e]  # NaN while a counter is redrawn
    s = out["seconds"]
    return {"updates/s": out["updates"] / s, "epochs/s": (max(epochs) - min(epochs)) / s
            if epochs else 0.0, "frames/s": out["frames"] / s, "blank": out["blank"],
            "frames": out["frames"], "bytes/update": out["bytes"] / max(out["updates"], 1)}


def pause_latency(page: object) -> tuple[float, float]:
    """(ms from the click to the counter's last change, ms until Play is back)."""
    page.evaluate("""() => {
        const counter = document.querySelector('.st-key-pg_epoch');
        window.__lastChange = performance.now();
        new MutationObserver(() => { window.__lastChange = performance.now(); })
          .observe(counter, {subtree: true, childList: true, characterData: true});
    }""")
    clicked = page.evaluate("""() => {
        document.querySelector('.st-key-pg_pause button').click();
        return performance.now();
    }""")
    try:
        page.wait_for_selector(".st-key-pg_play button", timeout=30_000)
    except Exception:
        state = page.evaluate("document.querySelector('[data-testid=stApp]')?.dataset"
                              ".testScriptState")
        print(f"  Play did not come back within 30 s (script {state}); page errors: "
              f"{page.errors[:3]}")
        return float("nan"), float("nan")
    back = page.evaluate("performance.now()")
    page.wait_for_timeout(1000)
    last = page.evaluate("window.__lastChange")
    return max(0.0, last - clicked), back - clicked


def pause_report(page: object, times: int) -> None:
    """Pause ``times`` times (playing 0.5-1.5 s in between) and print the latencies."""
    afters, backs = [], []
    for k in range(times):
        if k:
            page.locator(".st-key-pg_play button").click()
            page.wait_for_selector(".st-key-pg_pause button")
            page.wait_for_timeout(500 + 250 * (k % 5))
        after, back = pause_latency(page)
        afters.append(after)
        backs.append(back)
    print(f"  {'':<26} Pause ×{times}: counter still changed "
          + ", ".join(f"{a:.0f}" for a in afters) + " ms after the click "
          f"({sum(a > 200 for a in afters)} over 200 ms); Play back after median "
          f"{sorted(backs)[len(backs) // 2]:.0f} ms, max {max(backs):.0f} ms")


def play_app(page: object, url: str, seconds: float, server: int | None = None) -> dict:
    """Play the playground and sample it; with the server's PID, also its CPU seconds over
    the sampling window ("cpu")."""
    open_app(page, url)
    page.locator(".st-key-pg_play button").click()
    page.wait_for_selector(".st-key-pg_pause button")
    page.wait_for_timeout(1500)
    cpu = cpu_seconds(server) if server else 0.0
    start_sampling(page, "app", seconds)
    result = collect(page)
    result["cpu"] = cpu_seconds(server) - cpu if server else 0.0
    return result


def play_tfp(page: object, url: str, seconds: float) -> dict:
    page.goto(url + "/index.html" + TFP_HASH)
    page.wait_for_selector("#heatmap canvas")
    page.locator("#play-pause-button").click()
    page.wait_for_timeout(1500)
    start_sampling(page, "tfp", seconds)
    result = collect(page)
    result.pop("bytes/update")
    return result


def trace(browser: object, page: object, seconds: float) -> dict[str, float]:
    """ms per second of play the renderer's main thread spends per kind of work."""
    browser.start_tracing(page=page, categories=["devtools.timeline", "v8"])
    page.wait_for_timeout(int(1000 * seconds))
    events = json.loads(browser.stop_tracing())["traceEvents"]
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    kinds = {"FunctionCall": "script", "EvaluateScript": "script", "v8.run": "script",
             "TimerFire": "script", "FireAnimationFrame": "script", "EventDispatch": "script",
             "UpdateLayoutTree": "style", "Layout": "layout", "PrePaint": "paint",
             "Paint": "paint", "Layerize": "paint", "UpdateLayer": "paint",
             "MinorGC": "gc", "MajorGC": "gc", "V8.GC_SCAVENGER": "gc", "ParseHTML": "parse",
             "RunTask": "busy (all tasks)"}
    totals: dict[str, float] = defaultdict(float)
    for e in events:
        if e.get("ph") == "X" and (e["pid"], e["tid"]) in main and e["name"] in kinds:
            totals[kinds[e["name"]]] += e.get("dur", 0) / 1000 / seconds
    return dict(totals)


def show(name: str, r: dict, reference: dict | None = None) -> None:
    line = (f"  {name:<26} boundary updates/s {r['updates/s']:6.1f}   epochs/s {r['epochs/s']:7.1f}"
            f"   frames/s {r['frames/s']:5.1f}   blank {r['blank']}/{r['frames']}")
    if "bytes/update" in r:
        line += f"   bytes/update {r['bytes/update'] / 1000:6.1f} kB"
    print(line)
    if reference:
        ratios = {k: r[k] / reference[k] for k in ("updates/s", "epochs/s", "frames/s")
                  if reference[k]}
        print("  " + " " * 26 + " ratio to TensorFlow Playground: " + ", ".join(
            f"{k} {v:.2f}×" for k, v in ratios.items()))


def app_server(app: Path, port: int) -> contextlib.AbstractContextManager:
    command = [sys.executable, "-m", "streamlit", "run", str(app / "app.py"), "--server.port",
               str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    return serve(command, app, f"http://127.0.0.1:{port}/_stcore/health")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=ROOT, help="Backprop Lab checkout")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--sessions", type=int, default=0, help="also N sessions at once")
    parser.add_argument("--sizes", action="store_true", help="also bigger networks")
    parser.add_argument("--trace", action="store_true", help="also a performance trace")
    parser.add_argument("--pauses", type=int, default=5, help="times Pause is measured")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    app_port, tfp_port = free_port(), free_port()
    tfp_command = [sys.executable, "-m", "http.server", str(tfp_port), "--bind", "127.0.0.1",
                   "--directory", str(TFP)]
    with (app_server(args.app, app_port) as server,
          serve(tfp_command, TFP, f"http://127.0.0.1:{tfp_port}/index.html"),
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        url = f"http://127.0.0.1:{app_port}/playground"
        print(f"{args.seconds:g} s of play each, headless Chromium, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}; app: {args.app}")
        page = new_page(browser)
        tfp = play_tfp(page, f"http://127.0.0.1:{tfp_port}", args.seconds)
        if args.trace:
            print("  TensorFlow Playground, main thread ms per s:",
                  {k: round(v) for k, v in trace(browser, page, 3).items()})
        page.context.close()
        show("TensorFlow Playground", tfp)
        page = new_page(browser)
        app = play_app(page, url, args.seconds, server.pid)
        show("Backprop Lab", app, tfp)
        updates = app["updates/s"] * args.seconds
        print(f"  {'':<26} server CPU {1000 * app['cpu'] / max(updates, 1):.1f} ms per boundary "
              f"update, training included ({app['cpu'] / args.seconds:.2f} s of CPU per s)")
        if args.trace:
            print("  Backprop Lab, main thread ms per s:",
                  {k: round(v) for k, v in trace(browser, page, 3).items()})
        pause_report(page, args.pauses)
        page.context.close()
        if args.sizes:
            for name, query in SIZES.items():
                page = new_page(browser)
                show(name, play_app(page, f"{url}?{query}", min(args.seconds, 5)))
                page.context.close()
        if args.sessions:
            pages = [new_page(browser) for _ in range(args.sessions)]
            for p in pages:
                open_app(p, url)
                p.locator(".st-key-pg_play button").click()
            time.sleep(3)
            for p in pages:
                start_sampling(p, "app", args.seconds)
            for i, p in enumerate(pages):
                show(f"session {i + 1} of {args.sessions}", collect(p))
        browser.close()


if __name__ == "__main__":
    main()
