"""Play / Pause / Step / Reset for the optimizer race kept in the session, and the fragment
that advances it while playing.

The session keeps the number of steps to show, ``t``, and the race built for the current
settings. When a setting changes (a learning rate, the start, the surface) a new race is built
and run to the same ``t`` at once, so a slider redraws the paths immediately (as in Distill's
"Why momentum really works"). While playing, only the views' fragment reruns, each time the
browser has drawn the last frame: it takes ``speed`` more steps and redraws the live charts
in place.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import streamlit as st

from nncore.optimization.race import Race, RacerSpec
from nncore.optimization.surfaces import Point, Surface
from ui.i18n import t
from ui.live_chart import frame_clock

KEY = "or"
INTERVAL = 0.05  # seconds at least between two frames while playing
_RACE, _T, _PLAYING, _LIMIT = f"{KEY}_race_kept", f"{KEY}_t", f"{KEY}_playing", f"{KEY}_limit"


def race_for(source: Hashable, surface: Surface, start: Point, specs: Sequence[RacerSpec],
             limit: int) -> Race:
    """The session's race for these settings: the kept one, or a new one run to step t."""
    st.session_state[_LIMIT] = limit
    # a first visit shows the whole race; Play replays it from the start
    st.session_state[_T] = min(int(st.session_state.get(_T, limit)), limit)
    key = (source, tuple((s.name, s.lr, tuple(sorted(s.settings.items()))) for s in specs))
    kept = st.session_state.get(_RACE)
    if kept is not None and kept[0] == key and kept[1].t <= st.session_state[_T]:
        race = kept[1]
    else:
        race = Race(surface, start, specs)
        st.session_state[_RACE] = (key, race)
    race.step(st.session_state[_T] - race.t)
    st.session_state[_T] = race.t if not race.running else st.session_state[_T]
    return race


def current_race() -> Race:
    return st.session_state[_RACE][1]


def is_playing() -> bool:
    return bool(st.session_state.get(_PLAYING, False))


def steps_shown() -> int:
    return int(st.session_state.get(_T, 0))


def _set_playing(playing: bool) -> None:
    """Play or Pause (set, not toggled: a replayed click must keep its meaning). Play at the
    end starts again from the start."""
    if playing and (steps_shown() >= st.session_state.get(_LIMIT, 0)
                    or not current_race().running):
        st.session_state[_T] = 0
    st.session_state[_PLAYING] = playing


def _step() -> None:
    st.session_state[_T] = min(steps_shown() + 1, st.session_state.get(_LIMIT, 0))
    st.session_state[_PLAYING] = False


def _reset() -> None:
    st.session_state[_T] = 0
    st.session_state[_PLAYING] = False


def race_controls() -> None:
    """Play (Pause while playing), Step and Reset in one row; keys ``or_play``/``or_pause``,
    ``or_step``, ``or_reset``."""
    playing = is_playing()
    play, step, reset = st.columns(3)
    if playing:
        play.button(t("training.pause"), key=f"{KEY}_pause", icon=":material/pause:",
                    on_click=_set_playing, args=(False,), type="primary", width="stretch")
    else:
        play.button(t("training.play"), key=f"{KEY}_play", icon=":material/play_arrow:",
                    on_click=_set_playing, args=(True,), type="primary", width="stretch")
    step.button(t("optimizer_race.step"), key=f"{KEY}_step", icon=":material/skip_next:",
                on_click=_step, width="stretch", disabled=playing)
    reset.button(t("training.reset"), key=f"{KEY}_reset", icon=":material/restart_alt:",
                 on_click=_reset, width="stretch", help=t("optimizer_race.reset_help"))


def live_race(render: Callable[[Race, bool], None], speed: int) -> None:
    """``render(race, playing)`` in a fragment that, while playing, takes ``speed`` steps each
    time the browser has drawn the last frame (``ui.live_chart.frame_clock``); it stops at
    the step limit or when no racer runs."""
    shown = is_playing()  # what this full run's buttons say

    @st.fragment
    def views() -> None:
        race, playing = current_race(), is_playing()
        if playing != shown:
            # Play or Pause landed with the frame clock's request and Streamlit ran the
            # fragment only (as in ui.training.loop): redraw the page, so that the buttons
            # say what is happening.
            st.rerun()
        frame_clock(f"{KEY}_clock", running=playing, interval=INTERVAL)
        if playing:
            limit = st.session_state.get(_LIMIT, 0)
            race.step(min(race.t + speed, limit) - race.t)
            st.session_state[_T] = race.t
            if race.t >= limit or not race.running:
                st.session_state[_PLAYING] = False
                st.rerun()  # the race ended: redraw the buttons, stop the clock
        render(race, playing)

    views()
