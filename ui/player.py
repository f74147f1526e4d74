"""The step-through player shared by every page that walks through a trace.

A trace of ``n_steps`` steps has ``n_steps + 1`` positions: 0 shows nothing computed yet, position
``k`` shows the graph after step ``k``. Controls: Reset, Previous, Next, Play/Pause, a step
slider, and a phase label; keyboard: ← / → previous / next, Space play / pause, Home reset
(Streamlit keeps R and C for itself). Everything below the quiz toggle is one fragment, so a
click redraws only the player; while playing, the fragment is a loop paced by the browser
(``ui.live_chart.frame_clock``): the next step is asked for once the last one is drawn and
``interval`` seconds have passed. A page draws its charts with :func:`player_chart` (or
``ui.live_chart.live_chart``) so that the same chart element is updated in place at every
step; :func:`player_chart` also lets the browser show the next, previous or first step's
figure the moment Next, Previous or Reset is clicked (or ←, →, Home pressed), before the
rerun that the click starts has reached the server (``ui.live_steps``).

``?step=7`` opens the page's first player at step 7 (clamped to the trace; an unusable value
falls back to 0 with a notice), and the URL follows the player so a link shows the same step.
In quiz mode the player asks for the number the *next* step will reveal before the student
presses Next.

Usage on a page::

    def draw(view: PlayerView) -> None:
        player_chart(view, "simple_graph", scene.frame)   # figure_of(position)

    step_player("simple", n_steps=len(trace), render=draw, phase_of=lambda k: ..., question=...)

The player's session state is its own: other modules read and change it only through
:func:`player_position`, :func:`reset_player` and :func:`quiz_mode`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.class_share import busy
from ui.i18n import t
from ui.layout import fmt
from ui.live_chart import frame_clock
from ui.live_steps import StepFrames, step_chart
from ui.messages import literal
from ui.url_state import Setting, hidden, page_id

STEP_PARAM = "step"  # the URL's query parameter
SHORTCUTS = {"reset": "Home", "previous": "Left", "play": "Space", "next": "Right"}
_URL_READ = "_player_url_read"  # session key: the pages whose first player has read ?step=


@dataclass(frozen=True)
class PlayerView:
    """What the page's render callback needs: the position and whether quiz mode is on."""

    position: int
    n_steps: int
    quiz: bool
    player: str = ""  # the player's key
    source: object = field(default=None, compare=False)  # the same while the steps are
    moves: int = 0  # clicks on Next / Previous / Reset handled so far (see ui.live_steps)


@dataclass(frozen=True)
class Question:
    """A quiz question about one step: the prompt, the right answer and the rule behind it."""

    prompt: str
    answer: float
    rule: str


def _state_keys(key: str) -> tuple[str, str, str]:
    return f"{key}_position", f"{key}_playing", f"{key}_quiz"


def player_position(key: str) -> int:
    """Where player ``key`` stands (0 before it was drawn)."""
    return int(st.session_state.get(_state_keys(key)[0], 0))


def reset_player(key: str) -> None:
    """Back to position 0, paused (e.g. from a callback when the trace changes)."""
    position_key, playing_key, _ = _state_keys(key)
    st.session_state[position_key] = 0
    st.session_state[playing_key] = False


def quiz_mode(key: str) -> bool:
    """Whether player ``key`` is in quiz mode."""
    return bool(st.session_state.get(_state_keys(key)[2], False))


def _playing(key: str) -> bool:
    return bool(st.session_state.get(_state_keys(key)[1], False))


def _move(key: str, n_steps: int, to: int) -> None:
    """Go to position ``to`` (clamped); a move by hand pauses."""
    position_key, playing_key, _ = _state_keys(key)
    st.session_state[position_key] = max(0, min(n_steps, to))
    st.session_state[playing_key] = False


def _moves_key(key: str) -> str:
    return f"{key}_moves"


