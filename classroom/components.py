"""The JavaScript of the app's own components, as a simulated student runs it.

``ui/live_chart.py``'s frame clock (a Custom Components v2 element, data role ``clock``): once
the run that brought it is over and the browser has drawn the charts, and at least
``interval`` seconds after its previous request, it sends the trigger ``tick`` (the clock's
``seq``) for the fragment the clock sits in; a clock that stops running cancels what it
planned; a clock whose ``seq`` it has already answered waits for the next. The student does
the same when the run has finished, ``DRAW_SECONDS`` later (the browser's drawing time, which
nobody simulates here).

A trigger of a v2 component is the widget ``$$STREAMLIT_INTERNAL_KEY_<id>__events`` with a JSON
list of ``{"event", "value"}`` payloads (Streamlit's ``BidiComponent`` frontend).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Coroutine
from typing import Protocol

from streamlit.proto.Element_pb2 import Element
from streamlit.proto.WidgetStates_pb2 import WidgetState

DRAW_SECONDS = 0.02  # what a browser takes to draw a frame of the playground (plotly.react)
INTERNAL_PREFIX = "$$STREAMLIT_INTERNAL_KEY"


class Tab(Protocol):
    """What an emulator needs of a simulated student (``classroom.student.Student``)."""

    on_element: list[Callable[[Element, str], None]]
    on_run: list[Callable[[object], None]]

    def spawn(self, coroutine: Coroutine) -> asyncio.Task: ...

    async def send_states(self, states: list[WidgetState], fragment_id: str = "") -> None: ...


def trigger_state(component_id: str, event: str, value: object) -> WidgetState:
    """The widget state a v2 component's ``setTriggerValue(event, value)`` sends."""
    return WidgetState(id=f"{INTERNAL_PREFIX}_{component_id}__events",
                       json_trigger_value=json.dumps([{"event": event, "value": value}]))


def component_data(element: Element) -> dict:
    """The JSON data a v2 component element was given (``{}`` if none)."""
    proto = element.bidi_component
    text = proto.json or proto.mixed.json
    try:
        data = json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def frame_count(element: Element) -> int:
    """How many frames a chart element carries: a live chart's batch, else one."""
    if element.WhichOneof("type") != "bidi_component":
        return 1
    frames = component_data(element).get("frames")
    return len(frames) if isinstance(frames, list) and frames else 1


class FrameClocks:
    """Runs every frame clock that reaches one student (see the module docstring)."""

    def __init__(self, student: Tab) -> None:
        self.student = student
        self._answered: dict[str, object] = {}  # clock id → the seq it answered (or will)
        self._due: dict[str, tuple[object, str, float]] = {}  # to answer when the run ends
        self._last: dict[str, float] = {}  # clock id → when it last asked
        self._planned: dict[str, asyncio.Task] = {}
        student.on_element.append(self.take)
        student.on_run.append(self.run_over)

    def take(self, element: Element, fragment_id: str) -> None:
        if element.WhichOneof("type") != "bidi_component":
            return
        data = component_data(element)
        if data.get("role") != "clock":
            return
        clock, seq = element.bidi_component.id, data.get("seq")
        if data.get("running") and self._answered.get(clock) == seq:
            return
        self._cancel(clock)
        if not data.get("running"):
            self._answered.pop(clock, None)
            return
        self._answered[clock] = seq
        self._due[clock] = (seq, fragment_id, float(data.get("interval") or 0.0))

    def run_over(self, run: object) -> None:
        """The run is over (the browser's script state leaves "running"): answer the clocks."""
        for clock, (seq, fragment_id, interval) in self._due.items():
            wait = max(DRAW_SECONDS, self._last.get(clock, -1e9) + interval - time.monotonic())
            self._planned[clock] = self.student.spawn(self._tick(clock, seq, fragment_id, wait))
        self._due.clear()

    async def _tick(self, clock: str, seq: object, fragment_id: str, wait: float) -> None:
        await asyncio.sleep(wait)
        self._last[clock] = time.monotonic()
        with contextlib.suppress(Exception):  # a closed connection: the reconnect reruns
            await self.student.send_states([trigger_state(clock, "tick", seq)], fragment_id)

    def _cancel(self, clock: str) -> None:
        self._due.pop(clock, None)
        task = self._planned.pop(clock, None)
        if task is not None:
            task.cancel()


EMULATORS = (FrameClocks,)  # what every simulated student runs besides Streamlit's own code
