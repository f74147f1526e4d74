"""A probe that watches live charts (``ui.live_chart``) on every animation frame in the page.

    probe = frame_probe({"curve": live("pg_prediction")}, marks={"curve": ".trace .js-line"})
    seen = page.evaluate(probe, 4000)  # watch for 4 s

``charts`` names CSS selectors of live charts; ``marks`` says, for the charts whose picture
is watched, which SVG elements draw it (their ``href`` or ``d`` is the picture: an image's
data URL, a line's or a bar's path). ``seen`` counts the animation ``frames``; ``blank``, the
frames in which a watched chart showed no picture (or was missing); ``replaced``, the frames
in which a chart was not the DOM node of the first frame (re-created); ``pictures``, the
fewest different pictures a watched chart showed (``each``: per watched chart); with
``in_step``, ``behind`` counts the checks (``checks``, every 250 ms) at which the charts'
revisions (``data-rev``, one per message) were more than one apart: one fell behind.
"""

from __future__ import annotations

import json

_WATCH = """async ({ms, charts, marks, inStep, until, least}) => {
  const find = () => Object.fromEntries(
    Object.entries(charts).map(([name, css]) => [name, document.querySelector(css)]));
  const picture = (chart, css) => [...(chart?.querySelectorAll(css) ?? [])]
    .map((mark) => mark.getAttribute('href') ?? mark.getAttribute('d') ?? '')
    .filter((value) => value && value !== 'M0,0Z').join('|');
  const first = find();
  const seen = Object.fromEntries(Object.keys(marks).map((name) => [name, new Set()]));
  let frames = 0, blank = 0, replaced = 0, checks = 0, behind = 0;
  let nextCheck = 0;
  const enough = () => until && performance.now() - start >= least
    && Object.values(seen).every((shown) => shown.size >= until);
  const start = performance.now();
  while (performance.now() - start < ms && !enough()) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    frames += 1;
    const now = find();
    for (const [name, css] of Object.entries(marks)) {
      const shown = picture(now[name], css);
      if (!shown) blank += 1; else seen[name].add(shown);
    }
    if (Object.keys(now).some((name) => now[name] !== first[name])) replaced += 1;
    if (inStep && performance.now() - start >= nextCheck) {
      // Every message updates all the charts: none may fall behind the others (at most
      // the one update that is being drawn right now).
      nextCheck += 250;
      const revs = Object.values(now).map((chart) => Number(chart?.dataset.rev));
      checks += 1;
      if (Math.max(...revs) - Math.min(...revs) > 1) behind += 1;
    }
  }
  const each = Object.fromEntries(Object.entries(seen).map(([name, shown]) => [name, shown.size]));
  const pictures = Math.min(...Object.values(each));
  return {frames, blank, replaced, pictures, each, checks, behind};
}"""


def live(key: str) -> str:
    """The CSS selector of live chart ``key``'s plotly div."""
    return f".st-key-{key} .live-chart"


def frame_probe(charts: dict[str, str], marks: dict[str, str], *, in_step: bool = True,
                until: int | None = None, least: int = 0) -> str:
    """The probe (module docstring) as a JavaScript function of the milliseconds to watch,
    for ``page.evaluate(probe, ms)``; with ``until``, it stops sooner, once it has watched
    ``least`` ms and every watched chart has shown ``until`` pictures (a busy machine sends
    fewer of them a second)."""
    options = json.dumps({"charts": charts, "marks": marks, "inStep": in_step,
                          "until": until, "least": least})
    return f"(ms) => ({_WATCH})({{...{options}, ms}})"


# The playground's live views: the boundary's picture is its image.
PLAYGROUND_FRAMES = frame_probe(
    {"boundary": live("pg_boundary"), "network": live("pg_network"), "curves": live("pg_curves")},
    marks={"boundary": "svg image"})
