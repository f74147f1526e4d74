"""How a simulated student plays the playground: pluggable, because the playground's live
loop is being rebuilt (a pull-based frame loop in a custom component will replace the timer).

A play mode knows how to start playing, what counts as one redraw, and how to pause (and
when the page shows that it paused); the live loop itself runs in the student, as the
browser's own code (Streamlit's fragment timers, the app's components: see
``classroom.components``). Add a mode for another live page and name it in ``PLAY_MODES``;
``bench/class_load.py --play-mode NAME`` picks it.
"""

from __future__ import annotations

import time
from typing import Protocol

from classroom.protocol import FINISHED_OK, INTERRUPTED
from classroom.student import Run, Student


class PlayMode(Protocol):
    name: str

    async def start(self, student: Student) -> float:
        """Press Play; seconds until the page shows it is playing."""

    def redraws(self, student: Student) -> int:
        """Redraws of the live views the student has seen so far."""

    def interrupted(self, student: Student) -> int:
        """Live-view updates that were started and then abandoned for a newer one."""

    async def stop(self, student: Student) -> float:
        """Press Pause; seconds until the page shows it paused."""


class PlaygroundPlay:
    """The playground's Play/Pause buttons (``pg_play``/``pg_pause``, full reruns); while it
    plays, the student runs whatever live loop the page has, as the browser does: the
    ``st.fragment(run_every=…)`` timer (Streamlit's ``auto_rerun``) or the frame clock of
    ``ui/live_chart.py`` (``classroom.components``). A redraw is a picture of the decision
    boundary the browser shows: a finished run that sent the boundary (the chart or live
    chart with key ``pg_boundary``) gives as many as the frames it sent; an abandoned tick is
    a fragment run stopped early for the next request."""

    name = "playground"
    chart = "pg_boundary"
    play, pause = "pg_play", "pg_pause"

    def _drawn(self, run: Run) -> int:
        if run.status not in FINISHED_OK:
            return 0
        return sum(n for chart, n in run.frames.items() if chart.endswith(f"-{self.chart}"))

    async def start(self, student: Student) -> float:
        return await student.click(self.play)

    def redraws(self, student: Student) -> int:
        return sum(self._drawn(run) for run in student.runs)

    def interrupted(self, student: Student) -> int:
        return sum(1 for run in student.runs if run.fragment_id and run.status == INTERRUPTED)

    async def stop(self, student: Student) -> float:
        """Pause, then until the Play button is back (a tick already queued may still run)."""
        start = time.monotonic()
        await student.click(self.pause)
        await student.wait_until(lambda: self.play in student.screen.widgets())
        return time.monotonic() - start


PLAY_MODES: dict[str, PlayMode] = {mode.name: mode for mode in (PlaygroundPlay(),)}