def _click(key: str, n_steps: int, to: int) -> None:
    """A click on Next, Previous or Reset: counted (the browser, which showed its step at
    once, learns from the count that the server has caught up), then the move."""
    st.session_state[_moves_key(key)] = st.session_state.get(_moves_key(key), 0) + 1
    _move(key, n_steps, to)


def _set_playing(key: str, n_steps: int, playing: bool) -> None:
    """Play or Pause. It sets the state rather than toggling it: a click that Streamlit replays
    must not undo itself. Play at the end starts again from the beginning."""
    position_key, playing_key, _ = _state_keys(key)
    if playing and st.session_state.get(position_key, 0) >= n_steps:
        st.session_state[position_key] = 0
    st.session_state[playing_key] = playing


def _pause(key: str) -> None:
    st.session_state[_state_keys(key)[1]] = False


def _button(where: DeltaGenerator, name: str, key: str, icon: str,
            **kwargs: object) -> None:
    """One control: label ``player.<name>`` and its keyboard shortcut (shown on the button)."""
    kind = "play" if name in ("play", "pause") else name
    where.button(t(f"player.{name}"), key=key, icon=icon, shortcut=SHORTCUTS[kind],
                 width="stretch", **kwargs)


def player_controls(key: str) -> dict[str, str]:
    """CSS selectors of player ``key``'s Next, Previous and Reset buttons."""
    return {name: f".st-key-{key}_{name} button" for name in ("next", "previous", "reset")}


def player_chart(view: PlayerView, key: str, figure_of: Callable[[int], Any],
                 **options: Any) -> None:
    """Live chart ``key`` showing ``figure_of(view.position)``, stepped in the browser at once
    by the player's Next / Previous / Reset (``ui.live_steps``; ``figure_of`` is called for
    the positions around the current one, once per full run of the page). ``options``:
    ``live_chart``'s ``height``, ``width``, ``config``."""
    step_chart(key, StepFrames(figure_of, view.n_steps + 1, view.position, view.source,
                               player_controls(view.player), view.moves), **options)


def _controls(key: str, n_steps: int, position: int, playing: bool) -> None:
    reset, previous, play, following = st.columns(4)
    _button(reset, "reset", f"{key}_reset", ":material/first_page:", on_click=_click,
            args=(key, n_steps, 0))
    _button(previous, "previous", f"{key}_previous", ":material/chevron_left:", on_click=_click,
            args=(key, n_steps, position - 1), disabled=position == 0)
    # Two buttons with their own keys, not one that changes its label: a click Streamlit
    # replays after Play became Pause must not reach the other button.
    if playing:
        _button(play, "pause", f"{key}_pause", ":material/pause:", on_click=_set_playing,
                args=(key, n_steps, False), type="primary")
    else:
        _button(play, "play", f"{key}_play", ":material/play_arrow:", on_click=_set_playing,
                args=(key, n_steps, True), type="primary", disabled=n_steps == 0)
    _button(following, "next", f"{key}_next", ":material/chevron_right:", on_click=_click,
            args=(key, n_steps, position + 1), disabled=position == n_steps)


def _quiz_panel(key: str, position: int, question: Question) -> None:
    st.markdown(f"**{t('player.quiz_title')}** {question.prompt}")
    answer_col, check_col = st.columns([3, 1], vertical_alignment="bottom")
    guess = answer_col.number_input(t("player.quiz_answer"), value=None, format="%.4f",
                                    key=f"{key}_guess_{position}")
    if check_col.button(t("player.quiz_check"), key=f"{key}_check_{position}", width="stretch"):
        if guess is None:
            st.warning(t("player.quiz_empty"))
        elif round(guess, 2) == round(question.answer, 2):
            st.success(t("player.quiz_right", answer=fmt(question.answer)))
        else:
            st.error(t("player.quiz_wrong", answer=fmt(question.answer), rule=question.rule))


