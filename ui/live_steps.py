"""A live chart of a step player that steps in the browser at once: with each message the
browser also gets the figures of the positions around the current one, and a click on the
player's Next / Previous / Reset (or ← / → / Home) shows the new position's figure right
away, before the click's rerun reaches the server; that rerun then confirms it (the same
position: nothing is redrawn) or corrects it (the server's position wins).

    step_chart(key, StepFrames(figure_of, count, position, source, controls))

``figure_of(k)`` is the figure at position ``k`` (``0 <= k < count``), a ``go.Figure`` or a
plain dict; it is called only for the positions the browser does not have yet (the current
one and up to ``WINDOW`` on each side, plus position 0 for Reset; once each, unless the
player has since gone far from it) while ``source`` stays the same object: pass an object
made once per full run of the page (the player passes its render callback), so that the
fragment's reruns (Next, Play) reuse the figures and a full run (new inputs, another
language) starts afresh (None: every run).
``controls`` maps "next", "previous", "reset" to CSS selectors of the player's buttons;
``moves`` counts the clicks on them the server has handled: the browser counts the clicks it
saw, and once the server's count has caught up with them, the server's position is shown
(normally the one already shown: nothing is redrawn). A click the server never handled
(Streamlit may merge two quick clicks into one) is undone once the app has been idle a while.

What is sent (``payload["step"]``): ``{"id", "position", "count", "moves", "controls", "ref",
"figures": [[k, update], ...]}``; each update turns the figure at position ``ref`` (which the
browser holds, or which the same message sends first as a whole figure) into the figure at
``k`` (``ui.figure_updates.figure_update``). ``id`` changes when ``source`` changes or the
browser asked for everything again: the browser then forgets the figures it held.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from ui.figure_updates import encode, figure_update, plain_figure
from ui.live_chart import send, wants_full

WINDOW = 3  # positions on each side of the current one the browser holds in advance
STEPS = "_live_steps"  # session key: per chart {source, id, held, cache}


@dataclass(frozen=True, eq=False)
class StepFrames:
    """Every position's figure of a step player (see the module docstring)."""

    figure_of: Callable[[int], Any]
    count: int  # positions 0 .. count - 1
    position: int
    source: object  # the same object while the figures stay the same
    controls: Mapping[str, str] = field(default_factory=dict)
    moves: int = 0  # clicks on the controls the server has handled


def _book(key: str, steps: StepFrames) -> dict:
    """This chart's bookkeeping, started afresh for a new source or a whole-figure resend."""
    books = st.session_state.setdefault(STEPS, {})
    book = books.get(key)
    if (book is None or steps.source is None or book["source"] is not steps.source
            or wants_full(key)):
        book = {"source": steps.source, "id": 0 if book is None else book["id"] + 1,
                "held": set(), "cache": {}}
        books[key] = book
    return book


def _wanted(position: int, count: int) -> list[int]:
    """The positions the browser should hold: the current one, then outwards, then 0."""
    near = [position + d * side for d in range(1, WINDOW + 1) for side in (1, -1)]
    return list(dict.fromkeys([position, *(k for k in near if 0 <= k < count), 0]))


def step_chart(key: str, steps: StepFrames, *, height: int | None = None,
               width: str | int = "content", config: dict | None = None) -> None:
    """Show position ``steps.position`` in live chart ``key`` and send the browser the
    figures around it that it lacks (module docstring). Options as ``live_chart``'s."""
    book = _book(key, steps)
    cache, held, position = book["cache"], book["held"], steps.position

    def figure_at(k: int) -> dict:
        if k not in cache:
            cache[k] = plain_figure(steps.figure_of(k))
        return cache[k]

    missing = [k for k in _wanted(position, steps.count) if k not in held]
    ref = min(held, key=lambda k: abs(k - position), default=None)
    entries: list[list[Any]] = []
    if ref is None:
        entries.append([position, {"figure": figure_at(position)}])
        ref = position
        missing.remove(position)
    entries += [[k, figure_update(figure_at(ref), figure_at(k))] for k in missing]
    held.update(missing, [position])
    for k in [k for k in cache if abs(k - position) > 2 * WINDOW + 1 and k not in (0, ref)]:
        del cache[k]  # kept near the current position only: recomputed if needed again
    content = {"frames": [], "step": {
        "id": book["id"], "position": position, "count": steps.count, "moves": steps.moves,
        "controls": dict(steps.controls), "ref": ref, "figures": encode(entries)}}
    send(key, figure_at(position), content, height=height, width=width, config=config)