def _start(key: str, n_steps: int, notice: DeltaGenerator) -> None:
    """Seed the position: from ``?step=`` for the page's first player in the session (with a
    notice in ``notice`` when the value had to be changed), else 0; clamp a kept one."""
    position_key = _state_keys(key)[0]
    pages = st.session_state.setdefault(_URL_READ, set())
    if position_key not in st.session_state:
        st.session_state[position_key] = 0
        text = st.query_params.get(STEP_PARAM)
        if page_id() not in pages and text is not None:
            setting = Setting(STEP_PARAM, 0, 0, n_steps)
            value, status = setting.read(text)
            st.session_state[position_key] = value
            if status is not None:
                change = t(f"classroom.url_{status}", given=literal(f"{STEP_PARAM}={text}"),
                           value=literal(setting.format(value)))
                notice.warning(t("classroom.url_notice", items=change),
                               icon=":material/link_off:")
    pages.add(page_id())
    st.session_state[position_key] = min(int(st.session_state[position_key]), n_steps)


def _write_step(position: int) -> None:
    """The URL follows the player (no ``step`` at position 0, so links stay short)."""
    if position == 0:
        if STEP_PARAM in st.query_params:
            del st.query_params[STEP_PARAM]
    elif st.query_params.get(STEP_PARAM) != str(position):
        st.query_params[STEP_PARAM] = str(position)


def step_player(
    key: str,
    n_steps: int,
    render: Callable[[PlayerView], None],
    *,
    phase_of: Callable[[int], str] | None = None,
    question: Callable[[int], Question | None] | None = None,
    interval: float = 1.0,
    quiz_above: bool = False,
) -> int:
    """Draw the player and ``render`` the current position; return that position.

    ``phase_of(k)`` labels position ``k`` (e.g. "forward pass"); ``question(k)`` is the quiz
    question for step ``k`` (asked while the player stands at ``k - 1``), or None where there is
    nothing to ask. While playing, one step every ``interval`` seconds (or slower, when drawing
    takes longer). ``quiz_above`` asks the question above the rendered step instead of below
    it (for a page whose step is taller than a screen).
    """
    position_key, playing_key, quiz_key = _state_keys(key)
    _start(key, n_steps, st.container())
    st.session_state.setdefault(playing_key, False)
    if question is not None and not hidden(None, "quiz"):  # hide=quiz, hide=all: no toggle
        st.toggle(t("player.quiz_mode"), key=quiz_key, help=t("player.quiz_help"))

    @st.fragment
    def body() -> None:
        with busy():  # a student waits for the step: playing sessions let it go first
            steps()

    def steps() -> None:
        # Every run while playing is a tick of the clock (or the Play click): one step on. A
        # click on another control has paused first.
        if _playing(key):
            _move(key, n_steps, player_position(key) + 1)
            st.session_state[playing_key] = player_position(key) < n_steps
        position, playing = player_position(key), _playing(key)
        _controls(key, n_steps, position, playing)
        st.slider(t("player.step"), 0, max(n_steps, 1), key=position_key,
                  disabled=n_steps == 0, on_change=_pause, args=(key,))
        label = phase_of(position) if phase_of else ""
        st.markdown(t("player.position", position=position, total=n_steps, phase=label))
        quiz_on = quiz_mode(key)
        asked = question(position + 1) if quiz_on and question and position < n_steps else None
        above = st.container()  # always there, so the step's charts keep their place
        if asked is not None and quiz_above:
            with above:
                _quiz_panel(key, position, asked)
        render(PlayerView(position=position, n_steps=n_steps, quiz=quiz_on, player=key,
                          source=render, moves=st.session_state.get(_moves_key(key), 0)))
        if asked is not None and not quiz_above:
            _quiz_panel(key, position, asked)
        frame_clock(f"{key}_clock", running=playing, interval=interval,
                    stop_on=", ".join(f".st-key-{key}_{name} button"
                                      for name in ("pause", "next", "previous", "reset")))
        _write_step(position)

    body()
    return player_position(key)
